"""``--onto``: apply an edited article onto a page's original wikitext (the command line
side of :func:`wikiround.editing.apply_edit`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from wikiround._app._convert import (
    JSON,
    PLAIN,
    WIKITEXT,
    Failure,
    decode,
    detect_format,
    format_of_name,
    format_parse_error,
    read_file,
)
from wikiround._app._files import cannot_write, is_dump, write_if_changed
from wikiround._app._streams import read_stdin
from wikiround._text import lines_keeping_breaks
from wikiround.errors import ParseError, WikiroundError
from wikiround.model import Article

__all__ = ["add_editing_arguments", "edit_onto"]


def add_editing_arguments(parser: argparse.ArgumentParser) -> None:
    editing = parser.add_argument_group("editing a page")
    editing.add_argument(
        "--onto",
        metavar="PAGE",
        help="apply FILE, the edited article (plain text or JSON), onto PAGE, the page's "
        "wikitext: only what the edit changed is rewritten, word by word; the changes are "
        "listed on standard error. An edit that would lose a reference, template, file, "
        "category or comment whose text it did not delete is refused (exit 1, nothing "
        "written; --allow-loss makes it); with --strict, so is one that replaces markup",
    )
    editing.add_argument(
        "--base",
        metavar="BASE",
        help="with --onto, the page's wikitext as it was when FILE was read from it: the "
        "edit is what changed from BASE's read to FILE, made on PAGE as it is now, keeping "
        "what others changed since; where both changed the same words, the conflict is "
        "shown and nothing is written",
    )
    editing.add_argument(
        "--diff",
        action="store_true",
        help="with --onto, print a unified diff of PAGE instead of the new wikitext",
    )
    editing.add_argument(
        "--allow-loss",
        action="store_true",
        help="write wikitext (or --to xml) from wikitext read with loss, although it drops "
        "what the read left out (refused by default: use --onto to edit a page); with "
        "--onto, make an edit that loses constructs or is not one of PAGE all the same",
    )


def _edited(text: str, label: str, source: str | None) -> Article | str:
    """The edited article: plain text as it is (apply_edit reads it with the page's
    infobox template), JSON read into an article."""
    if source == WIKITEXT:
        raise Failure(
            f"{label}: the edit must be plain text or JSON (the article as read from the "
            "page, changed), not wikitext"
        )
    if source == JSON:
        from wikiround._json import from_json

        return from_json(text)
    return text


_GIVE_THE_PAGE = "give the page the edited text was read from"
_NAMED = {PLAIN: "a plain-text file", JSON: "a JSON file"}


def _refuse_a_page_by_name(page: str, parser: argparse.ArgumentParser) -> None:
    """A usage error for a PAGE whose name says it is not wikitext (``page.txt``)."""
    named = format_of_name(page)
    what = "a dump" if named is None and is_dump(page) else _NAMED.get(named or WIKITEXT)
    if what is not None:
        parser.error(
            f"--onto {page}: PAGE is the page's wikitext (.wiki, .wikitext, .mediawiki), "
            f"and this is {what}; {_GIVE_THE_PAGE}"
        )


def edit_onto(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    stdin: TextIO | None,
    write_stdout: Callable[[str], None],
    say: Callable[[str], None],
) -> int:
    """Run ``FILE --onto PAGE``; return the exit status."""
    # Imported here: the editing machinery is not needed unless --onto is given.
    import difflib

    from wikiround.editing import ChangeKind, EditConflict, EditError, apply_edit

    if len(args.files) != 1:
        parser.error("--onto takes one FILE, the edited article")
    if args.target is not None:
        parser.error("--onto writes the page's wikitext: --to does not apply")
    path, page = args.files[0], args.onto
    if path == "-":
        text = decode(read_stdin(stdin, args.max_size), "-")
    else:
        text = read_file(path, limit=args.max_size)
    _refuse_a_page_by_name(page, parser)
    original = read_file(page, limit=args.max_size)
    if format_of_name(page) is None and detect_format(original) != WIKITEXT:
        held = "plain text" if detect_format(original) == PLAIN else "JSON"
        parser.error(
            f"--onto {page}: PAGE is the page's wikitext, and this file holds {held}; "
            f"{_GIVE_THE_PAGE}"
        )
    base = None if args.base is None else read_file(args.base, limit=args.max_size)
    source = args.source or (None if path == "-" else format_of_name(path)) or detect_format(text)
    try:
        edited = _edited(text, path, source)
        result = apply_edit(
            original,
            edited,
            base=base,
            title=args.title,
            allow_loss=args.allow_loss,
            strict=args.strict,
        )
    except ParseError as error:
        raise Failure(format_parse_error(path, error)) from None
    except EditConflict as error:
        shown = "".join(error.conflicts)
        lines = "\n".join(f"  {page}:{change}" for change in error.changes)
        raise Failure(
            f"{page}: the edit conflicts with changes made since {args.base}; nothing was "
            f"written:\n{lines}\n{shown}".rstrip("\n")
        ) from None
    except EditError as error:
        lines = "\n".join(f"  {page}:{change}" for change in error.changes)
        replaced = (ChangeKind.MARKUP_REPLACED, ChangeKind.REPLACED)
        if all(change.kind in replaced for change in error.changes):
            raise Failure(f"{page}: --strict: the edit would replace markup:\n{lines}") from None
        if all(change.kind is ChangeKind.TABLE_TEXT for change in error.changes):
            # (A table is never written anew, whatever --allow-loss says.)
            raise Failure(f"{page}: the edit was refused, nothing was written:\n{lines}") from None
        raise Failure(
            f"{page}: the edit was refused, nothing was written (--allow-loss makes it all "
            f"the same):\n{lines}"
        ) from None
    except WikiroundError as error:
        raise Failure(f"{path}: {error}") from None
    if not args.quiet:
        for change in result.changes:
            say(f"{page}:{change}")
        say(f"wikiround: {page}: {result.summary()}")
    if args.diff:
        diff = difflib.unified_diff(
            lines_keeping_breaks(original),
            lines_keeping_breaks(result.wikitext),
            fromfile=f"a/{page}",
            tofile=f"b/{page}",
        )
        write_stdout("".join(line if line.endswith("\n") else line + "\n" for line in diff))
    elif args.output and args.output != "-":
        try:
            write_if_changed(args.output, result.wikitext)
        except OSError as error:
            raise Failure(cannot_write(args.output, error)) from None
    else:
        write_stdout(result.wikitext)
    return 0
