"""Apply an edit made in plain text or in the model onto an article's original wikitext.

Reading a real article with :func:`~wikiround.lossy.parse_wikitext_lossy` and
writing it back with :func:`~wikiround.wikitext.render_wikitext` loses its references,
links, files and categories. :func:`apply_edit` does not write the article anew: it
reads the original, compares what that read gave with the edited article, and rewrites
only the source text of what changed. Everything the edit did not touch stays byte for
byte; every change is listed with where it happened. docs/editing.md explains the rules.
"""

from __future__ import annotations

import bisect
import difflib
import enum
import functools
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from wikiround._mediawiki import title_text
from wikiround._text import PHP_TRIMMED, is_blank, php_trim, words
from wikiround.catalogue import CATALOGUE, lookup
from wikiround.dates import DateStyle, parse_date
from wikiround.errors import WikiroundError
from wikiround.lossy import parse_wikitext_lossy
from wikiround.lossy._infobox import _template_text
from wikiround.lossy._inline import finish
from wikiround.lossy._quotes import formatting_runs
from wikiround.lossy._reader import read
from wikiround.lossy._templates import (
    LINE_BREAK,
    LINK_CLOSE,
    LINK_OPEN,
    LIST_BREAK,
    SPACES,
    handler_for,
    template_key,
)
from wikiround.lossy._tree import (
    Code,
    Comment,
    Entity,
    Heading,
    Node,
    Reference,
    Tag,
    Template,
    Wikilink,
)
from wikiround.model import Article, Infobox, is_infobox_name
from wikiround.officeholder import _record_of, suffix_sort_key
from wikiround.plaintext import parse_plaintext
from wikiround.wikitext._escape import (
    _escape_inline,
    escape_heading,
    escape_paragraph,
    escape_value,
)
from wikiround.wikitext._writer import _infobox as render_infobox

__all__ = ["Change", "ChangeKind", "Edit", "EditError", "apply_edit"]


class ChangeKind(str, enum.Enum):
    """What one change did to the original wikitext."""

    PARAMETER_CHANGED = "parameter changed"
    PARAMETER_ADDED = "parameter added"
    PARAMETER_REMOVED = "parameter removed"
    TEMPLATE_RENAMED = "infobox template renamed"
    INFOBOX_ADDED = "infobox added"
    INFOBOX_REMOVED = "infobox removed"
    PARAGRAPH_CHANGED = "paragraph changed"
    PARAGRAPH_ADDED = "paragraph added"
    PARAGRAPH_REMOVED = "paragraph removed"
    SECTION_ADDED = "section added"
    SECTION_RENAMED = "section renamed"
    SECTION_REMOVED = "section removed"
    DATE_REWRITTEN = "date template rewritten"
    MARKUP_REPLACED = "markup replaced by text"
    REMOVED_WITH = "removed with its element"
    REPLACED = "replaced whole"

    @property
    def is_warning(self) -> bool:
        """True for a change the caller should look at: markup became text, or an
        element was rewritten whole because the edit could not be placed within it."""
        return self in (ChangeKind.MARKUP_REPLACED, ChangeKind.REPLACED)


@attrs.frozen
class Change:
    """One change: its kind, what it touched and where that starts in the original.

    ``line`` and ``column`` are 1-based, the column counts characters. ``target``
    names the element (``term_start1``, ``paragraph 2 of "Early life"``) and ``detail``
    says more (the construct replaced, the reason for a whole replacement).
    """

    kind: ChangeKind
    target: str
    line: int
    column: int
    detail: str = ""

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.line}:{self.column}: {self.kind.value}: {self.target}{detail}"


def _to_changes(value: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(value)


@attrs.frozen
class Edit:
    """The result of :func:`apply_edit`: the new wikitext and the changes made."""

    wikitext: str
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_to_changes)

    @property
    def warnings(self) -> tuple[Change, ...]:
        """The changes that replaced markup by text or an element whole."""
        return tuple(change for change in self.changes if change.kind.is_warning)

    def summary(self) -> str:
        """One line for a terminal: ``3 changes (1 warning)`` or ``no change``."""
        if not self.changes:
            return "no change"
        count = len(self.changes)
        text = f"{count} change{'s' if count != 1 else ''}"
        warnings = len(self.warnings)
        if warnings:
            text += f" ({warnings} warning{'s' if warnings != 1 else ''})"
        return text


class EditError(WikiroundError):
    """``apply_edit(…, strict=True)`` met a change it could only make by replacement.

    ``changes`` lists every change that would have needed it.
    """

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = tuple(changes)
        listed = "; ".join(str(change) for change in self.changes)
        super().__init__(f"the edit cannot be placed without replacing markup: {listed}")


# --- reading the original ---------------------------------------------------------


class _Original:
    """The original text, its lossy read, tree and source spans, and the reader to ask
    what a node displays."""

    def __init__(self, text: str, title: str) -> None:
        self.text = text
        self.article, body = read(text, title)
        self.recorder = body.recorder
        self.renderer = body.renderer
        self.names = body.infobox
        self.tree = body.tree
        self.spans = body.spans
        infobox = _find_infobox(self)
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


