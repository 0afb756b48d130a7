"""Comparing the lossy reader's light tree with mwparserfromhell's, node by node.

Shared by ``unit/test_tree.py`` (the vendored articles) and
``property/test_tree_properties.py`` (generated markup): together they are the check to
run when mwparserfromhell is upgraded, since the light tree is built from its tokens.
"""

from __future__ import annotations

import mwparserfromhell
from mwparserfromhell import nodes as mw
from mwparserfromhell.wikicode import Wikicode

from wikiround.lossy import _tree as light


def same_code(text: str, expected: Wikicode, got: light.Code, where: str) -> None:
    assert got.source == str(expected), where
    assert text[got.start : got.end] == str(expected), where
    assert len(got.nodes) == len(expected.nodes), where
    position = got.start
    for index, (node, mine) in enumerate(zip(expected.nodes, got.nodes, strict=True)):
        if isinstance(mine, str):
            # Plain text is a str, starting where the node before it ends.
            assert isinstance(node, mw.Text) and mine == node.value, f"{where}/{index}"
            assert text[position : position + len(mine)] == mine, f"{where}/{index}"
            position += len(mine)
        else:
            assert mine.start == position, f"{where}/{index}"
            same_node(text, node, mine, f"{where}/{index}")
            position = mine.end
    assert position == got.end, where


def same_optional_code(
    text: str, expected: Wikicode | None, got: light.Code | None, where: str
) -> None:
    assert (got is None) == (expected is None), where
    if expected is not None and got is not None:
        same_code(text, expected, got, where)


def same_node(text: str, node: mw.Node, mine: light.Node, where: str) -> None:
    where = f"{where} {type(node).__name__}"
    assert text[mine.start : mine.end] == str(node), where
    if isinstance(node, mw.Template):
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
        same_optional_code(text, node.text, mine.text, where + ".text")
    elif isinstance(node, mw.ExternalLink):
        assert isinstance(mine, light.ExternalLink) and mine.brackets == node.brackets, where
        same_code(text, node.url, mine.url, where + ".url")
        same_optional_code(text, node.title, mine.title, where + ".title")
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
            same_optional_code(text, attribute.value, own_attribute.value, where + ".value")
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
        same_optional_code(text, node.default, mine.default, where + ".default")
    else:  # pragma: no cover - mwparserfromhell has no other node type
        raise AssertionError(f"unexpected node {node!r}")


def check_same_tree(text: str) -> None:
    same_code(text, mwparserfromhell.parse(text), light.parse(text), "")
