"""A bot run where pywikibot has no configuration stops before pywikibot starts: one line
that says what to configure, no connection, no file written (pywikibot itself would
create ``~/.pywikibot`` and ``throttle.ctrl`` and go to a public test wiki).

Run for real: the recipe of docs/bots.md and the installed pywikibot, in a process with
its own home folder and working folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround.bots import pywikibot_config

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "bots.md"

# Runs a script with every network access refused and reported, and says at exit whether
# pywikibot was imported.
WATCH = """\
import atexit, runpy, sys

def guard(event, args):
    if event.startswith(("socket.", "http.client.")):
        sys.stderr.write(f"watch: network {event}\\n")
        raise ConnectionRefusedError(event)

sys.addaudithook(guard)
atexit.register(lambda: sys.stderr.write(f"watch: pywikibot {'pywikibot' in sys.modules}\\n"))
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
"""


def _environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYWIKIBOT") and not key.lower().endswith("_proxy")
    }
    env["HOME"] = str(home)
    return env


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A home folder, a working folder with the recipe in it, and the watcher."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    (recipe,) = re.findall(r"^```py\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)
    (work / "term_dates.py").write_text(recipe, encoding="utf-8")
    watch = tmp_path / "watch.py"
    watch.write_text(WATCH, encoding="utf-8")
    return home, work, watch


@pytest.mark.parametrize("args", [[], ["--save"]])
def test_the_recipe_without_configuration_stops_with_one_line(
    places: tuple[Path, Path, Path], args: list[str]
) -> None:
    home, work, watch = places
    done = subprocess.run(
        [sys.executable, str(watch), "term_dates.py", *args],
        cwd=work, env=_environment(home), capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    message, watched = done.stderr.splitlines()
    assert message == (
        "term_dates.py: pywikibot is not configured: no user-config.py in the current folder "
        f"or {home / '.pywikibot'}, and PYWIKIBOT_DIR is not set; create one for your wiki "
        "and bot account first (pwb generate_user_files, or see the pywikibot manual)"
    )
    assert watched == "watch: pywikibot False"  # never imported, so never connected
    assert list(home.iterdir()) == []  # no ~/.pywikibot
    assert sorted(path.name for path in work.iterdir()) == ["term_dates.py"]  # no throttle.ctrl


def _pywikibot_base_dir(home: Path, work: Path, env: dict[str, str]) -> Path:
    """Where pywikibot itself finds its configuration, run as the recipe would run it."""
    done = subprocess.run(
        [sys.executable, "-c", "import pywikibot.config as c; print(c.base_dir)"],
        cwd=work, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return Path(done.stdout.strip())


@pytest.mark.parametrize("where", ["work", "home", "pywikibot_dir"])
def test_the_configuration_is_found_where_pywikibot_finds_it(
    places: tuple[Path, Path, Path], tmp_path: Path, where: str
) -> None:
    home, work, _ = places
    env = _environment(home)
    folder = {"work": work, "home": home / ".pywikibot", "pywikibot_dir": tmp_path / "config"}
    config = folder[where] / "user-config.py"
    config.parent.mkdir(exist_ok=True)
    config.write_text("family = 'wikipedia'\nmylang = 'en'\n", encoding="utf-8")
    if where == "pywikibot_dir":
        env["PYWIKIBOT_DIR"] = str(config.parent)
    found = subprocess.run(
        [sys.executable, "-c", "from wikiround.bots import pywikibot_config as f; print(f())"],
        cwd=work, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert Path(found.stdout.strip()) == config
    assert _pywikibot_base_dir(home, work, env) / "user-config.py" == config


def test_no_configuration_is_none(
    places: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, work, _ = places
    monkeypatch.chdir(work)
    for name in ("PYWIKIBOT_DIR", "PYWIKIBOT_DIR_PWB", "PYWIKIBOT_NO_USER_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert pywikibot_config() is None
    assert list(home.iterdir()) == []
