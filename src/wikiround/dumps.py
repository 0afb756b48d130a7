"""MediaWiki XML dumps: read pages from a ``pages-articles`` dump, write an import file.

:func:`iter_pages` streams the pages of a dump (plain XML, ``.bz2`` or ``.gz``) with
:func:`xml.etree.ElementTree.iterparse`, dropping each page once it has been handed out,
so memory stays flat however large the dump is. It reads every version of MediaWiki's
export schema (``export-0.3`` to ``export-0.11``).

:func:`write_export` writes pages in the ``export-0.11`` format that MediaWiki's
``maintenance/importDump.php`` imports.

:func:`uses_template` tells whether a page calls a template, and
:func:`template_names` gives the names that call ``Infobox officeholder`` (its
redirects), for ``--template``-style filtering.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import hashlib
import os
import re
import zlib
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import IO, cast
from xml.etree import ElementTree

import attrs

from wikiround._mediawiki import REDIRECT, template_title
from wikiround._text import php_trim
from wikiround.catalogue import OFFICEHOLDER_TEMPLATES
from wikiround.errors import WikiroundError
from wikiround.model import DEFAULT_TEMPLATE

__all__ = [
    "EXPORT_NAMESPACE",
    "DumpError",
    "Page",
    "export_footer",
    "export_header",
    "export_page",
    "iter_entries",
    "iter_pages",
    "normalize_title",
    "open_dump",
    "open_dump_stream",
    "template_names",
    "uses_template",
    "write_export",
]

EXPORT_NAMESPACE = "http://www.mediawiki.org/xml/export-0.11/"


@attrs.frozen
class Page:
    """One page of a dump: its latest revision's text and where it stands.

    ``redirect`` is the target title when the page is a redirect, else None.
    """

    title: str
    namespace: int
    id: int | None
    text: str
    redirect: str | None = None


@contextlib.contextmanager
def open_dump(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a dump for reading bytes (a context manager), decompressing ``.bz2`` and
    ``.gz`` on the fly. The compression is told from the first bytes, not the name."""
    with open(path, "rb") as raw, open_dump_stream(raw) as stream:
        yield stream


def open_dump_stream(raw: IO[bytes]) -> IO[bytes]:
    """A stream of the dump's XML read from ``raw`` (a binary file at its start),
    decompressing ``.bz2`` and ``.gz`` on the fly; ``raw`` itself when not compressed."""
    peek = getattr(raw, "peek", None)
    magic: bytes = peek(3)[:3] if peek is not None else b""
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(raw, "rb")
    if magic.startswith(b"\x1f\x8b"):
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    return raw


class DumpError(WikiroundError):
    """A file is not a readable MediaWiki XML dump, or one of its pages is malformed.

    ``offset`` is how many bytes of the (decompressed) XML had been read when the problem
    was found: the problem lies in the last few kilobytes before it. ``title`` names the
    page when one page is malformed (a ``<ns>`` or ``<id>`` that is not a number), else it
    is None.
    """

    def __init__(self, message: str, *, offset: int, title: str | None = None) -> None:
        self.message = message
        self.offset = offset
        self.title = title
        where = f"page {title!r}, " if title is not None else ""
        super().__init__(f"{message} ({where}at byte {offset})")


def iter_pages(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    namespaces: Collection[int] | None = (0,),
    redirects: bool = False,
) -> Iterator[Page]:
    """The pages of a MediaWiki XML dump, in order, read as a stream.

    ``namespaces`` keeps only pages in those namespaces (None keeps all); redirects are
    skipped unless ``redirects`` is true. Of a page with several revisions, the last one
    in the file is taken. Raises :class:`DumpError` on a file that is not a MediaWiki XML
    export (XML that is not well formed, a root element other than ``<mediawiki>``, a
    truncated or corrupt compressed file) and on a malformed page, after the pages before
    it.
    """
    for entry in iter_entries(source, namespaces=namespaces, redirects=redirects):
        if isinstance(entry, DumpError):
            raise entry
        yield entry


