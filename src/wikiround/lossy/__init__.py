"""The lossy reader: real Wikipedia articles read into what the plain text can hold.

:func:`parse_wikitext_lossy` shows what a reader of the page sees and reports every
construct it leaves out (:class:`Report`). It reads wikitext, as the strict reader in
:mod:`wikiround.wikitext` does, but targets the plain-text format, whose line shapes it
must avoid; so it lives apart from both. With :mod:`wikiround.wikitext`, this is the
only package that imports mwparserfromhell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikiround._lazy import lazy_exports
from wikiround.lossy._report import Dropped, Kind, LossyResult, Report

if TYPE_CHECKING:
    from wikiround.lossy._reader import parse_wikitext_lossy

__all__ = ["Dropped", "Kind", "LossyResult", "Report", "parse_wikitext_lossy"]


# The reader (and mwparserfromhell) is imported on first use: the report's types are
# needed by conversions that read no wikitext.
__getattr__, __dir__ = lazy_exports(__name__, {"parse_wikitext_lossy": "wikiround.lossy._reader"})
