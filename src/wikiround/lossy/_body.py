"""Building the article's body: lines into paragraphs, lists and sections.

The body's top-level nodes are read line by line, as MediaWiki reads block markup: a
line starting with ``*``, ``#`` or ``;`` is a list item, one starting with ``:`` an
indented paragraph, one starting with a space preformatted text; a blank line ends a
paragraph. Inline nodes are rendered by :class:`~._inline.InlineRenderer`; the first
infobox is read by :class:`~._infobox.InfoboxReader`.
"""

from __future__ import annotations

import re
from contextlib import suppress

from wikiround._lossy_mark import LossyRead
from wikiround._text import is_blank, php_trim, trim
from wikiround.lossy._files import Caption
from wikiround.lossy._infobox import InfoboxReader
from wikiround.lossy._inline import (
    LIST_MARKUP,
    STRAY_HINT,
    InlineRenderer,
    finish,
    reparsed,
    shows,
    split_blocks,
    styled_hidden,
)
from wikiround.lossy._record import Recorder, short, within
from wikiround.lossy._report import Kind
from wikiround.lossy._soup import HIDDEN_WHEN_UNCLOSED, leading_comments_end
from wikiround.lossy._tables import (
    CAPTION,
    CELL,
    HEADER,
    ROW,
    TEXT,
    Table,
    TableText,
    parse_cells,
    table_parts,
)
from wikiround.lossy._templates import (
    BLOCK_CLOSE,
    BLOCK_OPEN,
    QUIET_SEAM,
    REMOVED,
    SEAM,
    template_key,
)
from wikiround.lossy._tree import (
    Code,
    Comment,
    ExternalLink,
    Heading,
    Node,
    Tag,
    Template,
    TreeError,
    Wikilink,
    _plain_heading,
    parse,
    parse_page,
)
from wikiround.model import Article, Section, build_sections
from wikiround.plaintext._syntax import is_heading_shaped, is_parameter_shaped

__all__ = ["REFERENCE_SECTIONS", "BodyReader"]

# A URL's scheme of letters only, then ":" (what a link's trail takes but the ":").
_TRAIL_SCHEME = re.compile(r"[a-z]+:")

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
        if _tag_block(node) == "blockquote":
            return "tag"
    elif isinstance(node, Template) and _quote_template(node):
        return "template"
    return None


def _quote_template(node: Template) -> bool:
    """Whether ``node`` is a template of a block quotation (``{{quote|…}}``)."""
    nodes = node.name.nodes
    if len(nodes) == 1 and isinstance(nodes[0], str):
        name = nodes[0]  # nearly every name: one piece of text
    elif all(isinstance(part, str) for part in nodes):
        name = "".join(str(part) for part in nodes)
    else:
        return False
    return template_key(name)[0] in _QUOTE_TEMPLATES


def _tag_block(node: Tag) -> str:
    """What the body reads of an HTML element otherwise than as text: "blockquote", a
    "table" with its closing tag, a "container" whose contents run over several lines
    (see _CONTAINERS); else ""."""
    if node.wiki_markup:
        return ""
    name = php_trim(node.name).lower()
    if name == "blockquote":
        return name
    if node.contents is None:
        return ""
    if name == "table":
        return name
    if name in _CONTAINERS and node.contents.holds("\n"):
        return "container"
    return ""


# HTML elements whose contents MediaWiki shows as they are: holding line breaks, their
# contents are read as lines (paragraphs, lists, headings), not as one line of text.
_CONTAINERS = HIDDEN_WHEN_UNCLOSED - {"blockquote"}


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A line of "=" signs alone (spaces, tabs and comments may follow): from three on,
# MediaWiki reads it as a heading ("===" a level-1 heading reading "="), which
# mwparserfromhell leaves as text.
_EQUALS_LINE = re.compile(r"(={3,})(?:[ \t]|<!--(?:(?!-->)[^\n])*-->)*")
# What makes a cell's content more than words: the characters the tokenizer acts on
# (line breaks among them), and the characters the renderer does.
_CELL_MARKUP = re.compile(r"[{}\[\]<>|&'\n\x00-\x08\x7f~]")


