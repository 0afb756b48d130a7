"""On generated wikitext, the lossy reader's plain text reads what MediaWiki shows.

The wikitext comes from ``strategies.fidelity_documents``: paragraphs, headings, lists
and blockquotes made of words, links, bold and italics, external links with labels, bare
URLs, references, comments, entities, templates the reader knows and inline tags. Each of
the construct families the reader does not yet get right has a knob, off in
:data:`FAMILIES` below; turn one on when the reader is fixed for it (the fidelity corpus's
known disagreements, tests/data/fidelity/known-disagreements.txt, say what is left).

On now: tables, files, galleries, html_lists, stray_tags, unknown_tags,
html_headings, block_html, autonumbered_links, invalid_links, html5_entities, pre,
odd_headings, odd_apostrophes, comments_before_markers, glued_urls: every family.

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
    "html_lists": True,
    "stray_tags": True,
    "unknown_tags": True,
    "html_headings": True,
    "block_html": True,
    "autonumbered_links": True,
    "invalid_links": True,
    "html5_entities": True,
    "pre": True,
    "odd_headings": True,
    "odd_apostrophes": True,
    "comments_before_markers": True,
    "glued_urls": True,
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
# A reference's marker parts two runs of apostrophes; a comment does not (it is gone
# before MediaWiki reads bold and italics).
@example(text="'''a'''<ref>a</ref>'''a'''")
@example(text="'''a'''<!--c-->'''a'''")
# A closing tag that closes nothing, inside a tag (the tokenizer gave the tag up).
@example(text="<blockquote></s></blockquote>")
@example(text="a</div>[[Paris]]")
# What ends a bare URL or is part of it: a template, bold, character references.
@example(text="a http://example.org/0'''{{lang|fr|texte}}'''")
@example(text="a http://example.org/0&apos; http://example.org/1&NewLine;b")
# A link in a link's label is none; a caption ends at the first "]]" after a link in it.
@example(text="[[Paris|x [http://example.com/0 a] b]]")
@example(text="[[File:X.jpg|thumb|[[Paris|a&amp;]] [http://example.com/0 a]]]")
# A link's trail takes a glued URL's scheme: its ":" ends a definition's term.
@example(text="a\n; b [[Paris]]http://example.org/0 c: d")
def test_plain_text_reads_what_mediawiki_shows(mediawiki: MediaWiki, text: str) -> None:
    source = substitute_templates(text)
    assert source is not None, "the generator uses templates the reader knows"
    expected = expected_text(mediawiki.parse(source, pst=False).html)
    assert reader_text(text) == expected
