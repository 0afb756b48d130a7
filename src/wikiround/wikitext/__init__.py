"""MediaWiki wikitext: the writer, the strict reader and the lossy real-article reader.

This package is the only place that imports mwparserfromhell.
"""

from wikiround.wikitext._calls import InfoboxCall, find_infobox
from wikiround.wikitext._lossy import parse_wikitext_lossy
from wikiround.wikitext._reader import parse_wikitext
from wikiround.wikitext._writer import render_wikitext

__all__ = [
    "InfoboxCall",
    "find_infobox",
    "parse_wikitext",
    "parse_wikitext_lossy",
    "render_wikitext",
]
