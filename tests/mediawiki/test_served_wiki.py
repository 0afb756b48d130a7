"""The served test wiki: PHP's built-in server on 127.0.0.1 with the officeholder dump
imported and a bot account, and pywikibot logging in, reading and saving against it."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import served
from oracle import MediaWiki
from served import BOT_NAME, HERE, LOOPBACK, ServedWiki, run_python, write_pywikibot_config

ROOT = Path(__file__).parent.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data" / "dumps"))
from make_officeholders import PAGES  # noqa: E402

pytestmark = pytest.mark.mediawiki

INFOBOX_PAGES = sorted(title for title, _ in PAGES if title != "Anwar Kamal Khan")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (IPv4 and IPv6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table, encoding="ascii") as rows:
            next(rows)
            for row in rows:
                local, state = row.split()[1], row.split()[3]
                address, _, hex_port = local.partition(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def test_the_dump_is_imported_and_linked(served_wiki: ServedWiki) -> None:
    body = served_wiki.api(
        {
            "action": "query",
            "list": "embeddedin",
            "eititle": "Template:Infobox officeholder",
            "einamespace": "0",
            "eilimit": "max",
        }
    )
    # Through the template itself and its three redirects; not the page without one.
    found = {page["title"] for page in body["query"]["embeddedin"]}
    # Other tests may add pages of their own; of the dump's, the eight with an infobox.
    assert found & {title for title, _ in PAGES} == set(INFOBOX_PAGES)
    for title, name in PAGES:
        vendored = (ROOT / "tests" / "data" / "articles" / name).read_text(encoding="utf-8")
        # The imported revision (later tests may edit the page).
        assert served_wiki.revisions(title)[0]["text"] == vendored, title


def test_the_bot_account_is_a_bot(served_wiki: ServedWiki) -> None:
    body = served_wiki.api({"action": "query", "list": "users", "ususers": BOT_NAME,
                            "usprop": "groups"})  # fmt: skip
    assert "bot" in body["query"]["users"][0]["groups"]


def test_the_server_listens_on_the_loopback_interface_only(served_wiki: ServedWiki) -> None:
    assert served_wiki.url.startswith(f"http://{LOOPBACK}:")
    assert _listening_addresses(served_wiki.port) == {"0100007F"}  # 127.0.0.1


@pytest.mark.parametrize(
    "path", ["/w/LocalSettings.php", "/w/includes/WebStart.php", "/etc/passwd", "/"]
)
def test_the_router_serves_entry_points_only(served_wiki: ServedWiki, path: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(served_wiki.url + path, timeout=30)
    assert refused.value.code == 404


def _pywikibot(served_wiki: ServedWiki, tmp_path: Path, code: str, *args: str) -> str:
    """Run ``code`` with pywikibot configured for the served wiki; its stdout. The run
    gets an empty home folder, which must stay empty."""
    config = write_pywikibot_config(served_wiki, tmp_path / "pywikibot")
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    done = run_python(script, config, args, timeout=120, home=home)
    assert done.returncode == 0, done.stderr
    assert "loopback_only: refused" not in done.stderr
    assert list(home.iterdir()) == []
    return done.stdout


def test_pywikibot_logs_in_reads_and_saves(served_wiki: ServedWiki, tmp_path: Path) -> None:
    title = "Anwar Kamal Khan"
    before = served_wiki.revisions(title)
    out = _pywikibot(
        served_wiki,
        tmp_path,
        """
        import pywikibot

        site = pywikibot.Site()
        site.login()
        print("user:", site.user())
        page = pywikibot.Page(site, "Anwar Kamal Khan")
        old = page.text
        page.text = old.replace("a Pakistani Politician.", "a Pakistani politician.", 1)
        assert page.text != old
        page.save(summary="Lower-case common noun", bot=True, quiet=True)
        print("saved:", page.latest_revision_id)
        """,
    )
    after = served_wiki.revisions(title)
    assert f"user: {BOT_NAME}" in out
    assert len(after) == len(before) + 1
    assert f"saved: {after[-1]['revid']}" in out
    assert after[-1]["user"] == BOT_NAME
    assert after[-1]["comment"] == "Lower-case common noun"
    expected = before[-1]["text"].replace("a Pakistani Politician.", "a Pakistani politician.", 1)
    assert after[-1]["text"] == expected


def test_only_the_loopback_interface_can_be_reached(
    served_wiki: ServedWiki, tmp_path: Path
) -> None:
    config = write_pywikibot_config(served_wiki, tmp_path / "pywikibot")
    script = tmp_path / "script.py"
    script.write_text(
        "import pywikibot\n"
        "print(pywikibot.Site().siteinfo['generator'])\n"
        "pywikibot.Site('en', 'wikipedia').siteinfo['generator']\n",
        encoding="utf-8",
    )
    done = run_python(script, config, timeout=120)
    assert done.stdout.startswith("MediaWiki 1.39")
    assert "loopback_only: refused name lookup of 'en.wikipedia.org'" in done.stderr
    assert done.returncode != 0


def test_the_server_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            f"sys.path.insert(0, {str(HERE)!r})\n"
            "from served import ServedWiki\n"
            f"wiki = ServedWiki({str(tmp_path / 'wiki')!r}, dump=None)\n"
            "print(wiki.process.pid, flush=True)\n"
            "time.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert starter.stdout is not None
        server = int(starter.stdout.readline())
        os.kill(server, 0)  # running
    finally:
        starter.send_signal(signal.SIGKILL)  # no clean-up code of the starter runs
        starter.wait()
        starter.stdout.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(server, signal.SIGKILL)
    pytest.fail(f"php -S (pid {server}) outlived the process that started it")


def test_the_parser_reads_the_served_pages_through_the_redirects(served_wiki: ServedWiki) -> None:
    text = served_wiki.text("Harry McPherson")
    with MediaWiki(data=served_wiki.data) as served_parser:
        call = served_parser.parse(text, "Harry McPherson").call("Infobox officeholder")
    assert call.get("name") == "Harry McPherson"
    with MediaWiki() as oracle_parser:  # the oracle's own wiki has no such redirect
        assert oracle_parser.parse(text, "Harry McPherson").calls == []


def test_a_port_held_by_another_server_is_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = http.server.HTTPServer((LOOPBACK, 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    taken = other.server_address[1]
    ports = iter([taken])
    free_port = served._free_port
    monkeypatch.setattr(served, "_free_port", lambda: next(ports, None) or free_port())
    try:
        with ServedWiki(tmp_path / "wiki", dump=None) as wiki:
            assert wiki.port != taken
            assert wiki.api({"action": "query", "meta": "siteinfo"})["query"]["general"]
    finally:
        other.shutdown()
        other.server_close()
