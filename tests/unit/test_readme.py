"""The README's library example runs and prints what the README says."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def test_readme_python_examples_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        for block in blocks:
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                exec(compile(block, "README.md", "exec"), {})
            expected = [line[3:] for line in block.splitlines() if line.startswith("#> ")]
            printed = output.getvalue().splitlines()
            assert printed == expected
    finally:
        os.chdir(previous)


def test_readme_quick_start_commands_are_the_ci_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "pip install -e '.[test]' && python -m pytest"
    assert test_command in readme and test_command in ci
    assert "python -m wikiround seeds/000_bb9d73b147c2a566.txt" in readme
