"""MediaWiki XML dumps: read pages from a ``pages-articles`` dump, write an import file.

:func:`iter_pages` streams the pages of a dump (plain XML, ``.bz2`` or ``.gz``) through
expat, keeping of each page only what it hands out and nothing of other elements, so
memory stays flat however large the dump is. It reads every version of MediaWiki's
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
import time
import unicodedata
import zlib
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import IO, cast
from xml.parsers import expat

import attrs

from wikiround._mediawiki import REDIRECT, capitalise_first, template_title, title_text
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
    "mediawiki_title",
    "normalize_title",
    "open_dump",
    "open_dump_stream",
    "revision_timestamps",
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
    was found: the problem lies in the last few kilobytes before it; for a malformed
    page, it is where the page's end tag starts. ``title`` names the
    page when one page is malformed (a ``<ns>`` or ``<id>`` that is not a number), else it
    is None (a page without a title is malformed too). ``size_limit`` is the limit in
    bytes that a page larger than ``max_size`` went over (None for other problems), and
    ``namespace`` the malformed page's namespace when it could be read.
    """

    def __init__(
        self,
        message: str,
        *,
        offset: int,
        title: str | None = None,
        size_limit: int | None = None,
        namespace: int | None = None,
    ) -> None:
        self.message = message
        self.offset = offset
        self.title = title
        self.size_limit = size_limit
        self.namespace = namespace
        where = f"page {title!r}, " if title is not None else ""
        super().__init__(f"{message} ({where}at byte {offset})")


def iter_pages(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    namespaces: Collection[int] | None = (0,),
    redirects: bool = False,
    max_size: int | None = None,
) -> Iterator[Page]:
    """The pages of a MediaWiki XML dump, in order, read as a stream.

    ``namespaces`` keeps only pages in those namespaces (None keeps all); redirects are
    skipped unless ``redirects`` is true. Of a page with several revisions, the last one
    in the file is taken. Raises :class:`DumpError` on a file that is not a MediaWiki XML
    export (XML that is not well formed, a root element other than ``<mediawiki>``, a
    truncated or corrupt compressed file) and on a malformed page (no ``<title>``, an
    ``<ns>`` or ``<id>`` that is not a number, a text of more than ``max_size`` bytes of
    UTF-8 when that is given), after the pages before it.
    """
    for entry in iter_entries(
        source, namespaces=namespaces, redirects=redirects, max_size=max_size
    ):
        if isinstance(entry, DumpError):
            raise entry
        yield entry


def iter_entries(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    namespaces: Collection[int] | None = (0,),
    redirects: bool = False,
    max_size: int | None = None,
) -> Iterator[Page | DumpError]:
    """As :func:`iter_pages`, but a malformed page is handed out as its
    :class:`DumpError` (and the pages after it follow) instead of raised. A page over
    ``max_size`` is never held whole: its text is dropped as it is read."""
    if isinstance(source, (str, os.PathLike)):
        try:
            raw = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise DumpError(f"cannot open: {error.strerror or error}", offset=0) from None
        with raw, open_dump_stream(raw) as stream:
            yield from iter_entries(
                stream, namespaces=namespaces, redirects=redirects, max_size=max_size
            )
        return
    counted = _Counted(source)
    try:
        yield from _entries(counted, namespaces, redirects, max_size)
    except expat.ExpatError as error:
        raise DumpError(
            f"not well-formed XML at line {error.lineno}, column {error.offset + 1}",
            offset=counted.count,
        ) from None
    except (EOFError, OSError, zlib.error) as error:
        # Raised while reading: a truncated or corrupt compressed file, a failing disk.
        reason = str(error) or type(error).__name__
        raise DumpError(f"cannot read: {reason}", offset=counted.count) from None


_CHUNK = 64 * 1024  # bytes of XML read and parsed at a time


