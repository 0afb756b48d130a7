"""The entry point: :func:`apply_edit`."""

from __future__ import annotations

import difflib
from collections.abc import Callable

import attrs

from wikiround._text import lines_keeping_breaks
from wikiround.editing._body import body_of, check_identity, edit_body
from wikiround.editing._changes import Change, ChangeKind, Edit, EditConflict, EditError
from wikiround.editing._infobox import edit_infobox
from wikiround.editing._merge import merge
from wikiround.editing._original import Builder, Original
from wikiround.model import Article
from wikiround.plaintext import parse_plaintext

__all__ = ["apply_edit"]


def apply_edit(
    original: str,
    edited: Article | str,
    *,
    base: str | None = None,
    title: str | None = None,
    allow_loss: bool = False,
    strict: bool = False,
) -> Edit:
    """Apply ``edited`` onto the article's ``original`` wikitext, changing only what changed.

    ``edited`` is an :class:`~wikiround.model.Article` (typically the lossy read of
    ``original``, changed) or its plain text. ``title`` is the page's title (default:
    the edited article's). The original is read with
    :func:`~wikiround.lossy.parse_wikitext_lossy`; each infobox parameter, paragraph
    and heading that differs between that read and ``edited`` has its source text
    rewritten, word by word, and nothing else moves. With no difference the result is
    ``original`` itself.

    An edit that cannot be placed exactly (it would delete a reference, template,
    file, category or comment whose text it did not delete, or change part of a
    template's text) raises :class:`EditError` and writes nothing; ``allow_loss=True``
    makes it all the same, reporting each loss as a warning. ``strict=True`` refuses
    every warning too.

    ``base`` is the page's wikitext as it was when ``edited`` was read from it. The
    edit is then the difference between ``base``'s read and ``edited``: it is made on
    ``base``, and merged into ``original`` (the page now) with the changes others made
    since; where both changed the same words, :class:`EditConflict` (an EditError)
    shows both versions. Without a base, an edit that would remove much more of the
    page than an edit does (most of its paragraphs or references, or its whole lead),
    or names another page, is refused as not an edit of this page.
    """
    if not isinstance(original, str):
        raise TypeError(f"apply_edit() takes the original as a str, not {type(original).__name__}")
    if base is not None:
        if not isinstance(base, str):
            raise TypeError(f"apply_edit() takes the base as a str, not {type(base).__name__}")
        result = _three_way(original, edited, base, title, allow_loss)
    else:
        result = _two_way(original, edited, title, allow_loss)
    if strict and result.warnings:
        raise EditError(result.warnings)
    return result


def _two_way(
    original: str,
    edited: Article | str,
    title: str | None,
    allow_loss: bool,
    *,
    removals: bool = True,
) -> Edit:
    reading, edited = _read(original, edited, title)
    before = reading.article
    if before.infobox == edited.infobox and body_of(before) == body_of(edited):
        return Edit(original, ())
    builder = Builder(reading, allow_loss=allow_loss)
    edit_infobox(builder, before.infobox, edited.infobox)
    check_identity(builder, edited, title, removals=removals)
    edit_body(builder, before, edited)
    return builder.result()


def _three_way(
    original: str, edited: Article | str, base: str, title: str | None, allow_loss: bool
) -> Edit:
    # The base says what the editor read: what the edit removes, the editor removed.
    on_base = _two_way(base, edited, title, allow_loss, removals=False)
    if on_base.wikitext == base:
        return Edit(original, ())
    if original == base:
        return on_base
    merged = merge(base, on_base.wikitext, original, ours_name="edit", theirs_name="page")
    lines = _line_map(base, original)
    if merged.conflicts:
        changes = [
            Change(ChangeKind.CONFLICT, "the page changed there since the base", line, 1,
                   "both versions below")
            for line, _ in merged.conflicts
        ]  # fmt: skip
        raise EditConflict(changes, [text for _, text in merged.conflicts])
    moved = [attrs.evolve(change, line=lines(change.line)) for change in on_base.changes]
    return Edit(merged.text, moved)


def _line_map(old: str, new: str) -> Callable[[int], int]:
    """Where each line of ``old`` (1-based) is in ``new``: itself where it is kept, else
    the start of what replaced it."""
    matcher = difflib.SequenceMatcher(
        None, lines_keeping_breaks(old), lines_keeping_breaks(new), autojunk=False
    )
    opcodes = matcher.get_opcodes()

    def where(line: int) -> int:
        index = line - 1
        for tag, i1, i2, j1, _j2 in opcodes:
            if i1 <= index < i2 or (i1 == i2 == index):
                return (j1 + index - i1 if tag == "equal" else j1) + 1
        return line

    return where


def _read(original: str, edited: Article | str, title: str | None) -> tuple[Original, Article]:
    """The original read, and the edited article (plain text read with the original's
    infobox template, which plain text does not name)."""
    if isinstance(edited, str):
        edited_text = edited
        article = parse_plaintext(edited_text)
        page_title = title if title is not None else article.title
        reading = Original(original, page_title)
        if reading.article.infobox is not None:
            article = parse_plaintext(edited_text, template=reading.article.infobox.template)
        return reading, article
    if isinstance(edited, Article):
        page_title = title if title is not None else edited.title
        return Original(original, page_title), edited
    raise TypeError(
        f"apply_edit() takes the edit as an Article or plain text, not {type(edited).__name__}"
    )
