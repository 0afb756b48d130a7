"""wikiround: Wikipedia articles between plain text and wikitext.

Plain-text articles go to wikitext and back without loss (``parse_plaintext``,
``render_wikitext``, the strict ``parse_wikitext``). Real articles are read with loss
(``parse_wikitext_lossy``); edits of them go back onto the page with ``apply_edit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikiround._lazy import lazy_exports
from wikiround.errors import ModelError, ParseError, RenderError, WikiroundError

if TYPE_CHECKING:
    from wikiround._json import from_json, json_schema, to_json
    from wikiround.dates import PartialDate, parse_date
    from wikiround.editing import Change, ChangeKind, Edit, EditConflict, EditError, apply_edit
    from wikiround.lossy import Dropped, Kind, LossyResult, Report, parse_wikitext_lossy
    from wikiround.model import Article, Infobox, Parameter, Section
    from wikiround.officeholder import Office, Officeholder
    from wikiround.plaintext import parse_plaintext, render_plaintext
    from wikiround.validation import CheckWarning, check
    from wikiround.wikitext import parse_wikitext, render_wikitext

# Each name is imported on first use, so that `import wikiround` (and the command line
# converting one file) loads only what it needs: not the readers and their parser, the
# parameter catalogue, JSON or the batch engine.
_HOME = {
    "from_json": "wikiround._json",
    "json_schema": "wikiround._json",
    "to_json": "wikiround._json",
    "PartialDate": "wikiround.dates",
    "parse_date": "wikiround.dates",
    "Change": "wikiround.editing",
    "ChangeKind": "wikiround.editing",
    "Edit": "wikiround.editing",
    "EditConflict": "wikiround.editing",
    "EditError": "wikiround.editing",
    "apply_edit": "wikiround.editing",
    "Dropped": "wikiround.lossy",
    "Kind": "wikiround.lossy",
    "LossyResult": "wikiround.lossy",
    "Report": "wikiround.lossy",
    "parse_wikitext_lossy": "wikiround.lossy",
    "Article": "wikiround.model",
    "Infobox": "wikiround.model",
    "Parameter": "wikiround.model",
    "Section": "wikiround.model",
    "Office": "wikiround.officeholder",
    "Officeholder": "wikiround.officeholder",
    "parse_plaintext": "wikiround.plaintext",
    "render_plaintext": "wikiround.plaintext",
    "CheckWarning": "wikiround.validation",
    "check": "wikiround.validation",
    "parse_wikitext": "wikiround.wikitext",
    "render_wikitext": "wikiround.wikitext",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOME)

__all__ = [
    "Article",
    "Change",
    "ChangeKind",
    "CheckWarning",
    "Dropped",
    "Edit",
    "EditConflict",
    "EditError",
    "Infobox",
    "Kind",
    "LossyResult",
    "ModelError",
    "Office",
    "Officeholder",
    "Parameter",
    "ParseError",
    "PartialDate",
    "RenderError",
    "Report",
    "Section",
    "WikiroundError",
    "__version__",
    "apply_edit",
    "check",
    "from_json",
    "json_schema",
    "parse_date",
    "parse_plaintext",
    "parse_wikitext",
    "parse_wikitext_lossy",
    "render_plaintext",
    "render_wikitext",
    "to_json",
]

__version__ = "0.1.0"
