"""Every vendored real article through the lossy reader (tests/data/articles).

For each article: the conversion succeeds, its plain text reads back, a second trip
through wikitext changes nothing, no markup is left in the text, and every infobox
parameter with a value is either in the output or in the report. Golden files in
tests/data/golden hold the expected plain text of a few officeholder articles.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell.nodes import Comment, Template, Text

from wikiround import Article
from wikiround.lossy import parse_wikitext_lossy
from wikiround.model import is_infobox_name
from wikiround.plaintext import parse_plaintext, render_plaintext
from wikiround.plaintext._keys import key_to_parameter, parameter_to_key
from wikiround.report import Kind, LossyResult
from wikiround.wikitext import parse_wikitext, render_wikitext

DATA = Path(__file__).parent.parent / "data"
ARTICLES = sorted((DATA / "articles").glob("*.wiki"))
GOLDEN = sorted((DATA / "golden").glob("*.txt"))
RESIDUE = ("[[", "]]", "{{", "}}", "<ref", "''", "<!--", "&nbsp;")


def test_the_corpus_is_there() -> None:
    assert len(ARTICLES) == 56
    listed = {
        row["file"]
        for row in csv.DictReader(
            (DATA / "articles" / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t"
        )
    }
    assert listed == {path.name for path in ARTICLES}
    assert len(GOLDEN) >= 3


def title_of(path: Path) -> str:
    """``presidentthing__Richard_Nixon.wiki`` -> ``Richard Nixon``."""
    return path.stem.split("__", 1)[1].replace("_", " ").strip()


@cache
def read(path: Path) -> LossyResult:
    return parse_wikitext_lossy(path.read_text(encoding="utf-8"), title=title_of(path))


def template_of(article: Article) -> str:
    return article.infobox.template if article.infobox else "Infobox officeholder"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_converts_and_reads_back(path: Path) -> None:
    article = read(path).article
    plain = render_plaintext(article)
    assert parse_plaintext(plain, template=template_of(article)) == article


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_second_trip_is_stable(path: Path) -> None:
    plain = render_plaintext(read(path).article)
    wikitext = render_wikitext(parse_plaintext(plain))
    again = parse_wikitext_lossy(wikitext, title=title_of(path))
    assert render_plaintext(again.article) == plain
    assert again.report.is_empty, again.report.summary()
    # What the writer gives is plain text for the strict reader too.
    assert render_plaintext(parse_wikitext(wikitext, title=title_of(path))) == plain


# Markup MediaWiki itself shows as written, because the page's source is broken there,
# and how many times (tests/mediawiki/test_fidelity.py checks these paragraphs against
# MediaWiki).
SHOWN_AS_WRITTEN = {
    # [[Datei:…|…[[Datei:…]]…]]: a link holding a link, on an English wiki (where Datei:
    # is no namespace) shown as written.
    "wtf__Keilwelle": {"[[": 1, "]]": 1},
    # "1980scite web |url=… |work=Statista}}</ref>": a citation missing its "<ref>{{".
    "wtf__United-Kingdom": {"}}": 1},
}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_no_markup_residue(path: Path) -> None:
    article = read(path).article
    plain = render_plaintext(article)
    shown = SHOWN_AS_WRITTEN.get(path.stem, {})
    for residue in RESIDUE:
        assert plain.count(residue) == shown.get(residue, 0), (
            residue,
            plain[plain.find(residue) - 60 :][:120],
        )
    if article.infobox is not None:
        for parameter in article.infobox.parameters:
            assert "|" not in parameter.value, parameter


def _written_parameters(text: str) -> list[tuple[str, bool]]:
    """The named parameters of the article's infobox: (name, has a value)."""
    for node in mwparserfromhell.parse(text).nodes:
        if isinstance(node, Template) and is_infobox_name(
            "".join(str(n) for n in node.name.nodes if isinstance(n, Text)).strip()
        ):
            found = []
            for parameter in node.params:
                if not parameter.showkey:
                    continue
                name = "".join(str(n) for n in parameter.name.nodes if isinstance(n, Text))
                value = "".join(str(n) for n in parameter.value.nodes if not isinstance(n, Comment))
                found.append((name.strip(), bool(value.strip())))
            return found
    return []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_every_parameter_is_kept_or_reported(path: Path) -> None:
    result = read(path)
    infobox = result.article.infobox
    kept = {p.name for p in infobox.parameters} if infobox else set()
    if infobox is not None and infobox.name is not None:
        kept.add("name")
    reported = " ".join(
        entry.detail
        for entry in result.report
        if entry.kind in (Kind.PARAMETER, Kind.INFOBOX, Kind.RENAMED_PARAMETER)
    )
    dropped_infobox = bool(result.report.of_kind(Kind.INFOBOX))
    for name, has_value in _written_parameters(path.read_text(encoding="utf-8")):
        if not has_value:
            continue
        normal = key_to_parameter(parameter_to_key(name))
        assert normal in kept or name in reported or dropped_infobox, name


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.stem)
def test_golden(path: Path) -> None:
    source = DATA / "articles" / (path.stem + ".wiki")
    assert render_plaintext(read(source).article) == path.read_text(encoding="utf-8")


def test_officeholder_articles_use_the_catalogue_template() -> None:
    rows = csv.DictReader(
        (DATA / "articles" / "SOURCES.tsv").open(encoding="utf-8"), delimiter="\t"
    )
    officeholders = [row["file"] for row in rows if row["kind"] == "officeholder"]
    assert len(officeholders) == 13
    for name in officeholders:
        infobox = read(DATA / "articles" / name).article.infobox
        assert infobox is not None, name
        assert infobox.template == "Infobox officeholder", name


def test_the_redirect_is_reported() -> None:
    result = read(DATA / "articles" / "wtf__redirect.wiki")
    assert result.article == Article("redirect")
    assert [entry.detail for entry in result.report.of_kind(Kind.REDIRECT)] == ["Toronto"]