# How much of a table is read at a time (see BodyReader.table), in characters and in
# parts: its cells that hold markup are parsed together, in one run of the tokenizer.
_STRETCH = 1 << 15
_STRETCH_PARTS = 1 << 10


def _plain_cell(text: str, start: int, end: int) -> bool:
    """Whether a cell's content is text that shows as it is (words, numbers): nothing
    the tokenizer or the renderer would act on."""
    return _CELL_MARKUP.search(text, start, end) is None and text.find("__", start, end) < 0


def _starts_block(node: Node) -> bool:
    """Whether the body reads ``node`` otherwise than running text does: a heading, a
    list marker, a quotation, a table."""
    if isinstance(node, Tag):
        return bool(node.wiki_markup) or _block_quote(node) is not None
    return isinstance(node, (Heading, Table)) or _block_quote(node) is not None


def _heading_piece(text: str, start: int, end: int) -> bool:
    """Whether the piece of the page from ``start`` to ``end`` is a heading line (see
    _tree.page_pieces)."""
    return text.startswith("=", start) and text.find("\n", start, end) < 0


def _all_dropped(headings: list[tuple[int, int, str]]) -> bool:
    """Whether, in :meth:`BodyReader.sections`, each section from the first of
    ``headings`` (piece, level, text) to the last is dropped: a section ends at the
    next heading of its level or above, which must start a dropped one in its turn."""
    level = headings[0][1]
    for _, next_level, shown in headings[1:]:
        if next_level > level:
            continue  # inside the section dropped
        if shown.casefold() not in REFERENCE_SECTIONS:
            return False
        level = next_level
    return True


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


def _scheme_in_trail(nodes: list[Node | str], index: int) -> bool:
    """Whether ``nodes[index]`` is a bare URL right after a link, whose scheme's letters
    MediaWiki reads as the link's trail (so that the URL is no URL)."""
    node = nodes[index]
    if not isinstance(node, ExternalLink) or node.brackets or index == 0:
        return False
    before = nodes[index - 1]
    if not isinstance(before, Wikilink) or before.end != node.start:
        return False
    return _TRAIL_SCHEME.match(node.url.source) is not None


class _Line:
    """One source line of the body as it is being read."""

    __slots__ = (
        "block", "blocks", "defined", "marker", "nested", "offset", "pieces", "preformatted",
        "quiet", "started", "within",
    )  # fmt: skip

    def __init__(self, offset: int, *, within: bool = False) -> None:
        self.offset = offset
        # The line goes on from markup before it on its source line (a table cell's
        # content after its "|"): it does not start a line, so no list or <pre> starts.
        self.within = within
        self.pieces: list[str] = []
        self.marker = ""  # "*", "#", ";" or ":" when the line starts a list or an indent
        self.defined = False  # a ";" line's term has met the ":" that ends it
        self.preformatted = False
        self.started = False  # something other than comments or categories was seen
        self.block = False  # a block (table, file, template…) was left out
        self.quiet = False  # only comments, categories or language links were left out
        # The blocks shown in the line (see InlineRenderer.blocks) that are files or
        # galleries of the line's own, each with the span of its node; ``nested``, the
        # first block that sits inside other markup.
        self.blocks: list[tuple[Caption, int, int]] | None = None
        self.nested: Caption | None = None


class _Row:
    """A table's row as it is read: the text of its cells that show something, the
    (start, end) of every cell's content, where its markup starts and its last cell
    ends; ``table`` is the table's (start, end)."""

    __slots__ = ("cells", "end", "shown", "start", "table")

    def __init__(self, table: tuple[int, int]) -> None:
        self.table = table
        self.shown: list[str] = []
        self.cells: list[tuple[int, int]] = []
        self.start = self.end = -1


