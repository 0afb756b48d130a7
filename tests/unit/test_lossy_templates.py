"""The lossy reader's rendering of infobox values, one template family at a time."""

from __future__ import annotations

import pytest

from wikiround.lossy import parse_wikitext_lossy
from wikiround.report import Kind, Report


def read_value(source: str) -> tuple[str | None, Report]:
    """The displayed value of ``source`` written as an infobox parameter, and the report."""
    result = parse_wikitext_lossy(
        "{{Infobox person\n| other = x\n| value = " + source + "\n}}\n", title="T"
    )
    assert result.article.infobox is not None
    return result.article.infobox.get("value"), result.report


def shown(source: str) -> str | None:
    return read_value(source)[0]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[[A|B]]", "B"),
        ("[[A]]", "A"),
        ("[[Ecuador]]ian", "Ecuadorian"),
        ("[[Paris (band)|]]", "Paris"),
        ("[[:Category:Presidents]]", "Category:Presidents"),
        ("[http://example.com Example site]", "Example site"),
        ("http://example.com/a", "http://example.com/a"),
        ("'''bold''' and ''italic''", "bold and italic"),
        ("a&nbsp;b &amp; c &#8211; d", "a b & c – d"),
        ("<small>(BA)</small>", "(BA)"),
        ("x<nowiki>[[y]]</nowiki>", "x[[y]]"),
        ("a{{!}}b", "a|b"),
    ],
)
def test_links_formatting_and_entities(source: str, expected: str) -> None:
    assert shown(source) == expected


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Text<ref>A source.</ref>", Kind.REFERENCE),
        ('Text<ref name="a" />', Kind.REFERENCE),
        ("Text<!-- a note -->", Kind.COMMENT),
        ("Text{{efn|A note.}}", Kind.REFERENCE),
        ("Text{{sfn|Smith|2000|p=1}}", Kind.REFERENCE),
        ("Text{{refn|group=n|A note.}}", Kind.REFERENCE),
        ("Text{{citation needed|date=May 2020}}", Kind.TEMPLATE),
        ("Text{{cn}}", Kind.TEMPLATE),
        ("Text[[File:A.jpg|20px]]", Kind.FILE),
        ("Text{{Some unknown template|a}}", Kind.UNKNOWN_TEMPLATE),
    ],
)
def test_removed_and_reported(source: str, kind: Kind) -> None:
    value, report = read_value(source)
    assert value == "Text"
    assert [entry.kind for entry in report] == [kind]


def test_unknown_template_is_named_in_the_report() -> None:
    _, report = read_value("{{foo bar|1}} and {{Foo_bar}}")
    assert report.details(Kind.UNKNOWN_TEMPLATE) == {"{{Foo bar}}": 2}


@pytest.mark.parametrize(
    "source",
    [
        "A<br>B<br />C",
        "{{ubl|A|B|C}}",
        "{{Unbulleted list|A|B|C}}",
        "{{ublist|A|B|C}}",
        "{{plainlist|\n* A\n* B\n* C\n}}",
        "{{Plain list|\n*A\n*B\n*C}}",
        "{{flatlist|\n* A\n* B\n* C\n}}",
        "{{hlist|A|B|C}}",
        "{{bulleted list|A|B|C}}",
        "{{blist|A|B|C}}",
        "{{br separated entries|A|B|C}}",
        "{{collapsible list|title=Things|A|B|C}}",
        "\n* A\n* B\n* C",
        "A{{·}}B{{·}} C",
        "{{hlist|A|B|class=x}}<br>C",
    ],
)
def test_lists_are_joined_with_commas(source: str) -> None:
    assert shown(source) == "A, B, C"


def test_list_items_keep_their_markup_rendered() -> None:
    assert shown("{{ubl|[[A|Alpha]] {{small|(1990)}}|''B''}}") == "Alpha (1990), B"


