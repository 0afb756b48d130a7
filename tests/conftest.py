import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

# tests/strategies.py is shared by every test folder.
sys.path.insert(0, str(Path(__file__).parent))
# Run from a source tree where the package is not installed: the package from src/. (When
# it is installed, that one is tested: the compiled build's run relies on it.)
try:
    import wikiround  # noqa: F401
except ModuleNotFoundError:
    sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=True,
    # The same examples on every CI run: a red CI names a bug, not a lucky draw.
    derandomize=True,
)
settings.register_profile(
    "stress",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# MediaWiki oracle: the `mediawiki` fixture, and skip (or, with CI set, fail) for tests
# marked `mediawiki` when tests/mediawiki/setup.sh has not been run.
sys.path.insert(0, str(Path(__file__).parent / "mediawiki"))
from mediawiki_pytest import (  # noqa: E402
    mediawiki,  # noqa: F401
    pytest_runtest_setup,  # noqa: F401
    pytest_sessionfinish,  # noqa: F401
    served_wiki,  # noqa: F401
)
