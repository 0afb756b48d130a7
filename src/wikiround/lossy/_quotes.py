"""Bold and italics as MediaWiki reads them: one line at a time.

MediaWiki turns runs of apostrophes into ``<b>`` and ``<i>`` line by line, after
templates are expanded and links are read, and closes at the end of each line whatever
is still open: an unbalanced ``''`` never reaches the next line. mwparserfromhell reads
them as tags that may run on over many lines (``''Star'''s`` left italics open to the
end of a page). So the tokenizer never sees them (:func:`disarm`): each run becomes
stand-ins, and the tree holds the apostrophes as text. Once a line is rendered,
:func:`shown_apostrophes` applies MediaWiki's rule to it and keeps only the apostrophes
a reader sees. Bold and italics themselves show nothing in plain text.
"""

from __future__ import annotations

import re

from wikiround.lossy._soup import STAND_IN

__all__ = ["APOSTROPHE", "disarm", "formatting_runs", "shown_apostrophes"]

# An apostrophe that is text whatever surrounds it (from a character reference, from
# <nowiki>, or already read in a link's label): never part of a run of markup.
APOSTROPHE = "\x06"

_RUN = re.compile(r"'{2,}")
_RUN_KEPT = re.compile(r"('{2,})")
_PAIR = STAND_IN * 2
# What was left out that MediaWiki takes away before it reads bold and italics (a
# comment, a category): _templates.QUIET_SEAM, written out (see below).
QUIET_SEAM = "\x10"
# Apostrophes with nothing but such seams between them: one run to MediaWiki.
_SEAMED_RUN = re.compile("'[\x10']*'")
# What ends a line for MediaWiki's rule, in rendered text: a line break, and the
# reader's markers of a list item and of a <br> or blank line (_templates.LIST_BREAK and
# LINE_BREAK, written out: _templates imports the tree, which imports this module).
_LINE_ENDS_KEPT = re.compile("([\n\x1e\x1f])")


def disarm(text: str) -> str:
    """``text`` with each pair of apostrophes made stand-ins, as long as ``text``: the
    tokenizer reads no bold or italics in it (a lone apostrophe left of a run of three is
    text to it), and the tree builder, reading text from the unchanged string, puts the
    apostrophes back. (In a tag's attributes too: they are never shown.)"""
    return text.replace("''", _PAIR) if "''" in text else text


def _last_bytes_before(text: str) -> tuple[bool, bool]:
    """MediaWiki's two tests on the text before a run of three (in bytes of UTF-8): is
    its last byte a space; is the byte before that one a space (a one-letter word)."""
    if not text:
        return False, False
    last_is_space = text[-1] == " "
    # The second-to-last byte is a space only if the last character is one byte long.
    one_letter = len(text) >= 2 and text[-2] == " " and ord(text[-1]) < 0x80
    return last_is_space, one_letter


def formatting_runs(line: str) -> list[tuple[int, int, int]]:
    """For each run of apostrophes in ``line`` (one line of text, links already read),
    ``(start, end, markup)``: the run's span and how many of its apostrophes, counted
    from its end, are bold or italic markup (0, 2, 3 or 5); the rest show as text.

    This is MediaWiki's Parser::doQuotes, step for step: a run of four is one apostrophe
    then bold; of more than five, all but the last five are text; and when a line holds
    an odd number of both bold and italic runs, one bold run is read as an apostrophe
    then italics (the first one after a one-letter word, else after a longer word, else
    after a space).
    """
    runs = [(match.start(), match.end()) for match in _RUN.finditer(line)]
    if not runs:
        return []
    markup: list[int] = []
    # The text before each run, with the apostrophes the rule gives back to it.
    before: list[str] = []
    previous_end = 0
    bold = italics = 0
    for start, end in runs:
        size = end - start
        text = line[previous_end:start]
        if size == 4:
            text += "'"
            size = 3
        elif size > 5:
            text += "'" * (size - 5)
            size = 5
        markup.append(size)
        before.append(text)
        italics += size in (2, 5)
        bold += size in (3, 5)
        previous_end = end
    if bold % 2 and italics % 2:
        single = multi = space = -1
        for index, size in enumerate(markup):
            if size != 3:
                continue
            last_is_space, one_letter = _last_bytes_before(before[index])
            if last_is_space:
                if space < 0:
                    space = index
            elif one_letter:
                single = index
                break
            elif multi < 0:
                multi = index
        chosen = single if single >= 0 else multi if multi >= 0 else space
        if chosen >= 0:
            markup[chosen] = 2
    return [(start, end, size) for (start, end), size in zip(runs, markup, strict=True)]


def _seams_first(run: re.Match[str]) -> str:
    """A run of apostrophes that seams part, the seams put before it: one run."""
    found = run.group()
    seams = found.count(QUIET_SEAM)
    return QUIET_SEAM * seams + "'" * (len(found) - seams) if seams else found


def shown_apostrophes(text: str) -> str:
    """``text`` with, on each of its lines, the apostrophes that are bold or italic
    markup taken out and the rest kept: what a reader sees of them.

    A reference's marker parts two runs, as MediaWiki's strip marker does; a comment or a
    category (:data:`QUIET_SEAM`) does not: they are gone before MediaWiki reads the
    line."""
    if QUIET_SEAM in text and "'" in text:
        text = _SEAMED_RUN.sub(_seams_first, text)
    if "''" not in text:
        return text
    if "\n" not in text and "\x1e" not in text and "\x1f" not in text:
        return _one_line(text)
    # The lines, and the line ends between them (a pattern with a group keeps them).
    pieces = _LINE_ENDS_KEPT.split(text)
    for index in range(0, len(pieces), 2):
        pieces[index] = _one_line(pieces[index])
    return "".join(pieces)


def _one_line(line: str) -> str:
    if "''" not in line:
        return line
    # Most lines: runs of two and three only, and not an odd number of both. Then every
    # apostrophe of them is markup. (The runs and the text between them, in one pass.)
    split = _RUN_KEPT.split(line)
    sizes = [len(run) for run in split[1::2]]
    if 4 not in sizes and max(sizes) <= 5:
        bold = sizes.count(3) + sizes.count(5)
        italics = sizes.count(2) + sizes.count(5)
        if not (bold % 2 and italics % 2):
            return "".join(split[::2])
    pieces: list[str] = []
    done = 0
    for _, end, markup in formatting_runs(line):
        pieces.append(line[done : end - markup])
        done = end
    pieces.append(line[done:])
    return "".join(pieces)
