"""A table's rows (and captions) removed or moved.

The reader shows each row of a table as a paragraph (its cells' text joined with
spaces). A row's paragraph removed from the plain text removes the row from the table:
its ``|-`` line and its cells, up to the next row's ``|-`` (or the table's ``|}``), and
nothing else; a caption's paragraph removed, its ``|+`` line. A row's paragraph moved
among the rows of its own table moves those lines, byte for byte. The table, read on
its own afterwards, must show each of its rows as the edited article does, or the edit
is refused.

Refused, naming the table's line and column, and nothing written: a row below (or
holding) a cell that spans rows (``rowspan``: the cells below would shift; for a move,
above either place), a row that shares its lines with other text of the table (a
caption, lines in no cell, a table inside one of its cells), a row whose ``|-`` line
holds a comment or a reference, the only row of a table, a row of an HTML table, a row
moved out of its table, a caption moved, and every row of a table removed (the table
would be left empty).

A paragraph added between two rows of one table cannot stand there as a paragraph
(MediaWiki would show it before the table), and the plain text shows each row as a
paragraph of its own: it becomes a new row there, of one cell across all the table's
columns (``| colspan="N" | text``), so that the table shows it as written. Refused,
naming the table, when a cell above spans rows, when the table holds another table or
is an HTML ``<table>``, or when its rows cannot be found whole on either side."""

from __future__ import annotations

import re

import attrs

from wikiround.editing._cells import escape_cell, refuse_table_text
from wikiround.editing._changes import Change, ChangeKind
from wikiround.editing._original import Builder, Original, apply_edits, describe, line_start
from wikiround.editing._splice import SHOWS_NOTHING
from wikiround.lossy._reader import read
from wikiround.lossy._tables import TableText
from wikiround.lossy._tree import Entity, TreeError

__all__ = [
    "Row",
    "add_rows",
    "check_tables",
    "insert_rows",
    "refuse_row",
    "remove_row",
    "row_lines",
]


def _starts(line: str, marks: tuple[str, ...], blanks: str = " \t") -> bool:
    """Whether ``line``, past the characters of ``blanks``, starts with one of ``marks``."""
    return line.lstrip(blanks).startswith(marks)


_SPANS_ROWS = "a cell of the table spans rows (rowspan), and the cells below would shift"
_SHARED = (
    "the row shares its lines with other text of the table (a caption, lines in no cell, "
    "a table inside a cell)"
)
_HIDDEN = "the row's |- line holds a comment or a reference"
_ONLY = "it is the table's only row"


@attrs.frozen
class Row:
    """A row's lines: from its ``|-`` line (``separated``), or from its first cell for a
    first row written without one, to the next row's ``|-`` or the table's ``|}``; or a
    caption's (``caption``): its ``|+`` line and those it runs on over."""

    start: int
    end: int
    separated: bool
    caption: bool = False


def row_lines(original: Original, index: int) -> Row | str:
    """The lines of the row (or the caption) that paragraph ``index`` shows, or why they
    cannot be taken out of the table whole."""
    text = original.text
    origin = original.origins[index]
    start, end = original.spans[index]
    if not isinstance(origin, TableText) or origin.kind not in ("row", "caption"):
        return _SHARED
    if start == 0 or line_start(text, start) != start:
        return _SHARED
    caption = origin.kind == "caption"
    previous = line_start(text, start - 1)
    line = text[previous : start - 1]
    if caption:
        if not _starts(text[start : start + 200], ("|+",)):
            return _SHARED
        first, separated = start, True
    elif _starts(line, ("|-",)):
        if "<!--" in line or "<ref" in line.lower():
            return _HIDDEN
        first, separated = previous, True
    elif _starts(line, ("{|",), " \t:"):
        first, separated = start, False
    else:
        return _SHARED
    stop = end
    while stop < len(text) and text[stop] in " \t\n":
        stop += 1
    stop = line_start(text, stop)
    # The next row's "|-" or the table's "|}" ends a row; any line of the table a caption.
    ends = ("|", "!") if caption else ("|-", "|}")
    if stop <= end or not _starts(text[stop : stop + 200], ends):
        return _SHARED
    if not separated and _starts(text[stop : stop + 200], ("|}",)):
        return _ONLY
    # No other paragraph's source may start or end among these lines (a paragraph of
    # an outer table's row may hold this row's whole table).
    if "{|" in text[first:stop] or any(
        k != index and s != e and s < stop and e > first and not (s <= first and stop <= e)
        for k, (s, e) in enumerate(original.spans)
    ):
        return _SHARED
    # A cell above that spans rows would reach over the rows below.
    if not caption and "rowspan" in text[origin.table[0] : stop].lower():
        return _SPANS_ROWS
    return Row(first, stop, separated, caption)


