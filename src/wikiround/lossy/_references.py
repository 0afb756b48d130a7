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

from wikiround.lossy._record import short, tag_detail
from wikiround.lossy._tree import REFERENCE_FILL, REFERENCE_MARK, Tag, TreeError, parse

__all__ = ["strip_references"]

_REFERENCE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(nowiki|pre)\b[^>]*>.*?</\1\s*>"
    r"|(<ref(?:\s[^<>]*?)?)(?:(?<!/)>.*?</ref\s*>|/>)",
    re.IGNORECASE | re.DOTALL,
)
# The opening tags of nearly all references: no attribute but a plain name.
_PLAIN_OPENING = re.compile(
    r"<ref(?:\s+name\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>/=]+)))?\s*",
    re.IGNORECASE,
)


def _reference_detail(opening: str) -> str | None:
    """The report's detail for a reference opened by ``opening`` (``<ref name=x``,
    without its ``>``), or None when mwparserfromhell would not read it as a tag."""
    plain = _PLAIN_OPENING.fullmatch(opening)
    if plain is not None:
        name = next((group for group in plain.groups() if group is not None), None)
        return "<ref>" if name is None else f"<ref name={short(name.strip(), 30)}>"
    try:
        nodes = parse(opening + "/>").nodes
    except TreeError:
        return None
    tag = nodes[0] if len(nodes) == 1 else None
    if isinstance(tag, Tag) and tag.name.strip().lower() == "ref":
        return tag_detail(tag, "ref")
    return None


def strip_references(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with each reference replaced by a marker of the same length, and the
    report's detail for each marker, by the offset it starts at."""
    details: dict[int, str] = {}

    def replace(match: re.Match[str]) -> str:
        opening = match.group(2)
        detail = None if opening is None else _reference_detail(opening)
        if detail is None:
            return match.group()
        details[match.start()] = detail
        return REFERENCE_MARK + REFERENCE_FILL * (match.end() - match.start() - 1)

    if "<ref" not in text and "<REF" not in text:
        return text, details
    return _REFERENCE.sub(replace, text), details
