"""Read real Wikipedia articles: show what a reader sees, report everything else.

:func:`parse_wikitext_lossy` walks a node tree once (built by :mod:`._tree` from
mwparserfromhell's tokens, with each node's offsets). Inline nodes are
rendered to the text MediaWiki displays (a link shows its label, a date template its
date); whatever has no text worth keeping (references, files, tables, categories,
maintenance templates…) is left out and recorded with its line and column. The rules
are listed in docs/reading-real-articles.md.
"""

from __future__ import annotations

import bisect
import re

from wikiround._keys import has_key, key_to_parameter, parameter_to_key
from wikiround.errors import ModelError
from wikiround.lossy._report import Dropped, Kind, LossyResult, Report
from wikiround.lossy._templates import (
    LINE_BREAK,
    LINK_CLOSE,
    LINK_OPEN,
    LIST_BREAK,
    Arguments,
    dropped_kind,
    handler_for,
    template_key,
)
from wikiround.lossy._tree import (
    REFERENCE_FILL,
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
    Wikilink,
    parse,
    without_references,
)
from wikiround.model import (
    DEFAULT_TEMPLATE,
    Article,
    Infobox,
    Parameter,
    build_sections,
    is_infobox_name,
)
from wikiround.wikitext._escape import decode_entities, escape_heading

__all__ = ["parse_wikitext_lossy"]

# Characters no model field may hold; each is replaced by a space (keeping offsets).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SWITCH = re.compile(
    r"__(?:NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|"
    r"HIDDENCAT|EXPECTUNUSEDCATEGORY|EXPECTUNUSEDTEMPLATE|NOCONTENTCONVERT|NOCC|"
    r"NOTITLECONVERT|NOTC|INDEX|NOINDEX|STATICREDIRECT|DISAMBIG|NOGLOBAL)__",
    re.IGNORECASE,
)
_QUOTE_RUN = re.compile(r"'{2,}")
# What is left out without breaking a paragraph or a list.
_QUIET = (Kind.COMMENT, Kind.CATEGORY, Kind.INTERLANGUAGE_LINK)
# Markup left in text nodes when mwparserfromhell could not parse a construct.
_STRAY_HINT = re.compile(r"\{\{|\}\}|\[\[|\]\]|<ref|<!--", re.IGNORECASE)
_STRAY = re.compile(
    r"<!--.*?(?:-->|\Z)|<ref\b[^>]*?/>|<ref\b[^>]*>.*?(?:</ref\s*>|\Z)|</ref\s*>|<ref\b[^>]*"
    r"|\{\{+|\}\}+|\[\[+|\]\]+",
    re.IGNORECASE | re.DOTALL,
)
_BREAKS = re.compile(f"([{LIST_BREAK}{LINE_BREAK}])")
_PIECED_LINK = re.compile(f"{LINK_OPEN}([^{LINK_OPEN}{LINK_CLOSE}]*)(?:{LINK_CLOSE}|$)")
# An image name followed by file options ("Portrait.jpg|border") in an infobox value.
_IMAGE_OPTIONS = re.compile(
    r"(.*?\.(?:jpe?g|png|svg|gif|tiff?|webp|xcf))\s*\|(.*)", re.IGNORECASE | re.DOTALL
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_REDIRECT = re.compile(r"\A\s*#REDIRECT\s*:?\s*\[\[([^\[\]\n]*)\]\]", re.IGNORECASE)

# Officeholder and its redirects and wrappers (first letter and case do not matter).
_OFFICEHOLDER = frozenset(
    name.casefold()
    for name in (
        "Infobox officeholder",
        "Infobox AM",
        "Infobox Canadian MP",
        "Infobox Canadian senator",
        "Infobox candidate",
        "Infobox chancellor",
        "Infobox civil servant",
        "Infobox congressional candidate",
        "Infobox congressman",
        "Infobox defense minister",
        "Infobox deputy first minister",
        "Infobox deputy prime minister",
        "Infobox doge",
        "Infobox Eritrea cabinet official",
        "Infobox first lady",
        "Infobox first minister",
        "Infobox governor",
        "Infobox governor-elect",
        "Infobox governor general",
        "Infobox governor-general",
        "Infobox Indian politician",
        "Infobox judge",
        "Infobox lt governor",
        "Infobox mayor",
        "Infobox MEP",
        "Infobox minister",
        "Infobox MLA",
        "Infobox MP",
        "Infobox MSP",
        "Infobox PM",
        "Infobox politician",
        "Infobox politician (general)",
        "Infobox premier",
        "Infobox president",
        "Infobox president-elect",
        "Infobox prime minister",
        "Infobox prime minister-elect",
        "Infobox representative-elect",
        "Infobox SCC chief justice",
        "Infobox SCC puisne justice",
        "Infobox secretary-general",
        "Infobox senator",
        "Infobox senator-elect",
        "Infobox speaker",
        "Infobox state representative",
        "Infobox state SC associate justice",
        "Infobox state SC justice",
        "Infobox state senator",
        "Infobox US ambassador",
        "Infobox US associate justice",
        "Infobox US cabinet official",
        "Infobox US chief justice",
        "Infobox US territorial governor",
        "Infobox vice president",
        "Infobox ambassador",
    )
)

# Sections dropped unless keep_reference_sections (compared case-insensitively).
REFERENCE_SECTIONS = frozenset(
    {
        "references", "reference", "notes", "note", "footnotes", "citations", "sources",
        "notes and references", "references and notes", "notes and sources",
        "sources and notes", "works cited", "general references", "general sources",
        "explanatory notes", "bibliography", "further reading", "external links",
        "external link", "links", "see also", "related articles", "literature",
    }
)  # fmt: skip

# Tags shown as their contents; tags dropped with their kind.
_INLINE_TAGS = frozenset(
    {
        "b", "i", "u", "s", "strike", "del", "ins", "small", "big", "span", "div", "sup",
        "sub", "font", "abbr", "cite", "code", "tt", "em", "strong", "center", "blockquote",
        "q", "var", "kbd", "samp", "mark", "bdi", "bdo", "p", "poem", "noinclude",
        "onlyinclude", "dfn", "pre", "syntaxhighlight", "source", "time", "data", "ruby",
        "rb", "rt", "rp", "wbr", "translate", "section",
    }
)  # fmt: skip
_DROPPED_TAGS = {
    "ref": Kind.REFERENCE,
    "references": Kind.TEMPLATE,
    "gallery": Kind.GALLERY,
    "imagemap": Kind.FILE,
    "table": Kind.TABLE,
}
_LIST_MARKUP = frozenset({"li", "dt", "dd"})
# Interwiki prefixes that look like language codes but are not.
_NOT_LANGUAGES = frozenset({"wp", "mw", "doi", "rfc", "iso", "cat", "w", "c", "d", "m"})
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,8}){0,2}")


