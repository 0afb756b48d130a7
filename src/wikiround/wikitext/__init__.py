"""MediaWiki wikitext: the writer and the strict reader.

Real articles are read by :mod:`wikiround.lossy`. These two packages are the only
places that import mwparserfromhell.
"""

from wikiround.wikitext._calls import InfoboxCall, find_infobox
from wikiround.wikitext._reader import parse_wikitext
from wikiround.wikitext._writer import render_wikitext

__all__ = [
    "InfoboxCall",
    "find_infobox",
    "parse_wikitext",
    "render_wikitext",
]
