"""Write an :class:`~wikiround.model.Article` as MediaWiki wikitext."""

from __future__ import annotations

import functools

from wikiround._lossy_mark import LossyRead
from wikiround.errors import RenderError
from wikiround.model import Article, Infobox, Section
from wikiround.wikitext._escape import escape_heading, escape_paragraph, escape_value

__all__ = ["render_infobox", "render_wikitext"]


def _check_name(field: str, name: str) -> None:
    if not _writable_name(name):
        raise RenderError(field, f"{name!r} holds markup that cannot be escaped in a name")


@functools.lru_cache(maxsize=4096)
def _writable_name(name: str) -> bool:
    # MediaWiki reads parameter and template names as they are written: an escape
    # would become part of the name, so a name that needs one cannot be written.
    # (Cached: the same few hundred names come back in every infobox.)
    return escape_heading(name) == name and "\t" not in name


def render_infobox(infobox: Infobox, *, date_templates: bool = False) -> str:
    _check_name("Infobox.template", infobox.template)
    for parameter in infobox.parameters:
        _check_name("Parameter.name", parameter.name)
    pairs = [(p.name, p.value) for p in infobox.parameters]
    if infobox.name is not None:
        pairs.insert(0, ("name", infobox.name))
    if date_templates:
        # Imported here: only date templates need the date parser.
        from wikiround.wikitext._date_templates import date_template
    width = max((len(name) for name, _ in pairs), default=0)
    lines = ["{{" + infobox.template]
    values = dict(pairs)
    for name, value in pairs:
        template = date_template(name, value, values) if date_templates else None
        escaped = template or escape_value(value)
        lines.append(
            f"| {name.ljust(width)} = {escaped}" if escaped else f"| {name.ljust(width)} ="
        )
    lines.append("}}")
    return "\n".join(lines)


def _section(section: Section, blocks: list[str]) -> None:
    marks = "=" * section.level
    heading = f"{marks} {escape_heading(section.heading)} {marks}"
    if section.paragraphs:
        blocks.append(heading + "\n" + escape_paragraph(section.paragraphs[0]))
        blocks.extend(escape_paragraph(p) for p in section.paragraphs[1:])
    else:
        blocks.append(heading)
    for subsection in section.subsections:
        _section(subsection, blocks)


def render_wikitext(
    article: Article, *, date_templates: bool = False, allow_loss: bool = False
) -> str:
    """Write ``article`` as wikitext ready to paste into a wiki.

    The infobox comes first, one ``| name = value`` line per parameter with the ``=``
    signs aligned; then the lead and the sections, paragraphs separated by blank lines.
    Text is escaped only where MediaWiki would otherwise read markup. The title is not
    part of wikitext (it is the page's name).

    With ``date_templates=True``, term, birth and death dates are written as
    ``{{Start date|…}}``, ``{{Birth date and age|…}}`` and the like wherever the
    template shows the value as written; the strict reader reads them back as that text.

    An article from :func:`~wikiround.lossy.parse_wikitext_lossy` (or an edited copy of
    one) is refused with a :class:`~wikiround.errors.RenderError`: it lacks the page's
    references, links, files and categories, and written as wikitext it would replace
    the page with a stripped copy. Apply the edit onto the page's wikitext with
    :func:`~wikiround.editing.apply_edit` instead, or pass ``allow_loss=True`` to write
    it all the same.
    """
    if not isinstance(article, Article):
        raise TypeError(f"render_wikitext() takes an Article, not {type(article).__name__}")
    if isinstance(article.layout, LossyRead) and not allow_loss:
        raise RenderError(
            "Article",
            "this article is a lossy read of a page: as wikitext it would lose everything "
            "the read left out (references, links, files, categories…); apply the edit "
            "onto the page's wikitext with apply_edit(), or pass allow_loss=True",
        )
    blocks = [escape_paragraph(p) for p in article.lead]
    for section in article.sections:
        _section(section, blocks)
    if article.infobox is not None:
        infobox = render_infobox(article.infobox, date_templates=date_templates)
        if article.lead:
            # A paragraph right after "}}" needs no blank line; a heading gets one.
            blocks[0] = infobox + "\n" + blocks[0]
        else:
            blocks.insert(0, infobox)
    if not blocks:
        return ""
    # One join makes the page: no copies of the whole text along the way.
    blocks[-1] += "\n"
    return "\n\n".join(blocks)
