"""wikiround's benchmarks, side by side with the tools users would pick instead.

    python benchmarks/run.py                 # everything; writes docs/performance.md
    python benchmarks/run.py --smoke -o x.md # a tiny run (the test suite's smoke test)
    python benchmarks/run.py --sections startup,memory
                                             # only these; the rest kept from the file

Measures, in one run on one machine, alternating the contenders of each comparison round
by round so that they share the machine's load alike:

1. wikitext -> plain text over the vendored real articles (tests/data/articles): wikiround's
   lossy reader (pure Python, and built with mypyc from this tree), wtf_wikipedia on
   Node, mwparserfromhell parse + strip_code(), pandoc, and mwparserfromhell's tokenizer
   alone (the floor under anything built on it): median of the per-round ratios and
   their spread; a profile of where wikiround's time goes.
2. one page made of a real article repeated 1x to 64x, wikiround and wtf_wikipedia.
3. hostile and odd input (benchmarks/pathological.py): seconds per MB at four sizes and
   the growth exponent, per family.
4. start-up: python -m wikiround FILE and import wikiround, over python -c pass.
5. peak memory reading one 20 MB line.
6. plain text -> wikitext over a large generated corpus, this tree against another
   commit (--baseline, HEAD~1 by default).
7. a dump through the command line: pages/s with -j 1 and -j 2, and peak memory (RSS)
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
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
PEERS = HERE / ".peers"
ARTICLES = ROOT / "tests" / "data" / "articles"
DUMP = (
    ROOT / "tests" / "data" / "dumps" / "dumpster-dive_smallwiki-latest-pages-articles_ltgwiki.xml"
)
SMALL_DUMP = ROOT / "tests" / "data" / "dumps" / "dumpster-dive_tinywiki-latest-pages-articles.xml"
WTF_VERSION = "10.4.2"
# The largest size of the tables' second rows in the hostile-input table.
TABLES_LARGEST = 5_000_000
TABLE_FAMILIES = ["wide table", "table rows"]
MB = 1_000_000

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import pathological  # noqa: E402

from wikiround.dumps import export_footer, export_header, export_page, iter_pages  # noqa: E402
from wikiround.lossy import parse_wikitext_lossy  # noqa: E402
from wikiround.plaintext import parse_plaintext, render_plaintext  # noqa: E402
from wikiround.wikitext import render_wikitext  # noqa: E402

Row = dict[str, str]

# The sections of docs/performance.md, by the name --sections gives them, and their
# headings.
SECTIONS = {
    "to-plain": "## Wikitext to plain text",
    "scaling": "## One page, 1× to 64× the size",
    "pathological": "## Hostile and odd input",
    "startup": "## Start-up",
    "memory": "## Memory for one document",
    "plain": "## Plain text to wikitext",
    "dumps": "## Dumps",
}


def kept_sections(path: Path, wanted: set[str]) -> dict[str, list[str]]:
    """The lines of each section of the file at ``path`` that is not ``wanted`` (so
    that a run of some sections keeps the others as they were)."""
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    headings = {heading: name for name, heading in SECTIONS.items()}
    kept: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line.startswith("## "):
            name = headings.get(line)
            current = kept.setdefault(name, []) if name and name not in wanted else None
        if current is not None:
            current.append(line)
    for name in set(SECTIONS) - wanted:
        while kept.get(name) and not kept[name][-1]:
            kept[name].pop()
        kept.setdefault(name, [SECTIONS[name], "", "(not measured)"]).append("")
    return kept


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


def wikiround_tree(articles: list[tuple[str, str]]) -> float:
    """The trees the reader walks, made as it makes them (references taken out, the
    page cut at its headings, its tables found, each piece tokenized); returns the
    seconds of it that mwparserfromhell's tokenizer took."""
    from wikiround.lossy import _tree
    from wikiround.lossy._reader import body_reader

    tokenizer = _tree._Tokenizer
    spent = 0.0

    class Timed:
        def tokenize(self, text: str) -> list[object]:
            nonlocal spent
            start = time.perf_counter()
            try:
                tokens: list[object] = tokenizer().tokenize(text)
                return tokens
            finally:
                spent += time.perf_counter() - start

    _tree._Tokenizer = Timed  # (looked up at each parse)
    try:
        for _, text in articles:
            body_reader(text, "X", True, False, True, True, True, track=False).trees()
    finally:
        _tree._Tokenizer = tokenizer
    return spent


def best_tree(rounds: int, articles: list[tuple[str, str]]) -> tuple[float, float]:
    """The best of ``rounds`` runs of :func:`wikiround_tree`: its seconds, and those of
    the tokenizer in it."""
    best = (float("inf"), 0.0)
    for _ in range(rounds):
        start = time.perf_counter()
        tokenizer = wikiround_tree(articles)
        best = min(best, (time.perf_counter() - start, tokenizer))
    return best


