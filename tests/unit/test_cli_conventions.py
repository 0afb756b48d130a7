"""Command-line conventions: the program's name, short options, quiet runs, exit statuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround._app._cli import main

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
GOLDEN = ROOT / "tests" / "data" / "golden" / "seed.wiki"
REAL_ARTICLE = "Jane Doe is a politician.<ref>A</ref>\n"


def _run(argv: list[str], *, program: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [*program, *argv], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def _script(tmp_path: Path) -> list[str]:
    """A console script named ``wikiround``, as pip installs one."""
    script = tmp_path / "bin" / "wikiround"
    script.parent.mkdir(exist_ok=True)
    script.write_text(
        "from wikiround._app._cli import main_entry\nmain_entry()\n", encoding="utf-8"
    )
    return [sys.executable, str(script)]


def test_the_usage_line_names_the_program_as_it_was_run(tmp_path: Path) -> None:
    as_script = _run(["--version"], program=_script(tmp_path))
    assert as_script.stdout == "wikiround 0.1.0\n"
    usage = _run([], program=_script(tmp_path))
    assert usage.returncode == 2
    assert usage.stderr.endswith("Try 'wikiround --help' for more information.\n")
    help_text = _run(["--help"], program=_script(tmp_path)).stdout
    assert help_text.startswith("usage: wikiround ")
    assert "python -m" not in help_text
    as_module = _run(["--version"], program=[sys.executable, "-m", "wikiround"])
    assert as_module.stdout == "python -m wikiround 0.1.0\n"


def test_short_format_options_and_the_mediawiki_name(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main([str(SEED), "-t", "mediawiki"]) == 0
    assert capfdbinary.readouterr().out == GOLDEN.read_bytes()
    argv = [str(GOLDEN), "-f", "mediawiki", "-t", "plain", "--title", "x", "--strict"]
    assert main(argv) == 0
    assert capfdbinary.readouterr().out.startswith(b"= x =\n")


def test_a_clean_read_prints_no_summary(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text("Jane Doe is a politician.\n", encoding="utf-8")
    assert main([str(wiki)]) == 0
    assert capfd.readouterr().err == ""


def test_quiet_leaves_out_the_summaries(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text(REAL_ARTICLE, encoding="utf-8")
    assert main([str(wiki), "-q"]) == 0
    out, err = capfd.readouterr()
    assert (out, err) == ("= Jane Doe =\n\nJane Doe is a politician.\n", "")
    assert main([str(wiki), "--quiet", "--report"]) == 0
    assert capfd.readouterr().err == f"{wiki}:1:26: reference: <ref>\n"
    assert main([str(wiki), str(SEED), "-q", "-o", str(tmp_path / "out")]) == 0
    assert capfd.readouterr().err == ""
    assert main([str(wiki), str(SEED), "-o", str(tmp_path / "out")]) == 0
    assert capfd.readouterr().err.startswith("wikiround: converted 2 documents")


@pytest.mark.parametrize(("flag", "shown"), [("--progress", True), ("--no-progress", False)])
def test_progress_can_be_forced_either_way(tmp_path: Path, flag: str, shown: bool) -> None:
    # Standard error is a pipe here, so by default no bar is drawn.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    argv = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "out")]
    ran = _run([*argv, flag, "-j", "1"], program=[sys.executable, "-m", "wikiround"])
    assert ran.returncode == 0, ran.stderr
    assert ("2/2" in ran.stderr) is shown, ran.stderr


def test_standard_output_takes_one_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as raised:
        main([str(folder), "-o", "-"])
    assert raised.value.code == 2
    assert "'-o -' (standard output) takes one article" in capsys.readouterr().err
    assert not (tmp_path / "-").exists()
    assert main([str(SEED), "-o", "-"]) == 0  # one document: standard output
    assert capsys.readouterr().out.startswith("{{Infobox officeholder\n")
