"""wikiround's benchmarks, side by side with the tools users would pick instead.

    python benchmarks/run.py                 # everything; writes docs/performance.md
    python benchmarks/run.py --smoke -o x.md # a tiny run (the test suite's smoke test)

Measures, in one run on one machine:

1. wikitext -> plain text over the vendored real articles (tests/data/articles): wikiround's
   lossy reader, wtf_wikipedia on Node, mwparserfromhell parse + strip_code(), pandoc, and
   mwparserfromhell's tokenizer alone (the floor under anything built on it); a profile
   of where wikiround's time goes.
2. plain text -> wikitext over a large generated corpus.
3. a dump through the command line: pages/s with -j 1 and -j 2, and peak memory (RSS)
   for the vendored 3.6 MB dump and for a synthetic dump of >= 500 MB made by repeating
   its pages.

Peers are installed here (npm into benchmarks/.peers/, pandoc with apt) unless
--no-install; a peer that cannot be had is skipped, and the table says so.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
PEERS = HERE / ".peers"
ARTICLES = ROOT / "tests" / "data" / "articles"
DUMP = (
    ROOT / "tests" / "data" / "dumps" / "dumpster-dive_smallwiki-latest-pages-articles_ltgwiki.xml"
)
SMALL_DUMP = ROOT / "tests" / "data" / "dumps" / "dumpster-dive_tinywiki-latest-pages-articles.xml"
WTF_VERSION = "10.4.2"
MB = 1_000_000

sys.path.insert(0, str(ROOT / "src"))

from wikiround.dumps import export_footer, export_header, export_page, iter_pages  # noqa: E402
from wikiround.lossy import parse_wikitext_lossy  # noqa: E402
from wikiround.plaintext import parse_plaintext, render_plaintext  # noqa: E402
from wikiround.wikitext import render_wikitext  # noqa: E402

Row = dict[str, str]


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- peers --------------------------------------------------------------------------------


def install_peers() -> None:
    if shutil.which("npm") and not (PEERS / "node_modules" / "wtf_wikipedia").is_dir():
        log(f"npm install wtf_wikipedia@{WTF_VERSION} into {PEERS.relative_to(ROOT)}")
        PEERS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PEERS), "--no-audit", "--no-fund",
             f"wtf_wikipedia@{WTF_VERSION}"],
            check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    if not shutil.which("pandoc") and shutil.which("apt-get") and os.geteuid() == 0:
        log("apt-get install pandoc")
        subprocess.run(["apt-get", "install", "-y", "pandoc"], check=False,
                       stdout=subprocess.DEVNULL)  # fmt: skip


# -- 1. wikitext -> plain text --------------------------------------------------------------


def best_of(rounds: int, work: Callable[[], object]) -> float:
    """The shortest of ``rounds`` timings of ``work()``, in seconds."""
    work()  # warm up: imports, caches
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def title_of(path: Path) -> str:
    """A page title from a vendored article's file name (``source__Title.wiki``)."""
    return path.stem.split("__")[-1].replace("_", " ").strip() or "Untitled"


def wikiround_plain(articles: list[tuple[str, str]]) -> None:
    for title, text in articles:
        render_plaintext(parse_wikitext_lossy(text, title=title).article)


def mwph_strip(articles: list[tuple[str, str]]) -> None:
    import mwparserfromhell

    for _, text in articles:
        mwparserfromhell.parse(text).strip_code()


def mwph_parse(articles: list[tuple[str, str]]) -> None:
    import mwparserfromhell

    for _, text in articles:
        mwparserfromhell.parse(text)


def wikiround_strip(articles: list[tuple[str, str]]) -> None:
    from wikiround.lossy._references import strip_references

    for _, text in articles:
        strip_references(text)


def wikiround_tokenize(articles: list[tuple[str, str]]) -> None:
    from mwparserfromhell.parser import CTokenizer

    from wikiround.lossy._references import strip_references

    for _, text in articles:
        CTokenizer().tokenize(strip_references(text)[0])


def wikiround_tree(articles: list[tuple[str, str]]) -> None:
    from wikiround.lossy._references import strip_references
    from wikiround.lossy._tree import parse

    for _, text in articles:
        stripped, references = strip_references(text)
        parse(stripped, 0, references)


def mwph_tokenize(articles: list[tuple[str, str]]) -> None:
    from mwparserfromhell.parser import CTokenizer

    for _, text in articles:
        CTokenizer().tokenize(text)


_WTF_SCRIPT = """
const fs = require("fs");
const loaded = require(process.argv[2]);
const wtf = loaded.default || loaded;
const files = JSON.parse(fs.readFileSync(0, "utf8"));
const texts = files.map((f) => fs.readFileSync(f, "utf8"));
const rounds = Number(process.argv[3]);
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  for (const text of texts) { const doc = wtf(text); doc.infobox(); doc.text(); }
  best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
}
const version = require(process.argv[2] + "/package.json").version;
console.log(JSON.stringify({ seconds: best, version: version }));
"""


