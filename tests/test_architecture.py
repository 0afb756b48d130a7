"""How the package is put together: which parts may import which, and one home per fact.

The layers: ``model.py`` (with ``catalogue.py``, ``dates.py`` and ``officeholder.py``)
knows no format; ``plaintext/`` and ``wikitext/`` read and write one format each;
``lossy/`` reads real articles into what the plain text can hold; editing, dumps, the
command line and batches (:data:`APP`) sit on top. docs/contributing.md has the map.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).parent.parent / "src" / "wikiround"
FILES = sorted(SOURCE.rglob("*.py"))
# Modules that hold the model and the facts every format shares; none imports a format.
FOUNDATION = (
    "errors.py", "_text.py", "_mediawiki.py", "model.py", "catalogue.py", "dates.py",
    "officeholder.py",
)  # fmt: skip
FORMATS = ("wikiround.plaintext", "wikiround.wikitext", "wikiround.lossy")
# What builds on the formats: editing real pages, dumps, the command line, batches.
APP = (
    "wikiround.editing", "wikiround.bots", "wikiround.dumps", "wikiround._app",
    "wikiround.distributed",
)  # fmt: skip
# What the lossy reader takes from the other formats: the plain text's line shapes and
# keys (the text it writes must read back), and wikitext's entity decoding and heading
# escapes (to know what the strict writer would have to escape).
LOSSY_BORROWS = frozenset(
    {"wikiround.plaintext._syntax", "wikiround.plaintext._keys", "wikiround.wikitext._escape"}
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _relative(path: Path) -> str:
    return path.relative_to(SOURCE).as_posix()


def test_the_source_is_found() -> None:
    assert len(FILES) > 20
    assert {"plaintext", "wikitext", "lossy"} <= {path.parent.name for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=_relative)
def test_imports_flow_one_way(path: Path) -> None:
    imported = _imports(path)
    relative = _relative(path)
    folder = relative.partition("/")[0] if "/" in relative else ""
    # The application layer is a folder too, but it builds on everything below it.
    package = "" if folder == "_app" else folder
    if package:
        for name in imported:
            if name.startswith(FORMATS) and not name.startswith(f"wikiround.{package}"):
                # One format does not build on another, but for what the lossy reader
                # borrows.
                assert package == "lossy" and name in LOSSY_BORROWS, (relative, name)
    if package not in ("wikitext", "lossy"):
        assert "mwparserfromhell" not in {name.split(".")[0] for name in imported}, relative
    if relative in FOUNDATION:
        assert not any(name.startswith(FORMATS + APP) for name in imported), relative
    if package or relative in FOUNDATION:
        assert not any(name.startswith(APP) for name in imported), relative


def _source_files_holding(text: str) -> list[str]:
    return [_relative(path) for path in FILES if text in path.read_text(encoding="utf-8")]


@pytest.mark.parametrize(
    ("fact", "home"),
    [
        ('"EXPECTUNUSEDTEMPLATE"', "_mediawiki.py"),  # the behaviour switches
        ("EXPECTUNUSEDTEMPLATE|", None),  # ... not also written as one pattern elsewhere
        ("\\ud800-\\udfff", "_text.py"),  # the characters no text may hold
        ("\\u180e", "_mediawiki.py"),  # how MediaWiki reads a title
        ("#REDIRECT", "_mediawiki.py"),  # how MediaWiki reads a redirect
        ('" \\t\\n\\r\\0\\x0b"', "_text.py"),  # what PHP's trim() removes
        ('"Infobox Canadian senator"', "catalogue.py"),  # Infobox officeholder's other names
    ],
)
def test_each_fact_is_written_once(fact: str, home: str | None) -> None:
    assert _source_files_holding(fact) == ([home] if home else [])

