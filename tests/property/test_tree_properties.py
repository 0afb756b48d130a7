"""The light tree matches mwparserfromhell's for generated markup, and its offsets move
with the base it is parsed at."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from same_tree import check_same_tree
from wikiround.lossy import _tree as light

# Pieces of markup, to be strung together at random: every token type appears.
_PIECES = (
    "a", "b c", " ", "\n", "\n\n", "{{", "}}", "|", "=", "{{{", "}}}", "[[", "]]", "[", "]",
    "http://example.org", "//example.org/x", "''", "'''", "<ref>", "</ref>", "<ref name=a/>",
    "<ref name=\"b c\" group='n'>", "<b>", "</b>", "<br>", "<br />", "</div>",
    "<div class=\"x\" id=y>", "<!--", "-->", "&amp;", "&#x41;", "&#65;", "&bogus;", "==",
    "*", "#", ";", ":", "{|", "|}", "|-", "!", "!!", "||", "----", "<nowiki>", "</nowiki>",
    "<pre>", "</pre>", "File:", "Category:", "__TOC__", "<span style=\"a:b\">", "</span>",
    "<ref name>", "<small >", "</small >", "-{", "}-",
    # Openers that often stay unclosed (see wikiround.lossy._soup).
    "<gallery>", "</gallery>", "<math>", "<poem>", "</poem>", "<div>", "<span>", "<i>",
    "[[a|", "{{a|", "[http://a.b ", " [//a.b/c ", "<div/>", "<DIV>", "</div >",
    # Runs of list markers, which the tree makes one node of.
    "\n**", "\n#:*", "\n;:", "\n*;",
)  # fmt: skip
wikitext = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(wikitext)
@example("{| class=x\n|-\n| a || b\n| style=y | c\n|}")
@example('<ref name="a">x</ref><ref name=a/><b>x</b >')
@example("[http://example.org title][http://example.org]&amp;&#x41;&#65;")
@example("== a ===\n<!--x-->{{{a|b}}}{{a|b=c|d}}")
@example("**a\n#:*b\n;:c\n{{a|\n**b}}<nowiki>\n**</nowiki>\n*[http://a.b x")
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


# Heading lines, most of them plain (built without the tokenizer, see
# _tree._plain_heading), the rest one character away from it.
_PLAIN_TITLE = st.text(alphabet="aZ 0-,.()\t\xa0é", max_size=6)
_RISKY = st.sampled_from(
    [*"=<>[]{}|&'\"#*;:/!~_\x85", "http://a.b", "&amp;", "-->", "<!--", "__TOC__", ""]
)
_TITLES = st.builds(lambda a, risky, b: a + risky + b, _PLAIN_TITLE, _RISKY, _PLAIN_TITLE)
_AFTER = st.sampled_from(["", " ", " \t ", "x", " =", "\n"])
heading_lines = st.one_of(
    st.builds(
        lambda level, title, after: "=" * level + title + "=" * level + after,
        st.integers(min_value=1, max_value=7), _TITLES, _AFTER,
    ),
    st.builds(
        lambda left, title, right, after: "=" * left + title + "=" * right + after,
        st.integers(min_value=0, max_value=8), _TITLES, st.integers(min_value=0, max_value=8),
        _AFTER,
    ),
)  # fmt: skip


@given(heading_lines, st.integers(min_value=0, max_value=100))
@example("== History ==", 0)
@example("==History== \t", 7)
@example("=======A=======", 0)
@example("== ==", 0)
def test_plain_headings_give_the_tokenizers_tree(line: str, base: int) -> None:
    check_same_tree(line)
    tree = light.parse(line, base)
    assert (tree.start, tree.end) == (base, base + len(line))
    assert tree.source == line
    plain = light._plain_heading(line, base)
    if plain is not None:
        assert plain.nodes == tree.nodes or _shapes(plain) == _shapes(tree)


def _shapes(code: light.Code) -> list[object]:
    return [
        node
        if isinstance(node, str)
        else (type(node).__name__, node.start, node.end, getattr(node, "level", None),
              _shapes(node.title) if isinstance(node, light.Heading) else None)
        for node in code.nodes
    ]  # fmt: skip
