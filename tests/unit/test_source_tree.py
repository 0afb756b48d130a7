"""The tests run from a source tree whose package is not installed (a checkout, with the
test tools only): the package is then taken from src/.

The package is hidden from the interpreter (an import hook, installed before pytest
starts, that refuses ``wikiround`` unless this tree's src/ is on ``sys.path``), then
pytest collects a test module that imports it, as a property run in a bare checkout does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent

HIDE_THE_INSTALL = """
import importlib.abc, os, sys

SRC = {src!r}
# (An editable install puts src/ on the path at start-up: taken off, as if not installed.)
sys.path[:] = [p for p in sys.path if os.path.abspath(p) != SRC]


class HideTheInstall(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "wikiround" and SRC not in [os.path.abspath(p) for p in sys.path]:
            raise ModuleNotFoundError("No module named 'wikiround'", name=name)
        return None


sys.meta_path.insert(0, HideTheInstall())
sys.argv = ["pytest", *sys.argv[1:]]
if sys.argv[1:]:
    import runpy

    runpy.run_module("pytest", run_name="__main__")
else:
    import wikiround
"""


def test_the_tests_import_the_package_from_src_when_it_is_not_installed(tmp_path: Path) -> None:
    hook = tmp_path / "hide.py"
    hook.write_text(HIDE_THE_INSTALL.format(src=str((ROOT / "src").resolve())), encoding="utf-8")
    hidden = subprocess.run(
        [sys.executable, str(hook)], cwd=tmp_path, capture_output=True, text=True
    )
    assert "No module named 'wikiround'" in hidden.stderr  # the hook hides it
    collected = subprocess.run(
        [sys.executable, str(hook), "-q", "-p", "no:cacheprovider", "--collect-only",
         "tests/property/test_date_properties.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "ModuleNotFoundError" not in collected.stdout
