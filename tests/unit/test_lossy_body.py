"""The lossy reader's body: paragraphs, headings, lists, dropped blocks, the report."""

from __future__ import annotations

import pytest

from wikiround import (
    Article,
    ParseError,
    Section,
    WikiroundError,
    parse_plaintext,
    render_plaintext,
)
from wikiround.lossy import _tree as _tree_module
from wikiround.lossy import parse_wikitext_lossy
from wikiround.report import Dropped, Kind, Report
from wikiround.wikitext import parse_wikitext


def read(source: str, **options: bool) -> Article:
    return parse_wikitext_lossy(source, title="T", **options).article


def kinds(source: str, **options: bool) -> list[Kind]:
    return [entry.kind for entry in parse_wikitext_lossy(source, title="T", **options).report]


def test_paragraphs_and_headings() -> None:
    source = (
        "'''Ann''' is [[a|an]] example.\nSame paragraph.\n\nSecond.\n"
        "== History ==\nText.\n=== Early ''life'' ===\nMore.\n"
    )
    assert read(source) == Article(
        "T",
        lead=("Ann is an example. Same paragraph.", "Second."),
        sections=(Section("History", 2, ("Text.",), (Section("Early life", 3, ("More.",)),)),),
    )


def test_metadata_hatnotes_and_navigation_are_dropped_and_reported() -> None:
    source = (
        "{{Short description|A person}}\n{{Use mdy dates|date=May 2020}}\n{{pp-semi-indef}}\n"
        "{{About|the politician}}\nText.\n{{Reflist}}\n{{Authority control}}\n"
        "{{DEFAULTSORT:Doe, Ann}}\n[[Category:People]]\n[[fr:Ann]]\n"
    )
    assert read(source) == Article("T", lead=("Text.",))
    assert kinds(source) == [Kind.TEMPLATE] * 7 + [Kind.CATEGORY, Kind.INTERLANGUAGE_LINK]


def test_files_galleries_and_tables_are_blocks() -> None:
    source = (
        "One.\n[[File:A.jpg|thumb|A caption]]\nTwo.\n<gallery>\nA.jpg\n</gallery>\n"
        "{| class=wikitable\n| a || b\n|}\nThree."
    )
    assert read(source).lead == ("One.", "A caption", "Two.", "a b", "Three.")
    assert kinds(source) == [Kind.FILE, Kind.GALLERY]


def test_a_comment_line_does_not_split_a_paragraph() -> None:
    assert read("One\n<!-- note -->\ntwo.").lead == ("One two.",)


def test_lists_are_kept_as_paragraphs_by_default() -> None:
    source = "Intro:\n* one\n** two\n# three\n; term : definition\n: indented\nAfter."
    assert read(source).lead == (
        "Intro:",
        "one",
        "two",
        "three",
        "term definition",
        "indented",
        "After.",
    )


def test_lists_can_be_dropped() -> None:
    source = "Intro:\n* one\n* two\n\nAfter.\n# three"
    result = parse_wikitext_lossy(source, title="T", keep_lists=False)
    assert result.article.lead == ("Intro:", "After.")
    assert [(e.kind, e.detail, e.line) for e in result.report] == [
        (Kind.LIST, "2 items", 2),
        (Kind.LIST, "1 item", 6),
    ]


def test_reference_sections_are_dropped_unless_asked() -> None:
    source = (
        "Text.\n== Life ==\nA.\n== See also ==\n* [[B]]\n== References ==\n{{Reflist}}\n"
        "=== Sources ===\n* x<ref>y</ref>\n== External links ==\n* [http://a.b A]\n"
    )
    result = parse_wikitext_lossy(source, title="T")
    assert [s.heading for s in result.article.sections] == ["Life"]
    assert [(e.kind, e.detail) for e in result.report] == [
        (Kind.SECTION, "See also"),
        (Kind.SECTION, "References"),
        (Kind.SECTION, "External links"),
    ]
    kept = read(source, keep_reference_sections=True)
    assert [s.heading for s in kept.walk_sections()] == [
        "Life",
        "See also",
        "References",
        "Sources",
        "External links",
    ]


def test_line_and_column() -> None:
    result = parse_wikitext_lossy("Text.\nMore<ref>x</ref> text {{foo}}.", title="T")
    assert result.report.entries == (
        Dropped(Kind.REFERENCE, "<ref>", 2, 5),
        Dropped(Kind.UNKNOWN_TEMPLATE, "{{Foo}}", 2, 23),
    )
    assert str(result.report.entries[0]) == "2:5: reference: <ref>"


