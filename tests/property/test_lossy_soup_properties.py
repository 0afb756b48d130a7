"""The stand-ins that disarm openers which can never close (wikiround.lossy._soup) never
show in what the reader gives, and change nothing where mwparserfromhell would have
made the same tokens without them: the same article, report and source spans."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st
from mwparserfromhell.parser import tokens as mw_tokens
from mwparserfromhell.parser.tokenizer import Tokenizer

from wikiround.lossy import _soup
from wikiround.lossy import _tree as tree_module
from wikiround.lossy._files import Caption
from wikiround.lossy._reader import read
from wikiround.lossy._templates import UNSHOWN
from wikiround.plaintext import render_plaintext

_PIECES = (
    "a", "b c", " ", "\n", "\n\n", "{{", "}}", "{{a|", "|", "=", "[[", "]]", "[[a|", "[", "]",
    "[http://a.b ", " [//a.b/c ", "http://a.b", "''", "'''", "<div>", "</div>", "<span>",
    "<span class=\"x\">", "</span>", "<nowiki>", "</nowiki>", "<gallery>", "</gallery>",
    "<math>", "<pre>", "<poem>", "<font size=2>", "<b>", "<br>", "<ref>", "</ref>", "<!--",
    "-->", "== ", " ==", "* ", "# ", ": ", "{|", "|}", "<div/>", "&amp;",
)  # fmt: skip
soup = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _shape(text: str) -> list[Any]:
    """The tokens' types, and each text token's length."""
    return [
        len(token.text) if isinstance(token, mw_tokens.Text) else type(token)
        for token in Tokenizer().tokenize(text)
    ]


def _reading(text: str) -> tuple[str, list[str], list[tuple[int, int]]]:
    article, body = read(text, "T")
    return render_plaintext(article), body.recorder.report(text).lines(), body.spans


@given(soup)
@example("<div>" * 3 + "a" + "[[a|" * 3 + "{{a|" * 3 + "[http://a.b " * 3)
def test_stand_ins_never_show(text: str) -> None:
    shown = _reading(text)[0]
    assert _soup.STAND_IN not in shown and UNSHOWN not in shown
    # A tag's stand-in, "<!iv>" for "<div>", is read back as written ("<!" in the pieces
    # is always "<!--").
    assert re.search("<![^-]", shown) is None


@given(soup)
@example("a <div>b [[c|\n\nd {{e|f\n\n[http://g.h i <gallery>j")
@example("<div>''a'''")  # mwparserfromhell alone reads no italics here: not compared
# The tokens to compare are those of every text the tokenizer is given: the page with
# its references taken out (on "{{<ref>|{{}}" as written they agree, but not once the
# <ref> is a marker), and each piece of text parsed again on its own ("{{''a'''" after a
# link: MediaWiki shows "a'", as the reader does with stand-ins).
@example("{{<ref>|{{}}")
@example("a[http://a.b {{''a'''")
@example("a[http://a.b  [//a.b/c ''{{'''")
def test_stand_ins_change_nothing_where_the_tokens_agree(text: str) -> None:
    tokenized: list[str] = []

    def recording(piece: str) -> str:
        tokenized.append(piece)
        return _soup.stand_ins(piece)

    with mock.patch.object(tree_module, "stand_ins", recording):
        with_stand_ins = _reading(text)
    if any(_shape(piece) != _shape(_soup.stand_ins(piece)) for piece in tokenized):
        return  # mwparserfromhell's result depended on the routes it tried first
    with mock.patch.object(tree_module, "stand_ins", lambda text: text):
        assert _reading(text) == with_stand_ins


def _forward_lifo(text: str, opening: str, closing: str) -> list[tuple[int, int]]:
    """The unmatched runs as a stack gives them, reading forward: each closing closes a
    pair of the last run still open."""
    stack: list[list[int]] = []  # [start, length, pairs open, closed once]
    position = 0
    while position < len(text):
        if text.startswith(opening * 2, position):
            end = position
            while end < len(text) and text[end] == opening:
                end += 1
            stack.append([position, end - position, (end - position) // 2, 0])
            position = end
        elif text.startswith(closing, position):
            if stack:
                stack[-1][2] -= 1
                stack[-1][3] = 1
                if not stack[-1][2]:
                    stack.pop()
            position += len(closing)
        else:
            position += 1
    return [(entry[0], entry[1]) for entry in stack if not entry[3]]


@given(st.lists(st.sampled_from(["{", "}", "[", "]", "a", "{{a|", "}}", "[[a|"]), max_size=60))
def test_runs_are_matched_as_a_stack_matches_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _soup._unmatched_runs(text, _soup._BRACES, "}}", []) == _forward_lifo(text, "{", "}}")
    assert _soup._unmatched_runs(text, _soup._BRACKETS, "]", []) == _forward_lifo(text, "[", "]")


@given(soup)
@example("a [[b|\n\n{{c|d\n\ne")
@example("[[a|]]={{=")  # "={{=" after a link is no heading
@example("a<gallery></gallery>")  # a gallery is a block: the line is cut around it
@example("<gallery></gallery>a")
@example("{|\na")  # a table's text: whole lines, as any paragraph's
def test_spans_are_whole_lines_of_the_source(text: str) -> None:
    # Each paragraph and heading of tag soup comes from whole lines of the text as given,
    # in order, whatever was disarmed, hidden or left out on them; but for a line holding
    # a gallery or a file that is a block, which is cut around it (and a caption's
    # paragraph is the caption's source, inside it; a table's text is whole lines).
    _, body = read(text, "T")
    previous_end = 0
    for (start, end), origin in zip(body.spans, body.origins, strict=True):
        assert previous_end <= start <= end <= len(text)
        previous_end = end
        if isinstance(origin, Caption):
            assert origin.start <= start <= end <= origin.end
            continue
        line_start = text.rfind("\n", 0, start) + 1
        assert start == line_start or _BLOCK.search(text, line_start, start)
        line_end = text.find("\n", end)
        rest = text[end : len(text) if line_end < 0 else line_end]
        # A heading's span ends at its last "=": spaces and comments may follow.
        assert re.sub("<!--.*?-->", "", rest).strip(" \t") == "" or _BLOCK.search(rest)


_BLOCK = re.compile(r"<gallery|</gallery|\[\[\s*(?:file|image)\s*:", re.IGNORECASE)
