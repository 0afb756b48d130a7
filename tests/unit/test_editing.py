"""apply_edit: an edit lands on the original wikitext and touches nothing else."""

from __future__ import annotations

import difflib
from pathlib import Path

import attrs
import pytest

from edit_scripts import lost_constructs
from wikiround import (
    ChangeKind,
    Edit,
    EditError,
    Section,
    apply_edit,
    parse_wikitext_lossy,
    render_plaintext,
)

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
MCPHERSON = (ARTICLES / "wtf__Harry-McPherson.wiki").read_text(encoding="utf-8")
TITLE = "Harry McPherson"


def _read(text: str = MCPHERSON):  # type: ignore[no-untyped-def]
    return parse_wikitext_lossy(text, title=TITLE).article


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_no_edit_gives_the_original_back() -> None:
    article = _read()
    assert apply_edit(MCPHERSON, article).wikitext == MCPHERSON
    assert apply_edit(MCPHERSON, render_plaintext(article), title=TITLE).wikitext == MCPHERSON
    assert apply_edit(MCPHERSON, article).changes == ()


def test_the_issue_example_changes_one_line() -> None:
    text = render_plaintext(_read())
    edited = text.replace("- Term Start: February 11, 1966", "- Term Start: February 12, 1966")
    result = apply_edit(MCPHERSON, edited, title=TITLE)
    assert _diff(MCPHERSON, result.wikitext) == [
        "-|term_start   = February 11, 1966",
        "+|term_start   = February 12, 1966",
    ]
    (change,) = result.changes
    assert change.kind is ChangeKind.PARAMETER_CHANGED
    assert (change.target, change.line, change.column) == ("term_start", 7, 17)
    assert str(change).startswith("7:17: parameter changed: term_start")


def _infobox_edit(infobox):  # type: ignore[no-untyped-def]
    article = _read()
    return apply_edit(MCPHERSON, attrs.evolve(article, infobox=infobox(article.infobox)))


def test_a_link_whose_shown_text_changed_is_relabelled_and_the_others_kept() -> None:
    result = _infobox_edit(lambda box: box.with_value("birth_place", "Tyler, Texas, United States"))
    assert _diff(MCPHERSON, result.wikitext) == [
        "-|birth_place  = [[Tyler, Texas|Tyler]], [[Texas]], [[United States|U.S.]]",
        "+|birth_place  = [[Tyler, Texas|Tyler]], [[Texas]], [[United States]]",
    ]
    kinds = [change.kind for change in result.changes]
    assert kinds == [ChangeKind.PARAMETER_CHANGED, ChangeKind.LINK_RELABELLED]
    assert result.changes[1].target == "link [[United States|U.S.]]"
    assert not result.warnings
    result = _infobox_edit(lambda box: box.with_value("president", "Lyndon B. Johnson"))
    assert "|president    = [[Lyndon B. Johnson]]\n" in result.wikitext


def test_a_date_template_is_rewritten_as_the_same_template() -> None:
    result = _infobox_edit(lambda box: box.with_value("birth_date", "August 23, 1929"))
    # The age template of the death date holds the birth date too: it changes with it.
    assert _diff(MCPHERSON, result.wikitext) == [
        "-|birth_date   = {{birth date|1929|8|22}}",
        "+|birth_date   = {{birth date|1929|8|23}}",
        "-|death_date   = {{nowrap|{{death date and age|2012|2|16|1929|8|22}}}}",
        "+|death_date   = {{nowrap|{{death date and age|2012|2|16|1929|8|23}}}}",
    ]
    assert ChangeKind.DATE_REWRITTEN in [change.kind for change in result.changes]
    assert not result.warnings


def test_a_removed_parameter_takes_its_line_and_nothing_else() -> None:
    result = _infobox_edit(lambda box: box.without("predecessor1"))
    assert _diff(MCPHERSON, result.wikitext) == [
        "-|predecessor1 = [[Lucius D. Battle|Lucius Battle]]"
    ]
    assert result.changes[0].kind is ChangeKind.PARAMETER_REMOVED


def test_a_new_office_block_goes_after_the_last_one_in_catalogue_order() -> None:
    result = _infobox_edit(
        lambda box: box.with_value("term_end2", "1970").with_value("office2", "Foo")
    )
    assert _diff(MCPHERSON, result.wikitext) == [
        "+|office2      = Foo",
        "+|term_end2    = 1970",
    ]
    lines = result.wikitext.splitlines()
    assert lines[lines.index("|office2      = Foo") - 1].startswith("|successor1")


def test_a_new_field_of_an_existing_block_goes_into_it() -> None:
    result = _infobox_edit(lambda box: box.with_value("vicepresident1", "Hubert Humphrey"))
    lines = result.wikitext.splitlines()
    index = lines.index("|vicepresident1 = Hubert Humphrey")
    # In office1's block, where the catalogue lists it (after the term dates).
    assert lines[index - 1].startswith("|term_end1")
    assert lines[index + 1].startswith("|predecessor1")
    assert len(_diff(MCPHERSON, result.wikitext)) == 1


