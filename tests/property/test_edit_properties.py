"""apply_edit on real and generated articles, under random edit scripts.

For every edit: (a) the result reads back as the edited article (new parameters may sit
elsewhere in the infobox than the edited article lists them: see docs/editing.md);
(b) every line of the original the edit changed holds a reported change, and every
other line is in the result unchanged and in order; (c) every reference, link,
template, file, category and comment of the original is in the result, unless a change
says it went (the infobox, and a quotation template that is a changed paragraph, are the
elements edited, not constructs kept whole); (d) with no edit, the result is the
original byte for byte.

The edits are drawn with ``st.data()``, which ``@example`` cannot replay: the bugs these
tests found are pinned as unit tests in tests/unit/test_editing.py.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import cache
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edit_scripts import random_edit, same_article
from strategies import articles
from wikiround import (
    Article,
    ChangeKind,
    Edit,
    apply_edit,
    parse_wikitext_lossy,
    render_plaintext,
    render_wikitext,
)
from wikiround.dumps import iter_pages, open_dump

DATA = Path(__file__).parent.parent / "data"
ARTICLES = sorted((DATA / "articles").glob("*.wiki"))
# Each example reads a page three times: a quarter of the profile's examples (250 in CI).
FEWER = settings(
    max_examples=max(10, settings().max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONSTRUCT = re.compile(
    r"<ref\b[^>]*/>|<ref\b[^>]*>.*?</ref\s*>|<!--.*?-->|\[\[[^\[\]]*\]\]|\{\{[^{}]*\}\}",
    re.IGNORECASE | re.DOTALL,
)
QUOTATION = re.compile(
    r"\{\{\s*(?:quote|blockquote|quotation|cquote|quote box|quotebox)\s*\|", re.IGNORECASE
)
# Changes after which constructs may be gone (each is listed by the change list).
LOSING = frozenset(
    {
        ChangeKind.REMOVED_WITH,
        ChangeKind.MARKUP_REPLACED,
        ChangeKind.REPLACED,
        ChangeKind.PARAMETER_REMOVED,
        ChangeKind.PARAGRAPH_REMOVED,
        ChangeKind.SECTION_REMOVED,
        ChangeKind.INFOBOX_REMOVED,
        ChangeKind.DATE_REWRITTEN,
    }
)


@cache
def _page(path: Path) -> tuple[str, str, Article]:
    title = path.stem.partition("__")[2] or path.stem
    text = path.read_text(encoding="utf-8")
    return title, text, parse_wikitext_lossy(text, title=title).article


def check_edit(original: str, edited: Article, result: Edit) -> None:
    # (a) it reads back as the edited article
    again = parse_wikitext_lossy(result.wikitext, title=edited.title).article
    assert same_article(again, edited)
    # (b) each changed line of the original holds a change; the others stay in order
    before, after = original.split("\n"), result.wikitext.split("\n")
    reported = {change.line for change in result.changes}
    # The lines both keep at the start and at the end are unchanged: aligning them
    # first keeps difflib from matching a repeated stretch to its earlier twin.
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(before), len(after)) - head
        and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]
    ):
        tail += 1
    matcher = difflib.SequenceMatcher(
        None, before[head : len(before) - tail], after[head : len(after) - tail], autojunk=False
    )
    blocks = [
        (head + i1, head + i2)
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag in ("replace", "delete")
    ]
    changed = {line for i1, i2 in blocks for line in range(i1 + 1, i2 + 1)}
    for i1, i2 in blocks:
        # A change listed in the block, or one an element spanning several lines (a
        # removed section) started earlier, with only changed or blank lines between.
        assert any(
            i1 < line <= i2 + 1
            or (
                line <= i1
                and all(n in changed or not before[n - 1].strip() for n in range(line, i1 + 1))
            )
            for line in reported
        ), f"lines {i1 + 1}-{i2} changed without a change listed there: {before[i1:i2]}"
    # (c) no construct disappears unless a change says so
    lost = _constructs(original) - _constructs(result.wikitext)
    # A quotation template that is a whole paragraph is the element a change of that
    # paragraph edits (inside its text argument), as the infobox is for a parameter.
    changed_paragraphs = {
        change.line for change in result.changes if change.kind is ChangeKind.PARAGRAPH_CHANGED
    }
    for construct in list(lost):
        first = original.count("\n", 0, original.index(construct)) + 1
        lines = range(first, first + construct.count("\n") + 1)
        if QUOTATION.match(construct) and not changed_paragraphs.isdisjoint(lines):
            del lost[construct]
    if lost:
        assert any(change.kind in LOSING for change in result.changes), lost


def _constructs(text: str) -> Counter[str]:
    # The infobox is the element edited, not a construct kept whole.
    found = CONSTRUCT.findall(text)
    return Counter(item for item in found if not item[2:].lower().startswith("infobox"))


@pytest.mark.parametrize("path", ARTICLES, ids=[path.stem for path in ARTICLES])
def test_no_edit_is_the_identity_on_every_vendored_article(path: Path) -> None:
    title, text, article = _page(path)
    assert apply_edit(text, article, title=title).wikitext == text
    assert apply_edit(text, render_plaintext(article), title=title).wikitext == text


def test_no_edit_is_the_identity_on_every_dump_page() -> None:
    checked = 0
    for path in sorted((DATA / "dumps").glob("*.xml")):
        with open_dump(path) as stream:
            for page in iter_pages(stream):
                title = page.title.strip() or "Untitled"
                article = parse_wikitext_lossy(page.text, title=title).article
                assert apply_edit(page.text, article, title=title).wikitext == page.text
                plain = render_plaintext(article)
                assert apply_edit(page.text, plain, title=title).wikitext == page.text
                checked += 1
    assert checked > 900


@FEWER
@given(path=st.sampled_from(ARTICLES), data=st.data())
def test_random_edits_of_real_articles(path: Path, data: st.DataObject) -> None:
    title, text, article = _page(path)

    def pick(options):  # type: ignore[no-untyped-def]
        return data.draw(st.sampled_from(list(options)))

    edited, _kind = random_edit(article, pick)
    check_edit(text, edited, apply_edit(text, edited, title=title))


@FEWER
@given(article=articles(plain=True, wikitext=True))
def test_no_edit_is_the_identity_on_generated_articles(article: Article) -> None:
    text = render_wikitext(article)
    read = parse_wikitext_lossy(text, title=article.title).article
    assert apply_edit(text, read).wikitext == text


@FEWER
@given(article=articles(plain=True, wikitext=True), data=st.data())
def test_random_edits_of_generated_articles(article: Article, data: st.DataObject) -> None:
    text = render_wikitext(article)
    read = parse_wikitext_lossy(text, title=article.title).article

    def pick(options):  # type: ignore[no-untyped-def]
        return data.draw(st.sampled_from(list(options)))

    edited, _kind = random_edit(read, pick)
    check_edit(text, edited, apply_edit(text, edited))


def test_a_change_before_a_twin_section_is_checked_where_it_was_made() -> None:
    # Found by the stress run on a generated article with two identical level-3
    # sections: the edit changed one line of the first and said so, but aligning the
    # lines with difflib alone matched the first section to the second and reported the
    # second as changed without a change listed there.
    heading = "=== Kx &#123;&#123;{ ==="
    paragraph = "uoXt textv`]H&#123;&#123;{Ab"
    section = [heading, "First.", "", paragraph, ""]
    original = "\n".join(["||-->", "", *section, *section])
    read = parse_wikitext_lossy(original, title="T").article
    first = read.sections[0]
    edited = attrs.evolve(
        read,
        sections=(attrs.evolve(first, paragraphs=("First.", "1968")), read.sections[1]),
    )
    result = apply_edit(original, edited)
    assert result.wikitext == original.replace(paragraph, "1968", 1)
    check_edit(original, edited, result)


def test_a_quotation_template_edited_inside_is_the_element_changed() -> None:
    # Found by the stress run on Direct representation: a change of a {{cquote}}
    # paragraph is made inside the template, which is then no longer byte for byte the
    # same; it is the paragraph edited, as the infobox is for a parameter.
    original = "Heinlein wrote:\n{{cquote|Suppose a man. He would.}}\n\n[[Category:X]]\n"
    read = parse_wikitext_lossy(original, title="T").article
    edited = attrs.evolve(read, lead=(read.lead[0], read.lead[1].replace("man", "woman")))
    result = apply_edit(original, edited)
    assert result.wikitext == original.replace("man", "woman")
    check_edit(original, edited, result)
    # A quotation lost where no paragraph changed is still a lost construct.
    renamed = [attrs.evolve(c, kind=ChangeKind.SECTION_RENAMED) for c in result.changes]
    with pytest.raises(AssertionError, match="cquote"):
        check_edit(original, edited, Edit(result.wikitext, renamed))
