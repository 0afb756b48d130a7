"""Files and galleries: which of their text readers see.

A file link's text after the target is a list of parameters split at ``|``; each is
an image option (``thumb``, ``200px``, ``alt=…``) or, when it is none, the caption, the
last such parameter winning (Parser::makeImage in MediaWiki 1.39, with the option
names of languages/messages/MessagesEn.php, matched case-sensitively). A thumbnail or a
framed file (``thumb``, ``frame``, ``thumb=Other.jpg``) shows its caption under the
image; any other file uses it as alt and tooltip text, which readers do not see. A
file that is floated or centred, or shows a frame, is a block: it ends the paragraph it
sits in, as MediaWiki's ``<div>`` does.

A ``<gallery>`` line is ``File name|parameters``; its caption is the last parameter
that is not ``alt=`` or ``link=`` (Parser::renderImageGallery). The gallery's
``caption`` attribute shows above its items.

Which options a file takes beyond MediaWiki's own depends on the file: an SVG takes
``lang=``, a paged file (PDF, DjVu, TIFF) ``page=``, audio and video ``thumbtime=``,
``start=``, ``end=`` and ``disablecontrols=``; for any other file they are captions.
(MediaWiki learns this from the uploaded file; the reader goes by the name's extension.)
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from wikiround._text import PHP_TRIMMED
from wikiround.lossy._report import Kind
from wikiround.lossy._tree import Code, Comment, Node, Template

__all__ = [
    "Caption",
    "FileLayout",
    "caption_parts",
    "file_layout",
    "gallery_item",
    "is_gallery_option",
    "valid_file_title",
]

# Options that take no value.
_HORIZONTAL = frozenset({"left", "right", "center", "centre", "none"})
_FLAGS = frozenset(
    {"baseline", "sub", "super", "sup", "top", "text-top", "middle", "bottom",
     "text-bottom", "border", "upright"}
)  # fmt: skip
# Formats: the first one given counts; a later one is a caption.
_CAPTIONED_FORMATS = frozenset({"thumb", "thumbnail", "frame", "framed", "enframed"})
_MANUAL_THUMB = ("thumbnail=", "thumb=")
# Options with a value that is always valid.
_ANY_VALUE = ("alt=", "class=")
_PAGED = frozenset({"pdf", "djvu", "djv", "tif", "tiff"})
_TIMED = frozenset(
    {"ogg", "ogv", "oga", "opus", "webm", "mp3", "mp4", "m4a", "wav", "flac", "mid",
     "midi", "mpg", "mpeg"}
)  # fmt: skip
_TIMED_OPTIONS = ("thumbtime=", "start=", "end=", "disablecontrols=")
# PHP's is_numeric (after trim): a decimal number, with an optional exponent.
_NUMERIC = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Parser::parseWidthParam: "WIDTHxHEIGHT" or "WIDTH", each with an optional "px" between
# spaces (PCRE's \s) after it.
_WIDTH_HEIGHT = re.compile(r"([0-9]*)x([0-9]*)")
_WIDTH = re.compile(r"[0-9]*")
_PCRE_SPACES = " \t\n\r\f\x0b"
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_TIME = re.compile(r"[0-9]+(?::[0-9]+)*(?:\.[0-9]+)?")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Characters no page title may hold (and the reference marker, which MediaWiki's strip
# markers make invalid in a title too).
_NOT_IN_TITLES = re.compile("[<>\\[\\]{}|\n\x7f]")


def _numeric(value: str) -> bool:
    return _NUMERIC.fullmatch(value.strip(PHP_TRIMMED)) is not None


def _valid_width(value: str) -> bool:
    value = value.rstrip(_PCRE_SPACES).removesuffix("px").rstrip(_PCRE_SPACES)
    both = _WIDTH_HEIGHT.fullmatch(value)
    if both is not None:
        return int(both.group(1) or 0) > 0 or int(both.group(2) or 0) > 0
    return _WIDTH.fullmatch(value) is not None and int(value or 0) > 0


def _valid_link(value: str) -> bool:
    """Whether ``link=value`` is a link (Parser::parseLinkParameter): nothing (no link),
    a URL or a page title."""
    if not value or _URL.match(value):
        return True
    # A link or a template in it is read first: [[Paris]] gives the title Paris.
    for markup in ("[[", "]]", "{{", "}}"):
        value = value.replace(markup, "")
    return bool(value.strip(PHP_TRIMMED + "_")) and _NOT_IN_TITLES.search(value) is None


def valid_file_title(name: str) -> bool:
    """Whether ``name`` makes a page title (Title::newFromText): a gallery skips the
    lines whose name does not."""
    if _NOT_IN_TITLES.search(name) is not None:
        return False
    prefix, colon, rest = name.partition(":")
    if colon and prefix.strip(" _").lower() in ("file", "image"):
        name = rest
    return bool(name.strip(PHP_TRIMMED + "_"))


def _handler_option(part: str, extension: str) -> bool | None:
    """Whether ``part``, an option of the file's handler, is valid; None when it is no
    such option."""
    if extension == "svg" and part.startswith("lang="):
        return _LANGUAGE_TAG.fullmatch(part[5:]) is not None
    if extension in _PAGED and part.startswith(("page=", "page ")):
        return part[5:].isdigit() and int(part[5:]) > 0
    if extension in _TIMED and part.startswith(_TIMED_OPTIONS):
        value = part.partition("=")[2]
        return part.startswith("disablecontrols=") or _TIME.fullmatch(value) is not None
    return None


class Caption:
    """Where the text of a caption paragraph comes from (for editing in place).

    ``kind`` is :attr:`Kind.FILE` or :attr:`Kind.GALLERY`; ``start`` and ``end`` span
    the construct that shows the caption on its own (the file link, the gallery's line,
    the gallery's opening tag), which reads alone as ``before`` + its text + ``after``
    (a gallery's line, inside ``<gallery>``); ``caption`` is the caption's source, None
    when the paragraph's text cannot be placed in one caption's source (it comes from a
    line where a file or gallery sits inside other markup).
    """

    __slots__ = ("after", "before", "caption", "end", "kind", "start")

    def __init__(
        self,
        kind: Kind,
        start: int,
        end: int,
        caption: Code | None,
        before: str = "",
        after: str = "",
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.caption = caption
        self.before = before
        self.after = after


class FileLayout:
    """How a file link shows: ``block`` when it is a block of its own (a thumbnail, a
    frame, a floated or centred file), ``captioned`` when readers see its caption, and
    ``caption``, the parameter that is the caption (None when there is none)."""

    __slots__ = ("block", "caption", "captioned")

    def __init__(self, block: bool, captioned: bool, caption: Code | None) -> None:
        self.block = block
        self.captioned = captioned
        self.caption = caption


def caption_parts(code: Code) -> list[Code]:
    """``code``, the text after a file's target, split into its parameters at each
    ``|`` and each ``{{!}}`` outside links, templates and tags (MediaWiki expands
    ``{{!}}`` before it splits)."""
    parts: list[Code] = []
    nodes: list[Node | str] = []
    start = position = code.start
    for node in code.nodes:
        if isinstance(node, str):
            if "|" not in node:
                nodes.append(node)
                position += len(node)
                continue
            pieces = node.split("|")
            for index, piece in enumerate(pieces):
                if index:
                    parts.append(code.part(nodes, start, position))
                    nodes = []
                    position += 1
                    start = position
                if piece:
                    nodes.append(piece)
                    position += len(piece)
            continue
        if isinstance(node, Template) and _is_pipe(node):
            parts.append(code.part(nodes, start, node.start))
            nodes = []
            start = position = node.end
            continue
        nodes.append(node)
        position = node.end
    parts.append(code.part(nodes, start, position))
    return parts


def _is_pipe(node: Template) -> bool:
    return (
        not node.params
        and all(isinstance(part, str) for part in node.name.nodes)
        and (
            "".join(part for part in node.name.nodes if isinstance(part, str)).strip(PHP_TRIMMED)
            == "!"
        )
    )


def _option_text(part: Code) -> str:
    """The text of a parameter as an option is matched: its source, comments left out
    (an option's name is plain text; its value, ``alt=…``, may hold markup)."""
    if len(part.nodes) == 1 and isinstance(part.nodes[0], str):
        return part.nodes[0]
    pieces: list[str] = []
    source = part.source
    for node in part.nodes:
        if isinstance(node, str):
            pieces.append(node)
        elif not isinstance(node, Comment):
            pieces.append(source[node.start - part.start : node.end - part.start])
    return "".join(pieces)


def file_layout(target: str, text: Code | None) -> FileLayout:
    """How the file ``target`` (``File:X.jpg``) shows, given the text after its target
    (``text``, None when it has none)."""
    if text is None:
        return FileLayout(False, False, None)
    extension = target.rpartition(".")[2].strip(PHP_TRIMMED).lower() if "." in target else ""
    caption: Code | None = None
    seen_format = False
    captioned = block = False
    for part in caption_parts(text):
        option = _option_text(part).strip(PHP_TRIMMED)
        validated = True
        if option in _HORIZONTAL:
            block = True
        elif option in _FLAGS:
            pass
        elif (
            option in _CAPTIONED_FORMATS
            or option == "frameless"
            or option.startswith(_MANUAL_THUMB)
        ):
            validated = not seen_format
            if validated:
                seen_format = True
                captioned = option != "frameless"
        elif option.startswith(_ANY_VALUE):
            pass
        elif option.startswith("link="):
            validated = _valid_link(option[5:])
        elif option.startswith(("upright=", "upright ")):
            validated = _numeric(option[8:])
        else:
            handled = _handler_option(option, extension)
            if handled is not None:
                validated = handled
            elif option.endswith("px"):
                validated = _valid_width(option[:-2])
            else:
                validated = False
        if not validated:
            caption = part
    if caption is not None and not caption.nodes:
        caption = None  # an empty last parameter: no caption
    return FileLayout(block or captioned, captioned, caption)


def is_gallery_option(part: Code, extension: str) -> bool:
    """Whether a parameter of a gallery line is an option rather than the caption: the
    parameters are not trimmed, and only ``alt=``, ``link=`` and the file's handler's
    options are options (a size is a caption)."""
    written = _option_text(part)
    if written.startswith(("alt=", "link=")):
        return True
    return bool(_handler_option(written, extension))


def gallery_item(line: str) -> tuple[str, int] | None:
    """For a line of a ``<gallery>``, the file's name and where its parameters start in
    the line (after the first ``|``; -1 when there are none), or None when the line is
    no item: empty, starting with ``|``, or a name that makes no title."""
    if not line or line[0] == "|":
        return None
    bar = line.find("|")
    name = line if bar < 0 else line[:bar]
    if "%" in line:
        name = unquote(name, errors="replace")
    if not valid_file_title(name):
        return None
    return name, (bar + 1 if bar >= 0 else -1)
