"""Faults injected for real: a full disk (a small tmpfs), a read-only folder (a tmpfs
mounted read-only), FIFOs, devices, real signals to real processes, a pipe closed early.

The mounts need root, which the test machines and CI have.
"""

from __future__ import annotations

import html
import json
import os
import re
import resource
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import wikiround
from wikiround._app._batch import run_dump
from wikiround._app._cli import main
from wikiround._app._convert import Options

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
DUMPS = ROOT / "tests" / "data" / "dumps"
SMALL = DUMPS / "dumpster-dive_smallwiki-latest-pages-articles_ltgwiki.xml"
TINY = DUMPS / "dumpster-dive_tinywiki-latest-pages-articles.xml"
# Subprocesses run the wikiround these tests import.
ENV = {**os.environ, "PYTHONPATH": str(Path(wikiround.__file__).parent.parent)}


def _dump(*pages: str) -> str:
    return f"<mediawiki>{''.join(pages)}</mediawiki>"


def _page(title: str, text: str, *, ns: str = "0", page_id: str = "1") -> str:
    return (
        f"<page><title>{title}</title><ns>{ns}</ns><id>{page_id}</id>"
        f"<revision><text>{text}</text></revision></page>"
    )


def _mount(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB file system: a disk that fills up."""
    yield from _mount(tmp_path / "small", "size=64k")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A read-only folder (root ignores mode bits, not a read-only mount)."""
    yield from _mount(tmp_path / "ro", "ro,size=64k")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


# -- 1. a full disk never leaves a corrupt file, never blames the input -----------------


def test_full_disk_with_json_lines_output(
    small_disk: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = small_disk / "pages.jsonl"
    assert main([str(SMALL), "-o", str(out), "-j", "1"]) == 1
    err = capfd.readouterr().err
    assert f"wikiround: error: {out}: cannot write: No space left on device; stopped" in err
    assert "not a readable" not in err  # the input is not blamed
    assert "Traceback" not in err
    assert _leftovers(small_disk) == []  # no truncated file moved into place, no temporary


def test_full_disk_with_xml_output(
    small_disk: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    seed = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    for number in range(40):
        (drafts / f"a{number}.txt").write_text(f"= Person {number} =\n{seed}", "utf-8")
    out = small_disk / "import.xml"
    assert main([str(drafts), "--to", "xml", "-o", str(out), "-j", "1"]) == 1
    err = capfd.readouterr().err
    assert f"{out}: cannot write: No space left on device; stopped" in err
    assert "Traceback" not in err
    assert _leftovers(small_disk) == []


def test_full_disk_with_a_folder_of_outputs_stops_at_the_first_error(
    small_disk: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SMALL), "-o", str(small_disk / "pages"), "-j", "2"]) == 1
    err = capfd.readouterr().err
    assert err.count("No space left on device") == 1
    assert err.count("wikiround: error:") == 1
    assert not [name for name in _leftovers(small_disk) if name.endswith(".tmp")]


# -- 4. a read-only output folder: one message, no traceback, nothing left --------------


@pytest.mark.parametrize("name", ["pages.jsonl", "import.xml"])
def test_read_only_folder_for_collected_output(
    read_only: Path, name: str, capfd: pytest.CaptureFixture[str]
) -> None:
    extra = ["--to", "xml"] if name.endswith(".xml") else []
    assert main([str(TINY), "-o", str(read_only / name), *extra]) == 1
    err = capfd.readouterr().err
    assert f"{read_only / name}: cannot write: Read-only file system; stopped" in err
    assert "Traceback" not in err


def test_read_only_output_folder_gives_one_error(
    read_only: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert main([str(SMALL), "-o", str(read_only), "-j", "2"]) == 1
    err = capfd.readouterr().err
    assert err.count("Read-only file system") == 1
    assert err.count("wikiround: error:") == 1
    assert _leftovers(read_only) == []


# -- 2. no silent overwrite across the inputs of a run ----------------------------------


def test_two_dumps_with_the_same_title(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    first.write_text(_dump(_page("Hello", "first")), encoding="utf-8")
    second.write_text(_dump(_page("Hello", "second")), encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(first), str(second), "-o", str(out)]) == 0
    assert (out / "Hello.txt").read_text(encoding="utf-8") == "= Hello =\n\nfirst\n"
    assert (out / "Hello~2.txt").read_text(encoding="utf-8") == "= Hello =\n\nsecond\n"
    assert "converted 2 pages" in capfd.readouterr().err


def test_a_folder_file_and_a_dump_page_of_the_same_name(tmp_path: Path) -> None:
    dump = tmp_path / "d.xml"
    dump.write_text(_dump(_page("Seed", "from the dump")), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Seed.wiki").write_text("from the folder\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(folder), str(dump), "-o", str(out)]) == 0
    assert (out / "Seed.txt").read_text(encoding="utf-8") == "= Seed =\n\nfrom the folder\n"
    assert (out / "Seed~2.txt").read_text(encoding="utf-8") == "= Seed =\n\nfrom the dump\n"


# -- 3. one page, one failure; the batch goes on ----------------------------------------


def test_malformed_dump_pages_fail_alone(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "d.xml"
    dump.write_text(
        _dump(
            _page("A", "a"),
            _page("B", "b", ns="abc"),
            _page("C", "c", page_id="x2"),
            _page("D", "{{birth date|" + "9" * 5000 + "|1|1}}"),
            _page("E", "e"),
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main([str(dump), "-o", str(out)]) == 1
    err = capfd.readouterr().err
    assert f"wikiround: error: {dump}[B]: <ns>abc</ns> is not a number" in err
    assert f"wikiround: error: {dump}[C]: <id>x2</id> is not a number" in err
    assert "Traceback" not in err
    assert "converted 3 pages, 2 failed" in err
    assert sorted(p.name for p in out.iterdir()) == ["A.txt", "D.txt", "E.txt"]


def test_hostile_json_documents_fail_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text('{"a": ' + "[" * 100_000, encoding="utf-8")
    (folder / "digits.json").write_text('{"format": ' + "1" * 5000 + "}", encoding="utf-8")
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "import.xml"
    assert main([str(folder), "-o", str(out), "--to", "xml", "-j", "1"]) == 1
    err = capfd.readouterr().err
    # No line and column: the JSON parser does not say where (none is made up).
    assert f"{folder / 'deep.json'}: invalid JSON: nested too deeply\n" in err
    assert f"{folder / 'digits.json'}: invalid JSON: a number with too many digits\n" in err
    assert "converted 1 document, 2 failed" in err
    assert "Traceback" not in err
    assert "José Serrano" in out.read_text(encoding="utf-8")


def test_a_bug_fails_its_document_once_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import wikiround._app._convert

    real = wikiround._app._convert.render

    def buggy(article: object, target: str, options: Options) -> str:
        if getattr(article, "title", "") == "Buggy":
            raise KeyError("oops")
        return real(article, target, options)  # type: ignore[arg-type]

    monkeypatch.setattr(wikiround._app._convert, "render", buggy)
    dump = tmp_path / "d.xml"
    dump.write_text(_dump(_page("A", "a"), _page("Buggy", "b"), _page("C", "c")), "utf-8")
    out = tmp_path / "pages.jsonl"
    assert main([str(dump), "-o", str(out), "-j", "1"]) == 1
    err = capfd.readouterr().err
    bug = (
        f"wikiround: error: {dump}[Buggy]: internal error (KeyError: 'oops'); this is a bug "
        "in wikiround, please report it with this document"
    )
    assert err.count(bug) == 1
    assert err.count("internal error") == 1
    assert "converted 2 pages, 1 failed" in err
    titles = [json.loads(line)["title"] for line in out.read_text("utf-8").splitlines()]
    assert titles == ["A", "C"]


def test_a_bug_in_a_single_conversion_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import wikiround._app._convert

    def buggy(*args: object) -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(wikiround._app._convert, "render", buggy)
    assert main([str(SEED)]) == 1
    err = capfd.readouterr().err
    assert err == (
        f"wikiround: error: {SEED}: internal error (ZeroDivisionError: division by zero); "
        "this is a bug in wikiround, please report it with this document\n"
    )


# -- 7. inputs too large, devices -------------------------------------------------------


def test_a_device_is_refused_at_once(capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["--title", "Z", "/dev/zero"]) == 1
    assert capfd.readouterr().err == "wikiround: error: /dev/zero: not a regular file (a device)\n"


def test_a_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.wiki"
    with big.open("wb") as stream:  # sparse: 17 MiB that take no room
        stream.truncate(17 * 1024 * 1024)
    assert main([str(big)]) == 1
    assert capfd.readouterr().err == (
        f"wikiround: error: {big}: larger than 16M; --max-size raises the limit\n"
    )
    assert main([str(SEED), "--max-size", "1k"]) == 1
    assert "larger than 1k" in capfd.readouterr().err
    assert main([str(SEED), "--max-size", "64k"]) == 0


def test_standard_input_over_the_size_limit(capfd: pytest.CaptureFixture[str]) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO(b"x" * 5000), encoding="utf-8")
    assert main(["--title", "T", "--max-size", "4k", "-"], stdin=stdin) == 1
    assert capfd.readouterr().err == (
        "wikiround: error: -: larger than 4k; --max-size raises the limit\n"
    )


# -- 8. a FIFO in an input folder is skipped, not waited for ----------------------------


def test_fifo_in_an_input_folder_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(folder / "waiting.txt")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", str(folder), "-o", str(out), "-j", "1"],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,  # today's code would wait for a writer for ever
    )
    assert done.returncode == 0, done.stderr
    assert f"wikiround: {folder / 'waiting.txt'}: not a regular file (a FIFO), skipped" in (
        done.stderr
    )
    assert "converted 1 document, 1 ignored (not regular file)" in done.stderr
    assert (out / "seed.wiki").exists()


# -- 10. an XML file that is not a dump -------------------------------------------------


def test_xml_that_is_not_a_mediawiki_export(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.xml"
    page.write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    assert main([str(page), "-o", str(tmp_path / "out")]) == 1
    err = capfd.readouterr().err
    assert "not a MediaWiki XML export: the root element is <html>, not <mediawiki>" in err
    assert "converted 0 pages, 1 failed" in err


# -- 11. messages never send terminal escapes -------------------------------------------


def test_control_characters_in_messages_are_escaped(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("= T =\n\nName\n- Office\x1b]0;owned\x07 1\n", encoding="utf-8")
    assert main([str(bad)]) == 1
    err = capfd.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b]0;owned\\x07" in err
    assert err.endswith(
        "    - Office\\x1b]0;owned\\x07 1\n"
        "            ^\n"  # the caret stays under the character named
    )


# -- 5, 6. signals and worker processes -------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found.update(int(child) for child in children)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return bool(condition())  # type: ignore[operator]


def _as_in_the_foreground() -> None:
    # A job a shell starts in the background (``cmd &`` without job control) inherits
    # Ctrl-C ignored, and so would the command line started from a test run launched
    # that way: it is started as a shell starts a command in the foreground.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_on_a_fifo(
    tmp_path: Path, *args: str, pages: tuple[str, ...] = (_page("A", "a"),)
) -> tuple[subprocess.Popen[str], int]:
    """The command line reading a dump from a FIFO that is held open: it converts the
    pages given with its workers, then waits for more."""
    fifo = tmp_path / "dump.xml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "wikiround", str(fifo), *args],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_in_the_foreground,
    )
    writer = os.open(fifo, os.O_WRONLY)
    os.write(writer, (_dump(*pages).removesuffix("</mediawiki>")).encode())
    os.write(writer, b" " * 70000)  # past the XML reader's buffer
    return process, writer


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_stop_when_their_parent_is_killed(tmp_path: Path, how: signal.Signals) -> None:
    process, writer = _start_on_a_fifo(tmp_path, "-j", "2", "-o", str(tmp_path / "out") + "/")
    workers: set[int] = set()
    try:
        assert _wait_for(lambda: _children(process.pid), 30), "no worker started"
        workers = _children(process.pid)
        os.kill(process.pid, how)  # the parent alone, not its process group
        process.wait(timeout=30)
        assert _wait_for(lambda: not any(_alive(w) for w in workers), 10), "workers live on"
    finally:
        os.close(writer)
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.kill()
        process.communicate()
    if how == signal.SIGTERM:
        assert process.returncode == 143


def test_ctrl_c_prints_one_line_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "pages.jsonl"
    process, writer = _start_on_a_fifo(tmp_path, "-j", "2", "-o", str(out))
    try:
        assert _wait_for(lambda: _children(process.pid), 30), "no worker started"
        assert _wait_for(lambda: any(p.name.endswith(".tmp") for p in tmp_path.iterdir()), 30)
        os.killpg(process.pid, signal.SIGINT)  # as the terminal does: the whole group
        _, err = process.communicate(timeout=30)
    finally:
        os.close(writer)
        process.kill()
    assert process.returncode == 130
    # The line before says so when a worker is still converting page A.
    assert err.removeprefix(
        "wikiround: stopping: waiting for the 1 document being converted (interrupt again "
        "to stop at once)\n"
    ) == ("wikiround: interrupted\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump.xml"]


def test_a_closed_pipe_stops_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "wikiround", str(SMALL), "-j", "1"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()  # as `| head -1` does
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=60)
    assert process.returncode == 141
    assert "error" not in err and "Traceback" not in err and "Broken pipe" not in err


