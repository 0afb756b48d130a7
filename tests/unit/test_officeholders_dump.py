"""The vendored dump of officeholder articles is what its generator makes of the
vendored articles: regenerating it changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wikiround.dumps import iter_pages

DUMPS = Path(__file__).parent.parent / "data" / "dumps"
sys.path.insert(0, str(DUMPS))
import make_officeholders  # noqa: E402


def test_the_dump_holds_the_vendored_articles_unmodified() -> None:
    read = [
        (page.title, page.namespace, page.text)
        for page in iter_pages(DUMPS / "officeholders.xml", namespaces=None, redirects=True)
    ]
    assert read == make_officeholders.pages()
    assert len(read) == 12


def test_the_generator_reproduces_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(make_officeholders, "OUTPUT", tmp_path / "officeholders.xml")
    make_officeholders.main()
    assert (tmp_path / "officeholders.xml").read_bytes() == (
        DUMPS / "officeholders.xml"
    ).read_bytes()
