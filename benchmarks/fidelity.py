"""Fidelity benchmark: the plain text of wikiround and of its peers against what MediaWiki
shows, per construct family.

    python benchmarks/fidelity.py                  # writes the table into docs/fidelity.md
    python benchmarks/fidelity.py --smoke -o x.md  # a few cases a family (the smoke test)
    python benchmarks/fidelity.py --show wikiround # also print each case a tool gets wrong

The inputs are the cases of the fidelity corpus (tests/data/fidelity/cases, MediaWiki's
HTML stored beside each) and, when the offline MediaWiki is set up
(tests/mediawiki/setup.sh), the source paragraphs of the vendored real articles, judged as
tests/mediawiki/test_fidelity.py judges them. docs/fidelity.md says how the expected text is
made. The tools, on the same wikitext:

- wikiround: ``parse_wikitext_lossy(text, keep_reference_sections=True)``, headings and
  paragraphs (fidelity_harness.reader_text), against the expected text in the plain
  format's conventions: exactly what the tests check;
- mwparserfromhell: ``parse(text).strip_code()``;
- wikitextparser: ``parse(text).plain_text()``;
- wtf_wikipedia: ``wtf(text).text()`` (Node).

A peer's text is forgiven its list markers and heading marks (a line's leading ``*#:;``
and the ``=`` around a heading line are taken off), and it matches when it equals either
MediaWiki's visible text as shown or the same in the plain format's conventions (its token
F1 is the better of the two). Every text is compared whitespace-collapsed, with no space
before a comma (fidelity_harness.normalise). Peers are installed here (pip --target and npm
into benchmarks/.peers/) unless --no-install; a peer that cannot be had is left out, and the
table says so.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
PEERS = HERE / ".peers"
PYTHON_PEERS = PEERS / "python"
DOC = ROOT / "docs" / "fidelity.md"
HEADING = "## The benchmark"
WTF_VERSION = "10.4.2"  # as benchmarks/run.py
WTP_VERSION = "3.0.0"

sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "mediawiki")]

from visible import visible_blocks  # noqa: E402

from fidelity_harness import (  # noqa: E402
    ARTICLES,
    all_cases,
    article_paragraphs,
    comparable,
    normalise,
    plain_form,
    reader_text,
    token_f1,
)

TOOLS = {
    "wikiround": "wikiround `parse_wikitext_lossy`",
    "mwparserfromhell": "mwparserfromhell `strip_code()`",
    "wikitextparser": "wikitextparser `plain_text()`",
    "wtf_wikipedia": "wtf_wikipedia `.text()`",
}


def log(message: str) -> None:
    print(f"[fidelity] {message}", file=sys.stderr, flush=True)


# -- peers ------------------------------------------------------------------------------


def install_peers() -> None:
    if not (PYTHON_PEERS / "wikitextparser").is_dir():
        log(f"pip install wikitextparser=={WTP_VERSION} into {PYTHON_PEERS.relative_to(ROOT)}")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(PYTHON_PEERS),
             f"wikitextparser=={WTP_VERSION}"],
            check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    if shutil.which("npm") and not (PEERS / "node_modules" / "wtf_wikipedia").is_dir():
        log(f"npm install wtf_wikipedia@{WTF_VERSION} into {PEERS.relative_to(ROOT)}")
        PEERS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PEERS), "--no-audit", "--no-fund",
             f"wtf_wikipedia@{WTF_VERSION}"],
            check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip


_WTF_SCRIPT = """
const readline = require("readline");
const loaded = require(process.argv[2]);
const wtf = loaded.default || loaded;
const version = require(process.argv[2] + "/package.json").version;
console.log(JSON.stringify({ version: version }));
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let text = "";
  try { text = wtf(JSON.parse(line)).text(); } catch (error) { text = ""; }
  console.log(JSON.stringify({ text: text }));
});
"""


class Wtf:
    """wtf_wikipedia in one Node process: a JSON string a line in, its text out."""

    def __init__(self) -> None:
        self.problem = ""
        self.version = ""
        self.process: subprocess.Popen[str] | None = None
        module = PEERS / "node_modules" / "wtf_wikipedia"
        if not shutil.which("node"):
            self.problem = "node is not installed"
        elif not module.is_dir():
            self.problem = "wtf_wikipedia could not be installed with npm"
        else:
            script = PEERS / "wtf_fidelity.js"
            script.write_text(_WTF_SCRIPT, encoding="utf-8")
            self.process = subprocess.Popen(
                ["node", str(script), str(module)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
            )  # fmt: skip
            self.version = json.loads(self._line())["version"]

    def _line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("wtf_wikipedia stopped")
        return line

    def text(self, wikitext: str) -> str:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(json.dumps(wikitext) + "\n")
        self.process.stdin.flush()
        return str(json.loads(self._line())["text"])

    def close(self) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait()


def peers(
    no_install: bool,
) -> tuple[dict[str, Callable[[str], str]], dict[str, str], Wtf]:
    """The peers that can run here, for each its version or why it is missing, and the
    wtf_wikipedia process (to close)."""
    import mwparserfromhell

    tools: dict[str, Callable[[str], str]] = {}
    notes = {"mwparserfromhell": mwparserfromhell.__version__}
    tools["mwparserfromhell"] = lambda text: str(mwparserfromhell.parse(text).strip_code())
    if not no_install:
        install_peers()
    if PYTHON_PEERS.is_dir():
        sys.path.append(str(PYTHON_PEERS))
    try:
        import wikitextparser
    except ImportError:
        notes["wikitextparser"] = "not installed"
    else:
        tools["wikitextparser"] = lambda text: str(wikitextparser.parse(text).plain_text())
        notes["wikitextparser"] = getattr(wikitextparser, "__version__", WTP_VERSION)
    wtf = Wtf()
    if wtf.process is None:
        notes["wtf_wikipedia"] = wtf.problem
    else:
        tools["wtf_wikipedia"] = wtf.text
        notes["wtf_wikipedia"] = wtf.version
    return tools, notes, wtf


# -- scoring ----------------------------------------------------------------------------

_LIST_MARKERS = re.compile(r"^[ \t]*[*#:;]+[ \t]*", re.M)
_HEADING_LINE = re.compile(r"^[ \t]*(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$", re.M)


def forgiven(text: str) -> str:
    """A peer's text without list markers and heading marks."""
    return _LIST_MARKERS.sub("", _HEADING_LINE.sub(r"\2", text))


