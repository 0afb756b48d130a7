"""The typed view loses nothing: infobox -> Officeholder -> infobox is the identity."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from strategies import infoboxes, line_text, officeholder_infoboxes
from wikiround import Infobox, Parameter
from wikiround.catalogue import lookup
from wikiround.officeholder import Officeholder
from wikiround.validation import check


@given(st.one_of(officeholder_infoboxes(), infoboxes(plain=False, wikitext=False)))
@example(Infobox([Parameter("termstart", "1"), Parameter("x", ""), Parameter("term_start", "2")]))
def test_infobox_to_view_to_infobox_is_identity(infobox: Infobox) -> None:
    view = Officeholder.from_infobox(infobox)
    assert view.to_infobox() == infobox
    assert Officeholder.from_infobox(view.to_infobox()) == view


@given(officeholder_infoboxes())
def test_each_parameter_is_in_exactly_one_record(infobox: Infobox) -> None:
    view = infobox.officeholder
    records = [view.header, *view.offices, view.personal, view.military, view.other]
    held = [p for record in records for p in record] + list(view.unknown)
    assert sorted(p.name for p in held) == sorted(p.name for p in infobox.parameters)
    for office in view.offices:
        for parameter in office:
            match = lookup(parameter.name)
            assert match is not None and match.suffix == office.suffix
    assert all(lookup(p.name) is None for p in view.unknown)


@given(officeholder_infoboxes(with_office=True), st.data())
def test_editing_a_field_changes_only_that_parameter(infobox: Infobox, data: st.DataObject) -> None:
    view = infobox.officeholder
    assert view.offices  # the strategy draws at least one office block
    office = data.draw(st.sampled_from(view.offices))
    fields = ("office", "term_start", "term_end", "predecessor", "deputy")
    field = data.draw(st.sampled_from(fields))
    value = data.draw(line_text(max_pieces=3))
    spelled = office.spelled(field)
    after = view.with_office(office.with_field(field, value)).to_infobox()
    if spelled is not None:
        assert after == infobox.with_value(spelled, value)
    else:
        added = [p for p in after.parameters if p.name not in infobox]
        assert [p.value for p in added] == [value]
        assert after.without(added[0].name) == infobox


@given(officeholder_infoboxes())
def test_check_never_raises_and_uses_known_codes(infobox: Infobox) -> None:
    from wikiround.validation import CODES

    for warning in check(infobox):
        assert warning.code in CODES
        assert warning.parameter is None or warning.parameter in infobox
