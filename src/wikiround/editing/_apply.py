"""The entry point: :func:`apply_edit`."""

from __future__ import annotations

from wikiround.editing._body import body_of, edit_body
from wikiround.editing._changes import Edit, EditError
from wikiround.editing._infobox import edit_infobox
from wikiround.editing._original import Builder, Original
from wikiround.model import Article
from wikiround.plaintext import parse_plaintext

__all__ = ["apply_edit"]


def apply_edit(
    original: str,
    edited: Article | str,
    *,
    title: str | None = None,
    strict: bool = False,
) -> Edit:
    """Apply ``edited`` onto the article's ``original`` wikitext, changing only what changed.

    ``edited`` is an :class:`~wikiround.model.Article` (typically the lossy read of
    ``original``, changed) or its plain text. ``title`` is the page's title (default:
    the edited article's). The original is read with
    :func:`~wikiround.lossy.parse_wikitext_lossy`; each infobox parameter, paragraph
    and heading that differs between that read and ``edited`` has its source text
    rewritten, and nothing else moves. With no difference the result is ``original``
    itself.

    An edit that cannot be placed inside an element's markup is applied by writing the
    element anew and reported as a :attr:`ChangeKind.REPLACED` change; with
    ``strict=True`` that raises :class:`EditError` instead.
    """
    if not isinstance(original, str):
        raise TypeError(f"apply_edit() takes the original as a str, not {type(original).__name__}")
    if isinstance(edited, str):
        edited_text = edited
        edited = parse_plaintext(edited_text)
        page_title = title if title is not None else edited.title
        reading = Original(original, page_title)
        if reading.article.infobox is not None:
            # Plain text does not name the template: it is the original's.
            edited = parse_plaintext(edited_text, template=reading.article.infobox.template)
    elif isinstance(edited, Article):
        page_title = title if title is not None else edited.title
        reading = Original(original, page_title)
    else:
        raise TypeError(
            f"apply_edit() takes the edit as an Article or plain text, not {type(edited).__name__}"
        )
    before = reading.article
    if before.infobox == edited.infobox and body_of(before) == body_of(edited):
        return Edit(original, ())
    builder = Builder(reading)
    edit_infobox(builder, before.infobox, edited.infobox)
    edit_body(builder, before, edited)
    result = builder.result()
    if strict and result.warnings:
        raise EditError(result.warnings)
    return result
