"""Write what the lossy reader makes of every vendored article and dump page to one file.

Usage: ``python tools/corpus_snapshot.py OUT`` (``-`` for standard output). Each page is
read with the default options and with the other choice of each option; for each read
the file holds the article as JSON, then its report, one line per entry. Take a
snapshot before changing the reader and one after, and compare them with ``cmp`` or
``diff``: a change that should keep the behaviour must leave them byte-identical.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wikiround import parse_wikitext_lossy, to_json  # noqa: E402  (needs the path above)
from wikiround.dumps import iter_pages  # noqa: E402

DATA = ROOT / "tests" / "data"
OPTIONS = (
    {},
    {"keep_lists": False},
    {"keep_reference_sections": True},
    {"keep_lists": False, "keep_reference_sections": True},
    {"keep_captions": False, "keep_galleries": False},
)


def pages() -> Iterator[tuple[str, str, str]]:
    """(label, title, wikitext) of every vendored article and every page of every dump."""
    for path in sorted((DATA / "articles").glob("*.wiki")):
        yield (
            path.name,
            path.stem.partition("__")[2].replace("_", " ") or "Page",
            (path.read_text(encoding="utf-8")),
        )
    for path in sorted((DATA / "golden").glob("*.wiki")):
        yield f"golden/{path.name}", "Page", path.read_text(encoding="utf-8")
    for path in sorted((DATA / "dumps").glob("*.xml")):
        for number, page in enumerate(iter_pages(path, namespaces=None, redirects=True)):
            yield f"{path.name}#{number}", "Page", page.text


def snapshot() -> Iterator[str]:
    for label, title, text in pages():
        for options in OPTIONS:
            yield f"=== {label} {sorted(options.items())}"
            try:
                result = parse_wikitext_lossy(text, title=title, **options)
            except Exception as error:  # a raise is part of the behaviour recorded
                yield f"raised {type(error).__name__}: {error}"
                continue
            yield to_json(result.article)
            yield from result.report.lines()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    text = "\n".join(snapshot()) + "\n"
    if argv[0] == "-":
        sys.stdout.write(text)
    else:
        Path(argv[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
