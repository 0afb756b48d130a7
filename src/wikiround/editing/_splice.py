"""Splicing an edit of one element (a paragraph, a heading, an infobox value) into its
source, keeping every construct whose text the edit did not touch."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence

import attrs

from wikiround.editing._changes import ChangeKind
from wikiround.editing._dates import rewrite_date
from wikiround.editing._original import Original, describe
from wikiround.lossy._inline import finish
from wikiround.lossy._templates import LINE_BREAK, LINK_CLOSE, LINK_OPEN, LIST_BREAK, SPACES
from wikiround.lossy._tree import Node, Tag
from wikiround.wikitext._escape import escape_inline

__all__ = ["SHOWS_NOTHING", "Segment", "splice"]


@attrs.define
class Segment:
    """A piece of an element's source: a text run (shown as written) or a construct."""

    start: int
    end: int
    shown: str
    node: Node | None  # None for a text run


def _segments(
    original: Original, nodes: Sequence[Node | str], start: int, line_break: str
) -> list[Segment] | None:
    """The element's top-level nodes as segments; None when one cannot be shown alone."""
    segments: list[Segment] = []
    position = start
    for node in nodes:
        if isinstance(node, str):
            end = position + len(node)
            if "''" in node or "__" in node or "\x7f" in node:
                return None
            segments.append(Segment(position, end, node, None))
            position = end
            continue
        shown = original.display(node)
        if shown == LINE_BREAK:
            shown = line_break
        elif shown == LIST_BREAK and isinstance(node, Tag) and node.wiki_markup:
            shown = ""
        elif any(mark in shown for mark in (LINE_BREAK, LIST_BREAK, LINK_OPEN, LINK_CLOSE)):
            shown = finish(shown, line_break=line_break)
        segments.append(Segment(node.start, node.end, shown, node))
        position = node.end
    return segments


# A run of what the lossy reader shows as text: it collapses only SPACES (finish()), so
# U+3000 or U+2028 is part of a word here too.
_SHOWN_WORD = re.compile(f"[^{SPACES}]+")
# What a construct may display and still show nothing: spaces and the reader's markers.
SHOWS_NOTHING = SPACES + LINE_BREAK + LIST_BREAK + LINK_OPEN + LINK_CLOSE


def _collapsed(segments: list[Segment]) -> tuple[str, list[tuple[int, int]]]:
    """The segments' text with whitespace runs as one space, trimmed, and for each of
    its characters the span ``(start, end)`` of the joined segments' text it stands for."""
    joined = "".join(segment.shown for segment in segments)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _SHOWN_WORD.finditer(joined):
        if out:
            out.append(" ")
            spans.append((match.start() - 1, match.start()))  # the run's last character
        for offset in range(match.start(), match.end()):
            out.append(joined[offset])
            spans.append((offset, offset + 1))
    return "".join(out), spans


