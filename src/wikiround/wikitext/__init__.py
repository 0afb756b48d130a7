"""MediaWiki wikitext: the writer and the strict reader.

Real articles are read by :mod:`wikiround.lossy`. These two packages are the only
places that import mwparserfromhell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikiround._lazy import lazy_exports

if TYPE_CHECKING:
    from wikiround.wikitext._calls import InfoboxCall, find_infobox
    from wikiround.wikitext._reader import parse_wikitext
    from wikiround.wikitext._writer import render_wikitext

__all__ = [
    "InfoboxCall",
    "find_infobox",
    "parse_wikitext",
    "render_wikitext",
]

# Imported on first use: the writer alone does not need mwparserfromhell.
_HOME = {
    "InfoboxCall": "wikiround.wikitext._calls",
    "find_infobox": "wikiround.wikitext._calls",
    "parse_wikitext": "wikiround.wikitext._reader",
    "render_wikitext": "wikiround.wikitext._writer",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOME)
