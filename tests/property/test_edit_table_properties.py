"""apply_edit on the rows and captions of the vendored articles' tables.

A word of a row's (or a table caption's) text is changed, added or removed: the edit is
either made inside the cells it falls in, so that the result reads back as the edited
article, changes only lines of that table, holds every construct of the page not inside
edited text byte for byte and lists a change on each changed line (the checks of
test_edit_properties.py); or it is refused as a table's text or as a construct it would
lose, naming its line and column, with nothing written. A row (or a caption) removed,
or swapped with the paragraph before or after it, takes or moves its lines, with the
same checks (a move keeps every line of the page, in its table), or is refused. A
paragraph added before a row (or a caption) adds lines and changes none, or is refused.
The draws are explicit, so ``@example`` pins what the search finds.
"""

from __future__ import annotations

import difflib
from collections import Counter
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_edit_properties import apply_or_refuse, check_edit

from edit_scripts import _flat, _rebuild
from wikiround import Article, ChangeKind, parse_wikitext_lossy
from wikiround.lossy._reader import read
from wikiround.lossy._tables import TableText

DATA = Path(__file__).parent.parent / "data"
TABLES = sorted(
    path for path in (DATA / "articles").glob("*.wiki") if "\n{|" in path.read_text("utf-8")
)
# New words, the nasty ones on purpose: what ends a cell, starts one, or opens markup.
NEW_WORDS = st.sampled_from(
    ["Texas", "1968", "a|b", "||", "!!", "[[x]]", "''y''", "{{z}}", "<b>", "&amp;", "é", "–"]
) | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Z"]), max_size=4)

SETTINGS = settings(
    max_examples=max(10, settings().max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow],
    deadline=None,
)


@cache
def _page(path: Path) -> tuple[str, str, Article, tuple[tuple[int, int, int], ...]]:
    """The page's title, text, read, and where its table rows and captions are among the
    article's paragraphs: (section index in _flat's outline, paragraph index, table start)."""
    title = path.stem.partition("__")[2] or path.stem
    text = path.read_text(encoding="utf-8")
    article = parse_wikitext_lossy(text, title=title).article
    _, body = read(text, title)
    slots: list[tuple[int, int, int]] = []
    block = 0
    for section, (_, _, paragraphs) in enumerate(_flat(article)):
        block += bool(section)  # the heading (the lead has none)
        for index in range(len(paragraphs)):
            origin = body.origins[block]
            if isinstance(origin, TableText) and origin.kind in ("row", "caption"):
                slots.append((section, index, origin.table[0]))
            block += 1
    return title, text, article, tuple(slots)


def _change(paragraph: str, at: int, how: str, word: str) -> str:
    words = paragraph.split(" ")
    at %= len(words)
    if how == "replace":
        words[at] = word
    elif how == "insert":
        words.insert(at, word)
    elif how == "append":
        words[at] += word
    else:
        del words[at]
    return " ".join(words)


def test_the_vendored_articles_hold_tables() -> None:
    assert len(TABLES) >= 5


@SETTINGS
@given(
    path=st.sampled_from(TABLES),
    row=st.integers(0, 10**6),
    at=st.integers(0, 10**3),
    how=st.sampled_from(["replace", "insert", "append", "delete"]),
    word=NEW_WORDS,
)
@example(
    path=DATA / "articles" / "wtf__2008-British-motorcycle-Grand-Prix.wiki",
    row=1, at=4, how="replace", word="a|b",
)  # fmt: skip
def test_a_word_changed_in_a_table_row_edits_its_cells_or_is_refused(
    path: Path, row: int, at: int, how: str, word: str
) -> None:
    title, text, article, slots = _page(path)
    assert slots
    section, index, table = slots[row % len(slots)]
    outline = _flat(article)
    paragraphs = outline[section][2]
    changed = _change(paragraphs[index], at, how, word)
    if " ".join(changed.split()) != changed or not changed:
        return  # not a paragraph the plain text can hold
    paragraphs[index] = changed
    edited = _rebuild(article, outline)
    if edited == article:
        return
    result = apply_or_refuse(text, edited, title)
    if result is None:
        return
    check_edit(text, edited, result)
    # Only that table's lines changed.
    first = text.count("\n", 0, table)
    before, after = text.split("\n"), result.wikitext.split("\n")
    assert before[:first] == after[:first]
    assert all(
        change.kind in (ChangeKind.PARAGRAPH_CHANGED, ChangeKind.LINK_RELABELLED,
                        ChangeKind.EDITED_INSIDE, ChangeKind.DELETED_AS_TEXT)
        for change in result.changes
    ), result.changes  # fmt: skip


@SETTINGS
@given(
    path=st.sampled_from(TABLES),
    row=st.integers(0, 10**6),
    how=st.sampled_from(["remove", "down", "up"]),
)
# The line between two tables in a <center> swapped with the first table's row: it went
# after the </center>, past the second table (refused now).
@example(path=DATA / "articles" / "presidentthing__George_Washington.wiki", row=1, how="down")
def test_a_table_row_removed_or_moved_takes_its_lines_or_is_refused(
    path: Path, row: int, how: str
) -> None:
    title, text, article, slots = _page(path)
    section, index, table = slots[row % len(slots)]
    outline = _flat(article)
    paragraphs = outline[section][2]
    if how == "remove":
        del paragraphs[index]
    else:
        other = index + 1 if how == "down" else index - 1
        if not 0 <= other < len(paragraphs) or paragraphs[other] == paragraphs[index]:
            return
        paragraphs[index], paragraphs[other] = paragraphs[other], paragraphs[index]
    edited = _rebuild(article, outline)
    result = apply_or_refuse(text, edited, title)
    if result is None:
        return
    check_edit(text, edited, result)
    assert not result.warnings
    before, after = text.split("\n"), result.wikitext.split("\n")
    if how != "remove":
        # A move stays in its table (moved out, it is refused), and carries its lines:
        # the page holds the same lines, in another order (a first row written without
        # a "|-" line gets one when it moves, and leaves one when a row goes before it).
        first = text.count("\n", 0, table)
        assert before[:first] == after[:first]

        def kept(lines: list[str]) -> Counter[str]:
            return Counter(line for line in lines if line.strip() not in ("", "|-"))

        assert kept(before) == kept(after)


@SETTINGS
@given(
    path=st.sampled_from(TABLES),
    row=st.integers(0, 10**6),
    words=st.lists(NEW_WORDS, min_size=1, max_size=4),
)
def test_a_paragraph_added_before_a_table_row_adds_lines_only_or_is_refused(
    path: Path, row: int, words: list[str]
) -> None:
    title, text, article, slots = _page(path)
    section, index, _ = slots[row % len(slots)]
    paragraph = " ".join(" ".join(words).split())
    if not paragraph:
        return
    outline = _flat(article)
    outline[section][2].insert(index, paragraph)
    edited = _rebuild(article, outline)
    result = apply_or_refuse(text, edited, title)
    if result is None:
        return
    check_edit(text, edited, result)
    assert not result.warnings
    # Every line of the page is still there, in order: the edit only added lines.
    before, after = text.split("\n"), result.wikitext.split("\n")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    assert all(tag == "insert" for tag, *_ in matcher.get_opcodes() if tag != "equal")
    assert [change.kind for change in result.changes] == [ChangeKind.PARAGRAPH_ADDED]
