"""The fidelity harness: the lossy reader's plain text against what MediaWiki shows.

Shared by the tests (tests/mediawiki/test_fidelity.py, tests/property/
test_fidelity_properties.py) and the benchmark (benchmarks/fidelity.py). docs/fidelity.md
describes the measure; in short:

- **MediaWiki's side**: the offline MediaWiki renders the wikitext (templates first
  replaced by what the reader renders for them, :func:`substitute_templates`), and
  ``visible.py`` (tests/mediawiki) takes the text a reader sees from the HTML, block by
  block.
- **The reader's side**: :func:`reader_blocks`, the headings and paragraphs of
  ``parse_wikitext_lossy(text, keep_reference_sections=True)`` in order (the infobox,
  read from a template MediaWiki does not show here, and the title are not compared).
- **Conventions of the plain format** (:func:`plain_form`, :func:`normalise`: the one
  place that knows them) turn MediaWiki's blocks into what the plain format writes for
  them, so that a documented convention never counts as a disagreement.
- Both sides are joined with spaces and whitespace-collapsed: they **agree** when the
  two strings are equal.

The case corpus lives in tests/data/fidelity/, one file per construct family, in the
format :func:`read_cases` reads; tests/data/fidelity/make_expected.py writes MediaWiki's
HTML and visible text beside each case.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent / "mediawiki"))

from visible import Block, collapse, visible_blocks

from wikiround import Article
from wikiround.lossy import parse_wikitext_lossy
from wikiround.model import Section
from wikiround.report import Kind

__all__ = [
    "CASES",
    "CELL_SEPARATOR",
    "KNOWN",
    "KNOWN_ARTICLES",
    "KNOWN_STRUCTURE",
    "QUOTES",
    "TITLE",
    "Case",
    "Known",
    "agree",
    "all_cases",
    "comparable",
    "expected_text",
    "header_of",
    "iter_families",
    "normalise",
    "plain_form",
    "read_cases",
    "read_known",
    "reader_blocks",
    "reader_text",
    "rendered_alone",
    "substitute_templates",
    "token_f1",
    "tokens",
    "write_cases",
]

DATA = Path(__file__).parent / "data" / "fidelity"
CASES = DATA / "cases"
KNOWN = DATA / "known-disagreements.txt"
TITLE = "Test page"

# --- The conventions of the plain format -------------------------------------------------

QUOTES = ("“", "”")
"""Each paragraph of a blockquote is a paragraph in curly double quotes
(docs/reading-real-articles.md, Quotations)."""

CELL_SEPARATOR = " "
"""What stands between the cells of one table row on the plain text's line for that row
(and between the blocks of one cell). A space: the cells read as MediaWiki shows them,
side by side, and no character MediaWiki does not show is added (docs/reading-real-
articles.md, Tables)."""

_SPACE_BEFORE_COMMA = re.compile(r" +(?=,)")


def plain_form(blocks: Sequence[Block]) -> list[str]:
    """MediaWiki's visible ``blocks`` as the plain format writes them, one paragraph a
    string: each paragraph (``<p>``, or block of its own) in a ``<blockquote>`` is a
    paragraph in :data:`QUOTES`; the cells of one table row (the innermost ``<tr>``) are
    one paragraph, joined with :data:`CELL_SEPARATOR`; every other block is a
    paragraph."""
    groups: list[tuple[tuple[str, int] | None, list[str]]] = []
    for index, block in enumerate(blocks):
        quote = block.inside("blockquote")
        row = _innermost(block, "tr")
        if quote is not None:
            paragraph = _innermost(block, "p")
            key: tuple[str, int] | None = (
                ("blockquote", index) if paragraph is None else ("blockquote p", paragraph)
            )
        else:
            key = ("tr", row) if row else None
        if key is not None and groups and groups[-1][0] == key:
            groups[-1][1].append(block.text)
        else:
            groups.append((key, [block.text]))
    out = []
    for key, texts in groups:
        if key is not None and key[0].startswith("blockquote"):
            # Trimmed as the reader trims a paragraph (no-break spaces too).
            out.append(QUOTES[0] + " ".join(texts).strip() + QUOTES[1])
        else:
            out.append(CELL_SEPARATOR.join(texts))
    return out


def _innermost(block: Block, tag: str) -> int | None:
    for name, number in reversed(block.path):
        if name == tag:
            return number
    return None


def normalise(text: str) -> str:
    """``text`` in the form both sides are compared in: whitespace collapsed, and no
    space before a comma (the reader takes out the spaces before a comma where it left
    out a reference, a comment or a template, which MediaWiki shows as a space before
    the comma once its reference marker is hidden)."""
    return _SPACE_BEFORE_COMMA.sub("", collapse(text))


def comparable(paragraphs: Iterable[str]) -> str:
    return normalise(" ".join(paragraphs))


def expected_text(html: str) -> str:
    """What the plain text should read, collapsed, for MediaWiki's ``html``."""
    return comparable(plain_form(visible_blocks(html)))


