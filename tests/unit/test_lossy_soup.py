"""Tag soup: openers that never close are read as MediaWiki reads them, and the
stand-ins that keep the tokenizer from trying them never show (wikiround.lossy._soup)."""

from __future__ import annotations

import gc
from unittest import mock

import pytest

from wikiround.lossy import _soup, parse_wikitext_lossy
from wikiround.lossy import _tree as _tree_module
from wikiround.lossy._reader import read as read_body
from wikiround.lossy._tree import parse
from wikiround.report import Kind

# The extension tags of the hostile-input benchmark, but <ref> (taken out as a reference).
EXTENSION_TAGS = (
    "nowiki", "pre", "gallery", "math", "syntaxhighlight", "poem", "references", "imagemap",
    "timeline", "score", "templatedata", "chem", "hiero", "mapframe",
)  # fmt: skip


def shown(source: str) -> tuple[str, ...]:
    article = parse_wikitext_lossy(source, title="T").article
    return article.lead


def kinds(source: str) -> list[Kind]:
    return [entry.kind for entry in parse_wikitext_lossy(source, title="T").report]


@pytest.mark.parametrize("name", EXTENSION_TAGS)
def test_an_unclosed_extension_tag_shows_as_written(name: str) -> None:
    # MediaWiki reads an extension tag with no closing tag after it as text.
    assert shown(f"a <{name}> b") == (f"a <{name}> b",)
    assert shown(f"<{name}>" * 30 + "x") == (f"<{name}>" * 30 + "x",)
    assert shown(f'a <{name} class="x">b') == (f'a <{name} class="x">b',)


@pytest.mark.parametrize("name", ["div", "span", "font", "small", "center"])
def test_an_unclosed_html_tag_does_not_show_but_its_text_does(name: str) -> None:
    # (A <div> or <center> is a block: a and b are then not one run of text.)
    assert shown(f"a<{name}>b") == ("a b",) if name in ("div", "center") else ("ab",)
    assert shown(f'a <{name} style="x:y">b <{name}>c') == ("a b c",)
    assert shown(f"<{name}>" * 30 + "x") == ("x",)
    assert kinds(f"a<{name}>b") == []


def test_a_closed_html_tag_is_read_as_before() -> None:
    # A <div> is a block: what stands on either side is not one run of text.
    assert shown("a<div>b</div>c<span>d</span>") == ("a b cd",)
    assert shown("a<div/>b") == ("a b",)


def test_an_unclosed_html_tag_alone_on_a_line_leaves_no_paragraph() -> None:
    assert shown("<div>\n\nText.") == ("Text.",)
    assert shown("Text.\n\n<span class=x>\n\nMore.") == ("Text.", "More.")


def test_unclosed_links_and_templates_are_text_as_written() -> None:
    # As MediaWiki shows them: brackets and all, and nothing is left out.
    assert shown("a [[b|c d") == ("a [[b|c d",)
    assert shown("[[a|" * 30) == (("[[a|" * 30),)
    assert kinds("a [[b|c d") == []
    assert shown("a {{b|c d") == ("a {{b|c d",)
    assert shown("{{a|" * 30) == (("{{a|" * 30),)
    assert kinds("{{a|" * 3) == []


def test_an_opener_with_a_closer_after_it_is_still_read() -> None:
    # The last is a template (unknown, dropped); the others are text.
    assert shown("{{a|" * 5 + "b}}") == ("{{a|" * 4,)
    assert shown("[[a|" * 3 + "b]]") == ("[[a|[[a|b",)
    # An extension tag runs to the first closing tag of its name, as in MediaWiki.
    assert shown("<gallery>x<gallery>y</gallery>z") == ("z",)
    assert kinds("<gallery>x<gallery>y</gallery>z") == [Kind.GALLERY]


def test_an_unclosed_external_link_shows_as_written() -> None:
    assert shown("a [http://a.b c") == ("a [http://a.b c",)
    assert shown("[http://a.b " * 30) == (("[http://a.b " * 30).strip(),)
    assert shown("[http://a.b c\nd]") == ("[http://a.b c d]",)
    assert shown("[http://a.b c] d") == ("c d",)


def test_bold_and_italics_after_an_unclosed_tag_are_read() -> None:
    # mwparserfromhell, having tried the <div> to the end of the text, left "''a'''" as
    # text; MediaWiki shows an italic "a'", and so does the reader now.
    assert shown("<div>''a'''") == ("a'",)


def test_the_stand_ins_keep_every_offset() -> None:
    for text in ["<div>" * 5, "{{a|" * 5, "[[a|" * 5, "[http://a.b " * 5, "<poem>x" * 5]:
        disarmed = _soup.stand_ins(text)
        assert len(disarmed) == len(text) and disarmed != text
    assert _soup.stand_ins("<div>a</div>{{a}}[[b]][http://c d]") == (
        "<div>a</div>{{a}}[[b]][http://c d]"
    )


