"""Edits that never destroy: each case an editor or a bot author met, run as they ran it
(the shell commands through the real command line where they used it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from wikiround import (
    ChangeKind,
    EditConflict,
    EditError,
    apply_edit,
    parse_wikitext_lossy,
    render_plaintext,
)

ARTICLES = Path(__file__).parent.parent / "data" / "articles"


def _shell(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash in ``folder``, ``wikiround`` being this checkout's."""
    prelude = f'wikiround() {{ "{sys.executable}" -m wikiround "$@"; }}\nset -e\n'
    return subprocess.run(
        ["bash", "-c", prelude + script],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PARAGRAPH = (
    "printf 'Alpha beta [[L|linked words]] gamma zeta eta.<ref name=\"r\">Source</ref> "
    "Theta iota kappa.<ref name=\"r\"/>\\n\\nMore.<ref name=\"r\"/>\\n' > p.wiki\n"
    "wikiround p.wiki --title T -o p.txt -q; sed -i '{edit}' p.txt\n"
    "wikiround p.txt --onto p.wiki --title T --strict > new.wiki\n"
)
ORIGINAL = (
    'Alpha beta [[L|linked words]] gamma zeta eta.<ref name="r">Source</ref> '
    'Theta iota kappa.<ref name="r"/>\n\nMore.<ref name="r"/>\n'
)


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        ("s/zeta/ZETA/; s/iota/IOTA/", [("zeta", "ZETA"), ("iota", "IOTA")]),
        ("s/Alpha/ALPHA/; s/gamma/GAMMA/", [("Alpha", "ALPHA"), ("gamma", "GAMMA")]),
    ],
)
def test_two_small_edits_in_one_paragraph_keep_what_lies_between(
    tmp_path: Path, edit: str, words: list[tuple[str, str]]
) -> None:
    done = _shell(PARAGRAPH.format(edit=edit), tmp_path)
    assert done.returncode == 0, done.stderr
    expected = ORIGINAL
    for old, new in words:
        expected = expected.replace(old, new, 1)
    assert (tmp_path / "new.wiki").read_text(encoding="utf-8") == expected


CHANGED_SINCE = (
    "printf 'Alpha beta.\\n\\nSecond paragraph.\\n' > v1.wiki; "
    "wikiround v1.wiki --title T -o e.txt -q\n"
    "sed -i 's/Second/2nd/' e.txt\n"
    "printf 'Alpha beta. Sentence added since.<ref>src</ref>\\n\\nSecond paragraph.\\n\\n"
    "New paragraph added since.\\n' > v2.wiki\n"
)


