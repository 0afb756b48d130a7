"""The lossy reader: real Wikipedia articles read into what the plain text can hold.

:func:`parse_wikitext_lossy` shows what a reader of the page sees and reports every
construct it leaves out (:class:`Report`). It reads wikitext, as the strict reader in
:mod:`wikiround.wikitext` does, but targets the plain-text format, whose line shapes it
must avoid; so it lives apart from both. With :mod:`wikiround.wikitext`, this is the
only package that imports mwparserfromhell.
"""

from wikiround.lossy._reader import parse_wikitext_lossy
from wikiround.lossy._report import Dropped, Kind, LossyResult, Report

__all__ = ["Dropped", "Kind", "LossyResult", "Report", "parse_wikitext_lossy"]
