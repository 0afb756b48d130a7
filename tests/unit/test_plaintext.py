"""The plain-text reader and writer: layouts, the key mapping and exact error messages."""

from __future__ import annotations

import attrs
import pytest

from wikiround import (
    Article,
    Infobox,
    Parameter,
    ParseError,
    RenderError,
    Section,
    _text,
    parse_plaintext,
    render_plaintext,
)
from wikiround.plaintext._keys import key_to_parameter, parameter_to_key

DOCUMENT = """\
= José Serrano (Ecuadorian politician) =

José Serrano
- Office1: 3rd President of the National Assembly
- Term Start1: 14 May 2017
- Birth Place: Cuenca, Ecuador

Lead paragraph.

==Personal life==
First.

Second.
"""


def test_reads_the_parts() -> None:
    article = parse_plaintext(DOCUMENT)
    assert article == Article(
        "José Serrano (Ecuadorian politician)",
        Infobox(
            [
                Parameter("office1", "3rd President of the National Assembly"),
                Parameter("term_start1", "14 May 2017"),
                Parameter("birth_place", "Cuenca, Ecuador"),
            ],
            name="José Serrano",
        ),
        ["Lead paragraph."],
        [Section("Personal life", 2, ["First.", "Second."])],
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(DOCUMENT, id="canonical"),
        pytest.param(
            DOCUMENT.replace("==Personal life==", "== Personal life =="), id="spaced-heading"
        ),
        pytest.param(DOCUMENT.replace("==\nFirst", "==\n\nFirst"), id="blank-after-heading"),
        pytest.param(DOCUMENT.replace("First.\n\nSecond.", "First.\nSecond."), id="single-newline"),
        pytest.param(DOCUMENT.replace("José Serrano\n", "Infobox\n"), id="infobox-name-line"),
        pytest.param(
            "= T =\n\nJust a lead.\n\n==A==\nx\n===B===\ny\n======F======\nz\n", id="levels"
        ),
        pytest.param("= T =\n\nNo infobox.\n", id="no-infobox"),
        pytest.param("= T =\n", id="title-only"),
        pytest.param("= T =", id="no-final-newline"),
        pytest.param(DOCUMENT + "\n\n", id="trailing-blank-lines"),
        pytest.param(DOCUMENT.replace("\n\nLead", "\n \t\nLead"), id="whitespace-blank-line"),
        pytest.param(
            "= T =\n\nN\n- Key:\n- Other: \n- Odd: | ,, x ;class=nowrap\n", id="empty-values"
        ),
        pytest.param("= T =\n\nN\n- term start: a\n- Constituency Am: b\n", id="key-spelling"),
        pytest.param("= T =\n\nN\n- K: v\n\n(/es/; x\n- not a key\n", id="junk"),
        pytest.param("= T =\n\n== =foo==\nx\n===\t= Seven =\u3000===\n", id="heading-signs"),
    ],
)
def test_reading_then_writing_gives_back_the_input(text: str) -> None:
    assert render_plaintext(parse_plaintext(text)) == text


def test_layout_does_not_take_part_in_equality() -> None:
    a = parse_plaintext(DOCUMENT)
    b = parse_plaintext(DOCUMENT.replace("==Personal life==", "== Personal life =="))
    assert a == b
    assert render_plaintext(attrs.evolve(b, layout=None)) == DOCUMENT


