"""The summary of a lossy read, and how to put edits of its output back onto the page.

The plain text (or JSON) a page is read into cannot know where it came from: converting
it back on its own writes a page without what the read left out. So when a lossy read
writes plain text or JSON, its summary line says how to apply edits onto the page
instead (``--onto``, docs/editing.md).
"""

from __future__ import annotations

import shlex

from wikiround._app._convert import JSON, PLAIN, WIKITEXT, Outcome
from wikiround.errors import WikiroundError

__all__ = ["EDITED", "onto_hint", "read_summary"]

# The name the hint gives the edited file when the output went to standard output.
EDITED = {PLAIN: "EDITED.txt", JSON: "EDITED.json"}


def onto_hint(prog: str, edited: str, page: str) -> str:
    """``to put edits back onto the page, keeping what the plain text lacks: wikiround
    page.txt --onto page.wiki``, quoted for a shell."""
    return (
        "to put edits back onto the page, keeping what the plain text lacks: "
        f"{prog} {shlex.quote(edited)} --onto {shlex.quote(page)}"
    )


def _read_without_loss(text: str, outcome: Outcome) -> bool:
    """True when the strict reader reads ``text`` as the same article: writing the plain
    text back gives the page again (in meaning), and nothing needs ``--onto``."""
    from wikiround.lossy._tables import find_tables  # only for a read that reported nothing
    from wikiround.wikitext import parse_wikitext

    if find_tables(text)[0]:
        # The strict reader takes no table; and mwparserfromhell's tokens for a table's
        # markup would cost some hundreds of times its size (the lossy reader finds
        # tables line by line, as this does).
        return False
    try:
        return parse_wikitext(text, title=outcome.article.title) == outcome.article
    except WikiroundError:
        return False


def read_summary(
    label: str, text: str, outcome: Outcome, *, strict: bool, output: str | None, prog: str
) -> str | None:
    """The summary line of reading one document (None when there is nothing to say): what
    a wikitext read left out and, when it wrote plain text or JSON with loss, how to put
    edits back onto the page (``output`` is where it went; None: standard output)."""
    if outcome.source != WIKITEXT:
        return None
    parts = [] if outcome.report.is_empty else [outcome.report.summary()]
    lossy = outcome.target in EDITED and not strict
    if lossy and (parts or not _read_without_loss(text, outcome)):
        if not parts:
            parts.append("links and formatting read as their text")
        page = "PAGE.wiki" if label == "-" else label
        parts.append(onto_hint(prog, output or EDITED[outcome.target], page))
    return f"wikiround: {label}: {'; '.join(parts)}" if parts else None
