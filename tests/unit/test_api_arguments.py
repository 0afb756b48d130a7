"""Public functions and constructors say what they expected (issue: API argument errors)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import wikiround as w
from wikiround.errors import ModelError


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: w.render_plaintext(None), "render_plaintext() takes an Article, not NoneType"),
        (lambda: w.render_wikitext(42), "render_wikitext() takes an Article, not int"),
        (lambda: w.check(None), "check() takes an Article, Infobox or Officeholder, not NoneType"),
        (lambda: w.parse_date(None), "parse_date() takes a str, not NoneType"),
    ],
)
def test_functions_name_the_type_they_take(call: Callable[[], object], message: str) -> None:
    with pytest.raises(TypeError) as raised:
        call()
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: w.PartialDate(2000, style="x"),
            "PartialDate.style: 'x' is not a style "
            "('dmy', 'mdy', 'my', 'iso', 'iso-month', 'year')",
        ),
        (
            lambda: w.Infobox(parameters=None),
            "Infobox.parameters: must be a sequence of Parameter objects, not NoneType",
        ),
        (
            lambda: w.Article("T", lead=None),
            "Article.lead: must be a sequence of strings, not NoneType",
        ),
        (
            lambda: w.Article("T", sections=3),
            "Article.sections: must be a sequence of Section objects, not int",
        ),
        (
            lambda: w.Section("H", paragraphs="text"),
            "Section.paragraphs: must be a sequence of strings, not a single str",
        ),
        (
            lambda: w.Section("H", subsections=None),
            "Section.subsections: must be a sequence of Section objects, not NoneType",
        ),
    ],
)
def test_constructors_name_the_field_and_what_it_takes(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(ModelError) as raised:
        call()
    assert str(raised.value) == message


def test_a_date_style_is_still_taken_by_value() -> None:
    assert str(w.PartialDate(2000, 5, style="my")) == "May 2000"
