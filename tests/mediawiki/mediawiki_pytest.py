"""Pytest wiring for the MediaWiki oracle.

Provides the session fixtures ``mediawiki`` (the parser) and ``served_wiki`` (a copy of
the wiki served over HTTP on 127.0.0.1, for bots) and the policy for tests marked
``mediawiki``: without a usable MediaWiki they are skipped on a developer machine and fail
when the environment variable CI is true (so CI can never pass by skipping them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from oracle import SETUP_COMMAND, MediaWiki, mediawiki_problem
from served import ServedWiki

__all__ = ["in_ci", "mediawiki", "pytest_runtest_setup", "pytest_sessionfinish", "served_wiki"]

_shared: MediaWiki | None = None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def _require_mediawiki() -> None:
    problem = mediawiki_problem()
    if problem is None:
        return
    message = f"MediaWiki oracle unavailable: {problem}. Set it up with: {SETUP_COMMAND}"
    if in_ci():
        pytest.fail(f"{message} (CI is set, so this is an error)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def mediawiki() -> Iterator[MediaWiki]:
    """One MediaWiki parser process shared by the whole test session."""
    global _shared
    _require_mediawiki()
    if _shared is None:
        _shared = MediaWiki()
    yield _shared


@pytest.fixture(scope="session")
def served_wiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedWiki]:
    """A copy of the wiki with the vendored officeholder dump imported and a bot account,
    served on 127.0.0.1 for the whole session and stopped at its end."""
    _require_mediawiki()
    with ServedWiki(tmp_path_factory.mktemp("served-wiki")) as wiki:
        yield wiki


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("mediawiki") is not None:
        _require_mediawiki()


def pytest_sessionfinish(session: pytest.Session) -> None:
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None
