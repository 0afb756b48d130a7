"""The optional build compiled by mypyc (WIKIROUND_MYPYC=1, tools/mypyc_build.py).

The build itself, in a fresh virtual environment with pip's build isolation exactly as
a user runs it, and the whole suite run again on it, are CI's (``.ci/run``): together
they take minutes, too long for the quick start's test command. What is checked here is
what the isolated build needs to find: mypyc type-checks the modules it compiles, so
their imports must be installed in the build environment.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hatchling.metadata.core import ProjectMetadata

ROOT = Path(__file__).resolve().parents[2]


def _hook_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mypyc_build", ROOT / "tools" / "mypyc_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mypyc_build", module)
    spec.loader.exec_module(module)
    return module


def _dependencies(monkeypatch: pytest.MonkeyPatch, switch: str | None) -> list[str]:
    module = _hook_module()
    if switch is None:
        monkeypatch.delenv(module.SWITCH, raising=False)
    else:
        monkeypatch.setenv(module.SWITCH, switch)
    metadata = ProjectMetadata(str(ROOT), None)
    hook = module.MypycBuildHook(str(ROOT), {}, None, metadata, str(ROOT), "wheel")
    dependencies: list[str] = hook.dependencies()
    return dependencies


def test_the_compiled_build_environment_has_what_the_compiled_modules_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wanted = _dependencies(monkeypatch, "1")
    names = {requirement.split(">")[0].split("=")[0].split("<")[0] for requirement in wanted}
    assert {"mypy", "setuptools", "attrs", "mwparserfromhell"} <= names
    # Every module the build compiles imports only the standard library, the package
    # itself, and these.
    compiled = [ROOT / "src" / path for path in _hook_module().COMPILED]
    imported = set()
    for path in compiled:
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "from") and not line.startswith(" "):
                imported.add(words[1].split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"wikiround", "__future__"}
    assert third_party <= names, third_party - names


def test_the_usual_build_needs_nothing_more(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _dependencies(monkeypatch, None) == []
    assert _dependencies(monkeypatch, "0") == []
