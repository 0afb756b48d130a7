"""The model's validators and helpers."""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

import wikiround
from wikiround import Article, Infobox, ModelError, Parameter, Section
from wikiround.model import build_sections

PACKAGE = Path(wikiround.__file__).parent


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Parameter("office", "a\nb"), "Parameter.value"),
        (lambda: Parameter("office", "a\x00"), "Parameter.value"),
        (lambda: Parameter(" office", "a"), "Parameter.name"),
        (lambda: Parameter("a|b", "a"), "Parameter.name"),
        (lambda: Infobox([Parameter("a", "1"), Parameter("a", "2")]), "Infobox.parameters"),
        (lambda: Infobox([Parameter("name", "1")]), "Infobox.parameters"),
        (lambda: Infobox(template="Navbox"), "Infobox.template"),
        (lambda: Infobox(name="a\nb"), "Infobox.name"),
        (lambda: Section("", 2), "Section.heading"),
        (lambda: Section(" =A", 2), "Section.heading"),
        (lambda: Section("A", 7), "Section.level"),
        (lambda: Section("A", 3, subsections=[Section("B", 3)]), "Section.subsections"),
        (lambda: Article("T", sections=[Section("A", 2), Section("B", 3)]), "Article.sections"),
        (lambda: Article("T", lead=["  "]), "Article.lead[0]"),
        (lambda: Article(""), "Article.title"),
        (lambda: Article("T", lead="text"), "Article.lead"),
    ],
)
def test_validators_name_the_field(build: object, field: str) -> None:
    with pytest.raises(ModelError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_infobox_helpers_keep_order() -> None:
    box = Infobox([Parameter("a", "1"), Parameter("b", "2")])
    assert box.get("b") == "2" and box.get("c") is None and "a" in box
    assert box.with_value("a", "9").parameters == (Parameter("a", "9"), Parameter("b", "2"))
    assert box.with_value("c", "3").parameters[-1] == Parameter("c", "3")
    assert box.without("a").parameters == (Parameter("b", "2"),)


def test_build_sections_nests_by_level() -> None:
    sections = build_sections(
        [(2, "A", ["a"]), (3, "B", []), (4, "C", []), (3, "D", []), (2, "E", [])]
    )
    assert sections == (
        Section("A", 2, ["a"], [Section("B", 3, [], [Section("C", 4)]), Section("D", 3)]),
        Section("E", 2),
    )
    article = Article("T", sections=sections)
    assert [s.heading for s in article.walk_sections()] == ["A", "B", "C", "D", "E"]


def test_models_are_frozen_and_compare_by_value() -> None:
    article = Article("T", lead=["x"])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.title = "U"  # type: ignore[misc]
    assert article == Article("T", lead=("x",))
    assert hash(article) == hash(Article("T", lead=("x",)))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_imports_flow_one_way() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert files
    for path in files:
        imported = _imports(path)
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("plaintext/"):
            assert not any(name.startswith("wikiround.wikitext") for name in imported), relative
        if relative.startswith("wikitext/"):
            assert not any(
                name.startswith(("wikiround.plaintext", "wikiround.lossy")) for name in imported
            ), relative
        elif not relative.startswith("lossy/"):
            assert "mwparserfromhell" not in {name.split(".")[0] for name in imported}, relative
        if relative in ("model.py", "errors.py"):
            assert not any(
                name.startswith(("wikiround.plaintext", "wikiround.wikitext", "wikiround._app"))
                for name in imported
            ), relative


def test_public_api() -> None:
    for name in wikiround.__all__:
        assert hasattr(wikiround, name), name
    assert (PACKAGE / "py.typed").exists()
