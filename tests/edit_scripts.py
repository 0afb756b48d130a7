"""Edit scripts: the changes an editor makes to an article read from a real page.

``random_edit(article, pick)`` makes one edit; ``pick`` chooses among options (a
hypothesis ``draw`` of ``sampled_from`` in the property tests, ``random.choice`` in
tools/edit_measure.py), so both explore the same edits. Each edit returns the edited
article and a short name of what it did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from wikiround import Article, Infobox
from wikiround.dates import parse_date
from wikiround.model import build_sections
from wikiround.officeholder import Officeholder

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
            changed = " ".join(words).strip()
            if not changed or changed == paragraphs[k]:
                return article, "none"
            paragraphs[k] = changed
        elif kind == "append sentence":
            paragraphs[k] = paragraphs[k] + " An editor added this sentence."
        elif kind == "change word":
            words = paragraphs[k].split(" ")
            index = pick(range(len(words)))
            words[index] = pick(WORDS)
            changed = " ".join(words).strip()
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