def splice(
    original: Original,
    nodes: Sequence[Node | str],
    start: int,
    end: int,
    old: str,
    new: str,
    *,
    in_value: bool,
    escape: Callable[[str], str] | None = None,
) -> tuple[list[tuple[int, int, str]], list[tuple[ChangeKind, str, int]]] | None:
    """Edits turning the source between ``start`` and ``end`` (showing ``old``) into
    source showing ``new``, keeping every construct whose text the edit did not touch.

    Returns ``(edits, notes)``: edits as ``(start, end, text)``, notes as ``(kind,
    detail, offset)``; None when the element cannot be spliced with confidence.
    ``escape`` writes new text (default: as an infobox value or a paragraph is written).
    """
    line_break = ", " if in_value else " "
    if escape is None:
        escape = functools.partial(escape_inline, in_value=in_value)
    segments = _segments(original, nodes, start, line_break)
    if segments is None:
        return None
    shown, spans = _collapsed(segments)
    if shown != old:
        return None
    joined_starts: list[int] = []
    total = 0
    for segment in segments:
        joined_starts.append(total)
        total += len(segment.shown)

    def locate(joined_offset: int) -> int:
        return bisect.bisect_right(joined_starts, joined_offset) - 1

    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_from, old_to = prefix, len(old) - suffix
    new_from, new_to = prefix, len(new) - suffix
    # Widen the change over whole constructs it touches (their text is replaced).
    touched: list[int] = []
    if old_from < old_to:
        first = locate(spans[old_from][0])
        last = locate(spans[old_to - 1][1] - 1)
        touched = [
            index
            for index in range(first, last + 1)
            if segments[index].node is not None and segments[index].shown
        ]
    else:
        before = locate(spans[old_from - 1][0]) if old_from > 0 else None
        after = locate(spans[old_from][0]) if old_from < len(old) else None
        if before is not None and before == after and segments[before].node is not None:
            touched = [before]  # an insertion inside a construct's text
        else:
            # An insertion: into a text run beside it when there is one.
            if before is not None and segments[before].node is None:
                offset = _source_end(
                    segments[before], joined_starts[before], spans[old_from - 1][1]
                )
            elif after is not None and segments[after].node is None:
                offset = _source_offset(segments[after], joined_starts[after], spans[old_from][0])
            elif before is not None:
                offset = segments[before].end
            elif after is not None:
                offset = segments[after].start
            else:
                offset = segments[0].start if segments else start
            return [(offset, offset, escape(new[new_from:new_to]))], []
    if len(touched) == 1:
        inner = _splice_formatting(
            original, segments[touched[0]], spans, joined_starts[touched[0]], old, new,
            old_from, old_to, in_value=in_value, escape=escape,
        )  # fmt: skip
        if inner is not None:
            return inner
    if touched:
        tail = segments[touched[-1]]
        cover_from = min(old_from, _display_start(spans, joined_starts[touched[0]]))
        tail_end = joined_starts[touched[-1]] + len(tail.shown)
        cover_to = max(old_to, _display_end(spans, tail_end))
        new_from -= old_from - cover_from
        new_to += cover_to - old_to
        old_from, old_to = cover_from, cover_to
    first = locate(spans[old_from][0])
    last = locate(spans[old_to - 1][1] - 1)
    source_from = _source_offset(segments[first], joined_starts[first], spans[old_from][0])
    source_to = _source_end(segments[last], joined_starts[last], spans[old_to - 1][1])
    replacement = new[new_from:new_to]
    notes: list[tuple[ChangeKind, str, int]] = []
    if len(touched) == 1 and old_from == _display_start(spans, joined_starts[touched[0]]):
        segment = segments[touched[0]]
        date = rewrite_date(original, segment, replacement)
        if date is not None and segment.start == source_from and segment.end == source_to:
            notes.append(
                (
                    ChangeKind.DATE_REWRITTEN,
                    describe(original.text[segment.start : segment.end], segment.node)
                    if segment.node
                    else "",
                    segment.start,
                )
            )
            return [(source_from, source_to, date)], notes
    for index in touched:
        segment = segments[index]
        assert segment.node is not None
        detail = describe(original.text[segment.start : segment.end], segment.node)
        notes.append((ChangeKind.MARKUP_REPLACED, detail + " replaced by text", segment.start))
    for segment in segments[first : last + 1]:
        if (
            segment.node is not None
            and not segment.shown
            and source_from <= segment.start
            and segment.end <= source_to
        ):
            detail = describe(original.text[segment.start : segment.end], segment.node)
            notes.append((ChangeKind.REMOVED_WITH, detail, segment.start))
    return [(source_from, source_to, escape(replacement))], notes


def _splice_formatting(
    original: Original,
    segment: Segment,
    spans: list[tuple[int, int]],
    joined_start: int,
    old: str,
    new: str,
    old_from: int,
    old_to: int,
    *,
    in_value: bool,
    escape: Callable[[str], str],
) -> tuple[list[tuple[int, int, str]], list[tuple[ChangeKind, str, int]]] | None:
    """A change that lies inside bold or italic text, spliced inside it: the
    formatting is not markup the edit touched."""
    node = segment.node
    if not (isinstance(node, Tag) and node.wiki_markup and node.name in ("b", "i")):
        return None
    if node.contents is None:
        return None
    inside_from = _display_start(spans, joined_start)
    inside_to = _display_end(spans, joined_start + len(segment.shown))
    if not inside_from <= old_from <= old_to <= inside_to:
        return None
    changed = new[inside_from : len(new) - (len(old) - inside_to)]
    contents = node.contents
    return splice(
        original,
        contents.nodes,
        contents.start,
        contents.end,
        old[inside_from:inside_to],
        changed,
        in_value=in_value,
        escape=escape,
    )


def _display_start(spans: list[tuple[int, int]], joined_offset: int) -> int:
    """The first display offset whose source is at or after ``joined_offset``."""
    return bisect.bisect_left([span[1] for span in spans], joined_offset + 1)


def _display_end(spans: list[tuple[int, int]], joined_end: int) -> int:
    return bisect.bisect_right([span[0] for span in spans], joined_end - 1)


def _source_offset(segment: Segment, joined_start: int, joined_offset: int) -> int:
    if segment.node is not None:
        return segment.start
    return segment.start + joined_offset - joined_start


def _source_end(segment: Segment, joined_start: int, joined_end: int) -> int:
    if segment.node is not None:
        return segment.end
    return segment.start + joined_end - joined_start
