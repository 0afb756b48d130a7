"""An Infobox is a read-only mapping of its parameters' names to their values."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from wikiround import Infobox, Parameter

BOX = Infobox(
    [Parameter("office1", "Mayor"), Parameter("term_start1", "2001"), Parameter("x", "")],
    name="Jane Doe",
)


def test_indexing_length_and_iteration_in_written_order() -> None:
    assert isinstance(BOX, Mapping)
    assert BOX["office1"] == "Mayor"
    assert BOX["x"] == ""
    assert len(BOX) == 3
    assert list(BOX) == ["office1", "term_start1", "x"]
    assert list(BOX.items()) == [("office1", "Mayor"), ("term_start1", "2001"), ("x", "")]
    assert dict(BOX) == {"office1": "Mayor", "term_start1": "2001", "x": ""}
    assert "term_start1" in BOX
    assert "name" not in BOX  # the subject's name is BOX.name, not a parameter


def test_missing_names_and_get() -> None:
    with pytest.raises(KeyError, match="office2"):
        BOX["office2"]
    assert BOX.get("office2") is None
    assert BOX.get("office2", "-") == "-"
    assert BOX.get("office1") == "Mayor"


def test_read_only_and_still_true_when_empty() -> None:
    with pytest.raises(TypeError):
        BOX["office1"] = "Governor"  # type: ignore[index]
    assert bool(Infobox(name="No parameters"))
    assert len(Infobox()) == 0


def test_equality_stays_structural() -> None:
    same_parameters = Infobox(BOX.parameters, name="Someone else")
    assert dict(same_parameters) == dict(BOX)
    assert same_parameters != BOX
    assert hash(Infobox(BOX.parameters, name="Jane Doe")) == hash(BOX)
