"""Messages the documentation quotes are the messages the program prints.

- Console transcripts (a fenced block whose first line is ``$ python -m wikiround …``)
  run as written, in a folder holding the files they name, and print what they show.
- Every row of the error table of docs/format.md is the message of a document that
  makes it.
- Messages quoted in the text of docs/cli.md are printed, word for word, by the
  command shown beside each here.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround import ParseError, parse_plaintext

ROOT = Path(__file__).parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ARTICLES = ROOT / "tests" / "data" / "articles"
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"

# The files the transcripts name, and what they hold.
FILES = {
    "article.txt": SEED.read_text(encoding="utf-8"),
    "bad.txt": "= José Serrano =\n\nJosé Serrano\n- Office 1\n",
    "page.txt": (ARTICLES / "wtf__Harry-McPherson.wiki").read_text(encoding="utf-8"),
    "Dan Quayle.wiki": (ARTICLES / "presidentthing__Dan_Quayle.wiki").read_text(encoding="utf-8"),
}


def _transcripts() -> list[pytest.ParameterSet]:
    found = []
    for path in DOCUMENTS:
        blocks = re.findall(
            r"^```\n(\$ python -m wikiround .*?)^```$", path.read_text("utf-8"), re.S | re.M
        )
        for index, block in enumerate(blocks):
            found.append(pytest.param(block, id=f"{path.name}-{index}"))
    return found


TRANSCRIPTS = _transcripts()


def test_transcripts_were_found() -> None:
    assert len(TRANSCRIPTS) >= 4


@pytest.mark.parametrize("block", TRANSCRIPTS)
def test_a_transcript_prints_what_it_shows(block: str, tmp_path: Path) -> None:
    command, *shown = block.splitlines()
    argv = shlex.split(command.removeprefix("$ "))
    assert argv[:3] == ["python", "-m", "wikiround"]
    for name in argv[3:]:
        if name in FILES:
            (tmp_path / name).write_text(FILES[name], encoding="utf-8")
        else:
            assert name.startswith("-") or not Path(name).suffix or "-o" in argv, name
    done = subprocess.run(
        [sys.executable, *argv[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
        check=False,
    )
    assert done.stderr.splitlines() == shown


# -- docs/format.md: the plain-text reader's errors ----------------------------------------

FORMAT_ERRORS = {
    "the document is empty; it must start with a title line '= Title ='": "",
    "expected the title line '= Title =' on line 1": "Text\n",
    "the title line needs one space inside each '=': '= Title ='": "=Title=\n",
    "the title is empty": "=  =\n",
    "the title must not start or end with whitespace": "=  T =\n",
    "expected ': ' after the key in '- Key: Value'": "= T =\n\nName\n- Office\n",
    "the key is empty in '- Key: Value'": "= T =\n\nName\n- : value\n",
    "the key must not start or end with whitespace": "= T =\n\nName\n-  Key : value\n",
    "parameter 'x' is given twice (first on line N)": "= T =\n\nName\n- Office: a\n- Office: b\n",
    "the infobox name is the line above the '- Key: Value' lines, not a 'Name' key": (
        "= T =\n\nName\n- Name: J\n"
    ),
    "expected '- Key: Value' or a blank line to end the infobox": (
        "= T =\n\nName\n- Office: a\ntext\n"
    ),
    "infobox line after the body started; the infobox must come right after the title": (
        "= T =\n\nText.\n\n- Office: a\n"
    ),
    "unbalanced heading: 2 '=' before the text, 3 after": "= T =\n\n==A===\n",
    "a level-1 heading '= … =' is only allowed as the title on line 1": "= T =\n\n= A =\n",
    "heading level 7 is too deep; levels go from 2 to 6": "= T =\n\n======= A =======\n",
    "a heading needs text between its '=' signs": "= T =\n\n====\n",
    "carriage return (CR) in the text; use LF line endings": "= T =\n\nA\rB\n",
    "control character U+0000 is not allowed": "= T =\n\nA\x00B\n",
    "lone surrogate U+D800 is not text": "= T =\n\nA\ud800B\n",
}


def _format_table() -> list[str]:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    table = text.split("## Errors", 1)[1].split("\n## ", 1)[0]
    messages = []
    for row in re.findall(r"^\| (`.*?) \|", table, re.M):
        messages.extend(re.findall(r"`([^`]+)`", row))
    return messages


def test_every_message_of_the_format_table_has_a_case() -> None:
    assert _format_table() == list(FORMAT_ERRORS)


@pytest.mark.parametrize("message", list(FORMAT_ERRORS))
def test_the_format_table_quotes_the_reader(message: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_plaintext(FORMAT_ERRORS[message])
    expected = message.replace("(first on line N)", "(first on line 4)")
    if message == "parameter 'x' is given twice (first on line N)":
        expected = "parameter 'office' is given twice (first on line 4)"
    assert raised.value.message == expected


# -- docs/cli.md: messages quoted in the text ---------------------------------------------------


def _cli(argv: list[str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
        check=False,
    )
    return done.stderr


@pytest.mark.parametrize(
    ("quoted", "files", "argv"),
    [
        (
            "wikiround: page.txt: warning: --title is for wikitext input; ignored for this "
            "plain-text input",
            {"page.txt": FILES["article.txt"]},
            ["page.txt", "--title", "T", "-o", "out.wiki"],
        ),
        (
            "FILE: not UTF-8 text (byte 0xe9 at offset 5)",
            {"FILE": "= T =\xe9"},
            ["FILE", "-f", "plain"],
        ),
        (
            "FILE: the document is empty; there is no wikitext to read",
            {"FILE": ""},
            ["FILE"],
        ),
        (
            "wikiround: converted 0 pages; passed over: 1 redirect",
            {
                "dump.xml": "<mediawiki><page><title>A</title><ns>0</ns><id>1</id><revision>"
                "<id>1</id><text>#REDIRECT [[B]]</text></revision></page></mediawiki>"
            },
            ["dump.xml", "-o", "out/"],
        ),
        (
            "wikiround: jane.wiki: links and formatting read as their text; to put edits back …",
            {"jane.wiki": "Jane [[Doe]] is a mayor.\n"},
            ["jane.wiki"],
        ),
        (
            "DUMP: a <page> without a <title>, <id>7</id> (at byte 163)",
            {
                "DUMP": "<mediawiki><page><title>A</title><ns>0</ns><id>1</id><revision>"
                "<text>a</text></revision></page><page><ns>0</ns><id>7</id><revision>"
                "<text>no title</text></revision></page></mediawiki>"
            },
            ["DUMP", "-o", "out/"],
        ),
    ],
    ids=["unused option", "not UTF-8", "empty", "redirect", "links", "no title"],
)
def test_cli_md_quotes_the_program(
    tmp_path: Path, quoted: str, files: dict[str, str], argv: list[str]
) -> None:
    cli_md = " ".join((ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split())
    assert f"`{quoted}`" in cli_md
    for name, content in files.items():
        data = content.encode("latin-1") if name == "FILE" and "\xe9" in content else None
        if data is None:
            (tmp_path / name).write_text(content, encoding="utf-8")
        else:
            (tmp_path / name).write_bytes(data)
    printed = " ".join(_cli(argv, tmp_path).split())
    assert quoted.removesuffix(" …") in printed
