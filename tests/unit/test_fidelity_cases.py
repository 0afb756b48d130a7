"""The lossy reader against what MediaWiki shows, on the fidelity corpus.

Every case in tests/data/fidelity/cases is small wikitext with the HTML MediaWiki gave
for it stored beside it (tests/mediawiki/test_fidelity.py checks that MediaWiki still
gives it). Each case's plain text must read what a reader sees (fidelity_harness.agree),
except the cases listed in tests/data/fidelity/known-disagreements.txt, which must still
disagree: the list can only shrink, and each entry says why it is there.
"""

from __future__ import annotations

import pytest
from visible import visible_text

from fidelity_harness import (
    CASES,
    Case,
    all_cases,
    expected_text,
    read_known,
    reader_text,
)

CORPUS = all_cases()
KNOWN = read_known()
FAMILIES = {
    "apostrophes", "block-breaks", "comments", "entities", "external-links", "files",
    "galleries", "headings", "html-lists", "lists", "pre", "prose", "tables", "tags",
    "templates", "wikilinks",
}  # fmt: skip


def test_the_corpus_is_there() -> None:
    assert {path.stem for path in CASES.glob("*.txt")} == FAMILIES
    assert len(CORPUS) >= 500
    for family in FAMILIES:
        assert sum(case.family == family for case in CORPUS) >= 20, family


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_expected_text_is_from_the_stored_html(case: Case) -> None:
    # make_expected.py writes both; this keeps them in step with the extractor.
    assert case.html is not None and case.visible is not None, "run make_expected.py"
    assert visible_text(case.html) == case.visible


def test_known_disagreements_name_cases() -> None:
    ids = {case.id for case in CORPUS}
    assert KNOWN, "the list is read"
    strangers = sorted(set(KNOWN) - ids)
    assert not strangers, f"not cases of the corpus: {strangers}"


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_reader_shows_what_mediawiki_shows(case: Case) -> None:
    assert case.html is not None
    expected, found = expected_text(case.html), reader_text(case.wikitext)
    known = KNOWN.get(case.id)
    if known is None:
        assert found == expected, f"{case.id}: the plain text differs from what MediaWiki shows"
    else:
        assert found != expected, (
            f"{case.id} now reads what MediaWiki shows: take line {known.line} "
            f"off tests/data/fidelity/known-disagreements.txt"
        )
