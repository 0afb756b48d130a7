"""JSON: lossless both ways, and every document validates against the published schema."""

from __future__ import annotations

import json
from typing import Any

import attrs
import jsonschema
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from strategies import articles, dated_articles, officeholder_infoboxes, plain_documents
from wikiround import Article, ParseError, json_schema, parse_plaintext, render_plaintext
from wikiround._json import from_json, to_json

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _valid(text: str) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(json.loads(text))]
    assert not errors, errors


_any_article = st.one_of(
    articles(plain=False, wikitext=False),
    articles(plain=True, wikitext=True),
    dated_articles(),
    st.builds(Article, st.just("T"), officeholder_infoboxes()),
)


@given(_any_article)
def test_model_to_json_to_model(article: Article) -> None:
    text = to_json(article)
    _valid(text)
    again = from_json(text)
    assert again == article
    assert to_json(again) == text


@given(plain_documents())
# A line of U+0085 was blank to the plain reader and not to the JSON layout check.
@example("= T =\n\x85")
@example("= T =\n\n\u2028\n\xa0\n== \u2029 ==\n")
def test_plain_to_json_to_plain_is_identity(document: str) -> None:
    try:
        article = parse_plaintext(document)
    except ParseError:
        assume(False)
        return
    text = to_json(article)
    _valid(text)
    assert render_plaintext(from_json(text)) == document
    # Without the layout, the canonical layout comes back.
    bare = to_json(attrs.evolve(article, layout=None))
    _valid(bare)
    assert render_plaintext(from_json(bare)) == render_plaintext(attrs.evolve(article, layout=None))


def _strip_derived(data: dict[str, Any], *, sequence: bool) -> dict[str, Any]:
    """``data`` without what a person editing by hand may leave out."""
    infobox = data["infobox"]
    if infobox is not None:
        records = [infobox[key] for key in ("header", "personal", "military", "other", "unknown")]
        records += [office["parameters"] for office in infobox["offices"]]
        for record in records:
            for parameter in record:
                parameter.pop("field", None)
                parameter.pop("date", None)
        for office in infobox["offices"]:
            del office["suffix"]
        if sequence:
            del infobox["sequence"]
    return data


# Three edits on one generated article (generating articles is the slow part), and at
# most 250 of them under CI.
@settings(max_examples=min(settings().max_examples, 250))
@given(_any_article, st.data())
def test_hand_edits_need_no_bookkeeping(article: Article, data: st.DataObject) -> None:
    # Leave out the derived fields (field, date, an office's suffix): the same article.
    text = json.dumps(_strip_derived(json.loads(to_json(article)), sequence=False))
    _valid(text)
    assert from_json(text) == article
    # Leave out the sequence too: the same parameters, in the records' order.
    text = json.dumps(_strip_derived(json.loads(to_json(article)), sequence=True))
    _valid(text)
    again = from_json(text)
    assert (again.infobox is None) is (article.infobox is None)
    assert dict(again.infobox or {}) == dict(article.infobox or {})
    assert from_json(to_json(again)) == again
    # Remove a parameter from its record and nowhere else.
    if article.infobox is None or len(article.infobox) == 0:
        return
    name = data.draw(st.sampled_from(list(article.infobox)))
    document = json.loads(to_json(article))
    infobox = document["infobox"]
    records = [infobox[key] for key in ("header", "personal", "military", "other", "unknown")]
    records += [office["parameters"] for office in infobox["offices"]]
    for record in records:
        record[:] = [parameter for parameter in record if parameter["name"] != name]
    infobox["offices"] = [office for office in infobox["offices"] if office["parameters"]]
    assert from_json(json.dumps(document)).infobox == article.infobox.without(name)
