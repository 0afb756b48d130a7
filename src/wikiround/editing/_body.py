"""The article's body: paragraphs and headings paired with the edited ones, changed in
place, added beside their neighbours, removed with their line breaks."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import attrs

from wikiround._mediawiki import capitalise_first, title_text
from wikiround._text import php_trim, words
from wikiround.editing._cells import WRITTEN_ANEW, change_table_text, refuse_table_text
from wikiround.editing._changes import Change, ChangeKind
from wikiround.editing._dates import QUOTE_HANDLER
from wikiround.editing._original import (
    Builder,
    Original,
    apply_edits,
    change_starts,
    constructs,
    describe,
    element_nodes,
    line_start,
    top_level_end,
    top_level_start,
)
from wikiround.editing._rows import (
    Row,
    add_rows,
    check_tables,
    insert_rows,
    refuse_row,
    remove_row,
    row_lines,
)
from wikiround.editing._splice import SHOWS_NOTHING, splice
from wikiround.lossy import parse_wikitext_lossy
from wikiround.lossy._files import Caption
from wikiround.lossy._inline import finish
from wikiround.lossy._tables import TableText
from wikiround.lossy._templates import handler_for, template_key
from wikiround.lossy._tree import Code, Entity, Heading, Node, Tag, Template
from wikiround.model import Article
from wikiround.wikitext._escape import escape_heading, escape_inline, escape_paragraph

__all__ = ["body_of", "check_identity", "edit_body"]


def body_of(article: Article) -> tuple[object, ...]:
    return (article.lead, article.sections)


@attrs.frozen
class _Block:
    """A paragraph (``level`` 0) or a heading, as the article shows it."""

    level: int
    text: str


def _blocks(article: Article) -> list[_Block]:
    blocks = [_Block(0, paragraph) for paragraph in article.lead]
    for section in article.walk_sections():
        blocks.append(_Block(section.level, section.heading))
        blocks.extend(_Block(0, paragraph) for paragraph in section.paragraphs)
    return blocks


def _labels(blocks: list[_Block]) -> list[str]:
    """How changes name each block: ``heading "Early life"``, ``paragraph 2 of "Early life"``."""
    labels: list[str] = []
    heading = ""
    number = 0
    for block in blocks:
        if block.level:
            heading, number = block.text, 0
            labels.append(f"heading {heading!r}")
        else:
            number += 1
            where = f"of {heading!r}" if heading else "of the lead"
            labels.append(f"paragraph {number} {where}")
    return labels


def _pairs(old: list[_Block], new: list[_Block]) -> list[tuple[int | None, int | None]]:
    """Old and new blocks paired in order: ``(i, j)`` changed or kept, ``(i, None)``
    removed, ``(None, j)`` added."""
    # The blocks both start and end with are kept as they are, and only the blocks in
    # between are matched: among equal blocks (two identical paragraphs) the matcher
    # could otherwise keep the wrong one, and show a changed paragraph as one added
    # before it and its twin removed.
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    pairs: list[tuple[int | None, int | None]] = [(k, k) for k in range(head)]
    matcher = difflib.SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "replace":
            pairs.extend(_pair_changed(old, new, i1, i2, j1, j2))
        elif tag == "delete":
            pairs.extend((i, None) for i in range(i1, i2))
        else:
            pairs.extend((None, j) for j in range(j1, j2))
    pairs.extend(
        zip(range(len(old) - tail, len(old)), range(len(new) - tail, len(new)), strict=True)
    )
    return pairs


# Below this similarity a changed paragraph is taken for another one.
_SIMILAR = 0.5


def _pair_changed(
    old: list[_Block], new: list[_Block], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None]]:
    if i2 - i1 == j2 - j1 and all(
        bool(old[i].level) == bool(new[j].level)
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
    ):
        return list(zip(range(i1, i2), range(j1, j2), strict=True))
    pairs: list[tuple[int | None, int | None]] = []
    i = i1
    for j in range(j1, j2):
        match = None
        # Look a few blocks ahead only: a long replaced run stays linear.
        for candidate in range(i, min(i2, i + 8)):
            if bool(old[candidate].level) != bool(new[j].level):
                continue
            ratio = difflib.SequenceMatcher(
                None, old[candidate].text, new[j].text, autojunk=False
            ).quick_ratio()
            if ratio >= _SIMILAR:
                match = candidate
                break
        if match is None:
            pairs.append((None, j))
            continue
        pairs.extend((k, None) for k in range(i, match))
        pairs.append((match, j))
        i = match + 1
    pairs.extend((k, None) for k in range(i, i2))
    return pairs


def edit_body(builder: Builder, before: Article, after: Article) -> None:
    if body_of(before) == body_of(after):
        return
    original = builder.original
    old = _blocks(before)
    new = _blocks(after)
    spans = original.spans
    if len(spans) != len(old):
        raise AssertionError("the reader's spans do not match its article")  # a bug
    labels = _labels(old)
    pairs = _pairs(old, new)
    # Whole sections removed go from their heading to their last paragraph.
    removed = {i for i, j in pairs if j is None and i is not None}
    # A paragraph removed in one place and added unchanged in another was moved: it
    # carries its source (references, links, formatting) with it.
    moved: dict[int, int] = {}  # new block -> old block
    added = [j for i, j in pairs if i is None and j is not None and new[j].level == 0]
    for k in added:
        source = next(
            (r for r in sorted(removed) if old[r] == new[k] and r not in moved.values()), None
        )
        if source is not None:
            moved[k] = source
    tables, rows = _refuse_table_text(builder, old, new, pairs, labels)
    sources = {k: original.text[slice(*spans[r])] for k, r in moved.items()}
    moved_rows = {k: r for k, r in moved.items() if r in rows}
    moved_lines = _gallery_moves(original, pairs, moved)
    stuck = frozenset(k for k, r in moved.items() if r in tables)  # refused where they were
    added_rows: dict[int, tuple[int, int]] = {}  # new block -> its table
    pending: list[int] = []  # new blocks waiting for a place
    previous: int | None = None  # the last old block kept
    for i, j in pairs:
        if i is None:
            assert j is not None
            pending.append(j)
            continue
        if pending:
            _insert(
                builder, old, new, pending, previous, i,
                sources, moved_rows, rows, moved_lines, added_rows, stuck,
            )  # fmt: skip
            pending = []
        if i in tables:
            continue  # refused
        origin = original.origins[i]
        caption = origin if isinstance(origin, Caption) else None
        if j is None and i in rows:
            moving = i in moved_rows.values()
            remove_row(builder, i, rows[i], labels[i], moving=moving)
            continue
        if j is None and i in moved_lines.values():
            line = _gallery_line(original, i)
            assert line is not None
            builder.edits.append((line[0], line[1], ""))
            builder.note(ChangeKind.PARAGRAPH_MOVED, labels[i], spans[i][0], "from here")
            continue
        if j is None:
            if caption is not None and spans[i][0] != spans[i][1]:
                _change_caption(builder, caption, old[i].text, "", labels[i])
                continue
            _remove_block(builder, old, i, removed, labels[i], moving=i in moved.values())
            continue
        previous = i
        if old[i] != new[j]:
            if isinstance(origin, TableText):
                change_table_text(builder, origin, spans[i], old[i].text, new[j].text, labels[i])
                continue
            if caption is not None:
                _change_caption(builder, caption, old[i].text, new[j].text, labels[i])
                continue
            _change_block(builder, old[i], new[j], spans[i], labels[i])
    if pending:
        _insert(builder, old, new, pending, previous, None, sources, moved_rows, rows, moved_lines)
    if rows or added_rows:
        check_tables(builder, _tables_as_edited(original, old, new, pairs, moved, rows, added_rows))
    if moved_lines:
        check_tables(builder, _galleries_as_edited(original, old, new, pairs, moved_lines))


def _galleries_as_edited(
    original: Original,
    old: list[_Block],
    new: list[_Block],
    pairs: list[tuple[int | None, int | None]],
    moved_lines: dict[int, int],
) -> dict[tuple[int, int], tuple[list[str], list[str]]]:
    """Per gallery an item of which the edit moves: the paragraphs it shows, and those
    the edited article shows for it, in order."""
    galleries: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for r in moved_lines.values():
        start = top_level_start(original.tree, original.spans[r][0])
        end = top_level_end(original.tree, original.spans[r][1])
        inside = {i for i, (a, b) in enumerate(original.spans) if start <= a and b <= end}
        placed = [j for i, j in pairs if i in inside and j is not None]
        placed += [k for k, r in moved_lines.items() if r in inside]
        galleries[(start, end)] = (
            [old[i].text for i in sorted(inside)],
            [new[j].text for j in sorted(placed)],
        )
    return galleries


def _tables_as_edited(
    original: Original,
    old: list[_Block],
    new: list[_Block],
    pairs: list[tuple[int | None, int | None]],
    moved: dict[int, int],
    rows: dict[int, Row],
    added_rows: dict[int, tuple[int, int]],
) -> dict[tuple[int, int], tuple[list[str], list[str]]]:
    """Per table whose ``rows`` the edit removes or moves, or to which it adds rows
    (``added_rows``): the paragraphs it shows, and those the edited article shows for it
    (its rows kept, changed, moved or added, in order)."""
    tables: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    placed: dict[tuple[int, int], list[int]] = {}
    for i, origin in enumerate(original.origins):
        if isinstance(origin, TableText):
            tables.setdefault(origin.table, ([], []))[0].append(old[i].text)
    kept = [(i, j) for i, j in pairs if i is not None and j is not None]
    for i, j in [*kept, *((r, k) for k, r in moved.items())]:
        origin = original.origins[i]
        if isinstance(origin, TableText):
            placed.setdefault(origin.table, []).append(j)
    for j, table in added_rows.items():
        placed.setdefault(table, []).append(j)
    touched = {origin.table for i in rows if isinstance(origin := original.origins[i], TableText)}
    touched.update(added_rows.values())
    for table in list(tables):
        if table not in touched:
            del tables[table]
            continue
        tables[table][1].extend(new[j].text for j in sorted(placed.get(table, [])))
    return tables


def _refuse_table_text(
    builder: Builder,
    old: list[_Block],
    new: list[_Block],
    pairs: list[tuple[int | None, int | None]],
    labels: list[str],
) -> tuple[set[int], dict[int, Row]]:
    """Refuse each removal of a table's text that cannot take its lines out of the table
    whole (a caption, a row that shares its lines, see :func:`~._rows.row_lines`), naming
    the table's line and column: it would take the table's markup with it. A table
    removed with its whole section goes whole, and is not refused. Returns the blocks
    refused, and the rows removed (or moved) with their lines. (A change is made inside
    the cells, or refused, by :func:`~._cells.change_table_text`.)"""
    original = builder.original
    rows: dict[int, Row] = {}
    if not any(original.origins):
        return set(), rows
    removed = {i for i, j in pairs if j is None and i is not None}
    whole: set[int] = set()  # blocks of sections removed whole
    for heading in sorted(removed):
        if old[heading].level and heading not in whole:
            last = heading
            while last + 1 < len(old) and (
                old[last + 1].level == 0 or old[last + 1].level > old[heading].level
            ):
                last += 1
            if all(k in removed for k in range(heading, last + 1)):
                whole.update(range(heading, last + 1))
    refused: set[int] = set()
    for i, j in pairs:
        if i is None or i in whole or j is not None:
            continue  # (a changed row or caption is edited inside its cells)
        origin = original.origins[i]
        if not isinstance(origin, TableText):
            continue
        lines = row_lines(original, i)
        if isinstance(lines, Row):
            rows[i] = lines
            continue
        # (A caption that cannot be taken out whole: its markup would go with it.)
        detail = lines if origin.kind == "row" else WRITTEN_ANEW
        refuse_table_text(builder, origin, labels[i], original.spans[i][0], detail)
        refused.add(i)
    return refused, rows


def _remove_block(
    builder: Builder,
    old: list[_Block],
    i: int,
    removed: set[int],
    label: str,
    *,
    moving: bool = False,
) -> None:
    original = builder.original
    text = original.text
    start, end = original.spans[i]
    if start == end:
        return  # removed with its section
    if not old[i].level and _too_big(builder, (start, end), old[i].text, label):
        return
    found = element_nodes(original.tree, start, end) if not old[i].level else ([], False)
    if found is None:
        builder.refuse(
            ChangeKind.CANNOT_PLACE,
            label,
            start,
            "its source is not whole markup: a construct runs over its edges",
        )
        return
    if found[1] and moving:
        # Its source is text inside a construct (a paragraph of a quotation of several):
        # moved, it would leave that construct's markup behind, and read otherwise.
        line, column = original.where(top_level_start(original.tree, start))
        builder.refuse(
            ChangeKind.CANNOT_PLACE,
            label,
            start,
            f"moved out of the construct at {line}:{column} it is text inside, it would "
            "leave that construct's markup behind: move it in the wikitext",
        )
        return
    if found[1]:
        # Text inside a construct (a table's cell, a caption): only its text goes, the
        # construct stays whole.
        builder.edits.append((start, end, ""))
        builder.note(ChangeKind.PARAGRAPH_REMOVED, label, start, "inside its construct")
        for detail in _hidden_between(original, start, end):
            builder.note(ChangeKind.REMOVED_WITH, detail[0], detail[1], f"in {label}")
        return
    kind = ChangeKind.SECTION_REMOVED if old[i].level else ChangeKind.PARAGRAPH_REMOVED
    if old[i].level:
        # The section goes whole (with what lies between its paragraphs) when all its
        # blocks go; its last paragraph's end closes it.
        last = i
        while last + 1 < len(old) and (
            old[last + 1].level == 0 or old[last + 1].level > old[i].level
        ):
            last += 1
        if all(k in removed for k in range(i, last + 1)):
            # (to the end of the construct the last one is text inside: a table, a
            # file's caption, a gallery)
            end = top_level_end(original.tree, original.spans[last][1])
            origin = original.origins[last]
            if isinstance(origin, TableText):  # text of a table: the whole table goes
                end = max(end, origin.table[1])
            for k in range(i + 1, last + 1):
                removed.discard(k)
                original.spans[k] = (end, end)  # nothing left to remove
    # Take the line break(s) after it, or before it at the end of the page.
    after = end
    while after < len(text) and text[after] == "\n":
        after += 1
    if after == len(text):
        # An earlier removal may have taken these line breaks already (a removed
        # block's own trailing breaks): join it instead of overlapping it.
        while True:
            while start > 0 and text[start - 1] == "\n":
                start -= 1
            joined = next(
                (
                    k
                    for k, (s, e, r) in enumerate(builder.edits)
                    if s < start < e and not r.strip("\n")
                ),
                None,
            )
            if joined is None:
                break
            start = builder.edits.pop(joined)[0]
        builder.edits.append((start, end, ""))
    elif line_start(text, start) < start and (
        i == 0 or original.spans[i - 1][1] <= line_start(text, start)
    ):
        # The block starts on a line after markup it does not show ("}}Text" after
        # an infobox): that markup and the line breaks after the block stay.
        builder.edits.append((start, end, ""))
    else:
        # A block that a paragraph kept before it runs into without a blank line (a
        # <blockquote> on the line after it) leaves a paragraph break: the text after
        # it must not join that paragraph (a list item after it starts a line of its own).
        breaks = ""
        if (
            i > 0
            and old[i - 1].level == 0
            and i - 1 not in removed
            and text[after : after + 1] not in ("*", "#", ":", ";")
        ):
            run = start - len(text[:start].rstrip("\n"))
            breaks = "\n" * max(0, 2 - run)
        builder.edits.append((start, after, breaks))
    if moving:
        builder.note(ChangeKind.PARAGRAPH_MOVED, label, original.spans[i][0], "from here")
        return
    builder.note(kind, label, original.spans[i][0])
    for detail in _hidden_between(original, start, end):
        builder.note(ChangeKind.REMOVED_WITH, detail[0], detail[1], f"in {label}")


def _hidden_between(original: Original, start: int, end: int) -> list[tuple[str, int]]:
    """The constructs the article does not show, in the text between ``start`` and ``end``."""
    found: list[tuple[str, int]] = []
    inside = element_nodes(original.tree, start, end)
    nodes = inside[0] if inside is not None and inside[1] else original.tree.nodes
    for node in nodes:
        if isinstance(node, str) or node.end <= start:
            continue
        if node.start >= end:
            break
        if isinstance(node, Entity):
            continue
        if not original.display(node).strip(SHOWS_NOTHING):
            found.append((describe(original.text[node.start : node.end], node), node.start))
    return found


_MIXED = "moved together with paragraphs that are not rows of its table"


def _render_block(block: _Block) -> str:
    if block.level:
        marks = "=" * block.level
        return f"{marks} {escape_heading(block.text)} {marks}"
    return escape_paragraph(block.text)


def _insert(
    builder: Builder,
    old: list[_Block],
    new: list[_Block],
    indices: list[int],
    previous: int | None,
    following: int | None,
    sources: dict[int, str] | None = None,
    moved_rows: dict[int, int] | None = None,
    rows: dict[int, Row] | None = None,
    moved_lines: dict[int, int] | None = None,
    added_rows: dict[int, tuple[int, int]] | None = None,
    stuck: frozenset[int] = frozenset(),
) -> None:
    """Write new blocks after old block ``previous`` (or before ``following``); a block
    moved from elsewhere is written as its source (``sources``), a table's row moved as
    its lines (``moved_rows``: new block -> old row, whose lines are in ``rows``), a
    gallery's caption moved among the captions of its gallery as its line
    (``moved_lines``: new block -> old caption), a new paragraph between two rows of a
    table as a new row (recorded in ``added_rows``: new block -> the table's span). The
    blocks of ``stuck`` are rows moved from a place they cannot leave, refused there."""
    sources = sources or {}
    moved_rows = moved_rows or {}
    moved_lines = moved_lines or {}
    original = builder.original
    text = original.text
    if indices and all(j in moved_lines for j in indices):
        _insert_gallery_lines(builder, [moved_lines[j] for j in indices], previous, following)
        return
    for j in indices:
        if j in moved_lines:  # (with paragraphs that are not captions of its gallery)
            origin = original.origins[moved_lines[j]]
            assert isinstance(origin, Caption)
            _refuse_caption(builder, origin, repr(new[j].text[:60]), "moved with other text")
            return
    if any(j in moved_rows for j in indices):
        labels = _labels(old)
        if all(j in moved_rows for j in indices) and rows is not None:
            found = [(moved_rows[j], rows[moved_rows[j]]) for j in indices]
            insert_rows(builder, found, labels, previous, following)
            return
        for j in indices:
            if j in moved_rows:
                refuse_row(builder, moved_rows[j], labels[moved_rows[j]], _MIXED)
        return
    pieces: list[str] = []
    for k, j in enumerate(indices):
        block = new[j]
        written = sources[j] if j in sources else _render_block(block)
        if k == 0:
            pieces.append(written)
        elif block.level == 0 and new[indices[k - 1]].level:
            pieces.append("\n" + written)
        else:
            pieces.append("\n\n" + written)
    chunk = "".join(pieces)
    if previous is not None and following is not None:
        before, after = original.origins[previous], original.origins[following]
        if (
            isinstance(before, TableText)
            and isinstance(after, TableText)
            and before.table == after.table
        ):
            # Between two rows of one table a paragraph cannot stand: a new row can.
            labels = [repr(new[j].text[:60]) for j in indices]
            if any(new[j].level or j in sources for j in indices):
                line, column = original.where(before.table[0])
                for j, label in zip(indices, labels, strict=True):
                    if j in stuck:
                        continue  # a row that cannot leave its place: refused there
                    what = "a heading" if new[j].level else "a paragraph moved here with its markup"
                    builder.refuse(
                        ChangeKind.TABLE_TEXT,
                        label,
                        original.spans[following][0],
                        f"{what}, inside the table at {line}:{column}, where only a row can "
                        "stand: place it before or after the table, or edit the table in the "
                        "wikitext",
                    )
                return
            add_rows(builder, [new[j].text for j in indices], labels, previous, following)
            if added_rows is not None:
                added_rows.update((j, before.table) for j in indices)
            return
    beside = _beside_caption(builder, previous, following, new[indices[0]].text)
    if beside is None:
        return
    if (
        previous is not None
        and following is not None
        and "\n" not in text[original.spans[previous][1] : original.spans[following][0]]
    ):
        # The next paragraph starts on the line where the one before ends (after a
        # quotation, say): the new one goes on lines of its own before it. A space
        # before that paragraph stays behind, where it cannot start a <pre> line.
        position = top_level_start(original.tree, original.spans[following][0])
        while text[position : position + 1] in (" ", "\t"):
            position += 1
        inserted = "\n\n" + chunk + "\n\n"
        if beside:
            _keep_apart(builder, position)
    elif previous is not None:
        # After the paragraph, or after the construct (a table) it is text inside.
        position = top_level_end(original.tree, original.spans[previous][1])
        if beside:
            # After a file or a gallery: past the spaces that end its line.
            while text[position : position + 1] in (" ", "\t"):
                position += 1
        lead = "\n" if old[previous].level and new[indices[0]].level == 0 else "\n\n"
        # A paragraph must not run on into the text after it.
        rest = text[position : position + 2]
        trail = "\n" if rest[:1] == "\n" and rest[1:2] not in ("\n", "") else ""
        inserted = lead + chunk + trail
    elif following is not None:
        position = top_level_start(original.tree, original.spans[following][0])
        inserted = chunk + "\n\n"
    else:
        position = len(text.rstrip("\n"))
        inserted = ("\n\n" if position else "") + chunk
    if (
        previous is not None
        and following is not None
        and position > original.spans[following][0] >= original.spans[previous][1]
        and position == top_level_end(original.tree, original.spans[previous][1])
    ):
        # After the construct the paragraph before it is inside (a <center> holding
        # tables), past the next one: it would not stand where it was put.
        line, column = original.where(top_level_start(original.tree, original.spans[following][0]))
        for j in indices:
            builder.refuse(
                ChangeKind.CANNOT_PLACE,
                repr(new[j].text[:60]),
                original.spans[following][0],
                f"between two paragraphs of the construct at {line}:{column}, which it "
                "cannot be placed inside",
            )
        return
    builder.edits.append((position, position, inserted))
    line, column = original.where(position)
    for j in indices:
        block = new[j]
        kind = ChangeKind.SECTION_ADDED if block.level else ChangeKind.PARAGRAPH_ADDED
        detail = ""
        if j in sources:
            kind, detail = ChangeKind.PARAGRAPH_MOVED, "to here"
        builder.changes.append(
            (position, Change(kind, repr(block.text[:60]), line, column, detail))
        )


# --- captions: text inside a file link or a gallery, which is never written anew ------


def _beside_caption(
    builder: Builder, previous: int | None, following: int | None, text: str
) -> bool | None:
    """Whether a paragraph placed between ``previous`` and ``following`` goes beside a
    caption's paragraph; None when it cannot be placed (refused): between two captions
    of one gallery, or among the pieces of a line whose file sits inside other markup."""
    original = builder.original
    before = None if previous is None else original.origins[previous]
    after = None if following is None else original.origins[following]
    before = before if isinstance(before, Caption) else None
    after = after if isinstance(after, Caption) else None
    for origin in (before, after):
        if origin is not None and origin.caption is None:
            _refuse_caption(builder, origin, repr(text[:60]), _SHARED)
            return None
    if (
        before is not None
        and after is not None
        and before.kind is after.kind
        and previous is not None
        and following is not None
        and top_level_start(original.tree, original.spans[previous][0])
        == top_level_start(original.tree, original.spans[following][0])
    ):
        _refuse_caption(
            builder, after, repr(text[:60]), "nothing can be placed between two captions of it"
        )
        return None
    return before is not None or after is not None


def _gallery_line(original: Original, index: int) -> tuple[int, int] | None:
    """The line of a gallery's item whose caption is paragraph ``index`` (its start, and
    the start of the next line), or None (another caption, or an item sharing a line)."""
    origin = original.origins[index]
    if not isinstance(origin, Caption) or origin.kind.value != "gallery":
        return None
    text = original.text
    start, end = origin.start, origin.end
    if (
        origin.caption is None
        or text[start : start + 1] in ("<", "")
        or line_start(text, start) != start
        or text[end : end + 1] != "\n"
        or "\n" in text[start:end]
    ):
        return None
    return start, end + 1


def _gallery_of(original: Original, index: int | None) -> int | None:
    """Where the gallery starts whose item's line paragraph ``index`` is the caption of."""
    if index is None or _gallery_line(original, index) is None:
        return None
    return top_level_start(original.tree, original.spans[index][0])


