"""The benchmark script runs (on tiny inputs, installing nothing) and writes its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def test_benchmark_smoke(tmp_path: Path) -> None:
    report = tmp_path / "performance.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "-o", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    assert "**Machine:**" in text
    assert "| wikiround `parse_wikitext_lossy` + `render_plaintext` |" in text
    assert "| floor: mwparserfromhell's C tokenizer alone |" in text
    assert "| wikiround's speed ÷ this tool's | middle half | range |" in text
    assert "## One page, 1× to 64× the size" in text
    assert "| 4× (" in text
    assert "## Hostile and odd input" in text
    assert "| `<ref> unclosed` |" in text
    assert "## Start-up" in text
    assert '| `python -c "import wikiround"` |' in text
    assert "## Memory for one document" in text
    assert "## Plain text to wikitext" in text
    assert "| this tree | **" in text
    assert "| dumpster-dive_tinywiki-latest-pages-articles.xml" in text


def test_growth_exponent() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from pathological import exponent

    assert round(exponent([(1_000, 0.001), (8_000, 0.008), (64_000, 0.064)]) or 0, 6) == 1
    assert round(exponent([(1_000, 0.001), (8_000, 0.064), (64_000, 4.096)]) or 0, 6) == 2
    assert exponent([(1_000, 0.001), (8_000, None)]) is None


def test_fidelity_benchmark_smoke(tmp_path: Path) -> None:
    report = tmp_path / "fidelity.md"
    report.write_text("# Kept\n\nText before the table.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "fidelity.py"), "--smoke", "--no-install",
         "--no-articles", "-o", str(report)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Kept\n\nText before the table.\n\n## The benchmark\n")
    assert "| family | cases | wikiround exact % | F1 | mwparserfromhell exact % | F1 |" in text
    assert "| tables | 3 |" in text
    assert "| **all cases** | 48 |" in text
    assert "| real-article paragraphs | – | left out (--no-articles) |" in text


def test_tables_through_the_command_line_smoke() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from pathological import cli_table

    lines = cli_table([("wide table", 3_000), ("table rows", 3_000)])
    assert lines[:2] == [
        "| page | MB | peak RSS MB | added ÷ size | CPU s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    assert lines[2].startswith("| one line (the baseline) | 0 | ")
    assert [line.split(" | ")[0] for line in lines[3:]] == ["| `wide table`", "| `table rows`"]