# --- splicing at the level of text runs -------------------------------------------


@attrs.define
class _Segment:
    """A piece of an element's source: a text run (shown as written) or a construct."""

    start: int
    end: int
    shown: str
    node: Node | _Formatting | None  # None for a text run


def _describe(source: str, node: Node | _Formatting) -> str:
    what = "link" if isinstance(node, Wikilink) else type(node).__name__.lower().lstrip("_")
    text = " ".join(words(source))
    if len(text) > 60:
        text = text[:59] + "…"
    if isinstance(node, Reference):
        text = node.detail
    return f"{what} {text}"


def _segments(
    original: _Original, nodes: Sequence[Node | str], start: int, line_break: str
) -> list[_Segment] | None:
    """The element's top-level nodes as segments; None when one cannot be shown alone."""
    segments: list[_Segment] = []
    position = start
    for node in nodes:
        if isinstance(node, str):
            end = position + len(node)
            if "__" in node or "\x7f" in node:
                return None
            if "''" in node:
                segments.extend(_text_and_formatting(original.text, node, position))
            else:
                segments.append(_Segment(position, end, node, None))
            position = end
            continue
        shown = original.display(node)
        if shown == LINE_BREAK:
            shown = line_break
        elif shown == LIST_BREAK and isinstance(node, Tag) and node.wiki_markup:
            shown = ""
        elif any(mark in shown for mark in (LINE_BREAK, LIST_BREAK, LINK_OPEN, LINK_CLOSE)):
            shown = finish(shown, line_break=line_break)
        segments.append(_Segment(node.start, node.end, shown, node))
        position = node.end
    return segments


@attrs.frozen
class _Formatting:
    """A run of apostrophes that is bold or italic markup (in part: a run may show some
    of its apostrophes, see wikiround.lossy._quotes). Not a tree node: the tree holds
    apostrophes as text."""

    start: int
    end: int


def _text_and_formatting(text: str, node: str, position: int) -> list[_Segment]:
    """The segments of a text node holding runs of apostrophes: text runs, and each run
    as a construct showing the apostrophes MediaWiki shows of it, judged on its line."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    markup = {line_start + start: size for start, _, size in formatting_runs(line)}
    segments: list[_Segment] = []
    done = position
    end = position + len(node)
    for run in re.finditer("'{2,}", node):
        start, stop = position + run.start(), position + run.end()
        size = markup.get(start, 0)
        if size == 0:
            continue  # all text
        literal = stop - start - size
        if start + literal > done:
            segments.append(_Segment(done, start + literal, text[done : start + literal], None))
        segments.append(_Segment(start + literal, stop, "", _Formatting(start + literal, stop)))
        done = stop
    if done < end:
        segments.append(_Segment(done, end, text[done:end], None))
    return segments


# A run of what the lossy reader shows as text: it collapses only SPACES (finish()), so
# U+3000 or U+2028 is part of a word here too.
_SHOWN_WORD = re.compile(f"[^{SPACES}]+")
# What a construct may display and still show nothing: spaces and the reader's markers.
_SHOWS_NOTHING = SPACES + LINE_BREAK + LIST_BREAK + LINK_OPEN + LINK_CLOSE


def _collapsed(segments: list[_Segment]) -> tuple[str, list[tuple[int, int]]]:
    """The segments' text with whitespace runs as one space, trimmed, and for each of
    its characters the span ``(start, end)`` of the joined segments' text it stands for."""
    joined = "".join(segment.shown for segment in segments)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _SHOWN_WORD.finditer(joined):
        if out:
            out.append(" ")
            spans.append((match.start() - 1, match.start()))  # the run's last character
        for offset in range(match.start(), match.end()):
            out.append(joined[offset])
            spans.append((offset, offset + 1))
    return "".join(out), spans


