"""Partial dates as infoboxes write them, read and written back exactly.

A :class:`PartialDate` is a year, a year and month, or a full date, together with the
style it was written in, so that ``str(parse_date(text)) == text`` for every text
:func:`parse_date` accepts. The styles:

============  ====================  ============================
style         example               short-month example
============  ====================  ============================
``dmy``       ``14 May 2017``       ``6 Nov 2017``
``mdy``       ``May 14, 2017``      ``Nov 6, 2017``
``my``        ``September 1985``    ``Sep 1985``
``iso``       ``2017-05-14``
``iso-month`` ``2017-05``
``year``      ``2017``
============  ====================  ============================

Anything else (``06 May 2017``, ``May 14 2017``, ``Sept. 1985``, ``c. 1900``, a value with
outer spaces) is not a date here: :func:`parse_date` returns ``None`` and the value stays
text. Days are checked against the month (proleptic Gregorian calendar, so ``29 February``
needs a leap year); years run from 1 to 9999.
"""

from __future__ import annotations

import calendar
import enum
import re
from typing import Any

import attrs

from wikiround.errors import ModelError

__all__ = ["DateStyle", "PartialDate", "format_date", "parse_date"]

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS: tuple[str, ...] = tuple(name[:3] for name in MONTHS)
_MONTH_NUMBER = {name: index for index, name in enumerate(MONTHS, start=1)}
_SHORT_NUMBER = {name: index for index, name in enumerate(SHORT_MONTHS, start=1)}


