"""The lossy reader on files and galleries: the captions readers see are paragraphs.

What MediaWiki shows for each form is checked against MediaWiki itself by the fidelity
corpus (tests/data/fidelity/cases/files.txt, galleries.txt); these tests pin the rules
the reader follows, and what the corpus cannot show (the test wiki has no files, so
options that depend on a file's type are pinned here only).
"""

from __future__ import annotations

import pytest

from wikiround.lossy import parse_wikitext_lossy
from wikiround.lossy._reader import read
from wikiround.report import Kind


def lead(source: str, **options: bool) -> tuple[str, ...]:
    return parse_wikitext_lossy(source, title="T", **options).article.lead


def entries(source: str, **options: bool) -> list[str]:
    return parse_wikitext_lossy(source, title="T", **options).report.lines()


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("[[File:X.jpg|thumb|Caption]]", ("Caption",)),
        ("[[Image:X.jpg|thumbnail|Caption]]", ("Caption",)),
        ("[[file:X.jpg|frame|Caption]]", ("Caption",)),
        ("[[File:X.jpg|framed|Caption]]", ("Caption",)),
        ("[[File:X.jpg|enframed|Caption]]", ("Caption",)),
        ("[[File:X.jpg|thumb=Y.jpg|Caption]]", ("Caption",)),
        (
            "[[File:X.jpg|thumb|upright|alt=Alt|link=Paris|class=c|200px|left|Caption]]",
            ("Caption",),
        ),
        # Only a thumbnail or a frame shows its caption.
        ("[[File:X.jpg|Caption]]", ()),
        ("[[File:X.jpg|frameless|Caption]]", ()),
        ("[[File:X.jpg|200px|right|border|Caption]]", ()),
        # The last parameter that is not an option is the caption; an empty one leaves none.
        ("[[File:X.jpg|thumb|First|Second]]", ("Second",)),
        ("[[File:X.jpg|thumb|Caption|]]", ()),
        ("[[File:X.jpg|thumb|Caption| alt=x ]]", ("Caption",)),
        # Options are matched case-sensitively, and validated as MediaWiki does.
        ("[[File:X.jpg|thumb|Thumb]]", ("Thumb",)),
        ("[[File:X.jpg|thumb|0px]]", ("0px",)),
        ("[[File:X.jpg|thumb|x200px]]", ()),
        ("[[File:X.jpg|thumb|200x300px]]", ()),
        ("[[File:X.jpg|thumb|upright=tall]]", ("upright=tall",)),
        ("[[File:X.jpg|thumb|upright=1.5]]", ()),
        ("[[File:X.jpg|thumb|Cap|link=]]", ("Cap",)),
        ("[[File:X.jpg|thumb|Cap|link=http://x.org]]", ("Cap",)),
        ("[[File:X.jpg|thumb|link=a[b]]", ("link=a[b",)),
        ("[[File:X.jpg|thumb|Cap|link=[[Paris]]|alt=a &amp; ''b'' <!-- c -->]]", ("Cap",)),
        # The first format given counts: a later one is a caption.
        ("[[File:X.jpg|thumb|Caption|frameless]]", ("frameless",)),
        ("[[File:X.jpg|frameless|thumb|Caption]]", ()),
        # {{!}} is a pipe before the link is split.
        ("[[File:X.jpg|thumb|a {{!}} b]]", ("b",)),
        # Options of a file's handler, by the name's extension.
        ("[[File:X.svg|thumb|Caption|lang=fr]]", ("Caption",)),
        ("[[File:X.jpg|thumb|Caption|lang=fr]]", ("lang=fr",)),
        ("[[File:X.pdf|thumb|Caption|page=2]]", ("Caption",)),
        ("[[File:X.jpg|thumb|Caption|page=2]]", ("page=2",)),
        ("[[File:X.ogv|thumb|Caption|thumbtime=0:05|start=1|end=2.5]]", ("Caption",)),
    ],
)
def test_which_parameter_is_the_caption(source: str, shown: tuple[str, ...]) -> None:
    assert lead(source) == shown


def test_a_caption_holds_links_formatting_and_references_read_on_its_own() -> None:
    source = "[[File:X.jpg|thumb|A '''[[Paris|capital]]''' view<ref>r</ref> of ''it]] c''"
    assert lead(source) == ("A capital view of it", "c")
    assert [entry.kind for entry in parse_wikitext_lossy(source, title="T").report] == [
        Kind.FILE,
        Kind.REFERENCE,
    ]


def test_a_file_that_is_a_block_ends_the_paragraphs_around_its_line() -> None:
    # As MediaWiki reads a line holding a <div>: the paragraph before it ends, the text
    # before and after the file on the line is a paragraph each, the next line starts anew.
    source = "One\ntwo [[File:X.jpg|thumb|Cap]] three\nfour\n\nFive [[File:Y.jpg|left|x]] six"
    assert lead(source) == ("One", "two", "Cap", "three", "four", "Five", "six")
    # A file inline shows nothing and breaks nothing.
    assert lead("One [[File:X.jpg|20px|icon]] two\nthree") == ("One two three",)


def test_in_a_list_item_or_a_quotation() -> None:
    assert lead("* item [[File:X.jpg|thumb|Listed]] more\n* next") == (
        "item",
        "Listed",
        "more",
        "next",
    )
    assert lead("<blockquote>a [[File:X.jpg|thumb|w]] b</blockquote>") == ("“a”", "“w”", "“b”")
    # A dropped list takes the files in its items with it.
    assert lead("* item [[File:X.jpg|thumb|Listed]]\nText", keep_lists=False) == ("Text",)