# --- The reader's side -----------------------------------------------------------------


def reader_blocks(text: str, title: str = TITLE) -> list[str]:
    """The headings and paragraphs of the lossy reading of ``text``, in order."""
    article = parse_wikitext_lossy(text, title=title, keep_reference_sections=True).article
    return _blocks(article)


def _blocks(article: Article) -> list[str]:
    out = list(article.lead)

    def walk(sections: Iterable[Section]) -> None:
        for section in sections:
            out.append(section.heading)
            out.extend(section.paragraphs)
            walk(section.subsections)

    walk(article.sections)
    return out


def reader_text(text: str, title: str = TITLE) -> str:
    return comparable(reader_blocks(text, title))


def agree(text: str, html: str, title: str = TITLE) -> bool:
    return reader_text(text, title) == expected_text(html)


# --- Templates: what the reader renders for them ----------------------------------------

# Names MediaWiki itself knows (magic words and parser functions): MediaWiki renders
# these, as on Wikipedia; every other name is a template page the test wiki lacks.
_MAGIC = frozenset(
    {
        "!", "=", "PAGENAME", "PAGENAMEE", "FULLPAGENAME", "FULLPAGENAMEE", "BASEPAGENAME",
        "ROOTPAGENAME", "SUBPAGENAME", "TALKPAGENAME", "NAMESPACE", "SITENAME",
        "CURRENTYEAR", "CURRENTMONTH", "CURRENTDAY", "CURRENTTIME", "NUMBEROFARTICLES",
        "ARTICLEPAGENAME", "SUBJECTPAGENAME",
    }
)  # fmt: skip
_FUNCTIONS = frozenset(
    {
        "uc", "lc", "ucfirst", "lcfirst", "urlencode", "anchorencode", "formatnum",
        "padleft", "padright", "plural", "grammar", "gender", "int", "ns", "fullurl",
        "localurl", "canonicalurl", "filepath", "defaultsort", "displaytitle", "tag",
        "safesubst", "subst", "msgnw", "pagename", "fullpagename", "nse",
        "defaultsortkey", "defaultcategorysort",
    }
)  # fmt: skip


def _native(name: str) -> bool:
    name = name.strip()
    if name.lower().startswith("#tag:"):
        # {{#tag:ref|…}} is a reference to the reader, which drops it.
        return False
    if name.startswith("#") or name in _MAGIC:
        return True
    prefix, colon, _ = name.partition(":")
    return bool(colon) and prefix.strip().lower() in _FUNCTIONS


_SENTINEL = "Qq"


@lru_cache(maxsize=1 << 16)
def rendered_alone(call: str, title: str = TITLE) -> str | None:
    """What the reader shows for the template call ``call`` in running text (headings
    and paragraphs joined with spaces), or None when it does not know the template.

    The call is read between two words, so that what it shows at its edges (the space of
    ``{{nbsp}}``) is not trimmed away as it would be at a paragraph's ends."""
    text = f"{_SENTINEL}{call}{_SENTINEL}"
    result = parse_wikitext_lossy(text, title=title, keep_reference_sections=True)
    if result.report.of_kind(Kind.UNKNOWN_TEMPLATE):
        return None
    between = " ".join(_blocks(result.article))
    if between.startswith(_SENTINEL) and between.endswith(_SENTINEL) and len(between) >= 4:
        return between[len(_SENTINEL) : -len(_SENTINEL)]
    return " ".join(reader_blocks(call, title))


