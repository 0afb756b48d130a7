"""What an edit did: one :class:`Change` per change, the :class:`Edit` result, and the
:class:`EditError` an edit that cannot be placed exactly raises."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs

from wikiround.errors import WikiroundError

__all__ = ["Change", "ChangeKind", "Edit", "EditError"]


class ChangeKind(str, enum.Enum):
    """What one change did to the original wikitext."""

    PARAMETER_CHANGED = "parameter changed"
    PARAMETER_ADDED = "parameter added"
    PARAMETER_REMOVED = "parameter removed"
    TEMPLATE_RENAMED = "infobox template renamed"
    INFOBOX_ADDED = "infobox added"
    INFOBOX_REMOVED = "infobox removed"
    PARAGRAPH_CHANGED = "paragraph changed"
    PARAGRAPH_ADDED = "paragraph added"
    PARAGRAPH_REMOVED = "paragraph removed"
    SECTION_ADDED = "section added"
    SECTION_RENAMED = "section renamed"
    SECTION_REMOVED = "section removed"
    DATE_REWRITTEN = "date template rewritten"
    MARKUP_REPLACED = "markup replaced by text"
    REMOVED_WITH = "removed with its element"
    REPLACED = "replaced whole"

    @property
    def is_warning(self) -> bool:
        """True for a change the caller should look at: markup became text, or an
        element was rewritten whole because the edit could not be placed within it."""
        return self in (ChangeKind.MARKUP_REPLACED, ChangeKind.REPLACED)


@attrs.frozen
class Change:
    """One change: its kind, what it touched and where that starts in the original.

    ``line`` and ``column`` are 1-based, the column counts characters. ``target``
    names the element (``term_start1``, ``paragraph 2 of "Early life"``) and ``detail``
    says more (the construct replaced, the reason for a whole replacement).
    """

    kind: ChangeKind
    target: str
    line: int
    column: int
    detail: str = ""

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.line}:{self.column}: {self.kind.value}: {self.target}{detail}"


def _to_changes(value: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(value)


@attrs.frozen
class Edit:
    """The result of :func:`apply_edit`: the new wikitext and the changes made."""

    wikitext: str
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_to_changes)

    @property
    def warnings(self) -> tuple[Change, ...]:
        """The changes that replaced markup by text or an element whole."""
        return tuple(change for change in self.changes if change.kind.is_warning)

    def summary(self) -> str:
        """One line for a terminal: ``3 changes (1 warning)`` or ``no change``."""
        if not self.changes:
            return "no change"
        count = len(self.changes)
        text = f"{count} change{'s' if count != 1 else ''}"
        warnings = len(self.warnings)
        if warnings:
            text += f" ({warnings} warning{'s' if warnings != 1 else ''})"
        return text


class EditError(WikiroundError):
    """``apply_edit(…, strict=True)`` met a change it could only make by replacement.

    ``changes`` lists every change that would have needed it.
    """

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = tuple(changes)
        listed = "; ".join(str(change) for change in self.changes)
        super().__init__(f"the edit cannot be placed without replacing markup: {listed}")
