"""The parameter catalogue of ``{{Infobox officeholder}}``.

One declarative table, :data:`CATALOGUE`, lists every parameter the template accepts, with
its aliases and where the name comes from: the December 2011 source of the template and of
its ``/Office`` and ``/Personal data`` subtemplates (revisions 466519179, 471470529 and
471470392 of English Wikipedia, CC BY-SA 3.0), or the template's current documentation.
Both conversion directions and the plain-text key mapping read it; nothing here does I/O.

Names the template builds dynamically in 2011 (``{{{term{{#if:…||_}}start}}}``) are listed
as the concrete names they can expand to. Office-block parameters are *numbered*: each
exists unnumbered and with a suffix ``0`` to ``16`` (``office``, ``office0`` … ``office16``),
and ``office`` and ``office1`` are two different offices. A few names carry a row number
*inside* the name (``1blankname2`` is row 1 of office block 2); their spec name holds the
placeholder ``{k}`` and :attr:`ParameterSpec.rows` lists its values.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator
from typing import NamedTuple

import attrs

__all__ = [
    "CATALOGUE",
    "OFFICEHOLDER_TEMPLATES",
    "OFFICE_SUFFIXES",
    "ROW",
    "SUFFIXES_2011",
    "Group",
    "ParameterMatch",
    "ParameterSpec",
    "Source",
    "exact_name",
    "is_officeholder_template",
    "known_names",
    "lookup",
    "suggest",
]


# Infobox officeholder and the templates that redirect to it or wrap it on English
# Wikipedia, case-folded (MediaWiki compares titles so but for the first letter; a
# reader who writes "Infobox us senator" means the same template).
OFFICEHOLDER_TEMPLATES = frozenset(
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


def is_officeholder_template(name: str) -> bool:
    """True when the template ``name`` (written with spaces, not ``_``) is Infobox
    officeholder or one of its redirects and wrappers."""
    return name.casefold() in OFFICEHOLDER_TEMPLATES


class Group(str, enum.Enum):
    """The part of the infobox a parameter belongs to."""

    HEADER = "header"
    OFFICE = "office"
    PERSONAL = "personal"
    MILITARY = "military"
    OTHER = "other"


class Source(str, enum.Enum):
    """Where a parameter name is attested."""

    TEMPLATE_2011 = "2011 template"
    OFFICE_2011 = "2011 /Office"
    PERSONAL_2011 = "2011 /Personal data"
    CURRENT = "current documentation"


#: Suffixes of a numbered parameter, as written: unnumbered first, then ``0`` … ``16``.
OFFICE_SUFFIXES: tuple[str, ...] = ("", *(str(n) for n in range(17)))
#: The suffixes the 2011 template itself had (no ``15`` or ``16`` yet).
SUFFIXES_2011: tuple[str, ...] = ("", *(str(n) for n in range(15)))
#: Placeholder for a row number inside a name, e.g. ``{k}blankname``.
ROW = "{k}"
_ROWS_1_TO_5 = ("1", "2", "3", "4", "5")


def _default_suffixes(spec: ParameterSpec) -> tuple[str, ...]:
    return OFFICE_SUFFIXES if spec.numbered else ("",)


@attrs.frozen
class ParameterSpec:
    """One field of the infobox and every name the template accepts for it.

    ``name`` is the canonical (current) name, unnumbered. ``aliases`` are the other names of
    the same field; ``alias_sources`` says where each alias comes from. ``precedence`` lists
    the names in the order the template consults them (the first one set wins) when the
    source says so, and is empty otherwise. ``suffixes`` are the number suffixes the
    parameter exists with; ``rows`` the values of ``{k}`` for names that contain it.
    """

    name: str
    group: Group
    source: Source
    aliases: tuple[str, ...] = ()
    alias_sources: tuple[Source, ...] = ()
    numbered: bool = False
    precedence: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = attrs.field(
        default=attrs.Factory(_default_suffixes, takes_self=True)
    )
    note: str = ""

    def __attrs_post_init__(self) -> None:
        # The table is hand-written: catch slips at import rather than in a converter.
        if len(self.aliases) != len(self.alias_sources):
            raise ValueError(f"{self.name}: one source per alias is needed")
        if set(self.precedence) - set(self.names):
            raise ValueError(f"{self.name}: precedence names a name the spec lacks")
        if any((ROW in n) != bool(self.rows) for n in self.names):
            raise ValueError(f"{self.name}: rows and the {ROW} placeholder go together")

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases, unnumbered."""
        return (self.name, *self.aliases)

    @property
    def winner(self) -> str | None:
        """The name whose value the template uses when several are set, if known."""
        return self.precedence[0] if self.precedence else None

    def source_of(self, name: str) -> Source:
        """Where ``name`` (the canonical name or an alias, unnumbered) comes from."""
        if name == self.name:
            return self.source
        return self.alias_sources[self.aliases.index(name)]

    def concrete(self, suffix: str = "", row: str = "", *, alias: str | None = None) -> str:
        """The concrete name for a suffix and row, canonical unless ``alias`` is given."""
        base = self.name if alias is None else alias
        return base.replace(ROW, row) + suffix

    def expand(self) -> Iterator[tuple[str, str, str, str]]:
        """Every concrete name as ``(concrete, base, suffix, row)``."""
        for base in self.names:
            for row in self.rows or ("",):
                for suffix in self.suffixes:
                    yield base.replace(ROW, row) + suffix, base, suffix, row


