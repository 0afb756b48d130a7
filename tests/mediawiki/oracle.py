"""Offline MediaWiki oracle: MediaWiki's own parser, driven from the tests.

Set up once with ``bash tests/mediawiki/setup.sh`` (folder: ``$WIKIROUND_MEDIAWIKI``,
default ``${XDG_CACHE_HOME:-~/.cache}/wikiround-mediawiki``). Then::

    with MediaWiki() as mw:
        result = mw.parse("{{Infobox officeholder|name=A}}")
        result.call("Infobox officeholder").get("name")  # "A"

``Template:Infobox officeholder`` and ``Template:Infobox`` on that wiki record the
arguments they receive (values exactly as ``{{{name}}}`` gives them) and render nothing.
``parse(text, cells=True)`` also parses the text with those templates showing each value
in a table cell as Module:Infobox lays out a data cell, and gives what each cell shows.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = [
    "SETUP_COMMAND",
    "Argument",
    "Cell",
    "MediaWiki",
    "MediaWikiError",
    "MediaWikiTimeout",
    "MediaWikiUnavailable",
    "ParseResult",
    "TemplateCall",
    "default_home",
    "find_mediawiki",
    "import_dump",
    "mediawiki_problem",
]

HERE = Path(__file__).resolve().parent
SETUP_COMMAND = "bash tests/mediawiki/setup.sh"
_DB_NAME = "wikiround"
_STDERR_TAIL = 4000


class MediaWikiError(RuntimeError):
    """MediaWiki failed on a document, or its process failed."""


class MediaWikiTimeout(MediaWikiError):
    """MediaWiki took too long; its process was stopped."""


class MediaWikiUnavailable(MediaWikiError):
    """MediaWiki is not set up on this machine."""


@dataclass(frozen=True)
class Argument:
    name: str
    value: str
    positional: bool
    raw: str = field(default="", compare=False)
    """The argument's wikitext as written in the call (named ones trimmed)."""


@dataclass(frozen=True)
class Cell:
    """One argument's value as a Module:Infobox data cell shows it.

    The value goes in a ``<td>``, after a newline when it begins with ``*``, ``#``,
    ``:``, ``;``, ``{|`` or ``----`` (so that it can be a list, a table or a rule).
    """

    text: str
    """The cell's text content, entities decoded."""
    html: str
    elements: frozenset[str]
    """Names of the elements inside the cell (``ul``, ``pre``…)."""


@dataclass(frozen=True)
class TemplateCall:
    """One call of a recording template; args in order of first appearance."""

    template: str
    args: list[Argument]
    duplicates: list[str]
    cells: list[Cell] = field(default_factory=list, compare=False)
    """One cell per argument, in the order of ``args``; only with ``parse(cells=True)``."""

    def get(self, name: str) -> str | None:
        for arg in self.args:
            if arg.name == name:
                return arg.value
        return None

    @property
    def names(self) -> list[str]:
        return [arg.name for arg in self.args]

    def as_dict(self) -> dict[str, str]:
        return {arg.name: arg.value for arg in self.args}


@dataclass(frozen=True)
class ParseResult:
    source: str
    calls: list[TemplateCall]
    html: str
    text: str
    """Text content of ``html``: tags stripped, entities decoded."""
    warnings: list[str]
    categories: list[str]
    language_links: list[str]
    pst_changed: bool
    """Whether saving would change the text (the pre-save transform)."""
    pst_text: str

    @property
    def pst_changed_beyond_trailing_whitespace(self) -> bool:
        # Saving always strips trailing whitespace; this ignores that part.
        return self.pst_text != self.source.rstrip(" \t\n\r\0\x0b")  # PHP rtrim()

    def call(self, template: str) -> TemplateCall:
        """The only call of ``template`` (as named without its namespace)."""
        found = [c for c in self.calls if c.template == template]
        if len(found) != 1:
            raise LookupError(
                f"expected one call of {template!r}, found {len(found)}: {self.calls}"
            )
        return found[0]


def default_home() -> Path:
    configured = os.environ.get("WIKIROUND_MEDIAWIKI")
    if configured:
        return Path(configured).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "wikiround-mediawiki"


