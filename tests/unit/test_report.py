"""The lossy reader's report: kinds given as Kind or as their value, and its lines."""

from __future__ import annotations

import pytest

from wikiround import Kind, parse_wikitext_lossy
from wikiround._app._batch import report_line

WIKITEXT = "A.<ref>x</ref> B.<ref name=b/>\n\n{{Use dmy dates}}\n[[Category:C]]\n"


def test_kinds_are_taken_as_kind_or_as_their_value() -> None:
    report = parse_wikitext_lossy(WIKITEXT, title="T").report
    assert len(report.of_kind("reference")) == 2
    assert report.of_kind("reference") == report.of_kind(Kind.REFERENCE)
    assert report.details("reference") == {"<ref>": 1, "<ref name=b>": 1}
    assert report.details("category") == report.details(Kind.CATEGORY) == {"Category:C": 1}


def test_an_unknown_kind_is_named_with_the_kinds_there_are() -> None:
    report = parse_wikitext_lossy(WIKITEXT, title="T").report
    with pytest.raises(ValueError, match="'references' is not a kind of report entry; the kinds"):
        report.of_kind("references")
    with pytest.raises(ValueError, match="'reference', 'template'"):
        report.details("nope")


def test_the_command_line_prints_the_library_line_after_the_file_name() -> None:
    report = parse_wikitext_lossy(WIKITEXT, title="T").report
    assert report.lines()[0] == "1:3: reference: <ref>"
    assert [report_line("a.wiki", entry) for entry in report] == [
        f"a.wiki:{line}" for line in report.lines()
    ]
