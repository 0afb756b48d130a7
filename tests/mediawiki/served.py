"""A copy of the test wiki served over HTTP on the loopback interface, for bots.

``ServedWiki(folder)`` copies the wiki that setup.sh made (its own SQLite files, so the
oracle's wiki is never touched), imports the vendored dump of officeholder articles,
creates a bot account and a bot password with MediaWiki's maintenance scripts, and serves
it with PHP's built-in web server on 127.0.0.1 and a free port::

    with ServedWiki(tmp_path) as wiki:
        wiki.api({"action": "query", "meta": "siteinfo"})
        config = write_pywikibot_config(wiki, tmp_path / "pywikibot")
        run_python(script, config)

The server dies with the process that started it (``PR_SET_PDEATHSIG``), even when that
process is killed. Nothing here talks to any address but 127.0.0.1.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from oracle import HERE, _php_env, _require_home, _run_php

__all__ = [
    "BOT_APP",
    "BOT_NAME",
    "DUMP",
    "LOOPBACK",
    "ServedWiki",
    "run_python",
    "write_pywikibot_config",
]

LOOPBACK = "127.0.0.1"
ROOT = HERE.parent.parent
DUMP = ROOT / "tests" / "data" / "dumps" / "officeholders.xml"
BOT_NAME = "WikiroundBot"
BOT_APP = "wikiround"
BOT_GRANTS = "basic,editpage,highvolume"
FAMILY = "wikiround"
_START_ATTEMPTS = 5
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: the kernel sends SIGTERM to the server
    # when the test process ends, however it ends.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


# Proxies from the environment must never see requests meant for the loopback wiki.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServedWiki:
    """The served copy; ``close()`` (or leaving the ``with`` block) stops the server."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        *,
        home: Path | str | None = None,
        dump: Path | None = DUMP,
        timeout: float = 60.0,
    ) -> None:
        self.home = _require_home(home)
        self.folder = Path(folder).resolve()
        self.timeout = timeout
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.bot_password = secrets.token_hex(16)  # bot passwords are 32 characters
        self.token = secrets.token_hex(8)  # router.php sends it back with every answer
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.home / "data", self.data)
        if dump is not None:
            self.maintenance("importDump.php", str(dump))
        self.maintenance("createAndPromote.php", "--bot", BOT_NAME, secrets.token_hex(16))
        self.maintenance(
            "createBotPassword.php",
            "--appid",
            BOT_APP,
            "--grants",
            BOT_GRANTS,
            BOT_NAME,
            self.bot_password,
        )
        self._start()

    # --- maintenance scripts and the server -----------------------------------------
    def _env(self) -> dict[str, str]:
        env = _php_env(self.home, self.data)
        if self.port:
            env["WIKIROUND_MEDIAWIKI_SERVER"] = self.url
            env["WIKIROUND_SERVED_TOKEN"] = self.token
        return env

    def maintenance(self, script: str, *args: str) -> str:
        """Run one of MediaWiki's maintenance scripts on this copy; its output."""
        path = self.home / "mediawiki" / "maintenance" / script
        return _run_php([str(path), *args], self._env(), self.timeout)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/w/api.php"

    def _start(self) -> None:
        problems = []
        for _ in range(_START_ATTEMPTS):
            self.port = _free_port()
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    ["php", "-S", f"{LOOPBACK}:{self.port}", str(HERE / "router.php")],
                    cwd=self.folder,
                    env=self._env(),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    preexec_fn=_die_with_parent,
                )
            problem = self._wait_until_ready()
            if problem is None:
                return
            problems.append(problem)
            self.close()  # another process may have taken the port: try a new one
        raise RuntimeError(f"the served wiki did not start: {problems}\n{self._log_tail()}")

    def _wait_until_ready(self) -> str | None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                return f"php -S exited with {self.process.returncode}"
            try:
                with _OPENER.open(f"{self.api_url}?action=query&format=json", timeout=5) as answer:
                    served_by = answer.headers.get("X-Wikiround-Served")
            except OSError:
                time.sleep(0.1)
                continue
            if served_by != self.token:  # another server holds the port
                return f"port {self.port} is served by another process"
            return None
        return f"no answer on port {self.port} within {self.timeout} s"

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]
        except OSError:
            return ""

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> ServedWiki:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the API ---------------------------------------------------------------------
    def api(
        self, params: Mapping[str, str], *, post: bool = False, timeout: float | None = None
    ) -> dict[str, Any]:
        """One API request (anonymous); the decoded answer. API errors raise."""
        query = urllib.parse.urlencode({**params, "format": "json", "formatversion": "2"})
        if post:
            request = urllib.request.Request(self.api_url, data=query.encode())
        else:
            request = urllib.request.Request(f"{self.api_url}?{query}")
        with _OPENER.open(request, timeout=timeout or self.timeout) as answer:
            body = json.loads(answer.read().decode("utf-8"))
        if not isinstance(body, dict):
            raise RuntimeError(f"unexpected API answer: {body!r}")
        if "error" in body:
            raise RuntimeError(f"API error for {dict(params)}: {body['error']}")
        return body

    def revisions(self, title: str) -> list[dict[str, Any]]:
        """Every revision of a page, oldest first: revid, user, comment, content."""
        found: list[dict[str, Any]] = []
        params = {
            "action": "query",
            "prop": "revisions",
            "titles": title,
            "rvprop": "ids|user|comment|content",
            "rvslots": "main",
            "rvdir": "newer",
            "rvlimit": "50",
        }
        for _ in range(100):  # a page of the test wiki has far fewer revisions
            body = self.api(params, post=True)
            page = body["query"]["pages"][0]
            for revision in page.get("revisions", []):
                found.append(
                    {
                        "revid": revision["revid"],
                        "user": revision.get("user", ""),
                        "comment": revision.get("comment", ""),
                        "text": revision["slots"]["main"]["content"],
                    }
                )
            if "continue" not in body:
                return found
            params = {**params, **body["continue"]}
        raise RuntimeError(f"too many revisions of {title!r}")

    def save(self, title: str, text: str, summary: str) -> int:
        """Save a page as an anonymous user (no bot involved); the new revision's id."""
        token = self.api({"action": "query", "meta": "tokens"})["query"]["tokens"]["csrftoken"]
        body = self.api(
            {"action": "edit", "title": title, "text": text, "summary": summary, "token": token},
            post=True,
        )
        if body["edit"].get("result") != "Success":
            raise RuntimeError(f"could not save {title!r}: {body['edit']}")
        return int(body["edit"]["newrevid"])

    def text(self, title: str) -> str:
        return str(self.revisions(title)[-1]["text"])