class BodyReader:
    """Reads ``text`` (prepared: references taken out) into an article's lead and
    sections.

    ``keep_lists`` keeps each list item as a paragraph (else a list is recorded as
    dropped); ``keep_sections`` keeps sections such as References and See also;
    ``keep_tables`` keeps each row of a table as a paragraph (else a table is recorded
    as dropped). With ``track``, the source span of each paragraph and heading is kept
    (``spans``), and where each paragraph of a table's text or of a caption comes from
    (``origins``).
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
        keep_tables: bool = True,
        pieces: list[tuple[int, int]] | None = None,
        tables: list[Table] | None = None,
        track: bool = True,
    ) -> None:
        self.text = text
        self.pieces = pieces
        self.tables = tables
        self.recorder = recorder
        self.renderer = renderer
        self.infobox = infobox
        self.keep_lists = keep_lists
        self.keep_sections = keep_sections
        self.keep_tables = keep_tables
        self.track = track
        self.lead: list[str] = []
        # (level, heading, paragraphs, offset) per heading, in document order
        self.outline: list[tuple[int, str, list[str], int]] = []
        self.paragraph: list[str] = []
        self.paragraph_offset = self.paragraph_end = 0
        # (start, end) of each paragraph's and heading's source, in document order, for
        # editing the source in place (wikiround.editing); a caption's paragraph spans
        # the caption's source, inside the file link or the gallery that shows it
        self.spans: list[tuple[int, int]] = []
        # per paragraph and heading too: where a table's text or a caption comes from,
        # else None
        self.origins: list[TableText | Caption | None] = []
        self.origin: TableText | None = None  # of the paragraphs being read
        # The paragraphs of a table cell being read, which are joined into one.
        self.cell: list[str] | None = None
        self.list_run: list[int] = []  # [offset, items] of the list being dropped
        self.quoting = False  # inside a quotation of several paragraphs
        self.line = _Line(0)
        # The page's tree, once read with ``track`` (else the page may be read in parts).
        self.tree = Code([], 0, 0, text, 0)

    def read(self, title: str) -> Article:
        codes, reparse = self.trees()
        if self.track:
            (self.tree,) = codes  # the whole page's, for editing
        for code in codes:
            self.walk(code, reparse=reparse)
        self.end_line(len(self.text))
        self.close_list()
        self.flush()
        # The mark that keeps writers from passing this article off as the page.
        return Article(
            title, self.infobox.infobox, self.lead, self.sections(), layout=LossyRead()
        )

    def trees(self) -> tuple[list[Code], bool]:
        """The trees of the page to walk, in order (the page's, or its parts' when the
        text of the reference sections that end it is left out, see :meth:`dropped_tail`),
        and whether text in them holding markup left unparsed is to be parsed again."""
        tail = self.dropped_tail()
        if tail is not None:
            with suppress(TreeError):  # (then the page is read as a whole, as below)
                return self.parse_without(tail), True
        try:
            return [parse_page(self.text, self.renderer.references, self.pieces, self.tables)], True
        except TreeError as error:
            return [self.as_text(error)], False

    def dropped_tail(self) -> int | None:
        """The index in :attr:`pieces` of the heading from which every section to the
        end of the page is a reference section that :meth:`sections` drops, when it is
        sure from the text alone: each heading there plain (see _tree._plain_heading),
        no line there a heading of "=" signs alone, and no heading of the page inside a
        table. None otherwise, and when sections are kept or spans tracked.

        What is read after that heading is forgotten (see :meth:`sections`) but for
        the headings, which decide what is dropped, and an infobox not seen before it:
        the text between the headings need not be read (pages end with their
        references, notes and external links: an eighth of the text of articles)."""
        pieces = self.pieces
        if self.keep_sections or self.track or pieces is None or len(pieces) < 2:
            return None
        if any(table.depth for table in self.tables or ()):
            return None  # a table cut by a heading line: that heading is in its cell
        text = self.text
        # (piece index, outline level, heading text) of the headings, from the last.
        headings: list[tuple[int, int, str]] = []
        index = len(pieces)
        while index > 0:
            index -= 1
            start, end = pieces[index]
            if not _heading_piece(text, start, end):
                if text.startswith("=", start) or text.find("\n=", start, end) >= 0:
                    break  # a line of "=" signs may be a heading (see equals_heading)
                continue
            plain = _plain_heading(text[start:end], start)
            if plain is None:
                break
            heading = plain.nodes[0]
            assert isinstance(heading, Heading)
            (title,) = heading.title.nodes
            assert isinstance(title, str)
            shown = trim(finish(title, line_break=" "))
            if shown:  # (an empty one makes no section)
                headings.append((index, min(max(heading.level, 2), 6), shown))
        # From the last heading back: the first one from which every section to the end
        # is dropped, whatever the headings before it.
        first: int | None = None
        for position in range(len(headings)):
            piece, _, shown = headings[position]
            if shown.casefold() not in REFERENCE_SECTIONS:
                continue
            if _all_dropped(headings[position::-1]):
                first = piece
        return first

    def parse_without(self, tail: int) -> list[Code]:
        """The page parsed up to the heading of piece ``tail`` and that heading, then
        each heading after it, its text between them left out (see :meth:`dropped_tail`);
        all of it when an infobox that the reader has not met before could be in that
        text."""
        pieces = self.pieces
        assert pieces is not None
        text = self.text
        references = self.renderer.references
        tables = self.tables or []
        cut = pieces[tail][1]
        head = [table for table in tables if table.start < cut]
        codes = [parse_page(text, references, pieces[: tail + 1], head)]
        if not any(
            isinstance(node, Template) and self.infobox.wants(node) for node in codes[0].nodes
        ):
            # An infobox may come later: read the rest as it is.
            rest = [table for table in tables if table.start >= cut]
            if tail + 1 < len(pieces):
                codes.append(parse_page(text, references, pieces[tail + 1 :], rest))
            return codes
        for start, end in pieces[tail + 1 :]:
            if _heading_piece(text, start, end):
                codes.append(parse(text[start:end], start, references))
        return codes

    def as_text(self, error: TreeError) -> Code:
        """The whole text as one piece of plain text, whose markup the walk leaves out
        and records: what is left when mwparserfromhell's tokens do not make a tree (a
        bug, here or there). The references taken out are recorded here."""
        self.recorder.record(Kind.MARKUP, f"markup not read as a tree ({error})", 0)
        for offset, detail in self.renderer.references.items():
            self.recorder.record(Kind.REFERENCE, detail, offset)
        return Code([self.text], 0, len(self.text), self.text, 0)

    def add(self, text: str, offset: int, end: int, origin: Caption | None = None) -> None:
        if is_blank(text):  # only space characters such as U+2003: nothing to read
            return
        if self.cell is not None:  # a paragraph inside a table cell: part of its row
            self.cell.append(text)
            return
        if is_heading_shaped(text):
            # Text MediaWiki shows ("==" alone, " == A ==" preformatted, "== A ==<nowiki/>"):
            # a space after its last "=" keeps the plain text from reading a heading.
            text += " "
        elif is_parameter_shaped(text):
            what = f"{short(text)} (would read as an infobox line)"
            self.recorder.record(Kind.PARAGRAPH, what, offset)
            return
        if self.quoting:
            text = f"\u201c{text}\u201d"
        (self.outline[-1][2] if self.outline else self.lead).append(text)
        if self.track:
            self.spans.append((offset, end))
            self.origins.append(self.origin if origin is None else origin)

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

    def count_item(self, offset: int) -> None:
        """One more item of the list being dropped."""
        if self.list_run:
            self.list_run[1] += 1
        else:
            self.list_run.extend((offset, 1))

    def end_line(self, next_offset: int) -> None:
        line = self.line
        text = finish("".join(line.pieces), line_break=" ", blocks=True)
        # The line's source ends before its line break.
        line_end = next_offset - (self.text[next_offset - 1 : next_offset] == "\n")
        if self.renderer.blocks:
            self.renderer.blocks.clear()  # those left by what was not read here
        if BLOCK_OPEN in text or BLOCK_CLOSE in text:
            self.block_line(line, text, line_end)
        elif line.marker in ("*", "#", ";"):
            self.flush()
            if self.keep_lists:
                if text:
                    self.add(text, line.offset, line_end)
            elif text:
                self.count_item(line.offset)
        elif line.marker == ":" or (line.preformatted and text):
            self.flush()
            self.close_list()
            if text:
                self.add(text, line.offset, line_end)
        elif text and self.equals_heading(line, text, line_end):
            pass
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

    def equals_heading(self, line: _Line, text: str, line_end: int) -> bool:
        """Read a line of "=" signs alone as MediaWiki does: its level is half the signs
        less one (at most 6), the rest its text ("====" reads "==", level 1)."""
        if text[0] != "=" or line.within or self.cell is not None or text.strip("="):
            return False
        match = _EQUALS_LINE.fullmatch(self.text, line.offset, line_end)
        if match is None:
            return False
        signs = len(match.group(1))
        level = min(6, (signs - 1) // 2)
        self.close_list()
        self.flush()
        self.outline.append((max(level, 2), "=" * (signs - 2 * level), [], line.offset))
        if self.track:
            self.spans.append((line.offset, line.offset + signs))
            self.origins.append(None)
        return True

    def block_line(self, line: _Line, text: str, line_end: int) -> None:
        """A line holding blocks (a thumbnail, a gallery): as MediaWiki reads it, it ends
        the paragraph before it, and its text before, between and after the blocks and
        each block's text are paragraphs of their own."""
        pieces = split_blocks(text)
        if line.marker in ("*", "#", ";"):
            self.flush()
            if not self.keep_lists:
                if any(pieces):  # the blocks are inside the item: dropped with it
                    self.count_item(line.offset)
                return
        else:
            self.close_list()
            self.flush()
        blocks = line.blocks or []
        if line.nested is not None or len(blocks) != len(pieces) // 2:
            # A block inside other markup: its text cannot be told apart in the line's
            # source, which every piece spans.
            first = line.nested or (blocks[0][0] if blocks else None)
            if first is None:
                shared = Caption(Kind.FILE, line.offset, line_end, None)
            else:
                shared = Caption(first.kind, first.start, first.end, None)
            for piece in pieces:
                if piece:
                    self.add(piece, line.offset, line_end, shared)
            return
        previous_end = line.offset
        for index, piece in enumerate(pieces):
            if index % 2:
                caption, _, node_end = blocks[index // 2]
                if piece and caption.caption is not None:
                    # The caption's paragraph is the caption's source, inside the file
                    # link or the gallery.
                    self.add(piece, caption.caption.start, caption.caption.end, caption)
                previous_end = node_end
            elif piece:
                following = blocks[index // 2][1] if index // 2 < len(blocks) else line_end
                self.add(piece, previous_end, max(previous_end, following))

    def take_blocks(self, node: Node, mark: int) -> None:
        """The blocks ``node``, a node of the line, rendered (from ``mark`` on in the
        renderer's list) go with the line."""
        blocks = self.renderer.blocks
        line = self.line
        own = (
            isinstance(node, Tag)
            and not node.wiki_markup
            and php_trim(node.name).lower() == "gallery"
        ) or (
            isinstance(node, Wikilink)
            and len(blocks) == mark + 1
            and blocks[mark].start == node.start
        )
        if own:
            if line.blocks is None:
                line.blocks = []
            line.blocks.extend((block, node.start, node.end) for block in blocks[mark:])
        elif line.nested is None:
            line.nested = blocks[mark]
        del blocks[mark:]

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
                if (
                    not index
                    and line.pieces
                    and not line.marker
                    and shown[0] in "*#:;"
                    and offset > line.offset
                    and leading_comments_end(self.text, line.offset) == offset
                ):
                    # Only comments before it on its line: MediaWiki takes them out first,
                    # so a list marker still starts the line.
                    shown = self.list_marker(shown)
                if (
                    not line.pieces
                    and not line.marker
                    and not line.within
                    and shown[0] == " "
                    and shown.strip(" \t")
                ):
                    line.preformatted = True
                line.pieces.append(self.renderer.plain_text(shown, position))
                if shown.strip(" \t"):
                    line.started = True
            position += len(part) + 1

    def list_marker(self, shown: str) -> str:
        """``shown``, text starting a line after comments, without its list markers,
        which the line takes (``;`` makes the first ``:`` after it a break)."""
        markers = len(shown) - len(shown.lstrip("*#:;"))
        run, rest = shown[:markers], shown[markers:]
        self.line.marker = run[0]
        if ";" in run and ":" in rest:
            colon = rest.index(":")
            rest = rest[:colon] + " " + rest[colon + 1 :]
        return rest

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
            if isinstance(node, Table):
                self.table(node)
                continue
            if isinstance(node, Heading) and (
                self.cell is not None or not _ends_line(nodes, index + 1)
            ):
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
                    if self.track:
                        self.spans.append((node.start, node.end))
                        self.origins.append(None)
                self.line.started = True
            elif isinstance(node, Tag) and node.wiki_markup and node.name in LIST_MARKUP:
                if line.within and not line.marker and not shows("".join(line.pieces)):
                    # Not at a line's start for MediaWiki: the markers are text.
                    line.pieces.append(node.wiki_markup)
                elif shows("".join(line.pieces)):
                    # "; term : definition"; elsewhere, text reparsed on its own
                    # (":[[" after a link) starts with the marker, which is text.
                    term = line.marker == ";" and not line.defined
                    line.pieces.append(" " if term else node.wiki_markup)
                    line.defined = line.defined or term
                elif not line.marker:
                    line.marker = node.wiki_markup[0]
                line.started = True
            elif isinstance(node, Template) and self.cell is None and self.infobox.wants(node):
                self.infobox.read(node)
                line.block = True
                line.started = True
            elif isinstance(node, Tag) and (block := _tag_block(node)):
                if block == "blockquote":
                    self.block_quote(node, offset, wrap=True)
                elif block == "table":
                    self.html_table(node)
                else:
                    assert node.contents is not None
                    self.renderer.record_attribute_references(node)
                    self.walk(node.contents, reparse=reparse)
            elif isinstance(node, Template) and _quote_template(node):
                self.block_quote(node, offset, wrap=False)
            else:
                before = len(self.recorder.entries)
                mark = len(self.renderer.blocks)
                shown = self.renderer.node(node)
                if line.marker == ";" and not line.defined and _scheme_in_trail(nodes, index):
                    # [[Paris]]http://…: the link's trail takes "http", and the ":" after
                    # it, in text now, ends the term.
                    shown = shown.replace(":", " ", 1)
                    line.defined = True
                if len(self.renderer.blocks) > mark:
                    self.take_blocks(node, mark)
                recorded = len(self.recorder.entries) > before
                quiet = not recorded or self.recorder.only_quiet_since(before)
                if recorded and not shown:
                    shown = QUIET_SEAM if quiet else SEAM
                line.pieces.append(shown)
                visible = shows(shown)
                if visible or not quiet:
                    line.started = True
                else:
                    line.quiet = True
                if not visible and not quiet:
                    line.block = True

    def table(self, node: Table) -> None:
        """A table: each row a paragraph, its cells' text joined with spaces; a caption
        a paragraph; lines in the table but in no cell, paragraphs as in the body (see
        :mod:`._tables`). Without ``keep_tables``, the table is recorded as dropped.

        The table is read a stretch of parts at a time (some rows, or part of a long
        one), the cells of a stretch that hold markup parsed together
        (:func:`~._tables.parse_cells`)."""
        self.end_line(node.start)
        self.close_list()
        self.flush()
        if not self.keep_tables:
            self.recorder.record(Kind.TABLE, "{| … |}", node.start)
            self.line = _Line(node.end)
            return
        row = _Row((node.start, node.end))
        stretch: list[tuple[int, int, int, int, bool]] = []
        stretch_start = node.start
        for part in table_parts(node):
            stretch.append(part)
            if len(stretch) >= _STRETCH_PARTS or part[2] - stretch_start >= _STRETCH:
                self.table_stretch(stretch, row)
                stretch = []
                stretch_start = part[2]
        self.table_stretch(stretch, row)
        self.end_row(row)
        self.line = _Line(node.end)

    def table_stretch(self, parts: list[tuple[int, int, int, int, bool]], row: _Row) -> None:
        """Parts of a table (see :func:`~._tables.table_parts`), in order, into the row
        being read (``row``) and the paragraphs of the rows they end."""
        text = self.text
        marked: list[tuple[int, int]] = []
        plain: set[int] = set()  # the starts of the cells of words or numbers only
        for kind, start, end, _, _ in parts:
            if kind <= CAPTION:
                if _plain_cell(text, start, end):
                    plain.add(start)
                else:
                    marked.append((start, end))
        codes = parse_cells(text, marked, self.renderer.references) if len(marked) > 1 else {}
        for kind, start, end, markup, hidden in parts:
            if hidden:
                self.hidden_markup(markup, start if kind < ROW else end)
            if kind in (CELL, HEADER):
                if start in plain:
                    shown = finish(text[start:end], line_break=" ")  # (as cell_text reads it)
                else:
                    shown = self.cell_text(start, end, codes.get(start))
                if shown:
                    row.shown.append(shown)
                if row.start < 0:
                    row.start = markup
                row.end = end
                if self.track:
                    row.cells.append((start, end))
                continue
            self.end_row(row)
            if kind == CAPTION:
                shown = self.cell_text(start, end, codes.get(start))
                if shown:
                    self.origin = TableText(row.table, "caption", ((start, end),))
                    self.add(shown, markup, end)
                    self.origin = None
            elif kind == TEXT:
                self.origin = TableText(row.table, "text", ())
                self.walk(parse(text[start:end], start, self.renderer.references), reparse=True)
                self.end_line(end)
                self.close_list()
                self.flush()
                self.origin = None
                self.line = _Line(end)

    def html_table(self, node: Tag) -> None:
        """An HTML table (``<table>`` with ``<tr>``, ``<td>``, ``<th>``, ``<caption>``),
        read as a wikitext table is: each row a paragraph of its cells' text joined with
        spaces, a caption a paragraph, text in no cell paragraphs of their own. A table
        left out (``keep_tables`` false, ``display:none``) is recorded as the renderer
        records it; either way it is a block."""
        self.end_line(node.start)
        self.close_list()
        self.flush()
        renderer = self.renderer
        if not self.keep_tables or (node.attributes and styled_hidden(node)):
            renderer.node(node)  # (records it)
            self.line = _Line(node.end)
            return
        renderer.record_attribute_references(node)
        row = _Row((node.start, node.end))
        assert node.contents is not None
        for kind, code, start, end in renderer.html_table_parts(node.contents):
            if kind in (CELL, HEADER):
                shown = self.cell_text(code.start, code.end, code)
                if shown:
                    row.shown.append(shown)
                if row.start < 0:
                    row.start = start
                row.end = end
                if self.track:
                    row.cells.append((code.start, code.end))
                continue
            if kind == ROW:
                self.end_row(row)
                continue
            if kind == CAPTION:
                self.end_row(row)
                shown = self.cell_text(code.start, code.end, code)
                origin = TableText(row.table, "caption", ((code.start, code.end),))
            else:
                shown = finish(renderer.inline(code), line_break=" ")
                origin = TableText(row.table, "text", ())
            if shown:
                self.end_row(row)
                self.origin = origin
                self.add(shown, start, end)
                self.origin = None
        self.end_row(row)
        self.line = _Line(node.end)

    def end_row(self, row: _Row) -> None:
        """The row read so far as a paragraph, if it shows something; the next starts."""
        if row.shown:
            self.origin = TableText(row.table, "row", tuple(row.cells))
            self.add(" ".join(row.shown), row.start, row.end)
            self.origin = None
        row.shown.clear()
        row.cells.clear()
        row.start = -1

    def cell_text(self, start: int, end: int, code: Code | None = None) -> str:
        """What a table cell (or caption) whose content runs from ``start`` to ``end``
        shows: its paragraphs, list items and lines joined with spaces. ``code`` is its
        content parsed, if it was (with other cells)."""
        text = self.text
        if _plain_cell(text, start, end):
            return finish(text[start:end], line_break=" ")  # most cells: words or a number
        content = text[start:end]
        renderer = self.renderer
        tags = renderer.cell_tags(content, start) if "<" in content else None
        try:
            if code is None:
                code = parse(content, start, renderer.references)
            if "\n" not in content and not any(
                _starts_block(node) for node in code.nodes if not isinstance(node, str)
            ):
                # One line of inline markup (most cells): its text, as the line's.
                return finish(renderer.inline(code), line_break=" ")
            return self.cell_lines(code, start, end)
        finally:
            if tags is not None:
                renderer.unclosed, renderer.unclosed_starts = tags

    def cell_lines(self, code: Code, start: int, end: int) -> str:
        """A cell's content read as lines of the body (lists, paragraphs, quotations,
        tables), the paragraphs it makes joined with spaces."""
        state = (
            self.line, self.paragraph, self.paragraph_offset, self.paragraph_end,
            self.list_run, self.cell, self.quoting,
        )  # fmt: skip
        self.line = _Line(start, within=True)
        self.paragraph, self.list_run, self.cell, self.quoting = [], [], [], False
        self.walk(code, reparse=True)
        self.end_line(end)
        self.close_list()
        self.flush()
        paragraphs = self.cell
        (
            self.line, self.paragraph, self.paragraph_offset, self.paragraph_end,
            self.list_run, self.cell, self.quoting,
        ) = state  # fmt: skip
        return " ".join(paragraphs)

    def hidden_markup(self, start: int, end: int) -> None:
        """Record the references and comments in table markup (attributes, which are not
        shown) from ``start`` to ``end``."""
        self.renderer.record_hidden(self.text, start, end)

    def block_quote(self, node: Node, offset: int, *, wrap: bool) -> None:
        """A quotation is a paragraph of its own, in curly double quotes, so that it never
        reads as the article's own voice ({{quote}} adds the quotes itself)."""
        contents = node.contents if wrap and isinstance(node, Tag) else None
        if contents is not None and (
            _BLANK_LINE.search(contents.source)
            or any(
                not isinstance(part, str) and self.renderer.is_block(part)
                for part in contents.nodes
            )
        ):
            # Several paragraphs (or blocks: a thumbnail's caption): each is quoted, none
            # runs into the next.
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
        # An "=" MediaWiki leaves in the text stays (=foo== reads "foo=", seven "=" a side
        # a level-6 heading reading "= … ="; mwparserfromhell splits the signs the same way).
        text = trim(finish(self.renderer.inline(node.title), line_break=" "))
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
            if self.track:
                inside = within(dropped_spans)
                kept_spans = [
                    (span, origin)
                    for span, origin in zip(self.spans, self.origins, strict=True)
                    if not inside(span[0])
                ]
                self.spans = [span for span, _ in kept_spans]
                self.origins = [origin for _, origin in kept_spans]
        for start, heading in dropped:
            self.recorder.record(Kind.SECTION, heading, start)
        return build_sections(kept)
