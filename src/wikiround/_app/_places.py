"""Where an infobox parameter is written in a source document, for messages about it.

The model keeps no positions, so ``--check`` finds each warned-about parameter again in
the text it was read from: a ``- Key: Value`` line of plain text, a ``| name =``
argument of the wikitext infobox call, a ``"name": …`` member of JSON.
"""

from __future__ import annotations

import json
import re

from wikiround.plaintext._keys import key_to_parameter
from wikiround.plaintext._syntax import KEY_SEPARATOR, PARAMETER_PREFIX

__all__ = ["line_column", "parameter_place"]

PLAIN = "plain"
WIKITEXT = "wikitext"
JSON = "json"


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def parameter_place(text: str, source: str, name: str | None) -> tuple[int, int] | None:
    """Line and column where parameter ``name`` is written in ``text`` (in format
    ``source``), or None when it cannot be found. ``name`` None: where the infobox is."""
    if name is None:
        return _infobox_place(text, source)
    if source == PLAIN:
        return _plain_place(text, name)
    if source == WIKITEXT:
        return _wikitext_place(text, name)
    if source == JSON:
        return _json_place(text, name)
    return None


def _infobox_place(text: str, source: str) -> tuple[int, int] | None:
    if source == WIKITEXT:
        from wikiround.wikitext import find_infobox

        call = find_infobox(text)
        return None if call is None else line_column(text, call.offset)
    if source == JSON:
        found = re.search(r'"infobox"[ \t\n]*:', text)
        return None if found is None else line_column(text, found.start())
    if source == PLAIN:
        # The name line, just above the first '- Key: Value' line.
        lines = text.split("\n")
        for number, line in enumerate(lines[1:], start=2):
            if line.startswith(PARAMETER_PREFIX):
                return number - 1, 1
    return None


def _plain_place(text: str, name: str) -> tuple[int, int] | None:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.startswith(PARAMETER_PREFIX):
            continue
        body = line[len(PARAMETER_PREFIX) :]
        key, found, _ = body.partition(KEY_SEPARATOR)
        if not found and body.endswith(":"):
            key = body[:-1]
        if key and key_to_parameter(key) == name:
            return number, len(PARAMETER_PREFIX) + 1
    return None


def _wikitext_place(text: str, name: str) -> tuple[int, int] | None:
    from wikiround.wikitext import find_infobox  # parses the page: only when warned

    call = find_infobox(text)
    if call is None:
        return None
    # Whitespace runs around a literal name: no backtracking to speak of.
    argument = re.compile(r"\|[ \t\n]*(" + re.escape(name) + r")[ \t\n]*=")
    found = argument.search(text, call.offset)
    return None if found is None else line_column(text, found.start(1))


def _json_place(text: str, name: str) -> tuple[int, int] | None:
    for spelling in {json.dumps(name, ensure_ascii=False), json.dumps(name)}:
        found = re.search(r'"name"[ \t\n]*:[ \t\n]*(' + re.escape(spelling) + ")", text)
        if found is not None:
            return line_column(text, found.start(1))
    return None