def test_a_value_is_escaped_as_the_writer_escapes_it() -> None:
    result = _infobox_edit(lambda box: box.with_value("party", "Democratic | [[x]]"))
    assert (
        "|party        = [[Democratic Party (United States)|Democratic]] {{!}} &#91;[x&#93;]"
        in result.wikitext
    )
    assert _read(result.wikitext).infobox.get("party") == "Democratic | [[x]]"


def test_a_changed_word_in_a_paragraph_keeps_its_references_and_links() -> None:
    article = _read()
    section = article.sections[0]
    paragraph = section.paragraphs[0].replace("Tyler", "Dallas", 1)
    edited = attrs.evolve(
        article,
        sections=(
            attrs.evolve(section, paragraphs=(paragraph, *section.paragraphs[1:])),
            *article.sections[1:],
        ),
    )
    result = apply_edit(MCPHERSON, edited)
    removed, added = _diff(MCPHERSON, result.wikitext)
    assert removed[1:].replace("Tyler", "Dallas", 1) == added[1:]
    assert '<ref name="dcbar.org">' in added and "[[Columbia University]]" in added
    assert [change.kind for change in result.changes] == [ChangeKind.PARAGRAPH_CHANGED]


def test_sections_added_renamed_and_removed() -> None:
    article = _read()
    first = article.sections[0]
    edited = attrs.evolve(
        article,
        sections=(
            attrs.evolve(first, heading="Early years"),
            *article.sections[1:],
            Section("Legacy", 2, ("He is remembered.",)),
        ),
    )
    result = apply_edit(MCPHERSON, edited)
    assert "==Early years==" in result.wikitext
    assert "== Legacy ==\nHe is remembered.\n" in result.wikitext
    # The new section goes before the reference sections the reader leaves out.
    assert result.wikitext.index("== Legacy ==") < result.wikitext.index("==References==")
    assert _read(result.wikitext) == edited
    removed = apply_edit(MCPHERSON, attrs.evolve(article, sections=article.sections[1:]))
    assert _read(removed.wikitext) == attrs.evolve(article, sections=article.sections[1:])
    kinds = [change.kind for change in removed.changes]
    assert kinds[0] is ChangeKind.SECTION_REMOVED
    assert ChangeKind.REMOVED_WITH in kinds


def test_paragraphs_added_and_removed_between_their_neighbours() -> None:
    article = _read()
    edited = attrs.evolve(article, lead=(*article.lead, "Another lead paragraph."))
    result = apply_edit(MCPHERSON, edited)
    assert _diff(MCPHERSON, result.wikitext) == ["+", "+Another lead paragraph."]
    assert _read(result.wikitext) == edited
    section = article.sections[0]
    fewer = attrs.evolve(
        article,
        sections=(attrs.evolve(section, paragraphs=section.paragraphs[1:]), *article.sections[1:]),
    )
    result = apply_edit(MCPHERSON, fewer)
    assert _read(result.wikitext) == fewer
    # The paragraph and its blank line; and the definition of a named reference it held
    # moves to the first reuse left (a reuse without it is an error on the page).
    removed, blank, was, now = _diff(MCPHERSON, result.wikitext)
    assert removed.startswith("-McPherson was born") and blank == "-"
    assert was.endswith('<ref name="dcbar.org"/>') and now.endswith("work=dcbar.org}}</ref>")
    assert now.count('<ref name="dcbar.org">') == 1
    # Listed where the definition went (found by the property tests on George
    # Washington: listed where it came from, the changed line had no change listed).
    moved = [c for c in result.changes if c.kind is ChangeKind.REFERENCE_MOVED]
    assert [(c.target, c.line) for c in moved] == [("<ref name=dcbar.org>", 30)]
    assert "from line 27" in moved[0].detail


CONVERTED = """{{Infobox officeholder
| name   = Jane Roe
| weight = {{convert|114|lb|kg|abbr=on}}
}}
Text.
"""


