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
    assert "## Plain text to wikitext" in text
    assert "| dumpster-dive_tinywiki-latest-pages-articles.xml" in text
