"""The lossy reader's light tree matches mwparserfromhell's, node for node.

``wikiround.lossy._tree`` builds its own nodes from mwparserfromhell's tokens; each
node must have the shape mwparserfromhell's builder gives it and span exactly the text
that mwparserfromhell's node prints as.
"""

from __future__ import annotations

import re
from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell import nodes as mw
from mwparserfromhell.parser.tokenizer import Tokenizer
from mwparserfromhell.wikicode import Wikicode

from same_tree import check_same_tree
from wikiround.lossy import _tree as light
from wikiround.lossy._references import strip_references

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.wiki"))


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


def _without_markup() -> str:
    """Every character the tree does not tokenize for, each four times (a run of
    ``'``, ``-`` or ``*`` would be formatting, a rule or a list), then after a scheme."""
    plain = [
        chr(code)
        for code in range(1, 0x10000)
        if not 0xD800 <= code < 0xE000 and light._TOKENIZER_MARKUP.search(chr(code)) is None
    ]
    return " ".join(char * 4 + " http" + char * 3 + "x" for char in plain) + " \U0001f600"


@pytest.mark.parametrize(
    "text", ["", "x", "word " * 1000, light.REFERENCE_MARK + light.REFERENCE_FILL * 9 + " a"]
)
def test_text_without_markup_gives_the_tree_the_tokenizer_gives(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # parse() skips the tokenizer for text that holds none of the characters it acts on.
    skipped = light.parse(text)
    monkeypatch.setattr(light, "_TOKENIZER_MARKUP", re.compile(""))  # matches anything
    assert _flat(light.parse(text)) == _flat(skipped)  # nodes have no __eq__


def _flat(code: light.Code) -> tuple[object, ...]:
    # Without markup, a tree is text and references' markers.
    return code.start, code.end, code.source, [
        node if isinstance(node, str) else (type(node).__name__, node.start, node.end)
        for node in code.nodes
    ]


def test_no_character_outside_the_markup_set_makes_a_token() -> None:
    text = _without_markup()
    assert light._TOKENIZER_MARKUP.search(text) is None
    assert light._Tokenizer().tokenize(text) == [light._TEXT(text=text)]
    assert Tokenizer().tokenize(text) == [light._TEXT(text=text)]


def test_a_run_of_list_markers_is_one_node() -> None:
    # The tokenizer makes three tokens of each marker; the tree one node of the run.
    code = light.parse("**#a\n:b\n;:c")
    run, _, item, _, term, definition, _ = code.nodes
    assert isinstance(run, light.Tag) and (run.start, run.end) == (0, 3)
    assert (run.name, run.wiki_markup, run.self_closing) == ("li", "**#", True)
    assert isinstance(item, light.Tag) and item.wiki_markup == ":"
    # After ";" the rest of the line reads otherwise: such a run stays one node a marker.
    assert isinstance(term, light.Tag) and term.wiki_markup == ";"
    assert isinstance(definition, light.Tag) and definition.wiki_markup == ":"
    assert light._compact_list_runs("**#a\n:b\n;:c\n##") == "*\x04\x04a\n:b\n;:c\n#\x04"
    # Where runs are a small part of the text, it is not copied to save their tokens.
    text = "x" * 1000 + "\n**a"
    assert light._compact_list_runs(text) is text
    assert [getattr(node, "wiki_markup", node) for node in light.parse(text).nodes] == [
        "x" * 1000 + "\n", "*", "*", "a"
    ]
