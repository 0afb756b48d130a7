"""References are compacted before parsing; what the reader shows and reports is unchanged."""

from __future__ import annotations

from wikiround import parse_wikitext_lossy

TEXT = (
    "Born in Texas.<ref name=\"a\">{{cite web\n| url = http://x\n| title = T}}</ref> He"
    " served.<ref name=\"a\" />\n\nLater <!-- <ref>hidden</ref> --> life."
    "<nowiki><ref>shown</ref></nowiki><ref>x</ref>\n"
)


def test_references_are_dropped_with_their_place() -> None:
    result = parse_wikitext_lossy(TEXT, title="T")
    assert result.article.lead == (
        "Born in Texas. He served.",
        "Later life.<ref>shown</ref>",
    )
    assert [str(entry) for entry in result.report] == [
        "1:15: reference: <ref name=a>",
        "3:31: reference: <ref name=a>",
        "5:7: comment: <ref>hidden</ref>",
        "5:72: reference: <ref>",
    ]


def test_a_self_closing_reference_does_not_swallow_text() -> None:
    text = 'A.<ref name="n" /> B.<ref>c</ref> C.'
    assert parse_wikitext_lossy(text, title="T").article.lead == ("A. B. C.",)
