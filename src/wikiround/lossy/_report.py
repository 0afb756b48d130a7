"""What a lossy read left out: :class:`Report`, a list of :class:`Dropped` constructs.

:func:`wikiround.lossy.parse_wikitext_lossy` returns a :class:`LossyResult`: the
article it could read and the report of everything it did not carry over, each entry
with its kind, a short detail (``{{Use mdy dates}}``, ``<ref name=a>``) and the 1-based
line and column where the construct starts in the wikitext.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator

import attrs

from wikiround.model import Article

__all__ = ["Dropped", "Kind", "LossyResult", "Report"]


class Kind(str, enum.Enum):
    """The kinds of construct a lossy read can leave out (or, for one kind, change)."""

    REFERENCE = "reference"
    TEMPLATE = "template"
    UNKNOWN_TEMPLATE = "unknown template"
    FILE = "file"
    GALLERY = "gallery"
    TABLE = "table"
    CATEGORY = "category"
    INTERLANGUAGE_LINK = "interlanguage link"
    EXTERNAL_LINK = "external link"
    COMMENT = "comment"
    TAG = "tag"
    MAGIC_WORD = "magic word"
    LIST = "list"
    SECTION = "section"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    INFOBOX = "infobox"
    PARAMETER = "parameter"
    RENAMED_PARAMETER = "renamed parameter"
    CHARACTER = "character"
    REDIRECT = "redirect"
    MARKUP = "markup"

    @property
    def plural(self) -> str:
        return _PLURALS.get(self, self.value + "s")


_PLURALS = {
    Kind.CATEGORY: "categories",
    Kind.GALLERY: "galleries",
    Kind.INFOBOX: "infoboxes",
    Kind.MARKUP: "markup",
    Kind.RENAMED_PARAMETER: "parameters",
}
# Kinds whose construct is still in the article, only changed; the summary lists them
# apart from what was dropped.
_CHANGED = frozenset({Kind.RENAMED_PARAMETER})
# Kinds whose summary names each construct, most frequent first.
_NAMED = frozenset({Kind.UNKNOWN_TEMPLATE})
_NAMED_LIMIT = 5


@attrs.frozen
class Dropped:
    """One construct a lossy read left out: its kind, a detail and where it starts.

    ``line`` and ``column`` are 1-based; the column counts characters (code points).
    """

    kind: Kind
    detail: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.kind.value}: {self.detail}"


def _kind(kind: Kind | str) -> Kind:
    if isinstance(kind, Kind):
        return kind
    try:
        return Kind(kind)
    except ValueError:
        known = ", ".join(repr(k.value) for k in Kind)
        raise ValueError(f"{kind!r} is not a kind of report entry; the kinds are {known}") from None


def _to_entries(value: Iterable[Dropped]) -> tuple[Dropped, ...]:
    return tuple(value)


@attrs.frozen
class Report:
    """Everything a lossy read left out, in the order it appears in the source."""

    entries: tuple[Dropped, ...] = attrs.field(default=(), converter=_to_entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Dropped]:
        return iter(self.entries)

    @property
    def is_empty(self) -> bool:
        """True when nothing was left out or changed."""
        return not self.entries

    def of_kind(self, kind: Kind | str) -> tuple[Dropped, ...]:
        """The entries of one kind, given as a :class:`Kind` or its value (``"reference"``)."""
        wanted = _kind(kind)
        return tuple(entry for entry in self.entries if entry.kind is wanted)

    def counts(self) -> dict[Kind, int]:
        """How many entries of each kind, most frequent first (ties in :class:`Kind` order)."""
        counter = Counter(entry.kind for entry in self.entries)
        order = list(Kind)
        return dict(sorted(counter.items(), key=lambda item: (-item[1], order.index(item[0]))))

    def details(self, kind: Kind | str) -> dict[str, int]:
        """How often each detail occurs among the entries of ``kind`` (a :class:`Kind` or
        its value), most frequent first."""
        wanted = _kind(kind)
        counter = Counter(entry.detail for entry in self.entries if entry.kind is wanted)
        return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))

    def summary(self) -> str:
        """One line for a terminal, e.g. ``dropped: 41 references, 3 files, 2 unknown
        templates ({{foo}} ×1, {{bar}} ×1)``; ``dropped: nothing`` for an empty report."""
        dropped: list[str] = []
        changed: list[str] = []
        for kind, count in self.counts().items():
            text = f"{count} {kind.value if count == 1 else kind.plural}"
            if kind in _NAMED:
                named = list(self.details(kind).items())
                shown = ", ".join(f"{detail} ×{n}" for detail, n in named[:_NAMED_LIMIT])
                if len(named) > _NAMED_LIMIT:
                    shown += f", … {len(named) - _NAMED_LIMIT} more"
                text += f" ({shown})"
            (changed if kind in _CHANGED else dropped).append(text)
        line = "dropped: " + (", ".join(dropped) if dropped else "nothing")
        if changed:
            line += "; renamed: " + ", ".join(changed)
        return line

    def lines(self) -> list[str]:
        """The full report, one ``line:column: kind: detail`` line per entry."""
        return [str(entry) for entry in self.entries]


@attrs.frozen
class LossyResult:
    """What a lossy read gives: the article, and the report of what it left out."""

    article: Article
    report: Report
