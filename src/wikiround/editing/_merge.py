"""Three-way merging: the edit made on the revision it was read from (the base), merged
with the changes others made to the page since.

The edit is first applied onto the base, where it is exact; the two versions of the
base (the page now, and the base with the edit) are then merged as ``diff3`` merges
them: first line by line, and where both changed the same lines, word by word within
them. Changes that still overlap are a conflict, shown as ``diff3`` shows it.

The sequences are aligned with :mod:`difflib`; docs/editing.md ("Libraries") says why
not ``merge3``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence

from wikiround._text import lines_keeping_breaks

__all__ = ["Merged", "merge"]

# Changed lines are merged word by word: a word, a space or another character a token.
_WORD = re.compile(r"\w+|.", re.DOTALL)


class Merged:
    """The merged text, and each conflict as diff3 shows it with the line of ``theirs``
    it starts on (empty when none)."""

    def __init__(self, text: str, conflicts: list[tuple[int, str]]) -> None:
        self.text = text
        self.conflicts = conflicts


def _matches(base: Sequence[Hashable], other: Sequence[Hashable]) -> list[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size]


def _sync_regions(
    base: Sequence[Hashable], ours: Sequence[Hashable], theirs: Sequence[Hashable]
) -> list[tuple[int, int, int, int, int, int]]:
    """Stretches the three sequences share: ``(base, ours, theirs)`` start and end of
    each, then an empty one at the three ends."""
    found: list[tuple[int, int, int, int, int, int]] = []
    ours_matches, theirs_matches = _matches(base, ours), _matches(base, theirs)
    i = j = 0
    while i < len(ours_matches) and j < len(theirs_matches):
        a_base, a_ours, a_size = ours_matches[i]
        b_base, b_theirs, b_size = theirs_matches[j]
        start = max(a_base, b_base)
        end = min(a_base + a_size, b_base + b_size)
        if start < end:
            found.append(
                (
                    start, end,
                    a_ours + start - a_base, a_ours + end - a_base,
                    b_theirs + start - b_base, b_theirs + end - b_base,
                )
            )  # fmt: skip
        if a_base + a_size < b_base + b_size:
            i += 1
        else:
            j += 1
    found.append((len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)))
    return found


Region = tuple[bool, list[str], list[str], list[str], int]


def _merge_items(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[Region]:
    """Regions: ``(True, merged, [], [], at)`` where the merge is clean, ``(False, base,
    ours, theirs, at)`` where both changed the same stretch differently; ``at`` is where
    the region starts in ``theirs``."""
    regions: list[Region] = []
    base_at = ours_at = theirs_at = 0
    for zs, ze, as_, ae, bs, be in _sync_regions(base, ours, theirs):
        b_part, o_part, t_part = base[base_at:zs], ours[ours_at:as_], theirs[theirs_at:bs]
        if b_part or o_part or t_part:
            if list(o_part) == list(b_part):
                regions.append((True, list(t_part), [], [], theirs_at))
            elif list(t_part) == list(b_part) or list(o_part) == list(t_part):
                regions.append((True, list(o_part), [], [], theirs_at))
            else:
                regions.append((False, list(b_part), list(o_part), list(t_part), theirs_at))
        regions.append((True, list(base[zs:ze]), [], [], bs))
        base_at, ours_at, theirs_at = ze, ae, be
    return regions


def merge(base: str, ours: str, theirs: str, *, ours_name: str, theirs_name: str) -> Merged:
    """``theirs`` (the page now) with the changes ``ours`` made to ``base``."""
    pieces: list[str] = []
    conflicts: list[tuple[int, str]] = []
    for clean, one, two, three, at in _merge_items(
        lines_keeping_breaks(base), lines_keeping_breaks(ours), lines_keeping_breaks(theirs)
    ):
        if clean:
            pieces.extend(one)
            continue
        # Both changed these lines: merged word by word, when the words do not overlap.
        was, mine, other = "".join(one), "".join(two), "".join(three)
        words = _merge_items(_WORD.findall(was), _WORD.findall(mine), _WORD.findall(other))
        if all(region[0] for region in words):
            pieces.append("".join("".join(region[1]) for region in words))
            continue
        pieces.append(mine)
        conflicts.append(
            (
                at + 1,
                f"<<<<<<< {theirs_name}\n{_ended(other)}||||||| base\n{_ended(was)}"
                f"=======\n{_ended(mine)}>>>>>>> {ours_name}\n",
            )
        )
    return Merged("".join(pieces), conflicts)


def _ended(text: str) -> str:
    return text if text.endswith("\n") or not text else text + "\n"