def _nowiki(text: str) -> str:
    # <nowiki> shows its content as written, character references decoded.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<nowiki>{escaped}</nowiki>" if escaped else ""


def _outermost_templates(code: Any) -> Iterator[tuple[Any, int]]:
    """The template calls of ``code`` (mwparserfromhell's tree) that are inside no
    other template call, each as the node list holding it and its index there."""
    from mwparserfromhell.nodes import Argument, ExternalLink, Heading, Tag, Template, Wikilink

    for index, node in enumerate(code.nodes):
        if isinstance(node, Template):
            yield code, index
            continue
        inner: list[Any] = []
        if isinstance(node, Tag):
            for attribute in node.attributes:
                inner += [attribute.name, attribute.value]
            inner.append(node.contents)
        elif isinstance(node, Wikilink):
            inner += [node.title, node.text]
        elif isinstance(node, ExternalLink):
            inner += [node.url, node.title]
        elif isinstance(node, Heading):
            inner.append(node.title)
        elif isinstance(node, Argument):
            inner += [node.name, node.default]
        for part in inner:
            if part is not None:
                yield from _outermost_templates(part)


def substitute_templates(
    text: str, title: str = TITLE, *, unknown: str | None = None
) -> str | None:
    """``text`` with each outermost template call replaced by what the reader renders
    for it (as ``<nowiki>`` text; nothing for a template it drops), so that MediaWiki,
    which has none of Wikipedia's templates, shows what the reader would. A template the
    reader does not know is replaced by ``unknown``, or, when that is None, the answer is
    None. Magic words and parser functions (``{{!}}``, ``{{PAGENAME}}``, ``{{#if:…}}``)
    are MediaWiki's own and left to it."""
    import mwparserfromhell
    from mwparserfromhell.nodes import Text

    if "{{" not in text:
        return text
    code = mwparserfromhell.parse(text)
    # A gallery's lines are text to mwparserfromhell; MediaWiki reads each caption as
    # wikitext, templates and all.
    for tag in code.filter_tags(matches=lambda node: node.tag.strip().lower() == "gallery"):
        if tag.contents is not None and "{{" in str(tag.contents):
            inner = substitute_templates(str(tag.contents), title, unknown=unknown)
            if inner is None:
                return None
            tag.contents = inner
    for holder, index in list(_outermost_templates(code)):
        node = holder.nodes[index]
        if _native(str(node.name)):
            continue
        shown = rendered_alone(str(node), title)
        if shown is None:
            if unknown is None:
                return None
            shown = unknown
        holder.nodes[index] = Text(_nowiki(shown))
    return str(code)


# --- Measures --------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words and single punctuation marks."""
    return _TOKEN.findall(text)


