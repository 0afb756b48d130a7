"""The Python examples in README.md and docs/ run, and print what they say."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = [
    pytest.param(block, id=f"{path.name}-{index}")
    for path in DOCUMENTS
    for index, block in enumerate(
        re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    )
]


def test_examples_were_found() -> None:
    assert any("README" in str(example.id) for example in EXAMPLES)


@pytest.mark.parametrize("block", EXAMPLES)
def test_example_runs(block: str) -> None:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(block, "example", "exec"), {})
    finally:
        os.chdir(previous)
    # Lines starting with "#> " give the expected output, when an example shows it.
    expected = [line[3:] for line in block.splitlines() if line.startswith("#> ")]
    if expected:
        assert output.getvalue().splitlines() == expected


def test_readme_quick_start_commands_are_the_ci_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "pip install -e '.[test]' && python -m pytest"
    assert test_command in readme and test_command in ci
    assert "pip install . && python -m wikiround seeds/000_bb9d73b147c2a566.txt" in readme
