"""Hostile and odd inputs for the lossy reader, each family at sizes spanning ×64.

    python benchmarks/pathological.py            # every family, 4 sizes up to 100 KB
    python benchmarks/pathological.py --family '<ref>' --largest 400000
    python benchmarks/pathological.py --cli      # tables of 1 and 5 MB, the command line

For each family the reader (``parse_wikitext_lossy`` + ``render_plaintext``) is timed
on inputs of about 1/64, 1/16, 1/4 and 1 × the largest size, in a child process per
family (so that one that runs away is stopped at ``--budget`` seconds and the others go
on). Each size is timed in CPU seconds of the child (time spent waiting for a core on a
loaded machine is not counted), the best of 3 to 20 runs (more for small ones, which
load disturbs most). Printed per family: seconds per MB at each size and the growth
exponent, the slope of log(time) against log(size) (1 is linear, 2 quadratic).
``benchmarks/run.py`` puts this table into docs/performance.md.

With ``--cli``, pages of tables (``CLI_PAGES``) are converted by the command line as a
user runs it (``wikiround page.wiki -o page.txt``, its ``main`` in a fresh process), and
printed per page: its size, the process's peak resident memory, what that adds to the
peak of the same command on a page of one line (the interpreter and the package), over
the page's size, and the CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: unit * max(1, size // len(unit))


def _nested_templates(size: int) -> str:
    depth = max(1, size // 8)
    return "{{a|" * depth + "x" + "}}" * depth


def _nested_lists(size: int) -> str:
    # Each line one level deeper than the last, up to 200 levels, then again.
    lines, total, level = [], 0, 0
    while total < size:
        level = level % 200 + 1
        line = "*" * level + " item\n"
        lines.append(line)
        total += len(line)
    return "".join(lines)


def _wide_table(size: int) -> str:
    return "{|\n|" + "a||" * max(1, size // 3) + "b\n|}\n"


def _table_rows(size: int) -> str:
    # A table as articles hold them: rows of links, numbers, words, references, bold.
    row = "|-\n| [[Paris|The city]] || 1990 || some words<ref>r</ref> || '''bold''' text\n"
    return '{| class="wikitable"\n! A !! B !! C !! D\n' + row * max(1, size // len(row)) + "|}\n"


def _deep_table(size: int) -> str:
    depth = max(1, size // 12)
    return "{|\n|\n" * depth + "x\n" + "|}\n" * depth


def _huge_argument(size: int) -> str:
    return "Text.{{cite web|title=" + "word " * max(1, size // 5) + "}} More."


def _long_line(size: int) -> str:
    return "word " * max(1, size // 5)


# MediaWiki's extension tags on Wikipedia (the ones a page most often holds).
_EXTENSION_TAGS = (
    "ref", "nowiki", "pre", "gallery", "math", "syntaxhighlight", "poem", "references",
    "imagemap", "timeline", "score", "templatedata", "chem", "hiero", "mapframe",
)  # fmt: skip


def _unbalanced(opening: str, closing: str) -> Callable[[int], str]:
    """Openings, all but the last never closed, then one closing at the end."""
    return lambda size: opening * max(1, (size - len(closing)) // len(opening)) + closing


# name -> text of about ``size`` characters
FAMILIES: dict[str, Callable[[int], str]] = {
    **{f"<{tag}> unclosed": _repeat(f"<{tag}>") for tag in _EXTENSION_TAGS},
    **{f"<{tag}>…</{tag}>": _unbalanced(f"<{tag}>", f"</{tag}>") for tag in _EXTENSION_TAGS},
    "</nowiki> alone": _repeat("</nowiki>"),
    "</ref> alone": _repeat("</ref>"),
    "<ref name=a> unclosed": _repeat('<ref name="a">'),
    "<ref>…</ref></ref>": _repeat("<ref>a</ref></ref>"),
    "<div> unclosed": _repeat("<div>"),
    "<span> unclosed": _repeat("<span>"),
    "<div>…</div>": _unbalanced("<div>", "</div>"),
    "</div> alone": _repeat("</div>"),
    "[[": _repeat("[["),
    "[[a|": _repeat("[[a|"),
    "[[a|…]]": _unbalanced("[[a|", "]]"),
    "{{": _repeat("{{"),
    "{{a|": _repeat("{{a|"),
    "{{a|…}}": _unbalanced("{{a|", "}}"),
    "{{{": _repeat("{{{"),
    "'''''": _repeat("'''''x"),
    "[http://a.b ": _repeat("[http://a.b "),
    "[http://a.b …]": _unbalanced("[http://a.b ", "]"),
    "nested templates": _nested_templates,
    "nested lists": _nested_lists,
    "wide table": _wide_table,
    "table rows": _table_rows,
    "deep table": _deep_table,
    "headings": _repeat("== h ==\n"),
    "long line": _long_line,
    "many short lines": _repeat("a\n"),
    "one huge template argument": _huge_argument,
    "many references": _repeat("a<ref>b</ref>"),
}

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from pathological import FAMILIES, peak_kb
from wikiround import parse_wikitext_lossy, render_plaintext
make = FAMILIES[sys.argv[3]]
budget = float(sys.argv[4])
parse_wikitext_lossy("x", title="T")
before = peak_kb()
for size in json.loads(sys.argv[5]):
    text = make(size)
    # Best of at least 3 runs, more (up to 20) while they take under 0.5 s in all: a
    # small input takes a millisecond, which a loaded machine easily doubles.
    runs, best, spent = 0, float("inf"), 0.0
    while runs < 3 or (runs < 20 and spent < 0.5):
        start = time.process_time()
        render_plaintext(parse_wikitext_lossy(text, title="T").article)
        took = time.process_time() - start
        best, spent, runs = min(best, took), spent + took, runs + 1
    # Sizes grow, so the peak so far is that of this size (its text included).
    added = (peak_kb() - before) * 1024
    print(json.dumps([len(text.encode("utf-8")), best, added]), flush=True)
    if best > budget / 4:
        break
"""


