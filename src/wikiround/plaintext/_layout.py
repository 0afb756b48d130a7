"""What the plain-text reader remembers of a document's layout."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

# The kinds of unit a document is made of, in order; a layout fits an article only
# when the article has the same sequence of units.
TITLE = "title"
INFOBOX = "infobox"
PARAGRAPH = "paragraph"
HEADING = "heading"


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


@attrs.frozen
class PlainLayout:
    """Everything about a plain-text document that the model does not hold.

    ``separators[i]`` is the exact text between unit ``i`` and unit ``i + 1`` of
    ``shape`` (``"\\n"``, ``"\\n\\n"``, or blank lines holding spaces); ``ending`` is what
    follows the last unit. ``heading_padding`` gives, per heading, the whitespace inside
    its ``=`` signs. ``key_spellings`` maps a parameter name to its key where the key was
    not written the canonical way; ``spaced_empty`` lists parameters written
    ``- Key: `` (with a space) for an empty value.
    """

    shape: tuple[str, ...]
    separators: tuple[str, ...]
    ending: str
    heading_padding: tuple[tuple[str, str], ...]
    key_spellings: Mapping[str, str] = attrs.field(converter=_frozen_mapping)
    spaced_empty: frozenset[str]
