"""The command line: ``python -m wikiround`` (also installed as ``wikiround``)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

import attrs

from wikiround._app._convert import (
    DEFAULT_MAX_SIZE,
    INPUT_SUFFIXES,
    JSON,
    PLAIN,
    WIKITEXT,
    Failure,
    Options,
    Outcome,
    bug_message,
    convert,
    decode,
    detect_format,
    format_of_name,
    format_size,
    out_of_memory,
    over_budget,
    ran_out_of_memory,
    read_file,
)
from wikiround._app._files import XML, cannot_write, is_dump, report_line, write_atomically
from wikiround._app._onto import add_editing_arguments, edit_onto
from wikiround._app._round_trip import read_summary
from wikiround._app._streams import (
    cannot_write_stdout,
    plug_closed,
    read_stdin,
    say,
    silence_stdout,
    stdout,
)
from wikiround.model import DEFAULT_TEMPLATE

__all__ = ["main"]

_DESCRIPTION = """\
Convert Wikipedia articles between the plain-text article format and MediaWiki
wikitext, one file, folders of them, or whole MediaWiki XML dumps.

A file's extension says its format: .txt is plain text, .wiki, .wikitext and
.mediawiki are wikitext, .json is JSON, and .xml, .xml.bz2, .xml.gz, .bz2 and .gz are
dumps. Standard input and other names are judged by their content (a plain-text
article starts with a '= Title =' line, our JSON is an object with our keys, a dump
starts with '<mediawiki' or '<?xml'). The output is the other format unless --to, or
the extension of the -o file, says otherwise.

Wikitext is read as real articles are written: what the plain-text format cannot hold
(references, files, tables, unknown templates) is left out, and a one-line summary of
it goes to standard error. --strict refuses to leave anything out.
"""
_EPILOG = """\
examples:
  python -m wikiround article.txt                 plain text -> wikitext on stdout
  python -m wikiround article.txt -o article.wiki write the wikitext to a file
  python -m wikiround --title "José Serrano" page.wiki
                                                  wikitext -> plain text
  python -m wikiround --report page.wiki          ... and list all that was left out
  python -m wikiround --strict page.wiki          fail rather than leave anything out
  cat page.wiki | python -m wikiround --title T - read standard input
  python -m wikiround drafts/ more.txt -o out/    a batch: out/ mirrors drafts/
  python -m wikiround -j 4 --skip-existing drafts/ -o out/
                                                  4 processes; resume a stopped batch
  python -m wikiround drafts/ --to xml -o import.xml
                                                  an XML file for importDump.php
  python -m wikiround enwiki-pages-articles.xml.bz2 --with-template "Infobox officeholder" -o pages/
                                                  a dump: one .txt file per page
  python -m wikiround dump.xml.bz2 -o pages.jsonl a dump as JSON Lines
  python -m wikiround edited.txt --onto page.wiki -o new.wiki
                                                  apply an edit onto the page itself
  python -m wikiround edited.txt --onto page.wiki --diff
                                                  ... or show it as a unified diff

exit status: 0 on success, 1 when a document cannot be converted (the message names
FILE:LINE:COL; in a batch the others are still converted) or an output cannot be
written (a batch stops there), 2 for a usage error, 3 when everything was converted
but --check warned, 130 when interrupted (Ctrl-C), 141 when standard output is closed
early (as by 'head'), 143 when stopped by SIGTERM.
"""


# Exit statuses (documented in docs/cli.md and --help).
OK_STATUS = 0
FAILED_STATUS = 1
USAGE_STATUS = 2
WARNED_STATUS = 3

# Other names accepted for a format.
_FORMAT_ALIASES = {"mediawiki": WIKITEXT}
# The names -f and -t take, as --help lists them.
_SOURCE_NAMES = (PLAIN, WIKITEXT, "mediawiki", JSON)


def _prog() -> str:
    """The name the command was run by: ``wikiround`` as a script, ``python -m
    wikiround`` as a module."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if not name or name in ("__main__.py", "-c", "-m"):
        return "python -m wikiround"
    return name


def _format_name(value: str | None) -> str | None:
    return None if value is None else _FORMAT_ALIASES.get(value, value)


