"""Comparing the lossy reader's light tree with mwparserfromhell's, node by node.

Shared by ``unit/test_tree.py`` (the vendored articles) and
``property/test_tree_properties.py`` (generated markup): together they are the check to
run when mwparserfromhell is upgraded, since the light tree is built from its tokens.
The light tree is compared with mwparserfromhell's tree of the text it tokenizes, in
which openers that can never close are disarmed (see ``wikiround.lossy._soup``), and so
are runs of apostrophes, which the reader reads line by line as MediaWiki does (see
``wikiround.lossy._quotes``); its text must be the text parsed, character for character.
"""

from __future__ import annotations

import mwparserfromhell
from mwparserfromhell import nodes as mw
from mwparserfromhell.wikicode import Wikicode

from wikiround.lossy import _tree as light
from wikiround.lossy._quotes import disarm
from wikiround.lossy._soup import stand_ins


class Texts:
    """The text parsed, and the text mwparserfromhell tokenized: the same but where
    openers that can never close and runs of apostrophes were disarmed (``_soup`` and
    ``_quotes``). The light tree holds the first, mwparserfromhell's tree was made from
    the second."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokenized = stand_ins(disarm(text))
        self.compacted = light._compact_list_runs(self.tokenized) is not self.tokenized

    def same(self, start: int, end: int, mine: str, expected: str) -> bool:
        return self.text[start:end] == mine and self.tokenized[start:end] == expected


def _list_runs(texts: Texts, nodes: list[mw.Node]) -> list[mw.Node | list[mw.Tag]]:
    """``nodes`` with each run of list markers, which the light tree makes one node of
    where it compacts them (see ``_tree._compact_list_runs``), as a list: runs of two or
    more without ``;``."""
    if not texts.compacted:
        return list(nodes)
    grouped: list[mw.Node | list[mw.Tag]] = []
    run: list[mw.Tag] = []
    for node in [*nodes, None]:
        if isinstance(node, mw.Tag) and str(node.tag) in ("li", "dt", "dd") and node.wiki_markup:
            run.append(node)
            continue
        if len(run) > 1 and not any(marker.wiki_markup == ";" for marker in run):
            grouped.append(run)
        else:
            grouped.extend(run)
        run = []
        if node is not None:
            grouped.append(node)
    return grouped


def same_code(texts: Texts, expected: Wikicode, got: light.Code, where: str) -> None:
    assert texts.same(got.start, got.end, got.source, str(expected)), where
    nodes = _list_runs(texts, expected.nodes)
    assert len(got.nodes) == len(nodes), where
    position = got.start
    for index, (node, mine) in enumerate(zip(nodes, got.nodes, strict=True)):
        if isinstance(mine, str):
            # Plain text is a str, starting where the node before it ends.
            assert isinstance(node, mw.Text), f"{where}/{index}"
            end = position + len(mine)
            assert texts.same(position, end, mine, node.value), f"{where}/{index}"
            position = end
        elif isinstance(node, list):
            # A run of list markers: one node, named after its first marker.
            markup = "".join(str(marker.wiki_markup) for marker in node)
            assert isinstance(mine, light.Tag), f"{where}/{index}"
            assert (mine.start, mine.end) == (position, position + len(markup)), f"{where}/{index}"
            assert mine.wiki_markup == markup == texts.tokenized[mine.start : mine.end]
            assert mine.name == str(node[0].tag) and mine.self_closing, f"{where}/{index}"
            assert not mine.attributes and mine.contents is None, f"{where}/{index}"
            position = mine.end
        else:
            assert mine.start == position, f"{where}/{index}"
            same_node(texts, node, mine, f"{where}/{index}")
            position = mine.end
    assert position == got.end, where


def same_optional_code(
    texts: Texts, expected: Wikicode | None, got: light.Code | None, where: str
) -> None:
    assert (got is None) == (expected is None), where
    if expected is not None and got is not None:
        same_code(texts, expected, got, where)


def same_node(texts: Texts, node: mw.Node, mine: light.Node, where: str) -> None:
    where = f"{where} {type(node).__name__}"
    assert texts.tokenized[mine.start : mine.end] == str(node), where
    if isinstance(node, mw.Template):
        assert isinstance(mine, light.Template), where
        same_code(texts, node.name, mine.name, where + ".name")
        assert len(mine.params) == len(node.params), where
        for parameter, own in zip(node.params, mine.params, strict=True):
            assert (own.name is not None) == parameter.showkey, where
            if own.name is not None:
                same_code(texts, parameter.name, own.name, where + ".key")
            same_code(texts, parameter.value, own.value, where + ".value")
    elif isinstance(node, mw.Wikilink):
        assert isinstance(mine, light.Wikilink), where
        same_code(texts, node.title, mine.title, where + ".title")
        same_optional_code(texts, node.text, mine.text, where + ".text")
    elif isinstance(node, mw.ExternalLink):
        assert isinstance(mine, light.ExternalLink) and mine.brackets == node.brackets, where
        same_code(texts, node.url, mine.url, where + ".url")
        same_optional_code(texts, node.title, mine.title, where + ".title")
    elif isinstance(node, mw.Tag):
        assert isinstance(mine, light.Tag), where
        assert mine.name == str(node.tag), where
        assert mine.wiki_markup == (node.wiki_markup or None), where
        assert mine.self_closing == node.self_closing, where
        if not node.self_closing:
            assert node.contents is not None and mine.contents is not None, where
            same_code(texts, node.contents, mine.contents, where + ".contents")
        assert len(mine.attributes) == len(node.attributes), where
        for attribute, own_attribute in zip(node.attributes, mine.attributes, strict=True):
            same_code(texts, attribute.name, own_attribute.name, where + ".attribute")
            same_optional_code(texts, attribute.value, own_attribute.value, where + ".value")
    elif isinstance(node, mw.Heading):
        assert isinstance(mine, light.Heading) and mine.level == node.level, where
        same_code(texts, node.title, mine.title, where + ".title")
    elif isinstance(node, mw.Comment):
        assert isinstance(mine, light.Comment), where
        assert texts.same(mine.start + 4, mine.end - 3, mine.contents, node.contents), where
    elif isinstance(node, mw.HTMLEntity):
        assert isinstance(mine, light.Entity) and mine.source == str(node), where
    elif isinstance(node, mw.Argument):
        assert isinstance(mine, light.Argument), where
        same_code(texts, node.name, mine.name, where + ".name")
        same_optional_code(texts, node.default, mine.default, where + ".default")
    else:  # pragma: no cover - mwparserfromhell has no other node type
        raise AssertionError(f"unexpected node {node!r}")


def check_same_tree(text: str) -> None:
    texts = Texts(text)
    same_code(texts, mwparserfromhell.parse(texts.tokenized), light.parse(text), "")
