"""The original page as the editor sees it: its text, its lossy read, the reader's tree
and source spans, and the edits collected against it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from wikiround._text import is_blank, words
from wikiround.editing._changes import Change, ChangeKind, Edit, EditError
from wikiround.lossy._infobox import template_text
from wikiround.lossy._reader import read
from wikiround.lossy._tree import (
    Code,
    Comment,
    Entity,
    ExternalLink,
    Heading,
    Node,
    Reference,
    Tag,
    Template,
    Wikilink,
    parse,
)
from wikiround.model import is_infobox_name

__all__ = [
    "Builder",
    "Original",
    "apply_edits",
    "change_start",
    "change_starts",
    "constructs",
    "constructs_at",
    "describe",
    "element_nodes",
    "find_infobox",
    "line_start",
    "nodes_between",
    "top_level_end",
    "top_level_start",
]


class Original:
    """The original text, its lossy read, tree and source spans, and the reader to ask
    what a node displays."""

    def __init__(self, text: str, title: str) -> None:
        self.text = text
        self.article, body = read(text, title)
        self.recorder = body.recorder
        self.renderer = body.renderer
        self.names = body.infobox
        self.tree = body.tree
        # The text the tree was read from: the original's length, references marked.
        self._prepared = body.text
        self.spans = body.spans
        # Per paragraph and heading: where a table's text comes from (a row, a caption,
        # see wikiround.lossy._tables.TableText), else None.
        self.origins = body.origins
        infobox = find_infobox(self)
        if infobox is not None:
            for index, (start, end) in enumerate(self.spans):
                if start <= infobox.start < end and is_blank(text[start : infobox.start]):
                    # A paragraph that runs on from the infobox's closing braces
                    # ("}}Text"): the infobox is its own element, not the paragraph's.
                    self.spans[index] = (infobox.end, end)
        self._line_starts = [0]
        self._line_starts.extend(match.end() for match in re.finditer("\n", text))

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def code(self, start: int, end: int) -> Code:
        """The source from ``start`` to ``end`` read on its own as the reader reads a
        table cell's content (its nodes at the original's offsets)."""
        return parse(self._prepared[start:end], start, self.renderer.references)

    def display(self, node: Node) -> str:
        """What ``node`` shows, with the reader's break markers left in."""
        entries = len(self.recorder.entries)
        shown = self.renderer.node(node)
        del self.recorder.entries[entries:]
        return shown

    def display_code(self, code: Code) -> str:
        """What ``code`` (a template's argument) shows, as :meth:`display`."""
        entries = len(self.recorder.entries)
        shown = self.renderer.inline(code)
        del self.recorder.entries[entries:]
        return shown


def describe(source: str, node: Node) -> str:
    what = "link" if isinstance(node, Wikilink) else type(node).__name__.lower()
    text = " ".join(words(source))
    if len(text) > 60:
        text = text[:59] + "…"
    if isinstance(node, Reference):
        text = node.detail
    return f"{what} {text}"


def find_infobox(original: Original) -> Template | None:
    for node in original.tree.nodes:
        if (
            isinstance(node, Template)
            and all(isinstance(part, (str, Comment)) for part in node.name.nodes)
            and is_infobox_name(template_text(node))
        ):
            return node
    return None


# A reference's opening tag (or a reuse, "<ref name=x />"), and the name in it.
_REFERENCE_TAG = re.compile(r"<ref\b[^<>]*>", re.IGNORECASE | re.ASCII)
_REFERENCE_NAME = re.compile(
    r"\bname\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'/>]+))", re.IGNORECASE | re.ASCII
)
_REFERENCE_END = re.compile(r"</ref\s*>", re.IGNORECASE | re.ASCII)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def _named_tags(text: str) -> list[tuple[str, bool, int, int]]:
    """``(name, is a reuse, start, end)`` of each named reference tag in ``text`` (not
    in a comment, where it is no reference)."""
    found: list[tuple[str, bool, int, int]] = []
    comments = [match.span() for match in _COMMENT.finditer(text)] if "<!--" in text else []
    starts = [start for start, _ in comments]
    for match in _REFERENCE_TAG.finditer(text):
        inside = bisect.bisect_right(starts, match.start()) - 1
        if inside >= 0 and match.start() < comments[inside][1]:
            continue
        named = _REFERENCE_NAME.search(match.group())
        if named is None:
            continue
        name = next((group for group in named.groups() if group is not None), "")
        reuse = match.group().endswith("/>")
        found.append((" ".join(words(name)), reuse, match.start(), match.end()))
    return found


