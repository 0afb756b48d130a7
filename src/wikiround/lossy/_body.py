"""Building the article's body: lines into paragraphs, lists and sections.

The body's top-level nodes are read line by line, as MediaWiki reads block markup: a
line starting with ``*``, ``#`` or ``;`` is a list item, one starting with ``:`` an
indented paragraph, one starting with a space preformatted text; a blank line ends a
paragraph. Inline nodes are rendered by :class:`~._inline.InlineRenderer`; the first
infobox is read by :class:`~._infobox.InfoboxReader`.
"""

from __future__ import annotations

import re

from wikiround._lossy_mark import LossyRead
from wikiround._text import is_blank, php_trim, trim
from wikiround.lossy._infobox import InfoboxReader
from wikiround.lossy._inline import (
    LIST_MARKUP,
    STRAY_HINT,
    InlineRenderer,
    finish,
    reparsed,
    shows,
)
from wikiround.lossy._record import Recorder, short, within
from wikiround.lossy._report import Kind
from wikiround.lossy._soup import HIDDEN_WHEN_UNCLOSED
from wikiround.lossy._templates import REMOVED, SEAM, template_key
from wikiround.lossy._tree import (
    Code,
    Comment,
    Heading,
    Node,
    Tag,
    Template,
    TreeError,
    parse_page,
)
from wikiround.model import Article, Section, build_sections
from wikiround.plaintext._syntax import is_heading_shaped, is_parameter_shaped

__all__ = ["REFERENCE_SECTIONS", "BodyReader"]

# Sections dropped unless keep_reference_sections (compared case-insensitively).
REFERENCE_SECTIONS = frozenset(
    {
        "references", "reference", "notes", "note", "footnotes", "citations", "sources",
        "notes and references", "references and notes", "notes and sources",
        "sources and notes", "works cited", "general references", "general sources",
        "explanatory notes", "bibliography", "further reading", "external links",
        "external link", "links", "see also", "related articles", "literature",
        # Lists of citations of the subject's own works: {{cite book}} items, which
        # would otherwise leave debris such as "(eBook)".
        "works", "selected works", "publications", "selected publications",
        "selected bibliography", "writings", "selected writings",
    }
)  # fmt: skip
# Templates that set a quotation apart, as <blockquote> does.
_QUOTE_TEMPLATES = frozenset(
    {"quote", "blockquote", "quotation", "cquote", "quote box", "quotebox"}
)


def _block_quote(node: Node) -> str | None:
    """"tag" or "template" when ``node`` is a block quotation, else None."""
    if isinstance(node, Tag):
        if not node.wiki_markup and php_trim(node.name).lower() == "blockquote":
            return "tag"
    elif isinstance(node, Template) and all(isinstance(part, str) for part in node.name.nodes):
        key = template_key("".join(str(part) for part in node.name.nodes))[0]
        if key in _QUOTE_TEMPLATES:
            return "template"
    return None


# HTML elements whose contents MediaWiki shows as they are: holding line breaks, their
# contents are read as lines (paragraphs, lists, headings), not as one line of text.
_CONTAINERS = HIDDEN_WHEN_UNCLOSED - {"blockquote"}


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _holds_lines(node: Node) -> bool:
    """Whether ``node`` is an HTML element whose contents run over several lines."""
    return (
        isinstance(node, Tag)
        and not node.wiki_markup
        and node.contents is not None
        and php_trim(node.name).lower() in _CONTAINERS
        and "\n" in node.contents.source
    )


def _ends_line(nodes: list[Node | str], start: int) -> bool:
    """Whether only spaces and comments follow on the line from ``nodes[start]`` on."""
    # By index, not over nodes[start:]: a copy of the rest per heading is quadratic.
    for index in range(start, len(nodes)):
        node = nodes[index]
        if isinstance(node, Comment):
            continue
        if isinstance(node, str):
            newline = node.find("\n")
            if (node if newline < 0 else node[:newline]).strip(" \t"):
                return False
            if newline >= 0:
                return True
            continue
        return False
    return True


class _Line:
    """One source line of the body as it is being read."""

    __slots__ = ("block", "marker", "offset", "pieces", "preformatted", "quiet", "started")

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.pieces: list[str] = []
        self.marker = ""  # "*", "#", ";" or ":" when the line starts a list or an indent
        self.preformatted = False
        self.started = False  # something other than comments or categories was seen
        self.block = False  # a block (table, file, template…) was left out
        self.quiet = False  # only comments, categories or language links were left out