def mwph_tokenize(articles: list[tuple[str, str]]) -> None:
    from wikiround.lossy._tree import _Tokenizer as CTokenizer  # mwparserfromhell's, in C

    for _, text in articles:
        CTokenizer().tokenize(text)


# wtf_wikipedia runs in one long-lived Node process that times one pass on request, so
# that its rounds can alternate with the others' in the same minutes of machine load.
_WTF_SCRIPT = """
const fs = require("fs");
const readline = require("readline");
const loaded = require(process.argv[2]);
const wtf = loaded.default || loaded;
const version = require(process.argv[2] + "/package.json").version;
let texts = [];
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  if (request.load) {
    texts = request.load.map((f) => fs.readFileSync(f, "utf8"));
    console.log(JSON.stringify({ version: version }));
    return;
  }
  const start = process.hrtime.bigint();
  for (const text of texts) { const doc = wtf(text); doc.infobox(); doc.text(); }
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - start) / 1e9 }));
});
"""


class _Worker:
    """A long-lived process that loads files, then times one pass over them on request
    (one JSON object a line each way)."""

    def __init__(self) -> None:
        self.problem = ""
        self.version = ""
        self.process: subprocess.Popen[str] | None = None

    def _ask(self, request: dict[str, object]) -> dict[str, object]:
        assert self.process is not None and self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"{type(self).__name__} stopped")
        return dict(json.loads(answer))

    def load(self, files: list[Path]) -> None:
        if self.process is not None:
            request: dict[str, object] = {
                "load": [str(f) for f in files],
                "titles": [title_of(f) for f in files],
            }
            self.version = str(self._ask(request)["version"])

    def run(self) -> float:
        return float(self._ask({"run": True})["seconds"])  # type: ignore[arg-type]

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


