"""``import wikiround`` and a one-file conversion load only what they need.

Start-up time is measured by ``benchmarks/run.py``; these tests check the cause instead
of the clock: which modules a fresh interpreter has loaded (``sys.modules``), compared
with what the same interpreter loads for ``pass``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import wikiround

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"

# Heavy, or needed only by other work: the wikitext readers and their parser, the
# parameter catalogue's suggestions, JSON, the batch engine and its worker processes,
# dumps (and urllib, which xml.sax.saxutils imports), Dask, progress bars.
NOT_ON_IMPORT = {
    "mwparserfromhell",
    "importlib.metadata",
    "wikiround.catalogue",
    "wikiround.model",
    "wikiround.wikitext._reader",
    "wikiround.wikitext._writer",
    "wikiround.lossy._reader",
    "wikiround.lossy._tree",
    "wikiround._json",
    "wikiround._app._batch",
    "wikiround._app._cli",
    "wikiround.dumps",
    "wikiround.distributed",
    "json",
    "difflib",
    "concurrent.futures",
    "multiprocessing",
    "urllib.request",
    "xml.etree.ElementTree",
    "dask",
    "tqdm",
}
NOT_FOR_ONE_FILE = {
    # The batch engine, its worker machinery and the dump reader; the date parser,
    # which only date templates need.
    "wikiround._app._batch",
    "wikiround._app._cli_batch",
    "wikiround._app._lifeline",
    "wikiround.dumps",
    "wikiround.dates",
    "xml.etree.ElementTree",
    "ctypes",
    "wikiround.lossy._reader",
    "wikiround.lossy._tree",
    "wikiround._json",
    "wikiround.validation",
    "wikiround.distributed",
    "difflib",
    "concurrent.futures",
    "multiprocessing",
    "urllib.request",
    "http.client",
    "dask",
    "tqdm",
}

_LOADED = """
import json, sys
before = set(sys.modules)
{code}
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _loaded(code: str) -> set[str]:
    """The modules that running ``code`` in a fresh interpreter loads."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_wikiround_loads_nothing_heavy() -> None:
    loaded = _loaded("import wikiround")
    assert "wikiround" in loaded
    assert not loaded & NOT_ON_IMPORT


def test_converting_one_plain_file_loads_no_batch_or_json_machinery(tmp_path: Path) -> None:
    out = tmp_path / "out.wiki"
    code = (
        "import runpy\n"
        f"sys.argv = ['wikiround', {str(SEED)!r}, '-o', {str(out)!r}]\n"
        "try:\n"
        "    runpy.run_module('wikiround', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
    )
    loaded = _loaded(code)
    assert out.read_text(encoding="utf-8").startswith("{{Infobox officeholder")
    assert "wikiround._app._convert" in loaded
    assert not loaded & NOT_FOR_ONE_FILE


@pytest.mark.parametrize("name", wikiround.__all__)
def test_every_public_name_is_there(name: str) -> None:
    assert getattr(wikiround, name) is not None
    assert name in dir(wikiround)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        wikiround.nothing_here  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        wikiround.wikitext.nothing_here  # noqa: B018
    with pytest.raises(AttributeError, match=r"module 'wikiround\.lossy' has no attribute"):
        wikiround.lossy.nothing_here  # noqa: B018


@pytest.mark.parametrize("package", ["wikiround", "wikiround.wikitext", "wikiround.lossy"])
def test_every_lazy_name_of_a_package_is_listed_and_loads(package: str) -> None:
    code = (
        f"import {package} as p\n"
        "names = [n for n in p.__all__ if n not in vars(p)]\n"
        "assert names, 'nothing lazy'\n"
        "assert all(n in dir(p) for n in names)\n"
        "assert all(getattr(p, n) is getattr(p, n) for n in names)\n"
        "assert all(n in vars(p) for n in names), 'not kept after the first use'\n"
    )
    _loaded(code)