def _reparsed(value: str, start: int, references: dict[int, str]) -> Code | None:
    """``value``, text holding markup left unparsed in context (:data:`_STRAY_HINT`),
    parsed again on its own.

    mwparserfromhell sometimes gives up on a construct because of what surrounds it
    and leaves it as text; parsed alone it often succeeds. None when that does not help.
    """
    again = parse(value, start, references)
    if len(again.nodes) == 1 and isinstance(again.nodes[0], str):
        return None
    return again


def _ends_line(nodes: list[Node | str], start: int) -> bool:
    """Whether only spaces and comments follow on the line from ``nodes[start]`` on."""
    for node in nodes[start:]:
        if isinstance(node, Comment):
            continue
        if isinstance(node, str):
            rest = node.split("\n", 1)
            if rest[0].strip(" \t"):
                return False
            if len(rest) > 1:
                return True
            continue
        return False
    return True


def _is_language(prefix: str) -> bool:
    return _LANGUAGE.fullmatch(prefix) is not None and prefix not in _NOT_LANGUAGES


def _quotes(match: re.Match[str]) -> str:
    # MediaWiki reads '' and ''' (and ''''') as formatting; ''''  is ' then '''.
    size = len(match.group())
    if size == 4:
        return "'"
    return "'" * (size - 5) if size > 5 else ""


def finish(text: str, *, line_break: str) -> str:
    """Rendered text as one trimmed line: whitespace runs become one space, list
    items are joined with ``", "`` and ``<br>`` breaks with ``line_break``."""
    text = without_references(text)
    if LINK_OPEN in text or LINK_CLOSE in text:
        text = _PIECED_LINK.sub(lambda match: match.group(1).rpartition("|")[2], text)
        text = text.replace(LINK_OPEN, "").replace(LINK_CLOSE, "")
    pieces = _BREAKS.split(text)
    result = ""
    separator: str | None = None
    for index, piece in enumerate(pieces):
        if index % 2:
            if separator != LIST_BREAK:
                separator = piece
            continue
        item = " ".join(piece.split())
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
    return result.replace(" ,", ",")