def test_a_change_inside_a_template_s_own_text_is_refused_unless_loss_is_allowed() -> None:
    article = parse_wikitext_lossy(CONVERTED, title="T").article
    assert article.infobox is not None
    shown = article.infobox.get("weight")
    assert shown is not None and shown.startswith("114 lb")
    edited = attrs.evolve(
        article, infobox=article.infobox.with_value("weight", shown.replace("lb", "pounds"))
    )
    with pytest.raises(EditError) as caught:
        apply_edit(CONVERTED, edited)
    (reason,) = caught.value.changes
    assert (reason.kind, reason.line, reason.column) == (ChangeKind.CANNOT_PLACE, 3, 12)
    assert str(caught.value) == (
        "the edit was refused, nothing was written: 3:12: cannot be placed exactly: the edit "
        "changes part of the text of template {{convert|114|lb|kg|abbr=on}}, which it cannot "
        "change inside (in weight)"
    )
    result = apply_edit(CONVERTED, edited, allow_loss=True)
    assert "| weight = " + shown.replace("lb", "pounds") + "\n" in result.wikitext
    assert [change.kind for change in result.warnings] == [ChangeKind.MARKUP_REPLACED]
    assert result.summary() == "2 changes (1 warning)"
    with pytest.raises(EditError, match="without replacing markup") as caught:
        apply_edit(CONVERTED, edited, allow_loss=True, strict=True)
    assert caught.value.changes == result.warnings


def test_a_paragraph_rewritten_whole_keeps_what_shows_nothing() -> None:
    text = "Intro with a [[link]] and ''style''.<ref>Source</ref>\n\nSecond paragraph.\n"
    article = parse_wikitext_lossy(text, title="T").article
    edited = attrs.evolve(article, lead=("Something else entirely", article.lead[1]))
    result = apply_edit(text, edited)
    # The link and the italics went with their text; the reference stays.
    assert result.wikitext == "Something else entirely<ref>Source</ref>\n\nSecond paragraph.\n"
    deleted = [c.target for c in result.changes if c.kind is ChangeKind.DELETED_AS_TEXT]
    assert deleted == ["link [[link]]"]
    assert not result.warnings


def test_an_infobox_is_added_to_a_page_without_one() -> None:
    text = "Just a paragraph.\n"
    article = parse_wikitext_lossy(text, title="T").article
    from wikiround import Infobox, Parameter

    edited = attrs.evolve(article, infobox=Infobox([Parameter("office", "Mayor")], name="T"))
    result = apply_edit(text, edited)
    assert result.wikitext.endswith("}}\nJust a paragraph.\n")
    assert parse_wikitext_lossy(result.wikitext, title="T").article == edited


def test_wrong_argument_types_are_refused() -> None:
    with pytest.raises(TypeError):
        apply_edit(b"x", "= T =\n")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        apply_edit("x", 3)  # type: ignore[arg-type]


def test_the_summary_counts_changes_and_warnings() -> None:
    assert apply_edit(MCPHERSON, _read()).summary() == "no change"
    result = _infobox_edit(lambda box: box.with_value("president", "Lyndon B. Johnson"))
    assert result.summary() == "2 changes"


def test_a_lossy_read_is_not_written_as_wikitext_unless_allowed() -> None:
    from wikiround import RenderError, parse_plaintext, render_wikitext

    article = _read()
    edited = attrs.evolve(article, lead=("Changed.",))  # the mark survives edits
    for lossy in (article, edited):
        with pytest.raises(RenderError, match="apply_edit"):
            render_wikitext(lossy)
    assert "<ref" not in render_wikitext(article, allow_loss=True)
    # Articles from plain text (or anywhere else) are written as always.
    assert render_wikitext(parse_plaintext(render_plaintext(article)))


def test_the_typed_view_offers_the_next_office_and_suggests_names() -> None:
    from wikiround import ModelError, Office, parse_date

    view = _read().infobox.officeholder  # type: ignore[union-attr]
    assert view.next_office_suffix() == "2"
    date = parse_date("February 12, 1966")
    assert date is not None
    assert Office().with_field("term_start", date).get("term_start") == "February 12, 1966"
    with pytest.raises(ModelError, match="did you mean 'term_start'"):
        Office(suffix="2").with_field("term_strat", "x")
    with pytest.raises(ModelError, match="did you mean 'term_start'"):
        Office(suffix="2").with_field("term_start2", "x")


def test_a_typed_date_edit_rewrites_the_date_template() -> None:
    from wikiround import parse_date

    article = _read()
    view = article.infobox.officeholder  # type: ignore[union-attr]
    birth = parse_date(view.personal.get("birth_date") or "")
    assert birth is not None
    personal = view.personal.with_field("birth_date", attrs.evolve(birth, day=23))
    edited = attrs.evolve(article, infobox=view.with_personal(personal).to_infobox())
    result = apply_edit(MCPHERSON, edited)
    assert _diff(MCPHERSON, result.wikitext) == [
        "-|birth_date   = {{birth date|1929|8|22}}",
        "+|birth_date   = {{birth date|1929|8|23}}",
        "-|death_date   = {{nowrap|{{death date and age|2012|2|16|1929|8|22}}}}",
        "+|death_date   = {{nowrap|{{death date and age|2012|2|16|1929|8|23}}}}",
    ]