def test_the_stand_ins_never_reach_the_tree() -> None:
    text = "a <div>b [[c|d {{e|f [http://g.h i <gallery>j"
    tree = parse(text, 100)
    assert tree.source == text and (tree.start, tree.end) == (100, 100 + len(text))
    position = 100
    for node in tree.nodes:  # text, and the free link "http://g.h"
        if isinstance(node, str):
            assert node == text[position - 100 : position - 100 + len(node)]
            position += len(node)
        else:
            assert text[node.start - 100 : node.end - 100] == "http://g.h"
            position = node.end
    assert position == tree.end


def test_spans_point_at_the_source_of_each_paragraph() -> None:
    text = "a<div>b <poem>c\n\n== <span>d ==\ne <gallery>\n\nf [http://g.h i\n\n<font>j"
    _, body = read_body(text, "T")
    assert [text[start:end] for start, end in body.spans] == [
        "a<div>b <poem>c",
        "== <span>d ==",
        "e <gallery>",
        "f [http://g.h i",
        "<font>j",
    ]


def test_unbalanced_openers_are_text_but_the_last_one_closed() -> None:
    # A closing closes the last opener of its kind; the ones before it never close.
    assert shown("<div>a" * 5 + "</div>") == ("a a a a a",)
    # (A <poem> is a block: its text is not one run with what comes before it.)
    assert shown("<poem>a" * 3 + "</poem>") == ("<poem>a<poem>a a",)
    assert shown("{{a|" * 5 + "}}") == ("{{a|" * 4,)
    assert shown("[[a|" * 5 + "]]") == ("[[a|" * 4 + "a",)  # the pipe trick: [[a|]] shows a
    assert kinds("[[a|" * 3 + "]]") == []


def test_raw_contents_and_comments_open_nothing() -> None:
    # The <div> in a comment or in <nowiki> does not take the </div> from the first one.
    assert _soup.unclosed_tags("<div>a<!--<div>-->b</div>") == []
    assert _soup.unclosed_tags("<div>a<nowiki><div></nowiki>b</div>") == []
    assert _soup.stand_ins("{{a|<!--{{-->}}") == "{{a|<!--{{-->}}"
    assert _soup.stand_ins("{{a|<nowiki>{{</nowiki>}}") == "{{a|<nowiki>{{</nowiki>}}"
    assert shown("{{lang|fr|<!--{{-->x}}") == ("x",)
    # A <nowiki> runs to the first closing tag of its name, taking the opener after it.
    assert shown("<nowiki>a<nowiki>b</nowiki>") == ("a<nowiki>b",)


def test_closings_close_the_last_opener_first() -> None:
    assert [m.start() for m in _soup.unclosed_tags("<div><span><div></div>")] == [0, 5]
    assert _soup.stand_ins("{{a|{{b}}") == "{" + _soup.STAND_IN + "a|{{b}}"
    assert _soup.stand_ins("{{{a}}}{{") == "{{{a}}}{" + _soup.STAND_IN
    # Each "]" counts as a closing (one may close [[http://a b]): "]]" closes two.
    assert _soup.stand_ins("[[a|[[a|[[b]]") == "[" + _soup.STAND_IN + "a|[[a|[[b]]"
    assert _soup.stand_ins("[[a|[[b]] [http://c d]") == "[[a|[[b]] [http://c d]"


def test_the_garbage_collector_is_paused_while_reading_and_restored() -> None:
    seen: list[bool] = []
    tokenizer = _tree_module._Tokenizer

    # The tokenizer is looked up when called, in the compiled build too (a function
    # such as stand_ins is bound when compiled, and patching it would not be seen).
    class Spy:
        def tokenize(self, text: str) -> object:
            seen.append(gc.isenabled())
            return tokenizer().tokenize(text)

    with mock.patch.object(_tree_module, "_Tokenizer", Spy):
        assert gc.isenabled()
        shown("a {{b}} c")
        assert gc.isenabled() and seen and not any(seen)
        gc.disable()
        try:
            shown("a {{b}} c")
            assert not gc.isenabled()
        finally:
            gc.enable()


def test_spans_after_unclosed_links_and_templates_point_at_their_source() -> None:
    # Text left open ("[[", "{{", shown as written) does not shift the offsets of the
    # lines after it.
    text = "a<div>b [[c|\n\n{{d|e <gallery>\n\nf [http://g.h i\n\n<span>j [[k"
    _, body = read_body(text, "T")
    assert [text[start:end] for start, end in body.spans] == [
        "a<div>b [[c|",
        "{{d|e <gallery>",
        "f [http://g.h i",
        "<span>j [[k",
    ]
    assert shown(text) == ("a b [[c|", "{{d|e <gallery>", "f [http://g.h i", "j [[k")
