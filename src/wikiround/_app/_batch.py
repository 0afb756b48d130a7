"""The batch engine: many documents, or the pages of dumps, over worker processes.

The main process plans the work (which file goes where), hands it to ``-j`` worker
processes in small chunks with a bounded number in flight (so memory stays flat however
many pages a dump holds), and gets back one small :class:`Result` per document, in input
order. Workers read, convert and write their documents themselves.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import IO, Generic, TypeVar

import attrs

from wikiround import dumps
from wikiround._app._convert import (
    EXTENSIONS,
    INPUT_SUFFIXES,
    WIKITEXT,
    Failure,
    Options,
    Outcome,
    bug_message,
    convert,
    default_target,
    detect_format,
    format_of_name,
    out_of_memory,
    over_budget,
    ran_out_of_memory,
    read_file,
    too_large,
)
from wikiround._app._files import (
    XML,
    cannot_write,
    give_mode,
    is_dump,
    not_regular,
    remove_temporaries,
    report_line,
    write_atomically,
)
from wikiround._app._pool import Lost, Mapped, ordered_map
from wikiround._text import is_blank
from wikiround.lossy import Kind

__all__ = [
    "IGNORED",
    "PASSED_OVER",
    "XML",
    "Bound",
    "Claims",
    "FileJob",
    "Mapped",
    "OutputError",
    "PageJob",
    "Result",
    "Tally",
    "cannot_write",
    "convert_file",
    "convert_page",
    "find_documents",
    "give_mode",
    "is_dump",
    "ordered_map",
    "plan_files",
    "plan_pages",
    "report_line",
    "run_dump",
    "safe_file_name",
    "write_atomically",
]

OK = "ok"
FAILED = "failed"
SKIPPED = "skipped"
# Not a regular file (a FIFO, a socket, a device): left alone, since reading it could
# wait forever or never end.
IGNORED = "ignored"

J = TypeVar("J")
R = TypeVar("R")


@attrs.frozen
class FileJob:
    """One file to convert: where it is, how it is named in messages, where it goes."""

    path: str
    label: str
    source: str | None
    target: str
    output: str | None


@attrs.frozen
class PageJob:
    """One page of a dump to convert."""

    label: str
    title: str
    page_id: int | None
    text: str
    target: str
    output: str | None


@attrs.frozen
class Result:
    """What became of one document. ``output`` is kept only when nothing was written
    (the caller collects it); ``report`` holds the full report lines when asked for."""

    label: str
    status: str
    message: str = ""
    title: str = ""
    page_id: int | None = None
    output: str | None = None
    dropped: tuple[tuple[str, int], ...] = ()
    unknown_templates: tuple[tuple[str, int], ...] = ()
    report: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    output_failed: bool = False
    """The output could not be written: the batch stops (the disk is full, say)."""
    source: str = ""
    """The format the document was read as (empty when it could not be read)."""


class OutputError(Exception):
    """An output could not be written; ``str()`` names it and says why. A batch stops
    at the first one, since the next outputs would fail the same way."""


# -- planning ---------------------------------------------------------------------------


def find_documents(folder: Path) -> Iterator[Path | OSError]:
    """The documents under ``folder``, recursively, in a stable order; hidden files and
    folders (names starting with ``.``) are left out, and so are symbolic links to
    folders. A folder that cannot be read is its :class:`OSError`, in its place."""
    failed: list[OSError] = []
    for root, folders, files in os.walk(folder, onerror=failed.append):
        yield from failed
        failed.clear()
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in INPUT_SUFFIXES:
                yield Path(root) / name
    yield from failed


def _resolved(path: Path) -> Path | None:
    """``path`` with its symbolic links resolved; None when that fails (a loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _sniff(path: Path, given: str | None) -> str | None:
    if given is not None:
        return given
    by_name = format_of_name(path)
    if by_name is not None:
        return by_name
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return None  # the worker reports it
    text = head.decode("utf-8", "ignore").removeprefix("\ufeff").replace("\r\n", "\n")
    return detect_format(text)


class Claims:
    """The output files of a run so far, across all its inputs, so that no two
    documents write the same file. Paths are compared case-folded and in Unicode's NFC (as
    a file system that ignores case, or normalises names, would) and kept as hashes: a
    dump may have millions of pages."""

    def __init__(self) -> None:
        self._owners: dict[int, str] = {}

    def owner(self, output: Path) -> str | None:
        """The label of the document that claimed ``output``, if one did."""
        return self._owners.get(_key(output))

    def claim(self, output: Path, label: str) -> None:
        self._owners[_key(output)] = label


def _key(output: Path) -> int:
    # Case-folded, and NFC before and after: "Café" and "Cafe\u0301" are one name on a
    # file system that normalises Unicode (as macOS's do).
    folded = unicodedata.normalize("NFC", os.path.normpath(output)).casefold()
    return hash(unicodedata.normalize("NFC", folded))


def plan_files(
    inputs: Iterable[str],
    output_dir: Path | None,
    *,
    source: str | None,
    target: str | None,
    skip_existing: bool,
    claims: Claims | None = None,
) -> Iterator[FileJob | Result]:
    """One job per document under ``inputs`` (files and folders), its output mirrored
    under ``output_dir`` (None: the output is kept, not written); a :class:`Result`
    instead for a document that cannot or need not be converted. ``claims`` holds the
    outputs of the run's other inputs."""
    claims = Claims() if claims is None else claims
    pairs: list[tuple[Path, Path] | OSError] = []
    empty: list[str] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found_here = [
                found if isinstance(found, OSError) else (found, found.relative_to(path))
                for found in find_documents(path)
            ]
            if not found_here:
                empty.append(given)
            pairs.extend(found_here)
        else:
            pairs.append((path, Path(path.name)))
    inputs_resolved = {_resolved(pair[0]) for pair in pairs if not isinstance(pair, OSError)}
    inputs_resolved.discard(None)
    suffixes = ", ".join(sorted(INPUT_SUFFIXES))
    for given in empty:
        yield Result(given, FAILED, f"{given}: no document ({suffixes}) in this folder")
    for pair in pairs:
        if isinstance(pair, OSError):
            label = str(pair.filename)
            reason = pair.strerror or str(pair)
            yield Result(label, FAILED, f"{label}: cannot read this folder: {reason}")
            continue
        path, relative = pair
        label = str(path)
        try:
            path.stat()
        except FileNotFoundError:
            pass  # the worker says so, as for any file that goes missing
        except OSError as error:  # a symbolic link loop, a folder that cannot be searched
            yield Result(label, FAILED, f"{label}: {error.strerror or error}")
            continue
        kind = not_regular(path)
        if kind:
            yield Result(label, IGNORED, f"{label}: not a regular file ({kind}), skipped")
            continue
        format_in = _sniff(path, source)
        format_out = target or default_target(format_in or WIKITEXT)
        if output_dir is None:
            yield FileJob(str(path), label, format_in, format_out, None)
            continue
        output = output_dir / relative.with_suffix(EXTENSIONS.get(format_out, ".txt"))
        if _resolved(output) in inputs_resolved:
            yield Result(label, FAILED, f"{label}: refusing to overwrite the input file {output}")
            continue
        owner = claims.owner(output)
        if owner is not None:
            yield Result(label, FAILED, f"{label}: {output} is also the output of {owner}")
            continue
        claims.claim(output, label)
        if skip_existing and output.exists():
            yield Result(label, SKIPPED)
            continue
        yield FileJob(str(path), label, format_in, format_out, str(output))


# Why a dump's page is passed over (not converted, not failed): the keys of
# plan_pages's count, in the order a summary lists them.
REDIRECT = "redirect"
EMPTY_PAGE = "empty"
WITHOUT_TEMPLATE = "without the template"
OTHER_NAMESPACE = "other namespace"
PASSED_OVER = (REDIRECT, EMPTY_PAGE, WITHOUT_TEMPLATE, OTHER_NAMESPACE)


# Written %XX in file names: what file systems reserve; the C0 and C1 controls (U+0085
# among them, a line break to some tools); the bidirectional controls, which make a name
# read otherwise than it is (U+202E shows "txt.exe" for "exe.txt"); the line and
# paragraph separators; "%" itself, and a leading dot (a hidden file).
_UNSAFE = re.compile(
    r'[\x00-\x1f\x7f-\x9f"*/:<>?\\|%\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|^\.'
)
# Names Windows keeps for devices, whatever their case, extension or spaces after them:
# "CON", "nul.txt" and "COM1 .wiki" open a device, not a file.
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
_NAME_LIMIT = 200  # bytes; most file systems allow 255 per name


def safe_file_name(title: str) -> str:
    """A file name (without extension) for a page title: characters that file systems
    reserve, controls and bidirectional marks, ``%`` and a leading dot are written
    ``%XX``, and so is the first letter of a name Windows keeps for a device (``CON`` is
    ``%43ON``); a long name is cut and given a hash of the title, so different titles get
    different names."""
    name = _UNSAFE.sub(lambda match: "".join(f"%{b:02X}" for b in match.group().encode()), title)
    if name.split(".", 1)[0].rstrip(" ").upper() in _DEVICES:
        name = f"%{ord(name[0]):02X}{name[1:]}"
    if len(name.encode("utf-8")) > _NAME_LIMIT:
        digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]
        cut = name.encode("utf-8")[: _NAME_LIMIT - 11].decode("utf-8", "ignore")
        name = f"{cut}~{digest}"
    return name or "%20"


