"""Edit pages of a live wiki from a bot: read, edit, apply onto the original, diff, save.

:func:`edit_page` takes a pywikibot ``Page`` (or any object with ``title()``, a ``text``
attribute and ``save(summary=…)``), a function that makes the edit on the page's lossy
read, and an edit summary. The edit is applied onto the page's own wikitext with
:func:`~wikiround.editing.apply_edit`, so everything it did not touch stays byte for byte;
a page where the edit cannot be placed cleanly is skipped, never saved half-done. The page
is saved against the revision it was read from, so that MediaWiki refuses the save as an
edit conflict when someone else changed the page in between; the page is then reported,
not overwritten.
pywikibot is not imported here: wikiround works without it. docs/bots.md has the recipe.

:func:`require_pywikibot_config`, called by a bot script before it imports pywikibot,
stops the script with one line when pywikibot has no configuration: pywikibot would
otherwise create ``~/.pywikibot`` and ``throttle.ctrl`` and go to a public test wiki.
"""

from __future__ import annotations

import difflib
import enum
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import attrs

from wikiround._text import lines_keeping_breaks
from wikiround.editing import Change, apply_edit
from wikiround.errors import WikiroundError
from wikiround.lossy import LossyResult, parse_wikitext_lossy
from wikiround.model import Article

__all__ = [
    "Outcome",
    "Page",
    "PageEdit",
    "edit_page",
    "pywikibot_config",
    "require_pywikibot_config",
    "wikitext_diff",
]


class Page(Protocol):
    """What :func:`edit_page` needs of a page; pywikibot's ``Page`` has it."""

    text: str

    def title(self) -> str: ...

    def save(self, *args: Any, **kwargs: Any) -> object: ...


class Outcome(str, enum.Enum):
    """What :func:`edit_page` did with a page."""

    SAVED = "saved"
    WOULD_SAVE = "would save"  # a dry run: the edit applies, nothing was saved
    UNCHANGED = "unchanged"  # the edit changes nothing on this page
    SKIPPED = "skipped"  # the edit cannot be placed cleanly; nothing was saved
    CONFLICT = "edit conflict"  # the page changed since it was read; nothing was saved


def _to_changes(value: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(value)


@attrs.frozen
class PageEdit:
    """The result for one page: the outcome, the diff of the wikitext (empty unless the
    edit applies), the changes :func:`~wikiround.editing.apply_edit` made or would make,
    and why a skipped page was skipped."""

    title: str
    outcome: Outcome
    diff: str = ""
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_to_changes)
    reason: str = ""

    def __str__(self) -> str:
        if self.outcome in (Outcome.SKIPPED, Outcome.CONFLICT):
            return f"{self.outcome.value}: {self.title}: {self.reason}"
        if self.outcome is Outcome.UNCHANGED:
            return f"{self.outcome.value}: {self.title}"
        count = len(self.changes)
        return f"{self.outcome.value}: {self.title} ({count} change{'s' if count != 1 else ''})"


def wikitext_diff(title: str, old: str, new: str, *, context: int = 1) -> str:
    """A unified diff of two versions of a page's wikitext ("" when they are equal)."""
    lines = difflib.unified_diff(
        lines_keeping_breaks(old),
        lines_keeping_breaks(new),
        fromfile=f"{title} (current)",
        tofile=f"{title} (edited)",
        n=context,
    )
    # A last line without a line break still ends its diff line.
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def edit_page(
    page: Page,
    edit: Callable[[LossyResult], Article],
    summary: str,
    *,
    save: bool = False,
    minor: bool = True,
) -> PageEdit:
    """Read ``page``, make ``edit`` on its lossy read, apply it onto the page's wikitext,
    and save it with ``summary`` when ``save`` is true (a dry run otherwise).

    ``edit`` gets the :class:`~wikiround.lossy.LossyResult` of the page (the article
    and the report of what the read left out, which names templates such as
    ``{{Use dmy dates}}``) and returns the edited article; returning the article
    unchanged means there is nothing to do. The page is skipped, and nothing saved, when
    the edit raises a :class:`~wikiround.errors.WikiroundError` or when it can only be
    applied by replacing markup or a whole element (a warning of
    :func:`~wikiround.editing.apply_edit`). Saving is pywikibot's ``page.save`` (as a bot
    edit) against the revision the text was read from (``baserevid``, for a page that
    has one): when someone else saved the page in
    between, MediaWiki merges the two edits where they touch different lines, and
    otherwise refuses the save as an edit conflict; the page is then reported with
    :attr:`Outcome.CONFLICT`, nothing overwritten. Other errors of ``page.save`` (a
    protected page) propagate.
    """
    title = page.title()
    original = page.text
    base = _base_revision(page)
    read = parse_wikitext_lossy(original, title=title)
    try:
        edited = edit(read)
        if edited == read.article:
            return PageEdit(title, Outcome.UNCHANGED)
        result = apply_edit(original, edited, title=title)
    except WikiroundError as error:
        return PageEdit(title, Outcome.SKIPPED, reason=str(error))
    if result.warnings:
        reason = "; ".join(str(change) for change in result.warnings)
        return PageEdit(title, Outcome.SKIPPED, changes=result.changes, reason=reason)
    if result.wikitext == original:
        return PageEdit(title, Outcome.UNCHANGED)
    diff = wikitext_diff(title, original, result.wikitext)
    if not save:
        return PageEdit(title, Outcome.WOULD_SAVE, diff, result.changes)
    page.text = result.wikitext
    try:
        page.save(summary=summary, minor=minor, bot=True, quiet=True, **base)
    except Exception as error:
        if not _is_edit_conflict(error):
            raise
        page.text = original
        reason = f"the page changed since it was read, nothing was saved ({error})"
        return PageEdit(title, Outcome.CONFLICT, diff, result.changes, reason=reason)
    return PageEdit(title, Outcome.SAVED, diff, result.changes)


