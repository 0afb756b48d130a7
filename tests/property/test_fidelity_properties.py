"""On generated wikitext, the lossy reader's plain text reads what MediaWiki shows.

The wikitext comes from ``strategies.fidelity_documents``: paragraphs, headings, lists
and blockquotes made of words, links, bold and italics, external links with labels, bare
URLs, references, comments, entities, templates the reader knows and inline tags. Each of
the construct families the reader does not yet get right has a knob, off in
:data:`FAMILIES` below; turn one on when the reader is fixed for it (the fidelity corpus's
known disagreements, tests/data/fidelity/known-disagreements.txt, say what is left).

On now: tables, files, galleries.
Off: html_lists, stray_tags, unknown_tags, html_headings,
block_html, autonumbered_links, invalid_links, html5_entities, pre, odd_headings,
odd_apostrophes, comments_before_markers, glued_urls.

The comparison is the fidelity harness's (tests/fidelity_harness.py: templates replaced by
what the reader renders for them, the plain format's conventions applied to MediaWiki's
blocks, whitespace collapsed).
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from oracle import MediaWiki

from fidelity_harness import expected_text, reader_text, substitute_templates
from strategies import fidelity_documents

# One knob per construct family; True once the reader reads the family as MediaWiki shows it.
FAMILIES = {
    "tables": True,
    "files": True,
    "galleries": True,
    "html_lists": False,
    "stray_tags": False,
    "unknown_tags": False,
    "html_headings": False,
    "block_html": False,
    "autonumbered_links": False,
    "invalid_links": False,
    "html5_entities": False,
    "pre": False,
    "odd_headings": False,
    "odd_apostrophes": False,
    "comments_before_markers": False,
    "glued_urls": False,
}


@pytest.mark.mediawiki
# A quarter of the profile's examples: each one is a round trip to MediaWiki.
@settings(max_examples=max(50, settings.default.max_examples // 4))
@given(text=fidelity_documents(**FAMILIES))
# A no-break space at a quotation's edge is trimmed, as the reader trims a paragraph.
@example(text="<blockquote>[[Paris]]ian [[Paris|x,]] <s>&nbsp;</s></blockquote>")
@example(text="<blockquote><br /> '''&nbsp;'''[[Paris]]ian</blockquote>")
# Templates inside bold, links and quotations; a reference before a comma.
@example(text="'''{{lang|fr|gras}}''' [[Paris|{{nowrap|x}}]] a <ref>r</ref>, b")
@example(text="== {{lang|fr|Titre}} ==\n* {{birth date|1929|8|22}}\n: {{circa|1800}}")
# Tables: nested, indented, left open (MediaWiki closes it at the end).
@example(text="{|\n| a\n|\n{|\n! b !! c\n|}\n| d\n|}")
@example(text="::{|\n|+ Cap\n| a || b\n|}")
@example(text="Text.\n\n{|\n| a\nmore\n|-\n| b")
def test_plain_text_reads_what_mediawiki_shows(mediawiki: MediaWiki, text: str) -> None:
    source = substitute_templates(text)
    assert source is not None, "the generator uses templates the reader knows"
    expected = expected_text(mediawiki.parse(source, pst=False).html)
    assert reader_text(text) == expected
