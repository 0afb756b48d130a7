"""The reference sections that end a page are dropped without reading the text between
their headings (``BodyReader.dropped_tail``): what the reader gives must be what it
gives when it reads all of it, article and report alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from wikiround.dumps import iter_pages
from wikiround.lossy import parse_wikitext_lossy
from wikiround.lossy._reader import body_reader, read

DATA = Path(__file__).parents[1] / "data"


def _check(text: str) -> None:
    skipped = parse_wikitext_lossy(text, title="T")
    # Tracking where each paragraph comes from (for editing) reads every piece.
    article, body = read(text, "T")
    assert skipped.article == article
    report = body.recorder.report(text)
    assert [str(entry) for entry in skipped.report] == [str(entry) for entry in report]


def _pages() -> Iterator[str]:
    for path in sorted((DATA / "articles").glob("*.wiki")):
        yield path.read_text(encoding="utf-8")
    for path in sorted((DATA / "dumps").glob("*.xml")):
        for page in iter_pages(path):
            yield page.text


def test_real_pages_read_the_same_without_their_dropped_tail() -> None:
    tails = 0
    for text in _pages():
        _check(text)
        tails += _has_tail(text)
    assert tails >= 30  # most articles end with sections the reader drops


def _has_tail(text: str) -> bool:
    body = body_reader(text, "T", True, False, True, True, True, track=False)
    return body.dropped_tail() is not None


_HEADINGS = st.sampled_from(
    ["== References ==", "==See also==", "=== Notes ===", "== History ==", "=References=",
     "== External links ==", "==== Sources ====", "== ''References'' ==", "== ==",
     "==References<!-- c -->==", "== Life ==", "======= Notes =======", "<!-- c -->== Notes =="]
)  # fmt: skip
_BODIES = st.sampled_from(
    ["Text.", "* [http://a.example b]", "[http://a.example]", "{{Infobox person|name=A}}",
     "{{Reflist}}", "<ref name=r>x</ref>", "<ref name=r/>", "{|\n| a\n", "| b\n|}", "====",
     "[[Category:A]]", "{{Infobox x}} after", "<div>", "</div>", "<!--", "-->", "{{cite|",
     "}}", "__NOTOC__", "x<!-- c -->", "[[File:A.jpg|thumb|Cap]]", "; a : b", ""]
)  # fmt: skip


@given(st.lists(st.tuples(_HEADINGS, st.lists(_BODIES, max_size=4)), max_size=7), _BODIES)
@example([("== References ==", ["{{Infobox person|name=A}}"])], "Lead.")
@example([("== Notes ==", ["[http://a.example]"]), ("== Life ==", ["[http://b.example]"])], "")
@example([("== References ==", ["===="])], "")
@example([("== References ==", ["{|\n| a\n"]), ("== Notes ==", ["| b\n|}"])], "")
@example([("== References ==", []), ("== References ==", [])], "{|\n| a\n")
def test_generated_pages_read_the_same_without_their_dropped_tail(
    sections: list[tuple[str, list[str]]], lead: str
) -> None:
    lines = [lead]
    for heading, bodies in sections:
        lines.append(heading)
        lines.extend(bodies)
    _check("\n".join(lines))


def test_a_page_ending_in_reference_sections_skips_them() -> None:
    text = "Lead.\n== Life ==\nText.\n== See also ==\n* [[A]]\n== References ==\n{{Reflist}}\n"
    assert _has_tail(text)
    assert not _has_tail(text + "== Later ==\nText.\n")
    assert not _has_tail("Lead.\n== ''References'' ==\n{{Reflist}}\n")
