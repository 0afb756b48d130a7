"""The lossy reader against MediaWiki on real pages, and the fidelity corpus's HTML.

- The fidelity corpus's expected text is MediaWiki's: the offline MediaWiki, given each
  case (its templates replaced by what the reader renders for them), still gives the HTML
  stored beside it (tests/data/fidelity/make_expected.py writes it).
- Every vendored article, source paragraph by source paragraph (fidelity_harness.chunks;
  references and templates handled as fidelity_harness.mediawiki_source says; a paragraph
  with a template the reader does not know is not judged), reads what MediaWiki shows,
  but for the paragraphs in tests/data/fidelity/known-article-disagreements.txt.
- Structure, for every vendored article and every page of the vendored dumps: the plain
  text's headings are the headings MediaWiki shows, and no paragraph is longer than the
  longest source paragraph of its page; but for the pages in
  tests/data/fidelity/known-structure-disagreements.txt.

Both lists can only shrink: a listed paragraph or page that now agrees fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from oracle import MediaWiki
from visible import headings

from fidelity_harness import (
    ARTICLES,
    KNOWN_ARTICLES,
    KNOWN_STRUCTURE,
    TITLE,
    all_cases,
    article_paragraphs,
    chunks,
    expected_text,
    normalise,
    page_source,
    read_known,
    reader_outline,
    reader_text,
    substitute_templates,
    vendored_pages,
)

ARTICLE_FILES = sorted(ARTICLES.glob("*.wiki"))
KNOWN_PARAGRAPHS = read_known(KNOWN_ARTICLES)
PAGES = list(vendored_pages())
KNOWN_PAGES = read_known(KNOWN_STRUCTURE)


@pytest.mark.mediawiki
def test_stored_html_is_what_mediawiki_gives(mediawiki: MediaWiki) -> None:
    stale = []
    for case in all_cases():
        source = substitute_templates(case.wikitext)
        assert source is not None, f"{case.id}: the reader does not know one of its templates"
        if mediawiki.parse(source, title=TITLE, pst=False).html != case.html:
            stale.append(case.id)
    assert not stale, f"run tests/data/fidelity/make_expected.py; changed: {stale}"


def test_the_lists_name_what_there_is() -> None:
    assert len(ARTICLE_FILES) >= 56 and len(PAGES) >= 900
    paragraphs = {p.id for path in ARTICLE_FILES for p in article_paragraphs(path)}
    assert KNOWN_PARAGRAPHS and set(KNOWN_PARAGRAPHS) <= paragraphs, sorted(
        set(KNOWN_PARAGRAPHS) - paragraphs
    )
    pages = {ident for ident, _, _ in PAGES}
    assert len(pages) == len(PAGES)
    # (The list of pages may be empty: every page has MediaWiki's structure.)
    assert KNOWN_STRUCTURE.is_file()
    assert set(KNOWN_PAGES) <= pages, sorted(set(KNOWN_PAGES) - pages)


@pytest.mark.mediawiki
@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda path: path.stem)
def test_article_paragraphs_read_what_mediawiki_shows(mediawiki: MediaWiki, path: Path) -> None:
    differ, now_agree = [], []
    for paragraph in article_paragraphs(path):
        if paragraph.source is None:
            continue
        html = mediawiki.parse(paragraph.source, title=paragraph.title, pst=False).html
        found, expected = reader_text(paragraph.text, paragraph.title), expected_text(html)
        known = KNOWN_PARAGRAPHS.get(paragraph.id)
        if known is None and found != expected:
            differ.append(f"{paragraph.id}:\n  MediaWiki: {expected!r}\n  plain text: {found!r}")
        elif known is not None and found == expected:
            now_agree.append(f"{paragraph.id} (line {known.line})")
    assert not differ, "paragraphs that differ from what MediaWiki shows:\n" + "\n".join(differ)
    assert not now_agree, (
        "paragraphs that now read what MediaWiki shows; take them off "
        f"{KNOWN_ARTICLES.name}: {now_agree}"
    )


@pytest.mark.mediawiki
@pytest.mark.parametrize(("ident", "title", "text"), PAGES, ids=[page[0] for page in PAGES])
def test_headings_and_paragraphs_keep_the_page_structure(
    mediawiki: MediaWiki, ident: str, title: str, text: str
) -> None:
    html = mediawiki.parse(page_source(text, title), title=title, pst=False).html
    shown = [normalise(heading) for _, heading in headings(html)]
    read, paragraphs = reader_outline(text, title)
    longest = max((len(chunk.text) for chunk in chunks(text)), default=0)
    problems = []
    if [normalise(heading) for heading in read] != shown:
        problems.append(f"headings: MediaWiki shows {shown}, the plain text has {read}")
    problems += [
        f"a paragraph of {len(p)} characters, the longest source paragraph has {longest}: "
        f"{p[:80]!r}…"
        for p in paragraphs
        if len(p) > longest
    ]
    known = KNOWN_PAGES.get(ident)
    if known is None:
        assert not problems, "\n".join(problems)
    else:
        assert problems, (
            f"{ident} now keeps its structure: take line {known.line} off {KNOWN_STRUCTURE.name}"
        )
