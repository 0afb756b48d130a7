"""What a reader of a page sees: the visible text of the HTML MediaWiki renders.

    blocks = visible_blocks(result.html)      # result: an oracle ParseResult
    visible_text(result.html)                  # one block a line
    collapse(visible_text(result.html))        # the fidelity measure's form

MediaWiki's HTML holds text no reader sees as part of the article, and the browser shows
blocks on lines of their own. This module reads the HTML (Python's own ``html.parser``;
MediaWiki's output is balanced HTML) into **blocks**: runs of text between block
boundaries, each with the block elements it is inside.

Hidden (with everything inside):

- elements no browser shows: ``style``, ``script``, ``meta``, ``link``, ``noscript``,
  ``template``; an inline ``style`` with ``display: none`` (any case and spacing); the
  ``hidden`` attribute;
- MediaWiki's page furniture: section edit links (``.mw-editsection``), the table of
  contents (``#toc``, ``.toc``), empty list items it marks ``.mw-empty-elt``;
- references: the markers (``sup.reference``, ``[1]``) and the lists
  (``.mw-references-wrap``, ``ol.references``);
- images. The test wiki holds no uploaded files, so each image MediaWiki would show is a
  link to the file's page (``<a href="/wiki/File:…" title="File:…">``, not a red link)
  whose text is the file's name or, for inline files, the caption that a real page would
  give as the image's alt text; both are hidden, as the image shows no text. In a gallery
  the image's box (``.gallerybox .thumb``) shows its file name: hidden as well. Links *to*
  a file page (``[[:File:X.jpg|text]]``, ``[[Media:X.jpg]]``) are red links, and shown.

Kept: everything else, table cells and captions, thumbnail and gallery captions
(``.thumbcaption``, ``.gallerytext``, ``.gallerycaption``), list items, the ``[1]`` of
an external link without a label (``a.external.autonumber``), error messages MediaWiki
shows in the page. Character references are decoded.

**Block boundaries.** The start and the end of every block-level element (``p``,
``div``, ``li``, ``td``, ``h2``, ``pre``…, see :data:`BLOCK_TAGS`) and every ``<br>``
end the current block; inline elements (``a``, ``span``, ``b``…) do not. So
``ab<div>cd</div>ef`` is three blocks, ``ab``, ``cd``, ``ef``, and ``a<b>b</b>`` one,
``ab``. Inside a block, runs of whitespace are one space, and the block is trimmed (as
HTML shows them); inside ``<pre>`` the lines are kept, one block each. Blocks with no
text are dropped. Paragraph breaks and line breaks are not told apart: both are block
boundaries, and :func:`visible_text` writes one block a line. The fidelity measure
compares collapsed text (:func:`collapse`: every run of whitespace, line breaks
included, is one space), so a block boundary counts as one space: ``a''..\\n\\n..b''``
reads ``a.. ..b``, never ``a....b``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = [
    "BLOCK_TAGS",
    "Block",
    "collapse",
    "headings",
    "visible_blocks",
    "visible_text",
]

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip
_INVISIBLE_TAGS = frozenset({"style", "script", "meta", "link", "noscript", "template", "head"})
_HIDDEN_CLASSES = frozenset(
    {"mw-editsection", "toc", "mw-empty-elt", "mw-references-wrap", "references"}
)
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)", re.I)
# HTML's white space (what a browser collapses); a no-break space is text to HTML.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def collapse(text: str) -> str:
    """``text`` with every run of whitespace (Python's ``str.split``: line breaks, tabs,
    no-break spaces…) made one space, and trimmed: the form the fidelity measure
    compares."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Block:
    """One run of visible text between block boundaries."""

    text: str
    """The text, whitespace collapsed as HTML shows it, trimmed; never empty."""
    path: tuple[tuple[str, int], ...]
    """The block elements it is inside, outermost first: ``(tag, number)`` pairs, the
    number telling apart elements of the same tag (two blocks in one ``<blockquote>``
    share its pair)."""

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(tag for tag, _ in self.path)

    def inside(self, tag: str) -> int | None:
        """The number of the outermost ``tag`` element this block is in, or None."""
        for name, number in self.path:
            if name == tag:
                return number
        return None


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    number: int
    children: list[_Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {}, 0)
        self.stack = [self.root]
        self.count = 0

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> _Element:
        self.count += 1
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.count)
        self.stack[-1].children.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        # MediaWiki's HTML is balanced; a stray end tag closes up to its element, if open.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse(html: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _is_image(element: _Element) -> bool:
    """A file MediaWiki would show as an image: with no file uploaded, a link to the
    file's page (a red link is a link *to* the page, and shows its text)."""
    return (
        element.tag == "a"
        and element.attrs.get("href", "").startswith("/wiki/File:")
        and element.attrs.get("title", "").startswith("File:")
        and "new" not in element.classes
    )


