"""The command line: ``python -m wikiround`` (also installed as ``wikiround``)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from wikiround.errors import ParseError, WikiroundError
from wikiround.model import DEFAULT_TEMPLATE, Article
from wikiround.plaintext import parse_plaintext, render_plaintext
from wikiround.wikitext import parse_wikitext, render_wikitext

PLAIN = "plain"
WIKITEXT = "wikitext"
FORMATS = (PLAIN, WIKITEXT)

_DESCRIPTION = """\
Convert a Wikipedia article between the plain-text article format and MediaWiki
wikitext. The input format is detected from the content (a plain-text article starts
with a '= Title =' line); the output is the other format unless --to says otherwise.
"""
_EPILOG = """\
examples:
  python -m wikiround article.txt                 plain text -> wikitext on stdout
  python -m wikiround article.txt -o article.wiki write the wikitext to a file
  python -m wikiround --title "José Serrano" page.wiki
                                                  wikitext -> plain text
  cat page.wiki | python -m wikiround --title T - read standard input

exit status: 0 on success, 1 when the input cannot be converted (the message names
FILE:LINE:COL), 2 for a usage error.
"""


class _Failure(Exception):
    """A conversion failed; the message is ready to print."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m wikiround",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", metavar="FILE", help="the article to convert; '-' reads standard input"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here instead of standard output (atomically; never over FILE)",
    )
    parser.add_argument(
        "--from", dest="source", choices=FORMATS, help="the input format (default: detected)"
    )
    parser.add_argument(
        "--to", dest="target", choices=FORMATS, help="the output format (default: the other one)"
    )
    parser.add_argument(
        "--title",
        help="the page title of wikitext input (default: FILE's name without its extension)",
    )
    parser.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        help=f"the infobox template for plain-text input (default: {DEFAULT_TEMPLATE!r})",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def _version() -> str:
    from wikiround import __version__

    return __version__


def _read(path: str, stdin: TextIO) -> str:
    try:
        data = stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise _Failure(f"{path}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Failure(
            f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    # Text from Windows editors: a byte-order mark and CRLF line ends are accepted.
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def detect_format(text: str) -> str:
    """``plain`` when ``text`` starts with a ``= Title =`` line, else ``wikitext``."""
    first = text.split("\n", 1)[0]
    if first.startswith("= ") and first.endswith(" =") and not first.startswith("=="):
        return PLAIN
    return WIKITEXT


def _convert(text: str, source: str, target: str, title: str | None, template: str) -> str:
    article: Article
    if source == PLAIN:
        article = parse_plaintext(text, template=template)
    else:
        assert title is not None
        article = parse_wikitext(text, title=title)
    output = render_plaintext(article) if target == PLAIN else render_wikitext(article)
    # Re-read what we wrote: if the meaning changed, refuse to write it.
    again = (
        parse_plaintext(output, template=template)
        if target == PLAIN
        else parse_wikitext(output, title=article.title)
    )
    if again != article:
        raise _Failure(
            "the output does not read back as the input; this is a bug in wikiround, "
            "please report it with the input file"
        )
    return output


def _format_parse_error(path: str, error: ParseError) -> str:
    caret = "".join(c if c == "\t" else " " for c in error.source_line[: error.column - 1]) + "^"
    return (
        f"{path}:{error.line}:{error.column}: {error.message}\n    {error.source_line}\n    {caret}"
    )


def _write_atomically(path: str, text: str, source: str) -> None:
    target = Path(path)
    if source != "-" and target.exists() and target.resolve() == Path(source).resolve():
        raise _Failure(f"{path}: refusing to overwrite the input file")
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_stdout(text: str) -> None:
    # UTF-8 whatever the locale says, and no newline translation.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    stdin = stdin or sys.stdin
    try:
        text = _read(args.file, stdin)
        source = args.source or detect_format(text)
        target = args.target or (WIKITEXT if source == PLAIN else PLAIN)
        title = args.title
        if source == WIKITEXT and title is None:
            if args.file == "-":
                parser.error("wikitext on standard input needs --title")
            title = Path(args.file).stem
        try:
            output = _convert(text, source, target, title, args.template)
        except ParseError as error:
            raise _Failure(_format_parse_error(args.file, error)) from None
        except WikiroundError as error:
            raise _Failure(f"{args.file}: cannot convert to {target}: {error}") from None
        if args.output and args.output != "-":
            try:
                _write_atomically(args.output, output, args.file)
            except OSError as error:
                raise _Failure(f"{args.output}: {error.strerror or error}") from None
        else:
            _write_stdout(output)
    except _Failure as failure:
        print(f"wikiround: error: {failure}", file=sys.stderr)
        return 1
    return 0


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
