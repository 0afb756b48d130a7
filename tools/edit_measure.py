"""Measure apply_edit on the vendored articles and dump pages.

Prints: identity (no edit gives the original byte for byte) over every vendored
article and every page of the vendored dumps; then, for random edits of the articles
(tests/edit_scripts.py), the median number of changed lines per edit, the share of
edits applied without a replacement warning, and how often the result reads back as
the edited article.

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

from edit_scripts import random_edit, same_article  # noqa: E402
from wikiround import parse_wikitext_lossy, render_plaintext  # noqa: E402
from wikiround.dumps import iter_pages, open_dump  # noqa: E402
from wikiround.editing import ChangeKind, apply_edit  # noqa: E402


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
    options = parser.parse_args()
    articles = _articles()
    held, total = _identity(articles)
    print(f"identity, vendored articles: {held}/{total}")
    held, total = _identity(_dump_pages())
    print(f"identity, dump pages: {held}/{total}")
    chooser = random.Random(options.seed)
    changed_lines: list[int] = []
    clean = read_back = whole = 0
    kinds: Counter[str] = Counter()
    warned: Counter[str] = Counter()
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
        result = apply_edit(text, edited, title=title)
        diff = difflib.unified_diff(text.splitlines(), result.wikitext.splitlines(), n=0)
        changed_lines.append(
            sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))
        )
        if result.warnings:
            warned[kind] += 1
            whole += any(change.kind is ChangeKind.REPLACED for change in result.warnings)
        else:
            clean += 1
        again = parse_wikitext_lossy(result.wikitext, title=title).article
        read_back += same_article(again, edited)
    print(f"random edits: {done} (seed {options.seed}); by kind: {dict(sorted(kinds.items()))}")
    print(f"median changed lines per edit: {statistics.median(changed_lines)}")
    print(f"applied without a replacement warning: {clean}/{done} ({clean / done:.1%})")
    print(f"  warnings by kind: {dict(sorted(warned.items()))}")
    print(f"  of which an element was written anew (not spliced): {whole}")
    print(f"read back as the edited article: {read_back}/{done} ({read_back / done:.1%})")


if __name__ == "__main__":
    main()