def refuse_row(builder: Builder, index: int, label: str, detail: str) -> None:
    origin = builder.original.origins[index]
    assert isinstance(origin, TableText)
    refuse_table_text(builder, origin, label, builder.original.spans[index][0], detail)


def remove_row(builder: Builder, index: int, row: Row, label: str, *, moving: bool) -> None:
    """Take the row's lines out of its table; listed as removed (with what it held that
    shows nothing: references, comments) or as moved from here."""
    original = builder.original
    builder.edits.append((row.start, row.end, ""))
    start = original.spans[index][0]
    origin = original.origins[index]
    assert isinstance(origin, TableText)
    line, column = original.where(origin.table[0])
    if moving:
        builder.note(ChangeKind.PARAGRAPH_MOVED, label, start, "from here")
        return
    what = "the caption" if row.caption else "a row"
    builder.note(
        ChangeKind.PARAGRAPH_REMOVED, label, start, f"{what} of the table at {line}:{column}"
    )
    for cell_start, cell_end in origin.cells:
        try:
            code = original.code(cell_start, cell_end)
        except TreeError:
            continue
        for node in code.nodes:
            if isinstance(node, (str, Entity)):
                continue
            if not original.display(node).strip(SHOWS_NOTHING):
                found = describe(original.text[node.start : node.end], node)
                builder.note(ChangeKind.REMOVED_WITH, found, node.start, f"in {label}")


def insert_rows(
    builder: Builder,
    rows: list[tuple[int, Row]],
    labels: list[str],
    previous: int | None,
    following: int | None,
) -> None:
    """Put the lines of ``rows`` (``(old index, lines)``, all rows of one table) between
    old blocks ``previous`` and ``following``, which must be rows of that table."""
    original = builder.original
    text = original.text
    table = _table_of(original, rows[0][0])
    assert table is not None
    chunk = "".join(
        ("" if row.separated else "|-\n") + text[row.start : row.end] for _, row in rows
    )
    position = None
    detail = "moved out of its table, a row would lose its table's markup"
    if following is not None and _table_of(original, following) == table:
        anchor = row_lines(original, following)
        if isinstance(anchor, Row):
            position = anchor.start
            if not anchor.separated:
                chunk += "|-\n"
        else:
            detail = f"it cannot be placed before the next row: {anchor}"
    if position is None and previous is not None and _table_of(original, previous) == table:
        anchor = row_lines(original, previous)
        if isinstance(anchor, Row):
            position = anchor.end
        else:
            detail = f"it cannot be placed after the row before: {anchor}"
    if position is not None and "rowspan" in text[table[0] : max(
        position, *(row.end for _, row in rows)
    )].lower():  # fmt: skip
        position, detail = None, _SPANS_ROWS
    if any(row.caption for _, row in rows):
        position, detail = None, "a caption is not a row, and cannot be moved among them"
    if position is None or any(_table_of(original, i) != table for i, _ in rows):
        for i, _ in rows:
            refuse_row(builder, i, labels[i], detail)
        return
    builder.edits.append((position, position, chunk))
    line, column = original.where(position)
    for i, _ in rows:
        label = labels[i]
        builder.changes.append(
            (position, Change(ChangeKind.PARAGRAPH_MOVED, label, line, column, "to here"))
        )


# (A quote's spaces are matched only after the quote: two runs of \s* side by side
# would backtrack over a long run of spaces.)
_COLSPAN = re.compile(r"""colspan\s*=\s*(?:["']\s*)?(\d+)""", re.IGNORECASE | re.ASCII)
_NESTED = "the table holds another table"
_HTML = "it is an HTML table (<table>), whose rows are not written"


