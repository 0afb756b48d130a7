"""Openers that can never close, found in one pass before the text is tokenized.

mwparserfromhell's tokenizer tries each opener (``<gallery>``, ``<div>``, ``{{a|``,
``[[a|``, ``[http://a.b x``) by reading on for its closer and, when none comes, goes
back and reads the opener as text. On thousands of unclosed openers that is quadratic
time. Whether a closer can come at all is a question of what follows in the text, which
one pass answers for every opener: an opener with no closer after it is text, to
MediaWiki as to mwparserfromhell. :func:`stand_ins` gives the text with each such
opener disarmed, so that the tokenizer reads it as text at once; the characters
changed are chosen so that the tokenizer makes exactly the tokens it would have made
after trying (the tree builder then reads the text from the unchanged string, see
:func:`wikiround.lossy._tree.parse`, so the stand-ins never leave it). The rules, and
why each keeps the tokens unchanged, are in docs/reading-real-articles.md.
"""

from __future__ import annotations

import re
from functools import cache

from mwparserfromhell.definitions import is_parsable, is_single

__all__ = [
    "HIDDEN_WHEN_UNCLOSED",
    "STAND_IN",
    "heading_lines",
    "hidden_tags",
    "leading_comments_end",
    "stand_ins",
    "unclosed_tags",
]

# Not a marker of the tokenizer, not a space, not a URL character: plain text to it.
STAND_IN = "\x04"