def test_a_change_on_a_later_line_of_a_paragraph_is_reported_there() -> None:
    # Found by the property tests on George W. Bush, "Foreign policy": the paragraph
    # starts a line before the word that changed.
    text = "A paragraph over\ntwo lines with a word.\n"
    article = parse_wikitext_lossy(text, title="T").article
    edited = attrs.evolve(article, lead=("A paragraph over two lines with a term.",))
    result = apply_edit(text, edited)
    assert result.wikitext == "A paragraph over\ntwo lines with a term.\n"
    (change,) = result.changes
    assert (change.line, change.column) == (2, 18)


def test_a_change_inside_italic_text_keeps_the_italics() -> None:
    text = "Taft wrote in ''Myers v. United States'' that Congress could not.\n"
    article = parse_wikitext_lossy(text, title="T").article
    edited = attrs.evolve(
        article, lead=("Taft wrote in Myers v. the United States that Congress could not.",)
    )
    result = apply_edit(text, edited)
    assert result.wikitext == (
        "Taft wrote in ''Myers v. the United States'' that Congress could not.\n"
    )
    assert not result.warnings


def test_removing_a_subsection_and_the_last_section_does_not_overlap() -> None:
    # Found by the property tests (stress profile): the pairing removes a level-3
    # heading and the last level-2 heading one by one; the last one, at the end of the
    # page, also took the line breaks the first removal had taken.
    text = "== A ==\n\n=== A ===\n\n== A ==\n"
    article = parse_wikitext_lossy(text, title="T").article
    edited = attrs.evolve(article, sections=article.sections[1:])
    result = apply_edit(text, edited)
    assert result.wikitext == "== A ==\n"
    assert [change.kind for change in result.changes] == [ChangeKind.SECTION_REMOVED] * 2
    again = parse_wikitext_lossy(result.wikitext, title="T").article
    assert again.sections == edited.sections


def test_a_changed_paragraph_with_an_identical_twin_is_changed_in_place() -> None:
    # Found by the property tests (stress profile): of two identical paragraphs, the
    # first changed; the block diff kept the first and showed the change as a paragraph
    # added before it and the second removed, so the changed line had no change listed.
    text = "== A ==\n0||&#125;}||||\n\n0||&#125;}||||\n"
    article = parse_wikitext_lossy(text, title="T").article
    (section,) = article.sections
    assert section.paragraphs == ("0||}}||||", "0||}}||||")
    edited = attrs.evolve(
        article, sections=(attrs.evolve(section, paragraphs=("Rewritten.", "0||}}||||")),)
    )
    result = apply_edit(text, edited)
    assert result.wikitext == "== A ==\nRewritten.\n\n0||&#125;}||||\n"
    assert [
        (change.kind, change.line) for change in result.changes if not change.kind.is_warning
    ] == [(ChangeKind.PARAGRAPH_CHANGED, 2)]


