"""Inputs a new user gives by mistake or by chance: a page that is not wikitext, empty
files, wikitext in a .txt file, dumps with nothing to convert, and a lossy read written
as plain text (how to put edits back)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround._app._cli import main

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
PAGE = ROOT / "tests" / "data" / "articles" / "wtf__Harry-McPherson.wiki"


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    reason, pointer = err.splitlines()
    assert pointer.startswith("Try '")
    return reason


# -- --onto onto something that is not a page's wikitext -------------------------------------


@pytest.fixture
def edited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The issue's steps: the page read into page.txt, which is copied and edited."""
    page = tmp_path / "page.wiki"
    page.write_bytes(PAGE.read_bytes())
    assert main([str(page), "-o", str(tmp_path / "page.txt"), "-q"]) == 0
    text = (tmp_path / "page.txt").read_text(encoding="utf-8")
    assert "lobbyist" in text
    edited = tmp_path / "edited.txt"
    edited.write_text(text.replace("lobbyist", "LOBBYIST", 1), encoding="utf-8")
    capsys.readouterr()
    return edited


def test_onto_a_plain_text_file_is_refused(
    tmp_path: Path, edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    reason = _usage_error([str(edited), "--onto", str(page)], capsys)
    assert reason == (
        f"wikiround: error: --onto {page}: PAGE is the page's wikitext (.wiki, .wikitext, "
        ".mediawiki), and this is a plain-text file; give the page the edited text was read "
        "from"
    )


def test_onto_a_file_that_holds_plain_text_is_refused(
    tmp_path: Path, edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page"  # no extension: judged by its content
    page.write_bytes((tmp_path / "page.txt").read_bytes())
    reason = _usage_error([str(edited), "--onto", str(page)], capsys)
    assert reason == (
        f"wikiround: error: --onto {page}: PAGE is the page's wikitext, and this file holds "
        "plain text; give the page the edited text was read from"
    )


@pytest.mark.parametrize(("name", "what"), [("page.json", "a JSON file"), ("page.xml", "a dump")])
def test_onto_json_or_a_dump_is_refused(
    tmp_path: Path, edited: Path, capsys: pytest.CaptureFixture[str], name: str, what: str
) -> None:
    page = tmp_path / name
    page.write_text("{}", encoding="utf-8")
    reason = _usage_error([str(edited), "--onto", str(page)], capsys)
    assert reason == (
        f"wikiround: error: --onto {page}: PAGE is the page's wikitext (.wiki, .wikitext, "
        f".mediawiki), and this is {what}; give the page the edited text was read from"
    )


def test_onto_a_page_without_extension_that_holds_wikitext_applies(
    tmp_path: Path, edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page"
    page.write_bytes(PAGE.read_bytes())
    assert main([str(edited), "--onto", str(page), "--title", "page"]) == 0
    new = capsys.readouterr().out
    assert new == PAGE.read_text(encoding="utf-8").replace("lobbyist", "LOBBYIST", 1)


# -- empty and odd inputs ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.wiki", "empty", "blank.wikitext"])
def test_an_empty_wikitext_document_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    path.write_text("" if name.startswith("empty") else " \n\n\t\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main([str(path), "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"wikiround: error: {path}: the document is empty; there is no wikitext to read\n"
    )
    assert not out.exists()


def test_empty_standard_input_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    class Stdin(io.TextIOWrapper):
        pass

    assert main(["-", "--title", "T"], stdin=Stdin(io.BytesIO(b""), encoding="utf-8")) == 1
    assert capsys.readouterr().err == (
        "wikiround: error: -: the document is empty; there is no wikitext to read\n"
    )


def test_an_empty_file_in_a_batch_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "empty.wiki").write_text("", encoding="utf-8")
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    assert main([str(folder), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'empty.wiki'}: the document is empty; there is no wikitext to read" in err
    assert err.endswith("wikiround: converted 1 document, 1 failed\n")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.wiki"]


def test_wikitext_in_a_txt_file_gets_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.read_bytes())
    assert main([str(path)]) == 1
    assert capsys.readouterr().err == (
        f"wikiround: error: {path}:1:1: expected the title line '= Title =' on line 1\n"
        "    {{for|the Australian rules footballer|Harry McPherson (footballer)}}\n"
        "    ^\n"
        f"wikiround: hint: {path} looks like wikitext: read it with -f wikitext, or name it "
        ".wiki\n"
    )
    assert main([str(path), "-f", "wikitext", "-q"]) == 0
    assert capsys.readouterr().out.startswith("= page =\n")


def test_json_in_a_txt_file_gets_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    assert main([str(SEED), "--to", "json", "-o", str(tmp_path / "a.json")]) == 0
    path.write_bytes((tmp_path / "a.json").read_bytes())
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(
        f"wikiround: hint: {path} looks like JSON: read it with -f json, or name it .json\n"
    )


def test_a_broken_plain_text_file_gets_no_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_text("=Title=\n\nSome text.\n", encoding="utf-8")
    assert main([str(path)]) == 1
    assert "hint" not in capsys.readouterr().err


# -- dumps with nothing to convert ------------------------------------------------------------


def _dump(tmp_path: Path, pages: list[tuple[str, int, str]]) -> Path:
    """A dump of (title, namespace, text) pages."""
    from wikiround.dumps import export_footer, export_header, export_page

    body = "".join(
        export_page(title, text, number).replace("<ns>0</ns>", f"<ns>{namespace}</ns>")
        for number, (title, namespace, text) in enumerate(pages, start=1)
    )
    path = tmp_path / "dump.xml"
    path.write_text(export_header() + body + export_footer(), encoding="utf-8")
    return path


def test_a_dump_of_only_a_redirect_says_why_nothing_was_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = _dump(tmp_path, [("Old name", 0, "#REDIRECT [[New name]]")])
    assert main([str(dump), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    assert capsys.readouterr().err == "wikiround: converted 0 pages; passed over: 1 redirect\n"


def test_the_summary_counts_every_page_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = _dump(
        tmp_path,
        [
            ("Jane Doe", 0, "{{Infobox officeholder\n| office = Mayor\n}}\nJane is a mayor.\n"),
            ("John Doe", 0, "John is a mayor."),
            ("Old name", 0, "#REDIRECT [[Jane Doe]]"),
            ("Other old name", 0, "#redirect [[John Doe]]"),
            ("Talk:Jane Doe", 1, "Hello."),
            ("Blank", 0, "  \n"),
        ],
    )
    argv = [str(dump), "--with-template", "Infobox officeholder", "-o", str(tmp_path / "a.jsonl")]
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        "wikiround: converted 1 page; passed over: 2 redirects, 1 empty page, 1 page "
        "without {{Infobox officeholder}} (--with-template), 1 page of another namespace "
        "(--namespace)\n"
    )
    assert main([str(dump), "--namespace", "1", "-o", str(tmp_path / "b.jsonl")]) == 0
    assert capsys.readouterr().err == (
        "wikiround: converted 1 page; passed over: 5 pages of another namespace (--namespace)\n"
    )


def test_a_dump_without_pages_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = _dump(tmp_path, [])
    assert main([str(dump), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert capsys.readouterr().err == "wikiround: converted 0 pages; the dump holds no page\n"


# -- an import file when some inputs fail ------------------------------------------------------


def test_an_import_file_is_written_without_the_inputs_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wikiround.dumps import iter_pages

    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_text("= B =\n\nName\n- Office 1\n", encoding="utf-8")
    out = tmp_path / "import.xml"
    assert main([str(folder), "--to", "xml", "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert err.endswith(
        f"wikiround: converted 1 document, 1 failed; {out} holds 1 page, without the 1 "
        "that failed\n"
    )
    assert [page.title for page in iter_pages(out)] == ["José Serrano (Ecuadorian politician)"]


def test_no_import_file_when_every_input_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "b.txt"
    bad.write_text("= B =\n\nName\n- Office 1\n", encoding="utf-8")
    out = tmp_path / "import.xml"
    assert main([str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(f"wikiround: converted 0 documents, 1 failed; {out} not written\n")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


# -- the round trip without --onto ---------------------------------------------------------------


def _wikiround(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command as installed (a console script named ``wikiround``), in ``cwd``."""
    script = cwd / "bin" / "wikiround"
    script.parent.mkdir(exist_ok=True)
    script.write_text("from wikiround._app._cli import main_entry\nmain_entry()\n", "utf-8")
    return subprocess.run(
        [sys.executable, str(script), *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=60,
        check=False,
    )


HINT = "to put edits back onto the page, keeping what the plain text lacks: wikiround"


def test_a_lossy_read_into_plain_text_says_how_to_put_edits_back(tmp_path: Path) -> None:
    (tmp_path / "page.wiki").write_bytes(PAGE.read_bytes())
    read = _wikiround(["page.wiki", "-o", "page.txt"], tmp_path)
    assert read.returncode == 0
    assert read.stderr == (
        "wikiround: page.wiki: dropped: 23 references, 3 sections, 1 template, 1 file; "
        f"{HINT} page.txt --onto page.wiki\n"
    )
    # The hint, followed: the edit lands on the page and the references stay.
    text = (tmp_path / "page.txt").read_text(encoding="utf-8")
    (tmp_path / "page.txt").write_text(text.replace("lobbyist", "LOBBYIST", 1), "utf-8")
    put_back = _wikiround(["page.txt", "--onto", "page.wiki", "-o", "new.wiki", "-q"], tmp_path)
    assert put_back.returncode == 0, put_back.stderr
    new = (tmp_path / "new.wiki").read_text(encoding="utf-8")
    assert new == PAGE.read_text(encoding="utf-8").replace("lobbyist", "LOBBYIST", 1)


def test_the_hint_names_the_json_file_and_quotes_names(tmp_path: Path) -> None:
    (tmp_path / "Harry McPherson.wiki").write_bytes(PAGE.read_bytes())
    read = _wikiround(["Harry McPherson.wiki", "-o", "Harry McPherson.json"], tmp_path)
    assert read.returncode == 0
    assert read.stderr.endswith(f"; {HINT} 'Harry McPherson.json' --onto 'Harry McPherson.wiki'\n")
    to_stdout = _wikiround(["Harry McPherson.wiki", "--to", "json"], tmp_path)
    assert to_stdout.stderr.endswith(f"; {HINT} EDITED.json --onto 'Harry McPherson.wiki'\n")


def test_links_read_as_text_get_the_hint_although_nothing_was_dropped(tmp_path: Path) -> None:
    (tmp_path / "jane.wiki").write_text("Jane [[Doe]] is a '''mayor'''.\n", encoding="utf-8")
    read = _wikiround(["jane.wiki"], tmp_path)
    assert (read.returncode, read.stdout) == (0, "= jane =\n\nJane Doe is a mayor.\n")
    assert read.stderr == (
        f"wikiround: jane.wiki: links and formatting read as their text; {HINT} EDITED.txt "
        "--onto jane.wiki\n"
    )


def test_no_hint_where_nothing_was_lost(tmp_path: Path) -> None:
    (tmp_path / "jane.wiki").write_text("Jane Doe is a mayor.\n", encoding="utf-8")
    assert _wikiround(["jane.wiki"], tmp_path).stderr == ""
    (tmp_path / "seed.wiki").write_bytes((ROOT / "tests/data/golden/seed.wiki").read_bytes())
    assert _wikiround(["seed.wiki", "--strict", "-o", "seed.txt"], tmp_path).stderr == ""
    assert _wikiround(["seed.wiki", "-o", "seed.txt"], tmp_path).stderr == ""


def test_a_batch_of_pages_says_how_to_put_edits_back(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page.wiki").write_bytes(PAGE.read_bytes())
    read = _wikiround(["pages", "-o", "out/", "-j", "1"], tmp_path)
    assert read.returncode == 0
    assert read.stderr.startswith("wikiround: converted 1 document; dropped: 23 references")
    assert read.stderr.endswith(f"; {HINT} EDITED.txt --onto PAGE.wiki\n")
