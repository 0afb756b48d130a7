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
    # The application layer and the editing package are folders too, but they build on
    # everything below them.
    package = "" if folder in ("_app", "editing") else folder
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


# Python's idea of whitespace is not the article's: str.strip(), str.split() and
# str.isspace() with no argument also take U+0085, U+2028, U+2029 and U+001C–U+001F for
# whitespace, str.splitlines() breaks lines at them too, and so does \s in a str pattern
# (unless re.ASCII). Text is trimmed and split with wikiround._text (docs/format.md,
# docs/contributing.md); each exception below says why Python's rule is right there.
_PYTHON_WHITESPACE_METHODS = frozenset({"strip", "lstrip", "rstrip", "split", "isspace"})
_PYTHON_WHITESPACE_ALLOWED = {
    # A size given on the command line ("64M"), not article text.
    ("_app/_cli.py", "strip"),
    # Tags as mwparserfromhell's tokenizer reads them, which is Python's whitespace.
    ("lossy/_soup.py", "\\s"),
}


def _python_whitespace(path: Path) -> list[tuple[str, int]]:
    """``(what, line)`` for each use of Python's whitespace rules in ``path``: a bare
    method call, or a string holding ``\\s`` (a pattern, or a piece of one) that is not
    compiled with re.ASCII where it is written."""
    found: list[tuple[str, int]] = []
    ascii_patterns: set[int] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            bare = not node.args and not node.keywords
            if (method in _PYTHON_WHITESPACE_METHODS and bare) or method == "splitlines":
                found.append((method, node.lineno))
            if _is_re_call(node) and _uses_ascii(node):
                ascii_patterns.update(id(part) for part in ast.walk(node))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and ("\\s" in node.value or "\\S" in node.value)
            and id(node) not in ascii_patterns
        ):
            found.append(("\\s", node.lineno))
    return found


def _is_re_call(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and (
        isinstance(func.value, ast.Name) and func.value.id == "re"
    )


def _uses_ascii(node: ast.Call) -> bool:
    return any(
        isinstance(part, ast.Attribute) and part.attr in ("ASCII", "A")
        for argument in [*node.args, *(keyword.value for keyword in node.keywords)]
        for part in ast.walk(argument)
    )


@pytest.mark.parametrize("path", FILES, ids=_relative)
def test_no_python_whitespace_on_text(path: Path) -> None:
    relative = _relative(path)
    found = [
        f"{relative}:{line}: {what}"
        for what, line in _python_whitespace(path)
        if (relative, what) not in _PYTHON_WHITESPACE_ALLOWED
    ]
    assert not found, "use wikiround._text (is_blank, trim, php_trim, words):\n" + "\n".join(found)


def test_the_whitespace_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import re\n"
        "a = text.strip()\n"
        "b = text.split()\n"
        "c = text.splitlines(keepends=True)\n"
        "d = text.isspace()\n"
        "e = re.compile(r'\\s+')\n"
        "f = re.compile(r'\\s+', re.ASCII)\n"
        "PIECE = r'[^\\s]'\n"
        "g = text.strip(' ')\n"
        "h = text.split('\\n')\n",
        encoding="utf-8",
    )
    found = sorted(_python_whitespace(sample), key=lambda item: item[1])
    assert found == [
        ("strip", 2),
        ("split", 3),
        ("splitlines", 4),
        ("isspace", 5),
        ("\\s", 6),
        ("\\s", 8),
    ]


# The editing package takes what it needs from the readers and writers through names
# of their own: a name with a leading underscore is private to the package that
# defines it, and a name taken from another package's private module (``_x.py``) must
# be in that module's __all__, the internal API it offers.
EDITING = sorted((SOURCE / "editing").glob("*.py"))


def _module_path(module: str) -> Path | None:
    parts = module.split(".")[1:]
    for candidate in (
        SOURCE.joinpath(*parts).with_suffix(".py"),
        SOURCE.joinpath(*parts) / "__init__.py",
    ):
        if candidate.exists():
            return candidate
    return None


def _all_of(path: Path) -> set[str]:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def _borrowed(path: Path, package: str) -> list[tuple[str, str]]:
    """``(module, name)`` of each name ``path`` imports from a wikiround module outside
    ``package``."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if module.startswith("wikiround") and not module.startswith(package):
                found.extend((module, alias.name) for alias in node.names)
    return found


def _private_borrowings(path: Path, package: str) -> list[str]:
    wrong: list[str] = []
    for module, name in _borrowed(path, package):
        home = _module_path(module)
        if name.startswith("_") or home is None:
            wrong.append(f"{module}.{name}")
        elif home.name.startswith("_") and home.name != "__init__.py" and name not in _all_of(home):
            wrong.append(f"{module}.{name} (not in its module's __all__)")
    return wrong


def test_the_editing_package_is_found() -> None:
    assert {"__init__.py", "_splice.py", "_infobox.py", "_body.py"} <= {p.name for p in EDITING}


@pytest.mark.parametrize("path", EDITING, ids=_relative)
def test_editing_imports_no_private_name_of_another_package(path: Path) -> None:
    assert _private_borrowings(path, "wikiround.editing") == []


def test_the_private_name_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from wikiround.lossy._infobox import InfoboxReader, _infobox_template\n"
        "from wikiround.lossy._body import Heading\n"
        "from wikiround.editing._changes import _to_changes\n",
        encoding="utf-8",
    )
    assert _private_borrowings(sample, "wikiround.editing") == [
        "wikiround.lossy._infobox._infobox_template",
        "wikiround.lossy._body.Heading (not in its module's __all__)",
    ]
