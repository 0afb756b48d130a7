"""Behaviour switches (``__TOC__``): the strict reader, the lossy reader and the writer
know the same ones."""

from __future__ import annotations

import pytest

from wikiround import (
    Article,
    Kind,
    ParseError,
    parse_wikitext,
    parse_wikitext_lossy,
    render_wikitext,
)
from wikiround._mediawiki import BEHAVIOUR_SWITCHES

SPELLINGS = [
    f"__{name}__" for name in BEHAVIOUR_SWITCHES
] + [f"__{name.lower()}__" for name in BEHAVIOUR_SWITCHES]


@pytest.mark.parametrize("switch", SPELLINGS)
def test_both_readers_and_the_writer_agree(switch: str) -> None:
    text = f"Before {switch} after."
    with pytest.raises(ParseError) as caught:
        parse_wikitext(text, title="T")
    assert caught.value.column == len("Before ") + 1
    result = parse_wikitext_lossy(text, title="T")
    assert result.article.lead == ("Before after.",)
    assert [(entry.kind, entry.detail) for entry in result.report] == [(Kind.MAGIC_WORD, switch)]
    written = render_wikitext(Article("T", lead=[text]))
    assert switch not in written
    assert parse_wikitext(written, title="T").lead == (text,)


@pytest.mark.parametrize("text", ["__FOO__", "__TOC_", "_NOTOC__", "__ TOC__"])
def test_other_words_between_underscores_are_text_to_both(text: str) -> None:
    assert parse_wikitext(text, title="T").lead == (text,)
    result = parse_wikitext_lossy(text, title="T")
    assert result.article.lead == (text,)
    assert result.report.is_empty


def test_the_lossy_reader_knows_expected_unconnected_page() -> None:
    # It did not: the list had been copied, and the copy had drifted.
    result = parse_wikitext_lossy("Text.\n\n__EXPECTED_UNCONNECTED_PAGE__\n", title="T")
    assert result.article.lead == ("Text.",)
    assert [str(entry) for entry in result.report] == [
        "3:1: magic word: __EXPECTED_UNCONNECTED_PAGE__"
    ]
