"""What an edit did: one :class:`Change` per change, the :class:`Edit` result, and the
:class:`EditError` an edit that cannot be placed exactly raises."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs

from wikiround.errors import WikiroundError

__all__ = ["Change", "ChangeKind", "Edit", "EditConflict", "EditError"]


class ChangeKind(str, enum.Enum):
    """What one change did to the original wikitext (or, in an :class:`EditError`, why
    the edit was refused)."""

    PARAMETER_CHANGED = "parameter changed"
    PARAMETER_ADDED = "parameter added"
    PARAMETER_REMOVED = "parameter removed"
    TEMPLATE_RENAMED = "infobox template renamed"
    INFOBOX_ADDED = "infobox added"
    INFOBOX_REMOVED = "infobox removed"
    PARAGRAPH_CHANGED = "paragraph changed"
    PARAGRAPH_ADDED = "paragraph added"
    PARAGRAPH_REMOVED = "paragraph removed"
    PARAGRAPH_MOVED = "paragraph moved"
    SECTION_ADDED = "section added"
    SECTION_RENAMED = "section renamed"
    SECTION_REMOVED = "section removed"
    DATE_REWRITTEN = "date template rewritten"
    LINK_RELABELLED = "link relabelled"
    EDITED_INSIDE = "edited inside"
    DELETED_AS_TEXT = "deleted with its text"
    REFERENCE_MOVED = "reference definition moved"
    MARKUP_REPLACED = "markup replaced by text"
    REMOVED_WITH = "removed with its element"
    REPLACED = "replaced whole"
    LOST = "construct lost"
    # Why an edit is refused (the changes of an EditError).
    CANNOT_PLACE = "cannot be placed exactly"
    CONFLICT = "conflict"
    NOT_THIS_PAGE = "not an edit of this page"
    DATE_INCONSISTENT = "date left inconsistent"
    TOO_BIG = "element bigger than it looks"
    TABLE_TEXT = "text of a table"

    @property
    def is_warning(self) -> bool:
        """True for a change the caller should look at: markup became text, an element
        was rewritten whole, or a construct was lost (only with ``allow_loss=True``)."""
        return self in (ChangeKind.MARKUP_REPLACED, ChangeKind.REPLACED, ChangeKind.LOST)

    @property
    def is_refusal(self) -> bool:
        """True for a reason an edit is refused."""
        return self in _REFUSALS


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


_REFUSALS = frozenset(
    {
        ChangeKind.LOST,
        ChangeKind.CANNOT_PLACE,
        ChangeKind.CONFLICT,
        ChangeKind.NOT_THIS_PAGE,
        ChangeKind.DATE_INCONSISTENT,
        ChangeKind.TOO_BIG,
        ChangeKind.TABLE_TEXT,
    }
)


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
    """The edit was refused: nothing was written.

    ``changes`` says why, one :class:`Change` per reason, with its line and column in
    the page: a construct the edit would lose (:attr:`ChangeKind.LOST`), a change that
    cannot be placed exactly, a conflict with a change made since the base, an edit that
    is not one of this page, a date left inconsistent; with ``strict=True`` also every
    change that replaced markup.
    """

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = tuple(changes)
        listed = "; ".join(str(change) for change in self.changes)
        replaced = (ChangeKind.MARKUP_REPLACED, ChangeKind.REPLACED)
        if self.changes and all(change.kind in replaced for change in self.changes):
            head = "the edit cannot be placed without replacing markup"
        else:
            head = "the edit was refused, nothing was written"
        super().__init__(f"{head}: {listed}")


class EditConflict(EditError):
    """A three-way edit (``base=``) whose changes overlap changes made to the page since
    the base. ``conflicts`` holds each overlap as ``diff3`` shows it: the page's lines,
    the base's and the edit's, between ``<<<<<<<``, ``|||||||``, ``=======`` and
    ``>>>>>>>`` lines."""

    def __init__(self, changes: Sequence[Change], conflicts: Sequence[str]) -> None:
        super().__init__(changes)
        self.conflicts = tuple(conflicts)
