"""Date templates: rewritten as the same template showing the new date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikiround._text import PHP_TRIMMED
from wikiround.dates import DateStyle, parse_date
from wikiround.lossy._templates import handler_for, template_key
from wikiround.lossy._tree import Template

if TYPE_CHECKING:
    from wikiround.editing._original import Original
    from wikiround.editing._splice import Segment

__all__ = ["DATE_HANDLER", "QUOTE_HANDLER", "rewrite_date"]


# The lossy reader shows every date template with one handler; they share its arguments.
DATE_HANDLER = handler_for("start date")
# ... and every quotation template with another.
QUOTE_HANDLER = handler_for("quote")


def rewrite_date(original: Original, segment: Segment, replacement: str) -> str | None:
    """The same date template showing ``replacement``, or None when it is not one."""
    node = segment.node
    if not isinstance(node, Template) or DATE_HANDLER is None:
        return None
    raw_name = "".join(part for part in node.name.nodes if isinstance(part, str))
    key = template_key(raw_name)[0]
    if handler_for(key) is not DATE_HANDLER:
        return None
    date = parse_date(replacement)
    if date is None or date.short_month:
        return None
    positional = [param for param in node.params if param.name is None]
    if len(positional) < 1:
        return None
    numbers = [str(n) for n in (date.year, date.month, date.day) if n is not None]
    source = original.text
    pieces: list[str] = []
    cursor = node.start
    written = positional[:3]
    for index, param in enumerate(written):
        if index < len(numbers):
            value = param.value
            stripped = source[value.start : value.end]
            lead = len(stripped) - len(stripped.lstrip(PHP_TRIMMED))
            trail = len(stripped.rstrip(PHP_TRIMMED))
            pieces.append(source[cursor : value.start + lead])
            pieces.append(numbers[index])
            cursor = value.start + max(trail, lead)
        else:
            pieces.append(source[cursor : param.value.start - 1])
            cursor = param.value.end
    if len(numbers) > len(written):
        last_end = written[-1].value.end
        pieces.append(source[cursor:last_end])
        pieces.append("".join("|" + n for n in numbers[len(written) :]))
        cursor = last_end
    pieces.append(source[cursor : node.end])
    rewritten = "".join(pieces)
    if date.style not in (DateStyle.DMY, DateStyle.MDY, DateStyle.MY, DateStyle.YEAR):
        return None
    return rewritten
