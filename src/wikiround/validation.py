"""Checks on an officeholder infobox, as Wikipedia's tracking modules and editors make them.

:func:`check` returns warnings, never raises on a doubtful infobox: the model holds any
parameter, and whether ``heaadstyle`` is a slip is the editor's call. The codes:

``unknown-parameter``
    The template has no parameter of that name (what ``Module:Check for unknown
    parameters`` reports); ``suggestion`` is the name it probably stands for.
``duplicate-parameter``
    A name given twice; MediaWiki keeps only the last value. The model cannot hold this
    (both readers refuse it), so only :func:`check_parameters` on raw pairs reports it.
``no-office``
    A numbered office block with nothing that gives it a heading (``officeN``, ``orderN``,
    ``titleN``, or the senator, representative, MP, ambassador and leader parameters the
    template builds a heading from); its rows show up under the block above.
``term-end-before-start``
    ``term_endN`` is a date certainly before ``term_startN``.
``death-before-birth``
    ``death_date`` is a date certainly before ``birth_date``.
``alias-conflict``
    A parameter and its alias (``term_start2`` and ``termstart2``) are both set; the
    template reads only one of them.
``unknown-infobox``
    The infobox is not Infobox officeholder nor one of its redirects, so the catalogue
    says nothing about its parameters: this one warning replaces all others.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wikiround._mediawiki import template_title
from wikiround._text import php_trim
from wikiround.catalogue import Group, ParameterMatch, is_officeholder_template, lookup, suggest
from wikiround.dates import PartialDate, parse_date
from wikiround.model import Article, Infobox
from wikiround.officeholder import Officeholder

__all__ = ["CODES", "CheckWarning", "check", "check_parameters"]

CODES: tuple[str, ...] = (
    "unknown-parameter",
    "duplicate-parameter",
    "no-office",
    "term-end-before-start",
    "death-before-birth",
    "alias-conflict",
    "unknown-infobox",
)

# Unnumbered office fields from which the 2011 /Office subtemplate builds a block heading.
_HEADING_FIELDS = frozenset(
    {
        "office",
        "order",
        "title",
        "jr/sr",
        "jr/sr and state",
        "state_senate",
        "state_legislature",
        "constituency_AM",
        "constituency_MP",
        "riding",
        "district",
        "ambassador_from",
        "minister_from",
        "majority_leader",
        "minority_leader",
        "majority_floor_leader",
        "minority_floor_leader",
    }
)


@attrs.frozen
class CheckWarning:
    """One finding: its ``code`` (see :data:`CODES`), the parameter it is about, a message
    for people and, where there is one, the name to use instead."""

    code: str
    parameter: str | None
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        return self.message


def check(target: Article | Infobox | Officeholder) -> tuple[CheckWarning, ...]:
    """Check the officeholder infobox of ``target``; an article without one gives ``()``."""
    if not isinstance(target, (Article, Infobox, Officeholder)):
        kind = type(target).__name__
        raise TypeError(f"check() takes an Article, Infobox or Officeholder, not {kind}")
    if isinstance(target, Article):
        if target.infobox is None:
            return ()
        target = target.infobox
    if isinstance(target, Officeholder):
        target = target.to_infobox()
    if not _is_officeholder(target.template):
        message = (
            f"{{{{{target.template}}}}} is not Infobox officeholder nor one of its redirects; "
            "its parameters are not checked"
        )
        return (CheckWarning("unknown-infobox", None, message),)
    pairs = [(parameter.name, parameter.value) for parameter in target.parameters]
    if target.name is not None:
        pairs.insert(0, ("name", target.name))
    return check_parameters(pairs)


def _is_officeholder(template: str) -> bool:
    return is_officeholder_template(template_title(template))


def check_parameters(pairs: Iterable[tuple[str, str]]) -> tuple[CheckWarning, ...]:
    """Check ``(name, value)`` pairs as written in a template call, repeats included."""
    warnings: list[CheckWarning] = []
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            warnings.append(
                CheckWarning(
                    "duplicate-parameter",
                    name,
                    f"parameter {name!r} is given twice; MediaWiki keeps only the last value",
                )
            )
        values[name] = value
    matches: dict[str, ParameterMatch] = {}
    for name in values:
        match = lookup(name)
        if match is None:
            hint = suggest(name)
            message = f"unknown parameter {name!r}"
            if hint is not None:
                message += f"; did you mean {hint!r}?"
            warnings.append(CheckWarning("unknown-parameter", name, message, hint))
        else:
            matches[name] = match
    warnings.extend(_alias_conflicts(values, matches))
    warnings.extend(_office_blocks(values, matches))
    warnings.extend(_date_order(values, matches))
    return tuple(warnings)


def _set(value: str | None) -> bool:
    # As {{#if:}} in the template tests it: PHP's trim(), so U+00A0 alone is a value.
    return value is not None and php_trim(value) != ""


def _alias_conflicts(
    values: dict[str, str], matches: dict[str, ParameterMatch]
) -> Iterable[CheckWarning]:
    fields: dict[tuple[str, str, str], list[str]] = {}
    for name, match in matches.items():
        if _set(values[name]):
            fields.setdefault((match.spec.name, match.suffix, match.row), []).append(name)
    for names in fields.values():
        if len(names) < 2:
            continue
        spec = matches[names[0]].spec
        winner = next(
            (name for base in spec.precedence for name in names if matches[name].base == base),
            None,
        )
        for name in names:
            if name == winner:
                continue
            twins = ", ".join(repr(n) for n in names if n != name)
            if winner is not None:
                reads = f"the template reads only {winner!r}"
            else:
                reads = "the template reads only one of them"
            yield CheckWarning(
                "alias-conflict", name, f"{name!r} and {twins} are the same field; {reads}", winner
            )


def _office_blocks(
    values: dict[str, str], matches: dict[str, ParameterMatch]
) -> Iterable[CheckWarning]:
    blocks: dict[str, list[str]] = {}
    for name, match in matches.items():
        if match.spec.group is Group.OFFICE:
            blocks.setdefault(match.suffix, []).append(name)
    for suffix, names in blocks.items():
        if suffix == "":
            continue
        if any(matches[name].spec.name in _HEADING_FIELDS and _set(values[name]) for name in names):
            continue
        yield CheckWarning(
            "no-office",
            names[0],
            f"office block {suffix} has no office{suffix} (nor another parameter that gives "
            f"the block a heading); its rows show up under the block above",
            f"office{suffix}",
        )


def _date_of(
    values: dict[str, str], matches: dict[str, ParameterMatch], field: str, suffix: str
) -> tuple[str, PartialDate] | None:
    # The spelling the template reads wins, as in Office.get.
    candidates = [n for n, m in matches.items() if m.spec.name == field and m.suffix == suffix]
    if not candidates:
        return None
    spec = matches[candidates[0]].spec
    order = spec.precedence or spec.names
    candidates.sort(key=lambda n: order.index(matches[n].base))
    name = candidates[0]
    date = parse_date(values[name])
    return None if date is None else (name, date)


def _date_order(
    values: dict[str, str], matches: dict[str, ParameterMatch]
) -> Iterable[CheckWarning]:
    suffixes = sorted(
        {m.suffix for m in matches.values() if m.spec.name == "term_end"},
        key=lambda s: (s != "", int(s) if s else 0),
    )
    for suffix in suffixes:
        start = _date_of(values, matches, "term_start", suffix)
        end = _date_of(values, matches, "term_end", suffix)
        if start and end and end[1].certainly_before(start[1]):
            yield CheckWarning(
                "term-end-before-start",
                end[0],
                f"{end[0]} ({end[1]}) is before {start[0]} ({start[1]})",
            )
    birth = _date_of(values, matches, "birth_date", "")
    death = _date_of(values, matches, "death_date", "")
    if birth and death and death[1].certainly_before(birth[1]):
        yield CheckWarning(
            "death-before-birth",
            death[0],
            f"{death[0]} ({death[1]}) is before {birth[0]} ({birth[1]})",
        )
