"""The typed view and the checks on the vendored officeholder articles (tests/data/articles).

The typed view is built from what the lossy reader gives; the checks also run on the
infobox parameters exactly as the source writes them, as Wikipedia's own tracking does.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell.nodes import Template

from wikiround import Article, Infobox, Parameter
from wikiround.lossy import parse_wikitext_lossy
from wikiround.model import is_infobox_name
from wikiround.officeholder import Officeholder
from wikiround.validation import check, check_parameters

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
# Office blocks by suffix, read off each source by hand.
OFFICES: dict[str, list[str]] = {
    "presidentthing__Dan_Quayle": ["", "2", "3"],
    "presidentthing__George_W_Bush": ["", "2"],
    "presidentthing__George_Washington": ["", "1", "2", "3", "4"],
    "presidentthing__James_K_Polk": ["", "2", "3", "4", "5"],
    "presidentthing__John_Adams": ["", "1", "2", "3", "4", "5", "6"],
    "presidentthing__John_Quincy_Adams": ["", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
    "presidentthing__Lyndon_B_Johnson": ["", "2", "3", "4", "5", "6", "7"],
    "presidentthing__Martin_Van_Buren": ["", "2", "3", "4", "5", "6", "7", "8", "9"],
    "presidentthing__Nelson_Rockefeller": ["", "2", "3", "4"],
    "presidentthing__Richard_Nixon": ["", "2", "3", "4"],
    "presidentthing__Thomas_Jefferson": ["", "1", "2", "3", "4", "5", "6"],
    "presidentthing__William_Howard_Taft": ["", "1", "2", "3", "4", "5", "6"],
    "wtf__Harry-McPherson": ["", "1"],
}


def test_every_officeholder_article_is_listed() -> None:
    found = {
        path.stem
        for path in ARTICLES.glob("*.wiki")
        if path.stem.startswith("presidentthing__") or path.stem == "wtf__Harry-McPherson"
    }
    assert found == set(OFFICES)


def _title(stem: str) -> str:
    return stem.split("__", 1)[1].replace("_", " ").replace("-", " ").strip()


@cache
def _article(stem: str) -> Article:
    text = (ARTICLES / f"{stem}.wiki").read_text(encoding="utf-8")
    return parse_wikitext_lossy(text, title=_title(stem)).article


@cache
def _source_pairs(stem: str) -> tuple[tuple[str, str], ...]:
    """The infobox's parameters as the source writes them (names trimmed, values raw)."""
    code = mwparserfromhell.parse((ARTICLES / f"{stem}.wiki").read_text(encoding="utf-8"))
    infobox = next(
        node
        for node in code.filter_templates(recursive=False)
        if isinstance(node, Template) and is_infobox_name(str(node.name).strip())
    )
    return tuple((str(p.name).strip(), str(p.value).strip()) for p in infobox.params)


@pytest.mark.parametrize("stem", sorted(OFFICES))
def test_typed_view_of_the_lossy_article(stem: str) -> None:
    infobox = _article(stem).infobox
    assert infobox is not None
    view = infobox.officeholder
    assert view.to_infobox() == infobox
    assert [office.suffix for office in view.offices] == OFFICES[stem]
    assert view.offices[0].office
    assert view.unknown == ()
    assert [w for w in check(infobox) if w.code == "unknown-parameter"] == []


@pytest.mark.parametrize("stem", sorted(OFFICES))
def test_typed_view_of_the_source_parameters(stem: str) -> None:
    # Every source parameter, values as raw markup on one line, in the typed view.
    pairs = [(n, " ".join(v.split())) for n, v in _source_pairs(stem) if n != "name"]
    infobox = Infobox([Parameter(n, v) for n, v in pairs])
    view = Officeholder.from_infobox(infobox)
    assert view.to_infobox() == infobox
    assert [office.suffix for office in view.offices] == OFFICES[stem]


@pytest.mark.parametrize("stem", sorted(OFFICES))
def test_no_warnings_on_the_source(stem: str) -> None:
    assert check_parameters(_source_pairs(stem)) == ()


def test_harry_mcpherson_has_two_offices() -> None:
    view = Officeholder.from_infobox(_article("wtf__Harry-McPherson").infobox or Infobox())
    unnumbered, first = view.offices
    assert (unnumbered.suffix, first.suffix) == ("", "1")
    assert unnumbered.office and first.office
    assert unnumbered.office != first.office
