"""The lossy reader reads our own wikitext as the strict reader does.

The command line reads wikitext with the lossy reader, so plain text -> wikitext -> plain
text goes through it. For every article the writer accepts, the lossy reading of
``render_wikitext(article)`` is the article itself, up to the normalisations
docs/reading-real-articles.md lists, and it reports nothing but what those normalisations
leave out.
"""

from __future__ import annotations

import re

from hypothesis import event, example, given

from strategies import articles
from wikiround import (
    Article,
    Infobox,
    Parameter,
    Section,
    parse_plaintext,
    parse_wikitext_lossy,
    render_wikitext,
)
from wikiround.lossy._body import REFERENCE_SECTIONS
from wikiround.plaintext._syntax import is_heading_shaped, is_parameter_shaped
from wikiround.report import Kind

# The lossy reader's documented normalisations: runs of spaces, tabs and no-break spaces
# become one space, and text is trimmed of them.
_RUN = re.compile("[ \t\xa0]+")


def _normal(text: str) -> str:
    return _RUN.sub(" ", text).strip(" ")


class _Expected:
    """The lossy reading of an article's wikitext, by the documented normalisations,
    and the kinds of report entry they account for."""

    def __init__(self, article: Article) -> None:
        self.kinds: list[Kind] = []
        self.article = Article(
            article.title,
            self.infobox(article.infobox),
            self.paragraphs(article.lead),
            self.sections(article.sections),
        )

    def sections(self, sections: tuple[Section, ...]) -> list[Section]:
        kept = []
        for section in sections:
            # A heading such as "Notes" is a reference section: dropped whole, reported once.
            if _normal(section.heading).casefold() in REFERENCE_SECTIONS:
                self.kinds.append(Kind.SECTION)
            else:
                kept.append(self.section(section))
        return kept

    def paragraphs(self, paragraphs: tuple[str, ...]) -> list[str]:
        kept = []
        for paragraph in map(_normal, paragraphs):
            # Trimmed, "- a: b" would read as an infobox line in plain text: dropped,
            # reported; "=x=" would read as a heading: kept with a space after it.
            if is_parameter_shaped(paragraph):
                self.kinds.append(Kind.PARAGRAPH)
            else:
                kept.append(paragraph + " " if is_heading_shaped(paragraph) else paragraph)
        return kept

    def section(self, section: Section) -> Section:
        return Section(
            _normal(section.heading),
            section.level,
            self.paragraphs(section.paragraphs),
            self.sections(section.subsections),
        )

    def infobox(self, infobox: Infobox | None) -> Infobox | None:
        if infobox is None:
            return None
        # Empty values show nothing and are left out, silently.
        parameters = [
            Parameter(p.name, _normal(p.value)) for p in infobox.parameters if _normal(p.value)
        ]
        # The name first: one that cannot be a name line is reported even when the
        # infobox is dropped too.
        name = None if infobox.name is None else _normal(infobox.name) or None
        if name is not None and (name == "Infobox" or is_heading_shaped(name)):
            self.kinds.append(Kind.PARAMETER)  # trimmed, it is no longer a name line
            name = None
        if not parameters:
            self.kinds.append(Kind.INFOBOX)  # nothing to show; plain text cannot hold it
            return None
        # Officeholder's redirects (the strategies use "infobox president") read as the
        # template itself; a bare "Infobox" stays.
        bare = infobox.template.lower() == "infobox"
        return Infobox(
            parameters, name=name, template="Infobox" if bare else "Infobox officeholder"
        )


def _count(article: Article, expected: _Expected) -> None:
    if expected.article != article:
        event("a documented normalisation applied")
    for kind in sorted(set(expected.kinds)):
        event(f"a normalisation left out and reported: {kind.value}")


def _article(*paragraphs: str, values: tuple[str, ...] = ()) -> Article:
    infobox = Infobox([Parameter(f"p{i}", v) for i, v in enumerate(values)], name="N")
    return Article("T", infobox if values else None, paragraphs)


@given(articles(plain=True, wikitext=True))
# A paragraph " ;" is written "&#32;;": the ";" after the space is no list marker (only
# comments before a marker leave it one).
@example(Article("|", sections=[Section("|", 2, [" ;"])]))
# Found by a randomized run: a heading "NOTE" names a reference section.
@example(Article("|", sections=[Section("|", 2), Section("NOTE", 2, ["x"], [Section("a", 3)])]))
# Spaces before a comma are the author's: the reader tidied them away everywhere.
@example(_article("Jorge Véliz , (2005–2007)", values=("Jorge Véliz , (2005–2007)",)))
@example(_article("a , b ,c", values=(", Vacant | , Vacant", " , ", "x ,")))
# U+0085 and U+2028 are text, not space to collapse or trim.
@example(_article("\x85", "a\u2028 b", values=("\u2029", "\x85x\x85")))
# Values that Module:Infobox would start on a new line are escaped and read back.
@example(_article("x", values=("* denotes acting", "# 1", ": see", "; note", "----", "{|")))
# Found by a randomized run: a name that trims to "=", in an infobox with nothing to
# show, is reported as well as the infobox.
@example(
    Article(
        "|",
        Infobox([Parameter("1blankname", "")], name="= ", template="Infobox officeholder"),
    )
)
def test_lossy_reads_our_wikitext_as_written(article: Article) -> None:
    wikitext = render_wikitext(article)
    result = parse_wikitext_lossy(wikitext, title=article.title)
    expected = _Expected(article)
    assert sorted(entry.kind for entry in result.report.entries) == sorted(expected.kinds), (
        result.report.lines()
    )
    assert result.article == expected.article
    _count(article, expected)


def test_seams_close_only_where_something_was_left_out() -> None:
    text = "Jorge Véliz<ref>x</ref>, (2005–2007) and Smith {{cn}}, Jones , Lee <!-- c -->, Roe\n"
    result = parse_wikitext_lossy(text, title="T")
    assert result.article.lead == ("Jorge Véliz, (2005–2007) and Smith, Jones , Lee, Roe",)
    document = "= T =\n\nJorge Véliz , (2005–2007)\n"
    article = parse_plaintext(document)
    again = parse_wikitext_lossy(render_wikitext(article), title="T")
    assert again.article == article and again.report.is_empty
