"""The bot recipe of docs/bots.md, run as written with pywikibot against the served wiki:
a dry run, a run that saves, and a second run; MediaWiki itself judges the edits."""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from oracle import MediaWiki
from served import BOT_NAME, ServedWiki, run_python, write_pywikibot_config

from wikiround.dates import DateStyle, format_date, parse_date

ROOT = Path(__file__).parent.parent.parent
DOC = ROOT / "docs" / "bots.md"
sys.path.insert(0, str(ROOT / "tests" / "data" / "dumps"))
from make_officeholders import PAGES  # noqa: E402

pytestmark = pytest.mark.mediawiki

# Besides the vendored articles, one page made up here on which the recipe's edit cannot be
# placed cleanly: its start date is a template that shows the date in the other style.
CONSTRUCTED = "Wikiround test page (templated term date)"
CONSTRUCTED_TEXT = """\
{{Use dmy dates|date=May 2020}}
{{Infobox officeholder
| name       = Jane Roe
| office     = Mayor of Springfield
| term_start = {{Start date|1837|3|4}}
| term_end   = March 4, 1841
}}
'''Jane Roe''' was a mayor.<ref>Springfield Gazette, 1841.</ref>

[[Category:Mayors]]
"""
TITLES = [*(title for title, _ in PAGES), CONSTRUCTED]
INFOBOX_PAGES = {title for title in TITLES if title != "Anwar Kamal Khan"}
SUMMARY = "Infobox term dates in the article's date style ([[MOS:DATEUNIFY]])"
TERM_DATE = re.compile(r"term_(start|end)\d*")


def _fenced(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)


OUTCOMES = ("saved", "would save", "unchanged", "skipped")


def _pages(output: str, outcome: str) -> set[str]:
    """The pages of one outcome in a run's output: ``saved: TITLE (14 changes)``,
    ``unchanged: TITLE``, ``skipped: TITLE: reason``."""
    found = set()
    for line in output.splitlines():
        said, _, rest = line.partition(": ")
        if said == outcome:
            (title,) = [t for t in TITLES if rest == t or rest.startswith((f"{t} (", f"{t}: "))]
            found.add(title)
    return found


