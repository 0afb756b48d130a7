"""Hand-reviewed edits of three real articles: the diff of the wikitext and the change
list must stay as in tests/data/golden/edits/ (WIKIROUND_UPDATE_GOLDEN=1 rewrites them;
review the difference before committing it)."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from wikiround import (
    Article,
    Office,
    apply_edit,
    parse_date,
    parse_plaintext,
    parse_wikitext_lossy,
    render_plaintext,
)

DATA = Path(__file__).parent.parent / "data"
GOLDEN = DATA / "golden" / "edits"


def _mcpherson(article: Article) -> Article | str:
    # As an editor does it: in the plain text.
    text = render_plaintext(article)
    text = text.replace("- Term Start: February 11, 1966", "- Term Start: February 12, 1966")
    text = text.replace("born and raised in Tyler, Texas", "born and raised in Tyler, in Texas")
    text = text.replace("\n==Publications and awards==\n", "\n==Books and awards==\n")
    return text


def _quayle(article: Article) -> Article | str:
    # Through the typed view: a new office block, a birth date moved by a day.
    assert article.infobox is not None
    view = article.infobox.officeholder
    office = Office(suffix=view.next_office_suffix())
    office = office.with_field("office", "Chairman of the National Space Council")
    office = office.with_field("term_start", "April 20, 1989")
    personal = view.personal
    birth = parse_date(personal.get("birth_date") or "")
    assert birth is not None
    personal = personal.with_field("birth_date", attrs.evolve(birth, day=5))
    infobox = view.with_office(office).with_personal(personal).to_infobox()
    return attrs.evolve(article, infobox=infobox)


def _nixon(article: Article) -> Article | str:
    # A parameter removed, a value whose template is rewritten as text, a paragraph gone.
    assert article.infobox is not None
    infobox = article.infobox.without("signature_alt").with_value(
        "death_place", "New York City, U.S."
    )
    section = article.sections[0]
    shorter = attrs.evolve(section, paragraphs=section.paragraphs[1:])
    return attrs.evolve(article, infobox=infobox, sections=(shorter, *article.sections[1:]))


EDITS: dict[str, tuple[str, Callable[[Article], Article | str]]] = {
    "wtf__Harry-McPherson": ("Harry McPherson", _mcpherson),
    "presidentthing__Dan_Quayle": ("Dan Quayle", _quayle),
    "presidentthing__Richard_Nixon": ("Richard Nixon", _nixon),
}


@pytest.mark.parametrize("stem", sorted(EDITS))
def test_golden_edit(stem: str) -> None:
    title, edit = EDITS[stem]
    original = (DATA / "articles" / f"{stem}.wiki").read_text(encoding="utf-8")
    article = parse_wikitext_lossy(original, title=title).article
    edited = edit(article)
    result = apply_edit(original, edited, title=title)
    diff = "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            result.wikitext.splitlines(keepends=True),
            fromfile=f"a/{stem}.wiki",
            tofile=f"b/{stem}.wiki",
            n=1,
        )
    )
    changes = "".join(f"{change}\n" for change in result.changes)
    expected = parse_plaintext(edited) if isinstance(edited, str) else edited
    assert parse_wikitext_lossy(result.wikitext, title=title).article.lead == expected.lead
    if os.environ.get("WIKIROUND_UPDATE_GOLDEN"):
        (GOLDEN / f"{stem}.diff").write_text(diff, encoding="utf-8")
        (GOLDEN / f"{stem}.changes").write_text(changes, encoding="utf-8")
    assert diff == (GOLDEN / f"{stem}.diff").read_text(encoding="utf-8")
    assert changes == (GOLDEN / f"{stem}.changes").read_text(encoding="utf-8")
