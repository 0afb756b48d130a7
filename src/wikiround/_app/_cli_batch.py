"""The command line's batch mode: folders, several files and dumps, through the batch
engine (:mod:`._batch`). Apart from :mod:`._cli`, so that converting one file loads
neither the engine nor the dump reader."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import attrs

from wikiround import dumps
from wikiround._app._batch import (
    EMPTY_PAGE,
    FAILED,
    IGNORED,
    OK,
    OTHER_NAMESPACE,
    PASSED_OVER,
    REDIRECT,
    WITHOUT_TEMPLATE,
    XML,
    Bound,
    Claims,
    Mapped,
    OutputError,
    Result,
    Tally,
    cannot_write,
    convert_file,
    give_mode,
    is_dump,
    plan_files,
    run_dump,
)
from wikiround._app._cli import (
    FAILED_STATUS,
    OK_STATUS,
    WARNED_STATUS,
    _error,
    _options,
    _prog,
    _say,
    _show_progress,
    _StdoutClosed,
    _unused_options,
)
from wikiround._app._convert import JSON, PLAIN, WIKITEXT, Options
from wikiround._app._files import not_regular
from wikiround._app._round_trip import EDITED, onto_hint
from wikiround._app._streams import silence_stdout, stdout
from wikiround._text import printable

__all__ = ["run_batch"]


class _Progress:
    """A progress bar on standard error (tqdm) when ``show`` says so, or by default when
    standard error is a terminal; silent otherwise, and when standard error is closed or
    cannot be written."""

    def __init__(
        self, total: int | None, unit: str, *, scale: bool = False, show: bool | None = None
    ) -> None:
        self.bar = None
        stderr = sys.stderr
        if stderr is None:
            return
        try:
            wanted = stderr.isatty() if show is None else show
        except ValueError:  # closed
            return
        if wanted:
            from tqdm import tqdm

            with self._failing():
                self.bar = tqdm(
                    total=total, unit=unit, unit_scale=scale, file=stderr, dynamic_ncols=True
                )

    @contextlib.contextmanager
    def _failing(self) -> Iterator[None]:
        # Standard error that cannot be written (full, or gone): no more bar.
        try:
            yield
        except (OSError, ValueError):
            self.bar = None

    def say(self, line: str) -> None:
        if self.bar is not None:
            with self._failing():
                self.bar.write(printable(line), file=sys.stderr)
                return
        _say(line)

    def update(self, amount: int = 1, *, to: int | None = None) -> None:
        if self.bar is not None:
            with self._failing():
                self.bar.update(amount if to is None else to - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            with self._failing():
                self.bar.close()


def _show(result: Result, progress: _Progress, tally: Tally) -> None:
    tally.add(result)
    if result.status == FAILED:
        progress.say(f"wikiround: error: {result.message}")
    elif result.status == IGNORED:
        progress.say(f"wikiround: {result.message}")
    for line in (*result.report, *result.warnings):
        progress.say(line)


class _Sink:
    """Where collected outputs go: an XML import file or JSON Lines, written to a
    temporary file and moved into place at the end (or standard output). A write that
    fails raises :class:`OutputError`; the temporary file is then removed, never moved."""

    def __init__(self, path: str | None, kind: str, *, json: bool = False) -> None:
        self.kind = kind
        self.json = json
        self.path = path
        self.name = "standard output" if path is None or path == "-" else path
        self.stdout = path is None or path == "-"
        self.temporary: str | None = None
        self.stream: IO[str]
        if path is not None and not self.stdout and not_regular(Path(path)):
            # A device or a pipe (/dev/null, a FIFO): written into, never replaced.
            try:
                self.stream = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            except OSError as error:
                raise OutputError(cannot_write(path, error)) from None
        elif path is None or path == "-":
            try:
                standard = stdout()
                standard.flush()
                self.stream = open(  # noqa: SIM115 - closed in finish()
                    standard.fileno(), "w", encoding="utf-8", newline="\n", closefd=False
                )
            except OSError as error:
                raise OutputError(cannot_write(self.name, error)) from None
        else:
            target = Path(path)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                handle, self.temporary = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
                )
            except OSError as error:
                raise OutputError(cannot_write(path, error)) from None
            self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        self.count = 0
        # The titles written (as MediaWiki stores them), and the revisions' timestamps.
        self.titles: dict[str, str] = {}
        self.timestamps = dumps.revision_timestamps()

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            if self.temporary is None:
                # Standard output: each record reaches the reader whole before it counts.
                self.stream.flush()
        except BrokenPipeError:
            if self.stdout:
                raise _StdoutClosed from None
            raise OutputError(cannot_write(self.name, BrokenPipeError())) from None
        except OSError as error:
            raise OutputError(cannot_write(self.name, error)) from None

    def add(self, result: Result) -> Result:
        """Write the result's output; a failed result instead when it cannot be."""
        if result.output is None:
            return result
        if self.kind == XML:
            key = dumps.mediawiki_title(result.title)
            other = self.titles.get(key)
            if other is not None:
                # MediaWiki would import both into one page: the second would replace the
                # first without a word.
                same = "" if other == result.title else f" (to MediaWiki, the same as {other!r})"
                message = f"{result.label}: the title {result.title!r}{same} is already in the file"
                return attrs.evolve(result, status=FAILED, message=message, output=None)
            self.titles[key] = result.title
            if self.count == 0:
                self._write(dumps.export_header())
            page = dumps.export_page(
                result.title, result.output, self.count + 1, timestamp=next(self.timestamps)
            )
            self._write(page)
        else:
            record: dict[str, object] = {"title": result.title, "id": result.page_id}
            if self.json:
                record["article"] = json.loads(result.output)
            else:
                record["text"] = result.output
            self._write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1
        return result

    def finish(self) -> None:
        if self.kind == XML:
            if self.count == 0:
                self._write(dumps.export_header())
            self._write(dumps.export_footer())
        try:
            self.stream.flush()
            if self.temporary is not None and self.path is not None:
                give_mode(self.stream.fileno(), Path(self.path))
                os.fsync(self.stream.fileno())  # on disk before it takes the name
            self.stream.close()
            if self.temporary is not None and self.path is not None:
                os.replace(self.temporary, self.path)
                self.temporary = None
        except BrokenPipeError:
            if self.stdout:
                raise _StdoutClosed from None
            raise OutputError(cannot_write(self.name, BrokenPipeError())) from None
        except OSError as error:
            raise OutputError(cannot_write(self.name, error)) from None

    def abandon(self) -> int:
        """Throw away what could not be written, with the file; the number of documents
        whose records were in it (none for standard output, where each record that was
        written has reached the reader)."""
        with contextlib.suppress(OSError, ValueError):
            self.stream.close()
        if self.temporary is None:
            if self.stdout:
                silence_stdout()  # what is left in the buffer would fail again at exit
            return 0
        Path(self.temporary).unlink(missing_ok=True)
        return self.count