@dataclass
class BotRuns:
    revisions: dict[str, dict[str, list[dict[str, Any]]]]
    """Every page's revisions before the runs and after each: before, dry, saved, again."""
    output: dict[str, str]
    seconds: float

    def new(self, title: str, stage: str, since: str = "before") -> list[dict[str, Any]]:
        return self.revisions[stage][title][len(self.revisions[since][title]) :]

    def saved(self) -> set[str]:
        return _pages(self.output["saved"], "saved")

    def pair(self, title: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The revision before the bot's and the bot's revision."""
        (edit,) = self.new(title, "saved")
        return self.revisions["before"][title][-1], edit


@pytest.fixture(scope="module")
def bot_runs(served_wiki: ServedWiki, tmp_path_factory: pytest.TempPathFactory) -> BotRuns:
    (recipe,) = _fenced("py")
    folder = tmp_path_factory.mktemp("bot")
    script = folder / "term_dates.py"
    script.write_text(recipe, encoding="utf-8")
    config = write_pywikibot_config(served_wiki, folder / "pywikibot")

    def snapshot() -> dict[str, list[dict[str, Any]]]:
        return {title: served_wiki.revisions(title) for title in TITLES}

    home = folder / "home"  # pywikibot must leave the user's home folder alone
    home.mkdir()

    def run(*args: str) -> str:
        done = run_python(script, config, args, timeout=300, home=home)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "loopback_only: refused" not in done.stderr
        return done.stdout

    served_wiki.save(CONSTRUCTED, CONSTRUCTED_TEXT, "A page the recipe must skip")
    started = time.monotonic()
    revisions = {"before": snapshot()}
    output = {"dry": run()}
    revisions["dry"] = snapshot()
    output["saved"] = run("--save")
    revisions["saved"] = snapshot()
    output["again"] = run("--save")
    revisions["again"] = snapshot()
    assert list(home.iterdir()) == []
    return BotRuns(revisions, output, time.monotonic() - started)


def test_the_doc_has_one_recipe() -> None:
    (recipe,) = _fenced("py")
    assert "edit_page(" in recipe and "--save" in recipe


def test_the_dry_run_saves_nothing_and_shows_the_diff(bot_runs: BotRuns) -> None:
    assert bot_runs.revisions["dry"] == bot_runs.revisions["before"]
    assert "would save: Martin Van Buren (14 changes)" in bot_runs.output["dry"]
    (example,) = _fenced("text")
    assert bot_runs.output["dry"].startswith(example)


def test_every_page_using_the_infobox_is_visited(bot_runs: BotRuns) -> None:
    for stage in ("dry", "saved", "again"):
        visited = [_pages(bot_runs.output[stage], outcome) for outcome in OUTCOMES]
        assert set().union(*visited) == INFOBOX_PAGES, stage
        assert sum(map(len, visited)) == len(INFOBOX_PAGES), stage  # each page once


def test_each_edited_page_has_exactly_one_new_revision(bot_runs: BotRuns) -> None:
    assert bot_runs.saved() == {"Martin Van Buren"}
    for title in TITLES:
        new = bot_runs.new(title, "saved", since="dry")
        if title in bot_runs.saved():
            assert len(new) == 1, title
            assert new[0]["user"] == BOT_NAME
            assert new[0]["comment"] == SUMMARY
        else:
            assert new == [], title


class _DiffCells(HTMLParser):
    """The text of the removed and added lines of MediaWiki's diff table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []
        self.added: list[str] = []
        self._into: list[str] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "td" and self._into is None:
            if "diff-deletedline" in classes:
                self._into = self.removed
            elif "diff-addedline" in classes:
                self._into = self.added
            if self._into is not None:
                self._into.append("")
                self._depth = 0
        elif tag == "td" and self._into is not None:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._into is not None:
            if self._depth:
                self._depth -= 1
            else:
                self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            # The diff keeps runs of spaces visible by making every other one a no-break space.
            self._into[-1] += data.replace("\xa0", " ")


def _infobox_arguments(parser: MediaWiki, text: str, title: str) -> list[tuple[str, str]]:
    call = parser.parse(text, title).call("Infobox officeholder")
    return [(argument.name, argument.value) for argument in call.args]


def _in_dmy(value: str) -> str:
    date = parse_date(value)
    assert date is not None and date.style is DateStyle.MDY and date.day is not None
    return format_date(date.year, date.month, date.day, day_first=True)


def test_mediawiki_parses_the_old_arguments_except_the_edited_ones(
    bot_runs: BotRuns, served_wiki: ServedWiki
) -> None:
    with MediaWiki(data=served_wiki.data) as parser:
        for title in bot_runs.saved():
            old, new = bot_runs.pair(title)
            before = _infobox_arguments(parser, old["text"], title)
            after = _infobox_arguments(parser, new["text"], title)
            assert [name for name, _ in after] == [name for name, _ in before]
            edited = 0
            for (name, was), (_, now) in zip(before, after, strict=True):
                if now != was:
                    edited += 1
                    assert TERM_DATE.fullmatch(name), name
                    assert now == _in_dmy(was)
            assert edited == 14


def test_mediawiki_diff_touches_only_the_edited_parameter_lines(
    bot_runs: BotRuns, served_wiki: ServedWiki
) -> None:
    for title in bot_runs.saved():
        old, new = bot_runs.pair(title)
        body = served_wiki.api(
            {"action": "compare", "fromrev": str(old["revid"]), "torev": str(new["revid"])}
        )
        cells = _DiffCells()
        cells.feed(body["compare"]["body"])
        assert len(cells.removed) == len(cells.added) == 14
        for removed, added in zip(cells.removed, cells.added, strict=True):
            name, equals, value = removed.partition("=")
            assert equals and TERM_DATE.fullmatch(name.strip(" |")), removed
            # The same line but for the value: name, padding and "=" untouched.
            assert added == f"{name}= {_in_dmy(value.strip())}"


def _parsed(served_wiki: ServedWiki, revid: int) -> dict[str, Any]:
    prop = "links|templates|categories|langlinks|externallinks|images|sections|text"
    return served_wiki.api({"action": "parse", "oldid": str(revid), "prop": prop}, post=True)[
        "parse"
    ]


def test_no_link_template_category_or_reference_is_lost(
    bot_runs: BotRuns, served_wiki: ServedWiki
) -> None:
    for title in bot_runs.saved():
        old, new = (_parsed(served_wiki, r["revid"]) for r in bot_runs.pair(title))
        for prop in ("links", "templates", "categories", "langlinks", "externallinks", "images"):
            assert new[prop] == old[prop], prop
        for prop in ("links", "templates", "categories", "externallinks"):
            assert old[prop], prop  # the comparison compared something
        assert [s["line"] for s in new["sections"]] == [s["line"] for s in old["sections"]]
        notes = re.compile(r'<a href="#cite_note-[^"]*"')  # one per <ref> in the text
        assert notes.findall(new["text"]) == notes.findall(old["text"]) != []


def test_a_page_the_edit_cannot_be_placed_on_is_skipped_and_listed(bot_runs: BotRuns) -> None:
    for stage in ("dry", "saved", "again"):
        lines = bot_runs.output[stage].splitlines()
        (skipped,) = [line for line in lines if line.startswith("skipped: ")]
        assert skipped == (
            f"skipped: {CONSTRUCTED}: the edit was refused, nothing was written: 5:16: "
            "cannot be placed exactly: template {{Start date|1837|3|4}} cannot show "
            "'4 March 1837' (in term_start)"
        )
        assert lines[-1] == f"1 skipped: {CONSTRUCTED}"
        # Nothing saved, not even the term_end the edit could have placed.
        assert bot_runs.new(CONSTRUCTED, stage) == []


def test_a_second_run_makes_no_edit(bot_runs: BotRuns) -> None:
    assert bot_runs.revisions["again"] == bot_runs.revisions["saved"]
    lines = bot_runs.output["again"].splitlines()
    unchanged = sorted(f"unchanged: {title}" for title in INFOBOX_PAGES - {CONSTRUCTED})
    assert sorted(line for line in lines if "skipped" not in line) == unchanged
