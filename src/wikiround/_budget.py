"""A time budget for one document of a batch, and the calls it must not interrupt.

The budget is an interval timer whose signal raises :class:`OverBudget` in the main
thread. mwparserfromhell's C tokenizer calls back into Python while it works, and an
exception raised there leaves it broken (the next page crashes the process): so the
tokenizer runs :func:`shielded`, and a budget that runs out meanwhile is raised as soon
as the tokenizer returns.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

__all__ = ["OverBudget", "shielded", "time_budget"]


class OverBudget(BaseException):
    """The document took longer than its time budget. A BaseException, as
    KeyboardInterrupt is, so that no ``except Exception`` on the way swallows it."""


class _State:
    shielded = 0  # depth of shielded() calls
    expired = False  # the budget ran out inside one


def _expire(_signal: int, _frame: object) -> None:
    if _State.shielded:
        _State.expired = True
    else:
        raise OverBudget


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Run the body whole even if the budget runs out meanwhile; raise
    :class:`OverBudget` after it, then."""
    _State.shielded += 1
    try:
        yield
    finally:
        _State.shielded -= 1
    if not _State.shielded and _State.expired:
        _State.expired = False
        raise OverBudget


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the body once ``seconds`` have passed (no limit when
    None, where there are no interval timers, or off the main thread)."""
    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _State.expired = False
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _State.expired = False