class Wtf(_Worker):
    """wtf_wikipedia in a Node process."""

    def __init__(self, *, start: bool = True) -> None:
        super().__init__()
        module = PEERS / "node_modules" / "wtf_wikipedia"
        if not start:
            self.problem = "not run"
        elif not shutil.which("node"):
            self.problem = "skipped: node is not installed"
        elif not module.is_dir():
            self.problem = "skipped: wtf_wikipedia could not be installed with npm"
        else:
            script = PEERS / "wtf_bench.js"
            script.write_text(_WTF_SCRIPT, encoding="utf-8")
            self.process = subprocess.Popen(
                ["node", str(script), str(module)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip


# The compiled build runs in a Python process of its own (one process cannot import two
# builds of one package), timed the way the pure-Python reader is timed here.
_COMPILED_SCRIPT = """
import json, sys, time
from pathlib import Path
from wikiround.lossy import _tree, parse_wikitext_lossy
from wikiround.plaintext import render_plaintext
articles = []
for line in sys.stdin:
    request = json.loads(line)
    if "load" in request:
        articles = [(title, Path(f).read_text(encoding="utf-8"))
                    for title, f in zip(request["titles"], request["load"])]
        print(json.dumps({"version": Path(_tree.__file__).name}), flush=True)
        continue
    start = time.perf_counter()
    for title, text in articles:
        render_plaintext(parse_wikitext_lossy(text, title=title).article)
    print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)
"""


class Compiled(_Worker):
    """This tree built with WIKIROUND_MYPYC=1 (tools/mypyc_build.py), unpacked into
    ``work`` and run in a process of its own."""

    def __init__(self, work: Path, *, start: bool = True) -> None:
        super().__init__()
        if not start:
            self.problem = "not run"
            return
        log("building the wheel compiled with mypyc")
        built = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
             "--no-build-isolation", "--quiet", "--wheel-dir", str(work / "wheel")],
            env={**os.environ, "WIKIROUND_MYPYC": "1"}, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        wheels = list((work / "wheel").glob("wikiround-*.whl"))
        if built.returncode or not wheels:
            self.problem = "skipped: the compiled build failed (a C compiler and mypy needed)"
            log(built.stderr[-2000:])
            return
        site = work / "compiled"
        with zipfile.ZipFile(wheels[0]) as archive:
            archive.extractall(site)
        script = work / "compiled_bench.py"
        script.write_text(_COMPILED_SCRIPT, encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, env={**os.environ, "PYTHONPATH": str(site)},
        )  # fmt: skip


def pandoc_version() -> str | None:
    if not shutil.which("pandoc"):
        return None
    return subprocess.run(["pandoc", "--version"], capture_output=True, text=True,
                          check=False).stdout.split("\n")[0].split()[-1]  # fmt: skip


def pandoc_run(joined: bytes) -> None:
    # One process over all articles at once, so that start-up is paid once.
    subprocess.run(["pandoc", "-f", "mediawiki", "-t", "plain"], input=joined,
                   capture_output=True, check=False)  # fmt: skip


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """(first quartile, median, third quartile)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def interleaved(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each contender's seconds in each round; in every round each runs once, in an
    order that turns by one each round, so that all see the same load."""
    names = list(contenders)
    for name in names:
        contenders[name]()  # warm up: imports, caches, the JIT
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        turn = round_number % len(names)
        for name in names[turn:] + names[:turn]:
            seconds[name].append(contenders[name]())
    return seconds


def ratio_cells(ours: list[float], theirs: list[float]) -> str:
    """Median of the per-round ratios theirs/ours, with quartiles and range."""
    ratios = sorted(t / o for o, t in zip(ours, theirs, strict=True))
    q1, median, q3 = quartiles(ratios)
    return f"**{median:.2f}** | {q1:.2f}–{q3:.2f} | {ratios[0]:.2f}–{ratios[-1]:.2f}"


# -- scaling: one page made of a real article repeated -----------------------------------


def scaling(article: Path, factors: list[int], rounds: int, wtf: Wtf,
            work: Path) -> list[Row]:  # fmt: skip
    """wikiround and wtf_wikipedia side by side on one page made of ``article`` repeated
    ``factor`` times, for each factor."""
    text = article.read_text(encoding="utf-8")
    title = title_of(article)
    rows: list[Row] = []
    for factor in factors:
        page = "\n\n".join([text] * factor)
        size = len(page.encode("utf-8"))
        path = work / f"scaling-{factor}.wiki"
        path.write_text(page, encoding="utf-8")
        log(f"scaling: {factor}x ({size / MB:.2f} MB)")
        def read_page(page: str = page) -> float:
            return timed(lambda: render_plaintext(parse_wikitext_lossy(page, title=title).article))

        contenders: dict[str, Callable[[], float]] = {"ours": read_page}
        if wtf.process is not None:
            wtf.load([path])
            contenders["wtf"] = wtf.run
        seconds = interleaved(contenders, rounds)
        ours = statistics.median(seconds["ours"])
        row = {
            "page": f"{factor}× ({size / MB:.2f} MB)",
            "wikiround s": f"{ours:.3f}",
            "wikiround s/MB": f"{ours / (size / MB):.3f}",
        }
        if "wtf" in seconds:
            theirs = statistics.median(seconds["wtf"])
            row["wtf_wikipedia s"] = f"{theirs:.3f}"
            row["wtf_wikipedia s/MB"] = f"{theirs / (size / MB):.3f}"
            ratios = [t / o for o, t in zip(seconds["ours"], seconds["wtf"], strict=True)]
            row["wikiround's speed ÷ wtf's (median of rounds)"] = f"{statistics.median(ratios):.2f}"
        rows.append(row)
    return rows


# -- start-up ---------------------------------------------------------------------------


def startup(
    rounds: int, seed: Path, work: Path
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds for ``python -c pass``, ``python -c "import wikiround"`` and ``python -m
    wikiround SEED -o OUT``, interleaved, in fresh processes. Bytecode is cached (as
    pip does on install) in a folder of its own, written by a first run."""
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}  # fmt: skip
    env.update(PYTHONPATH=str(ROOT / "src"), PYTHONPYCACHEPREFIX=str(work / "pycache"))
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "import": [sys.executable, "-c", "import wikiround"],
        "convert": [sys.executable, "-m", "wikiround", str(seed), "-o", str(work / "o.wiki")],
    }

    cpu: dict[str, list[float]] = {name: [] for name in commands}

    def runner(name: str, command: list[str]) -> Callable[[], float]:
        def run() -> float:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds = timed(
                lambda: subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            cpu[name].append(used)
            return seconds

        return run

    wall = interleaved({name: runner(name, c) for name, c in commands.items()}, rounds)
    # The CPU time each process used (its user and system time), less sensitive than
    # the wall clock to other work on a shared machine; the warm-up run is left out.
    return wall, {name: used[1:] for name, used in cpu.items()}


# -- plain -> wikitext, against another commit ----------------------------------------------

_PLAIN_WORKER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from wikiround.plaintext import parse_plaintext
from wikiround.wikitext import render_wikitext
corpus = json.loads(open(sys.argv[2], encoding="utf-8").read())
for line in sys.stdin:
    # CPU time: on a shared machine it varies less than the wall clock.
    start = time.process_time()
    for document in corpus:
        render_wikitext(parse_plaintext(document))
    print(time.process_time() - start, flush=True)
"""


def plain_workers(
    corpus_file: Path, baseline: str | None, work: Path
) -> dict[str, Callable[[], float]]:
    """One process per version of the code that converts the corpus once per request:
    this tree, and the commit ``baseline`` (exported with git) when given."""
    sources = {"this tree": ROOT / "src"}
    if baseline:
        exported = work / "baseline"
        exported.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", baseline, "src"],
                                 capture_output=True, check=False)  # fmt: skip
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", str(exported)], input=archive.stdout, check=True)
            sources[f"commit {baseline}"] = exported / "src"
        else:
            log(f"plain -> wikitext: no baseline ({archive.stderr.decode().strip()[:200]})")
    workers: dict[str, Callable[[], float]] = {}
    for label, source in sources.items():
        process = subprocess.Popen(
            [sys.executable, "-c", _PLAIN_WORKER, str(source), str(corpus_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip

        def ask(process: subprocess.Popen[str] = process) -> float:
            assert process.stdin and process.stdout
            process.stdin.write("run\n")
            process.stdin.flush()
            return float(process.stdout.readline())

        workers[label] = ask
    return workers


# -- memory for one document ----------------------------------------------------------------

_MEMORY_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[3])
from pathological import peak_kb
from wikiround.lossy import parse_wikitext_lossy
from wikiround.plaintext import render_plaintext

parse_wikitext_lossy("x", title="T")
text = open(sys.argv[2], encoding="utf-8").read()
before = peak_kb()
render_plaintext(parse_wikitext_lossy(text, title="T").article)
print(before, peak_kb())
"""


def memory(path: Path) -> tuple[float, float]:
    """(MB of peak RSS before reading the document, peak MB after reading it) in a fresh
    process that has read the file into a string."""
    done = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(ROOT / "src"), str(path),
                           str(ROOT / "benchmarks")],
                          capture_output=True, text=True, check=True)  # fmt: skip
    before, after = (int(value) / 1024 for value in done.stdout.split())
    return before, after


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
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, two rounds")
    parser.add_argument("--no-install", action="store_true", help="do not install peers")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--synthetic-mb", type=int, default=520)
    parser.add_argument(
        "--baseline",
        default="HEAD~1",
        help="commit to compare plain -> wikitext with (git); '' for none",
    )
    parser.add_argument("--pathological-kb", type=int, default=100)
    parser.add_argument("--pathological-budget", type=float, default=60.0)
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help="comma-separated sections to measure (of " + ", ".join(SECTIONS) + "); the"
        " others are kept as they are in the output file",
    )
    args = parser.parse_args()
    wanted = set(args.sections.split(","))
    if not wanted <= set(SECTIONS):
        parser.error(f"--sections: unknown {', '.join(sorted(wanted - set(SECTIONS)))}")
    kept = {} if wanted == set(SECTIONS) else kept_sections(Path(args.output), wanted)
    load_before = os.getloadavg()[0]
    smoke = args.smoke
    rounds = 2 if smoke else args.rounds
    if not args.no_install and not smoke:
        install_peers()

    files = sorted(ARTICLES.glob("*.wiki"))
    if smoke:
        files = files[:3]
    articles = [(title_of(f), f.read_text(encoding="utf-8")) for f in files]
    size = sum(len(text.encode("utf-8")) for _, text in articles)
    log(f"wikitext -> plain over {len(articles)} articles, {size / MB:.2f} MB, {rounds} rounds")

    wtf = Wtf() if wanted & {"to-plain", "scaling"} else Wtf(start=False)
    wtf.load(files)
    compiled_work = Path(tempfile.mkdtemp(prefix="wikiround-compiled-"))
    # Not in --smoke mode: building takes half a minute, and the test suite has its own
    # test of the compiled build.
    compiled = Compiled(compiled_work, start="to-plain" in wanted and not smoke)
    compiled.load(files)
    seconds: dict[str, list[float]] = {}
    steps: dict[str, float] = {}
    profile: list[tuple[str, float, float]] = []
    contenders: dict[str, Callable[[], float]] = {
        "wikiround": lambda: timed(lambda: wikiround_plain(articles)),
    }
    if wtf.process is not None:
        contenders["wtf"] = wtf.run
    if compiled.process is not None:
        contenders["compiled"] = compiled.run
    contenders["mwph strip"] = lambda: timed(lambda: mwph_strip(articles))
    pandoc = pandoc_version()
    if pandoc is not None:
        joined = "\n\n".join(text for _, text in articles).encode("utf-8")
        contenders["pandoc"] = lambda: timed(lambda: pandoc_run(joined))
    contenders["mwph parse"] = lambda: timed(lambda: mwph_parse(articles))
    contenders["floor"] = lambda: timed(lambda: mwph_tokenize(articles))
    if "to-plain" in wanted:
        seconds = interleaved(contenders, rounds)
        strip = best_of(rounds, lambda: wikiround_strip(articles))
        tree, tokenizer = best_tree(rounds, articles)
        steps = {"strip": strip, "tokenize": strip + tokenizer, "tree": tree}
        profile = profile_lossy(articles)
    compiled.close()
    shutil.rmtree(compiled_work, ignore_errors=True)
    scaling_rows: list[Row] = []
    pathological_rows: list[dict[str, str]] = []
    cli_tables: list[str] = []
    starts: dict[str, list[float]] = {}
    start_cpu: dict[str, list[float]] = {}
    line_mb = 1 if smoke else 20
    memory_before = memory_peak = dense_before = dense_peak = dense_mb = 0.0
    dense_times = 0
    plain_seconds: dict[str, list[float]] = {}
    corpus: list[str] = []
    corpus_bytes = 0
    dump_rows: list[Row] = []

    with tempfile.TemporaryDirectory(prefix="wikiround-bench-") as temporary:
        work = Path(temporary)
        largest = (min if smoke else max)(files, key=lambda f: f.stat().st_size)
        factors = [1, 4] if smoke else [1, 4, 16, 64]
        if "scaling" in wanted:
            scaling_rows = scaling(largest, factors, 2 if smoke else 5, wtf, work)
        wtf.close()

        if "pathological" in wanted:
            log("pathological inputs")
            families = ["<ref> unclosed", "{{", "nested lists"] if smoke else None
            pathological_rows = pathological.table(
                (6_400 if smoke else args.pathological_kb * 1000),
                10.0 if smoke else args.pathological_budget, families, log,
            )  # fmt: skip
            # Tables again, up to a page of 5 MB: their memory and time on a large page.
            tables_largest = 25_600 if smoke else TABLES_LARGEST
            for row in pathological.table(
                tables_largest, 10.0 if smoke else args.pathological_budget, TABLE_FAMILIES, log
            ):
                row["family"] = row["family"] + f", up to {tables_largest // 1000:,} KB"
                pathological_rows.append(row)
            log("tables through the command line")
            cli_tables = pathological.cli_table(
                [(name, 25_600) for name in TABLE_FAMILIES] if smoke else pathological.CLI_PAGES
            )

        if "startup" in wanted:
            log("start-up")
            seed = ROOT / "seeds" / "000_bb9d73b147c2a566.txt"
            starts, start_cpu = startup(3 if smoke else 20, seed, work)

        if "memory" in wanted:
            log("memory for one document")
            line = work / "line.wiki"
            line.write_text("word " * (line_mb * MB // 5), encoding="utf-8")
            memory_before, memory_peak = memory(line)
            line.unlink()
            # A page dense with markup: the largest article 16 times over.
            dense = work / "dense.wiki"
            dense_times = 1 if smoke else 16
            dense.write_text(largest.read_text(encoding="utf-8") * dense_times, encoding="utf-8")
            dense_mb = dense.stat().st_size / MB
            dense_before, dense_peak = memory(dense)
            dense.unlink()

        if "plain" in wanted:
            corpus, corpus_bytes, plain_seconds = plain_step(articles, smoke, args.baseline, work)
        if "dumps" in wanted:
            dump_rows = dumps_step(smoke, args.synthetic_mb, work)

    report = Report(
        smoke=smoke, rounds=rounds, count=len(articles), size=size, seconds=seconds,
        versions={"wtf": wtf.version or wtf.problem, "compiled": compiled.problem,
                  "pandoc": pandoc or
                  "skipped: pandoc is not installed (apt-get install pandoc)"},
        steps=steps, profile=profile, scaling=scaling_rows, largest=largest.name,
        pathological=pathological_rows, startup=starts, startup_cpu=start_cpu, line_mb=line_mb,
        memory=(memory_before, memory_peak),
        dense=(dense_times, dense_mb, dense_before, dense_peak), documents=len(corpus),
        corpus_bytes=corpus_bytes, plain=plain_seconds, dumps=dump_rows,
        load=(load_before, os.getloadavg()[0]), kept=kept, cli_tables=cli_tables,
    )  # fmt: skip
    Path(args.output).write_text("\n".join(report.lines()) + "\n", encoding="utf-8")
    log(f"wrote {args.output}")
    return 0


def plain_step(
    articles: list[tuple[str, str]], smoke: bool, baseline: str | None, work: Path
) -> tuple[list[str], int, dict[str, list[float]]]:
    """Plain text -> wikitext, this tree against ``baseline``: (corpus, its bytes,
    CPU seconds per round of each)."""
    corpus_size = 200_000 if smoke else 50 * MB
    corpus = plain_corpus(articles, corpus_size)
    corpus_bytes = sum(len(d.encode("utf-8")) for d in corpus)
    corpus_file = work / "corpus.json"
    corpus_file.write_text(json.dumps(corpus), encoding="utf-8")
    log(f"plain -> wikitext over {len(corpus)} documents, {corpus_bytes / MB:.1f} MB")
    baseline = baseline or None
    if baseline:
        described = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", baseline],
                                   capture_output=True, text=True, check=False)  # fmt: skip
        baseline = described.stdout.strip() or baseline
    workers = plain_workers(corpus_file, baseline, work)
    plain_seconds = interleaved(workers, 2 if smoke else 7)
    return corpus, corpus_bytes, plain_seconds


def dumps_step(smoke: bool, synthetic_mb: int, work: Path) -> list[Row]:
    """A dump through the command line with -j 1 and -j 2: one row per dump."""
    dump_rows: list[Row] = []
    dumps: list[tuple[str, Path, list[str]]] = []
    dump = SMALL_DUMP if smoke else DUMP
    dumps.append((f"{dump.name} ({dump.stat().st_size / MB:.1f} MB)", dump, ["1", "2"]))
    if not smoke:
        synthetic_dir = HERE / ".synthetic"
        synthetic_dir.mkdir(exist_ok=True)
        synthetic = synthetic_dir / f"synthetic-{synthetic_mb}mb.xml"
        if not synthetic.exists() or synthetic.stat().st_size < synthetic_mb * MB:
            log(f"building a {synthetic_mb} MB synthetic dump in {synthetic}")
            build_synthetic_dump(synthetic, synthetic_mb * MB)
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
    return dump_rows


def table(rows: list[Row]) -> list[str]:
    if not rows:
        return []
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row.get(key, "") for key in header) + " |" for row in rows]
    return lines


@attrs.define
class Report:
    """Everything measured, and docs/performance.md made of it."""

    smoke: bool
    rounds: int
    count: int
    size: int
    seconds: dict[str, list[float]]
    versions: dict[str, str]
    steps: dict[str, float]
    profile: list[tuple[str, float, float]]
    scaling: list[Row]
    largest: str
    pathological: list[dict[str, str]]
    startup: dict[str, list[float]]
    startup_cpu: dict[str, list[float]]
    line_mb: int
    memory: tuple[float, float]
    dense: tuple[int, float, float, float]
    documents: int
    corpus_bytes: int
    plain: dict[str, list[float]]
    dumps: list[Row]
    load: tuple[float, float] = (0.0, 0.0)
    kept: dict[str, list[str]] = attrs.field(factory=dict)
    cli_tables: list[str] = attrs.field(factory=list)

    def lines(self) -> list[str]:
        parts = {
            "to-plain": self.to_plain, "scaling": self.scaling_part,
            "pathological": self.pathological_part, "startup": self.startup_part,
            "memory": self.memory_part, "plain": self.plain_part, "dumps": self.dumps_part,
        }  # fmt: skip
        lines = self.header()
        for name, part in parts.items():
            lines += self.kept[name] if name in self.kept else part()
        return lines

    def header(self) -> list[str]:
        return [
            "# Performance",
            "",
            "Measured in one run of `python benchmarks/run.py` (which wrote this file)"
            + (" in its `--smoke` mode: tiny inputs, not meaningful figures" if self.smoke else "")
            + ".",
            "",
            f"**Machine:** {machine()}. The machine may be shared: every comparison"
            " below alternates its contenders round by round (each round runs each once,"
            " in an order that turns every round), so that they see the same load, and"
            " gives the median of the per-round ratios with their spread.",
            "",
            f"**Load:** the load average (one minute) was {self.load[0]:.1f} when this run"
            f" started and {self.load[1]:.1f} when it ended, on {os.cpu_count()} cores."
            + (
                " Above the number of cores, other work shared them: seconds and MB/s are"
                " then several times what a quiet machine gives, and the ratios are the"
                " figures to compare."
                if max(self.load) > (os.cpu_count() or 1)
                else ""
            )
            + (
                " Not measured in this run, and as an earlier run wrote them: the sections"
                f" {', '.join(SECTIONS[name][3:] for name in self.kept)}."
                if self.kept
                else ""
            ),
            "",
        ]

    def to_plain(self) -> list[str]:
        ours = self.seconds["wikiround"]
        names = {
            "wikiround": ("wikiround `parse_wikitext_lossy` + `render_plaintext`", ""),
            "compiled": ("the same, built with mypyc (`WIKIROUND_MYPYC=1`)",
                         self.versions["compiled"]),
            "wtf": ("wtf_wikipedia `doc.infobox()` + `doc.text()` (Node)", self.versions["wtf"]),
            "mwph strip": ("mwparserfromhell `parse` + `strip_code()`", ""),
            "pandoc": ("pandoc `-f mediawiki -t plain` (one process for all)",
                       self.versions["pandoc"]),
            "mwph parse": ("mwparserfromhell `parse` alone (tokenizer and node tree)", ""),
            "floor": ("floor: mwparserfromhell's C tokenizer alone", ""),
        }  # fmt: skip
        lines = [
            "## Wikitext to plain text",
            "",
            f"The {self.count} vendored real articles (`tests/data/articles/`,"
            f" {self.size / MB:.2f} MB), {self.rounds} rounds, each tool in its own process"
            " (start-up not counted; pandoc, a separate program, runs once over all articles"
            " joined). Seconds and MB/s are medians over the rounds; the ratio is the"
            " median over the rounds of (that tool's seconds ÷ wikiround's in the same"
            " round), then the middle half and the whole range of those ratios.",
            "",
            "| tool | version | seconds | MB/s | wikiround's speed ÷ this tool's |"
            " middle half | range |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for key, (label, version) in names.items():
            if key not in self.seconds:
                lines.append(f"| {label} | {version} | | | | | |")
                continue
            median = statistics.median(self.seconds[key])
            lines.append(f"| {label} | {version if not version.startswith('skipped') else ''}"
                         f" | {median:.3f} | {self.size / MB / median:.2f} | "
                         + ratio_cells(ours, self.seconds[key]) + " |")  # fmt: skip
        full_parse = statistics.median(self.seconds["mwph parse"])
        floor = statistics.median(self.seconds["floor"])
        strip = self.steps["strip"]
        tokenize = max(self.steps["tokenize"] - strip, 0)
        tree = max(self.steps["tree"] - self.steps["tokenize"], 0)
        # The steps are best of the rounds: so is the whole they are taken from.
        best = min(ours)
        rest = max(best - self.steps["tree"], 0)
        total = sum(own for _, own, _ in self.profile)
        lines += [
            "",
            "A ratio above 1 means wikiround is faster than that tool on these articles.",
            "",
            "Where the time goes. wikiround's reader does not use mwparserfromhell's node tree"
            f" (its `parse` alone takes {full_parse:.2f} s here, of which the C tokenizer"
            f" {floor:.2f} s): it takes each reference out of the text first, leaving a marker"
            " of the same length, cuts the page at its heading lines, finds its tables (whose"
            " markup it reads line by line), runs mwparserfromhell's tokenizer on each piece"
            " but the text of the reference sections that end the page, and builds a light"
            f" tree of its own from the tokens. Of wikiround's {best:.2f} s (best of"
            f" {self.rounds} for the steps): taking references out {strip:.2f} s, the"
            f" tokenizer {tokenize:.2f} s, cutting, finding the tables and building the trees"
            f" {tree:.2f} s, and reading the trees into an article, its report and plain text"
            f" {rest:.2f} s. The tokenizer"
            " alone on the unchanged text sets the floor for anything built on"
            f" mwparserfromhell at {self.size / MB / floor:.1f} MB/s.",
            "",
            f"Where wikiround's time goes (cProfile, one pass; {total:.2f} s of own time in"
            " all; profiling slows Python code more than C code). The ten functions with the"
            " most own time:",
            "",
            "| function | own s | share | cumulative s |",
            "| --- | ---: | ---: | ---: |",
        ]
        for name, own, cumulative in self.profile[:10]:
            lines.append(f"| `{name}` | {own:.3f} | {own / total:.0%} | {cumulative:.3f} |")
        return [*lines, "", *self.compiled_part(), ""]

    def compiled_part(self) -> list[str]:
        if "compiled" not in self.seconds:
            why = self.versions["compiled"] or "not run"
            return [f"The build compiled with mypyc (see docs/scale.md): {why}."]
        lines = [
            "The build compiled with mypyc (`WIKIROUND_MYPYC=1 pip install .`, see"
            " docs/scale.md) is built from this tree for the run and timed in"
            " a process of its own. Its speed ÷ the pure-Python reader's, per round: "
            + ratio_cells(self.seconds["compiled"], self.seconds["wikiround"]).replace("|", ";")
            + " (median; middle half; range)."
        ]
        if "wtf" in self.seconds:
            lines[0] += (
                " Its speed ÷ wtf_wikipedia's: "
                + ratio_cells(self.seconds["compiled"], self.seconds["wtf"]).replace("|", ";")
                + "."
            )
        return lines

    def scaling_part(self) -> list[str]:
        return [
            "## One page, 1× to 64× the size",
            "",
            f"One page made of the largest vendored article (`{self.largest}`) repeated,"
            " read by each tool; medians of rounds alternating the two. Seconds per MB"
            " that stay level mean time grows linearly with the page.",
            "",
            *table(self.scaling),
            "",
        ]

    def pathological_part(self) -> list[str]:
        return [
            "## Hostile and odd input",
            "",
            "`benchmarks/pathological.py`: the lossy reader (`parse_wikitext_lossy` +"
            " `render_plaintext`) on each family of input at four sizes spanning ×64, in a"
            " child process per family stopped at its time budget. CPU seconds per MB at"
            " each size (the best of 3 to 20 runs), and the growth exponent: the slope of"
            " log(time) against log(size), 1 for linear time, 2 for quadratic (small"
            " inputs take milliseconds, so the"
            " exponent of a fast family is noisy). The target is an exponent of at most"
            " 1.1 and no input of 100 KB over 1 s. A dash is a size not reached within the"
            " budget. The tables are measured a second time, at four sizes from"
            f" {TABLES_LARGEST / 64 / 1000:.0f} KB to {TABLES_LARGEST / MB:.0f} MB: a table"
            " of empty cells on one line (`a||` over and over) and a table of rows as"
            " articles hold them (links, numbers, words, references, bold); the aim for a"
            " table of 5 MB is at most 30 times its size in memory."
            " The last column is the peak resident memory the largest size added to its"
            " process (the text included), over that size; the aim is about 5.",
            "",
            *pathological.markdown(self.pathological),
            "",
            *self.cli_tables_part(),
        ]

    def cli_tables_part(self) -> list[str]:
        if not self.cli_tables:
            return []
        return [
            "Tables through the command line (`python benchmarks/pathological.py --cli`):"
            " pages converted to plain text as a user converts them (`wikiround page.wiki"
            " -o page.txt`, a fresh process each, the pure-Python build): peak resident"
            " memory, and what it adds to the peak of the same command on a page of one"
            " line, over the page's size (the target for tables: at most 30).",
            "",
            *self.cli_tables,
            "",
        ]

    def startup_part(self) -> list[str]:
        passes = self.startup["pass"]
        cpu_passes = self.startup_cpu["pass"]
        lines = [
            "## Start-up",
            "",
            f"Fresh processes, {len(passes)} rounds alternating the three commands, with"
            " bytecode cached as an installed package has it. Milliseconds over `python -c"
            " pass` in the same round, median (and range): wall clock, and CPU time (user"
            " and system, which other work on a shared machine disturbs less).",
            "",
            "| command | wall ms over `python -c pass` | range | CPU ms over `python -c pass` |"
            " range |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for key, label in (
            ("import", '`python -c "import wikiround"`'),
            ("convert", "`python -m wikiround seed.txt -o out.wiki` (plain text to wikitext)"),
        ):
            over = [1000 * (b - a) for a, b in zip(passes, self.startup[key], strict=True)]
            cpu = [1000 * (b - a) for a, b in zip(cpu_passes, self.startup_cpu[key], strict=True)]
            lines.append(
                f"| {label} | {statistics.median(over):.0f} | {min(over):.0f}–{max(over):.0f}"
                f" | {statistics.median(cpu):.0f} | {min(cpu):.0f}–{max(cpu):.0f} |"
            )
        lines.append(
            f"| `python -c pass` itself (absolute) | {1000 * statistics.median(passes):.0f} |"
            f" | {1000 * statistics.median(cpu_passes):.0f} | |"
        )
        return [*lines, ""]

    def memory_part(self) -> list[str]:
        before, peak = self.memory
        grown = peak - before
        dense_times, dense_mb, dense_before, dense_peak = self.dense
        return [
            "## Memory for one document",
            "",
            f"One line of {self.line_mb} MB of plain words read by the lossy reader in a fresh"
            f" process: peak RSS {peak:.0f} MB, of which {before:.0f} MB before reading it"
            f" (the interpreter, the package and the text itself); reading it added"
            f" {grown:.0f} MB, {grown / self.line_mb:.1f}× the document, and the whole"
            f" process peaked at {peak / self.line_mb:.1f}× it.",
            "",
            f"A page dense with markup, the largest vendored article {dense_times} times over"
            f" ({dense_mb:.1f} MB), the same way: peak RSS {dense_peak:.0f} MB, of which"
            f" {dense_before:.0f} MB before reading it; reading it added"
            f" {dense_peak - dense_before:.0f} MB, {(dense_peak - dense_before) / dense_mb:.1f}×"
            " the page: most of it mwparserfromhell's tokens, all made before the tree is"
            " built from them (see"
            " [limitations.md](limitations.md#real-articles-the-lossy-reader)).",
            "",
        ]

    def plain_part(self) -> list[str]:
        labels = list(self.plain)
        ours = self.plain[labels[0]]
        lines = [
            "## Plain text to wikitext",
            "",
            f"{self.documents:,} plain-text articles, {self.corpus_bytes / MB:.1f} MB (the seed"
            " and the real articles as the lossy reader gives them, repeated under new"
            " titles), `parse_plaintext` + `render_wikitext` on one core, each version of the"
            " code in a process of its own, rounds alternating them; MB per second of CPU"
            " time (user and system) of that process, which other work on a shared machine"
            " disturbs less than the wall clock.",
            "",
            "| code | MB/s (median) | range | this tree's speed ÷ this one's (median) |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label in labels:
            rates = [self.corpus_bytes / MB / s for s in self.plain[label]]
            ratio = statistics.median(t / o for o, t in zip(ours, self.plain[label], strict=True))
            lines.append(f"| {label} | **{statistics.median(rates):.1f}** |"
                         f" {min(rates):.1f}–{max(rates):.1f} | {ratio:.2f} |")  # fmt: skip
        return [*lines, ""]

    def dumps_part(self) -> list[str]:
        return [
            "## Dumps",
            "",
            "`python -m wikiround DUMP -o pages.jsonl -j N`, timed from process start to exit;"
            " articles are namespace-0 pages that are not redirects. Peak RSS is that of the"
            " largest single process (the main process or one worker). The last column is the"
            " CPU time that processes other than this run used on the machine while it ran,"
            " per second of the run: where it is well above 0, the run shared its cores and"
            " the figures are low.",
            "",
            *table(self.dumps),
        ]


if __name__ == "__main__":
    sys.exit(main())
