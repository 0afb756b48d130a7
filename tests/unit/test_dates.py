"""Partial dates: every supported style, read and written back exactly."""

from __future__ import annotations

import pytest

from wikiround.dates import DateStyle, PartialDate, format_date, parse_date
from wikiround.errors import ModelError

D = DateStyle


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 May 2017", PartialDate(2017, 5, 14, D.DMY)),
        ("6 Nov 2017", PartialDate(2017, 11, 6, D.DMY, short_month=True)),
        ("May 14, 2017", PartialDate(2017, 5, 14, D.MDY)),
        ("Nov 6, 2017", PartialDate(2017, 11, 6, D.MDY, short_month=True)),
        ("2017-05-14", PartialDate(2017, 5, 14, D.ISO)),
        ("September 1985", PartialDate(1985, 9, None, D.MY)),
        ("Sep 1985", PartialDate(1985, 9, None, D.MY, short_month=True)),
        ("2017-05", PartialDate(2017, 5, None, D.ISO_MONTH)),
        ("1789", PartialDate(1789, style=D.YEAR)),
        ("29 February 2000", PartialDate(2000, 2, 29, D.DMY)),
        ("0999-01-01", PartialDate(999, 1, 1, D.ISO)),
        ("4 July 776", PartialDate(776, 7, 4, D.DMY)),
    ],
)
def test_parse_and_render(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected
    assert str(expected) == text
    assert expected.render() == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "06 May 2017",
        "May 06, 2017",
        "May 14 2017",
        "14 may 2017",
        "14 Mai 2017",
        "Sept 1985",
        "Sept. 1985",
        "c. 1900",
        " 2017",
        "2017 ",
        "0",
        "0017",
        "12345",
        "31 April 2017",
        "29 February 1900",
        "2017-13-01",
        "2017-00",
        "2017-5-14",
        "14 May 2017 (aged 3)",
        "١٩٧٠",  # Arabic-Indic digits are not ASCII digits
        "{{Start date|2017|5|14}}",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_short_month_is_normalised_where_it_has_no_spelling() -> None:
    assert PartialDate(2017, 5, 1, D.DMY, short_month=True) == PartialDate(2017, 5, 1, D.DMY)
    assert PartialDate(2017, 11, 1, D.ISO, short_month=True).short_month is False


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 0}, "PartialDate.year"),
        ({"year": 2017, "month": 2, "day": 29}, "PartialDate.day"),
        ({"year": 2017, "month": 5, "style": D.YEAR}, "PartialDate.month"),
        ({"year": 2017, "style": D.DMY}, "PartialDate.month"),
        ({"year": 2017, "month": 5, "style": D.DMY}, "PartialDate.day"),
        ({"year": 2017, "month": 5, "day": 1, "style": D.MY}, "PartialDate.day"),
        ({"year": True, "style": D.YEAR}, "PartialDate.year"),
    ],
)
def test_invalid_dates_raise_model_error(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ModelError) as raised:
        PartialDate(**kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_certainly_before_compares_at_the_coarser_precision() -> None:
    may14 = PartialDate(2017, 5, 14, D.DMY)
    assert not PartialDate(2017, style=D.YEAR).certainly_before(may14)
    assert not PartialDate(2017, 5, None, D.MY).certainly_before(may14)
    assert PartialDate(2017, 4, None, D.MY).certainly_before(may14)
    assert PartialDate(2017, 5, 13, D.ISO).certainly_before(may14)
    assert not may14.certainly_before(may14)


def test_format_date() -> None:
    assert format_date(1929, 8, 22, day_first=True) == "22 August 1929"
    assert format_date(1929, 8, 22, day_first=False) == "August 22, 1929"
    assert format_date(1929, 8, None, day_first=True) == "August 1929"
    assert format_date(1929, None, None, day_first=False) == "1929"
    with pytest.raises(ModelError):
        format_date(1929, None, 3, day_first=True)
    with pytest.raises(ModelError):
        format_date(1929, 2, 30, day_first=True)