def test_a_line_break_before_a_parenthesis_reads_as_a_space() -> None:
    assert shown("University<br>{{small|(BA)}}") == "University (BA)"


def test_no_doubled_commas() -> None:
    assert shown("A,<br>B") == "A, B"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{birth date|1929|8|22}}", "August 22, 1929"),
        ("{{Birth date|1929|8|22|df=y}}", "22 August 1929"),
        ("{{birth date|df=yes|1929|8|22}}", "22 August 1929"),
        ("{{birth date|1929|8|22|mf=y}}", "August 22, 1929"),
        ("{{dob|1929|8|22}}", "August 22, 1929"),
        ("{{birth date and age|1947|2|4}}", "February 4, 1947"),
        ("{{bda|1947|2|4|df=y}}", "4 February 1947"),
        ("{{Birth date and age|1947|2}}", "February 1947"),
        ("{{birth date and age|1947}}", "1947"),
        ("{{death date|2012|2|16}}", "February 16, 2012"),
        ("{{death date and age|2012|2|16|1929|8|22}}", "February 16, 2012"),
        ("{{dda|2012|2|16|1929|8|22|df=y}}", "16 February 2012"),
        ("{{start date|1993|1|20}}", "January 20, 1993"),
        ("{{Start date|1993|1|20|df=y}}", "20 January 1993"),
        ("{{end date|1993|1}}", "January 1993"),
        ("{{start date and age|2001|9|1}}", "September 1, 2001"),
        ("{{dts|2000|1|1}}", "January 1, 2000"),
        ("{{dts|2000|1|1|format=dmy}}", "1 January 2000"),
        ("{{dts|1 January 2000}}", "1 January 2000"),
        ("{{birth date|1929|August|22}}", "August 22, 1929"),
        ("{{nowrap|{{death date and age|2012|2|16|1929|8|22}}}}", "February 16, 2012"),
        ("{{birth date|1929|2|30}}", "1929 2 30"),
    ],
)
def test_date_templates(source: str, expected: str) -> None:
    value, report = read_value(source)
    assert value == expected
    assert report.is_empty


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{nowrap|Yorba Linda, California}}", "Yorba Linda, California"),
        ("{{small|(BA)}}", "(BA)"),
        ("{{nobold|x}}", "x"),
        ("{{lang|fr|la France}}", "la France"),
        ("{{lang-fr|la France}}", "la France"),
        ("{{transl|ru|Moskva}}", "Moskva"),
        ("{{transl|ru|ALA|Moskva}}", "Moskva"),
        ("{{native name|es|Ecuador}}", "Ecuador"),
        ("{{abbr|U.S.|United States}}", "U.S."),
        ("{{marriage|Jane Doe|1992}}", "Jane Doe (m. 1992)"),
        ("{{marriage|[[Pat Nixon|Pat Ryan]]|June 21, 1940|June 22, 1993|reason=died}}",
         "Pat Ryan (m. 1940; died 1993)"),
        ("{{Marriage|Jane|1 January 1895|December 31, 1905}}", "Jane (m. 1895–1905)"),
        ("{{marriage|Frank|2002|2013}}", "Frank (m. 2002–13)"),
        ("{{marriage|Jack|1885|1888|end=w.}}", "Jack (m. 1885; wid. 1888)"),
        ("{{marriage|Ann|1990|1995|end=div}}", "Ann (m. 1990; div. 1995)"),
        ("{{flag|United States}}", "United States"),
        ("{{flag|United States|name=USA}}", "USA"),
        ("{{sortname|John|Smith}}", "John Smith"),
        ("{{URL|example.com}}", "example.com"),
        ("{{URL|https://example.com/|Example}}", "Example"),
        ("{{circa|1800}}", "c. 1800"),
        ("{{convert|5|km|mi}}", "5 km"),
        ("{{convert|242495|km2|sqmi}}", "242495 km²"),
        ("1990{{ndash}}1995", "1990–1995"),
        ("{{ushr|IN|4|4th}}", "4th"),
        ("{{As of|2016}}", "As of 2016"),
        ("{{as of|2016|alt=currently}}", "currently"),
        ("{{PAGENAME}}", "T"),
        ("{{uc:abc}}", "ABC"),
    ],
)  # fmt: skip
def test_wrappers_and_other_templates(source: str, expected: str) -> None:
    value, report = read_value(source)
    assert value == expected
    assert report.is_empty


