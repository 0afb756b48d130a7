"""Editing a page with tables: the reader shows each row of a table as a paragraph (its
cells' text joined with spaces) and a caption as one; an edit never writes a table anew.

A change of a row's or a caption's text is made inside the cells it falls in, word by
word, and the table's markup and the other cells stay byte for byte (words replaced one
for one over two cells each go in the cell of the word they replace). A row removed takes
its lines (its ``|-`` line and its cells) out of the table; a row moved among the rows
of its table moves those lines; nothing else changes. An edit that runs from one cell's
text into the next, empties a cell, removes a caption, removes or moves a row that
cannot be taken out whole (a table with ``rowspan``, a row sharing its lines with a
caption), or moves a row out of its table is refused, naming the table's line and column, and
nothing is written, losses allowed or not. A paragraph added between two rows becomes a
new row there, one cell across the table's columns (refused where a row cannot go:
below a ``rowspan``, in a table holding a table); everything else edits as before, and
new paragraphs next to a table go before or after the whole table. Through the public
API (``apply_edit``) and the command line (``--onto``)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wikiround import (
    Article,
    ChangeKind,
    EditError,
    Section,
    apply_edit,
    parse_wikitext_lossy,
    render_plaintext,
)
from wikiround._app._cli import main

DATA = Path(__file__).parent.parent / "data"

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


def _edited(article: Article, index: int, text: str) -> Article:
    lead = list(article.lead)
    lead[index] = text
    return _with_lead(article, *lead)


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
def test_a_word_changed_in_one_cell_edits_just_that_cell(strict: bool) -> None:
    edited = _edited(_read(), 4, "1991 Navy")
    result = apply_edit(PAGE, edited, title="T", strict=strict)
    assert result.wikitext == PAGE.replace("| 1991 || Blue", "| 1991 || Navy")
    assert [str(change) for change in result.changes] == [
        "9:11: paragraph changed: paragraph 5 of the lead (in a cell of the table at 3:1)"
    ]
    assert _read(result.wikitext) == edited


def test_a_link_s_label_in_a_cell_is_relabelled_and_its_reference_stays() -> None:
    edited = _edited(_read(), 3, "1990 Crimson")
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("[[Red Sox|Red]]", "[[Red Sox|Crimson]]")
    assert not result.warnings
    assert _read(result.wikitext) == edited


def test_words_changed_in_two_cells_of_a_row_edit_both_cells() -> None:
    edited = _edited(_read(), 4, "1992 Blue and gold")
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("| 1991 || Blue", "| 1992 || Blue and gold")
    assert _read(result.wikitext) == edited


def test_a_header_cell_and_the_caption_are_edited_in_place() -> None:
    edited = _edited(_edited(_read(), 1, "Final results"), 2, "Year Club")
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("|+ Results", "|+ Final results").replace(
        "! Year !! Team", "! Year !! Club"
    )
    assert [str(change) for change in result.changes] == [
        "4:4: paragraph changed: paragraph 2 of the lead (in the caption of the table at 3:1)",
        "5:11: paragraph changed: paragraph 3 of the lead (in a cell of the table at 3:1)",
    ]
    assert _read(result.wikitext) == edited


def test_words_replaced_one_for_one_over_two_cells_go_each_in_its_cell() -> None:
    page = "{|\n|-\n| 1871 || 200,000 || [[A|22,700,000]] || 565,000<ref>r</ref> || 0.9\n|}\n"
    article = _read(page)
    assert article.lead == ("1871 200,000 22,700,000 565,000 0.9",)
    edited = _with_lead(article, "1871 200,000 Texas senator 0.9")
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == page.replace("|22,700,000]] || 565,000", "|Texas]] || senator")
    assert not result.warnings
    assert _read(result.wikitext) == edited
    # Not one for one: which cell would hold which words is not known.
    for shown in ("1871 200,000 Texas 0.9", "1871 200,000 Texas red senator 0.9"):
        with pytest.raises(EditError) as raised:
            apply_edit(page, _with_lead(article, shown), title="T")
        assert "the edit runs from one cell's text into the next" in str(raised.value)


def test_a_change_in_two_cells_on_lines_of_their_own_is_listed_in_each() -> None:
    # Found by the property tests (stress profile) on the 2008 British motorcycle Grand
    # Prix: two header cells changed, one line apart, were listed at the first alone.
    page = "{|\n! Pos.\n! No.\n! Rider\n! Manufacturer\n|-\n| 1\n| 46\n| Rossi\n| Yamaha\n|}\n"
    changed = page.replace("! No.", "! reform").replace("! Manufacturer", "! reform")
    article = _read(page)
    assert article.lead == ("Pos. No. Rider Manufacturer", "1 46 Rossi Yamaha")
    result = apply_edit(page, _edited(article, 0, "Pos. reform Rider reform"), title="T")
    assert result.wikitext == changed
    assert [str(change) for change in result.changes] == [
        "3:3: paragraph changed: paragraph 1 of the lead (in a cell of the table at 1:1)",
        "5:3: paragraph changed: paragraph 1 of the lead (in a cell of the table at 1:1)",
    ]


@pytest.mark.parametrize(
    ("index", "shown", "line", "written"),
    [
        # A pipe would start a cell, or make the text before it the cell's attributes.
        (4, "1991 Blue | Red", "| 1991 || Blue", "| 1991 || Blue &#124; Red"),
        (4, "1991 A|B", "| 1991 || Blue", "| 1991 || A&#124;B"),
        # "!!" starts the next cell on a line of header cells.
        (2, "Year Team!!Club", "! Year !! Team", "! Year !! Team!&#33;Club"),
        (4, "1991 Blue [[x]]", "| 1991 || Blue", "| 1991 || Blue &#91;[x&#93;]"),
    ],
)
def test_new_text_in_a_cell_is_escaped_as_the_cell_needs(
    index: int, shown: str, line: str, written: str
) -> None:
    edited = _edited(_read(), index, shown)
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace(line, written)
    assert _read(result.wikitext) == edited


@pytest.mark.parametrize("allow_loss", [False, True])
def test_a_change_running_over_two_cells_is_refused_naming_the_table(allow_loss: bool) -> None:
    edited = _edited(_read(), 4, "1991Blue")
    with pytest.raises(EditError) as raised:
        apply_edit(PAGE, edited, title="T", allow_loss=allow_loss)
    (change,) = raised.value.changes
    assert str(change) == (
        "9:1: text of a table: paragraph 5 of the lead (a row of the table at 3:1; the edit "
        "runs from one cell's text into the next, and a table is never written anew: edit "
        "the table in the wikitext)"
    )


def test_a_rewritten_row_is_refused() -> None:
    with pytest.raises(EditError) as raised:
        apply_edit(PAGE, _edited(_read(), 4, "Nothing like it"), title="T")
    assert [change.kind.value for change in raised.value.changes] == ["text of a table"]


def test_a_cell_emptied_is_refused() -> None:
    page = "{|\n| a || b || c\n|}\n"
    article = _read(page)
    assert article.lead == ("a b c",)
    with pytest.raises(EditError) as raised:
        apply_edit(page, _with_lead(article, "a c"), title="T")
    assert [change.kind.value for change in raised.value.changes] == ["text of a table"]


def test_a_word_deleted_with_the_reference_after_it_in_its_cell_is_refused() -> None:
    page = "{|\n| a || b c<ref>r</ref>\n|}\n"
    article = _read(page)
    assert article.lead == ("a b c",)
    with pytest.raises(EditError) as raised:
        apply_edit(page, _with_lead(article, "a b"), title="T")
    assert [change.kind.value for change in raised.value.changes] == ["construct lost"]
    result = apply_edit(page, _with_lead(article, "a b d"), title="T")
    assert result.wikitext == page.replace("c<ref>", "d<ref>")


def test_cells_with_attributes_several_lines_and_empty_cells_between() -> None:
    page = '{|\n|-\n| style="x" | one two\n|\n| three\nfour\n|}\n'
    article = _read(page)
    assert article.lead == ("one two three four",)
    result = apply_edit(page, _with_lead(article, "one 2 three four five"), title="T")
    assert result.wikitext == '{|\n|-\n| style="x" | one 2\n|\n| three\nfour five\n|}\n'


def test_a_changed_caption_is_edited_and_a_removed_row_goes_with_its_lines() -> None:
    article = _read()
    edited = _with_lead(article, "Intro text.", "Scores", "Year Team", "1991 Blue")
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("Results", "Scores").replace(
        "|-\n| 1990 || [[Red Sox|Red]]<ref>r</ref>\n", ""
    )
    assert [str(change) for change in result.changes] == [
        "4:4: paragraph changed: paragraph 2 of the lead (in the caption of the table at 3:1)",
        "7:1: paragraph removed: paragraph 4 of the lead (a row of the table at 3:1)",
        "7:26: removed with its element: reference <ref> (in paragraph 4 of the lead)",
    ]
    assert not result.warnings
    assert _read(result.wikitext) == edited


def test_a_removed_caption_takes_its_line_and_one_that_cannot_is_refused() -> None:
    edited = _with_lead(_read(), "Intro text.", "Year Team", "1990 Red", "1991 Blue")
    result = apply_edit(PAGE, edited, title="T")
    assert result.wikitext == PAGE.replace("|+ Results\n", "")
    assert [str(change) for change in result.changes] == [
        "4:1: paragraph removed: paragraph 2 of the lead (the caption of the table at 3:1)"
    ]
    assert _read(result.wikitext) == edited
    # An HTML table's caption: its markup would go with it.
    page = "<table>\n<caption>Cap</caption>\n<tr><td>a</td></tr>\n</table>\n"
    with pytest.raises(EditError) as raised:
        apply_edit(page, _with_lead(_read(page), "a"), title="T", allow_loss=True)
    assert [str(change) for change in raised.value.changes] == [
        "2:1: text of a table: paragraph 1 of the lead (the caption of the table at 1:1; "
        "written anew, the table would go with it: edit the table in the wikitext)",
    ]
    # A caption moved among the rows is not a row.
    article = _read()
    moved = _with_lead(article, "Intro text.", "Year Team", "1990 Red", "Results", "1991 Blue")
    with pytest.raises(EditError, match="a caption is not a row"):
        apply_edit(PAGE, moved, title="T")


def test_a_row_above_any_cell_spanning_rows_is_removed() -> None:
    page = "{|\n|-\n| a\n|-\n| rowspan=2 | b || c\n|-\n| d\n|}\n"
    article = _read(page)
    assert article.lead == ("a", "b c", "d")
    result = apply_edit(page, _with_lead(article, "b c", "d"), title="T")
    assert result.wikitext == page.replace("|-\n| a\n", "")
    # Moved below it, the rows it spans would change.
    with pytest.raises(EditError, match="rowspan"):
        apply_edit(page, _with_lead(article, "b c", "a", "d"), title="T")


@pytest.mark.parametrize("base", [False, True])
def test_a_row_moved_among_its_table_s_rows_moves_its_lines(base: bool) -> None:
    article = _read()
    edited = _with_lead(article, *article.lead[:3], "1991 Blue", "1990 Red")
    result = apply_edit(PAGE, edited, title="T", base=PAGE if base else None)
    assert result.wikitext == PAGE.replace(
        "|-\n| 1990 || [[Red Sox|Red]]<ref>r</ref>\n|-\n| 1991 || Blue\n",
        "|-\n| 1991 || Blue\n|-\n| 1990 || [[Red Sox|Red]]<ref>r</ref>\n",
    )
    assert [str(change) for change in result.changes] == [
        "6:1: paragraph moved: paragraph 5 of the lead (to here)",
        "9:1: paragraph moved: paragraph 5 of the lead (from here)",
    ]
    assert _read(result.wikitext) == edited


def test_a_first_row_without_its_own_line_is_removed_and_moved() -> None:
    page = "{| class=t\n| a || b\n|- style=x\n| c\n|-\n| d\n|}\n"
    article = _read(page)
    assert article.lead == ("a b", "c", "d")
    removed = apply_edit(page, _with_lead(article, "c", "d"), title="T")
    assert removed.wikitext == "{| class=t\n|- style=x\n| c\n|-\n| d\n|}\n"
    # Moved, it gets a "|-" line of its own; moved before it, a row leaves it one.
    last = apply_edit(page, _with_lead(article, "c", "d", "a b"), title="T")
    assert last.wikitext == "{| class=t\n|- style=x\n| c\n|-\n| d\n|-\n| a || b\n|}\n"
    first = apply_edit(page, _with_lead(article, "d", "a b", "c"), title="T")
    assert first.wikitext == "{| class=t\n|-\n| d\n|-\n| a || b\n|- style=x\n| c\n|}\n"
    for result, lead in ((removed, ("c", "d")), (last, ("c", "d", "a b"))):
        assert _read(result.wikitext).lead == lead
    assert _read(first.wikitext).lead == ("d", "a b", "c")


def test_a_removed_row_holding_a_named_reference_leaves_its_definition_to_a_reuse() -> None:
    page = (
        'Intro.<ref name="s"/>\n\n{|\n|-\n| a<ref name="s">Source</ref> || b\n'
        "|-\n| c || d\n|}\n\n== Notes ==\n<references />\n"
    )
    article = _read(page)
    assert article.lead == ("Intro.", "a b", "c d")
    result = apply_edit(page, _with_lead(article, "Intro.", "c d"), title="T")
    assert result.wikitext == (
        'Intro.<ref name="s">Source</ref>\n\n{|\n|-\n| c || d\n|}\n\n== Notes ==\n<references />\n'
    )
    assert "1:7: reference definition moved: <ref name=s>" in [
        str(change).split(" (")[0] for change in result.changes
    ]


def test_a_row_of_a_table_inside_a_cell_is_removed_and_moved() -> None:
    page = (
        "{|\n|-\n| Outer\n{|\n|-\n| a || b\n|-\n| c || d\n|-\n| e || f\n|}\nafter\n|-\n| last\n|}\n"
    )
    article = _read(page)
    assert article.lead == ("Outer", "a b", "c d", "e f", "after", "last")
    result = apply_edit(
        page, _with_lead(article, "Outer", "a b", "e f", "after", "last"), title="T"
    )
    assert result.wikitext == page.replace("|-\n| c || d\n", "")
    moved = _with_lead(article, "Outer", "c d", "a b", "e f", "after", "last")
    result = apply_edit(page, moved, title="T")
    assert result.wikitext == page.replace(
        "|-\n| a || b\n|-\n| c || d\n", "|-\n| c || d\n|-\n| a || b\n"
    )
    assert _read(result.wikitext) == moved


def test_a_section_holding_a_table_removed_whole_and_a_row_removed_from_another() -> None:
    page = "Intro.\n\n== A ==\n{|\n| a || b\n|}\n\n== B ==\n{|\n|-\n| c\n|-\n| d\n|}\n"
    article = _read(page)
    edited = attrs.evolve(article, sections=(attrs.evolve(article.sections[1], paragraphs=("d",)),))
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == "Intro.\n\n== B ==\n{|\n|-\n| d\n|}\n"


@pytest.mark.parametrize(
    ("page", "lead", "detail"),
    [
        # A cell spanning rows: the cells below would shift.
        (
            "{|\n|-\n| rowspan=2 | a || b\n|-\n| c\n|-\n| d || e\n|}\n",
            ("a b", "d e"),
            "a cell of the table spans rows (rowspan), and the cells below would shift",
        ),
        # The first row, on the line after the caption.
        (
            "{|\n|+ Cap\n! h || i\n|-\n| a || b\n|}\n",
            ("Cap", "a b"),
            "the row shares its lines with other text of the table (a caption, lines in no "
            "cell, a table inside a cell)",
        ),
        # A comment on the row's own line would go with it.
        (
            "{|\n|-\n| a\n|- <!-- keep -->\n| b\n|}\n",
            ("a",),
            "the row's |- line holds a comment or a reference",
        ),
        ("{|\n| a || b\n|}\n\nText.\n", ("Text.",), "it is the table's only row"),
        # A table inside one of its cells.
        (
            "{|\n|-\n| x\n{|\n| y\n|}\n|-\n| z\n|}\n",
            ("y", "z"),
            "the row shares its lines with other text of the table (a caption, lines in no "
            "cell, a table inside a cell)",
        ),
    ],
)
def test_a_row_that_cannot_be_taken_out_whole_is_refused(
    page: str, lead: tuple[str, ...], detail: str
) -> None:
    with pytest.raises(EditError) as raised:
        apply_edit(page, _with_lead(_read(page), *lead), title="T", allow_loss=True)
    (change,) = raised.value.changes
    assert change.kind.value == "text of a table"
    assert change.detail == f"a row of the table at 1:1; {detail}: edit the table in the wikitext"


def test_every_row_of_a_table_removed_outside_a_section_removed_whole_is_refused() -> None:
    page = "Intro.\n\n{|\n|-\n| a\n|-\n| b\n|}\n\nEnd.\n"
    with pytest.raises(EditError) as raised:
        apply_edit(page, _with_lead(_read(page), "Intro.", "End."), title="T")
    assert [str(change) for change in raised.value.changes] == [
        "3:1: text of a table: the table at 3:1 (all its text removed, it would be left "
        "empty: remove the table in the wikitext, or its section with it)"
    ]


def test_a_row_moved_out_of_its_table_is_refused() -> None:
    article = _read()
    edited = _with_lead(article, "1991 Blue", *article.lead[:4])
    with pytest.raises(EditError) as raised:
        apply_edit(PAGE, edited, title="T")
    assert [str(change) for change in raised.value.changes] == [
        "9:1: text of a table: paragraph 5 of the lead (a row of the table at 3:1; moved "
        "out of its table, a row would lose its table's markup: edit the table in the "
        "wikitext)"
    ]


@pytest.mark.parametrize("strict", [False, True])
def test_a_paragraph_put_between_rows_is_a_new_row_across_the_table(strict: bool) -> None:
    article = _read()
    edited = _with_lead(article, *article.lead[:4], "New words, a|b.", "1991 Blue")
    result = apply_edit(PAGE, edited, title="T", strict=strict)
    assert result.wikitext == PAGE.replace(
        "|-\n| 1991", '|-\n| colspan="2" | New words, a&#124;b.\n|-\n| 1991'
    )
    assert _read(result.wikitext) == edited
    assert [str(change) for change in result.changes] == [
        "8:1: paragraph added: 'New words, a|b.' (a new row of the table at 3:1, one cell "
        "across its 2 columns)"
    ]
    assert not result.warnings


def test_paragraphs_put_after_the_caption_or_the_header_row_are_new_rows() -> None:
    article = _read()
    lead = list(article.lead)
    edited = _with_lead(article, *lead[:2], "One.", lead[2], "Two.", "Three.", *lead[3:])
    result = apply_edit(PAGE, edited, title="T")
    assert _read(result.wikitext) == edited
    assert result.wikitext == PAGE.replace(
        "|+ Results\n",
        '|+ Results\n|-\n| colspan="2" | One.\n|-\n',
    ).replace(
        "! Year !! Team\n",
        '! Year !! Team\n|-\n| colspan="2" | Two.\n|-\n| colspan="2" | Three.\n',
    )


def test_a_row_counts_its_cells_colspan_for_the_width_of_a_new_row() -> None:
    page = "{|\n|-\n| a || colspan=3 | b\n|-\n| c\n|}\n"
    article = _read(page)
    assert article.lead == ("a b", "c")
    edited = _with_lead(article, "a b", "New.", "c")
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == page.replace("|-\n| c", '|-\n| colspan="4" | New.\n|-\n| c')
    assert _read(result.wikitext) == edited


@pytest.mark.parametrize(
    ("page", "detail"),
    [
        (
            "{|\n|-\n| rowspan=2 | a || b\n|-\n| c\n|-\n| d || e\n|}\n",
            "a cell of the table spans rows (rowspan), and the cells below would shift",
        ),
        (
            "{|\n|-\n| a\n{|\n| inner\n|}\n|-\n| c\n|-\n| d\n|}\n",
            "the table holds another table",
        ),
        (
            "<table>\n<tr><td>a</td><td>b</td></tr>\n<tr><td>c</td><td>d</td></tr>\n</table>\n",
            "it is an HTML table (<table>), whose rows are not written",
        ),
    ],
)
def test_a_paragraph_between_rows_is_refused_where_a_row_cannot_go(page: str, detail: str) -> None:
    article = _read(page)
    lead = list(article.lead)
    edited = _with_lead(article, *lead[:-1], "New words.", lead[-1])
    with pytest.raises(EditError) as raised:
        apply_edit(page, edited, title="T")
    [change] = raised.value.changes
    assert change.kind is ChangeKind.TABLE_TEXT
    assert change.detail == (
        f"a new paragraph inside the table at 1:1, where it would be a new row, but {detail}: "
        "add it before or after the table, or edit the table in the wikitext"
    )


def test_a_row_below_a_rowspan_moved_up_is_refused_once_for_the_rowspan() -> None:
    page = "{|\n|-\n| a\n|-\n| rowspan=2 | b || c\n|-\n| d\n|}\n"
    article = _read(page)
    assert article.lead == ("a", "b c", "d")
    with pytest.raises(EditError) as raised:
        apply_edit(page, _with_lead(article, "a", "d", "b c"), title="T")
    assert [change.detail for change in raised.value.changes] == [
        "a row of the table at 1:1; a cell of the table spans rows (rowspan), and the cells "
        "below would shift: edit the table in the wikitext"
    ]


def test_a_heading_put_between_rows_is_refused() -> None:
    article = _read()
    outline_lead = article.lead[:4]
    edited = attrs.evolve(
        article,
        lead=outline_lead,
        sections=(Section("Inside", paragraphs=("1991 Blue",)), *article.sections),
    )
    with pytest.raises(EditError) as raised:
        apply_edit(PAGE, edited, title="T")
    assert [str(change) for change in raised.value.changes] == [
        "9:1: text of a table: 'Inside' (a heading, inside the table at 3:1, where only a row "
        "can stand: place it before or after the table, or edit the table in the wikitext)"
    ]


def test_a_row_of_a_vendored_article_s_table_changes_its_cells_lines_only() -> None:
    page = (DATA / "articles" / "wtf__2008-British-motorcycle-Grand-Prix.wiki").read_text(
        encoding="utf-8"
    )
    title = "2008 British motorcycle Grand Prix"
    article = parse_wikitext_lossy(page, title=title).article
    section, *rest = article.sections
    assert section.paragraphs[1] == "1 1 Casey Stoner Ducati 30 44:44.982 1 25"
    rows = list(section.paragraphs)
    rows[1] = "1 1 Casey Stoner Ducati Corse 30 44:45.982 1 25"
    edited = attrs.evolve(article, sections=(attrs.evolve(section, paragraphs=tuple(rows)), *rest))
    result = apply_edit(page, edited, title=title)
    before, after = page.split("\n"), result.wikitext.split("\n")
    assert [(old, new) for old, new in zip(before, after, strict=True) if old != new] == [
        ("| '''[[Ducati]]'''", "| '''[[Ducati]]''' Corse"),
        ("| 44:44.982", "| 44:45.982"),
    ]
    assert parse_wikitext_lossy(result.wikitext, title=title).article == edited


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


def test_onto_edits_a_row_s_cell_and_refuses_a_change_over_two_cells(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "T.wiki"
    page.write_text(PAGE, encoding="utf-8")
    edited = tmp_path / "T.txt"
    edited.write_text(render_plaintext(_read()).replace("1991 Blue", "1991 Green"), "utf-8")
    out = tmp_path / "out.wiki"
    assert main([str(edited), "--onto", str(page), "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8") == PAGE.replace("|| Blue", "|| Green")
    out.unlink()
    capfd.readouterr()
    edited.write_text(render_plaintext(_read()).replace("1991 Blue", "1991-Blue"), "utf-8")
    assert main([str(edited), "--onto", str(page), "-o", str(out)]) == 1
    assert capfd.readouterr().err == (
        f"wikiround: error: {page}: the edit was refused, nothing was written:\n"
        f"  {page}:9:1: text of a table: paragraph 5 of the lead (a row of the table at "
        "3:1; the edit runs from one cell's text into the next, and a table is never "
        "written anew: edit the table in the wikitext)\n"
    )
    assert not out.exists()
    assert page.read_text(encoding="utf-8") == PAGE


def test_an_html_table_s_cells_and_caption_are_edited_in_place() -> None:
    page = (
        "Intro.\n\n<table>\n<caption>Cap</caption>\n<tr><th>Year</th><th>Team</th></tr>\n"
        "<tr><td>1990</td><td>[[Red Sox|Red]]<ref>r</ref></td></tr>\n</table>\n"
    )
    article = _read(page)
    assert article.lead == ("Intro.", "Cap", "Year Team", "1990 Red")
    edited = _with_lead(article, "Intro.", "Caption", "Year Team", "1990 Crimson")
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == page.replace(">Cap<", ">Caption<").replace("|Red]]", "|Crimson]]")
    with pytest.raises(EditError) as raised:
        apply_edit(page, _edited(article, 3, "1990Red"), title="T")
    assert [change.kind.value for change in raised.value.changes] == ["text of a table"]


def test_a_paragraph_put_before_a_table_inside_a_centred_block_is_refused_not_misplaced() -> None:
    # Found moving rows of the vendored articles: on George Washington, a <center> holds
    # a table of stamps, a bold "Selected currency :" and a table of coins. That line
    # swapped with the stamps' row went after the </center>, past the coins: the page
    # read otherwise than the edit.
    page = (DATA / "articles" / "presidentthing__George_Washington.wiki").read_text("utf-8")
    title = "George Washington"
    text = render_plaintext(parse_wikitext_lossy(page, title=title).article)
    row = next(p for p in text.split("\n\n") if p.startswith("Washington, issue of 1862"))
    assert f"{row}\n\nSelected currency :\n" in text
    edited = text.replace(f"{row}\n\nSelected currency :", f"Selected currency :\n\n{row}")
    with pytest.raises(EditError) as raised:
        apply_edit(page, edited, base=page, title=title)
    assert {change.kind.value for change in raised.value.changes} == {"cannot be placed exactly"}
    assert "(between two paragraphs of the construct at " in str(raised.value)
    # (And the line, text inside the <center>, moved out of it would leave it behind.)
    assert "it would leave that construct's markup behind" in str(raised.value)


def test_a_thumbnail_s_caption_in_a_cell_is_edited_inside_the_caption() -> None:
    # Found by tools/edit_measure.py on George Washington: a cell's text is a
    # thumbnail's caption (in <center>, a link in it); a word changed in it was refused.
    page = (
        "{|\n|[[File:Q.png|thumb|148px|<center>George Washington<br>[[Coin|quarter dollar]]"
        "</center>]]\n| x [[File:D.jpg|thumb|left|Dollar <ref>r</ref>bill]] y\n|}\n"
    )
    article = _read(page)
    assert article.lead == ("George Washington quarter dollar x Dollar bill y",)
    edited = _with_lead(article, "Texas Washington quarter note x Dollar bill|s]] y")
    result = apply_edit(page, edited, title="T")
    assert result.wikitext == (
        page.replace("George Washington<br>[[Coin|quarter dollar]]", "Texas Washington<br>"
                     "[[Coin|quarter note]]").replace("bill]] y", "bill&#124;s&#93;&#93;]] y")
    )  # fmt: skip
    assert [change.kind.value for change in result.changes].count("edited inside") == 2
    assert not result.warnings
    assert _read(result.wikitext) == edited
    # The caption's whole text deleted would take the file with it: refused.
    with pytest.raises(EditError, match=r"\[\[File:D\.jpg"):
        apply_edit(page, _with_lead(article, "George Washington quarter dollar x y"), title="T")
