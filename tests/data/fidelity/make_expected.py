"""Writes MediaWiki's HTML and visible text beside every case of the fidelity corpus.

    python tests/data/fidelity/make_expected.py            # every family
    python tests/data/fidelity/make_expected.py tables     # some families

For each case in cases/FAMILY.txt, the offline MediaWiki (tests/mediawiki, set up with
tests/mediawiki/setup.sh) renders the case's wikitext, its template calls first replaced
by what the reader renders for them (fidelity_harness.substitute_templates); the file is
written again with the HTML MediaWiki gave (``%% html``) and its visible text, one block a
line (``%% visible``, from tests/mediawiki/visible.py). The expected text is therefore
always MediaWiki's, never written by hand; run this again after adding or changing a case,
after a change to the extractor, or when the test that checks the stored HTML says that
MediaWiki (or the reader's rendering of a template) now gives another.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(TESTS), str(TESTS / "mediawiki")]

from oracle import MediaWiki  # noqa: E402
from visible import visible_text  # noqa: E402

from fidelity_harness import (  # noqa: E402
    CASES,
    TITLE,
    Case,
    header_of,
    read_cases,
    substitute_templates,
    write_cases,
)


def render(mediawiki: MediaWiki, case: Case) -> Case:
    source = substitute_templates(case.wikitext)
    if source is None:
        raise SystemExit(f"{case.id}: the reader does not know a template of this case")
    html = mediawiki.parse(source, title=TITLE).html
    return Case(case.family, case.name, case.wikitext, html, visible_text(html))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("families", nargs="*", help="families to write (default: all)")
    args = parser.parse_args(argv)
    files = sorted(CASES.glob("*.txt"))
    if args.families:
        files = [CASES / f"{family}.txt" for family in args.families]
    with MediaWiki() as mediawiki:
        for path in files:
            cases = [render(mediawiki, case) for case in read_cases(path)]
            write_cases(path, header_of(path), cases)
            print(f"{path.name}: {len(cases)} cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
