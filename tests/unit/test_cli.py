"""The command line, called through main() as a user would run it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from wikiround._cli import main

SEED = Path(__file__).parent.parent.parent / "seeds" / "000_bb9d73b147c2a566.txt"
GOLDEN = Path(__file__).parent.parent / "data" / "golden" / "seed.wiki"
TITLE = "José Serrano (Ecuadorian politician)"


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


def test_unwritable_model_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wiki = tmp_path / "T.wiki"
    wiki.write_text("{{Infobox officeholder|Name=x}}\n", encoding="utf-8")
    assert main([str(wiki)]) == 1
    assert "cannot convert to plain" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [[], ["-"], ["--to", "yaml", "x"], ["a", "b", "--bogus"]],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv, stdin=_stdin(b"{{x}}"))
    assert caught.value.code == 2


def test_help_explains() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wikiround", str(SEED)], capture_output=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout == GOLDEN.read_bytes()
