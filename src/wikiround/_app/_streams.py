"""The standard streams of the command line, as they may be: closed, full, or gone.

Messages go to standard error and nowhere else: when it is closed (``2>&-``) or full
they are lost and the work goes on; they never fall back to standard output, which may
hold data. A closed or failing standard output or input is a failure named as such
(``standard output: cannot write: No space left on device``), never the input's.

A standard stream closed when the command starts leaves its file descriptor free, and
the next file opened would take it: an output file that became descriptor 2 would
receive every message. :func:`plug_closed` puts ``/dev/null`` there first.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import TextIO

from wikiround._app._convert import Failure, read_at_most
from wikiround._text import printable

__all__ = [
    "STDIN",
    "STDOUT",
    "cannot_read",
    "cannot_write_stdout",
    "plug_closed",
    "read_stdin",
    "say",
    "silence_stdout",
    "stdout",
]

STDOUT = "standard output"
STDIN = "standard input"


def plug_closed() -> None:
    """Open ``/dev/null`` on each of descriptors 0, 1 and 2 that is closed. Python has
    already made the matching ``sys.stdin``, ``sys.stdout`` or ``sys.stderr`` None, which
    is how the rest of the command line knows the stream was closed."""
    for descriptor, flags in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(descriptor)
            continue
        except OSError:
            pass
        try:
            null = os.open(os.devnull, flags)
        except OSError:
            return
        if null != descriptor:
            os.dup2(null, descriptor)
            os.close(null)


def say(line: str) -> None:
    """A line on standard error, with the control characters of quoted input escaped;
    lost when standard error is closed or cannot be written."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(printable(line) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def stdout() -> TextIO:
    """``sys.stdout``; an :class:`OSError` (``Bad file descriptor``) when standard output
    was closed at start."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    return sys.stdout


def cannot_write_stdout(error: OSError) -> str:
    """The message for standard output that cannot be written."""
    return f"{STDOUT}: cannot write: {error.strerror or error}"


def cannot_read(error: OSError) -> Failure:
    """The failure for standard input that cannot be read."""
    return Failure(f"{STDIN}: cannot read: {error.strerror or error}")


def read_stdin(stdin: TextIO | None, limit: int) -> bytes:
    """All of standard input, up to ``limit`` bytes (see
    :func:`~wikiround._app._convert.read_at_most`); a :class:`Failure` naming standard
    input when it is closed or cannot be read."""
    try:
        if stdin is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return read_at_most(stdin.buffer, limit, "-")
    except OSError as error:
        raise cannot_read(error) from None


def silence_stdout() -> None:
    """Point descriptor 1 at ``/dev/null``, so that what is left in Python's buffer for
    standard output (after a closed pipe or a full disk) is not written, nor complained
    about, when Python flushes it at exit."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
