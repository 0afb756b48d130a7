"""Apply an edit made in plain text or in the model onto an article's original wikitext.

Reading a real article with :func:`~wikiround.lossy.parse_wikitext_lossy` and
writing it back with :func:`~wikiround.wikitext.render_wikitext` loses its references,
links, files and categories. :func:`apply_edit` does not write the article anew: it
reads the original, compares what that read gave with the edited article, and rewrites
only the source text of what changed. Everything the edit did not touch stays byte for
byte; every change is listed with where it happened. docs/editing.md explains the rules.

The package is split by job: ``_original`` (the page, its read and the edits collected
against it), ``_splice`` (an element's edit placed inside its source), ``_dates`` (date
templates), ``_infobox`` (parameters), ``_body`` (paragraphs and headings) and
``_apply`` (the entry point).
"""

from __future__ import annotations

from wikiround.editing._apply import apply_edit
from wikiround.editing._changes import Change, ChangeKind, Edit, EditConflict, EditError

__all__ = ["Change", "ChangeKind", "Edit", "EditConflict", "EditError", "apply_edit"]
