"""A heading is a heading: no construct the reader reads carries over one.

MediaWiki finds heading lines once templates are expanded and before it reads links,
tables or HTML, so a ``[[``, ``<div>``, ``<span>`` or ``''`` left open above a heading
line never swallows it. The reader cuts the page at those lines before tokenizing
(``wikiround.lossy._tree.page_pieces``). Each case is read by both; the headings must be
MediaWiki's, and the text too (whitespace collapsed).
"""

from __future__ import annotations

import html
import re

import pytest
from oracle import MediaWiki

from wikiround import parse_wikitext_lossy
from wikiround.lossy._soup import heading_lines
from wikiround.model import Article

_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE_RUN = re.compile(r"\s+")

CASES = {
    "div around a heading": "p\n<div>\n== A ==\ntext\n</div>",
    "center around a heading": "p\n<center>\n== A ==\nt\n</center>",
    "span around a heading": "<span>x\n== A ==\ny</span>",
    "small around a heading": "<small>a\n== A ==\nb</small>\n\nc",
    "external link before a heading": "[http://x.y label\n== A ==\nt",
    "italics before a heading": "x ''y\n== A ==\nz",
    "bold and italics over headings": "''a'''b\n== A ==\n'''c''\n=== B ===\nd",
    "comment after a heading": "== A ==<!-- c -->\nt",
    "comment and spaces after a heading": "== A == <!--c-->  \nt",
    "comment joining a heading to the next line": "== A ==<!--\nc -->x\nt",
    "heading in a comment": "<!--\n== A ==\n-->t",
    "unclosed nowiki before a heading": "<nowiki>\n== A ==\nt",
    "heading in nowiki": "<nowiki>\n== A ==\n</nowiki>t",
    "paragraphs in a div": "<div>\npara1\n\npara2\n</div>",
    "div in a line": "a <div>b\nc</div> d",
    "stray closing tags": "a</div> b</span>\n\nc</small>",
}


def _mediawiki_view(mediawiki: MediaWiki, text: str) -> tuple[list[str], str]:
    page = mediawiki.parse(text + "\n__NOTOC__").html
    headings = [
        _SPACE_RUN.sub(" ", html.unescape(_TAG.sub("", match.group(2)))).strip()
        for match in _HEADING.finditer(page)
    ]
    shown = _SPACE_RUN.sub(" ", html.unescape(_TAG.sub(" ", page))).strip()
    return headings, shown


def _our_view(article: Article) -> tuple[list[str], str]:
    headings: list[str] = []
    pieces = list(article.lead)
    stack = list(article.sections)
    while stack:
        section = stack.pop(0)
        headings.append(section.heading)
        pieces.extend((section.heading, *section.paragraphs))
        stack[:0] = list(section.subsections)
    return headings, _SPACE_RUN.sub(" ", " ".join(pieces)).strip()


@pytest.mark.mediawiki
@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_headings_and_text_are_mediawikis(mediawiki: MediaWiki, text: str) -> None:
    article = parse_wikitext_lossy(text, title="T", keep_reference_sections=True).article
    headings, shown = _our_view(article)
    expected_headings, expected_shown = _mediawiki_view(mediawiki, text)
    assert headings == expected_headings
    # Words only: MediaWiki's HTML puts block breaks where the plain text has none.
    assert shown.replace(" ", "") == expected_shown.replace(" ", "")


def test_a_quotation_of_several_paragraphs_quotes_each() -> None:
    text = "<blockquote>\nq1\n\nq2\n</blockquote>\n== A ==\nq3"
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead == ("\u201cq1\u201d", "\u201cq2\u201d")
    assert [section.heading for section in article.sections] == ["A"]


def test_heading_lines_are_those_outside_templates_comments_and_raw_text() -> None:
    text = "== A ==\n{{t|\n== B ==\n}}\n<!--\n== C ==\n-->\n<pre>\n== D ==\n</pre>\n=== E ===  "
    assert [text[start:end] for start, end in heading_lines(text)] == ["== A ==", "=== E ===  "]