class DateStyle(str, enum.Enum):
    """How a date is written; see the table in the module docstring."""

    DMY = "dmy"
    MDY = "mdy"
    MY = "my"
    ISO = "iso"
    ISO_MONTH = "iso-month"
    YEAR = "year"

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``: what a date in this style holds."""
        if self in (DateStyle.DMY, DateStyle.MDY, DateStyle.ISO):
            return "day"
        if self in (DateStyle.MY, DateStyle.ISO_MONTH):
            return "month"
        return "year"

    @property
    def names_month(self) -> bool:
        """True when the style writes the month as a word."""
        return self in (DateStyle.DMY, DateStyle.MDY, DateStyle.MY)


def _int_field(field: str, low: int, high: int, *, optional: bool) -> Any:
    def validate(_instance: object, _attribute: object, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ModelError(field, f"must be an int from {low} to {high}, not {value!r}")

    return validate


def _to_style(value: object) -> DateStyle:
    try:
        return DateStyle(value)
    except ValueError:
        known = ", ".join(repr(style.value) for style in DateStyle)
        raise ModelError("PartialDate.style", f"{value!r} is not a style ({known})") from None


@attrs.frozen
class PartialDate:
    """A year, a year and month, or a full date, and the style it is written in.

    ``month`` and ``day`` are ``None`` exactly when the style does not hold them.
    ``short_month`` asks for ``Nov`` rather than ``November``; it is always ``False``
    for May (both spellings are ``May``) and for styles that write the month as digits.
    ``str(date)`` is :meth:`render`.
    """

    year: int = attrs.field(validator=_int_field("PartialDate.year", 1, 9999, optional=False))
    month: int | None = attrs.field(
        default=None,
        validator=_int_field("PartialDate.month", 1, 12, optional=True),
    )
    day: int | None = attrs.field(
        default=None,
        validator=_int_field("PartialDate.day", 1, 31, optional=True),
    )
    style: DateStyle = attrs.field(default=DateStyle.DMY, converter=_to_style)
    short_month: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        precision = self.style.precision
        if (self.month is None) != (precision == "year"):
            raise ModelError(
                "PartialDate.month",
                f"the style {self.style.value!r} "
                + ("has no month" if precision == "year" else "needs a month"),
            )
        if (self.day is None) != (precision != "day"):
            raise ModelError(
                "PartialDate.day",
                f"the style {self.style.value!r} "
                + ("needs a day" if precision == "day" else "has no day"),
            )
        if self.month is not None and self.day is not None:
            length = calendar.monthrange(self.year, self.month)[1]
            if self.day > length:
                raise ModelError(
                    "PartialDate.day",
                    f"{MONTHS[self.month - 1]} {self.year} has {length} days, not {self.day}",
                )
        if not isinstance(self.short_month, bool):
            raise ModelError("PartialDate.short_month", "must be a bool")
        if self.short_month and (self.month == 5 or not self.style.names_month):
            # One spelling, one value: keeps equality structural.
            object.__setattr__(self, "short_month", False)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return self.style.precision

    @property
    def day_first(self) -> bool:
        """True when the written style puts the day before the month (``dmy``)."""
        return self.style is DateStyle.DMY

    def key(self) -> tuple[int, int, int]:
        """``(year, month, day)`` with 0 for what the date does not hold."""
        return (self.year, self.month or 0, self.day or 0)

    def certainly_before(self, other: PartialDate) -> bool:
        """True when every day this date may stand for precedes every day of ``other``.

        Dates are compared at the coarser precision of the two: ``2017`` is not before
        ``14 May 2017``, and ``May 2017`` is not before ``14 May 2017``.
        """
        depth = min(_DEPTH[self.precision], _DEPTH[other.precision])
        return self.key()[:depth] < other.key()[:depth]

    def render(self) -> str:
        """The date written in its style."""
        year, month, day = self.year, self.month, self.day
        if self.style is DateStyle.YEAR:
            return str(year)
        assert month is not None
        if self.style is DateStyle.ISO_MONTH:
            return f"{year:04d}-{month:02d}"
        if self.style is DateStyle.ISO:
            return f"{year:04d}-{month:02d}-{day:02d}"
        word = (SHORT_MONTHS if self.short_month else MONTHS)[month - 1]
        if self.style is DateStyle.MY:
            return f"{word} {year}"
        if self.style is DateStyle.DMY:
            return f"{day} {word} {year}"
        return f"{word} {day}, {year}"

    def __str__(self) -> str:
        return self.render()


_DEPTH = {"year": 1, "month": 2, "day": 3}

_YEAR = "([1-9][0-9]{0,3})"
_DAY = "([1-9][0-9]?)"
_WORD = "([A-Z][a-z]{2,8})"
_PATTERNS: tuple[tuple[DateStyle, re.Pattern[str]], ...] = (
    (DateStyle.ISO, re.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)),
    (DateStyle.ISO_MONTH, re.compile("([0-9]{4})-([0-9]{2})", re.ASCII)),
    (DateStyle.YEAR, re.compile(_YEAR, re.ASCII)),
    (DateStyle.DMY, re.compile(f"{_DAY} {_WORD} {_YEAR}", re.ASCII)),
    (DateStyle.MDY, re.compile(f"{_WORD} {_DAY}, {_YEAR}", re.ASCII)),
    (DateStyle.MY, re.compile(f"{_WORD} {_YEAR}", re.ASCII)),
)


def _month(word: str) -> tuple[int, bool] | None:
    if word in _MONTH_NUMBER:
        return _MONTH_NUMBER[word], False
    if word in _SHORT_NUMBER:
        return _SHORT_NUMBER[word], True
    return None


def _build(style: DateStyle, groups: tuple[str, ...]) -> PartialDate:
    if style is DateStyle.YEAR:
        return PartialDate(int(groups[0]), style=style)
    if style in (DateStyle.ISO, DateStyle.ISO_MONTH):
        numbers = [int(group) for group in groups]
        return PartialDate(numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else None, style)
    if style is DateStyle.DMY:
        day, word, year = groups
    elif style is DateStyle.MDY:
        word, day, year = groups
    else:
        word, year = groups
        day = ""
    found = _month(word)
    if found is None:
        raise ModelError("PartialDate.month", f"{word!r} is not a month")
    month, short = found
    return PartialDate(int(year), month, int(day) if day else None, style, short_month=short)


def parse_date(text: str) -> PartialDate | None:
    """The date ``text`` writes in one of the supported styles, or ``None``.

    ``None`` also for impossible dates (``31 April 2017``, ``2017-13-01``) and year 0.
    Whenever a date is returned, ``str(date) == text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date() takes a str, not {type(text).__name__}")
    for style, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            date = _build(style, match.groups())
        except ModelError:
            return None
        # The patterns admit a few spellings render() would not give back ("0017").
        return date if date.render() == text else None
    return None


def format_date(year: int, month: int | None, day: int | None, *, day_first: bool) -> str:
    """Write a date the way an infobox shows it: ``22 August 1929`` or ``August 22, 1929``.

    ``day_first`` picks ``dmy`` over ``mdy`` for a full date; a year and month is
    ``August 1929`` and a year alone ``1929`` either way. Raises
    :class:`~wikiround.errors.ModelError` for a date that does not exist or a day
    without a month.
    """
    if month is None:
        if day is not None:
            raise ModelError("PartialDate.day", "a day needs a month")
        return PartialDate(year, style=DateStyle.YEAR).render()
    if day is None:
        return PartialDate(year, month, style=DateStyle.MY).render()
    style = DateStyle.DMY if day_first else DateStyle.MDY
    return PartialDate(year, month, day, style).render()