def test_removing_a_quotation_keeps_the_paragraphs_around_it_apart() -> None:
    # Found by the property tests on John Quincy Adams, "Foreign policies": the
    # quotation starts on the line after the paragraph that introduces it; taking it
    # away with the blank line after it joined that paragraph and the next one.
    text = (
        "He gave an address to Congress:\n"
        "<blockquote>She goes not abroad, in search of monsters to destroy.</blockquote>\n"
        "\n"
        "During his term, Adams achieved little.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert len(article.lead) == 3
    edited = attrs.evolve(article, lead=(article.lead[0], article.lead[2]))
    result = apply_edit(text, edited)
    assert result.wikitext == (
        "He gave an address to Congress:\n\nDuring his term, Adams achieved little.\n"
    )
    assert parse_wikitext_lossy(result.wikitext, title="T").article.lead == edited.lead
    assert [(change.kind, change.line) for change in result.changes] == [
        (ChangeKind.PARAGRAPH_REMOVED, 2)
    ]


def test_a_paragraph_added_after_a_quotation_stands_apart_from_text_on_its_line() -> None:
    # Found by a randomized run of the property tests on Richard Nixon: the paragraph
    # after a quotation starts on the quotation's own line, after "</blockquote> ".
    # A paragraph added between the two ran on into that paragraph.
    text = (
        "Nixon said:\n"
        "<blockquote>Not me. No way.</blockquote> When told, Nixon replied.\n"
        "\n"
        "Last words.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert len(article.lead) == 4
    lead = (*article.lead[:2], "A new paragraph about reform.", *article.lead[2:])
    edited = attrs.evolve(article, lead=lead)
    result = apply_edit(text, edited)
    assert result.wikitext == (
        "Nixon said:\n"
        "<blockquote>Not me. No way.</blockquote> \n"
        "\n"
        "A new paragraph about reform.\n"
        "\n"
        "When told, Nixon replied.\n"
        "\n"
        "Last words.\n"
    )
    assert parse_wikitext_lossy(result.wikitext, title="T").article.lead == edited.lead
    assert [(change.kind, change.line) for change in result.changes] == [
        (ChangeKind.PARAGRAPH_ADDED, 2)
    ]


def test_a_changed_quotation_is_spliced_inside_it_or_set_apart_when_its_quotes_go() -> None:
    # Found by the property tests on Richard Nixon, "Middle Eastern policy": the
    # quotation starts on the line after a paragraph, and the reader shows it as a
    # paragraph in curly quotes. Replacing its first word took the opening quote with
    # it; the paragraph written anew ran on into the one above it.
    text = (
        "He wrote to Kissinger:\n"
        "<blockquote>I believe that we face the best opportunity.<ref>Tyler</ref></blockquote>\n"
        "\n"
        "Nixon visited Israel.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead[1] == "\u201cI believe that we face the best opportunity.\u201d"
    kept = attrs.evolve(
        article,
        lead=(article.lead[0], article.lead[1].replace("believe", "think"), article.lead[2]),
    )
    result = apply_edit(text, kept)
    assert result.wikitext == text.replace("I believe", "I think")
    assert not result.warnings
    dropped = attrs.evolve(
        article,
        lead=(article.lead[0], article.lead[1].replace("\u201cI", "reform"), article.lead[2]),
    )
    # Written anew, the quotation would lose its tag and its reference: refused.
    with pytest.raises(EditError, match="<blockquote>"):
        apply_edit(text, dropped)
    result = apply_edit(text, dropped, allow_loss=True)
    assert parse_wikitext_lossy(result.wikitext, title="T").article.lead == dropped.lead
    assert result.wikitext == (
        "He wrote to Kissinger:\n\n"
        "reform believe that we face the best opportunity.\u201d\n"
        "\n"
        "Nixon visited Israel.\n"
    )
    assert [change.kind for change in result.warnings] == [ChangeKind.REPLACED]


def test_a_paragraph_of_a_quotation_of_several_is_spliced_inside_its_quotes() -> None:
    # Found by tools/edit_measure.py on Harry McPherson: a <blockquote> of two
    # paragraphs is two paragraphs of the plain text, each in curly quotes; a sentence
    # changed in the second, which ends in a reference, was refused.
    text = (
        "He concludes:<blockquote>\nFirst part.\n\nIt was fate. He paid it.<ref>p</ref>\n"
        "</blockquote>\nAfter.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead[1:3] == ("\u201cFirst part.\u201d", "\u201cIt was fate. He paid it.\u201d")
    lead = list(article.lead)
    lead[2] = lead[2].replace("He paid it", "This sentence was rewritten")
    result = apply_edit(text, attrs.evolve(article, lead=tuple(lead)), base=text)
    assert result.wikitext == text.replace("He paid it", "This sentence was rewritten")
    assert not result.warnings
    assert parse_wikitext_lossy(result.wikitext, title="T").article.lead == tuple(lead)
    # Text after the closing quote cannot be placed inside the quotation: refused.
    lead[2] += " More."
    with pytest.raises(EditError, match="<ref>"):
        apply_edit(text, attrs.evolve(article, lead=tuple(lead)))


def test_a_changed_quotation_template_is_spliced_inside_its_text_or_set_apart() -> None:
    # Found by the property tests on Direct representation, "Example": the paragraph is
    # a {{cquote}} on the line after a paragraph. Changing its first sentence replaced
    # the template by text, which then ran on into the paragraph above.
    text = (
        "It was proposed by Heinlein:\n"
        "{{cquote|Suppose a man were qualified by petition. He would represent them.}}\n"
        "\n"
        "{{Quote | text = All would be represented. | author = Heinlein |source=Moon}}\n"
        "After.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead[1:3] == (
        "\u201cSuppose a man were qualified by petition. He would represent them.\u201d",
        "\u201cAll would be represented.\u201d \u2014 Heinlein, Moon",
    )

    def edit(index: int, old: str, new: str, *, allow_loss: bool = False) -> tuple[Edit, list[str]]:
        lead = list(article.lead)
        lead[index] = lead[index].replace(old, new)
        edited = attrs.evolve(article, lead=tuple(lead))
        if allow_loss:
            with pytest.raises(EditError, match=r"(?i)quote"):
                apply_edit(text, edited)
        result = apply_edit(text, edited, allow_loss=allow_loss)
        assert parse_wikitext_lossy(result.wikitext, title="T").article.lead == edited.lead
        return result, _diff(text, result.wikitext)

    result, diff = edit(1, "Suppose a man were qualified by petition", "It was rewritten")
    assert diff == [
        "-{{cquote|Suppose a man were qualified by petition. He would represent them.}}",
        "+{{cquote|It was rewritten. He would represent them.}}",
    ]
    assert not result.warnings
    # A pipe or an equals sign would end the argument or name it: they are escaped.
    result, diff = edit(1, "petition", "a = b|c")
    assert diff[1] == (
        "+{{cquote|Suppose a man were qualified by a &#61; b{{!}}c. He would represent them.}}"
    )
    result, diff = edit(2, "All", "x|y")
    assert diff[1] == (
        "+{{Quote | text = x{{!}}y would be represented. | author = Heinlein |source=Moon}}"
    )
    assert not result.warnings
    # An edit of the quotes or the credit would write the paragraph anew, losing the
    # template: refused, unless losses are allowed; then it is set apart from the
    # paragraphs around it, and the change says so.
    result, diff = edit(1, "\u201cSuppose", "reform", allow_loss=True)
    assert result.wikitext.startswith(
        "It was proposed by Heinlein:\n\nreform a man were qualified by petition."
    )
    assert [change.kind for change in result.warnings] == [ChangeKind.REPLACED]
    result, diff = edit(2, "Moon", "Sun", allow_loss=True)
    assert diff == [
        "-{{Quote | text = All would be represented. | author = Heinlein |source=Moon}}",
        "+\u201cAll would be represented.\u201d \u2014 Heinlein, Sun",
        "+",
    ]
    assert [change.kind for change in result.warnings] == [ChangeKind.REPLACED]


def test_a_renamed_section_keeps_the_markup_in_its_heading() -> None:
    # Found by the property tests on Richard Nixon: renaming "==== Resignation
    # {{anchor|Resignation of Richard Nixon}} ====" wrote the heading anew and dropped
    # the anchor without a word. The heading is now spliced as a paragraph is.
    text = (
        "Lead.\n\n"
        "==== Resignation {{anchor|Resignation of Richard Nixon}} ====\nText.\n\n"
        "== [[Watergate]] scandal ==\nMore.\n\n"
        "== A__B {{anchor|x}} ==\nLast.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    headings = ["Resignation and reform", "The Watergate scandal", "A__B and C"]
    edited = attrs.evolve(
        article,
        sections=tuple(
            attrs.evolve(section, heading=heading)
            for section, heading in zip(article.sections, headings, strict=True)
        ),
    )
    result = apply_edit(text, edited)
    assert parse_wikitext_lossy(result.wikitext, title="T").article == edited
    assert _diff(text, result.wikitext) == [
        "-==== Resignation {{anchor|Resignation of Richard Nixon}} ====",
        "+==== Resignation and reform {{anchor|Resignation of Richard Nixon}} ====",
        "-== [[Watergate]] scandal ==",
        "+== The [[Watergate]] scandal ==",
        "-== A__B {{anchor|x}} ==",
        "+== A__B and C {{anchor|x}} ==",
    ]
    assert not result.warnings


@pytest.mark.parametrize(
    ("heading", "line", "level_1_line"),
    [
        ("Foo=", "== Foo= ==", "= Foo= ="),
        ("=Foo", "== =Foo ==", "= =Foo ="),
        ("= Foo =", "== = Foo = ==", "= = Foo = ="),
        ("=", "== = ==", "= = ="),
        ("Baz", "==Baz==", "=Baz="),
    ],
)
def test_a_renamed_heading_keeps_its_equals_signs_apart(
    heading: str, line: str, level_1_line: str
) -> None:
    # "==Foo==" renamed "= Foo =" was written "=== Foo ===", a level-3 heading reading
    # "Foo", and reported as renamed to "= Foo =".
    text = "Lead.\n\n==Foo==\nText.\n\n=x==\ny\n"
    article = parse_wikitext_lossy(text, title="T").article
    assert [section.heading for section in article.sections] == ["Foo", "x="]
    edited = attrs.evolve(
        article,
        sections=tuple(attrs.evolve(section, heading=heading) for section in article.sections),
    )
    result = apply_edit(text, edited)
    assert _diff(text, result.wikitext) == ["-==Foo==", f"+{line}", "-=x==", f"+{level_1_line}"]
    assert parse_wikitext_lossy(result.wikitext, title="T").article == edited


def test_lines_of_equals_signs_and_text_shaped_like_headings() -> None:
    # "===" is a heading reading "=" (level 1 in MediaWiki); "==", " == P ==" and
    # "== N ==<nowiki/>" are text, read with a space after their last "=".
    text = "Lead.\n\n==\n\n == P ==\n\n== N ==<nowiki/>\n\n===\nText.\n"
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead == ("Lead.", "== ", "== P == ", "== N == ")
    assert article.sections == (Section("=", 2, ("Text.",)),)
    assert apply_edit(text, article).wikitext == text
    assert apply_edit(text, render_plaintext(article), title="T").wikitext == text
    renamed = attrs.evolve(article, sections=(Section("= A =", 2, ("Text.",)),))
    result = apply_edit(text, renamed)
    assert result.wikitext == text.replace("===\n", "= = A = =\n")
    assert parse_wikitext_lossy(result.wikitext, title="T").article == renamed
    edited = attrs.evolve(article, lead=("Lead.", "=== ", "== Q == ", "== N == "))
    result = apply_edit(text, edited)
    assert result.wikitext == text.replace("==\n\n == P ==", "&#61;==&#32;\n\n&#61;= Q ==&#32;")
    assert parse_wikitext_lossy(result.wikitext, title="T").article == edited
    assert [change.kind for change in result.warnings] == [ChangeKind.REPLACED] * 2
    with pytest.raises(EditError, match="heading == N =="):
        apply_edit(text, attrs.evolve(article, lead=("Lead.", "== ", "== P == ", "== M == ")))


def test_a_paragraph_on_the_infobox_closing_line_is_edited_without_the_infobox() -> None:
    # Found by the property tests on Senate of Pakistan: the lead's first paragraph
    # follows the infobox's "}}" on its line, and the paragraph's source ran from the
    # infobox's start. Removing the paragraph took the infobox with it.
    text = (
        "{{for|the members|List of senators}}\n"
        "{{Infobox legislature\n| name = Senate\n| body = Parliament\n"
        "}}Senate is respected.{{Politics of Pakistan}}\n"
        "\n"
        "The '''Senate''' is the upper house.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead[0] == "Senate is respected."
    removed = attrs.evolve(article, lead=article.lead[1:])
    result = apply_edit(text, removed)
    assert _diff(text, result.wikitext) == [
        "-}}Senate is respected.{{Politics of Pakistan}}",
        "+}}",
    ]
    assert [(change.kind, change.line, change.column) for change in result.changes] == [
        (ChangeKind.PARAGRAPH_REMOVED, 5, 3),
        (ChangeKind.REMOVED_WITH, 5, 23),
    ]
    assert parse_wikitext_lossy(result.wikitext, title="T").article == removed
    # A parameter and that paragraph changed at once: two edits, apart.
    assert article.infobox is not None
    both = attrs.evolve(
        article,
        infobox=article.infobox.with_value("body", "Majlis"),
        lead=("Senate is much respected.", *article.lead[1:]),
    )
    result = apply_edit(text, both)
    assert _diff(text, result.wikitext) == [
        "-| body = Parliament",
        "-}}Senate is respected.{{Politics of Pakistan}}",
        "+| body = Majlis",
        "+}}Senate is much respected.{{Politics of Pakistan}}",
    ]
    assert not result.warnings


def test_text_inside_a_construct_is_found_inside_it_and_never_across_its_edges() -> None:
    # The reader may show text inside a construct as a paragraph (lines inside a <div>):
    # an edit of it is made inside the construct (its nodes found there), never across
    # its edges. A table is one node, whose text is never edited (test_editing_tables.py):
    # new paragraphs go before or after it whole.
    from wikiround.editing._original import (
        Original,
        element_nodes,
        top_level_end,
        top_level_start,
    )
    from wikiround.lossy._tree import Wikilink

    text = "Before.\n\n<div>\ncell text [[a|b]]<ref>r</ref>\n</div>\nAfter.\n\n{|\n| row\n|}\n"
    original = Original(text, "T")
    start = text.index("cell")
    end = text.index("</ref>") + len("</ref>")
    found = element_nodes(original.tree, start, end)
    assert found is not None
    nodes, nested = found
    assert nested
    assert any(isinstance(node, Wikilink) for node in nodes)
    div_start, div_end = text.index("<div>"), text.index("</div>") + len("</div>")
    assert top_level_start(original.tree, start) == div_start
    assert top_level_end(original.tree, end) == div_end
    assert top_level_end(original.tree, 3) == 3  # not inside a construct
    # A span running over the construct's edge is not whole markup.
    assert element_nodes(original.tree, 0, start) is None
    row = text.index("row")
    table_start, table_end = text.index("{|"), text.index("|}") + 2
    assert top_level_start(original.tree, row) == table_start
    assert top_level_end(original.tree, row + 3) == table_end
    assert element_nodes(original.tree, row, row + 3) is None


def test_a_reference_in_a_comment_is_no_reuse_to_move_a_definition_to() -> None:
    # Found by the property test on Freddie Mercury: the section holding a named
    # reference's definition was removed, and the definition was moved into a comment
    # that mentions the name, where it is no reference.
    original = (
        "<!-- x<ref name=a/> -->\nIntro.\n\n== One ==\nText.<ref name=a>Def.</ref>\n\n"
        "== Two ==\nMore.\n"
    )
    read = parse_wikitext_lossy(original, title="T").article
    edited = attrs.evolve(read, sections=read.sections[1:])
    result = apply_edit(original, edited)
    assert result.wikitext == original.replace("== One ==\nText.<ref name=a>Def.</ref>\n\n", "")


def test_a_link_inside_brackets_that_are_no_link_goes_with_them() -> None:
    # Found by the property tests (stress profile) on Keilwelle, a German page: on an
    # English wiki `[[Datei:…|thumb|…]]` is no file, and one holding a link is no link
    # either but text around that link. A sentence rewritten over the whole paragraph
    # deletes both, listed at the outer brackets (the check took the inner link, listed
    # there, for lost).
    text = (
        "[[Datei:A.JPG|thumb|Detail mit 6 [[Keil (Technik)|Keilen]] nach DIN]]\n"
        "[[Datei:B.JPG|thumb|Zwei]]\n"
        "\n"
        "Als Keilwellen.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead == (
        "[[Datei:A.JPG|thumb|Detail mit 6 Keilen nach DIN]] thumb|Zwei",
        "Als Keilwellen.",
    )
    rewritten = "This sentence was rewritten by an editor"
    edited = attrs.evolve(article, lead=(rewritten, article.lead[1]))
    result = apply_edit(text, edited, base=text, title="T")
    assert result.wikitext == rewritten + "\n\nAls Keilwellen.\n"
    assert [(change.kind, change.line, change.column) for change in result.changes[1:]] == [
        (ChangeKind.DELETED_AS_TEXT, 1, 1),
        (ChangeKind.DELETED_AS_TEXT, 2, 1),
    ]
    assert lost_constructs(text, result) == []


def test_a_word_changed_in_italics_inside_a_link_s_label_is_listed_as_a_relabelling() -> None:
    # Found by the property tests (stress profile, three-way) on HMS Irresistible: the
    # label of [[HMS Irresistible (1898)|''Irresistible'']] is all italics, and its
    # change was made but not listed, so the check took the link for lost.
    text = "* Die vierte [[HMS Irresistible (1898)|''Irresistible'']] war ein Schiff.\n\nMore.\n"
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead[0] == "Die vierte Irresistible war ein Schiff."
    edited = attrs.evolve(article, lead=("Die vierte reform war ein Schiff.", article.lead[1]))
    for result in (apply_edit(text, edited, title="T"), apply_edit(text, edited, base=text)):
        assert result.wikitext == text.replace("''Irresistible''", "''reform''")
        assert [str(change) for change in result.changes] == [
            "1:1: paragraph changed: paragraph 1 of the lead",
            "1:14: link relabelled: link [[HMS Irresistible (1898)|''Irresistible'']] (in "
            "paragraph 1 of the lead)",
        ]
        assert lost_constructs(text, result) == []


def test_a_paragraph_changed_on_two_lines_apart_is_listed_on_each() -> None:
    # Found by the property tests (stress profile) on The Field of Waterloo: a paragraph
    # of three lines changed in the first and the third was listed on the first alone.
    text = "After the victory at [[Waterloo]],\nScott travelled to Belgium.\nScott was hoping.\n"
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead == (
        "After the victory at Waterloo, Scott travelled to Belgium. Scott was hoping.",
    )
    edited = attrs.evolve(
        article,
        lead=("reform the victory at Waterloo, Scott travelled to Belgium. reform was hoping.",),
    )
    result = apply_edit(text, edited, title="T")
    assert result.wikitext == text.replace("After", "reform").replace("Scott was", "reform was")
    assert [str(change) for change in result.changes] == [
        "1:1: paragraph changed: paragraph 1 of the lead",
        "3:1: paragraph changed: paragraph 1 of the lead",
    ]
    # Lines changed one after the other are one run, listed once.
    edited = attrs.evolve(
        article,
        lead=("After the victory at Waterloo, reform travelled to Belgium. reform was hoping.",),
    )
    result = apply_edit(text, edited, title="T")
    assert [str(change) for change in result.changes] == [
        "2:1: paragraph changed: paragraph 1 of the lead"
    ]


def test_a_paragraph_of_a_quotation_of_several_moved_out_of_it_is_refused() -> None:
    # Found by the property tests (stress profile) on Harry McPherson: the first of two
    # paragraphs of a <blockquote>, swapped with the paragraph before it, went there as
    # bare text and lost its quotation.
    text = (
        "Before.\n\nHe concludes:<blockquote>\nFirst part.\n\nSecond part.\n</blockquote>\nAfter.\n"
    )
    article = parse_wikitext_lossy(text, title="T").article
    assert article.lead[1:4] == (
        "He concludes:",
        "\u201cFirst part.\u201d",
        "\u201cSecond part.\u201d",
    )
    lead = list(article.lead)
    lead[1], lead[2] = lead[2], lead[1]
    with pytest.raises(EditError) as raised:
        apply_edit(text, attrs.evolve(article, lead=tuple(lead)), base=text)
    assert [str(change) for change in raised.value.changes] == [
        "4:1: cannot be placed exactly: paragraph 3 of the lead (moved out of the construct "
        "at 3:14 it is text inside, it would leave that construct's markup behind: move it "
        "in the wikitext)"
    ]
