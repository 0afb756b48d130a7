"""An article as JSON, with its typed officeholder infobox; see docs/json.md.

``to_json`` writes the article, the infobox sorted into the records of
:class:`~wikiround.officeholder.Officeholder` (each known parameter annotated with its
field and, for term, birth and death dates, the parsed date), and the plain-text layout
when the article carries one. ``from_json`` reads that back: the parameters' names and
values are the data; ``field`` and ``date`` are checked against them, never trusted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from wikiround._text import LINE_BREAK, WHITESPACE
from wikiround.catalogue import Group, lookup
from wikiround.dates import PartialDate, parse_date
from wikiround.errors import ModelError, ParseError
from wikiround.model import DEFAULT_TEMPLATE, Article, Infobox, Parameter, Section
from wikiround.officeholder import Fields, Office, Officeholder, Personal, record_of
from wikiround.plaintext._layout import HEADING, INFOBOX, PARAGRAPH, TITLE, PlainLayout

__all__ = ["FORMAT", "VERSION", "from_json", "json_schema", "to_json"]

FORMAT = "wikiround-article"
VERSION = 1
_DATE_FIELDS = frozenset({"term_start", "term_end", "birth_date", "death_date"})


# --- writing -----------------------------------------------------------------------------


def _field_of(name: str) -> str | None:
    match = lookup(name)
    return None if match is None else match.spec.concrete("", match.row)


def _date_of(name: str, value: str) -> PartialDate | None:
    match = lookup(name)
    if match is None or match.spec.name not in _DATE_FIELDS:
        return None
    return parse_date(value)


def _date_json(date: PartialDate) -> dict[str, Any]:
    return {
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "style": date.style.value,
        "short_month": date.short_month,
    }


def _parameter_json(parameter: Parameter) -> dict[str, Any]:
    data: dict[str, Any] = {"name": parameter.name, "value": parameter.value}
    field = _field_of(parameter.name)
    if field is not None:
        data["field"] = field
    date = _date_of(parameter.name, parameter.value)
    if date is not None:
        data["date"] = _date_json(date)
    return data


def _parameters_json(parameters: Iterable[Parameter]) -> list[dict[str, Any]]:
    return [_parameter_json(parameter) for parameter in parameters]


def _infobox_json(infobox: Infobox) -> dict[str, Any]:
    view = Officeholder.from_infobox(infobox)
    return {
        "template": view.template,
        "name": view.name,
        "sequence": list(view.sequence),
        "header": _parameters_json(view.header),
        "offices": [
            {"suffix": office.suffix, "parameters": _parameters_json(office)}
            for office in view.offices
        ],
        "personal": _parameters_json(view.personal),
        "military": _parameters_json(view.military),
        "other": _parameters_json(view.other),
        "unknown": _parameters_json(view.unknown),
    }


def _section_json(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "level": section.level,
        "paragraphs": list(section.paragraphs),
        "subsections": [_section_json(s) for s in section.subsections],
    }


def _layout_json(layout: object) -> dict[str, Any] | None:
    if not isinstance(layout, PlainLayout):
        return None
    return {
        "plain": {
            "shape": list(layout.shape),
            "separators": list(layout.separators),
            "ending": layout.ending,
            "heading_padding": [list(pair) for pair in layout.heading_padding],
            "key_spellings": dict(sorted(layout.key_spellings.items())),
            "spaced_empty": sorted(layout.spaced_empty),
        }
    }


def to_json(article: Article) -> str:
    """``article`` as a JSON document (UTF-8 text, two-space indent, final newline)."""
    if not isinstance(article, Article):
        raise TypeError(f"to_json() takes an Article, not {type(article).__name__}")
    data = {
        "format": FORMAT,
        "version": VERSION,
        "title": article.title,
        "infobox": None if article.infobox is None else _infobox_json(article.infobox),
        "lead": list(article.lead),
        "sections": [_section_json(section) for section in article.sections],
        "layout": _layout_json(article.layout),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- reading -----------------------------------------------------------------------------


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    def fail(self, path: str, message: str) -> ParseError:
        # The place is the JSON path; a line and column would be made up.
        return ParseError(message, path=path)

    def fields(
        self,
        value: object,
        path: str,
        keys: Iterable[str],
        optional: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The object's members: ``keys`` must be there, ``optional`` ones get their
        default when left out, and nothing else may be."""
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, not {_kind(value)}")
        wanted = list(keys)
        defaults = optional or {}
        missing = [key for key in wanted if key not in value]
        if missing:
            raise self.fail(path, f"missing {', '.join(map(repr, missing))}")
        extra = [key for key in value if key not in wanted and key not in defaults]
        if extra:
            raise self.fail(path, f"unexpected {', '.join(map(repr, extra))}")
        return {**defaults, **value}

    def string(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected a string, not {_kind(value)}")
        return value

    def strings(self, value: object, path: str) -> list[str]:
        return [self.string(item, f"{path}[{i}]") for i, item in enumerate(self.array(value, path))]

    def array(self, value: object, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected an array, not {_kind(value)}")
        return value

    def items(self, value: object, path: str, read: Callable[[Any, str], Any]) -> list[Any]:
        return [read(item, f"{path}[{i}]") for i, item in enumerate(self.array(value, path))]

    def build(self, path: str, make: Callable[[], Any], owner: str = "") -> Any:
        """``make()``; a model error becomes a parse error at ``path`` (at the member it
        names when it names a field of ``owner``, as ``Article.lead[0]``)."""
        try:
            return make()
        except ModelError as error:
            field = error.field.removeprefix(f"{owner}.") if owner else error.field
            if field != error.field:
                raise self.fail(f"{path}.{field}", error.message) from None
            raise self.fail(path, f"{error.message} ({error.field})") from None

    def parameter(self, value: object, path: str) -> Parameter:
        # ``field`` and ``date`` are derived from the name and value: to_json writes
        # them, and reading lets them follow an edited value instead of refusing it.
        data = self.fields(value, path, ("name", "value"), {"field": None, "date": None})
        name = self.string(data["name"], f"{path}.name")
        text = self.string(data["value"], f"{path}.value")
        parameter: Parameter = self.build(path, lambda: Parameter(name, text), "Parameter")
        return parameter

    def parameters(self, value: object, path: str) -> list[Parameter]:
        return self.items(value, path, self.parameter)

    def office(self, value: object, path: str) -> Office:
        data = self.fields(value, path, ("parameters",), {"suffix": None})
        parameters = self.parameters(data["parameters"], f"{path}.parameters")
        if data["suffix"] is None:
            suffix = _suffix_of(parameters)
            if suffix is None:
                raise self.fail(path, "missing 'suffix' (no parameter here says its block)")
        else:
            suffix = self.string(data["suffix"], f"{path}.suffix")
        office: Office = self.build(path, lambda: Office(parameters, suffix=suffix))
        return office

    def infobox(self, value: object, path: str) -> Infobox:
        records = ("header", "offices", "personal", "military", "other", "unknown")
        optional: dict[str, Any] = {key: [] for key in records}
        optional.update(template=DEFAULT_TEMPLATE, name=None, sequence=None)
        data = self.fields(value, path, (), optional)
        template = self.string(data["template"], f"{path}.template")
        name = None if data["name"] is None else self.string(data["name"], f"{path}.name")
        header = self.parameters(data["header"], f"{path}.header")
        offices = self.items(data["offices"], f"{path}.offices", self.office)
        personal = self.parameters(data["personal"], f"{path}.personal")
        military = self.parameters(data["military"], f"{path}.military")
        other = self.parameters(data["other"], f"{path}.other")
        unknown = self.parameters(data["unknown"], f"{path}.unknown")
        groups: list[list[Parameter]] = [header, *offices, personal, military, other, unknown]
        written = [parameter.name for group in groups for parameter in group]
        sequence = self.sequence(data["sequence"], f"{path}.sequence", written)
        view: Officeholder = self.build(
            path,
            lambda: Officeholder(
                name=name,
                template=template,
                header=Fields(header, group=Group.HEADER),
                offices=offices,
                personal=Personal(personal),
                military=Fields(military, group=Group.MILITARY),
                other=Fields(other),
                unknown=unknown,
                sequence=sequence,
            ),
        )
        infobox: Infobox = self.build(path, view.to_infobox)
        if Officeholder.from_infobox(infobox) != view:
            raise self.fail(
                f"{path}.sequence",
                "the records must list their parameters in the order 'sequence' gives them, "
                "and the offices must be sorted by suffix (unnumbered first, then by number)",
            )
        return infobox

    def sequence(self, value: object, path: str, written: list[str]) -> list[str]:
        """The order the parameters were written in: ``sequence`` without the names no
        record holds any more, and with each parameter it does not list placed right
        after the one before it in the records (so adding or removing a parameter
        needs no change here)."""
        if value is None:
            return written
        listed = self.strings(value, path)
        seen: set[str] = set()
        for index, name in enumerate(listed):
            if name in seen:
                raise self.fail(f"{path}[{index}]", f"lists {name!r} a second time")
            seen.add(name)
        present = set(written)
        # Each unlisted name follows the name before it in the records (None: first).
        following: dict[str | None, list[str]] = {}
        for index, name in enumerate(written):
            if name not in seen:
                following.setdefault(written[index - 1] if index else None, []).append(name)
        order: list[str] = []
        stack = [*following.get(None, []), *(name for name in listed if name in present)]
        stack.reverse()
        while stack:
            name = stack.pop()
            order.append(name)
            stack.extend(reversed(following.get(name, [])))
        return order

    def section(self, value: object, path: str) -> Section:
        data = self.fields(
            value, path, ("heading",), {"level": 2, "paragraphs": [], "subsections": []}
        )
        heading = self.string(data["heading"], f"{path}.heading")
        level = data["level"]
        paragraphs = self.strings(data["paragraphs"], f"{path}.paragraphs")
        subsections = self.items(data["subsections"], f"{path}.subsections", self.section)
        section: Section = self.build(
            path, lambda: Section(heading, level, paragraphs, subsections), "Section"
        )
        return section

    def layout(self, value: object, path: str) -> PlainLayout | None:
        if value is None:
            return None
        outer = self.fields(value, path, ("plain",))
        data = self.fields(
            outer["plain"],
            f"{path}.plain",
            ("shape", "separators", "ending", "heading_padding", "key_spellings", "spaced_empty"),
        )
        padding = []
        for i, pair in enumerate(self.array(data["heading_padding"], f"{path}.heading_padding")):
            where = f"{path}.plain.heading_padding[{i}]"
            items = self.strings(pair, where)
            if len(items) != 2:
                raise self.fail(where, "expected two strings")
            if not all(_whitespace(item, newlines=False) for item in items):
                raise self.fail(where, "expected whitespace")
            padding.append((items[0], items[1]))
        spellings = data["key_spellings"]
        if not isinstance(spellings, dict):
            raise self.fail(f"{path}.plain.key_spellings", "expected an object")
        for key, item in spellings.items():
            self.string(item, f"{path}.plain.key_spellings.{key}")
        shape = self.strings(data["shape"], f"{path}.plain.shape")
        if shape[:1] != [TITLE] or not set(shape) <= {TITLE, INFOBOX, PARAGRAPH, HEADING}:
            raise self.fail(f"{path}.plain.shape", "expected 'title' then units")
        separators = self.strings(data["separators"], f"{path}.plain.separators")
        ending = self.string(data["ending"], f"{path}.plain.ending")
        if len(separators) != len(shape) - 1 or not all(
            s.startswith("\n") and s.endswith("\n") and _whitespace(s) for s in separators
        ):
            raise self.fail(
                f"{path}.plain.separators", "expected one run of line breaks between units"
            )
        if ending and not (ending.startswith("\n") and _whitespace(ending)):
            raise self.fail(f"{path}.plain.ending", "expected line breaks and blank lines")
        if len(padding) != shape.count(HEADING):
            raise self.fail(f"{path}.plain.heading_padding", "expected one pair per heading")
        return PlainLayout(
            shape=tuple(shape),
            separators=tuple(separators),
            ending=ending,
            heading_padding=tuple(padding),
            key_spellings=spellings,
            spaced_empty=frozenset(self.strings(data["spaced_empty"], f"{path}.spaced_empty")),
        )

    def article(self) -> Article:
        try:
            data = json.loads(self.text, object_pairs_hook=_Object.of)
        except json.JSONDecodeError as error:
            raise ParseError.at_offset(f"invalid JSON: {error.msg}", self.text, error.pos) from None
        except RecursionError:
            # No place to give: the parser does not say where it gave up.
            raise ParseError("invalid JSON: nested too deeply") from None
        except ValueError:
            # Python's limit on the digits of an integer (4,300 by default).
            raise ParseError("invalid JSON: a number with too many digits") from None
        twice = _given_twice(data)
        if twice is not None:
            raise self.fail(twice, "given twice (an object holds each key once)")
        optional: dict[str, Any] = {"infobox": None, "lead": [], "sections": [], "layout": None}
        data = self.fields(data, "$", ("format", "version", "title"), optional)
        if data["format"] != FORMAT:
            raise self.fail("$.format", f"expected {FORMAT!r}")
        if data["version"] != VERSION or isinstance(data["version"], bool):
            raise self.fail("$.version", f"this reader knows version {VERSION} only")
        title = self.string(data["title"], "$.title")
        infobox = None if data["infobox"] is None else self.infobox(data["infobox"], "$.infobox")
        lead = self.strings(data["lead"], "$.lead")
        sections = self.items(data["sections"], "$.sections", self.section)
        layout = self.layout(data["layout"], "$.layout")
        article: Article = self.build(
            "$", lambda: Article(title, infobox, lead, sections, layout=layout), "Article"
        )
        return article


class _Object(dict[str, Any]):
    """A JSON object, and the first key it was given twice (None when none was): the
    JSON parser keeps the last value without a word, and a hand-edited file that gives
    a key twice means one of the two by mistake."""

    twice: str | None = None

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> _Object:
        made = cls(pairs)
        if len(made) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    made.twice = key
                    break
                seen.add(key)
        return made


def _given_twice(data: object) -> str | None:
    """The JSON path of the first key given twice in ``data``, in document order."""
    stack: list[tuple[object, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Object):
            if value.twice is not None:
                return f"{path}.{value.twice}"
            stack.extend((item, f"{path}.{key}") for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
    return None


def _whitespace(text: str, *, newlines: bool = True) -> bool:
    """Whether ``text`` is layout only: whitespace, and LF line breaks if ``newlines``."""
    allowed = WHITESPACE + LINE_BREAK if newlines else WHITESPACE
    return not text.strip(allowed)


def _suffix_of(parameters: list[Parameter]) -> str | None:
    """The office block the first parameter belongs to, by its name."""
    for parameter in parameters:
        record = record_of(parameter.name)
        if record.startswith("office:"):
            return record.removeprefix("office:")
    return None


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def from_json(text: str) -> Article:
    """Read a document written by :func:`to_json`.

    Raises :class:`~wikiround.errors.ParseError` for text that is not such a document;
    the message starts with the JSON path of the offending value (``$.infobox.offices[0]``).
    """
    if not isinstance(text, str):
        raise TypeError(f"from_json() takes a str, not {type(text).__name__}")
    return _Reader(text).article()


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents :func:`from_json` reads and
    :func:`to_json` writes, as shipped in the package (``article.schema.json``)."""
    from importlib.resources import files  # only when asked for

    text = files("wikiround").joinpath("article.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