# -- issue 15, 1: file modes ------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_new_files_get_the_umask_mode(tmp_path: Path) -> None:
    assert main([str(SEED), "-o", str(tmp_path / "one.wiki")]) == 0
    assert main([str(TINY), "-o", str(tmp_path / "pages.jsonl")]) == 0
    assert main([str(SEED), "--to", "xml", "-o", str(tmp_path / "import.xml")]) == 0
    assert main([str(TINY), "-o", str(tmp_path / "pages"), "-j", "1"]) == 0
    written = [tmp_path / "one.wiki", tmp_path / "pages.jsonl", tmp_path / "import.xml"]
    written += list((tmp_path / "pages").iterdir())
    assert {path.name: _mode(path) for path in written} == {p.name: 0o644 for p in written}


def test_new_files_follow_another_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        assert main([str(SEED), "-o", str(tmp_path / "one.wiki")]) == 0
        os.umask(0o002)
        assert main([str(SEED), "-o", str(tmp_path / "two.wiki")]) == 0
    finally:
        os.umask(old)
    assert _mode(tmp_path / "one.wiki") == 0o600
    assert _mode(tmp_path / "two.wiki") == 0o664


@pytest.mark.usefixtures("umask_022")
def test_an_overwritten_file_keeps_its_mode(tmp_path: Path) -> None:
    one = tmp_path / "one.wiki"
    one.write_text("old\n", encoding="utf-8")
    one.chmod(0o640)
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("", encoding="utf-8")
    jsonl.chmod(0o604)
    assert main([str(SEED), "-o", str(one)]) == 0
    assert main([str(TINY), "-o", str(jsonl)]) == 0
    assert (_mode(one), _mode(jsonl)) == (0o640, 0o604)
    assert one.read_text(encoding="utf-8") != "old\n"