def test_edited_article_falls_back_to_canonical_layout() -> None:
    article = parse_plaintext(DOCUMENT.replace("First.\n\nSecond.", "First.\nSecond."))
    edited = attrs.evolve(article, lead=("One.", "Two."))
    assert "One.\n\nTwo." in render_plaintext(edited)


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("Term Start1", "term_start1"),
        ("Birth Place", "birth_place"),
        ("Seats1 Title", "seats1_title"),
        ("Vicepresident", "vicepresident"),
        ("Office", "office"),
        ("Office1", "office1"),
        ("Constituency AM", "constituency_AM"),
        ("Constituency MP2", "constituency_MP2"),
        ("Honorific-prefix", "honorific-prefix"),
        ("Honorific Prefix", "honorific_prefix"),
    ],
)
def test_key_mapping(key: str, name: str) -> None:
    assert key_to_parameter(key) == name
    assert parameter_to_key(name) == key


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("", "the document is empty; it must start with a title line '= Title ='", 1, 1),
        ("Hello\n= T =\n", "expected the title line '= Title =' on line 1", 1, 1),
        ("=T=\n", "the title line needs one space inside each '=': '= Title ='", 1, 1),
        ("= T =\n\nN\n- Office 1\n", "expected ': ' after the key in '- Key: Value'", 4, 11),
        ("= T =\n\nN\n- : x\n", "the key is empty in '- Key: Value'", 4, 3),
        (
            "= T =\n\nN\n- K: a\nText\n",
            "expected '- Key: Value' or a blank line to end the infobox",
            5,
            1,
        ),
        (
            "= T =\n\nN\n- K: a\n- K: b\n",
            "parameter 'k' is given twice (first on line 4)",
            5,
            3,
        ),
        (
            "= T =\n\nLead.\n\n- Office: X\n",
            "infobox line after the body started; the infobox must come right after the title",
            5,
            1,
        ),
        ("= T =\n\n==A===\n", "unbalanced heading: 2 '=' before the text, 3 after", 3, 1),
        (
            "= T =\n\n= A =\n",
            "a level-1 heading '= … =' is only allowed as the title on line 1",
            3,
            1,
        ),
        ("= T =\n\n=======A=======\n", "heading level 7 is too deep; levels go from 2 to 6", 3, 1),
        ("= T =\n\n====\n", "a heading needs text between its '=' signs", 3, 1),
        ("= T =\r\n", "carriage return (CR) in the text; use LF line endings", 1, 6),
        ("= T =\n\nA\x00\n", "control character U+0000 is not allowed", 3, 2),
        (
            "= T =\n\nN\n- Name: x\n",
            "the infobox name is the line above the '- Key: Value' lines, not a 'Name' key",
            4,
            3,
        ),
    ],
)
def test_errors_name_line_and_column(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_plaintext(text)
    assert (caught.value.message, caught.value.line, caught.value.column) == (message, line, column)
    assert str(caught.value) == f"{message} (at line {line}, column {column})"


def test_the_fast_character_check_agrees_with_the_search() -> None:
    # check_characters first tests the text's UTF-8 bytes; for every code point it must
    # say what BAD_CHARACTER says, also past the end of the first chunk it encodes.
    codes = [*range(0x800), *range(0xD700, 0xE100), *range(0xFF00, 0x10100), 0x10FFFF]
    for char in map(chr, codes):
        assert _text.holds_only_text("ab" + char) == (_text.BAD_CHARACTER.search(char) is None)
    long = "é" * _text._CHUNK
    assert _text.holds_only_text(long + "x")
    for bad in ("\x00", "\x7f", "\ud800", "\uffff"):
        assert not _text.holds_only_text(long + bad)
        with pytest.raises(ParseError) as caught:
            parse_plaintext("= T =\n\n" + long + bad)
        assert caught.value.column == _text._CHUNK + 1


@pytest.mark.parametrize(
    ("article", "field"),
    [
        (Article("T", Infobox([Parameter("a", "b")], name="Infobox")), "Infobox.name"),
        (Article("T", Infobox([], name="N")), "Infobox.parameters"),
        (Article("T", Infobox([Parameter("Name2", "b")], name="N")), "Parameter.name"),
        (Article("T", lead=["==x=="]), "paragraphs"),
        (Article("T", lead=["- a: b"]), "paragraphs"),
    ],
)
def test_writer_refuses_what_the_format_cannot_hold(article: Article, field: str) -> None:
    with pytest.raises(RenderError) as caught:
        render_plaintext(article)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("foo=", "== foo= =="),
        ("=foo", "== =foo =="),
        ("= Seven =", "== = Seven = =="),
        ("=", "== = =="),
        ("==", "== == =="),
        ("a = b", "==a = b=="),
    ],
)
def test_an_equals_sign_at_an_end_of_a_heading_is_text(heading: str, line: str) -> None:
    # The padding keeps the text's "=" apart from the level's: "==foo===" would be
    # unbalanced.
    article = Article("T", sections=[Section(heading, 2, ["x"])])
    document = f"= T =\n\n{line}\nx\n"
    assert render_plaintext(article) == document
    assert parse_plaintext(document) == article


def test_an_edited_heading_gets_the_padding_its_equals_signs_need() -> None:
    article = parse_plaintext("= T =\n\n==A==\nx\n\n===  B===\ny\n")
    first, second = article.sections[0], article.sections[0].subsections[0]
    edited = attrs.evolve(
        article,
        sections=[
            attrs.evolve(first, heading="A=", subsections=[attrs.evolve(second, heading="=B")])
        ],
    )
    document = render_plaintext(edited)
    assert document == "= T =\n\n== A= ==\nx\n\n===  =B===\ny\n"
    assert parse_plaintext(document) == edited


def test_a_first_paragraph_and_a_dash_line_keep_a_blank_line() -> None:
    article = parse_plaintext("= T =\n\nA\nB\n")
    edited = attrs.evolve(article, lead=("A", "- b"))
    assert render_plaintext(edited) == "= T =\n\nA\n\n- b\n"
    assert parse_plaintext(render_plaintext(edited)) == edited


# --- What a line break and a blank line are (docs/format.md, "Text and lines") ---------


@pytest.mark.parametrize("lookalike", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_lookalike_is_text_not_a_blank_line(lookalike: str) -> None:
    document = f"= T =\n{lookalike}"
    article = parse_plaintext(document)
    assert article.lead == (lookalike,)
    assert render_plaintext(article) == document


@pytest.mark.parametrize("lookalike", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_lookalike_is_not_trimmed(lookalike: str) -> None:
    article = parse_plaintext(f"= T{lookalike} =\n\n=={lookalike}H==\nx\n")
    assert article.title == f"T{lookalike}"
    assert article.sections[0].heading == f"{lookalike}H"


def test_space_separators_make_a_blank_line() -> None:
    document = "= T =\n\na\n\xa0\u3000\t\nb\n \u2003\n"
    article = parse_plaintext(document)
    assert article.lead == ("a", "b")
    assert render_plaintext(article) == document
    with pytest.raises(ParseError, match="must not start or end with whitespace"):
        parse_plaintext("= \u2003T =\n")