def _entries(
    source: _Counted, namespaces: Collection[int] | None, redirects: bool, max_size: int | None
) -> Iterator[Page | DumpError]:
    builder = _Pages(source, max_size)
    # Expat itself, not ElementTree: no element is built, and a text comes in one piece
    # per buffer rather than one per line. Expat resolves no external entity, and bounds
    # how far internal ones may expand (billion laughs).
    parser = expat.ParserCreate(namespace_separator=" ")
    builder.parser = parser
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    while True:
        data = source.read(_CHUNK)
        parser.Parse(data, not data)
        if builder.root is not None and builder.root != "mediawiki":
            raise DumpError(
                f"not a MediaWiki XML export: the root element is <{builder.root}>, not "
                "<mediawiki>",
                offset=source.count,
            )
        # The pages this chunk completed, handed out one by one and forgotten.
        found = builder.found
        while found:
            page = found.popleft()
            if namespaces is not None and page.namespace not in (*namespaces, None):
                continue  # a malformed page is handed out unless its namespace is known
            if isinstance(page, DumpError):
                yield page
                continue
            if page.redirect is not None and not redirects:
                continue
            yield page
        if not data:
            return


class _Counted:
    """A binary stream that counts the bytes read from it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        # One read of the file at a time where the stream can: a buffered read() of a
        # pipe goes on reading until it has all it asked for, and a Ctrl-C that comes
        # between two of its reads is not seen until the next one returns.
        self._read = getattr(stream, "read1", stream.read)
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._read(size)
        self.count += len(data)
        return data


# What a <page> holds that is read: elements that are its children, and its revisions'.
_TITLE, _NS, _ID, _TEXT = "title", "ns", "id", "text"
_PAGE_FIELDS = frozenset({_TITLE, _NS, _ID})


class _Pages:
    """The XML parser's target: it keeps, of each ``<page>``, only its title, namespace,
    id, redirect and the text of its last revision, and nothing of any other element
    (``<siteinfo>``, the revisions' other fields, elements a dump should not hold), so
    that memory holds one page at a time whatever the dump holds. A text larger than
    ``max_size`` bytes is dropped as it is read."""

    def __init__(self, source: _Counted, max_size: int | None) -> None:
        self.source = source
        self.parser: expat.XMLParserType | None = None  # where a page ends is its place
        self.max_size = max_size
        self.root: str | None = None  # the root element's name, once seen
        self.namespace = ""  # the root's XML namespace and a space, as expat writes names
        self.found: deque[Page | DumpError] = deque()
        self.depth = 0
        self.in_revision = False
        self.reading: str | None = None  # the field whose text is being gathered
        self.parts: list[str] = []
        self.size = 0  # characters gathered for the text
        self._new_page()

    def _new_page(self) -> None:
        self.fields: dict[str, str] = {}
        self.redirect: str | None = None
        self.text: str | None = None
        self.too_large = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.namespace = tag[: tag.rfind(" ") + 1]
            self.root = tag.removeprefix(self.namespace)
            return
        if self.depth < 3 or self.root != "mediawiki":
            return
        name = tag.removeprefix(self.namespace) if tag.startswith(self.namespace) else ""
        if " " in name:  # in another namespace
            name = ""
        if self.depth == 3:
            if name in _PAGE_FIELDS:
                self._gather(name)
            elif name == "redirect":
                self.redirect = attrib.get("title", "")
            elif name == "revision":
                self.in_revision = True
        elif self.depth == 4 and self.in_revision and name == _TEXT:
            # A later revision replaces the text of the one before.
            self.text = None
            self.too_large = False
            self._gather(_TEXT)

    def _gather(self, name: str) -> None:
        self.reading = name
        self.parts = []
        self.size = 0

    def data(self, text: str) -> None:
        if self.reading is None or self.too_large:
            return
        self.size += len(text)
        if self.reading == _TEXT and self.max_size is not None and self.size > self.max_size:
            self.too_large = True  # more characters than bytes allowed: drop them now
            self.parts = []
            return
        self.parts.append(text)

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth -= 1
        if self.reading is not None and depth in (3, 4):
            value = "".join(self.parts)
            self.parts = []
            if self.reading == _TEXT:
                self.text = value
                if self._over_limit(value):
                    self.too_large = True
                    self.text = None
            elif self.reading not in self.fields:  # the first of each, as MediaWiki reads
                self.fields[self.reading] = value
            self.reading = None
        elif depth == 3 and self.in_revision:
            self.in_revision = False
        elif depth == 2 and self.root == "mediawiki":
            if tag == self.namespace + "page":
                self.found.append(self._page())
            self._new_page()

    def _over_limit(self, text: str) -> bool:
        limit = self.max_size
        # A character is one to four bytes of UTF-8: encode only when that decides.
        return limit is not None and len(text) * 4 > limit and len(text.encode()) > limit

    def _page(self) -> Page | DumpError:
        offset = self.parser.CurrentByteIndex if self.parser else self.source.count
        title = self.fields.get(_TITLE)
        malformed = ""
        written_ns = self.fields.get(_NS, "0")
        namespace = _number(written_ns)
        if namespace is None:
            malformed = f"<ns>{written_ns}</ns>"
        written_id = self.fields.get(_ID, "").strip(_XML_SPACE)
        page_id = _number(written_id) if written_id else None
        if page_id is None and written_id and not malformed:
            malformed = f"<id>{self.fields[_ID]}</id>"
        if title is None:
            known = f", <id>{page_id}</id>" if page_id is not None else ""
            return DumpError(
                f"a <page> without a <title>{known}", offset=offset, namespace=namespace
            )
        if malformed:
            shown = malformed if len(malformed) <= 60 else malformed[:57] + "..."
            return DumpError(f"{shown} is not a number", offset=offset, title=title)
        if self.too_large:
            limit = cast(int, self.max_size)
            return DumpError(
                f"larger than {limit} bytes",
                offset=offset,
                title=title,
                size_limit=limit,
                namespace=namespace,
            )
        text = self.text
        redirect = self.redirect
        if redirect is None and text is not None:
            # Older dumps have no <redirect> element; the text still says it.
            match = REDIRECT.match(text)
            if match:
                redirect = php_trim(match.group(1))
        return Page(
            title=title, namespace=cast(int, namespace), id=page_id, text=text or "",
            redirect=redirect,
        )  # fmt: skip


# Page ids and namespaces: whole numbers, as long as they come (XML Schema's integer has
# no bound; Python's int() takes up to 4,300 digits). XML's own whitespace may surround
# them (not U+00A0 or U+2028: those make no number).
_XML_SPACE = " \t\r\n"
_NUMBER = re.compile(f"[{_XML_SPACE}]*-?[0-9]{{1,4300}}[{_XML_SPACE}]*")


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
    timestamp: str | None = None,
    contributor: str = "wikiround",
    comment: str = "Imported with wikiround",
) -> str:
    """One ``<page>`` of an ``export-0.11`` file: page and revision id ``number``; the
    revision's ``timestamp`` is the time now by default (see
    :func:`revision_timestamps`)."""
    if timestamp is None:
        timestamp = next(revision_timestamps())
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
    timestamps = revision_timestamps()
    for count, (title, text) in enumerate(pages, start=1):
        destination.write(export_page(title, text, count, timestamp=next(timestamps)))
    destination.write(export_footer())
    return count


def revision_timestamps() -> Iterator[str]:
    """Timestamps for the revisions of an import file, in the order they are written:
    the time each is written (UTC), and at least a second after the one before (MediaWiki
    keeps whole seconds), so that no two are the same. A revision imported over a page
    becomes its current one only when it is newer than the page's latest revision
    (``importDump.php`` keeps older ones as history), so the time of writing is what
    makes an import update the wiki."""
    last = 0
    while True:
        last = max(int(time.time()), last + 1)
        yield time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(last))


def mediawiki_title(title: str) -> str:
    """``title`` as MediaWiki stores it, so that two titles that name one page compare
    equal: in Unicode's NFC, ``_`` and runs of spaces as one space, none at either end,
    the first letter in upper case (``same`` and ``Same``, ``A b`` and ``A_b``)."""
    return capitalise_first(title_text(unicodedata.normalize("NFC", title)))