@attrs.frozen
class ParameterMatch:
    """What :func:`lookup` found for a concrete parameter name.

    ``base`` is the unnumbered name that matched (an alias or the canonical name, with the
    ``{k}`` placeholder if any); ``suffix`` the number suffix exactly as written (``""``,
    ``"0"`` … ``"16"``); ``row`` the number standing for ``{k}``, else ``""``.
    """

    spec: ParameterSpec
    base: str
    suffix: str
    row: str
    is_alias: bool

    @property
    def canonical(self) -> str:
        """The same parameter under its canonical name (``termstart2`` -> ``term_start2``)."""
        return self.spec.concrete(self.suffix, self.row)


_G = Group
_S = Source
_T = Source.TEMPLATE_2011

# One entry per field, kept dense so the table reads as a table.
# fmt: off
CATALOGUE: tuple[ParameterSpec, ...] = (
    # --- header -------------------------------------------------------------------------
    ParameterSpec("name", _G.HEADER, _T, note="The 2011 template defaults it to the page name."),
    ParameterSpec(
        "honorific_prefix", _G.HEADER, _S.CURRENT, aliases=("honorific-prefix",),
        alias_sources=(_T,),
    ),
    ParameterSpec(
        "honorific_suffix", _G.HEADER, _S.CURRENT, aliases=("honorific-suffix",),
        alias_sources=(_T,),
    ),
    ParameterSpec("native_name", _G.HEADER, _T),
    ParameterSpec("native_name_lang", _G.HEADER, _T),
    ParameterSpec(
        "image", _G.HEADER, _T, aliases=("image name",), alias_sources=(_T,),
        note="The 2011 template renders two images when both names are set.",
    ),
    ParameterSpec(
        "image_size", _G.HEADER, _T, aliases=("imagesize", "width"), alias_sources=(_T, _T),
        precedence=("width", "imagesize", "image_size"),
    ),
    ParameterSpec("smallimage", _G.HEADER, _T, note="An image shown without a size."),
    ParameterSpec("alt", _G.HEADER, _T),
    ParameterSpec("caption", _G.HEADER, _T),
    ParameterSpec(
        "pronunciation", _G.HEADER, _S.PERSONAL_2011,
        note="The 2011 template only adds a tracking category for it and never passes it on"
        " to /Personal data, which would render it.",
    ),
    # --- office blocks ------------------------------------------------------------------
    ParameterSpec("order", _G.OFFICE, _T, numbered=True),
    ParameterSpec("office", _G.OFFICE, _T, numbered=True),
    ParameterSpec("title", _G.OFFICE, _T, numbered=True),
    ParameterSpec("status", _G.OFFICE, _S.CURRENT, numbered=True),
    ParameterSpec(
        "term_start", _G.OFFICE, _T, aliases=("termstart",), alias_sources=(_T,),
        numbered=True, precedence=("termstart", "term_start"),
    ),
    ParameterSpec(
        "term_end", _G.OFFICE, _T, aliases=("termend",), alias_sources=(_T,),
        numbered=True, precedence=("termend", "term_end"),
    ),
    ParameterSpec(
        "term", _G.OFFICE, _T, numbered=True,
        note="Free-text term, shown by the 2011 template before the dates.",
    ),
    ParameterSpec("subterm", _G.OFFICE, _S.CURRENT, numbered=True),
    ParameterSpec("suboffice", _G.OFFICE, _S.CURRENT, numbered=True),
    ParameterSpec("alongside", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "co-leader", _G.OFFICE, _T, numbered=True,
        note="Shown as 'Co-leading with' only when alongside is empty.",
    ),
    ParameterSpec("monarch", _G.OFFICE, _T, numbered=True),
    ParameterSpec("president", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "vicepresident", _G.OFFICE, _T, aliases=("vice_president",),
        alias_sources=(_S.CURRENT,), numbered=True,
    ),
    ParameterSpec(
        "primeminister", _G.OFFICE, _T, aliases=("prime_minister",),
        alias_sources=(_S.CURRENT,), numbered=True,
    ),
    ParameterSpec("viceprimeminister", _G.OFFICE, _T, numbered=True),
    ParameterSpec("premier", _G.OFFICE, _T, numbered=True),
    ParameterSpec("vicepremier", _G.OFFICE, _T, numbered=True),
    ParameterSpec("chancellor", _G.OFFICE, _T, numbered=True),
    ParameterSpec("taoiseach", _G.OFFICE, _T, numbered=True),
    ParameterSpec("firstminister", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "chiefminister", _G.OFFICE, _S.OFFICE_2011, numbered=True,
        note="/Office renders it, but the 2011 template never passes it on.",
    ),
    ParameterSpec(
        "governor_general", _G.OFFICE, _T, aliases=("governor-general",),
        alias_sources=(_T,), numbered=True, precedence=("governor-general", "governor_general"),
    ),
    ParameterSpec("governor", _G.OFFICE, _T, numbered=True),
    ParameterSpec("vicegovernor", _G.OFFICE, _T, numbered=True),
    ParameterSpec("lieutenant_governor", _G.OFFICE, _T, numbered=True),
    ParameterSpec("minister", _G.OFFICE, _T, numbered=True),
    ParameterSpec("deputy", _G.OFFICE, _T, numbered=True),
    ParameterSpec("lieutenant", _G.OFFICE, _T, numbered=True),
    ParameterSpec("leader", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "appointer", _G.OFFICE, _T, aliases=("appointed",), alias_sources=(_T,),
        numbered=True, precedence=("appointer", "appointed"),
    ),
    ParameterSpec("nominator", _G.OFFICE, _T, numbered=True),
    ParameterSpec("constituency", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "constituency_AM", _G.OFFICE, _T, numbered=True,
        note="Assembly Member; when set, constituency_MP of the same block is ignored.",
    ),
    ParameterSpec("constituency_MP", _G.OFFICE, _T, numbered=True, note="Member of Parliament."),
    ParameterSpec("riding", _G.OFFICE, _T, numbered=True),
    ParameterSpec("parliament", _G.OFFICE, _T, numbered=True),
    ParameterSpec("assembly", _G.OFFICE, _T, numbered=True),
    ParameterSpec("legislature", _G.OFFICE, _T, numbered=True),
    ParameterSpec("district", _G.OFFICE, _T, numbered=True),
    ParameterSpec("state", _G.OFFICE, _T, numbered=True),
    ParameterSpec("state_senate", _G.OFFICE, _T, numbered=True),
    ParameterSpec("state_house", _G.OFFICE, _T, numbered=True),
    ParameterSpec("state_delegate", _G.OFFICE, _T, numbered=True),
    ParameterSpec("state_assembly", _G.OFFICE, _T, numbered=True),
    ParameterSpec("state_legislature", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "jr/sr", _G.OFFICE, _T, numbered=True,
        note="U.S. senator; the 2011 template tests it but no longer displays its value.",
    ),
    ParameterSpec("jr/sr and state", _G.OFFICE, _T, numbered=True),
    ParameterSpec("majority", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "majority_leader", _G.OFFICE, _T, aliases=("majorityleader",), alias_sources=(_T,),
        numbered=True, precedence=("majorityleader", "majority_leader"),
    ),
    ParameterSpec(
        "minority_leader", _G.OFFICE, _T, aliases=("minorityleader",), alias_sources=(_T,),
        numbered=True, precedence=("minorityleader", "minority_leader"),
    ),
    ParameterSpec("majority_floor_leader", _G.OFFICE, _T, numbered=True),
    ParameterSpec("minority_floor_leader", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "ambassador_from", _G.OFFICE, _T, numbered=True,
        note="When set, the block's header uses it instead of minister_from.",
    ),
    ParameterSpec("minister_from", _G.OFFICE, _T, numbered=True),
    ParameterSpec("country", _G.OFFICE, _T, numbered=True),
    ParameterSpec("parliamentary_group", _G.OFFICE, _S.CURRENT, numbered=True),
    ParameterSpec(
        "predecessor", _G.OFFICE, _T, aliases=("preceded",), alias_sources=(_T,),
        numbered=True, precedence=("predecessor", "preceded"),
    ),
    ParameterSpec(
        "successor", _G.OFFICE, _T, aliases=("succeeded",), alias_sources=(_T,),
        numbered=True, precedence=("successor", "succeeded"),
    ),
    ParameterSpec("preceding", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "succeeding", _G.OFFICE, _T, numbered=True,
        note="Makes the block an '-elect' block ('Taking office').",
    ),
    ParameterSpec("prior_term", _G.OFFICE, _T, numbered=True),
    ParameterSpec(
        "{k}blankname", _G.OFFICE, _T, numbered=True, rows=_ROWS_1_TO_5,
        note="Label of a free row of the block; its value is {k}namedata.",
    ),
    ParameterSpec("{k}namedata", _G.OFFICE, _T, numbered=True, rows=_ROWS_1_TO_5),
    # --- candidates, speakers and other special blocks ----------------------------------
    ParameterSpec(
        "candidate", _G.OTHER, _T,
        note="Turns the infobox into a candidate's; nominee wins when both are set.",
    ),
    ParameterSpec("nominee", _G.OTHER, _T),
    ParameterSpec(
        "party_election", _G.OTHER, _T,
        note="Shown instead of party in the candidate header.",
    ),
    ParameterSpec("election_date", _G.OTHER, _T),
    ParameterSpec("runningmate", _G.OTHER, _T),
    ParameterSpec("opponent", _G.OTHER, _T),
    ParameterSpec("incumbent", _G.OTHER, _T),
    ParameterSpec(
        "speaker", _G.OTHER, _T,
        note="When set, the 2011 template renders office block 2 first, as the speakership.",
    ),
    ParameterSpec("speaker_office", _G.OTHER, _T),
    ParameterSpec(
        "peerage", _G.OTHER, _T, numbered=True, suffixes=("2",),
        note="Only peerage2 exists; the 2011 template passes it to /Office, which ignores it.",
    ),
    ParameterSpec("bodyclass", _G.OTHER, _T, note="CSS class of the infobox table."),
    ParameterSpec("mainwidth", _G.OTHER, _T, note="Width of the infobox table."),
    ParameterSpec("footnotes", _G.OTHER, _T),
    ParameterSpec("date", _G.OTHER, _T, note="'As of' date of the data."),
    ParameterSpec("year", _G.OTHER, _T),
    ParameterSpec("source", _G.OTHER, _T),
    # --- personal data ------------------------------------------------------------------
    ParameterSpec(
        "birth_name", _G.PERSONAL, _T, aliases=("birthname",), alias_sources=(_T,),
        precedence=("birth_name", "birthname"),
    ),
    ParameterSpec("birth_date", _G.PERSONAL, _T),
    ParameterSpec("birth_place", _G.PERSONAL, _T),
    ParameterSpec("death_date", _G.PERSONAL, _T),
    ParameterSpec("death_place", _G.PERSONAL, _T),
    ParameterSpec("death_cause", _G.PERSONAL, _S.CURRENT),
    ParameterSpec(
        "resting_place", _G.PERSONAL, _T, aliases=("restingplace",), alias_sources=(_T,),
        precedence=("resting_place", "restingplace"),
    ),
    ParameterSpec(
        "resting_place_coordinates", _G.PERSONAL, _T, aliases=("restingplacecoordinates",),
        alias_sources=(_T,), precedence=("resting_place_coordinates", "restingplacecoordinates"),
    ),
    ParameterSpec("citizenship", _G.PERSONAL, _T),
    ParameterSpec("nationality", _G.PERSONAL, _T),
    ParameterSpec(
        "party", _G.PERSONAL, _T,
        note="Not numbered: the 2011 template hands the same party to every office block.",
    ),
    ParameterSpec(
        "otherparty", _G.PERSONAL, _T, aliases=("other_party",), alias_sources=(_S.CURRENT,)
    ),
    ParameterSpec("spouse", _G.PERSONAL, _T),
    ParameterSpec("partner", _G.PERSONAL, _T),
    ParameterSpec("relations", _G.PERSONAL, _T),
    ParameterSpec("relatives", _G.PERSONAL, _S.CURRENT),
    ParameterSpec("children", _G.PERSONAL, _T),
    ParameterSpec("parents", _G.PERSONAL, _S.CURRENT),
    ParameterSpec("residence", _G.PERSONAL, _T),
    ParameterSpec("education", _G.PERSONAL, _S.CURRENT),
    ParameterSpec("alma_mater", _G.PERSONAL, _T),
    ParameterSpec("occupation", _G.PERSONAL, _T),
    ParameterSpec("profession", _G.PERSONAL, _T),
    ParameterSpec("known_for", _G.PERSONAL, _S.CURRENT),
    ParameterSpec("cabinet", _G.PERSONAL, _T),
    ParameterSpec("committees", _G.PERSONAL, _T),
    ParameterSpec("portfolio", _G.PERSONAL, _T),
    ParameterSpec("religion", _G.PERSONAL, _T),
    ParameterSpec(
        "awards", _G.PERSONAL, _T,
        note="The 2011 template shows it in the military service section.",
    ),
    ParameterSpec("signature", _G.PERSONAL, _T),
    ParameterSpec("signature_alt", _G.PERSONAL, _T),
    ParameterSpec("website", _G.PERSONAL, _T),
    ParameterSpec("nickname", _G.PERSONAL, _T),
    ParameterSpec(
        "blank{k}", _G.PERSONAL, _T, rows=_ROWS_1_TO_5,
        note="Label of a free personal row; its value is data{k}.",
    ),
    ParameterSpec("data{k}", _G.PERSONAL, _T, rows=_ROWS_1_TO_5),
    # --- military service ---------------------------------------------------------------
    ParameterSpec("allegiance", _G.MILITARY, _T),
    ParameterSpec("branch", _G.MILITARY, _T),
    ParameterSpec("serviceyears", _G.MILITARY, _T),
    ParameterSpec("rank", _G.MILITARY, _T),
    ParameterSpec("unit", _G.MILITARY, _T),
    ParameterSpec("commands", _G.MILITARY, _T),
    ParameterSpec("battles", _G.MILITARY, _T),
    ParameterSpec(
        "mawards", _G.MILITARY, _S.CURRENT,
        note="Military awards; real articles use it next to awards.",
    ),
    ParameterSpec(
        "military_blank{k}", _G.MILITARY, _T, rows=_ROWS_1_TO_5,
        note="Label of a free military row; its value is military_data{k}.",
    ),
    ParameterSpec("military_data{k}", _G.MILITARY, _T, rows=_ROWS_1_TO_5),
)
# fmt: on


