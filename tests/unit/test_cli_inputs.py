"""Inputs a new user gives by mistake or by chance: a page that is not wikitext, empty
files, wikitext in a .txt file, dumps with nothing to convert, and a lossy read written
as plain text (how to put edits back)."""

from __future__ import annotations

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