def wtf_seconds(files: list[Path], rounds: int) -> tuple[float, str] | str:
    module = PEERS / "node_modules" / "wtf_wikipedia"
    if not shutil.which("node"):
        return "skipped: node is not installed"
    if not module.is_dir():
        return "skipped: wtf_wikipedia could not be installed with npm"
    script = PEERS / "wtf_bench.js"
    script.write_text(_WTF_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), str(module), str(rounds)],
        input=json.dumps([str(f) for f in files]), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        return f"skipped: wtf_wikipedia failed ({done.stderr.strip()[-200:]})"
    answer = json.loads(done.stdout)
    return float(answer["seconds"]), str(answer["version"])


def pandoc_seconds(files: list[Path], rounds: int) -> tuple[float, str] | str:
    if not shutil.which("pandoc"):
        return "skipped: pandoc is not installed (apt-get install pandoc)"
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True,
                             check=False).stdout.split("\n")[0].split()[-1]  # fmt: skip
    # One run over all articles at once, so that start-up is paid once.
    joined = "\n\n".join(f.read_text(encoding="utf-8") for f in files).encode("utf-8")

    def run() -> None:
        subprocess.run(["pandoc", "-f", "mediawiki", "-t", "plain"], input=joined,
                       capture_output=True, check=False)  # fmt: skip

    return best_of(rounds, run), version


def profile_lossy(articles: list[tuple[str, str]]) -> list[tuple[str, float, float]]:
    """Where the lossy reader's time goes: (function, own seconds, cumulative seconds)."""
    wikiround_plain(articles)  # warm up, so that imports are not profiled
    profiler = cProfile.Profile()
    profiler.enable()
    wikiround_plain(articles)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_, _, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = filename.replace(str(ROOT) + "/", "")
        if "site-packages/" in where:
            where = where.split("site-packages/", 1)[1]
        label = f"{name} ({Path(where).name}:{line})" if line else name
        rows.append((label, own, cumulative))
    rows.sort(key=lambda row: -row[1])
    return rows


# -- 2. plain text -> wikitext --------------------------------------------------------------


def plain_corpus(articles: list[tuple[str, str]], size: int) -> list[str]:
    """Plain-text articles adding up to ``size`` bytes: the seed and the real articles
    as the lossy reader gives them, repeated under new titles."""
    bases = [(ROOT / "seeds" / "000_bb9d73b147c2a566.txt").read_text(encoding="utf-8")]
    for title, text in articles:
        bases.append(render_plaintext(parse_wikitext_lossy(text, title=title).article))
    corpus: list[str] = []
    total = copy = 0
    while total < size:
        copy += 1
        for base in bases:
            first, rest = base.split("\n", 1)
            document = f"{first[:-2]} ({copy}) =\n{rest}"
            corpus.append(document)
            total += len(document.encode("utf-8"))
    return corpus


def plain_to_wikitext(corpus: list[str]) -> None:
    for document in corpus:
        render_wikitext(parse_plaintext(document))


# -- 3. dumps -------------------------------------------------------------------------------


def build_synthetic_dump(path: Path, size: int) -> int:
    """A dump of at least ``size`` bytes: the vendored dump's pages, repeated under new
    titles. Returns the number of articles (namespace 0, not redirects) in it."""
    pages = list(iter_pages(DUMP, namespaces=None, redirects=True))
    count = articles = 0
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(export_header())
        copy = 0
        while written < size:
            copy += 1
            for page in pages:
                count += 1
                text = page.text
                chunk = export_page(f"{page.title} ({copy})", text, count)
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                articles += 1
        out.write(export_footer())
    return articles


_RSS_SCRIPT = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
tail = done.stderr.decode()[-300:].replace("\\n", " ")
print(done.returncode, seconds, usage.ru_maxrss, cpu, tail)
"""


def busy_seconds() -> float:
    """CPU seconds all processes on this machine have used so far (from /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_cli(arguments: list[str]) -> tuple[float, float, float]:
    """Run ``python -m wikiround ARGUMENTS`` in a fresh process; (seconds, peak RSS of the
    largest process in MB, CPU seconds that other processes used meanwhile)."""
    before = busy_seconds()
    done = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, sys.executable, "-m", "wikiround", *arguments],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    others = busy_seconds() - before
    code, seconds, peak, cpu, stderr = done.stdout.split(" ", 4)
    if int(code) not in (0, 1):
        raise RuntimeError(f"wikiround {' '.join(arguments)} exited with {code}: {stderr}")
    # What the machine did besides this run (the wrapper itself is negligible).
    return float(seconds), int(peak) / 1024, max(others - float(cpu), 0.0)


