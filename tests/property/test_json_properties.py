"""JSON: lossless both ways, and every document validates against the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema
from hypothesis import assume, example, given
from hypothesis import strategies as st

from strategies import articles, dated_articles, officeholder_infoboxes, plain_documents
from wikiround import Article, ParseError, parse_plaintext, render_plaintext
from wikiround._json import from_json, to_json

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs" / "schema" / "article.schema.json").read_text("utf-8")
)
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
