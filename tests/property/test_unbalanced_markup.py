"""Markup left open in one place of a real page changes the plain text elsewhere only
where MediaWiki's rendering changes too.

An unbalanced ``''``, ``'''``, ``[[``, ``{{``, ``<span>`` or a template left open is put
anywhere in a vendored article (between two characters of a line, or alone on a line of
its own). The offline MediaWiki renders the page before and after (with templates
replaced as the structure check replaces them, see ``fidelity_harness.page_source``);
then:

- the plain text's headings are the headings MediaWiki shows;
- no paragraph of the plain text is longer than the page's longest source paragraph, so
  nothing left open swallows what follows it;
- every paragraph of the plain text before the change that MediaWiki showed before and
  still shows after (found in its visible text, whitespace collapsed) is still in the
  plain text after (alone, or run into the paragraph the opener went in, as MediaWiki
  may run them): markup left open costs the reader no more of the page than it costs
  MediaWiki.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from oracle import MediaWiki
from visible import headings

from fidelity_harness import (
    ARTICLES,
    article_title,
    chunks,
    expected_text,
    is_redirect,
    normalise,
    page_source,
    reader_outline,
)

# The openers the issue names, and templates left open as editors leave them.
OPENERS = ["''", "'''", "[[", "{{", "<span>", "{{lang|fr|", "{{cite web|url=", "[[File:X.jpg|"]
# Articles of a size MediaWiki renders quickly, whose structure the reader already keeps
# (the structure check runs on all of them).
ARTICLE_NAMES = sorted(
    path.stem
    for path in ARTICLES.glob("*.wiki")
    if 1500 < path.stat().st_size < 40_000 and not is_redirect(path.read_text(encoding="utf-8"))
)


@cache
def _article(name: str) -> tuple[str, str]:
    path = ARTICLES / f"{name}.wiki"
    return article_title(path), path.read_text(encoding="utf-8")


@cache
def _shown(mediawiki: MediaWiki, title: str, text: str) -> tuple[list[str], str]:
    html = mediawiki.parse(page_source(text, title), title=title, pst=False).html
    return [normalise(heading) for _, heading in headings(html)], expected_text(html)


@st.composite
def openers(draw: st.DrawFn) -> tuple[str, str, int]:
    """(article name, opener, where it goes in the article's text)."""
    name = draw(st.sampled_from(ARTICLE_NAMES))
    _, text = _article(name)
    opener = draw(st.sampled_from(OPENERS))
    position = draw(st.integers(0, len(text)))
    if draw(st.booleans()):
        # Alone on a line: at the start of the line the position is on.
        position = text.rfind("\n", 0, position) + 1
        opener += "\n"
    return name, opener, position


@pytest.mark.mediawiki
# Each example renders a whole page: a twentieth of the profile's examples.
@settings(max_examples=max(10, settings.default.max_examples // 20))
@given(case=openers())
@example(case=("infobox-parser__queen", "''", 0))
# Text reparsed on its own (":[[" after a link) started a definition there.
@example(case=("wtf__The-Field-of-Waterloo", "[[", 2285))
# A template's braces parted: the template and the line after it are one paragraph.
@example(case=("wtf__Senate_of_Pakistan", "''", 1))
def test_markup_left_open_costs_no_more_than_in_mediawiki(
    mediawiki: MediaWiki, case: tuple[str, str, int]
) -> None:
    name, opener, position = case
    title, before = _article(name)
    after = before[:position] + opener + before[position:]
    shown_headings, shown_after = _shown(mediawiki, title, after)
    _, shown_before = _shown(mediawiki, title, before)
    read_headings, paragraphs_after = reader_outline(after, title)
    _, paragraphs_before = reader_outline(before, title)
    assert [normalise(heading) for heading in read_headings] == shown_headings
    longest = max((len(chunk.text) for chunk in chunks(after)), default=0)
    assert all(len(paragraph) <= longest for paragraph in paragraphs_after)
    # (A paragraph may run on into the one the opener went in, in MediaWiki too.)
    kept = "\n".join(normalise(paragraph) for paragraph in paragraphs_after)
    lost = [
        paragraph
        for paragraph in map(normalise, paragraphs_before)
        if paragraph not in kept and paragraph in shown_before and paragraph in shown_after
    ]
    assert not lost, f"MediaWiki still shows these, the plain text lost them: {lost}"
