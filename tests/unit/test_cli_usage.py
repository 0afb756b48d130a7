"""Usage of the command line: usage errors, --help as it matches what the program does,
options that could not be used, and output names that say a format."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround._app._cli import main

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
REAL_ARTICLE = "Jane Doe is a politician.<ref>A</ref>\n\n[[Category:Politicians]]\n"
TRY = "Try 'wikiround --help' for more information.\n"


def _wikiround(
    argv: list[str], tmp_path: Path, *, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as installed (a console script named ``wikiround``), in a process."""
    script = tmp_path / "bin" / "wikiround"
    script.parent.mkdir(exist_ok=True)
    script.write_text("from wikiround._app._cli import main_entry\nmain_entry()\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, str(script), *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def _help() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"},
        timeout=60,
        check=True,
    )
    return done.stdout


# -- usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        ([], "the following arguments are required: FILE"),
        (["a.txt", "--bogus"], "unrecognized arguments: --bogus"),
        (["a.txt", "-f", "html"], "argument -f/--from: invalid choice: 'html' "),
        (["a.txt", "-j", "0"], "argument -j/--jobs: must be at least 1"),
        (["-", "a.txt"], "'-' (standard input) must be the only FILE"),
    ],
)
def test_a_usage_error_is_one_line_and_a_pointer_to_help(
    tmp_path: Path, argv: list[str], reason: str
) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    done = _wikiround(argv, tmp_path, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    first, second = done.stderr.splitlines(keepends=True)
    assert first.startswith(f"wikiround: error: {reason}"), done.stderr
    assert second == TRY
    assert "usage:" not in done.stderr


def test_the_pointer_to_help_names_the_program_as_it_was_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", "--bogus", "x.txt"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "wikiround: error: unrecognized arguments: --bogus\n"
        "Try 'python -m wikiround --help' for more information.\n"
    )


# -- --help as the program behaves -----------------------------------------------------------


def test_help_lists_every_exit_status() -> None:
    epilog = _help().split("exit status:", 1)[1]
    for status in ("0", "1", "2", "3", "130", "141", "143"):
        assert re.search(rf"\b{status}\b", epilog), status
    assert "SIGTERM" in epilog


