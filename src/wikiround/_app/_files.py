"""Files of the command line: writing one output safely, and telling a dump from a
document. Apart from the batch engine (:mod:`._batch`, which uses them too), so that
converting one file does not load it."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from wikiround._app._convert import format_of_name

if TYPE_CHECKING:
    from wikiround.lossy import Dropped

__all__ = [
    "XML",
    "cannot_write",
    "give_mode",
    "is_dump",
    "not_regular",
    "remove_temporaries",
    "report_line",
    "write_atomically",
    "write_if_changed",
]

# The MediaWiki XML format: dumps in, an import file (export-0.11) out.
XML = "xml"


def cannot_write(output: str, error: OSError) -> str:
    """The message for an output that could not be written."""
    return f"{output}: cannot write: {error.strerror or error}"


def write_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so the file
    is either absent, as it was, or complete: the temporary file is on disk (``fsync``)
    before it is renamed into place, so that a power cut cannot leave an empty file
    there. A new file gets the mode the umask gives; a file written over keeps its
    mode. A device, FIFO or socket there (``/dev/null``, ``/dev/stdout``, a pipe) is
    written into as it is: renamed onto, it would be replaced by a file."""
    target = Path(path)
    if not_regular(target):
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        return
    directory = target.parent if str(target.parent) else Path(".")
    # The process id in the name: a process killed while writing leaves its temporary
    # file, and the one that killed it knows which to remove (remove_temporaries()).
    prefix = f".{target.name}.{os.getpid()}."
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            give_mode(stream.fileno(), target)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_if_changed(path: str | Path, text: str) -> bool:
    """:func:`write_atomically`, unless ``path`` already holds ``text`` exactly (then the
    file is left alone: same inode, same modification time). True when written."""
    data = text.encode("utf-8")
    try:
        # A regular file of the same size only: reading a FIFO or a device could wait,
        # or never end.
        found = os.stat(path)
        if stat.S_ISREG(found.st_mode) and found.st_size == len(data):
            with open(path, "rb") as existing:
                if existing.read(len(data) + 1) == data:
                    return False
    except OSError:
        pass  # not there, or not readable: written as usual
    write_atomically(path, text)
    return True


def remove_temporaries(path: str | Path, pid: int) -> None:
    """Remove the temporary files that process ``pid`` left while writing ``path`` with
    :func:`write_atomically` (it was killed)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    for left in directory.glob(f".{glob.escape(target.name)}.{pid}.*.tmp"):
        left.unlink(missing_ok=True)


def give_mode(handle: int, target: Path) -> None:
    """Give the open file ``handle`` (a temporary file, created 0600) the mode ``target``
    has, or the mode a new file gets under the umask when there is no ``target`` yet."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    if hasattr(os, "fchmod"):  # not on Windows, where files have no such mode
        os.fchmod(handle, mode)


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def is_dump(path: str) -> bool:
    """True when ``path`` is a MediaWiki XML dump (plain, ``.bz2`` or ``.gz``): by its
    extension, or by its first bytes when the extension is not a document's."""
    name = path.lower()
    if name.endswith((".xml", ".bz2", ".gz")):
        return True
    if not_regular(Path(path)):
        return False  # a FIFO could make us wait for ever
    if format_of_name(path) is not None:
        return False
    from wikiround import dumps  # only for a file that may be one

    try:
        with dumps.open_dump(path) as stream:
            head = stream.read(512)
    except (OSError, EOFError):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<mediawiki", b"<?xml"))


def not_regular(path: Path) -> str:
    """What ``path`` is when it exists and is not a regular file (``a FIFO``), else ``""``."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return ""  # missing or unreadable: the worker says so when it tries to read it
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def report_line(label: str, entry: Dropped) -> str:
    """``FILE:LINE:COL: KIND: DETAIL``: the library's line after ``FILE:``."""
    return f"{label}:{entry}"
