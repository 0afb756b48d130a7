"""Edit scripts: the changes an editor makes to an article read from a real page.

``random_edit(article, pick)`` makes one edit; ``pick`` chooses among options (a
hypothesis ``draw`` of ``sampled_from`` in the property tests, ``random.choice`` in
tools/edit_measure.py), so both explore the same edits. Each edit returns the edited
article and a short name of what it did.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

import attrs

from wikiround import Article, ChangeKind, Edit, Infobox, parse_wikitext_lossy
from wikiround.dates import parse_date
from wikiround.model import build_sections
from wikiround.officeholder import Officeholder
from wikiround.plaintext._syntax import is_heading_shaped

T = TypeVar("T")
Pick = Callable[[Sequence[Any]], Any]

WORDS = ("reform", "Texas", "committee", "1968", "senator", "élection", "a & b", "x|y")
NEW_PARAMETERS = ("spouse", "children", "alma_mater", "religion", "signature", "website")
EDIT_KINDS = (
    "change parameter",
    "add parameter",
    "remove parameter",
    "change word",
    "change words",
    "change sentence",
    "append sentence",
    "move paragraph",
    "add paragraph",
    "remove paragraph",
    "rename section",
    "add section",
    "remove section",
    "office date",
    "new office",
)


def _flat(article: Article) -> list[tuple[int, str, list[str]]]:
    outline: list[tuple[int, str, list[str]]] = [(1, "", list(article.lead))]
    for section in article.walk_sections():
        outline.append((section.level, section.heading, list(section.paragraphs)))
    return outline


def _rebuild(article: Article, outline: list[tuple[int, str, list[str]]]) -> Article:
    lead = outline[0][2]
    return attrs.evolve(article, lead=tuple(lead), sections=build_sections(outline[1:]))


def _as_read(paragraph: str) -> str:
    """``paragraph`` as the reader gives such text: a space after a paragraph that starts
    and ends with ``=`` (see docs/reading-real-articles.md)."""
    return paragraph + " " if is_heading_shaped(paragraph) else paragraph


def _paragraph_slots(outline: list[tuple[int, str, list[str]]]) -> list[tuple[int, int]]:
    return [(i, k) for i, (_, _, paragraphs) in enumerate(outline) for k in range(len(paragraphs))]


def random_edit(article: Article, pick: Pick) -> tuple[Article, str]:
    """One edit of ``article``; the article unchanged (and ``"none"``) when the drawn
    kind has nothing to work on."""
    kind = pick(EDIT_KINDS)
    infobox = article.infobox
    outline = _flat(article)
    slots = _paragraph_slots(outline)
    if kind in ("change parameter", "remove parameter") and infobox and infobox.parameters:
        parameter = pick(infobox.parameters)
        if kind == "remove parameter":
            return attrs.evolve(article, infobox=infobox.without(parameter.name)), kind
        words = parameter.value.split()
        if words:
            index = pick(range(len(words)))
            words[index] = pick(WORDS)
        else:
            words = [pick(WORDS)]
        value = " ".join(words)
        return attrs.evolve(article, infobox=infobox.with_value(parameter.name, value)), kind
    if kind == "add parameter" and infobox is not None:
        name = pick(NEW_PARAMETERS)
        if name in infobox:
            return article, "none"
        return attrs.evolve(article, infobox=infobox.with_value(name, pick(WORDS))), kind
    if kind in (
        "change word", "change words", "change sentence", "append sentence", "remove paragraph"
    ) and slots:  # fmt: skip
        i, k = pick(slots)
        paragraphs = outline[i][2]
        if kind == "remove paragraph":
            del paragraphs[k]
        elif kind == "change words":
            # Several words of one paragraph: on both sides of a reference, a link or a
            # template, next to comments and formatting, as they fall.
            words = paragraphs[k].split(" ")
            count = min(len(words), pick((2, 3)))
            for index in sorted({pick(range(len(words))) for _ in range(count)}):
                words[index] = pick(WORDS)
            changed = _as_read(" ".join(words).strip())
            if not changed or changed == paragraphs[k]:
                return article, "none"
            paragraphs[k] = changed
        elif kind == "append sentence":
            paragraphs[k] = paragraphs[k] + " An editor added this sentence."
        elif kind == "change word":
            words = paragraphs[k].split(" ")
            index = pick(range(len(words)))
            words[index] = pick(WORDS)
            changed = _as_read(" ".join(words).strip())
            if not changed:
                return article, "none"
            paragraphs[k] = changed
        else:
            sentences = paragraphs[k].split(". ")
            index = pick(range(len(sentences)))
            sentences[index] = "This sentence was rewritten by an editor"
            paragraphs[k] = ". ".join(sentences)
        return _rebuild(article, outline), kind
    if kind == "move paragraph":
        movable = [(i, k) for i, k in slots if k + 1 < len(outline[i][2])]
        if not movable:
            return article, "none"
        i, k = pick(movable)
        paragraphs = outline[i][2]
        if paragraphs[k] == paragraphs[k + 1]:
            return article, "none"
        paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
        return _rebuild(article, outline), kind
    if kind == "add paragraph":
        i = pick(range(len(outline)))
        position = pick(range(len(outline[i][2]) + 1))
        outline[i][2].insert(position, "A new paragraph about " + pick(WORDS) + ".")
        return _rebuild(article, outline), kind
    if kind == "rename section" and len(outline) > 1:
        i = pick(range(1, len(outline)))
        level, heading, paragraphs = outline[i]
        outline[i] = (level, heading + " and " + pick(WORDS).replace("|", "/"), paragraphs)
        return _rebuild(article, outline), kind
    if kind == "add section":
        i = pick(range(1, len(outline) + 1))
        level = outline[i - 1][0] if i > 1 else 2
        outline.insert(i, (max(level, 2), "New section", ["Its first paragraph."]))
        return _rebuild(article, outline), kind
    if kind == "remove section" and article.sections:
        sections = list(article.sections)
        del sections[pick(range(len(sections)))]
        return attrs.evolve(article, sections=tuple(sections)), kind
    if kind in ("office date", "new office") and infobox is not None:
        return _office_edit(article, infobox, kind, pick)
    return article, "none"


def _office_edit(article: Article, infobox: Infobox, kind: str, pick: Pick) -> tuple[Article, str]:
    view = Officeholder.from_infobox(infobox)  # any template, as the edits do
    if kind == "new office":
        used = {office.suffix for office in view.offices}
        suffix = next(str(n) for n in range(1, 20) if str(n) not in used)
        office = view.office(next(iter(used))) if used else None
        if office is None:
            return article, "none"
        fresh = type(office)((), suffix=suffix)
        fresh = fresh.with_field("office", "Mayor of Springfield")
        fresh = fresh.with_field("term_start", "January 1, 1990")
        changed = view.with_office(fresh).to_infobox()
        return attrs.evolve(article, infobox=changed), kind
    dated = [
        office for office in view.offices
        if office.get("term_start") and parse_date(office.get("term_start") or "")
    ]  # fmt: skip
    if not dated:
        return article, "none"
    office = pick(dated)
    date = parse_date(office.get("term_start") or "")
    assert date is not None
    moved = attrs.evolve(date, year=date.year + 1) if date.year < 2100 else date
    changed = view.with_office(office.with_field("term_start", moved.render())).to_infobox()
    return attrs.evolve(article, infobox=changed), kind


def same_article(left: Article, right: Article) -> bool:
    """Equality up to the order of infobox parameters (new ones go in catalogue order)
    and an infobox with no parameter but its name (which the reader does not read as one)."""
    if _body(left) != _body(right):
        return False
    # An infobox with no parameter but its name reads back as no infobox.
    left, right = _without_empty_infobox(left), _without_empty_infobox(right)
    if (left.infobox is None) != (right.infobox is None):
        return False
    if left.infobox is None or right.infobox is None:
        return True
    return (
        left.infobox.name == right.infobox.name
        and left.infobox.template == right.infobox.template
        and dict((p.name, p.value) for p in left.infobox.parameters)
        == dict((p.name, p.value) for p in right.infobox.parameters)
    )


def _without_empty_infobox(article: Article) -> Article:
    infobox = article.infobox
    if infobox is not None and not infobox.parameters:
        return attrs.evolve(article, infobox=None)
    return article


def _body(article: Article) -> tuple[object, ...]:
    return (article.lead, article.sections)


# --- what an edit lost ---------------------------------------------------------------

# References, comments, links (files and categories among them) and templates, the
# innermost of nested ones.
CONSTRUCT = re.compile(
    r"<ref\b[^>]*/>|<ref\b[^>]*>.*?</ref\s*>|<!--.*?-->|\[\[[^\[\]]*\]\]|\{\{[^{}]*\}\}",
    re.IGNORECASE | re.DOTALL,
)
INFOBOX = re.compile(r"\{\{\s*infobox", re.IGNORECASE)
_NAME = re.compile(r"\bname\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'/>]+))", re.IGNORECASE)


def _name_of(construct: str) -> str | None:
    found = _NAME.search(construct)
    if found is None:
        return None
    return " ".join(next(group for group in found.groups() if group is not None).split(" ")).strip()


# Changes that say a construct went, at its own line and column.
_GONE_AT = frozenset(
    {
        ChangeKind.REMOVED_WITH,
        ChangeKind.DELETED_AS_TEXT,
        ChangeKind.LINK_RELABELLED,
        ChangeKind.DATE_REWRITTEN,
        ChangeKind.EDITED_INSIDE,
    }
)
_REMOVALS = frozenset(
    {
        ChangeKind.PARAGRAPH_REMOVED,
        ChangeKind.SECTION_REMOVED,
        ChangeKind.PARAMETER_REMOVED,
        ChangeKind.INFOBOX_REMOVED,
    }
)


@cache
def shows_text(construct: str) -> bool:
    """Whether a reader of the page sees text of ``construct`` (a link, a template
    showing text), as the lossy reader tells: a reference, a comment, a file, a
    category or a maintenance template shows none."""
    lead = parse_wikitext_lossy("a" + construct + "b", title="Check").article.lead
    return lead != ("ab",)


def _constructs(text: str) -> list[tuple[str, int]]:
    """The constructs of ``text`` and their offsets. The pattern finds a template only
    when no template is inside it; an infobox it finds is also looked into, so that an
    edit taking the last template out of an infobox does not hide the links in it."""
    found: list[tuple[str, int]] = []
    for match in CONSTRUCT.finditer(text):
        found.append((match.group(), match.start()))
        if INFOBOX.match(match.group()):
            inner = match.group()[2:-2]
            start = match.start() + 2
            found.extend((m.group(), start + m.start()) for m in CONSTRUCT.finditer(inner))
    return found


def lost_constructs(original: str, result: Edit) -> list[str]:
    """The constructs of ``original`` missing from the result that the edit did not
    delete as text, each as ``LINE:COLUMN: construct``.

    A construct that shows nothing (a reference, a comment, a file, a category, a
    maintenance template) may go only with the element the edit removed, and is then
    listed by a change at its own line and column; a reuse of a named reference only
    where its definition took its place. A construct that shows text may go with its
    text: deleted, relabelled, rewritten, edited inside (each listed at its own line
    and column), or on lines the edit removed whole with their element.
    """
    found = _constructs(original)
    missing = Counter(item for item, _ in found) - Counter(
        item for item, _ in _constructs(result.wikitext)
    )
    if not missing:
        return []
    starts = [0] + [m.end() for m in re.finditer("\n", original)]

    def where(offset: int) -> tuple[int, int]:
        line = max(i for i, s in enumerate(starts) if s <= offset)
        return line + 1, offset - starts[line] + 1

    at = {(c.line, c.column): c for c in result.changes if c.kind in _GONE_AT}
    hidden_at = {(c.line, c.column) for c in result.changes if c.kind is ChangeKind.REMOVED_WITH}
    moved = {c.target for c in result.changes if c.kind is ChangeKind.REFERENCE_MOVED}
    removed_lines = _removed_lines(original, result)
    # The infobox is the element edited (or the place a named reference's definition
    # moved to), not a construct kept whole.
    edited_infobox = any(
        c.kind.name.startswith("PARAMETER") or c.kind is ChangeKind.REFERENCE_MOVED
        for c in result.changes
    )
    # A construct deleted with its text may hold others (a link inside the brackets of
    # one that is no link, as `[[Datei:A|thumb|a [[B]] c]]` on an English wiki): they go
    # with it. (Not one edited inside: what it held must stay, or be listed itself.)
    holders = [
        _bracketed(original, starts[c.line - 1] + c.column - 1)
        for c in result.changes
        if c.kind is ChangeKind.DELETED_AS_TEXT and 0 < c.line <= len(starts)
    ]
    lost: list[str] = []
    for construct, offset in found:
        if not missing.get(construct):
            continue
        position = where(offset)
        if INFOBOX.match(construct) and edited_infobox:
            accounted = True
        elif position[0] in removed_lines:
            accounted = True  # on lines removed whole with their element
        elif any(start < offset and offset + len(construct) <= end for start, end in holders):
            accounted = True  # inside a construct listed as gone
        elif shows_text(construct):
            accounted = position in at
        else:
            name = _name_of(construct)
            reuse = construct.endswith("/>") and name is not None
            accounted = position in hidden_at or (reuse and f"<ref name={name}>" in moved)
        if accounted:
            missing[construct] -= 1
    for construct, offset in found:
        if missing.get(construct, 0) > 0:
            line, column = where(offset)
            lost.append(f"{line}:{column}: {construct[:80]}")
            missing[construct] -= 1
    return lost


def _bracketed(text: str, start: int) -> tuple[int, int]:
    """The span of the ``[[…]]`` or ``{{…}}`` that starts at ``start`` (brackets of its
    kind inside it counted); empty when none starts there or it is left open."""
    opening = text[start : start + 2]
    if opening not in ("[[", "{{"):
        return start, start
    closing = "]]" if opening == "[[" else "}}"
    depth = 0
    position = start
    while position < len(text) - 1:
        pair = text[position : position + 2]
        if pair == opening:
            depth += 1
            position += 2
        elif pair == closing:
            depth -= 1
            position += 2
            if not depth:
                return start, position
        else:
            position += 1
    return start, start


def _removed_lines(original: str, result: Edit) -> set[int]:
    """The lines of ``original`` (1-based) that a removed element took: lines the
    result has no longer, in a stretch of changed lines where a removal is listed."""
    matcher = difflib.SequenceMatcher(
        None, original.split("\n"), result.wikitext.split("\n"), autojunk=False
    )
    removals = [c.line for c in result.changes if c.kind in _REMOVALS]
    found: set[int] = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "delete" or (tag == "replace" and any(i1 < n <= i2 for n in removals)):
            found.update(range(i1 + 1, i2 + 1))
    return found


def undefined_reuses(original: str, wikitext: str) -> list[str]:
    """Names of references reused in ``wikitext`` whose definition ``original`` had and
    ``wikitext`` has not (a reference in a comment is none)."""

    def names(text: str, reuse: bool) -> set[str]:
        found = set()
        text = re.sub(r"<!--.*?(?:-->|\Z)", "", text, flags=re.DOTALL)
        for match in re.finditer(r"<ref\b[^<>]*>", text, re.IGNORECASE):
            name = _name_of(match.group())
            if name is not None and match.group().endswith("/>") == reuse:
                found.add(name)
        return found

    defined = names(original, reuse=False)
    return sorted((names(wikitext, reuse=True) & defined) - names(wikitext, reuse=False))