def iter_entries(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    namespaces: Collection[int] | None = (0,),
    redirects: bool = False,
) -> Iterator[Page | DumpError]:
    """As :func:`iter_pages`, but a malformed page is handed out as its
    :class:`DumpError` (and the pages after it follow) instead of raised."""
    if isinstance(source, (str, os.PathLike)):
        try:
            raw = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise DumpError(f"cannot open: {error.strerror or error}", offset=0) from None
        with raw, open_dump_stream(raw) as stream:
            yield from iter_entries(stream, namespaces=namespaces, redirects=redirects)
        return
    counted = _Counted(source)
    try:
        yield from _entries(counted, namespaces, redirects)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise DumpError(
            f"not well-formed XML at line {line}, column {column + 1}", offset=counted.count
        ) from None
    except (EOFError, OSError, zlib.error) as error:
        # Raised while reading: a truncated or corrupt compressed file, a failing disk.
        reason = str(error) or type(error).__name__
        raise DumpError(f"cannot read: {reason}", offset=counted.count) from None


def _entries(
    source: _Counted, namespaces: Collection[int] | None, redirects: bool
) -> Iterator[Page | DumpError]:
    events = ElementTree.iterparse(source, events=("start", "end"))
    first = next(events, None)  # the root element's start
    if first is None:
        return
    root = first[1]
    # Tags carry the export schema's namespace: compare them whole, without taking
    # each apart (this loop sees every element of a dump that may hold millions).
    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    if root.tag.removeprefix(namespace) != "mediawiki":
        name = root.tag.removeprefix(namespace)
        raise DumpError(
            f"not a MediaWiki XML export: the root element is <{name}>, not <mediawiki>",
            offset=source.count,
        )
    page_tag = namespace + "page"
    tags = _Tags(namespace)
    for event, element in events:
        if event != "end" or element.tag != page_tag:
            continue
        page = _page(element, tags, source.count)
        # Forget the page: clear it and drop it from the root, which would keep it.
        element.clear()
        root.clear()
        if page is None:
            continue
        if isinstance(page, DumpError):
            yield page
            continue
        if namespaces is not None and page.namespace not in namespaces:
            continue
        if page.redirect is not None and not redirects:
            continue
        yield page


