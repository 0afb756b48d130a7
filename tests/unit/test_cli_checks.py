"""--check's warnings (their place and exit status, infoboxes the catalogue does not know),
the dump filter's own option, and options that the input's format does not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from wikiround import check, parse_wikitext_lossy
from wikiround._app._cli import main
from wikiround.dumps import write_export

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
ARTICLES = ROOT / "tests" / "data" / "articles"
WIKITEXT = """\
{{Use dmy dates|date=May 2020}}
{{Infobox officeholder
| name        = Jane Doe
| office      = Mayor
| term_start  = 2010
| term_end    = 2001
|birth_plac=Springfield
}}
'''Jane Doe''' is a politician.
"""


def test_wikitext_warnings_name_line_and_column(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Jane Doe.wiki"
    page.write_text(WIKITEXT, encoding="utf-8")
    assert main([str(page), "--check", "-q"]) == 3
    assert capfd.readouterr().err.splitlines() == [
        f"{page}:7:2: warning: unknown parameter 'birth_plac'; did you mean 'birth_place'? "
        "[unknown-parameter]",
        f"{page}:6:3: warning: term_end (2001) is before term_start (2010) [term-end-before-start]",
    ]


def test_json_warnings_name_line_and_column(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Jane Doe.wiki"
    page.write_text(WIKITEXT, encoding="utf-8")
    document = tmp_path / "jane.json"
    assert main([str(page), "--to", "json", "-o", str(document), "-q"]) == 0
    lines = document.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines, 1) if '"name": "birth_plac"' in line)
    column = lines[row - 1].index('"birth_plac"') + 1
    assert main([str(document), "--check"]) == 3
    err = capfd.readouterr().err
    assert f"{document}:{row}:{column}: warning: unknown parameter 'birth_plac'" in err


def test_warnings_have_their_own_exit_status_in_a_batch(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    warned = tmp_path / "Jane Doe.wiki"
    warned.write_text(WIKITEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(warned), str(SEED), "--check", "-o", str(out), "-j", "1"]) == 3
    assert f"{warned}:7:2: warning: unknown parameter" in capfd.readouterr().err
    broken = tmp_path / "broken.txt"
    broken.write_text("no title line\n", encoding="utf-8")
    argv = [str(warned), str(broken), "--check", "-o", str(out), "-j", "1"]
    assert main(argv) == 1  # a failure outranks a warning


def test_an_infobox_the_catalogue_does_not_know_gets_one_warning(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # A real article with {{Infobox settlement}}: its 'region'-like parameters used to
    # be reported one by one as unknown officeholder parameters.
    page = ARTICLES / "infobox-parser__cincinnati.wiki"
    assert main([str(page), "--check", "-q"]) == 3
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{page}:")
    assert lines[0].endswith(
        "warning: {{Infobox settlement}} is not Infobox officeholder nor one of its redirects; "
        "its parameters are not checked [unknown-infobox]"
    )
    offset = page.read_text(encoding="utf-8").index("{{Infobox settlement")
    text = page.read_text(encoding="utf-8")
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert lines[0].startswith(f"{page}:{line}:{column}: warning:")


@pytest.mark.parametrize(
    "name", ["presidentthing__George_W_Bush", "presidentthing__Dan_Quayle", "wtf__Harry-McPherson"]
)
def test_officeholder_redirects_are_checked_as_officeholder(name: str) -> None:
    text = (ARTICLES / f"{name}.wiki").read_text(encoding="utf-8")
    article = parse_wikitext_lossy(text, title=name).article
    assert "unknown-infobox" not in {warning.code for warning in check(article)}


def _dump(path: Path) -> None:
    names = ["presidentthing__George_W_Bush", "infobox-parser__cincinnati"]
    write_export(
        [(name.split("__")[1], (ARTICLES / f"{name}.wiki").read_text("utf-8")) for name in names],
        path,
    )


def test_the_dump_filter_has_its_own_name(tmp_path: Path) -> None:
    dump = tmp_path / "dump.xml"
    _dump(dump)
    out = tmp_path / "pages"
    argv = [str(dump), "--with-template", "Infobox officeholder", "-o", str(out), "-j", "1"]
    assert main(argv) == 0
    assert [p.name for p in out.iterdir()] == ["George_W_Bush.txt"]


def test_template_on_a_dump_points_to_the_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.xml"
    _dump(dump)
    with pytest.raises(SystemExit) as raised:
        main([str(dump), "--template", "Infobox officeholder", "-o", str(tmp_path / "pages")])
    assert raised.value.code == 2
    assert "use --with-template" in capsys.readouterr().err
    assert not (tmp_path / "pages").exists()


def test_wikitext_options_on_plain_text_are_not_ignored_in_silence(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main([str(SEED), "--title", "Other", "--drop-lists"]) == 0
    out, err = capfdbinary.readouterr()
    assert out == (ROOT / "tests" / "data" / "golden" / "seed.wiki").read_bytes()
    assert err.decode("utf-8").splitlines() == [
        f"wikiround: {SEED}: warning: --title is for wikitext input; ignored for this "
        "plain-text input",
        f"wikiround: {SEED}: warning: --drop-lists is for wikitext input; ignored for this "
        "plain-text input",
    ]


def test_template_on_wikitext_is_not_ignored_in_silence(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Jane Doe.wiki"
    page.write_text(WIKITEXT, encoding="utf-8")
    assert main([str(page), "--template", "Infobox president", "-q"]) == 0
    assert capfd.readouterr().err == (
        f"wikiround: {page}: warning: --template is for plain-text input; ignored for this "
        "wikitext input\n"
    )


def test_a_batch_warns_once_when_no_input_could_use_an_option(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(SEED.read_bytes())
    assert main([str(folder), "--drop-lists", "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    assert capfd.readouterr().err.splitlines() == [
        "wikiround: warning: --drop-lists is for wikitext input; ignored for this plain-text input",
        "wikiround: converted 2 documents",
    ]
    (folder / "c.wiki").write_text(WIKITEXT, encoding="utf-8")
    assert main([str(folder), "--drop-lists", "-o", str(tmp_path / "out2"), "-j", "1"]) == 0
    assert "warning" not in capfd.readouterr().err  # it served the wikitext input
