"""References are taken out before parsing; each is still reported where it was."""

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


def test_a_reference_never_closed_is_reported_and_the_text_after_it_kept() -> None:
    # MediaWiki shows an extension tag with no closing tag after it as text and reads
    # on; the tag itself is left out (and reported) before the tokenizer sees it.
    result = parse_wikitext_lossy("A <ref>b c\n\nD <ref name=x>e", title="T")
    assert result.article.lead == ("A b c", "D e")
    assert [str(entry) for entry in result.report] == [
        "1:3: reference: <ref>",
        "3:3: reference: <ref name=x>",
    ]
    # A later closing tag still closes it, as in MediaWiki.
    closed = parse_wikitext_lossy("A <ref>b\n\nc</ref> d", title="T")
    assert closed.article.lead == ("A d",)


def test_thousands_of_unclosed_references_are_read() -> None:
    # Quadratic in mwparserfromhell's tokenizer (a minute for these 100 KB) if it
    # were handed them; a linear reader takes well under a second.
    result = parse_wikitext_lossy("<ref>" * 20_000 + "end", title="T")
    assert result.article.lead == ("end",)
    assert len(result.report.entries) == 20_000


def test_a_reference_where_nothing_is_shown_is_reported() -> None:
    # mwparserfromhell's tokenizer reads a reference's marker as part of a URL, a link's
    # target or a tag's attribute, none of which is shown: the reference must be
    # reported all the same.
    cases = {
        "See http://example.org/a<ref>x</ref>b more.": (
            "See http://example.org/ab more.",
            ["1:25: reference: <ref>"],
        ),
        "See [http://example.org/a<ref name=q>x</ref> label] more.": (
            "See label more.",
            ["1:26: reference: <ref name=q>"],
        ),
        "[[Foo<ref>x</ref>|a]] bar": ("a bar", ["1:6: reference: <ref>"]),
        "[[Foo<ref>x</ref>]] bar": ("Foo bar", ["1:6: reference: <ref>"]),
        "[[File:Foo<ref>x</ref>.jpg]] bar": ("bar", ["1:1: file: File:Foo.jpg"]),
        'A <span title="x<ref>r</ref>">b</span> c.': ("A b c.", ["1:17: reference: <ref>"]),
        'A <br title="<ref name=q/>"/>c.': ("A c.", ["1:14: reference: <ref name=q>"]),
    }
    for text, (lead, report) in cases.items():
        result = parse_wikitext_lossy(text, title="T")
        assert result.article.lead == (lead,), text
        assert [str(entry) for entry in result.report] == report, text


def test_a_reference_name_is_read_as_mwparserfromhell_reads_it() -> None:
    text = (
        "A<ref name = 'q r' >x</ref> B<ref NAME=s/> C<ref name>y</ref>"
        ' D<ref group="n" name="t">z</ref> E<ref name=""/>'
    )
    assert [entry.detail for entry in parse_wikitext_lossy(text, title="T").report] == [
        "<ref name=q r>",
        "<ref name=s>",
        "<ref name>",
        "<ref name=t>",
        "<ref name=>",
    ]