class _Counted:
    """A binary stream that counts the bytes read from it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


class _Tags:
    """The qualified names of the elements of a page, in one namespace."""

    def __init__(self, namespace: str) -> None:
        self.title = namespace + "title"
        self.ns = namespace + "ns"
        self.id = namespace + "id"
        self.redirect = namespace + "redirect"
        self.revision = namespace + "revision"
        self.text = namespace + "text"




def _page(element: ElementTree.Element, tags: _Tags, offset: int) -> Page | DumpError | None:
    title: str | None = None
    namespace = 0
    page_id: int | None = None
    redirect: str | None = None
    text: str | None = None
    malformed = ""
    for child in element:
        tag = child.tag
        if tag == tags.title:
            title = child.text or ""
        elif tag == tags.ns:
            number = _number(child.text or "0")
            if number is None:
                malformed = malformed or f"<ns>{child.text}</ns>"
            else:
                namespace = number
        elif tag == tags.id:
            written = (child.text or "").strip(_XML_SPACE)
            page_id = _number(child.text or "") if written else None
            if page_id is None and written:
                malformed = malformed or f"<id>{child.text}</id>"
        elif tag == tags.redirect:
            redirect = child.get("title", "")
        elif tag == tags.revision:
            for part in child:
                if part.tag == tags.text:
                    text = part.text or ""
    if title is None:
        return None
    if malformed:
        shown = malformed if len(malformed) <= 60 else malformed[:57] + "..."
        return DumpError(f"{shown} is not a number", offset=offset, title=title)
    if redirect is None and text is not None:
        # Older dumps have no <redirect> element; the text still says it.
        match = REDIRECT.match(text)
        if match:
            redirect = php_trim(match.group(1))
    return Page(title=title, namespace=namespace, id=page_id, text=text or "", redirect=redirect)


# Page ids and namespaces: whole numbers of at most 18 digits (a 64-bit integer).
# XML's own whitespace may surround them (not U+00A0 or U+2028: those make no number).
_XML_SPACE = " \t\r\n"
_NUMBER = re.compile(f"[{_XML_SPACE}]*-?[0-9]{{1,18}}[{_XML_SPACE}]*")


def _number(text: str) -> int | None:
    """The number in an ``<ns>`` or ``<id>`` element; None when it is not one."""
    return int(text) if _NUMBER.fullmatch(text) else None


def normalize_title(name: str) -> str:
    """A template name as MediaWiki compares it: ``_`` as space, runs of spaces as one,
    no ``Template:`` prefix, first letter upper case."""
    return template_title(name)


def template_names(template: str) -> frozenset[str]:
    """The names that call ``template``, normalised and case-folded: the name itself and,
    for ``Infobox officeholder``, its redirects and wrappers
    (:data:`wikiround.catalogue.OFFICEHOLDER_TEMPLATES`)."""
    name = normalize_title(template).casefold()
    if name == DEFAULT_TEMPLATE.casefold():
        return frozenset({name, *OFFICEHOLDER_TEMPLATES})
    return frozenset({name})


# "{{", the name (spaces and all: normalize_title trims it), then "|", "}}" or a line
# end. Each run is taken whole by a lookahead and a backreference (an atomic group), so
# that no run of spaces is tried in more than one way (linear time on any text).
_CALL = re.compile(r"\{\{(?=([ \t\n\r\0\x0b]*))\1(?=([^{}|<>\[\]\n#]*))\2(?=\||\}\}|\n)")


def uses_template(text: str, names: Collection[str]) -> bool:
    """True when ``text`` calls a template whose normalised, case-folded name is in
    ``names`` (see :func:`template_names`)."""
    return any(
        normalize_title(match.group(2)).casefold() in names for match in _CALL.finditer(text)
    )


def _escape(text: str) -> str:
    """``text`` as XML character data (xml.sax.saxutils.escape's rule; that module
    imports urllib and http, a quarter of the command line's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sha1_base36(text: str) -> str:
    number = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out.rjust(31, "0")


def export_header() -> str:
    """The start of an ``export-0.11`` file, up to the first page."""
    return (
        f'<mediawiki xmlns="{EXPORT_NAMESPACE}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{EXPORT_NAMESPACE} http://www.mediawiki.org/xml/export-0.11.xsd" '
        'version="0.11" xml:lang="en">\n'
    )


def export_page(
    title: str,
    text: str,
    number: int,
    *,
    timestamp: str = "2001-01-15T00:00:00Z",
    contributor: str = "wikiround",
    comment: str = "Imported with wikiround",
) -> str:
    """One ``<page>`` of an ``export-0.11`` file: page and revision id ``number``."""
    return (
        "  <page>\n"
        f"    <title>{_escape(title)}</title>\n"
        "    <ns>0</ns>\n"
        f"    <id>{number}</id>\n"
        "    <revision>\n"
        f"      <id>{number}</id>\n"
        f"      <timestamp>{_escape(timestamp)}</timestamp>\n"
        f"      <contributor><username>{_escape(contributor)}</username></contributor>\n"
        f"      <comment>{_escape(comment)}</comment>\n"
        f"      <origin>{number}</origin>\n"
        "      <model>wikitext</model>\n"
        "      <format>text/x-wiki</format>\n"
        f'      <text bytes="{len(text.encode("utf-8"))}" xml:space="preserve">'
        f"{_escape(text)}</text>\n"
        f"      <sha1>{_sha1_base36(text)}</sha1>\n"
        "    </revision>\n"
        "  </page>\n"
    )


def export_footer() -> str:
    """The end of an ``export-0.11`` file."""
    return "</mediawiki>\n"


def write_export(
    pages: Iterable[tuple[str, str]], destination: str | os.PathLike[str] | IO[str]
) -> int:
    """Write ``(title, wikitext)`` pairs as a MediaWiki ``export-0.11`` XML file, which
    ``maintenance/importDump.php`` imports into namespace 0.

    ``destination`` is a path or a text stream. Returns the number of pages written.
    Pages are written one at a time, so memory stays flat.
    """
    if isinstance(destination, (str, os.PathLike)):
        with Path(destination).open("w", encoding="utf-8", newline="\n") as stream:
            return write_export(pages, stream)
    destination.write(export_header())
    count = 0
    for count, (title, text) in enumerate(pages, start=1):
        destination.write(export_page(title, text, count))
    destination.write(export_footer())
    return count