class _Parser(argparse.ArgumentParser):
    """Usage errors as most command-line tools print them: the reason on one line, and
    where to read more, instead of the whole usage block."""

    def error(self, message: str) -> NoReturn:
        _error(message)
        _say(f"Try '{self.prog} --help' for more information.")
        raise SystemExit(USAGE_STATUS)


def _parser() -> argparse.ArgumentParser:
    prog = _prog()
    parser = _Parser(
        prog=prog,
        description=_DESCRIPTION,
        epilog=_EPILOG.replace("python -m wikiround", prog),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="articles, folders of articles (searched recursively for .txt, .wiki, "
        ".wikitext, .mediawiki and .json files) or MediaWiki XML dumps (.xml, .xml.bz2, "
        ".xml.gz, .bz2, .gz); '-' reads one article from standard input",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="a file for one article (written atomically; never over FILE), whose "
        "extension (.txt, .wiki, .json, .xml) picks the output format as --to would; a "
        "folder for several files, folders or a dump (mirroring the input tree); a .jsonl "
        "file for a dump; the .xml file for --to xml. Default, and '-': standard output "
        "(one article, a dump's JSON Lines or --to xml only)",
    )
    parser.add_argument(
        "-f",
        "--from",
        dest="source",
        choices=_SOURCE_NAMES,
        help="the input format, 'mediawiki' being another name for wikitext (default: "
        "from the file's extension, else detected from the content)",
    )
    parser.add_argument(
        "-t",
        "--to",
        dest="target",
        choices=(*_SOURCE_NAMES, XML),
        help="the output format (default: the other one); 'mediawiki' is wikitext; 'xml' "
        "writes a MediaWiki import file (export-0.11) of all inputs",
    )
    parser.add_argument(
        "--title",
        help="the page title of wikitext input (default: FILE's name without its extension)",
    )
    parser.add_argument(
        "--template",
        help="the infobox template plain-text input calls (default: "
        f"{DEFAULT_TEMPLATE!r}); the plain-text format does not name it",
    )
    reading = parser.add_argument_group("reading wikitext")
    reading.add_argument(
        "--strict",
        action="store_true",
        help="read wikitext without loss or fail (exit 1) where something would be left out",
    )
    reading.add_argument(
        "--report",
        action="store_true",
        help="list everything that was left out, one 'FILE:LINE:COL: KIND: DETAIL' line "
        "each (KIND such as 'reference' or 'template'), on standard error",
    )
    reading.add_argument(
        "--drop-lists",
        action="store_true",
        help="leave out '*', '#' and ';' lists (reported) instead of keeping each item as "
        "a paragraph",
    )
    reading.add_argument(
        "--drop-tables",
        action="store_true",
        help="leave out tables (reported) instead of keeping each row as a paragraph",
    )
    reading.add_argument(
        "--drop-captions",
        action="store_true",
        help="leave out the captions of thumbnails and framed files (the files are reported "
        "either way) instead of keeping each as a paragraph",
    )
    reading.add_argument(
        "--drop-galleries",
        action="store_true",
        help="leave out the captions of galleries (the galleries are reported either way) "
        "instead of keeping each as a paragraph",
    )
    reading.add_argument(
        "--keep-reference-sections",
        action="store_true",
        help="keep sections such as References, External links and See also (left out and "
        "reported by default)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the infobox of every input (unknown parameters, conflicting aliases, "
        "dates out of order); print the warnings, each with its FILE:LINE:COL, and exit 3 "
        "if there are any (1 still wins when a document failed)",
    )
    parser.add_argument(
        "--date-templates",
        action="store_true",
        help="in wikitext output, write term, birth and death dates as date templates "
        "({{Start date|…}}, {{Birth date and age|…}}, …)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only errors, warnings and --report lines: no summary of what was left "
        "out, no batch total, no progress bar",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar for batches and dumps (default: when standard error is a "
        "terminal)",
    )
    batch = parser.add_argument_group("batches and dumps")
    batch.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of cores, here %(default)s)",
    )
    batch.add_argument(
        "--skip-existing",
        action="store_true",
        help="leave out documents whose output file already exists (to resume a batch)",
    )
    batch.add_argument(
        "--with-template",
        metavar="TEMPLATE",
        help="keep only the dump pages that call this template (for 'Infobox "
        "officeholder', under any of its redirect names too)",
    )
    batch.add_argument(
        "--page-budget",
        type=_seconds,
        metavar="SECONDS",
        help="report a document (a file, standard input or a dump's page) that takes "
        "longer than SECONDS to convert as failed, and go on with the others (default: no "
        "limit)",
    )
    batch.add_argument(
        "--namespace",
        type=int,
        action="append",
        metavar="NS",
        help="dump pages of this namespace (repeatable; default: 0, the articles)",
    )
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="SIZE",
        help="refuse documents larger than SIZE bytes (k, M, G suffixes; default "
        f"{format_size(DEFAULT_MAX_SIZE)}), and the pages of dumps whose text is larger "
        "(a dump itself is read as a stream, whatever its size)",
    )
    add_editing_arguments(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0: {value!r}")
    return seconds


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def _size(value: str) -> int:
    digits = value.strip().rstrip("bB")
    unit = digits[-1:].lower() if digits[-1:].isalpha() else ""
    number = digits[: len(digits) - len(unit)]
    if unit not in _UNITS or not number.isdigit() or len(number) > 15:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size such as 500k or 64M")
    return int(number) * _UNITS[unit]


def _version() -> str:
    from wikiround import __version__

    return __version__


def _options(args: argparse.Namespace) -> Options:
    return Options(
        source=args.source,
        target=args.target,
        title=args.title,
        template=args.template or DEFAULT_TEMPLATE,
        strict=args.strict,
        keep_lists=not args.drop_lists,
        keep_tables=not args.drop_tables,
        keep_captions=not args.drop_captions,
        keep_galleries=not args.drop_galleries,
        keep_reference_sections=args.keep_reference_sections,
        check=args.check,
        date_templates=args.date_templates,
        max_size=args.max_size,
        allow_loss=args.allow_loss,
        page_budget=args.page_budget,
    )


class _StdoutClosed(Exception):
    """Standard output was closed by its reader (``… | head -1``): stop quietly."""


def _write_stdout(text: str) -> None:
    # UTF-8 whatever the locale says, and no newline translation.
    try:
        stream = stdout()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text)
        else:
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
    except BrokenPipeError:
        raise _StdoutClosed from None
    except OSError as error:
        silence_stdout()  # what is left in the buffer would fail again at exit
        raise Failure(cannot_write_stdout(error)) from None


