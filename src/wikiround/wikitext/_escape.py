"""Escaping text so that MediaWiki shows it as text, and reading the escapes back.

Each rule escapes the fewest characters that stop MediaWiki from reading markup; text
with none of these sequences comes out unchanged. The escapes are numeric character
references (``&#123;``), ``&amp;``, ``&lt;`` and, in template values, ``{{!}}``.
docs/wikitext.md lists every rule with an example.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from wikiround._mediawiki import BEHAVIOUR_SWITCHES
from wikiround._text import SPACE_SEPARATORS

__all__ = [
    "decode_entities",
    "escape_heading",
    "escape_inline",
    "escape_paragraph",
    "escape_value",
]

_SWITCHES = "|".join(BEHAVIOUR_SWITCHES)
# $wgUrlProtocols of MediaWiki 1.39: "scheme:" ones, then "scheme://" ones.
_COLON_SCHEMES = "bitcoin|geo|magnet|mailto|matrix|news|sips|sip|sms|tel|urn|xmpp"
_SLASH_SCHEMES = (
    "ftps|ftp|git|gopher|https|http|ircs|irc|mms|nntp|redis|sftp|ssh|svn|telnet|worldwind"
)
# A character that may follow a scheme in a free external link: MediaWiki's
# EXT_LINK_URL_CLASS. Its \p{Zs} is not Python's \s: U+0085, U+2028 and U+2029 are URL
# characters to MediaWiki.
_URL_CHAR = f"[^\\]\\[<>\"\\x00-\\x20\\x7f{SPACE_SEPARATORS}\ufffd]"


@cache
def _named_entities() -> dict[str, str]:
    """The HTML5 named references MediaWiki 1.39 decodes (written with their ";"), built
    on first use: most text has none, and the table takes milliseconds to build."""
    from html.entities import html5

    return {name[:-1]: text for name, text in html5.items() if name.endswith(";")}


# Each rule below starts at a character of its own, and no replacement makes text that
# an earlier rule would match again, so the rules run one after the other, each only
# when its first character occurs: most text skips nearly all of them.
_AMPERSAND = re.compile(r"&(?=(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|([A-Za-z][A-Za-z0-9]*));)")
_BRACES = re.compile(r"\{\{+|\}\}+")
_BRACKETS = re.compile(rf"\[\[+|\]\]+|\[(?=//{_URL_CHAR})")
_PROTOCOL_RELATIVE = re.compile(f"//{_URL_CHAR}")
_QUOTES = re.compile("''+")
_TILDES = re.compile("~~~+")
_SWITCH = re.compile(rf"_(?=_(?i:{_SWITCHES})__)")
_URL = re.compile(
    rf"(?<![A-Za-z0-9_])(?i:(?:{_COLON_SCHEMES}):(?={_URL_CHAR})|(?:{_SLASH_SCHEMES}):(?=//{_URL_CHAR}))"
)
# In a value a pipe becomes {{!}}; a brace right beside it would make {{{ or }}}.
_BRACE_BY_PIPE = re.compile(r"\{(?=\|)|(?<=\|)\}")
_ENTITY_OF = {"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;"}


def _ampersand(match: re.Match[str]) -> str:
    name = match.group(1)
    return "&" if name is not None and name not in _named_entities() else "&amp;"


def _run(match: re.Match[str]) -> str:
    # Escaping all but the last of a run of braces or brackets leaves no pair behind,
    # unless that last "[" would open a protocol-relative link.
    text = match.group()
    if text[0] == "[" and _PROTOCOL_RELATIVE.match(match.string, match.end()):
        return _ENTITY_OF["["] * len(text)
    return _ENTITY_OF[text[0]] * (len(text) - 1) + text[-1]


def _quotes(match: re.Match[str]) -> str:
    return "".join("&#39;" if i % 2 else "'" for i in range(len(match.group())))


def _tildes(match: re.Match[str]) -> str:
    return "".join("&#126;" if i % 3 == 2 else "~" for i in range(len(match.group())))


# How far _URL looks around a colon: back, the longest scheme and the character before
# it; forward, the colon itself, "//" and one URL character.
_SCHEME_REACH = 1 + max(len(s) for s in (_COLON_SCHEMES + "|" + _SLASH_SCHEMES).split("|"))
_AFTER_COLON = 4


def _url(match: re.Match[str]) -> str:
    return match.group()[:-1] + "&#58;"


def _escape_urls(text: str) -> str:
    """``text`` with the colon of each scheme MediaWiki would link written ``&#58;``.

    Every match of _URL ends at a colon, so where colons are few _URL runs only on the
    characters around each: searching the whole text position by position costs about
    as much as searching around one colon in every fifty characters.
    """
    if text.count(":") * 50 > len(text):
        return _URL.sub(_url, text)
    pieces: list[str] = []
    done = 0
    colon = text.find(":")
    while colon >= 0:
        start = max(colon - _SCHEME_REACH, 0)
        window = text[start : colon + _AFTER_COLON]
        if any(m.end() == colon + 1 - start for m in _URL.finditer(window)):
            pieces.append(text[done:colon])
            pieces.append("&#58;")
            done = colon + 1
        colon = text.find(":", colon + 1)
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def escape_inline(text: str, *, in_value: bool) -> str:
    """``text`` escaped to be written inside a paragraph or (``in_value``) an infobox
    value, without the care for its edges that escape_paragraph and escape_value take
    (wikiround.editing splices it between text that stays)."""
    # A test for one character is several times faster than one for two or three, so
    # the longer sequences are looked for only where their first character occurs.
    if "&" in text:
        text = _AMPERSAND.sub(_ampersand, text)
    if "{" in text and "-{" in text:
        text = text.replace("-{", "-&#123;")
    if ("{" in text and "{{" in text) or ("}" in text and "}}" in text):
        text = _BRACES.sub(_run, text)
    if "[" in text or ("]" in text and "]]" in text):
        text = _BRACKETS.sub(_run, text)
    if "<" in text:
        text = text.replace("<", "&lt;")
    if "'" in text and "''" in text:
        text = _QUOTES.sub(_quotes, text)
    if "~" in text and "~~~" in text:
        text = _TILDES.sub(_tildes, text)
    if "_" in text and "__" in text:
        text = _SWITCH.sub("&#95;", text)
    if ":" in text:
        text = _escape_urls(text)
    if in_value and "|" in text:
        text = _BRACE_BY_PIPE.sub(lambda match: _ENTITY_OF[match.group()], text)
        text = text.replace("|", "{{!}}")
    return text


# Line-start characters that begin a list, an indent, a definition or preformatted text.
_LINE_START = {"*": "&#42;", "#": "&#35;", ":": "&#58;", ";": "&#59;", " ": "&#32;"}
_EDGE_SPACE = {" ": "&#32;", "\t": "&#9;"}
# The first characters that may need escaping in a value and in a paragraph (a space,
# a line start, "----", "{|", and in a paragraph "="): any other leaves both ends as
# they are, unless the last is a space or a tab.
_VALUE_FIRST = frozenset(_EDGE_SPACE) | frozenset(_LINE_START) | {"-", "{"}
_PARAGRAPH_FIRST = _VALUE_FIRST | {"="}


def block_start(text: str) -> tuple[str, str]:
    """``text`` split into an escaped first character and the rest, where that character
    would start a list, an indent, a definition, a rule or a table at the start of a line
    (``("", text)`` elsewhere)."""
    first = text[:1]
    if first in _LINE_START:
        return _LINE_START[first], text[1:]
    if text.startswith("----"):
        return "&#45;", text[1:]
    if text.startswith("{|"):
        return "&#123;", text[1:]
    return "", text


def _split_edges(text: str) -> tuple[str, str, str]:
    """``text`` as (first character, middle, last character) where the ends need escaping."""
    head = text[0] if text[:1] in _EDGE_SPACE else ""
    rest = text[len(head) :]
    tail = rest[-1] if rest[-1:] in _EDGE_SPACE else ""
    return head, rest[: len(rest) - len(tail)], tail


def _keep_unnormalised(escaped: str) -> str:
    """Write as references the characters that NFC normalisation would change.

    MediaWiki's edit form and API normalise pasted text to NFC; a reference is ASCII,
    so the character it stands for reaches the page as written.
    """
    if escaped.isascii() or unicodedata.is_normalized("NFC", escaped):
        return escaped
    out: list[str] = []
    previous = ""
    for char in escaped:
        pair = previous + char
        if not char.isascii() and (
            unicodedata.normalize("NFC", char) != char or unicodedata.normalize("NFC", pair) != pair
        ):
            out.append(f"&#x{ord(char):X};")
            previous = ""
        else:
            out.append(char)
            previous = char
    return "".join(out)


def escape_value(text: str) -> str:
    """Escape a named template parameter's value.

    MediaWiki trims named values, so outer spaces and tabs become references.
    Module:Infobox starts a value on a new line of its table cell when it begins with
    ``*``, ``#``, ``:``, ``;``, ``{|`` or ``----``, so that first character is escaped
    too: the value is shown as text, not as a list, a table or a rule.
    """
    if text[:1] not in _VALUE_FIRST and text[-1:] not in _EDGE_SPACE:
        return _keep_unnormalised(escape_inline(text, in_value=True))
    head, middle, tail = _split_edges(text)
    start = _EDGE_SPACE.get(head, "")
    if not head:
        start, middle = block_start(middle)
    return _keep_unnormalised(
        start + escape_inline(middle, in_value=True) + _EDGE_SPACE.get(tail, "")
    )


def escape_heading(text: str) -> str:
    """Escape a section heading's text (the model keeps headings trimmed)."""
    return _keep_unnormalised(escape_inline(text, in_value=False))