def _splice(
    original: _Original,
    nodes: Sequence[Node | str],
    start: int,
    end: int,
    old: str,
    new: str,
    *,
    in_value: bool,
    escape: Callable[[str], str] | None = None,
) -> tuple[list[tuple[int, int, str]], list[tuple[ChangeKind, str, int]]] | None:
    """Edits turning the source between ``start`` and ``end`` (showing ``old``) into
    source showing ``new``, keeping every construct whose text the edit did not touch.

    Returns ``(edits, notes)``: edits as ``(start, end, text)``, notes as ``(kind,
    detail, offset)``; None when the element cannot be spliced with confidence.
    ``escape`` writes new text (default: as an infobox value or a paragraph is written).
    """
    line_break = ", " if in_value else " "
    if escape is None:
        escape = functools.partial(_escape_inline, in_value=in_value)
    segments = _segments(original, nodes, start, line_break)
    if segments is None:
        return None
    shown, spans = _collapsed(segments)
    if shown != old:
        return None
    joined_starts: list[int] = []
    total = 0
    for segment in segments:
        joined_starts.append(total)
        total += len(segment.shown)

    def locate(joined_offset: int) -> int:
        return bisect.bisect_right(joined_starts, joined_offset) - 1

    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_from, old_to = prefix, len(old) - suffix
    new_from, new_to = prefix, len(new) - suffix
    # Widen the change over whole constructs it touches (their text is replaced).
    touched: list[int] = []
    if old_from < old_to:
        first = locate(spans[old_from][0])
        last = locate(spans[old_to - 1][1] - 1)
        touched = [
            index
            for index in range(first, last + 1)
            if segments[index].node is not None and segments[index].shown
        ]
    else:
        before = locate(spans[old_from - 1][0]) if old_from > 0 else None
        after = locate(spans[old_from][0]) if old_from < len(old) else None
        if before is not None and before == after and segments[before].node is not None:
            touched = [before]  # an insertion inside a construct's text
        else:
            # An insertion: into a text run beside it when there is one.
            if before is not None and segments[before].node is None:
                offset = _source_end(
                    segments[before], joined_starts[before], spans[old_from - 1][1]
                )
            elif after is not None and segments[after].node is None:
                offset = _source_offset(segments[after], joined_starts[after], spans[old_from][0])
            elif before is not None:
                offset = segments[before].end
            elif after is not None:
                offset = segments[after].start
            else:
                offset = segments[0].start if segments else start
            return [(offset, offset, escape(new[new_from:new_to]))], []
    if len(touched) == 1:
        inner = _splice_formatting(
            original, segments[touched[0]], spans, joined_starts[touched[0]], old, new,
            old_from, old_to, in_value=in_value, escape=escape,
        )  # fmt: skip
        if inner is not None:
            return inner
    if touched:
        tail = segments[touched[-1]]
        cover_from = min(old_from, _display_start(spans, joined_starts[touched[0]]))
        tail_end = joined_starts[touched[-1]] + len(tail.shown)
        cover_to = max(old_to, _display_end(spans, tail_end))
        new_from -= old_from - cover_from
        new_to += cover_to - old_to
        old_from, old_to = cover_from, cover_to
    first = locate(spans[old_from][0])
    last = locate(spans[old_to - 1][1] - 1)
    source_from = _source_offset(segments[first], joined_starts[first], spans[old_from][0])
    source_to = _source_end(segments[last], joined_starts[last], spans[old_to - 1][1])
    replacement = new[new_from:new_to]
    notes: list[tuple[ChangeKind, str, int]] = []
    if len(touched) == 1 and old_from == _display_start(spans, joined_starts[touched[0]]):
        segment = segments[touched[0]]
        date = _rewrite_date(original, segment, replacement)
        if date is not None and segment.start == source_from and segment.end == source_to:
            notes.append(
                (
                    ChangeKind.DATE_REWRITTEN,
                    _describe(original.text[segment.start : segment.end], segment.node)
                    if segment.node
                    else "",
                    segment.start,
                )
            )
            return [(source_from, source_to, date)], notes
    for index in touched:
        segment = segments[index]
        assert segment.node is not None
        detail = _describe(original.text[segment.start : segment.end], segment.node)
        notes.append((ChangeKind.MARKUP_REPLACED, detail + " replaced by text", segment.start))
    for segment in segments[first : last + 1]:
        if (
            segment.node is not None
            and not segment.shown
            and source_from <= segment.start
            and segment.end <= source_to
        ):
            detail = _describe(original.text[segment.start : segment.end], segment.node)
            notes.append((ChangeKind.REMOVED_WITH, detail, segment.start))
    return [(source_from, source_to, escape(replacement))], notes


def _splice_formatting(
    original: _Original,
    segment: _Segment,
    spans: list[tuple[int, int]],
    joined_start: int,
    old: str,
    new: str,
    old_from: int,
    old_to: int,
    *,
    in_value: bool,
    escape: Callable[[str], str],
) -> tuple[list[tuple[int, int, str]], list[tuple[ChangeKind, str, int]]] | None:
    """A change that lies inside bold or italic text, spliced inside it: the
    formatting is not markup the edit touched."""
    node = segment.node
    if not (isinstance(node, Tag) and node.wiki_markup and node.name in ("b", "i")):
        return None
    if node.contents is None:
        return None
    inside_from = _display_start(spans, joined_start)
    inside_to = _display_end(spans, joined_start + len(segment.shown))
    if not inside_from <= old_from <= old_to <= inside_to:
        return None
    changed = new[inside_from : len(new) - (len(old) - inside_to)]
    contents = node.contents
    return _splice(
        original,
        contents.nodes,
        contents.start,
        contents.end,
        old[inside_from:inside_to],
        changed,
        in_value=in_value,
        escape=escape,
    )


def _display_start(spans: list[tuple[int, int]], joined_offset: int) -> int:
    """The first display offset whose source is at or after ``joined_offset``."""
    return bisect.bisect_left([span[1] for span in spans], joined_offset + 1)


def _display_end(spans: list[tuple[int, int]], joined_end: int) -> int:
    return bisect.bisect_right([span[0] for span in spans], joined_end - 1)


def _source_offset(segment: _Segment, joined_start: int, joined_offset: int) -> int:
    if segment.node is not None:
        return segment.start
    return segment.start + joined_offset - joined_start


def _source_end(segment: _Segment, joined_start: int, joined_end: int) -> int:
    if segment.node is not None:
        return segment.end
    return segment.start + joined_end - joined_start