def plan_pages(
    dump: str,
    stream: IO[bytes],
    output_dir: Path | None,
    *,
    target: str,
    namespaces: frozenset[int] | None,
    template: str | None,
    skip_existing: bool,
    claims: Claims,
    passed_over: Counter[str] | None = None,
    max_size: int | None = None,
) -> Iterator[PageJob | Result]:
    """One job per page of the dump read from ``stream``, kept by namespace and template.

    With ``output_dir``, each page goes to its own file named after its title; a name
    that ``claims`` already holds (another page's, another input's) gets ``~2``, ``~3``…,
    so that no two documents share a file, even on a file system that ignores case. A
    malformed page (and one whose text is larger than ``max_size`` bytes) is a failed
    :class:`Result`. The pages not kept are counted in ``passed_over`` by why
    (:data:`PASSED_OVER`).
    """
    names = dumps.template_names(template) if template else None
    extension = EXTENSIONS.get(target, ".txt")
    passed_over = Counter() if passed_over is None else passed_over
    for page in dumps.iter_entries(
        stream, namespaces=None, redirects=True, max_size=max_size
    ):
        if namespaces is not None and page.namespace not in (*namespaces, None):
            passed_over[OTHER_NAMESPACE] += 1
            continue
        if isinstance(page, dumps.DumpError):
            yield _malformed(dump, page)
            continue
        if page.redirect is not None:
            passed_over[REDIRECT] += 1
            continue
        if is_blank(page.text):
            passed_over[EMPTY_PAGE] += 1
            continue
        if names is not None and not dumps.uses_template(page.text, names):
            passed_over[WITHOUT_TEMPLATE] += 1
            continue
        label = f"{dump}[{page.title}]"
        output: Path | None = None
        if output_dir is not None:
            base = safe_file_name(page.title)
            output = output_dir / (base + extension)
            number = 1
            while claims.owner(output) is not None:
                number += 1
                output = output_dir / f"{base}~{number}{extension}"
            claims.claim(output, "")
            if skip_existing and output.exists():
                yield Result(label, SKIPPED, title=page.title, page_id=page.id)
                continue
        yield PageJob(
            label, page.title, page.id, page.text, target, str(output) if output else None
        )


