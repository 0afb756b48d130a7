"""A table's text, edited inside its cells.

The reader shows a table's row as one paragraph, its cells' text joined with spaces,
and its caption as another (:class:`~wikiround.lossy._tables.TableText` says where
each comes from). An edit of such a paragraph is taken apart cell by cell: each changed
run must fall inside one cell's text, and is spliced into that cell's content, word by
word, as a paragraph is; the table's markup and every cell the edit did not touch stay
byte for byte. A change that runs over the space between two cells' text is made cell
by cell when it replaces whole words one for one (each new word goes in the cell of the
word it replaces); any other edit that runs from one cell into the next, one that
empties a cell, and one that cannot be placed inside its cell are refused, naming the
table's line and column: a table is never written anew.
"""

from __future__ import annotations

from wikiround._text import is_blank
from wikiround.editing._align import changed_runs
from wikiround.editing._changes import ChangeKind
from wikiround.editing._display import build
from wikiround.editing._original import Builder, Original, apply_edits, constructs
from wikiround.editing._splice import splice
from wikiround.lossy._reader import read
from wikiround.lossy._tables import TableText
from wikiround.lossy._tree import Code, TreeError
from wikiround.wikitext._escape import escape_inline

__all__ = ["WRITTEN_ANEW", "change_table_text", "escape_cell", "refuse_table_text"]


def refuse_table_text(
    builder: Builder, origin: TableText, label: str, offset: int, detail: str
) -> None:
    """Refuse an edit of the table text at ``offset`` (``label``), naming the table."""
    line, column = builder.original.where(origin.table[0])
    what = {"row": "a row", "caption": "the caption"}.get(origin.kind, "text")
    builder.refuse(
        ChangeKind.TABLE_TEXT,
        label,
        offset,
        f"{what} of the table at {line}:{column}; {detail}: edit the table in the wikitext",
    )


# Why a change of a table's text is refused.
WRITTEN_ANEW = "written anew, the table would go with it"
_ACROSS = "the edit runs from one cell's text into the next, and a table is never written anew"
_EMPTIED = "the edit empties a cell, and a table is never written anew"
_NOT_PLACED = "the edit cannot be placed inside its cell, and a table is never written anew"


def escape_cell(text: str) -> str:
    # A pipe would end the cell or make what is before it the cell's attributes, and
    # "!!" starts the next cell on a line of header cells.
    return escape_inline(text, in_value=False).replace("|", "&#124;").replace("!!", "!&#33;")


def change_table_text(
    builder: Builder, origin: TableText, span: tuple[int, int], old: str, new: str, label: str
) -> None:
    """A row's (or a table caption's) paragraph changed from ``old`` to ``new``: each
    change spliced into the cell it falls in, or the edit refused."""
    original = builder.original
    if origin.kind not in ("row", "caption"):
        refuse_table_text(builder, origin, label, span[0], WRITTEN_ANEW)
        return
    cells = _shown_cells(original, origin)
    if cells is None or " ".join(shown for _, shown in cells) != old:
        refuse_table_text(builder, origin, label, span[0], WRITTEN_ANEW)
        return
    texts = _new_texts([shown for _, shown in cells], old, new)
    if texts is None:
        refuse_table_text(builder, origin, label, span[0], _ACROSS)
        return
    if any(not text or text != text.strip(" ") for text in texts):
        refuse_table_text(builder, origin, label, span[0], _EMPTIED)
        return
    # Spliced word by word; or, failing that, a cell holding no construct written anew.
    # (Each attempt: the edits of each changed cell, and the notes of the splicing.)
    attempts: list[
        tuple[list[list[tuple[int, int, str]]], list[tuple[ChangeKind, str, int]], bool]
    ] = []
    spliced_edits: list[list[tuple[int, int, str]]] = []
    anew_edits: list[list[tuple[int, int, str]]] = []
    notes: list[tuple[ChangeKind, str, int]] = []
    spliceable = anew = True
    for (code, shown), text in zip(cells, texts, strict=True):
        if shown == text:
            continue
        spliced = splice(
            original, code.nodes, code.start, code.end, shown, text,
            in_value=False, escape=escape_cell, allow_loss=builder.allow_loss,
        )  # fmt: skip
        if spliced is not None and spliced.refusals:
            builder.refuse_all(spliced.refusals, label)
            return
        if spliced is None:
            spliceable = False
        elif spliced.edits:
            spliced_edits.append(list(spliced.edits))
            notes.extend(spliced.notes)
        if constructs(original, code.nodes) and not builder.allow_loss:
            anew = False
        else:
            anew_edits.append([(code.start, code.end, escape_cell(text))])
    if spliceable:
        attempts.append((spliced_edits, notes, False))
    if anew:
        attempts.append((anew_edits, [], True))
    for by_cell, found, rewritten in attempts:
        edits = [edit for cell in by_cell for edit in cell]
        if not edits or not _table_reads_as(original, origin, span[0], edits, new):
            continue
        line, column = original.where(origin.table[0])
        where = "the caption" if origin.kind == "caption" else "a cell"
        builder.edits.extend(edits)
        detail = f"in {where} of the table at {line}:{column}"
        # Listed in each cell changed: a row's cells may stand on lines of their own.
        for cell in by_cell:
            first = min(edit[0] for edit in cell)
            builder.note(ChangeKind.PARAGRAPH_CHANGED, label, first, detail)
            if rewritten:
                builder.note(ChangeKind.REPLACED, label, first, "the cell's text was written anew")
        builder.spliced(found, label)
        return
    refuse_table_text(builder, origin, label, span[0], _NOT_PLACED)