# The lossy reader shows every date template with one handler; they share its arguments.
_DATE_HANDLER = handler_for("start date")
# ... and every quotation template with another.
_QUOTE_HANDLER = handler_for("quote")


def _rewrite_date(original: _Original, segment: _Segment, replacement: str) -> str | None:
    """The same date template showing ``replacement``, or None when it is not one."""
    node = segment.node
    if not isinstance(node, Template) or _DATE_HANDLER is None:
        return None
    raw_name = "".join(part for part in node.name.nodes if isinstance(part, str))
    key = template_key(raw_name)[0]
    if handler_for(key) is not _DATE_HANDLER:
        return None
    date = parse_date(replacement)
    if date is None or date.short_month:
        return None
    positional = [param for param in node.params if param.name is None]
    if len(positional) < 1:
        return None
    numbers = [str(n) for n in (date.year, date.month, date.day) if n is not None]
    source = original.text
    pieces: list[str] = []
    cursor = node.start
    written = positional[:3]
    for index, param in enumerate(written):
        if index < len(numbers):
            value = param.value
            stripped = source[value.start : value.end]
            lead = len(stripped) - len(stripped.lstrip(PHP_TRIMMED))
            trail = len(stripped.rstrip(PHP_TRIMMED))
            pieces.append(source[cursor : value.start + lead])
            pieces.append(numbers[index])
            cursor = value.start + max(trail, lead)
        else:
            pieces.append(source[cursor : param.value.start - 1])
            cursor = param.value.end
    if len(numbers) > len(written):
        last_end = written[-1].value.end
        pieces.append(source[cursor:last_end])
        pieces.append("".join("|" + n for n in numbers[len(written) :]))
        cursor = last_end
    pieces.append(source[cursor : node.end])
    rewritten = "".join(pieces)
    if date.style not in (DateStyle.DMY, DateStyle.MDY, DateStyle.MY, DateStyle.YEAR):
        return None
    return rewritten


# --- the infobox --------------------------------------------------------------------


@attrs.define
class _SourceParameter:
    name: str
    pipe: int  # the "|" that opens it
    name_code: Code
    value: Code
    core_start: int  # the value without its outer whitespace
    core_end: int


def _find_infobox(original: _Original) -> Template | None:
    for node in original.tree.nodes:
        if (
            isinstance(node, Template)
            and all(isinstance(part, (str, Comment)) for part in node.name.nodes)
            and is_infobox_name(_template_text(node))
        ):
            return node
    return None


def _source_parameters(original: _Original, node: Template) -> list[_SourceParameter]:
    found: list[_SourceParameter] = []
    text = original.text
    for parameter in node.params:
        if parameter.name is None:
            continue
        written = parameter.name.source
        offset = parameter.name.start + len(written) - len(written.lstrip(PHP_TRIMMED))
        entries = len(original.recorder.entries)
        name = original.names.parameter_name(parameter.name, offset)
        del original.recorder.entries[entries:]
        if name is None:
            continue
        value = parameter.value
        source = text[value.start : value.end]
        # MediaWiki trims a value of ASCII whitespace only: U+0085 and U+2028 are text.
        if source.strip(" \t\n"):
            core_start = value.start + len(source) - len(source.lstrip(" \t\n"))
            core_end = value.start + len(source.rstrip(" \t\n"))
        else:
            core_start = core_end = value.start + len(source) - len(source.lstrip(" \t"))
        found.append(
            _SourceParameter(
                name, parameter.name.start - 1, parameter.name, value, core_start, core_end
            )
        )
    return found


class _Builder:
    """Collects edits to the original and the changes they make."""

    def __init__(self, original: _Original) -> None:
        self.original = original
        self.edits: list[tuple[int, int, str]] = []
        self.changes: list[tuple[int, Change]] = []

    def note(self, kind: ChangeKind, target: str, offset: int, detail: str = "") -> None:
        line, column = self.original.where(offset)
        self.changes.append((offset, Change(kind, target, line, column, detail)))

    def result(self) -> Edit:
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
        changes = [change for _, change in sorted(self.changes, key=lambda item: item[0])]
        return Edit("".join(pieces), changes)


def _value_reads_as(value_source: str, expected: str) -> bool:
    """Whether ``value_source`` as an infobox value reads back as ``expected``."""
    page = "{{Infobox officeholder\n| office = " + value_source + "\n}}"
    infobox = parse_wikitext_lossy(page, title="Check").article.infobox
    shown = infobox.get("office", "") if infobox is not None else ""
    return shown == expected


