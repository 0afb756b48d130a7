"""One document, converted: read the input, write the output, re-read it to be sure.

Shared by the command line and the batch engine. Every failure is a :class:`Failure`
whose message is ready to print (``FILE:LINE:COL: message`` plus source line and caret).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import IO, TYPE_CHECKING

import attrs

from wikiround._text import is_blank, printable
from wikiround.errors import ParseError, WikiroundError
from wikiround.lossy import Report
from wikiround.model import DEFAULT_TEMPLATE, Article
from wikiround.plaintext import parse_plaintext, render_plaintext

if TYPE_CHECKING:
    from wikiround.validation import CheckWarning

# JSON, the wikitext readers and the checks are imported where they are used, so that
# converting one file loads only what that conversion needs.

PLAIN = "plain"
WIKITEXT = "wikitext"
JSON = "json"
# Formats one document can be read from and written to.
DOCUMENT_FORMATS = (PLAIN, WIKITEXT, JSON)
EXTENSIONS = {PLAIN: ".txt", WIKITEXT: ".wiki", JSON: ".json"}
# File name endings read as each format when a folder is searched for documents.
INPUT_SUFFIXES = {
    ".txt": PLAIN,
    ".wiki": WIKITEXT,
    ".wikitext": WIKITEXT,
    ".mediawiki": WIKITEXT,
    ".json": JSON,
}


# The largest document read whole, and the largest text of a dump's page: eight times
# the largest page MediaWiki stores ($wgMaxArticleSize, 2 MiB by default). A dump
# itself is read as a stream, without a limit.
DEFAULT_MAX_SIZE = 16 * 1024 * 1024


class Failure(Exception):
    """A document could not be converted; ``str()`` is the message to print."""


@attrs.frozen
class Options:
    """How to convert: formats (None: detect, or the other one), title, and checks."""

    source: str | None = None
    target: str | None = None
    title: str | None = None
    template: str = DEFAULT_TEMPLATE
    strict: bool = False
    keep_lists: bool = True
    keep_captions: bool = True
    keep_galleries: bool = True
    keep_reference_sections: bool = False
    keep_tables: bool = True
    check: bool = False
    date_templates: bool = False
    max_size: int = DEFAULT_MAX_SIZE
    allow_loss: bool = False
    # Seconds one document may take, enforced by killing its worker (see _pool); None: no limit.
    page_budget: float | None = None


@attrs.frozen
class Outcome:
    """A converted document, what the read left out, and the check's warnings."""

    article: Article
    output: str
    source: str
    target: str
    report: Report
    warnings: tuple[CheckWarning, ...] = ()
    # Where each warning's parameter is written in the input (line, column), if found.
    warning_places: tuple[tuple[int, int] | None, ...] = ()

    def warning_lines(self, label: str) -> tuple[str, ...]:
        """``FILE:LINE:COL: warning: MESSAGE [CODE]`` for each warning (``FILE:`` alone
        when the warning has no place in the input)."""
        places = self.warning_places or (None,) * len(self.warnings)
        return tuple(
            f"{label}{'' if place is None else f':{place[0]}:{place[1]}'}: warning: "
            f"{printable(warning.message)} [{warning.code}]"
            for warning, place in zip(self.warnings, places, strict=True)
        )


def decode(data: bytes, label: str) -> str:
    """UTF-8 text from ``data``, without a byte-order mark and with ``\\n`` line ends."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Failure(
            f"{label}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    # Text from Windows editors: a byte-order mark and CRLF line ends are accepted.
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read_file(path: str | Path, label: str | None = None, *, limit: int = DEFAULT_MAX_SIZE) -> str:
    """The text of a file, as :func:`decode` gives it; a :class:`Failure` for a file
    larger than ``limit`` bytes (found before reading it whole) and for a device."""
    label = str(path) if label is None else label
    try:
        with open(path, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                raise Failure(f"{label}: not a regular file (a device)")
            if stat.S_ISREG(mode) and os.fstat(stream.fileno()).st_size > limit:
                raise Failure(too_large(label, limit))
            data = read_at_most(stream, limit, label)
    except OSError as error:
        raise Failure(f"{label}: {error.strerror or error}") from None
    return decode(data, label)


def read_at_most(stream: IO[bytes], limit: int, label: str) -> bytes:
    """All of ``stream`` (a pipe, say), or a :class:`Failure` once it holds more than
    ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise Failure(too_large(label, limit))
    return data