def _heading_shaped(line: str) -> bool:
    # The plain-text reader takes such lines for headings (see plaintext._syntax).
    return line.startswith("=") and line.endswith("=")


def _parameter_shaped(line: str) -> bool:
    # ...and such lines for "- Key: Value" infobox lines.
    return line.startswith("- ") and (": " in line or line.endswith(":"))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tag_detail(node: Tag, name: str) -> str:
    """How the report names a dropped tag: ``<ref>``, ``<ref name=Smith>``."""
    for attribute in node.attributes:
        if attribute.name.source.strip().lower() == "name":
            if attribute.value is None:
                return f"<{name} name>"
            return f"<{name} name={_short(attribute.value.source.strip(), 30)}>"
    return f"<{name}>"


class _Line:
    """One source line of the body as it is being read."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.pieces: list[str] = []
        self.marker = ""  # "*", "#", ";" or ":" when the line starts a list or an indent
        self.preformatted = False
        self.started = False  # something other than comments or categories was seen
        self.block = False  # a block (table, file, template…) was left out
        self.quiet = False  # only comments, categories or language links were left out


class _Reader:
    def __init__(self, text: str, title: str, keep_lists: bool, keep_sections: bool) -> None:
        self.text = text
        self.title = title
        self.keep_lists = keep_lists
        self.keep_sections = keep_sections
        self.entries: list[tuple[int, Kind, str]] = []
        self.infobox: Infobox | None = None
        self.infobox_seen = False
        self.references: dict[int, str] = {}  # see strip_references

    # --- reporting -------------------------------------------------------------------

    def report(self, kind: Kind, detail: str, offset: int) -> None:
        self.entries.append((offset, kind, detail))

    def build_report(self) -> Report:
        starts = [0]
        starts.extend(match.end() for match in re.finditer("\n", self.text))
        entries = []
        for offset, kind, detail in sorted(self.entries, key=lambda entry: entry[0]):
            line = bisect.bisect_right(starts, offset) - 1
            entries.append(Dropped(kind, detail, line + 1, offset - starts[line] + 1))
        return Report(tuple(entries))

    # --- inline rendering ------------------------------------------------------------

    def inline(self, code: Code, *, reparse: bool = True) -> str:
        """The displayed text of ``code``, with list and line breaks as markers.

        Text holding markup left unparsed is parsed again on its own, unless ``reparse``
        is false (it is already the result of that)."""
        parts: list[str] = []
        position = code.start
        for node in code.nodes:
            if isinstance(node, str):
                if _STRAY_HINT.search(node) is None:  # the common case, made quick
                    shown = self.plain_text(node, position)
                    parts.append(_BLANK_LINE.sub(LINE_BREAK, shown) if "\n" in shown else shown)
                    position += len(node)
                    continue
                again = _reparsed(node, position, self.references) if reparse else None
                if again is not None:
                    parts.append(self.inline(again, reparse=False))
                else:
                    shown = self.plain_text(self.stray(node, position), position)
                    parts.append(_BLANK_LINE.sub(LINE_BREAK, shown))
                position += len(node)
            else:
                parts.append(self.node(node))
                position = node.end
        return "".join(parts)

    def stray(self, value: str, offset: int) -> str:
        """Text with the markup mwparserfromhell left unparsed removed (and reported)."""
        if not _STRAY_HINT.search(value):
            return value

        def replace(match: re.Match[str]) -> str:
            found = match.group()
            if found.startswith("<!--"):
                kind, detail = Kind.COMMENT, _short(found[4:].removesuffix("-->")) or "<!-- -->"
            elif found.lower().startswith("<ref"):
                kind, detail = Kind.REFERENCE, "<ref>"
            else:
                kind, detail = Kind.MARKUP, repr(found)
            self.report(kind, detail, offset + match.start())
            return ""

        return _STRAY.sub(replace, value)

    def plain_text(self, value: str, offset: int) -> str:
        if "__" in value:
            for found in _SWITCH.finditer(value):
                self.report(Kind.MAGIC_WORD, found.group(), offset + found.start())
            value = _SWITCH.sub("", value)
        if "''" in value:
            value = _QUOTE_RUN.sub(_quotes, value)
        return value

    def node(self, node: Node) -> str:
        if isinstance(node, Wikilink):
            return self.link(node)
        if isinstance(node, Reference):
            self.report(Kind.REFERENCE, node.detail, node.start)
            return ""
        if isinstance(node, Tag):
            return self.tag(node)
        if isinstance(node, Template):
            return self.template(node)
        if isinstance(node, Entity):
            return decode_entities(node.source)
        if isinstance(node, Comment):
            self.report(Kind.COMMENT, _short(node.contents) or "<!-- -->", node.start)
            return ""
        if isinstance(node, ExternalLink):
            return self.external_link(node)
        if isinstance(node, Heading):
            return self.inline(node.title)
        if isinstance(node, Argument):
            self.report(Kind.UNKNOWN_TEMPLATE, "{{{" + node.name.source.strip() + "}}}", node.start)
            return ""
        return ""

    def report_references(self, code: Code) -> None:
        """Report the references in ``code``, which is read as it is written (a URL,
        a link's target), not rendered."""
        for part in code.nodes:
            if isinstance(part, Reference):
                self.report(Kind.REFERENCE, part.detail, part.start)

    def link(self, node: Wikilink) -> str:
        offset = node.start
        title_source = without_references(node.title.source)
        target = decode_entities(title_source).strip()
        visible = target.startswith(":")
        prefix = target.partition(":")[0].strip().lower().replace("_", " ") if ":" in target else ""
        if not visible and prefix:
            if prefix in ("file", "image"):
                self.report(Kind.FILE, _short(target), offset)
                return ""
            if prefix == "category":
                self.report(Kind.CATEGORY, _short(target), offset)
                return ""
            if _is_language(prefix):
                self.report(Kind.INTERLANGUAGE_LINK, _short(target), offset)
                return ""
        if node.text is not None:
            self.report_references(node.title)
            label = self.inline(node.text)
            if label.strip():
                return label
            # The pipe trick: [[Paris (band)|]] shows "Paris".
            shown = target.lstrip(":").rpartition(":")[2] if ":" in target else target
            return re.sub(r"\s*\([^()]*\)\s*$", "", shown)
        shown = self.inline(node.title).strip()
        return shown[1:] if shown.startswith(":") else shown

    def external_link(self, node: ExternalLink) -> str:
        url = node.url.source
        if REFERENCE_MARK in url:
            # MediaWiki ends a URL where a reference starts; mwparserfromhell, seeing a
            # marker, does not.
            self.report_references(node.url)
            url = without_references(url)
        if not node.brackets:
            return url
        if node.title is not None and node.title.source.strip():
            return self.inline(node.title)
        self.report(Kind.EXTERNAL_LINK, _short(url), node.start)
        return ""

    def tag(self, node: Tag) -> str:
        offset = node.start
        name = node.name.strip().lower()
        if node.attributes and name not in _DROPPED_TAGS:
            # Attributes are never shown; a reference written in one (title="…<ref>…")
            # is reported, unless the whole tag is.
            for attribute in node.attributes:
                self.report_references(attribute.name)
                if attribute.value is not None:
                    self.report_references(attribute.value)
        if node.wiki_markup:
            if name in ("b", "i") and node.contents is not None:
                return self.inline(node.contents)
            if name in _LIST_MARKUP:
                return LIST_BREAK
            if name == "table":
                self.report(Kind.TABLE, "{| … |}", offset)
                return ""
            return LINE_BREAK if name == "hr" else ""
        if name == "br":
            return LINE_BREAK
        if name == "nowiki":
            if node.self_closing or node.contents is None:
                return ""
            return decode_entities(node.contents.source)
        kind = _DROPPED_TAGS.get(name)
        if kind is not None:
            self.report(kind, _tag_detail(node, name), offset)
            return ""
        if name in _INLINE_TAGS:
            if node.self_closing or node.contents is None:
                return ""
            return self.inline(node.contents)
        if name in _LIST_MARKUP or name in ("ul", "ol", "dl"):
            # HTML lists: their items break like wiki lists.
            if node.self_closing or node.contents is None:
                return LIST_BREAK
            return LIST_BREAK + self.inline(node.contents) + LIST_BREAK
        self.report(Kind.TAG, f"<{name}>", offset)
        return ""

    def template(self, node: Template) -> str:
        offset = node.start
        name_nodes = node.name.nodes
        if any(not isinstance(part, (str, Comment)) for part in name_nodes):
            self.report(Kind.UNKNOWN_TEMPLATE, "{{…}}", offset)
            return ""
        raw_name = "".join(part for part in name_nodes if isinstance(part, str))
        key, display, first = template_key(raw_name)
        if key == "#tag":
            kind = Kind.REFERENCE if (first or "").strip().lower() == "ref" else Kind.TAG
            self.report(kind, "{{#tag:" + (first or "").strip() + "}}", offset)
            return ""
        dropped = dropped_kind(key)
        if dropped is not None:
            self.report(dropped, display, offset)
            return ""
        handler = handler_for(key)
        if handler is None:
            self.report(Kind.UNKNOWN_TEMPLATE, display, offset)
            return ""
        first_argument: Code | None = None
        if first is not None:
            # ``first`` is the name's text after its colon, tidied; its offsets are
            # counted from that colon.
            colon = node.name.source.find(":")
            first_argument = parse(first, node.name.start + colon + 1, self.references)
        shown = handler(Arguments(self, node, first_argument), display)
        return shown or ""

    # --- the infobox -----------------------------------------------------------------

    def read_infobox(self, node: Template, template_name: str) -> None:
        self.infobox_seen = True
        values: dict[str, tuple[str, int]] = {}
        number = 0
        for parameter in node.params:
            start = parameter.value.start
            has_content = any(
                not isinstance(part, Comment) and not (isinstance(part, str) and not part.strip())
                for part in parameter.value.nodes
            )
            value = finish(self.inline(parameter.value), line_break=", ")
            if parameter.name is None:
                number += 1
                if has_content:
                    shown = value or parameter.value.source
                    self.report(
                        Kind.PARAMETER, f"unnamed parameter {number} ({_short(shown)})", start
                    )
                continue
            name_source = parameter.name.source
            name_offset = parameter.name.start + len(name_source) - len(name_source.lstrip())
            name = self.parameter_name(parameter.name, name_offset)
            if name is None:
                continue
            options = _IMAGE_OPTIONS.fullmatch(value)
            if options:
                value = options.group(1)
                self.report(Kind.FILE, f"image options |{_short(options.group(2))}", start)
            if not value:
                if has_content:
                    self.report(Kind.PARAMETER, f"{name} (nothing left to show)", name_offset)
                continue
            if name in values:
                self.report(
                    Kind.PARAMETER,
                    f"{name} (given twice; the last value is kept)",
                    values.pop(name)[1],
                )
            values[name] = (value, name_offset)
        name_value = values.pop("name", None)
        infobox_name = None
        if name_value is not None:
            infobox_name = name_value[0]
            if infobox_name == "Infobox" or _heading_shaped(infobox_name):
                self.report(Kind.PARAMETER, f"name ({_short(infobox_name)})", name_value[1])
                infobox_name = None
        if not values:
            self.report(
                Kind.INFOBOX, "{{" + template_name + "}} (no parameter to show)", node.start
            )
            return
        parameters = [Parameter(name, value) for name, (value, _) in values.items()]
        self.infobox = Infobox(parameters, name=infobox_name, template=template_name)

    def parameter_name(self, code: Code, offset: int) -> str | None:
        """The parameter's name as the plain-text format can hold it, or None."""
        if any(not isinstance(part, (str, Comment)) for part in code.nodes):
            self.report(Kind.PARAMETER, f"{_short(code.source)} (markup in the name)", offset)
            return None
        written = "".join(part for part in code.nodes if isinstance(part, str)).strip()
        if not written:
            return None
        name = key_to_parameter(parameter_to_key(written))
        key = parameter_to_key(name)
        if (
            not has_key(name)
            or ": " in key
            or key != key.strip()
            or escape_heading(name) != name
            or re.search(r"[|={}\[\]<>\t]", name)
        ):
            self.report(
                Kind.PARAMETER, f"{_short(written)} (a name plain text cannot hold)", offset
            )
            return None
        if name != written:
            self.report(Kind.RENAMED_PARAMETER, f"{written} → {name}", offset)
        return name

    # --- the body --------------------------------------------------------------------

    def read(self) -> Article:
        self.lead: list[str] = []
        # (level, heading, paragraphs, offset) per heading, in document order
        self.outline: list[tuple[int, str, list[str], int]] = []
        self.paragraph: list[str] = []
        self.paragraph_offset = 0
        self.list_run: list[int] = []  # [offset, items] of the list being dropped
        self.line = _Line(0)
        self.walk(parse(self.text, 0, self.references), reparse=True)
        self.end_line(len(self.text))
        self.close_list()
        self.flush()
        return self.article(self.lead, self.outline)

    def add(self, text: str, offset: int) -> None:
        if _heading_shaped(text) or _parameter_shaped(text):
            what = "a heading" if _heading_shaped(text) else "an infobox line"
            self.report(Kind.PARAGRAPH, f"{_short(text)} (would read as {what})", offset)
            return
        (self.outline[-1][2] if self.outline else self.lead).append(text)

    def flush(self) -> None:
        if self.paragraph:
            self.add(" ".join(self.paragraph), self.paragraph_offset)
            self.paragraph.clear()

    def close_list(self) -> None:
        if self.list_run:
            items = self.list_run[1]
            self.report(Kind.LIST, f"{items} item{'s' if items != 1 else ''}", self.list_run[0])
            self.list_run.clear()

    def end_line(self, next_offset: int) -> None:
        line = self.line
        text = finish("".join(line.pieces), line_break=" ")
        if line.marker in ("*", "#", ";"):
            self.flush()
            if self.keep_lists:
                if text:
                    self.add(text, line.offset)
            elif text:
                if self.list_run:
                    self.list_run[1] += 1
                else:
                    self.list_run.extend((line.offset, 1))
        elif line.marker == ":" or (line.preformatted and text):
            self.flush()
            self.close_list()
            if text:
                self.add(text, line.offset)
        elif text:
            self.close_list()
            if not self.paragraph:
                self.paragraph_offset = line.offset
            self.paragraph.append(text)
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
            if part:
                line = self.line
                if not line.pieces and not line.marker and part[0] == " " and part.strip():
                    line.preformatted = True
                line.pieces.append(self.plain_text(part, position))
                if part.strip():
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
                if _STRAY_HINT.search(node) is None:  # the common case, made quick
                    self.body_text(node, offset)
                    continue
                again = _reparsed(node, offset, self.references) if reparse else None
                if again is not None:
                    self.walk(again, reparse=False)
                else:
                    self.body_text(self.stray(node, offset), offset)
                continue
            end = node.end
            if isinstance(node, Heading) and not _ends_line(nodes, index + 1):
                # MediaWiki reads a heading only when its line ends after the last "=";
                # mwparserfromhell is laxer ("=a=b" is not a heading).
                marks = "=" * node.level
                self.line.pieces.append(marks + self.inline(node.title))
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
                self.line.started = True
            elif isinstance(node, Tag) and node.wiki_markup and node.name in _LIST_MARKUP:
                if "".join(line.pieces).strip():
                    line.pieces.append(" ")  # "; term : definition"
                elif not line.marker:
                    line.marker = node.wiki_markup[0]
                line.started = True
            elif isinstance(node, Template) and not self.infobox_seen and self.is_infobox(node):
                self.read_infobox(node, self.infobox_template(node))
                line.block = True
                line.started = True
            else:
                before = len(self.entries)
                shown = self.node(node)
                line.pieces.append(shown)
                quiet = len(self.entries) == before or all(
                    kind in _QUIET for _, kind, _ in self.entries[before:]
                )
                visible = bool(shown.strip())
                if visible or not quiet:
                    line.started = True
                else:
                    line.quiet = True
                if not visible and not quiet:
                    line.block = True

    def is_infobox(self, node: Template) -> bool:
        if any(not isinstance(part, (str, Comment)) for part in node.name.nodes):
            return False
        return is_infobox_name(self.template_text(node))

    @staticmethod
    def template_text(node: Template) -> str:
        written = "".join(part for part in node.name.nodes if isinstance(part, str))
        return " ".join(written.replace("_", " ").split())

    def infobox_template(self, node: Template) -> str:
        name = self.template_text(node)
        name = name[:1].upper() + name[1:]
        if name.casefold() in _OFFICEHOLDER or name.casefold() == "infobox officeholder":
            return DEFAULT_TEMPLATE
        try:
            Infobox(template=name)
        except ModelError:
            return "Infobox"
        return name

    def heading(self, node: Heading) -> str | None:
        offset = node.start
        text = finish(self.inline(node.title), line_break=" ")
        text = text.strip()
        while text[:1] == "=" or text[-1:] == "=":  # "== =|=" leaves " =|"
            text = text.strip("=").strip()
        if not text:
            self.report(Kind.HEADING, "=" * node.level + " (empty once rendered)", offset)
            return None
        return text

    def article(self, lead: list[str], outline: list[tuple[int, str, list[str], int]]) -> Article:
        kept: list[tuple[int, str, list[str]]] = []
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
            self.entries = [entry for entry in self.entries if not start <= entry[0] < end]
            self.report(Kind.SECTION, heading, start)
            index = end_index
        return Article(self.title, self.infobox, lead, build_sections(kept))


def _clean(text: str, reader: _Reader) -> str:
    """``text`` with characters no article may hold replaced by spaces (reported)."""
    if "\r" in text:
        text = text.replace("\r", " ")
    if _FORBIDDEN.search(text) is None:
        return text

    def replace(match: re.Match[str]) -> str:
        reader.report(Kind.CHARACTER, f"U+{ord(match.group()):04X}", match.start())
        return " "

    return _FORBIDDEN.sub(replace, text)


# A reference's content (often a {{cite …}} template with dozens of parameters) is
# dropped whole, yet tokenizing it and building its tree would be most of the work. As
# MediaWiki does with extension tags, each <ref>…</ref> and <ref …/> is taken out before
# parsing and a marker of the same length put in its place (see _tree.REFERENCE_MARK),
# so that every offset stays where it was. Comments, <nowiki> and <pre> are matched
# first so that a <ref> inside them is left alone.
_REFERENCE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(nowiki|pre)\b[^>]*>.*?</\1\s*>"
    r"|(<ref(?:\s[^<>]*?)?)(?:(?<!/)>.*?</ref\s*>|/>)",
    re.IGNORECASE | re.DOTALL,
)
# The opening tags of nearly all references: no attribute but a plain name.
_PLAIN_OPENING = re.compile(
    r"<ref(?:\s+name\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>/=]+)))?\s*",
    re.IGNORECASE,
)


