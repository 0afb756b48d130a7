"""Escaping text so that MediaWiki shows it as text, and reading the escapes back.

Each rule escapes the fewest characters that stop MediaWiki from reading markup; text
with none of these sequences comes out unchanged. The escapes are numeric character
references (``&#123;``), ``&amp;``, ``&lt;`` and, in template values, ``{{!}}``.
docs/wikitext.md lists every rule with an example.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5

__all__ = ["decode_entities", "escape_heading", "escape_paragraph", "escape_value"]

# Behaviour switches (``__TOC__``) MediaWiki 1.39 and common extensions know.
_SWITCHES = (
    "NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|"
    "HIDDENCAT|EXPECTUNUSEDCATEGORY|EXPECTUNUSEDTEMPLATE|NOCONTENTCONVERT|NOCC|"
    "NOTITLECONVERT|NOTC|INDEX|NOINDEX|STATICREDIRECT|DISAMBIG|NOGLOBAL|"
    "EXPECTED_UNCONNECTED_PAGE|ARCHIVEDTALK|NOTALK"
)
# $wgUrlProtocols of MediaWiki 1.39: "scheme:" ones, then "scheme://" ones.
_COLON_SCHEMES = "bitcoin|geo|magnet|mailto|matrix|news|sips|sip|sms|tel|urn|xmpp"
_SLASH_SCHEMES = (
    "ftps|ftp|git|gopher|https|http|ircs|irc|mms|nntp|redis|sftp|ssh|svn|telnet|worldwind"
)
# A character that may follow a scheme in a free external link.
_URL_CHAR = r"[^\]\[<>\"\x00-\x20\x7f\s\ufffd]"

# MediaWiki 1.39 decodes the HTML5 named references written with their ";".
_NAMED_ENTITIES = {name[:-1]: text for name, text in html5.items() if name.endswith(";")}
_KNOWN_ENTITY = frozenset(_NAMED_ENTITIES)

_INLINE_RULES = rf"""
  (?P<amp>&(?=(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|(?P<entity>[A-Za-z][A-Za-z0-9]*));))
| (?P<language_converter>-\{{)
| (?P<braces>\{{\{{+|\}}\}}+)
| (?P<brackets>\[\[+|\]\]+)
| (?P<protocol_relative>\[(?=//{_URL_CHAR}))
| (?P<tag><)
| (?P<quotes>''+)
| (?P<tildes>~~~+)
| (?P<switch>_(?=_(?i:{_SWITCHES})__))
| (?P<url>(?<![A-Za-z0-9_])
    (?i:(?:{_COLON_SCHEMES}):(?={_URL_CHAR})|(?:{_SLASH_SCHEMES}):(?=//{_URL_CHAR})))
"""
_BODY_INLINE = re.compile(_INLINE_RULES, re.VERBOSE)
_PROTOCOL_RELATIVE = re.compile(f"//{_URL_CHAR}")
# In a value a pipe becomes {{!}}; a brace right beside it would make {{{ or }}}.
_VALUE_INLINE = re.compile(
    _INLINE_RULES + r"| (?P<pipe>\|) | (?P<brace_by_pipe>\{(?=\|)|(?<=\|)\})", re.VERBOSE
)
_ENTITY_OF = {"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;"}


def _escape_match(match: re.Match[str]) -> str:
    kind = match.lastgroup
    text = match.group()
    if kind == "amp":
        name = match.group("entity")
        return "&" if name is not None and name not in _KNOWN_ENTITY else "&amp;"
    if kind in ("braces", "brackets"):
        # Escaping all but the last of a run leaves no pair behind, unless that last
        # "[" would open a protocol-relative link.
        if text[0] == "[" and _PROTOCOL_RELATIVE.match(match.string, match.end()):
            return _ENTITY_OF["["] * len(text)
        return _ENTITY_OF[text[0]] * (len(text) - 1) + text[-1]
    if kind == "language_converter":
        return "-&#123;"
    if kind == "brace_by_pipe":
        return _ENTITY_OF[text]
    if kind == "protocol_relative":
        return "&#91;"
    if kind == "tag":
        return "&lt;"
    if kind == "quotes":
        return "".join("&#39;" if i % 2 else "'" for i in range(len(text)))
    if kind == "tildes":
        return "".join("&#126;" if i % 3 == 2 else "~" for i in range(len(text)))
    if kind == "switch":
        return "&#95;"
    if kind == "url":
        return text[:-1] + "&#58;"
    return "{{!}}"  # pipe


# Line-start characters that begin a list, an indent, a definition or preformatted text.
_LINE_START = {"*": "&#42;", "#": "&#35;", ":": "&#58;", ";": "&#59;", " ": "&#32;"}
_EDGE_SPACE = {" ": "&#32;", "\t": "&#9;"}


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
            unicodedata.normalize("NFC", char) != char
            or unicodedata.normalize("NFC", pair) != pair
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
    """
    head, middle, tail = _split_edges(text)
    return _keep_unnormalised(
        _EDGE_SPACE.get(head, "")
        + _VALUE_INLINE.sub(_escape_match, middle)
        + _EDGE_SPACE.get(tail, "")
    )


def escape_heading(text: str) -> str:
    """Escape a section heading's text (the model keeps headings trimmed)."""
    return _keep_unnormalised(_BODY_INLINE.sub(_escape_match, text))


def escape_paragraph(text: str) -> str:
    """Escape one paragraph, written as one line of the page body."""
    head, middle, tail = _split_edges(text)
    start = _EDGE_SPACE.get(head, "")
    if not head and middle:
        first = middle[0]
        if first in _LINE_START:
            start, middle = _LINE_START[first], middle[1:]
        elif middle.startswith("----"):
            start, middle = "&#45;", middle[1:]
        elif middle.startswith("{|"):
            start, middle = "&#123;", middle[1:]
        elif first == "=" and (middle + tail).rstrip().endswith("="):
            start, middle = "&#61;", middle[1:]
    escaped = start + _BODY_INLINE.sub(_escape_match, middle) + _EDGE_SPACE.get(tail, "")
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
        return _NAMED_ENTITIES.get(name, match.group())
    codepoint = int(decimal, 10) if decimal is not None else int(hexadecimal, 16)
    return chr(codepoint) if valid_codepoint(codepoint) else match.group()


def decode_entities(text: str) -> str:
    """Replace the character references MediaWiki decodes by their characters."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(_decode_match, text)