def test_inside_other_markup_a_caption_is_a_paragraph_too() -> None:
    assert lead("<span>a [[File:X.jpg|thumb|Cap]] b</span>") == ("a", "Cap", "b")
    assert lead("{{nowrap|a [[File:X.jpg|thumb|Cap]] b}}") == ("a", "Cap", "b")
    # Where a line holds no paragraphs, a caption reads as words between spaces.
    assert (
        parse_wikitext_lossy("== A [[File:X.jpg|thumb|Cap]] B ==", title="T")
        .article.sections[0]
        .heading
        == "A Cap B"
    )


def test_a_file_in_an_infobox_value_shows_nothing() -> None:
    source = (
        "{{Infobox officeholder\n| image = [[File:X.jpg|thumb|Caption]]\n| office = Mayor\n}}\n"
        "Text."
    )
    result = parse_wikitext_lossy(source, title="T")
    assert result.article.infobox is not None
    assert "image" not in result.article.infobox
    assert result.article.lead == ("Text.",)
    assert result.report.lines() == [
        "2:3: parameter: image (nothing left to show)",
        "2:11: file: File:X.jpg",
    ]


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            "<gallery>\nFile:A.jpg|One\nB.jpg|Two\nImage:C.jpg|Three\n</gallery>",
            ("One", "Two", "Three"),
        ),
        (
            "<gallery caption=\"The ''title''\" mode=\"packed\">\nA.jpg|One\n</gallery>",
            ("The title", "One"),
        ),
        ('<GALLERY mode="packed-hover">\nA.jpg|One\n</GALLERY>', ("One",)),
        # alt= and link= are options, and a size is not (per-image widths are not allowed).
        (
            "<gallery>\nA.jpg|alt=x|link=Paris|One\nB.jpg|One|100px\nC.jpg|alt=only\n</gallery>",
            ("One", "100px"),
        ),
        # Parameters are not trimmed before they are matched: " alt=x" is a caption.
        ("<gallery>\nA.jpg|One| alt=x\n</gallery>", ("alt=x",)),
        # Lines without a caption or whose name makes no title show nothing.
        (
            "<gallery>\n\nA.jpg\n|Nothing\n[[File:A.jpg]]|No\n<!-- c -->\nA%7Cb.jpg|No\n"
            "A%20b.jpg|Yes\n</gallery>",
            ("Yes",),
        ),
        ("<gallery>\nA.svg|One|lang=fr\nB.jpg|Two|lang=fr\n</gallery>", ("One", "lang=fr")),
        ("<gallery>\nA.jpg|a {{!}} b\n</gallery>", ("b",)),
        ("<gallery/>", ()),
    ],
)
def test_gallery_captions(source: str, shown: tuple[str, ...]) -> None:
    assert lead(source) == shown


def test_a_gallery_is_a_block() -> None:
    assert lead("Before <gallery>\nA.jpg|Mid\n</gallery> after\nnext") == (
        "Before",
        "Mid",
        "after",
        "next",
    )


def test_captions_and_galleries_can_be_left_out_and_are_reported_either_way() -> None:
    source = "One [[File:X.jpg|thumb|Cap]] two\n<gallery caption=T>\nA.jpg|Item\n</gallery>"
    assert lead(source) == ("One", "Cap", "two", "T", "Item")
    assert lead(source, keep_captions=False) == ("One", "two", "T", "Item")
    assert lead(source, keep_galleries=False) == ("One", "Cap", "two")
    assert lead(source, keep_captions=False, keep_galleries=False) == ("One", "two")
    reported = ["1:5: file: File:X.jpg", "2:1: gallery: <gallery>"]
    assert entries(source) == reported
    assert entries(source, keep_captions=False, keep_galleries=False) == reported


def test_each_caption_paragraph_says_where_it_comes_from() -> None:
    # What editing needs (wikiround.editing): the span of each paragraph (a caption's
    # is its source), and for a caption the construct that shows it and the caption's
    # own nodes.
    text = "Text [[File:X.jpg|thumb|A [[b]] c]] more\n<gallery>\nA.jpg|alt=x|One\n</gallery>"
    article, body = read(text, "T")
    assert article.lead == ("Text", "A b c", "more", "One")
    assert [text[start:end] for start, end in body.spans] == [
        "Text ",
        "A [[b]] c",
        " more",
        "One",
    ]
    assert [origin is None for origin in body.origins] == [True, False, True, False]
    file, gallery = body.origins[1], body.origins[3]
    assert file is not None and gallery is not None and file.caption and gallery.caption
    assert (file.kind, text[file.start : file.end]) == (Kind.FILE, text[5:35])
    assert file.caption.source == "A [[b]] c"
    assert (gallery.kind, text[gallery.start : gallery.end]) == (Kind.GALLERY, "A.jpg|alt=x|One")
    assert gallery.caption.source == "One"
    assert (gallery.before, gallery.after) == ("<gallery>\n", "\n</gallery>")


def test_captions_inside_other_markup_have_no_source_of_their_own() -> None:
    text = "<span>a [[File:X.jpg|thumb|Cap]] b</span>"
    article, body = read(text, "T")
    assert article.lead == ("a", "Cap", "b")
    assert body.spans == [(0, len(text))] * 3
    assert all(origin is not None and origin.caption is None for origin in body.origins)
    assert {(origin.start, origin.end) for origin in body.origins if origin} == {(8, 32)}
