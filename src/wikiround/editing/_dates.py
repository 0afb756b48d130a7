"""Date templates: rewritten as the same template showing the new date."""

from __future__ import annotations

from wikiround._text import PHP_TRIMMED, php_trim
from wikiround.dates import DateStyle, parse_date
from wikiround.lossy._dates import is_set
from wikiround.lossy._templates import handler_for, template_key
from wikiround.lossy._tree import Node, Parameter, Template

__all__ = [
    "DATE_HANDLER",
    "QUOTE_HANDLER",
    "ROLES",
    "date_numbers",
    "date_tuple",
    "other_dates",
    "rewrite_date",
    "rewrite_numbers",
]


# The lossy reader shows every date template with one handler; they share its arguments.
DATE_HANDLER = handler_for("start date")
# ... and every quotation template with another.
QUOTE_HANDLER = handler_for("quote")


def rewrite_date(source: str, node: Node | None, replacement: str) -> str | None:
    """The date template ``node`` (written in ``source``) rewritten to show
    ``replacement``, its other arguments as they were; None when it is not one or
    cannot show that date."""
    if not isinstance(node, Template) or DATE_HANDLER is None:
        return None
    raw_name = "".join(part for part in node.name.nodes if isinstance(part, str))
    key = template_key(raw_name)[0]
    if handler_for(key) is not DATE_HANDLER:
        return None
    date = parse_date(replacement)
    if date is None or date.short_month:
        return None
    positional = [param for param in node.params if param.name is None]
    if len(positional) < 1:
        return None
    numbers = [str(n) for n in (date.year, date.month, date.day) if n is not None]
    pieces: list[str] = []
    cursor = node.start
    written = positional[:3]
    for index, param in enumerate(written):
        if index < len(numbers):
            value = param.value
            stripped = source[value.start : value.end]
            lead = len(stripped) - len(stripped.lstrip(PHP_TRIMMED))
            trail = len(stripped.rstrip(PHP_TRIMMED))
            pieces.append(source[cursor : value.start + lead])
            pieces.append(numbers[index])
            cursor = value.start + max(trail, lead)
        else:
            pieces.append(source[cursor : param.value.start - 1])
            cursor = param.value.end
    if len(numbers) > len(written):
        last_end = written[-1].value.end
        pieces.append(source[cursor:last_end])
        pieces.append("".join("|" + n for n in numbers[len(written) :]))
        cursor = last_end
    pieces.append(source[cursor : node.end])
    rewritten = "".join(pieces)
    if date.style not in (DateStyle.DMY, DateStyle.MDY, DateStyle.MY, DateStyle.YEAR):
        return None
    # The template shows a full date day first only with df=y (and no mf=y).
    flags = {
        php_trim(param.name.source).lower(): source[param.value.start : param.value.end]
        for param in node.params
        if param.name is not None
    }
    day_first = is_set(flags.get("df")) and not is_set(flags.get("mf"))
    if date.day is not None and (date.style is DateStyle.DMY) != day_first:
        return None
    return rewritten


# Age templates that hold a second date besides the one they show, by the date's role:
# the argument numbers of its year, month and day.
_DEATH_AND_BIRTH: dict[str, tuple[int, ...]] = {"death": (1, 2, 3), "birth": (4, 5, 6)}
_AGE_TEMPLATES: dict[str, dict[str, tuple[int, ...]]] = {
    "death date and age": _DEATH_AND_BIRTH,
    "dda": _DEATH_AND_BIRTH,
    "death-date and age": _DEATH_AND_BIRTH,
    "deathdateandage": _DEATH_AND_BIRTH,
    "death year and age": {"death": (1,), "birth": (2,)},
}
# The infobox parameters that hold each role's date.
ROLES = {"birth_date": "birth", "death_date": "death"}


def other_dates(node: Template, role: str) -> list[Parameter] | None:
    """The arguments (year, month, day) of the ``role`` date an age template holds
    besides the date it shows; None when ``node`` is not one or holds none."""
    raw_name = "".join(part for part in node.name.nodes if isinstance(part, str))
    roles = _AGE_TEMPLATES.get(template_key(raw_name)[0])
    if roles is None or role not in roles:
        return None
    positional = [param for param in node.params if param.name is None]
    numbers = roles[role]
    if len(positional) < numbers[-1]:
        return None
    return [positional[number - 1] for number in numbers]


def date_numbers(source: str, arguments: list[Parameter]) -> tuple[int, ...] | None:
    """The numbers the arguments write, or None when one is not a number."""
    values = [php_trim(source[arg.value.start : arg.value.end]) for arg in arguments]
    if not all(value.isdigit() for value in values):
        return None
    return tuple(int(value) for value in values)


def rewrite_numbers(
    source: str, arguments: list[Parameter], numbers: tuple[int, ...]
) -> list[tuple[int, int, str]]:
    """Edits writing ``numbers`` in place of what the arguments write (their padding
    kept)."""
    edits: list[tuple[int, int, str]] = []
    for argument, number in zip(arguments, numbers, strict=True):
        value = source[argument.value.start : argument.value.end]
        lead = len(value) - len(value.lstrip(PHP_TRIMMED))
        trail = len(value) - len(value.rstrip(PHP_TRIMMED))
        edits.append((argument.value.start + lead, argument.value.end - trail, str(number)))
    return edits


def date_tuple(text: str, size: int) -> tuple[int, ...] | None:
    """``text`` read as a date, as ``size`` numbers (year; year, month, day)."""
    date = parse_date(text)
    if date is None:
        return None
    numbers = (date.year, date.month, date.day)[:size]
    return None if any(n is None for n in numbers) else tuple(n for n in numbers if n is not None)
