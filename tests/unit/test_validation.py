"""The checks of wikiround.validation, one per warning code."""

from __future__ import annotations

from pathlib import Path

import pytest

from wikiround import Article, Infobox, Parameter, parse_plaintext
from wikiround.validation import CheckWarning, check, check_parameters

SEED = next((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def codes(*pairs: tuple[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [(w.code, w.parameter, w.suggestion) for w in check_parameters(pairs)]


def test_the_seed_is_clean() -> None:
    assert check(parse_plaintext(SEED.read_text(encoding="utf-8"))) == ()


def test_unknown_parameter_with_suggestion() -> None:
    (warning,) = check_parameters([("term_startt2", "x")])
    assert warning == CheckWarning(
        "unknown-parameter",
        "term_startt2",
        "unknown parameter 'term_startt2'; did you mean 'term_start2'?",
        "term_start2",
    )
    assert str(warning) == warning.message


def test_unknown_parameter_without_suggestion() -> None:
    assert codes(("headerstyle", "x")) == [("unknown-parameter", "headerstyle", None)]


@pytest.mark.parametrize("name", ["Term_start", "term start", "term_start17", "office_1"])
def test_near_misses_are_unknown(name: str) -> None:
    assert [c[0] for c in codes((name, "x"))] == ["unknown-parameter"]


def test_duplicate_parameter() -> None:
    assert codes(("office", "A"), ("office", "B")) == [("duplicate-parameter", "office", None)]


def test_numbered_block_without_office() -> None:
    assert codes(("office", "A"), ("term_start3", "1999"), ("successor3", "B")) == [
        ("no-office", "term_start3", "office3")
    ]
    # An empty office3 gives no heading either.
    assert codes(("office3", " "), ("term_start3", "1999"))[0][0] == "no-office"


@pytest.mark.parametrize("heading", ["office2", "order2", "jr/sr2", "district2", "riding2"])
def test_blocks_with_another_heading_are_fine(heading: str) -> None:
    assert codes((heading, "x"), ("term_start2", "1999")) == []


def test_unnumbered_block_needs_no_office() -> None:
    assert codes(("term_start", "1999")) == []


def test_term_end_before_term_start() -> None:
    (warning,) = check_parameters(
        [("office1", "A"), ("term_start1", "14 May 2017"), ("term_end1", "May 2016")]
    )
    assert warning.code == "term-end-before-start"
    assert warning.message == "term_end1 (May 2016) is before term_start1 (14 May 2017)"
    assert codes(("office", "A"), ("term_start", "14 May 2017"), ("term_end", "2017")) == []
    assert codes(("office", "A"), ("term_start", "present"), ("term_end", "2017")) == []


def test_death_before_birth() -> None:
    assert codes(("birth_date", "1970-01-01"), ("death_date", "1969")) == [
        ("death-before-birth", "death_date", None)
    ]


def test_alias_and_twin_both_set() -> None:
    (warning,) = check_parameters(
        [("office2", "A"), ("term_start2", "1 May 2000"), ("termstart2", "2 May 2000")]
    )
    assert warning.code == "alias-conflict"
    assert warning.parameter == "term_start2"
    assert warning.suggestion == "termstart2"
    assert "the template reads only 'termstart2'" in warning.message
    assert codes(("term_start2", ""), ("termstart2", "2 May 2000"), ("office2", "x")) == []


def test_alias_conflict_without_known_precedence() -> None:
    found = codes(("honorific_prefix", "a"), ("honorific-prefix", "b"))
    assert [c[:2] for c in found] == [
        ("alias-conflict", "honorific_prefix"),
        ("alias-conflict", "honorific-prefix"),
    ]


def test_check_takes_articles_infoboxes_and_views() -> None:
    box = Infobox([Parameter("headerstyle", "x")], name="N")
    assert check(Article("T")) == ()
    assert check(Article("T", box)) == check(box) == check(box.officeholder)
    assert len(check(box)) == 1
