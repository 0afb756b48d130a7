"""The wikitext writer and strict reader: escapes both ways, and exact errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from wikiround import (
    Article,
    Infobox,
    ModelError,
    Parameter,
    ParseError,
    RenderError,
    Section,
    parse_plaintext,
    parse_wikitext,
    render_plaintext,
    render_wikitext,
)
from wikiround.wikitext import _escape
from wikiround.wikitext._escape import escape_heading, escape_paragraph, escape_value

DATA = Path(__file__).parent.parent / "data"
SEED = Path(__file__).parent.parent.parent / "seeds" / "000_bb9d73b147c2a566.txt"


def assert_value(text: str, wikitext: str) -> None:
    """``text`` is written as ``wikitext``, and ``wikitext`` reads back as ``text``."""
    assert escape_value(text) == wikitext
    article = Article("T", Infobox([Parameter("office", text)]))
    assert parse_wikitext(render_wikitext(article), title="T") == article


def assert_paragraph(text: str, wikitext: str) -> None:
    assert escape_paragraph(text) == wikitext
    article = Article("T", lead=[text])
    assert render_wikitext(article) == wikitext + "\n"
    assert parse_wikitext(wikitext, title="T") == article


@pytest.mark.parametrize(
    ("text", "wikitext"),
    [
        ("plain text, no markup: 1970 – 2017", "plain text, no markup: 1970 – 2017"),
        ("a | b", "a {{!}} b"),
        ("{{x}}", "&#123;{x&#125;}"),
        ("{|", "&#123;{{!}}"),
        ("|}", "{{!}}&#125;"),
        ("[[A|B]]", "&#91;[A{{!}}B&#93;]"),
        ("a < b", "a &lt; b"),
        ("<!-- c -->", "&lt;!-- c -->"),
        ("&amp; &vert; &bogus; & x", "&amp;amp; &amp;vert; &bogus; & x"),
        ("''i'' '''b'''", "'&#39;i'&#39; '&#39;'b'&#39;'"),
        ("~~~~", "~~&#126;~"),
        ("__TOC__ __notoc__", "&#95;_TOC__ &#95;_notoc__"),
        (" padded\t", "&#32;padded&#9;"),
        ("http://example.com", "http&#58;//example.com"),
        ("mailto:a@b.c", "mailto&#58;a@b.c"),
        ("hotel:5", "hotel:5"),
        ("-{ x }-", "-&#123; x }-"),
        ("E = mc2", "E = mc2"),
        ("e\u0301", "e&#x301;"),
        # Module:Infobox starts these on a new line of the cell: list, indent, rule, table.
        ("* denotes acting", "&#42; denotes acting"),
        ("# 1 in the polls", "&#35; 1 in the polls"),
        (": see below", "&#58; see below"),
        ("; note", "&#59; note"),
        ("----", "&#45;---"),
        ("{| x", "&#123;{{!}} x"),
        ("**", "&#42;*"),
        ("a * b; c: d # e", "a * b; c: d # e"),
        ("---", "---"),
        (" * x", "&#32;* x"),
    ],
)
def test_value_escapes(text: str, wikitext: str) -> None:
    assert_value(text, wikitext)


@pytest.mark.parametrize(
    ("text", "wikitext"),
    [
        ("* not a list", "&#42; not a list"),
        ("# not a list", "&#35; not a list"),
        (": not indented", "&#58; not indented"),
        ("; not a term", "&#59; not a term"),
        (" not preformatted", "&#32;not preformatted"),
        ("---- not a rule", "&#45;--- not a rule"),
        ("=not a heading=", "&#61;not a heading="),
        ("=just text", "=just text"),
        ("{| not a table", "&#123;| not a table"),
        ("a | b", "a | b"),
        ("x *y #z", "x *y #z"),
    ],
)
def test_paragraph_escapes(text: str, wikitext: str) -> None:
    assert_paragraph(text, wikitext)


@pytest.mark.parametrize(
    "scheme", ["http://a.b", "HTTPS://a.b", "mailto:x", "worldwind://x", "ſips:1", "éftp://x"]
)
def test_schemes_in_a_long_paragraph(scheme: str) -> None:
    # In a long text with few colons the writer looks for schemes around each colon
    # only; it must find what a search of the whole text finds, at every distance
    # from the text's start and from the colon before.
    filler = " ".join(["words"] * 40)
    for before in ("", "x", "1", "_", "é", filler + " ", filler + " xx", filler + " ab:"):
        text = f"{before}{scheme} {filler} end:{scheme} {filler}"
        expected = _escape._URL.sub(lambda m: m.group()[:-1] + "&#58;", text)
        assert expected != text
        assert escape_paragraph(text) == expected


def test_heading_escapes() -> None:
    assert escape_heading("''A'' <b>") == "'&#39;A'&#39; &lt;b>"
    article = Article("T", sections=[Section("''A'' <b>", 3)])
    assert render_wikitext(article) == "=== '&#39;A'&#39; &lt;b> ===\n"
    assert parse_wikitext(render_wikitext(article), title="T") == article


@pytest.mark.parametrize("heading", ["foo=", "=foo", "= Seven =", "=", "=="])
def test_an_equals_sign_at_an_end_of_a_heading_is_text(heading: str) -> None:
    # The spaces inside the level's signs keep the text's apart: MediaWiki reads
    # "== foo= ==" as a level-2 heading reading "foo=" (tests/mediawiki checks it).
    article = Article("T", sections=[Section(heading, 2)])
    assert render_wikitext(article) == f"== {heading} ==\n"
    assert parse_wikitext(render_wikitext(article), title="T") == article


def test_seed_wikitext_is_pinned_and_has_no_escapes() -> None:
    text = SEED.read_text(encoding="utf-8")
    wikitext = render_wikitext(parse_plaintext(text))
    assert wikitext == (DATA / "golden" / "seed.wiki").read_text(encoding="utf-8")
    for escape in ("&#", "&amp;", "&lt;", "{{!}}", "<nowiki"):
        assert escape not in wikitext
    back = parse_wikitext(wikitext, title="José Serrano (Ecuadorian politician)")
    assert render_plaintext(back) == text


def test_writer_layout() -> None:
    article = Article(
        "T",
        Infobox([Parameter("office", "X"), Parameter("term_start", "")], name="N"),
        ["Lead."],
        [Section("A", 2, ["One.", "Two."], [Section("B", 3, ["Three."])])],
    )
    assert render_wikitext(article) == (
        "{{Infobox officeholder\n"
        "| name       = N\n"
        "| office     = X\n"
        "| term_start =\n"
        "}}\n"
        "Lead.\n\n"
        "== A ==\nOne.\n\nTwo.\n\n"
        "=== B ===\nThree.\n"
    )


def test_reader_accepts_simple_hand_written_wikitext() -> None:
    text = (
        "{{infobox_Officeholder|name=N\n |office = A &amp; B<nowiki>|</nowiki>\n"
        "|term_start={{!}}&#32;}}\nFirst line\nsame paragraph.\n\n\n==A==\nx\n"
    )
    assert parse_wikitext(text, title="T") == Article(
        "T",
        Infobox(
            [Parameter("office", "A & B|"), Parameter("term_start", "| ")],
            name="N",
            template="infobox_Officeholder",
        ),
        ["First line same paragraph."],
        [Section("A", 2, ["x"])],
    )


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("See [[Ecuador]].", "the link [[…]] cannot be read without loss", 1, 5),
        (
            "{{Short description|x}}\n",
            "the template {{Short description}} cannot be read without loss",
            1,
            1,
        ),
        ("x\n* item\n", "the list item cannot be read without loss", 2, 1),
        ("x <!-- c -->", "the comment <!-- … --> cannot be read without loss", 1, 3),
        ("a ''b''", "italic text ''…'' cannot be read without loss", 1, 3),
        (" pre", "a line starting with a space is shown as preformatted text", 1, 1),
        ("Signed ~~~~", "a signature '~~~' would be replaced when the page is saved", 1, 8),
        ("x __NOTOC__", "a behaviour switch such as '__TOC__' is not text", 1, 3),
        ("Visit http://example.com", "the external link cannot be read without loss", 1, 7),
        (
            "{{Infobox officeholder|A}}",
            "a positional (unnamed) parameter cannot be read without loss; name it",
            1,
            24,
        ),
        (
            "{{Infobox officeholder|a=1|a=2}}",
            "parameter 'a' is given twice; MediaWiki keeps only the last value",
            1,
            28,
        ),
        (
            "{{Infobox officeholder|a=1\n2}}",
            "a parameter value on more than one line cannot be read without loss",
            1,
            27,
        ),
        ("x\n\u00a0\n", "a line of only invisible whitespace cannot be held", 2, 1),
        (
            "{{Infobox officeholder|a= ;b}}",
            "a value starting with ';' is shown by the infobox as a list, an indent, a"
            " definition, a table or a rule; write its first character as a character reference",
            1,
            27,
        ),
        (
            "{{Infobox officeholder|a=----}}",
            "a value starting with '----' is shown by the infobox as a list, an indent, a"
            " definition, a table or a rule; write its first character as a character reference",
            1,
            26,
        ),
    ],
)
def test_strict_reader_errors(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_wikitext(text, title="T")
    hint = "; the strict reader takes only text (parse_wikitext_lossy reads real articles)"
    assert caught.value.message in (message, message + hint)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_bad_title_is_the_callers_error() -> None:
    with pytest.raises(ModelError):
        parse_wikitext("x", title=" padded ")


def test_writer_refuses_names_that_need_escapes() -> None:
    article = Article("T", Infobox([Parameter("a''b", "x")]))
    with pytest.raises(RenderError) as caught:
        render_wikitext(article)
    assert caught.value.field == "Parameter.name"


def test_find_infobox_names_arguments_as_mediawiki_does() -> None:
    from wikiround.wikitext import InfoboxCall, find_infobox

    text = "{{Short description|x}}\n{{infobox_President <!-- c -->| a |b<!--n--> = 1 \n| c |b=2}}"
    assert find_infobox(text) == InfoboxCall(
        "infobox_President",
        (("1", " a "), ("b", "1"), ("2", " c "), ("b", "2")),
        24,
    )
    assert find_infobox(text).effective() == {"1": " a ", "b": "2", "2": " c "}  # type: ignore[union-attr]
    assert find_infobox("{{Navbox|x}} text") is None
