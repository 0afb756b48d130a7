"""Dates as English Wikipedia's date templates display them.

``{{birth date|1929|8|22}}`` shows ``August 22, 1929``; with ``df=y`` it shows
``22 August 1929``. A month without a day shows ``August 1929``, a year alone ``1929``.
The formatting itself is :func:`wikiround.dates.format_date`; this module reads the
templates' arguments.
"""

from __future__ import annotations

import calendar
import re

from wikiround._text import php_trim
from wikiround.dates import MONTHS, format_date

__all__ = ["format_date", "is_set", "parse_date_parts", "year_of"]

_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({name[:3].lower(): number for number, name in enumerate(MONTHS, 1)})
_MONTH_NUMBER["sept"] = 9
_YEAR = re.compile(r"(?<![0-9])[0-9]{3,4}(?![0-9])")
_TRUE = frozenset({"y", "yes", "true", "1", "on"})


def is_set(flag: str | None) -> bool:
    """Whether a template flag such as ``df=yes`` is on."""
    return flag is not None and php_trim(flag).lower() in _TRUE


def _number(text: str) -> int | None:
    # Nine digits at most: no date needs more, and a number of thousands of digits is
    # beyond what Python converts (an error, not a date).
    text = php_trim(text)
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def parse_date_parts(
    parts: list[str],
) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` from a template's year, month and day arguments.

    The month may be a number or an English month name. None when the arguments do not
    make a calendar date (the template would show an error).
    """
    parts = [php_trim(part) for part in parts]
    while parts and not parts[-1]:
        parts.pop()
    if not parts or len(parts) > 3 or any(not part for part in parts):
        return None
    year = _number(parts[0])
    if year is None or not 1 <= year <= 9999:
        return None
    month: int | None = None
    day: int | None = None
    if len(parts) > 1:
        month = _number(parts[1])
        if month is None:
            month = _MONTH_NUMBER.get(parts[1].lower().rstrip("."))
        if month is None or not 1 <= month <= 12:
            return None
    if len(parts) > 2:
        day = _number(parts[2])
        if day is None or month is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
    return year, month, day


def year_of(text: str) -> str | None:
    """The year written in a displayed date (``June 21, 1940`` -> ``1940``), if any."""
    found = _YEAR.search(text)
    return found.group() if found else None
