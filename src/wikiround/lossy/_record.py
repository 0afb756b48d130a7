"""What the lossy reader left out, as it is found, and how the report names it."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from wikiround._text import php_trim, words
from wikiround.lossy._report import Dropped, Kind, Report
from wikiround.lossy._tree import Tag

__all__ = ["QUIET", "Recorder", "short", "tag_detail"]

# What is left out without breaking a paragraph or a list.
QUIET = (Kind.COMMENT, Kind.CATEGORY, Kind.INTERLANGUAGE_LINK)


def within(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset is in one of ``spans``, ``(start, end)`` pairs in order and
    apart. One test for all of them: filtering once per span is quadratic on pages
    with many dropped sections."""
    starts = [start for start, _ in spans]

    def inside(offset: int) -> bool:
        found = bisect.bisect_right(starts, offset) - 1
        return found >= 0 and offset < spans[found][1]

    return inside


class Recorder:
    """The constructs left out so far, each with the offset where it starts."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, Kind, str]] = []

    def record(self, kind: Kind, detail: str, offset: int) -> None:
        self.entries.append((offset, kind, detail))

    def only_quiet_since(self, count: int) -> bool:
        """Whether all that was recorded after the first ``count`` entries is
        :data:`QUIET` (true when nothing was)."""
        entries = self.entries
        return len(entries) == count or all(kind in QUIET for _, kind, _ in entries[count:])

    def forget(self, spans: list[tuple[int, int]]) -> None:
        """Forget what was recorded in each ``(start, end)`` span (in order, apart):
        a section left out whole is reported as one entry."""
        if spans:
            inside = within(spans)
            self.entries = [entry for entry in self.entries if not inside(entry[0])]

    def report(self, text: str) -> Report:
        """The report, in source order, with lines and columns counted in ``text``
        (the line breaks between one entry and the next, counted as it goes: a list of
        every line's start took some 40 bytes a line)."""
        entries = []
        line, line_start, position = 1, 0, 0
        for offset, kind, detail in sorted(self.entries, key=lambda entry: entry[0]):
            breaks = text.count("\n", position, offset)
            if breaks:
                line += breaks
                line_start = text.rfind("\n", position, offset) + 1
            position = offset
            entries.append(Dropped(kind, detail, line, offset - line_start + 1))
        return Report(tuple(entries))


def short(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters for the report."""
    text = " ".join(words(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tag_detail(node: Tag, name: str) -> str:
    """How the report names a dropped tag: ``<ref>``, ``<ref name=Smith>``."""
    for attribute in node.attributes:
        if php_trim(attribute.name.source).lower() == "name":
            if attribute.value is None:
                return f"<{name} name>"
            return f"<{name} name={short(php_trim(attribute.value.source), 30)}>"
    return f"<{name}>"
