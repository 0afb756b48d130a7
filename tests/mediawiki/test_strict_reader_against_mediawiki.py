"""MediaWiki judges the strict reader: what it accepts must mean what it read.

Hand-written wikitext is generated from pieces of markup; whenever ``parse_wikitext``
accepts it, MediaWiki's parser must show exactly the article read: the infobox call
with its parameters, the headings and paragraphs and nothing else (no list, link,
comment-hidden text, HTML element…). What the reader refuses is not checked here.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from oracle import MediaWiki
from test_wikitext_against_mediawiki import check_wikitext_means

from strategies import MARKUP, SPACES
from wikiround import parse_wikitext
from wikiround.errors import ParseError

pytestmark = pytest.mark.mediawiki

TITLE = "Wikiround test page"
# Whole lines and tags that the markup pieces rarely build by chance.
_MORE = (
    "<div>",
    "</div>",
    "<span>",
    "<p>",
    "<pre>",
    "<noinclude>",
    "<includeonly>",
    "<onlyinclude>",
    "<!-- x -->",
    "\n\n",
    "\n== H ==\n",
    "\n=== Sub ===\n",
    "&lt;div&gt;",
    "<nowiki><div></nowiki>",
    "a",
    "b c",
    "Text",
)
_pieces = st.sampled_from((*MARKUP, *SPACES, *_MORE, "\n"))
_bodies = st.lists(_pieces, max_size=12).map("".join)
_values = st.lists(st.sampled_from((*MARKUP, *SPACES, "a", "b c", "<div>", "<!--")), max_size=5)


@st.composite
def _wikitext(draw: st.DrawFn) -> str:
    text = ""
    if draw(st.booleans()):
        lines = ["{{Infobox officeholder", "| name = N"]
        for index, pieces in enumerate(draw(st.lists(_values, max_size=3))):
            lines.append(f"| p{index} = {''.join(pieces)}")
        text = "\n".join(lines) + "\n}}\n"
    return text + draw(_bodies)


def check_strict_read(mediawiki: MediaWiki, wikitext: str) -> None:
    try:
        article = parse_wikitext(wikitext, title=TITLE)
    except ParseError:
        return
    check_wikitext_means(mediawiki, wikitext, article)


# What MediaWiki showed differently from the reader before it refused these.
@example("<!-- x")
@example("a <div><div><div> b")
@example("a </span> b")
@example("{{Infobox officeholder\n| name = N\n| p0 = <!--\n}}\nx")
@example("x\n\n== H ==\ny <br> z")
@example("===")
@example("{{Infobox officeholder\n| name = N\n| p0 = {{\n}}\n")
@example("{{Infobox officeholder\n| name = N\n| p0 = -{\n}}\n")
@example("|<nowiki>\n</nowiki>")
@example("\t{|")
@example("{{Infobox officeholder\n| name = N\n| p0 = ;\n}}\n")
@example("=\n\n==\n\n== H ==\n=")  # accepted: '=' and '==' alone are text
@example("{{Infobox officeholder\n| name = N\n| p0 = a{{!\u2028}}b\n}}\n")  # no {{!}}: no pipe
@given(wikitext=_wikitext())
def test_what_the_strict_reader_accepts_mediawiki_shows(
    mediawiki: MediaWiki, wikitext: str
) -> None:
    check_strict_read(mediawiki, wikitext)


def test_the_examples_are_refused(mediawiki: MediaWiki) -> None:
    # The examples above would pass by being refused: make sure that is why.
    refused = (
        "<!-- x",
        "a <div><div><div> b",
        "a </span> b",
        "x\n\n== H ==\ny <br> z",
        "===",
        "{{Infobox officeholder\n| name = N\n| p0 = {{\n}}\n",
        "{{Infobox officeholder\n| name = N\n| p0 = -{\n}}\n",
        "|<nowiki>\n</nowiki>",
        "\t{|",
        "{{Infobox officeholder\n| name = N\n| p0 = ;\n}}\n",
        "{{Infobox officeholder\n| name = N\n| p0 = a{{!\u2028}}b\n}}\n",
    )
    for text in refused:
        with pytest.raises(ParseError):
            parse_wikitext(text, title=TITLE)
