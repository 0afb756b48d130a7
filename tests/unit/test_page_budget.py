"""--page-budget: a document over its time budget is reported as failed, the batch goes on.

The slow page below takes many seconds on any machine (it is ten megabytes of
references), the budget one second, and the quick page milliseconds: the outcome does
not depend on the machine's speed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from wikiround._app._files import remove_temporaries
from wikiround._app._pool import Lost, ordered_map
from wikiround.dumps import export_footer, export_header, export_page

ROOT = Path(__file__).parent.parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


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


# -- enforced from outside the worker (issue 26, 2 and 3) --------------------------------


def _stuck_at_two(n: int) -> int:
    if n == 2:
        # As C code that never returns to Python: no signal handler of the worker runs.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGTERM})
        time.sleep(3600)
    return n * 10


def _killed_at_two(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer does
    return n * 10


def _lost(n: int, why: Lost) -> tuple[int, bool, int | None]:
    return (n, why.over_budget, why.signal)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_job_stuck_outside_python_is_stopped_at_its_budget(workers: int) -> None:
    results = ordered_map(
        _stuck_at_two, range(6), workers=workers, chunk_size=2, budget=0.5, lost=_lost
    )
    assert list(results) == [0, 10, (2, True, None), 30, 40, 50]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_killed_worker_loses_only_its_job(workers: int) -> None:
    results = ordered_map(_killed_at_two, range(6), workers=workers, chunk_size=4, lost=_lost)
    assert list(results) == [0, 10, (2, False, signal.SIGKILL), 30, 40, 50]
    assert str(Lost(signal=signal.SIGKILL)) == (
        "the process converting it was killed by SIGKILL (out of memory?)"
    )


def _writes_then_sticks(path: str) -> str:
    # What write_atomically leaves while it writes: a temporary file named with its pid.
    Path(path).with_name(f".{Path(path).name}.{os.getpid()}.abc123.tmp").write_text("half")
    return _stuck_at_two(2)  # type: ignore[return-value]


def test_what_a_killed_worker_was_writing_is_removed(tmp_path: Path) -> None:
    output = str(tmp_path / "page.txt")
    results = ordered_map(
        _writes_then_sticks, [output], workers=1, budget=0.5,
        lost=lambda job, why: "lost", cleanup=remove_temporaries,
    )  # fmt: skip
    assert list(results) == ["lost"]
    assert list(tmp_path.iterdir()) == []


def _children(pid: int) -> list[int]:
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]


def _wchan(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _until(what: str, condition: Any, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.01)
    raise AssertionError(f"waited in vain for {what}")


def test_a_single_document_is_stopped_at_its_budget(tmp_path: Path) -> None:
    page = tmp_path / "page.wiki"
    article = ROOT / "tests" / "data" / "articles" / "wtf__United-Kingdom.wiki"
    page.write_text(article.read_text(encoding="utf-8") * 45, encoding="utf-8")  # 15 MB
    process = subprocess.Popen(
        [sys.executable, "-m", "wikiround", str(page), "--page-budget", "2"],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        # It converts in a worker process: once the page is handed over (the main process
        # waits for the worker), the worker is stopped, and can keep no timer of its own.
        worker = _until("a worker", lambda: _children(process.pid))[0]
        _until("the page handed over", lambda: "epoll" in _wchan(process.pid))
        os.kill(worker, signal.SIGSTOP)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 1
    assert err == (
        f"wikiround: error: {page}: left out: took longer than the time budget of 2 s "
        "(--page-budget)\n"
    )
    assert not Path(f"/proc/{worker}").exists()  # killed, and reaped


def test_a_dump_page_held_up_is_stopped_at_its_budget(tmp_path: Path) -> None:
    dump = tmp_path / "dump.xml"
    dump.write_text(
        export_header()
        + export_page("Quick page", "Some text.", 1)
        + export_page("Held up", "Its output is a FIFO that nobody reads.", 2)
        + export_page("Another quick page", "More text.", 3)
        + export_footer(),
        encoding="utf-8",
    )
    out = tmp_path / "pages"
    out.mkdir()
    os.mkfifo(out / "Held up.txt")  # its worker waits there for ever
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", str(dump), "-o", str(out), "-j", "1",
         "--page-budget", "1"],
        capture_output=True, text=True, check=False, env=ENV, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        f"wikiround: error: {dump}[Held up]: left out: took longer than the time budget of "
        "1 s (--page-budget)\nwikiround: converted 2 pages, 1 failed\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "Another quick page.txt", "Held up.txt", "Quick page.txt"
    ]