def token_f1(found: str, expected: str) -> float:
    """Token F1 of ``found`` against ``expected`` (multisets of :func:`tokens`); 1.0
    when both are empty."""
    mine, theirs = Counter(tokens(found)), Counter(tokens(expected))
    if not mine and not theirs:
        return 1.0
    common = sum((mine & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / sum(mine.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


# --- The case corpus -------------------------------------------------------------------

# One file per family, tests/data/fidelity/cases/FAMILY.txt:
#
#   %% case NAME           the case's id is FAMILY/NAME
#   wikitext …
#   %% html                MediaWiki's HTML (written by make_expected.py)
#   …
#   %% visible             its visible text, one block a line (written by make_expected.py)
#   …
#
# Each section's text is its lines up to the next "%% " line, without the line break
# that ends its last line (so a section may end with line breaks of its own). Lines
# starting with "#" before the first case are comments. No line of a case may start
# with "%% ".
_MARK = "%% "


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    wikitext: str
    html: str | None = None
    visible: str | None = None

    @property
    def id(self) -> str:
        return f"{self.family}/{self.name}"


def read_cases(path: Path) -> list[Case]:
    family = path.stem
    text = path.read_text(encoding="utf-8")
    cases: list[Case] = []
    sections: dict[str, str] = {}
    name: str | None = None
    current: str | None = None
    lines: list[str] = []

    def close_section() -> None:
        if current is not None:
            sections[current] = "\n".join(lines)

    def close_case() -> None:
        if name is not None:
            if "wikitext" not in sections:
                raise ValueError(f"{path}: case {name} has no wikitext")
            cases.append(
                Case(family, name, sections["wikitext"], sections.get("html"),
                     sections.get("visible"))
            )  # fmt: skip

    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith(_MARK):
            close_section()
            lines = []
            word, _, rest = line[len(_MARK) :].partition(" ")
            if word == "case":
                close_case()
                name, sections, current = rest.strip(), {}, "wikitext"
                if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
                    raise ValueError(f"{path}:{number}: bad case name {name!r}")
            elif word in {"html", "visible"} and name is not None and word not in sections:
                current = word
            else:
                raise ValueError(f"{path}:{number}: unexpected {line!r}")
        elif name is None:
            if line and not line.startswith("#"):
                raise ValueError(f"{path}:{number}: text before the first case")
        else:
            lines.append(line)
    if text.endswith("\n"):
        lines = lines[:-1] if lines and lines[-1] == "" else lines
    close_section()
    close_case()
    names = [case.name for case in cases]
    if len(set(names)) != len(names):
        raise ValueError(f"{path}: a case name is used twice")
    return cases


def write_cases(path: Path, header: str, cases: Iterable[Case]) -> None:
    """Write ``cases`` in the format :func:`read_cases` reads (``header`` holds the
    comment lines before the first case)."""
    parts = [header] if header else []
    for case in cases:
        for section in (case.wikitext, case.html or "", case.visible or ""):
            if any(line.startswith(_MARK) for line in section.split("\n")):
                raise ValueError(f"{case.id}: a line starts with {_MARK!r}")
        parts.append(f"{_MARK}case {case.name}\n{case.wikitext}\n")
        if case.html is not None:
            parts.append(f"{_MARK}html\n{case.html}\n")
        if case.visible is not None:
            parts.append(f"{_MARK}visible\n{case.visible}\n")
    path.write_text("".join(parts), encoding="utf-8")


def header_of(path: Path) -> str:
    """The comment lines before the first case."""
    kept = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith(_MARK):
            break
        kept.append(line + "\n")
    return "".join(kept)


def all_cases() -> list[Case]:
    files = sorted(CASES.glob("*.txt"))
    return [case for path in files for case in read_cases(path)]


# --- Known disagreements ---------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    id: str
    reason: str
    line: int


def read_known(path: Path = KNOWN) -> dict[str, Known]:
    """The known disagreements: one ``ID  reason`` a line, the two apart by two spaces
    or more (an id may hold single spaces: a page's title); ``#`` lines and blank lines
    are comments. Every id at most once, every reason given."""
    found: dict[str, Known] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = re.split(r" {2,}", line.strip(), maxsplit=1)
        ident, reason = parts[0], parts[1] if len(parts) == 2 else ""
        if not reason.strip():
            raise ValueError(f"{path}:{number}: {ident} has no reason")
        if ident in found:
            raise ValueError(f"{path}:{number}: {ident} is listed twice")
        found[ident] = Known(ident, reason.strip(), number)
    return found


def iter_families(cases: Iterable[Case]) -> Iterator[tuple[str, list[Case]]]:
    by_family: dict[str, list[Case]] = {}
    for case in cases:
        by_family.setdefault(case.family, []).append(case)
    yield from sorted(by_family.items())


# --- Real articles, paragraph by paragraph ------------------------------------------------

# Extension tags whose contents MediaWiki does not read as the page's paragraphs.
_RAW_TAGS = (
    "ref", "gallery", "pre", "nowiki", "math", "chem", "poem", "source", "syntaxhighlight",
    "score", "timeline", "references", "graph", "mapframe", "imagemap", "templatedata",
)  # fmt: skip
# HTML elements a blank line does not end.
_BLOCK_HTML = ("div", "blockquote", "center", "table", "ul", "ol", "dl", "span", "small")
_TOKEN_SCAN = re.compile(
    r"<!--|\{\{|\}\}|<(/?)(" + "|".join(_RAW_TAGS + _BLOCK_HTML) + r")\b[^>\n]*?(/?)>",
    re.I,
)
_HEADING_LINE = re.compile(r"=[^\n]*=[ \t]*")
_TABLE_START = re.compile(r"[ \t:]*\{\|")
_TABLE_END = re.compile(r"[ \t]*\|\}")


@dataclass(frozen=True)
class Chunk:
    """A source paragraph of a page: its text and the line it starts on (1-based)."""

    text: str
    line: int


class _Scanner:
    """What is open at the start of each line: templates, tables, a comment, an
    extension tag whose contents are raw, HTML block elements."""

    def __init__(self) -> None:
        self.braces = 0
        self.tables = 0
        self.html: Counter[str] = Counter()
        self.until: re.Pattern[str] | None = None  # the end of a comment or raw tag

    @property
    def closed(self) -> bool:
        return not (self.braces or self.tables or self.until or +self.html)

    def line(self, line: str) -> None:
        if self.until is None and _TABLE_START.match(line):
            self.tables += 1
        elif self.until is None and _TABLE_END.match(line):
            self.tables = max(0, self.tables - 1)
        position = 0
        while True:
            if self.until is not None:
                end = self.until.search(line, position)
                if end is None:
                    return
                self.until, position = None, end.end()
                continue
            match = _TOKEN_SCAN.search(line, position)
            if match is None:
                return
            position = match.end()
            token = match.group(0)
            if token == "<!--":
                self.until = re.compile("-->")
            elif token == "{{":
                self.braces += 1
            elif token == "}}":
                self.braces = max(0, self.braces - 1)
            elif match.group(3):  # <ref … />
                continue
            else:
                name = match.group(2).lower()
                if match.group(1):
                    self.html[name] = max(0, self.html[name] - 1)
                elif name in _RAW_TAGS:
                    self.until = re.compile(rf"</{name}\s*>", re.I)
                else:
                    self.html[name] += 1


def chunks(text: str) -> list[Chunk]:
    """The page's source paragraphs: the text cut at each blank line and around each
    heading line where nothing that may hold a blank line is open (a template, a table,
    a comment, an extension tag such as ``<ref>`` or ``<gallery>``, an HTML block element
    such as ``<div>``). What is never closed keeps its chunk open to the end of the page
    (an unclosed comment or raw tag, which MediaWiki shows as text, too), so a chunk is
    never cut inside a construct, at the price of a long chunk now and then."""
    found: list[Chunk] = []
    lines = text.split("\n")
    scanner = _Scanner()
    current: list[str] = []
    start = 1

    def close() -> None:
        if any(line.strip() for line in current):
            found.append(Chunk("\n".join(current).rstrip(), start))

    for number, line in enumerate(lines, 1):
        if scanner.closed and (not line.strip() or _HEADING_LINE.fullmatch(line)):
            close()
            if line.strip():  # a heading: a chunk of its own
                current, start = [line], number
                close()
            current, start = [], number + 1
            scanner.line(line)
            continue
        if not current and not line.strip():
            start += 1
            continue
        current.append(line)
        scanner.line(line)
    close()
    return found


_REFERENCE = re.compile(r"<ref\b[^>]*/>|<ref\b[^>]*>.*?</ref\s*>", re.I | re.S)
# Tags of extensions the test wiki does not have (Math, Score, Poem…): it shows them as
# text, where Wikipedia renders them.
_MISSING_EXTENSION = re.compile(
    r"<(math|chem|ce|timeline|score|graph|mapframe|maplink|poem|syntaxhighlight|source"
    r"|imagemap|templatedata|inputbox|categorytree|hiero|charinsert|section|indicator)\b",
    re.I,
)
# A line of interlanguage links only: the test wiki knows 12 language prefixes, and shows
# the links of the others.
_LANGUAGE_LINES = re.compile(
    r"^(?:[ \t]*\[\[[a-z]{2,3}(?:-[a-z]{2,8}){0,2}:[^\[\]\n]*\]\])+[ \t]*$", re.M
)


def mediawiki_source(text: str, title: str = TITLE) -> str | None:
    """What MediaWiki is given for a source paragraph of a page: its references taken
    out (the reader drops them; alone, a paragraph may use a reference defined in
    another, which MediaWiki would show as an error), lines of interlanguage links taken
    out, and its templates replaced by what the reader renders for them. None when the
    paragraph cannot be judged here: the reader does not know one of its templates, or
    it uses an extension the test wiki lacks (``<math>``, ``<timeline>``…)."""
    if _MISSING_EXTENSION.search(text):
        return None
    text = _LANGUAGE_LINES.sub("", _REFERENCE.sub("", text))
    return substitute_templates(text, title)


_REDIRECT = re.compile(r"\s*#redirect", re.I)


def is_redirect(text: str) -> bool:
    """A redirect page: its readers are sent to another page."""
    return _REDIRECT.match(text) is not None


ARTICLES = Path(__file__).parent / "data" / "articles"


def article_title(path: Path) -> str:
    """``presidentthing__Richard_Nixon.wiki`` -> ``Richard Nixon``."""
    return path.stem.split("__", 1)[1].replace("_", " ").strip() or "Untitled"


KNOWN_ARTICLES = DATA / "known-article-disagreements.txt"
KNOWN_STRUCTURE = DATA / "known-structure-disagreements.txt"
DUMPS = Path(__file__).parent / "data" / "dumps"


@dataclass(frozen=True)
class Paragraph:
    """A source paragraph of a vendored article, as the fidelity tests judge it."""

    id: str
    """``STEM:LINE``: the article's file name without ``.wiki``, the paragraph's line."""
    title: str
    text: str
    source: str | None
    """What MediaWiki is given for it (:func:`mediawiki_source`); None: not judged."""


@cache
def article_paragraphs(path: Path) -> tuple[Paragraph, ...]:
    """The source paragraphs of a vendored article (none for a redirect page)."""
    text = path.read_text(encoding="utf-8")
    if is_redirect(text):
        return ()
    title = article_title(path)
    return tuple(
        Paragraph(f"{path.stem}:{chunk.line}", title, chunk.text,
                  mediawiki_source(chunk.text, title))
        for chunk in chunks(text)
    )  # fmt: skip


def reader_outline(text: str, title: str) -> tuple[list[str], list[str]]:
    """The headings and the paragraphs of the lossy reading of a whole page."""
    article = parse_wikitext_lossy(text, title=title, keep_reference_sections=True).article
    headings: list[str] = []
    paragraphs = list(article.lead)

    def walk(sections: Iterable[Section]) -> None:
        for section in sections:
            headings.append(section.heading)
            paragraphs.extend(section.paragraphs)
            walk(section.subsections)

    walk(article.sections)
    return headings, paragraphs


def page_source(text: str, title: str) -> str:
    """What MediaWiki is given for a whole page, to read its headings: references and
    lines of interlanguage links taken out, templates replaced by what the reader
    renders for them, and by nothing where it does not know them (it drops them)."""
    text = _LANGUAGE_LINES.sub("", _REFERENCE.sub("", text))
    substituted = substitute_templates(text, title, unknown="")
    assert substituted is not None
    return substituted


def vendored_pages() -> Iterator[tuple[str, str, str]]:
    """``(id, title, text)`` of every vendored article and every page (namespace 0, no
    redirects) of every vendored dump; ids are ``articles/STEM`` and ``DUMP/TITLE`` (a
    title found again in the same dump is ``DUMP/TITLE (2)``)."""
    from wikiround.dumps import iter_pages

    for path in sorted(ARTICLES.glob("*.wiki")):
        text = path.read_text(encoding="utf-8")
        if not is_redirect(text):
            yield f"articles/{path.stem}", article_title(path), text
    for dump in sorted(DUMPS.glob("*.xml")):
        seen: Counter[str] = Counter()
        for page in iter_pages(dump):
            if not is_redirect(page.text):
                seen[page.title] += 1
                again = f" ({seen[page.title]})" if seen[page.title] > 1 else ""
                yield f"{dump.stem}/{page.title}{again}", page.title, page.text