def too_large(label: str, limit: int) -> str:
    """The message for a document larger than ``limit`` bytes."""
    return f"{label}: larger than {format_size(limit)}; --max-size raises the limit"


def format_size(size: int) -> str:
    """``16M``, ``500k`` or ``1234`` (bytes): how ``--max-size`` takes sizes."""
    for unit, factor in (("G", 1 << 30), ("M", 1 << 20), ("k", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor}{unit}"
    return str(size)


def format_of_name(path: str | Path) -> str | None:
    """The format a file's extension says (``.txt``: plain, ``.wiki``, ``.wikitext``,
    ``.mediawiki``: wikitext, ``.json``: JSON), or None for any other name."""
    return INPUT_SUFFIXES.get(Path(path).suffix.lower())


# The top-level keys of our JSON document (docs/json.md).
_JSON_KEYS = frozenset({"format", "version", "title", "infobox", "lead", "sections", "layout"})
# A document that starts the way ours does: its first key is "format". It is read as
# JSON even when it does not parse, so that a slip gets the JSON reader's error.
# JSON's whitespace is space, tab, LF and CR only (RFC 8259), not str.isspace's.
_JSON_SPACE = " \t\n\r"
_OUR_JSON_START = re.compile(f'\\{{[{_JSON_SPACE}]*"format"[{_JSON_SPACE}]*:')


def _is_our_json(text: str) -> bool:
    start = text.lstrip(_JSON_SPACE)
    if not start.startswith("{"):
        return False
    if _OUR_JSON_START.match(start):
        return True
    import json  # here: only text that may be JSON needs it

    try:
        data = json.loads(start)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and bool(data) and set(data) <= _JSON_KEYS


def detect_format(text: str) -> str:
    """The format of ``text`` judged by its content, for standard input and files with
    an extension that says nothing: ``plain`` when it starts with a ``= Title =`` line,
    ``json`` when it is a JSON object with our top-level keys (or starts with our
    ``"format"`` key), else ``wikitext`` (a table's ``{|`` included)."""
    first = text.split("\n", 1)[0]
    if first.startswith("= ") and first.endswith(" =") and not first.startswith("=="):
        return PLAIN
    if _is_our_json(text):
        return JSON
    return WIKITEXT


def over_budget(label: str, seconds: float | None) -> str:
    """The message for a document stopped at its time budget (``--page-budget``)."""
    return f"{label}: left out: took longer than the time budget of {seconds:g} s (--page-budget)"


def ran_out_of_memory(error: BaseException) -> bool:
    """True for a :class:`MemoryError`, and for an error a C extension raised because of
    one (``SystemError: … returned a result with an exception set``, caused by it)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, MemoryError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def out_of_memory(label: str) -> str:
    """The message for a document whose conversion ran out of memory."""
    return f"{label}: out of memory"


def bug_message(label: str, error: BaseException) -> str:
    """The message for an exception wikiround did not expect while converting a
    document: a bug, reported with the document that triggered it."""
    detail = str(error)
    if len(detail) > 200:
        detail = detail[:197] + "..."
    return (
        f"{label}: internal error ({type(error).__name__}: {detail}); this is a bug in "
        "wikiround, please report it with this document"
    )


# Why wikitext is not written from a lossy read, and what to do instead.
LOSSY_WRITE = (
    "refusing to write wikitext from a lossy read: it would drop everything the read "
    "left out (references, links, files, categories…) and replace the page with a "
    "stripped copy; to change a page, edit its plain text and apply the edit with "
    "'--onto PAGE.wiki', or pass --allow-loss (or --strict, which reads without loss "
    "or fails)"
)


def default_target(source: str) -> str:
    """The format a document is converted to when no target is given: wikitext for
    plain text and JSON, plain text for wikitext."""
    return PLAIN if source == WIKITEXT else WIKITEXT


def format_parse_error(label: str, error: ParseError) -> str:
    """``FILE:LINE:COL: message``, then the source line and a caret under the column;
    ``FILE: PATH: message`` for an error in a document's structure (a JSON path)."""
    if error.line is None or error.column is None:
        where = "" if error.path is None else f"{error.path}: "
        return f"{label}: {where}{printable(error.message)}"
    # Control characters are shown escaped (the line is input, and could hold terminal
    # commands); the caret stays under the column.
    before = printable(error.source_line[: error.column - 1])
    caret = "".join(c if c == "\t" else " " for c in before) + "^"
    shown = before + printable(error.source_line[error.column - 1 :])
    return (
        f"{label}:{error.line}:{error.column}: {printable(error.message)}\n    {shown}\n    {caret}"
    )


def read_article(
    text: str, source: str, title: str | None, options: Options
) -> tuple[Article, Report]:
    """The article in ``text`` (in format ``source``) and what reading it left out.

    Raises :class:`~wikiround.errors.WikiroundError` when it cannot be read.
    """
    if source == PLAIN:
        return parse_plaintext(text, template=options.template), Report()
    if source == JSON:
        from wikiround._json import from_json

        return from_json(text), Report()
    if title is None:
        raise ValueError("wikitext needs a title")
    if options.strict:
        from wikiround.wikitext import parse_wikitext

        return parse_wikitext(text, title=title), Report()
    from wikiround.lossy import parse_wikitext_lossy

    result = parse_wikitext_lossy(
        text,
        title=title,
        keep_lists=options.keep_lists,
        keep_captions=options.keep_captions,
        keep_galleries=options.keep_galleries,
        keep_reference_sections=options.keep_reference_sections,
        keep_tables=options.keep_tables,
    )
    return result.article, result.report


def render(article: Article, target: str, options: Options) -> str:
    """``article`` written in ``target``, after making sure it reads back the same."""
    again: Article
    if target == PLAIN:
        output = render_plaintext(article)
        # The plain-text format does not name the infobox template: read it back with
        # the article's own.
        template = article.infobox.template if article.infobox else options.template
        again = parse_plaintext(output, template=template)
    elif target == JSON:
        from wikiround._json import from_json, to_json

        output = to_json(article)
        again = from_json(output)
    else:
        from wikiround.wikitext import parse_wikitext, render_wikitext

        output = render_wikitext(
            article, date_templates=options.date_templates, allow_loss=options.allow_loss
        )
        again = parse_wikitext(output, title=article.title)
    # Re-read what we wrote: if the meaning changed, refuse to write it.
    if again != article:
        raise Failure(
            "the output does not read back as the input; this is a bug in wikiround, "
            "please report it with the input file"
        )
    return output


# Markup that plain text and JSON seldom hold and wikitext often does: templates, links,
# bold, references, tables.
_WIKITEXT_MARKS = ("{{", "[[", "'''", "<ref", "\n{|")
_SUFFIX_OF = {WIKITEXT: ".wiki", JSON: ".json"}


def _format_hint(label: str, text: str, source: str) -> str:
    """A last line for the error of a document read as plain text that looks like
    another format (wikitext in a ``.txt`` file): how to read it as that."""
    if source != PLAIN:
        return ""
    seen = detect_format(text)
    head = "\n" + text[: 1 << 16]
    if seen == PLAIN or (seen == WIKITEXT and not any(mark in head for mark in _WIKITEXT_MARKS)):
        return ""
    name = "JSON" if seen == JSON else "wikitext"
    return (
        f"\nwikiround: hint: {label} looks like {name}: read it with -f {seen}, or name it "
        f"{_SUFFIX_OF[seen]}"
    )


def convert(text: str, label: str, options: Options, *, title: str | None = None) -> Outcome:
    """Convert one document; ``label`` names it in messages (a path, or ``-``).

    ``title`` is the page title of wikitext input when ``options.title`` is not set.
    """
    source = options.source or detect_format(text)
    target = options.target or default_target(source)
    title = options.title or title
    if source == WIKITEXT and target == WIKITEXT and not (options.strict or options.allow_loss):
        raise Failure(f"{label}: {LOSSY_WRITE}")
    if source == WIKITEXT and is_blank(text):
        raise Failure(f"{label}: the document is empty; there is no wikitext to read")
    try:
        article, report = read_article(text, source, title, options)
        output = render(article, target, options)
    except ParseError as error:
        raise Failure(
            format_parse_error(label, error) + _format_hint(label, text, source)
        ) from None
    except Failure as failure:
        raise Failure(f"{label}: {failure}") from None
    except WikiroundError as error:
        raise Failure(f"{label}: cannot convert to {target}: {error}") from None
    except Exception as error:
        if ran_out_of_memory(error):
            raise Failure(out_of_memory(label)) from None
        raise Failure(bug_message(label, error)) from None
    warnings: tuple[CheckWarning, ...] = ()
    if options.check:
        from wikiround.validation import check

        warnings = check(article)
    places: tuple[tuple[int, int] | None, ...] = ()
    if warnings:
        from wikiround._app._places import parameter_place  # only to place warnings

        places = tuple(parameter_place(text, source, w.parameter) for w in warnings)
    return Outcome(article, output, source, target, report, warnings, places)