def test_the_first_infobox_and_officeholder_redirects() -> None:
    for name in ("Infobox president", "infobox Officeholder", "Infobox_judge", "Infobox MP"):
        result = parse_wikitext_lossy("{{" + name + "\n| office = X\n}}", title="T")
        assert result.article.infobox is not None
        assert result.article.infobox.template == "Infobox officeholder"
    result = parse_wikitext_lossy("{{Infobox settlement|a=1}}\n{{Infobox person|b=2}}", title="T")
    assert result.article.infobox is not None
    assert result.article.infobox.template == "Infobox settlement"
    assert [e.detail for e in result.report] == ["{{Infobox person}}"]


def test_parameter_names_are_normalised_and_reported() -> None:
    result = parse_wikitext_lossy(
        "{{Infobox person\n| Name = Ann\n| Birth_date = 1990\n| birth place = X\n}}", title="T"
    )
    infobox = result.article.infobox
    assert infobox is not None
    assert infobox.name == "Ann"
    assert [p.name for p in infobox.parameters] == ["birth_date", "birth_place"]
    assert result.report.summary() == "dropped: nothing; renamed: 3 parameters"


def test_duplicates_keep_the_last_value() -> None:
    result = parse_wikitext_lossy("{{Infobox person\n| a = 1\n| a = 2\n}}", title="T")
    assert result.article.infobox is not None
    assert result.article.infobox.parameters[0].value == "2"
    (entry,) = result.report
    assert (entry.kind, entry.line, entry.column) == (Kind.PARAMETER, 2, 3)


def test_empty_and_emptied_parameters() -> None:
    result = parse_wikitext_lossy(
        "{{Infobox person\n| a = x\n| b =\n| c = <!-- blank -->\n| d = [[File:X.jpg]]\n}}",
        title="T",
    )
    assert result.article.infobox is not None
    assert [p.name for p in result.article.infobox.parameters] == ["a"]
    kinds = [(entry.kind, entry.detail) for entry in result.report]
    assert kinds == [
        (Kind.COMMENT, "blank"),
        (Kind.PARAMETER, "d (nothing left to show)"),
        (Kind.FILE, "File:X.jpg"),
    ]


def test_an_infobox_with_nothing_to_show_is_dropped() -> None:
    result = parse_wikitext_lossy("{{Infobox person\n| name = Ann\n| b = \n}}\nText.", title="T")
    assert result.article.infobox is None
    assert result.article.lead == ("Text.",)
    assert [entry.kind for entry in result.report] == [Kind.INFOBOX]


def test_unnamed_infobox_parameters_are_reported() -> None:
    result = parse_wikitext_lossy("{{Infobox person\n| a = 1\n| stray\n}}", title="T")
    assert [entry.kind for entry in result.report] == [Kind.PARAMETER]


def test_image_options_are_dropped() -> None:
    assert shown("Portrait.jpg{{!}}border") == "Portrait.jpg"


def test_an_external_link_without_a_label_shows_its_number_as_mediawiki_does() -> None:
    text = "A [http://a.org] b [http://b.org label] c [//c.org].<ref>[http://r.org]</ref>"
    result = parse_wikitext_lossy(text, title="T")
    # Numbered in the order of the page; those in references are not (MediaWiki numbers
    # them in the list of references, after the text).
    assert result.article.lead == ("A [1] b label c [2].",)
    assert [entry.kind for entry in result.report] == [Kind.REFERENCE]
