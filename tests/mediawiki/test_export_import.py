"""The XML export the command line writes imports into MediaWiki with importDump.php,
and every page comes back from the wiki exactly as wikiround wrote it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from oracle import MediaWiki

from wikiround._app._cli import main
from wikiround.dumps import iter_pages

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
