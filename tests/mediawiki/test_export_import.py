"""The XML export the command line writes imports into MediaWiki with importDump.php,
and every page comes back from the wiki exactly as wikiround wrote it."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from oracle import MediaWiki

from wikiround._app._cli import main
from wikiround.dumps import EXPORT_NAMESPACE, export_footer, export_header, export_page, iter_pages

ROOT = Path(__file__).parent.parent.parent
ARTICLES = ROOT / "tests" / "data" / "articles"


@pytest.mark.mediawiki
def test_export_imports_into_mediawiki(tmp_path: Path, mediawiki: MediaWiki) -> None:
    drafts = tmp_path / "drafts"
    wiki = tmp_path / "wiki"
    drafts.mkdir()
    shutil.copy(ROOT / "seeds" / "000_bb9d73b147c2a566.txt", drafts / "seed.txt")
    # Plain-text drafts made from real articles (including titles with '&', quotes and
    # non-Latin letters), then one export file of them all.
    for name in sorted(ARTICLES.glob("presidentthing__*.wiki"))[:6]:
        title = name.stem.split("__")[1].replace("_", " ")
        shutil.copy(name, drafts / f"{title}.wiki")
    (drafts / "Smith & Wesson \"Q\" Ωmega.wiki").write_text(
        "Text with <b>tags</b> & ampersands, ]]> and {{Infobox officeholder|name=x &amp; y}}.\n",
        encoding="utf-8",
    )
    assert main([str(drafts), "-o", str(wiki), "--to", "plain", "-j", "1"]) == 0
    export = tmp_path / "import.xml"
    assert main([str(wiki), "--to", "xml", "-o", str(export), "-j", "1"]) == 0
    written = {page.title: page.text for page in iter_pages(export)}
    assert len(written) == 8
    imported = mediawiki.import_dump(export)
    assert imported == written


# -- issue 26, 12: titles MediaWiki reads as one, timestamps an import can use -------------


@pytest.mark.mediawiki
def test_titles_mediawiki_reads_as_one_page_are_refused(
    tmp_path: Path, mediawiki: MediaWiki, capfd: pytest.CaptureFixture[str]
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    seed = (ROOT / "seeds" / "000_bb9d73b147c2a566.txt").read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1]
    for number, title in enumerate(["same", "Same", "A b", "A_b", "a b"]):
        (drafts / f"{number}.txt").write_text(f"= {title} =\n{body}", encoding="utf-8")
    export = tmp_path / "import.xml"
    assert main([str(drafts), "--to", "xml", "-o", str(export), "-j", "1"]) == 1
    err = capfd.readouterr().err
    assert (
        f"wikiround: error: {drafts / '1.txt'}: the title 'Same' (to MediaWiki, the same as "
        "'same') is already in the file\n"
    ) in err
    assert "the title 'A_b' (to MediaWiki, the same as 'A b') is already in the file" in err
    written = [page.title for page in iter_pages(export)]
    assert written == ["same", "A b"]
    # MediaWiki's importer keeps one page for each page of the file: none is lost.
    assert sorted(mediawiki.import_dump(export)) == ["A b", "Same"]


@pytest.mark.mediawiki
def test_an_import_updates_the_pages_already_there(tmp_path: Path, mediawiki: MediaWiki) -> None:
    seed = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
    title = seed.read_text(encoding="utf-8").split("\n", 1)[0].strip("= ")
    old = tmp_path / "old.xml"
    old.write_text(
        export_header()
        + export_page(title, "An older text.", 1, timestamp="2016-01-01T00:00:00Z")
        + export_footer(),
        encoding="utf-8",
    )
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(seed, drafts / "seed.txt")
    (drafts / "other.txt").write_text("= Other page =\n\nText.\n", encoding="utf-8")
    export = tmp_path / "import.xml"
    assert main([str(drafts), "--to", "xml", "-o", str(export), "-j", "1"]) == 0
    stamps = [
        element.text
        for element in ElementTree.parse(export).iter(f"{{{EXPORT_NAMESPACE}}}timestamp")
    ]
    assert len(stamps) == 2 and len(set(stamps)) == 2  # each revision its own
    written = {page.title: page.text for page in iter_pages(export)}
    assert sorted(written) == [title, "Other page"]
    # The revision imported is newer than the one on the wiki: it becomes the page's text.
    assert mediawiki.import_dump(export, before=[old]) == written
