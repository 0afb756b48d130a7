"""A typed view of ``{{Infobox officeholder}}``.

:meth:`Officeholder.from_infobox` sorts an infobox's parameters into records by the
parameter catalogue: the header, one :class:`Office` per office block (keyed by its
suffix exactly as written: ``""``, ``"1"``, ``"01"`` would be three blocks, and ``office``
and ``office1`` are two), the :class:`Personal` data, military service, the other known
parameters, and every parameter the catalogue does not know. Each record keeps its
parameters as written (name spelling, aliases, values), and the view remembers the order
of all of them, so :meth:`Officeholder.to_infobox` gives back the very same infobox.

Fields are read by their canonical unnumbered name (``office.get("term_start")`` reads
``term_start2`` or its alias ``termstart2`` in block ``"2"``) or through the typed
attributes (``office.term_start``, ``office.start`` as a :class:`~wikiround.dates.PartialDate`).
Editing a field (:meth:`Block.with_field`) changes only that parameter, under the spelling
already used; a new parameter goes right after its record's last parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar, overload

import attrs

from wikiround.catalogue import Group, ParameterMatch, lookup, suggest
from wikiround.dates import PartialDate, parse_date
from wikiround.errors import ModelError
from wikiround.model import DEFAULT_TEMPLATE, Infobox, Parameter, set_parameter

__all__ = [
    "SUPERIOR_FIELDS",
    "Block",
    "Fields",
    "Office",
    "Officeholder",
    "Personal",
    "record_of",
    "suffix_sort_key",
]

#: Office fields that name the person the officeholder served under, in template order.
SUPERIOR_FIELDS: tuple[str, ...] = (
    "monarch",
    "president",
    "governor_general",
    "primeminister",
    "chancellor",
    "minister",
    "taoiseach",
    "firstminister",
    "chiefminister",
    "premier",
    "governor",
    "lieutenant_governor",
    "leader",
)

B = TypeVar("B", bound="Block")
T = TypeVar("T")


def suffix_sort_key(suffix: str) -> tuple[int, int, str]:
    """Order office blocks as the template shows them: unnumbered first, then by number."""
    if suffix == "":
        return (0, 0, "")
    return (1, int(suffix), suffix)


def _to_parameters(value: Iterable[Parameter]) -> tuple[Parameter, ...]:
    return tuple(value)


class _Value(Generic[T]):
    """A read-only typed attribute of a record, derived from one field."""

    def __init__(self, field: str, convert: Callable[[str | None], T], doc: str) -> None:
        self.field = field
        self.convert = convert
        self.__doc__ = doc

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> _Value[T]: ...

    @overload
    def __get__(self, instance: Block, owner: type[Any]) -> T: ...

    def __get__(self, instance: Block | None, owner: type[Any]) -> _Value[T] | T:
        if instance is None:
            return self
        return self.convert(instance.get(self.field))


def _same(value: str | None) -> str | None:
    return value


def _date(value: str | None) -> PartialDate | None:
    return None if value is None else parse_date(value)


def _text(field: str) -> _Value[str | None]:
    return _Value(field, _same, f"The value of ``{field}`` (or an alias), or None.")


def _parsed(field: str) -> _Value[PartialDate | None]:
    return _Value(field, _date, f"``{field}`` as a partial date, or None when unset or not a date.")


@attrs.frozen
class Block:
    """Parameters of one record, as written and in order.

    ``get``, ``with_field`` and ``without_field`` take a field's unnumbered name: the
    catalogue's canonical name or any alias (``term_start`` or ``termstart``; for rows,
    the name with its row number, ``1blankname``).
    """

    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_to_parameters)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for parameter in self.parameters:
            if not isinstance(parameter, Parameter):
                raise ModelError(self._field_name(), f"holds {parameter!r}, not a Parameter")
            if parameter.name in seen:
                raise ModelError(self._field_name(), f"{parameter.name!r} is given twice")
            seen.add(parameter.name)
            self._check_member(parameter.name)

    def _field_name(self) -> str:
        return f"{type(self).__name__}.parameters"

    def _check_member(self, name: str) -> None:
        raise NotImplementedError

    def _names(self, field: str) -> tuple[str, ...]:
        """The concrete names ``field`` may be written as here, first the one that wins."""
        raise NotImplementedError

    def names_of(self, field: str) -> tuple[str, ...]:
        """The concrete names of ``field`` in this record, the one the template reads first."""
        return self._names(field)

    def _index(self) -> dict[str, Parameter]:
        return {parameter.name: parameter for parameter in self.parameters}

    def spelled(self, field: str) -> str | None:
        """The concrete name ``field`` is written under here (the winner if several)."""
        present = self._index()
        return next((name for name in self._names(field) if name in present), None)

    def get(self, field: str) -> str | None:
        """The value of ``field`` as the template reads it, or None when it is not set."""
        name = self.spelled(field)
        return None if name is None else self._index()[name].value

    def __contains__(self, name: object) -> bool:
        return any(parameter.name == name for parameter in self.parameters)

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self.parameters)

    def with_field(self: B, field: str, value: str | PartialDate) -> B:
        """A copy with ``field`` set to ``value`` (a :class:`PartialDate` is written as it
        renders, in its own style).

        An existing parameter keeps its spelling and place; otherwise the canonical name
        is appended.
        """
        if isinstance(value, PartialDate):
            value = value.render()
        name = self.spelled(field) or _canonical(self._names(field)[0])
        return attrs.evolve(self, parameters=set_parameter(self.parameters, Parameter(name, value)))

    def without_field(self: B, field: str) -> B:
        """A copy with every spelling of ``field`` removed."""
        names = set(self._names(field))
        return attrs.evolve(self, parameters=(p for p in self.parameters if p.name not in names))


def _match(name: str, where: str) -> ParameterMatch:
    match = lookup(name)
    if match is None:
        raise ModelError(where, f"{name!r} is not a parameter of the template{_hint(name)}")
    return match


def _hint(name: str) -> str:
    """``; did you mean 'term_start'?`` for a near miss of a known name, else nothing."""
    close = suggest(name)
    return f"; did you mean {close!r}?" if close else ""


def _canonical(name: str) -> str:
    match = lookup(name)
    assert match is not None
    return match.canonical


def _spellings(match: ParameterMatch, suffix: str) -> tuple[str, ...]:
    spec = match.spec
    order = spec.precedence or spec.names
    return tuple(
        spec.concrete(suffix, match.row, alias=None if base == spec.name else base)
        for base in order
    )


@attrs.frozen
class Fields(Block):
    """The known parameters of one part of the infobox (header, military service, other)."""

    group: Group = attrs.field(default=Group.OTHER, kw_only=True)

    def _check_member(self, name: str) -> None:
        match = lookup(name)
        if match is None or match.spec.group is not self.group or match.spec.group is Group.OFFICE:
            raise ModelError(self._field_name(), f"{name!r} is not a {self.group.value} parameter")

    def _names(self, field: str) -> tuple[str, ...]:
        match = _match(field, f"{type(self).__name__}.get")
        if match.spec.group is not self.group:
            raise ModelError(
                f"{type(self).__name__}.get", f"{field!r} is not a {self.group.value} field"
            )
        return _spellings(match, match.suffix)


@attrs.frozen
class Personal(Block):
    """The personal data: birth, death, family, party, education…"""

    def _check_member(self, name: str) -> None:
        match = lookup(name)
        if match is None or match.spec.group is not Group.PERSONAL:
            raise ModelError(self._field_name(), f"{name!r} is not a personal-data parameter")

    def _names(self, field: str) -> tuple[str, ...]:
        match = _match(field, "Personal.get")
        if match.spec.group is not Group.PERSONAL:
            raise ModelError("Personal.get", f"{field!r} is not a personal-data field")
        return _spellings(match, match.suffix)

    birth_name = _text("birth_name")
    birth_date = _text("birth_date")
    birth_place = _text("birth_place")
    death_date = _text("death_date")
    death_place = _text("death_place")
    death_cause = _text("death_cause")
    resting_place = _text("resting_place")
    nationality = _text("nationality")
    citizenship = _text("citizenship")
    party = _text("party")
    otherparty = _text("otherparty")
    spouse = _text("spouse")
    partner = _text("partner")
    children = _text("children")
    relations = _text("relations")
    relatives = _text("relatives")
    parents = _text("parents")
    residence = _text("residence")
    education = _text("education")
    alma_mater = _text("alma_mater")
    occupation = _text("occupation")
    profession = _text("profession")
    religion = _text("religion")
    awards = _text("awards")
    signature = _text("signature")
    website = _text("website")
    born = _parsed("birth_date")
    died = _parsed("death_date")


def _suffix(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, str) or not (value == "" or (value.isascii() and value.isdigit())):
        raise ModelError("Office.suffix", f"must be '' or a number as written, not {value!r}")


@attrs.frozen
class Office(Block):
    """One office block: the parameters whose names end in ``suffix``.

    ``suffix`` is exactly as written: ``""`` for ``office``, ``"1"`` for ``office1``.
    """

    suffix: str = attrs.field(default="", kw_only=True, validator=_suffix)

    def _check_member(self, name: str) -> None:
        match = lookup(name)
        if match is None or match.spec.group is not Group.OFFICE or match.suffix != self.suffix:
            block = repr(self.suffix) if self.suffix else "the unnumbered block"
            raise ModelError(self._field_name(), f"{name!r} is not a parameter of block {block}")

    def _names(self, field: str) -> tuple[str, ...]:
        match = lookup(field)
        if match is None or match.spec.group is not Group.OFFICE or match.suffix != "":
            hint = _hint(field) if match is None else ""
            if match is not None and match.spec.group is Group.OFFICE:
                hint = f"; did you mean {match.spec.concrete('', match.row)!r}?"
            raise ModelError("Office.get", f"{field!r} is not an unnumbered office field{hint}")
        names = _spellings(match, self.suffix)
        if any(lookup(name) is None for name in names):
            raise ModelError(
                "Office.get", f"the template has no {field!r} with the suffix {self.suffix!r}"
            )
        return names

    @property
    def superiors(self) -> tuple[tuple[str, str], ...]:
        """``(field, value)`` for each superior field set (``president``, ``monarch``…)."""
        found: list[tuple[str, str]] = []
        for field in SUPERIOR_FIELDS:
            value = self.get(field)
            if value is not None:
                found.append((field, value))
        return tuple(found)

    office = _text("office")
    order = _text("order")
    title = _text("title")
    status = _text("status")
    term = _text("term")
    term_start = _text("term_start")
    term_end = _text("term_end")
    subterm = _text("subterm")
    suboffice = _text("suboffice")
    alongside = _text("alongside")
    predecessor = _text("predecessor")
    successor = _text("successor")
    monarch = _text("monarch")
    president = _text("president")
    vicepresident = _text("vicepresident")
    primeminister = _text("primeminister")
    premier = _text("premier")
    chancellor = _text("chancellor")
    governor = _text("governor")
    governor_general = _text("governor_general")
    lieutenant_governor = _text("lieutenant_governor")
    minister = _text("minister")
    deputy = _text("deputy")
    leader = _text("leader")
    appointer = _text("appointer")
    nominator = _text("nominator")
    constituency = _text("constituency")
    district = _text("district")
    state = _text("state")
    riding = _text("riding")
    parliament = _text("parliament")
    majority = _text("majority")
    country = _text("country")
    start = _parsed("term_start")
    end = _parsed("term_end")


# Which record a parameter goes to, as written.
_HEADER, _PERSONAL, _MILITARY, _OTHER, _UNKNOWN = "header", "personal", "military", "other", "?"
_GROUP_RECORD = {
    Group.HEADER: _HEADER,
    Group.PERSONAL: _PERSONAL,
    Group.MILITARY: _MILITARY,
    Group.OTHER: _OTHER,
}


def record_of(name: str) -> str:
    """``"office:<suffix>"``, a group record's key, or ``"?"`` for an unknown name.

    Internal to wikiround (the editor places a new parameter beside its record's); not
    part of the documented API."""
    match = lookup(name)
    if match is None:
        return _UNKNOWN
    if match.spec.group is Group.OFFICE:
        return "office:" + match.suffix
    return _GROUP_RECORD[match.spec.group]


def _to_offices(value: Iterable[Office]) -> tuple[Office, ...]:
    return tuple(value)


def _offices(_instance: object, _attribute: object, value: tuple[Office, ...]) -> None:
    seen: set[str] = set()
    for office in value:
        if not isinstance(office, Office):
            raise ModelError("Officeholder.offices", f"holds {office!r}, not an Office")
        if office.suffix in seen:
            raise ModelError(
                "Officeholder.offices", f"two blocks have the suffix {office.suffix!r}"
            )
        seen.add(office.suffix)


def _unknown(_instance: object, _attribute: object, value: tuple[Parameter, ...]) -> None:
    for parameter in value:
        if not isinstance(parameter, Parameter):
            raise ModelError("Officeholder.unknown", f"holds {parameter!r}, not a Parameter")
        if lookup(parameter.name) is not None:
            raise ModelError(
                "Officeholder.unknown", f"{parameter.name!r} is a parameter of the template"
            )


def _group(group: Group) -> Any:
    def validate(_instance: object, attribute: Any, value: Fields) -> None:
        if not isinstance(value, Fields) or value.group is not group:
            raise ModelError(f"Officeholder.{attribute.name}", f"must be Fields of {group.value}")

    return validate


def _to_names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Officeholder:
    """The typed view of an officeholder infobox.

    ``offices`` are the office blocks in the order the template shows them (unnumbered,
    then by number); :meth:`office` finds one by its suffix. ``unknown`` holds every
    parameter the catalogue does not know, verbatim. ``sequence`` is the order all
    parameters were written in; :meth:`to_infobox` follows it and places a parameter it
    does not list right after the last listed parameter of the same record (or at the end).
    """

    name: str | None = None
    template: str = DEFAULT_TEMPLATE
    header: Fields = attrs.field(
        factory=lambda: Fields(group=Group.HEADER), validator=_group(Group.HEADER)
    )
    offices: tuple[Office, ...] = attrs.field(default=(), converter=_to_offices, validator=_offices)
    personal: Personal = attrs.field(factory=Personal)
    military: Fields = attrs.field(
        factory=lambda: Fields(group=Group.MILITARY), validator=_group(Group.MILITARY)
    )
    other: Fields = attrs.field(
        factory=lambda: Fields(group=Group.OTHER), validator=_group(Group.OTHER)
    )
    unknown: tuple[Parameter, ...] = attrs.field(
        default=(), converter=_to_parameters, validator=_unknown
    )
    sequence: tuple[str, ...] = attrs.field(default=(), converter=_to_names)

    @classmethod
    def from_infobox(cls, infobox: Infobox) -> Officeholder:
        """Sort ``infobox``'s parameters into records; nothing is dropped or renamed."""
        records: dict[str, list[Parameter]] = {}
        for parameter in infobox.parameters:
            records.setdefault(record_of(parameter.name), []).append(parameter)
        offices = [
            Office(params, suffix=key.removeprefix("office:"))
            for key, params in records.items()
            if key.startswith("office:")
        ]
        offices.sort(key=lambda office: suffix_sort_key(office.suffix))
        return cls(
            name=infobox.name,
            template=infobox.template,
            header=Fields(records.get(_HEADER, ()), group=Group.HEADER),
            offices=offices,
            personal=Personal(records.get(_PERSONAL, ())),
            military=Fields(records.get(_MILITARY, ()), group=Group.MILITARY),
            other=Fields(records.get(_OTHER, ()), group=Group.OTHER),
            unknown=records.get(_UNKNOWN, ()),
            sequence=(parameter.name for parameter in infobox.parameters),
        )

    def _records(self) -> Iterator[tuple[str, Iterable[Parameter]]]:
        yield _HEADER, self.header
        for office in self.offices:
            yield "office:" + office.suffix, office
        yield _PERSONAL, self.personal
        yield _MILITARY, self.military
        yield _OTHER, self.other
        yield _UNKNOWN, self.unknown

    def parameters(self) -> tuple[Parameter, ...]:
        """Every parameter (but ``name``), in the order :meth:`to_infobox` writes them."""
        owner: dict[str, str] = {}
        by_name: dict[str, Parameter] = {}
        unlisted: list[tuple[str, Parameter]] = []
        listed = set(self.sequence)
        for key, record in self._records():
            for parameter in record:
                if parameter.name in by_name:
                    raise ModelError("Officeholder", f"{parameter.name!r} is held by two records")
                by_name[parameter.name] = parameter
                owner[parameter.name] = key
                if parameter.name not in listed:
                    unlisted.append((key, parameter))
        placed = [(owner[name], by_name[name]) for name in self.sequence if name in by_name]
        for key, parameter in unlisted:
            last = max((i for i, (k, _) in enumerate(placed) if k == key), default=None)
            placed.insert(len(placed) if last is None else last + 1, (key, parameter))
        return tuple(parameter for _, parameter in placed)

    def to_infobox(self) -> Infobox:
        """The infobox this view stands for."""
        return Infobox(self.parameters(), name=self.name, template=self.template)

    def office(self, suffix: str) -> Office | None:
        """The office block with ``suffix`` exactly as written (``""``, ``"1"``…), or None."""
        return next((office for office in self.offices if office.suffix == suffix), None)

    def next_office_suffix(self) -> str:
        """The suffix for a new office block: one more than the highest number in use
        (``"1"`` when there is none). Raises :class:`ModelError` past the template's last."""
        numbers = [int(office.suffix) for office in self.offices if office.suffix]
        suffix = str(max(numbers, default=0) + 1)
        if lookup("office" + suffix) is None:
            raise ModelError("Officeholder", f"the template has no office block {suffix}")
        return suffix

    def with_office(self, office: Office) -> Officeholder:
        """A copy with ``office`` replacing the block of the same suffix, or added."""
        offices = [o for o in self.offices if o.suffix != office.suffix]
        offices.append(office)
        offices.sort(key=lambda o: suffix_sort_key(o.suffix))
        return attrs.evolve(self, offices=offices)

    def without_office(self, suffix: str) -> Officeholder:
        """A copy without the block ``suffix`` (unchanged if there is none)."""
        return attrs.evolve(self, offices=(o for o in self.offices if o.suffix != suffix))

    def with_personal(self, personal: Personal) -> Officeholder:
        """A copy with ``personal`` as the personal data."""
        return attrs.evolve(self, personal=personal)
