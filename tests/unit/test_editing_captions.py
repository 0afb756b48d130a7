"""Editing text that comes from a caption: a thumbnail's, a framed file's, a gallery's.

Such text is edited inside the caption (spliced as a paragraph is, else the caption is
written anew where that loses nothing), or the edit is refused with an ``EditError``
naming the file's line and column: the file link or the gallery around it is never
written anew.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wikiround import (
    ChangeKind,
    EditError,
    apply_edit,
    parse_plaintext,
    parse_wikitext_lossy,
    render_plaintext,
)
from wikiround._app._cli import main

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
TITLE = "T"


def plain(wikitext: str) -> str:
    return render_plaintext(parse_wikitext_lossy(wikitext, title=TITLE).article)


def edit(wikitext: str, old: str, new: str) -> tuple[str, list[str]]:
    """Replace ``old`` by ``new`` in the page's plain text (once) and apply that; the
    result reads back as the edited text."""
    text = plain(wikitext)
    assert text.count(old) == 1, text
    result = apply_edit(wikitext, text.replace(old, new), title=TITLE)
    again = parse_wikitext_lossy(result.wikitext, title=TITLE).article
    assert again == parse_plaintext(text.replace(old, new))
    return result.wikitext, [str(change) for change in result.changes]


def refusal(wikitext: str, old: str, new: str) -> str:
    """The one reason the edit is refused."""
    with pytest.raises(EditError) as raised:
        edit(wikitext, old, new)
    (change,) = raised.value.changes
    assert change.kind is ChangeKind.CANNOT_PLACE
    return str(change)


PAGE = "Intro.\n\n[[File:X.jpg|thumb|right|A [[Paris|capital]] view]]\nText after.\n"


def test_a_word_of_a_caption_is_changed_inside_the_caption() -> None:
    assert edit(PAGE, "capital view", "capital city view") == (
        PAGE.replace("]] view]]", "]] city view]]"),
        [
            "3:1: edited inside: file [[File:X.jpg|thumb|right|A [[Paris|capital]] view]] "
            "(in paragraph 2 of the lead)",
            "3:26: paragraph changed: paragraph 2 of the lead (inside its construct)",
        ],
    )


def test_a_removed_caption_leaves_its_file() -> None:
    assert edit(PAGE, "A capital view\n\n", "") == (
        PAGE.replace("|A [[Paris|capital]] view", ""),
        [
            "3:1: edited inside: file [[File:X.jpg|thumb|right|A [[Paris|capital]] view]] "
            "(in paragraph 2 of the lead)",
            "3:26: paragraph removed: paragraph 2 of the lead (inside its construct)",
        ],
    )
    # Taking the pipe too would make the parameter before it the caption.
    page = "Intro.\n\n[[File:X.jpg|thumb|First|Second]]\n"
    assert edit(page, "\n\nSecond", "")[0] == "Intro.\n\n[[File:X.jpg|thumb|First|]]\n"


def test_new_text_is_escaped_for_a_caption() -> None:
    # A pipe would split the link (so would {{!}}, expanded first).
    assert edit(PAGE, "A capital view", "A capital | view")[0] == PAGE.replace(
        "]] view]]", "]] &#124; view]]"
    )


def test_markup_inside_a_caption_is_kept_or_goes_with_its_text() -> None:
    page = "[[File:X.jpg|thumb|''Ab'']]\n"
    assert edit(page, "Ab", "Xy")[0] == "[[File:X.jpg|thumb|''Xy'']]\n"
    page = "[[File:X.jpg|thumb|[[Paris|Ab]] cd]]\n"
    wikitext, changes = edit(page, "Ab cd", "Ef")
    assert wikitext == "[[File:X.jpg|thumb|Ef]]\n"
    assert "1:20: deleted with its text: link [[Paris|Ab]] (in paragraph 1 of the lead)" in (
        changes
    )


def test_a_caption_that_cannot_show_the_text_is_refused_naming_the_file() -> None:
    assert refusal(PAGE, "A capital view", "link=Paris") == (
        "3:1: cannot be placed exactly: paragraph 2 of the lead (the file at 3:1: its "
        "caption cannot show the new text; the file is never written anew)"
    )


def test_text_around_a_file_in_a_line_is_edited_in_place() -> None:
    page = "Before [[File:X.jpg|thumb|Cap]] after.\n"
    assert edit(page, "after.", "after all.")[0] == page.replace("after.", "after all.")
    assert edit(page, "Before", "Earlier")[0] == page.replace("Before", "Earlier")
    assert edit(page, "Cap", "Caption")[0] == page.replace("Cap]]", "Caption]]")


def test_paragraphs_placed_beside_a_file_in_a_line_stay_apart() -> None:
    # The line holding the file ended the paragraphs before and after it: so it does
    # once the new paragraph has split it.
    page = "One.\nTwo [[File:X.jpg|thumb|Cap]] three\nfour\n"
    assert edit(page, "Two\n\nCap", "Two\n\nNew.\n\nCap")[0] == (
        "One.\n\nTwo \n\nNew.\n\n[[File:X.jpg|thumb|Cap]] three\n\nfour\n"
    )
    assert edit(page, "Cap\n\nthree", "Cap\n\nNew.\n\nthree")[0] == (
        "One.\n\nTwo [[File:X.jpg|thumb|Cap]] \n\nNew.\n\nthree\n\nfour\n"
    )
    page = "[[File:X.jpg|thumb|Cap]] \nText.\n"
    assert edit(page, "Cap\n\nText.", "Cap\n\nNew.\n\nText.")[0] == (
        "[[File:X.jpg|thumb|Cap]] \n\nNew.\n\nText.\n"
    )


GALLERY = '<gallery caption="Works">\nFile:A.jpg|alt=An a|One\nB.jpg|Two\n</gallery>\n'


def test_gallery_captions_are_edited_in_their_lines() -> None:
    assert edit(GALLERY, "One", "Uno") == (
        GALLERY.replace("|One", "|Uno"),
        [
            "2:1: edited inside: gallery File:A.jpg|alt=An a|One (in paragraph 2 of the lead)",
            "2:21: paragraph changed: paragraph 2 of the lead (inside its construct)",
        ],
    )
    assert edit(GALLERY, "Works", "All works")[0] == GALLERY.replace("Works", "All works")
    assert edit(GALLERY, "One\n\n", "")[0] == GALLERY.replace("|One", "")


def test_nothing_goes_between_two_captions_of_a_gallery() -> None:
    assert refusal(GALLERY, "One\n\n", "One\n\nNew.\n\n") == (
        "3:1: cannot be placed exactly: 'New.' (the gallery at 3:1: nothing can be placed "
        "between two captions of it; the gallery is never written anew)"
    )
    # Before and after the gallery is fine.
    assert edit(GALLERY, "Two", "Two\n\nNew.")[0] == GALLERY + "\nNew.\n"


def test_a_caption_moved_among_its_gallery_s_captions_moves_its_item_s_line() -> None:
    # Found by tools/edit_measure.py on Athena: two captions of a gallery swapped were
    # refused (nothing goes between two captions); the file shows with its caption.
    page = (
        "Intro.\n\n<gallery>\nA.jpg|First ''one''\nB.jpg|Second [[x]]\nC.jpg\nD.jpg|Four\n"
        "</gallery>\n"
    )
    text = plain(page)
    swapped = text.replace("First one\n\nSecond x", "Second x\n\nFirst one")
    result = apply_edit(page, swapped, title=TITLE, base=page)
    assert result.wikitext == page.replace(
        "A.jpg|First ''one''\nB.jpg|Second [[x]]\n", "B.jpg|Second [[x]]\nA.jpg|First ''one''\n"
    )
    assert [str(change) for change in result.changes] == [
        "4:1: paragraph moved: paragraph 3 of the lead (to here)",
        "5:7: paragraph moved: paragraph 3 of the lead (from here)",
    ]
    assert parse_wikitext_lossy(result.wikitext, title=TITLE).article == parse_plaintext(swapped)
    last = text.replace("Second x\n\nFour", "Four\n\nSecond x")
    assert apply_edit(page, last, title=TITLE).wikitext == page.replace(
        "B.jpg|Second [[x]]\nC.jpg\nD.jpg|Four\n", "D.jpg|Four\nB.jpg|Second [[x]]\nC.jpg\n"
    )
    # Moved out of its gallery, a caption leaves its file, as before.
    out = text.replace("First one\n\n", "").replace("Intro.", "First one\n\nIntro.")
    assert apply_edit(page, out, title=TITLE).wikitext == (
        "First ''one''\n\n" + page.replace("A.jpg|First ''one''", "A.jpg")
    )


def test_a_caption_inside_other_markup_is_refused() -> None:
    page = "<span>a [[File:X.jpg|thumb|Cap]] b</span>\n"
    for old, new in (("Cap", "Caption"), ("a\n\n", ""), ("b\n", "c\n"), ("b\n", "b\n\nNew.\n")):
        assert "(the file at 1:9: its text shares its line's source with the caption" in (
            refusal(page, old, new)
        )


def test_a_quoted_caption_is_edited_inside_its_quotes() -> None:
    page = "<blockquote>a [[File:X.jpg|thumb|Cap]] b</blockquote>\n"
    assert edit(page, "“Cap”", "“Caption”")[0] == page.replace("Cap]]", "Caption]]")


def test_no_edit_is_the_identity_with_captions_and_galleries() -> None:
    for name in ("presidentthing__George_Washington", "infobox-parser__athena", "wtf__Goryeo-ware"):
        text = (ARTICLES / f"{name}.wiki").read_text(encoding="utf-8")
        article = parse_wikitext_lossy(text, title=name).article
        assert apply_edit(text, article, title=name).wikitext == text
        assert apply_edit(text, render_plaintext(article), title=name).wikitext == text


def test_onto_refuses_with_the_file_s_line_and_column(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "T.wiki"
    page.write_text(GALLERY, encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text(plain(GALLERY).replace("One\n\n", "One\n\nNew.\n\n"), encoding="utf-8")
    out = tmp_path / "out.wiki"
    assert main([str(edited), "--onto", str(page), "-o", str(out)]) == 1
    assert (
        f"  {page}:3:1: cannot be placed exactly: 'New.' (the gallery at 3:1: nothing can "
        "be placed between two captions of it; the gallery is never written anew)\n"
    ) in capfd.readouterr().err
    assert not out.exists()
    # An edit inside a caption goes onto the page.
    edited.write_text(plain(GALLERY).replace("Two", "Deux"), encoding="utf-8")
    assert main([str(edited), "--onto", str(page), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == GALLERY.replace("Two", "Deux")
    assert f"{page}:3:7: paragraph changed: paragraph 3 of the lead" in capfd.readouterr().err