def _gallery_moves(
    original: Original, pairs: list[tuple[int | None, int | None]], moved: dict[int, int]
) -> dict[int, int]:
    """The moved paragraphs (new block -> old block) that are captions of a gallery's
    items moved among the captions of the same gallery: each moves with its item's line
    (the file shows with its caption, and a gallery never holds a paragraph)."""
    anchors: dict[int, tuple[int | None, int | None]] = {}
    previous: int | None = None
    waiting: list[int] = []
    for i, j in pairs:
        if i is None:
            assert j is not None
            waiting.append(j)
            continue
        anchors.update((k, (previous, i)) for k in waiting)
        waiting = []
        if j is not None:
            previous = i
    anchors.update((k, (previous, None)) for k in waiting)
    found: dict[int, int] = {}
    for k, r in moved.items():
        gallery = _gallery_of(original, r)
        if gallery is not None and any(
            _gallery_of(original, anchor) == gallery for anchor in anchors[k]
        ):
            found[k] = r
    return found


def _insert_gallery_lines(
    builder: Builder, indices: list[int], previous: int | None, following: int | None
) -> None:
    """Put the lines of the gallery items whose captions are old paragraphs ``indices``
    before ``following`` (or after ``previous``), an item of the same gallery."""
    original = builder.original
    gallery = _gallery_of(original, indices[0])
    if _gallery_of(original, following) == gallery and following is not None:
        line = _gallery_line(original, following)
        assert line is not None
        position = line[0]
    else:
        assert previous is not None
        line = _gallery_line(original, previous)
        assert line is not None
        position = line[1]
    chunk = "".join(original.text[slice(*_gallery_line(original, i) or (0, 0))] for i in indices)
    builder.edits.append((position, position, chunk))
    line_number, column = original.where(position)
    labels = _labels(_blocks(original.article))
    for i in indices:
        builder.changes.append(
            (
                position,
                Change(ChangeKind.PARAGRAPH_MOVED, labels[i], line_number, column, "to here"),
            )
        )


