"""Rendering inline markup to the text MediaWiki displays.

A link shows its label, a date template its date, bold and italic their text; what
has no text worth keeping (references, files, categories, maintenance templates…) is
left out and recorded. List items and ``<br>`` breaks are kept as markers
(:data:`LIST_BREAK`, :data:`LINE_BREAK`) until :func:`finish` knows what the text is
for: a paragraph or an infobox value.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any
from urllib.parse import unquote

from wikiround._mediawiki import BEHAVIOUR_SWITCH, title_text
from wikiround._text import PHP_TRIMMED, php_trim, trim
from wikiround.lossy._files import (
    Caption,
    caption_parts,
    file_layout,
    gallery_item,
    is_gallery_option,
)
from wikiround.lossy._quotes import APOSTROPHE, shown_apostrophes
from wikiround.lossy._record import Recorder, short, tag_detail
from wikiround.lossy._report import Kind
from wikiround.lossy._soup import HIDDEN_WHEN_UNCLOSED, hidden_tags
from wikiround.lossy._tables import (
    CAPTION,
    CELL,
    HEADER,
    ROW,
    TEXT,
    Table,
    find_tables,
    table_parts,
)
from wikiround.lossy._templates import (
    BLOCK_CLOSE,
    BLOCK_OPEN,
    LINE_BREAK,
    LINK_CLOSE,
    LINK_OPEN,
    LIST_BREAK,
    QUIET_SEAM,
    REMOVED,
    SEAM,
    SPACES,
    UNSHOWN,
    Arguments,
    close_seams,
    dropped_kind,
    handler_for,
    template_key,
)
from wikiround.lossy._tree import (
    REFERENCE_MARK,
    Argument,
    Code,
    Comment,
    Entity,
    ExternalLink,
    Heading,
    Node,
    Reference,
    Tag,
    Template,
    TreeError,
    Wikilink,
    parse,
    without_references,
)
from wikiround.wikitext._escape import decode_entities

__all__ = [
    "LIST_MARKUP",
    "STRAY_HINT",
    "InlineRenderer",
    "finish",
    "reparsed",
    "split_blocks",
    "styled_hidden",
]

# Markup left in text nodes when mwparserfromhell could not parse a construct.
STRAY_HINT = re.compile(r"\{\{|\}\}|\[\[|\]\]|<ref|<!--", re.IGNORECASE)
# What of it MediaWiki does not show: a comment left open hides the rest of the text, and
# references are taken out. (Brackets and braces left open MediaWiki shows as written.)
_STRAY = re.compile(
    r"<!--.*?(?:-->|\Z)|<ref\b[^>]*?/>|<ref\b[^>]*>.*?(?:</ref[ \t\n]*>|\Z)|</ref[ \t\n]*>"
    r"|<ref\b[^>]*",
    re.IGNORECASE | re.DOTALL,
)
_BREAKS = re.compile(f"([{LIST_BREAK}{LINE_BREAK}])")
_PIECED_LINK = re.compile(f"{LINK_OPEN}([^{LINK_OPEN}{LINK_CLOSE}]*)(?:{LINK_CLOSE}|$)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_REFERENCE_MARKER = re.compile(f"{REFERENCE_MARK}\x01*")

# Tags shown as their contents; tags dropped with their kind.
# (The HTML tags among them are those MediaWiki hides when left unclosed.)
_INLINE_TAGS = HIDDEN_WHEN_UNCLOSED | {
    "poem", "noinclude", "onlyinclude", "pre", "syntaxhighlight", "source", "wbr",
    "translate", "section",
}  # fmt: skip
_DROPPED_TAGS = {
    "ref": Kind.REFERENCE,
    "references": Kind.TEMPLATE,
    "imagemap": Kind.FILE,
}
LIST_MARKUP = frozenset({"li", "dt", "dd"})
HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The HTML elements MediaWiki allows (Sanitizer), shown as their contents. Any other tag
# that is not an extension tag MediaWiki shows as written, as text.
_ALLOWED_HTML = (
    HIDDEN_WHEN_UNCLOSED
    | LIST_MARKUP
    | HTML_HEADINGS
    | {
        "br", "wbr", "hr", "ul", "ol", "dl", "table", "tr", "td", "th", "caption", "tbody",
        "thead", "tfoot", "q", "rtc", "bdo", "meta", "link",
    }
)  # fmt: skip
# Elements that are blocks: what stands before and after one is not one run of text.
_BLOCKS = LIST_MARKUP | HTML_HEADINGS | {
    "div", "p", "center", "blockquote", "pre", "ul", "ol", "dl", "hr", "table", "tr", "td",
    "th", "caption", "poem", "syntaxhighlight", "source",
}  # fmt: skip
# Table parts outside a table: MediaWiki drops them, with no block around.
_TABLE_PARTS = frozenset({"tr", "td", "th", "caption"})


# Extension tags of Wikipedia whose output the plain text cannot show: left out, reported.
_EXTENSION_TAGS = frozenset(
    {
        "math", "chem", "ce", "score", "timeline", "hiero", "graph", "mapframe", "maplink",
        "templatedata", "templatestyles", "categorytree", "inputbox", "charinsert",
        "indicator", "includeonly", "langconvert", "tvar", "languages", "phonos", "rss",
        "dynamicpagelist", "ref", "references", "gallery", "imagemap", "nowiki",
    }
) | _INLINE_TAGS
# The elements of an HTML table (see InlineRenderer.html_table_parts), and what each is.
_HTML_TABLE_PARTS = {
    "tbody": ROW, "thead": ROW, "tfoot": ROW, "tr": ROW, "td": CELL, "th": HEADER,
    "caption": CAPTION,
}  # fmt: skip
_DISPLAY_NONE = re.compile(r"display[ \t\n]*:[ \t\n]*none", re.IGNORECASE)
_TAG_NAME = re.compile(r"/?([A-Za-z][A-Za-z0-9]*)")
_NOWIKI_TAG = re.compile(r"</?nowiki[ \t\n]*/?>", re.IGNORECASE)
# Interwiki prefixes that look like language codes but are not.
_NOT_LANGUAGES = frozenset({"wp", "mw", "doi", "rfc", "iso", "cat", "w", "c", "d", "m"})
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,8}){0,2}")


def _without_disambiguation(shown: str) -> str:
    """``shown`` without a last ``(…)`` and the spaces around it, as the pipe trick
    shows a link (string methods: a pattern searching for it backtracks on spaces)."""
    trimmed = shown.rstrip(" ")
    if trimmed.endswith(")"):
        opening = trimmed.rfind("(")
        if opening >= 0 and ")" not in trimmed[opening + 1 : -1]:
            return trimmed[:opening].rstrip(" ")
    return shown


def reparsed(
    value: str, start: int, references: dict[int, str], *, line_start: bool = True
) -> Code | None:
    """``value``, text holding markup left unparsed in context (:data:`STRAY_HINT`),
    parsed again on its own.

    mwparserfromhell sometimes gives up on a construct because of what surrounds it
    and leaves it as text; parsed alone it often succeeds. None when that does not help
    (or the tokens make no tree: see :class:`~._tree.TreeError`), and when ``value``
    does not start a line but would start with a heading alone (``[[a]]={{=``).
    """
    try:
        again = parse(value, start, references)
    except TreeError:
        return None
    if len(again.nodes) == 1 and isinstance(again.nodes[0], str):
        return None
    if not line_start and again.nodes and isinstance(again.nodes[0], Heading):
        return None
    return again


# A character reference, as decode_entities reads them.
_TEXT_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


# What MediaWiki percent-encodes in a bare URL it shows (Parser::normalizeLinkUrl).
_URL_ESCAPES = str.maketrans(
    {'"': "%22", "[": "%5B", "]": "%5D", "|": "%7C", " ": "+", "\t": "%09", "\n": "%0A"}
)
# A character reference's start and name at the end of a text, its ";" not yet there.
_TRAILING_NAME = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)\Z")


def _text_reference(match: re.Match[str]) -> str:
    # An apostrophe written as a reference is text, never part of bold or italics.
    return decode_entities(match.group()).replace("'", APOSTROPHE)


# Characters no title may hold (MediaWiki's $wgLegalTitleChars leaves them out), and
# line breaks; "#" starts the part after the title.
_ILLEGAL_IN_TITLE = re.compile(r"[<>\[\]{}|\x00-\x1f\x7f]")
_PERCENT_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _title_part(part: Node | str) -> str:
    """What a part of a link's target is to MediaWiki's test of the title: comments and
    references are gone, a template or tag makes it invalid (it holds braces or "<")."""
    if isinstance(part, str):
        return without_references(part)
    if isinstance(part, Entity):
        return part.source
    return "" if isinstance(part, (Comment, Reference)) else "{"


def _link_target(title_source: str) -> tuple[str, str | None]:
    """A link's target as MediaWiki reads it from the source of its title, and the
    target's prefix before a ":" in lower case ("" for none); None for the prefix when
    the target is not valid (see :func:`_valid_target`)."""
    target = trim(decode_entities(title_source), line_breaks=True)
    if not _valid_target(target):
        return target, None
    return target, title_text(target.partition(":")[0]).lower() if ":" in target else ""


def _valid_target(target: str) -> bool:
    """Whether MediaWiki reads ``[[target]]`` as a link: a title of legal characters,
    not empty (but for a link to the page itself, ``#…``), and, after a namespace or
    interwiki prefix, not empty either (``[[File:]]``)."""
    if _ILLEGAL_IN_TITLE.search(target):
        return False
    title = target.lstrip(":").partition("#")[0].strip(" _")
    if not title:
        return "#" in target
    return not title.endswith(":")


def _percent_decoded(shown: str) -> str:
    """A link's shown target with its percent escapes decoded, as MediaWiki shows it
    (escapes that are not UTF-8 stay as written)."""

    def decode(match: re.Match[str]) -> str:
        try:
            return unquote(match.group(), errors="strict")
        except UnicodeDecodeError:
            return match.group()

    return _PERCENT_ESCAPES.sub(decode, shown)


def styled_hidden(node: Tag) -> bool:
    """Whether an element's style hides it from every reader (``display:none``)."""
    for attribute in node.attributes:
        if attribute.value is not None and php_trim(attribute.name.source).lower() == "style":
            return _DISPLAY_NONE.search(attribute.value.source) is not None
    return False


def _as_text(source: str) -> str:
    """Source shown as written: its apostrophes are never bold or italics."""
    return source.replace("'", APOSTROPHE) if "'" in source else source


def _raw_text(source: str) -> str:
    """The contents of <nowiki> or <pre> as MediaWiki shows them."""
    return _as_text(decode_entities(source))


def _is_language(prefix: str) -> bool:
    return _LANGUAGE.fullmatch(prefix) is not None and prefix not in _NOT_LANGUAGES


# Whitespace that is not already one space: a run of two or more, or one that is not
# " ". (Matching every single space too, re.sub would build two pieces per word: for a
# 20 MB line, 300 MB.)
_SPACE_RUN = re.compile(f"[{SPACES}]{{2,}}|[{SPACES.replace(' ', '')}]")
# What rendered text may hold and still show nothing: spaces, seams, what MediaWiki
# hides, and the reader's markers.
_SHOWS_NOTHING = (
    SPACES + SEAM + QUIET_SEAM + UNSHOWN + LIST_BREAK + LINE_BREAK + LINK_OPEN + LINK_CLOSE
    + BLOCK_OPEN + BLOCK_CLOSE
)  # fmt: skip
_BLOCK_MARKERS = re.compile(f"([{BLOCK_OPEN}{BLOCK_CLOSE}])")


def _collapse_spaces(text: str) -> str:
    """``text`` with each run of SPACES as one space."""
    # Four tests for one character or two are quicker than the search in most text,
    # which has none of them.
    if "  " in text or "\t" in text or "\n" in text or "\xa0" in text:
        return _SPACE_RUN.sub(" ", text)
    return text


def shows(rendered: str) -> bool:
    """Whether rendered text shows anything (a seam shows nothing)."""
    return bool(rendered.strip(_SHOWS_NOTHING))


def finish(text: str, *, line_break: str, blocks: bool = False) -> str:
    """Rendered text as one trimmed line: whitespace runs become one space, list
    items are joined with ``", "`` and ``<br>`` breaks with ``line_break``. The markers
    around blocks (:data:`BLOCK_OPEN`, :data:`BLOCK_CLOSE`) stay with ``blocks``, for
    :func:`split_blocks`; else they read as spaces."""
    if "'" in text:
        # Before references are taken out: their markers part runs of apostrophes.
        text = shown_apostrophes(text)
    text = close_seams(without_references(text))
    if not blocks and (BLOCK_OPEN in text or BLOCK_CLOSE in text):
        text = text.replace(BLOCK_OPEN, " ").replace(BLOCK_CLOSE, " ")
    if APOSTROPHE in text:
        text = text.replace(APOSTROPHE, "'")
    if UNSHOWN in text:
        text = text.replace(UNSHOWN, "")
    if LINK_OPEN in text or LINK_CLOSE in text:
        text = _PIECED_LINK.sub(lambda match: match.group(1).rpartition("|")[2], text)
        text = text.replace(LINK_OPEN, "").replace(LINK_CLOSE, "")
    if LIST_BREAK not in text and LINE_BREAK not in text:  # most lines: no breaks
        return _collapse_spaces(text).strip(" ")
    pieces = _BREAKS.split(text)
    result = ""
    separator: str | None = None
    for index, piece in enumerate(pieces):
        if index % 2:
            if separator != LIST_BREAK:
                separator = piece
            continue
        item = _collapse_spaces(piece).strip(" ")
        if not item:
            continue
        if result and separator is not None:
            if (
                result[-1] in ",;:"
                or item[0] in "),;:."
                or (separator == LINE_BREAK and line_break == ", " and item[0] == "(")
            ):
                glue = " " if item[0] not in "),;:." else ""
            else:
                glue = ", " if separator == LIST_BREAK else line_break
            result += glue + item
        elif result:
            result += " " + item if not result.endswith(" ") else item
        else:
            result = item
        separator = None
    return result


def split_blocks(text: str) -> list[str]:
    """Finished text holding blocks (see :func:`finish`) cut into its pieces, each
    trimmed: the text before the first block, the first block's text, the text between
    it and the next block, … and the text after the last block (so the blocks are the
    pieces at odd indices)."""
    pieces = [""]
    inside = False
    for piece in _BLOCK_MARKERS.split(text):
        if piece == BLOCK_OPEN:
            if not inside:
                pieces.append("")
                inside = True
        elif piece == BLOCK_CLOSE:
            if inside:
                pieces.append("")
                inside = False
        else:
            pieces[-1] += piece
    if inside:
        pieces.append("")
    return [piece.strip(" ") for piece in pieces]


class InlineRenderer:
    """Renders inline nodes to displayed text, recording what it leaves out.

    ``references`` gives the report's detail of each reference taken out of the text,
    by the offset of its marker; ``title`` is the article's, which some templates show;
    ``unclosed`` the (start, end) of each HTML tag MediaWiki shows nothing of, in order
    (see :meth:`unshown`); ``text`` the page, for what is shown as written. Tables are
    shown (a row a line, its cells' text joined with spaces), or with ``keep_tables``
    false left out and recorded. ``captions`` shows the captions of thumbnails and
    framed files, ``galleries`` those of galleries.

    A file or gallery that MediaWiki shows as a block of its own is rendered between
    :data:`BLOCK_OPEN` and :data:`BLOCK_CLOSE` (each of a gallery's captions is a
    block), and where each block's text comes from is appended to :attr:`blocks`, for
    the body to take. With :attr:`show_blocks` false (an infobox's values), files and
    galleries show nothing.
    """

    def __init__(
        self,
        recorder: Recorder,
        title: str,
        references: dict[int, str],
        unclosed: list[tuple[int, int]] | None = None,
        text: str = "",
        *,
        keep_tables: bool = True,
        captions: bool = True,
        galleries: bool = True,
    ) -> None:
        self.recorder = recorder
        self.text = text  # the page, for what is shown as written
        self.title = title
        self.references = references
        self.keep_tables = keep_tables
        self.captions = captions
        self.galleries = galleries
        self.show_blocks = True
        self.blocks: list[Caption] = []
        self.unclosed = unclosed or []
        self.unclosed_starts = [start for start, _ in self.unclosed]
        self.autonumbers = 0  # external links without a label shown so far
        self.in_label = 0  # how many wikilinks' labels are being rendered
        # What _link_target found for each link title's source read so far.
        self.targets: dict[str, tuple[str, str | None]] = {}
        # Where a ";" starts that a bare URL before it took as its entity's end.
        self.taken_semicolon = -1
        # One method per node type, looked up by the node's exact type.
        self._renderers: dict[type[Node], Callable[[Any], str]] = {
            Wikilink: self.link,
            Reference: self.reference,
            Tag: self.tag,
            Template: self.template,
            Entity: self.entity,
            Comment: self.comment,
            ExternalLink: self.external_link,
            Heading: self.heading,
            Argument: self.argument,
            Table: self.table,
        }

    def inline(self, code: Code, *, reparse: bool = True) -> str:
        """The displayed text of ``code``, with list and line breaks as markers.

        Text holding markup left unparsed is parsed again on its own, unless ``reparse``
        is false (it is already the result of that)."""
        parts: list[str] = []
        position = code.start
        for node in code.nodes:
            if isinstance(node, str):
                if STRAY_HINT.search(node) is None:  # the common case, made quick
                    shown = self.plain_text(self.unshown(node, position), position)
                    parts.append(_BLANK_LINE.sub(LINE_BREAK, shown) if "\n" in shown else shown)
                    position += len(node)
                    continue
                again = reparsed(node, position, self.references) if reparse else None
                if again is not None:
                    parts.append(self.inline(again, reparse=False))
                else:
                    shown = self.unshown(node, position)
                    shown = self.plain_text(self.stray(shown, position), position)
                    parts.append(_BLANK_LINE.sub(LINE_BREAK, shown))
                position += len(node)
            else:
                before = len(self.recorder.entries)
                shown = self.node(node)
                # Something left out leaves a seam, where a comma may close up.
                if shown or len(self.recorder.entries) == before:
                    parts.append(shown)
                else:
                    parts.append(QUIET_SEAM if self.recorder.only_quiet_since(before) else SEAM)
                position = node.end
        return "".join(parts)

    def template_argument(self, code: Code) -> str:
        """A template's argument as displayed (see :meth:`inline`). A table in it, its
        pipes written ``{{!}}``, starting the argument or a line of it, is shown as a
        table is (MediaWiki reads it once the template has placed the argument; Module:
        Infobox puts a line break before a value starting with ``{|``)."""
        if code.holds("{|") or code.holds("{{!}}"):
            source = code.source
            tables, _ = find_tables(source, base=code.start)
            if tables:
                with suppress(TreeError):  # (then shown as it was read)
                    code = parse(source, code.start, self.references, tables)
        return self.inline(code)

    def unshown(self, value: str, offset: int) -> str:
        """``value``, text at ``offset``, with each HTML tag in it that is left unclosed
        (``<div>`` with no ``</div>`` after it) made :data:`UNSHOWN`: MediaWiki shows
        such a tag's contents but not the tag. Offsets in the result stay as they were."""
        starts = self.unclosed_starts
        if not starts or "<" not in value:
            return value
        index = bisect_left(starts, offset)
        end = offset + len(value)
        pieces: list[str] = []
        done = 0  # value[:done] is in pieces
        while index < len(starts) and starts[index] < end:
            start, stop = self.unclosed[index]
            index += 1
            if stop > end or value[start - offset] != "<":  # not this text's own tag
                continue
            pieces.append(value[done : start - offset])
            name = _TAG_NAME.match(value, start - offset + 1)
            if name is not None and self.breaks_when_unmatched(
                name.group(1).lower(), start, closing=name.start(1) > start - offset + 1
            ):
                # Not shown, but a block ends or starts there.
                pieces.append(LINE_BREAK + UNSHOWN * (stop - start - 1))
            else:
                pieces.append(UNSHOWN * (stop - start))
            done = stop - offset
        if not pieces:
            return value
        pieces.append(value[done:])
        return "".join(pieces)

    def breaks_when_unmatched(self, name: str, start: int, *, closing: bool) -> bool:
        """Whether a tag at ``start`` that MediaWiki hides, unmatched, still parts the text
        around it: an opening block tag does (the block runs on to the end); a closing
        one only for ``</p>``, which ends a paragraph, and not in a list item, where
        there is none."""
        if closing:
            if name != "p":
                return False
            line = self.text.rfind("\n", 0, start) + 1
            return self.text[line : line + 1] not in ("*", "#", ":", ";")
        return name in _BLOCKS and name not in _TABLE_PARTS

    def cell_tags(self, content: str, start: int) -> tuple[list[tuple[int, int]], list[int]]:
        """Make the HTML tags left unclosed those of a table cell's ``content`` (at
        ``start``) while it is rendered: its end closes what it opened, as HTML's tree
        builder does (the page's were found with tables masked). Returns what to put
        back in ``unclosed`` and ``unclosed_starts`` after."""
        saved = self.unclosed, self.unclosed_starts
        self.unclosed = [(start + a, start + b) for a, b in hidden_tags(content)]
        self.unclosed_starts = [tag_start for tag_start, _ in self.unclosed]
        return saved

    def record_hidden(self, text: str, start: int, end: int, base: int = 0) -> None:
        """Record the references and comments in ``text`` (which starts at offset
        ``base``) from ``start`` to ``end``: markup that is not shown, such as a table's
        attributes."""
        source = text[start:end]
        start += base
        for marker in _REFERENCE_MARKER.finditer(source):
            offset = start + marker.start()
            self.recorder.record(Kind.REFERENCE, self.references.get(offset, "<ref>"), offset)
        opening = source.find("<!--")
        while opening >= 0:
            closing = source.find("-->", opening + 4)
            if closing < 0:
                break  # (not a comment: nor is any after it)
            detail = short(source[opening + 4 : closing]) or "<!-- -->"
            self.recorder.record(Kind.COMMENT, detail, start + opening)
            opening = source.find("<!--", closing + 3)

    def stray(self, value: str, offset: int, *, keep_length: bool = False) -> str:
        """Text with the markup mwparserfromhell left unparsed removed (and recorded);
        with ``keep_length``, replaced by :data:`REMOVED` instead, so that offsets in the
        text stay put."""
        if not STRAY_HINT.search(value):
            return value

        def replace(match: re.Match[str]) -> str:
            found = match.group()
            if found.startswith("<!--"):
                kind, detail = Kind.COMMENT, short(found[4:].removesuffix("-->")) or "<!-- -->"
            elif found.lower().startswith("<ref"):
                kind, detail = Kind.REFERENCE, "<ref>"
            else:
                kind, detail = Kind.MARKUP, repr(found)
            self.recorder.record(kind, detail, offset + match.start())
            return REMOVED * len(found) if keep_length else ""

        return _STRAY.sub(replace, value)

    def plain_text(self, value: str, offset: int) -> str:
        """Text without behaviour switches, its character references decoded (those
        mwparserfromhell leaves as text: HTML5 names such as ``&apos;``). Runs of
        apostrophes stay until the line is whole (see :func:`finish`)."""
        if offset == self.taken_semicolon:
            value = value[1:]  # (see free_url)
        if "__" in value:
            for found in BEHAVIOUR_SWITCH.finditer(value):
                self.recorder.record(Kind.MAGIC_WORD, found.group(), offset + found.start())
            value = BEHAVIOUR_SWITCH.sub("", value)
        if "&" in value and ";" in value:
            value = _TEXT_REFERENCE.sub(_text_reference, value)
        return value

    def node(self, node: Node) -> str:
        """The displayed text of one node."""
        render = self._renderers.get(type(node))
        return "" if render is None else render(node)

    def record_references(self, code: Code) -> None:
        """Record the references in ``code``, which is read as it is written (a URL,
        a link's target), not rendered."""
        for part in code.nodes:
            if isinstance(part, Reference):
                self.recorder.record(Kind.REFERENCE, part.detail, part.start)

    def record_attribute_references(self, node: Tag) -> None:
        """Attributes are never shown; a reference written in one (title="…<ref>…") is
        recorded."""
        for attribute in node.attributes:
            self.record_references(attribute.name)
            if attribute.value is not None:
                self.record_references(attribute.value)

    def reference(self, node: Reference) -> str:
        self.recorder.record(Kind.REFERENCE, node.detail, node.start)
        return ""

    def entity(self, node: Entity) -> str:
        # &#39;&#39; is two apostrophes of text, never italics.
        return decode_entities(node.source).replace("'", APOSTROPHE)

    def comment(self, node: Comment) -> str:
        self.recorder.record(Kind.COMMENT, short(node.contents) or "<!-- -->", node.start)
        return ""

    def heading(self, node: Heading) -> str:
        return self.inline(node.title)

    def argument(self, node: Argument) -> str:
        detail = "{{{" + php_trim(node.name.source) + "}}}"
        self.recorder.record(Kind.UNKNOWN_TEMPLATE, detail, node.start)
        return ""

    def link(self, node: Wikilink) -> str:
        offset = node.start
        title_nodes = node.title.nodes
        first = title_nodes[0] if title_nodes else None
        plain_title = len(title_nodes) == 1 and isinstance(first, str)
        if isinstance(first, str) and plain_title:
            title_source = first  # most links: one piece of text
        elif any(isinstance(part, Comment) for part in title_nodes):
            # Gone before MediaWiki reads the link.
            title_source = "".join(_title_part(part) for part in title_nodes)
        else:
            title_source = without_references(node.title.source)
        known = self.targets.get(title_source)
        if known is None:
            known = self.targets[title_source] = _link_target(title_source)
        target, prefix = known
        if prefix is None:
            return self.as_written(node)
        visible = target.startswith(":")
        if not visible and prefix:
            if prefix in ("file", "image"):
                self.recorder.record(Kind.FILE, short(target), offset)
                return self.file(node, target) if self.show_blocks else ""
            if prefix == "category":
                self.recorder.record(Kind.CATEGORY, short(target), offset)
                return ""
            if _is_language(prefix):
                self.recorder.record(Kind.INTERLANGUAGE_LINK, short(target), offset)
                return ""
        if node.text is not None:
            label_nodes = node.text.nodes
            if (len(label_nodes) != 1 or not isinstance(label_nodes[0], str)) and any(
                isinstance(part, Wikilink) for part in label_nodes
            ):
                return self.as_written(node)  # a link in a link's label: neither is one
            if not plain_title:
                self.record_references(node.title)
            # MediaWiki reads bold and italics in a label on their own, apart from the
            # line around the link.
            self.in_label += 1
            try:
                label = self.inline(node.text)
            finally:
                self.in_label -= 1
            if "'" in label:
                label = shown_apostrophes(label).replace("'", APOSTROPHE)
            if shows(label) or node.text.source:
                return label  # (a label of a no-break space shows as one)
            # The pipe trick: [[Paris (band)|]] shows "Paris" (once saved: saving fills
            # in the label).
            shown = target.lstrip(":").rpartition(":")[2] if ":" in target else target
            return _without_disambiguation(shown)
        shown = self.inline(node.title).strip(SPACES)
        if "%" in shown:
            shown = _percent_decoded(shown)
        return shown[1:] if shown.startswith(":") else shown

    def as_written(self, node: Wikilink) -> str:
        """A link MediaWiki does not read as one: shown as written, what is inside it
        read."""
        label = "" if node.text is None else "|" + self.inline(node.text)
        return "[[" + self.inline(node.title) + label + "]]"

    def caption(self, code: Code) -> str:
        """A caption as readers see it, one block: read on its own (bold and italics
        too, as MediaWiki reads them), any block inside it read as spaces."""
        mark = len(self.blocks)
        shown = self.inline(code)
        del self.blocks[mark:]
        if BLOCK_OPEN in shown or BLOCK_CLOSE in shown:
            shown = shown.replace(BLOCK_OPEN, " ").replace(BLOCK_CLOSE, " ")
        if "'" in shown:
            shown = shown_apostrophes(shown).replace("'", APOSTROPHE)
        return shown

    def file(self, node: Wikilink, target: str) -> str:
        """A file: nothing when it sits inline; a block when it is a thumbnail, a frame
        or floated, holding the caption readers see (a thumbnail's or a frame's)."""
        layout = file_layout(target, node.text)
        if not layout.block:
            return ""
        caption = layout.caption if layout.captioned and self.captions else None
        shown = "" if caption is None else self.caption(caption)
        self.blocks.append(Caption(Kind.FILE, node.start, node.end, caption))
        return BLOCK_OPEN + shown + BLOCK_CLOSE

    def is_block(self, node: Node) -> bool:
        """Whether ``node`` is a file or a gallery that MediaWiki shows as a block."""
        if isinstance(node, Tag):
            return not node.wiki_markup and php_trim(node.name).lower() == "gallery"
        if not isinstance(node, Wikilink) or node.text is None:
            return False
        target = trim(decode_entities(without_references(node.title.source)), line_breaks=True)
        prefix, colon, _ = target.partition(":")
        if not colon or title_text(prefix).lower() not in ("file", "image"):
            return False
        return file_layout(target, node.text).block

    def gallery(self, node: Tag) -> str:
        """A gallery: a block for its caption (the ``caption`` attribute) and one for each
        item's caption, in order (one empty block when none shows)."""
        pieces: list[str] = []
        contents = node.contents
        if self.galleries:
            title = None
            for attribute in node.attributes:
                if php_trim(attribute.name.source).lower() == "caption":
                    title = attribute.value  # the last one counts
            if title is not None:
                shown = self.caption(title)
                end = node.end if contents is None else contents.start
                after = "" if contents is None else "</gallery>"
                self.blocks.append(Caption(Kind.GALLERY, node.start, end, title, after=after))
                pieces.append(BLOCK_OPEN + shown + BLOCK_CLOSE)
            if contents is not None:
                for caption, start, end in self.gallery_captions(contents):
                    shown = self.caption(caption)
                    self.blocks.append(
                        Caption(Kind.GALLERY, start, end, caption, "<gallery>\n", "\n</gallery>")
                    )
                    pieces.append(BLOCK_OPEN + shown + BLOCK_CLOSE)
        if not pieces:
            self.blocks.append(Caption(Kind.GALLERY, node.start, node.end, None))
            pieces.append(BLOCK_OPEN + BLOCK_CLOSE)
        return "".join(pieces)

    def gallery_captions(self, contents: Code) -> list[tuple[Code, int, int]]:
        """Each item's caption in a gallery's ``contents``, with the span of its line."""
        found: list[tuple[Code, int, int]] = []
        source = contents.source
        position = contents.start
        for line in source.split("\n"):
            start = position
            position += len(line) + 1
            item = gallery_item(line)
            if item is None or item[1] < 0:
                continue
            name, at = item
            parameters = line[at:]
            written = parameters.strip(PHP_TRIMMED)
            if not written:
                continue
            offset = start + at + len(parameters) - len(parameters.lstrip(PHP_TRIMMED))
            try:
                code = parse(written, offset, self.references)
            except TreeError:
                code = Code([written], offset, offset + len(written), written, offset)
            extension = name.rpartition(".")[2].strip(PHP_TRIMMED).lower() if "." in name else ""
            caption = None
            for part in caption_parts(code):
                if not is_gallery_option(part, extension):
                    caption = part  # the last one counts
            if caption is not None and caption.nodes:
                found.append((caption, start, start + len(line)))
        return found

    def external_link(self, node: ExternalLink) -> str:
        url = node.url.source
        if REFERENCE_MARK in url:
            # MediaWiki ends a URL where a reference starts; mwparserfromhell, seeing a
            # marker, does not.
            self.record_references(node.url)
            url = without_references(url)
        if not node.brackets:
            if len(node.url.nodes) > 1 or "&" in url:
                return self.free_url(node.url)
            return url.translate(_URL_ESCAPES) if "|" in url else url
        if self.in_label:
            # A link in a link's label is none: shown as written, its label rendered.
            if node.title is None:
                return f"[{url}]"
            return f"[{url}{self.text[node.url.end : node.title.start]}{self.inline(node.title)}]"
        if node.title is not None and trim(node.title.source, line_breaks=True):
            return self.inline(node.title)
        # No label: MediaWiki numbers such links in the order of the page: [1], [2]…
        self.autonumbers += 1
        return f"[{self.autonumbers}]"

    def free_url(self, url: Code) -> str:
        """A bare URL as MediaWiki shows it: comments are gone before it is read (the URL
        runs on after one), character references are decoded and what MediaWiki
        percent-encodes encoded (``"``, ``[``, ``]``, ``|``, a line break…), and a
        template shows its text (which ends the URL when it starts with markup)."""
        pieces: list[str] = []
        written: list[bool] = []  # per piece: the URL's own text, not a template's
        for part in url.nodes:
            if isinstance(part, str):
                pieces.append(part)
            elif isinstance(part, Entity):
                pieces.append(decode_entities(part.source))
            elif isinstance(part, Comment):
                self.comment(part)
                continue
            elif isinstance(part, Reference):
                continue
            else:
                pieces.append(self.node(part))  # a template's text, say
                written.append(False)
                continue
            written.append(True)
        if pieces and written[-1] and "&" in pieces[-1] and self.text.startswith(";", url.end):
            # MediaWiki keeps a URL's last ";" when it ends a character reference
            # (&apos;), which mwparserfromhell reads as text only when HTML 4 lacks it.
            last = _TRAILING_NAME.search(pieces[-1])
            if last is not None and decode_entities(last.group() + ";") != last.group() + ";":
                pieces[-1] += ";"
                self.taken_semicolon = url.end
        for index, piece in enumerate(pieces):
            if written[index]:
                if "&" in piece and ";" in piece:  # (HTML5 names: text to mwparserfromhell)
                    piece = _TEXT_REFERENCE.sub(_text_reference, piece)
                pieces[index] = piece.translate(_URL_ESCAPES)
        return "".join(pieces)

    def tag(self, node: Tag) -> str:
        offset = node.start
        name = php_trim(node.name).lower()
        if node.attributes and name not in _DROPPED_TAGS and name != "gallery":
            self.record_attribute_references(node)
        if node.wiki_markup:
            if name in ("b", "i") and node.contents is not None:
                return self.inline(node.contents)
            if name in LIST_MARKUP:
                return LIST_BREAK
            if name == "table":  # (mwparserfromhell's: inside a template's argument)
                self.recorder.record(Kind.TABLE, "{| … |}", offset)
                return ""
            return LINE_BREAK if name == "hr" else ""
        if name == "br":
            return LINE_BREAK
        contents = None if node.self_closing else node.contents
        if name in ("nowiki", "pre"):
            # Shown as written, character references decoded; <nowiki> inside <pre> is
            # not shown.
            if contents is None:
                return "" if name == "nowiki" else LINE_BREAK
            if name == "nowiki":
                return _raw_text(contents.source)
            return LINE_BREAK + _raw_text(_NOWIKI_TAG.sub("", contents.source)) + LINE_BREAK
        if name == "gallery":
            self.recorder.record(Kind.GALLERY, tag_detail(node, name), offset)
            return self.gallery(node) if self.show_blocks else ""
        kind = _DROPPED_TAGS.get(name)
        if kind is not None:
            self.recorder.record(kind, tag_detail(node, name), offset)
            return ""
        if name == "table" and not self.keep_tables:
            self.recorder.record(Kind.TABLE, tag_detail(node, "table"), offset)
            return ""
        if name in _ALLOWED_HTML or name in _INLINE_TAGS:
            if node.attributes and styled_hidden(node):
                detail = f"<{name}> shown to no reader (display:none)"
                self.recorder.record(Kind.TAG, detail, offset)
                return ""
            if name == "table" and contents is not None:
                return self.html_table(contents)
            shown = "" if contents is None else self.inline(contents)
            return LINE_BREAK + shown + LINE_BREAK if name in _BLOCKS else shown
        if name in _EXTENSION_TAGS:
            self.recorder.record(Kind.TAG, f"<{name}>", offset)
            return ""
        return self.tag_as_written(node)

    def tag_as_written(self, node: Tag) -> str:
        """A tag MediaWiki does not allow (``<boo>``, ``<a href>``): its opening and
        closing tags shown as written, its contents read."""
        if node.self_closing or node.contents is None:
            return _as_text(without_references(self.text[node.start : node.end]))
        contents = node.contents
        opening = self.text[node.start : contents.start]
        closing = self.text[contents.end : node.end]
        return (
            _as_text(without_references(opening))
            + self.inline(contents)
            + _as_text(without_references(closing))
        )

    def table(self, node: Table) -> str:
        """A table in running text (in a quotation, say): its rows as lines, each its
        cells' text joined with spaces; a caption a line of its own."""
        if not self.keep_tables:
            self.recorder.record(Kind.TABLE, "{| … |}", node.start)
            return ""
        text, base = node.text, node.base
        lines: list[str] = []
        row: list[str] = []
        for kind, start, end, markup, hidden in table_parts(node):
            if hidden:
                end_of_markup = start if kind < ROW else end
                self.record_hidden(text, markup - base, end_of_markup - base, base)
            if kind in (CELL, HEADER, CAPTION, TEXT):
                content = text[start - base : end - base]
                tags = self.cell_tags(content, start) if "<" in content else None
                try:
                    code = parse(content, start, self.references)
                except TreeError:
                    code = Code([content], start, end, content, start)
                shown = finish(self.inline(code), line_break=" ")
                if tags is not None:
                    self.unclosed, self.unclosed_starts = tags
                if kind in (CELL, HEADER):
                    if shown:
                        row.append(shown)
                    continue
                if shown:
                    lines.append(shown)
            if row:
                lines.append(" ".join(row))
                row.clear()
        return LINE_BREAK + LINE_BREAK.join(lines) + LINE_BREAK if lines else ""

    def html_table(self, contents: Code) -> str:
        """An HTML table in running text, read as a wikitext table is (see
        :meth:`table`), from its contents."""
        lines: list[str] = []
        row: list[str] = []
        for kind, code, _, _ in self.html_table_parts(contents):
            shown = "" if kind == ROW else finish(self.inline(code), line_break=" ")
            if kind in (CELL, HEADER):
                if shown:
                    row.append(shown)
                continue
            if kind == TEXT and not shown:
                continue  # (line breaks between a table's elements)
            if row:
                lines.append(" ".join(row))
                row.clear()
            if shown:
                lines.append(shown)
        if row:
            lines.append(" ".join(row))
        return LINE_BREAK + LINE_BREAK.join(lines) + LINE_BREAK if lines else ""

    def html_table_parts(self, code: Code) -> Iterator[tuple[int, Code, int, int]]:
        """The parts of an HTML table from its contents (``code``), as ``(kind,
        content, start, end)``, in order: each cell (``<td>``: CELL, ``<th>``: HEADER)
        and caption (CAPTION) with its contents and the element's span, ROW where a
        row (``<tr>``, ``<tbody>``…) starts or ends, and TEXT for what stands in no
        cell (MediaWiki shows it before the table). References in the elements'
        attributes are recorded; an element styled ``display:none`` is left out and
        recorded."""
        position = code.start
        for child in code.nodes:
            start = position
            position = position + len(child) if isinstance(child, str) else child.end
            kind = TEXT
            if isinstance(child, Tag) and not child.wiki_markup and child.contents is not None:
                kind = _HTML_TABLE_PARTS.get(php_trim(child.name).lower(), TEXT)
            if kind == TEXT:
                yield TEXT, code.part([child], start, position), start, position
                continue
            assert isinstance(child, Tag) and child.contents is not None
            if child.attributes:
                self.record_attribute_references(child)
                if styled_hidden(child):
                    name = php_trim(child.name).lower()
                    detail = f"<{name}> shown to no reader (display:none)"
                    self.recorder.record(Kind.TAG, detail, start)
                    continue
            if kind == ROW:
                yield ROW, child.contents, start, start
                yield from self.html_table_parts(child.contents)
                yield ROW, child.contents, position, position
            else:
                yield kind, child.contents, start, position

    def template(self, node: Template) -> str:
        offset = node.start
        name_nodes = node.name.nodes
        if any(not isinstance(part, (str, Comment)) for part in name_nodes):
            self.recorder.record(Kind.UNKNOWN_TEMPLATE, "{{…}}", offset)
            return ""
        raw_name = "".join(part for part in name_nodes if isinstance(part, str))
        key, display, first = template_key(raw_name)
        if key == "#tag":
            tag = php_trim(first or "")
            kind = Kind.REFERENCE if tag.lower() == "ref" else Kind.TAG
            self.recorder.record(kind, "{{#tag:" + tag + "}}", offset)
            return ""
        dropped = dropped_kind(key)
        if dropped is not None:
            self.recorder.record(dropped, display, offset)
            return ""
        handler = handler_for(key)
        if handler is None:
            self.recorder.record(Kind.UNKNOWN_TEMPLATE, display, offset)
            return ""
        first_argument: Code | None = None
        if first is not None:
            # ``first`` is the name's text after its colon, tidied; its offsets are
            # counted from that colon.
            start = node.name.start + node.name.source.find(":") + 1
            try:
                first_argument = parse(first, start, self.references)
            except TreeError:
                first_argument = Code([first], start, start + len(first), first, start)
        shown = handler(Arguments(self, node, first_argument), display)
        return shown or ""