def run_batch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run the command line on several inputs, a folder or dumps; the exit status."""
    options = _options(args)
    dump_inputs = [path for path in args.files if not Path(path).is_dir() and is_dump(path)]
    documents = [path for path in args.files if path not in dump_inputs]
    target = args.target
    sink_kind: str | None = None
    if target == XML:
        sink_kind = XML
    elif not documents and (args.output in (None, "-") or args.output.endswith(".jsonl")):
        sink_kind = "jsonl"
    if sink_kind is None and args.output in (None, "-"):
        parser.error(
            "several files or a folder need -o DIR (or --to xml); '-o -' (standard output) "
            "takes one article, a dump's JSON Lines or --to xml"
        )
    if args.title and len(args.files) > 1:
        parser.error("--title names one article; it cannot be used with several files")
    if args.template and dump_inputs and not documents:
        parser.error(
            "--template names the infobox template of plain-text input; to keep the dump "
            "pages that call a template, use --with-template"
        )
    if args.skip_existing and sink_kind is not None:
        parser.error("--skip-existing needs -o DIR: it skips files that are already there")
    output_dir = None if sink_kind is not None else Path(args.output)
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        parser.error(f"-o {args.output}: not a folder")
    noun = "page" if dump_inputs and not documents else "document"
    tally = Tally()
    claims = Claims()
    passed_over: Counter[str] = Counter()
    sink = None
    written = ""
    try:
        if sink_kind is not None:
            sink = _Sink(args.output, sink_kind, json=target == JSON)
        if documents:
            _run_documents(args, options, documents, output_dir, sink, tally, claims)
        for dump in dump_inputs:
            _run_dump(args, options, dump, output_dir, sink, tally, claims, passed_over)
        if sink is not None:
            written = _finish(sink, tally.failed)
    except OutputError as error:
        _error(f"{error}; stopped")
        if sink is not None:
            # Written to a file that is not kept: those documents were not converted.
            tally.discard(sink.abandon(), sink.name)
        _say(f"wikiround: {tally.summary(noun)}")
        return FAILED_STATUS
    except BaseException:
        if sink is not None:
            sink.abandon()
        raise
    read = {source for source, count in tally.sources.items() if count}
    for line in _unused_options(args, read | ({WIKITEXT} if dump_inputs else set()), "wikiround"):
        _say(line)
    if not args.quiet:
        left_alone = _passed_over(passed_over, args.with_template)
        if dump_inputs and not documents and not left_alone and not sum(tally.statuses.values()):
            left_alone = "; the dump holds no page" if len(dump_inputs) == 1 else "; no page"
        hint = _edit_hint(args, tally) if not dump_inputs else ""
        _say(f"wikiround: {tally.summary(noun)}{left_alone}{written}{hint}")
    if tally.failed:
        return FAILED_STATUS
    return WARNED_STATUS if tally.warned else OK_STATUS


def _edit_hint(args: argparse.Namespace, tally: Tally) -> str:
    """For a batch that read wikitext files with loss into plain text or JSON: how to put
    edits back onto a page (``--onto``), for the summary."""
    if not tally.sources[WIKITEXT] or args.strict or args.target not in (None, *EDITED):
        return ""
    return f"; {onto_hint(_prog(), EDITED[args.target or PLAIN], 'PAGE.wiki')}"


def _finish(sink: _Sink, failed: int) -> str:
    """Finish the collected output; what the summary says of it when some documents
    failed. A file with records is written without those that failed; one that would hold
    none is not written."""
    if not failed:
        sink.finish()
        return ""
    if not sink.count:
        to_file = sink.temporary is not None
        sink.abandon()
        return f"; {sink.name} not written" if to_file else "; nothing written"
    sink.finish()
    held = "page" if sink.kind == XML else "record"
    return (
        f"; {sink.name} holds {sink.count} {held}{'' if sink.count == 1 else 's'}, without "
        f"the {failed} that failed"
    )


def _passed_over(counts: Counter[str], template: str | None) -> str:
    """``; passed over: 3 redirects, 1 empty page`` for the summary, or ``""``."""
    names = {
        REDIRECT: ("redirect", "redirects"),
        WITHOUT_TEMPLATE: ("page", "pages", f" without {{{{{template}}}}} (--with-template)"),
        EMPTY_PAGE: ("empty page", "empty pages"),
        OTHER_NAMESPACE: ("page", "pages", " of another namespace (--namespace)"),
    }
    parts = []
    for why in sorted(counts, key=lambda why: (-counts[why], PASSED_OVER.index(why))):
        one, several, *after = names[why]
        parts.append(f"{counts[why]} {one if counts[why] == 1 else several}{''.join(after)}")
    return "; passed over: " + ", ".join(parts) if parts else ""


def _take(result: Result, sink: _Sink | None, progress: _Progress, tally: Tally) -> None:
    """Count and show one result, writing its output to ``sink``. A failure to write an
    output counts as that document's failure and stops the run (:class:`OutputError`)."""
    if result.output_failed:
        tally.add(result)
        raise OutputError(result.message)
    if sink is not None:
        try:
            result = sink.add(result)
        except OutputError:
            tally.add(attrs.evolve(result, status=FAILED, output=None))
            raise
    _show(result, progress, tally)