def _keep_apart(builder: Builder, position: int) -> None:
    """Before a paragraph is placed at ``position``, inside a line that holds a file or a
    gallery: that line ended the paragraphs before and after it, as MediaWiki reads a line
    holding a block, and its two halves must still not run into the lines around them."""
    text = builder.original.text
    start = line_start(text, position)
    if start > 0 and text[:start].rstrip(" \t\n")[-1:] and text[start - 2 : start - 1] != "\n":
        builder.edits.append((start, start, "\n"))
    end = text.find("\n", position)
    if end >= 0 and text[end + 1 : end + 2] not in ("\n", ""):
        builder.edits.append((end, end, "\n"))


_SHARED = "its text shares its line's source with the caption inside other markup"


def _refuse_caption(builder: Builder, origin: Caption, target: str, detail: str) -> None:
    line, column = builder.original.where(origin.start)
    builder.refuse(
        ChangeKind.CANNOT_PLACE,
        target,
        origin.start,
        f"the {origin.kind.value} at {line}:{column}: {detail}; the {origin.kind.value} is "
        "never written anew",
    )


def _escape_caption(text: str) -> str:
    # A pipe would end the caption ({{!}} too: MediaWiki expands it first).
    return escape_inline(text, in_value=False).replace("|", "&#124;")


