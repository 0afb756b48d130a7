"""MediaWiki itself judges the wikitext we write: it must mean exactly the model.

For every generated article, MediaWiki's parser must hand the infobox template exactly
the model's parameters, show each value in a table cell laid out as Module:Infobox lays
out a data cell as exactly the model's value, show the body as exactly the model's
headings and paragraphs (no list, preformatted block, rule, table, link, signature or
behaviour switch, in the body or in a cell), and the pre-save transform must leave the
text alone.
"""

from __future__ import annotations

from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import event, example, given, settings
from oracle import MediaWiki, ParseResult

from strategies import articles
from wikiround import Article, Infobox, Parameter, Section, render_wikitext
from wikiround.wikitext._escape import decode_entities

pytestmark = pytest.mark.mediawiki

# Pages that record their arguments exist on the test wiki under these names.
RECORDING_TEMPLATES = ("Infobox officeholder", "Infobox")
FORBIDDEN_ELEMENTS = {"ul", "ol", "li", "dl", "dt", "dd", "pre", "hr", "table", "a", "i", "b"}
# Module:Infobox starts a value beginning with one of these on a new line.
CELL_BLOCK_STARTS = ("*", "#", ":", ";", "{|", "----")


class _Body(HTMLParser):
    """Collects the page text outside the table of contents, and the elements used."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.elements: set[str] = set()
        self._toc_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._toc_depth:
            self._toc_depth += tag == "div"
            return
        if tag == "div" and ("id", "toc") in attrs:
            self._toc_depth = 1
            return
        self.elements.add(tag)
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._toc_depth:
            self._toc_depth -= tag == "div"
            return
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._toc_depth:
            self.parts.append(data)


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _expected_body(article: Article) -> str:
    parts = list(article.lead)
    for section in article.walk_sections():
        parts.append(section.heading)
        parts.extend(section.paragraphs)
    return _normalise(" ".join(parts))


def _for_test_wiki(article: Article) -> Article:
    # The test wiki has recording pages for the canonical names only.
    if article.infobox is None:
        return article
    bare = article.infobox.template.lower() == "infobox"
    template = "Infobox" if bare else "Infobox officeholder"
    return attrs.evolve(article, infobox=attrs.evolve(article.infobox, template=template))


def check_against_mediawiki(mediawiki: MediaWiki, article: Article) -> None:
    article = _for_test_wiki(article)
    check_wikitext_means(mediawiki, render_wikitext(article), article)


def check_wikitext_means(mediawiki: MediaWiki, wikitext: str, article: Article) -> None:
    """MediaWiki reads ``wikitext`` as exactly ``article``."""
    result: ParseResult = mediawiki.parse(wikitext, title="Wikiround test page", cells=True)

    infobox = article.infobox
    if infobox is None:
        assert result.calls == []
    else:
        call = result.call(infobox.template)
        expected = [("name", infobox.name)] if infobox.name is not None else []
        expected += [(p.name, p.value) for p in infobox.parameters]
        received = [(arg.name, decode_entities(arg.value)) for arg in call.args]
        assert not any(arg.positional for arg in call.args), call.args
        assert received == expected
        assert call.duplicates == []
        for (name, value), cell in zip(expected, call.cells, strict=True):
            assert not (cell.elements & FORBIDDEN_ELEMENTS), (name, value, cell.html)
            assert _normalise(cell.text) == _normalise(value), (name, value, cell.html)
        event("infobox cells checked")
        if any(value.startswith(CELL_BLOCK_STARTS) for _, value in expected):
            event("a value starts with list, table or rule markup")
    assert result.warnings == []

    body = _Body()
    body.feed(result.html)
    body.close()
    assert _normalise("".join(body.parts)) == _expected_body(article)
    assert not (body.elements & FORBIDDEN_ELEMENTS), body.elements
    assert result.categories == [] and result.language_links == []
    assert not result.pst_changed_beyond_trailing_whitespace, result.pst_text


def _article(*paragraphs: str, values: tuple[str, ...] = (), heading: str = "H") -> Article:
    infobox = Infobox([Parameter(f"p{i}", v) for i, v in enumerate(values)], name="N")
    return Article("T", infobox, paragraphs, [Section(heading, 2, paragraphs)])


def _infobox_article(name: str | None, *values: str) -> Article:
    infobox = Infobox([Parameter(f"p{i}", v) for i, v in enumerate(values)], name=name)
    return Article("T", infobox, ["x"])


# Counterexamples MediaWiki found, and the nastiest cases on purpose.
# Values that Module:Infobox would show as a list, an indent, a definition, a rule or a
# table unless their first character is escaped.
@example(_infobox_article("* N", "# 1 in the polls", "* denotes acting", ": see below", "; note"))
@example(_infobox_article("----", "{|", "{| class=x", "----x", ";", ":", "#", "*", "**", "#:"))
@example(_article("{|", "|\xa0", values=("{|", "|}", "a{{!}}b", "-{")))
@example(_article("*", "#", ":", ";", " x", "----", "=x=", "x ", values=(" x ", "\t", "")))
@example(_article("http://example.com x", "[[[//example.org y]", values=("mailto:a@b.c",)))
@example(_article("~~~~ __TOC__ __notoc__ ''i'' '''b''' <!-- c --> <ref>r</ref>"))
@example(_article("&amp; &vert; &#124; &bogus; &nbsp;", values=("&lang;", "&#13;")))
@example(_article("e\u0301 \u212b \u1100\u1161", values=("e\u0301",), heading="e\u0301"))
@example(_article("[[a|b]] {{x}} {{{y}}} -{ z }-", values=("[[a|b]]", "{{{!}}}")))
# U+0085, U+2028 and U+2029 are URL characters to MediaWiki (not \s), and named values
# keep what PHP's trim() leaves: U+00A0, U+3000 and the line break lookalikes.
@example(
    _article(
        "see http://\u2028x",
        "[//\x85y z]",
        "mailto:\u2029",
        values=("x\x85", "\u2028y", "z\xa0", "\u3000w"),
    )
)
@given(article=articles(plain=False, wikitext=True))
@settings(max_examples=2 * settings.default.max_examples)  # 2,000 in the ci profile
def test_mediawiki_reads_what_the_model_says(mediawiki: MediaWiki, article: Article) -> None:
    check_against_mediawiki(mediawiki, article)
