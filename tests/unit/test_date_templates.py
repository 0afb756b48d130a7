"""Date templates: what render_wikitext(date_templates=True) writes and the reader reads."""

from __future__ import annotations

import pytest

from wikiround import Article, Infobox, ParseError, parse_wikitext, render_wikitext
from wikiround.model import Parameter


def written(*pairs: tuple[str, str]) -> list[str]:
    article = Article("T", Infobox([Parameter(n, v) for n, v in pairs]))
    text = render_wikitext(article, date_templates=True)
    assert parse_wikitext(text, title="T") == article
    assert render_wikitext(article) == render_wikitext(article, date_templates=False)
    return [line.split("=", 1)[1].strip() for line in text.splitlines()[1:-1]]


@pytest.mark.parametrize(
    ("name", "value", "template"),
    [
        ("term_start", "14 May 2017", "{{Start date|2017|5|14|df=y}}"),
        ("term_start1", "May 14, 2017", "{{Start date|2017|5|14}}"),
        ("termstart2", "September 1985", "{{Start date|1985|9}}"),
        ("term_end", "1985", "{{End date|1985}}"),
        ("termend16", "9 March 2018", "{{End date|2018|3|9|df=y}}"),
        ("birth_date", "22 August 1929", "{{Birth date and age|1929|8|22|df=y}}"),
        ("birth_date", "August 22, 1929", "{{Birth date and age|1929|8|22}}"),
        ("death_date", "4 March 1999", "{{Death date|1999|3|4|df=y}}"),
    ],
)
def test_templates_written(name: str, value: str, template: str) -> None:
    assert written((name, value)) == [template]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("term_start", "2017-05-14"),
        ("term_start", "2017-05"),
        ("term_start", "6 Nov 2017"),
        ("term_end", "present"),
        ("birth_date", "1929"),
        ("birth_date", "August 1929"),
        ("birth_date", "1929-08-22"),
        ("office", "14 May 2017"),
        ("unknown_date", "14 May 2017"),
    ],
)
def test_values_that_stay_text(name: str, value: str) -> None:
    assert written((name, value)) == [value]


def test_birth_and_death_together() -> None:
    assert written(("birth_date", "22 August 1929"), ("death_date", "March 4, 1999")) == [
        "{{Birth date|1929|8|22|df=y}}",
        "{{Death date and age|1999|3|4|1929|8|22}}",
    ]
    assert written(("birth_date", "1929"), ("death_date", "4 March 1999")) == [
        "1929",
        "{{Death date|1999|3|4|df=y}}",
    ]
    assert written(("birth_date", "22 August 1929"), ("death_date", "")) == [
        "{{Birth date and age|1929|8|22|df=y}}",
        "",
    ]


@pytest.mark.parametrize(
    "template",
    [
        "{{start date|2017|5|14}}",
        "{{Start date |2017|5|14}}",
        "{{Start date|2017|05|14}}",
        "{{Start date|2017|5|14|df=yes}}",
        "{{Start date|2017|5|14|mf=y}}",
        "{{Start date|2017|2|30}}",
        "{{Start date|2017|5|df=y}}",
        "{{Start date}}",
        "{{Start date|2017|5|14|1}}",
        "{{Birth date|1929}}",
        "{{Death date and age|1999|3|4}}",
        "{{Death date and age|1999|3|4|1929|2|30}}",
        "{{End date|y=2017}}",
    ],
)
def test_reader_refuses_other_spellings(template: str) -> None:
    with pytest.raises(ParseError, match="cannot be read without loss"):
        parse_wikitext("{{Infobox officeholder\n| term_start = " + template + "\n}}\n", title="T")


def test_templates_are_read_only_in_values() -> None:
    with pytest.raises(ParseError):
        parse_wikitext("Born {{Birth date|1929|8|22}}.\n", title="T")
    text = "{{Infobox officeholder\n| office = from {{Start date|1985|9}} on\n}}\n"
    article = parse_wikitext(text, title="T")
    assert article.infobox is not None
    assert article.infobox.get("office") == "from September 1985 on"