def _caption_reads_as(
    original: Original, origin: Caption, start: int, replacement: str, expected: str
) -> bool:
    """Whether the file link or gallery line at ``origin``, its source from ``start`` to
    the caption's end replaced by ``replacement``, shows ``expected`` as its caption
    (nothing, for ``""``)."""
    assert origin.caption is not None
    text = original.text
    source = (
        origin.before
        + text[origin.start : start]
        + replacement
        + text[origin.caption.end : origin.end]
        + origin.after
    )
    article = parse_wikitext_lossy(source, title="Check").article
    return article.lead == ((expected,) if expected else ()) and not article.sections


def _change_caption(builder: Builder, origin: Caption, old: str, new: str, label: str) -> None:
    """A caption's paragraph changed (``new`` empty: removed): its text is edited inside
    the caption's source, spliced as a paragraph is (or written anew where that loses
    nothing); the file link or gallery around it is never written anew: what cannot be
    placed in the caption is refused, naming the file."""
    original = builder.original
    text = original.text
    code = origin.caption
    if code is None:
        _refuse_caption(builder, origin, label, _SHARED)
        return
    texts = [(old, new)]
    quoted = "\u201c\u201d"
    if old[:1] + old[-1:] == quoted and (not new or new[:1] + new[-1:] == quoted):
        # Inside a quotation the reader quotes a caption as it quotes a paragraph.
        texts.append((old[1:-1], new[1:-1]))
    # (what is replaced, by what, notes, written anew, the caption it must then show)
    attempts: list[tuple[int, str, list[tuple[ChangeKind, str, int]], bool, str]] = []
    if not new:
        # The caption goes, with the pipe before it when that leaves no caption (else
        # the parameter before it would be the caption).
        if text[code.start - 1 : code.start] == "|":
            attempts.append((code.start - 1, "", [], False, ""))
        attempts.append((code.start, "", [], False, ""))
    else:
        for shown, wanted in texts:
            spliced = splice(
                original, code.nodes, code.start, code.end, shown, wanted,
                in_value=False, escape=_escape_caption, allow_loss=builder.allow_loss,
            )  # fmt: skip
            if spliced is not None and spliced.refusals:
                builder.refuse_all(spliced.refusals, label)
                return
            if spliced is not None:
                source = apply_edits(text, code.start, code.end, spliced.edits)
                attempts.append((code.start, source, spliced.notes, False, wanted))
        hidden = constructs(original, code.nodes)
        if not hidden or builder.allow_loss:
            wanted = texts[-1][1]
            attempts.append((code.start, _escape_caption(wanted), [], True, wanted))
    for start, source, notes, anew, wanted in attempts:
        if not _caption_reads_as(original, origin, start, source, wanted):
            continue
        kind = ChangeKind.PARAGRAPH_CHANGED if new else ChangeKind.PARAGRAPH_REMOVED
        builder.edits.append((start, code.end, source))
        builder.note(kind, label, code.start, "inside its construct")
        shown = " ".join(words(text[origin.start : origin.end]))
        detail = f"{origin.kind.value} {shown[:59] + '…' if len(shown) > 60 else shown}"
        builder.note(ChangeKind.EDITED_INSIDE, detail, origin.start, f"in {label}")
        builder.spliced(notes, label)
        if anew:
            builder.note(ChangeKind.REPLACED, label, code.start, "the caption was written anew")
        return
    _refuse_caption(builder, origin, label, "its caption cannot show the new text")