# -- issue 15, 6: progress counts what is done ------------------------------------------


def test_progress_counts_pages_done_not_pages_handed_out() -> None:
    def offsets(workers: int) -> list[int]:
        reported: list[int] = []
        results = run_dump(
            str(SMALL), None, Options(), target="plain", workers=workers,
            progress=reported.append,
        )  # fmt: skip
        assert len(reported) == 0
        count = sum(1 for _ in results)
        assert len(reported) == count
        return reported

    # One process reads a page only when the last one is done: what it reports after
    # each page is where that page ends. Two processes must report the same, although
    # their reading runs ahead of the workers.
    alone = offsets(1)
    assert alone == sorted(alone) and alone[0] < alone[-1] <= SMALL.stat().st_size
    assert offsets(2) == alone


def test_workers_notice_a_dead_parent_without_the_kernel_signal(tmp_path: Path) -> None:
    # The portable lifeline alone (as outside Linux): the worker checks its parent.
    script = """
import os, sys, time
import wikiround._app._lifeline as lifeline
lifeline._ask_kernel = lambda: None
parent = os.getpid()
child = os.fork()
if child == 0:
    lifeline.worker_start(parent)
    while True:
        time.sleep(0.1)
print(child, flush=True)
time.sleep(600)
"""
    process = subprocess.Popen(
        [sys.executable, "-c", script], env=ENV, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    worker = int(process.stdout.readline())
    try:
        assert _alive(worker)
        process.kill()
        process.wait(timeout=30)
        assert _wait_for(lambda: not _alive(worker), 10), "the worker lives on"
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


# -- issue 26, 9 and 10: closed or full standard streams --------------------------------

WIKIROUND = f"{shlex.quote(sys.executable)} -m wikiround"


def _shell(command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` run by bash as written (its redirections included); ``wikiround`` in it
    is the command line these tests import."""
    return subprocess.run(
        ["bash", "-c", command.replace("wikiround ", WIKIROUND + " ")],
        env=ENV,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("redirection", "reason"),
    [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")],
)
def test_standard_output_full_or_closed_is_named(redirection: str, reason: str) -> None:
    done = _shell(f"wikiround {shlex.quote(str(SEED))} {redirection}")
    assert done.returncode == 1
    assert done.stderr == f"wikiround: error: standard output: cannot write: {reason}\n"


def test_standard_input_closed_is_named() -> None:
    done = _shell("wikiround --title X - <&-")
    assert done.returncode == 1
    assert done.stderr == "wikiround: error: standard input: cannot read: Bad file descriptor\n"
    done = _shell("wikiround --title X - 0>/dev/null")  # open, but not for reading
    assert done.returncode == 1
    assert done.stderr == "wikiround: error: standard input: cannot read: Bad file descriptor\n"


@pytest.mark.parametrize(
    ("redirection", "reason"),
    [("> /dev/full", "No space left on device"), (">&-", "Bad file descriptor")],
)
def test_json_lines_to_a_full_or_closed_standard_output(redirection: str, reason: str) -> None:
    done = _shell(f"wikiround {shlex.quote(str(TINY))} -j 1 {redirection}")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"wikiround: error: standard output: cannot write: {reason}; stopped"
    # Nothing reached standard output: no page counts as converted.
    assert lines[1].startswith("wikiround: converted 0 pages"), done.stderr
    assert "internal error" not in done.stderr


def test_with_standard_error_closed_messages_never_go_to_standard_output(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "bad.txt").write_text("= T =\n\nName\n- Office 1\n", encoding="utf-8")
    out = tmp_path / "out"
    done = _shell(f"wikiround {folder} -o {out} -j 2 2>&-")
    assert (done.returncode, done.stdout) == (1, "")
    assert sorted(p.name for p in out.iterdir()) == ["seed.wiki"]
    # A dump to standard output: only its records there, and the run goes on.
    done = _shell(f"wikiround {shlex.quote(str(TINY))} -j 2 2>&-")
    assert done.returncode == 0
    titles = [json.loads(line)["title"] for line in done.stdout.splitlines()]
    assert len(titles) == 7
    done = _shell(f"wikiround {shlex.quote(str(SEED))} 2>&-")
    assert done.returncode == 0
    assert done.stdout == (ROOT / "tests/data/golden/seed.wiki").read_text(encoding="utf-8")


def test_a_full_standard_error_loses_messages_not_work(tmp_path: Path) -> None:
    out = tmp_path / "pages.jsonl"
    done = _shell(f"wikiround {shlex.quote(str(TINY))} -j 2 -o {out} 2>/dev/full")
    assert done.returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7


# -- issue 26, 11: out of memory --------------------------------------------------------

# A real article made long (the United Kingdom, 45 times: 15 MB): converting it takes
# some 180 MB more than the process had, whatever else it is given.
LONG_ARTICLE = (ROOT / "tests" / "data" / "articles" / "wtf__United-Kingdom.wiki").read_text(
    encoding="utf-8"
) * 45


def _status(pid: int, field: str) -> int:
    """A field of /proc/PID/status in MB (VmSize, VmRSS), 0 once the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0
    for line in status.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) // 1024
    return 0


def _wchan(pid: int) -> str:
    """Where in the kernel process ``pid`` waits (``wait_for_partner``: opening a FIFO
    that has no process at its other end)."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _until(what: str, condition: object, timeout: float = 60) -> object:
    """Wait for ``condition()`` to give something true, and give it back."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()  # type: ignore[operator]
        if found:
            return found
        time.sleep(0.01)
    raise AssertionError(f"waited in vain for {what}")


def _limit_memory_of(pid: int, more: int) -> None:
    """Let process ``pid`` have ``more`` MB of address space beyond what it has now."""
    limit = (_status(pid, "VmSize") + more) << 20
    resource.prlimit(pid, resource.RLIMIT_AS, (limit, limit))


def test_out_of_memory_is_the_document_s_failure(tmp_path: Path) -> None:
    page = tmp_path / "page.wiki"
    os.mkfifo(page)  # the command line waits there for the text: its memory is limited
    process = subprocess.Popen(
        [sys.executable, "-m", "wikiround", str(page), "-o", str(tmp_path / "page.txt")],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _until("the text to be awaited", lambda: _wchan(process.pid) == "wait_for_partner")
        _limit_memory_of(process.pid, 96)  # room to read the text, not to convert it
        with page.open("w", encoding="utf-8") as writer:
            writer.write(LONG_ARTICLE)
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 1
    assert err == f"wikiround: error: {page}: out of memory\n"


@pytest.mark.parametrize(
    ("table", "shown"),
    [
        ("{|\n|" + "a||" * 333_333 + "b\n|}\n", "a " * 333_333 + "b\n"),  # 1 MB, one line
        (
            "{|\n" + "|-\n| [[Paris|The city]] || 1990 || '''bold''' text\n" * 20_000 + "|}\n",
            "The city 1990 bold text\n\n" * 19_999 + "The city 1990 bold text\n",
        ),
    ],
    ids=["cells", "rows"],
)
def test_a_table_page_converts_in_30_times_its_size(
    tmp_path: Path, table: str, shown: str
) -> None:
    # (Tables cost some hundreds of times their size when mwparserfromhell's tokenizer
    # read their markup, as the summary's check with the strict reader did.)
    page = tmp_path / "page.wiki"
    os.mkfifo(page)
    output = tmp_path / "page.txt"
    process = subprocess.Popen(
        [sys.executable, "-m", "wikiround", str(page), "-o", str(output)],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _until("the text to be awaited", lambda: _wchan(process.pid) == "wait_for_partner")
        _limit_memory_of(process.pid, 30 * len(table) >> 20)
        with page.open("w", encoding="utf-8") as writer:
            writer.write(table)
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert (process.returncode, err) == (
        0,
        f"wikiround: {page}: links and formatting read as their text; to put edits back "
        f"onto the page, keeping what the plain text lacks: python -m wikiround {output} "
        f"--onto {page}\n",
    )
    assert output.read_text(encoding="utf-8") == "= page =\n\n" + shown


def test_out_of_memory_in_a_worker_fails_its_page_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process, writer = _start_on_a_fifo(tmp_path, "-j", "1", "-o", f"{out}/")
    try:
        _until("page A", lambda: (out / "A.txt").exists())
        (worker,) = _children(process.pid)
        _limit_memory_of(worker, 64)
        big = _page("Big", html.escape(LONG_ARTICLE, quote=False))
        os.write(writer, (big + _page("C", "c") + "</mediawiki>").encode())
        os.close(writer)
        writer = -1
        _, err = process.communicate(timeout=120)
    finally:
        if writer >= 0:
            os.close(writer)
        process.kill()
    assert process.returncode == 1
    assert err == (
        f"wikiround: error: {tmp_path / 'dump.xml'}[Big]: out of memory\n"
        "wikiround: converted 2 pages, 1 failed\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["A.txt", "C.txt"]


# -- issue 26, 8: every page counted once, as converted or failed ----------------------


def test_records_of_a_removed_file_count_as_failed(
    small_disk: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = small_disk / "pages.jsonl"
    assert main([str(SMALL), "-o", str(out), "-j", "1"]) == 1
    err = capfd.readouterr().err
    found = re.search(
        rf"wikiround: converted 0 pages, (\d+) failed \((\d+) of them written to "
        rf"{re.escape(str(out))}, which was removed\)",
        err,
    )
    assert found is not None, err
    # The page whose record did not fit fails too, and so do those the worker had
    # converted meanwhile (their records go nowhere).
    assert int(found[1]) > int(found[2]) > 0


# -- issue 26, 5 and 6: symbolic link loops, folders that cannot be read ----------------


def test_a_symbolic_link_loop_fails_its_entries_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "L"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    (folder / "x.wiki").symlink_to("y.wiki")
    (folder / "y.wiki").symlink_to("x.wiki")
    out = tmp_path / "outL"
    assert main([str(folder), "-o", f"{out}/", "-j", "1"]) == 1
    err = capfd.readouterr().err
    assert err.splitlines() == [
        f"wikiround: error: {folder / 'x.wiki'}: Too many levels of symbolic links",
        f"wikiround: error: {folder / 'y.wiki'}: Too many levels of symbolic links",
        "wikiround: converted 1 document, 2 failed",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["a.wiki"]


def _without_root_s_reach() -> None:
    # Root reads any folder whatever its mode (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
    # the command line runs without those two capabilities, so that mode 000 binds it.
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # from <linux/capability.h>
        if libc.prctl(24, capability, 0, 0, 0) != 0 and os.geteuid() == 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_folder_that_cannot_be_read_is_a_failure(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "closed").mkdir(parents=True)
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "closed" / "b.txt")
    (folder / "closed").chmod(0)
    out = tmp_path / "out"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "wikiround", str(folder), "-o", str(out), "-j", "1"],
            env=ENV, capture_output=True, text=True, timeout=60,
            preexec_fn=_without_root_s_reach,
        )  # fmt: skip
    finally:
        (folder / "closed").chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"wikiround: error: {folder / 'closed'}: cannot read this folder: Permission denied",
        "wikiround: converted 1 document, 1 failed",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["a.wiki"]


# -- issue 26, 4 and 12: dump pages over the size limit, without a title, huge ids ------


def test_dump_pages_without_a_title_or_too_large_fail_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    huge = "12345678901234567890123456789012345678"
    dump = tmp_path / "d.xml"
    dump.write_text(
        _dump(
            _page("A", "a"),
            "<page><ns>0</ns><id>7</id><revision><text>no title</text></revision></page>",
            _page("Big", "b" * 5000),
            _page("Huge id", "h", page_id=huge),
        ),
        encoding="utf-8",
    )
    out = tmp_path / "pages.jsonl"
    assert main([str(dump), "-o", str(out), "-j", "1", "--max-size", "4k"]) == 1
    err = capfd.readouterr().err
    assert err.splitlines() == [
        f"wikiround: error: {dump}: a <page> without a <title>, <id>7</id> (at byte 163)",
        f"wikiround: error: {dump}[Big]: larger than 4k; --max-size raises the limit",
        f"wikiround: converted 2 pages, 2 failed; {out} holds 2 records, without the 2 that "
        "failed",
    ]
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(record["title"], record["id"]) for record in records] == [
        ("A", 1),
        ("Huge id", int(huge)),
    ]
    # The default limit is --max-size's, 16M.
    assert main([str(dump), "-o", str(out), "-j", "1"]) == 1
    assert "converted 3 pages, 1 failed" in capfd.readouterr().err


# -- issue 26, 1 and 2: a second Ctrl-C, a worker killed --------------------------------

# A page whose output is a FIFO nobody reads: its worker waits there, converting it,
# for as long as the test wants (until the FIFO is read, or the worker killed).


def _held_up(parent: int) -> int:
    """The worker of ``parent`` that waits at a FIFO."""
    return int(  # type: ignore[call-overload]
        _until(
            "a worker held up at its output",
            lambda: next((c for c in _children(parent) if _wchan(c) == "wait_for_partner"), 0),
        )
    )


def _dump_held_up_at(tmp_path: Path, title: str, *titles: str) -> tuple[Path, Path]:
    """A dump of short pages ``titles``, and a folder of outputs where ``title``'s is a
    FIFO."""
    dump = tmp_path / "d.xml"
    dump.write_text(_dump(*(_page(name, name.lower()) for name in titles)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / f"{title}.txt")
    return dump, out


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "wikiround", *args],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=_as_in_the_foreground,
    )  # fmt: skip


def test_a_worker_killed_fails_only_the_page_it_held(tmp_path: Path) -> None:
    dump, out = _dump_held_up_at(tmp_path, "Doomed", "A", "Doomed", "B", "C", "D", "E")
    process = _start(str(dump), "-o", str(out), "-j", "2")
    try:
        os.kill(_held_up(process.pid), signal.SIGKILL)  # as the kernel's OOM killer does
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 1
    assert err == (
        f"wikiround: error: {dump}[Doomed]: left out: the process converting it was killed "
        "by SIGKILL (out of memory?)\n"
        "wikiround: converted 5 pages, 1 failed\n"
    )
    names = ["A.txt", "B.txt", "C.txt", "D.txt", "Doomed.txt", "E.txt"]
    assert sorted(p.name for p in out.iterdir()) == names
    assert stat.S_ISFIFO((out / "Doomed.txt").stat().st_mode)  # never written


STOPPING = (
    "wikiround: stopping: waiting for the 1 document being converted (interrupt again to "
    "stop at once)\n"
)


def test_after_ctrl_c_no_document_is_begun(tmp_path: Path) -> None:
    dump, out = _dump_held_up_at(tmp_path, "Held", "A", "Held", "B", "C")
    process = _start(str(dump), "-o", str(out), "-j", "1")
    try:
        _held_up(process.pid)
        os.killpg(process.pid, signal.SIGINT)  # as the terminal does: the whole group
        assert process.stderr is not None
        assert process.stderr.readline() == STOPPING
        # Its document is waited for: read, it is finished, and nothing after it begun.
        held = (out / "Held.txt").read_text(encoding="utf-8")
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (process.returncode, err) == (130, "wikiround: interrupted\n")
    assert held == "= Held =\n\nheld\n"
    # B was given to the worker with Held, and C read: neither was begun.
    assert sorted(p.name for p in out.iterdir()) == ["A.txt", "Held.txt"]


@pytest.mark.parametrize(
    ("second", "status", "last"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_second_interrupt_stops_at_once(
    tmp_path: Path, second: signal.Signals, status: int, last: str
) -> None:
    dump, out = _dump_held_up_at(tmp_path, "Held", "A", "Held", "B")
    process = _start(str(dump), "-o", str(out), "-j", "1")
    workers: set[int] = set()
    try:
        _held_up(process.pid)
        workers = _children(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        assert process.stderr is not None
        assert process.stderr.readline() == STOPPING
        # The worker would wait at its output for ever: only killing it ends the run.
        os.killpg(process.pid, second)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (process.returncode, err) == (status, f"wikiround: {last}\n")
    assert not any(_alive(worker) for worker in workers)
    assert sorted(p.name for p in out.iterdir()) == ["A.txt", "Held.txt"]  # no .tmp left
    assert stat.S_ISFIFO((out / "Held.txt").stat().st_mode)


# -- issue 26, 12: a key given twice in hand-edited JSON ---------------------------------


def test_a_json_key_given_twice_is_refused_with_its_path(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.json"
    assert main([str(SEED), "--to", "json", "-o", str(out)]) == 0
    capfd.readouterr()
    document = out.read_text(encoding="utf-8")
    edited = tmp_path / "edited.json"
    place = document.index('"value": ', document.index('"offices"'))
    edited.write_text(document[:place] + '"value": "Mayor", ' + document[place:], "utf-8")
    assert main([str(edited), "-o", str(tmp_path / "edited.wiki")]) == 1
    assert capfd.readouterr().err == (
        f"wikiround: error: {edited}: $.infobox.offices[0].parameters[0].value: given twice "
        "(an object holds each key once)\n"
    )
    assert not (tmp_path / "edited.wiki").exists()


# -- issue 26, 12: outputs on disk before they are renamed into place; --onto unchanged ---


def _traced(tmp_path: Path, *args: str) -> list[str]:
    """The fsync and rename calls of the command line run with ``args``, in order, with
    the paths of the descriptors (strace, following the worker processes)."""
    trace = tmp_path / "trace"
    subprocess.run(
        ["strace", "-f", "-qq", "-y", "-o", str(trace),
         "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
         sys.executable, "-m", "wikiround", *args],
        env=ENV, capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return trace.read_text().splitlines()


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
@pytest.mark.parametrize("output", ["one.wiki", "out/", "pages.jsonl", "import.xml"])
def test_every_output_is_on_disk_before_it_is_renamed_into_place(
    tmp_path: Path, output: str
) -> None:
    source = SEED if output in ("one.wiki", "import.xml") else TINY
    written = tmp_path / output
    calls = _traced(tmp_path, str(source), "-o", str(written), "-j", "1")
    renamed = [re.search(r'rename\w*\(.*"([^"]+\.tmp)"', call) for call in calls]
    temporaries = [match[1] for match in renamed if match is not None]
    assert temporaries, calls
    for temporary in temporaries:
        synced = [i for i, call in enumerate(calls) if "sync(" in call and f"<{temporary}>" in call]
        moved = [i for i, call in enumerate(calls) if "rename" in call and temporary in call]
        assert synced and synced[0] < moved[0], (temporary, calls)


def test_an_unchanged_onto_output_is_not_written_again(tmp_path: Path) -> None:
    page = tmp_path / "page.wiki"
    shutil.copy(ROOT / "tests" / "data" / "golden" / "seed.wiki", page)
    edit = tmp_path / "edit.txt"
    assert main([str(page), "-o", str(edit)]) == 0
    before = page.stat()
    assert main([str(edit), "--onto", str(page), "-o", str(page)]) == 0
    after = page.stat()
    # Not replaced by a new file of the same text: same inode, same modification time.
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_pages_before_a_break_in_the_dump_are_counted_once(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "broken.xml"
    pages = [_page(name, name.lower()) for name in ("A", "B", "C")]
    dump.write_text(_dump(*pages, _page("D", "d", ns="x")).removesuffix("</mediawiki>")
                    + "<page><title>E", encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    assert main([str(dump), "-o", str(out), "-j", "2"]) == 1
    lines = capfd.readouterr().err.splitlines()
    assert lines[0] == f"wikiround: error: {dump}[D]: <ns>x</ns> is not a number"
    assert lines[1].startswith(f"wikiround: error: {dump}: not a readable MediaWiki XML dump: ")
    # A, B and C converted and written; D failed; the break is the dump's own failure.
    assert lines[2] == "wikiround: converted 3 pages, 2 failed"
    assert sorted(p.name for p in out.iterdir()) == ["A.txt", "B.txt", "C.txt"]


def _device(path: Path, minor: int) -> Path:
    """A character device of the kernel's memory driver at ``path``: 3 is /dev/null's,
    7 /dev/full's (made here, so that a test that fails cannot replace the real ones)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return path


def test_an_output_that_is_a_device_is_written_into_never_replaced(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    null, full = _device(tmp_path / "null", 3), _device(tmp_path / "full", 7)
    assert main([str(SEED), "-o", str(null)]) == 0
    assert main([str(SEED), "-o", str(full)]) == 1
    assert main([str(TINY), "--to", "xml", "--allow-loss", "-o", str(full)]) == 1
    err = capfd.readouterr().err
    assert err.count(f"wikiround: error: {full}: cannot write: No space left on device") == 2
    # As root, a file renamed onto /dev/null would have taken its place.
    assert stat.S_ISCHR(null.stat().st_mode) and stat.S_ISCHR(full.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null"]