def _run_documents(
    args: argparse.Namespace,
    options: Options,
    documents: list[str],
    output_dir: Path | None,
    sink: _Sink | None,
    tally: Tally,
    claims: Claims,
) -> None:
    for path in documents:
        if not Path(path).exists():
            tally.add(Result(path, FAILED))
            _error(f"{path}: No such file or directory")
    plan = list(
        plan_files(
            [path for path in documents if Path(path).exists()],
            output_dir,
            source=options.source,
            target=options.target,
            skip_existing=args.skip_existing,
            claims=claims,
        )
    )
    progress = _Progress(len(plan), "file", show=_show_progress(args))
    results = Bound(convert_file, options, args.report).map(plan, args.jobs)
    try:
        for result in results:
            _take(result, sink, progress, tally)
            progress.update()
    except OutputError:
        _count_the_rest(results, sink, tally)
        raise
    except BaseException as error:
        results.interrupted = not isinstance(error, Exception)  # Ctrl-C, SIGTERM
        raise
    finally:
        try:
            results.close()
        finally:
            progress.close()


def _run_dump(
    args: argparse.Namespace,
    options: Options,
    dump: str,
    output_dir: Path | None,
    sink: _Sink | None,
    tally: Tally,
    claims: Claims,
    passed_over: Counter[str],
) -> None:
    try:
        size = Path(dump).stat().st_size
    except OSError as error:
        tally.add(Result(dump, FAILED))
        _error(f"{dump}: {error.strerror or error}")
        return
    progress = _Progress(size, "B", scale=True, show=_show_progress(args))
    results = run_dump(
        dump,
        output_dir,
        options,
        target=options.target or PLAIN,
        namespaces=frozenset(args.namespace) if args.namespace else frozenset({0}),
        template=args.with_template,
        skip_existing=args.skip_existing,
        workers=args.jobs,
        report=args.report,
        progress=lambda done: progress.update(to=done),
        claims=claims,
        passed_over=passed_over,
    )
    try:
        while True:
            # Only what reading the dump raises is the dump's fault: a failure to write
            # an output is raised as OutputError, outside this try.
            try:
                result = next(results)
            except StopIteration:
                break
            except dumps.DumpError as error:
                tally.add(Result(dump, FAILED))
                reason = f"not a readable MediaWiki XML dump: {error}"
                progress.say(f"wikiround: error: {dump}: {reason}")
                break
            _take(result, sink, progress, tally)
    except OutputError:
        _count_the_rest(results, sink, tally)
        raise
    except BaseException as error:
        results.interrupted = not isinstance(error, Exception)  # Ctrl-C, SIGTERM
        raise
    finally:
        try:
            results.close()
        finally:
            progress.close()


def _count_the_rest(results: Mapped[Result], sink: _Sink | None, tally: Tally) -> None:
    """After an output error: start nothing more, and count the documents the workers
    were converting, once they are done (their files are whole). Their outputs are not
    collected into ``sink``: there they count as failed."""
    results.stop()
    for result in results:
        if sink is not None and result.status == OK:
            result = attrs.evolve(result, status=FAILED, output=None)
        tally.add(result)