def _change_block(
    builder: Builder, old: _Block, new: _Block, span: tuple[int, int], label: str
) -> None:
    original = builder.original
    text = original.text
    start, end = span
    if old.level:
        _rename_section(builder, old, new, span, label)
        return
    if _too_big(builder, span, old.text, label):
        return
    # A list item or an indented line keeps its marker.
    core = start
    found = element_nodes(original.tree, start, end)
    if found is None:
        builder.refuse(
            ChangeKind.CANNOT_PLACE,
            label,
            start,
            "its source is not whole markup: a construct runs over its edges",
        )
        return
    nodes = found[0]
    while nodes and isinstance(nodes[0], Tag) and nodes[0].name in ("li", "dt", "dd"):
        core = nodes[0].end
        nodes.pop(0)
    quote = _quotation(original, nodes)
    # One paragraph of several of a <blockquote>: the reader wraps each in curly quotes.
    in_quotes = (
        _QUOTED_PARAGRAPH.inner(old.text, new.text)
        if quote is None and found[1] and _in_blockquote(original, start, end)
        else None
    )
    spliced = None
    if in_quotes is not None:
        spliced = splice(
            original, nodes, core, end, *in_quotes,
            in_value=False, allow_loss=builder.allow_loss,
        )  # fmt: skip
    elif quote is None:
        spliced = splice(
            original, nodes, core, end, old.text, new.text,
            in_value=False, allow_loss=builder.allow_loss,
        )  # fmt: skip
    elif quote.contents is not None and (inner := quote.inner(old.text, new.text)) is not None:
        # The reader wraps a quotation in curly quotes (and a template's credit after
        # them); an edit that keeps them is spliced inside the quoted text.
        contents = quote.contents
        spliced = splice(
            original, contents.nodes, contents.start, contents.end, *inner,
            in_value=False, escape=quote.escape, allow_loss=builder.allow_loss,
        )  # fmt: skip
    if spliced is not None and spliced.refusals:
        builder.refuse_all(spliced.refusals, label)
        return
    if spliced is not None:
        edits, notes = spliced.edits, spliced.notes
        result = apply_edits(text, start, end, edits)
        if _paragraph_reads_as(
            f"<blockquote>{result}</blockquote>" if in_quotes is not None else result, new.text
        ):
            builder.edits.append((start, end, result))
            for offset in change_starts(text, start, edits):
                builder.note(ChangeKind.PARAGRAPH_CHANGED, label, offset)
            if quote is not None and isinstance(nodes[0], Node):
                quoted = nodes[0]
                detail = describe(text[quoted.start : quoted.end], quoted)
                builder.note(ChangeKind.EDITED_INSIDE, detail, quoted.start, f"in {label}")
            builder.spliced(notes, label)
            return
    hidden = constructs(original, nodes)
    if hidden and not builder.allow_loss:
        builder.refuse(
            ChangeKind.CANNOT_PLACE,
            label,
            start,
            "the edit cannot be placed inside its markup; written anew it would lose "
            + ", ".join(hidden),
        )
        return
    prefix = text[start:core]
    replacement = prefix + (
        escape_inline(new.text, in_value=False) if prefix else escape_paragraph(new.text)
    )
    if quote is not None:
        # The quotation was a paragraph of its own however it was written; its plain
        # text must not run on into the lines around it.
        if start > 0 and text[start - 1] != "\n":
            replacement = "\n\n" + replacement
        elif start > 1 and text[start - 2] != "\n":
            replacement = "\n" + replacement
        if text[end : end + 1] == "\n" and text[end + 1 : end + 2] not in ("\n", ""):
            replacement += "\n"
    builder.edits.append((start, end, replacement))
    builder.note(ChangeKind.PARAGRAPH_CHANGED, label, start)
    builder.note(
        ChangeKind.REPLACED,
        label,
        start,
        "the paragraph was written anew"
        + (": " + ", ".join(hidden) + " not kept" if hidden else ""),
    )