def write_pywikibot_config(wiki: ServedWiki, folder: str | os.PathLike[str]) -> Path:
    """A throwaway pywikibot config folder (give it as PYWIKIBOT_DIR) for ``wiki``.

    The family is generated by pywikibot from the API address alone; the bot logs in with
    its bot password. Throttles are off (one local bot), and a failed request fails at
    once instead of being retried for minutes.
    """
    config = Path(folder)
    config.mkdir(parents=True, exist_ok=True)
    user_config = f"""\
family = {FAMILY!r}
mylang = {FAMILY!r}
family_files[{FAMILY!r}] = {wiki.api_url!r}
usernames[{FAMILY!r}][{FAMILY!r}] = {BOT_NAME!r}
password_file = 'user-password.py'
put_throttle = 0
minthrottle = 0
maxthrottle = 1
max_retries = 0
socket_timeout = (5, 120)
"""
    password = f"({BOT_NAME!r}, BotPassword({BOT_APP!r}, {wiki.bot_password!r}))\n"
    for name, text in (("user-config.py", user_config), ("user-password.py", password)):
        path = config / name
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)  # pywikibot refuses a password file others can read
    return config


def run_python(
    script: str | os.PathLike[str],
    config: Path,
    args: Sequence[str] = (),
    *,
    timeout: float = 300.0,
    home: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a Python script with pywikibot configured by ``config``, allowed to connect
        only to the loopback interface (see loopback_only.py), optionally with another home
    folder. Never waits past ``timeout``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy") and key != "PYWIKIBOT_NO_USER_CONFIG"
    }
    env["PYWIKIBOT_DIR"] = str(config)
    if home is not None:
        env["HOME"] = str(home)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return subprocess.run(
        [sys.executable, str(HERE / "loopback_only.py"), str(script), *args],
        cwd=config,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