def _named_references(text: str) -> dict[str, tuple[int, int, int | None]]:
    """Per reference name: where its definition starts and ends, or where its first
    reuse is (``(start, end, start)`` for a name only reused)."""
    found: dict[str, tuple[int, int, int | None]] = {}
    for name, reuse, start, end in _named_tags(text):
        if reuse:
            found.setdefault(name, (start, end, start))
            continue
        closing = _REFERENCE_END.search(text, end)
        if closing is None:
            continue
        known = found.get(name)
        if known is None or known[2] is not None:
            found[name] = (start, closing.end(), None)
    return found


class Builder:
    """Collects edits to the original and the changes they make."""

    def __init__(self, original: Original, *, allow_loss: bool = False) -> None:
        self.original = original
        self.allow_loss = allow_loss
        self.edits: list[tuple[int, int, str]] = []
        self.changes: list[tuple[int, Change]] = []
        self.refusals: list[tuple[int, Change]] = []

    def note(self, kind: ChangeKind, target: str, offset: int, detail: str = "") -> None:
        line, column = self.original.where(offset)
        self.changes.append((offset, Change(kind, target, line, column, detail)))

    def refuse(self, kind: ChangeKind, target: str, offset: int, detail: str = "") -> None:
        """A reason the edit cannot be made: :meth:`result` raises EditError."""
        line, column = self.original.where(offset)
        self.refusals.append((offset, Change(kind, target, line, column, detail)))

    def refuse_all(self, reasons: Sequence[tuple[ChangeKind, str, int]], where: str) -> None:
        for kind, detail, offset in reasons:
            self.refuse(kind, detail, offset, f"in {where}")

    def spliced(self, notes: Sequence[tuple[ChangeKind, str, int]], where: str) -> None:
        for kind, detail, offset in notes:
            self.note(kind, detail, offset, f"in {where}")

    def result(self) -> Edit:
        if self.refusals:
            raise EditError([change for _, change in sorted(self.refusals, key=lambda r: r[0])])
        text = self.original.text
        pieces: list[str] = []
        cursor = 0
        for start, end, replacement in sorted(self.edits, key=lambda edit: (edit[0], edit[1])):
            if start < cursor:
                raise AssertionError("overlapping edits")  # a bug in this module
            pieces.append(text[cursor:start])
            pieces.append(replacement)
            cursor = end
        pieces.append(text[cursor:])
        result = self.keep_named_definitions("".join(pieces))
        changes = [change for _, change in sorted(self.changes, key=lambda item: item[0])]
        return Edit(result, changes)

    def keep_named_definitions(self, result: str) -> str:
        """``result`` with the definition of each named reference the edit removed put
        in place of the first reuse that remains: a reuse without its definition is an
        error on the page."""
        if "<ref" not in result and "<REF" not in result:
            return result
        defined = _named_references(result)
        for name, (start, end, reuse) in _named_references(self.original.text).items():
            if reuse is not None or (name in defined and defined[name][2] is None):
                continue  # still defined
            reuses = [
                (at, until) for named, reuse, at, until in _named_tags(result)
                if reuse and named == name
            ]  # fmt: skip
            if not reuses:
                continue
            at, until = reuses[0]
            definition = self.original.text[start:end]
            result = result[:at] + definition + result[until:]
            self.changes = [
                (offset, change)
                for offset, change in self.changes
                if not (offset == start and change.kind is ChangeKind.REMOVED_WITH)
            ]
            # Listed where it went: the first reuse on the page that no edit took.
            kept = [
                at
                for named, reuse, at, _ in _named_tags(self.original.text)
                if reuse and named == name and not any(s <= at < e for s, e, _ in self.edits)
            ]
            line, _ = self.original.where(start)
            self.note(
                ChangeKind.REFERENCE_MOVED,
                f"<ref name={name}>",
                kept[0] if kept else start,
                f"its definition, from line {line}, where the text it stood in was removed",
            )
            defined = _named_references(result)
        return result


