"""What wikiround knows of MediaWiki 1.39 and uses in more than one place.

The model, both wikitext readers, the writer and the dump reader take these facts from
here, so that they cannot drift apart. (They are not in :mod:`wikiround.wikitext`: the
model needs some of them, and that package imports the model.)
"""

from __future__ import annotations

import re

from wikiround._text import PHP_TRIMMED

__all__ = [
    "BEHAVIOUR_SWITCH",
    "BEHAVIOUR_SWITCHES",
    "REDIRECT",
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


# MediaWiki 1.39's title normalisation (MediaWikiTitleCodec::splitTitleString) drops
# the bidirectional marks, then turns each run of these into one "_", none at either
# end. It is not str.split(): U+2028 and U+2029 are spaces here, U+0085 is a letter.
# What PHP's trim() removes counts as space too: MediaWiki trims it from a name's ends,
# and a name holding a tab or LF inside is no title (kept as before: read as a space).
_TITLE_MARKS = re.compile("[\u200e\u200f\u202a-\u202e]+")
_TITLE_SPACES = re.compile(
    f"[{PHP_TRIMMED}_\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)

# A redirect page's text: what PHP's ltrim() removes, "#REDIRECT" in any case, an
# optional colon, then the link (WikitextContent::getRedirectTargetAndText). Its \s is
# PCRE's without the u flag: ASCII whitespace only, not U+00A0, U+2028 or U+3000. The
# colon's spaces come after it, so that no two quantifiers share a run of spaces.
REDIRECT = re.compile(
    f"[{PHP_TRIMMED}]*" + r"#REDIRECT[ \t\n\r\f\v]*(?::[ \t\n\r\f\v]*)?\[\[([^\[\]\n]*)\]\]",
    re.IGNORECASE,
)


def title_text(name: str) -> str:
    """A title as MediaWiki reads it: ``_`` is a space, a run of whitespace one space,
    none at either end. (Case is left alone.)"""
    return _TITLE_SPACES.sub(" ", _TITLE_MARKS.sub("", name)).strip(" ")


def capitalise_first(title: str) -> str:
    """``title`` with its first letter in upper case, as MediaWiki stores titles."""
    return title[:1].upper() + title[1:]


def without_template_namespace(title: str) -> str:
    """``title`` (see :func:`title_text`) without a ``Template:`` prefix, in any case."""
    prefix, colon, rest = title.partition(":")
    if colon and prefix.strip(" ").lower() == "template":
        return rest.strip(" ")
    return title


def template_title(name: str) -> str:
    """A template's name as MediaWiki compares it: ``{{infobox_officeholder}}`` and
    ``{{Template:Infobox officeholder}}`` both call ``Infobox officeholder``."""
    return capitalise_first(without_template_namespace(title_text(name)))
