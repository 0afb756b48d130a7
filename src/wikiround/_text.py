"""Checks on input text shared by both readers."""

from __future__ import annotations

import re

from wikiround.errors import ParseError

__all__ = ["check_characters"]

_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def check_characters(text: str) -> None:
    """Raise :class:`ParseError` at the first character no article can hold."""
    bad = _BAD_CHARACTER.search(text)
    if bad is None:
        return
    char = bad.group()
    if char == "\r":
        message = "carriage return (CR) in the text; use LF line endings"
    elif "\ud800" <= char <= "\udfff":
        message = f"lone surrogate U+{ord(char):04X} is not text"
    else:
        message = f"control character U+{ord(char):04X} is not allowed"
    raise ParseError.at_offset(message, text, bad.start())
