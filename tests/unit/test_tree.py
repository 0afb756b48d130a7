"""The lossy reader's light tree matches mwparserfromhell's, node for node.

``wikiround.lossy._tree`` builds its own nodes from mwparserfromhell's tokens; each
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
from mwparserfromhell.parser.tokenizer import Tokenizer
from mwparserfromhell.wikicode import Wikicode

from wikiround.lossy import _tree as light
from wikiround.lossy._references import strip_references

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.wiki"))


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


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_real_articles_give_mwparserfromhells_tree(path: Path) -> None:
    check_same_tree(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_the_pure_python_tokenizer_gives_the_same_tree(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where mwparserfromhell has no compiled tokenizer, the tree is built from its
    # pure-Python one; mwparserfromhell's own tree here comes from the compiled one.
    monkeypatch.setattr(light, "_Tokenizer", Tokenizer)
    check_same_tree(path.read_text(encoding="utf-8"))


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
@example('<ref name="a">x</ref><ref name=a/><b>x</b >')
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
        if isinstance(node, str):
            assert moved == node
        else:
            assert not isinstance(moved, str)
            assert (moved.start - base, moved.end - base) == (node.start, node.end)


def _mwparserfromhell_references(code: Wikicode) -> list[str]:
    """The detail of each <ref> tag, in document order, not looking inside references."""
    found: list[str] = []
    for node in code.nodes:
        if isinstance(node, mw.Tag) and str(node.tag).strip().lower() == "ref":
            name = next((a for a in node.attributes if str(a.name).strip().lower() == "name"), None)
            if name is None:
                found.append("<ref>")
            elif name.value is None:
                found.append("<ref name>")
            else:
                value = " ".join(str(name.value).split())
                value = value if len(value) <= 30 else value[:29] + "…"
                found.append(f"<ref name={value}>")
            continue
        children: list[Wikicode] = []
        if isinstance(node, mw.Template):
            children = [node.name] + [part for p in node.params for part in (p.name, p.value)]
        elif isinstance(node, mw.Wikilink):
            children = [node.title] + ([node.text] if node.text is not None else [])
        elif isinstance(node, mw.ExternalLink):
            children = [node.url] + ([node.title] if node.title is not None else [])
        elif isinstance(node, mw.Tag) and node.contents is not None and not node.self_closing:
            children = [node.contents]
        elif isinstance(node, mw.Heading):
            children = [node.title]
        for child in children:
            found.extend(_mwparserfromhell_references(child))
    return found


def _light_references(code: light.Code) -> list[light.Reference]:
    found: list[light.Reference] = []
    for node in code.nodes:
        if isinstance(node, light.Reference):
            found.append(node)
            continue
        children: list[light.Code | None] = []
        if isinstance(node, light.Template):
            children = [node.name] + [part for p in node.params for part in (p.name, p.value)]
        elif isinstance(node, light.Wikilink):
            children = [node.title, node.text]
        elif isinstance(node, light.ExternalLink):
            children = [node.url, node.title]
        elif isinstance(node, light.Tag):
            children = [node.contents]
        elif isinstance(node, light.Heading):
            children = [node.title]
        for child in children:
            if child is not None:
                found.extend(_light_references(child))
    return found


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_references_taken_out_are_the_ones_mwparserfromhell_reads(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    stripped, details = strip_references(text)
    assert len(stripped) == len(text)
    references = _light_references(light.parse(stripped, 0, details))
    for reference in references:
        assert stripped[reference.start] == light.REFERENCE_MARK
        source = text[reference.start : reference.end]
        assert source.lower().startswith("<ref") and source.endswith(">"), source
    # mwparserfromhell reads the same references in the same order, except that in
    # context it sometimes leaves one as text that it reads as a tag on its own (as
    # MediaWiki always does): those are the extra ones.
    expected = iter(_mwparserfromhell_references(mwparserfromhell.parse(text)))
    wanted = next(expected, None)
    for reference in references:
        if reference.detail == wanted:
            wanted = next(expected, None)
            continue
        alone = text[reference.start : reference.end]
        assert _mwparserfromhell_references(mwparserfromhell.parse(alone)) == [reference.detail], (
            alone
        )
    assert wanted is None, f"{wanted} was not taken out"
