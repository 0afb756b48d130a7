"""Read the plain-text article format into an :class:`~wikiround.model.Article`."""

from __future__ import annotations

from wikiround._text import WHITESPACE, check_characters, trim
from wikiround.errors import ModelError, ParseError
from wikiround.model import DEFAULT_TEMPLATE, Article, Infobox, Parameter, Section, build_sections
from wikiround.plaintext._keys import key_to_parameter, parameter_to_key
from wikiround.plaintext._layout import HEADING, INFOBOX, PARAGRAPH, TITLE, PlainLayout
from wikiround.plaintext._syntax import (
    INFOBOX_WORD,
    KEY_SEPARATOR,
    PARAMETER_PREFIX,
    is_blank,
    is_heading_shaped,
    is_parameter_shaped,
)

__all__ = ["parse_plaintext"]


class _Lines:
    """The document's lines, with what is needed to point at a place in them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")

    def error(self, message: str, index: int, column: int = 0) -> ParseError:
        return ParseError(message, line=index + 1, column=column + 1, source_line=self.lines[index])


def _read_title(lines: _Lines) -> str:
    first = lines.lines[0]
    if not lines.text:
        raise lines.error("the document is empty; it must start with a title line '= Title ='", 0)
    if not (first.startswith("=") and first.endswith("=")) or first.startswith("=="):
        raise lines.error("expected the title line '= Title =' on line 1", 0)
    if not (first.startswith("= ") and first.endswith(" =") and len(first) >= 4):
        raise lines.error("the title line needs one space inside each '=': '= Title ='", 0)
    title = first[2:-2]
    if not trim(title):
        raise lines.error("the title is empty", 0, 2)
    if title != trim(title):
        raise lines.error("the title must not start or end with whitespace", 0, 2)
    return title


class _Reader:
    def __init__(self, text: str, template: str) -> None:
        self.lines = _Lines(text)
        self.template = template
        self.shape: list[str] = []
        self.separators: list[str] = []
        self.padding: list[tuple[str, str]] = []
        self.key_spellings: dict[str, str] = {}
        self.spaced_empty: set[str] = set()
        self.index = 0  # the line being read
        self.last_unit_end = 0  # the line that ends the previous unit

    def next_unit(self) -> int | None:
        """Skip blank lines; record the separator; return the next unit's line."""
        lines = self.lines.lines
        count = len(lines)
        after = self.last_unit_end + 1
        index = after
        while index < count:
            line = lines[index]
            # A line that starts with anything but whitespace is not blank (a cheap test
            # that spares the call for nearly every unit's line).
            if (line and line[0] not in WHITESPACE) or not is_blank(line):
                break
            index += 1
        if index >= count:
            return None
        # Most units follow the one before after one empty line, or none.
        if index == after:
            separator = "\n"
        elif index == after + 1 and not lines[after]:
            separator = "\n\n"
        else:
            separator = "\n" + "\n".join(lines[after:index]) + "\n"
        self.separators.append(separator)
        return index

    def read(self) -> Article:
        title = _read_title(self.lines)
        self.shape.append(TITLE)
        infobox = None
        lead: list[str] = []
        # Sections are built flat, then nested by level.
        flat: list[tuple[int, str, list[str]]] = []
        first = True
        paragraphs = lead  # where the next paragraph goes
        lines = self.lines.lines
        shape = self.shape
        while (index := self.next_unit()) is not None:
            line = lines[index]
            heading_shaped = is_heading_shaped(line)
            if first and not heading_shaped and self._starts_infobox(index):
                infobox = self._read_infobox(index)
            elif heading_shaped:
                paragraphs = []
                flat.append((*self._read_heading(index), paragraphs))
            elif is_parameter_shaped(line):
                raise self.lines.error(
                    "infobox line after the body started; the infobox must come right after "
                    "the title",
                    index,
                )
            else:
                paragraphs.append(line)
                shape.append(PARAGRAPH)
                self.last_unit_end = index
            first = False
        ending = "".join("\n" + line for line in lines[self.last_unit_end + 1 :])
        layout = PlainLayout(
            shape=tuple(self.shape),
            separators=tuple(self.separators),
            ending=ending,
            heading_padding=tuple(self.padding),
            key_spellings=self.key_spellings,
            spaced_empty=frozenset(self.spaced_empty),
        )
        try:
            return Article(title, infobox, lead, build_sections(flat), layout=layout)
        except ModelError as error:
            raise self.lines.error(f"{error.message} ({error.field})", 0) from None

    def _starts_infobox(self, index: int) -> bool:
        lines = self.lines.lines
        # A first line followed at once by a "- " line is a name line, even when the
        # "- " line then turns out malformed: that is an error to report, not a paragraph.
        return index + 1 < len(lines) and lines[index + 1].startswith(PARAMETER_PREFIX)

    def _read_infobox(self, index: int) -> Infobox:
        lines = self.lines.lines
        name_line = lines[index]
        name = None if name_line == INFOBOX_WORD else name_line
        parameters: list[Parameter] = []
        first_seen: dict[str, int] = {}
        index += 1
        while index < len(lines) and not is_blank(lines[index]):
            parameters.append(self._read_parameter(index, first_seen))
            index += 1
        self.shape.append(INFOBOX)
        self.last_unit_end = index - 1
        try:
            return Infobox(parameters, name=name, template=self.template)
        except ModelError as error:
            raise self.lines.error(f"{error.message} ({error.field})", index - 1) from None

    def _read_parameter(self, index: int, first_seen: dict[str, int]) -> Parameter:
        line = self.lines.lines[index]
        if not line.startswith(PARAMETER_PREFIX):
            raise self.lines.error(
                "expected '- Key: Value' or a blank line to end the infobox", index
            )
        body = line[len(PARAMETER_PREFIX) :]
        key, found, value = body.partition(KEY_SEPARATOR)
        spaced = True
        if not found:
            if not body.endswith(":"):
                raise self.lines.error(
                    "expected ': ' after the key in '- Key: Value'", index, len(line)
                )
            key, value, spaced = body[:-1], "", False
        column = len(PARAMETER_PREFIX)
        if not key:
            raise self.lines.error("the key is empty in '- Key: Value'", index, column)
        if key != trim(key):
            raise self.lines.error("the key must not start or end with whitespace", index, column)
        name = key_to_parameter(key)
        if name in first_seen:
            raise self.lines.error(
                f"parameter {name!r} is given twice (first on line {first_seen[name] + 1})",
                index,
                column,
            )
        first_seen[name] = index
        if name == "name":
            raise self.lines.error(
                "the infobox name is the line above the '- Key: Value' lines, not a 'Name' key",
                index,
                column,
            )
        if parameter_to_key(name) != key:
            self.key_spellings[name] = key
        if spaced and not value:
            self.spaced_empty.add(name)
        try:
            return Parameter(name, value)
        except ModelError as error:
            raise self.lines.error(f"{error.message} ({error.field})", index, column) from None

    def _read_heading(self, index: int) -> tuple[int, str]:
        line = self.lines.lines[index]
        before = len(line) - len(line.lstrip("="))
        after = len(line) - len(line.rstrip("="))
        if before == len(line):
            raise self.lines.error("a heading needs text between its '=' signs", index)
        if before != after:
            raise self.lines.error(
                f"unbalanced heading: {before} '=' before the text, {after} after", index
            )
        if before == 1:
            raise self.lines.error(
                "a level-1 heading '= … =' is only allowed as the title on line 1", index
            )
        if before > 6:
            raise self.lines.error(
                f"heading level {before} is too deep; levels go from 2 to 6", index
            )
        inner = line[before:-after]
        heading = trim(inner)
        if not heading:
            raise self.lines.error("a heading needs text between its '=' signs", index)
        try:
            Section(heading, before)
        except ModelError as error:
            raise self.lines.error(f"{error.message} ({error.field})", index, before) from None
        left = inner[: len(inner) - len(inner.lstrip(WHITESPACE))]
        right = inner[len(inner.rstrip(WHITESPACE)) :]
        self.padding.append((left, right))
        self.shape.append(HEADING)
        self.last_unit_end = index
        return before, heading


def parse_plaintext(text: str, *, template: str = DEFAULT_TEMPLATE) -> Article:
    """Read a document in the plain-text article format.

    The plain-text format does not name the infobox template; ``template`` does.
    The returned article remembers the document's layout, so that
    :func:`render_plaintext` gives back ``text`` byte for byte.

    Raises :class:`~wikiround.errors.ParseError` (with line and column) for text that is
    not in the format.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_plaintext() takes a str, not {type(text).__name__}")
    check_characters(text)
    return _Reader(text, template).read()