def escape_paragraph(text: str) -> str:
    """Escape one paragraph, written as one line of the page body."""
    if text[:1] not in _PARAGRAPH_FIRST and text[-1:] not in _EDGE_SPACE:
        return _keep_unnormalised(escape_inline(text, in_value=False))
    head, middle, tail = _split_edges(text)
    start = _EDGE_SPACE.get(head, "")
    if not head and middle:
        start, middle = block_start(middle)
        if not start and middle[0] == "=" and "=" in middle[1:]:
            # MediaWiki reads "=x=" as a heading; mwparserfromhell also "=x=y".
            start, middle = "&#61;", middle[1:]
    escaped = start + escape_inline(middle, in_value=False) + _EDGE_SPACE.get(tail, "")
    return _keep_unnormalised(escaped)


_REFERENCE = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));")


def valid_codepoint(codepoint: int) -> bool:
    """Whether MediaWiki turns a numeric reference to ``codepoint`` into that character."""
    # Checked against MediaWiki 1.39: CR, DEL and the C1 controls stay as written.
    return (
        codepoint in (0x09, 0x0A)
        or 0x20 <= codepoint <= 0x7E
        or 0xA0 <= codepoint <= 0xD7FF
        or 0xE000 <= codepoint <= 0xFFFD
        or 0x10000 <= codepoint <= 0x10FFFF
    )


def _decode_match(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _named_entities().get(name, match.group())
    codepoint = int(decimal, 10) if decimal is not None else int(hexadecimal, 16)
    return chr(codepoint) if valid_codepoint(codepoint) else match.group()


def decode_entities(text: str) -> str:
    """Replace the character references MediaWiki decodes by their characters."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(_decode_match, text)