def _shown_cells(original: Original, origin: TableText) -> list[tuple[Code, str]] | None:
    """The cells of ``origin`` that show text, each read, with the text it shows (as
    the editor's display map finds it); None when one cannot be read."""
    found: list[tuple[Code, str]] = []
    for start, end in origin.cells:
        if is_blank(original.text[start:end]):
            continue
        try:
            code = original.code(start, end)
        except TreeError:
            return None
        display = build(original, code.nodes, start, end, " ")
        if display is None:
            return None
        if display.text:
            found.append((code, display.text))
    return found


def _new_texts(cells: list[str], old: str, new: str) -> list[str] | None:
    """The cells' texts (joined with spaces, ``old``) after the edit that makes ``new``
    of it; None when a change runs over the space between two cells other than word
    for word (see :func:`_word_for_word`)."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for text in cells:
        bounds.append((position, position + len(text)))
        position += len(text) + 1
    changes: list[list[tuple[int, int, str]]] = [[] for _ in cells]
    for start, end, text in changed_runs(old, new):
        # What the run and its new text begin and end with is no change (an aligned
        # space may be the one between two cells).
        while start < end and text and old[start] == text[0]:
            start, text = start + 1, text[1:]
        while start < end and text and old[end - 1] == text[-1]:
            end, text = end - 1, text[:-1]
        cell = _cell_of(bounds, start, end)
        if cell is not None:
            split: list[tuple[int, int, int, str]] | None = [(cell, start, end, text)]
        else:
            split = _word_for_word(bounds, old, start, end, text)
        if split is None:
            return None
        for cell, start, end, text in split:
            low = bounds[cell][0]
            if changes[cell] and start - low < changes[cell][-1][1]:
                return None  # (overlapping a change made before: a word cut in two)
            changes[cell].append((start - low, end - low, text))
    texts: list[str] = []
    for text, runs in zip(cells, changes, strict=True):
        pieces: list[str] = []
        cursor = 0
        for start, end, replacement in runs:
            pieces.append(text[cursor:start])
            pieces.append(replacement)
            cursor = end
        pieces.append(text[cursor:])
        texts.append("".join(pieces))
    return texts if " ".join(texts) == new else None


def _cell_of(bounds: list[tuple[int, int]], start: int, end: int) -> int | None:
    return next(
        (index for index, (low, high) in enumerate(bounds) if low <= start and end <= high),
        None,
    )


def _word_for_word(
    bounds: list[tuple[int, int]], old: str, start: int, end: int, text: str
) -> list[tuple[int, int, int, str]] | None:
    """A change of ``old[start:end]`` into ``text`` that runs over the space between two
    cells, made cell by cell when it replaces whole words one for one (``14 4`` →
    ``x 1968``: each word in the cell of the word it replaces): ``(cell, start, end,
    text)`` for each word changed; None when the words are not one for one."""
    while start > 0 and old[start - 1] != " ":
        start -= 1
        text = old[start] + text
    while end < len(old) and old[end] != " ":
        text += old[end]
        end += 1
    was, now = old[start:end].split(" "), text.split(" ")
    if len(was) != len(now) or "" in was or "" in now:
        return None
    pieces: list[tuple[int, int, int, str]] = []
    position = start
    for old_word, new_word in zip(was, now, strict=True):
        cell = _cell_of(bounds, position, position + len(old_word))
        if cell is None:
            return None
        if old_word != new_word:
            pieces.append((cell, position, position + len(old_word), new_word))
        position += len(old_word) + 1
    return pieces


def _table_reads_as(
    original: Original,
    origin: TableText,
    start: int,
    edits: list[tuple[int, int, str]],
    expected: str,
) -> bool:
    """Whether the table of ``origin``, read on its own with ``edits`` made, shows what
    it showed but ``expected`` for the paragraph whose source starts at ``start``."""
    table_start, table_end = origin.table
    source = original.text[table_start:table_end]
    before, body = read(source, "Check")
    if before.sections:
        return False
    index = next((k for k, span in enumerate(body.spans) if span[0] == start - table_start), None)
    if index is None:
        return False
    wanted = list(before.lead)
    wanted[index] = expected
    shifted = [(a - table_start, b - table_start, text) for a, b, text in edits]
    after = read(apply_edits(source, 0, len(source), shifted), "Check")[0]
    return list(after.lead) == wanted and not after.sections
