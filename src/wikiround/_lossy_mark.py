"""The mark a lossy read leaves on its article, so that no writer passes it off as the page.

:func:`~wikiround.lossy.parse_wikitext_lossy` shows what a reader sees of a page and
leaves out its references, files, tables, categories, comments and the targets of its
links. Written back as wikitext, such an article would replace the page with a
stripped copy. The reader attaches a :class:`LossyRead` as the article's ``layout``
(the opaque, equality-free record a reader may attach; ``attrs.evolve`` carries it
over to edited copies), and :func:`~wikiround.wikitext.render_wikitext` refuses such
an article unless told ``allow_loss=True``. The model itself knows no format: it only
carries the record. docs/editing.md explains the decision.
"""

from __future__ import annotations

import attrs

__all__ = ["LossyRead"]


@attrs.frozen
class LossyRead:
    """``Article.layout`` of an article read by the lossy reader."""