_say = say


def _error(message: str) -> None:
    _say(f"wikiround: error: {message}")


# -- one article ------------------------------------------------------------------------


def _single(args: argparse.Namespace, parser: argparse.ArgumentParser, stdin: TextIO | None) -> int:
    path = args.files[0]
    if path == "-":
        text = decode(read_stdin(stdin, args.max_size), "-")
    else:
        text = read_file(path, limit=args.max_size)
    options = _options(args)
    title = None
    if path != "-":
        title = Path(path).stem
        options = attrs.evolve(options, source=args.source or format_of_name(path))
    elif args.title is None and (args.source or detect_format(text)) == WIKITEXT:
        parser.error("wikitext on standard input needs --title")
    outcome = _convert_in_budget(text, path, options, title)
    for entry in outcome.report.entries if args.report else ():
        _say(report_line(path, entry))
    summary = read_summary(
        path,
        text,
        outcome,
        strict=args.strict,
        output=None if args.output == "-" else args.output,
        prog=_prog(),
    )
    if summary is not None and not args.quiet:
        _say(summary)
    if args.output and args.output != "-":
        output = Path(args.output)
        if path != "-" and output.exists() and output.resolve() == Path(path).resolve():
            raise Failure(f"{args.output}: refusing to overwrite the input file")
        try:
            write_atomically(output, outcome.output)
        except OSError as error:
            raise Failure(cannot_write(args.output, error)) from None
    else:
        _write_stdout(outcome.output)
    for line in outcome.warning_lines(path):
        _say(line)
    for line in _unused_options(args, {outcome.source}, f"wikiround: {path}"):
        _say(line)
    return WARNED_STATUS if outcome.warnings else OK_STATUS