def _edit_value(builder: _Builder, parameter: _SourceParameter, old: str, new: str) -> None:
    original = builder.original
    text = original.text
    nodes = _nodes_between(parameter.value, parameter.core_start, parameter.core_end)
    spliced = _splice(
        original, nodes, parameter.core_start, parameter.core_end, old, new, in_value=True
    )
    if spliced is not None:
        edits, notes = spliced
        result = _apply(text, parameter.core_start, parameter.core_end, edits)
        if _value_reads_as(result, new):
            if (
                not text[parameter.core_start : parameter.core_end]
                and php_trim(text[parameter.core_start - 1 : parameter.core_start])
                and new
            ):
                result = " " + result
            builder.edits.append((parameter.core_start, parameter.core_end, result))
            builder.note(
                ChangeKind.PARAMETER_CHANGED,
                parameter.name,
                _change_start(text, parameter.core_start, edits),
                f"{old!r} → {new!r}",
            )
            for kind, detail, offset in notes:
                builder.note(kind, detail, offset, f"in {parameter.name}")
            return
    replacement = escape_value(new)
    if (
        text[parameter.core_start - 1 : parameter.core_start] not in (" ", "\t", "\n")
        and replacement
    ):
        replacement = " " + replacement
    builder.edits.append((parameter.core_start, parameter.core_end, replacement))
    builder.note(
        ChangeKind.PARAMETER_CHANGED, parameter.name, parameter.core_start, f"{old!r} → {new!r}"
    )
    hidden = _constructs(original, nodes)
    if hidden or (spliced is None and old):
        builder.note(
            ChangeKind.REPLACED,
            parameter.name,
            parameter.core_start,
            "the value was written anew"
            + (": " + ", ".join(hidden) + " not kept" if hidden else ""),
        )


def _change_start(text: str, start: int, edits: list[tuple[int, int, str]]) -> int:
    """Where a change of the element at ``start`` is reported: there, or where the text
    changed when that is on a later line (a paragraph may run over several)."""
    first = min((edit[0] for edit in edits), default=start)
    return start if "\n" not in text[start:first] else first


def _constructs(original: _Original, nodes: Sequence[Node | str]) -> list[str]:
    return [
        _describe(original.text[node.start : node.end], node)
        for node in nodes
        if not isinstance(node, str) and not isinstance(node, Entity)
    ]


def _nodes_between(code: Code, start: int, end: int) -> list[Node | str]:
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