def _malformed(dump: str, error: dumps.DumpError) -> Result:
    """The failure of a page of ``dump`` that cannot be converted as it is written."""
    if error.title is None:  # a page without a title: where it is in the dump names it
        return Result(dump, FAILED, f"{dump}: {error}")
    label = f"{dump}[{error.title}]"
    if error.size_limit is not None:
        return Result(label, FAILED, too_large(label, error.size_limit), title=error.title)
    return Result(label, FAILED, f"{label}: {error.message}", title=error.title)


# -- the work, in the workers ------------------------------------------------------------


def _result(label: str, outcome: Outcome, keep_output: bool, report: bool) -> Result:
    entries = outcome.report
    return Result(
        label,
        OK,
        title=outcome.article.title,
        output=outcome.output if keep_output else None,
        dropped=tuple((kind.value, count) for kind, count in entries.counts().items()),
        unknown_templates=tuple(entries.details(Kind.UNKNOWN_TEMPLATE).items()),
        report=tuple(report_line(label, entry) for entry in entries) if report else (),
        warnings=outcome.warning_lines(label),
        source=outcome.source,
    )


def _writable(target: str) -> str:
    return WIKITEXT if target == XML else target




def convert_file(job: FileJob, options: Options, report: bool) -> Result:
    """Read, convert and write one file (in a worker)."""
    try:
        text = read_file(job.path, job.label, limit=options.max_size)
        outcome = convert(
            text,
            job.label,
            attrs.evolve(options, source=job.source, target=_writable(job.target)),
            title=Path(job.path).stem,
        )
        keep = job.output is None or job.target == XML
        if not keep:
            assert job.output is not None
            try:
                Path(job.output).parent.mkdir(parents=True, exist_ok=True)
                write_atomically(job.output, outcome.output)
            except OSError as error:
                message = cannot_write(job.output, error)
                return Result(job.label, FAILED, message, output_failed=True)
        return _result(job.label, outcome, keep, report)
    except Failure as failure:
        return Result(job.label, FAILED, str(failure))
    except Exception as error:
        if ran_out_of_memory(error):
            return Result(job.label, FAILED, out_of_memory(job.label))
        return Result(job.label, FAILED, bug_message(job.label, error))


