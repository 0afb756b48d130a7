"""visible.py: the text a reader sees in MediaWiki's HTML.

The first tests read HTML that MediaWiki 1.39 gave for the wikitext named in each test
(stored, so that they run without MediaWiki); the last ones render with the offline
MediaWiki and check the same rules on what it gives now.
"""

from __future__ import annotations

import pytest
from oracle import MediaWiki
from visible import Block, collapse, headings, visible_blocks, visible_text

# {|\n|+ Cap\n|-\n! H1 !! H2\n|-\n| a || b\n|}
TABLE = """<table>
<caption>Cap
</caption>
<tbody><tr>
<th>H1</th>
<th>H2
</th></tr>
<tr>
<td>a</td>
<td>b
</td></tr></tbody></table>"""

# [[File:X.jpg|thumb|Caption text]]
THUMB = (
    '<div class="thumb tright"><div class="thumbinner" style="width:182px;"><a href="/wiki/'
    'File:X.jpg" title="File:X.jpg">File:X.jpg</a>  <div class="thumbcaption">Caption text'
    "</div></div></div>"
)

# [[File:X.jpg|frameless|Alt cap]]
FRAMELESS = '<p><a href="/wiki/File:X.jpg" title="File:X.jpg">Alt cap</a>\n</p>'

# <gallery mode=packed caption="Gal cap">\nFile:A.jpg|One\n</gallery>
GALLERY = """<ul class="gallery mw-gallery-packed">
\t<li class="gallerycaption">Gal cap</li>
\t\t<li class="gallerybox" style="width: 122px"><div style="width: 122px">
\t\t\t<div class="thumb" style="height: 120px;">A.jpg</div>
\t\t\t<div class="gallerytext">
<p>One
</p>
\t\t\t</div>
\t\t</div></li>
</ul>"""

# Hello [//example.com] and [http://a.org x] <ref>note</ref>\n\n== Sec ==\nText<references/>
REFERENCES = (
    '<p>Hello <a rel="nofollow" class="external autonumber" href="//example.com">[1]</a> '
    'and <a rel="nofollow" class="external text" href="http://a.org">x</a> '
    '<sup id="cite&#95;ref-1" class="reference"><a href="#cite_note-1">&#91;1&#93;</a></sup>\n'
    '</p>\n<h2><span class="mw-headline" id="Sec">Sec</span></h2><p>\nText</p>'
    '<div class="mw-references-wrap"><ol class="references">\n'
    '<li id="cite&#95;note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span> '
    '<span class="reference-text">note</span>\n</li>\n</ol></div>'
)

# __TOC__\n==A==\nx\n==B==\ny (shortened: two of the four sections)
TOC = (
    '<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading">'
    '<input type="checkbox" role="button" id="toctogglecheckbox" class="toctogglecheckbox" '
    'style="display:none" /><div class="toctitle" lang="en" dir="ltr">'
    '<h2 id="mw-toc-heading">Contents</h2><span class="toctogglespan">'
    '<label class="toctogglelabel" for="toctogglecheckbox"></label></span></div>\n<ul>\n'
    '<li class="toclevel-1 tocsection-1"><a href="#A"><span class="tocnumber">1</span> '
    '<span class="toctext">A</span></a></li>\n'
    '<li class="toclevel-1 tocsection-2"><a href="#B"><span class="tocnumber">2</span> '
    '<span class="toctext">B</span></a></li>\n</ul>\n</div>\n\n'
    '<h2><span class="mw-headline" id="A">A</span></h2>\n<p>x\n</p>\n'
    '<h2><span class="mw-headline" id="B">B</span></h2>\n<p>y\n</p>'
)

# a ''b\n\nc''
ITALIC_ACROSS = "<p>a <i>b</i>\n</p><p>c<i></i>\n</p>"

# * a\n*\n* b
EMPTY_ITEM = '<ul><li>a</li>\n<li class="mw-empty-elt"></li>\n<li>b</li></ul>'

# <pre>a &amp; <b>b</b>\n  c</pre>
PRE = "<pre>a &amp; &lt;b&gt;b&lt;/b&gt;\n  c</pre>"

# [[:File:X.jpg|text]] [[Media:X.jpg|m]]
FILE_PAGE_LINKS = (
    '<p><a href="/w/index.php?title=File:X.jpg&amp;action=edit&amp;redlink=1" class="new" '
    'title="File:X.jpg (page does not exist)">text</a> <a href="/w/index.php?title=Special:'
    'Upload&amp;wpDestFile=X.jpg" class="new" title="X.jpg">m</a>\n</p>'
)

# =foo==
EXTRA_EQUALS = '<h1><span id="foo.3D"></span><span class="mw-headline" id="foo=">foo=</span></h1>'

# &zwnj;&vert;&apos;&foo;&#x41;&#65;
ENTITIES = "<p>&#8204;&#124;&#39;&amp;foo;&#x41;&#65;\n</p>"


def test_table_cells_and_caption_are_blocks() -> None:
    blocks = visible_blocks(TABLE)
    assert [b.text for b in blocks] == ["Cap", "H1", "H2", "a", "b"]
    assert blocks[0].tags == ("table", "caption")
    assert blocks[3].tags == ("table", "tbody", "tr", "td")
    # Cells of one row share the row; the rows differ.
    assert blocks[1].inside("tr") == blocks[2].inside("tr") != blocks[3].inside("tr")