def mediawiki_problem(home: Path | None = None) -> str | None:
    """Why MediaWiki cannot be used, or None when it can."""
    home = default_home() if home is None else home
    if shutil.which("php") is None:
        return "php is not installed"
    needed = [
        ".ready",
        "mediawiki/maintenance/Maintenance.php",
        "conf/LocalSettings.php",
        f"data/{_DB_NAME}.sqlite",
        f"import-base/{_DB_NAME}.sqlite",
    ]
    for rel in needed:
        if not (home / rel).is_file():
            return f"MediaWiki is not set up in {home} ({rel} missing)"
    return None


def find_mediawiki() -> Path | None:
    """The folder of a usable MediaWiki set up by setup.sh, or None."""
    home = default_home()
    return None if mediawiki_problem(home) else home.resolve()


def _require_home(home: Path | str | None) -> Path:
    path = default_home() if home is None else Path(home)
    problem = mediawiki_problem(path)
    if problem:
        raise MediaWikiUnavailable(f"{problem}; run: {SETUP_COMMAND}")
    return path.resolve()


def _php_env(home: Path, data: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        WIKIROUND_MEDIAWIKI=str(home),
        MW_INSTALL_PATH=str(home / "mediawiki"),
        MW_CONFIG_FILE=str(HERE / "settings.php"),
    )
    env.pop("WIKIROUND_MEDIAWIKI_DATA", None)
    if data is not None:
        env["WIKIROUND_MEDIAWIKI_DATA"] = str(data)
    return env