def test_an_edit_onto_a_page_changed_since_is_refused_without_its_base(tmp_path: Path) -> None:
    done = _shell(CHANGED_SINCE + "wikiround e.txt --onto v2.wiki --title T --strict", tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "v2.wiki: the edit was refused, nothing was written" in done.stderr
    assert "v2.wiki:1:34: construct lost: reference <ref>" in done.stderr


def test_with_its_base_the_edit_keeps_what_others_changed_since(tmp_path: Path) -> None:
    done = _shell(
        CHANGED_SINCE + "wikiround e.txt --onto v2.wiki --base v1.wiki --title T --strict",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Alpha beta. Sentence added since.<ref>src</ref>\n\n2nd paragraph.\n\n"
        "New paragraph added since.\n"
    )
    assert "v2.wiki:3:1: paragraph changed" in done.stderr


def test_an_edit_that_overlaps_a_change_made_since_is_a_conflict(tmp_path: Path) -> None:
    done = _shell(
        CHANGED_SINCE
        + "printf 'Alpha beta.\\n\\nThird paragraph.\\n' > v3.wiki\n"
        + "wikiround e.txt --onto v3.wiki --base v1.wiki --title T -o out.wiki",
        tmp_path,
    )
    assert done.returncode == 1
    assert not (tmp_path / "out.wiki").exists()
    assert "v3.wiki: the edit conflicts with changes made since v1.wiki" in done.stderr
    assert (
        "<<<<<<< page\nThird paragraph.\n||||||| base\nSecond paragraph.\n=======\n"
        "2nd paragraph.\n>>>>>>> edit\n"
    ) in done.stderr


def _page(stem: str) -> tuple[str, str]:
    title = stem.partition("__")[2].replace("-", " ")
    return title, (ARTICLES / f"{stem}.wiki").read_text(encoding="utf-8")


def test_another_page_s_text_is_not_an_edit_of_this_page(tmp_path: Path) -> None:
    _, marley = _page("infobox-parser__bob-marley")
    page = tmp_path / "Harry McPherson.wiki"
    page.write_text(_page("wtf__Harry-McPherson")[1], encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text(
        render_plaintext(parse_wikitext_lossy(marley, title="Bob Marley").article), "utf-8"
    )
    done = _shell(f"wikiround '{edited}' --onto '{page}' --title 'Harry McPherson'", tmp_path)
    assert done.returncode == 1
    assert "not an edit of this page: the edited article is 'Bob Marley'" in done.stderr
    # A plain file of the title alone would remove every paragraph and reference.
    edited.write_text("= Harry McPherson =\n", "utf-8")
    done = _shell(f"wikiround '{edited}' --onto '{page}' --title 'Harry McPherson'", tmp_path)
    assert done.returncode == 1
    assert "not an edit of this page: it would remove" in done.stderr
    done = _shell(
        f"wikiround '{edited}' --onto '{page}' --title 'Harry McPherson' --allow-loss -q",
        tmp_path,
    )
    assert done.returncode == 0 and "<ref" not in done.stdout.partition("==References==")[0]


def test_a_comment_in_bold_does_not_make_an_edit_rewrite_the_paragraph() -> None:
    text = "'''Ann<!--c--> Bee''' was the [[X|Y]] of Zland.\n"
    article = parse_wikitext_lossy(text, title="T").article
    edited = attrs.evolve(article, lead=(article.lead[0].replace("Zland", "Wland"),))
    result = apply_edit(text, edited, strict=True)
    assert result.wikitext == text.replace("Zland", "Wland")


def test_a_birth_date_edit_keeps_the_death_date_s_age_template_consistent() -> None:
    text = (
        "{{Infobox officeholder\n| name = Ann Bee\n| birth_date = {{birth date|1929|8|22}}\n"
        "| death_date = {{death date and age|2012|2|16|1929|8|22}}\n}}\nAnn Bee was.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.infobox is not None
    edited = attrs.evolve(
        article, infobox=article.infobox.with_value("birth_date", "August 23, 1929")
    )
    result = apply_edit(text, edited)
    assert result.wikitext == text.replace("|8|22}}", "|8|23}}")
    moved_year = attrs.evolve(article, infobox=article.infobox.with_value("birth_date", "1929"))
    with pytest.raises(EditError) as caught:
        apply_edit(text, moved_year)
    assert [change.kind for change in caught.value.changes] == [ChangeKind.DATE_INCONSISTENT]


def test_a_one_word_edit_of_athena_changes_one_line() -> None:
    # Athena's {{quote|…[{{lang|grc|…}}, ''[[Nous|noũs]]'']…}} once made the rest of the
    # page one 43 KB "paragraph", and a typo fix in it deleted most of the page.
    title, text = "Athena", (ARTICLES / "infobox-parser__athena.wiki").read_text("utf-8")
    article = parse_wikitext_lossy(text, title=title).article
    etymology = next(s for s in article.sections if s.heading == "Etymology")
    index, longest = max(enumerate(etymology.paragraphs), key=lambda item: len(item[1]))
    assert " the " in longest
    paragraphs = list(etymology.paragraphs)
    paragraphs[index] = longest.replace(" the ", " teh ", 1)
    sections = tuple(
        attrs.evolve(s, paragraphs=tuple(paragraphs)) if s is etymology else s
        for s in article.sections
    )
    result = apply_edit(text, attrs.evolve(article, sections=sections))
    before, after = text.split("\n"), result.wikitext.split("\n")
    assert len(before) == len(after)
    assert sum(old != new for old, new in zip(before, after, strict=True)) == 1


def test_a_paragraph_far_larger_than_it_shows_is_not_edited() -> None:
    # Where the read went wrong (a construct left open swallowing what follows), a
    # paragraph's source is far larger than its text: an edit of it is refused.
    text = "Short text.<!--" + "hidden " * 4000 + "-->\n\nNext.\n"
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead == ("Short text.", "Next.")
    edited = attrs.evolve(article, lead=("Short texts.", "Next."))
    with pytest.raises(EditError) as caught:
        apply_edit(text, edited)
    assert [change.kind for change in caught.value.changes] == [ChangeKind.TOO_BIG]
    assert "28018 characters of source for 11 shown" in str(caught.value)


def _lead_edit(text: str, old: str, new: str) -> str:
    article = parse_wikitext_lossy(text, title="T").article
    lead = tuple(paragraph.replace(old, new, 1) for paragraph in article.lead)
    return apply_edit(text, attrs.evolve(article, lead=lead)).wikitext


def test_a_sentence_appended_after_a_trailing_reference_goes_after_it() -> None:
    text = "He won.<ref>Gazette.</ref>\n"
    assert _lead_edit(text, "won.", "won. He lost later.") == (
        "He won.<ref>Gazette.</ref> He lost later.\n"
    )


def test_a_word_changed_in_a_piped_link_relabels_it() -> None:
    text = "He was a [[Special Teams|return specialist]] for years.\n"
    assert _lead_edit(text, "specialist", "specailist") == (
        "He was a [[Special Teams|return specailist]] for years.\n"
    )


def test_text_added_at_the_end_of_bold_or_italics_goes_inside() -> None:
    assert _lead_edit("'''Dan''' was here.\n", "Dan", "Danny") == "'''Danny''' was here.\n"
    assert _lead_edit("In ''Star'' it was.\n", "Star", "Stars") == "In ''Stars'' it was.\n"


def test_an_item_added_to_an_infobox_list_is_written_in_its_markup() -> None:
    text = (
        "{{Infobox officeholder\n| name = A\n| children = {{Hlist|Malia|Sasha}}\n"
        "| spouse = Corinne<br />Alex\n}}\nText.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.infobox is not None
    infobox = article.infobox.with_value("children", "Malia, Sasha, Bo")
    infobox = infobox.with_value("spouse", "Corinne, Alex, Bo")
    result = apply_edit(text, attrs.evolve(article, infobox=infobox))
    assert "| children = {{Hlist|Malia|Sasha|Bo}}\n" in result.wikitext
    assert "| spouse = Corinne<br />Alex<br />Bo\n" in result.wikitext


def test_a_deleted_paragraph_leaves_its_named_reference_to_a_reuse() -> None:
    text = (
        'First.<ref name="a">Source A.</ref>\n\nSecond.<ref name="a"/>\n\n'
        'Third.<ref name="a" />\n'
    )
    article = parse_wikitext_lossy(text, title="T").article
    result = apply_edit(text, attrs.evolve(article, lead=article.lead[1:]))
    assert result.wikitext == 'Second.<ref name="a">Source A.</ref>\n\nThird.<ref name="a" />\n'


def test_two_paragraphs_merged_keep_their_citation_needed() -> None:
    text = "One thing.{{citation needed|date=May 2020}}\n\nAnother thing.\n"
    article = parse_wikitext_lossy(text, title="T").article
    merged = attrs.evolve(article, lead=(" ".join(article.lead),))
    result = apply_edit(text, merged)
    assert "{{citation needed|date=May 2020}}" in result.wikitext
    assert parse_wikitext_lossy(result.wikitext, title="T").article.lead == merged.lead


def test_a_moved_paragraph_carries_its_source() -> None:
    text = "First [[a|one]].<ref>A.</ref>\n\nSecond ''two''.<ref>B.</ref>\n"
    article = parse_wikitext_lossy(text, title="T").article
    swapped = attrs.evolve(article, lead=article.lead[::-1])
    result = apply_edit(text, swapped)
    assert result.wikitext == "Second ''two''.<ref>B.</ref>\n\nFirst [[a|one]].<ref>A.</ref>\n"
    assert ChangeKind.PARAGRAPH_MOVED in [change.kind for change in result.changes]


def test_a_conflict_names_both_versions() -> None:
    base = "Alpha beta gamma.\n"
    page = "Alpha BETA gamma.\n"
    article = parse_wikitext_lossy(base, title="T").article
    edited = attrs.evolve(article, lead=("Alpha bet gamma.",))
    with pytest.raises(EditConflict) as caught:
        apply_edit(page, edited, base=base)
    (conflict,) = caught.value.conflicts
    assert conflict == (
        "<<<<<<< page\nAlpha BETA gamma.\n||||||| base\nAlpha beta gamma.\n=======\n"
        "Alpha bet gamma.\n>>>>>>> edit\n"
    )
    assert [change.kind for change in caught.value.changes] == [ChangeKind.CONFLICT]
    # Changes to other words of the same line merge.
    edited = attrs.evolve(article, lead=("Alpha beta delta.",))
    assert apply_edit(page, edited, base=base).wikitext == "Alpha BETA delta.\n"


def test_a_typo_fix_after_unbalanced_quotes_changes_one_line() -> None:
    # Warren G. Harding: ''Star'''s opened italics that the reader carried to the end of
    # the page, and a typo fix deleted most of it.
    text = (
        "He bought the ''Marion Star'''s shares in 1884.<ref>A.</ref>\n\n"
        "== Senate ==\nHe was elected in 1914.<ref>B.</ref>\n\n"
        "== Presidency ==\nHe was presidnet from 1921.<ref>C.</ref>\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert [section.heading for section in article.sections] == ["Senate", "Presidency"]
    presidency = article.sections[1]
    fixed = attrs.evolve(
        presidency, paragraphs=(presidency.paragraphs[0].replace("presidnet", "president"),)
    )
    result = apply_edit(text, attrs.evolve(article, sections=(article.sections[0], fixed)))
    assert result.wikitext == text.replace("presidnet", "president")
