"""Read real Wikipedia articles: show what a reader sees, report everything else.

:func:`parse_wikitext_lossy` prepares the text once (characters no article may hold
become spaces, a redirect line is blanked, references are taken out: see
:mod:`._references`), then builds the body in one walk over a node tree (built by
:mod:`._tree` from mwparserfromhell's tokens, with each node's offsets). Inline nodes
are rendered to the text MediaWiki displays (a link shows its label, a date template
its date); whatever has no text worth keeping (references, files, tables, categories,
maintenance templates…) is left out and recorded with its offset, which the report
turns into a line and column. The rules are listed in docs/reading-real-articles.md.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from wikiround._mediawiki import REDIRECT
from wikiround._text import BAD_CHARACTER, holds_only_text, php_trim
from wikiround.lossy._body import BodyReader
from wikiround.lossy._infobox import InfoboxReader
from wikiround.lossy._inline import InlineRenderer
from wikiround.lossy._record import Recorder
from wikiround.lossy._references import strip_references
from wikiround.lossy._report import Kind, LossyResult
from wikiround.lossy._soup import hidden_tags
from wikiround.lossy._tables import page_tables
from wikiround.lossy._tree import masked, page_pieces
from wikiround.model import Article

__all__ = ["parse_wikitext_lossy", "read"]


def _clean(text: str, recorder: Recorder) -> str:
    """``text`` with characters no article may hold replaced by spaces (recorded), so
    that every offset stays where it was."""
    if "\r" in text:
        text = text.replace("\r", " ")
    if holds_only_text(text):
        return text

    def replace(match: re.Match[str]) -> str:
        recorder.record(Kind.CHARACTER, f"U+{ord(match.group()):04X}", match.start())
        return " "

    return BAD_CHARACTER.sub(replace, text)


def _prepare(text: str, recorder: Recorder) -> tuple[str, dict[int, str]]:
    """The text to parse, as long as ``text`` (so offsets stay put), and the details
    of the references taken out of it, by offset."""
    prepared = _clean(text, recorder)
    redirect = REDIRECT.match(prepared)
    if redirect:
        # A redirect page holds no article, only the page it sends readers to.
        recorder.record(Kind.REDIRECT, php_trim(redirect.group(1)), redirect.start(1) - 2)
        prepared = " " * redirect.end() + prepared[redirect.end() :]
    return strip_references(prepared)


def parse_wikitext_lossy(
    text: str,
    *,
    title: str,
    keep_lists: bool = True,
    keep_reference_sections: bool = False,
    keep_tables: bool = True,
    keep_captions: bool = True,
    keep_galleries: bool = True,
) -> LossyResult:
    """Read a real article's wikitext into the article a reader sees, and a report.

    Every construct is either shown as text (links as their labels, date templates as
    their dates, list templates as items joined with ``", "``) or left out and reported
    with its kind, line and column. ``keep_lists`` keeps each item of a ``*``/``#``/``;``
    list as a paragraph (else lists are dropped and reported); sections such as
    References, External links and See also are dropped and reported unless
    ``keep_reference_sections``; ``keep_tables`` keeps each row of a table as a
    paragraph, its cells' text joined with spaces (else tables are dropped and
    reported). The captions of thumbnails and framed files (``keep_captions``) and of
    galleries (``keep_galleries``) are paragraphs of their own (else left out; files and
    galleries are reported either way). Never raises for any text; ``title`` must be a
    valid article title (:class:`~wikiround.errors.ModelError` otherwise).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_wikitext_lossy() takes a str, not {type(text).__name__}")
    Article(title)  # a bad title fails before any reading
    with _collector_paused():  # (see there) while the report is made as well
        body = body_reader(
            text,
            title,
            keep_lists,
            keep_reference_sections,
            keep_tables,
            keep_captions,
            keep_galleries,
            track=False,
        )
        article = body.read(title)
        # (No source spans: they are for editing.) Lines count in the text as given.
        result = LossyResult(article, body.recorder.report(text))
        # The tree goes before the collector resumes: its first run would otherwise go
        # over every node still held, only for them to be freed just after.
        del body
    return result


def read(
    text: str,
    title: str,
    *,
    keep_lists: bool = True,
    keep_reference_sections: bool = False,
    keep_tables: bool = True,
    keep_captions: bool = True,
    keep_galleries: bool = True,
) -> tuple[Article, BodyReader]:
    """The article read from ``text``, and the body reader that read it: its tree, its
    renderer and, per paragraph and heading of the article in document order, the span
    of its source (``spans``; a caption's is the caption's source) and, for the text of
    a table or a caption, where it comes from (``origins``; for
    :mod:`wikiround.editing`)."""
    Article(title)
    with _collector_paused():
        body = body_reader(
            text,
            title,
            keep_lists,
            keep_reference_sections,
            keep_tables,
            keep_captions,
            keep_galleries,
            track=True,
        )
        return body.read(title), body


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, then restored as it was.

    Reading a page makes a few objects per character (tokens, nodes, rendered pieces)
    and almost no reference cycles; the collector, run every few hundred allocations,
    goes over more and more of them as the page grows, which made reading a page of a
    few hundred thousand list items or table cells take twice its linear time. Memory
    is still freed by reference counting; cycles left over are collected afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def body_reader(
    text: str,
    title: str,
    keep_lists: bool,
    keep_reference_sections: bool,
    keep_tables: bool,
    keep_captions: bool,
    keep_galleries: bool,
    *,
    track: bool,
) -> BodyReader:
    """The reader of ``text``'s body, ready to read it (and the steps before: the
    references taken out, the page cut in pieces, its tables and hidden tags found)."""
    recorder = Recorder()
    prepared, references = _prepare(text, recorder)
    # The page is read in pieces cut at its heading lines, as MediaWiki reads it (see
    # _tree.page_pieces); HTML tags left unclosed in their piece, which MediaWiki does not
    # show (see _soup), are found piece by piece as well. Tables are found first (see
    # _tables): a table's cells are read on their own, so the tags in them are looked
    # at when they are.
    pieces = page_pieces(prepared)
    tables = page_tables(prepared, pieces)
    outside = masked(prepared, tables) if tables else prepared
    if len(pieces) == 1:
        unclosed = hidden_tags(outside)
    else:
        unclosed = [
            (start + tag_start, start + tag_end)
            for start, end in pieces
            for tag_start, tag_end in hidden_tags(outside[start:end])
        ]
    del outside
    renderer = InlineRenderer(
        recorder,
        title,
        references,
        unclosed,
        prepared,
        keep_tables=keep_tables,
        captions=keep_captions,
        galleries=keep_galleries,
    )
    return BodyReader(
        prepared,
        recorder,
        renderer,
        InfoboxReader(recorder, renderer),
        keep_lists=keep_lists,
        keep_sections=keep_reference_sections,
        keep_tables=keep_tables,
        pieces=pieces,
        tables=tables,
        track=track,
    )
