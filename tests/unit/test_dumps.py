"""Reading MediaWiki XML dumps as streams, and writing export-0.11 import files."""

from __future__ import annotations

import bz2
import gc
import gzip
import io
import os
import subprocess
import sys
import tracemalloc
import weakref
from pathlib import Path
from xml.etree import ElementTree

import pytest

import wikiround
from wikiround.dumps import (
    EXPORT_NAMESPACE,
    DumpError,
    Page,
    iter_entries,
    iter_pages,
    normalize_title,
    template_names,
    uses_template,
    write_export,
)

DUMPS = Path(__file__).parent.parent / "data" / "dumps"
SMALL = DUMPS / "dumpster-dive_smallwiki-latest-pages-articles_ltgwiki.xml"
TINY = DUMPS / "dumpster-dive_tinywiki-latest-pages-articles.xml"
MWXML = DUMPS / "python-mwxml_dump.xml"


def test_the_vendored_dumps_are_there() -> None:
    assert len(list(DUMPS.glob("*.xml"))) == 10
    assert (DUMPS / "ATTRIBUTION.md").is_file()


@pytest.mark.parametrize("path", sorted(DUMPS.glob("*.xml")), ids=lambda path: path.name)
def test_every_vendored_dump_reads(path: Path) -> None:
    pages = list(iter_pages(path, namespaces=None, redirects=True))
    assert pages
    assert all(isinstance(page, Page) and page.title for page in pages)


def test_namespace_zero_and_no_redirects_by_default() -> None:
    everything = list(iter_pages(SMALL, namespaces=None, redirects=True))
    articles = list(iter_pages(SMALL))
    assert len(everything) == 2004
    assert len(articles) == 903
    assert all(page.namespace == 0 and page.redirect is None for page in articles)
    redirects = [p for p in everything if p.namespace == 0 and p.redirect is not None]
    assert len(redirects) == 2004 - 903 - sum(1 for p in everything if p.namespace != 0)


def test_redirect_written_only_in_the_text_is_skipped() -> None:
    titles = [page.title for page in iter_pages(TINY)]
    assert "Redirect page" not in titles
    assert len(titles) == 7
    (redirect,) = [p for p in iter_pages(TINY, redirects=True) if p.title == "Redirect page"]
    assert redirect.redirect == "The Beatles"


def test_last_revision_and_namespaces() -> None:
    pages = list(iter_pages(MWXML, namespaces=None))
    assert [(p.title, p.namespace, p.id, p.text) for p in pages] == [
        ("Foo", 0, 1, "Revision 2 text"),
        ("Bar", 1, 2, "Revision 3 text"),
    ]
    assert [p.title for p in iter_pages(MWXML, namespaces={1})] == ["Bar"]


@pytest.mark.parametrize("compress", [bz2.compress, gzip.compress], ids=["bz2", "gz"])
def test_compressed_dumps(tmp_path: Path, compress: object) -> None:
    assert callable(compress)
    packed = tmp_path / "dump.xml.compressed"
    packed.write_bytes(compress(TINY.read_bytes()))
    assert list(iter_pages(packed)) == list(iter_pages(TINY))


def _generated_dump(pages: int) -> bytes:
    parts = ['<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">']
    parts.extend(
        f"<page><title>P{n}</title><ns>0</ns><id>{n}</id>"
        f"<revision><id>{n}</id><text>Page {n} text.</text></revision></page>"
        for n in range(1, pages + 1)
    )
    parts.append("</mediawiki>")
    return "".join(parts).encode("utf-8")


def test_pages_are_released_as_they_are_read() -> None:
    # Neither the pages handed out nor the parser's elements for them may be kept: a dump
    # holds millions. Each page is gone once the next one is read, and memory does not
    # grow with the pages read (an element kept by the parser's root costs about 80 bytes
    # a page, 0.5 MB over these 8,000).
    stream = io.BytesIO(_generated_dump(10_000))
    gc.collect()
    tracemalloc.start()
    try:
        previous: weakref.ref[Page] | None = None
        read = 0
        for page in iter_pages(stream):
            assert previous is None or previous() is None, f"page {read} is still held"
            previous = weakref.ref(page)
            read += 1
            if read == 2_000:
                early = tracemalloc.get_traced_memory()[0]
            elif read == 10_000:  # measured while the reader is still open
                late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert read == 10_000
    assert late - early < 150_000


