"""Worker processes that stop with the process that started them.

A worker waits for work on a queue that nothing closes when its parent is killed
(``kill -9``): without a lifeline it would wait forever. On Linux the kernel sends the
worker SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a thread
checks once a second that the parent is still the same process. SIGTERM ends a worker
as an exception would, so a file it was writing is removed, not left half written.
Ctrl-C goes to the whole process group: workers ignore it and the parent stops them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import NoReturn

__all__ = ["signals_held", "worker_start"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_CHECK_EVERY = 1.0  # seconds


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while workers are started (they may be, by any
    submit): a worker inherits the held signals, so one that arrives before the worker
    has set itself up waits instead of killing it half started. Here they are delivered
    once the block ends."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def worker_start(parent: int) -> None:
    """Set up a worker process whose parent has process id ``parent``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if sys.platform.startswith("linux"):
        _ask_kernel()
    if os.getppid() != parent:  # the parent died before the lifeline was in place
        raise SystemExit(1)
    threading.Thread(target=_watch, args=(parent,), name="lifeline", daemon=True).start()


def _ask_kernel() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the thread below still watches


def _stop(signum: int, frame: FrameType | None) -> NoReturn:
    raise SystemExit(128 + signum)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_CHECK_EVERY)
    os.kill(os.getpid(), signal.SIGTERM)
