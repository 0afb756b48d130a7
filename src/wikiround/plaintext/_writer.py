"""Write an :class:`~wikiround.model.Article` in the plain-text article format."""

from __future__ import annotations

from wikiround._text import is_blank, trim
from wikiround.errors import RenderError
from wikiround.model import Article, Infobox
from wikiround.plaintext._keys import has_key, parameter_to_key
from wikiround.plaintext._layout import HEADING, INFOBOX, PARAGRAPH, TITLE, PlainLayout
from wikiround.plaintext._syntax import (
    INFOBOX_WORD,
    KEY_SEPARATOR,
    PARAMETER_PREFIX,
    is_heading_shaped,
    is_parameter_shaped,
)

__all__ = ["render_plaintext"]


def _name_line(infobox: Infobox) -> str:
    name = infobox.name
    if name is None:
        return INFOBOX_WORD
    if name == INFOBOX_WORD:
        raise RenderError(
            "Infobox.name",
            f"the name {INFOBOX_WORD!r} cannot be written: that name line means 'no name'",
        )
    if is_blank(name):
        raise RenderError("Infobox.name", "an empty or blank name cannot be written as a name line")
    if is_heading_shaped(name):
        raise RenderError("Infobox.name", f"the name {name!r} would be read as a heading")
    return name


def _infobox_lines(infobox: Infobox, layout: PlainLayout | None) -> list[str]:
    if not infobox.parameters:
        raise RenderError(
            "Infobox.parameters",
            "an infobox with no parameter but its name cannot be written: it would read as a "
            "paragraph",
        )
    lines = [_name_line(infobox)]
    spellings = layout.key_spellings if layout else {}
    spaced = layout.spaced_empty if layout else frozenset()
    for parameter in infobox.parameters:
        name = parameter.name
        key = spellings.get(name) or parameter_to_key(name)
        if not has_key(name):
            raise RenderError(
                "Parameter.name",
                f"{name!r} has no plain-text key: {key!r} reads back as a different name",
            )
        if KEY_SEPARATOR in key or key != trim(key):
            raise RenderError(
                "Parameter.name", f"{name!r} gives the key {key!r}, which cannot be read back"
            )
        if parameter.value or name in spaced:
            lines.append(f"{PARAMETER_PREFIX}{key}{KEY_SEPARATOR}{parameter.value}")
        else:
            lines.append(f"{PARAMETER_PREFIX}{key}:")
    return lines


def _check_paragraph(paragraph: str) -> str:
    if is_heading_shaped(paragraph):
        raise RenderError(
            "paragraphs",
            f"the paragraph {paragraph!r} starts and ends with '=': it would read as a heading",
        )
    if is_parameter_shaped(paragraph):
        raise RenderError(
            "paragraphs", f"the paragraph {paragraph!r} would read as a '- Key: Value' infobox line"
        )
    return paragraph


def render_plaintext(article: Article) -> str:
    """Write ``article`` in the plain-text article format.

    An article read by :func:`parse_plaintext` is written back in its own layout; other
    articles (or ones edited so that the layout no longer fits) get the canonical layout:
    a blank line between blocks, none after a heading, ``==Heading==``, a final newline.

    Raises :class:`~wikiround.errors.RenderError` for a model the format cannot hold.
    """
    if not isinstance(article, Article):
        raise TypeError(f"render_plaintext() takes an Article, not {type(article).__name__}")
    layout = article.layout if isinstance(article.layout, PlainLayout) else None
    units: list[tuple[str, str]] = [(TITLE, f"= {article.title} =")]
    if article.infobox is not None:
        units.append((INFOBOX, "\n".join(_infobox_lines(article.infobox, layout))))
    units.extend((PARAGRAPH, _check_paragraph(p)) for p in article.lead)
    headings: list[tuple[int, str]] = []
    for section in article.walk_sections():
        headings.append((section.level, section.heading))
        units.append((HEADING, ""))
        units.extend((PARAGRAPH, _check_paragraph(p)) for p in section.paragraphs)

    shape = tuple(kind for kind, _ in units)
    fits = layout is not None and layout.shape == shape
    padding = layout.heading_padding if fits and layout else ()
    heading_index = 0
    pieces: list[str] = []
    for position, (kind, text) in enumerate(units):
        if kind == HEADING:
            level, heading = headings[heading_index]
            left, right = _padding(heading, padding[heading_index] if padding else ("", ""))
            text = f"{'=' * level}{left}{heading}{right}{'=' * level}"
            heading_index += 1
        if position:
            separator = layout.separators[position - 1] if fits and layout else ""
            if not _separator_fits(units, position, separator):
                separator = "\n" if units[position - 1][0] == HEADING else "\n\n"
            pieces.append(separator)
        pieces.append(text)
    pieces.append(layout.ending if fits and layout else "\n")
    return "".join(pieces)


def _padding(heading: str, padding: tuple[str, str]) -> tuple[str, str]:
    """The whitespace inside a heading's ``=`` signs: as read, unless an ``=`` at an end
    of the text would touch the signs and change the level (``==foo===``); such a
    heading is written ``== foo= ==``."""
    left, right = padding
    if (heading.startswith("=") and not left) or (heading.endswith("=") and not right):
        return " ", " "
    return left, right


def _separator_fits(units: list[tuple[str, str]], position: int, separator: str) -> bool:
    """Whether ``separator`` before unit ``position`` reads back as it was meant."""
    if not separator:
        return False
    if separator.count("\n") > 1:
        return True
    previous = units[position - 1][0]
    if previous == INFOBOX:
        return False  # a line right after the infobox would belong to it
    # The first paragraph followed at once by a "- " line would read as a name line.
    return not (position == 2 and previous == PARAGRAPH and units[position][1].startswith("- "))
