"""JSON edited by hand: derived fields follow the value, adding or removing a parameter
needs no bookkeeping, and errors name the JSON path."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wikiround import ParseError, from_json, json_schema, parse_plaintext, to_json
from wikiround._app._cli import main

SEED = Path(__file__).parents[2] / "seeds" / "000_bb9d73b147c2a566.txt"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _stdin(text: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")


def _seed_json() -> str:
    return to_json(parse_plaintext(SEED.read_text(encoding="utf-8")))


def test_editing_a_date_value_with_sed(capfd: pytest.CaptureFixture[str]) -> None:
    # --to json | sed 's/"14 May 2017"/"15 May 2017"/' | python -m wikiround -
    assert main([str(SEED), "--to", "json"]) == 0
    edited = capfd.readouterr().out.replace('"14 May 2017"', '"15 May 2017"')
    assert main(["-"], stdin=_stdin(edited)) == 0
    out, err = capfd.readouterr()
    assert "| term_start1  = 15 May 2017\n" in out
    assert err == ""
    assert main(["-", "--to", "json"], stdin=_stdin(edited)) == 0
    document = json.loads(capfd.readouterr().out)
    start = document["infobox"]["offices"][0]["parameters"][1]
    assert start["value"] == "15 May 2017"
    assert start["date"]["day"] == 15  # the date followed the value


def test_adding_parameters_by_name_and_value_only() -> None:
    data = json.loads(_seed_json())
    office = data["infobox"]["offices"][0]["parameters"]
    office.insert(1, {"name": "order1", "value": "3rd"})
    data["infobox"]["offices"].append({"parameters": [{"name": "office9", "value": "Mayor"}]})
    data["infobox"]["personal"].append({"name": "spouse", "value": "A. N. Other"})
    data["infobox"]["unknown"].append({"name": "x y", "value": "z"})
    text = json.dumps(data)
    assert not list(VALIDATOR.iter_errors(data))
    infobox = from_json(text).infobox
    assert infobox is not None
    names = list(infobox)
    # Each new parameter follows the one before it in its record.
    assert names[names.index("office1") + 1] == "order1"
    assert names[names.index("spouse") - 1] == data["infobox"]["personal"][-2]["name"]
    assert infobox["office9"] == "Mayor"
    assert names[-1] == "x y"
    assert infobox.officeholder.office("9") is not None  # the block's suffix was derived


def test_a_stale_field_or_date_is_not_trusted() -> None:
    data = json.loads(_seed_json())
    parameter = data["infobox"]["offices"][0]["parameters"][1]
    parameter["date"]["year"] = 1999
    parameter["field"] = "nonsense"
    again = json.loads(to_json(from_json(json.dumps(data))))
    assert again == json.loads(_seed_json())


def test_a_minimal_hand_written_document() -> None:
    data: dict[str, Any] = {
        "format": "wikiround-article",
        "version": 1,
        "title": "Jane Doe",
        "infobox": {
            "name": "Jane Doe",
            "offices": [{"parameters": [{"name": "office1", "value": "Mayor"}]}],
        },
        "lead": ["Jane Doe is a politician."],
        "sections": [{"heading": "Career", "paragraphs": ["She was elected."]}],
    }
    assert not list(VALIDATOR.iter_errors(data))
    article = from_json(json.dumps(data))
    assert article.infobox is not None
    assert (article.infobox.template, dict(article.infobox)) == (
        "Infobox officeholder",
        {"office1": "Mayor"},
    )
    assert article.sections[0].level == 2
    assert article.layout is None


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        (
            lambda d: d["infobox"]["personal"].append({"name": "office2", "value": "x"}),
            "$.infobox",
            "'office2'",
        ),
        (
            lambda d: d["infobox"]["offices"].append(
                {"parameters": [{"name": "spouse", "value": "x"}]}
            ),
            "$.infobox.offices[3]",
            "missing 'suffix'",
        ),
        (
            lambda d: d["infobox"]["offices"][0]["parameters"][0].update(value=["a"]),
            "$.infobox.offices[0].parameters[0].value",
            "expected a string, not an array",
        ),
        (
            lambda d: d["sections"][0].update(heading="x "),
            "$.sections[0].heading",
            "must not start or end with whitespace",
        ),
        (lambda d: d["sections"][0].update(color="red"), "$.sections[0]", "unexpected 'color'"),
    ],
)
def test_mistakes_are_placed_by_their_json_path(edit: Any, path: str, message: str) -> None:
    data = json.loads(_seed_json())
    edit(data)
    with pytest.raises(ParseError) as raised:
        from_json(json.dumps(data))
    assert raised.value.path == path, str(raised.value)
    assert message in raised.value.message
    assert (raised.value.line, raised.value.column) == (None, None)


def test_parse_error_keywords() -> None:
    placed = ParseError("bad", line=2, column=3, source_line="abc")
    assert (str(placed), placed.path) == ("bad (at line 2, column 3)", None)
    by_path = ParseError("bad", path="$.title")
    assert (str(by_path), by_path.line, by_path.column) == ("$.title: bad", None, None)


def test_the_schema_and_docs_json_md_agree_on_what_may_be_left_out() -> None:
    schema = json_schema()
    text = (Path(__file__).parents[2] / "docs" / "json.md").read_text(encoding="utf-8")
    docs = " ".join(text.split())
    defs = schema["$defs"]
    # json.md: "Still refused: … a missing `format`, `version`, `title`, a parameter's
    # `name` or `value`"; everything else may be left out.
    assert "a missing `format`, `version`, `title`, a parameter's `name` or `value`" in docs
    assert schema["required"] == ["format", "version", "title"]
    assert defs["parameter"]["required"] == ["name", "value"]
    assert defs["office"]["required"] == ["parameters"]
    assert defs["section"]["required"] == ["heading"]
    assert "required" not in defs["infobox"]
    for member in ("field", "date", "sequence", "suffix", "template", "layout", "level"):
        assert f"`{member}`" in docs, member
    assert "json_schema()" in docs and "src/wikiround/article.schema.json" in docs
