"""The optional build compiled by mypyc (WIKIROUND_MYPYC=1, tools/mypyc_build.py).

One test builds that wheel and runs the whole test suite again on it, with the dev
profile of Hypothesis: both builds must pass the same tests. It needs a C compiler and
Python's headers, as the compiled build does; without them it fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SWITCH = "WIKIROUND_MYPYC"
NESTED = "WIKIROUND_TESTING_COMPILED"


def _build(out: Path) -> Path:
    env = {**os.environ, SWITCH: "1"}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out)],
        env=env, check=True,
    )  # fmt: skip
    (wheel,) = out.glob("wikiround-*.whl")
    return wheel


def test_the_suite_passes_on_the_compiled_build(tmp_path: Path) -> None:
    if os.environ.get(NESTED):
        return  # this test, run by itself on the compiled build
    wheel = _build(tmp_path / "wheel")
    # A platform wheel with the compiled modules beside their sources.
    assert "-cp3" in wheel.name and not wheel.name.endswith("-none-any.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert any(n.startswith("wikiround/lossy/_tree.") and n.endswith((".so", ".pyd"))
               for n in names)  # fmt: skip
    assert "wikiround/lossy/_tree.py" in names

    env = {key: value for key, value in os.environ.items() if key != SWITCH}
    env |= {"PYTHONPATH": str(site), NESTED: "1", "HYPOTHESIS_PROFILE": "dev"}
    loaded = subprocess.run(
        [sys.executable, "-c", "import wikiround.lossy._tree as t; print(t.__file__)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(loaded).is_relative_to(site) and not loaded.endswith(".py"), loaded

    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests")],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    summary = suite.stdout.strip().splitlines()[-1:] or [suite.stderr]
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
    assert " passed" in summary[0] and "skipped" not in summary[0], summary
