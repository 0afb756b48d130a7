"""Bold and italics: the apostrophes the reader shows are the ones MediaWiki shows.

MediaWiki reads runs of apostrophes one line at a time (Parser::doQuotes) and closes
whatever is open at the end of each line; the reader must never carry a ``''`` on to
the next line, let alone over a heading. Generated lines of words, one-letter words,
letters of several UTF-8 lengths, spaces, links and runs of 1 to 7 apostrophes are
read by both; the visible text must be the same, whitespace collapsed.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from oracle import MediaWiki

from wikiround import parse_wikitext_lossy

pytestmark = pytest.mark.mediawiki

_SPACE_RUN = re.compile(r"\s+")


def _visible(result_text: str) -> str:
    return _SPACE_RUN.sub(" ", result_text).strip()


def _ours(text: str) -> str:
    article = parse_wikitext_lossy(text, title="Test page").article
    pieces = list(article.lead)
    stack = list(article.sections)
    while stack:
        section = stack.pop(0)
        pieces.append(section.heading)
        pieces.extend(section.paragraphs)
        stack[:0] = list(section.subsections)
    return _SPACE_RUN.sub(" ", " ".join(pieces)).strip()


_PIECE = st.one_of(
    st.sampled_from(["a", "I", "x", "é", "Ж", "字", "😀", "word", "Star", "s", "l'", "1"]),
    st.sampled_from([" ", " ", "  "]),
    st.integers(1, 7).map(lambda n: "'" * n),
    st.sampled_from(["[[Link]]", "[[Link|la''b''el]]", "[[Link|x'''y]]", "&#39;&#39;"]),
)


@st.composite
def quote_lines(draw: st.DrawFn, *, max_lines: int = 4) -> str:
    """Lines of words, spaces, links and apostrophe runs; each line starts with a
    letter so that it is plain paragraph text, and some pairs of lines have a heading
    between them."""
    lines = []
    for _ in range(draw(st.integers(1, max_lines))):
        pieces = draw(st.lists(_PIECE, min_size=1, max_size=12))
        lines.append("w" + "".join(pieces).rstrip(" "))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "== Heading ==", "==H''i''=="])))
    return "\n".join(lines)


@given(quote_lines())
@example("x ''Star'''s y")  # an odd count of both: the bold run after "Star" is ' + ''
@example("w''a\n== Heading ==\nb''")  # italics never reach the heading
@example("w''''a'''''' b'''''''")
@example("wI'''a'' b")
@example("wé'''a'' b")  # a one-letter word of two bytes is a longer word to MediaWiki
@example("w'' [[Link|la''b''el]] ''")
def test_the_apostrophes_shown_are_mediawikis(mediawiki: MediaWiki, text: str) -> None:
    # (No table of contents: it is not part of the text.)
    expected = _visible(mediawiki.parse(text + "\n__NOTOC__").text)
    assert _ours(text) == expected


def test_an_unclosed_italic_never_swallows_the_page() -> None:
    # Warren G. Harding's article: ''Star'''s left italics open to the end of the page.
    lines = ["The ''Star'''s owner was a printer."] * 3
    text = "\n".join([*lines, "== Early life ==", "Born in Ohio.", "== Career ==", "He ran."])
    article = parse_wikitext_lossy(text, title="T").article
    assert [section.heading for section in article.sections] == ["Early life", "Career"]
    assert article.lead == (" ".join(["The Star's owner was a printer."] * 3),)
