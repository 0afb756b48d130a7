"""wikiround: Wikipedia articles between plain text and wikitext, without loss."""

from wikiround.errors import ModelError, ParseError, RenderError, WikiroundError
from wikiround.model import Article, Infobox, Parameter, Section
from wikiround.plaintext import parse_plaintext, render_plaintext
from wikiround.wikitext import parse_wikitext, render_wikitext

__all__ = [
    "Article",
    "Infobox",
    "ModelError",
    "Parameter",
    "ParseError",
    "RenderError",
    "Section",
    "WikiroundError",
    "__version__",
    "parse_plaintext",
    "parse_wikitext",
    "render_plaintext",
    "render_wikitext",
]

__version__ = "0.1.0"
