"""The lossy reader on generated text: it never fails, what it reads survives plain text,
and no reference is lost."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from strategies import MARKUP, line_text
from wikiround.lossy import parse_wikitext_lossy
from wikiround.plaintext import parse_plaintext, render_plaintext
from wikiround.wikitext import render_wikitext

# --- arbitrary text ---------------------------------------------------------------------

_PIECES = (
    *MARKUP,
    "\n",
    "\n\n",
    "\n* ",
    "\n== H ==\n",
    "{{Infobox person|name=",
    "{{birth date|1929|8|22}}",
    "{{ubl|a|b}}",
    "[[File:x.jpg|thumb|",
    "<ref name=a>",
    "</ref>",
    "<ref>x</ref>",
    "<ref name=b/>",
    "http://example.org/",
    "{{efn|",
    "| a = ",
    "#REDIRECT ",
    "\x00",
    "\r",
)


@st.composite
def wikitext_soup(draw: st.DrawFn) -> str:
    """Text mixing wikitext markup, line structure and ordinary words at random."""
    piece = st.one_of(st.sampled_from(_PIECES), line_text(max_pieces=3))
    return "".join(draw(st.lists(piece, max_size=30)))


@given(wikitext_soup())
@example("{{Infobox person|name=Infobox|a=1}}")
@example("{{Infobox x|a={{ubl|- b: c}}}}")
@example("'''''x''")
@example("=|{{=}}|")
@example("== =|=")
def test_arbitrary_text_never_crashes_and_reads_back(text: str) -> None:
    result = parse_wikitext_lossy(text, title="T")
    plain = render_plaintext(result.article)
    template = result.article.infobox.template if result.article.infobox else "Infobox"
    assert parse_plaintext(plain, template=template) == result.article
    again = parse_wikitext_lossy(render_wikitext(parse_plaintext(plain)), title="T")
    assert render_plaintext(again.article) == plain


# Places where a reference is shown nowhere but is not inside something reported whole.
_PLACES = (
    "{}",
    "[[A|{}]]",
    "[[A{}|b]]",
    "[[A{}]]",
    "http://example.org/{} x",
    "[http://example.org/{} t]",
    "[http://example.org t{}]",
    '<span title="{}">s</span>',
    "'''{}'''",
    "''a{}''",
    "\n== H{} ==\n",
    "{{lang|fr|a{}}}",
    "<small>{}</small>",
    "\n* item{}\n",
)
_REFERENCES = ("<ref>c</ref>", "<ref name=n/>", '<ref name="m">d {{cite web|url=x}}</ref>')


@given(st.lists(st.tuples(st.sampled_from(_PLACES), st.sampled_from(_REFERENCES)), max_size=8))
@example([("[[A{}]]", "<ref>c</ref>")])
def test_every_reference_is_reported(places: list[tuple[str, str]]) -> None:
    text = " word ".join(place.format(reference) for place, reference in places)
    result = parse_wikitext_lossy(text, title="T")
    found = [entry for entry in result.report if entry.kind == "reference"]
    assert len(found) == len(places)