def test_summary() -> None:
    entries = [Dropped(Kind.REFERENCE, "<ref>", 1, 1)] * 41 + [
        Dropped(Kind.FILE, "File:A.jpg", 1, 1),
        Dropped(Kind.FILE, "File:B.jpg", 1, 1),
        Dropped(Kind.FILE, "File:C.jpg", 1, 1),
        Dropped(Kind.UNKNOWN_TEMPLATE, "{{Foo}}", 1, 1),
        Dropped(Kind.UNKNOWN_TEMPLATE, "{{Bar}}", 1, 1),
        Dropped(Kind.CATEGORY, "Category:A", 1, 1),
    ]
    report = Report(entries)
    assert report.summary() == (
        "dropped: 41 references, 3 files, 2 unknown templates ({{Bar}} ×1, {{Foo}} ×1), 1 category"
    )
    assert Report().summary() == "dropped: nothing"
    assert report.counts()[Kind.FILE] == 3
    assert len(report.lines()) == len(entries)


def test_paragraphs_that_would_read_as_plain_text_markup_are_reported() -> None:
    result = parse_wikitext_lossy("<nowiki>- Key: value</nowiki>\n\nok", title="T")
    assert result.article.lead == ("ok",)
    assert [e.kind for e in result.report] == [Kind.PARAGRAPH]


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [
        ("&#61;x=", "=x= "),
        ("==", "== "),
        ("=", "= "),
        (" == Not a heading ==", "== Not a heading == "),
        ("== A ==<nowiki/>", "== A == "),
        ("* == item ==", "== item == "),
    ],
)
def test_text_shaped_like_a_heading_keeps_a_space_after_it(text: str, paragraph: str) -> None:
    # MediaWiki shows these as text; without the space the plain text would read a heading.
    result = parse_wikitext_lossy(f"{text}\n\nok", title="T")
    assert result.article.lead == (paragraph, "ok")
    assert not result.report
    assert parse_plaintext(render_plaintext(result.article)).lead == (paragraph, "ok")


@pytest.mark.parametrize(
    ("line", "level", "heading"),
    [
        ("===", 2, "="),  # level 1 in MediaWiki, read as 2
        ("====", 2, "=="),
        ("=====", 2, "="),
        ("======", 2, "=="),
        ("=======", 3, "="),
        ("=" * 14, 6, "=="),
        ("=" * 15, 6, "==="),
        ("=== \t<!-- c -->", 2, "="),
    ],
)
def test_a_line_of_equals_signs_alone_is_a_heading(line: str, level: int, heading: str) -> None:
    # As MediaWiki reads it: half the signs less one are the level (at most 6), the rest
    # its text. mwparserfromhell leaves such a line as text.
    result = parse_wikitext_lossy(f"a\n{line}\nb", title="T")
    assert result.article.lead == ("a",)
    assert result.article.sections == (Section(heading, level, ("b",)),)


@pytest.mark.parametrize("text", ["<nowiki>===</nowiki>", "===x", "=== x", ":==="])
def test_equals_signs_with_more_on_their_line_are_no_heading(text: str) -> None:
    article = parse_wikitext_lossy(text, title="T").article
    assert not article.sections


def test_redirects_and_control_characters() -> None:
    result = parse_wikitext_lossy("#REDIRECT [[Toronto]]", title="T")
    assert result.article == Article("T")
    assert [(e.kind, e.detail) for e in result.report] == [(Kind.REDIRECT, "Toronto")]
    result = parse_wikitext_lossy("a\x00b\r\nc", title="T")
    assert result.article.lead == ("a b c",)
    assert [(e.kind, e.detail) for e in result.report] == [(Kind.CHARACTER, "U+0000")]


def test_the_strict_reader_still_refuses_real_articles() -> None:
    with pytest.raises(ParseError):
        parse_wikitext("Text<ref>x</ref>.", title="T")


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        parse_wikitext_lossy(b"x", title="T")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Article\.title"):
        parse_wikitext_lossy("x", title=" ")


