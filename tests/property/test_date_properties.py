"""Dates: parse and render are inverse for every supported style."""

from __future__ import annotations

from hypothesis import event, example, given
from hypothesis import strategies as st

from strategies import date_shaped_text, dated_articles, line_text, partial_dates
from wikiround import Article, parse_wikitext, render_wikitext
from wikiround.dates import DateStyle, PartialDate, format_date, parse_date


@given(partial_dates())
@example(PartialDate(2000, 2, 29, DateStyle.DMY))
@example(PartialDate(1, 1, 1, DateStyle.ISO))
def test_render_then_parse_is_identity(date: PartialDate) -> None:
    assert parse_date(date.render()) == date


@given(st.one_of(date_shaped_text(), line_text(max_pieces=4)))
@example("1 May 2000")  # one of each style, with a one-digit day
@example("May 1, 2000")
@example("6 Nov 2017")
@example("Nov 6, 2017")
@example("Sep 1985")
@example("September 1985")
@example("0001-01-01")
@example("2017-05")
@example("1")
@example("29 February 2000")
def test_parse_then_render_is_identity(text: str) -> None:
    date = parse_date(text)
    event("a date" if date is not None else "not a date")
    if date is not None:
        assert date.render() == text


@given(partial_dates(styles=(DateStyle.DMY, DateStyle.MDY, DateStyle.MY, DateStyle.YEAR)))
def test_format_date_matches_the_long_month_styles(date: PartialDate) -> None:
    long = PartialDate(date.year, date.month, date.day, date.style)
    assert format_date(date.year, date.month, date.day, day_first=date.day_first) == str(long)


@given(dated_articles())
def test_date_templates_round_trip(article: Article) -> None:
    text = render_wikitext(article, date_templates=True)
    assert parse_wikitext(text, title=article.title) == article
