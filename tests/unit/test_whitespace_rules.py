"""Whitespace and line breaks as the plain format and MediaWiki define them, not as Python
does (docs/format.md#text-and-lines, docs/wikitext.md).

Python's ``str.strip()``, ``str.split()``, ``str.splitlines()`` and ``\\s`` also take
U+0085, U+2028, U+2029 (and U+00A0, U+3000 for stripping) for whitespace or line breaks.
MediaWiki trims template names and named arguments with PHP's ``trim()`` (ASCII only),
normalises titles with its own list of spaces, and breaks lines at LF only. The tests
of the readers, the writer's escapes and the diff failed while the code used Python's
rules; the round trips guard what already held.
"""

from __future__ import annotations

import attrs
import pytest

from wikiround import (
    Article,
    Infobox,
    Kind,
    ModelError,
    Parameter,
    ParseError,
    apply_edit,
    parse_plaintext,
    parse_wikitext,
    parse_wikitext_lossy,
    render_plaintext,
    render_wikitext,
)
from wikiround._mediawiki import template_title, title_text
from wikiround._text import lines_keeping_breaks, php_trim, words
from wikiround.bots import wikitext_diff
from wikiround.model import is_infobox_name
from wikiround.wikitext._escape import escape_paragraph

LOOKALIKES = ("\x85", "\u2028", "\u2029")
# What PHP's trim() leaves at the ends of a name or value.
KEPT_BY_MEDIAWIKI = (*LOOKALIKES, "\xa0", "\u3000")


@pytest.mark.parametrize("char", KEPT_BY_MEDIAWIKI)
def test_php_trim_keeps_what_php_keeps(char: str) -> None:
    assert php_trim(f" \t\n{char}x{char}\n\t ") == f"{char}x{char}"


def test_words_and_lines_break_at_whitespace_and_lf_only() -> None:
    assert words(" a\u3000b\u2028c\td\n e\x85 ") == ["a", "b\u2028c", "d", "e\x85"]
    assert lines_keeping_breaks("a\u2028b\nc\x85\n\u2029") == ["a\u2028b\n", "c\x85\n", "\u2029"]
    assert lines_keeping_breaks("a\n") == ["a\n"]
    assert lines_keeping_breaks("") == []


@pytest.mark.parametrize("char", KEPT_BY_MEDIAWIKI)
def test_a_value_keeps_its_ends_through_wikitext_and_plain_text(char: str) -> None:
    infobox = Infobox([Parameter("office", f"Minister{char}"), Parameter("party", f"{char}X")])
    article = Article("T", infobox, lead=[f"Text{char}"])
    assert parse_wikitext(render_wikitext(article), title="T") == article
    assert parse_plaintext(render_plaintext(article)) == article


@pytest.mark.parametrize("char", LOOKALIKES)
def test_a_name_ending_in_a_line_break_lookalike_is_a_name(char: str) -> None:
    article = Article("T", Infobox([Parameter(f"office{char}", "x")]))
    assert parse_wikitext(render_wikitext(article), title="T") == article
    assert parse_plaintext(render_plaintext(article)) == article
    wikitext = f"{{{{Infobox officeholder\n| office{char} = A\n}}}}\nText."
    read = parse_wikitext_lossy(wikitext, title="T")
    assert read.article.infobox is not None
    assert read.article.infobox.parameters == (Parameter(f"office{char}", "A"),)
    assert read.report.entries == ()


@pytest.mark.parametrize("char", ["\xa0", "\u3000"])
def test_a_name_ending_in_a_space_separator_is_refused_not_trimmed(char: str) -> None:
    # MediaWiki keeps the space in the name; the model cannot hold it.
    with pytest.raises(ModelError):
        Parameter(f"office{char}", "x")
    with pytest.raises(ParseError):
        parse_wikitext(f"{{{{Infobox officeholder\n| office{char} = x\n}}}}\n", title="T")


def test_template_names_are_titles_as_mediawiki_normalises_them() -> None:
    assert is_infobox_name("Infobox\u2028officeholder")
    assert is_infobox_name("\u3000Infobox_\u2029officeholder\xa0")
    assert not is_infobox_name("Infobox\x85officeholder")  # U+0085 is a letter in titles
    assert template_title("Template:\u2003infobox\u200e officeholder") == "Infobox officeholder"
    assert title_text("a\u001fb") == "a\u001fb"


def test_the_strict_reader_takes_no_pipe_from_a_template_named_with_a_lookalike() -> None:
    # {{!}} is the pipe; "!\u2028" is no magic word (PHP trim), so a template call.
    with pytest.raises(ParseError):
        parse_wikitext("{{Infobox officeholder\n| office = a{{!\u2028}}b\n}}\n", title="T")