def _run_php(args: list[str], env: Mapping[str, str], timeout: float) -> str:
    try:
        done = subprocess.run(
            ["php", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise MediaWikiTimeout(f"php {' '.join(args)} took over {timeout} s") from exc
    if done.returncode != 0:
        raise MediaWikiError(
            f"php {' '.join(args)} exited with {done.returncode}:\n"
            f"{(done.stderr + done.stdout)[-_STDERR_TAIL:]}"
        )
    return done.stdout


def import_dump(
    path: str | os.PathLike[str],
    home: Path | str | None = None,
    *,
    timeout: float = 300.0,
    before: Iterable[str | os.PathLike[str]] = (),
) -> dict[str, str]:
    """Import a MediaWiki XML export with importDump.php; current wikitext by title.

    Each call imports into a fresh, empty copy of the database, so only the dump's
    pages come back and calls never see each other's pages. Titles are as MediaWiki
    normalises them (``Talk:Foo bar``). ``before`` are exports imported first, in order,
    into the same copy (pages that are there already when ``path`` is imported).
    """
    root = _require_home(home)
    dumps = [Path(dump).resolve() for dump in (*before, path)]
    for dump in dumps:
        if not dump.is_file():
            raise FileNotFoundError(dump)
    with tempfile.TemporaryDirectory(prefix="wikiround-import-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(root / "import-base", data)
        env = _php_env(root, data)
        for dump in dumps:
            _run_php(
                [str(root / "mediawiki/maintenance/importDump.php"), "--no-updates", str(dump)],
                env,
                timeout,
            )
        out = _run_php([str(HERE / "oracle.php"), "--dump-pages"], env, timeout)
    pages = json.loads(out)
    if not isinstance(pages, dict):
        raise MediaWikiError(f"unexpected page dump: {out[:200]!r}")
    return {str(title): str(text) for title, text in pages.items()}


def _cells(raw: dict[str, Any], call: int, count: int) -> list[Cell]:
    if raw.get("cells") is None:
        return []
    found = {
        int(cell["argument"]): Cell(
            str(cell["text"]), str(cell["html"]), frozenset(map(str, cell["elements"]))
        )
        for cell in raw["cells"]
        if int(cell["call"]) == call
    }
    if sorted(found) != list(range(count)):
        raise MediaWikiError(f"call {call}: expected {count} cells, found {sorted(found)}")
    return [found[index] for index in range(count)]


def _to_result(source: str, raw: dict[str, Any]) -> ParseResult:
    calls = [
        TemplateCall(
            template=str(call["template"]),
            args=[Argument(str(n), str(v), bool(p), str(r)) for n, v, p, r in call["args"]],
            duplicates=[str(d) for d in call["duplicates"]],
            cells=_cells(raw, index, len(call["args"])),
        )
        for index, call in enumerate(raw["calls"])
    ]
    return ParseResult(
        source=source,
        calls=calls,
        html=str(raw["html"]),
        text=str(raw["text"]),
        warnings=[str(w) for w in raw["warnings"]],
        categories=[str(c) for c in raw["categories"]],
        language_links=[str(link) for link in raw["language_links"]],
        pst_changed=bool(raw["pst_changed"]),
        pst_text=str(raw["pst_text"]),
    )


class MediaWiki:
    """One long-running PHP process parsing documents with MediaWiki's parser.

    Each document gets a fresh parser with anonymous-user options. The process is
    started on first use and started again if it has died.
    """

    def __init__(
        self,
        home: Path | str | None = None,
        *,
        timeout: float = 60.0,
        data: Path | str | None = None,
    ) -> None:
        self.home = _require_home(home)
        self.timeout = timeout
        # Another copy of the SQLite data folder (a served wiki's) to read pages from.
        self.data = None if data is None else Path(data)
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._buffer = b""

    def __enter__(self) -> MediaWiki:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self._buffer = b""

    def _start(self) -> subprocess.Popen[bytes]:
        self.close()
        # A file, not a pipe: PHP must never block on a full stderr pipe.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._proc = subprocess.Popen(
            ["php", str(HERE / "oracle.php")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=_php_env(self.home, self.data),
        )
        return self._proc

    def _stderr_since(self, offset: int) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(offset)
        text = self._stderr.read().decode("utf-8", "replace")
        self._stderr.seek(0, os.SEEK_END)
        return text[-_STDERR_TAIL:]

    def _fail(self, message: str, offset: int, timeout: bool = False) -> MediaWikiError:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        stderr = self._stderr_since(offset).strip()
        self.close()
        detail = f"{message}\nPHP stderr:\n{stderr}" if stderr else message
        return (MediaWikiTimeout if timeout else MediaWikiError)(detail)

    def _read_line(self, proc: subprocess.Popen[bytes], deadline: float, offset: int) -> bytes:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._fail(f"no answer within {self.timeout} s", offset, timeout=True)
                if not selector.select(remaining):
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    code = proc.wait()
                    raise self._fail(f"PHP process ended (exit code {code})", offset)
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _request(self, request: dict[str, Any]) -> dict[str, Any]:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            proc = self._start()
        assert proc.stdin is not None and self._stderr is not None
        offset = self._stderr.seek(0, os.SEEK_END)
        deadline = time.monotonic() + self.timeout
        try:
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()
        except OSError as exc:
            raise self._fail(f"could not send to PHP: {exc}", offset) from exc
        line = self._read_line(proc, deadline, offset)
        try:
            answer = json.loads(line)
        except ValueError as exc:
            raise self._fail(
                f"PHP wrote something that is not JSON: {line[:300]!r}", offset
            ) from exc
        if not isinstance(answer, dict):
            raise self._fail(f"unexpected answer: {line[:300]!r}", offset)
        if "error" in answer:
            stderr = self._stderr_since(offset).strip()
            raise MediaWikiError(f"MediaWiki failed: {answer['error']}\n{stderr}".rstrip())
        return answer

    def parse(
        self, text: str, title: str = "Test page", *, cells: bool = False, pst: bool = True
    ) -> ParseResult:
        """Parse ``text``; with ``cells``, also render the recording templates' cells.
        With ``pst=False`` the pre-save transform is not worked out (a third quicker):
        ``pst_text`` is then ``text``."""
        request: dict[str, Any] = {"title": title, "text": text}
        if cells:
            request["cells"] = True
        if not pst:
            request["pst"] = False
        return _to_result(text, self._request(request))

    def parse_many(self, texts: Iterable[str], title: str = "Test page") -> list[ParseResult]:
        return [self.parse(text, title) for text in texts]

    def import_dump(
        self, path: str | os.PathLike[str], *, before: Iterable[str | os.PathLike[str]] = ()
    ) -> dict[str, str]:
        return import_dump(path, self.home, before=before)
