"""Tables in the lossy reader: read line by line as MediaWiki reads them, each row a
paragraph of its cells' text joined with spaces, a caption a paragraph; what MediaWiki
shows for each form is judged on the fidelity corpus (tests/data/fidelity/cases/
tables.txt). Here: the report, ``keep_tables``, where each paragraph comes from (for
editing), tables in templates' arguments and infobox values, and that the tokenizer
never sees a table's markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wikiround import Article
from wikiround._app._cli import main
from wikiround.lossy import _body, _tree, parse_wikitext_lossy
from wikiround.lossy._reader import read
from wikiround.lossy._tables import Table, _Lines, find_tables, page_tables
from wikiround.report import Kind

TABLE = (
    'Before.\n{| class="wikitable" <!-- c -->\n|+ The caption\n! A !! B\n|-\n'
    '| style="x<ref>r</ref>" | 1 || [[Two|2]]\n|}\nAfter.\n'
)


def _lead(source: str, **options: bool) -> tuple[str, ...]:
    return parse_wikitext_lossy(source, title="T", **options).article.lead


def test_rows_are_paragraphs_of_their_cells_and_the_caption_one_of_its_own() -> None:
    result = parse_wikitext_lossy(TABLE, title="T")
    assert result.article.lead == ("Before.", "The caption", "A B", "1 2", "After.")
    # What table markup hides and holds is reported where it is: the comment on the {|
    # line, the reference in a cell's attributes.
    assert [str(entry) for entry in result.report] == [
        "2:22: comment: c",
        "6:11: reference: <ref>",
    ]


def test_without_keep_tables_each_table_is_dropped_and_reported() -> None:
    result = parse_wikitext_lossy(TABLE, title="T", keep_tables=False)
    assert result.article.lead == ("Before.", "After.")
    assert [str(entry) for entry in result.report] == ["2:1: table: {| … |}"]
    nested = "{|\n|\n{|\n| a\n|}\n|}\n:{|\n| b\n|}"
    report = parse_wikitext_lossy(nested, title="T", keep_tables=False).report
    assert [str(entry) for entry in report] == ["1:1: table: {| … |}", "7:1: table: {| … |}"]


def test_drop_tables_on_the_command_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "T.wiki"
    page.write_text(TABLE, encoding="utf-8")
    assert main([str(page), "--drop-tables", "--report"]) == 0
    out, err = capfd.readouterr()
    assert out == "= T =\n\nBefore.\n\nAfter.\n"
    assert err.startswith(f"{page}:2:1: table: {{| … |}}\nwikiround: {page}: dropped: 1 table")


@pytest.mark.parametrize(
    ("source", "lead"),
    [
        # A table inside a cell: the outer row is a paragraph before it and after it.
        ("{|\n| a\n|\n{|\n| b || c\n|}\n| d\n|}", ("a", "b c", "d")),
        # Indented, unclosed (closed at the end), empty, written with {{!}}.
        ("::{|\n| a\n|}", ("a",)),
        ("{|\n| a\n\nb", ("a b",)),
        ("{||}\nText.", ("Text.",)),
        ("{{{!}}\n{{!}} a {{!}}{{!}} b\n{{!}}}", ("a b",)),
        # Templates, comments and extension tags are whole to table markup.
        # ({{nowrap}} shows its first argument: its "||" splits its arguments.)
        ("{|\n| {{nowrap|a||b}} || <nowiki>|</nowiki> c <!-- || -->\n|}", ("a | c",)),
        # Lines run on in their cell; a list in a cell is its items, a space apart.
        ("{|\n| a\nb\n| c\n* d\n* e\n|}", ("a b c d e",)),
        # What is not at a line's start in MediaWiki is text: "* a" after a cell's "|".
        ("{|\n| * a || # b\n|}", ("* a # b",)),
    ],
)
def test_table_forms(source: str, lead: tuple[str, ...]) -> None:
    assert _lead(source) == lead


def test_html_tables_read_as_wikitext_tables() -> None:
    source = (
        "x<table class=a><caption>Cap</caption>\n<tbody><tr><th>H1</th><th>H2</th></tr>\n"
        "<tr><td>a [[b]]</td><td>\n* c\n* d\n</td></tr></tbody></table>y"
    )
    assert _lead(source) == ("x", "Cap", "H1 H2", "a b c d", "y")
    dropped = parse_wikitext_lossy(source, title="T", keep_tables=False)
    assert dropped.article.lead == ("x", "y")
    assert [str(entry) for entry in dropped.report] == ["1:2: table: <table>"]
    _, body = read(source, "T")
    assert [None if origin is None else origin.kind for origin in body.origins] == [
        None, "caption", "row", "row", None,
    ]  # fmt: skip


def test_html_tables_in_running_text_and_hidden_parts() -> None:
    # In an infobox value and a quotation: rows a line break apart, as wikitext tables.
    table = "<table><tr><td>a</td><td>b</td></tr><caption>C</caption><tr><td>c</td></tr></table>"
    article = parse_wikitext_lossy(f"{{{{Infobox officeholder\n| office = {table}\n}}}}", title="T")
    assert article.article.infobox is not None
    assert article.article.infobox.get("office") == "a b, C, c"
    assert _lead(f"{{{{quote|{table}}}}}") == ("\u201ca b C c\u201d",)
    # An element styled display:none is left out, reported.
    hidden = parse_wikitext_lossy(
        "<table><tr style='display:none'><td>a</td></tr><tr><td>b</td></tr></table>\n"
        "<table style=display:none><tr><td>c</td></tr></table>",
        title="T",
    )
    assert hidden.article.lead == ("b",)
    assert [str(entry) for entry in hidden.report] == [
        "1:8: tag: <tr> shown to no reader (display:none)",
        "2:1: tag: <table> shown to no reader (display:none)",
    ]


def test_a_heading_line_inside_a_table_is_a_heading_and_the_table_goes_on_after_it() -> None:
    article = parse_wikitext_lossy("{|\n| a\n== H ==\n| b\n|}\nAfter.", title="T").article
    assert article.lead == ("a",)
    assert article.sections[0].heading == "H"
    assert article.sections[0].paragraphs == ("b", "After.")


def test_tables_in_a_template_argument_and_an_infobox_value_show_their_cells() -> None:
    quote = "{{quote|text=\n{{{!}}\n{{!}} a {{!}}{{!}} b\n{{!}}}\n}}"
    assert _lead(quote) == ("\u201ca b\u201d",)
    infobox = (
        "{{Infobox officeholder\n| office = \n{{{!}}\n{{!}} a {{!}}{{!}} b\n{{!}}-\n{{!}} c\n"
        "{{!}}}\n}}\nText."
    )
    article = parse_wikitext_lossy(infobox, title="T").article
    assert article.infobox is not None
    # Rows of a value are a line break apart: ", " in a value.
    assert article.infobox.get("office") == "a b, c"
    # Inside a tag in the value too.
    in_tag = "{{Infobox officeholder\n| office = <div>\n{{{!}}\n{{!}} d\n{{!}}}\n</div>\n}}"
    in_tag_article = parse_wikitext_lossy(in_tag, title="T").article
    assert in_tag_article.infobox is not None
    assert in_tag_article.infobox.get("office") == "d"
    assert parse_wikitext_lossy(infobox, title="T", keep_tables=False).article.infobox is None


def test_where_each_paragraph_comes_from_for_editing() -> None:
    _, body = read(TABLE, "T")
    table = (TABLE.index("{|"), TABLE.index("|}") + 2)
    origins = body.origins
    assert [None if origin is None else origin.kind for origin in origins] == [
        None, "caption", "row", "row", None,
    ]  # fmt: skip
    caption, header, row = origins[1], origins[2], origins[3]
    assert caption is not None and header is not None and row is not None
    assert caption.table == header.table == row.table == table
    assert [TABLE[start:end] for start, end in header.cells] == [" A ", " B"]
    assert [TABLE[start:end] for start, end in row.cells] == [" 1 ", " [[Two|2]]"]
    # A row's span runs from its first cell's markup to its last cell's end.
    start, end = body.spans[3]
    assert TABLE[start:end] == '| style="x<ref>r</ref>" | 1 || [[Two|2]]'


def test_the_tokenizer_never_sees_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    tokenizer = _tree._Tokenizer

    class Recording:
        def tokenize(self, text: str) -> object:
            seen.append(text)
            return tokenizer().tokenize(text)

    monkeypatch.setattr(_tree, "_Tokenizer", Recording)
    _lead("Text [[a]].\n{|\n| [[b]] || ''c''\n|-\n! d\n|}")
    assert seen
    assert not any("{|" in text or "||" in text or "|-" in text for text in seen)


def test_a_wide_table_is_one_paragraph_and_its_cells_are_not_nodes() -> None:
    source = "{|\n|" + "a||" * 10_000 + "b\n|}"
    tables, still_open = find_tables(source)
    assert [(table.start, table.end) for table in tables] == [(0, len(source))]
    assert not still_open
    assert isinstance(read(source, "T")[1].tree.nodes[0], Table)
    assert _lead(source) == (" ".join(["a"] * 10_000 + ["b"]),)


_CELL = st.sampled_from(
    [
        "a", "[[b]]", "[[c|d]]", "''e''", "'''f", "<span>g", "</span>h", "<b>i</b>", "[[j",
        "k]]", "{{nowrap|l}}", "&amp;", "<!-- m -->", "n<ref>o</ref>", "[http://p.q r]",
        "* s", "t\n* u", "v\n\nw", "<nowiki>x</nowiki>", "__NOTOC__", " ", "",
    ]
)  # fmt: skip


@st.composite
def _tables(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=4))
    lines = ["{|"]
    for cells in rows:
        lines.append("|-")
        if draw(st.booleans()):
            lines.append("| " + " || ".join(cells))
        else:
            lines.extend("| " + cell for cell in cells)
    return "\n".join([*lines, "|}"])


@given(_tables())
@example("{|\n| [[j || k]]\n|}")
@example("{|\n| <span>g || </span>h\n|}")
def test_cells_read_together_read_as_each_read_alone(source: str) -> None:
    """The cells of a stretch of a table are parsed in one run of the tokenizer: that
    reads each cell as reading it on its own does (MediaWiki reads each cell apart)."""
    together = parse_wikitext_lossy(source, title="T")
    original = _body.parse_cells
    try:
        _body.parse_cells = lambda text, regions, references: {}  # type: ignore[assignment]
        alone = parse_wikitext_lossy(source, title="T")
    finally:
        _body.parse_cells = original  # type: ignore[assignment]
    assert together.article == alone.article
    assert together.report == alone.report


def test_the_article_of_a_page_of_tables_reads_back() -> None:
    article = parse_wikitext_lossy(TABLE, title="T").article
    assert isinstance(article, Article)
    assert Kind.TABLE not in parse_wikitext_lossy(TABLE, title="T").report.counts()


_AROUND = st.sampled_from(
    ["", "x", "{{", "}}", "{{t|", "<!--", "-->", "<nowiki>", "</nowiki>", "{{!}}", "\n", "|}",
     "{|", "|-", "| a", "<ref>", "</ref>", "<pre>", "</pre>"]
)  # fmt: skip


@given(st.lists(_AROUND, max_size=24).map("".join), _tables(), st.lists(_AROUND, max_size=24))
@example("{{t|\n", "{|\n|-\n| a\n|}", ["}}"])
@example("<!--", "{|\n|-\n| a\n|}", ["-->"])
def test_a_table_keeps_the_spans_of_the_search_that_found_it(
    before: str, table: str, after: list[str]
) -> None:
    """The opaque spans a table is read with, taken from the search of its page that
    found it, are those a search of the table alone finds."""
    text = before + "\n" + table + "\n" + "".join(after)
    _check_spans(text)


def test_the_tables_of_real_articles_keep_the_spans_of_the_search_that_found_them() -> None:
    checked = 0
    for path in sorted((Path(__file__).parents[1] / "data" / "articles").glob("*.wiki")):
        checked += _check_spans(path.read_text(encoding="utf-8"))
    assert checked > 10


def _check_spans(text: str) -> int:
    pieces = _tree.page_pieces(text)
    tables = page_tables(text, pieces)
    for table in tables:
        base = table.base
        fresh = _Lines(table.text, table.start - base, table.end - base).spans
        assert table.spans == fresh
    return len(tables)