def test_broken_xml_raises_dump_error() -> None:
    with pytest.raises(DumpError, match="not well-formed XML"):
        list(iter_pages(io.BytesIO(b"<mediawiki><page><title>A</title>")))


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("infobox_officeholder", "Infobox officeholder"),
        ("  Template: Infobox  officeholder ", "Infobox officeholder"),
        ("template:infobox president", "Infobox president"),
    ],
)
def test_normalize_title(written: str, normal: str) -> None:
    assert normalize_title(written) == normal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{Infobox officeholder\n| name = A\n}}", True),
        ("{{infobox_president|name=A}}", True),
        ("{{Template:Infobox Vice President\n|x=1}}", True),
        ("{{ Infobox Officeholder }}", True),
        ("{{Infobox settlement|name=A}}", False),
        ("{{Infobox officeholders}}", False),
        ("Infobox officeholder in prose", False),
    ],
)
def test_officeholder_under_its_redirect_names(text: str, expected: bool) -> None:
    assert uses_template(text, template_names("Infobox officeholder")) is expected


def test_other_templates_match_only_themselves() -> None:
    names = template_names("Infobox settlement")
    assert uses_template("{{infobox settlement|x}}", names)
    assert not uses_template("{{Infobox president|x}}", names)


def test_export_reads_back(tmp_path: Path) -> None:
    pages = [("A & B <c>", "x < y & z ]]> {{t}}\nline 2\n"), ("Émile", "")]
    path = tmp_path / "export.xml"
    assert write_export(pages, path) == 2
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{{{EXPORT_NAMESPACE}}}mediawiki"
    assert root.get("version") == "0.11"
    assert [(p.title, p.text) for p in iter_pages(path)] == pages


def test_export_revision_fields(tmp_path: Path) -> None:
    stream = io.StringIO()
    write_export([("T", "")], stream)
    root = ElementTree.fromstring(stream.getvalue())
    ns = {"mw": EXPORT_NAMESPACE}
    revision = root.find("mw:page/mw:revision", ns)
    assert revision is not None
    # The order export-0.11 requires.
    assert [child.tag.rpartition("}")[2] for child in revision] == [
        "id", "timestamp", "contributor", "comment", "origin", "model", "format", "text", "sha1"
    ]  # fmt: skip
    text = revision.find("mw:text", ns)
    assert text is not None and text.get("bytes") == "0"
    # The base-36 SHA-1 that Wikimedia's dumps give every empty revision.
    assert revision.findtext("mw:sha1", namespaces=ns) == "phoiac9h4m842xq45sp7s6u21eteeq1"


def test_dump_error_gives_the_byte_offset() -> None:
    data = b"<mediawiki>" + b"<page><title>A</title><ns>0</ns></page>" * 1000 + b"<page><oops"
    with pytest.raises(DumpError) as raised:
        list(iter_pages(io.BytesIO(data)))
    assert raised.value.offset == len(data)  # read to the end before the break showed
    assert raised.value.title is None
    assert "not well-formed XML at line 1" in str(raised.value)


def test_a_truncated_compressed_dump_is_a_dump_error(tmp_path: Path) -> None:
    truncated = tmp_path / "dump.xml.bz2"
    truncated.write_bytes(bz2.compress(TINY.read_bytes())[:3000])
    with pytest.raises(DumpError, match="cannot read: Compressed file ended"):
        list(iter_pages(truncated))
    with pytest.raises(DumpError, match="cannot open: No such file"):
        list(iter_pages(tmp_path / "missing.xml"))


def test_a_root_other_than_mediawiki_is_refused() -> None:
    with pytest.raises(DumpError, match="the root element is <html>, not <mediawiki>"):
        list(iter_pages(io.BytesIO(b"<html><body>x</body></html>")))


def test_a_malformed_page_is_handed_out_as_its_error() -> None:
    page = "<page><title>{}</title><ns>{}</ns><revision><text>t</text></revision></page>"
    pages = page.format("A", "0") + page.format("B", "x") + page.format("C", "0")
    data = f"<mediawiki>{pages}</mediawiki>"
    entries = list(iter_entries(io.BytesIO(data.encode()), namespaces=None))
    assert [type(entry).__name__ for entry in entries] == ["Page", "DumpError", "Page"]
    error = entries[1]
    assert isinstance(error, DumpError) and error.title == "B"
    assert error.message == "<ns>x</ns> is not a number"
    with pytest.raises(DumpError, match="<ns>x</ns> is not a number"):
        list(iter_pages(io.BytesIO(data.encode()), namespaces=None))


