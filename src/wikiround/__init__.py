"""wikiround: Wikipedia articles between plain text and wikitext.

Plain-text articles go to wikitext and back without loss (``parse_plaintext``,
``render_wikitext``, the strict ``parse_wikitext``). Real articles are read with loss
(``parse_wikitext_lossy``); edits of them go back onto the page with ``apply_edit``.
"""

from wikiround._json import from_json, json_schema, to_json
from wikiround.dates import PartialDate, parse_date
from wikiround.editing import Change, ChangeKind, Edit, EditError, apply_edit
from wikiround.errors import ModelError, ParseError, RenderError, WikiroundError
from wikiround.lossy import Dropped, Kind, LossyResult, Report, parse_wikitext_lossy
from wikiround.model import Article, Infobox, Parameter, Section
from wikiround.officeholder import Office, Officeholder
from wikiround.plaintext import parse_plaintext, render_plaintext
from wikiround.validation import CheckWarning, check
from wikiround.wikitext import parse_wikitext, render_wikitext

__all__ = [
    "Article",
    "Change",
    "ChangeKind",
    "CheckWarning",
    "Dropped",
    "Edit",
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