def _losing_tokenizer(broken: str | None) -> type:
    """mwparserfromhell's tokenizer, but the last token of ``broken`` (of any text when
    None) is lost: the tokens no longer make a tree, as they would not if the reader or
    mwparserfromhell had a bug."""

    class Losing:
        def tokenize(self, text: str, *args: object, **kwargs: object) -> list[object]:
            tokens: list[object] = _tree_module.Tokenizer().tokenize(text, *args, **kwargs)
            return tokens[:-1] if broken is None or text == broken else tokens

    return Losing


def test_tokens_that_make_no_tree_are_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_tree_module, "_Tokenizer", _losing_tokenizer(None))
    text = "Lead with {{lang|fr|texte}} and [[Paris|a link]].<ref>r</ref>\n\nMore ''text''."
    result = parse_wikitext_lossy(text, title="T")
    # (Brackets and braces as written: this is a fallback for a bug, not MediaWiki's view.)
    assert result.article.lead == (
        "Lead with {{lang|fr|texte}} and [[Paris|a link]].",
        "More text.",
    )
    assert [(entry.kind, entry.line, entry.column) for entry in result.report] == [
        (Kind.MARKUP, 1, 1),
        (Kind.REFERENCE, 1, 50),
    ]
    assert result.report.entries[0].detail.startswith("markup not read as a tree (the tree covers")


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("{{lc:ABC}}", "ABC"),  # a parser function's first argument
        ("x {{y [[z]] w", "x {{y "),  # text parsed again on its own
        ('A<ref group="a">x</ref>.', '<ref group="a"/>'),  # a reference's opening tag
    ],
)
def test_pieces_that_make_no_tree_are_read_as_text(
    monkeypatch: pytest.MonkeyPatch, text: str, broken: str
) -> None:
    expected = parse_wikitext_lossy(text, title="T")
    monkeypatch.setattr(_tree_module, "_Tokenizer", _losing_tokenizer(broken))
    assert parse_wikitext_lossy(text, title="T") == expected


def test_a_tree_error_is_wikirounds_own() -> None:
    assert issubclass(_tree_module.TreeError, WikiroundError)


# --- Quotations and lists of citations ------------------------------------------------


def test_a_blockquote_is_a_paragraph_of_its_own_in_quotes() -> None:
    source = (
        "He accepted: <blockquote>It was a duty.<ref>x</ref>\n\nOf every American."
        "</blockquote> He was also persuaded.\nSame paragraph.\n"
    )
    # As MediaWiki 1.39 shows it: the text after </blockquote> is a block of its own;
    # each paragraph of the quotation is one, quoted.
    assert read(source).lead == (
        "He accepted:",
        "\u201cIt was a duty.\u201d",
        "\u201cOf every American.\u201d",
        "He was also persuaded.",
        "Same paragraph.",
    )
    assert kinds(source) == [Kind.REFERENCE]


def test_a_quote_template_is_a_paragraph_of_its_own_in_quotes() -> None:
    source = "Before {{quote|text=Be brief.|author=Ann}} after.\n"
    assert read(source).lead == ("Before", "\u201cBe brief.\u201d \u2014 Ann", "after.")


def test_a_blockquote_in_a_value_stays_inline_in_quotes() -> None:
    source = "{{Infobox officeholder|motto={{quote|Be brief.}}}}\n"
    assert read(source).infobox is not None
    assert read(source).infobox.get("motto") == "\u201cBe brief.\u201d"


@pytest.mark.parametrize(
    "heading", ["Works", "Selected works", "Publications", "Bibliography", "Further reading"]
)
def test_sections_of_citations_are_dropped_unless_asked(heading: str) -> None:
    source = f"Text.\n== {heading} ==\n* {{{{cite book|last=Doe|title=A Book}}}} (eBook)\n"
    result = parse_wikitext_lossy(source, title="T")
    assert result.article.sections == ()
    assert [str(entry) for entry in result.report] == [f"2:1: section: {heading}"]
    kept = read(source, keep_reference_sections=True)
    assert [section.heading for section in kept.sections] == [heading]


def test_spaces_are_collapsed_as_the_pattern_collapses_them() -> None:
    # _collapse_spaces skips the pattern where none of SPACES but single spaces occur.
    from wikiround.lossy import _inline
    from wikiround.lossy._templates import SPACES

    for first in SPACES + "a":
        for second in SPACES + "b":
            text = f"x{first}{second}y z"
            assert _inline._collapse_spaces(text) == _inline._SPACE_RUN.sub(" ", text)