def peak_kb() -> int:
    """This process's peak resident memory so far, in KB: VmHWM, not ru_maxrss, which
    Linux carries over from the parent across exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


# (family, size): the pages --cli converts.
CLI_PAGES = [("wide table", 1 * MB), ("wide table", 5 * MB), ("table rows", 5 * MB)]

_CLI_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from pathological import peak_kb
from wikiround._app._cli import main
status = main(sys.argv[3:])
print(status, peak_kb())
"""


def cli_run(page: Path) -> tuple[int, float]:
    """(peak KB, CPU seconds) of the command line converting ``page`` to plain text in
    a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", _CLI_CHILD, str(ROOT / "src"), str(ROOT / "benchmarks"),
         str(page), "-o", str(page.with_suffix(".txt")), "--quiet"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    status, peak = (int(value) for value in done.stdout.split())
    assert status == 0, done.stderr
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return peak, cpu


def cli_table(pages: list[tuple[str, int]]) -> list[str]:
    """The --cli table, as Markdown lines."""
    lines = [
        "| page | MB | peak RSS MB | added ÷ size | CPU s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    with tempfile.TemporaryDirectory(prefix="wikiround-pathological-") as temporary:
        work = Path(temporary)
        baseline_page = work / "line.wiki"
        baseline_page.write_text("A line of words.\n", encoding="utf-8")
        baseline, _ = cli_run(baseline_page)
        lines.append(f"| one line (the baseline) | 0 | {baseline / 1024:.0f} | | |")
        for name, size in pages:
            page = work / "page.wiki"
            page.write_text(FAMILIES[name](size), encoding="utf-8")
            mb = page.stat().st_size / MB
            peak, cpu = cli_run(page)
            added = (peak - baseline) * 1024 / page.stat().st_size
            lines.append(f"| `{name}` | {mb:.1f} | {peak / 1024:.0f} | {added:.1f}× | {cpu:.1f} |")
    return lines


def sizes(largest: int) -> list[int]:
    return [largest // 64, largest // 16, largest // 4, largest]


def run_family(
    name: str, largest: int, budget: float
) -> list[tuple[int, float | None, int | None]]:
    """(bytes, seconds, bytes of peak memory added) at each size; seconds and memory
    None where the size was not reached in ``budget`` seconds (or skipped because a
    smaller one was already slow)."""
    wanted = sizes(largest)
    command = [sys.executable, "-c", _CHILD, str(ROOT / "src"), str(ROOT / "benchmarks"),
               name, str(budget), json.dumps(wanted)]  # fmt: skip
    results: list[tuple[int, float | None, int | None]] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        # The child is stopped at the budget even while it is stuck in one size.
        timer = threading.Timer(budget, child.kill)
        timer.start()
        try:
            for line in child.stdout:
                size, seconds, added = json.loads(line)
                results.append((size, seconds, added))
        finally:
            timer.cancel()
            child.kill()
    for size in wanted[len(results) :]:
        results.append((len(FAMILIES[name](size).encode("utf-8")), None, None))
    return results


def exponent(points: list[tuple[int, float | None]]) -> float | None:
    """The least-squares slope of log(seconds) against log(bytes)."""
    known = [(math.log(b), math.log(s)) for b, s in points if s is not None and s > 0]
    if len(known) < 2:
        return None
    mean_x = sum(x for x, _ in known) / len(known)
    mean_y = sum(y for _, y in known) / len(known)
    spread = sum((x - mean_x) ** 2 for x, _ in known)
    return sum((x - mean_x) * (y - mean_y) for x, y in known) / spread if spread else None


def table(largest: int, budget: float, names: list[str] | None = None,
          log: Callable[[str], None] | None = None) -> list[dict[str, str]]:  # fmt: skip
    rows = []
    for name in names or list(FAMILIES):
        if log:
            log(f"pathological: {name}")
        measured = run_family(name, largest, budget)
        points = [(size, seconds) for size, seconds, _ in measured]
        row = {"family": f"`{name}`"}
        for size, seconds in points:
            label = f"s/MB at {size / 1000:,.1f} KB"
            row[label] = "—" if seconds is None else f"{seconds / (size / MB):.2f}"
        slope = exponent(points)
        row["exponent"] = "—" if slope is None else f"{slope:.2f}"
        largest_seconds = points[-1][1]
        row[f"seconds at {points[-1][0] / 1000:,.0f} KB"] = (
            f"> {budget:.0f}" if largest_seconds is None else f"{largest_seconds:.3f}"
        )
        reached = [(size, added) for size, _, added in measured if added is not None]
        row["memory"] = f"{reached[-1][1] / reached[-1][0]:,.0f}×" if reached else "—"
        rows.append(row)
    return rows


def markdown(rows: list[dict[str, str]]) -> list[str]:
    """The rows as a table; column labels differ per family (sizes), so the header
    names the sizes by their share of the largest."""
    header = ["family", "s/MB at 1/64", "at 1/16", "at 1/4", "at 1", "exponent",
              "seconds, largest", "memory ÷ size, largest"]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |",
             "| --- | " + " | ".join("---:" for _ in header[1:]) + " |"]  # fmt: skip
    for row in rows:
        values = list(row.values())
        lines.append("| " + " | ".join(values) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--largest", type=int, default=100_000, help="bytes (default 100 KB)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per family")
    parser.add_argument("--family", action="append", help="only these families")
    parser.add_argument("--cli", action="store_true", help="tables through the command line")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    if args.cli:
        print("\n".join(cli_table(CLI_PAGES)))
        return 0
    rows = table(args.largest, args.budget, args.family,
                 lambda message: print(message, file=sys.stderr, flush=True))  # fmt: skip
    print("\n".join(markdown(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
