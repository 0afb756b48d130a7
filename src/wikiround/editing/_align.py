"""Alignment: which runs of an element's shown text an edit changed.

The old and the new text are cut into tokens (a word or one other character, with the
space before it) and aligned token by token; a short stretch kept between two changes
is taken into them (a rewritten sentence is one change, not a dozen around its "the"s).
A run is then trimmed of the whole words it begins and ends with on both sides, and a
word changed into another to the characters that differ, so that a change inside one
word ("Texasn" → "Texans") touches only those.
Blocks (paragraphs and headings) are aligned the same way, one block a token.

The aligner is the standard library's :class:`difflib.SequenceMatcher` with its junk
heuristic off (docs/editing.md, "Libraries", gives the measurements behind the choice).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence

__all__ = ["Run", "changed_runs", "opcodes", "tokens"]

# A word (a run of letters and digits) or another character, each with the space before
# it: a space alone only where two come together. Spaces are half of a text's tokens
# otherwise, and difflib spends its time on such a common token (docs/editing.md,
# "Libraries": 265 ms a paragraph against 7 ms).
_TOKEN = re.compile(r" ?\w+| ?[^\w ]| ")

Run = tuple[int, int, str]
"""A changed run: ``(start, end, text)``: old[start:end] becomes ``text``."""


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def opcodes(
    old: Sequence[Hashable], new: Sequence[Hashable]
) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for two sequences (no junk heuristic)."""
    return list(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes())


def changed_runs(old: str, new: str) -> list[Run]:
    """The runs of ``old`` that differ from ``new``, in order, each with its new text."""
    if old == new:
        return []
    before, after = tokens(old), tokens(new)
    starts = [0]
    for token in before:
        starts.append(starts[-1] + len(token))
    new_starts = [0]
    for token in after:
        new_starts.append(new_starts[-1] + len(token))
    runs: list[Run] = []
    for i1, i2, j1, j2 in _cleaned(before, after):
        start, end = starts[i1], starts[i2]
        text = new[new_starts[j1] : new_starts[j2]]
        if i2 - i1 != 1 or j2 - j1 != 1:
            # What both begin and end with, whole words only ("Watergate" → "The
            # Watergate" inserts "The " before the word that stays).
            was = old[start:end]
            prefix = _common(was, text, _bounds(was), _bounds(text))
            suffix = _common(was[::-1], text[::-1], _bounds(was[::-1]), _bounds(text[::-1]))
            suffix = min(suffix, len(was) - prefix, len(text) - prefix)
            runs.append((start + prefix, end - suffix, text[prefix : len(text) - suffix]))
            continue
        # One word changed into another: only the characters that differ ("Texasn" →
        # "Texans" changes the "s" inside a link and the "n" after it).
        was = old[start:end]
        prefix = 0
        limit = min(len(was), len(text))
        while prefix < limit and was[prefix] == text[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and was[-1 - suffix] == text[-1 - suffix]:
            suffix += 1
        runs.append((start + prefix, end - suffix, text[prefix : len(text) - suffix]))
    return runs


def _bounds(text: str) -> set[int]:
    """The offsets in ``text`` between two characters that are not both in a word."""
    return {0, len(text)} | {
        i for i in range(1, len(text)) if not (text[i - 1].isalnum() and text[i].isalnum())
    }


def _common(one: str, two: str, one_bounds: set[int], two_bounds: set[int]) -> int:
    """The length of the longest common start of ``one`` and ``two`` that ends where a
    word ends in both."""
    size = 0
    limit = min(len(one), len(two))
    while size < limit and one[size] == two[size]:
        size += 1
    while size and not (size in one_bounds and size in two_bounds):
        size -= 1
    return size


def _cleaned(before: list[str], after: list[str]) -> list[tuple[int, int, int, int]]:
    """The changed stretches ``(i1, i2, j1, j2)`` of two token lists, where a stretch
    both keep is taken into the changes around it when it is no longer than either of
    them: an editor who rewrote a sentence did not keep its "the" and its spaces
    (diff-match-patch calls this a semantic cleanup)."""
    # [kept?, i1, i2, j1, j2]
    parts: list[list[int]] = []
    for tag, i1, i2, j1, j2 in opcodes(before, after):
        kept = int(tag == "equal")
        if parts and not kept and not parts[-1][0]:
            parts[-1][2], parts[-1][4] = i2, j2
        else:
            parts.append([kept, i1, i2, j1, j2])

    def size(part: list[int]) -> int:
        old = sum(len(token) for token in before[part[1] : part[2]])
        new = sum(len(token) for token in after[part[3] : part[4]])
        return max(old, new)

    merged = True
    while merged:
        merged = False
        for index in range(1, len(parts) - 1):
            middle = parts[index]
            left, right = parts[index - 1], parts[index + 1]
            if (
                middle[0]
                and not left[0]
                and not right[0]
                and size(middle) <= size(left)
                and size(middle) <= size(right)
            ):
                parts[index - 1 : index + 2] = [[0, left[1], right[2], left[3], right[4]]]
                merged = True
                break
    return [(i1, i2, j1, j2) for kept, i1, i2, j1, j2 in parts if not kept]
