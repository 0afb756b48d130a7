"""Hypothesis strategies for articles and documents, generating hard text on purpose.

Each format limitation is a keyword knob: ``plain=True`` keeps to what the plain-text
format can hold, ``wikitext=True`` to what wikitext can hold.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from wikiround import Article, Infobox, Parameter
from wikiround._text import is_blank, trim
from wikiround.catalogue import known_names
from wikiround.model import build_sections
from wikiround.plaintext._keys import has_key, parameter_to_key
from wikiround.plaintext._syntax import is_heading_shaped, is_parameter_shaped

# Every sequence MediaWiki might read as markup, and text that trips line-based readers.
MARKUP = (
    "|",
    "=",
    "{{",
    "}}",
    "{{{",
    "}}}",
    "[[",
    "]]",
    "[",
    "]",
    "'''",
    "''",
    "'",
    "<",
    ">",
    "&",
    "&amp;",
    "&#124;",
    "&nbsp;",
    "&lt;",
    "&#x41;",
    "&bogus;",
    ";",
    "#",
    "*",
    ":",
    "~~~",
    "~~~~",
    "~~~~~",
    "~",
    "__TOC__",
    "__NOTOC__",
    "__notoc__",
    "__FORCETOC__",
    "<!--",
    "-->",
    "<nowiki>",
    "</nowiki>",
    "<nowiki/>",
    "<ref>",
    "</ref>",
    "<br>",
    "<b>",
    "{|",
    "|}",
    "|-",
    "-{",
    "}-",
    "----",
    "http://example.com",
    "https://a.b/c",
    "mailto:x@y.z",
    "[//example.org x]",
    "[http://example.com x]",
    "ISBN 0-306-40615-2",
    "RFC 1234",
    "PMID 123",
    ": ",
    "- ",
    "==",
    "= ",
    " =",
    "{{!}}",
    "{{=}}",
    "#REDIRECT",
    "_",
    "__",
    "\\",
    '"',
    "%",
    "$",
    "?",
)
SPACES = (" ", "  ", "\t", "\xa0", "\u2003", "\u200b")
# Line breaks to Python (str.splitlines, str.strip), ordinary characters to the format.
BREAK_LOOKALIKES = ("\x85", "\u2028", "\u2029")
UNICODE = ("é", "e\u0301", "ß", "İ", "שלום", "مرحبا", "\u200f", "中文", "😀", "Ω", "ﬁ", "\u0308")

_line_characters = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\n\r\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f\ufffe\uffff",
)
_words = st.text(alphabet=_line_characters, min_size=1, max_size=8)
_plain_words = st.sampled_from(("a", "Ab", "text", "José", "1970", "x y", "Office", "ok."))


@st.composite
def line_text(draw: Any, *, min_size: int = 0, max_pieces: int = 8) -> str:
    """One line of text mixing markup, spaces, unicode and ordinary words."""
    piece = st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(SPACES),
        st.sampled_from(BREAK_LOOKALIKES),
        st.sampled_from(UNICODE),
        _words,
        _plain_words,
    )
    text = "".join(draw(st.lists(piece, min_size=min_size, max_size=max_pieces)))
    return text


def trimmed_text(**kwargs: Any) -> st.SearchStrategy[str]:
    return line_text(min_size=1, **kwargs).map(trim).filter(bool)


def paragraph_text(*, plain: bool = False) -> st.SearchStrategy[str]:
    strategy = line_text(min_size=1).filter(lambda text: not is_blank(text))
    if plain:
        strategy = strategy.filter(
            lambda t: not is_heading_shaped(t) and not is_parameter_shaped(t)
        )
    return strategy


def heading_text() -> st.SearchStrategy[str]:
    return trimmed_text(max_pieces=4).filter(
        lambda t: not t.startswith("=") and not t.endswith("=")
    )


_CATALOGUE_NAMES = sorted(known_names() - {"name"})
_generic_names = st.from_regex(r"\A[a-z][a-z0-9_\-]{0,14}[0-9]{0,2}\Z").filter(
    lambda n: n != "name" and not n.endswith(("_", "-"))
)


def _wikitext_safe_name(name: str) -> bool:
    from wikiround.wikitext._escape import escape_heading

    return escape_heading(name) == name and "\t" not in name


def parameter_names(*, plain: bool = True, wikitext: bool = True) -> st.SearchStrategy[str]:
    names = st.one_of(st.sampled_from(_CATALOGUE_NAMES), _generic_names)
    if not plain:
        odd = trimmed_text(max_pieces=3).filter(
            lambda n: n != "name" and not any(c in n for c in "|={}[]<>")
        )
        names = st.one_of(names, odd)
    if plain:
        names = names.filter(lambda n: has_key(n) and ": " not in parameter_to_key(n))
    if wikitext:
        names = names.filter(_wikitext_safe_name)
    return names


@st.composite
def infoboxes(draw: Any, *, plain: bool = True, wikitext: bool = True) -> Infobox:
    names = draw(
        st.lists(
            parameter_names(plain=plain, wikitext=wikitext),
            min_size=1 if plain else 0,
            max_size=12,
            unique=True,
        )
    )
    values = [draw(line_text()) for _ in names]
    name = draw(st.one_of(st.none(), line_text(min_size=1)))
    if (
        plain
        and name is not None
        and (name == "Infobox" or is_blank(name) or is_heading_shaped(name))
    ):
        name = None
    template = draw(
        st.sampled_from(
            (
                "Infobox officeholder",
                "Infobox Officeholder",
                "infobox president",
                "Infobox_officeholder",
                "Infobox",
            )
        )
    )
    parameters = [Parameter(n, v) for n, v in zip(names, values, strict=True)]
    return Infobox(parameters, name=name, template=template)


@st.composite
def articles(draw: Any, *, plain: bool = True, wikitext: bool = True) -> Article:
    """A valid article; the knobs keep it inside what each format can hold."""
    title = draw(trimmed_text(max_pieces=4))
    infobox = draw(st.one_of(st.none(), infoboxes(plain=plain, wikitext=wikitext)))
    lead = draw(st.lists(paragraph_text(plain=plain), max_size=4))
    outline = draw(
        st.lists(
            st.tuples(
                st.integers(2, 6), heading_text(), st.lists(paragraph_text(plain=plain), max_size=3)
            ),
            max_size=5,
        )
    )
    return Article(title, infobox, lead, build_sections(outline))


# Lines a plain-text document is made of, for documents the reader may or may not accept.
_DOCUMENT_LINES = (
    "",
    " ",
    "\t",
    "Name",
    "Infobox",
    "- Office: X",
    "- Term Start1: 14 May 2017",
    "- Key:",
    "- Key: ",
    "- Alma Mater: A, B",
    "- Constituency AM: x",
    "- constituency am: y",
    "- Term_start: z",
    "==H==",
    "== H ==",
    "===Sub===",
    "=== Sub ===",
    "====Deep====",
    "==  Spaced  ==",
    "Paragraph.",
    " leading space",
    "trailing space ",
    "- not a key",
    "* star",
    "# hash",
    "x: y",
    "=",
    "= x =",
    "==x=",
    "- A: b: c",
    "\x85",
    "\u2028",
    " \u2029 ",
    "\xa0",
    "== \x85 ==",
    "- Key: \u2028",
)


@st.composite
def plain_documents(draw: Any) -> str:
    """Text shaped like a plain-text document; the reader may still refuse it."""
    title = draw(st.sampled_from(("= T =", "= José Serrano (Ecuadorian politician) =", "=T=")))
    line = st.one_of(st.sampled_from(_DOCUMENT_LINES), line_text(max_pieces=3))
    lines = draw(st.lists(line, max_size=14))
    ending = draw(st.sampled_from(("", "\n", "\n\n", "\n \n", "\n\x85", "\n\xa0\n")))
    return "\n".join([title, *lines]) + ending


# --- Typed Infobox officeholder: dates, office blocks ---------------------------------

from wikiround.dates import MONTHS, SHORT_MONTHS, DateStyle, PartialDate  # noqa: E402


@st.composite
def partial_dates(draw: Any, *, styles: tuple[DateStyle, ...] = tuple(DateStyle)) -> PartialDate:
    """A valid :class:`PartialDate` in one of ``styles``, month lengths and leap years included."""
    style = draw(st.sampled_from(styles))
    year = draw(st.one_of(st.integers(1, 9999), st.sampled_from((1900, 2000, 2016, 2017))))
    month = day = None
    if style.precision != "year":
        month = draw(st.integers(1, 12))
    if style.precision == "day":
        assert month is not None
        import calendar

        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day, style, short_month=draw(st.booleans()))


_OFFICE_BASES = (
    "office",
    "order",
    "term_start",
    "termstart",
    "term_end",
    "termend",
    "predecessor",
    "preceded",
    "successor",
    "president",
    "primeminister",
    "prime_minister",
    "monarch",
    "deputy",
    "constituency",
    "status",
    "1blankname",
    "1namedata",
    "jr/sr",
)
_OTHER_NAMES = (
    "image",
    "image name",
    "caption",
    "birth_date",
    "birth_place",
    "death_date",
    "birthname",
    "birth_name",
    "party",
    "spouse",
    "data1",
    "allegiance",
    "branch",
    "footnotes",
    "peerage2",
    "headerstyle",
    "term_start17",
    "Office",
    "term start",
    "office_1",
)


@st.composite
def date_shaped_text(draw: Any) -> str:
    """Text written in the shape of one of the date styles, built piece by piece, not
    from a :class:`PartialDate`: mostly dates, but about one piece in four misses (day 0
    or 31 in a short month, a day without its zero in ISO, month 13, "Sept", a lower-case
    month, year 0 or five digits, a missing comma), so that both answers of
    :func:`~wikiround.dates.parse_date` are common."""

    def piece(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> Any:
        return draw(bad) if draw(st.integers(0, 9)) < 1 else draw(good)

    year = piece(
        st.one_of(st.integers(1, 9999), st.sampled_from((1900, 2000, 2016, 2017))).map(str),
        st.sampled_from(("0", "0000", "0999", "10000", "02017")),
    )
    month_number = piece(st.integers(1, 12), st.sampled_from((0, 13)))
    day = piece(st.integers(1, 28), st.sampled_from((0, 29, 30, 31, 32)))
    month_name = piece(
        st.sampled_from(MONTHS + SHORT_MONTHS),
        st.sampled_from(("may", "Sept", "Sep.", "JUNE", "Febuary")),
    )
    iso_month = piece(st.just(f"{month_number:02d}"), st.just(str(month_number)))
    iso_day = piece(st.just(f"{day:02d}"), st.just(str(day)))
    comma = piece(st.just(","), st.just(""))
    shapes = {
        DateStyle.DMY: f"{day} {month_name} {year}",
        DateStyle.MDY: f"{month_name} {day}{comma} {year}",
        DateStyle.MY: f"{month_name} {year}",
        DateStyle.ISO: f"{year}-{iso_month}-{iso_day}",
        DateStyle.ISO_MONTH: f"{year}-{iso_month}",
        DateStyle.YEAR: year,
    }
    return shapes[draw(st.sampled_from(tuple(DateStyle)))]


def date_or_text() -> st.SearchStrategy[str]:
    """A value for a date field: a date in any style, or something that is not one."""
    return st.one_of(
        partial_dates().map(str),
        st.sampled_from(("", "present", "c. 1900", "06 May 2017", "14 May 2017 ")),
        line_text(max_pieces=3),
    )


@st.composite
def officeholder_infoboxes(draw: Any, *, with_office: bool = False) -> Infobox:
    """An infobox rich in office blocks: suffixes with gaps, aliases next to their twins,
    rows, unknown and misspelt names, in any order. ``with_office`` makes sure there is at
    least one office block."""
    suffixes = draw(
        st.lists(
            st.sampled_from(("", "0", "1", "2", "3", "5", "9", "16")),
            min_size=1 if with_office else 0,
            max_size=4,
        )
    )
    pool = [base + suffix for base in _OFFICE_BASES for suffix in suffixes] + list(_OTHER_NAMES)
    names = draw(st.lists(st.sampled_from(pool), unique=True, max_size=16)) if pool else []
    if with_office:
        office_field = draw(st.sampled_from(_OFFICE_BASES)) + draw(st.sampled_from(suffixes))
        if office_field not in names:
            names.insert(draw(st.integers(0, len(names))), office_field)
    parameters = []
    for name in names:
        dated = name.startswith(("term", "birth_date", "death_date"))
        value = draw(date_or_text() if dated else line_text(max_pieces=3))
        parameters.append(Parameter(name, value))
    name_value = draw(st.one_of(st.none(), line_text(max_pieces=2)))
    return Infobox(parameters, name=name_value)


_DATE_FIELDS = ("term_start", "termstart", "term_end", "termend")


@st.composite
def dated_articles(draw: Any) -> Article:
    """A wikitext-safe article whose infobox has term, birth and death dates in every style."""
    article = draw(articles(plain=False, wikitext=True))
    infobox = draw(infoboxes(plain=False, wikitext=True))
    names = draw(
        st.lists(
            st.sampled_from(
                [f + s for f in _DATE_FIELDS for s in ("", "1", "2", "16")]
                + ["birth_date", "death_date"]
            ),
            unique=True,
            min_size=1,
            max_size=6,
        )
    )
    for name in names:
        if name not in infobox:
            infobox = infobox.with_value(name, draw(date_or_text()))
    return Article(article.title, infobox, article.lead, article.sections)
