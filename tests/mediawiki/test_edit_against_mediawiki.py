"""After an edit applied with apply_edit, MediaWiki passes the infobox template exactly the
original's arguments but the edited ones, and those with their new values; a table's row
removed or moved is gone or moved in the table MediaWiki shows, every other row as it was;
a paragraph added between two rows is a new row there, one cell across the table."""

from __future__ import annotations

import random
import re
from pathlib import Path

import attrs
import pytest
from oracle import MediaWiki
from visible import visible_text

from wikiround import apply_edit, parse_wikitext_lossy
from wikiround.wikitext import find_infobox

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
STEMS = [
    "wtf__Harry-McPherson",
    "presidentthing__Dan_Quayle",
    "presidentthing__Richard_Nixon",
    "presidentthing__Nelson_Rockefeller",
    "presidentthing__Lyndon_B_Johnson",
    "presidentthing__Thomas_Jefferson",
]
RECORDER = "Infobox officeholder"
NEW_VALUES = ("1968", "Texas & Oklahoma", "a | b", "Member of the [[Senate]]")


def _recorded(mediawiki: MediaWiki, text: str, title: str) -> dict[str, str]:
    call = find_infobox(text)
    assert call is not None
    # Point the infobox call at the test wiki's recording template; the rest is as written.
    start = call.offset + 2
    end = text.index(call.template, start) + len(call.template)
    received = mediawiki.parse(text[:start] + RECORDER + text[end:], title=title).call(RECORDER)
    return received.as_dict()


@pytest.mark.mediawiki
@pytest.mark.parametrize("stem", STEMS)
def test_mediawiki_receives_the_original_arguments_but_the_edited_ones(
    mediawiki: MediaWiki, stem: str
) -> None:
    text = (ARTICLES / f"{stem}.wiki").read_text(encoding="utf-8")
    title = stem.partition("__")[2]
    article = parse_wikitext_lossy(text, title=title).article
    assert article.infobox is not None
    before = _recorded(mediawiki, text, title)
    chooser = random.Random(stem)
    names = [parameter.name for parameter in article.infobox.parameters]
    changed, removed = chooser.sample(names, 2)
    infobox = (
        article.infobox.with_value(changed, chooser.choice(NEW_VALUES))
        .without(removed)
        .with_value("spouse", "Jane Doe")
    )
    if "spouse" in article.infobox:
        infobox = infobox.with_value("spouse", "Jane Doe (m. 1950)")
    # A value written over a date or marriage template cannot keep it: allowed here,
    # where what MediaWiki receives is the question.
    result = apply_edit(text, attrs.evolve(article, infobox=infobox), allow_loss=True)
    after = _recorded(mediawiki, result.wikitext, title)
    edited = {changed, removed, "spouse"}
    assert {k: v for k, v in after.items() if k not in edited} == {
        k: v for k, v in before.items() if k not in edited
    }
    assert removed not in after
    assert after["spouse"].startswith("Jane Doe")
    # The new value reaches MediaWiki, unless it went inside a wrapper template the
    # test wiki does not have ({{nowrap|…}}, shown there as a link to the template).
    assert after[changed] != before.get(changed) or after[changed].startswith("[[:Template:")
    # and the lossy read of the result shows the new values
    again = parse_wikitext_lossy(result.wikitext, title=title).article.infobox
    assert again is not None and again.get(changed) == infobox.get(changed)


GRAND_PRIX = "wtf__2008-British-motorcycle-Grand-Prix"


def _rows(html: str) -> list[str]:
    """The rows of the tables in ``html`` (tables not nested), each as MediaWiki writes it."""
    return re.findall(r"<tr\b.*?</tr>", html, flags=re.DOTALL)


@pytest.mark.mediawiki
def test_mediawiki_shows_a_removed_row_gone_and_a_moved_row_moved(mediawiki: MediaWiki) -> None:
    text = (ARTICLES / f"{GRAND_PRIX}.wiki").read_text(encoding="utf-8")
    title = "2008 British motorcycle Grand Prix"
    article = parse_wikitext_lossy(text, title=title).article
    section, *rest = article.sections
    rows = list(section.paragraphs)
    assert rows[2:4] == [
        "2 46 Valentino Rossi Yamaha 30 +5.789 2 20",
        "3 2 Dani Pedrosa Honda 30 +8.347 9 16",
    ]
    before = _rows(mediawiki.parse(text, title=title).html)
    shown = [row for row in before if "Valentino Rossi" in row or "Dani Pedrosa" in row][:2]
    assert len(shown) == 2
    for edited_rows, expected in (
        (rows[:2] + rows[3:], [row for row in before if row != shown[0]]),
        (
            rows[:2] + rows[3:4] + rows[2:3] + rows[4:],
            [shown[1] if row == shown[0] else shown[0] if row == shown[1] else row
             for row in before],
        ),
    ):  # fmt: skip
        section_now = attrs.evolve(section, paragraphs=tuple(edited_rows))
        edited = attrs.evolve(article, sections=(section_now, *rest))
        result = apply_edit(text, edited, base=text, title=title)
        assert not result.warnings
        assert _rows(mediawiki.parse(result.wikitext, title=title).html) == expected


@pytest.mark.mediawiki
def test_mediawiki_shows_a_paragraph_added_between_rows_as_a_row_across_the_table(
    mediawiki: MediaWiki,
) -> None:
    text = (ARTICLES / f"{GRAND_PRIX}.wiki").read_text(encoding="utf-8")
    title = "2008 British motorcycle Grand Prix"
    article = parse_wikitext_lossy(text, title=title).article
    section, *rest = article.sections
    rows = list(section.paragraphs)
    new = "A new row, a|b & [[not a link]]."
    section_now = attrs.evolve(section, paragraphs=(*rows[:3], new, *rows[3:]))
    edited = attrs.evolve(article, sections=(section_now, *rest))
    result = apply_edit(text, edited, base=text, title=title)
    assert not result.warnings
    before = _rows(mediawiki.parse(text, title=title).html)
    after = _rows(mediawiki.parse(result.wikitext, title=title).html)
    [added] = [row for row in after if "A new row" in row]
    at = after.index(added)
    assert after[:at] + after[at + 1 :] == before
    assert "Valentino Rossi" in after[at - 1] and "Dani Pedrosa" in after[at + 1]
    # One cell, as wide as the table's other rows, showing the paragraph as written.
    widest = max(
        sum(int(n) for n in re.findall(r'colspan="(\d+)"', row))
        + len(re.findall(r"<t[dh](?![^>]*colspan)", row))
        for row in before
    )
    assert re.findall(r"<td\b[^>]*>", added) == [f'<td colspan="{widest}">']
    assert visible_text(added) == new
    assert parse_wikitext_lossy(result.wikitext, title=title).article == edited