@pytest.mark.parametrize("char", LOOKALIKES)
def test_a_url_runs_on_through_a_line_break_lookalike(char: str) -> None:
    # MediaWiki's URL characters exclude \p{Zs}, not Python's \s.
    assert escape_paragraph(f"see http://{char}x") == f"see http&#58;//{char}x"
    assert escape_paragraph(f"[//{char}y z]") == f"&#91;//{char}y z]"


def test_the_lossy_reader_keeps_what_a_template_shows_at_its_ends() -> None:
    read = parse_wikitext_lossy(
        "{{Infobox officeholder\n| office = {{nowrap|Minister\x85}}\n"
        "| party = {{nowrap|X\u3000}}\n| order = {{nowrap| Y\xa0}}\n}}\nText.",
        title="T",
    )
    assert read.article.infobox is not None
    assert read.article.infobox.parameters == (
        Parameter("office", "Minister\x85"),
        Parameter("party", "X\u3000"),
        Parameter("order", "Y"),  # spaces and U+00A0 are what a reader sees as space
    )


def test_a_link_pieced_together_at_an_arguments_ends_is_a_link() -> None:
    read = parse_wikitext_lossy(
        "{{Infobox officeholder\n| office = {{nowrap|{{!((}}Foo{{!}}Bar{{))!}}}}\n}}\nText.",
        title="T",
    )
    assert read.article.infobox is not None
    assert read.article.infobox.parameters == (Parameter("office", "Bar"),)


def test_a_link_shows_a_line_break_lookalike_as_written() -> None:
    read = parse_wikitext_lossy("Text [[Foo\u2028]] and [[:Foo (bar)|]].", title="T")
    assert read.article.lead == ("Text Foo\u2028 and Foo.",)


@pytest.mark.parametrize("space", [" \t\n", "\n\n  "])
def test_ascii_whitespace_may_come_before_a_redirect(space: str) -> None:
    read = parse_wikitext_lossy(f"{space}#REDIRECT [[X]]", title="T")
    assert [(entry.kind, entry.detail) for entry in read.report.entries] == [(Kind.REDIRECT, "X")]


@pytest.mark.parametrize("space", ["\u3000", "\xa0", "\u2028", "\x85"])
def test_other_whitespace_before_redirect_makes_no_redirect(space: str) -> None:
    read = parse_wikitext_lossy(f"{space}#REDIRECT [[X]]\nText here.", title="T")
    assert Kind.REDIRECT not in {entry.kind for entry in read.report.entries}
    assert read.article.lead == (f"{space}#REDIRECT X Text here.".strip("\xa0"),)


def test_a_wikitext_diff_cuts_lines_at_lf_only() -> None:
    diff = wikitext_diff("T", "a\u2028b\nc\n", "a\u2028b\nd\n")
    assert "-c\n" in diff and "+d\n" in diff
    assert " a\u2028b\n" in diff  # one line, not two
    assert "\n b\n" not in diff


def test_a_death_date_mediawiki_does_not_call_empty_stops_the_age() -> None:
    # {{#if:}} trims with PHP's trim(): U+3000 alone is a value, so no "and age".
    infobox = Infobox([Parameter("birth_date", "1 May 1950"), Parameter("death_date", "\u3000")])
    written = render_wikitext(Article("T", infobox), date_templates=True)
    assert "{{Birth date|1950|5|1|df=y}}" in written


@pytest.mark.parametrize("char", ["\u3000", "\u2028"])
def test_an_edit_beside_a_space_character_keeps_the_paragraphs_markup(char: str) -> None:
    # The words of a paragraph are cut where the lossy reader collapses spaces only.
    original = f"Alpha{char}beta [[gamma]] delta.\n"
    article = parse_wikitext_lossy(original, title="T").article
    edited = attrs.evolve(article, lead=(article.lead[0].replace("delta", "epsilon"),))
    result = apply_edit(original, edited, title="T")
    assert result.wikitext == f"Alpha{char}beta [[gamma]] epsilon.\n"


def test_removing_a_parameter_keeps_what_the_value_before_it_ends_with() -> None:
    # PHP's trim() leaves the U+3000 in office's value: it is not the next line's layout.
    original = "{{Infobox officeholder\n| office = A\n\u3000| party = B\n}}\nText.\n"
    article = parse_wikitext_lossy(original, title="T").article
    assert article.infobox is not None
    infobox = attrs.evolve(article.infobox, parameters=article.infobox.parameters[:1])
    result = apply_edit(original, attrs.evolve(article, infobox=infobox), title="T")
    assert result.wikitext == "{{Infobox officeholder\n| office = A\n\u3000\n}}\nText.\n"
