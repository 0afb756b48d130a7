"""The plain-text article format: ``= Title =``, an infobox as ``- Key: Value`` lines,
paragraphs and ``==Section==`` headings (see docs/format.md)."""

from wikiround.plaintext._reader import parse_plaintext
from wikiround.plaintext._writer import render_plaintext

__all__ = ["parse_plaintext", "render_plaintext"]