def _fold(name: str) -> str:
    # MediaWiki parameter names are exact; folding only serves loose matching of keys.
    return name.lower().replace(" ", "_")


class _Names(NamedTuple):
    known: frozenset[str]
    sorted_known: tuple[str, ...]
    folded: dict[str, str]


@functools.cache
def _names() -> _Names:
    """Every concrete name, built on first use (not at import: a program that never
    looks a parameter up does not pay for expanding ~1,600 names)."""
    names: set[str] = set()
    for spec in CATALOGUE:
        for name, _, _, _ in spec.expand():
            if name in names:
                raise ValueError(f"{name!r} is listed twice in the catalogue")
            names.add(name)
    known = frozenset(names)
    sorted_known = tuple(sorted(known))
    folded: dict[str, str] = {}
    for name in sorted_known:
        if folded.setdefault(_fold(name), name) != name:
            raise ValueError(f"{name!r} differs from another name only by case or '_' vs ' '")
    return _Names(known, sorted_known, folded)


@functools.cache
def _entries() -> dict[str, ParameterMatch]:
    """Every concrete name's entry, built apart from the names: reading plain-text keys
    needs only the names."""
    return {
        concrete: ParameterMatch(spec, base, suffix, row, base != spec.name)
        for spec in CATALOGUE
        for concrete, base, suffix, row in spec.expand()
    }