def _reference_detail(opening: str) -> str | None:
    """The report's detail for a reference opened by ``opening`` (``<ref name=x``,
    without its ``>``), or None when mwparserfromhell would not read it as a tag."""
    plain = _PLAIN_OPENING.fullmatch(opening)
    if plain is not None:
        name = next((group for group in plain.groups() if group is not None), None)
        return "<ref>" if name is None else f"<ref name={_short(name.strip(), 30)}>"
    nodes = parse(opening + "/>").nodes
    tag = nodes[0] if len(nodes) == 1 else None
    if isinstance(tag, Tag) and tag.name.strip().lower() == "ref":
        return _tag_detail(tag, "ref")
    return None


def strip_references(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with each reference replaced by a marker of the same length, and the
    report's detail for each marker, by the offset it starts at."""
    details: dict[int, str] = {}

    def replace(match: re.Match[str]) -> str:
        opening = match.group(2)
        detail = None if opening is None else _reference_detail(opening)
        if detail is None:
            return match.group()
        details[match.start()] = detail
        return REFERENCE_MARK + REFERENCE_FILL * (match.end() - match.start() - 1)

    if "<ref" not in text and "<REF" not in text:
        return text, details
    return _REFERENCE.sub(replace, text), details


def parse_wikitext_lossy(
    text: str,
    *,
    title: str,
    keep_lists: bool = True,
    keep_reference_sections: bool = False,
) -> LossyResult:
    """Read a real article's wikitext into the article a reader sees, and a report.

    Every construct is either shown as text (links as their labels, date templates as
    their dates, list templates as items joined with ``", "``) or left out and reported
    with its kind, line and column. ``keep_lists`` keeps each item of a ``*``/``#``/``;``
    list as a paragraph (else lists are dropped and reported); sections such as
    References, External links and See also are dropped and reported unless
    ``keep_reference_sections``. Never raises for any text; ``title`` must be a valid
    article title (:class:`~wikiround.errors.ModelError` otherwise).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_wikitext_lossy() takes a str, not {type(text).__name__}")
    Article(title)
    reader = _Reader(text, title, keep_lists, keep_reference_sections)
    reader.text = _clean(text, reader)
    redirect = _REDIRECT.match(reader.text)
    if redirect:
        # A redirect page holds no article, only the page it sends readers to.
        reader.report(Kind.REDIRECT, redirect.group(1).strip(), redirect.start(1) - 2)
        reader.text = " " * redirect.end() + reader.text[redirect.end() :]
    reader.text, reader.references = strip_references(reader.text)
    article = reader.read()
    reader.text = text  # lines and columns count in the text as given
    return LossyResult(article, reader.build_report())
