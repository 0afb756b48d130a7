"""Read wikitext into an :class:`~wikiround.model.Article`, strictly and without loss.

This reader takes the wikitext the writer produces and simple hand-written wikitext:
an infobox, paragraphs and headings of plain text, with character references,
``{{!}}`` and ``<nowiki>`` as escapes. Anything whose meaning the model cannot hold
(a link, another template, a list, a comment, bold text…) raises
:class:`~wikiround.errors.ParseError` pointing at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wikiround._mediawiki import BEHAVIOUR_SWITCH
from wikiround._text import PHP_TRIMMED, check_characters, is_blank, php_trim
from wikiround.errors import ModelError, ParseError
from wikiround.model import Article, Infobox, Parameter, Section, build_sections, is_infobox_name
from wikiround.wikitext._escape import block_start, decode_entities

__all__ = ["parse_wikitext"]

_MARKUP_IN_TEXT = (
    (re.compile("~~~"), "a signature '~~~' would be replaced when the page is saved"),
    (BEHAVIOUR_SWITCH, "a behaviour switch such as '__TOC__' is not text"),
    (re.compile("''"), "'' starts italic or bold text"),
    # What mwparserfromhell leaves as text but MediaWiki does not show: an unclosed
    # comment hides the rest of the page, and a tag it knows (<div>, <b>, <br>, even
    # unclosed) is HTML. The writer writes every '<' as '&lt;'.
    (re.compile("<!--"), "an unclosed comment '<!--' hides the rest of the page"),
    (re.compile("</?[A-Za-z]"), "'<' before a tag name may be HTML; write '&lt;'"),
    # Unpaired here, a pair of braces or brackets may pair with others elsewhere in the
    # page (MediaWiki matches them across lines). The writer never leaves a pair.
    (re.compile(r"\{\{|\}\}"), "'{{' or '}}' may join others into a template call"),
    (re.compile(r"\[\[|\]\]"), "'[[' or ']]' may join others into a link"),
    (re.compile(r"-\{"), "'-{' starts language conversion markup"),
)
_LINE_MARKUP = (
    (re.compile(r"[*#]"), "a line starting with '*' or '#' is a list item"),
    (re.compile(r"[:;]"), "a line starting with ':' or ';' is an indent or a definition"),
    (re.compile(" "), "a line starting with a space is shown as preformatted text"),
    (re.compile("-{4}"), "'----' at the start of a line is a horizontal rule"),
    (re.compile(r"\{\|"), "'{|' at the start of a line starts a table"),
)
_LOSSY_HINT = "; the strict reader takes only text (parse_wikitext_lossy reads real articles)"


class _Piece(NamedTuple):
    text: str
    raw: bool  # written as is in the source, so MediaWiki may still read it as markup
    offset: int


def _describe(node: Node) -> str:
    if isinstance(node, Template):
        return f"the template {{{{{php_trim(str(node.name))}}}}}"
    if isinstance(node, Wikilink):
        return "the link [[…]]"
    if isinstance(node, ExternalLink):
        return "the external link"
    if isinstance(node, Comment):
        return "the comment <!-- … -->"
    if isinstance(node, Tag):
        markup = {
            "li": "the list item",
            "dt": "the definition",
            "dd": "the indented line",
            "hr": "the horizontal rule ----",
            "b": "bold text '''…'''",
            "i": "italic text ''…''",
            "table": "the table",
        }
        if node.wiki_markup and str(node.tag).lower() in markup:
            return markup[str(node.tag).lower()]
        return f"the tag <{php_trim(str(node.tag))}>"
    if isinstance(node, Heading):
        return "a heading"
    return "the parameter {{{…}}}"


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    def error(self, message: str, offset: int) -> ParseError:
        return ParseError.at_offset(message, self.text, offset)

    def pieces(self, code: Wikicode, offset: int, *, in_value: bool) -> list[_Piece]:
        """The text of inline nodes, escapes decoded; refuse anything else."""
        result: list[_Piece] = []
        for node in code.nodes:
            source = str(node)
            if isinstance(node, Text):
                result.append(_Piece(source, True, offset))
            elif isinstance(node, HTMLEntity):
                result.append(_Piece(decode_entities(source), False, offset))
            elif isinstance(node, Tag) and php_trim(str(node.tag)).lower() == "nowiki":
                inner = "" if node.self_closing or node.contents is None else str(node.contents)
                result.append(_Piece(decode_entities(inner), False, offset))
            elif (
                in_value
                and isinstance(node, Template)
                and php_trim(str(node.name)) == "!"
                and not node.params
            ):
                result.append(_Piece("|", False, offset))
            elif (
                in_value
                and isinstance(node, Template)
                and (date_text := _date_text(node)) is not None
            ):
                result.append(_Piece(date_text, False, offset))
            else:
                raise self.error(
                    f"{_describe(node)} cannot be read without loss{_LOSSY_HINT}", offset
                )
            offset += len(source)
        return result

    def check_raw(self, pieces: Iterable[_Piece]) -> None:
        for piece in pieces:
            if not piece.raw:
                continue
            for pattern, message in _MARKUP_IN_TEXT:
                found = pattern.search(piece.text)
                if found:
                    raise self.error(message + _LOSSY_HINT, piece.offset + found.start())

    def value(self, code: Wikicode, offset: int) -> str:
        pieces = self.pieces(code, offset, in_value=True)
        pieces = _trim(pieces, PHP_TRIMMED)
        self.check_raw(pieces)
        first = pieces[0] if pieces else None
        if first is not None and first.raw and block_start(first.text)[0]:
            # Module:Infobox starts such a value on a new line of its cell, where it
            # becomes a list, an indent, a definition, a table or a rule.
            marker = next(m for m in ("{|", "----", first.text[:1]) if first.text.startswith(m))
            raise self.error(
                f"a value starting with {marker!r} is shown by the infobox as a list, an"
                " indent, a definition, a table or a rule; write its first character as a"
                " character reference",
                first.offset,
            )
        for piece in pieces:
            if piece.raw and "\n" in piece.text:
                raise self.error(
                    "a parameter value on more than one line cannot be read without loss",
                    piece.offset + piece.text.index("\n"),
                )
        return "".join(piece.text for piece in pieces)

    def infobox(self, template: Template, offset: int) -> Infobox:
        name_source = str(template.name)
        position = offset + 2 + len(name_source)
        name: str | None = None
        parameters: list[Parameter] = []
        seen: dict[str, int] = {}
        for parameter in template.params:
            position += 1  # the "|"
            key_source = str(parameter.name)
            if not parameter.showkey:
                raise self.error(
                    "a positional (unnamed) parameter cannot be read without loss; name it",
                    position,
                )
            key = php_trim(key_source)
            if any(not isinstance(node, Text) for node in parameter.name.nodes):
                raise self.error(f"the parameter name {key!r} holds markup", position)
            if key in seen:
                raise self.error(
                    f"parameter {key!r} is given twice; MediaWiki keeps only the last value",
                    position,
                )
            seen[key] = position
            value = self.value(parameter.value, position + len(key_source) + 1)
            try:
                if key == "name":
                    name = value
                else:
                    parameters.append(Parameter(key, value))
            except ModelError as error:
                raise self.error(f"{error.message} ({error.field})", position) from None
            position += len(str(parameter))
        try:
            return Infobox(parameters, name=name, template=php_trim(name_source))
        except ModelError as error:
            raise self.error(f"{error.message} ({error.field})", offset) from None

    def read(self, title: str) -> Article:
        code = mwparserfromhell.parse(self.text)
        infobox: Infobox | None = None
        lines: list[list[_Piece]] = [[]]
        # (level, heading, paragraphs) per heading, in document order
        outline: list[tuple[int, str, list[str]]] = []
        lead: list[str] = []
        paragraph: list[str] = []
        offset = 0
        seen_content = False

        def flush_paragraph() -> None:
            if paragraph:
                (outline[-1][2] if outline else lead).append(" ".join(paragraph))
                paragraph.clear()

        def end_line() -> None:
            text = self.line_text(lines[-1])
            if text is None:
                flush_paragraph()
            else:
                paragraph.append(text)
            lines.append([])

        for node in code.nodes:
            source = str(node)
            if isinstance(node, Text):
                parts = source.split("\n")
                position = offset
                for index, part in enumerate(parts):
                    if index:
                        end_line()
                    if part:
                        lines[-1].append(_Piece(part, True, position))
                    position += len(part) + 1
                seen_content = seen_content or not is_blank(source)
            elif isinstance(node, Heading):
                end_line()
                flush_paragraph()
                outline.append((node.level, self.heading(node, offset), []))
                lines[-1] = []
                seen_content = True
            elif (
                isinstance(node, Template)
                and infobox is None
                and not seen_content
                and is_infobox_name(php_trim(str(node.name)))
            ):
                infobox = self.infobox(node, offset)
                seen_content = True
            else:
                lines[-1].extend(self.pieces(Wikicode([node]), offset, in_value=False))
                seen_content = True
            offset += len(source)
        end_line()
        flush_paragraph()
        try:
            return Article(title, infobox, lead, build_sections(outline))
        except ModelError as error:  # the checks above should have named the place
            raise self.error(f"{error.message} ({error.field})", 0) from None

    def heading(self, node: Heading, offset: int) -> str:
        start = offset + node.level
        pieces = _trim(self.pieces(node.title, start, in_value=False), " \t")
        self.check_raw(pieces)
        text = "".join(piece.text for piece in pieces)
        try:
            Section(text, node.level)
        except ModelError as error:
            raise self.error(f"{error.message} ({error.field})", start) from None
        return text

    def line_text(self, pieces: list[_Piece]) -> str | None:
        """One body line as text, or ``None`` for a blank line."""
        if all(piece.raw and not piece.text.strip(" \t") for piece in pieces):
            return None
        first = pieces[0]
        if first.raw:
            for pattern, message in _LINE_MARKUP:
                if pattern.match(first.text):
                    raise self.error(message + _LOSSY_HINT, first.offset)
            if first.text.lstrip(" \t").startswith("{|"):
                # MediaWiki starts a table after leading whitespace too.
                raise self.error(
                    "'{|' at the start of a line starts a table" + _LOSSY_HINT, first.offset
                )
        for piece in pieces:
            if "\n" in piece.text:  # inside <nowiki>: the model's paragraphs are one line
                offset = piece.offset
                raise self.error("a line break inside <nowiki> cannot be held", offset)
        pieces = _trim(pieces, " \t")
        last = pieces[-1]
        if (
            first.raw
            and first.text.startswith("=")
            and last.raw
            and last.text.endswith("=")
            and last.offset + len(last.text) - first.offset >= 3
        ):
            # mwparserfromhell leaves "===" as text; MediaWiki shows a heading "=" (it
            # reads '=' signs, some text, as many '=' signs). "=" and "==" are text.
            raise self.error("a line between '=' signs is a heading" + _LOSSY_HINT, first.offset)
        self.check_raw(pieces)
        text = "".join(piece.text for piece in pieces)
        if is_blank(text):
            raise self.error("a line of only invisible whitespace cannot be held", first.offset)
        return text


def _date_text(node: Template) -> str | None:
    """The text a date template of the writer's (``{{Start date|2017|5|14|df=y}}``) shows."""
    arguments = [
        (str(param.name) if param.showkey else None, str(param.value)) for param in node.params
    ]
    # Imported here: only a date template needs the date parser.
    from wikiround.wikitext._date_templates import read_date_template

    return read_date_template(str(node.name), arguments)


def _trim(pieces: list[_Piece], characters: str) -> list[_Piece]:
    """Strip ``characters`` from the raw text at both ends, as MediaWiki does."""
    pieces = list(pieces)
    while pieces and pieces[0].raw:
        stripped = pieces[0].text.lstrip(characters)
        if stripped:
            cut = len(pieces[0].text) - len(stripped)
            pieces[0] = _Piece(stripped, True, pieces[0].offset + cut)
            break
        pieces.pop(0)
    while pieces and pieces[-1].raw:
        stripped = pieces[-1].text.rstrip(characters)
        if stripped:
            pieces[-1] = _Piece(stripped, True, pieces[-1].offset)
            break
        pieces.pop()
    return pieces


def parse_wikitext(text: str, *, title: str) -> Article:
    """Read wikitext that holds only what the model can hold, without loss.

    ``title`` is the page's title (wikitext does not contain it). Raises
    :class:`~wikiround.errors.ParseError` at the first construct whose meaning the
    model cannot hold; :func:`parse_wikitext_lossy` reads real articles instead.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_wikitext() takes a str, not {type(text).__name__}")
    Article(title)  # a bad title is the caller's error (ModelError), not the text's
    check_characters(text)
    return _Reader(text).read(title)