def convert_page(job: PageJob, options: Options, report: bool) -> Result:
    """Convert one page of a dump (in a worker); write it when it has an output file."""
    try:
        outcome = convert(
            job.text,
            job.label,
            attrs.evolve(options, source=WIKITEXT, target=_writable(job.target), title=None),
            title=job.title,
        )
        if job.output is not None:
            try:
                write_atomically(job.output, outcome.output)
            except OSError as error:
                message = cannot_write(job.output, error)
                return Result(job.label, FAILED, message, title=job.title, output_failed=True)
        result = _result(job.label, outcome, job.output is None, report)
        return attrs.evolve(result, title=job.title, page_id=job.page_id)
    except Failure as failure:
        return Result(job.label, FAILED, str(failure), title=job.title, page_id=job.page_id)
    except Exception as error:
        if ran_out_of_memory(error):
            message = out_of_memory(job.label)
        else:
            message = bug_message(job.label, error)
        return Result(job.label, FAILED, message, title=job.title, page_id=job.page_id)


# -- running ------------------------------------------------------------------------------


@attrs.frozen
class Bound(Generic[J]):
    """``function(job, options, report)`` as a one-argument callable that pickles, for
    the worker processes; with what becomes of a job its worker could not finish."""

    function: Callable[[J, Options, bool], Result]
    options: Options
    report: bool

    def __call__(self, job: J | Result) -> Result:
        # What the plan already settled (skipped, refused) passes through as it is.
        if isinstance(job, Result):
            return job
        return self.function(job, self.options, self.report)

    def lost(self, job: J | Result, why: Lost) -> Result:
        """The failure of a job stopped at its time budget, or whose worker died."""
        assert isinstance(job, (FileJob, PageJob))
        if why.over_budget:
            message = over_budget(job.label, self.options.page_budget)
        elif why.out_of_memory:
            message = out_of_memory(job.label)
        else:
            message = f"{job.label}: left out: {why}"
        if isinstance(job, PageJob):
            return Result(job.label, FAILED, message, title=job.title, page_id=job.page_id)
        return Result(job.label, FAILED, message)

    def cleanup(self, job: J | Result, pid: int) -> None:
        """Remove what worker ``pid``, killed while converting ``job``, left of its output."""
        output = getattr(job, "output", None)
        if output is not None:
            remove_temporaries(output, pid)

    def map(self, jobs: Iterable[J | Result], workers: int) -> Mapped[Result]:
        """``self`` over ``jobs`` with :func:`ordered_map`: over ``workers`` processes,
        each job in the time budget of ``options.page_budget``."""
        return ordered_map(
            self,
            jobs,
            workers=workers,
            budget=self.options.page_budget,
            lost=self.lost,
            cleanup=self.cleanup,
        )