def add_rows(
    builder: Builder,
    texts: list[str],
    labels: list[str],
    previous: int,
    following: int,
) -> None:
    """Write new paragraphs (``texts``, shown as ``labels``) between old blocks
    ``previous`` and ``following``, rows of one table, as new rows of that table: one
    cell each, across all its columns."""
    original = builder.original
    text = original.text
    table = _table_of(original, previous)
    assert table is not None and table == _table_of(original, following)
    position = None
    anchor = row_lines(original, following)
    separated = True
    detail = _SHARED
    if isinstance(anchor, Row):
        position, separated = anchor.start, anchor.separated
    else:
        detail = anchor
        before = row_lines(original, previous)
        if isinstance(before, Row) and _starts(text[before.end : before.end + 200], ("|-",)):
            position = before.end
        elif isinstance(before, Row) and before.caption:
            # The first row's cells follow the caption without a "|-" line: they get one.
            position, separated = before.end, False
        elif isinstance(before, str):
            detail = before
    columns = _columns(original, table)
    if text.startswith("<", table[0]):
        position, detail = None, _HTML
    elif "{|" in text[table[0] + 2 : table[1]]:
        position, detail = None, _NESTED
    elif position is not None and "rowspan" in text[table[0] : position].lower():
        position, detail = None, _SPANS_ROWS
    line, column = original.where(table[0])
    if position is None or columns is None:
        for label in labels:
            builder.refuse(
                ChangeKind.TABLE_TEXT,
                label,
                original.spans[following][0],
                f"a new paragraph inside the table at {line}:{column}, where it would be a "
                f"new row, but {detail}: add it before or after the table, or edit the table "
                "in the wikitext",
            )
        return
    span = f'colspan="{columns}" | ' if columns > 1 else ""
    chunk = "".join(f"|-\n| {span}{escape_cell(new)}\n" for new in texts)
    if not separated:
        chunk += "|-\n"
    builder.edits.append((position, position, chunk))
    across = f"one cell across its {columns} columns" if columns > 1 else "one cell"
    for label in labels:
        builder.note(
            ChangeKind.PARAGRAPH_ADDED,
            label,
            position,
            f"a new row of the table at {line}:{column}, {across}",
        )


def _columns(original: Original, table: tuple[int, int]) -> int | None:
    """How many columns the rows of ``table`` fill (a cell counting its ``colspan``);
    None when it shows no row."""
    text = original.text
    widest = 0
    for origin in original.origins:
        if not isinstance(origin, TableText) or origin.table != table or origin.kind != "row":
            continue
        width = 0
        done = 0
        for start, end in origin.cells:
            # A cell's attributes are between the end of the cell before it on its
            # line (or the line's start) and its content.
            attributes = text[max(done, line_start(text, start)) : start]
            found = _COLSPAN.search(attributes)
            width += max(1, int(found.group(1))) if found else 1
            done = end
        widest = max(widest, width)
    return widest or None


def _table_of(original: Original, index: int) -> tuple[int, int] | None:
    origin = original.origins[index]
    return origin.table if isinstance(origin, TableText) else None


def check_tables(
    builder: Builder, expected: dict[tuple[int, int], tuple[list[str], list[str]]]
) -> None:
    """Refuse the edit unless each table of ``expected`` (its span: the paragraphs it
    shows, and those the edited article shows for it), read on its own, shows the first
    as it is and the second with the edits made inside it."""
    original = builder.original
    if builder.refusals:
        return  # refused already
    for (start, end), (shown, wanted) in expected.items():
        if not wanted:
            line, column = original.where(start)
            builder.refuse(
                ChangeKind.TABLE_TEXT,
                f"the table at {line}:{column}",
                start,
                "all its text removed, it would be left empty: remove the table in the "
                "wikitext, or its section with it",
            )
            continue
        source = original.text[start:end]
        inside = [(a - start, b - start, r) for a, b, r in builder.edits if start <= a and b <= end]
        before = read(source, "Check")[0]
        after = read(apply_edits(source, 0, len(source), inside), "Check")[0]
        if (
            list(before.lead) == shown
            and not before.sections
            and list(after.lead) == wanted
            and not after.sections
        ):
            continue
        line, column = original.where(start)
        what = "gallery" if original.text.startswith("<", start) else "table"
        builder.refuse(
            ChangeKind.TABLE_TEXT if what == "table" else ChangeKind.CANNOT_PLACE,
            f"the {what} at {line}:{column}",
            start,
            f"with its {'items' if what == 'gallery' else 'rows'} removed or moved, it would "
            f"not show them as edited: edit the {what} in the wikitext",
        )
