"""The command line's --onto, --diff and --allow-loss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wikiround import parse_wikitext_lossy, render_plaintext, to_json
from wikiround._app._cli import main

ARTICLE = Path(__file__).parent.parent / "data" / "articles" / "wtf__Harry-McPherson.wiki"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    page = tmp_path / "Harry McPherson.wiki"
    shutil.copy(ARTICLE, page)
    return page


def _plain(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return render_plaintext(parse_wikitext_lossy(text, title="Harry McPherson").article)


def test_an_edit_goes_onto_the_page(
    page: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "edited.txt"
    edited.write_text(_plain(page).replace("February 11, 1966", "February 12, 1966"), "utf-8")
    new = tmp_path / "new.wiki"
    assert main([str(edited), "--onto", str(page), "-o", str(new)]) == 0
    before = page.read_text(encoding="utf-8").splitlines()
    after = new.read_text(encoding="utf-8").splitlines()
    assert [pair for pair in zip(before, after, strict=True) if pair[0] != pair[1]] == [
        ("|term_start   = February 11, 1966", "|term_start   = February 12, 1966")
    ]
    err = capfd.readouterr().err
    assert f"{page}:7:17: parameter changed: term_start" in err
    assert f"wikiround: {page}: 1 change" in err


def test_diff_prints_a_unified_diff_and_writes_nothing(
    page: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    article = parse_wikitext_lossy(page.read_text("utf-8"), title="Harry McPherson").article
    edited = tmp_path / "edited.json"
    infobox = article.infobox.with_value("party", "Democratic Party")  # type: ignore[union-attr]
    import attrs

    edited.write_text(to_json(attrs.evolve(article, infobox=infobox)), "utf-8")
    original = page.read_bytes()
    assert main([str(edited), "--onto", str(page), "--diff", "-q"]) == 0
    captured = capfd.readouterr()
    assert captured.out.splitlines()[:2] == [f"--- a/{page}", f"+++ b/{page}"]
    assert "+|party        = [[Democratic Party (United States)|Democratic]] Party" in captured.out
    assert captured.err == ""
    assert page.read_bytes() == original


def test_an_edit_that_loses_a_construct_is_refused_unless_loss_is_allowed(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(
        "{{Infobox officeholder\n| name = Jane Roe\n| weight = {{convert|114|lb|kg|abbr=on}}\n}}\n"
        "Text.\n",
        encoding="utf-8",
    )
    plain = render_plaintext(parse_wikitext_lossy(page.read_text("utf-8"), title="T").article)
    edited = tmp_path / "edited.txt"
    edited.write_text(plain.replace("114 lb", "114 pounds"), encoding="utf-8")
    out = tmp_path / "new.wiki"
    assert main([str(edited), "--onto", str(page), "--title", "T", "-o", str(out)]) == 1
    err = capfd.readouterr().err
    assert f"{page}: the edit was refused, nothing was written (--allow-loss" in err
    assert (
        f"  {page}:3:12: cannot be placed exactly: the edit changes part of the text of "
        "template {{convert|114|lb|kg|abbr=on}}" in err
    )
    assert not out.exists()
    assert main([str(edited), "--onto", str(page), "-o", str(out), "--allow-loss"]) == 0
    assert "| weight = 114 pounds" in out.read_text("utf-8")
    assert "markup replaced by text: template {{convert" in capfd.readouterr().err
    # --strict refuses the replacement the loss allowed.
    assert main([str(edited), "--onto", str(page), "--allow-loss", "--strict"]) == 1
    assert "--strict: the edit would replace markup" in capfd.readouterr().err


def test_the_edit_must_not_be_wikitext(page: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert main([str(page), "--onto", str(page)]) == 1
    assert "the edit must be plain text or JSON" in capfd.readouterr().err


def test_a_bad_edit_names_its_line_and_column(
    page: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "edited.txt"
    edited.write_text("no title line\n", "utf-8")
    assert main([str(edited), "--onto", str(page)]) == 1
    assert f"{edited}:1:1:" in capfd.readouterr().err


def test_wikitext_is_not_written_from_a_lossy_read_unless_allowed(
    page: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.wiki"
    assert main([str(page), "--to", "wikitext", "-o", str(out)]) == 1
    assert "--onto" in capfd.readouterr().err and not out.exists()
    assert main([str(page), "--to", "wikitext", "-o", str(out), "--allow-loss", "-q"]) == 0
    assert "<ref" not in out.read_text("utf-8")


def test_xml_from_a_dump_is_refused_unless_allowed(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    dump = Path(__file__).parent.parent / "data" / "dumps" / "pywikibot_article-pear.xml"
    out = tmp_path / "import.xml"
    assert main([str(dump), "--to", "xml", "-o", str(out), "-j", "1"]) == 1
    assert "refusing to write wikitext from a lossy read" in capfd.readouterr().err
    assert main([str(dump), "--to", "xml", "-o", str(out), "-j", "1", "--allow-loss"]) == 0


def test_onto_takes_one_file(page: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([str(page), str(page), "--onto", str(page)])
    assert exit_.value.code == 2
