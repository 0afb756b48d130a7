"""Takes off the lists of known disagreements what now agrees with MediaWiki.

    python tests/data/fidelity/prune_known.py           # the three lists
    python tests/data/fidelity/prune_known.py --corpus  # known-disagreements.txt only

After a change to the reader: each listed case, article paragraph or page that now reads
what MediaWiki shows loses its line (a group left empty loses its heading), and what
disagrees without being listed is printed, with what MediaWiki shows and what the plain
text reads, to be fixed or listed with a reason by hand (never listed by this tool). The
article paragraphs and the pages need the offline MediaWiki (tests/mediawiki/setup.sh).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(TESTS.parent / "src"), str(TESTS), str(TESTS / "mediawiki")]

from fidelity_harness import (  # noqa: E402
    ARTICLES,
    KNOWN,
    KNOWN_ARTICLES,
    KNOWN_STRUCTURE,
    all_cases,
    article_paragraphs,
    chunks,
    expected_text,
    normalise,
    page_source,
    read_known,
    reader_outline,
    reader_text,
    vendored_pages,
)


def prune(path: Path, agreeing: set[str], disagreeing: dict[str, str]) -> None:
    known = read_known(path)
    drop = {entry.line for ident, entry in known.items() if ident in agreeing}
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for number, line in enumerate(lines, 1) if number not in drop]
    # A group's heading with no entry left under it goes too (the file's own comment,
    # before the first blank line, stays).
    first_blank = kept.index("") if "" in kept else len(kept)
    tidy = kept[:first_blank]
    for index in range(first_blank, len(kept)):
        line = kept[index]
        following = kept[index + 1] if index + 1 < len(kept) else ""
        if line.startswith("#") and (not following or following.startswith("#")):
            continue
        if not line and tidy and not tidy[-1]:
            continue
        tidy.append(line)
    path.write_text("\n".join(tidy), encoding="utf-8")
    print(f"{path.name}: {len(drop)} taken off, {len(known) - len(drop)} left")
    for ident, detail in sorted(disagreeing.items()):
        if ident not in known:
            print(f"  not listed, disagrees: {ident}\n{detail}")


def corpus() -> tuple[set[str], dict[str, str]]:
    agreeing, disagreeing = set(), {}
    for case in all_cases():
        assert case.html is not None, f"{case.id}: run make_expected.py"
        found, expected = reader_text(case.wikitext), expected_text(case.html)
        if found == expected:
            agreeing.add(case.id)
        else:
            disagreeing[case.id] = f"    MediaWiki: {expected!r}\n    plain text: {found!r}"
    return agreeing, disagreeing


def articles(mediawiki: object) -> tuple[set[str], dict[str, str]]:
    agreeing, disagreeing = set(), {}
    for path in sorted(ARTICLES.glob("*.wiki")):
        for paragraph in article_paragraphs(path):
            if paragraph.source is None:
                continue
            html = mediawiki.parse(paragraph.source, title=paragraph.title, pst=False).html  # type: ignore[attr-defined]
            found, expected = reader_text(paragraph.text, paragraph.title), expected_text(html)
            if found == expected:
                agreeing.add(paragraph.id)
            else:
                disagreeing[paragraph.id] = (
                    f"    MediaWiki: {expected!r}\n    plain text: {found!r}"
                )
    return agreeing, disagreeing


def structure(mediawiki: object) -> tuple[set[str], dict[str, str]]:
    from visible import headings

    agreeing, disagreeing = set(), {}
    for ident, title, text in vendored_pages():
        html = mediawiki.parse(page_source(text, title), title=title, pst=False).html  # type: ignore[attr-defined]
        shown = [normalise(heading) for _, heading in headings(html)]
        read, paragraphs = reader_outline(text, title)
        longest = max((len(chunk.text) for chunk in chunks(text)), default=0)
        if [normalise(h) for h in read] == shown and all(len(p) <= longest for p in paragraphs):
            agreeing.add(ident)
        else:
            disagreeing[ident] = f"    headings shown: {shown}\n    plain text: {read}"
    return agreeing, disagreeing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="the corpus's list only")
    args = parser.parse_args(argv)
    prune(KNOWN, *corpus())
    if not args.corpus:
        from oracle import MediaWiki

        with MediaWiki() as mediawiki:
            prune(KNOWN_ARTICLES, *articles(mediawiki))
            prune(KNOWN_STRUCTURE, *structure(mediawiki))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
