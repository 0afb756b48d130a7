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
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import IO, Generic, TypeVar
from xml.etree import ElementTree

import attrs

from wikiround import dumps
from wikiround._convert import (
    EXTENSIONS,
    INPUT_SUFFIXES,
    WIKITEXT,
    Failure,
    Options,
    Outcome,
    convert,
    decode,
    default_target,
    detect_format,
)
from wikiround.lossy import Dropped, Kind

__all__ = [
    "XML",
    "Bound",
    "FileJob",
    "PageJob",
    "Result",
    "Tally",
    "convert_file",
    "convert_page",
    "find_documents",
    "is_dump",
    "ordered_map",
    "plan_files",
    "plan_pages",
    "report_line",
    "run_dump",
    "safe_file_name",
    "write_atomically",
]

# The MediaWiki XML format: dumps in, an import file (export-0.11) out.
XML = "xml"
OK = "ok"
FAILED = "failed"
SKIPPED = "skipped"

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


def write_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so the file
    is either absent, as it was, or complete."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- planning ---------------------------------------------------------------------------


def is_dump(path: str) -> bool:
    """True when ``path`` is a MediaWiki XML dump (plain, ``.bz2`` or ``.gz``)."""
    name = path.lower()
    if name.endswith((".xml", ".xml.bz2", ".xml.gz", ".bz2")):
        return True
    try:
        with dumps.open_dump(path) as stream:
            head = stream.read(512)
    except (OSError, EOFError):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<mediawiki", b"<?xml"))


def find_documents(folder: Path) -> Iterator[Path]:
    """The documents under ``folder``, recursively, in a stable order; hidden files and
    folders (names starting with ``.``) are left out."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in INPUT_SUFFIXES:
                yield Path(root) / name


def _sniff(path: Path, given: str | None) -> str | None:
    if given is not None:
        return given
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return None  # the worker reports it
    text = head.decode("utf-8", "ignore").removeprefix("\ufeff").replace("\r\n", "\n")
    return detect_format(text)


def plan_files(
    inputs: Iterable[str],
    output_dir: Path | None,
    *,
    source: str | None,
    target: str | None,
    skip_existing: bool,
) -> Iterator[FileJob | Result]:
    """One job per document under ``inputs`` (files and folders), its output mirrored
    under ``output_dir`` (None: the output is kept, not written); a :class:`Result`
    instead for a document that cannot or need not be converted."""
    planned: dict[Path, str] = {}
    pairs: list[tuple[Path, Path]] = []
    empty: list[str] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found_here = [(found, found.relative_to(path)) for found in find_documents(path)]
            if not found_here:
                empty.append(given)
            pairs.extend(found_here)
        else:
            pairs.append((path, Path(path.name)))
    inputs_resolved = {found.resolve() for found, _ in pairs}
    suffixes = ", ".join(sorted(INPUT_SUFFIXES))
    for given in empty:
        yield Result(given, FAILED, f"{given}: no document ({suffixes}) in this folder")
    for path, relative in pairs:
        label = str(path)
        format_in = _sniff(path, source)
        format_out = target or default_target(format_in or WIKITEXT)
        if output_dir is None:
            yield FileJob(str(path), label, format_in, format_out, None)
            continue
        output = output_dir / relative.with_suffix(EXTENSIONS.get(format_out, ".txt"))
        if output.resolve() in inputs_resolved:
            yield Result(label, FAILED, f"{label}: refusing to overwrite the input file {output}")
            continue
        if output in planned:
            yield Result(
                label, FAILED, f"{label}: {output} is also the output of {planned[output]}"
            )
            continue
        planned[output] = label
        if skip_existing and output.exists():
            yield Result(label, SKIPPED)
            continue
        yield FileJob(str(path), label, format_in, format_out, str(output))


_UNSAFE = re.compile(r'[\x00-\x1f\x7f"*/:<>?\\|%]|^\.')
_NAME_LIMIT = 200  # bytes; most file systems allow 255 per name


def safe_file_name(title: str) -> str:
    """A file name (without extension) for a page title: characters that file systems
    reserve, ``%`` and a leading dot are written ``%XX``; a long name is cut and given a
    hash of the title, so different titles get different names."""
    name = _UNSAFE.sub(lambda match: "".join(f"%{b:02X}" for b in match.group().encode()), title)
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
    taken: set[int],
) -> Iterator[PageJob | Result]:
    """One job per page of the dump read from ``stream``, kept by namespace and template.

    With ``output_dir``, each page goes to its own file named after its title; ``taken``
    holds hashes of the (case-folded) names used so far, so that two pages never share a
    file, even on a file system that ignores case.
    """
    names = dumps.template_names(template) if template else None
    extension = EXTENSIONS.get(target, ".txt")
    for page in dumps.iter_pages(stream, namespaces=namespaces):
        if names is not None and not dumps.uses_template(page.text, names):
            continue
        label = f"{dump}[{page.title}]"
        output: Path | None = None
        if output_dir is not None:
            base = safe_file_name(page.title)
            name, number = base, 1
            while _key(name) in taken:
                number += 1
                name = f"{base}~{number}"
            taken.add(_key(name))
            output = output_dir / (name + extension)
            if skip_existing and output.exists():
                yield Result(label, SKIPPED, title=page.title, page_id=page.id)
                continue
        yield PageJob(
            label, page.title, page.id, page.text, target, str(output) if output else None
        )


def _key(name: str) -> int:
    return hash(name.casefold())


# -- the work, in the workers ------------------------------------------------------------


def report_line(label: str, entry: Dropped) -> str:
    """``FILE:LINE:COL: KIND: DETAIL``: the library's line after ``FILE:``."""
    return f"{label}:{entry}"


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
        warnings=tuple(f"{label}: warning: {w.message} [{w.code}]" for w in outcome.warnings),
    )


