"""Every regular expression that sees input runs in linear time.

Each pattern is run, the way the code runs it, on a long run (a million characters) of
what it repeats on, after the prefix that starts it, and the result is asserted. These
are not timing tests: a linear pattern takes milliseconds here, while one that
backtracks (nested or overlapping quantifiers) needs about n²/2 = 5·10¹¹ steps or more,
hours, so the test never finishes and the CI job fails on its time limit. A pattern
added to the package without a case here fails ``test_every_pattern_has_a_case``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator

import pytest

import wikiround
from wikiround import _mediawiki, _text, dates, dumps, model
from wikiround._app import _batch, _convert
from wikiround.editing import _align, _display, _merge, _splice
from wikiround.editing import _body as _editing_body
from wikiround.editing import _original as _editing_original
from wikiround.editing import _rows as _editing_rows
from wikiround.lossy import (
    _body,
    _files,
    _infobox,
    _inline,
    _quotes,
    _references,
    _soup,
    _tables,
    _tree,
)
from wikiround.lossy import _dates as _display_dates
from wikiround.lossy import _templates as _lossy_templates
from wikiround.wikitext import _escape, _reader

N = 1_000_000
SPACES = " " * N

Case = tuple[str, "re.Pattern[str] | None", Callable[[], object], object]


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _match_end(match: re.Match[str] | None) -> int | None:
    return None if match is None else match.end()


def _cases() -> Iterator[Case]:
    def case(
        name: str, pattern: re.Pattern[str] | None, run: Callable[[], object], expected: object
    ) -> Case:
        return (name, pattern, run, expected)

    # _mediawiki.py: the redirect check on every page (dumps and the lossy reader), and
    # the title normalisation of every template name and link.
    redirect = _mediawiki.REDIRECT
    yield case(
        "redirect, spaces", redirect, lambda: redirect.match("#REDIRECT" + SPACES + "x"), None
    )
    yield case(
        "redirect, leading spaces",
        redirect,
        lambda: redirect.match(SPACES + "\n" + SPACES + "#REDIRECT" + SPACES),
        None,
    )
    yield case(
        "redirect, colon",
        redirect,
        lambda: _match_end(redirect.match(" #redirect" + SPACES + ":" + SPACES + "[[A]]")),
        2 * N + 16,
    )
    yield case("redirect, target", redirect, lambda: redirect.match("#REDIRECT [[" + "a" * N), None)
    yield case(
        "redirect, spaces after the colon",
        redirect,
        lambda: redirect.match("#REDIRECT" + SPACES + ":" + SPACES),
        None,
    )
    marks = _mediawiki._TITLE_MARKS
    yield case("title marks", marks, lambda: len(marks.sub("", "\u200e" * N + "a")), 1)
    spaces = _mediawiki._TITLE_SPACES
    yield case(
        "title spaces",
        spaces,
        lambda: _mediawiki.title_text("a" + "_\u3000 \u2028" * (N // 4) + "b"),
        "a b",
    )
    word_break = _text._WORD_BREAK
    yield case(
        "words",
        word_break,
        lambda: _text.words(" \t\n\u3000" * (N // 4) + "a\u2028b"),
        ["a\u2028b"],
    )
    # editing: the words of a paragraph as the lossy reader shows it.
    shown_word = _splice._SHOWN_WORD
    yield case("shown words", shown_word, lambda: _count(shown_word, "a\u3000 " * (N // 2)), N // 2)
    # editing: the tokens an edit is aligned by, quote runs in text, references.
    token = _align._TOKEN
    yield case("edit tokens, a word", token, lambda: _count(token, "a" * N), 1)
    yield case("edit tokens, spaces", token, lambda: _count(token, SPACES), N)
    word = _merge._WORD
    yield case("merge words, a word", word, lambda: _count(word, "a" * N), 1)
    yield case("merge words, spaces", word, lambda: _count(word, SPACES), N)
    quote_run = _display._QUOTE_RUN
    yield case("quote runs", quote_run, lambda: _count(quote_run, "'" * N), 1)
    colspan = _editing_rows._COLSPAN
    yield case(
        "column spans", colspan, lambda: colspan.search("colspan" + SPACES + "=" + SPACES), None
    )
    yield case(
        "column spans (quoted)",
        colspan,
        lambda: _count(colspan, ("colspan= '" + " " * 1000) * (N // 1000)),
        0,
    )
    opening = _editing_body._REFERENCE_OPENING
    yield case("reference openings", opening, lambda: _count(opening, "<ref" + "a" * N), 0)
    tag = _editing_original._REFERENCE_TAG
    yield case("reference tags", tag, lambda: _count(tag, "<ref" + " " * N + "<ref>"), 1)
    ref_name = _editing_original._REFERENCE_NAME
    yield case(
        "reference names", ref_name, lambda: ref_name.search("name" + SPACES + "=" + SPACES), None
    )
    ref_end = _editing_original._REFERENCE_END
    yield case("reference ends", ref_end, lambda: _count(ref_end, "</ref" + SPACES), 0)
    comment = _editing_original._COMMENT
    yield case("comments", comment, lambda: _count(comment, "<!--" * (N // 4)), 1)
    # lossy/_files.py: a file's parameters, one at a time; the body's blocks.
    numeric = _files._NUMERIC
    yield case("upright's number", numeric, lambda: numeric.fullmatch("1" * N + "x"), None)
    both = _files._WIDTH_HEIGHT
    yield case("width and height", both, lambda: both.fullmatch("1" * N + "x1y"), None)
    width = _files._WIDTH
    yield case("width", width, lambda: width.fullmatch("1" * N + "y"), None)
    yield case("a size", None, lambda: _files._valid_width("1" + SPACES + "px" + SPACES), True)
    language = _files._LANGUAGE_TAG
    yield case("language tags", language, lambda: language.fullmatch("ab" + "-a" * N + "!"), None)
    clock = _files._TIME
    yield case("times", clock, lambda: clock.fullmatch("1:" * N + "x"), None)
    url = _files._URL
    yield case("link= URLs", url, lambda: url.match("a" * N), None)
    not_in_titles = _files._NOT_IN_TITLES
    yield case("title characters", not_in_titles, lambda: not_in_titles.search("a" * N), None)
    block_markers = _inline._BLOCK_MARKERS
    yield case(
        "block markers", block_markers, lambda: len(block_markers.split("\x0e" * N)), 2 * N + 1
    )
    # dumps.py: --template's call finding.
    call = dumps._CALL
    yield case("template call, spaces", call, lambda: _count(call, "{{" + SPACES), 0)
    yield case(
        "template call, spaces in a name",
        call,
        lambda: _count(call, "{{a" + SPACES + "b" + SPACES + "{"),
        0,
    )
    yield case("template call, many openings", call, lambda: _count(call, "{{ " * N), 0)
    yield case(
        "template call, uses_template",
        call,
        lambda: dumps.uses_template("{{" + SPACES + "Foo" + SPACES + "|}}", {"foo"}),
        True,
    )
    # model.py and _text.py: one character each.
    for name, pattern in [
        ("model forbidden", model._FORBIDDEN),
        ("model name forbidden", model._NAME_FORBIDDEN),
        ("model template forbidden", model._TEMPLATE_FORBIDDEN),
        ("text bad character", _text.BAD_CHARACTER),
    ]:
        yield case(name, pattern, lambda p=pattern: p.search("a" * N), None)
    json_start = _convert._OUR_JSON_START
    yield case("json start", json_start, lambda: json_start.match("{" + SPACES + '"x'), None)
    number = dumps._NUMBER
    yield case("dump number", number, lambda: number.fullmatch(SPACES + "1" + SPACES + "x"), None)
    unprintable = _text._UNPRINTABLE
    yield case("unprintable", unprintable, lambda: unprintable.search("a" * N), None)
    yield case(
        "batch file name",
        _batch._UNSAFE,
        lambda: len(_batch._UNSAFE.sub("_", "." + ":" * N)),
        N + 1,
    )
    for index, (_, pattern) in enumerate(dates._PATTERNS):
        yield case(f"date pattern {index}", pattern, lambda p=pattern: p.fullmatch("1" * N), None)
        yield case(
            f"date pattern {index}, words",
            pattern,
            lambda p=pattern: p.fullmatch("Ja" + "a" * N + " 1"),
            None,
        )
    yield case(
        "display dates year",
        _display_dates._YEAR,
        lambda: _display_dates._YEAR.search("1" * N),
        None,
    )
    yield case(
        "link scheme",
        _lossy_templates._SCHEME,
        lambda: _lossy_templates._SCHEME.sub("", "/" * N),
        "/" * (N - 2),
    )
    # The wikitext writer's escaping.
    escape = _escape
    yield case(
        "escape ampersand",
        escape._AMPERSAND,
        lambda: _count(escape._AMPERSAND, ("&" + "a" * 1000) * 1000),
        0,
    )
    yield case(
        "escape ampersand, digits",
        escape._AMPERSAND,
        lambda: _count(escape._AMPERSAND, "&#" + "1" * N + "&#x" + "f" * N),
        0,
    )
    yield case("escape braces", escape._BRACES, lambda: _count(escape._BRACES, "{" * N), 1)
    yield case(
        "escape brackets", escape._BRACKETS, lambda: _count(escape._BRACKETS, "[" * N + "]" * N), 2
    )
    yield case(
        "escape protocol-relative",
        escape._PROTOCOL_RELATIVE,
        lambda: escape._PROTOCOL_RELATIVE.match("/" * N) is not None,
        True,
    )
    yield case("escape quotes", escape._QUOTES, lambda: _count(escape._QUOTES, "'" * N), 1)
    yield case("escape tildes", escape._TILDES, lambda: _count(escape._TILDES, "~" * N), 1)
    yield case("escape switch", escape._SWITCH, lambda: _count(escape._SWITCH, "_" * N), 0)
    yield case("escape url", escape._URL, lambda: _count(escape._URL, "http:" * (N // 5)), 0)
    # The writer runs _URL around each colon: runs of colons and of schemes.
    yield case("escape urls, colons", escape._URL, lambda: escape._escape_urls(":" * N), ":" * N)
    yield case(
        "escape urls, schemes",
        escape._URL,
        lambda: escape._escape_urls("http://" * (N // 7)).count("&#58;"),
        N // 7 - 1,  # the last has no character after its "//"
    )
    yield case(
        "escape brace by pipe",
        escape._BRACE_BY_PIPE,
        lambda: _count(escape._BRACE_BY_PIPE, "{|}" * (N // 3)),
        2 * (N // 3),
    )
    yield case(
        "entities",
        escape._REFERENCE,
        lambda: escape.decode_entities("&" + "a" * N) == "&" + "a" * N,
        True,
    )
    yield case(
        "escaped paragraph",
        escape._BRACES,
        lambda: escape.escape_paragraph("x" + "{" * N).count("&#123;"),
        N - 1,
    )
    switch = _mediawiki.BEHAVIOUR_SWITCH
    yield case("behaviour switch", switch, lambda: _count(switch, "_" * N), 0)
    # The strict reader.
    for index, (pattern, _) in enumerate(_reader._MARKUP_IN_TEXT):
        yield case(
            f"strict reader markup {index}", pattern, lambda p=pattern: p.search("_~'" * N), None
        )
    for index, (pattern, _) in enumerate(_reader._LINE_MARKUP):
        yield case(f"strict reader line {index}", pattern, lambda p=pattern: p.match("a" * N), None)
    # The lossy reader and its tree.
    yield case(
        "tree marker",
        _tree._MARKER,
        lambda: _tree._MARKER.sub("", (_tree.REFERENCE_MARK + _tree.REFERENCE_FILL * 9) * N),
        "",
    )
    markup = _tree._TOKENIZER_MARKUP
    yield case("tree, tokenizer markup", markup, lambda: markup.search("a" * N), None)
    runs = _tree._LIST_RUN_AFTER_LINE_BREAK
    yield case("tree, list runs", runs, lambda: _count(runs, "\n*#:" * N), N)
    yield case("tree, list runs, one long", runs, lambda: _count(runs, "\n" + "*" * N), 1)
    first = _tree._LIST_RUN
    yield case("tree, first list run", first, lambda: _match_end(first.match("*#:" * N)), 3 * N)
    markers = _tree._LIST_MARKERS
    yield case("tree, list markers", markers, lambda: _match_end(markers.match("*:" * N)), 2 * N)
    stand_ins = _tree._STAND_INS
    yield case(
        "tree, stand-ins", stand_ins, lambda: _match_end(stand_ins.match(_soup.STAND_IN * N)), N
    )
    plain_heading = _tree._PLAIN_HEADING
    yield case(
        "plain heading, unclosed",
        plain_heading,
        lambda: plain_heading.fullmatch("======" + "a" * N + "=====" + " " * N),
        None,
    )
    yield case("quote run", _quotes._RUN, lambda: _count(_quotes._RUN, "'" * N), 1)
    run_kept = _quotes._RUN_KEPT
    yield case("quote run, kept", run_kept, lambda: _count(run_kept, "'" * N), 1)
    scheme = _body._TRAIL_SCHEME
    yield case("trail scheme", scheme, lambda: _match_end(scheme.match("a" * N)), None)
    file_opening = _soup._FILE_OPENING
    yield case(
        "file opening", file_opening, lambda: file_opening.match("[[" + " " * N + "File"), None
    )
    seamed = _quotes._SEAMED_RUN
    yield case("seamed run", seamed, lambda: _count(seamed, "'\x10" * N), 1)
    yield case("seamed run, open", seamed, lambda: _count(seamed, "'" + "\x10" * N), 0)
    line_ends = _quotes._LINE_ENDS_KEPT
    yield case("quote line ends", line_ends, lambda: _count(line_ends, "\n" * N), N)
    yield case(
        "lossy stray hint", _inline.STRAY_HINT, lambda: _inline.STRAY_HINT.search("{[<" * N), None
    )
    reference = _inline._TEXT_REFERENCE
    yield case("text reference, names", reference, lambda: _count(reference, "&a" * N), 0)
    yield case("text reference, digits", reference, lambda: _count(reference, "&#" + "1" * N), 0)
    trailing = _inline._TRAILING_NAME
    yield case("trailing name", trailing, lambda: _count(trailing, "&a" * N), 1)
    yield case("trailing name, long", trailing, lambda: _count(trailing, "&" + "a" * N + "!"), 0)
    none = _inline._DISPLAY_NONE
    yield case("display none", none, lambda: _count(none, "display" + " " * N + ":"), 0)
    tag_name = _inline._TAG_NAME
    yield case("tag name", tag_name, lambda: _match_end(tag_name.match("/" + "a" * N)), N + 1)
    nowiki = _inline._NOWIKI_TAG
    yield case("nowiki tag", nowiki, lambda: _count(nowiki, "</nowiki" + " " * N), 0)
    illegal = _inline._ILLEGAL_IN_TITLE
    yield case("illegal in title", illegal, lambda: illegal.search("a" * N), None)
    escapes = _inline._PERCENT_ESCAPES
    yield case("percent escapes", escapes, lambda: _count(escapes, "%2" * N), 0)
    yield case("percent escapes, a run", escapes, lambda: _count(escapes, "%20" * N), 1)
    stray = _inline._STRAY
    yield case("lossy stray, unclosed ref", stray, lambda: _count(stray, "<ref" + " " * N + "/"), 1)
    yield case("lossy stray, many refs", stray, lambda: _count(stray, "<ref/" * N + ">"), 1)
    yield case(
        "lossy stray, closings", stray, lambda: _count(stray, ("</ref" + " " * 100) * 10_000), 0
    )
    yield case("lossy stray, comment", stray, lambda: _count(stray, "<!--" * N), 1)
    yield case("lossy breaks", _inline._BREAKS, lambda: len(_inline._BREAKS.split("a" * N)), 1)
    space_run = _inline._SPACE_RUN
    yield case(
        "lossy space run",
        space_run,
        lambda: space_run.sub(" ", " \t\n\xa0" * (N // 4) + "x\u2003" + SPACES),
        " x\u2003 ",
    )
    # Single spaces are left alone (not matched), runs of them are.
    yield case("lossy space run, words", space_run, lambda: _count(space_run, "a " * N), 0)
    yield case("lossy space run, tabs", space_run, lambda: _count(space_run, "a\t" * N + SPACES), N)
    pieced = _inline._PIECED_LINK
    yield case(
        "lossy pieced link", pieced, lambda: len(pieced.sub("", "\x1c" * N + "a" * N)), N - 1
    )
    image = _infobox._IMAGE_OPTIONS
    yield case("lossy image options", image, lambda: image.fullmatch("a.jpg" + SPACES), None)
    yield case(
        "lossy image options, many names", image, lambda: image.fullmatch("a.jpg " * (N // 6)), None
    )
    yield case(
        "lossy blank line",
        _inline._BLANK_LINE,
        lambda: _count(_inline._BLANK_LINE, "\n" + " \t" * N),
        0,
    )
    yield case(
        "lossy language", _inline._LANGUAGE, lambda: _inline._LANGUAGE.fullmatch("a" * N), None
    )
    yield case(
        "lossy ref name",
        _references._PLAIN_OPENING,
        lambda: _references._PLAIN_OPENING.fullmatch("<ref" + SPACES + "name" + SPACES + "x"),
        None,
    )
    yield case(
        "lossy ref name, value",
        _references._PLAIN_OPENING,
        lambda: _references._PLAIN_OPENING.fullmatch('<ref name="' + "a" * N),
        None,
    )
    # The pipe trick's "(…)" is found with string methods, not a pattern.
    yield case(
        "pipe trick",
        None,
        lambda: _inline._without_disambiguation("a" + SPACES + "b"),
        "a" + SPACES + "b",
    )
    for name in ("ref", "nowiki", "pre"):
        opening = f"<{name}>"
        yield case(
            f"unclosed <{name}>",
            _references._OPENING,
            lambda o=opening: len(_references.strip_references(o * (N // len(o)) + "<ref>")[1]),
            N // len(opening) + 1 if name == "ref" else 1,
        )
        yield case(
            f"unclosed <{name} with no >",
            _references._OPENING,
            lambda o=opening: len(
                _references.strip_references(o[:-1] * (N // len(o)) + "<ref>")[1]
            ),
            1,
        )
    for name, pattern in _references._CLOSING.items():
        yield case(
            f"closing </{name}>",
            pattern,
            lambda p=pattern, n=name: p.search(f"</{n}" + SPACES),
            None,
        )
    # _soup: openers that can never close, found before tokenizing.
    opening, closing = _soup._TAG_OPENING, _soup._TAG_CLOSING
    yield case("tag opening, spaces", opening, lambda: _count(opening, "<div" + SPACES), 0)
    yield case("tag opening, quotes", opening, lambda: _count(opening, "<div " + '"' * N), 0)
    yield case(
        "tag opening, quoted pairs", opening, lambda: _count(opening, "<div " + "a='' " * N), 0
    )
    yield case("tag closing, spaces", closing, lambda: _count(closing, "</" + SPACES), 0)
    event = _soup._TAG_EVENT
    yield case("tag event, spaces", event, lambda: _count(event, "<div" + SPACES), 0)
    yield case("tag event, comments", event, lambda: _count(event, "<!--" * (N // 4)), N // 4)
    yield case(
        "raw closing, spaces",
        None,
        lambda: _soup._raw_closing("nowiki").search("</nowiki" + SPACES),
        None,
    )
    heading = _soup._HEADING_LINE
    yield case("heading line, no end", heading, lambda: heading.fullmatch("=" + "a" * N), None)
    yield case(
        "heading line, equals", heading, lambda: _match_end(heading.fullmatch("=" * N)), N
    )
    yield case(
        "heading line, spaces", heading, lambda: heading.fullmatch("=a=" + " " * N + "x"), None
    )
    closing_end = _soup._CLOSING_END
    yield case("closing tag end", closing_end, lambda: _count(closing_end, "</div" * N), 0)
    yield case("brace runs", _soup._BRACES, lambda: _count(_soup._BRACES, "{" * N), 1)
    yield case("bracket runs", _soup._BRACKETS, lambda: _count(_soup._BRACKETS, "[" * N), 1)
    for name, pattern, closer_text, text, found in (
        ("{{ then }}", _soup._BRACES, "}}", "{" * N + "}" * N, []),
        ("{{a|", _soup._BRACES, "}}", "{{a|" * (N // 4), [(0, 2)]),
        ("[[ then ]", _soup._BRACKETS, "]", "[[a|" * (N // 4) + "]", [(0, 2)]),
    ):
        yield case(
            f"unmatched runs, {name}",
            pattern,
            lambda p=pattern, c=closer_text, t=text: _soup._unmatched_runs(t, p, c, [])[:1],
            found,
        )
    yield case(
        "link opening, scheme",
        _soup._LINK_OPENING,
        lambda: _count(_soup._LINK_OPENING, "[" + "a" * N),
        0,
    )
    yield case("name end", _soup._NAME_END, lambda: _count(_soup._NAME_END, "}" * N), N // 2)
    for unit in (
        "<div>", "<gallery>", "{{a|", "[[a|", "[http://a.b ", "{{a [http://a.b ", "<!--",
        "<div></div></div>", "<nowiki>a</nowiki></nowiki>", "{{a}}}}", "[[a]]]]",
    ):  # fmt: skip
        yield case(
            f"stand-ins, {unit}",
            None,
            lambda u=unit: len(_soup.stand_ins(u * (N // len(u)))),
            len(unit) * (N // len(unit)),
        )
    for opener, closer in (("<div>", "</div>"), ("<poem>", "</poem>"), ("{{a|", "}}"),
                           ("[[a|", "]]"), ("<nowiki>", "</nowiki>")):  # fmt: skip
        yield case(
            f"stand-ins, {opener}…{closer}",
            None,
            lambda o=opener, c=closer: len(_soup.stand_ins(o * (N // len(o)) + c)),
            len(opener) * (N // len(opener)) + len(closer),
        )
    equals = _body._EQUALS_LINE
    yield case("equals line, spaces", equals, lambda: equals.fullmatch("===" + SPACES + "x"), None)
    yield case(
        "equals line, comments",
        equals,
        lambda: _match_end(equals.fullmatch("===" + "<!---->" * (N // 7))),
        3 + 7 * (N // 7),
    )
    yield case(
        "equals line, unclosed comment", equals, lambda: equals.fullmatch("===<!--" + "-" * N), None
    )
    # _tables: tables read line by line.
    cell_markup = _body._CELL_MARKUP
    yield case("cell markup", cell_markup, lambda: cell_markup.search("a" * N), None)
    event = _tables._EVENT
    yield case("table events, braces", event, lambda: _count(event, "{" * N), 1)
    yield case(
        "table events, braces and a pipe", event, lambda: _count(event, "{" * N + "{{!}}"), 1
    )
    yield case("table events, a tag", event, lambda: _count(event, "<nowiki" + SPACES), 0)
    line_start = _tables._LINE_START
    for name, text, end in (
        ("spaces", SPACES + "x", N),
        ("colons", ":" * N + "x", 0),
        ("spaces, a colon, spaces", SPACES + ":" + SPACES + "x", N),
    ):
        yield case(
            f"table line start, {name}",
            line_start,
            lambda t=text: _match_end(line_start.match(t)),
            end,
        )
    separators = _tables._HEADER_SEPARATORS
    yield case("header separators, <", separators, lambda: _count(separators, "<" * N), 0)
    for pattern in (_tables._CANDIDATE, _tables._OPEN_OR_CLOSE):
        for name, text in (
            ("comments", "<!---->" * (N // 7) + "x"),
            ("unclosed comments", "<!--" * (N // 4)),
            ("spaces", SPACES + "x"),
            ("colons", ":" * N + "x"),
        ):
            yield case(f"table lines, {name}", pattern, lambda p=pattern, t=text: _count(p, t), 0)
    gap = _tables._NOT_LINE_BREAK
    yield case("table gaps", gap, lambda: len(gap.sub("x", "a\n" * (N // 2))), N)
    for name, text, found in (
        ("unclosed <nowiki>", "<nowiki>" * (N // 8), 0),
        ("unclosed comments", "<!--" * (N // 4), 0),
        ("<nowiki> pairs", "<nowiki>a</nowiki>" * (N // 18), N // 18),
        ("templates", "{{a|" * (N // 4) + "}}" * (N // 4), 1),
    ):
        yield case(
            f"opaque spans, {name}",
            None,
            lambda t=text: len(_tables._opaque_spans(t, 0, len(t))),
            found,
        )
    for name, text, found in (
        ("deep", "{|\n" * (N // 3), 1),
        ("many", "{|\n|}\n" * (N // 6), N // 6),
        ("unclosed comments", "{|\n" + "<!--\n" * (N // 5), 1),
        ("wide", "{|\n|" + "a||" * (N // 3), 1),
    ):
        yield case(
            f"find tables, {name}", None, lambda t=text: len(_tables.find_tables(t)[0]), found
        )
    yield case(
        "table parts, wide",
        None,
        lambda: sum(1 for _ in _tables.table_parts(_tables.find_tables("{|\n|" + "a||" * N)[0][0])),
        N + 2,
    )
    yield case(
        "many references",
        _references._OPENING,
        lambda: len(_references.strip_references("<ref>a</ref>" * (N // 12))[1]),
        N // 12,
    )


CASES = list(_cases())


@pytest.mark.parametrize(
    ("run", "expected"), [(c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_pattern_is_linear_on_long_runs(run: Callable[[], object], expected: object) -> None:
    assert run() == expected


def _patterns(value: object) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _patterns(item)


def test_every_pattern_has_a_case() -> None:
    covered = {id(case[1]) for case in CASES}
    missing = []
    for info in pkgutil.walk_packages(wikiround.__path__, "wikiround."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for pattern in _patterns(value):
                if id(pattern) not in covered:
                    missing.append(f"{info.name}.{name}: {pattern.pattern[:60]!r}")
    assert not missing, "patterns with no case in this file:\n" + "\n".join(missing)