def _hidden(element: _Element, in_gallery_box: bool) -> bool:
    if element.tag in _INVISIBLE_TAGS or "hidden" in element.attrs:
        return True
    classes = element.classes
    return bool(
        _DISPLAY_NONE.search(element.attrs.get("style", ""))
        or classes & _HIDDEN_CLASSES
        or element.attrs.get("id") == "toc"
        or (element.tag == "sup" and "reference" in classes)
        or _is_image(element)
        # The image box of a gallery item (its caption is the .gallerytext beside it).
        or (in_gallery_box and element.tag == "div" and "thumb" in classes)
    )


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.path: list[tuple[str, int]] = []
        self.gallery_boxes = 0
        self.pre = 0

    def flush(self) -> None:
        if not self.pieces:
            return
        raw = "".join(self.pieces)
        self.pieces = []
        if self.pre:
            # Each line of a <pre> is a block, its spaces kept as written.
            for line in raw.split("\n"):
                line = line.strip(" \t\r\f")
                if line.strip():
                    self.blocks.append(Block(line, tuple(self.path)))
            return
        text = _HTML_SPACE.sub(" ", raw).strip(" ")
        if text.strip():
            self.blocks.append(Block(text, tuple(self.path)))

    def walk(self, element: _Element) -> None:
        for child in element.children:
            if isinstance(child, str):
                self.pieces.append(child)
                continue
            if _hidden(child, self.gallery_boxes > 0):
                continue
            classes = child.classes
            if child.tag == "br":
                self.flush()
                continue
            block = child.tag in BLOCK_TAGS
            if block:
                self.flush()
                self.path.append((child.tag, child.number))
            box = child.tag == "li" and "gallerybox" in classes
            self.gallery_boxes += box
            self.pre += child.tag == "pre"
            self.walk(child)
            if block:
                self.flush()
                self.path.pop()
            self.pre -= child.tag == "pre"
            self.gallery_boxes -= box
        if element.tag == "#root":
            self.flush()


def visible_blocks(html: str) -> list[Block]:
    """The blocks of text a reader sees in ``html`` (MediaWiki's rendering), in order."""
    walker = _Walker()
    walker.walk(_parse(html))
    return walker.blocks


def visible_text(html: str) -> str:
    """The visible text of ``html``, one block a line (see the module's docstring)."""
    return "\n".join(block.text for block in visible_blocks(html))


def headings(html: str) -> list[tuple[int, str]]:
    """The headings a reader sees, ``(level, text)`` in order: the visible ``h1``–``h6``
    elements (the table of contents' own heading is hidden with it)."""
    found: list[tuple[int, str]] = []
    seen: set[int] = set()
    for block in visible_blocks(html):
        for tag, number in block.path:
            if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                if number in seen:
                    # A heading broken by <br> is one heading.
                    level, text = found[-1]
                    found[-1] = (level, f"{text} {block.text}")
                else:
                    seen.add(number)
                    found.append((int(tag[1]), block.text))
                break
    return found
