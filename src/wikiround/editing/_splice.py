"""Splicing an edit of one element (a paragraph, a heading, an infobox value) into its
source, word by word.

The element's shown text before and after the edit are aligned (:mod:`._align`); each
changed run is mapped through the element's display map (:mod:`._display`) to the
source it stands for, and only that source is rewritten. Every construct outside the
changed runs stays byte for byte, between two runs of one paragraph too. Inside a
run:

- a change within the text of bold, italics, a link's label or a template argument
  shown as written is made there (a link whose shown text changed is relabelled,
  ``[[Texas]]`` → ``[[Texas|Texan]]``);
- a construct whose whole text the run replaces is deleted with it (the text was);
- a construct that shows nothing (a reference, a comment, a file…) is never deleted
  by a change of text: it stays where it was, after the new text. A run that only
  deletes text with such a construct inside it or right after it (a reference after
  the sentence it supports) is refused unless losses are allowed;
- a change to part of the text of a construct that cannot be edited inside (a
  template computing its text) is refused, but for a date template, which is rewritten
  as the same template showing the new date.

New text goes where an editor would put it: inside the bold, italics or link whose
word it continues (``'''Dan'''`` → ``'''Danny'''``), after a reference that ends the
sentence before it, and as a new item of a list (``{{hlist|…|new}}``, ``<br />new``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import attrs

from wikiround._text import words
from wikiround.dates import parse_date
from wikiround.editing._align import changed_runs
from wikiround.editing._changes import ChangeKind
from wikiround.editing._dates import rewrite_date
from wikiround.editing._display import (
    BREAK,
    DATE,
    FIXED,
    HIDDEN,
    LINK,
    OPAQUE,
    Box,
    DisplayMap,
    Leaf,
    build,
    escaper,
)
from wikiround.editing._original import Original, describe
from wikiround.lossy._templates import LINE_BREAK, LINK_CLOSE, LINK_OPEN, LIST_BREAK, SPACES
from wikiround.lossy._tree import Node, Wikilink
from wikiround.wikitext._escape import escape_inline

__all__ = ["SHOWS_NOTHING", "Spliced", "splice"]

# A run of what the lossy reader shows as text: it collapses only SPACES (finish()), so
# U+3000 or U+2028 is part of a word here too.
_SHOWN_WORD = re.compile(f"[^{SPACES}]+")
# What a construct may display and still show nothing: spaces and the reader's markers.
SHOWS_NOTHING = SPACES + LINE_BREAK + LIST_BREAK + LINK_OPEN + LINK_CLOSE

Note = tuple[ChangeKind, str, int]


@attrs.define
class Spliced:
    """The source edits ``(start, end, text)`` that make the element show the new
    text, the notes ``(kind, detail, offset)`` on what they did, and the reasons the
    edit is refused (then ``edits`` must not be applied)."""

    edits: list[tuple[int, int, str]]
    notes: list[Note]
    refusals: list[Note]


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
    allow_loss: bool = False,
) -> Spliced | None:
    """Edits turning the source between ``start`` and ``end`` (showing ``old``) into
    source showing ``new``; None when the display map of that source does not show
    ``old`` (the element cannot be spliced with confidence).

    ``escape`` writes new text (default: as an infobox value or a paragraph is
    written); ``allow_loss`` lets a construct go rather than refuse the edit.
    """
    line_break = ", " if in_value else " "
    base = escape if escape is not None else functools.partial(escape_inline, in_value=in_value)
    display = build(original, nodes, start, end, line_break)
    if display is None or display.text != old:
        return None
    planner = _Planner(original, display, base, in_value=in_value, allow_loss=allow_loss)
    for run_start, run_end, text in planner.widen(changed_runs(old, new), old, new):
        planner.run(run_start, run_end, text)
    return planner.result()


def _describe_leaf(source: str, leaf: Leaf) -> str:
    if leaf.node is not None:
        return describe(source[leaf.node.start : leaf.node.end], leaf.node)
    text = " ".join(words(source[leaf.start : leaf.end]))
    return f"markup {text[:59] + '…' if len(text) > 60 else text}"


def _describe_box(source: str, box: Box) -> str:
    if box.node is not None:
        return describe(source[box.node.start : box.node.end], box.node)
    return "markup " + source[box.start : box.end][:60]


class _Planner:
    def __init__(
        self,
        original: Original,
        display: DisplayMap,
        escape: Callable[[str], str],
        *,
        in_value: bool,
        allow_loss: bool,
    ) -> None:
        self.original = original
        self.source = original.text
        self.display = display
        self.leaves = display.leaves
        self.escape = escape
        self.in_value = in_value
        self.allow_loss = allow_loss
        self.edits: list[tuple[int, int, str]] = []
        self.notes: list[Note] = []
        self.refusals: list[Note] = []
        # The range of characters of the shown text each leaf stands for.
        self.chars_of: dict[int, tuple[int, int]] = {}
        for position, (first, last) in enumerate(display.spans):
            for index in range(first, last + 1):
                known = self.chars_of.get(index)
                self.chars_of[index] = (
                    (position, position + 1) if known is None else (known[0], position + 1)
                )

    # --- widening runs to whole constructs -------------------------------------------

    def widen(
        self, runs: list[tuple[int, int, str]], old: str, new: str
    ) -> list[tuple[int, int, str]]:
        """The runs widened over the whole text of each construct they change only part
        of (a date, a template computing its text, the text a template adds around an
        argument), and merged where they then meet. Such a construct is then rewritten
        (a date) or refused (the rest, unless losses are allowed)."""
        deltas = [len(text) - (end - start) for start, end, text in runs]
        # [old start, old end, the runs it holds]
        spans: list[tuple[int, int, list[int]]] = [
            (start, end, [index]) for index, (start, end, _) in enumerate(runs)
        ]
        self.widened: dict[tuple[int, int], list[Leaf]] = {}
        over: dict[int, list[Leaf]] = {}
        changed = True
        while changed:
            changed = False
            grown: list[tuple[int, int, list[int]]] = []
            for start, end, held in spans:
                for low, high, leaf in self._partial(start, end):
                    over.setdefault(held[0], []).append(leaf)
                    if (low, high) != (start, end):
                        start, end = min(low, start), max(high, end)
                        changed = True
                grown.append((start, end, held))
            grown.sort(key=lambda span: (span[0], span[1]))
            spans = []
            for span in grown:
                if spans and span[0] < spans[-1][1]:
                    last = spans[-1]
                    spans[-1] = (last[0], max(last[1], span[1]), last[2] + span[2])
                    changed = True
                else:
                    spans.append(span)
        result: list[tuple[int, int, str]] = []
        for start, end, held in spans:
            before = sum(
                deltas[i] for i, run in enumerate(runs) if run[1] <= start and i not in held
            )
            new_start = start + before
            new_end = new_start + (end - start) + sum(deltas[i] for i in held)
            result.append((start, end, new[new_start:new_end]))
            leaves = [leaf for index in held for leaf in over.get(index, [])]
            if leaves:
                self.widened[(start, end)] = leaves
        return self._whole_dates(result)

    def _whole_dates(self, runs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A date changed whole takes an insertion right at its edge when only with it
        is its new text a date ("March 4, 1837" → "4 March 1837" aligns as "4 "
        inserted before it and " 4," deleted inside it)."""
        out = list(runs)
        for index, (start, end, text) in enumerate(runs):
            leaves = self.widened.get((start, end), [])
            if not any(leaf.kind == DATE for leaf in leaves):
                continue
            before = out[index - 1] if index > 0 else None
            after = out[index + 1] if index + 1 < len(out) else None
            if (
                before is not None
                and before[0] == before[1] == start
                and _more_of_a_date(before[2] + text, text)
            ):
                out[index - 1] = (start, start, "")
                out[index] = (start, end, before[2] + text)
            elif (
                after is not None
                and after[0] == after[1] == end
                and _more_of_a_date(text + after[2], text)
            ):
                out[index + 1] = (end, end, "")
                out[index] = (start, end, text + after[2])
        return [run for run in out if run[0] != run[1] or run[2]]

    def _partial(self, start: int, end: int) -> list[tuple[int, int, Leaf]]:
        """The character ranges of the constructs a run from ``start`` to ``end`` changes
        only part of, or inserts into."""
        if start == end:
            if start == 0 or start >= len(self.display.text):
                return []
            before = self.display.spans[start - 1][1]
            after = self.display.spans[start][0]
            if before == after and self._indivisible(self.leaves[before]):
                low, high = self._whole(self.leaves[before])
                return [(low, high, self.leaves[before])]
            return []
        found: list[tuple[int, int, Leaf]] = []
        first = self.display.spans[start][0]
        last = self.display.spans[end - 1][1]
        for index in range(first, last + 1):
            leaf = self.leaves[index]
            # A break shown as ", " goes whole, or not at all.
            if not (self._indivisible(leaf) or leaf.kind == BREAK) or index not in self.chars_of:
                continue
            low, high = self._whole(leaf)
            if low < start or high > end:
                found.append((min(low, start), max(high, end), leaf))
        return found

    def _indivisible(self, leaf: Leaf) -> bool:
        return leaf.kind in (OPAQUE, DATE, LINK) or (leaf.kind == FIXED and bool(leaf.shown))

    def _whole(self, leaf: Leaf) -> tuple[int, int]:
        """The characters of the construct ``leaf`` is part of: its own, or for text a
        template adds around an argument, the whole template's."""
        if leaf.kind != FIXED:
            return self.chars_of[self.leaves.index(leaf)]
        box = leaf.box
        indices = [
            i
            for i, other in enumerate(self.leaves)
            if box in other.box.ancestors() and i in self.chars_of
        ]
        return self.chars_of[indices[0]][0], self.chars_of[indices[-1]][1]

    # --- one run ---------------------------------------------------------------------

    def run(self, start: int, end: int, text: str) -> None:
        if start == end:
            self.insert(start, text)
            return
        spans = self.display.spans
        first, last = spans[start][0], spans[end - 1][1]
        covered = self.leaves[first : last + 1]
        visible = [leaf for leaf in covered if leaf.visible]
        widened = [leaf for leaf in self.widened.get((start, end), []) if leaf.kind != BREAK]
        date_only = len(visible) == 1 and visible[0].kind in (DATE, LINK)
        if widened and not date_only:
            # The edit changes part of the text of a construct it cannot edit inside.
            constructs = {
                id(leaf.node if leaf.kind != FIXED else leaf.box): leaf for leaf in widened
            }
            for leaf in constructs.values():
                if leaf.kind == FIXED:
                    detail, offset = _describe_box(self.source, leaf.box), leaf.box.start
                else:
                    detail, offset = _describe_leaf(self.source, leaf), leaf.start
                if self.allow_loss:
                    self.notes.append(
                        (ChangeKind.MARKUP_REPLACED, detail + " replaced by text", offset)
                    )
                else:
                    self.refusals.append(
                        (
                            ChangeKind.CANNOT_PLACE,
                            f"the edit changes part of the text of {detail}, which it cannot "
                            "change inside",
                            offset,
                        )
                    )
            if not self.allow_loss:
                return
        # A link showing its title written otherwise ([[George&nbsp;VI]]), changed
        # whole: relabelled.
        if len(visible) == 1 and visible[0].kind == LINK and text:
            leaf = visible[0]
            assert isinstance(leaf.node, Wikilink)
            title = self.source[leaf.node.title.start : leaf.node.title.end]
            label = escaper(Box("unpiped", 0, 0, 0, 0, leaf.box), self.in_value, self.escape)(text)
            self.edits.append((leaf.start, leaf.end, f"[[{title}|{label}]]"))
            self.notes.append(
                (ChangeKind.LINK_RELABELLED, _describe_leaf(self.source, leaf), leaf.start)
            )
            return
        # A date template changed whole: the same template with the new date.
        if len(visible) == 1 and visible[0].kind == DATE and text:
            leaf = visible[0]
            rewritten = rewrite_date(self.source, leaf.node, text)
            detail = _describe_leaf(self.source, leaf)
            if rewritten is not None:
                self.edits.append((leaf.start, leaf.end, rewritten))
                self.notes.append((ChangeKind.DATE_REWRITTEN, detail, leaf.start))
                return
            if not self.allow_loss:
                self.refusals.append(
                    (ChangeKind.CANNOT_PLACE, f"{detail} cannot show {text!r}", leaf.start)
                )
                return
        box = _common_box(visible) if visible else covered[0].box
        # Text a template adds around its argument cannot be changed inside it: the
        # change is the template's, one level up.
        while box.kind == "argument" and any(
            leaf.kind == FIXED and leaf.shown and leaf.box is box for leaf in visible
        ):
            assert box.parent is not None
            box = box.parent
        if box.kind == "list" and text:
            # Text across items: made in the first item.
            pass
        self.replace(box, first, last, text)

    def replace(self, box: Box, first: int, last: int, text: str) -> None:
        """Replace the shown text of leaves ``first`` to ``last`` (all within ``box``)
        with ``text``."""
        items = self._items(box, first, last)
        visible_items = [item for item in items if self._shows(item, first, last)]
        placed = not text
        if text and visible_items:
            head = visible_items[0]
            if isinstance(head, Box) and self._starts_inside(head, first):
                inner_last = max(
                    i for i in range(first, last + 1) if head in self.leaves[i].box.ancestors()
                )
                self.replace(head, first, inner_last, text)
                placed = True
                items = [item for item in items if item is not head]
            else:
                position = head.start
                self._write(position, box, text)
                placed = True
        elif text:
            # Only constructs that show nothing: the text goes after them.
            position = self.leaves[last].end
            self._write(position, box, text)
            placed = True
        assert placed
        for item in items:
            if isinstance(item, Leaf):
                if item.visible:
                    self._delete_leaf(item)
                elif not text:
                    self._lose(item)
                continue
            inside = [i for i in range(first, last + 1) if item in self.leaves[i].box.ancestors()]
            if self._all_shown_within(item, first, last) and item.kind != "caption":
                # (A file stays when its caption's text goes.)
                self._delete_box(item, keep_hidden=bool(text))
            elif inside:
                self.replace(item, inside[0], inside[-1], "")
        if not text:
            # What shows nothing right after deleted text belongs to it (a reference
            # follows the sentence it supports): it would be lost.
            index = last + 1
            while index < len(self.leaves) and not self.leaves[index].visible:
                leaf = self.leaves[index]
                if leaf.kind == HIDDEN:
                    self._lose(leaf)
                index += 1

    def insert(self, at: int, text: str) -> None:
        display = self.display
        spans = display.spans
        before = spans[at - 1][1] if at > 0 else None
        after = spans[at][0] if at < len(display.text) else None
        previous_char = display.text[at - 1] if at > 0 else ""
        next_char = display.text[at] if at < len(display.text) else ""
        if (
            before is not None
            and self.in_value
            and text.startswith(", ")
            and len(text) > 2
            and self._new_item(before, text[2:])
        ):
            return
        if before is not None and previous_char != " " and text[0] != " ":
            leaf = self.leaves[before]
            self._write(leaf.end, leaf.box, text)
            return
        if after is not None and next_char != " " and text[-1] != " ":
            leaf = self.leaves[after]
            self._write(leaf.start, leaf.box, text)
            return
        if before is not None and (text[0] == " " or after is None):
            position, box = self._after(before)
            self._write(position, box, text)
            return
        if after is not None:
            leaf = self.leaves[after]
            position, box = leaf.start, leaf.box
            while box.kind not in ("root", "list") and box.inner_start == position:
                if box.parent is None or box.parent.kind == "list":
                    break
                position, box = box.start, box.parent
            self._write(position, box, text)
            return
        self._write(display.root.inner_end, display.root, text)

    def _after(self, index: int) -> tuple[int, Box]:
        """Where text that starts a new word goes after leaf ``index``: after the
        constructs closing there and what shows nothing after it (references)."""
        leaf = self.leaves[index]
        position, box = leaf.end, leaf.box
        following = index + 1
        while True:
            if (
                box.kind != "root"
                and box.inner_end == position
                and box.parent is not None
                and box.parent.kind != "list"
                and not any(
                    other.visible and other.box is box
                    for other in self.leaves[following : following + 1]
                )
            ):
                position, box = box.end, box.parent
                continue
            if following < len(self.leaves):
                nxt = self.leaves[following]
                if nxt.start == position and not nxt.visible and nxt.box is box:
                    position = nxt.end
                    following += 1
                    continue
            return position, box

    def _new_item(self, before: int, rest: str) -> bool:
        """A new item after leaf ``before`` in the list it is an item of: written with
        the list's own markup. False when it is in no list."""
        leaf = self.leaves[before]
        for box in leaf.box.ancestors():
            if box.kind == "argument" and box.parent is not None and box.parent.kind == "list":
                if box.inner_end != self._shown_end(box):
                    return False
                items = rest.split(", ")
                escape = escaper(box, self.in_value, self.escape)
                written = "".join(box.parent.separator + escape(item) for item in items)
                self.edits.append((box.inner_end, box.inner_end, written))
                return True
        # Items separated by <br>: a break of the same box, the last before the leaf.
        breaks = [
            other
            for other in self.leaves[:before]
            if other.kind == BREAK
            and other.shown == LINE_BREAK
            and other.box in leaf.box.ancestors()
        ]
        if not breaks:
            return False
        brk = breaks[-1]
        position, box = leaf.end, leaf.box
        while box is not brk.box:
            assert box.parent is not None
            position, box = box.end, box.parent
        self._write(position, box, rest, prefix=self.source[brk.start : brk.end])
        return True

    def _shown_end(self, box: Box) -> int:
        ends = [leaf.end for leaf in self.leaves if box in leaf.box.ancestors() and leaf.visible]
        return max(ends) if ends else box.inner_end

    # --- the edits -------------------------------------------------------------------

    def _write(self, position: int, box: Box, text: str, *, prefix: str = "") -> None:
        escape = escaper(box, self.in_value, self.escape)
        self.edits.append((position, position, prefix + escape(text)))

    def _delete_leaf(self, leaf: Leaf) -> None:
        if leaf.kind in (OPAQUE, DATE, LINK) and leaf.node is not None:
            self.notes.append(
                (ChangeKind.DELETED_AS_TEXT, _describe_leaf(self.source, leaf), leaf.start)
            )
        if leaf.start < leaf.end:
            self.edits.append((leaf.start, leaf.end, ""))

    def _lose(self, leaf: Leaf) -> None:
        if leaf.kind != HIDDEN:
            if leaf.start < leaf.end:
                self.edits.append((leaf.start, leaf.end, ""))
            return
        detail = _describe_leaf(self.source, leaf)
        if self.allow_loss:
            self.edits.append((leaf.start, leaf.end, ""))
            self.notes.append(
                (ChangeKind.LOST, detail + " deleted with the text before it", leaf.start)
            )
        else:
            self.refusals.append(
                (
                    ChangeKind.LOST,
                    detail + " would go with the text the edit deletes before it",
                    leaf.start,
                )
            )

    def _delete_box(self, box: Box, *, keep_hidden: bool) -> None:
        """Delete a construct whose whole text the edit deleted; what shows nothing
        inside it stays (or is lost, when the edit only deleted text)."""
        kept: list[Leaf] = []
        inside: dict[int, Box] = {}
        for leaf in self.leaves:
            chain = leaf.box.ancestors()
            if box not in chain:
                continue
            for nested in chain[: chain.index(box) + 1]:
                inside[id(nested)] = nested
            if not leaf.visible and leaf.kind == HIDDEN:
                if keep_hidden:
                    kept.append(leaf)
                else:
                    self._lose(leaf)
            elif leaf.kind in (OPAQUE, DATE, LINK) and leaf.node is not None:
                detail = _describe_leaf(self.source, leaf)
                self.notes.append((ChangeKind.DELETED_AS_TEXT, detail, leaf.start))
        # The construct and the constructs in it that showed text, deleted with it.
        for nested in sorted(inside.values(), key=lambda b: b.start):
            if nested.kind in ("link", "unpiped", "argument", "list") and nested.node is not None:
                detail = _describe_box(self.source, nested)
                self.notes.append((ChangeKind.DELETED_AS_TEXT, detail, nested.start))
        cursor = box.start
        for leaf in kept:
            if leaf.start > cursor:
                self.edits.append((cursor, leaf.start, ""))
            cursor = leaf.end
        if box.end > cursor:
            self.edits.append((cursor, box.end, ""))

    # --- helpers ---------------------------------------------------------------------

    def _items(self, box: Box, first: int, last: int) -> list[Leaf | Box]:
        """The leaves and child boxes of ``box`` that leaves ``first`` to ``last`` belong to."""
        items: list[Leaf | Box] = []
        for index in range(first, last + 1):
            leaf = self.leaves[index]
            item: Leaf | Box = leaf
            for ancestor in leaf.box.ancestors():
                if ancestor is box:
                    break
                item = ancestor
            else:
                continue
            if not items or items[-1] is not item:
                items.append(item)
        return items

    def _shows(self, item: Leaf | Box, first: int, last: int) -> bool:
        if isinstance(item, Leaf):
            return item.visible
        return any(
            self.leaves[i].visible and item in self.leaves[i].box.ancestors()
            for i in range(first, last + 1)
        )

    def _starts_inside(self, box: Box, first: int) -> bool:
        """Whether text of ``box`` shows before leaf ``first``."""
        return any(leaf.visible and box in leaf.box.ancestors() for leaf in self.leaves[:first])

    def _all_shown_within(self, box: Box, first: int, last: int) -> bool:
        return not any(
            leaf.visible and box in leaf.box.ancestors()
            for index, leaf in enumerate(self.leaves)
            if index < first or index > last
        )

    def result(self) -> Spliced:
        edits = self._relabelled(self.edits)
        replaced = {offset for kind, _, offset in self.notes if kind is ChangeKind.MARKUP_REPLACED}
        self.notes = [
            note
            for note in self.notes
            if not (note[0] is ChangeKind.DELETED_AS_TEXT and note[2] in replaced)
        ]
        return Spliced(
            sorted(edits, key=lambda edit: (edit[0], edit[1])), self.notes, self.refusals
        )

    def _relabelled(self, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Edits inside the title of an unpiped link made one: the link relabelled. (Each
        box around an edit is listed, an edit in formatting inside a link's label too.)"""
        boxes = {
            id(box): box
            for leaf in self.leaves
            for box in leaf.box.ancestors()
            if box.kind != "root"
        }
        out = list(edits)
        for box in boxes.values():
            inside = [e for e in out if box.inner_start <= e[0] and e[1] <= box.inner_end]
            if not inside:
                continue
            if box.kind in ("link", "unpiped") and isinstance(box.node, Wikilink):
                self.notes.append(
                    (ChangeKind.LINK_RELABELLED, _describe_box(self.source, box), box.start)
                )
            elif box.kind in ("argument", "list", "caption") and box.node is not None:
                self.notes.append(
                    (ChangeKind.EDITED_INSIDE, _describe_box(self.source, box), box.start)
                )
            if box.kind not in ("unpiped", "link") or not isinstance(box.node, Wikilink):
                continue
            title_start, title_end = box.node.title.start, box.node.title.end
            title = self.source[title_start:title_end]
            pieces: list[str] = []
            cursor = box.inner_start
            for start, end, text in sorted(inside, key=lambda e: (e[0], e[1])):
                pieces.append(self.source[cursor:start])
                pieces.append(text)
                cursor = end
            pieces.append(self.source[cursor : box.inner_end])
            label = "".join(pieces)
            if label == title:
                link = f"[[{title}]]"
            elif box.kind == "unpiped":
                link = f"[[{title}|{label}]]"
            else:
                continue
            out = [e for e in out if e not in inside]
            out.append((box.start, box.end, link))
        return out


def _more_of_a_date(longer: str, text: str) -> bool:
    """Whether ``longer`` reads as a date more precise than ``text`` does."""
    date = parse_date(longer)
    if date is None:
        return False
    was = parse_date(text)
    precision = (date.month is not None) + (date.day is not None)
    return was is None or precision > (was.month is not None) + (was.day is not None)


def _common_box(leaves: list[Leaf]) -> Box:
    chains = [leaf.box.ancestors()[::-1] for leaf in leaves]
    common = chains[0][0]
    for depth in range(min(len(chain) for chain in chains)):
        candidate = chains[0][depth]
        if all(chain[depth] is candidate for chain in chains):
            common = candidate
        else:
            break
    return common