def count_articles(path: Path) -> int:
    return sum(1 for _ in iter_pages(path))


# -- the run --------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, one round")
    parser.add_argument("--no-install", action="store_true", help="do not install peers")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--synthetic-mb", type=int, default=520)
    args = parser.parse_args()
    smoke = args.smoke
    rounds = 1 if smoke else args.rounds
    if not args.no_install and not smoke:
        install_peers()

    files = sorted(ARTICLES.glob("*.wiki"))
    if smoke:
        files = files[:3]
    articles = [(title_of(f), f.read_text(encoding="utf-8")) for f in files]
    size = sum(len(text.encode("utf-8")) for _, text in articles)
    log(f"wikitext -> plain over {len(articles)} articles, {size / MB:.2f} MB, best of {rounds}")

    results: list[tuple[str, float | str, str]] = []
    ours = best_of(rounds, lambda: wikiround_plain(articles))
    results.append(("wikiround `parse_wikitext_lossy` + `render_plaintext`", ours, ""))
    wtf = wtf_seconds(files, rounds)
    results.append(("wtf_wikipedia `doc.infobox()` + `doc.text()` (Node)",
                    wtf[0] if isinstance(wtf, tuple) else wtf,
                    wtf[1] if isinstance(wtf, tuple) else ""))  # fmt: skip
    results.append(("mwparserfromhell `parse` + `strip_code()`",
                    best_of(rounds, lambda: mwph_strip(articles)), ""))  # fmt: skip
    pandoc = pandoc_seconds(files, rounds)
    results.append(("pandoc `-f mediawiki -t plain` (one process for all)",
                    pandoc[0] if isinstance(pandoc, tuple) else pandoc,
                    pandoc[1] if isinstance(pandoc, tuple) else ""))  # fmt: skip
    results.append(("mwparserfromhell `parse` alone (tokenizer and node tree)",
                    best_of(rounds, lambda: mwph_parse(articles)), ""))  # fmt: skip
    results.append(("floor: mwparserfromhell's C tokenizer alone",
                    best_of(rounds, lambda: mwph_tokenize(articles)), ""))  # fmt: skip
    steps = {
        "strip": best_of(rounds, lambda: wikiround_strip(articles)),
        "tokenize": best_of(rounds, lambda: wikiround_tokenize(articles)),
        "tree": best_of(rounds, lambda: wikiround_tree(articles)),
    }
    profile = profile_lossy(articles)

    corpus_size = 200_000 if smoke else 50 * MB
    corpus = plain_corpus(articles, corpus_size)
    corpus_bytes = sum(len(d.encode("utf-8")) for d in corpus)
    log(f"plain -> wikitext over {len(corpus)} documents, {corpus_bytes / MB:.1f} MB")
    plain_seconds = best_of(1 if smoke else 3, lambda: plain_to_wikitext(corpus))

    dump_rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="wikiround-bench-") as temporary:
        work = Path(temporary)
        dumps: list[tuple[str, Path, list[str]]] = []
        dump = SMALL_DUMP if smoke else DUMP
        dumps.append((f"{dump.name} ({dump.stat().st_size / MB:.1f} MB)", dump, ["1", "2"]))
        if not smoke:
            synthetic_dir = HERE / ".synthetic"
            synthetic_dir.mkdir(exist_ok=True)
            synthetic = synthetic_dir / f"synthetic-{args.synthetic_mb}mb.xml"
            if not synthetic.exists() or synthetic.stat().st_size < args.synthetic_mb * MB:
                log(f"building a {args.synthetic_mb} MB synthetic dump in {synthetic}")
                build_synthetic_dump(synthetic, args.synthetic_mb * MB)
            label = f"synthetic: its pages repeated ({synthetic.stat().st_size / MB:.0f} MB)"
            dumps.append((label, synthetic, ["1", "2"]))
        for label, path, jobs in dumps:
            pages = count_articles(path)
            timings: dict[str, tuple[float, float, float]] = {}
            for j in jobs:
                log(f"dump {path.name}: -j {j} ({pages} articles)")
                out = work / f"out-{j}.jsonl"
                timings[j] = run_cli([str(path), "-o", str(out), "-j", j])
                out.unlink(missing_ok=True)
            one, two = timings["1"], timings["2"]
            dump_rows.append({
                "dump": label,
                "articles": f"{pages:,}",
                "-j 1 pages/s": f"{pages / one[0]:,.0f}",
                "-j 2 pages/s": f"{pages / two[0]:,.0f}",
                "time -j 2 / -j 1": f"{two[0] / one[0]:.2f}",
                "peak RSS -j 1": f"{one[1]:.0f} MB",
                "peak RSS -j 2": f"{two[1]:.0f} MB",
                "other processes' CPU during -j 1 / -j 2":
                    f"{one[2] / one[0]:.0%} / {two[2] / two[0]:.0%} of a core",
            })  # fmt: skip

    write_report(Path(args.output), smoke, rounds, len(articles), size, results, steps,
                 profile, len(corpus), corpus_bytes, plain_seconds, dump_rows)  # fmt: skip
    log(f"wrote {args.output}")
    return 0


