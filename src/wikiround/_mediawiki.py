"""What wikiround knows of MediaWiki 1.39 and uses in more than one place.

The model, both wikitext readers, the writer and the dump reader take these facts from
here, so that they cannot drift apart. (They are not in :mod:`wikiround.wikitext`: the
model needs some of them, and that package imports the model.)
"""

from __future__ import annotations

import re

__all__ = [
    "BEHAVIOUR_SWITCH",
    "BEHAVIOUR_SWITCHES",
    "capitalise_first",
    "template_title",
    "title_text",
    "without_template_namespace",
]

# Behaviour switches (``__TOC__``) MediaWiki 1.39 and common extensions know; MediaWiki
# takes them out of the page wherever they stand.
BEHAVIOUR_SWITCHES = (
    "NOTOC", "FORCETOC", "TOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK",
    "NOGALLERY", "HIDDENCAT", "EXPECTUNUSEDCATEGORY", "EXPECTUNUSEDTEMPLATE",
    "NOCONTENTCONVERT", "NOCC", "NOTITLECONVERT", "NOTC", "INDEX", "NOINDEX",
    "STATICREDIRECT", "DISAMBIG", "NOGLOBAL", "EXPECTED_UNCONNECTED_PAGE", "ARCHIVEDTALK",
    "NOTALK",
)  # fmt: skip
# One behaviour switch, in any case.
BEHAVIOUR_SWITCH = re.compile(
    "__(?:" + "|".join(BEHAVIOUR_SWITCHES) + ")__",
    re.IGNORECASE,
)


def title_text(name: str) -> str:
    """A title as MediaWiki reads it: ``_`` is a space, a run of whitespace one space,
    none at either end. (Case is left alone.)"""
    return " ".join(name.replace("_", " ").split())


def capitalise_first(title: str) -> str:
    """``title`` with its first letter in upper case, as MediaWiki stores titles."""
    return title[:1].upper() + title[1:]


def without_template_namespace(title: str) -> str:
    """``title`` (see :func:`title_text`) without a ``Template:`` prefix, in any case."""
    prefix, colon, rest = title.partition(":")
    if colon and prefix.strip().lower() == "template":
        return rest.strip()
    return title


def template_title(name: str) -> str:
    """A template's name as MediaWiki compares it: ``{{infobox_officeholder}}`` and
    ``{{Template:Infobox officeholder}}`` both call ``Infobox officeholder``."""
    return capitalise_first(without_template_namespace(title_text(name)))