def run_dump(
    dump: str,
    output_dir: Path | None,
    options: Options,
    *,
    target: str,
    namespaces: frozenset[int] | None = frozenset({0}),
    template: str | None = None,
    skip_existing: bool = False,
    workers: int = 0,
    report: bool = False,
    progress: Callable[[int], None] | None = None,
    claims: Claims | None = None,
    passed_over: Counter[str] | None = None,
) -> Mapped[Result]:
    """Convert the pages of one dump, in order, over ``workers`` processes (0: in this
    process); ``progress`` is told, as each page's result comes back, how many bytes of
    the (compressed) file lie before the end of that page. With ``output_dir``, each page
    is written to its own file there (created if needed); else results keep the output.
    ``claims`` holds the output files of the run's other inputs; ``passed_over`` counts
    the pages not kept, by why.

    The iteration raises :class:`~wikiround.dumps.DumpError` on a file that is not a
    readable dump (after the results of the pages before the break), and
    :class:`OutputError` when ``output_dir`` cannot be created. After ``stop()`` it gives
    the results of the pages already being converted, and ends."""

    def run(mapped: Mapped[Result]) -> Generator[Result, None, None]:
        if output_dir is not None:
            try:
                output_dir.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise OutputError(cannot_write(str(output_dir), error)) from None
        try:
            raw = open(dump, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise dumps.DumpError(f"cannot open: {error.strerror or error}", offset=0) from None
        with raw, dumps.open_dump_stream(raw) as stream:
            planned = plan_pages(
                dump,
                stream,
                output_dir,
                target=target,
                namespaces=namespaces,
                template=template,
                skip_existing=skip_existing,
                claims=Claims() if claims is None else claims,
                passed_over=passed_over,
                max_size=options.max_size,
            )
            unreadable: list[dumps.DumpError] = []
            # Where each page handed out ends in the file, until its result is back: the
            # reading runs ahead of the workers, and progress counts what is done.
            ends: deque[int] = deque()
            pages = _until_unreadable(planned, unreadable, lambda: ends.append(_position(raw)))
            results = Bound(convert_page, options, report).map(pages, workers)
            try:
                for result in results:
                    if progress is not None and ends:
                        progress(ends.popleft())
                    yield result
                    if mapped.stopped:
                        results.stop()
            finally:
                results.close(interrupted=mapped.interrupted)
            if unreadable and not mapped.stopped:
                raise unreadable[0]

    return Mapped(run)


def _position(raw: IO[bytes]) -> int:
    try:
        return raw.tell()
    except OSError:
        return 0  # a pipe: no position, and no size to show progress against


def _until_unreadable(
    jobs: Iterable[J], unreadable: list[dumps.DumpError], read: Callable[[], None]
) -> Iterator[J]:
    """The jobs read before the dump turns out unreadable (a truncated file, say); the
    error is kept in ``unreadable``, to be raised once those pages are converted.
    ``read()`` is called as each job is handed out."""
    try:
        for job in jobs:
            read()
            yield job
    except dumps.DumpError as error:
        unreadable.append(error)


# -- totals -----------------------------------------------------------------------------


@attrs.define
class Tally:
    """Totals over a batch: documents by status, dropped constructs by kind."""

    statuses: Counter[str] = attrs.field(factory=Counter)
    dropped: Counter[str] = attrs.field(factory=Counter)
    unknown_templates: Counter[str] = attrs.field(factory=Counter)

    warned: int = 0
    sources: Counter[str] = attrs.field(factory=Counter)
    discarded: str = ""

    def add(self, result: Result) -> None:
        self.statuses[result.status] += 1
        self.sources[result.source] += 1
        self.warned += bool(result.warnings)
        self.dropped.update(dict(result.dropped))
        self.unknown_templates.update(dict(result.unknown_templates))

    @property
    def failed(self) -> int:
        return self.statuses[FAILED]

    def discard(self, count: int, where: str) -> None:
        """Count ``count`` converted documents as failed: their outputs were written to
        ``where``, which was removed."""
        if not count:
            return
        self.statuses[OK] -= count
        self.statuses[FAILED] += count
        self.discarded = f" ({count} of them written to {where}, which was removed)"

    def summary(self, noun: str = "document") -> str:
        """``converted 12 documents, 1 failed, 3 skipped; dropped: 41 references, …``."""
        done = self.statuses[OK]
        line = f"converted {done} {noun}{'' if done == 1 else 's'}"
        if self.statuses[FAILED]:
            line += f", {self.statuses[FAILED]} failed{self.discarded}"
        if self.statuses[SKIPPED]:
            line += f", {self.statuses[SKIPPED]} skipped (already there)"
        if self.statuses[IGNORED]:
            ignored = self.statuses[IGNORED]
            line += f", {ignored} ignored (not regular file{'' if ignored == 1 else 's'})"
        kinds = {kind.value: kind for kind in Kind}
        parts: list[str] = []
        renamed = self.dropped.get(Kind.RENAMED_PARAMETER.value, 0)
        for value, count in sorted(self.dropped.items(), key=lambda item: (-item[1], item[0])):
            kind = kinds.get(value)
            if kind is Kind.RENAMED_PARAMETER:
                continue
            plural = kind.plural if kind is not None else value + "s"
            text = f"{count} {value if count == 1 else plural}"
            if kind is Kind.UNKNOWN_TEMPLATE:
                common = self.unknown_templates.most_common(5)
                shown = ", ".join(f"{name} ×{n}" for name, n in common)
                if len(self.unknown_templates) > 5:
                    shown += f", … {len(self.unknown_templates) - 5} more"
                text += f" ({shown})"
            parts.append(text)
        if parts:
            line += "; dropped: " + ", ".join(parts)
        if renamed:
            line += f"; renamed: {renamed} parameter{'' if renamed == 1 else 's'}"
        return line