def change_start(text: str, start: int, edits: list[tuple[int, int, str]]) -> int:
    """Where a change of the element at ``start`` is reported: there, or where the text
    changed when that is on a later line (a paragraph may run over several)."""
    first = min((edit[0] for edit in edits), default=start)
    return start if "\n" not in text[start:first] else first


def change_starts(text: str, start: int, edits: list[tuple[int, int, str]]) -> list[int]:
    """Where a change of the element at ``start`` is reported: as :func:`change_start`
    says, and again where each later run of lines the edits change begins (a paragraph
    over several lines, changed in two of them with a line left alone between)."""
    found = [change_start(text, start, edits)]
    last_line = -1  # the last line (counted from ``start``) an edit changed
    for edit_start, edit_end, _ in sorted(edits):
        first_line = text.count("\n", start, edit_start)
        if last_line >= 0 and first_line > last_line + 1:
            found.append(edit_start)
        end_line = text.count("\n", start, max(edit_start, edit_end - 1))
        last_line = max(last_line, end_line)
    return found


def constructs_at(original: Original, nodes: Sequence[Node | str]) -> list[tuple[str, int]]:
    """The constructs among ``nodes``, each described, with its offset."""
    found: list[tuple[str, int]] = []
    for node in nodes:
        if isinstance(node, (str, Entity)):
            continue
        found.append((describe(original.text[node.start : node.end], node), node.start))
    return found


def constructs(original: Original, nodes: Sequence[Node | str]) -> list[str]:
    return [
        describe(original.text[node.start : node.end], node)
        for node in nodes
        if not isinstance(node, str) and not isinstance(node, Entity)
    ]


def nodes_between(code: Code, start: int, end: int) -> list[Node | str]:
    """``code``'s nodes cut to the span from ``start`` to ``end`` (text runs are cut)."""
    result: list[Node | str] = []
    position = code.start
    for node in code.nodes:
        if isinstance(node, str):
            node_start, node_end = position, position + len(node)
            position = node_end
            cut_start, cut_end = max(node_start, start), min(node_end, end)
            if cut_start < cut_end:
                result.append(node[cut_start - node_start : cut_end - node_start])
            elif cut_start == cut_end == start and not result and node_start <= start <= node_end:
                continue
            continue
        position = node.end
        if node.start >= start and node.end <= end:
            result.append(node)
    return result


def element_nodes(code: Code, start: int, end: int) -> tuple[list[Node | str], bool] | None:
    """The nodes whose source is the span from ``start`` to ``end``, and whether that
    span lies inside a construct (a table's cell, a file's caption) rather than at the
    top of ``code``; None when a construct straddles the span's edges, so that the span
    is not whole markup."""
    for node in code.nodes:
        if isinstance(node, str) or node.end <= start or node.start >= end:
            continue
        if start <= node.start and node.end <= end:
            continue
        if node.start <= start and end <= node.end:
            for inner in _codes_of(node):
                if inner.start <= start and end <= inner.end:
                    found = element_nodes(inner, start, end)
                    return None if found is None else (found[0], True)
        return None
    return nodes_between(code, start, end), False


def _codes_of(node: Node) -> list[Code]:
    """The runs of nodes inside ``node`` that its text may come from."""
    if isinstance(node, Tag):
        return [] if node.contents is None else [node.contents]
    if isinstance(node, Template):
        return [parameter.value for parameter in node.params]
    if isinstance(node, Wikilink):
        return [node.title] if node.text is None else [node.text]
    if isinstance(node, ExternalLink):
        return [] if node.title is None else [node.title]
    if isinstance(node, Heading):
        return [node.title]
    return []


def top_level_end(code: Code, position: int) -> int:
    """``position``, or the end of the top-level construct it lies inside."""
    for node in code.nodes:
        if not isinstance(node, str) and node.start < position < node.end:
            return node.end
    return position


def top_level_start(code: Code, position: int) -> int:
    """``position``, or the start of the top-level construct it lies inside."""
    for node in code.nodes:
        if not isinstance(node, str) and node.start < position < node.end:
            return node.start
    return position


def apply_edits(text: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    cursor = start
    for edit_start, edit_end, replacement in sorted(edits):
        pieces.append(text[cursor:edit_start])
        pieces.append(replacement)
        cursor = edit_end
    pieces.append(text[cursor:end])
    return "".join(pieces)


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1
