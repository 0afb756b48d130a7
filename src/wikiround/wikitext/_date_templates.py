"""Date values written as Wikipedia's date templates, and read back as the same text.

With ``render_wikitext(…, date_templates=True)`` a date parameter whose value is a date
in a style a template displays the same way is written as that template:

=====================  =============================================  ==================
parameter              template                                       shows
=====================  =============================================  ==================
``term_startN``        ``{{Start date|2017|5|14|df=y}}``              ``14 May 2017``
``term_endN``          ``{{End date|2017|5|14}}``                     ``May 14, 2017``
``birth_date``         ``{{Birth date and age|1929|8|22|df=y}}``      ``22 August 1929``
                       (``{{Birth date|…}}`` when ``death_date`` is
                       set)
``death_date``         ``{{Death date and age|1999|3|4|1929|8|22}}``  ``March 4, 1999``
                       (``{{Death date|…}}`` without a full
                       ``birth_date``)
=====================  =============================================  ==================

``df=y`` is written for the ``dmy`` style and left out for ``mdy``. Term dates may be
partial (``{{Start date|1985|9}}`` shows ``September 1985``, ``{{Start date|1985}}``
``1985``); birth and death dates must be full. ISO dates and short month names
(``6 Nov 2017``) stay text, since no template shows them as written. The strict reader
accepts exactly these forms and gives back the text the template shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from wikiround._text import php_trim
from wikiround.catalogue import lookup
from wikiround.dates import DateStyle, PartialDate, parse_date

__all__ = ["TEMPLATE_NAMES", "date_template", "read_date_template"]

TEMPLATE_NAMES = frozenset(
    (
        "Start date",
        "End date",
        "Birth date",
        "Birth date and age",
        "Death date",
        "Death date and age",
    )
)
_TERM_TEMPLATE = {"term_start": "Start date", "term_end": "End date"}
_TEMPLATED_STYLES = (DateStyle.DMY, DateStyle.MDY, DateStyle.MY, DateStyle.YEAR)


def _numbers(date: PartialDate) -> list[str]:
    return [str(n) for n in (date.year, date.month, date.day) if n is not None]


def _call(name: str, numbers: list[str], date: PartialDate) -> str:
    df = ["df=y"] if date.style is DateStyle.DMY else []
    return "{{" + "|".join([name, *numbers, *df]) + "}}"


def _full(text: str | None) -> PartialDate | None:
    date = None if text is None else parse_date(text)
    return date if date is not None and date.precision == "day" else None


def date_template(name: str, value: str, infobox: Mapping[str, str]) -> str | None:
    """The template to write for parameter ``name`` holding ``value``, or None for text.

    ``infobox`` maps the infobox's other parameter names to their values (a birth date
    needs to know whether there is a death date, a death date needs the birth date).
    """
    match = lookup(name)
    if match is None:
        return None
    date = parse_date(value)
    if date is None or date.short_month or date.style not in _TEMPLATED_STYLES:
        return None
    field = match.spec.name
    if field in _TERM_TEMPLATE:
        return _call(_TERM_TEMPLATE[field], _numbers(date), date)
    if date.precision != "day":
        return None
    if field == "birth_date":
        # Given unless {{#if:}} would call it empty (it trims with PHP's trim()).
        death = php_trim(infobox.get("death_date", ""))
        return _call("Birth date" if death else "Birth date and age", _numbers(date), date)
    if field == "death_date":
        birth = _full(infobox.get("birth_date"))
        if birth is None:
            return _call("Death date", _numbers(date), date)
        return _call("Death date and age", _numbers(date) + _numbers(birth), date)
    return None


def read_date_template(name: str, arguments: list[tuple[str | None, str]]) -> str | None:
    """The text a template written by :func:`date_template` shows, or None if it is not one.

    ``arguments`` are ``(name, value)`` pairs, ``name`` None for a positional one, exactly
    as written. Only the writer's own spelling is accepted.
    """
    if name not in TEMPLATE_NAMES:
        return None
    df = arguments[-1:] == [("df", "y")]
    positional = arguments[:-1] if df else arguments
    if any(key is not None for key, _ in positional):
        return None
    numbers = [value for _, value in positional]
    # Years have at most four digits, months and days two: a longer number is no date.
    if not all(
        n.isascii() and n.isdigit() and not n.startswith("0") and len(n) <= 4 for n in numbers
    ):
        return None
    own = numbers[:3]
    if name == "Death date and age":
        if len(numbers) != 6 or _from_numbers(numbers[3:], True) is None:
            return None
    elif len(numbers) > 3:
        return None
    date = _from_numbers(own, df)
    if date is None:
        return None
    if name not in ("Start date", "End date") and date.precision != "day":
        return None
    if df and date.style is not DateStyle.DMY:
        return None
    return date.render()


def _from_numbers(numbers: list[str], day_first: bool) -> PartialDate | None:
    if not 1 <= len(numbers) <= 3:
        return None
    values = [int(n) for n in numbers]
    year, month, day = values[0], values[1] if len(values) > 1 else None, None
    if len(values) == 3:
        day = values[2]
    style = {1: DateStyle.YEAR, 2: DateStyle.MY}.get(
        len(values), DateStyle.DMY if day_first else DateStyle.MDY
    )
    try:
        return PartialDate(year, month, day, style)
    except ValueError:
        return None
