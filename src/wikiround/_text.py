"""Checks on input text shared by both readers."""

from __future__ import annotations

import re

from wikiround.errors import ParseError

__all__ = [
    "BAD_CHARACTER",
    "LINE_BREAK",
    "NOT_TEXT",
    "PHP_TRIMMED",
    "SPACE_SEPARATORS",
    "WHITESPACE",
    "check_characters",
    "holds_only_text",
    "is_blank",
    "lines_keeping_breaks",
    "php_trim",
    "printable",
    "trim",
    "words",
]

# Lines break at LF only, in the plain-text format as in MediaWiki. U+0085, U+2028 and
# U+2029, which Python's str.splitlines() and str.strip() also treat as line breaks, are
# ordinary characters here: a line holding one is not blank.
LINE_BREAK = "\n"
# The Unicode space separators (category Zs), which MediaWiki's patterns write \p{Zs}.
SPACE_SEPARATORS = (
    " \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
# Whitespace, wherever an article's text is trimmed or a line is tested for blankness: tab
# and the space separators. The other characters str.isspace() accepts are line breaks
# (above) or controls that no article may hold.
WHITESPACE = "\t" + SPACE_SEPARATORS
# What PHP's trim() removes. MediaWiki trims template names and the names and values of
# named template arguments with it, so U+00A0, U+3000 or U+2028 at either end stay.
PHP_TRIMMED = " \t\n\r\0\x0b"
_WORD_BREAK = re.compile(f"[{WHITESPACE}{LINE_BREAK}]+")

# The characters no text may hold, as the body of a character class: C0 controls but
# tab and LF, DEL (MediaWiki's strip markers start with it), lone surrogates (not
# encodable as UTF-8) and the two non-characters XML forbids.
NOT_TEXT = "\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff"
BAD_CHARACTER = re.compile(f"[{NOT_TEXT}]")


# The bytes of UTF-8 that can be part of text: all but the C0 controls other than tab
# and LF, and DEL. (U+FFFE and U+FFFF are made of allowed bytes; lone surrogates cannot
# be encoded at all.)
_TEXT_BYTES = b"\t\n" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
_NONCHARACTER_FFFE = "\ufffe".encode()
_NONCHARACTER_FFFF = "\uffff".encode()
_CHUNK = 1 << 20  # characters encoded at a time, so that memory stays flat


def holds_only_text(text: str) -> bool:
    """True when ``text`` holds none of NOT_TEXT, tested on its UTF-8 bytes with C loops
    several times faster than BAD_CHARACTER's search over the str."""
    for start in range(0, len(text), _CHUNK):
        try:
            data = text[start : start + _CHUNK].encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return False
        if data.translate(None, _TEXT_BYTES) or _NONCHARACTER_FFFE in data:
            return False
        if _NONCHARACTER_FFFF in data:
            return False
    return True


def check_characters(text: str) -> None:
    """Raise :class:`ParseError` at the first character no article can hold."""
    if holds_only_text(text):
        return
    bad = BAD_CHARACTER.search(text)
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


_BLANK = WHITESPACE + LINE_BREAK


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but whitespace and LF line breaks (or nothing)."""
    return not text.strip(_BLANK)


def trim(text: str, *, line_breaks: bool = False) -> str:
    """``text`` without whitespace (and LF line breaks if ``line_breaks``) at either end;
    never without a line break's lookalike."""
    return text.strip(_BLANK if line_breaks else WHITESPACE)


def php_trim(text: str) -> str:
    """``text`` trimmed as MediaWiki trims a template's name or a named argument."""
    return text.strip(PHP_TRIMMED)


def lines_keeping_breaks(text: str) -> list[str]:
    """``text`` cut after each LF, as ``str.splitlines(keepends=True)`` would cut it if
    LF were the only line break."""
    lines = text.split(LINE_BREAK)
    kept = [line + LINE_BREAK for line in lines[:-1]]
    return [*kept, lines[-1]] if lines[-1] else kept


def words(text: str) -> list[str]:
    """``text`` split at runs of whitespace and line breaks, with no empty word: what
    ``str.split()`` does, but a line break's lookalike (U+0085, U+2028) is a letter."""
    return [word for word in _WORD_BREAK.split(text) if word]


# What a terminal would act on rather than show: control characters (but tab and line
# feed), C1 controls and the bidirectional overrides that reorder a line.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with the characters a terminal would act on written as escapes
    (``\\x1b``, ``\\u202e``), for messages that quote input."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