# An opening tag as mwparserfromhell can read it: a name of letters and digits, then
# attributes (quoted values may hold no angle bracket). Each alternative of the
# repeated group starts with a different character, so a failed match gives back one
# character at a time: linear time, and a search never runs past the next "<".
_TAG_OPENING = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?:\s(?:[^<>\"']|\"[^<>\"]*\"|'[^<>']*')*)?>")
# Any closing tag's name (a superset of those mwparserfromhell accepts).
_TAG_CLOSING = re.compile(r"</\s*([A-Za-z][A-Za-z0-9]*)")
# The rest of a closing tag after its name, up to its ">".
_CLOSING_END = re.compile(r"[^<>]*>")
_TAG_EVENT = re.compile(f"<!--|{_TAG_OPENING.pattern}|{_TAG_CLOSING.pattern}")
_BRACES = re.compile(r"\{\{+")
_BRACKETS = re.compile(r"\[\[+")
# A bracketed external link's opening as mwparserfromhell reads one: a URL scheme or //.
_LINK_OPENING = re.compile(r"\[(?=//|[A-Za-z0-9+.\-]+:)")
# Where a template's name can end, for _LINK_OPENING's rule below.
_NAME_END = re.compile(r"\||\}\}")

# HTML tags that MediaWiki never shows as text: an opener left unclosed shows nothing
# (its contents run on as text). Extension tags such as <pre>, <nowiki> and <gallery>
# are not among them: unclosed, MediaWiki shows them as written.
HIDDEN_WHEN_UNCLOSED = frozenset(
    {
        "b", "i", "u", "s", "strike", "del", "ins", "small", "big", "span", "div", "sup",
        "sub", "font", "abbr", "cite", "code", "tt", "em", "strong", "center", "blockquote",
        "q", "var", "kbd", "samp", "mark", "bdi", "bdo", "p", "dfn", "time", "data", "ruby",
        "rb", "rt", "rp", "ul", "ol", "dl", "li", "dt", "dd", "table", "tr", "td", "th",
        "caption", "h1", "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip


_ITEMS = frozenset({"li", "dt", "dd"})


def _skip(position: int, raw: list[tuple[int, int]], index: int) -> tuple[bool, int]:
    """Whether ``position`` is in one of the ``raw`` spans (in order), and the index to
    start from for a later position."""
    while index < len(raw) and raw[index][1] <= position:
        index += 1
    return index < len(raw) and raw[index][0] <= position, index


class _Tags:
    """One pass over the tags of a text: the opening tags no closing tag matches, and
    the spans the tokenizer reads as raw text (comments, the contents of <nowiki>,
    <pre>, <math> and the other tags whose contents mwparserfromhell does not parse)."""

    def __init__(self, text: str) -> None:
        self.unclosed: list[re.Match[str]] = []
        # (start, end) of closing tags that close nothing ("</div>" with no <div> open),
        # and of list items' tags.
        self.stray: list[tuple[int, int]] = []
        self.raw: list[tuple[int, int]] = []
        # Where a line break follows an opening tag's name.
        self.broken_names: list[int] = []
        if "<" in text:
            self._scan(text)

    def _scan(self, text: str) -> None:
        open_tags: dict[str, list[re.Match[str]]] = {}
        # name -> (searched from, the first closing tag found there, or None)
        closings: dict[str, tuple[int, re.Match[str] | None]] = {}
        position = 0
        comments_close = True  # False once no "-->" is left
        while (event := _TAG_EVENT.search(text, position)) is not None:
            position = event.end()
            if event.group() == "<!--":
                end = text.find("-->", position) if comments_close else -1
                if end >= 0:
                    self.raw.append((event.start(), end + 3))
                    position = end + 3
                else:  # an unclosed "<!--" is text
                    comments_close = False
                continue
            opening = event.group(1)
            if opening is None:  # a closing tag: it closes the last one of its name
                name = event.group(2).lower()
                stack = open_tags.get(name)
                if stack:
                    stack.pop()
                elif name in HIDDEN_WHEN_UNCLOSED:
                    close = _CLOSING_END.match(text, position)
                    if close is not None:
                        self.stray.append((event.start(), close.end()))
                continue
            name = opening.lower()
            if text[event.end(1)] == "\n":
                # <span\nclass=x>: a tag to MediaWiki, text to mwparserfromhell, which
                # wants a space after the name.
                self.broken_names.append(event.end(1))
            if event.group().endswith("/>") or is_single(name):
                if name in _ITEMS:
                    # <li> with no </li> is text to mwparserfromhell; MediaWiki shows
                    # nothing of the tag. (One it reads as a tag is never text.)
                    self.stray.append(event.span())
                continue  # a tag without a closing tag
            if is_parsable(name):
                open_tags.setdefault(name, []).append(event)
                continue
            # Its contents are text up to the first closing tag of its name.
            searched = closings.get(name)
            if (
                searched is not None
                and searched[0] <= position
                and (searched[1] is None or searched[1].start() >= position)
            ):
                closing = searched[1]
            else:
                closing = _raw_closing(name).search(text, position)
                closings[name] = (position, closing)
            if closing is None:
                self.unclosed.append(event)
            else:
                self.raw.append((position, closing.start()))
                position = closing.end()
        for stack in open_tags.values():
            self.unclosed.extend(stack)
        self.unclosed.sort(key=lambda match: match.start())


@cache
def _raw_closing(name: str) -> re.Pattern[str]:
    """The closing tag that ends a raw tag's contents for mwparserfromhell: ``</``, the
    name in any case, spaces but no line break, ``>``."""
    return re.compile(rf"</{re.escape(name)}[^\S\n]*>", re.IGNORECASE)


def hidden_tags(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each HTML tag in ``text`` that MediaWiki shows nothing of, in
    order: an opening tag of :data:`HIDDEN_WHEN_UNCLOSED` that no closing tag closes
    (its contents still show), and a closing tag of one that closes nothing."""
    tags = _Tags(text)
    found = [
        (tag.start(), tag.end())
        for tag in tags.unclosed
        if tag.group(1).lower() in HIDDEN_WHEN_UNCLOSED
    ]
    if tags.stray:
        found.extend(tags.stray)
        found.sort()
    return found


def unclosed_tags(text: str) -> list[re.Match[str]]:
    """The opening tags in ``text`` that no closing tag closes, in order: a closing tag
    closes the last open tag of its name (an opening tag whose contents are raw text,
    ``<nowiki>``, the first closing tag of its name). Tags that need no closing tag
    (``<br>``, ``<li>``, ``<x/>``) and tags in comments or raw contents are not counted."""
    return _Tags(text).unclosed


def _unmatched_runs(
    text: str, opening: re.Pattern[str], closing: str, raw: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The (start, length) of the runs of ``opening`` (``{{``, ``[[``) that no
    ``closing`` (``}}``, ``]``) closes, closings closing the last open runs first. A
    run of n characters opens n // 2 pairs; each ``closing`` closes one (for ``]``, as
    many as can be: counting too many closings only leaves an opener to the
    tokenizer). Openers in ``raw`` spans are not counted; closings everywhere are.

    The runs are taken from the last: each closes as many pairs as the closings after
    it that the runs after it left, so that only the runs are visited one by one (the
    closings between two runs are counted by str.count)."""
    runs: list[tuple[int, int]] = []
    raw_index = 0
    for run in opening.finditer(text):
        if raw:
            inside, raw_index = _skip(run.start(), raw, raw_index)
            if inside:
                continue
        runs.append(run.span())
    unmatched: list[tuple[int, int]] = []
    available = 0  # closings after the run at hand that later runs left
    after = len(text)
    for start, end in reversed(runs):
        available += text.count(closing, end, after)
        after = start
        if available:
            available -= min(available, (end - start) // 2)
        else:
            unmatched.append((start, end - start))
    unmatched.reverse()
    return unmatched


def stand_ins(text: str) -> str:
    """``text`` with each opener that can never close disarmed, as long as ``text``.

    - an opening tag that no closing tag closes (see :func:`unclosed_tags`): its name's
      first letter becomes ``!`` (``<!`` not followed by ``--`` is text to the
      tokenizer, and ``<`` stays to end a URL or a link target as before); likewise the
      ``/`` of a closing tag of :data:`HIDDEN_WHEN_UNCLOSED` that closes nothing (but
      ``</td>`` and the like, whose opening tags need no closing tag to the tokenizer);
    - a run of ``{{`` or ``[[`` that no run of ``}}`` or ``]`` closes, closings taking
      the last open runs first: all but the first brace or bracket become
      :data:`STAND_IN` (the first stays, and has the effects it had on what surrounds
      it);
    - a line break right after an opening tag's name (``<span\nclass=x>``, a tag to
      MediaWiki): a space;
    - ``[`` before a URL, with no ``]`` before the line ends: :data:`STAND_IN`, where
      that ``[`` cannot be part of what it follows (it comes after a space, a line
      break or nothing, and not inside a template's name).

    Openers in comments and in the contents of ``<nowiki>``, ``<pre>`` and other tags
    whose contents are raw text are left as they are.
    """
    changes: list[tuple[int, str]] = []
    tags = _Tags(text)
    for opening in tags.unclosed:
        changes.append((opening.start(1), "!"))
    for start, end in tags.stray:
        if text.startswith("</", start) and not is_single(_tag_name(text, start + 2, end)):
            # A closing tag that closes nothing would make the tokenizer give up on the
            # tag around it (<blockquote>a</s>b</blockquote>): "<!s>" is text to it.
            changes.append((start + 1, "!"))
    changes.extend((position, " ") for position in tags.broken_names)
    if "{{" in text:
        for start, length in _unmatched_runs(text, _BRACES, "}}", tags.raw):
            changes.append((start + 1, STAND_IN * (length - 1)))
    if "[[" in text:
        for start, length in _unmatched_runs(text, _BRACKETS, "]", tags.raw):
            changes.append((start + 1, STAND_IN * (length - 1)))
    if "[" in text:
        changes.extend((position, STAND_IN) for position in _unclosed_link_openings(text))
    if "]]]" in text:
        changes.extend((position, STAND_IN) for position in _caption_link_openings(text))
    if not changes:
        return text
    changes.sort()
    pieces: list[str] = []
    done = 0
    for position, replacement in changes:
        if position < done:  # a bracket of a run already changed
            continue
        pieces.append(text[done:position])
        pieces.append(replacement)
        done = position + len(replacement)
    pieces.append(text[done:])
    return "".join(pieces)


# A file link's opening: "[[", spaces, the namespace (as the reader knows it), ":".
_FILE_OPENING = re.compile(r"\[\[[ _]*(?:[Ff][Ii][Ll][Ee]|[Ii][Mm][Aa][Gg][Ee])[ _]*:")


_CAPTION_REACH = 4000


def _caption_link_openings(text: str) -> list[int]:
    """The ``[`` of bracketed external links that end a file's caption with ``]]]``
    after a link in it (``[[File:X|thumb|[[a]] [http://b c]]]``). MediaWiki, having read
    the link, ends the caption at the first ``]]`` after it: the external link is left
    open (shown as written) and the last ``]`` follows the file. (With no link before
    it, MediaWiki moves that ``]`` back into the caption, and the external link holds.)"""
    found: list[int] = []
    position = text.find("]]]")
    while position >= 0:
        # (Looked for within a caption's length, so that a line of many "]]]" stays
        # linear.)
        reach = max(0, position - _CAPTION_REACH)
        line_start = max(text.rfind("\n", reach, position) + 1, reach)
        # The external link's "[": after the last "]" before it (so that each stretch
        # of text is looked at for one "]]]" only).
        after = max(line_start, text.rfind("]", line_start, position) + 1)
        opening = text.rfind("[", after, position)
        if opening > 0 and text[opening - 1] != "[" and _LINK_OPENING.match(text, opening):
            cursor = _enclosing_link(text, line_start, opening)
            if (
                cursor >= 0
                and _FILE_OPENING.match(text, cursor)
                and "]]" in text[cursor + 2 : opening]
            ):
                found.append(opening)
        position = text.find("]]]", position + 3)
    return found


def _enclosing_link(text: str, start: int, position: int) -> int:
    """Where the ``[[`` of the link ``position`` is inside starts (looked for after
    ``start``, past at most a few links closed in it), or -1."""
    depth = 0
    for _ in range(16):
        opening = text.rfind("[[", start, position)
        if opening < 0:
            return -1
        closing = text.rfind("]]", opening + 2, position)
        if closing >= 0:  # a link closed after that "[[": one more level to go up
            depth += 1
            position = closing
        elif depth == 0:
            return opening
        else:
            depth -= 1
            position = opening
    return -1


def _tag_name(text: str, start: int, end: int) -> str:
    """The lower-case name of the tag whose name starts at ``start``."""
    name_end = start
    while name_end < end and text[name_end].isalnum():
        name_end += 1
    return text[start:name_end].lower()


def _unclosed_link_openings(text: str) -> list[int]:
    """The ``[`` of bracketed external links that cannot close, where the ``[`` may
    become :data:`STAND_IN` without changing how the tokenizer reads anything else."""
    candidates: list[int] = []
    next_bracket = next_line = -1  # the next "]" and line break at or after a position
    for opening in _LINK_OPENING.finditer(text):
        position = opening.start()
        if position and text[position - 1] not in " \t\n":
            continue
        if next_bracket < position:
            next_bracket = text.find("]", position)
            if next_bracket < 0:
                next_bracket = len(text)
        if next_line < position:
            next_line = text.find("\n", position)
            if next_line < 0:
                next_line = len(text)
        if next_bracket >= next_line:  # (both are len(text) when neither comes)
            candidates.append(position)
    if not candidates or "{{" not in text:
        return candidates
    # Inside a template's name, "[" makes the template text; a stand-in would not.
    braces = [run.start() for run in _BRACES.finditer(text)]
    name_ends = [end.start() for end in _NAME_END.finditer(text)]
    kept: list[int] = []
    brace_index = name_index = 0
    last_braces = last_name_end = -1
    for position in candidates:
        while brace_index < len(braces) and braces[brace_index] < position:
            last_braces = braces[brace_index]
            brace_index += 1
        while name_index < len(name_ends) and name_ends[name_index] < position:
            last_name_end = name_ends[name_index]
            name_index += 1
        if last_braces <= last_name_end:
            kept.append(position)
    return kept


# A line MediaWiki reads as a heading once comments are gone (Parser::handleHeadings):
# one to six "=", text, as many "=" again, then only ASCII whitespace.
_HEADING_LINE = re.compile(r"(={1,6})(.+)\1[ \t\r\f\v]*")


def heading_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text`` that MediaWiki reads as a heading,
    without its line break.

    MediaWiki finds headings once templates are expanded, before it reads links, tables
    or HTML: a heading line is a heading whatever a ``[[``, ``<div>`` or ``{|`` before
    it left open, and nothing carries over it. Lines inside a template's arguments (whose
    output decides), a comment, or the raw contents of ``<nowiki>``, ``<pre>`` and the
    like are not counted; nor is a line that a comment joins to the next one.
    """
    # Lines starting with "=" (or with a comment, which MediaWiki takes out first), found
    # with str.find: most of a page is not one.
    starts = _line_starts(text, "=")
    if "<!--" in text:
        starts = sorted(starts + _line_starts(text, "<!--"))
    candidates: list[tuple[int, int]] = []
    for start in starts:
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        source: str | None = text[start:end]
        if source is not None and "<!--" in source:
            source = _without_comments(source)  # None: a comment runs on to the next line
        if source is not None and _HEADING_LINE.fullmatch(source):
            candidates.append((start, end))
    if not candidates or ("<" not in text and "{{" not in text):
        return candidates
    raw = _Tags(text).raw if "<" in text else []
    depth: _TemplateDepth | None = None
    if "{{" in text:
        # Counting every brace first: the openers that cannot close, and those in raw
        # spans, are looked for only when some heading line seems inside a template.
        depth = _TemplateDepth(text, [], [])
        if any(depth.at(leading_comments_end(text, start)) for start, _ in candidates):
            depth = _TemplateDepth(text, raw, _unmatched_runs(text, _BRACES, "}}", raw))
        else:
            depth = None
    found: list[tuple[int, int]] = []
    raw_index = 0
    for start, end in candidates:
        heading = leading_comments_end(text, start)  # (its comments are raw spans)
        if depth is not None and depth.at(heading):
            continue
        if raw:
            inside, raw_index = _skip(heading, raw, raw_index)
            if inside:
                continue
        found.append((start, end))
    return found


def _line_starts(text: str, opening: str) -> list[int]:
    """Where the lines of ``text`` that start with ``opening`` start."""
    found = [0] if text.startswith(opening) else []
    position = text.find("\n" + opening)
    while position >= 0:
        found.append(position + 1)
        position = text.find("\n" + opening, position + 1 + len(opening))
    return found


def leading_comments_end(text: str, start: int) -> int:
    """Where the comments that ``text`` holds from ``start`` on end (``start`` when
    there are none)."""
    while text.startswith("<!--", start):
        end = text.find("-->", start + 4)
        if end < 0:
            break
        start = end + 3
    return start


class _TemplateDepth:
    """How many templates are open at a position, asked in increasing order: each ``{{``
    opens one and each ``}}`` closes one (so ``{{{`` and ``}}}`` count once), but for
    openers in raw spans and in runs no closing can close (``unmatched``: their start
    and length). Counted with str.count between the positions asked about."""

    def __init__(
        self, text: str, raw: list[tuple[int, int]], unmatched: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.raw = raw
        self.unmatched = unmatched
        self.raw_index = self.unmatched_index = 0
        self.position = self.depth = 0

    def at(self, position: int) -> int:
        text, start = self.text, self.position
        opened = text.count("{{", start, position) - text.count("}}", start, position)
        while self.raw_index < len(self.raw) and self.raw[self.raw_index][0] < position:
            raw_start, raw_end = self.raw[self.raw_index]
            if raw_end > position:
                break
            if raw_start >= start:
                opened -= text.count("{{", raw_start, raw_end)
            self.raw_index += 1
        while (
            self.unmatched_index < len(self.unmatched)
            and self.unmatched[self.unmatched_index][0] < position
        ):
            run_start, length = self.unmatched[self.unmatched_index]
            if run_start >= start:
                opened -= length // 2
            self.unmatched_index += 1
        self.depth = max(0, self.depth + opened)
        self.position = position
        return self.depth


def _without_comments(line: str) -> str | None:
    """``line`` without its comments; None when one does not end on it. (With str.find:
    a pattern would search for the end of each unclosed ``<!--`` anew.)"""
    pieces: list[str] = []
    done = 0
    while (start := line.find("<!--", done)) >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            return None
        pieces.append(line[done:start])
        done = end + 3
    pieces.append(line[done:])
    return "".join(pieces)
