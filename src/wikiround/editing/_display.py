"""The display map of an element: what each piece of its source shows.

An element's source (a paragraph, a heading, an infobox value) is cut into
:class:`Leaf` pieces in source order: one character of plain text, an entity, a
construct that shows nothing (a reference, a comment, a file, a category, a template
the reader leaves out: *hidden*), a construct whose text cannot be edited inside it
(*opaque*: a date template, a template computing its text), a break (``<br>``, a list
item), or text a construct shows without a source of its own (*fixed*: the quotes of
``{{quote}}``). Constructs whose shown text is the text of a part of their source
(bold, italics, a link's label, an unpiped link's title, a template's argument shown
as written, the items of ``{{hlist}}``) are :class:`Box` es around the leaves of that
part, so that an edit of their text is made inside them.

:func:`collapse` joins the leaves' text as the lossy reader's ``finish()`` does
(whitespace runs as one space, trimmed, breaks as separators) and says which leaves
each character of the result stands for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from wikiround._text import php_trim
from wikiround.editing._dates import DATE_HANDLER, QUOTE_HANDLER
from wikiround.editing._original import Original
from wikiround.lossy._files import file_layout
from wikiround.lossy._inline import STRAY_HINT, finish
from wikiround.lossy._quotes import APOSTROPHE, formatting_runs, shown_apostrophes
from wikiround.lossy._templates import (
    BLOCK_CLOSE,
    BLOCK_OPEN,
    LINE_BREAK,
    LINK_CLOSE,
    LINK_OPEN,
    LIST_BREAK,
    SPACES,
    UNSHOWN,
    close_seams,
    handler_for,
    template_key,
)
from wikiround.lossy._tree import (
    Code,
    Comment,
    Entity,
    ExternalLink,
    Node,
    Reference,
    Tag,
    Template,
    Wikilink,
)
from wikiround.wikitext._escape import decode_entities, escape_inline

__all__ = ["Box", "DisplayMap", "Leaf", "build"]

# Leaf kinds.
TEXT = "text"  # one character shown as written
ENTITY = "entity"  # a character reference: text written another way
HIDDEN = "hidden"  # a construct that shows nothing
OPAQUE = "opaque"  # a construct showing text that cannot be edited inside it
DATE = "date"  # a date template: opaque, but rewritten whole for a new date
LINK = "link"  # a link showing its title written otherwise: relabelled whole
BREAK = "break"  # markup shown as a separator: <br>, a list item, an item of {{hlist}}
FIXED = "fixed"  # text a template shows around an argument; or markup showing nothing

_QUOTE_RUN = re.compile(r"'{2,}")
_LIST_HANDLER = handler_for("hlist")
_MARKS = (LINE_BREAK, LIST_BREAK, LINK_OPEN, LINK_CLOSE)


@attrs.define(eq=False)
class Box:
    """A construct whose shown text is that of its part ``inner_start``–``inner_end``.

    ``kind``: ``"root"`` (the element), ``"format"`` (bold, italics, an inline tag),
    ``"link"`` (a piped link's label, an external link's title), ``"unpiped"`` (a
    link's title shown as its label: an edit there relabels the link), ``"caption"`` (a
    file's caption, the file shown as a block around it), ``"argument"``
    (a template argument shown as written), ``"list"`` (a list template's items).
    """

    kind: str
    start: int
    end: int
    inner_start: int
    inner_end: int
    parent: Box | None
    node: Node | None = None
    positional: bool = False  # an argument without a name: "=" must be escaped
    separator: str = ""  # a list template's source between two items ("|")

    def ancestors(self) -> list[Box]:
        """This box and the boxes around it, innermost first."""
        chain: list[Box] = []
        box: Box | None = self
        while box is not None:
            chain.append(box)
            box = box.parent
        return chain

    def in_template(self) -> bool:
        return any(box.kind in ("argument", "list") for box in self.ancestors())


@attrs.define(eq=False)
class Leaf:
    start: int
    end: int
    shown: str
    kind: str
    box: Box
    node: Node | None = None

    @property
    def visible(self) -> bool:
        return bool(self.shown)


@attrs.define
class DisplayMap:
    """An element's leaves, its root box, its collapsed text, and for each character of
    that text the first and last leaf it stands for."""

    leaves: list[Leaf]
    root: Box
    text: str
    spans: list[tuple[int, int]]


class _Interleaved(Exception):
    """Bold and italics that close out of order: no boxes can hold them."""


class _Builder:
    def __init__(self, original: Original, line_break: str) -> None:
        self.original = original
        self.source = original.text
        self.line_break = line_break
        self.leaves: list[Leaf] = []
        self.lines: dict[tuple[int, int], dict[int, tuple[int, int]]] = {}

    def add(self, start: int, end: int, shown: str, kind: str, box: Box, node: Node | None) -> None:
        self.leaves.append(Leaf(start, end, shown, kind, box, node))

    def code(self, code: Code, box: Box) -> None:
        self.nodes(code.nodes, code.start, box, bounds=(code.start, code.end))

    def nodes(
        self,
        nodes: Sequence[Node | str],
        start: int,
        box: Box,
        *,
        bounds: tuple[int, int] | None = None,
    ) -> None:
        """Leaves for ``nodes``; bold and italics (runs of apostrophes, which the tree
        holds as text) become boxes as MediaWiki reads them on each line, the line cut
        to ``bounds`` (a link's label is read apart)."""
        stack: list[tuple[int, Box]] = []  # open formatting: (2, 3 or 5, its box)
        position = start
        for node in nodes:
            current = stack[-1][1] if stack else box
            if isinstance(node, str):
                self.text(node, position, box, stack, bounds)
                position += len(node)
            else:
                self.node(node, current)
                position = node.end
        self.close_all(stack, position)

    def close_all(self, stack: list[tuple[int, Box]], position: int) -> None:
        """Close what formatting is still open where the line ends."""
        while stack:
            _, open_box = stack.pop()
            open_box.inner_end = open_box.end = position

    def text(
        self,
        value: str,
        start: int,
        box: Box,
        stack: list[tuple[int, Box]],
        bounds: tuple[int, int] | None,
    ) -> None:
        current = stack[-1][1] if stack else box
        renderer = self.original.renderer
        if STRAY_HINT.search(value) is not None:
            # Markup left unparsed: the reader parses it again or strips it.
            code = Code([value], start, start + len(value), self.source, 0)
            shown = self.original.display_code(code).replace(APOSTROPHE, "'")
            self.opaque(start, start + len(value), shown, current, None)
            return
        if "__" in value:
            code = Code([value], start, start + len(value), self.source, 0)
            shown = self.original.display_code(code).replace(APOSTROPHE, "'")
            if shown != value:
                self.opaque(start, start + len(value), shown, current, None)
                return
        unshown = renderer.unshown(value, start) if "<" in value else value
        runs = (
            {match.start(): match.end() for match in _QUOTE_RUN.finditer(value)}
            if "''" in value
            else {}
        )
        index = 0
        while index < len(value):
            current = stack[-1][1] if stack else box
            if index in runs:
                end = runs[index]
                self.quotes(start + index, start + end, box, stack, bounds)
                index = end
                continue
            char = unshown[index]
            position = start + index
            if char == "\n":
                self.close_all(stack, position)
                current = box
            if char == UNSHOWN:
                self.add(position, position + 1, "", FIXED, current, None)
            else:
                self.add(position, position + 1, char, TEXT, current, None)
            index += 1

    def quotes(
        self,
        start: int,
        end: int,
        box: Box,
        stack: list[tuple[int, Box]],
        bounds: tuple[int, int] | None,
    ) -> None:
        """A run of apostrophes: those MediaWiki shows as text, then the markup that
        opens or closes bold, italics or both."""
        markup = self.markup(start, bounds).get(start, (end, 0))[1]
        literal = end - start - markup
        current = stack[-1][1] if stack else box
        for position in range(start, start + literal):
            self.add(position, position + 1, "'", TEXT, current, None)
        at = start + literal
        parts: tuple[int, ...] = (markup,) if markup in (2, 3, 5) else ()
        if markup == 5 and stack and stack[-1][0] in (2, 3):
            # Closes what is open, then (if only one of the two was) opens the other.
            top = stack[-1][0]
            below = stack[-2][0] if len(stack) > 1 else 0
            parts = (top, 5 - top) if below in (0, 5 - top) else (5,)
        for size in parts:
            if stack and stack[-1][0] == size:
                _, open_box = stack.pop()
                open_box.inner_end, open_box.end = at, at + size
            elif any(kind == size for kind, _ in stack):
                raise _Interleaved  # bold and italics not nested: no boxes for them
            else:
                parent = stack[-1][1] if stack else box
                opened = Box("format", at, at + size, at + size, at + size, parent)
                stack.append((size, opened))
            at += size

    def markup(self, position: int, bounds: tuple[int, int] | None) -> dict[int, tuple[int, int]]:
        """The runs of apostrophes of the line ``position`` is on: start -> (end, how
        many of its apostrophes are markup)."""
        line_start = self.source.rfind("\n", 0, position) + 1
        line_end = self.source.find("\n", position)
        if line_end < 0:
            line_end = len(self.source)
        if bounds is not None:
            line_start, line_end = max(line_start, bounds[0]), min(line_end, bounds[1])
        key = (line_start, line_end)
        found = self.lines.get(key)
        if found is None:
            line = self.source[line_start:line_end]
            found = {
                line_start + run_start: (line_start + run_end, size)
                for run_start, run_end, size in formatting_runs(line)
            }
            self.lines[key] = found
        return found

    def opaque(self, start: int, end: int, shown: str, box: Box, node: Node | None) -> None:
        if any(mark in shown for mark in _MARKS):
            shown = finish(shown, line_break=self.line_break)
        self.add(start, end, shown, OPAQUE if shown else HIDDEN, box, node)

    def node(self, node: Node, box: Box) -> None:
        original = self.original
        if isinstance(node, Entity):
            self.add(node.start, node.end, decode_entities(node.source), ENTITY, box, node)
            return
        if isinstance(node, (Comment, Reference)):
            original.display(node)
            self.add(node.start, node.end, "", HIDDEN, box, node)
            return
        # An apostrophe the reader marks as text (from an entity, a link's label) is one.
        shown = original.display(node).replace(APOSTROPHE, "'")
        if shown in (LINE_BREAK, LIST_BREAK):
            self.add(node.start, node.end, shown, BREAK, box, node)
            return
        if not shown.strip(LINK_OPEN + LINK_CLOSE + LINE_BREAK + LIST_BREAK):
            self.add(node.start, node.end, "", HIDDEN, box, node)
            return
        if not shown.strip(SPACES):
            self.add(node.start, node.end, shown, OPAQUE, box, node)  # {{nbsp}}
            return
        if isinstance(node, Tag) and node.contents is not None and not node.self_closing:
            contents = node.contents
            if any(b.kind == "caption" for b in box.ancestors()):
                # A caption is read as one block: a block inside it (<center>) is its
                # text, set apart by the line breaks or spaces around it (or the check
                # of the result finds them missing).
                shown = shown.replace(BLOCK_OPEN, "").replace(BLOCK_CLOSE, "").strip(LINE_BREAK)
            if shown == original.display_code(contents):
                inner = Box("format", node.start, node.end, contents.start, contents.end, box, node)
                self.code(contents, inner)
                return
        if isinstance(node, Wikilink) and self.file_caption(node, shown, box):
            return
        if isinstance(node, Wikilink):
            if node.text is not None:
                # A link's label is read apart: its bold and italics end in it.
                label_shown = shown_apostrophes(original.display_code(node.text))
                if shown == label_shown.replace(APOSTROPHE, "'"):
                    label = node.text
                    inner = Box("link", node.start, node.end, label.start, label.end, box, node)
                    self.code(label, inner)
                    return
            else:
                title = node.title
                written = title.source
                if shown == written and all(isinstance(part, str) for part in title.nodes):
                    inner = Box("unpiped", node.start, node.end, title.start, title.end, box, node)
                    for offset, char in enumerate(written):
                        position = title.start + offset
                        self.add(position, position + 1, char, TEXT, inner, None)
                    return
                if shown.strip(SPACES) == shown and not any(m in shown for m in _MARKS):
                    self.add(node.start, node.end, shown, LINK, box, node)
                    return
        if isinstance(node, ExternalLink) and node.title is not None:
            title = node.title
            if shown == original.display_code(title):
                inner = Box("link", node.start, node.end, title.start, title.end, box, node)
                self.code(title, inner)
                return
        if isinstance(node, Template) and self.template(node, shown, box):
            return
        self.opaque(node.start, node.end, shown, box, node)

    def file_caption(self, node: Wikilink, shown: str, box: Box) -> bool:
        """Leaves for a file shown as a block holding its caption (a thumbnail in a table
        cell): the caption is edited inside, the file's markup around it stays."""
        if node.text is None or not (
            shown.startswith(BLOCK_OPEN) and shown.endswith(BLOCK_CLOSE) and len(shown) > 2
        ):
            return False
        target = node.title.source
        prefix, colon, _ = target.partition(":")
        if not colon or prefix.strip(" _").lower() not in ("file", "image"):
            return False
        caption = file_layout(target, node.text).caption
        if caption is None or self.original.renderer.caption(caption) != shown[1:-1]:
            return False
        inner = Box("caption", node.start, node.end, caption.start, caption.end, box, node)
        self.add(node.start, caption.start, " ", FIXED, inner, None)
        self.code(caption, inner)
        self.add(caption.end, node.end, " ", FIXED, inner, None)
        return True

    def template(self, node: Template, shown: str, box: Box) -> bool:
        """Leaves for a template whose text is an argument's, or a list's items."""
        if not all(isinstance(part, (str, Comment)) for part in node.name.nodes):
            return False
        raw = "".join(part for part in node.name.nodes if isinstance(part, str))
        key, _display, first = template_key(raw)
        if first is not None:
            return False
        handler = handler_for(key)
        if handler is None:
            return False
        if handler is DATE_HANDLER:
            self.add(node.start, node.end, finish(shown, line_break=self.line_break),
                     DATE, box, node)  # fmt: skip
            return True
        original = self.original
        if handler is _LIST_HANDLER:
            return self.list_template(node, shown, box)
        if handler is QUOTE_HANDLER:
            pass  # below: its text argument is shown between the quotes
        # The argument whose text the template shows as written, once.
        best = None
        for parameter in node.params:
            value = parameter.value
            text = close_seams(original.display_code(value))
            if not text.strip(SPACES) or any(mark in text for mark in _MARKS):
                continue
            trimmed = text.strip(SPACES)
            if shown.count(trimmed) != 1:
                continue
            if best is None or len(trimmed) > len(best[1]):
                best = (parameter, trimmed)
        if best is None:
            return False
        parameter, trimmed = best
        value = parameter.value
        at = shown.index(trimmed)
        prefix, suffix = shown[:at], shown[at + len(trimmed) :]
        inner = Box(
            "argument", node.start, node.end, value.start, value.end, box, node,
            positional=parameter.name is None,
        )  # fmt: skip
        if prefix:
            self.add(value.start, value.start, prefix, FIXED, inner, None)
        self.code(value, inner)
        if suffix:
            self.add(value.end, value.end, suffix, FIXED, inner, None)
        return True

    def list_template(self, node: Template, shown: str, box: Box) -> bool:
        original = self.original
        positional = [parameter for parameter in node.params if parameter.name is None]
        if not positional or any(
            not original.display_code(p.value).strip(SPACES) for p in positional
        ):
            return False
        if any(p.name is not None and php_trim(p.name.source).isdigit() for p in node.params):
            return False
        first, last = positional[0].value, positional[-1].value
        separator = (
            self.source[positional[0].value.end : positional[1].value.start]
            if len(positional) > 1
            else "|"
        )
        outer = Box("list", node.start, node.end, first.start, last.end, box, node,
                    separator=separator)  # fmt: skip
        for index, parameter in enumerate(positional):
            value = parameter.value
            if index:
                previous = positional[index - 1].value
                self.add(previous.end, value.start, LIST_BREAK, BREAK, outer, None)
            item = Box("argument", value.start, value.end, value.start, value.end, outer, None,
                       positional=True)  # fmt: skip
            self.code(value, item)
        # Named arguments after the items (class=…) show nothing.
        return True


def build(
    original: Original, nodes: Sequence[Node | str], start: int, end: int, line_break: str
) -> DisplayMap | None:
    """The display map of the element whose source is ``nodes``, from ``start`` to
    ``end``; None when its bold and italics close out of order."""
    root = Box("root", start, end, start, end, None)
    builder = _Builder(original, line_break)
    try:
        builder.nodes(nodes, start, root)
    except _Interleaved:
        return None
    text, spans = collapse(builder.leaves, line_break)
    return DisplayMap(builder.leaves, root, text, spans)


def collapse(leaves: list[Leaf], line_break: str) -> tuple[str, list[tuple[int, int]]]:
    """The leaves' text as the reader finishes it, and per character the first and last
    leaf it stands for."""
    # (character, leaf) pairs; hidden leaves are seams where a comma may close up.
    chars: list[tuple[str, int]] = []
    for index, leaf in enumerate(leaves):
        if leaf.kind == HIDDEN and leaf.node is not None:
            chars.append(("\x02", index))
        for char in leaf.shown:
            chars.append((char, index))
    # Seams: "Smith <ref/>, Jones" reads "Smith, Jones".
    if any(char == "\x02" for char, _ in chars):
        kept: list[tuple[str, int]] = []
        for position, (char, index) in enumerate(chars):
            if char == "\x02":
                following = next((c for c, _ in chars[position + 1 :] if c != "\x02"), "")
                if following == ",":
                    while kept and kept[-1][0] in SPACES:
                        kept.pop()
                continue
            kept.append((char, index))
        chars = kept
    # Pieces between breaks, each collapsed; then joined with the breaks' separators.
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pending_break: tuple[str, int, int] | None = None  # separator, first and last leaf
    position = 0
    total = len(chars)
    while position < total:
        char, index = chars[position]
        if char in (LIST_BREAK, LINE_BREAK):
            if pending_break is None or pending_break[0] != LIST_BREAK:
                first = pending_break[1] if pending_break else index
                pending_break = (char, first, index)
            else:
                pending_break = (pending_break[0], pending_break[1], index)
            position += 1
            continue
        if char in SPACES:
            run_start = position
            while position < total and chars[position][0] in SPACES:
                position += 1
            following = chars[position][0] if position < total else ""
            if (
                out
                and following
                and following not in (LIST_BREAK, LINE_BREAK)
                and pending_break is None
            ):
                out.append(" ")
                spans.append((chars[run_start][1], chars[position - 1][1]))
            continue
        # A character shown.
        if pending_break is not None and out:
            separator, first, last = pending_break
            glue = _glue(out[-1], char, separator, line_break)
            for glue_char in glue:
                out.append(glue_char)
                spans.append((first, last))
        elif pending_break is not None and not out:
            pass
        pending_break = None
        out.append(char)
        spans.append((index, index))
        position += 1
    return "".join(out), spans


def _glue(before: str, first: str, separator: str, line_break: str) -> str:
    """What finish() writes between two pieces a break separates."""
    if (
        before in ",;:"
        or first in "),;:."
        or (separator == LINE_BREAK and line_break == ", " and first == "(")
    ):
        return " " if first not in "),;:." else ""
    return ", " if separator == LIST_BREAK else line_break


def escaper(box: Box, in_value: bool, base: Callable[[str], str]) -> Callable[[str], str]:
    """How text written inside ``box`` is escaped."""
    if box.in_template():
        positional = any(b.positional for b in box.ancestors() if b.kind == "argument")

        def in_argument(text: str) -> str:
            escaped = escape_inline(text, in_value=True)
            return escaped.replace("=", "&#61;") if positional else escaped

        return in_argument
    if any(b.kind in ("link", "unpiped", "caption") for b in box.ancestors()):
        caption = any(b.kind == "caption" for b in box.ancestors())

        def in_label(text: str) -> str:
            escaped = base(text)
            if caption:  # a pipe would start another of the file's options
                escaped = escaped.replace("|", "&#124;")
            return escaped.replace("]", "&#93;") if "]" in escaped else escaped

        return in_label
    return base
