"""References taken out of the text before it is parsed.

A reference's content (often a {{cite …}} template with dozens of parameters) is
dropped whole, yet tokenizing it and building its tree would be most of the work. As
MediaWiki does with extension tags, each <ref>…</ref> and <ref …/> is taken out before
parsing and a marker of the same length put in its place (see _tree.REFERENCE_MARK),
so that every offset stays where it was. Comments, <nowiki> and <pre> are matched
first so that a <ref> inside them is left alone.
"""

from __future__ import annotations

import re

from wikiround._text import php_trim
from wikiround.lossy._record import short, tag_detail
from wikiround.lossy._tree import REFERENCE_FILL, REFERENCE_MARK, Tag, TreeError, parse

__all__ = ["strip_references"]

# A single pattern ("<ref…>.*?</ref>") would search the rest of the text again from
# each opening that is never closed: quadratic time on "<ref>" * 20000. So openings
# are found first and each closing is looked up in a cache that remembers the next
# closing tag, or that there is none, as MediaWiki's preprocessor does.
# MediaWiki's patterns for tags have no u flag: their \s and case are ASCII only, so
# "<ref\u2028>" opens no reference.
_OPENING = re.compile(r"<!--|<(nowiki|pre)\b|<ref(?:>|/>|\s[^<>]*>)", re.IGNORECASE | re.ASCII)
_CLOSING = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE | re.ASCII)
    for name in ("nowiki", "pre", "ref")
}


class _NextClosing:
    """Where the next closing tag of each name (or the next ``>``) is at or after a
    position. Positions asked for only grow, so each part of the text is searched at
    most once per name."""

    def __init__(self, text: str) -> None:
        self.text = text
        # name -> (searched from, found match or None)
        self.found: dict[str, tuple[int, re.Match[str] | None]] = {}
        self.angle = (0, text.find(">"))

    def closing(self, name: str, position: int) -> re.Match[str] | None:
        searched = self.found.get(name)
        if searched is not None:
            start, match = searched
            if start <= position and (match is None or match.start() >= position):
                return match
        match = _CLOSING[name].search(self.text, position)
        self.found[name] = (position, match)
        return match

    def greater_than(self, position: int) -> int:
        """The offset of the next ``>`` at or after ``position``, or -1."""
        start, found = self.angle
        if not (start <= position and (found < 0 or found >= position)):
            found = self.text.find(">", position)
            self.angle = (position, found)
        return found


# The opening tags of nearly all references: no attribute but a plain name.
_PLAIN_OPENING = re.compile(
    r"<ref(?:\s+name\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>/=]+)))?\s*",
    re.IGNORECASE | re.ASCII,
)


def _reference_detail(opening: str) -> str | None:
    """The report's detail for a reference opened by ``opening`` (``<ref name=x``,
    without its ``>``), or None when mwparserfromhell would not read it as a tag."""
    plain = _PLAIN_OPENING.fullmatch(opening)
    if plain is not None:
        name = next((group for group in plain.groups() if group is not None), None)
        return "<ref>" if name is None else f"<ref name={short(php_trim(name), 30)}>"
    try:
        nodes = parse(opening + "/>").nodes
    except TreeError:
        return None
    tag = nodes[0] if len(nodes) == 1 else None
    if isinstance(tag, Tag) and php_trim(tag.name).lower() == "ref":
        return tag_detail(tag, "ref")
    return None


def strip_references(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with each reference replaced by a marker of the same length, and the
    report's detail for each marker, by the offset it starts at."""
    details: dict[int, str] = {}
    if "<ref" not in text and "<REF" not in text:
        return text, details
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    position = 0
    closings = _NextClosing(text)
    while (opening := _OPENING.search(text, position)) is not None:
        start = opening.start()
        kept = opening.group(1)
        if opening.group() == "<!--":
            end = text.find("-->", opening.end())
            position = len(text) if end < 0 else end + 3
            continue
        if kept is not None:  # <nowiki …> or <pre …>: left alone up to its closing tag
            greater = closings.greater_than(opening.end())
            closing = None if greater < 0 else closings.closing(kept.lower(), greater + 1)
            position = start + 1 if closing is None else closing.end()
            continue
        tag = opening.group()
        if tag.endswith("/>"):
            end = opening.end()
            head = tag[:-2]
        else:
            head = tag[:-1]
            closing = closings.closing("ref", opening.end())
            # Never closed: MediaWiki shows the tag as text and reads on after it. Only
            # the tag is taken out (reported as a reference, as before), so that the
            # tokenizer never sees it: on thousands of them it takes quadratic time.
            end = opening.end() if closing is None else closing.end()
        position = end
        detail = _reference_detail(head)
        if detail is None:
            continue
        details[start] = detail
        pieces.append(text[done:start])
        pieces.append(REFERENCE_MARK + REFERENCE_FILL * (end - start - 1))
        done = end
    pieces.append(text[done:])
    return "".join(pieces), details
