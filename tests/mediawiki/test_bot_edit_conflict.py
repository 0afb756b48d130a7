"""wikiround.bots.edit_page against the served wiki when someone else saves the page
between the bot's read and its save: nothing is overwritten, and a conflict is reported.

The bot (pywikibot, logged in as the test wiki's bot) reads the page; its edit function,
called between the read and the save, has an anonymous editor save the page first.
MediaWiki itself judges: edit_page saves against the revision it read, so MediaWiki
either merges the two edits (they touch different lines) or refuses the bot's save as
an edit conflict (the same line), which edit_page reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from served import BOT_NAME, ServedWiki, run_python, write_pywikibot_config

pytestmark = pytest.mark.mediawiki

TEXT = """\
{{Infobox person
| name       = Jane Conflict
| office     = Mayor of Springfield
| term_start = March 4, 1901
| term_end   = March 4, 1905
}}
'''Jane Conflict''' was a mayor.<ref>Springfield Gazette, 1905.</ref>

She was born in Springfield.

[[Category:Mayors]]
"""

# Run with pywikibot configured for the served wiki: argv = title, API address, the
# line the other editor changes, and what it becomes.
SCRIPT = """\
import json
import sys
import urllib.parse
import urllib.request

import attrs
import pywikibot

from wikiround.bots import edit_page

title, api, old_line, new_line = sys.argv[1:5]


def post(params):
    data = urllib.parse.urlencode({**params, "format": "json", "formatversion": "2"})
    with urllib.request.urlopen(urllib.request.Request(api, data=data.encode())) as answer:
        return json.loads(answer.read().decode("utf-8"))


def someone_else_saves():
    # An anonymous editor saves the page between the bot's read and its save.
    token = post({"action": "query", "meta": "tokens"})["query"]["tokens"]["csrftoken"]
    page = post({"action": "query", "prop": "revisions", "titles": title,
                 "rvprop": "content", "rvslots": "main"})["query"]["pages"][0]
    text = page["revisions"][0]["slots"]["main"]["content"]
    assert old_line in text
    done = post({"action": "edit", "title": title, "token": token,
                 "text": text.replace(old_line, new_line), "summary": "Someone else"})
    assert done["edit"]["result"] == "Success", done


def edit(read):
    someone_else_saves()
    infobox = read.article.infobox.with_value("term_start", "4 March 1901")
    return attrs.evolve(read.article, infobox=infobox)


site = pywikibot.Site()
site.login()
result = edit_page(pywikibot.Page(site, title), edit, "Term dates", save=True)
print(json.dumps({"outcome": result.outcome.value, "line": str(result)}))
"""


def _run(served_wiki: ServedWiki, folder: Path, title: str, old: str, new: str) -> dict[str, str]:
    served_wiki.save(title, TEXT, "The page as the bot reads it")
    script = folder / "conflict.py"
    script.write_text(SCRIPT, encoding="utf-8")
    config = write_pywikibot_config(served_wiki, folder / "pywikibot")
    home = folder / "home"
    home.mkdir()
    done = run_python(script, config, [title, served_wiki.api_url, old, new], home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "loopback_only: refused" not in done.stderr
    answer: dict[str, str] = json.loads(done.stdout.splitlines()[-1])
    return answer


def test_a_change_of_the_same_line_since_the_read_is_a_conflict_not_overwritten(
    served_wiki: ServedWiki, tmp_path: Path
) -> None:
    title = "Wikiround test page (edit conflict, same line)"
    old, new = "| term_start = March 4, 1901", "| term_start = March 5, 1901"
    answer = _run(served_wiki, tmp_path, title, old, new)
    assert answer["outcome"] == "edit conflict", answer
    assert answer["line"].startswith(f"edit conflict: {title}: the page changed since it was read")
    revisions = served_wiki.revisions(title)
    # The page as read, then the other editor's revision; none by the bot.
    assert [r["comment"] for r in revisions][-2:] == [
        "The page as the bot reads it",
        "Someone else",
    ]
    assert all(r["user"] != BOT_NAME for r in revisions)
    assert revisions[-1]["text"].rstrip("\n") == TEXT.replace(old, new).rstrip("\n")


def test_a_change_elsewhere_since_the_read_is_kept(served_wiki: ServedWiki, tmp_path: Path) -> None:
    title = "Wikiround test page (edit conflict, another line)"
    old, new = "She was born in Springfield.", "She was born in Shelbyville."
    answer = _run(served_wiki, tmp_path, title, old, new)
    revisions = served_wiki.revisions(title)
    final = revisions[-1]["text"]
    # Nothing the other editor saved is overwritten: MediaWiki merged the two edits, or
    # refused the bot's as a conflict.
    assert new in final and old not in final
    if answer["outcome"] == "saved":
        assert revisions[-1]["user"] == BOT_NAME
        assert "| term_start = 4 March 1901" in final
    else:
        assert answer["outcome"] == "edit conflict", answer
        assert all(r["user"] != BOT_NAME for r in revisions)
