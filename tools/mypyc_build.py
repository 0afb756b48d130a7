"""Build hook: an optional wheel with the lossy reader compiled by mypyc.

``pip install .`` builds the usual pure-Python wheel and needs no compiler. With
``WIKIROUND_MYPYC=1`` in the environment, a wheel build (not an editable install) also
compiles the modules in :data:`COMPILED` with mypyc and ships the extension modules
next to their sources; Python imports an extension module before a ``.py`` file of the
same name, so the sources stay readable and the compiled code runs. This needs a C
compiler and Python's headers. Only when the variable is set, the build environment also
gets mypy and setuptools, and the project's own dependencies: mypyc type-checks the
modules it compiles, so it must find the packages they import (in an isolated build, as
``pip install .`` makes, nothing else is there). docs/performance.md says what it gains.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SWITCH = "WIKIROUND_MYPYC"

# The modules a conversion of wikitext to plain text spends its time in. Each compiles
# unchanged; the test suite runs on this build too (tests/unit/test_compiled_build.py).
COMPILED = (
    "wikiround/lossy/_tree.py",
    "wikiround/lossy/_body.py",
    "wikiround/lossy/_inline.py",
    "wikiround/lossy/_templates.py",
    "wikiround/lossy/_references.py",
    "wikiround/lossy/_soup.py",
    "wikiround/lossy/_quotes.py",
    "wikiround/lossy/_record.py",
    "wikiround/lossy/_infobox.py",
    "wikiround/lossy/_reader.py",
    "wikiround/lossy/_tables.py",
    "wikiround/lossy/_files.py",
    "wikiround/plaintext/_writer.py",
)

# mypyc puts the code of all modules in one shared library beside the package; its
# name says whose it is.
GROUP = "wikiround_compiled"

_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="wikiround-compiled",
    ext_modules=mypycify(sys.argv[1:], group_name={group!r}, opt_level="3"),
    script_args=["build_ext", "--inplace"],
)
"""


def wanted() -> bool:
    return os.environ.get(SWITCH, "") not in ("", "0")


class MypycBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        if not wanted():
            return []
        return ["mypy>=2.4", "setuptools>=65", *self.metadata.core.dependencies]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if not wanted() or version != "standard":
            return
        work = self._work = Path(tempfile.mkdtemp(prefix="wikiround-mypyc-"))
        # Compiled in a copy, so that the source tree gets no build files.
        shutil.copytree(Path(self.root) / "src" / "wikiround", work / "wikiround")
        setup = work / "setup_compiled.py"
        setup.write_text(_SETUP.format(group=GROUP), encoding="utf-8")
        subprocess.run([sys.executable, str(setup), *COMPILED], cwd=work, check=True)
        built = [
            path
            for path in sorted(work.rglob("*"))
            if path.suffix in (".so", ".pyd") and "build" not in path.relative_to(work).parts
        ]
        if not built:
            raise RuntimeError("mypyc built no extension modules")
        for path in built:
            build_data["force_include"][str(path)] = str(path.relative_to(work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
