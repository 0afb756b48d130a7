"""The round-trip properties of the two formats."""

from __future__ import annotations

import contextlib

import attrs
from hypothesis import assume, example, given
from hypothesis import strategies as st

from strategies import articles, line_text, plain_documents
from wikiround import (
    Article,
    ParseError,
    Section,
    parse_plaintext,
    parse_wikitext,
    render_plaintext,
    render_wikitext,
)

# Headings with "=" at an end, or only "=" signs: padding keeps them apart from the level's.
_EQUALS_HEADINGS = Article(
    "T",
    sections=[
        Section("foo=", 2, ["x"], [Section("=", 3), Section("= Seven =", 3)]),
        Section("==", 2),
        Section("=a = b", 2),
    ],
)


@given(articles(plain=True, wikitext=False))
@example(_EQUALS_HEADINGS)
def test_plaintext_model_round_trip(article: Article) -> None:
    assert parse_plaintext(render_plaintext(article), template=_template(article)) == article


@given(articles(plain=False, wikitext=True))
@example(Article("T", lead=["[[[//example.org x]"]))
@example(Article("T", None, ["x", "=0=0"]))
@example(_EQUALS_HEADINGS)
def test_wikitext_model_round_trip(article: Article) -> None:
    assert parse_wikitext(render_wikitext(article), title=article.title) == article


@given(plain_documents())
def test_accepted_plain_documents_come_back_byte_for_byte(text: str) -> None:
    try:
        article = parse_plaintext(text)
    except ParseError:
        assume(False)
        return
    assert render_plaintext(article) == text


@given(plain_documents())
def test_canonical_plain_documents_survive_wikitext(text: str) -> None:
    try:
        article = parse_plaintext(text)
    except ParseError:
        assume(False)
        return
    canonical = render_plaintext(attrs.evolve(article, layout=None))
    wikitext = render_wikitext(article)
    again = parse_wikitext(wikitext, title=article.title)
    assert again == article
    # Only the layout differs from the input, and only as docs/format.md lists.
    assert render_plaintext(again) == canonical


@given(articles(plain=True, wikitext=True))
@example(_EQUALS_HEADINGS)
def test_plain_to_wikitext_to_plain_is_identity_for_canonical_text(article: Article) -> None:
    text = render_plaintext(article)
    back = parse_wikitext(render_wikitext(parse_plaintext(text)), title=article.title)
    assert render_plaintext(back) == text


@given(st.one_of(line_text(max_pieces=30), st.text(), plain_documents()))
@example("\x00")
@example("\xa0")
@example("= T =\n\ud800")
@example("{{Infobox officeholder|a}}")
@example("= T =\n" + "x" * 100_000)
def test_readers_raise_only_parse_error(text: str) -> None:
    for read in (parse_plaintext, lambda t: parse_wikitext(t, title="T")):
        with contextlib.suppress(ParseError):
            read(text)


def _template(article: Article) -> str:
    return article.infobox.template if article.infobox else "Infobox officeholder"