def test_thumbnail_shows_its_caption_not_the_file() -> None:
    assert visible_text(THUMB) == "Caption text"


def test_other_files_show_nothing() -> None:
    assert visible_text(FRAMELESS) == ""


def test_gallery_shows_captions_not_file_names() -> None:
    assert visible_text(GALLERY) == "Gal cap\nOne"


def test_references_hidden_autonumber_kept() -> None:
    assert visible_text(REFERENCES) == "Hello [1] and x\nSec\nText"
    assert headings(REFERENCES) == [(2, "Sec")]


def test_table_of_contents_hidden() -> None:
    assert visible_text(TOC) == "A\nx\nB\ny"
    assert headings(TOC) == [(2, "A"), (2, "B")]


def test_paragraph_break_is_a_boundary() -> None:
    assert visible_text(ITALIC_ACROSS) == "a b\nc"
    assert collapse(visible_text(ITALIC_ACROSS)) == "a b c"


def test_empty_list_item_hidden() -> None:
    assert visible_text(EMPTY_ITEM) == "a\nb"


def test_pre_lines_kept_entities_decoded() -> None:
    assert visible_text(PRE) == "a & <b>b</b>\nc"


def test_links_to_file_pages_are_shown() -> None:
    assert visible_text(FILE_PAGE_LINKS) == "text m"


def test_extra_equals_belong_to_the_heading() -> None:
    assert headings(EXTRA_EQUALS) == [(1, "foo=")]


def test_entities_decoded() -> None:
    assert visible_text(ENTITIES) == "\u200c|'&foo;AA"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ('<span style="display:none">h</span>v', "v"),
        ('<span style="COLOR:red; Display : None !important">h</span>v', "v"),
        ('<span style="display:nonesuch">h</span>v', "hv"),
        ("<style>.a{}</style><script>x()</script>v", "v"),
        ('<span class="mw-editsection">[edit]</span>v', "v"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<p>a  \t b</p>", "a b"),
        ("<p>a&#160; b</p>", "a\xa0 b"),  # a no-break space is text to HTML
        ("<p>\xa0</p>x", "x"),
        ("ab<div>cd</div>ef", "ab\ncd\nef"),
        ("a<b>b</b>c", "abc"),
        ("<hr />x", "x"),
        ("<div>a</span>b</div>", "ab"),  # a stray end tag closes nothing
    ],
)
def test_rules(html: str, text: str) -> None:
    assert visible_text(html) == text


def test_block_paths_tell_elements_apart() -> None:
    blocks = visible_blocks("<blockquote><p>a</p><p>b</p></blockquote><blockquote>c</blockquote>")
    assert [b.text for b in blocks] == ["a", "b", "c"]
    first, second, third = (b.inside("blockquote") for b in blocks)
    assert first == second != third
    assert blocks[0] == Block("a", blocks[0].path)


def test_heading_broken_by_line_break_is_one_heading() -> None:
    assert headings("<h3>a<br>b</h3><p>c</p>") == [(3, "a b")]


@pytest.mark.mediawiki
@pytest.mark.parametrize(
    ("wikitext", "text"),
    [
        ("{|\n|+ Cap\n! H\n|-\n| a || b\n|}", "Cap\nH\na\nb"),
        ("[[File:X.jpg|thumb|Caption text]]", "Caption text"),
        ("[[File:X.jpg|frame|Framed]]", "Framed"),
        ("[[File:X.jpg|frameless|Alt]] [[File:X.jpg|20px|Alt]] [[Image:X.jpg]]", ""),
        ("<gallery caption=Title>\nFile:A.jpg|One\nB.jpg\n</gallery>", "Title\nOne"),
        ("Hi [//example.com] [http://a.org x]<ref>note</ref>.", "Hi [1] x."),
        ("a<ref name=n>r</ref> b<ref name=n/>\n<references/>", "a b"),
        ("__TOC__\n==A==\n==B==\n==C==\n==D==", "A\nB\nC\nD"),
        ("* a\n*\n* b", "a\nb"),
        ("<ul><li>One</li><li>Two</li></ul>", "One\nTwo"),
        ('<span style="display:none">h</span>v', "v"),
        ("[[:File:X.jpg|page]] [[Media:X.jpg|m]]", "page m"),
        ("a''..\n\n..b''", "a..\n..b"),
        ("x<pre>junk</pre>", "x\njunk"),
        ("&zwnj;&vert;&apos;&foo;&#x41;", "\u200c|'&foo;A"),
        ("<boo>x</boo>", "<boo>x</boo>"),
    ],
)
def test_on_mediawiki_output(mediawiki: MediaWiki, wikitext: str, text: str) -> None:
    assert visible_text(mediawiki.parse(wikitext).html) == text


@pytest.mark.mediawiki
def test_headings_on_mediawiki_output(mediawiki: MediaWiki) -> None:
    html = mediawiki.parse("=foo==\n<h3 id=a>odd</h3>\n======= Seven =======\n== A ==").html
    assert headings(html) == [(1, "foo="), (3, "odd"), (6, "= Seven ="), (2, "A")]