def lookup(param_name: str) -> ParameterMatch | None:
    """The catalogue entry for a concrete name as written, or None if the template lacks it.

    Matching is exact, as in MediaWiki: ``Term_start`` and ``term start`` are not found.
    MediaWiki trims the whitespace around a parameter name; pass the trimmed name.
    """
    return _entries().get(param_name)


def known_names() -> frozenset[str]:
    """Every concrete name: all aliases, rows and suffixes expanded."""
    return _names().known


def exact_name(loose: str) -> str | None:
    """The template's spelling of a name written in any case with ``_`` or spaces.

    ``exact_name("Constituency Am2")`` is ``"constituency_AM2"``; ``exact_name("jr/sr_and
    state")`` is ``"jr/sr and state"``. None when no known name folds the same way.
    """
    return _names().folded.get(_fold(loose))


def suggest(param_name: str) -> str | None:
    """A known name that ``param_name`` is probably a misspelling of, or None.

    Known names get no suggestion. Case and ``_``/space slips are matched exactly first;
    then the closest known name by :mod:`difflib` ratio, if it reaches 0.8.
    """
    tables = _names()
    if param_name in tables.known:
        return None
    folded = tables.folded.get(_fold(param_name))
    if folded is not None:
        return folded
    import difflib  # here: only suggestions need it, and it is slow to import

    close = difflib.get_close_matches(param_name, tables.sorted_known, n=1, cutoff=0.8)
    return close[0] if close else None
