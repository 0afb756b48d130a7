"""The skip-or-fail policy for tests that need MediaWiki (runs without MediaWiki)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from oracle import HERE

POLICY_TEST = """\
import pytest

@pytest.mark.mediawiki
def test_marked():
    pass

def test_fixture(mediawiki):
    pass
"""


@pytest.mark.parametrize(("ci", "outcome"), [("", "2 skipped"), ("true", "2 errors")])
def test_missing_mediawiki_skips_or_fails_in_ci(tmp_path: Path, ci: str, outcome: str) -> None:
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            f"""\
            import sys
            sys.path.insert(0, {str(HERE)!r})
            from mediawiki_pytest import mediawiki, pytest_runtest_setup, pytest_sessionfinish
            """
        )
    )
    (tmp_path / "test_policy.py").write_text(POLICY_TEST)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    mediawiki: needs it\n")
    env = dict(os.environ, CI=ci, WIKIROUND_MEDIAWIKI=str(tmp_path / "absent"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert outcome in done.stdout, done.stdout + done.stderr
    assert (done.returncode == 0) == (not ci)
    assert "bash tests/mediawiki/setup.sh" in done.stdout
