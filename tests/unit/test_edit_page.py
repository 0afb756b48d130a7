"""wikiround.bots.edit_page with a stand-in for pywikibot's Page: what is saved, what is
only shown, what is skipped; and wikiround importable without pywikibot."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import attrs
import pytest

from wikiround import Article, LossyResult
from wikiround.bots import Outcome, PageEdit, edit_page, wikitext_diff
from wikiround.errors import ModelError

ORIGINAL = """\
{{Infobox officeholder
| name       = Jane Roe
| office     = [[Governor of Texas|Governor]]
| term_start = March 4, 1901<ref>Gazette.</ref>
}}
'''Jane Roe''' was a [[Texas]] politician.

[[Category:Governors]]
"""


class FakePage:
    """The part of pywikibot's Page that edit_page uses; records every save."""

    def __init__(self, text: str, title: str = "Jane Roe") -> None:
        self.text = text
        self._title = title
        self.saves: list[tuple[str, dict[str, Any]]] = []

    def title(self) -> str:
        return self._title

    def save(self, *args: Any, **kwargs: Any) -> None:
        assert not args
        self.saves.append((self.text, kwargs))


def _set(name: str, value: str) -> Any:
    def edit(read: LossyResult) -> Article:
        assert read.article.infobox is not None
        return attrs.evolve(read.article, infobox=read.article.infobox.with_value(name, value))

    return edit


def test_saves_only_the_edited_value() -> None:
    page = FakePage(ORIGINAL)
    result = edit_page(page, _set("term_start", "4 March 1901"), "Date style", save=True)
    expected = ORIGINAL.replace("March 4, 1901<ref>", "4 March 1901<ref>")
    assert result.outcome is Outcome.SAVED
    assert page.text == expected
    assert page.saves == [(expected, {"summary": "Date style", "minor": True, "bot": True,
                                      "quiet": True})]  # fmt: skip
    assert str(result) == "saved: Jane Roe (1 change)"
    assert [change.target for change in result.changes] == ["term_start"]
    assert result.diff == (
        "--- Jane Roe (current)\n+++ Jane Roe (edited)\n@@ -3,3 +3,3 @@\n"
        " | office     = [[Governor of Texas|Governor]]\n"
        "-| term_start = March 4, 1901<ref>Gazette.</ref>\n"
        "+| term_start = 4 March 1901<ref>Gazette.</ref>\n"
        " }}\n"
    )


def test_a_dry_run_shows_the_diff_and_saves_nothing() -> None:
    page = FakePage(ORIGINAL)
    result = edit_page(page, _set("term_start", "4 March 1901"), "Date style")
    assert result.outcome is Outcome.WOULD_SAVE
    assert "+| term_start = 4 March 1901<ref>Gazette.</ref>\n" in result.diff
    assert page.text == ORIGINAL and page.saves == []
    assert str(result) == "would save: Jane Roe (1 change)"


def test_nothing_to_do() -> None:
    page = FakePage(ORIGINAL)
    result = edit_page(page, lambda read: read.article, "Nothing", save=True)
    assert result == PageEdit("Jane Roe", Outcome.UNCHANGED)
    assert page.saves == [] and str(result) == "unchanged: Jane Roe"


def test_a_link_whose_text_changed_is_relabelled() -> None:
    page = FakePage(ORIGINAL)
    result = edit_page(page, _set("office", "President"), "Office", save=True)
    assert result.outcome is Outcome.SAVED
    assert "| office     = [[Governor of Texas|President]]\n" in page.text


def test_an_edit_that_cannot_be_placed_exactly_is_skipped() -> None:
    # Part of the date the template shows: a date template cannot show "March 4 x 1901".
    original = ORIGINAL.replace("March 4, 1901", "{{Start date|1901|3|4}}")
    page = FakePage(original)
    result = edit_page(page, _set("term_start", "March 4 x 1901"), "Office", save=True)
    assert result.outcome is Outcome.SKIPPED
    assert page.text == original and page.saves == []
    assert result.diff == ""
    assert result.reason and str(result) == f"skipped: Jane Roe: {result.reason}"
    assert "{{Start date|1901|3|4}}" in result.reason


def test_an_edit_that_raises_a_wikiround_error_is_skipped() -> None:
    def refused(read: LossyResult) -> Article:
        raise ModelError("Office.suffix", "no such office")

    page = FakePage(ORIGINAL)
    result = edit_page(page, refused, "Office", save=True)
    assert result.outcome is Outcome.SKIPPED
    assert result.reason == "Office.suffix: no such office"
    assert page.saves == []


def test_other_errors_of_the_edit_propagate() -> None:
    def broken(read: LossyResult) -> Article:
        raise KeyError("bug in the bot")

    with pytest.raises(KeyError):
        edit_page(FakePage(ORIGINAL), broken, "Office", save=True)


def test_wikitext_diff_of_a_last_line_without_line_break() -> None:
    assert wikitext_diff("T", "a\nb", "a\nc") == (
        "--- T (current)\n+++ T (edited)\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
    )
    assert wikitext_diff("T", "same", "same") == ""


def test_wikiround_imports_without_pywikibot() -> None:
    code = (
        "import sys\n"
        "sys.modules['pywikibot'] = None  # import pywikibot now fails\n"
        "import wikiround, wikiround.bots\n"
        "print(sorted(name for name in sys.modules if name.startswith('pywikibot')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "['pywikibot']\n"