class Score:
    def __init__(self) -> None:
        self.cases = 0
        self.exact = 0
        self.f1 = 0.0
        self.wrong: list[str] = []

    def add(self, ident: str, found: str, expected: tuple[str, ...]) -> None:
        self.cases += 1
        if found in expected:
            self.exact += 1
        else:
            self.wrong.append(f"{ident}: {found!r} (MediaWiki: {expected[0]!r})")
        self.f1 += max(token_f1(found, form) for form in expected)

    def cells(self) -> str:
        if not self.cases:
            return "– | –"
        return f"{100 * self.exact / self.cases:.0f} | {self.f1 / self.cases:.2f}"


def expected_forms(html: str) -> tuple[str, str]:
    """MediaWiki's visible text in the plain format's conventions, and as shown."""
    blocks = visible_blocks(html)
    return comparable(plain_form(blocks)), comparable(block.text for block in blocks)


def score_case(
    scores: dict[str, Score], tools: dict[str, Callable[[str], str]], ident: str, wikitext: str,
    title: str, html: str,
) -> None:  # fmt: skip
    conventional, shown = expected_forms(html)
    scores["wikiround"].add(ident, reader_text(wikitext, title), (conventional,))
    for name, tool in tools.items():
        try:
            found = normalise(forgiven(tool(wikitext)))
        except Exception as error:  # a peer's failure on one input is its miss, not ours
            found = f"<{type(error).__name__}>"
        scores[name].add(ident, found, (conventional, shown))


# -- the run ----------------------------------------------------------------------------


def article_rows(
    tools: dict[str, Callable[[str], str]], smoke: bool
) -> tuple[dict[str, Score], str]:
    scores = {name: Score() for name in TOOLS}
    try:
        from oracle import MediaWiki, mediawiki_problem
    except ImportError as error:  # pragma: no cover - the folder is in the tree
        return scores, str(error)
    problem = mediawiki_problem()
    if problem:
        return scores, f"MediaWiki is not set up ({problem})"
    files = sorted(ARTICLES.glob("*.wiki"))[: 2 if smoke else None]
    with MediaWiki() as mediawiki:
        for path in files:
            for paragraph in article_paragraphs(path):
                if paragraph.source is None:
                    continue
                html = mediawiki.parse(paragraph.source, title=paragraph.title, pst=False).html
                score_case(scores, tools, paragraph.id, paragraph.text, paragraph.title, html)
    return scores, ""