# -- issue 26: pages without a title, huge ids, memory while streaming, large pages ------


def test_a_page_without_a_title_is_handed_out_as_its_error() -> None:
    data = (
        "<mediawiki><page><title>A</title><revision><text>a</text></revision></page>"
        "<page><ns>0</ns><id>7</id><revision><text>b</text></revision></page>"
        "<page><title>C</title><revision><text>c</text></revision></page></mediawiki>"
    )
    entries = list(iter_entries(io.BytesIO(data.encode())))
    assert [type(entry).__name__ for entry in entries] == ["Page", "DumpError", "Page"]
    error = entries[1]
    assert isinstance(error, DumpError) and error.title is None
    assert error.message == "a <page> without a <title>, <id>7</id>"
    assert data.encode()[error.offset :].startswith(b"</page><page><title>C")


def test_a_page_id_of_any_length_is_a_number() -> None:
    huge = "12345678901234567890123456789012345678"
    data = f"<mediawiki><page><title>A</title><id> {huge}\n</id><ns>0</ns></page></mediawiki>"
    (page,) = iter_pages(io.BytesIO(data.encode()))
    assert page.id == int(huge)


_PEAK = """
import io, sys
from wikiround.dumps import iter_entries
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
stream = open(sys.argv[1], "rb")
before = peak()
entries = [(type(entry).__name__, getattr(entry, "title", None))
           for entry in iter_entries(stream, max_size={max_size})]
print(entries, peak() - before)
"""


def _peak(tmp_path: Path, data: bytes, max_size: int | None = None) -> tuple[str, int]:
    """What reading ``data`` as a dump gave, and how many MB it added to the peak
    resident memory of a fresh process."""
    dump = tmp_path / "dump.xml"
    dump.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", _PEAK.format(max_size=max_size), str(dump)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(wikiround.__file__).parent.parent)},
    )  # fmt: skip
    entries, megabytes = done.stdout.rsplit(" ", 1)
    return entries, int(megabytes)


PAGE = "<page><title>{}</title><ns>0</ns><revision><text>{}</text></revision></page>"


def test_elements_that_are_not_pages_are_not_kept(tmp_path: Path) -> None:
    # Empty elements, around the pages and inside one: each would cost some 80 bytes
    # kept (80 MB for these), as they did.
    junk = "<x/>" * 500_000
    data = f"<mediawiki>{junk}{PAGE.format('A', 'a')}<page><title>B</title>{junk}</page>"
    entries, megabytes = _peak(tmp_path, (data + "</mediawiki>").encode())
    assert entries == "[('Page', 'A'), ('Page', 'B')]"
    assert megabytes < 10


def test_a_page_over_the_size_limit_is_its_error_and_is_not_held(tmp_path: Path) -> None:
    big = "x" * 30_000_000
    data = f"<mediawiki>{PAGE.format('A', 'a')}{PAGE.format('Big', big)}{PAGE.format('C', 'c')}"
    entries, megabytes = _peak(tmp_path, (data + "</mediawiki>").encode(), max_size=1 << 20)
    assert entries == "[('Page', 'A'), ('DumpError', 'Big'), ('Page', 'C')]"
    assert megabytes < 40  # the 30 MB text is never held whole
    (error,) = (
        entry
        for entry in iter_entries(io.BytesIO(data.encode() + b"</mediawiki>"), max_size=1 << 20)
        if isinstance(entry, DumpError)
    )
    assert error.message == "larger than 1048576 bytes"
    assert error.size_limit == 1 << 20
    # The limit counts bytes of UTF-8: 400,000 three-byte characters pass 1M.
    wide = f"<mediawiki>{PAGE.format('W', '€' * 400_000)}</mediawiki>".encode()
    (entry,) = iter_entries(io.BytesIO(wide), max_size=1 << 20)
    assert isinstance(entry, DumpError) and entry.title == "W"
    (entry,) = iter_entries(io.BytesIO(wide), max_size=2 << 20)
    assert isinstance(entry, Page) and len(entry.text) == 400_000
