"""Alignment: which runs of an element's shown text an edit changed.

The old and the new text are cut into tokens (a word, one space, one other character)
and aligned token by token; each changed run is then trimmed to the characters that
differ, so that a change inside one word ("Texasn" → "Texans") touches only those.
Blocks (paragraphs and headings) are aligned the same way, one block a token.

The aligner is the standard library's :class:`difflib.SequenceMatcher` with its junk
heuristic off (docs/editing.md, "Libraries", gives the measurements behind the choice).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence

__all__ = ["Run", "changed_runs", "opcodes", "tokens"]

# A word is a run of letters and digits; anything else is a token of its own.
_TOKEN = re.compile(r"\w+|.", re.DOTALL)

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
    for tag, i1, i2, j1, j2 in opcodes(before, after):
        if tag == "equal":
            continue
        start, end = starts[i1], starts[i2]
        text = new[new_starts[j1] : new_starts[j2]]
        # Only the characters that differ.
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
