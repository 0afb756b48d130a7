"""Editing a page with tables: the reader shows each row of a table as a paragraph (its
cells' text joined with spaces) and a caption as one; an edit never writes a table anew.

An edit that changes or removes text of a table is refused, naming the table's line and
column, and nothing is written, losses allowed or not; everything else edits as before,
and new paragraphs next to a table go before or after the whole table. Through the public API
(``apply_edit``) and the command line (``--onto``)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wikiround import Article, EditError, apply_edit, parse_wikitext_lossy, render_plaintext
from wikiround._app._cli import main

PAGE = (
    "Intro text.\n"
    "\n"
    '{| class="wikitable"\n'
    "|+ Results\n"
    "! Year !! Team\n"
    "|-\n"
    "| 1990 || [[Red Sox|Red]]<ref>r</ref>\n"
    "|-\n"
    "| 1991 || Blue\n"
    "|}\n"
    "\n"
    "== After ==\n"
    "More text.\n"
)


def _read(text: str = PAGE) -> Article:
    return parse_wikitext_lossy(text, title="T").article


def _with_lead(article: Article, *lead: str) -> Article:
    return attrs.evolve(article, lead=tuple(lead))


def test_the_table_reads_as_a_caption_and_a_paragraph_a_row() -> None:
    assert _read().lead == ("Intro text.", "Results", "Year Team", "1990 Red", "1991 Blue")


def test_no_edit_is_the_identity() -> None:
    article = _read()
    assert apply_edit(PAGE, article, title="T").wikitext == PAGE
    assert apply_edit(PAGE, render_plaintext(article), title="T").wikitext == PAGE


def test_text_outside_the_table_is_edited_and_the_table_stays_byte_for_byte() -> None:
    article = _read()
    edited = _with_lead(article, "Intro words.", *article.lead[1:])
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("Intro text.", "Intro words.")
    assert not result.warnings


@pytest.mark.parametrize("strict", [False, True])
def test_a_changed_row_is_refused_naming_the_table(strict: bool) -> None:
    article = _read()
    lead = list(article.lead)
    lead[3] = "1990 Green"
    with pytest.raises(EditError) as raised:
        apply_edit(PAGE, _with_lead(article, *lead), title="T", strict=strict)
    (change,) = raised.value.changes
    assert str(change) == (
        "7:1: text of a table: paragraph 4 of the lead (a row of the table at 3:1; written "
        "anew, the table would go with it: edit the table in the wikitext)"
    )


def test_a_changed_caption_and_a_removed_row_are_refused() -> None:
    article = _read()
    edited = _with_lead(article, "Intro text.", "Scores", "Year Team", "1991 Blue")
    with pytest.raises(EditError) as raised:
        apply_edit(PAGE, edited, title="T")
    assert [str(change) for change in raised.value.changes] == [
        "4:1: text of a table: paragraph 2 of the lead (the caption of the table at 3:1; "
        "written anew, the table would go with it: edit the table in the wikitext)",
        "7:1: text of a table: paragraph 4 of the lead (a row of the table at 3:1; written "
        "anew, the table would go with it: edit the table in the wikitext)",
    ]
    # Losses allowed or not, a table is never written anew.
    with pytest.raises(EditError):
        apply_edit(PAGE, edited, title="T", allow_loss=True)


def test_a_paragraph_added_after_a_row_goes_after_the_table() -> None:
    article = _read()
    edited = _with_lead(article, *article.lead, "A new paragraph.")
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("|}\n", "|}\n\nA new paragraph.\n")
    assert _read(result.wikitext) == edited


def test_a_paragraph_added_before_a_table_at_the_start_goes_before_it() -> None:
    page = PAGE[PAGE.index("{|") :]
    article = _read(page)
    edited = _with_lead(article, "First words.", *article.lead)
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == "First words.\n\n" + page
    assert _read(result.wikitext) == edited


def test_a_section_holding_a_table_is_removed_whole() -> None:
    page = "Intro.\n\n== Data ==\n{|\n| a || b\n|}\n\n== Other ==\nText.\n"
    article = _read(page)
    assert article.sections[0].paragraphs == ("a b",)
    edited = attrs.evolve(article, sections=article.sections[1:])
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == "Intro.\n\n== Other ==\nText.\n"


def test_onto_refuses_an_edit_of_a_row_with_the_table_s_place(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "T.wiki"
    page.write_text(PAGE, encoding="utf-8")
    edited = tmp_path / "T.txt"
    edited.write_text(render_plaintext(_read()).replace("1991 Blue", "1991 Green"), "utf-8")
    out = tmp_path / "out.wiki"
    assert main([str(edited), "--onto", str(page), "-o", str(out)]) == 1
    assert capfd.readouterr().err == (
        f"wikiround: error: {page}: the edit was refused, nothing was written:\n"
        f"  {page}:9:1: text of a table: paragraph 5 of the lead (a row of the table at "
        "3:1; written anew, the table would go with it: edit the table in the wikitext)\n"
    )
    assert not out.exists()
    assert page.read_text(encoding="utf-8") == PAGE