def _apply(text: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    cursor = start
    for edit_start, edit_end, replacement in sorted(edits):
        pieces.append(text[cursor:edit_start])
        pieces.append(replacement)
        cursor = edit_end
    pieces.append(text[cursor:end])
    return "".join(pieces)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _removal_span(text: str, parameter: _SourceParameter, next_pipe: int) -> tuple[int, int]:
    """The text removing ``parameter`` takes: its line, when it has one of its own."""
    start = parameter.pipe
    line_start = _line_start(text, start)
    # Only what MediaWiki trims is layout: a U+3000 there belongs to the value before.
    own_line = not php_trim(text[line_start:start])
    newline = text.find("\n", parameter.core_end, next_pipe)
    if own_line and newline != -1 and not php_trim(text[parameter.core_end : newline]):
        return line_start, newline + 1
    end = parameter.core_end
    if newline == -1:
        end = next_pipe
    return start, end


def _catalogue_position(name: str) -> int | None:
    match = lookup(name)
    return None if match is None else CATALOGUE.index(match.spec)


def _insertion_anchor(
    name: str, kept: list[_SourceParameter], edited_order: list[str]
) -> tuple[_SourceParameter, bool] | None:
    """The source parameter to write ``name`` beside, and whether after it."""
    if not kept:
        return None
    if name == "name":
        return kept[0], False
    record = _record_of(name)
    same = [parameter for parameter in kept if _record_of(parameter.name) == record]
    if same and record != "?":
        position = _catalogue_position(name)
        earlier = [
            p for p in same
            if position is not None and (q := _catalogue_position(p.name)) is not None
            and q <= position
        ]  # fmt: skip
        if earlier or position is None:
            return (earlier or same)[-1], True
        return same[0], False
    if record.startswith("office:"):
        key = suffix_sort_key(record.removeprefix("office:"))
        offices = [
            (suffix_sort_key(_record_of(p.name).removeprefix("office:")), p)
            for p in kept
            if _record_of(p.name).startswith("office:")
        ]
        earlier = [p for k, p in offices if k < key]
        if earlier:
            return earlier[-1], True
        later = [p for k, p in offices if k > key]
        if later:
            return later[0], False
    position = _catalogue_position(name)
    if position is not None:
        before = [
            p for p in kept if (q := _catalogue_position(p.name)) is not None and q <= position
        ]
        if before:
            return before[-1], True
    # Beside its neighbour in the edited infobox.
    index = edited_order.index(name) if name in edited_order else len(edited_order)
    by_name = {parameter.name: parameter for parameter in kept}
    for previous in reversed(edited_order[:index]):
        if previous in by_name:
            return by_name[previous], True
    return kept[-1], True


def _new_parameter_text(text: str, neighbour: _SourceParameter, name: str, value: str) -> str:
    """``| name = value`` written as ``neighbour`` is written (its spacing and width)."""
    name_source = text[neighbour.name_code.start : neighbour.name_code.end]
    before_name = name_source[: len(name_source) - len(name_source.lstrip(PHP_TRIMMED))]
    written_name = php_trim(name_source)
    after_name = name_source[len(name_source.rstrip(PHP_TRIMMED)) :]
    if after_name and set(after_name) == {" "} and "\n" not in before_name:
        width = len(written_name) + len(after_name)
        after_name = " " * max(1, width - len(name))
    value_source = text[neighbour.value.start : neighbour.core_start]
    before_value = value_source if "\n" not in value_source else " "
    escaped = escape_value(value)
    if not escaped:
        before_value = (
            before_value.rstrip(" \t") if before_value.strip(" \t") == "" else before_value
        )
    return "|" + before_name + name + after_name + "=" + before_value + escaped


def _edit_infobox(builder: _Builder, old: Infobox | None, new: Infobox | None) -> None:
    original = builder.original
    text = original.text
    node = _find_infobox(original)
    if old == new:
        return
    if node is None:
        if new is not None:
            rendered = render_infobox(new)
            builder.edits.append((0, 0, rendered + "\n"))
            builder.note(ChangeKind.INFOBOX_ADDED, "{{" + new.template + "}}", 0)
        return
    if new is None:
        end = node.end
        if text[end : end + 1] == "\n":
            end += 1
        builder.edits.append((node.start, end, ""))
        builder.note(
            ChangeKind.INFOBOX_REMOVED,
            "{{" + (old.template if old else "Infobox") + "}}",
            node.start,
        )
        for detail in _constructs(original, [n for n in _flatten(node)]):
            builder.note(ChangeKind.REMOVED_WITH, detail, node.start, "in the infobox")
        return
    old_values = _values(old)
    new_values = _values(new)
    if old is None or old.template != new.template:
        name_source = text[node.name.start : node.name.end]
        start = node.name.start + len(name_source) - len(name_source.lstrip(PHP_TRIMMED))
        end = node.name.start + len(name_source.rstrip(PHP_TRIMMED))
        written = php_trim("".join(part for part in node.name.nodes if isinstance(part, str)))
        if old is None or title_text(written) != new.template:
            builder.edits.append((start, end, new.template))
            builder.note(ChangeKind.TEMPLATE_RENAMED, written, start, f"→ {new.template}")
    parameters = _source_parameters(original, node)
    by_name: dict[str, list[_SourceParameter]] = {}
    for parameter in parameters:
        by_name.setdefault(parameter.name, []).append(parameter)
    pipes = [parameter.pipe for parameter in parameters]
    closing = node.end - 2

    def next_pipe(parameter: _SourceParameter) -> int:
        index = pipes.index(parameter.pipe)
        return pipes[index + 1] if index + 1 < len(pipes) else closing

    removed: set[int] = set()
    for name, value in old_values.items():
        if name in new_values:
            continue
        for parameter in by_name.get(name, []):
            start, end = _removal_span(text, parameter, next_pipe(parameter))
            builder.edits.append((start, end, ""))
            removed.add(parameter.pipe)
            builder.note(ChangeKind.PARAMETER_REMOVED, name, parameter.pipe, f"was {value!r}")
            nodes = _nodes_between(parameter.value, parameter.core_start, parameter.core_end)
            for detail in _constructs(original, nodes):
                builder.note(ChangeKind.REMOVED_WITH, detail, parameter.core_start, f"in {name}")
    kept = [parameter for parameter in parameters if parameter.pipe not in removed]
    edited_order = list(new_values)
    insertions: dict[tuple[int, bool], list[tuple[str, str]]] = {}
    for name, value in new_values.items():
        old_value = old_values.get(name)
        if old_value == value:
            continue
        present = by_name.get(name)
        if present:
            # The last one written is the one the template uses.
            _edit_value(builder, present[-1], old_value or "", value)
            continue
        anchor = _insertion_anchor(name, kept, edited_order)
        if anchor is None:
            position = closing
            # An infobox with no parameter left to write beside: one line each.
            line = "| " + name + " = " + escape_value(value) + "\n"
            if text[closing - 1 : closing] != "\n":
                line = "\n" + line
            builder.edits.append((position, position, line))
            builder.note(ChangeKind.PARAMETER_ADDED, name, position, f"{value!r}")
            continue
        neighbour, after = anchor
        written = _new_parameter_text(text, neighbour, name, value)
        if after:
            position = neighbour.core_end
            trailing = text[neighbour.core_end : next_pipe(neighbour)]
            separator = trailing if not php_trim(trailing) else "\n"
            insertions.setdefault((position, True), []).append((separator + written, name))
        else:
            position = neighbour.pipe
            trailing = text[neighbour.core_end : next_pipe(neighbour)]
            separator = trailing if not php_trim(trailing) else "\n"
            insertions.setdefault((position, False), []).append((written + separator, name))
        builder.note(ChangeKind.PARAMETER_ADDED, name, position, f"{value!r}")
    for (position, _after), pieces in insertions.items():
        pieces.sort(key=lambda piece: _catalogue_position(piece[1]) or len(CATALOGUE))
        builder.edits.append((position, position, "".join(text for text, _ in pieces)))


def _flatten(node: Template) -> list[Node | str]:
    nodes: list[Node | str] = []
    for parameter in node.params:
        nodes.extend(parameter.value.nodes)
    return nodes


def _values(infobox: Infobox | None) -> dict[str, str]:
    if infobox is None:
        return {}
    values: dict[str, str] = {}
    if infobox.name is not None:
        values["name"] = infobox.name
    for parameter in infobox.parameters:
        values[parameter.name] = parameter.value
    return values


# --- the entry point ---------------------------------------------------------------


def apply_edit(
    original: str,
    edited: Article | str,
    *,
    title: str | None = None,
    strict: bool = False,
) -> Edit:
    """Apply ``edited`` onto the article's ``original`` wikitext, changing only what changed.

    ``edited`` is an :class:`~wikiround.model.Article` (typically the lossy read of
    ``original``, changed) or its plain text. ``title`` is the page's title (default:
    the edited article's). The original is read with
    :func:`~wikiround.lossy.parse_wikitext_lossy`; each infobox parameter, paragraph
    and heading that differs between that read and ``edited`` has its source text
    rewritten, and nothing else moves. With no difference the result is ``original``
    itself.

    An edit that cannot be placed inside an element's markup is applied by writing the
    element anew and reported as a :attr:`ChangeKind.REPLACED` change; with
    ``strict=True`` that raises :class:`EditError` instead.
    """
    if not isinstance(original, str):
        raise TypeError(f"apply_edit() takes the original as a str, not {type(original).__name__}")
    if isinstance(edited, str):
        edited_text = edited
        edited = parse_plaintext(edited_text)
        page_title = title if title is not None else edited.title
        reading = _Original(original, page_title)
        if reading.article.infobox is not None:
            # Plain text does not name the template: it is the original's.
            edited = parse_plaintext(edited_text, template=reading.article.infobox.template)
    elif isinstance(edited, Article):
        page_title = title if title is not None else edited.title
        reading = _Original(original, page_title)
    else:
        raise TypeError(
            f"apply_edit() takes the edit as an Article or plain text, not {type(edited).__name__}"
        )
    before = reading.article
    if before.infobox == edited.infobox and _body(before) == _body(edited):
        return Edit(original, ())
    builder = _Builder(reading)
    _edit_infobox(builder, before.infobox, edited.infobox)
    _edit_body(builder, before, edited)
    result = builder.result()
    if strict and result.warnings:
        raise EditError(result.warnings)
    return result


def _body(article: Article) -> tuple[object, ...]:
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


def _edit_body(builder: _Builder, before: Article, after: Article) -> None:
    if _body(before) == _body(after):
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
    pending: list[int] = []  # new blocks waiting for a place
    previous: int | None = None  # the last old block kept
    for i, j in pairs:
        if i is None:
            assert j is not None
            pending.append(j)
            continue
        if pending:
            _insert(builder, old, new, pending, previous, i)
            pending = []
        if j is None:
            _remove_block(builder, old, i, removed, labels[i])
            continue
        previous = i
        if old[i] != new[j]:
            _change_block(builder, old[i], new[j], spans[i], labels[i])
    if pending:
        _insert(builder, old, new, pending, previous, None)


def _remove_block(
    builder: _Builder, old: list[_Block], i: int, removed: set[int], label: str
) -> None:
    original = builder.original
    text = original.text
    start, end = original.spans[i]
    if start == end:
        return  # removed with its section
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
            end = original.spans[last][1]
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
    elif _line_start(text, start) < start and (
        i == 0 or original.spans[i - 1][1] <= _line_start(text, start)
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
    builder.note(kind, label, original.spans[i][0])
    for detail in _hidden_between(original, start, end):
        builder.note(ChangeKind.REMOVED_WITH, detail[0], detail[1], f"in {label}")


def _hidden_between(original: _Original, start: int, end: int) -> list[tuple[str, int]]:
    """The constructs the article does not show, in the text between ``start`` and ``end``."""
    found: list[tuple[str, int]] = []
    for node in original.tree.nodes:
        if isinstance(node, str) or node.end <= start:
            continue
        if node.start >= end:
            break
        if isinstance(node, Entity):
            continue
        if not original.display(node).strip(_SHOWS_NOTHING):
            found.append((_describe(original.text[node.start : node.end], node), node.start))
    return found


def _render_block(block: _Block) -> str:
    if block.level:
        marks = "=" * block.level
        return f"{marks} {escape_heading(block.text)} {marks}"
    return escape_paragraph(block.text)


def _insert(
    builder: _Builder,
    old: list[_Block],
    new: list[_Block],
    indices: list[int],
    previous: int | None,
    following: int | None,
) -> None:
    """Write new blocks after old block ``previous`` (or before ``following``)."""
    original = builder.original
    text = original.text
    pieces: list[str] = []
    for k, j in enumerate(indices):
        block = new[j]
        if k == 0:
            pieces.append(_render_block(block))
        elif block.level == 0 and new[indices[k - 1]].level:
            pieces.append("\n" + _render_block(block))
        else:
            pieces.append("\n\n" + _render_block(block))
    chunk = "".join(pieces)
    if (
        previous is not None
        and following is not None
        and "\n" not in text[original.spans[previous][1] : original.spans[following][0]]
    ):
        # The next paragraph starts on the line where the one before ends (after a
        # quotation, say): the new one goes on lines of its own before it. A space
        # before that paragraph stays behind, where it cannot start a <pre> line.
        position = original.spans[following][0]
        while text[position : position + 1] in (" ", "\t"):
            position += 1
        inserted = "\n\n" + chunk + "\n\n"
    elif previous is not None:
        position = original.spans[previous][1]
        lead = "\n" if old[previous].level and new[indices[0]].level == 0 else "\n\n"
        # A paragraph must not run on into the text after it.
        rest = text[position : position + 2]
        trail = "\n" if rest[:1] == "\n" and rest[1:2] not in ("\n", "") else ""
        inserted = lead + chunk + trail
    elif following is not None:
        position = original.spans[following][0]
        inserted = chunk + "\n\n"
    else:
        position = len(text.rstrip("\n"))
        inserted = ("\n\n" if position else "") + chunk
    builder.edits.append((position, position, inserted))
    line, column = original.where(position)
    for j in indices:
        block = new[j]
        kind = ChangeKind.SECTION_ADDED if block.level else ChangeKind.PARAGRAPH_ADDED
        builder.changes.append((position, Change(kind, repr(block.text[:60]), line, column)))


def _change_block(
    builder: _Builder, old: _Block, new: _Block, span: tuple[int, int], label: str
) -> None:
    original = builder.original
    text = original.text
    start, end = span
    if old.level:
        _rename_section(builder, old, new, span, label)
        return
    # A list item or an indented line keeps its marker.
    core = start
    nodes = _top_nodes(original, start, end)
    while nodes and isinstance(nodes[0], Tag) and nodes[0].name in ("li", "dt", "dd"):
        core = nodes[0].end
        nodes.pop(0)
    quote = _quotation(original, nodes)
    spliced = None
    if quote is None:
        spliced = _splice(original, nodes, core, end, old.text, new.text, in_value=False)
    elif quote.contents is not None and (inner := quote.inner(old.text, new.text)) is not None:
        # The reader wraps a quotation in curly quotes (and a template's credit after
        # them); an edit that keeps them is spliced inside the quoted text.
        contents = quote.contents
        spliced = _splice(
            original, contents.nodes, contents.start, contents.end, *inner,
            in_value=False, escape=quote.escape,
        )  # fmt: skip
    if spliced is not None:
        edits, notes = spliced
        result = _apply(text, start, end, edits)
        if _paragraph_reads_as(result, new.text):
            builder.edits.append((start, end, result))
            builder.note(ChangeKind.PARAGRAPH_CHANGED, label, _change_start(text, start, edits))
            for kind, detail, offset in notes:
                builder.note(kind, detail, offset, f"in {label}")
            return
    prefix = text[start:core]
    replacement = prefix + (
        _escape_inline(new.text, in_value=False) if prefix else escape_paragraph(new.text)
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
    hidden = _constructs(original, nodes)
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
        escaped = _escape_inline(text, in_value=self.in_template)
        return escaped.replace("=", "&#61;") if self.positional else escaped


# The arguments a quotation template takes its text from, in the reader's order.
_QUOTED_TEXT = ("text", "quote", "1")


def _rename_section(
    builder: _Builder, old: _Block, new: _Block, span: tuple[int, int], label: str
) -> None:
    original = builder.original
    text = original.text
    start, end = span
    node = next(
        (n for n in original.tree.nodes if not isinstance(n, str) and n.start == start), None
    )
    title_start, title_end = start + old.level, end - old.level
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
    spliced = _splice(
        original, nodes, title_start, title_end, old.text, new.text,
        in_value=False, escape=escape_heading,
    )  # fmt: skip
    if spliced is not None:
        edits, notes = spliced
        title = _apply(text, title_start, title_end, edits)
        if _heading_reads_as(before + title + after, new.text):
            builder.edits.append((start, end, before + title + after))
            builder.note(ChangeKind.SECTION_RENAMED, label, start, f"→ {new.text!r}")
            for kind, detail, offset in notes:
                builder.note(kind, detail, offset, f"in {label}")
            return
    title = text[title_start:inner_start] + escape_heading(new.text) + text[inner_end:title_end]
    builder.edits.append((start, end, before + title + after))
    builder.note(ChangeKind.SECTION_RENAMED, label, start, f"→ {new.text!r}")
    hidden = _constructs(original, nodes)
    if hidden:
        builder.note(
            ChangeKind.REPLACED,
            label,
            start,
            "the heading was written anew: " + ", ".join(hidden) + " not kept",
        )


def _heading_reads_as(source: str, expected: str) -> bool:
    article = parse_wikitext_lossy(source, title="Check").article
    return (
        not article.lead
        and len(article.sections) == 1
        and article.sections[0].heading == expected
        and not article.sections[0].paragraphs
        and not article.sections[0].subsections
    )


def _quotation(original: _Original, nodes: Sequence[Node | str]) -> _Quotation | None:
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
    if _QUOTE_HANDLER is None or handler_for(key) is not _QUOTE_HANDLER:
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


def _top_nodes(original: _Original, start: int, end: int) -> list[Node | str]:
    return _nodes_between(original.tree, start, end)


def _paragraph_reads_as(source: str, expected: str) -> bool:
    article = parse_wikitext_lossy(source, title="Check").article
    return article.lead == (expected,) and not article.sections
