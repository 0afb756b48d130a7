"""Tables, read line by line as MediaWiki reads them.

MediaWiki reads table markup one line at a time (Parser::handleTables), once templates
are expanded and before links, bold and italics: a line starting with ``{|`` (after
spaces and indentation ``:``) opens a table, ``|}`` closes the last one opened, ``|-``
starts a row, ``|+`` is a caption, ``|`` and ``!`` are cells. On a cell line, ``||``
(and, on a line of header cells, ``!!``) starts the next cell; in each cell, what comes
before a first ``|`` is attributes (not shown) unless it holds ``[[``; any other line,
a blank one too, runs on in the cell before it. A table left open is closed at the end.

The reader finds tables the same way, so that mwparserfromhell's tokenizer never sees
their markup (its tokens for a table's cells cost some hundreds of times the table's
size): :func:`find_tables` gives each table of a text as a :class:`Table` node; the
text given to the tokenizer has each table masked (:func:`~._tree.masked`), and the
tree builder puts the node in the mask's place. When the table is rendered,
:func:`table_parts` reads its rows, cells and captions one at a time, and the cells'
contents are parsed a stretch at a time (:func:`parse_cells`), each read as if alone:
the table is never held whole as nodes.

Templates, comments and extension tags (``<nowiki>``, ``<pre>``, ``<math>``…) are
opaque to table markup, as to MediaWiki, which has replaced them before it reads
tables: a ``|`` inside them is no cell's start, and a line break inside them starts no
line. The magic word ``{{!}}`` is a ``|``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from wikiround.lossy._soup import _raw_closing
from wikiround.lossy._tree import (
    REFERENCE_MARK,
    TABLE_FILL,
    TABLE_MARK,
    Code,
    Node,
    TreeError,
    parse,
)

__all__ = [
    "CAPTION",
    "CELL",
    "CLOSE",
    "HEADER",
    "MARKUP",
    "OPEN",
    "ROW",
    "TABLE_FILL",
    "TABLE_MARK",
    "TEXT",
    "Table",
    "TableText",
    "find_tables",
    "page_tables",
    "parse_cells",
    "table_parts",
]


class Table(Node):
    """A table, from its first line's start (spaces and ``:`` before ``{|`` included)
    to the end of its ``|}`` (or the end of the text it was found in, when it is left
    open).

    ``depth`` is 0 for a table that starts with its ``{|`` line; a table that a heading
    line cut (MediaWiki reads a heading line inside a table as a heading inside the
    cell it is in, see :func:`wikiround.lossy._tree.page_pieces`) goes on after the
    heading as a table of its own, whose ``depth`` is the number of tables open there.
    """

    __slots__ = ("base", "depth", "spans", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        depth: int = 0,
        base: int = 0,
        spans: list[tuple[int, int, int]] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        # The text it is in (not a copy), which starts at offset ``base``.
        self.text = text
        self.base = base
        self.depth = depth
        # Its opaque spans (see _opaque_spans), when the search that found it had them.
        self.spans = spans


class TableText:
    """Where a paragraph of the article comes from, when it is text of a table (for
    :mod:`wikiround.editing`): the table's span (``table``: its start and end), what
    the paragraph is (``kind``: ``"row"``, the cells of one row; ``"caption"``; or
    ``"text"``, lines in the table but in no cell), and the (start, end) of the content
    of each of its cells (those that show nothing too), in order.

    A row that holds a table in one of its cells is a paragraph before the inner table
    and another after it, each with the cells it shows."""

    __slots__ = ("cells", "kind", "table")

    def __init__(
        self, table: tuple[int, int], kind: str, cells: tuple[tuple[int, int], ...]
    ) -> None:
        self.table = table
        self.kind = kind
        self.cells = cells

    def __repr__(self) -> str:
        return f"TableText({self.table!r}, {self.kind!r}, {self.cells!r})"


# The parts table_parts() gives, as (kind, start, end, markup, hidden) tuples: what the
# part is, where its content starts and ends, where its markup starts (the "|", or the
# line's start for the first cell of a line), and whether that markup holds a reference
# or a comment (which the reader records).
CELL = 0  # a data cell
HEADER = 1  # a header cell
CAPTION = 2  # a caption
TEXT = 3  # lines inside a table but in no cell (MediaWiki shows them before the table)
ROW = 4  # the end of a row (also before a caption, and where a table closes)
OPEN = 5  # a table inside a cell starts
CLOSE = 6  # the table inside a cell ends
MARKUP = 7  # table markup (start to end) holding a reference or a comment

# --- Opaque spans: templates, comments, extension tags -----------------------------------

_COMMENT = 0
_OPAQUE = 1  # a template or an extension tag: one piece of text to table markup
_PIPE = 2  # {{!}}

# Tags whose contents MediaWiki takes out before reading tables (the extension tags of
# Wikipedia's wikis; <ref> is already taken out, see _references).
_EXTENSION_TAGS = (
    "nowiki", "pre", "math", "chem", "ce", "gallery", "poem", "references", "timeline",
    "score", "syntaxhighlight", "source", "graph", "mapframe", "maplink", "imagemap",
    "inputbox", "categorytree", "hiero", "templatedata", "templatestyles", "section",
    "indicator", "charinsert", "ref",
)  # fmt: skip
_EVENT = re.compile(
    r"<!--|(\{*)\{\{!\}\}|\{\{+|\}\}+|<(" + "|".join(_EXTENSION_TAGS) + r")(?=[\s/>])[^<>]*>",
    re.IGNORECASE | re.ASCII,
)


def _opaque_spans(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """The (start, end, kind) of what table markup does not look into, in order and
    not overlapping, between ``start`` and ``end``: comments, templates and extension
    tags whose end comes before ``end`` (those left open are text), and ``{{!}}``
    outside templates."""
    found: list[tuple[int, int, int]] = []  # comments and tags
    pairs: list[tuple[int, int]] = []  # templates, inner ones too
    pipes: list[tuple[int, int]] = []
    opened: list[int] = []
    # Where each closing was looked for from, and found (None: there is none after):
    # an opening left open does not make the next one search to the end again.
    closings: dict[str, tuple[int, re.Match[str] | None]] = {}
    comments_close = True  # False once no "-->" is left
    position = start
    while (event := _EVENT.search(text, position, end)) is not None:
        token = event.group()
        position = event.end()
        if token == "<!--":
            close = text.find("-->", position, end) if comments_close else -1
            if close >= 0:
                position = close + 3
                found.append((event.start(), position, _COMMENT))
            else:
                comments_close = False
        elif token[0] == "<":
            if token.endswith("/>"):
                continue
            name = event.group(2).lower()
            searched = closings.get(name)
            if (
                searched is not None
                and searched[0] <= position
                and (searched[1] is None or searched[1].start() >= position)
            ):
                close_tag = searched[1]
            else:
                close_tag = _raw_closing(name).search(text, position, end)
                closings[name] = (position, close_tag)
            if close_tag is not None:
                position = close_tag.end()
                found.append((event.start(), position, _OPAQUE))
        elif token.endswith("!}}"):  # (braces before it are text)
            pipes.append((event.end() - 5, event.end()))
        elif token[0] == "{":
            opened.extend([event.start()] * max(1, len(token) // 2))
        else:
            for _ in range(max(1, len(token) // 2)):
                if not opened:
                    break
                pairs.append((opened.pop(), event.end()))
    if pairs:
        # The outermost templates; a {{!}} inside one is part of it.
        pairs.sort()
        outer: list[tuple[int, int]] = []
        for pair in pairs:
            if not outer or pair[0] >= outer[-1][1]:
                outer.append(pair)
        found.extend((a, b, _OPAQUE) for a, b in outer)
        starts = [a for a, _ in outer]
        for a, b in pipes:
            index = bisect_right(starts, a) - 1
            if index < 0 or outer[index][1] <= a:
                found.append((a, b, _PIPE))
        found.sort()
        # A comment or a tag inside a template is part of it.
        merged: list[tuple[int, int, int]] = []
        for span in found:
            if merged and span[0] < merged[-1][1]:
                continue
            merged.append(span)
        return merged
    if pipes:
        found.extend((a, b, _PIPE) for a, b in pipes)
        found.sort()
    return found


# --- Lines -------------------------------------------------------------------------------

_BLANK = 8  # a line of spaces (and comments) only
_LINE_TEXT = 9  # any other line that is not table markup
_TABLE_OPEN = 10
_TABLE_CLOSE = 11
_ROW_LINE = 12

# What MediaWiki reads at the start of a line inside a table (after PHP's trim()): spaces,
# then ``:``… ``{|``, or ``|}``, ``|-``, ``|+``, ``|``, ``!``.
_LINE_START = re.compile(r"[ \t]*+(?:(:*+)[ \t\n\r\f\v]*+(\{\|)|(\|\}|\|-|\|\+|\||!))?")
_KINDS = {"|}": _TABLE_CLOSE, "|-": _ROW_LINE, "|+": CAPTION, "|": CELL, "!": HEADER}
_HEADER_SEPARATORS = re.compile(r"<[^<>]*>|!!")


class _View:
    """One line of a table as MediaWiki's table code sees it: comments gone, templates
    and extension tags one character each (``\\x01``), ``{{!}}`` a ``|``.

    ``chars`` holds the line from ``lo`` to ``hi``; its character ``i`` comes from the
    text's ``start(i)`` to ``end(i)``."""

    __slots__ = ("base", "chars", "ends", "hi", "hidden", "lo", "starts")

    def __init__(
        self,
        chars: str,
        lo: int,
        hi: int,
        base: int,
        starts: list[int] | None,
        ends: list[int] | None,
        hidden: bool,
    ) -> None:
        self.chars = chars
        self.lo = lo
        self.hi = hi
        self.base = base
        self.starts = starts
        self.ends = ends
        self.hidden = hidden  # the line holds a reference or a comment

    def start(self, index: int) -> int:
        starts = self.starts
        return self.base + index if starts is None else starts[index]

    def end(self, index: int) -> int:
        ends = self.ends
        return self.base + index + 1 if ends is None else ends[index]


class _Lines:
    """The lines of ``text`` from ``start`` to ``end`` as table markup sees them: a line
    break inside a template, a comment or an extension tag starts no line."""

    def __init__(
        self, text: str, start: int, end: int, spans: list[tuple[int, int, int]] | None = None
    ) -> None:
        self.text = text
        self.end = end
        if spans is None:
            needs = text.find("{{", start, end) >= 0 or text.find("<", start, end) >= 0
            spans = _opaque_spans(text, start, end) if needs else []
        self.spans = spans
        self.starts = [span[0] for span in self.spans]
        self.index = 0  # the first span that does not end before the line asked about

    def within(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The spans from ``start`` to ``end``: those that _opaque_spans finds there.
        (None of the spans runs over a table's edge: its start or end line would be in
        the span, and so no table markup.)"""
        spans = self.spans
        first = bisect_left(self.starts, start)
        last = first
        while last < len(spans) and spans[last][1] <= end:
            last += 1
        return spans[first:last]

    def line_end(self, position: int) -> int:
        """Where the line starting at ``position`` ends (its line break, or the end)."""
        text, spans = self.text, self.spans
        while True:
            newline = text.find("\n", position, self.end)
            if newline < 0:
                return self.end
            index = self.index
            while index < len(spans) and spans[index][1] <= newline:
                index += 1
            if index < len(spans) and spans[index][0] < newline:
                position = spans[index][1]  # the line break is inside it
                continue
            return newline

    def view(self, start: int, end: int) -> _View:
        text, spans = self.text, self.spans
        index = self.index
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        self.index = index
        if index == len(spans) or spans[index][0] >= end:
            hidden = text.find(REFERENCE_MARK, start, end) >= 0
            return _View(text, start, end, 0, None, None, hidden)
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        position = start
        hidden = False
        while index < len(spans) and spans[index][0] < end:
            span_start, span_end, kind = spans[index]
            chars.append(text[position:span_start])
            starts.extend(range(position, span_start))
            ends.extend(range(position + 1, span_start + 1))
            if kind == _COMMENT:
                hidden = True
            else:
                chars.append("|" if kind == _PIPE else "\x01")
                starts.append(span_start)
                ends.append(span_end)
            position = span_end
            index += 1
        chars.append(text[position:end])
        starts.extend(range(position, end))
        ends.extend(range(position + 1, end + 1))
        starts.append(end)  # where a cell running to the line's end ends
        line = "".join(chars)
        hidden = hidden or REFERENCE_MARK in line
        return _View(line, 0, len(line), 0, starts, ends, hidden)


def _classify(view: _View) -> tuple[int, int]:
    """The line's kind and where its markup starts (in the view)."""
    chars = view.chars
    found = _LINE_START.match(chars, view.lo, view.hi)
    assert found is not None  # (everything in it is optional)
    if found.group(2) is not None:
        return _TABLE_OPEN, found.start(2)
    marker = found.group(3)
    if marker is not None:
        return _KINDS[marker], found.start(3)
    rest = chars[found.end() : view.hi] if found.end() < view.hi else ""
    return (_LINE_TEXT if rest.strip(" \t") else _BLANK), found.end()


# --- Finding tables ---------------------------------------------------------------------

# A line that may open a table: spaces, comments, ":"s, spaces, then "{|" or "{{{!}}".
_CANDIDATE = re.compile(
    r"^[ \t]*+(?>(?:<!--.*?-->[ \t]*+)*):*+[ \t]*+\{(?:\||\{\{!\}\})", re.MULTILINE
)


def find_tables(
    text: str,
    start: int = 0,
    end: int | None = None,
    depth: int = 0,
    *,
    line_start: bool = True,
    base: int = 0,
) -> tuple[list[Table], int]:
    """The tables of ``text`` from ``start`` to ``end`` (not those inside templates,
    comments or extension tags), and how many tables are still open at ``end``.

    ``depth`` tables are open at ``start`` (the text after a heading line that cut a
    table, see :class:`Table`): the first table found is their continuation. With
    ``line_start`` false, ``start`` is not the start of a line (no table opens there).
    ``text`` starts at offset ``base`` (of the page): the tables' offsets are the page's.
    """
    if end is None:
        end = len(text)
    if not depth and text.find("{|", start, end) < 0 and text.find("{{!}}", start, end) < 0:
        return [], 0
    lines = _Lines(text, start, end)
    spans = lines.spans
    span_starts = lines.starts
    tables: list[Table] = []
    if depth:
        # (The line break after the heading line before it stays outside.)
        first = start + 1 if text.startswith("\n", start) and start + 1 < end else start
        table_end, left = _table_end(lines, first, depth)
        tables.append(
            Table(base + first, base + table_end, text, depth, base, lines.within(first, table_end))
        )
        position, depth = table_end, left
    else:
        position = start
    for candidate in _CANDIDATE.finditer(text, start, end):
        line = candidate.start()
        if line < position or (line == start and not line_start):
            continue
        index = bisect_right(span_starts, line) - 1
        if index >= 0 and spans[index][0] < line < spans[index][1]:
            continue  # inside a template, a comment or a tag
        if line > start and text[line - 1] != "\n":
            continue
        lines.index = 0 if index < 0 else index
        kind, _ = _classify(lines.view(line, lines.line_end(line)))
        if kind != _TABLE_OPEN:
            continue
        table_end, depth = _table_end(lines, line, 0)
        tables.append(
            Table(base + line, base + table_end, text, 0, base, lines.within(line, table_end))
        )
        position = table_end
    return tables, depth


def page_tables(text: str, pieces: list[tuple[int, int]]) -> list[Table]:
    """The tables of a page read in ``pieces`` (see :func:`~._tree.page_pieces`): a
    table left open where a piece ends goes on in the next one, as MediaWiki reads a
    heading line inside a table as part of the cell it is in."""
    if "{|" not in text and "{{!}}" not in text:
        return []  # (most pages: no table)
    tables: list[Table] = []
    depth = 0
    for start, end in pieces:
        if text.startswith("=", start) and text.find("\n", start, end) < 0:
            continue  # a heading line (MediaWiki shows it inside the cell it is in)
        found, depth = find_tables(text, start, end, depth)
        tables.extend(found)
    return tables


# A line that may open or close a table (a superset: each is looked at as _classify
# does): spaces, comments, then ":"s… "{|" or "{{{!}}", or "|}" or "{{!}}}".
_OPEN_OR_CLOSE = re.compile(
    r"^[ \t]*+(?>(?:<!--.*?-->[ \t]*+)*)(?::*+[ \t]*+\{(?:\||\{\{!\}\})|\|\}|\{\{!\}\}\})",
    re.MULTILINE,
)


def _table_end(lines: _Lines, start: int, depth: int) -> tuple[int, int]:
    """Where the table whose first line starts at ``start`` ends (with ``depth`` tables
    already open there, its continuation), and how many are open at that end (0 when
    it closed)."""
    text, spans, end = lines.text, lines.spans, lines.end
    span_starts = lines.starts
    for candidate in _OPEN_OR_CLOSE.finditer(text, start, end):
        line = candidate.start()
        if line > 0 and text[line - 1] != "\n" and line != start:
            continue
        if spans:
            index = bisect_right(span_starts, line) - 1
            if index >= 0 and spans[index][0] < line < spans[index][1]:
                continue  # inside a template, a comment or a tag
            lines.index = max(index, 0)
        view = lines.view(line, lines.line_end(line))
        kind, at = _classify(view)
        if kind == _TABLE_OPEN:
            depth += 1
        elif kind == _TABLE_CLOSE and depth:
            depth -= 1
            if not depth:
                return view.end(at + 1), 0
    return end, depth


# --- Reading a table ---------------------------------------------------------------------


class _Level:
    """A table being read: its cell open (kind, or -1), where its content starts and
    ends, where its markup starts and whether that holds something hidden; and the kind
    of cell a table inside it interrupted, to go on after it."""

    __slots__ = ("cell", "content_end", "content_start", "hidden", "markup", "resume")

    def __init__(self) -> None:
        self.cell = -1
        self.content_start = self.content_end = self.markup = 0
        self.hidden = False
        self.resume = -1

    def open(self, kind: int, start: int, end: int, markup: int, hidden: bool) -> None:
        self.cell = kind
        self.content_start = start
        self.content_end = end
        self.markup = markup
        self.hidden = hidden


def table_parts(table: Table) -> Iterator[tuple[int, int, int, int, bool]]:
    """The parts of ``table`` in order, one ``(kind, start, end, markup, hidden)``
    tuple each (see :data:`CELL` and the kinds after it): a cell's content is given
    once the line after it shows where it ends."""
    base = table.base
    parts = _parts(table.text, table.start - base, table.end - base, table.depth, table.spans)
    if not base:
        return parts
    return (
        (kind, start + base, end + base, markup + base, hidden)
        for kind, start, end, markup, hidden in parts
    )


def _parts(
    text: str, start: int, end: int, depth: int, spans: list[tuple[int, int, int]] | None = None
) -> Iterator[tuple[int, int, int, int, bool]]:
    lines = _Lines(text, start, end, spans)
    levels: list[_Level] = []
    for _ in range(depth):
        level = _Level()
        level.open(CELL, start, start, start, False)
        levels.append(level)
    position = start
    while position <= end:
        line_end = lines.line_end(position)
        view = lines.view(position, line_end)
        kind, at = _classify(view)
        if kind in (_BLANK, _LINE_TEXT):
            if levels:
                level = levels[-1]
                if level.cell >= 0:
                    level.content_end = line_end
                elif kind == _LINE_TEXT:
                    level.open(TEXT, position, line_end, position, False)
            if view.hidden and kind == _BLANK and (not levels or levels[-1].cell < 0):
                yield MARKUP, position, line_end, position, True
            position = line_end + 1
            continue
        if levels:
            yield from _close_cell(levels[-1])
        if kind == _TABLE_OPEN:
            if levels:
                levels[-1].resume = levels[-1].cell if levels[-1].cell >= 0 else TEXT
                yield ROW, position, position, position, False
                yield OPEN, position, position, position, False
            levels.append(_Level())
            if view.hidden:
                yield MARKUP, position, line_end, position, True
        elif kind == _TABLE_CLOSE:
            yield ROW, position, position, position, False
            close_end = view.end(at + 1)
            if view.hidden:
                yield MARKUP, position, close_end, position, True
            if levels:
                levels.pop()
            if not levels:
                return
            yield CLOSE, position, position, position, False
            outer = levels[-1]
            if close_end < line_end:
                # What follows "|}" on its line runs on in the cell the table was in.
                outer.open(outer.resume, close_end, line_end, close_end, False)
        elif kind == _ROW_LINE:
            yield ROW, position, position, position, False
            if view.hidden:
                yield MARKUP, position, line_end, position, True
        else:
            if not levels:  # (a continued table's first line is never markup)
                levels.append(_Level())
            if kind == CAPTION:
                yield ROW, position, position, position, False
            yield from _cells(view, kind, at, position, levels[-1])
        position = line_end + 1
    for level in reversed(levels):
        yield from _close_cell(level)
        yield ROW, end, end, end, False
        if level is not levels[0]:
            yield CLOSE, end, end, end, False


def _header_separator(found: re.Match[str]) -> str:
    return "||" if found.group() == "!!" else found.group()


def _close_cell(level: _Level) -> Iterator[tuple[int, int, int, int, bool]]:
    if level.cell >= 0:
        yield level.cell, level.content_start, level.content_end, level.markup, level.hidden
        level.cell = -1


def _cells(
    view: _View, kind: int, at: int, line_start: int, level: _Level
) -> Iterator[tuple[int, int, int, int, bool]]:
    """The cells of a line of cells (``kind``: CELL, HEADER or CAPTION, its marker at
    ``at`` in the view); the last stays open in ``level``, as the lines after it may
    run on in it."""
    begin = at + (2 if kind == CAPTION else 1)
    if kind == HEADER and view.chars.find("!!", begin, view.hi) >= 0:
        # "!!" separates header cells as "||" does, but not inside <…>: the line with
        # each such "!!" made "||" (as long as it, so offsets hold).
        lo = view.lo
        line = _HEADER_SEPARATORS.sub(_header_separator, view.chars[lo : view.hi])
        base = view.base + lo if view.starts is None else 0
        view = _View(line, 0, len(line), base, view.starts, view.ends, view.hidden)
        begin -= lo
    chars, hi, hidden = view.chars, view.hi, view.hidden
    markup = line_start
    cell_start = begin
    while True:
        separator = chars.find("||", cell_start, hi)
        cell_end = hi if separator < 0 else separator
        bar = chars.find("|", cell_start, cell_end)
        content = cell_start
        if bar >= 0:
            before = chars[cell_start:bar]
            if "[[" not in before and "-{" not in before:
                content = bar + 1
        content_start = view.end(content - 1)
        if separator < 0:
            level.open(kind, content_start, view.start(hi), markup, hidden)
            return
        markup_end = view.start(separator)
        yield kind, content_start, markup_end, markup, hidden
        markup = markup_end
        cell_start = separator + 2


# What stands for the table markup between cells parsed together (parse_cells): not
# markup to the tokenizer, not a space, and in no prepared text.
_GAP_FILL = "\x0f"
_NOT_LINE_BREAK = re.compile(r"[^\n]")


def parse_cells(
    text: str, regions: list[tuple[int, int]], references: dict[int, str]
) -> dict[int, Code]:
    """The contents of cells of a table (``regions``, their (start, end) in order)
    parsed in one run of the tokenizer, by start: the text from the first to the last,
    with the table markup between them made a filler (line breaks kept), so that each
    cell's first line starts inside a line, as MediaWiki's does. Empty when a construct
    runs from one cell on into another (then each is to be parsed on its own, as
    MediaWiki reads each cell apart)."""
    first = regions[0][0]
    pieces: list[str] = []
    done = first
    for start, end in regions:
        if start > done:
            pieces.append(_NOT_LINE_BREAK.sub(_GAP_FILL, text[done:start]))
        pieces.append(text[start:end])
        done = end
    joined = "".join(pieces)
    try:
        code = parse(joined, first, references)
    except TreeError:
        return {}
    nodes = code.nodes
    found: dict[int, Code] = {}
    index = 0
    position = first  # where nodes[index] starts
    for start, end in regions:
        inside: list[Node | str] = []
        while index < len(nodes):
            node = nodes[index]
            if isinstance(node, str):
                node_end = position + len(node)
                if node_end <= start:
                    position, index = node_end, index + 1
                    continue
                if position < end:
                    inside.append(
                        node[max(start, position) - position : min(end, node_end) - position]
                    )
                if node_end > end:
                    break  # the rest of it is after this cell
                position, index = node_end, index + 1
                continue
            if node.start >= end:
                break
            if node.start < start or node.end > end:
                return {}  # it runs over a cell's edge
            inside.append(node)
            position, index = node.end, index + 1
        found[start] = Code([part for part in inside if part != ""], start, end, joined, first)
    return found
