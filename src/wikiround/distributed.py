"""Convert dumps and folders across a Dask cluster (``pip install '.[dask]'`` in the
source tree: the ``dask`` extra).

Each dump file is one task (Wikipedia publishes its large dumps in parts, which spread
over the workers); a folder is split into chunks of documents, one task each. Workers
read their inputs and write their outputs themselves, so the input and output folders
must be reachable by every worker under the same paths (a shared file system). Only
small per-document results travel back::

    from dask.distributed import Client
    from wikiround.distributed import convert_dumps

    with Client("scheduler:8786") as client:
        summary = convert_dumps(sorted(Path("dumps").glob("*.xml.bz2")), "pages",
                                client=client, template="Infobox officeholder")
    print(summary.converted, summary.failed)

Dask is imported only when a function here runs without a ``client``.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from wikiround._app._batch import (
    FAILED,
    OK,
    SKIPPED,
    Bound,
    FileJob,
    Result,
    Tally,
    convert_file,
    plan_files,
    run_dump,
)
from wikiround._app._convert import PLAIN, Options

__all__ = ["Summary", "convert_dumps", "convert_folder"]

_MESSAGES_KEPT = 100


@attrs.frozen
class Summary:
    """What a distributed run did: counts, and the first failure messages."""

    converted: int
    failed: int
    skipped: int
    failures: tuple[str, ...]
    """The messages of the first failures (``FILE:LINE:COL: message``), at most 100."""
    dropped: dict[str, int]
    """How many constructs of each kind the lossy reads left out, over all documents."""

    @classmethod
    def of(cls, tallies: Iterable[tuple[Tally, list[str]]]) -> Summary:
        total = Tally()
        failures: list[str] = []
        for tally, messages in tallies:
            total.statuses.update(tally.statuses)
            total.dropped.update(tally.dropped)
            failures.extend(messages)
        return cls(
            converted=total.statuses[OK],
            failed=total.statuses[FAILED],
            skipped=total.statuses[SKIPPED],
            failures=tuple(failures[:_MESSAGES_KEPT]),
            dropped=dict(total.dropped),
        )


def _tally(results: Iterable[Result]) -> tuple[Tally, list[str]]:
    tally = Tally()
    messages: list[str] = []
    for result in results:
        _count(result, tally, messages)
    return tally, messages


def _count(result: Result, tally: Tally, messages: list[str]) -> None:
    tally.add(result)
    if result.status == FAILED and len(messages) < _MESSAGES_KEPT:
        messages.append(result.message)


def _dump_task(
    dump: str,
    output_dir: str,
    options: Options,
    template: str | None,
    namespaces: frozenset[int],
    skip_existing: bool,
) -> tuple[Tally, list[str]]:
    """Convert one dump into ``output_dir`` (its own folder). Each page is counted as its
    result comes: those before a break in the dump count as they are, the break as one
    failure more."""
    tally = Tally()
    messages: list[str] = []
    try:
        for result in run_dump(
            dump,
            Path(output_dir),
            options,
            target=options.target or PLAIN,
            namespaces=namespaces,
            template=template,
            skip_existing=skip_existing,
        ):
            _count(result, tally, messages)
    except Exception as error:
        _count(Result(dump, FAILED, f"{dump}: not a readable dump: {error}"), tally, messages)
    return tally, messages


def _folder_names(dumps: Iterable[str]) -> list[str]:
    """A folder name for each dump, after its file name without ``.xml``, ``.bz2`` or
    ``.gz``; a name another dump of the run has (``a/part.xml``, ``b/part.xml``; ``x.xml``,
    ``x.xml.bz2``; in any case) gets ``~2``, ``~3``…, so that no two dumps share a folder."""
    claimed: set[str] = set()
    names: list[str] = []
    for dump in dumps:
        base = Path(dump).name
        for suffix in (".bz2", ".gz", ".xml"):
            base = base.removesuffix(suffix)
        name, number = base, 1
        while _same_name(name) in claimed:
            number += 1
            name = f"{base}~{number}"
        claimed.add(_same_name(name))
        names.append(name)
    return names


def _same_name(name: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _files_task(jobs: list[FileJob | Result], options: Options) -> tuple[Tally, list[str]]:
    work = Bound(convert_file, options, False)
    return _tally(work(job) for job in jobs)


def _client(client: Any) -> Any:
    if client is not None:
        return client
    from dask.distributed import default_client

    return default_client()  # type: ignore[no-untyped-call]  # dask leaves it untyped


def convert_dumps(
    dumps: Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    client: Any = None,
    template: str | None = None,
    target: str = PLAIN,
    namespaces: Iterable[int] = (0,),
    skip_existing: bool = False,
) -> Summary:
    """Convert MediaWiki XML dumps (plain, ``.bz2`` or ``.gz``) on a Dask cluster, one
    task per dump, each page with the lossy real-article reader.

    Each dump's pages go to ``output_dir/<dump name>/<page title>.txt`` (``.json`` for
    ``target="json"``); dumps of the same name (``a/part.xml`` and ``b/part.xml``) get
    folders of their own (``part``, ``part~2``). ``template`` keeps only pages that call
    it (``"Infobox officeholder"`` under any of its redirect names too). ``client`` is a
    ``dask.distributed.Client``; by default the current one. Every page is counted once,
    as converted or failed: those of a dump that breaks off too, before the break.
    """
    dask = _client(client)
    options = Options(target=target)
    paths = [str(dump) for dump in dumps]
    futures = dask.map(
        _dump_task,
        paths,
        [str(Path(output_dir) / name) for name in _folder_names(paths)],
        options=options,
        template=template,
        namespaces=frozenset(namespaces),
        skip_existing=skip_existing,
        pure=False,
    )
    return Summary.of(dask.gather(futures))


def convert_folder(
    folder: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    *,
    client: Any = None,
    target: str | None = None,
    chunk_size: int = 64,
    skip_existing: bool = False,
) -> Summary:
    """Convert every document under ``folder`` (as the command line does with ``FOLDER -o
    OUTPUT_DIR``) on a Dask cluster, ``chunk_size`` documents per task.

    Wikitext is read with the lossy real-article reader. ``client`` is a
    ``dask.distributed.Client``; by default the current one.
    """
    dask = _client(client)
    options = Options(target=target)
    plan = list(
        plan_files(
            [str(folder)],
            Path(output_dir),
            source=None,
            target=target,
            skip_existing=skip_existing,
        )
    )
    chunks = [plan[start : start + chunk_size] for start in range(0, len(plan), chunk_size)]
    futures = dask.map(_files_task, chunks, options=options, pure=False)
    return Summary.of(dask.gather(futures))
