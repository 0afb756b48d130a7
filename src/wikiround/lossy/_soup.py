"""Openers that can never close, found in one pass before the text is tokenized.

mwparserfromhell's tokenizer tries each opener (``<gallery>``, ``<div>``, ``{{a|``,
``[[a|``, ``[http://a.b x``) by reading on for its closer and, when none comes, goes
back and reads the opener as text. On thousands of unclosed openers that is quadratic
time. Whether a closer can come at all is a question of what follows in the text, which
one pass answers for every opener: an opener with no closer after it is text, to
MediaWiki as to mwparserfromhell. :func:`stand_ins` gives the text with each such
opener disarmed, so that the tokenizer reads it as text at once; the characters
changed are chosen so that the tokenizer makes exactly the tokens it would have made
after trying (the tree builder then reads the text from the unchanged string, see
:func:`wikiround.lossy._tree.parse`, so the stand-ins never leave it). The rules, and
why each keeps the tokens unchanged, are in docs/reading-real-articles.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mwparserfromhell.definitions import is_single

__all__ = ["HIDDEN_WHEN_UNCLOSED", "STAND_IN", "stand_ins", "unclosed_tags"]

# Not a marker of the tokenizer, not a space, not a URL character: plain text to it.
STAND_IN = "\x04"

# An opening tag as mwparserfromhell can read it: a name of letters and digits, then
# attributes (quoted values may hold no angle bracket). Each alternative of the
# repeated group starts with a different character, so a failed match gives back one
# character at a time: linear time, and a search never runs past the next "<".
_TAG_OPENING = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?:\s(?:[^<>\"']|\"[^<>\"]*\"|'[^<>']*')*)?>")
# Any closing tag's name (a superset of those mwparserfromhell accepts).
_TAG_CLOSING = re.compile(r"</\s*([A-Za-z][A-Za-z0-9]*)")
_BRACES = re.compile(r"\{\{+")
_BRACKETS = re.compile(r"\[\[+")
# A bracketed external link's opening as mwparserfromhell reads one: a URL scheme or //.
_LINK_OPENING = re.compile(r"\[(?=//|[A-Za-z0-9+.\-]+:)")
# Where a template's name can end, for _LINK_OPENING's rule below.
_NAME_END = re.compile(r"\||\}\}")

# HTML tags that MediaWiki never shows as text: an opener left unclosed shows nothing
# (its contents run on as text). Extension tags such as <pre>, <nowiki> and <gallery>
# are not among them: unclosed, MediaWiki shows them as written.
HIDDEN_WHEN_UNCLOSED = frozenset(
    {
        "b", "i", "u", "s", "strike", "del", "ins", "small", "big", "span", "div", "sup",
        "sub", "font", "abbr", "cite", "code", "tt", "em", "strong", "center", "blockquote",
        "q", "var", "kbd", "samp", "mark", "bdi", "bdo", "p", "dfn", "time", "data", "ruby",
        "rb", "rt", "rp",
    }
)  # fmt: skip


def unclosed_tags(text: str) -> Iterator[re.Match[str]]:
    """The opening tags in ``text`` with no closing tag of their name after them (and
    that are not tags mwparserfromhell reads without one, such as ``<br>``)."""
    if "<" not in text:
        return
    last_closing: dict[str, int] = {}
    if "</" in text:
        for closing in _TAG_CLOSING.finditer(text):
            last_closing[closing.group(1).lower()] = closing.start()
    for opening in _TAG_OPENING.finditer(text):
        name = opening.group(1).lower()
        if last_closing.get(name, -1) > opening.start() or is_single(name):
            continue
        if opening.group().endswith("/>"):  # self-closing: a tag without a closing
            continue
        yield opening


def stand_ins(text: str) -> str:
    """``text`` with each opener that can never close disarmed, as long as ``text``.

    - an opening tag with no closing tag of its name after it: its name's first letter
      becomes ``!`` (``<!`` not followed by ``--`` is text to the tokenizer, and ``<``
      stays to end a URL or a link target as before);
    - a run of ``{{`` with no ``}}`` after it, a run of ``[[`` with no ``]`` after it:
      all but the first brace or bracket become :data:`STAND_IN` (the first stays, and
      has the effects it had on what surrounds it);
    - ``[`` before a URL, with no ``]`` before the line ends: :data:`STAND_IN`, where
      that ``[`` cannot be part of what it follows (it comes after a space, a line
      break or nothing, and not inside a template's name).
    """
    changes: list[tuple[int, str]] = []
    for opening in unclosed_tags(text):
        changes.append((opening.start(1), "!"))
    last_braces = text.rfind("}}")
    after_braces = 0 if last_braces < 0 else last_braces + 2
    if text.find("{{", after_braces) >= 0:
        for run in _BRACES.finditer(text, after_braces):
            changes.append((run.start() + 1, STAND_IN * (len(run.group()) - 1)))
    after_bracket = text.rfind("]") + 1
    if text.find("[[", after_bracket) >= 0:
        for run in _BRACKETS.finditer(text, after_bracket):
            changes.append((run.start() + 1, STAND_IN * (len(run.group()) - 1)))
    if "[" in text:
        changes.extend((position, STAND_IN) for position in _unclosed_link_openings(text))
    if not changes:
        return text
    changes.sort()
    pieces: list[str] = []
    done = 0
    for position, replacement in changes:
        if position < done:  # a bracket of a run already changed
            continue
        pieces.append(text[done:position])
        pieces.append(replacement)
        done = position + len(replacement)
    pieces.append(text[done:])
    return "".join(pieces)


def _unclosed_link_openings(text: str) -> Iterator[int]:
    """The ``[`` of bracketed external links that cannot close, where the ``[`` may
    become :data:`STAND_IN` without changing how the tokenizer reads anything else."""
    next_bracket = next_line = -1  # the next "]" and line break at or after a position
    braces = list(_BRACES.finditer(text)) if "{{" in text else []
    name_ends = [end.start() for end in _NAME_END.finditer(text)] if braces else []
    brace_index = name_index = 0
    last_braces = last_name_end = -1
    for opening in _LINK_OPENING.finditer(text):
        position = opening.start()
        if position and text[position - 1] not in " \t\n":
            continue
        # Inside a template's name, "[" makes the template text; a stand-in would not.
        while brace_index < len(braces) and braces[brace_index].start() < position:
            last_braces = braces[brace_index].start()
            brace_index += 1
        while name_index < len(name_ends) and name_ends[name_index] < position:
            last_name_end = name_ends[name_index]
            name_index += 1
        if last_braces > last_name_end:
            continue
        if next_bracket < position:
            next_bracket = text.find("]", position)
            if next_bracket < 0:
                next_bracket = len(text)
        if next_line < position:
            next_line = text.find("\n", position)
            if next_line < 0:
                next_line = len(text)
        if next_bracket >= next_line:  # (both are len(text) when neither comes)
            yield position
