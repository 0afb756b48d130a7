"""The typed view of Infobox officeholder, on the seed and on small infoboxes."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wikiround import Infobox, ModelError, Parameter, parse_plaintext
from wikiround.catalogue import Group
from wikiround.dates import DateStyle, PartialDate
from wikiround.officeholder import Fields, Office, Officeholder, Personal

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def infobox(*pairs: tuple[str, str], name: str | None = None) -> Infobox:
    return Infobox([Parameter(n, v) for n, v in pairs], name=name)


def test_the_seed_glob_found_files() -> None:
    assert SEEDS


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_typed_view(path: Path) -> None:
    article = parse_plaintext(path.read_text(encoding="utf-8"))
    assert article.infobox is not None
    view = article.infobox.officeholder
    assert view.to_infobox() == article.infobox
    assert [office.suffix for office in view.offices] == ["1", "2", "3"]
    first = view.offices[0]
    assert first.office == "3rd President of the National Assembly"
    assert first.term_start == "14 May 2017"
    assert first.start == PartialDate(2017, 5, 14, DateStyle.DMY)
    assert first.end == PartialDate(2018, 3, 9, DateStyle.DMY)
    assert first.predecessor == "Gabriela Rivadeneira"
    assert view.offices[1].president == "Rafael Correa"
    assert view.offices[1].superiors == (("president", "Rafael Correa"),)
    assert view.personal.birth_place == "Cuenca, Ecuador"
    assert view.unknown == ()
    assert view.name == "José Serrano"


def test_unnumbered_and_one_are_two_offices() -> None:
    box = infobox(
        ("office", "Special Counsel to the President"),
        ("term_start", "1965"),
        ("office1", "Assistant Secretary of State"),
        ("term_start1", "1963"),
        ("birth_date", "1929-08-22"),
    )
    view = box.officeholder
    assert [o.suffix for o in view.offices] == ["", "1"]
    assert view.office("") == view.offices[0]
    one = view.office("1")
    assert one is not None and one.office == "Assistant Secretary of State"
    assert view.office("2") is None
    assert view.personal.born == PartialDate(1929, 8, 22, DateStyle.ISO)


def test_offices_are_keyed_by_suffix_as_written_and_sorted() -> None:
    box = infobox(("office5", "e"), ("office", "u"), ("office0", "z"), ("office16", "s"))
    assert [o.suffix for o in box.officeholder.offices] == ["", "0", "5", "16"]


def test_every_parameter_has_one_home() -> None:
    box = infobox(
        ("image", "x.jpg"),
        ("headerstyle", "odd"),
        ("termstart2", "1 May 2000"),
        ("spouse", "Y"),
        ("branch", "Army"),
        ("footnotes", "n"),
        ("peerage2", "p"),
        ("term_start17", "z"),
    )
    view = box.officeholder
    assert [p.name for p in view.header] == ["image"]
    assert [p.name for p in view.offices[0]] == ["termstart2"]
    assert [p.name for p in view.personal] == ["spouse"]
    assert [p.name for p in view.military] == ["branch"]
    assert [p.name for p in view.other] == ["footnotes", "peerage2"]
    assert [p.name for p in view.unknown] == ["headerstyle", "term_start17"]
    assert view.to_infobox() == box


def test_aliases_are_read_and_kept() -> None:
    box = infobox(("termstart2", "1 May 2000"), ("term_start2", "2 May 2000"), ("preceded2", "A"))
    office = box.officeholder.offices[0]
    # The 2011 template consults termstart before term_start.
    assert office.term_start == "1 May 2000"
    assert office.spelled("term_start") == "termstart2"
    assert office.names_of("term_start") == ("termstart2", "term_start2")
    assert office.predecessor == "A"
    assert office.get("preceded") == "A"


def test_editing_changes_only_that_parameter() -> None:
    box = infobox(("office", "A"), ("termstart", "1990"), ("unknown thing", "u"), ("office1", "B"))
    view = box.officeholder
    edited = view.with_office(view.offices[0].with_field("term_start", "1991"))
    assert edited.to_infobox() == box.with_value("termstart", "1991")
    added = view.with_office(view.offices[0].with_field("deputy", "D"))
    assert [p.name for p in added.to_infobox().parameters] == [
        "office",
        "termstart",
        "deputy",
        "unknown thing",
        "office1",
    ]
    removed = view.with_office(view.offices[0].without_field("term_start"))
    assert removed.to_infobox() == box.without("termstart")


def test_a_new_block_goes_at_the_end_with_canonical_names() -> None:
    view = infobox(("office", "A")).officeholder
    new = view.with_office(Office(suffix="2").with_field("term_start", "2001"))
    assert [p.name for p in new.to_infobox().parameters] == ["office", "term_start2"]
    assert new.without_office("2") == view


def test_personal_edit_via_evolve() -> None:
    view = infobox(("birth_date", "1 May 1900"), ("office", "A")).officeholder
    personal = attrs.evolve(view.personal, parameters=[Parameter("birth_date", "2 May 1900")])
    assert view.with_personal(personal).to_infobox() == infobox(
        ("birth_date", "2 May 1900"), ("office", "A")
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Office([Parameter("office1", "x")], suffix=""), "Office.parameters"),
        (lambda: Office(suffix="x"), "Office.suffix"),
        (lambda: Personal([Parameter("office", "x")]), "Personal.parameters"),
        (lambda: Fields([Parameter("image", "x")], group=Group.MILITARY), "Fields.parameters"),
        (lambda: Officeholder(unknown=[Parameter("office", "x")]), "Officeholder.unknown"),
        (lambda: Officeholder(offices=[Office(), Office()]), "Officeholder.offices"),
        (lambda: Office(suffix="1").get("office1"), "Office.get"),
        (lambda: Office(suffix="1").get("birth_date"), "Office.get"),
        (lambda: Personal().get("office"), "Personal.get"),
    ],
)
def test_inconsistent_views_raise_model_error(build: object, field: str) -> None:
    with pytest.raises(ModelError) as raised:
        build()  # type: ignore[operator]
    assert raised.value.field == field


def test_rows_inside_names() -> None:
    office = infobox(("1blankname2", "Label"), ("1namedata2", "Data")).officeholder.offices[0]
    assert office.suffix == "2"
    assert office.get("1blankname") == "Label"
    assert office.with_field("2blankname", "L2").spelled("2blankname") == "2blankname2"


@pytest.mark.parametrize(
    "template",
    ["Infobox officeholder", "infobox_officeholder", "infobox  President", "Infobox MP"],
)
def test_the_view_reads_officeholder_and_its_redirects(template: str) -> None:
    parameters = [Parameter("office", "Mayor"), Parameter("birth_date", "1900")]
    box = Infobox(parameters, template=template)
    view = box.officeholder
    assert [office.get("office") for office in view.offices] == ["Mayor"]
    assert view.template == template


@pytest.mark.parametrize("template", ["Infobox settlement", "Infobox person", "Infobox"])
def test_the_view_refuses_other_templates(template: str) -> None:
    box = Infobox([Parameter("birth_date", "1900")], template=template)
    with pytest.raises(ModelError) as caught:
        box.officeholder  # noqa: B018  (the property is what is tested)
    assert caught.value.field == "Infobox.template"
    assert caught.value.message == (
        f"{template!r} is not Infobox officeholder or one of its redirects;"
        " its parameters cannot be read as an officeholder's"
    )
