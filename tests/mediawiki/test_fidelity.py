"""The fidelity corpus's expected text is MediaWiki's: the offline MediaWiki, given each
case (its templates replaced by what the reader renders for them), still gives the HTML
stored beside it (tests/data/fidelity/make_expected.py writes it)."""

from __future__ import annotations

import pytest
from oracle import MediaWiki

from fidelity_harness import TITLE, all_cases, substitute_templates


@pytest.mark.mediawiki
def test_stored_html_is_what_mediawiki_gives(mediawiki: MediaWiki) -> None:
    stale = []
    for case in all_cases():
        source = substitute_templates(case.wikitext)
        assert source is not None, f"{case.id}: the reader does not know one of its templates"
        if mediawiki.parse(source, title=TITLE).html != case.html:
            stale.append(case.id)
    assert not stale, f"run tests/data/fidelity/make_expected.py; changed: {stale}"
