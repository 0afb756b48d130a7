"""Every ``pip install`` the documentation gives works from the source tree, as a new
user runs it: wikiround is not on a package index, so a command that asks one for it by
name (``pip install 'wikiround[bot]'``) fails."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
DOCUMENTS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "src" / "wikiround").rglob("*.py")),
]
# A command, up to the end of its code span or line, or a shell operator.
PIP_INSTALL = re.compile(r"pip install ([^`\n&|;#]*)")
LATER = "once wikiround is published"


def _commands() -> list[tuple[str, str, str]]:
    """(document, the command's arguments, the text that follows it) for every command."""
    found = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        for match in PIP_INSTALL.finditer(text):
            after = text[match.end() : match.end() + 80]
            found.append((path.name, match.group(1).strip(), after))
    return found


def test_commands_were_found() -> None:
    documents = {document for document, _, _ in _commands()}
    assert {"README.md", "bots.md", "scale.md", "contributing.md"} <= documents


def test_every_install_command_installs_from_the_source_tree() -> None:
    by_name = []
    for document, arguments, after in _commands():
        for argument in shlex.split(arguments.replace("\\", "")):
            if argument.startswith(("-", ".")):
                continue
            # A package named on an index only beside the command that works now.
            if LATER not in " ".join(after.split()):
                by_name.append(f"{document}: pip install {arguments}")
    assert by_name == []


def test_the_extras_the_commands_name_exist() -> None:
    extras = set()
    for _, arguments, _ in _commands():
        for argument in shlex.split(arguments.replace("\\", "")):
            extras.update(re.findall(r"\[([a-z,]+)\]", argument))
    extras = {extra for group in extras for extra in group.split(",")}
    assert {"bot", "dask", "test"} <= extras
    # What pip finds in the source tree's metadata, built as pip builds it, offline.
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-index",
         "--no-build-isolation", "--quiet", "--report", "-", f".[{','.join(sorted(extras))}]"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (install,) = json.loads(done.stdout)["install"]
    assert install["metadata"]["name"] == "wikiround"
    assert extras <= set(install["metadata"]["provides_extra"])