def write_report(
    path: Path,
    smoke: bool,
    rounds: int,
    count: int,
    size: int,
    results: list[tuple[str, float | str, str]],
    steps: dict[str, float],
    profile: list[tuple[str, float, float]],
    documents: int,
    corpus_bytes: int,
    plain_seconds: float,
    dump_rows: list[Row],
) -> None:
    ours = results[0][1]
    assert isinstance(ours, float)
    lines = [
        "# Performance",
        "",
        "Measured side by side in one run of `python benchmarks/run.py` (which wrote this"
        " file)"
        + (" in its `--smoke` mode: tiny inputs, not meaningful figures" if smoke else "")
        + ".",
        "",
        f"**Machine:** {machine()}.",
        "",
        "## Wikitext to plain text",
        "",
        f"The {count} vendored real articles (`tests/data/articles/`, {size / MB:.2f} MB),"
        f" each tool's best of {rounds} rounds, in the tool's own process (start-up not"
        " counted; pandoc, a separate program, runs once over all articles joined).",
        "",
        "| tool | version | seconds | MB/s | wikiround's speed ÷ this tool's |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for name, seconds, version in results:
        if isinstance(seconds, str):
            lines.append(f"| {name} | | {seconds} | | |")
            continue
        ratio = seconds / ours
        lines.append(
            f"| {name} | {version} | {seconds:.3f} | {size / MB / seconds:.2f} | {ratio:.2f} |"
        )
    total = sum(own for _, own, _ in profile)
    timings = {name: seconds for name, seconds, _ in results if isinstance(seconds, float)}
    full_parse = next(
        v for k, v in timings.items() if k.startswith("mwparserfromhell `parse` alone")
    )
    floor = next(v for k, v in timings.items() if k.startswith("floor"))
    strip = steps["strip"]
    tokenize = max(steps["tokenize"] - strip, 0)
    tree = max(steps["tree"] - steps["tokenize"], 0)
    rest = max(ours - steps["tree"], 0)
    lines += [
        "",
        "A ratio above 1 means wikiround is faster than that tool on these articles.",
        "",
        "Where the time goes. wikiround's reader does not use mwparserfromhell's node tree"
        f" (its `parse` alone takes {full_parse:.2f} s here, of which the C tokenizer"
        f" {floor:.2f} s): it takes each reference out of the text first, leaving a marker of"
        " the same length (a reference is dropped whole, but its `{{cite …}}` is much of"
        " the markup), runs mwparserfromhell's tokenizer, and builds a light tree of its own"
        f" from the tokens. Of wikiround's {ours:.2f} s: taking references out"
        f" {strip:.2f} s, the tokenizer {tokenize:.2f} s, building the tree {tree:.2f} s,"
        f" and reading the tree into an article, its report and plain text {rest:.2f} s."
        " The tokenizer alone on the unchanged text sets the floor for anything built on"
        f" mwparserfromhell at {size / MB / floor:.1f} MB/s.",
        "",
        f"Where wikiround's time goes (cProfile, one pass; {total:.2f} s of own time in all;"
        " profiling slows Python code more than C code). The ten functions with the most own"
        " time:",
        "",
        "| function | own s | share | cumulative s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, own, cumulative in profile[:10]:
        lines.append(f"| `{name}` | {own:.3f} | {own / total:.0%} | {cumulative:.3f} |")
    lines += [
        "",
        "## Plain text to wikitext",
        "",
        f"{documents:,} plain-text articles, {corpus_bytes / MB:.1f} MB (the seed and the real"
        " articles as the lossy reader gives them, repeated under new titles),"
        " `parse_plaintext` + `render_wikitext` on one core:"
        f" **{corpus_bytes / MB / plain_seconds:.1f} MB/s** ({plain_seconds:.2f} s).",
        "",
        "## Dumps",
        "",
        "`python -m wikiround DUMP -o pages.jsonl -j N`, timed from process start to exit;"
        " articles are namespace-0 pages that are not redirects. Peak RSS is that of the"
        " largest single process (the main process or one worker). The last column is the"
        " CPU time that processes other than this run used on the machine while it ran, per"
        " second of the run: where it is well above 0, the run shared its cores and the"
        " figures are low.",
        "",
    ]
    if dump_rows:
        header = list(dump_rows[0])
        lines.append("| " + " | ".join(header) + " |")
        lines.append("| " + " | ".join("---" for _ in header) + " |")
        for row in dump_rows:
            lines.append("| " + " | ".join(row[key] for key in header) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
