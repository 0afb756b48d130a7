"""--page-budget: a document over its time budget is reported as failed, the batch goes on.

The slow page below takes many seconds on any machine (it is ten megabytes of
references), the budget one second, and the quick page milliseconds: the outcome does
not depend on the machine's speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wikiround._budget import OverBudget, shielded, time_budget
from wikiround.dumps import export_footer, export_header, export_page

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("budget") / "dump.xml"
    slow = "a<ref>b</ref>" * 800_000
    path.write_text(
        export_header()
        + export_page("Quick page", "Some text.", 1)
        + export_page("Slow page", slow, 2)
        + export_page("Another quick page", "More text.", 3)
        + export_footer(),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_page_over_the_budget_fails_and_the_dump_goes_on(
    dump: Path, tmp_path: Path, jobs: str
) -> None:
    out = tmp_path / "pages.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", str(dump), "-o", str(out), "-j", jobs,
         "--page-budget", "1"],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert (
        f"{dump}[Slow page]: left out: took longer than the time budget of 1 s (--page-budget)"
        in done.stderr
    )
    assert "2 pages, 1 failed" in done.stderr
    titles = [json.loads(line)["title"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert titles == ["Quick page", "Another quick page"]


def test_the_budget_must_be_a_positive_number(dump: Path) -> None:
    for value in ("0", "-1", "soon", "inf"):
        done = subprocess.run(
            [sys.executable, "-m", "wikiround", str(dump), "--page-budget", value],
            capture_output=True, text=True, check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )  # fmt: skip
        assert done.returncode == 2
        assert f"not a number of seconds above 0: {value!r}" in done.stderr
        assert "Traceback" not in done.stderr


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_shielded_call_runs_whole_and_the_budget_is_raised_after_it() -> None:
    finished = []
    with pytest.raises(OverBudget), time_budget(0.05):
        with shielded():
            _busy(0.3)  # the timer's signal arrives in here
            finished.append(True)
        finished.append(False)  # not reached: raised when the shield is left
    assert finished == [True]


def test_no_budget_and_a_budget_not_reached_raise_nothing() -> None:
    with time_budget(None):
        _busy(0.01)
    with time_budget(30):
        _busy(0.01)
    _busy(0.05)  # the timer was stopped: nothing arrives later
