"""On every vendored real article, our reader finds the infobox call MediaWiki sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from oracle import MediaWiki

from wikiround.wikitext import find_infobox

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.wiki"))
TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in ARTICLES}
WITH_INFOBOX = sorted(stem for stem, text in TEXTS.items() if find_infobox(text) is not None)
RECORDER = "Infobox officeholder"


def test_articles_without_infobox_really_have_none() -> None:
    assert len(TEXTS) >= 50 and len(WITH_INFOBOX) >= 38
    for stem in sorted(set(TEXTS) - set(WITH_INFOBOX)):
        assert not re.search(r"\{\{\s*[Ii]nfobox", TEXTS[stem]), stem


@pytest.mark.mediawiki
@pytest.mark.parametrize("stem", WITH_INFOBOX)
def test_infobox_arguments_match_mediawiki(mediawiki: MediaWiki, stem: str) -> None:
    text = TEXTS[stem]
    call = find_infobox(text)
    assert call is not None
    # Point our infobox call at the test wiki's recording template; the rest is as written.
    start = call.offset + 2
    end = text.index(call.template, start) + len(call.template)
    result = mediawiki.parse(text[:start] + RECORDER + text[end:], title=stem)
    received = result.call(RECORDER)
    assert [(arg.name, arg.raw) for arg in received.args] == list(call.effective().items())