def _writable(target: str) -> str:
    return WIKITEXT if target == XML else target


def convert_file(job: FileJob, options: Options, report: bool) -> Result:
    """Read, convert and write one file (in a worker)."""
    try:
        try:
            data = Path(job.path).read_bytes()
        except OSError as error:
            raise Failure(f"{job.label}: {error.strerror or error}") from None
        text = decode(data, job.label)
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
                raise Failure(f"{job.output}: {error.strerror or error}") from None
        return _result(job.label, outcome, keep, report)
    except Failure as failure:
        return Result(job.label, FAILED, str(failure))


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
                raise Failure(f"{job.output}: {error.strerror or error}") from None
        result = _result(job.label, outcome, job.output is None, report)
        return attrs.evolve(result, title=job.title, page_id=job.page_id)
    except Failure as failure:
        return Result(job.label, FAILED, str(failure), title=job.title, page_id=job.page_id)


# -- running ------------------------------------------------------------------------------


def _run_chunk(work: Callable[[J], R], chunk: list[J]) -> list[R]:
    return [work(job) for job in chunk]


def ordered_map(
    work: Callable[[J], R],
    jobs: Iterable[J],
    *,
    workers: int,
    chunk_size: int = 64,
) -> Iterator[R]:
    """``work(job)`` for each job, in order, over ``workers`` processes (in this process
    when ``workers`` is 1). At most a few chunks per worker are in flight at once, so jobs
    are taken from ``jobs`` only as fast as they are done.

    Chunks start at one job and double up to ``chunk_size``: a short batch is spread over
    all workers at once, and a long one (a dump's pages) pays for handing work over to a
    worker once per many jobs, which keeps the workers busy."""
    if workers <= 1:
        for job in jobs:
            yield work(job)
        return
    iterator = iter(jobs)
    in_flight = workers * 4
    size = 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[R]]] = deque()
        while True:
            chunk = list(islice(iterator, size))
            size = min(size * 2, chunk_size)
            if chunk:
                pending.append(pool.submit(_run_chunk, work, chunk))
            while pending and (len(pending) >= in_flight or not chunk or pending[0].done()):
                yield from pending.popleft().result()
            if not chunk and not pending:
                return


@attrs.frozen
class Bound(Generic[J]):
    """``function(job, options, report)`` as a one-argument callable that pickles, for
    the worker processes."""

    function: Callable[[J, Options, bool], Result]
    options: Options
    report: bool

    def __call__(self, job: J | Result) -> Result:
        # What the plan already settled (skipped, refused) passes through as it is.
        if isinstance(job, Result):
            return job
        return self.function(job, self.options, self.report)


def run_dump(
    dump: str,
    output_dir: Path | None,
    options: Options,
    *,
    target: str,
    namespaces: frozenset[int] | None = frozenset({0}),
    template: str | None = None,
    skip_existing: bool = False,
    workers: int = 1,
    report: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Convert the pages of one dump, in order; ``progress`` is told how many bytes of
    the (compressed) file have been read after each page. With ``output_dir``, each page
    is written to its own file there (created if needed); else results keep the output.

    Raises :class:`xml.etree.ElementTree.ParseError` (or :class:`OSError`,
    :class:`EOFError`) on a file that is not a readable dump."""
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    with open(dump, "rb") as raw, dumps.open_dump_stream(raw) as stream:
        planned = plan_pages(
            dump,
            stream,
            output_dir,
            target=target,
            namespaces=namespaces,
            template=template,
            skip_existing=skip_existing,
            taken=set(),
        )
        work = Bound(convert_page, options, report)
        unreadable: list[Exception] = []
        pages = _until_unreadable(planned, unreadable)
        for result in ordered_map(work, pages, workers=workers):
            if progress is not None:
                progress(raw.tell())
            yield result
        if unreadable:
            raise unreadable[0]


def _until_unreadable(jobs: Iterable[J], unreadable: list[Exception]) -> Iterator[J]:
    """The jobs read before the dump turns out unreadable (a truncated file, say); the
    error is kept in ``unreadable``, to be raised once those pages are converted."""
    try:
        yield from jobs
    except (ElementTree.ParseError, EOFError, OSError) as error:
        unreadable.append(error)


# -- totals -----------------------------------------------------------------------------


@attrs.define
class Tally:
    """Totals over a batch: documents by status, dropped constructs by kind."""

    statuses: Counter[str] = attrs.field(factory=Counter)
    dropped: Counter[str] = attrs.field(factory=Counter)
    unknown_templates: Counter[str] = attrs.field(factory=Counter)

    warned: int = 0

    def add(self, result: Result) -> None:
        self.statuses[result.status] += 1
        self.warned += bool(result.warnings)
        self.dropped.update(dict(result.dropped))
        self.unknown_templates.update(dict(result.unknown_templates))

    @property
    def failed(self) -> int:
        return self.statuses[FAILED]

    def summary(self, noun: str = "document") -> str:
        """``converted 12 documents, 1 failed, 3 skipped; dropped: 41 references, …``."""
        done = self.statuses[OK]
        line = f"converted {done} {noun}{'' if done == 1 else 's'}"
        if self.statuses[FAILED]:
            line += f", {self.statuses[FAILED]} failed"
        if self.statuses[SKIPPED]:
            line += f", {self.statuses[SKIPPED]} skipped (already there)"
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