def _convert_in_budget(text: str, path: str, options: Options, title: str | None) -> Outcome:
    """:func:`convert`; with ``--page-budget``, in a worker process that is killed when
    the document takes longer, which then fails as a batch's document does."""
    if options.page_budget is None:
        return convert(text, path, options, title=title)
    import functools

    from wikiround._app._pool import Lost, ordered_map  # a worker process, only for this

    def lost(_: str, why: Lost) -> Outcome | Failure:
        if why.over_budget:
            return Failure(over_budget(path, options.page_budget))
        if why.out_of_memory:
            return Failure(out_of_memory(path))
        return Failure(f"{path}: left out: {why}")

    work = functools.partial(convert, label=path, options=options, title=title)
    (outcome,) = ordered_map(work, [text], workers=1, budget=options.page_budget, lost=lost)
    if isinstance(outcome, Failure):
        raise outcome
    return outcome


# Options that only one input format uses, and that format.
_FORMAT_OPTIONS = (
    ("--title", "title", WIKITEXT),
    ("--strict", "strict", WIKITEXT),
    ("--drop-lists", "drop_lists", WIKITEXT),
    ("--drop-tables", "drop_tables", WIKITEXT),
    ("--drop-captions", "drop_captions", WIKITEXT),
    ("--drop-galleries", "drop_galleries", WIKITEXT),
    ("--keep-reference-sections", "keep_reference_sections", WIKITEXT),
    ("--template", "template", PLAIN),
)
_FORMAT_NAMES = {PLAIN: "plain-text", WIKITEXT: "wikitext", JSON: "JSON"}


def _unused_options(args: argparse.Namespace, read: set[str], label: str) -> list[str]:
    """A warning for each option given that no input read could use (``--title`` for
    plain text, say), instead of ignoring it in silence."""
    lines = []
    for flag, name, needs in _FORMAT_OPTIONS:
        if getattr(args, name) in (None, False) or needs in read:
            continue
        kind = _FORMAT_NAMES[needs]
        if len(read) == 1:
            (only,) = read
            why = f"ignored for this {_FORMAT_NAMES.get(only, only)} input"
        else:
            why = f"no input was {kind}, so it was ignored"
        lines.append(f"{label}: warning: {flag} is for {kind} input; {why}")
    return lines


def _show_progress(args: argparse.Namespace) -> bool | None:
    return False if args.quiet and args.progress is None else args.progress


# -- entry ------------------------------------------------------------------------------

# Options --onto has no use for: it reads the edit and the page its own way, and writes
# the page's wikitext.
_NOT_FOR_ONTO = (
    ("--report", "report"),
    ("--check", "check"),
    ("--drop-lists", "drop_lists"),
    ("--drop-tables", "drop_tables"),
    ("--drop-captions", "drop_captions"),
    ("--drop-galleries", "drop_galleries"),
    ("--keep-reference-sections", "keep_reference_sections"),
    ("--template", "template"),
    ("--date-templates", "date_templates"),
    ("--with-template", "with_template"),
    ("--namespace", "namespace"),
    ("--page-budget", "page_budget"),
    ("--skip-existing", "skip_existing"),
)
# Options that choose the pages of a dump.
_DUMP_FILTERS = (("--with-template", "with_template"), ("--namespace", "namespace"))


def _refuse_unused_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """A usage error for an option the run could not use, rather than ignoring it."""
    if args.onto is None:
        if args.diff:
            parser.error("--diff shows what --onto changes: it needs --onto PAGE")
        if args.base is not None:
            parser.error("--base is the page an edit was read from: it needs --onto PAGE")
        if any(getattr(args, name) is not None for _, name in _DUMP_FILTERS) and not any(
            _is_dump_input(path) for path in args.files
        ):
            flag = next(f for f, name in _DUMP_FILTERS if getattr(args, name) is not None)
            parser.error(
                f"{flag} chooses the pages of a dump, and no FILE is a dump "
                "(.xml, .xml.bz2, .xml.gz, .bz2, .gz)"
            )
        return
    for flag, name in _NOT_FOR_ONTO:
        if getattr(args, name) not in (None, False):
            parser.error(
                f"{flag} does not apply to --onto, which applies an edit onto the page's wikitext"
            )
    if args.diff and args.output not in (None, "-"):
        parser.error(
            "--diff prints the diff on standard output, and writes no file: -o does not apply"
        )


