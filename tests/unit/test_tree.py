"""The lossy reader's light tree matches mwparserfromhell's, node for node.

``wikiround.wikitext._tree`` builds its own nodes from mwparserfromhell's tokens; each
node must have the shape mwparserfromhell's builder gives it and span exactly the text
that mwparserfromhell's node prints as.
"""

from __future__ import annotations

from pathlib import Path

import mwparserfromhell
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from mwparserfromhell import nodes as mw
from mwparserfromhell.wikicode import Wikicode

from wikiround.wikitext import _tree as light
from wikiround.wikitext._lossy import compact_references

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.wiki"))


def same_code(text: str, expected: Wikicode, got: light.Code, where: str) -> None:
    assert got.source == str(expected), where
    assert text[got.start : got.end] == str(expected), where
    assert len(got.nodes) == len(expected.nodes), where
    for index, (node, mine) in enumerate(zip(expected.nodes, got.nodes, strict=True)):
        same_node(text, node, mine, f"{where}/{index}")


def same_node(text: str, node: mw.Node, mine: light.Node, where: str) -> None:
    where = f"{where} {type(node).__name__}"
    assert text[mine.start : mine.end] == str(node), where
    if isinstance(node, mw.Text):
        assert isinstance(mine, light.Text) and mine.value == node.value, where
    elif isinstance(node, mw.Template):
        assert isinstance(mine, light.Template), where
        same_code(text, node.name, mine.name, where + ".name")
        assert len(mine.params) == len(node.params), where
        for parameter, own in zip(node.params, mine.params, strict=True):
            assert (own.name is not None) == parameter.showkey, where
            if own.name is not None:
                same_code(text, parameter.name, own.name, where + ".key")
            same_code(text, parameter.value, own.value, where + ".value")
    elif isinstance(node, mw.Wikilink):
        assert isinstance(mine, light.Wikilink), where
        same_code(text, node.title, mine.title, where + ".title")
        assert (mine.text is None) == (node.text is None), where
        if node.text is not None and mine.text is not None:
            same_code(text, node.text, mine.text, where + ".text")
    elif isinstance(node, mw.ExternalLink):
        assert isinstance(mine, light.ExternalLink) and mine.brackets == node.brackets, where
        same_code(text, node.url, mine.url, where + ".url")
        assert (mine.title is None) == (node.title is None), where
        if node.title is not None and mine.title is not None:
            same_code(text, node.title, mine.title, where + ".title")
    elif isinstance(node, mw.Tag):
        assert isinstance(mine, light.Tag), where
        assert mine.name == str(node.tag), where
        assert mine.wiki_markup == (node.wiki_markup or None), where
        assert mine.self_closing == node.self_closing, where
        if not node.self_closing:
            assert node.contents is not None and mine.contents is not None, where
            same_code(text, node.contents, mine.contents, where + ".contents")
        assert len(mine.attributes) == len(node.attributes), where
        for attribute, own_attribute in zip(node.attributes, mine.attributes, strict=True):
            same_code(text, attribute.name, own_attribute.name, where + ".attribute")
            assert (own_attribute.value is None) == (attribute.value is None), where
            if attribute.value is not None and own_attribute.value is not None:
                same_code(text, attribute.value, own_attribute.value, where + ".value")
    elif isinstance(node, mw.Heading):
        assert isinstance(mine, light.Heading) and mine.level == node.level, where
        same_code(text, node.title, mine.title, where + ".title")
    elif isinstance(node, mw.Comment):
        assert isinstance(mine, light.Comment) and mine.contents == node.contents, where
    elif isinstance(node, mw.HTMLEntity):
        assert isinstance(mine, light.Entity) and mine.source == str(node), where
    elif isinstance(node, mw.Argument):
        assert isinstance(mine, light.Argument), where
        same_code(text, node.name, mine.name, where + ".name")
        assert (mine.default is None) == (node.default is None), where
        if node.default is not None and mine.default is not None:
            same_code(text, node.default, mine.default, where + ".default")
    else:  # pragma: no cover - mwparserfromhell has no other node type
        raise AssertionError(f"unexpected node {node!r}")


def check_same_tree(text: str) -> None:
    same_code(text, mwparserfromhell.parse(text), light.parse(text), "")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_real_articles_give_mwparserfromhells_tree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    check_same_tree(text)
    check_same_tree(compact_references(text))


# Pieces of markup, to be strung together at random: every token type appears.
_PIECES = (
    "a", "b c", " ", "\n", "\n\n", "{{", "}}", "|", "=", "{{{", "}}}", "[[", "]]", "[", "]",
    "http://example.org", "//example.org/x", "''", "'''", "<ref>", "</ref>", "<ref name=a/>",
    "<ref name=\"b c\" group='n'>", "<b>", "</b>", "<br>", "<br />", "</div>",
    "<div class=\"x\" id=y>", "<!--", "-->", "&amp;", "&#x41;", "&#65;", "&bogus;", "==",
    "*", "#", ";", ":", "{|", "|}", "|-", "!", "!!", "||", "----", "<nowiki>", "</nowiki>",
    "<pre>", "</pre>", "File:", "Category:", "__TOC__", "<span style=\"a:b\">", "</span>",
    "<ref name>", "<small >", "</small >", "-{", "}-",
)  # fmt: skip
wikitext = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(wikitext)
@example("{| class=x\n|-\n| a || b\n| style=y | c\n|}")
@example("<ref name=\"a\">x</ref><ref name=a/><b>x</b >")
@example("[http://example.org title][http://example.org]&amp;&#x41;&#65;")
@example("== a ===\n<!--x-->{{{a|b}}}{{a|b=c|d}}")
def test_generated_markup_gives_mwparserfromhells_tree(text: str) -> None:
    check_same_tree(text)


@given(wikitext, st.integers(min_value=0, max_value=10_000))
def test_offsets_count_from_the_base(text: str, base: int) -> None:
    at_zero, shifted = light.parse(text), light.parse(text, base)
    assert (shifted.start, shifted.end) == (base, base + len(text))
    assert shifted.source == at_zero.source == text
    for node, moved in zip(at_zero.nodes, shifted.nodes, strict=True):
        assert (moved.start - base, moved.end - base) == (node.start, node.end)
