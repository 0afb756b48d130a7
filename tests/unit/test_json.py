"""JSON: the seed, the shape of a document, and errors naming the JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wikiround import Article, Infobox, Parameter, ParseError, parse_plaintext, render_plaintext
from wikiround._json import from_json, to_json

SEED = next((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def test_seed_plain_json_plain() -> None:
    text = SEED.read_text(encoding="utf-8")
    article = parse_plaintext(text)
    document = to_json(article)
    assert render_plaintext(from_json(document)) == text
    data = json.loads(document)
    assert [o["suffix"] for o in data["infobox"]["offices"]] == ["1", "2", "3"]
    start = data["infobox"]["offices"][0]["parameters"][1]
    assert start == {
        "name": "term_start1",
        "value": "14 May 2017",
        "field": "term_start",
        "date": {"year": 2017, "month": 5, "day": 14, "style": "dmy", "short_month": False},
    }


def test_small_article() -> None:
    article = Article(
        "T",
        Infobox(
            [Parameter("termstart", "1990"), Parameter("x y", "z"), Parameter("1blankname2", "L")]
        ),
    )
    data = json.loads(to_json(article))
    assert data["infobox"]["offices"] == [
        {
            "suffix": "",
            "parameters": [
                {
                    "name": "termstart",
                    "value": "1990",
                    "field": "term_start",
                    "date": {
                        "year": 1990,
                        "month": None,
                        "day": None,
                        "style": "year",
                        "short_month": False,
                    },
                }
            ],
        },
        {
            "suffix": "2",
            "parameters": [{"name": "1blankname2", "value": "L", "field": "1blankname"}],
        },
    ]
    assert data["infobox"]["unknown"] == [{"name": "x y", "value": "z"}]
    assert data["infobox"]["sequence"] == ["termstart", "x y", "1blankname2"]
    assert data["layout"] is None


def _seed_data() -> dict[str, object]:
    return json.loads(to_json(parse_plaintext(SEED.read_text(encoding="utf-8"))))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("title"), "$: missing 'title'"),
        (lambda d: d.update(extra=1), "$: unexpected 'extra'"),
        (lambda d: d.update(version=2), "$.version: this reader knows version 1 only"),
        (lambda d: d.update(title=3), "$.title: expected a string, not a number"),
        (
            lambda d: d["infobox"]["offices"][0]["parameters"][1].update(value=15),
            "$.infobox.offices[0].parameters[1].value: expected a string, not a number",
        ),
        (
            lambda d: d["infobox"]["personal"][0].update(value="a\nb"),
            "$.infobox.personal[0].value: holds a line break",
        ),
        (
            lambda d: d["infobox"]["offices"][0].update(suffix="2"),
            "$.infobox.offices[0]: 'office1' is not a parameter of block '2'",
        ),
        (
            lambda d: d["infobox"]["sequence"].reverse(),
            "$.infobox.sequence: the records must list their parameters in the order",
        ),
        (
            lambda d: d["infobox"]["sequence"].append("office1"),
            "$.infobox.sequence[19]: lists 'office1' a second time",
        ),
        (lambda d: d["infobox"]["offices"].reverse(), "$.infobox.sequence: the records must"),
        (lambda d: d.update(lead=[""]), "$.lead[0]: a paragraph must hold some text"),
        (lambda d: d["layout"]["plain"]["separators"].pop(), "$.layout.plain.separators"),
        (lambda d: d["layout"]["plain"].update(ending="x"), "$.layout.plain.ending"),
    ],
)
def test_errors_name_the_path(edit: object, message: str) -> None:
    data = _seed_data()
    edit(data)  # type: ignore[operator]
    with pytest.raises(ParseError) as raised:
        from_json(json.dumps(data))
    error = raised.value
    assert str(error).startswith(message), str(error)
    assert error.path is not None
    assert str(error) == f"{error.path}: {error.message}"
    assert not error.message.startswith("$")  # the message does not repeat the place
    assert (error.line, error.column) == (None, None)  # no made-up position


def test_invalid_json_has_line_and_column() -> None:
    with pytest.raises(ParseError) as raised:
        from_json('{\n  "format": }')
    assert (raised.value.line, raised.value.column) == (2, 13)
    assert raised.value.message.startswith("invalid JSON: ")