class BodyReader:
    """Reads ``text`` (prepared: references taken out) into an article's lead and
    sections.

    ``keep_lists`` keeps each list item as a paragraph (else a list is recorded as
    dropped); ``keep_sections`` keeps sections such as References and See also.
    """

    def __init__(
        self,
        text: str,
        recorder: Recorder,
        renderer: InlineRenderer,
        infobox: InfoboxReader,
        *,
        keep_lists: bool,
        keep_sections: bool,
        pieces: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.pieces = pieces
        self.recorder = recorder
        self.renderer = renderer
        self.infobox = infobox
        self.keep_lists = keep_lists
        self.keep_sections = keep_sections
        self.lead: list[str] = []
        # (level, heading, paragraphs, offset) per heading, in document order
        self.outline: list[tuple[int, str, list[str], int]] = []
        self.paragraph: list[str] = []
        self.paragraph_offset = self.paragraph_end = 0
        # (start, end) of each paragraph's and heading's source, in document order, for
        # editing the source in place (wikiround.editing)
        self.spans: list[tuple[int, int]] = []
        self.list_run: list[int] = []  # [offset, items] of the list being dropped
        self.quoting = False  # inside a quotation of several paragraphs
        self.line = _Line(0)

    def read(self, title: str) -> Article:
        try:
            self.tree = parse_page(self.text, self.renderer.references, self.pieces)
            reparse = True
        except TreeError as error:
            self.tree, reparse = self.as_text(error), False
        self.walk(self.tree, reparse=reparse)
        self.end_line(len(self.text))
        self.close_list()
        self.flush()
        # The mark that keeps writers from passing this article off as the page.
        return Article(
            title, self.infobox.infobox, self.lead, self.sections(), layout=LossyRead()
        )

    def as_text(self, error: TreeError) -> Code:
        """The whole text as one piece of plain text, whose markup the walk leaves out
        and records: what is left when mwparserfromhell's tokens do not make a tree (a
        bug, here or there). The references taken out are recorded here."""
        self.recorder.record(Kind.MARKUP, f"markup not read as a tree ({error})", 0)
        for offset, detail in self.renderer.references.items():
            self.recorder.record(Kind.REFERENCE, detail, offset)
        return Code([self.text], 0, len(self.text), self.text, 0)

    def add(self, text: str, offset: int, end: int) -> None:
        if is_blank(text):  # only space characters such as U+2003: nothing to read
            return
        if is_heading_shaped(text) or is_parameter_shaped(text):
            what = "a heading" if is_heading_shaped(text) else "an infobox line"
            self.recorder.record(Kind.PARAGRAPH, f"{short(text)} (would read as {what})", offset)
            return
        if self.quoting:
            text = f"\u201c{text}\u201d"
        (self.outline[-1][2] if self.outline else self.lead).append(text)
        self.spans.append((offset, end))

    def flush(self) -> None:
        if self.paragraph:
            self.add(" ".join(self.paragraph), self.paragraph_offset, self.paragraph_end)
            self.paragraph.clear()

    def close_list(self) -> None:
        if self.list_run:
            items = self.list_run[1]
            self.recorder.record(
                Kind.LIST, f"{items} item{'s' if items != 1 else ''}", self.list_run[0]
            )
            self.list_run.clear()

    def end_line(self, next_offset: int) -> None:
        line = self.line
        text = finish("".join(line.pieces), line_break=" ")
        # The line's source ends before its line break.
        line_end = next_offset - (self.text[next_offset - 1 : next_offset] == "\n")
        if line.marker in ("*", "#", ";"):
            self.flush()
            if self.keep_lists:
                if text:
                    self.add(text, line.offset, line_end)
            elif text:
                if self.list_run:
                    self.list_run[1] += 1
                else:
                    self.list_run.extend((line.offset, 1))
        elif line.marker == ":" or (line.preformatted and text):
            self.flush()
            self.close_list()
            if text:
                self.add(text, line.offset, line_end)
        elif text:
            self.close_list()
            if not self.paragraph:
                self.paragraph_offset = line.offset
            self.paragraph.append(text)
            self.paragraph_end = line_end
        elif line.block or not (line.started or line.quiet):
            self.close_list()
            self.flush()
        self.line = _Line(next_offset)

    def body_text(self, value: str, offset: int) -> None:
        parts = value.split("\n")
        position = offset
        for index, part in enumerate(parts):
            if index:
                self.end_line(position)
            # Stray markup taken out (REMOVED) is read as if it were not there.
            shown = part.replace(REMOVED, "") if REMOVED in part else part
            if shown:
                line = self.line
                if not line.pieces and not line.marker and shown[0] == " " and shown.strip(" \t"):
                    line.preformatted = True
                line.pieces.append(self.renderer.plain_text(shown, position))
                if shown.strip(" \t"):
                    line.started = True
            position += len(part) + 1

    def walk(self, code: Code, *, reparse: bool) -> None:
        """Read the body's top-level nodes into lines, paragraphs and sections."""
        nodes = code.nodes
        end = code.start
        for index, node in enumerate(nodes):
            offset = end
            if isinstance(node, str):
                end += len(node)
                if STRAY_HINT.search(node) is None:  # the common case, made quick
                    self.body_text(self.renderer.unshown(node, offset), offset)
                    continue
                again = (
                    reparsed(
                        node,
                        offset,
                        self.renderer.references,
                        line_start=offset == 0 or self.text[offset - 1] == "\n",
                    )
                    if reparse
                    else None
                )
                if again is not None:
                    self.walk(again, reparse=False)
                else:
                    shown = self.renderer.unshown(node, offset)
                    shown = self.renderer.stray(shown, offset, keep_length=True)
                    self.body_text(shown, offset)
                continue
            end = node.end
            if isinstance(node, Heading) and not _ends_line(nodes, index + 1):
                # MediaWiki reads a heading only when its line ends after the last "=";
                # mwparserfromhell is laxer ("=a=b" is not a heading).
                marks = "=" * node.level
                self.line.pieces.append(marks + self.renderer.inline(node.title))
                self.line.pieces.append(marks)
                self.line.started = True
                continue
            line = self.line
            if isinstance(node, Heading):
                self.end_line(offset)
                self.close_list()
                self.flush()
                heading = self.heading(node)
                if heading is not None:
                    self.outline.append((min(max(node.level, 2), 6), heading, [], offset))
                    self.spans.append((node.start, node.end))
                self.line.started = True
            elif isinstance(node, Tag) and node.wiki_markup and node.name in LIST_MARKUP:
                if shows("".join(line.pieces)):
                    line.pieces.append(" ")  # "; term : definition"
                elif not line.marker:
                    line.marker = node.wiki_markup[0]
                line.started = True
            elif isinstance(node, Template) and self.infobox.wants(node):
                self.infobox.read(node)
                line.block = True
                line.started = True
            elif (quotation := _block_quote(node)) is not None:
                self.block_quote(node, offset, wrap=quotation == "tag")
            elif _holds_lines(node):
                assert isinstance(node, Tag) and node.contents is not None
                self.renderer.record_attribute_references(node)
                self.walk(node.contents, reparse=reparse)
            else:
                before = len(self.recorder.entries)
                shown = self.renderer.node(node)
                recorded = len(self.recorder.entries) > before
                line.pieces.append(SEAM if recorded and not shown else shown)
                quiet = not recorded or self.recorder.only_quiet_since(before)
                visible = shows(shown)
                if visible or not quiet:
                    line.started = True
                else:
                    line.quiet = True
                if not visible and not quiet:
                    line.block = True

    def block_quote(self, node: Node, offset: int, *, wrap: bool) -> None:
        """A quotation is a paragraph of its own, in curly double quotes, so that it never
        reads as the article's own voice ({{quote}} adds the quotes itself)."""
        contents = node.contents if wrap and isinstance(node, Tag) else None
        if contents is not None and _BLANK_LINE.search(contents.source):
            # Several paragraphs: each is quoted, none runs into the next.
            assert isinstance(node, Tag)
            self.end_line(offset)
            self.close_list()
            self.flush()
            self.renderer.record_attribute_references(node)
            self.quoting = True
            self.walk(contents, reparse=True)
            self.end_line(contents.end)
            self.close_list()
            self.flush()
            self.quoting = False
            self.line = _Line(node.end)
            return
        text = finish(self.renderer.node(node), line_break=" ")
        self.end_line(offset)
        self.close_list()
        self.flush()
        if text:
            self.add(f"\u201c{text}\u201d" if wrap else text, offset, node.end)
        self.line = _Line(node.end)  # what follows on the line is a paragraph of its own

    def heading(self, node: Heading) -> str | None:
        offset = node.start
        text = trim(finish(self.renderer.inline(node.title), line_break=" "))
        while text[:1] == "=" or text[-1:] == "=":  # "== =|=" leaves " =|"
            text = trim(text.strip("="))
        if not text:
            self.recorder.record(Kind.HEADING, "=" * node.level + " (empty once rendered)", offset)
            return None
        return text

    def sections(self) -> tuple[Section, ...]:
        """The sections read, without the reference sections unless they are kept (each
        dropped one is recorded as one entry, in place of what it held)."""
        outline = self.outline
        kept: list[tuple[int, str, list[str]]] = []
        dropped: list[tuple[int, str]] = []
        dropped_spans: list[tuple[int, int]] = []
        index = 0
        while index < len(outline):
            level, heading, paragraphs, start = outline[index]
            if self.keep_sections or heading.casefold() not in REFERENCE_SECTIONS:
                kept.append((level, heading, paragraphs))
                index += 1
                continue
            end_index = index + 1
            while end_index < len(outline) and outline[end_index][0] > level:
                end_index += 1
            end = outline[end_index][3] if end_index < len(outline) else len(self.text)
            dropped_spans.append((start, end))
            dropped.append((start, heading))
            index = end_index
        if dropped_spans:
            self.recorder.forget(dropped_spans)
            inside = within(dropped_spans)
            self.spans = [span for span in self.spans if not inside(span[0])]
        for start, heading in dropped:
            self.recorder.record(Kind.SECTION, heading, start)
        return build_sections(kept)
