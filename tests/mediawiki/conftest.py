# The fixture and the skip-or-fail policy live in mediawiki_pytest so that the root
# conftest can register them for the whole suite; this makes them work for the tests in
# this folder on their own.
from mediawiki_pytest import mediawiki, pytest_runtest_setup, pytest_sessionfinish, served_wiki

__all__ = ["mediawiki", "pytest_runtest_setup", "pytest_sessionfinish", "served_wiki"]