@attrs.frozen
class _Quotation:
    """A paragraph that is one quotation: a <blockquote> or a quotation template.

    The reader shows it as ``opening + contents + closing`` (the curly quotes, and a
    template's credit after them); ``contents`` is the source of the quoted text,
    None when there is none to splice in."""

    contents: Code | None
    opening: str
    closing: str
    positional: bool = False  # a template's unnamed argument
    in_template: bool = False

    def inner(self, old: str, new: str) -> tuple[str, str] | None:
        """The quoted text before and after the edit, or None when the edit touched
        the quotes or the credit."""
        outside = len(self.opening) + len(self.closing)
        for text in (old, new):
            if not (
                len(text) > outside
                and text.startswith(self.opening)
                and text.endswith(self.closing)
            ):
                return None
        return old[len(self.opening) : -len(self.closing)], new[
            len(self.opening) : -len(self.closing)
        ]

    def escape(self, text: str) -> str:
        # Inside a template's argument a pipe would end it, and an equals sign would
        # turn an unnamed argument into a named one.
        escaped = escape_inline(text, in_value=self.in_template)
        return escaped.replace("=", "&#61;") if self.positional else escaped


_QUOTED_PARAGRAPH = _Quotation(None, "\u201c", "\u201d")


def _in_blockquote(original: Original, start: int, end: int) -> bool:
    """Whether the span from ``start`` to ``end`` lies inside a top-level <blockquote>."""
    return any(
        isinstance(node, Tag)
        and not node.wiki_markup
        and php_trim(node.name).lower() == "blockquote"
        and node.start < start
        and end < node.end
        for node in original.tree.nodes
        if not isinstance(node, str)
    )


