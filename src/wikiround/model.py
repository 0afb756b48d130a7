"""The article model: what an article *is*, independent of how it is written.

The classes here are frozen attrs classes. They do no I/O and know neither the
plain-text format nor wikitext. Their validators reject only what no supported format
can hold (a line break inside a one-line field, a control character, a parameter name
MediaWiki could not read); what only one format cannot hold is that format's writer's
business and raises :class:`~wikiround.errors.RenderError` there.

Edit a model with :func:`attrs.evolve` or the ``with_…`` helpers; equality is
structural.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from wikiround._mediawiki import capitalise_first, template_title, title_text
from wikiround._text import NOT_TEXT, is_blank, trim
from wikiround.catalogue import is_officeholder_template
from wikiround.errors import ModelError

if TYPE_CHECKING:
    from wikiround.officeholder import Officeholder

__all__ = [
    "DEFAULT_TEMPLATE",
    "Article",
    "Infobox",
    "Parameter",
    "Section",
    "build_sections",
    "set_parameter",
]

DEFAULT_TEMPLATE = "Infobox officeholder"

# Characters no field may hold: line breaks (fields are one line each) and what no text
# may hold.
_FORBIDDEN = re.compile(f"[\n{NOT_TEXT}]")
# MediaWiki splits a template call on these, so a parameter name cannot hold them.
_NAME_FORBIDDEN = re.compile(r"[|={}\[\]<>]")
_TEMPLATE_FORBIDDEN = re.compile(r"[|={}\[\]<>#]")


def _describe(char: str) -> str:
    names = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}
    return names.get(char, f"the character U+{ord(char):04X}")


def _check_line(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise ModelError(field, f"must be a str, not {type(value).__name__}")
    if value.isprintable():
        # Line breaks and every character _FORBIDDEN names are unprintable; this test
        # runs several times faster than the search, which most text then skips.
        return value
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ModelError(
            field,
            f"holds {_describe(bad.group())} at index {bad.start()}; it must be one line of text",
        )
    return value


def _check_trimmed(field: str, value: str) -> None:
    if is_blank(value):
        raise ModelError(field, "must not be empty or only whitespace")
    if value != trim(value):
        raise ModelError(field, "must not start or end with whitespace")


def _line(field: str) -> Any:
    def validate(_instance: object, _attribute: object, value: object) -> None:
        _check_line(field, value)

    return validate


def _parameter_name(_instance: object, _attribute: object, value: str) -> None:
    name = _check_line("Parameter.name", value)
    _check_trimmed("Parameter.name", name)
    bad = _NAME_FORBIDDEN.search(name)
    if bad:
        raise ModelError(
            "Parameter.name",
            f"{name!r} holds {bad.group()!r}, which MediaWiki would not read as part of a name",
        )


@attrs.frozen
class Parameter:
    """One template parameter: its name as the template reads it, and its value.

    The value is the text a reader sees, with no markup: ``"a | b"`` is a pipe, not a
    parameter separator. It is one line and may be empty or carry outer whitespace.
    """

    name: str = attrs.field(validator=_parameter_name)
    value: str = attrs.field(validator=_line("Parameter.value"))


def set_parameter(parameters: tuple[Parameter, ...], new: Parameter) -> tuple[Parameter, ...]:
    """``parameters`` with ``new`` in place of the one of the same name, else appended."""
    if any(parameter.name == new.name for parameter in parameters):
        return tuple(new if parameter.name == new.name else parameter for parameter in parameters)
    return (*parameters, new)


def _template_name(_instance: object, _attribute: object, value: str) -> None:
    name = _check_line("Infobox.template", value)
    _check_trimmed("Infobox.template", name)
    bad = _TEMPLATE_FORBIDDEN.search(name)
    if bad:
        raise ModelError("Infobox.template", f"{name!r} holds {bad.group()!r}")
    if not is_infobox_name(name):
        raise ModelError(
            "Infobox.template", f"{name!r} is not an infobox: the name must start with 'Infobox'"
        )


def is_infobox_name(name: str) -> bool:
    """True when ``name`` names an infobox template the way MediaWiki compares names.

    MediaWiki ignores the case of a title's first letter and reads ``_`` as a space.
    """
    normal = capitalise_first(title_text(name))
    return normal == "Infobox" or normal.startswith("Infobox ")


def _infobox_name(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None:
        _check_line("Infobox.name", value)


def _parameters(_instance: object, _attribute: object, value: tuple[Parameter, ...]) -> None:
    seen: set[str] = set()
    for parameter in value:
        if not isinstance(parameter, Parameter):
            raise ModelError("Infobox.parameters", f"holds {parameter!r}, which is not a Parameter")
        if parameter.name == "name":
            raise ModelError(
                "Infobox.parameters", "the 'name' parameter is Infobox.name; do not list it again"
            )
        if parameter.name in seen:
            raise ModelError(
                "Infobox.parameters",
                f"{parameter.name!r} is given twice; MediaWiki would keep only the last value",
            )
        seen.add(parameter.name)


def _to_parameters(value: Iterable[Parameter]) -> tuple[Parameter, ...]:
    return _sequence("Infobox.parameters", value, "Parameter objects")


def _sequence(field: str, value: Any, items: str) -> tuple[Any, ...]:
    """``value`` as a tuple, or a :class:`ModelError` saying what was expected."""
    if type(value) is tuple:  # the common case, and much faster than the tests below
        return value
    if type(value) is list:
        return tuple(value)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ModelError(field, f"must be a sequence of {items}, not {type(value).__name__}")
    return tuple(value)


@attrs.frozen
class Infobox(Mapping[str, str]):
    """An infobox: the template it calls, the subject's name and the other parameters.

    ``name`` is the template's ``name`` parameter (``None`` when the call has none).
    ``parameters`` keeps every other parameter in the order it was written.

    An infobox is also a read-only mapping of those parameters' names to their values,
    in the order written: ``box["office1"]``, ``len(box)``, ``list(box)``,
    ``box.items()``. ``name`` is not among them (it is ``box.name``). Unlike an empty
    dict, an infobox without parameters is still true: it is there.
    """

    parameters: tuple[Parameter, ...] = attrs.field(
        default=(), converter=_to_parameters, validator=_parameters
    )
    name: str | None = attrs.field(default=None, validator=_infobox_name)
    template: str = attrs.field(default=DEFAULT_TEMPLATE, validator=_template_name)

    def __getitem__(self, name: str) -> str:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter.value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (parameter.name for parameter in self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)

    def __bool__(self) -> bool:
        # Code tests ``if article.infobox`` for "has an infobox"; an empty one counts.
        return True

    def __contains__(self, name: object) -> bool:
        return any(parameter.name == name for parameter in self.parameters)

    def with_value(self, name: str, value: str) -> Infobox:
        """A copy with ``name`` set to ``value``: in place if present, else appended."""
        return attrs.evolve(self, parameters=set_parameter(self.parameters, Parameter(name, value)))

    def without(self, name: str) -> Infobox:
        """A copy with parameter ``name`` removed (unchanged if absent)."""
        return attrs.evolve(self, parameters=tuple(p for p in self.parameters if p.name != name))

    @property
    def officeholder(self) -> Officeholder:
        """The typed view of this infobox (see :mod:`wikiround.officeholder`).

        Raises :class:`~wikiround.errors.ModelError` unless the template is Infobox
        officeholder or one of its redirects and wrappers (``Infobox president``…): the
        view would file another template's parameters (a settlement's ``leader_name``,
        a person's ``birth_date``) as an officeholder's.
        """
        from wikiround.officeholder import Officeholder

        if not is_officeholder_template(template_title(self.template)):
            raise ModelError(
                "Infobox.template",
                f"{self.template!r} is not Infobox officeholder or one of its redirects;"
                " its parameters cannot be read as an officeholder's",
            )
        return Officeholder.from_infobox(self)


def _heading(_instance: object, _attribute: object, value: str) -> None:
    # "=" at either end is text ("foo=", "=", "= Seven ="): the level is a field of its
    # own, and each format writes its "=" signs so that they stay apart from the text.
    _check_trimmed("Section.heading", _check_line("Section.heading", value))


def _paragraphs(field: str) -> Any:
    def validate(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
        for index, paragraph in enumerate(value):
            if isinstance(paragraph, str) and paragraph.isprintable() and not is_blank(paragraph):
                continue  # the common case, without building the field's name
            _check_line(f"{field}[{index}]", paragraph)
            if is_blank(paragraph):
                raise ModelError(f"{field}[{index}]", "a paragraph must hold some text")

    return validate


def _strings(field: str, value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ModelError(field, "must be a sequence of strings, not a single str")
    return _sequence(field, value, "strings")


def _to_lead(value: Iterable[str]) -> tuple[str, ...]:
    return _strings("Article.lead", value)


def _to_paragraphs(value: Iterable[str]) -> tuple[str, ...]:
    return _strings("Section.paragraphs", value)


def _level(_instance: object, _attribute: object, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 2 <= value <= 6:
        raise ModelError("Section.level", f"must be an int from 2 to 6, not {value!r}")


def _check_siblings(field: str, sections: tuple[Section, ...], parent_level: int) -> None:
    previous: Section | None = None
    for section in sections:
        if not isinstance(section, Section):
            raise ModelError(field, f"holds {section!r}, which is not a Section")
        if section.level <= parent_level:
            raise ModelError(
                field,
                f"section {section.heading!r} (level {section.level}) cannot be a subsection "
                f"of a level-{parent_level} section",
            )
        if previous is not None and section.level > previous.level:
            raise ModelError(
                field,
                f"section {section.heading!r} (level {section.level}) follows "
                f"{previous.heading!r} (level {previous.level}), so it is a subsection of it",
            )
        previous = section


def _subsections(instance: Section, _attribute: object, value: tuple[Section, ...]) -> None:
    _check_siblings("Section.subsections", value, instance.level)


def _to_subsections(value: Iterable[Section]) -> tuple[Section, ...]:
    return _sequence("Section.subsections", value, "Section objects")


def _to_sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return _sequence("Article.sections", value, "Section objects")


@attrs.frozen
class Section:
    """A section: a heading of ``level`` 2–6, its paragraphs, then its subsections.

    A section's subsections have higher levels than the section; a later sibling never
    has a higher level than an earlier one (it would be the earlier one's subsection).
    The heading is one line, trimmed; it may start or end with ``=``, which is then
    text (MediaWiki shows ``=foo==`` as a heading reading ``foo=``).
    """

    heading: str = attrs.field(validator=_heading)
    level: int = attrs.field(default=2, validator=_level)
    paragraphs: tuple[str, ...] = attrs.field(
        default=(),
        converter=_to_paragraphs,
        validator=_paragraphs("Section.paragraphs"),
    )
    subsections: tuple[Section, ...] = attrs.field(
        default=(), converter=_to_subsections, validator=_subsections
    )

    def walk(self) -> Iterator[Section]:
        """This section, then every subsection, in document order."""
        yield self
        for subsection in self.subsections:
            yield from subsection.walk()


def _title(_instance: object, _attribute: object, value: str) -> None:
    _check_trimmed("Article.title", _check_line("Article.title", value))


def _infobox(_instance: object, _attribute: object, value: Infobox | None) -> None:
    if value is not None and not isinstance(value, Infobox):
        raise ModelError("Article.infobox", f"must be an Infobox or None, not {value!r}")


def _sections(_instance: object, _attribute: object, value: tuple[Section, ...]) -> None:
    _check_siblings("Article.sections", value, 1)


@attrs.frozen
class Article:
    """A whole article: title, optional infobox, lead paragraphs and sections.

    ``layout`` is an opaque record a layout-keeping reader attaches (the plain-text
    reader does, so that writing gives back its input byte for byte). It takes no part
    in equality, and writers fall back to their canonical layout when it no longer fits.
    """

    title: str = attrs.field(validator=_title)
    infobox: Infobox | None = attrs.field(default=None, validator=_infobox)
    lead: tuple[str, ...] = attrs.field(
        default=(), converter=_to_lead, validator=_paragraphs("Article.lead")
    )
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_to_sections, validator=_sections
    )
    layout: object = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def walk_sections(self) -> Iterator[Section]:
        """Every section and subsection in document order."""
        for section in self.sections:
            yield from section.walk()


def build_sections(
    outline: Iterable[tuple[int, str, Iterable[str]]],
) -> tuple[Section, ...]:
    """Nest ``(level, heading, paragraphs)`` triples given in document order.

    A heading deeper than the one before it opens a subsection, as in MediaWiki.
    """
    flat = list(outline)

    def build(start: int, parent_level: int) -> tuple[list[Section], int]:
        sections: list[Section] = []
        index = start
        while index < len(flat) and flat[index][0] > parent_level:
            level, heading, paragraphs = flat[index]
            subsections, index = build(index + 1, level)
            sections.append(Section(heading, level, tuple(paragraphs), subsections))
        return sections, index

    return tuple(build(0, 1)[0])
