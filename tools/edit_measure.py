"""Measure apply_edit on the vendored articles and dump pages.

Prints: identity (no edit gives the original byte for byte) over every vendored
article and every page of the vendored dumps; then, for random edits of the articles
(tests/edit_scripts.py), made as an editor makes them (the article read from the page,
edited, applied with that page as the base):

- applied exactly: the edit was placed without a replacement or any loss;
- refused: apply_edit raised EditError, nothing written (with the reasons, by kind);
- applied with a warning (a replacement): must be 0, as losses are not allowed;
- lost constructs: references, templates, files, categories, comments and links of the
  page missing from the result although the edit did not delete them as text
  (tests/edit_scripts.py, lost_constructs), and named references left without their
  definition; must be 0;
- the result read back as the edited article;
- the same edits without the base: how many are refused as not an edit of this page.

    python tools/edit_measure.py [--edits 500] [--seed 1]
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from edit_scripts import (  # noqa: E402
    lost_constructs,
    random_edit,
    same_article,
    undefined_reuses,
)
from wikiround import parse_wikitext_lossy, render_plaintext  # noqa: E402
from wikiround.dumps import iter_pages, open_dump  # noqa: E402
from wikiround.editing import ChangeKind, EditError, apply_edit  # noqa: E402


def _articles() -> list[tuple[str, str]]:
    folder = ROOT / "tests" / "data" / "articles"
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.wiki"))]


def _dump_pages() -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] = []
    for path in sorted((ROOT / "tests" / "data" / "dumps").glob("*.xml")):
        with open_dump(path) as stream:
            for page in iter_pages(stream):
                pages.append((page.title, page.text))
    return pages


def _identity(pages: list[tuple[str, str]]) -> tuple[int, int]:
    held = 0
    for title, text in pages:
        title = title.strip() or "Untitled"
        article = parse_wikitext_lossy(text, title=title).article
        by_model = apply_edit(text, article, title=title).wikitext == text
        by_text = apply_edit(text, render_plaintext(article), title=title).wikitext == text
        held += by_model and by_text
    return held, len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="print each refusal and loss")
    options = parser.parse_args()
    articles = _articles()
    held, total = _identity(articles)
    print(f"identity, vendored articles: {held}/{total}")
    held, total = _identity(_dump_pages())
    print(f"identity, dump pages: {held}/{total}")
    chooser = random.Random(options.seed)
    changed_lines: list[int] = []
    exact = refused = warned = read_back = lost = unmoored = 0
    kinds: Counter[str] = Counter()
    refusals: Counter[str] = Counter()
    not_this_page = 0
    done = 0
    while done < options.edits:
        name, text = chooser.choice(articles)
        title = name.partition("__")[2] or name
        article = parse_wikitext_lossy(text, title=title).article
        edited, kind = random_edit(article, chooser.choice)
        if kind == "none" or edited == article:
            continue
        done += 1
        kinds[kind] += 1
        try:
            apply_edit(text, edited, title=title)
        except EditError as error:
            not_this_page += any(c.kind is ChangeKind.NOT_THIS_PAGE for c in error.changes)
        try:
            result = apply_edit(text, edited, base=text, title=title)
        except EditError as error:
            refused += 1
            refusals[f"{kind}: {error.changes[0].kind.value}"] += 1
            if options.verbose:
                print(f"  refused ({kind}, {name}): {error}"[:300])
            continue
        diff = difflib.unified_diff(text.splitlines(), result.wikitext.splitlines(), n=0)
        changed_lines.append(
            sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))
        )
        if result.warnings:
            warned += 1
        else:
            exact += 1
        gone = lost_constructs(text, result)
        orphans = undefined_reuses(text, result.wikitext)
        lost += len(gone)
        unmoored += len(orphans)
        if options.verbose and (gone or orphans):
            print(f"  lost ({kind}, {name}): {gone} {orphans}")
        again = parse_wikitext_lossy(result.wikitext, title=title).article
        read_back += same_article(again, edited)
    applied = done - refused
    print(f"random edits: {done} (seed {options.seed}); by kind: {dict(sorted(kinds.items()))}")
    print(f"applied exactly (no replacement, nothing lost): {exact}/{done} ({exact / done:.1%})")
    print(f"refused, nothing written: {refused}/{done} ({refused / done:.1%})")
    print(f"  reasons: {dict(sorted(refusals.items()))}")
    print(f"applied with a warning (a replacement): {warned}")
    print(
        f"lost constructs outside edited text: {lost}; reuses left without definition: {unmoored}"
    )
    print(f"read back as the edited article: {read_back}/{applied}")
    print(f"median changed lines per edit: {statistics.median(changed_lines)}")
    print(f"without the base: {not_this_page} refused as not an edit of this page")


if __name__ == "__main__":
    main()
