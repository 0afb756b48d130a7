"""A file's extension decides its format; content decides only for standard input and
names that say nothing. Tested with a real article that opens with a table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from wikiround._app._batch import is_dump
from wikiround._app._cli import main
from wikiround._app._convert import JSON, PLAIN, WIKITEXT, detect_format

DATA = Path(__file__).parents[1] / "data"
# Toronto Blue Jays' minor-league affiliates: English Wikipedia text (CC BY-SA) that
# opens with a wikitable; see tests/data/articles/ATTRIBUTION.md.
TABLE_FIRST = DATA / "articles" / "wtf__bluejays.wiki"
SEED = Path(__file__).parents[2] / "seeds" / "000_bb9d73b147c2a566.txt"


def _stdin(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def test_the_real_article_opens_with_a_table() -> None:
    assert TABLE_FIRST.read_text(encoding="utf-8").startswith('{| class="wikitable"\n')


@pytest.mark.parametrize("suffix", [".wiki", ".wikitext", ".mediawiki", ".WIKI"])
def test_a_table_first_article_is_wikitext_by_its_extension(
    tmp_path: Path, suffix: str, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / f"Blue Jays{suffix}"
    page.write_bytes(TABLE_FIRST.read_bytes())
    assert main([str(page)]) == 0
    out, err = capfd.readouterr()
    # The table's rows are paragraphs, its cells' text joined with spaces.
    assert out.startswith(
        "= Blue Jays =\n\nLevel Team League Location\n\n"
        "AAA Buffalo Bisons International League Buffalo, New York\n"
    )
    assert out.endswith("\n\nThe bluejays play baseball, sometimes poorly.\n")
    assert err.startswith(
        f"wikiround: {page}: dropped: 1 reference, 1 category, 1 comment; to put edits "
    )


def test_a_table_first_article_in_a_folder_batch(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "Blue Jays.wiki").write_bytes(TABLE_FIRST.read_bytes())
    (folder / "Serrano.txt").write_bytes(SEED.read_bytes())
    assert main([str(folder), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Blue Jays.txt", "Serrano.wiki"]
    assert "failed" not in capfd.readouterr().err


def test_a_table_first_article_on_standard_input_is_wikitext(
    capfd: pytest.CaptureFixture[str],
) -> None:
    data = TABLE_FIRST.read_bytes()
    assert main(["--title", "Blue Jays", "-"], stdin=_stdin(data)) == 0
    assert capfd.readouterr().out.startswith("= Blue Jays =\n\nLevel Team League Location\n")
    with pytest.raises(SystemExit) as raised:  # wikitext on standard input needs a title
        main(["-"], stdin=_stdin(data))
    assert raised.value.code == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # issue: a near-miss was read as wikitext, silently
        (b"= T = \n\nT.\n", ":1:1: expected the title line '= Title =' on line 1"),
        (b"= T =\r\rText.\r", ":1:6: carriage return (CR) in the text"),
        (TABLE_FIRST.read_bytes(), ":1:1: expected the title line '= Title =' on line 1"),
    ],
)
def test_a_txt_file_gets_the_plain_text_readers_error(
    tmp_path: Path, content: bytes, message: str, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "t.txt"
    page.write_bytes(content)
    assert main([str(page)]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    assert err.startswith(f"wikiround: error: {page}{message}"), err


def test_a_json_file_gets_the_json_readers_error(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "a.json"
    page.write_text("= Not JSON =\n\nText.\n", encoding="utf-8")
    assert main([str(page)]) == 1
    assert capfd.readouterr().err.startswith(f"wikiround: error: {page}:1:1: invalid JSON")


def test_from_still_overrides_the_extension(capfd: pytest.CaptureFixture[str]) -> None:
    # The seed read as wikitext: its '= Title =' line is a heading MediaWiki would show.
    assert main([str(SEED), "--from", "wikitext", "--to", "json"]) == 0
    document = json.loads(capfd.readouterr().out)
    assert document["title"] == SEED.stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{| class="wikitable"\n|-\n| a || b\n|}\nSome text.\n', WIKITEXT),
        ("{|\n| a\n|}\n", WIKITEXT),
        ("{{Infobox officeholder\n| name = X\n}}\n", WIKITEXT),
        ('{"a": 1}\n', WIKITEXT),  # JSON, but not ours
        ("{}\n", WIKITEXT),
        ('{"title": "T", "lead": []}\n', JSON),  # ours: the reader names what is missing
        ('{\n  "format": "wikiround-article",\n  "version": 1,\n', JSON),  # ours, cut off
        ("= T =\n\nText.\n", PLAIN),
        ("= T = \n\nText.\n", WIKITEXT),
    ],
)
def test_content_detection(text: str, expected: str) -> None:
    assert detect_format(text) == expected


def test_content_detection_of_deep_brackets_is_not_a_crash() -> None:
    assert detect_format("{" + '"a":[' * 100_000) == WIKITEXT
    assert detect_format('{"a":' + "[" * 100_000 + "]" * 100_000 + "}") == WIKITEXT


def test_an_unknown_extension_is_judged_by_content(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Blue Jays.page"
    page.write_bytes(TABLE_FIRST.read_bytes())
    assert main([str(page)]) == 0
    assert capfd.readouterr().out.startswith("= Blue Jays =\n")
    plain = tmp_path / "article.text"
    plain.write_bytes(SEED.read_bytes())
    assert main([str(plain), str(page), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Blue Jays.txt", "article.wiki"]


def test_a_document_extension_is_never_a_dump(tmp_path: Path) -> None:
    export = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">\n</mediawiki>\n'
    for name, dump in [("a.txt", False), ("a.wiki", False), ("a.xml", True), ("a", True)]:
        (tmp_path / name).write_text(export, encoding="utf-8")
        assert is_dump(str(tmp_path / name)) is dump, name
    assert is_dump(str(tmp_path / "missing.gz"))