def test_help_shows_the_report_line_as_it_is_printed(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (documented,) = re.findall(r"'(FILE:LINE:COL:[^']*)'", " ".join(_help().split()))
    assert documented == "FILE:LINE:COL: KIND: DETAIL"
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text(REAL_ARTICLE, encoding="utf-8")
    assert main([str(wiki), "--report", "-q"]) == 0
    lines = capfd.readouterr().err.splitlines()
    assert lines == [
        f"{wiki}:1:26: reference: <ref>",
        f"{wiki}:3:1: category: Category:Politicians",
    ]
    shape = re.compile(r"(.+):(\d+):(\d+): ([a-z ]+): (.+)")
    assert all(shape.fullmatch(line) for line in lines)


def _sections(help_text: str) -> dict[str, str]:
    """The help's option groups: heading -> the text under it."""
    sections: dict[str, str] = {}
    heading = ""
    for line in help_text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            heading = line[:-1]
            sections[heading] = ""
        elif heading:
            sections[heading] += line + "\n"
    return sections


def test_check_is_not_filed_under_wikitext_options(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    sections = _sections(_help())
    assert "--check" not in sections["reading wikitext"]
    assert "--check" in sections["options"]
    # ... since it checks every input format.
    assert main([str(SEED), "--check", "-o", str(tmp_path / "out.wiki")]) == 0
    json_file = tmp_path / "a.json"
    assert main([str(SEED), "--to", "json", "-o", str(json_file)]) == 0
    assert main([str(json_file), "--check", "-o", str(tmp_path / "b.wiki")]) == 0
    capfd.readouterr()


def test_help_lists_every_format_name_the_options_take(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    text = " ".join(_help().split())
    source = re.search(r"-f \{([a-z,]+)\}", text)
    target = re.search(r"-t \{([a-z,]+)\}", text)
    assert source is not None and target is not None
    assert set(source.group(1).split(",")) == {"plain", "wikitext", "mediawiki", "json"}
    assert set(target.group(1).split(",")) == {"plain", "wikitext", "mediawiki", "json", "xml"}
    for name in source.group(1).split(","):
        given = {"plain": SEED, "json": tmp_path / "a.json"}.get(name)
        if name == "json":
            assert main([str(SEED), "-t", "json", "-o", str(tmp_path / "a.json")]) == 0
        if given is None:
            given = tmp_path / "a.wiki"
            given.write_text(REAL_ARTICLE, encoding="utf-8")
        assert main([str(given), "-f", name, "--title", "T", "-o", str(tmp_path / "x")]) == 0, name
    capfd.readouterr()


# -- options that a run could not use ----------------------------------------------------------


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one-line reason of the usage error ``argv`` makes (and nothing written)."""
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    reason, pointer = err.splitlines()
    assert pointer.startswith("Try '") and pointer.endswith(" --help' for more information.")
    return reason


def test_diff_without_onto_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.wiki"
    reason = _usage_error([str(SEED), "--diff", "-o", str(out)], capsys)
    assert reason == "wikiround: error: --diff shows what --onto changes: it needs --onto PAGE"
    assert not out.exists()


def test_diff_with_an_output_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(REAL_ARTICLE, encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text("= page =\n\nJane Doe is a senator.\n", encoding="utf-8")
    out = tmp_path / "new.wiki"
    reason = _usage_error([str(edited), "--onto", str(page), "--diff", "-o", str(out)], capsys)
    assert reason == (
        "wikiround: error: --diff prints the diff on standard output, and writes no file: "
        "-o does not apply"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "flag"),
    [
        (["--with-template", "Infobox officeholder"], "--with-template"),
        (["--namespace", "0"], "--namespace"),
    ],
)
def test_dump_filters_without_a_dump_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str], flag: str
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    expected = (
        f"wikiround: error: {flag} chooses the pages of a dump, and no FILE is a dump "
        "(.xml, .xml.bz2, .xml.gz, .bz2, .gz)"
    )
    assert _usage_error([str(SEED), *option], capsys) == expected
    assert _usage_error([str(folder), *option, "-o", str(tmp_path / "out")], capsys) == expected
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "option",
    [
        ["--report"],
        ["--check"],
        ["--drop-lists"],
        ["--drop-tables"],
        ["--keep-reference-sections"],
        ["--template", "Infobox president"],
        ["--date-templates"],
        ["--with-template", "Infobox officeholder"],
        ["--namespace", "0"],
        ["--page-budget", "5"],
        ["--skip-existing"],
    ],
)
def test_options_that_onto_does_not_use_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(REAL_ARTICLE, encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text("= page =\n\nJane Doe is a senator.\n", encoding="utf-8")
    out = tmp_path / "new.wiki"
    reason = _usage_error([str(edited), "--onto", str(page), *option, "-o", str(out)], capsys)
    assert reason == (
        f"wikiround: error: {option[0]} does not apply to --onto, which applies an edit "
        "onto the page's wikitext"
    )
    assert not out.exists()


def test_the_page_budget_bounds_a_single_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seconds of work on any machine (a megabyte of references), against a tenth of one.
    slow = tmp_path / "slow.wiki"
    slow.write_text("a<ref>b</ref>" * 200_000, encoding="utf-8")
    out = tmp_path / "slow.txt"
    assert main([str(slow), "--page-budget", "0.1", "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"wikiround: error: {slow}: left out: took longer than the time budget of 0.1 s "
        "(--page-budget)\n"
    )
    assert not out.exists()
    assert main([str(SEED), "--page-budget", "5", "-o", str(tmp_path / "quick.wiki")]) == 0


# -- output names that say a format ----------------------------------------------------------

DUMP = ROOT / "tests" / "data" / "dumps" / "pywikibot_article-pear.xml"


@pytest.mark.parametrize("name", ["out.txt", "out.wiki", "out.json", "out.mediawiki"])
def test_a_dump_into_a_document_file_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / name
    reason = _usage_error([str(DUMP), "-o", str(out)], capsys)
    assert reason == (
        f"wikiround: error: -o {out}: a dump's pages go to a folder (-o DIR) or to JSON "
        "Lines (-o FILE.jsonl), not to one document file"
    )
    assert not out.exists()


def test_several_documents_into_a_document_file_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out.txt"
    reason = _usage_error([str(SEED), str(tmp_path / "b.txt"), "-o", str(out)], capsys)
    assert reason == (
        f"wikiround: error: -o {out}: several documents go to a folder (-o DIR) or to an "
        "import file (--to xml -o FILE.xml), not to one document file"
    )
    assert not out.exists()
    # A folder that happens to be named so is a folder.
    assert main([str(SEED), str(tmp_path / "b.txt"), "-o", f"{out}/"]) == 0
    assert sorted(path.name for path in out.iterdir()) == ["000_bb9d73b147c2a566.wiki", "b.wiki"]
    capsys.readouterr()


def test_json_lines_are_for_dumps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    reason = _usage_error([str(SEED), "-o", str(out)], capsys)
    assert reason == (
        f"wikiround: error: -o {out}: JSON Lines (.jsonl) are written for dumps; for one "
        "article write .json"
    )
    assert not out.exists()
    assert main([str(DUMP), "-o", str(out), "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["title"] == "Pear"


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("out.txt", "= José Serrano (Ecuadorian politician) =\n"),
        ("out.wiki", "{{Infobox officeholder\n"),
        ("out.mediawiki", "{{Infobox officeholder\n"),
        ("out.json", '{\n  "format": "wikiround-article",'),
        ("out.xml", '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/"'),
        ("OUT.JSON", '{\n  "format": "wikiround-article",'),
    ],
)
def test_the_output_extension_picks_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, starts: str
) -> None:
    out = tmp_path / name
    assert main([str(SEED), "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith(starts)
    capsys.readouterr()


def test_a_page_read_into_a_json_file_is_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text(REAL_ARTICLE, encoding="utf-8")
    out = tmp_path / "jane.json"
    assert main([str(wiki), "-o", str(out), "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Jane Doe"


@pytest.mark.parametrize(
    ("to", "name", "says", "writes"),
    [
        ("json", "out.txt", "plain text", "JSON"),
        ("plain", "out.wiki", "wikitext", "plain text"),
        ("wikitext", "out.json", "JSON", "wikitext"),
        ("xml", "out.txt", "plain text", "a MediaWiki import file"),
        ("json", "out.xml", "a MediaWiki import file", "JSON"),
    ],
)
def test_an_output_extension_that_contradicts_to_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], to: str, name: str, says: str, writes: str
) -> None:
    out = tmp_path / name
    reason = _usage_error([str(SEED), "--to", to, "-o", str(out)], capsys)
    assert reason == (
        f"wikiround: error: -o {out}: the name says {says}, and --to {to} writes {writes}"
    )
    assert not out.exists()


@pytest.mark.parametrize("name", ["import.xml.gz", "pages.jsonl.bz2", "a.wiki.gz"])
def test_compressed_output_names_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / name
    argv = [str(DUMP if ".jsonl" in name else SEED), "-o", str(out)]
    reason = _usage_error(argv, capsys)
    assert reason == (
        f"wikiround: error: -o {out}: output is not compressed; write it uncompressed and "
        "compress it after"
    )
    assert not out.exists()


def test_onto_writes_wikitext_whatever_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(REAL_ARTICLE, encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text("= page =\n\nJane Doe is a senator.\n", encoding="utf-8")
    out = tmp_path / "new.txt"
    reason = _usage_error([str(edited), "--onto", str(page), "-o", str(out)], capsys)
    assert reason == (
        f"wikiround: error: -o {out}: --onto writes the page's wikitext, and the name says "
        "plain text; name it .wiki"
    )
    assert not out.exists()


@pytest.mark.parametrize("option", [["--to", "xml"], ["-o", "import.xml"]])
def test_an_import_file_is_made_of_files_not_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    option: list[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    reason = _usage_error(["-", *option], capsys)
    assert reason == (
        "wikiround: error: --to xml makes an import file of FILEs: standard input ('-') is not read"
    )
    assert list(tmp_path.iterdir()) == []
