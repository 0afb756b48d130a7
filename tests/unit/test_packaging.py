"""The built wheel: the JSON Schema as package data, and metadata `pip show` shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SCHEMA = ROOT / "src" / "wikiround" / "article.schema.json"


def _pip(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from the source tree as `pip wheel` does, with the backend the test extra
    # installs (no download).
    folder = tmp_path_factory.mktemp("wheel")
    _pip("wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-w", str(folder))
    (built,) = folder.glob("wikiround-*.whl")
    return built


def test_the_wheel_holds_the_json_schema(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("wikiround/article.schema.json")
    assert json.loads(shipped) == json.loads(SCHEMA.read_bytes())


def test_the_installed_wheel_serves_the_schema_and_shows_its_licence(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel))
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import wikiround; print(wikiround.__file__); print(wikiround.json_schema()['title'])"
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    location, title = ran.stdout.splitlines()
    assert Path(location).is_relative_to(target)  # the installed copy, not the source tree
    assert title == "wikiround article"
    shown = _pip("show", "wikiround", env=env).stdout.splitlines()
    assert f"Location: {target}" in shown
    assert "License: MIT" in shown


def test_the_metadata_names_no_made_up_address(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode("utf-8")
    assert "License: MIT\n" in metadata
    assert "Classifier: License :: OSI Approved :: MIT License\n" in metadata
    # The project has no public address yet: no Home-page or Project-URL to a placeholder.
    assert "Project-URL" not in metadata
    assert "Home-page" not in metadata