# What an output file's name says it holds.
_JSONL = "jsonl"
_OUTPUT_KINDS = {**INPUT_SUFFIXES, ".xml": XML, ".jsonl": _JSONL}
_KIND_NAMES = {
    PLAIN: "plain text",
    WIKITEXT: "wikitext",
    JSON: "JSON",
    XML: "a MediaWiki import file",
}


def _is_folder_name(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _is_dump_input(path: str) -> bool:
    return path != "-" and not Path(path).is_dir() and is_dump(path)


def _follow_the_output_name(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """An ``-o`` file whose extension names a format gets that format (as ``--to``
    would give it); a name that says another format than the run writes is a usage
    error."""
    output = args.output
    if output in (None, "-") or _is_folder_name(output):
        return
    if output.lower().endswith((".gz", ".bz2")):
        parser.error(
            f"-o {output}: output is not compressed; write it uncompressed and compress it after"
        )
    kind = _OUTPUT_KINDS.get(Path(output).suffix.lower())
    if kind is None:
        return
    if args.onto is not None:
        if kind != WIKITEXT:
            parser.error(
                f"-o {output}: --onto writes the page's wikitext, and the name says "
                f"{_KIND_NAMES.get(kind, 'JSON Lines')}; name it .wiki"
            )
        return
    if kind == _JSONL:
        if not all(_is_dump_input(path) for path in args.files):
            where = (
                "for one article write .json"
                if len(args.files) == 1
                else "documents go to a folder (-o DIR)"
            )
            parser.error(f"-o {output}: JSON Lines (.jsonl) are written for dumps; {where}")
        return
    if args.target is not None and args.target != kind:
        parser.error(
            f"-o {output}: the name says {_KIND_NAMES[kind]}, and --to {args.target} writes "
            f"{_KIND_NAMES[args.target]}"
        )
    if kind != XML and not _is_single(args):
        if all(_is_dump_input(path) for path in args.files):
            parser.error(
                f"-o {output}: a dump's pages go to a folder (-o DIR) or to JSON Lines "
                "(-o FILE.jsonl), not to one document file"
            )
        parser.error(
            f"-o {output}: several documents go to a folder (-o DIR) or to an import file "
            "(--to xml -o FILE.xml), not to one document file"
        )
    args.target = kind


def _is_single(args: argparse.Namespace) -> bool:
    if len(args.files) != 1 or args.target == XML:
        return False
    path = args.files[0]
    if path == "-":
        return True
    if Path(path).is_dir() or is_dump(path):
        return False
    return not (args.output and _is_folder_name(args.output))


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    plug_closed()
    parser = _parser()
    args = parser.parse_args(argv)
    args.source, args.target = _format_name(args.source), _format_name(args.target)
    if "-" in args.files and len(args.files) > 1:
        parser.error("'-' (standard input) must be the only FILE")
    _refuse_unused_options(args, parser)
    _follow_the_output_name(args, parser)
    if args.target == XML and "-" in args.files:
        parser.error("--to xml makes an import file of FILEs: standard input ('-') is not read")
    if args.skip_existing and _is_single(args) and args.output and Path(args.output).exists():
        _say(f"wikiround: {args.output}: already there, skipped")
        return 0
    try:
        if args.onto is not None:
            return edit_onto(args, parser, stdin or sys.stdin, _write_stdout, _say)
        if _is_single(args):
            return _single(args, parser, stdin or sys.stdin)
        from wikiround._app._cli_batch import run_batch  # only now: the batch engine

        return run_batch(args, parser)
    except Failure as failure:
        _error(str(failure))
        return FAILED_STATUS
    except _StdoutClosed:
        # The reader of standard output went away (`| head -1`): stop quietly, as Unix
        # tools do, and keep Python from complaining when it flushes at exit.
        silence_stdout()
        return 141
    except KeyboardInterrupt:
        _say("wikiround: interrupted")
        return 130
    except _Terminated:
        _say("wikiround: terminated")
        return 143
    except Exception as error:
        if ran_out_of_memory(error):
            _error(out_of_memory(" ".join(args.files)))
        else:
            _error(bug_message(" ".join(args.files), error))
        return FAILED_STATUS


class _Terminated(BaseException):
    """SIGTERM: stop as for Ctrl-C, removing temporary files."""


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    raise _Terminated


def main_entry() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(main())