def table(
    families: dict[str, dict[str, Score]], articles: dict[str, Score], articles_note: str
) -> list[str]:
    names = list(TOOLS)
    lines = [
        "| family | cases | " + " | ".join(f"{n} exact % | F1" for n in names) + " |",
        "| --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |",
    ]
    total = {name: Score() for name in names}
    for family, scores in families.items():
        cells = " | ".join(scores[n].cells() for n in names)
        lines.append(f"| {family} | {scores['wikiround'].cases} | {cells} |")
        for name in names:
            total[name].cases += scores[name].cases
            total[name].exact += scores[name].exact
            total[name].f1 += scores[name].f1
    cells = " | ".join(
        "**" + total[n].cells().replace(" | ", "** | **") + "**" if total[n].cases else "– | –"
        for n in names
    )
    lines.append(f"| **all cases** | {total['wikiround'].cases} | {cells} |")
    if articles["wikiround"].cases:
        cells = " | ".join(articles[n].cells() for n in names)
        lines.append(f"| real-article paragraphs | {articles['wikiround'].cases} | {cells} |")
    else:
        lines.append(f"| real-article paragraphs | – | {articles_note or 'not run'} |")
    return lines


def write(path: Path, body: list[str]) -> None:
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = before.split(f"\n{HEADING}\n")[0].rstrip("\n")
    path.write_text(kept + "\n\n" + "\n".join([HEADING, "", *body]) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=DOC, help="the page to write")
    parser.add_argument("--smoke", action="store_true", help="a few cases a family")
    parser.add_argument("--no-install", action="store_true", help="do not install peers")
    parser.add_argument("--no-articles", action="store_true", help="corpus cases only")
    parser.add_argument("--show", metavar="TOOL", help="print the cases TOOL gets wrong")
    args = parser.parse_args(argv)
    if args.show and args.show not in TOOLS:
        parser.error(f"--show takes one of {', '.join(TOOLS)}")
    started = time.perf_counter()
    tools, notes, wtf = peers(args.no_install)
    families: dict[str, dict[str, Score]] = {}
    for case in all_cases():
        scores = families.setdefault(case.family, {name: Score() for name in TOOLS})
        if args.smoke and scores["wikiround"].cases >= 3:
            continue
        assert case.html is not None, f"{case.id}: run tests/data/fidelity/make_expected.py"
        score_case(scores, tools, case.id, case.wikitext, "Test page", case.html)
    log(f"{sum(s['wikiround'].cases for s in families.values())} cases scored")
    articles, articles_note = (
        ({name: Score() for name in TOOLS}, "left out (--no-articles)")
        if args.no_articles
        else article_rows(tools, args.smoke)
    )
    wtf.close()
    if args.show:
        for scores in [*families.values(), articles]:
            for line in scores[args.show].wrong:
                print(line)
    versions = ", ".join(f"{name}: {notes[name]}" for name in TOOLS if name in notes)
    body = [
        f"Measured by `python benchmarks/fidelity.py` on {platform.python_implementation()} "
        f"{platform.python_version()} ({versions}).",
        "Exact: the share of inputs whose text equals what MediaWiki shows (whitespace",
        "collapsed); F1: the mean token F1 (words and punctuation marks). wikiround is held to",
        "the plain format's conventions, as the tests hold it; a peer is forgiven its list",
        "markers and heading marks, and matches MediaWiki's text either as shown or in those",
        "conventions. The templates family favours wikiround by construction: MediaWiki is",
        "given what wikiround renders for each template (point 5 of the measure above), which",
        "the peers, given the same wikitext, cannot know. Real-article paragraphs: the source",
        "paragraphs of the vendored articles judged as the tests judge them (see above).",
        "",
        *table(families, articles, articles_note),
    ]
    print("\n".join(body))
    write(args.output, body)
    log(f"wrote {args.output} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