def _base_revision(page: Page) -> dict[str, Any]:
    """What ``page.save`` is given to save against the revision ``page.text`` was read
    from: its id, where the page has one (pywikibot's does). The base timestamp is then
    left out (None: pywikibot sends none of its own): given both, MediaWiki 1.39 takes a
    change another editor saved within the same second as the base for no conflict
    (EditPage::userWasLastToEdit compares timestamps), and the save overwrites it."""
    revision_id = getattr(page, "latest_revision_id", None)
    if isinstance(revision_id, int):
        return {"baserevid": revision_id, "basetimestamp": None}
    timestamp = getattr(getattr(page, "latest_revision", None), "timestamp", None)
    return {} if timestamp is None else {"basetimestamp": timestamp}


def _is_edit_conflict(error: Exception) -> bool:
    """Whether ``error`` is pywikibot's edit conflict (never importing pywikibot)."""
    exceptions = sys.modules.get("pywikibot.exceptions")
    conflict = getattr(exceptions, "EditConflictError", None)
    return isinstance(conflict, type) and isinstance(error, conflict)


# -- pywikibot's configuration, found without importing pywikibot ------------------------


def _config_name() -> str:
    """The name of pywikibot's configuration file: ``user-config.py``, or what a
    ``-config:NAME`` argument of the script says."""
    for argument in sys.argv[1:]:
        option, _, value = argument.partition(":")
        if option == "-config":
            return value if value.endswith(".py") else value + ".py"
    return "user-config.py"


def _home_folders() -> list[Path]:
    home = Path(os.path.expanduser("~"))
    if os.name == "nt":
        return [home / "AppData" / "Roaming" / name for name in ("Pywikibot", "pywikibot")]
    return [home / ".pywikibot"]


def _config_folders() -> list[tuple[str, Path]]:
    """Where pywikibot looks for its configuration, in its order, each with how a message
    names it: a ``-dir:`` argument alone, else ``PYWIKIBOT_DIR``, the current folder,
    ``PYWIKIBOT_DIR_PWB`` and the home folder's."""
    for argument in sys.argv[1:]:
        if argument.startswith("-dir:"):
            folder = Path(os.path.abspath(os.path.expanduser(argument.removeprefix("-dir:"))))
            return [(f"{folder} (given with -dir:)", folder)]
    folders = []
    if "PYWIKIBOT_DIR" in os.environ:
        folder = Path(os.path.abspath(os.environ["PYWIKIBOT_DIR"]))
        folders.append((f"PYWIKIBOT_DIR ({folder})", folder))
    folders.append(("the current folder", Path(os.path.abspath("."))))
    if "PYWIKIBOT_DIR_PWB" in os.environ:
        folder = Path(os.path.abspath(os.environ["PYWIKIBOT_DIR_PWB"]))
        folders.append((f"PYWIKIBOT_DIR_PWB ({folder})", folder))
    folders.extend((str(folder), folder) for folder in _home_folders())
    return folders


def pywikibot_config() -> Path | None:
    """The configuration file pywikibot will read (``user-config.py``), found where
    pywikibot looks for it, or None when there is none. pywikibot is not imported, and
    nothing is created."""
    name = _config_name()
    for _, folder in _config_folders():
        if (folder / name).exists():
            return folder / name
    return None


def require_pywikibot_config() -> Path:
    """For a bot script, before it imports pywikibot: the configuration file pywikibot
    will read, or stop the script (``SystemExit``, status 1) with one line that says what
    to configure.

    Without a configuration, importing pywikibot creates ``~/.pywikibot`` and its first
    request goes to a public test wiki, which leaves ``throttle.ctrl`` behind and, offline,
    ends in a ``ConnectionError`` traceback.
    """
    found = pywikibot_config()
    if found is not None:
        return found
    places = [place for place, _ in _config_folders()]
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " or " + places[-1]
    if "PYWIKIBOT_DIR" not in os.environ and len(places) > 1:
        where += ", and PYWIKIBOT_DIR is not set"
    script = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "wikiround"
    raise SystemExit(
        f"{script}: pywikibot is not configured: no {_config_name()} in {where}; create "
        "one for your wiki and bot account first (pwb generate_user_files, or see the "
        "pywikibot manual)"
    )
