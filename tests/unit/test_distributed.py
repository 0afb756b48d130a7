"""Dumps and folders converted across a Dask cluster (a LocalCluster here)."""

from __future__ import annotations

import bz2
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dask import distributed

from wikiround._app._cli import main
from wikiround.distributed import convert_dumps, convert_folder

ROOT = Path(__file__).parent.parent.parent
DUMPS = ROOT / "tests" / "data" / "dumps"
TINY = DUMPS / "dumpster-dive_tinywiki-latest-pages-articles.xml"
PEAR = DUMPS / "pywikibot_article-pear.xml"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def test_dumps_on_a_cluster_match_the_command_line(tmp_path: Path, client: Any) -> None:
    summary = convert_dumps([TINY, PEAR], tmp_path / "cluster", client=client)
    assert (summary.converted, summary.failed, summary.skipped) == (8, 0, 0)
    assert summary.dropped["reference"] > 0
    main([str(TINY), "-o", str(tmp_path / "cli"), "-j", "1"])
    cluster = tmp_path / "cluster" / TINY.stem
    names = sorted(path.name for path in cluster.iterdir())
    assert names == sorted(path.name for path in (tmp_path / "cli").iterdir())
    for name in names:
        assert (cluster / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert len(list((tmp_path / "cluster" / PEAR.stem).iterdir())) == 1


def test_a_broken_dump_is_reported(tmp_path: Path, client: Any) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(TINY.read_bytes()[:5000])
    summary = convert_dumps([broken], tmp_path / "out", client=client)
    assert summary.failed == 1
    assert summary.failures[0].startswith(f"{broken}: not a readable dump: ")


def test_folder_on_a_cluster(tmp_path: Path, client: Any) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for number in range(5):
        shutil.copy(ROOT / "seeds" / "000_bb9d73b147c2a566.txt", folder / "sub" / f"{number}.txt")
    (folder / "bad.txt").write_text("= T =\n\nName\n- Office 1\n", encoding="utf-8")
    summary = convert_folder(folder, tmp_path / "out", client=client, chunk_size=2)
    assert (summary.converted, summary.failed) == (5, 1)
    assert summary.failures == (
        f"{folder / 'bad.txt'}:4:11: expected ': ' after the key in '- Key: Value'\n"
        "    - Office 1\n"
        "              ^",
    )
    golden = (ROOT / "tests" / "data" / "golden" / "seed.wiki").read_bytes()
    assert all(
        (tmp_path / "out" / "sub" / f"{n}.wiki").read_bytes() == golden for n in range(5)
    )
    again = convert_folder(folder, tmp_path / "out", client=client, skip_existing=True)
    assert (again.converted, again.skipped, again.failed) == (0, 5, 1)


# -- issue 26, 7 and 8: names claimed across the run, every page counted once -------------


def test_dumps_of_the_same_name_get_folders_of_their_own(tmp_path: Path, client: Any) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(TINY, tmp_path / "a" / "part.xml")
    shutil.copy(TINY, tmp_path / "b" / "part.xml")
    shutil.copy(PEAR, tmp_path / "x.xml")
    (tmp_path / "x.xml.bz2").write_bytes(bz2.compress(PEAR.read_bytes()))
    dumps = [tmp_path / "a" / "part.xml", tmp_path / "b" / "part.xml"]
    dumps += [tmp_path / "x.xml", tmp_path / "x.xml.bz2"]
    out = tmp_path / "out"
    summary = convert_dumps(dumps, out, client=client)
    assert (summary.converted, summary.failed) == (16, 0)
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
    assert len(written) == 16
    assert sorted({name.split("/")[0] for name in written}) == ["part", "part~2", "x", "x~2"]


def test_pages_before_a_break_and_pages_that_fail_are_each_counted(
    tmp_path: Path, client: Any
) -> None:
    page = "<page><title>{}</title><ns>{}</ns><revision><text>{}</text></revision></page>"
    pages = page.format("A", "0", "a") + page.format("B", "x", "b") + page.format("C", "0", "c")
    broken = tmp_path / "broken.xml"
    broken.write_text(f"<mediawiki>{pages}<page><title>D", encoding="utf-8")
    summary = convert_dumps([broken], tmp_path / "out", client=client)
    # A and C converted (their files are there); B failed; the break is the dump's failure.
    assert (summary.converted, summary.failed) == (2, 2)
    assert summary.failures[0] == f"{broken}[B]: <ns>x</ns> is not a number"
    assert summary.failures[1].startswith(f"{broken}: not a readable dump: ")
    assert sorted(p.name for p in (tmp_path / "out" / "broken").iterdir()) == ["A.txt", "C.txt"]