# The arguments a quotation template takes its text from, in the reader's order.
_QUOTED_TEXT = ("text", "quote", "1")


def _rename_section(
    builder: Builder, old: _Block, new: _Block, span: tuple[int, int], label: str
) -> None:
    original = builder.original
    text = original.text
    start, end = span
    node = next(
        (n for n in original.tree.nodes if not isinstance(n, str) and n.start == start), None
    )
    signs = old.level
    if node is None and not text[start:end].strip("="):
        # A line of "=" alone ("===" reads "=" at level 1, "=====" at level 2): the
        # level's signs are half of them less one, at most 6.
        signs = min(6, (end - start - 1) // 2)
    title_start, title_end = start + signs, end - signs
    nodes: list[Node | str] = [text[title_start:title_end]]
    if node is not None and isinstance(node, Heading):
        title_start, title_end = node.title.start, node.title.end
        nodes = list(node.title.nodes)
    written = text[title_start:title_end]
    # The heading's padding is ASCII whitespace, as MediaWiki trims it.
    inner_start = title_start + len(written) - len(written.lstrip(" \t"))
    inner_end = title_start + len(written.rstrip(" \t"))
    before = text[start:title_start]
    after = text[title_end:end]
    if new.level != old.level:
        before = "=" * new.level + before.lstrip("=")
        after = after.rstrip("=") + "=" * new.level
    # An anchor or a comment in the heading stays when the edit did not touch it.
    spliced = splice(
        original, nodes, title_start, title_end, old.text, new.text,
        in_value=False, escape=escape_heading, allow_loss=builder.allow_loss,
    )  # fmt: skip
    if spliced is not None and spliced.refusals:
        builder.refuse_all(spliced.refusals, label)
        return
    if spliced is not None:
        edits, notes = spliced.edits, spliced.notes
        heading = _heading_source(before, apply_edits(text, title_start, title_end, edits), after)
        if _heading_reads_as(heading, new):
            builder.edits.append((start, end, heading))
            builder.note(ChangeKind.SECTION_RENAMED, label, start, f"→ {new.text!r}")
            builder.spliced(notes, label)
            return
    hidden = constructs(original, nodes)
    if hidden and not builder.allow_loss:
        builder.refuse(
            ChangeKind.CANNOT_PLACE,
            label,
            start,
            "the edit cannot be placed inside its markup; written anew it would lose "
            + ", ".join(hidden),
        )
        return
    title = text[title_start:inner_start] + escape_heading(new.text) + text[inner_end:title_end]
    builder.edits.append((start, end, _heading_source(before, title, after)))
    builder.note(ChangeKind.SECTION_RENAMED, label, start, f"→ {new.text!r}")
    if hidden:
        builder.note(
            ChangeKind.REPLACED,
            label,
            start,
            "the heading was written anew: " + ", ".join(hidden) + " not kept",
        )


def _heading_source(before: str, title: str, after: str) -> str:
    """A heading's source from its opening signs, its title and its closing signs, with a
    space between the signs and an ``=`` at an end of the title: ``==Foo==`` renamed
    ``= Foo =`` is written ``== = Foo = ==``, where ``=== Foo ===`` would be a level-3
    heading reading ``Foo``."""
    if (title.startswith("=") and before.endswith("=")) or (
        title.endswith("=") and after.startswith("=")
    ):
        before += " " if before.endswith("=") else ""
        after = (" " if after.startswith("=") else "") + after
    return before + title + after


def _heading_reads_as(source: str, expected: _Block) -> bool:
    article = parse_wikitext_lossy(source, title="Check").article
    return (
        not article.lead
        and len(article.sections) == 1
        and article.sections[0].heading == expected.text
        and article.sections[0].level == expected.level
        and not article.sections[0].paragraphs
        and not article.sections[0].subsections
    )


def _quotation(original: Original, nodes: Sequence[Node | str]) -> _Quotation | None:
    """The quotation that is the whole paragraph, or None."""
    if len(nodes) != 1:
        return None
    node = nodes[0]
    if isinstance(node, Tag) and not node.wiki_markup:
        if php_trim(node.name).lower() != "blockquote":
            return None
        return _Quotation(node.contents, "\u201c", "\u201d")
    if not isinstance(node, Template) or not all(isinstance(p, str) for p in node.name.nodes):
        return None
    key = template_key("".join(str(part) for part in node.name.nodes))[0]
    if QUOTE_HANDLER is None or handler_for(key) is not QUOTE_HANDLER:
        return None
    # As MediaWiki numbers them: unnamed arguments from 1, and the last of a name wins.
    arguments: dict[str, Code] = {}
    number = 0
    for parameter in node.params:
        if parameter.name is not None:
            arguments[php_trim(parameter.name.source)] = parameter.value
        else:
            number += 1
            arguments[str(number)] = parameter.value
    whole = finish(original.display(node), line_break=" ")
    for name in _QUOTED_TEXT:
        value = arguments.get(name)
        if value is None:
            continue
        shown = finish(original.display_code(value), line_break=" ")
        if not shown:
            continue
        opening = "\u201c"
        if not whole.startswith(opening + shown + "\u201d"):
            return _Quotation(None, opening, "")  # shown otherwise: not spliced
        positional = not any(
            parameter.name is not None and parameter.value is value for parameter in node.params
        )
        closing = whole[len(opening) + len(shown) :]
        return _Quotation(value, opening, closing, positional=positional, in_template=True)
    return _Quotation(None, "", "")


def _paragraph_reads_as(source: str, expected: str) -> bool:
    article = parse_wikitext_lossy(source, title="Check").article
    return article.lead == (expected,) and not article.sections


# A paragraph's source may be this many times its shown text (references, templates),
# beyond this many characters, before it is taken for more than it looks.
_SOURCE_PER_SHOWN = 20
_LARGE = 20_000


def _too_big(builder: Builder, span: tuple[int, int], shown: str, label: str) -> bool:
    """Refuse to edit a paragraph whose source holds a heading, or is far larger than
    the text it shows: the read of the page went wrong there (a construct left open
    that swallowed what follows), and an edit of it would rewrite what it swallowed."""
    start, end = span
    source = builder.original.text[start:end]
    lines = source.split("\n")
    # A line after the first that MediaWiki reads as a heading.
    heading = next(
        (
            number
            for number, line in enumerate(lines[1:], 2)
            if line.startswith("=")
            and len(line.rstrip(" \t")) > 2  # "==" alone is text
            and line.rstrip(" \t").endswith("=")
        ),
        None,
    )
    if heading is None and not (
        len(source) > _LARGE and len(source) > _SOURCE_PER_SHOWN * max(len(shown), 1)
    ):
        return False
    why = (
        f"a heading on its line {heading}"
        if heading is not None
        else f"{len(source)} characters of source for {len(shown)} shown"
    )
    builder.refuse(
        ChangeKind.TOO_BIG,
        label,
        start,
        f"its source runs over {len(lines)} lines and holds {why}: the page is not read right "
        "there, and the edit could rewrite more than it shows",
    )
    return True


# An edit that removes more than this share of a page's paragraphs (or references),
# beyond a few, is taken for the text of another page, or of none.
_MOST = 0.5
_FEW_PARAGRAPHS = 2
_FEW_REFERENCES = 3
_REFERENCE_OPENING = re.compile(r"<ref\b[^>]*>", re.IGNORECASE | re.ASCII)


def check_identity(
    builder: Builder, after: Article, title: str | None, *, removals: bool = True
) -> None:
    """Refuse (unless losses are allowed) an edit that is not one of this page: it names
    another page, or (``removals``) it would remove the whole lead, or most of the
    page's paragraphs or references, which an editor's edit of this page does not."""
    if builder.allow_loss:
        return
    original = builder.original
    before = original.article
    if title is not None and capitalise_first(title_text(after.title)) != capitalise_first(
        title_text(title)
    ):
        builder.refuse(
            ChangeKind.NOT_THIS_PAGE,
            f"the edited article is {after.title!r}, the page {title!r}",
            0,
        )
    if not removals or body_of(before) == body_of(after):
        return
    old, new = _blocks(before), _blocks(after)
    pairs = _pairs(old, new)
    paragraphs = [i for i, block in enumerate(old) if block.level == 0]
    removed = [i for i, j in pairs if j is None and i is not None and old[i].level == 0]
    kept_lead = [i for i, j in pairs if i is not None and j is not None and i < len(before.lead)]
    if paragraphs and (
        len(removed) == len(paragraphs)
        or len(removed) > max(_FEW_PARAGRAPHS, int(len(paragraphs) * _MOST))
    ):
        builder.refuse(
            ChangeKind.NOT_THIS_PAGE,
            f"it would remove {len(removed)} of the page's {len(paragraphs)} paragraphs",
            original.spans[removed[0]][0],
            "give the page the text was read from as the base, or allow the loss",
        )
        return
    if before.lead and after.lead and not kept_lead:
        builder.refuse(
            ChangeKind.NOT_THIS_PAGE,
            "its lead shares no paragraph with the page's",
            original.spans[0][0],
        )
        return
    text = original.text
    total = len(_REFERENCE_OPENING.findall(text))
    gone = sum(len(_REFERENCE_OPENING.findall(text, *original.spans[i])) for i in removed)
    if gone > max(_FEW_REFERENCES, int(total * _MOST)):
        builder.refuse(
            ChangeKind.NOT_THIS_PAGE,
            f"it would remove {gone} of the page's {total} references",
            original.spans[removed[0]][0],
            "give the page the text was read from as the base, or allow the loss",
        )
