"""The command line, called through main() as a user would run it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround._app._cli import _parser, _prog, main

SEED = Path(__file__).parent.parent.parent / "seeds" / "000_bb9d73b147c2a566.txt"
GOLDEN = Path(__file__).parent.parent / "data" / "golden" / "seed.wiki"
TITLE = "José Serrano (Ecuadorian politician)"
REAL_ARTICLE = "Jane Doe is a politician.<ref>A</ref><ref name=b/>\n\n[[Category:Politicians]]\n"


class _Stdin(io.TextIOWrapper):
    pass


def _stdin(data: bytes) -> io.TextIOWrapper:
    return _Stdin(io.BytesIO(data), encoding="utf-8")


def test_plain_to_wikitext_on_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([str(SEED)]) == 0
    assert capfdbinary.readouterr().out == GOLDEN.read_bytes()


def test_wikitext_back_to_plain_is_identical(tmp_path: Path) -> None:
    wiki = tmp_path / "seed.wiki"
    plain = tmp_path / "out" / "seed.txt"
    plain.parent.mkdir()
    assert main([str(SEED), "-o", str(wiki)]) == 0
    assert main([str(wiki), "--title", TITLE, "-o", str(plain)]) == 0
    assert plain.read_bytes() == SEED.read_bytes()


def test_title_defaults_to_the_file_name(tmp_path: Path) -> None:
    wiki = tmp_path / f"{TITLE}.wiki"
    wiki.write_bytes(GOLDEN.read_bytes())
    out = tmp_path / "out.txt"
    assert main([str(wiki), "-o", str(out)]) == 0
    assert out.read_bytes() == SEED.read_bytes()


def test_stdin_and_crlf(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    data = SEED.read_bytes().replace(b"\n", b"\r\n")
    assert main(["-"], stdin=_stdin(data)) == 0
    assert capfdbinary.readouterr().out == GOLDEN.read_bytes()


def test_forced_formats(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([str(SEED), "--to", "plain"]) == 0
    assert capfdbinary.readouterr().out == SEED.read_bytes()


def test_template_option(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([str(SEED), "--template", "Infobox president"]) == 0
    assert capfdbinary.readouterr().out.startswith(b"{{Infobox president\n")


def test_parse_error_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("= T =\n\nName\n- Office 1\n", encoding="utf-8")
    out = tmp_path / "out.wiki"
    assert main([str(bad), "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"wikiround: error: {bad}:4:11: expected ': ' after the key in '- Key: Value'\n"
        "    - Office 1\n"
        "              ^\n"
    )
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]  # no temporary file left behind


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("= Jos\xe9 =\n".encode("latin-1"))
    assert main([str(bad)]) == 1
    assert (
        capsys.readouterr().err
        == f"wikiround: error: {bad}: not UTF-8 text (byte 0xe9 at offset 5)\n"
    )


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["/nonexistent/file.txt"]) == 1
    assert "No such file or directory" in capsys.readouterr().err


def test_never_overwrites_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    assert main([str(copy), "--to", "plain", "-o", str(copy)]) == 1
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert copy.read_bytes() == SEED.read_bytes()


def test_unwritable_model_is_an_error_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wiki = tmp_path / "T.wiki"
    wiki.write_text("{{Infobox officeholder|Name=x}}\n", encoding="utf-8")
    assert main([str(wiki), "--strict"]) == 1
    assert capsys.readouterr().err == (
        f"wikiround: error: {wiki}: cannot convert to plain: Parameter.name: 'Name' has no "
        "plain-text key: 'Name' reads back as a different name\n"
    )


def test_lossy_read_by_default_with_a_summary(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text(REAL_ARTICLE, encoding="utf-8")
    assert main([str(wiki)]) == 0
    out, err = capfd.readouterr()
    assert out == "= Jane Doe =\n\nJane Doe is a politician.\n"
    summary, hint = err.split("; to put edits back onto the page")
    assert summary == f"wikiround: {wiki}: dropped: 2 references, 1 category"
    assert hint.endswith(f" EDITED.txt --onto '{wiki}'\n")


def test_report_lists_every_dropped_construct(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text(REAL_ARTICLE, encoding="utf-8")
    assert main([str(wiki), "--report"]) == 0
    assert capfd.readouterr().err.splitlines() == [
        f"{wiki}:1:26: reference: <ref>",
        f"{wiki}:1:38: reference: <ref name=b>",
        f"{wiki}:3:1: category: Category:Politicians",
        f"wikiround: {wiki}: dropped: 2 references, 1 category; to put edits back onto the "
        f"page, keeping what the plain text lacks: {_prog()} EDITED.txt --onto '{wiki}'",
    ]


def test_strict_refuses_what_the_lossy_read_would_drop(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    wiki = tmp_path / "Jane Doe.wiki"
    wiki.write_text(REAL_ARTICLE, encoding="utf-8")
    assert main([str(wiki), "--strict"]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    assert err.startswith(f"wikiround: error: {wiki}:1:26: ")
    assert err.endswith(
        "\n    Jane Doe is a politician.<ref>A</ref><ref name=b/>\n                             ^\n"
    )


def test_strict_reads_lossless_wikitext(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([str(GOLDEN), "--strict", "--title", TITLE]) == 0
    out, err = capfdbinary.readouterr()
    assert out == SEED.read_bytes()
    assert err == b""


def test_json_both_ways(tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    document = tmp_path / "seed.json"
    assert main([str(SEED), "--to", "json", "-o", str(document)]) == 0
    assert document.read_text(encoding="utf-8").startswith('{\n  "format": "wikiround-article"')
    assert main([str(document)]) == 0  # detected as JSON, written as wikitext
    assert capfdbinary.readouterr().out == GOLDEN.read_bytes()
    assert main([str(document), "--from", "json", "--to", "plain"]) == 0
    assert capfdbinary.readouterr().out == SEED.read_bytes()


def test_bad_json_names_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "bad.json"
    document.write_text('{"format": 1}\n', encoding="utf-8")
    assert main([str(document)]) == 1
    # A structure error is placed by its JSON path, not by a made-up line and column.
    assert capsys.readouterr().err == (
        f"wikiround: error: {document}: $: missing 'version', 'title'\n"
    )
    document.write_text('{"format": "wikiround-article", "version": 1, "title": 7}\n')
    assert main([str(document)]) == 1
    assert capsys.readouterr().err == (
        f"wikiround: error: {document}: $.title: expected a string, not a number\n"
    )


def test_date_templates(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([str(SEED), "--date-templates"]) == 0
    out = capfdbinary.readouterr().out.decode("utf-8")
    assert "| term_start1  = {{Start date|2017|5|14|df=y}}\n" in out


def test_check_passes_a_clean_infobox(capfd: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), "--check"]) == 0
    assert capfd.readouterr().err == ""


def test_check_warns_and_fails(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "t.txt"
    plain.write_text(
        "= T =\n\nT\n- Office: Mayor\n- Term Start: 2010\n- Term End: 2001\n- Birth Plac: X\n",
        encoding="utf-8",
    )
    assert main([str(plain), "--check"]) == 3
    out, err = capfd.readouterr()
    assert out.startswith("{{Infobox officeholder\n")  # the output is still written
    assert err.splitlines() == [
        f"{plain}:7:3: warning: unknown parameter 'birth_plac'; did you mean 'birth_place'? "
        "[unknown-parameter]",
        f"{plain}:6:3: warning: term_end (2001) is before term_start (2010) "
        "[term-end-before-start]",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["-"],
        ["--to", "yaml", "x"],
        ["a", "b", "--bogus"],
        ["-", "other.txt"],
        ["-j", "0", "x.txt"],
        ["a.txt", "b.txt"],
        ["a.txt", "b.txt", "--title", "T", "-o", "out"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv, stdin=_stdin(b"{{x}}"))
    assert caught.value.code == 2


def test_help_explains(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: ")
    # Every option is listed with words of its own, not only in the usage line.
    described = text.split("options:", 1)[1]
    for action in _parser()._actions:
        for option in action.option_strings:
            assert option in described, option
        assert action.help, action.option_strings or action.dest
    for words in (
        "plain-text article format",  # what it converts
        "MediaWiki XML dumps",
        "detected from the content",  # how the input format is chosen
        "left out",  # that reading wikitext loses things, and how to see them
        "examples:",
        "exit status: 0",
        "1 when a document cannot be converted",
        "2 for a usage error",
        "3 when",
    ):
        assert words in text, words


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", str(SEED)], capture_output=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout == GOLDEN.read_bytes()


def test_lists_and_reference_sections_switches(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Page.wiki"
    page.write_text("Lead.\n* one\n* two\n\n== See also ==\nMore.\n", encoding="utf-8")
    assert main([str(page)]) == 0
    out, err = capfd.readouterr()
    assert "one\n\ntwo" in out and "See also" not in out and "1 section" in err
    assert main([str(page), "--drop-lists", "--keep-reference-sections"]) == 0
    out, err = capfd.readouterr()
    assert "one" not in out and "==See also==\nMore." in out and "1 list" in err


def test_truncated_dump_keeps_the_pages_before_the_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = Path(__file__).parent.parent / "data" / "dumps"
    text = (dump / "dumpster-dive_tinywiki-latest-pages-articles.xml").read_bytes()
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(text[:5000])
    out = tmp_path / "pages"
    assert main([str(truncated), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "not a readable MediaWiki XML dump" in err and "converted 2 pages, 1 failed" in err
    assert sorted(path.name for path in out.iterdir()) == ["Hello.txt", "Toronto.txt"]


def test_a_folder_with_no_document_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "drafts"
    empty.mkdir()
    assert main([str(empty), "-o", str(tmp_path / "out")]) == 1
    assert f"{empty}: no document (.json, .mediawiki, .txt, .wiki, .wikitext)" in (
        capsys.readouterr().err
    )
