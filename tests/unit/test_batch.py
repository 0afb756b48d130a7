"""Batches of files and folders, and dumps, through the command line and the engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wikiround._app._batch import Result, Tally, ordered_map, safe_file_name
from wikiround._app._cli import main
from wikiround.dumps import iter_pages, write_export

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
ARTICLES = ROOT / "tests" / "data" / "articles"
DUMPS = ROOT / "tests" / "data" / "dumps"
TINY = DUMPS / "dumpster-dive_tinywiki-latest-pages-articles.xml"
BAD = "= T =\n\nName\n- Office 1\n"


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(ARTICLES / "presidentthing__Dan_Quayle.wiki", folder / "sub" / "Dan Quayle.wiki")
    (folder / "sub" / "deeper" / "bad.txt").write_text(BAD, encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / ".hidden.txt").write_text(BAD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_mirrored_with_extensions(
    drafts: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], jobs: str
) -> None:
    out = tmp_path / "out"
    assert main([str(drafts), "-o", str(out), "-j", jobs]) == 1
    assert _tree(out) == ["seed.wiki", "sub", "sub/Dan Quayle.txt"]
    assert (out / "seed.wiki").read_bytes() == (ROOT / "tests/data/golden/seed.wiki").read_bytes()
    assert (
        (out / "sub" / "Dan Quayle.txt").read_text(encoding="utf-8").startswith("= Dan Quayle =\n")
    )
    err = capfd.readouterr().err
    bad = drafts / "sub" / "deeper" / "bad.txt"
    # One failure, reported where it is; the others are converted all the same.
    assert f"wikiround: error: {bad}:4:11: expected ': ' after the key" in err
    assert err.splitlines()[-1].startswith("wikiround: converted 2 documents, 1 failed; dropped: ")
    assert "\r" not in err  # no progress bar when standard error is not a terminal


def test_jobs_give_the_same_files(drafts: Path, tmp_path: Path) -> None:
    main([str(drafts), "-o", str(tmp_path / "one"), "-j", "1"])
    main([str(drafts), "-o", str(tmp_path / "two"), "-j", "2"])
    for path in (tmp_path / "one").rglob("*.*"):
        assert (
            path.read_bytes()
            == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()
        )


def test_skip_existing_resumes(
    drafts: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (drafts / "sub" / "deeper" / "bad.txt").unlink()
    assert main([str(drafts), "-o", str(out)]) == 0
    (out / "seed.wiki").write_text("kept\n", encoding="utf-8")
    (out / "sub" / "Dan Quayle.txt").unlink()
    capfd.readouterr()
    assert main([str(drafts), "-o", str(out), "--skip-existing"]) == 0
    assert (out / "seed.wiki").read_text(encoding="utf-8") == "kept\n"
    assert (out / "sub" / "Dan Quayle.txt").exists()
    assert "converted 1 document, 1 skipped (already there)" in capfd.readouterr().err


def test_files_and_folders_together(drafts: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    extra = tmp_path / "extra.txt"
    shutil.copy(SEED, extra)
    (drafts / "sub" / "deeper" / "bad.txt").unlink()
    assert main([str(drafts / "sub"), str(extra), "-o", str(out), "--to", "json"]) == 0
    assert _tree(out) == ["Dan Quayle.json", "extra.json"]


def test_two_inputs_one_output_is_a_failure(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "a.wiki")
    out = tmp_path / "out"
    assert main([str(folder), "-o", str(out), "--to", "json", "--from", "plain"]) == 1
    assert f"{out / 'a.json'} is also the output of {folder / 'a.txt'}" in capfd.readouterr().err


def test_a_batch_never_overwrites_its_inputs(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    assert main([str(folder), "-o", str(folder), "--to", "plain"]) == 1
    assert "refusing to overwrite the input file" in capfd.readouterr().err
    assert (folder / "a.txt").read_bytes() == SEED.read_bytes()
    assert _tree(folder) == ["a.txt"]


def test_xml_export_of_a_folder(drafts: Path, tmp_path: Path) -> None:
    (drafts / "sub" / "deeper" / "bad.txt").unlink()
    export = tmp_path / "import.xml"
    # The folder holds a wikitext page: its lossy read may be exported only when allowed.
    assert main([str(drafts), "--to", "xml", "-o", str(export)]) == 1
    assert main([str(drafts), "--to", "xml", "-o", str(export), "--allow-loss"]) == 0
    pages = {page.title: page.text for page in iter_pages(export)}
    assert pages == {
        "José Serrano (Ecuadorian politician)": (ROOT / "tests/data/golden/seed.wiki").read_text(
            encoding="utf-8"
        ),
        "Dan Quayle": pages["Dan Quayle"],
    }
    assert pages["Dan Quayle"].startswith("{{Infobox officeholder\n| name          = Dan Quayle\n")


def test_xml_export_refuses_a_title_twice(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "import.xml"
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    assert main([str(SEED), str(copy), "--to", "xml", "-o", str(export)]) == 1
    assert "is already in the file" in capfd.readouterr().err
    assert len(list(iter_pages(export))) == 1


def _officeholder_dump(path: Path) -> None:
    names = [
        "presidentthing__Dan_Quayle",  # Infobox Vice President
        "presidentthing__George_W_Bush",  # Infobox president
        "wtf__Harry-McPherson",  # Infobox Officeholder
        "wtf__Anwar_Kamal_Khan",  # an officeholder without an infobox
        "infobox-parser__cincinnati",  # Infobox settlement
    ]
    write_export(
        [(name.split("__")[1], (ARTICLES / f"{name}.wiki").read_text("utf-8")) for name in names],
        path,
    )


def test_dump_to_files_keeping_officeholders(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.xml"
    _officeholder_dump(dump)
    out = tmp_path / "pages"
    code = main([str(dump), "--with-template", "Infobox officeholder", "-o", str(out), "-j", "2"])
    assert code == 0
    assert _tree(out) == ["Dan_Quayle.txt", "George_W_Bush.txt", "Harry-McPherson.txt"]
    err = capfd.readouterr().err
    assert err.startswith("wikiround: converted 3 pages; dropped: ")


def test_dump_to_json_lines_on_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    assert main([str(TINY)]) == 0
    out, err = capfd.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["title"] for record in records] == [page.title for page in iter_pages(TINY)]
    assert records[0] == {"title": "Hello", "id": 1, "text": records[0]["text"]}
    assert records[0]["text"].startswith("= Hello =\n")
    assert err.startswith("wikiround: converted 7 pages; dropped: ")


def test_bz2_dump_to_json_lines_file(tmp_path: Path) -> None:
    import bz2

    dump = tmp_path / "tiny.xml.bz2"
    dump.write_bytes(bz2.compress(TINY.read_bytes()))
    out = tmp_path / "pages.jsonl"
    assert main([str(dump), "-o", str(out), "--to", "json"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    assert records[0]["article"]["title"] == "Hello"
    assert _tree(tmp_path) == ["pages.jsonl", "tiny.xml.bz2"]  # no temporary file left


def test_dump_titles_become_distinct_safe_names(tmp_path: Path) -> None:
    dump = tmp_path / "dump.xml"
    titles = ["AC/DC", "Ac/DC", "a:b?", ".hidden", "100%"]
    write_export([(title, f"Text of {title}.") for title in titles], dump)
    out = tmp_path / "pages"
    assert main([str(dump), "-o", str(out)]) == 0
    names = _tree(out)
    assert names == sorted(
        ["AC%2FDC.txt", "Ac%2FDC~2.txt", "a%3Ab%3F.txt", "%2Ehidden.txt", "100%25.txt"]
    )
    assert len({name.casefold() for name in names}) == len(titles)
    assert (out / "Ac%2FDC~2.txt").read_text(encoding="utf-8") == "= Ac/DC =\n\nText of Ac/DC.\n"


def test_dump_skip_existing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pages"
    assert main([str(TINY), "-o", str(out)]) == 0
    (out / "Hello.txt").write_text("kept\n", encoding="utf-8")
    assert main([str(TINY), "-o", str(out), "--skip-existing"]) == 0
    assert (out / "Hello.txt").read_text(encoding="utf-8") == "kept\n"
    assert "converted 0 pages, 7 skipped (already there)" in capfd.readouterr().err


def test_broken_dump_is_a_failure(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "broken.xml"
    dump.write_bytes(TINY.read_bytes()[:5000])
    assert main([str(dump), "-o", str(tmp_path / "out")]) == 1
    assert f"wikiround: error: {dump}: not a readable MediaWiki XML dump" in capfd.readouterr().err


def test_progress_bar_on_a_terminal(
    drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    main([str(drafts), "-o", str(tmp_path / "out"), "-j", "1"])
    err = capfd.readouterr().err
    assert "3/3" in err and "file" in err


def test_safe_file_name_cuts_long_titles() -> None:
    long = "x" * 300
    name = safe_file_name(long)
    assert len(name.encode()) <= 200
    assert name != safe_file_name(long + "y")


def test_ordered_map_keeps_order_over_processes() -> None:
    assert list(ordered_map(abs, range(-200, 0), workers=2, chunk_size=7)) == [
        -n for n in range(-200, 0)
    ]


def test_tally_summary() -> None:
    tally = Tally()
    tally.add(Result("a", "ok", dropped=(("reference", 2), ("unknown template", 1)),
                     unknown_templates=(("{{x}}", 1),)))  # fmt: skip
    tally.add(Result("b", "failed", "b: bad"))
    tally.add(Result("c", "skipped"))
    assert tally.summary() == (
        "converted 1 document, 1 failed, 1 skipped (already there); "
        "dropped: 2 references, 1 unknown template ({{x}} ×1)"
    )


# -- issue 26, 12: names no file system or reader mistakes --------------------------------


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("CON", "%43ON"),
        ("nul", "%6Eul"),
        ("Aux.x", "%41ux.x"),  # Windows reads "AUX.x.txt" as the device too
        ("COM1", "%43OM1"),
        ("LPT1 ", "%4CPT1 "),
        ("COM\u00b9", "%43OM\u00b9"),
        ("CONSOLE", "CONSOLE"),
        ("Con men", "Con men"),
        ("A\x85B", "A%C2%85B"),  # NEL, a line break to some tools
        ("A\u202eB", "A%E2%80%AEB"),  # right-to-left override
        ("A\u2066B\u200fC", "A%E2%81%A6B%E2%80%8FC"),
        ("A\u2028B", "A%E2%80%A8B"),
        ("%43ON", "%2543ON"),  # never the same name as another title's
    ],
)
def test_file_names_name_no_device_and_hide_no_character(title: str, name: str) -> None:
    assert safe_file_name(title) == name


def test_titles_equal_in_nfc_do_not_share_a_file(tmp_path: Path) -> None:
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"
    dump = tmp_path / "d.xml"
    write_export([(composed, "one"), (decomposed, "two"), ("CON", "three")], dump)
    out = tmp_path / "out"
    assert main([str(dump), "-o", str(out), "-j", "1", "--to", "wikitext", "--allow-loss"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{composed}.wiki", f"{decomposed}~2.wiki", "%43ON.wiki"]
    )
    assert (out / f"{decomposed}~2.wiki").read_text(encoding="utf-8") == "two\n"
