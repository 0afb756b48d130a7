"""A light node tree of wikitext, built from mwparserfromhell's tokens.

``mwparserfromhell.parse`` is two steps: its C tokenizer, which is fast, and a builder
in Python that makes ``Wikicode`` objects, smart lists and nodes whose setters parse
their values again; the builder is most of the time. The lossy reader reads each tree
once and never edits it, so it builds this one instead: slotted nodes that know where
they start and end in the text. The shapes follow mwparserfromhell's builder one for
one (``tests/unit/test_tree.py`` compares them node by node with
``mwparserfromhell.parse``), so the reader sees exactly what mwparserfromhell sees, but
for one thing: on a page where runs of list markers (``***``) are a sizeable part of
the text, each run, a node a marker to mwparserfromhell, is one node here (see
:func:`_compact_list_runs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import mwparserfromhell.parser
from mwparserfromhell.parser import tokens as _t
from mwparserfromhell.parser.tokenizer import Tokenizer

from wikiround.errors import WikiroundError
from wikiround.lossy._quotes import disarm
from wikiround.lossy._soup import STAND_IN, heading_lines, leading_comments_end, stand_ins

# The compiled tokenizer, or its pure-Python twin where no compiled one was built.
_Tokenizer: Any = getattr(mwparserfromhell.parser, "CTokenizer", None) or Tokenizer

__all__ = [
    "TABLE_FILL",
    "TABLE_MARK",
    "Argument",
    "Attribute",
    "Code",
    "Comment",
    "Entity",
    "ExternalLink",
    "Heading",
    "Node",
    "Parameter",
    "Reference",
    "Tag",
    "Template",
    "TreeError",
    "Wikilink",
    "masked",
    "page_pieces",
    "parse",
    "parse_page",
    "without_references",
]


# Nodes are made by the builder by the hundred thousand and never compared: slotted
# classes with no comparison methods. They are written out rather than made with attrs,
# whose generated ``__init__`` stays interpreted Python in the build compiled with mypyc,
# where these become native classes.


class Code:
    """A run of nodes, the text from ``start`` to ``end``. Plain text is a ``str`` (it
    starts where the node before it ends), anything else a :class:`Node`."""

    __slots__ = ("_base", "_text", "end", "nodes", "start")

    def __init__(
        self, nodes: list[Node | str], start: int, end: int, text: str, base: int
    ) -> None:
        self.nodes = nodes
        self.start = start
        self.end = end
        self._text = text
        self._base = base

    @property
    def source(self) -> str:
        """The text this code was parsed from."""
        return self._text[self.start - self._base : self.end - self._base]

    def part(self, nodes: list[Node | str], start: int, end: int) -> Code:
        """Some of this code's nodes, the text from ``start`` to ``end`` (a file link's
        caption, say)."""
        return Code(nodes, start, end, self._text, self._base)

    def holds(self, needle: str) -> bool:
        """Whether ``needle`` is in :attr:`source` (without a copy of it)."""
        return self._text.find(needle, self.start - self._base, self.end - self._base) >= 0


class Node:
    """A node spanning the text from ``start`` to ``end``."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class Parameter:
    """A template argument; ``name`` is None for a positional one (no ``=``)."""

    __slots__ = ("name", "value")

    def __init__(self, name: Code | None, value: Code) -> None:
        self.name = name
        self.value = value


class Template(Node):
    __slots__ = ("name", "params")

    def __init__(self, start: int, end: int, name: Code, params: list[Parameter]) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.params = params


class Argument(Node):
    """A template parameter reference, ``{{{name|default}}}``."""

    __slots__ = ("default", "name")

    def __init__(self, start: int, end: int, name: Code, default: Code | None) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.default = default


class Wikilink(Node):
    __slots__ = ("text", "title")

    def __init__(self, start: int, end: int, title: Code, text: Code | None) -> None:
        self.start = start
        self.end = end
        self.title = title
        self.text = text


class ExternalLink(Node):
    __slots__ = ("brackets", "title", "url")

    def __init__(
        self, start: int, end: int, url: Code, title: Code | None, brackets: bool
    ) -> None:
        self.start = start
        self.end = end
        self.url = url
        self.title = title
        self.brackets = brackets


class Entity(Node):
    """A character reference, ``&amp;`` or ``&#38;``, as written."""

    __slots__ = ("source",)

    def __init__(self, start: int, end: int, source: str) -> None:
        self.start = start
        self.end = end
        self.source = source


class Reference(Node):
    """A reference taken out of the text before parsing (see :data:`REFERENCE_MARK`).

    ``detail`` says which one (``<ref name=Smith>``).
    """

    __slots__ = ("detail",)

    def __init__(self, start: int, end: int, detail: str) -> None:
        self.start = start
        self.end = end
        self.detail = detail


# As MediaWiki does with extension tags, a caller may take each <ref>…</ref> out of the
# text before parsing and put a marker of the same length in its place: this character,
# then REFERENCE_FILL for the rest of the length. The tokenizer sees plain text there,
# and the builder makes a Reference node of each marker.
REFERENCE_MARK = "\x7f"
REFERENCE_FILL = "\x01"
_MARKER = re.compile(f"{REFERENCE_MARK}{REFERENCE_FILL}*")


# A table (see _tables) is masked in the text the tokenizer is given: this character,
# then TABLE_FILL to the table's length (neither is markup to the tokenizer, and no
# prepared text holds them). The builder puts the table's node in the mask's place.
TABLE_MARK = "\x0e"
TABLE_FILL = "\x01"


def masked(text: str, tables: Sequence[Node], base: int = 0) -> str:
    """``text`` (starting at offset ``base``) with each of ``tables`` masked, as long as
    ``text``."""
    if not tables:
        return text
    pieces: list[str] = []
    done = 0
    for table in tables:
        start, end = table.start - base, table.end - base
        pieces.append(text[done:start])
        pieces.append(TABLE_MARK + TABLE_FILL * (end - start - 1))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def without_references(text: str) -> str:
    """``text`` without the references' markers in it."""
    return _MARKER.sub("", text) if REFERENCE_MARK in text else text


class Heading(Node):
    __slots__ = ("level", "title")

    def __init__(self, start: int, end: int, level: int, title: Code) -> None:
        self.start = start
        self.end = end
        self.level = level
        self.title = title


class Comment(Node):
    __slots__ = ("contents",)

    def __init__(self, start: int, end: int, contents: str) -> None:
        self.start = start
        self.end = end
        self.contents = contents


class Attribute:
    """A tag attribute; ``value`` is None when it has no ``=``."""

    __slots__ = ("name", "value")

    def __init__(self, name: Code, value: Code | None) -> None:
        self.name = name
        self.value = value


class Tag(Node):
    """An HTML-style tag, or wiki markup read as one (``''``, ``*``, ``{|``…).

    ``name`` is the tag's name as written (``"ref"``) or, for wiki markup, the name
    mwparserfromhell gives it (``"i"``, ``"li"``, ``"table"``); ``wiki_markup`` is the
    markup (``"''"``), or None for an HTML tag. A run of list markers (``"**#"``) may be
    one tag, named for its first marker (see :func:`_compact_list_runs`).
    """

    __slots__ = ("attributes", "contents", "name", "self_closing", "wiki_markup")

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        attributes: list[Attribute],
        contents: Code | None,
        wiki_markup: str | None,
        self_closing: bool,
    ) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.attributes = attributes
        self.contents = contents
        self.wiki_markup = wiki_markup
        self.self_closing = self_closing


class _End(_t.Token):
    """Placed after the last token, so that the builder needs no bounds checks."""


class TreeError(WikiroundError):
    """The tokens did not form a tree (a bug in this module or the tokenizer).

    The lossy reader catches it and reads the text concerned as plain text.
    """


_TEXT = _t.Text
# The characters mwparserfromhell's tokenizer acts on (its C version also stops at NUL):
# text with none of them is one piece of text to it.
_TOKENIZER_MARKUP = re.compile(
    "[" + re.escape("".join(m for m in Tokenizer.MARKERS if isinstance(m, str)) + "\x00") + "]"
)
_TEMPLATE_NAME_STOPS = frozenset({_t.TemplateParamSeparator, _t.TemplateClose, _End})
_PARAMETER_STOPS = frozenset(
    {_t.TemplateParamEquals, _t.TemplateParamSeparator, _t.TemplateClose, _End}
)
_ARGUMENT_STOPS = frozenset({_t.ArgumentSeparator, _t.ArgumentClose, _End})
_LINK_STOPS = frozenset({_t.WikilinkSeparator, _t.WikilinkClose, _End})
_EXTERNAL_STOPS = frozenset({_t.ExternalLinkSeparator, _t.ExternalLinkClose, _End})
_HEADING_STOPS = frozenset({_t.HeadingEnd, _End})
_COMMENT_STOPS = frozenset({_t.CommentEnd, _End})
_TAG_NAME_STOPS = frozenset({_t.TagAttrStart, _t.TagCloseOpen, _t.TagCloseSelfclose, _End})
_ATTRIBUTE_STOPS = frozenset(
    {_t.TagAttrEquals, _t.TagAttrQuote, _t.TagAttrStart, _t.TagCloseOpen,
     _t.TagCloseSelfclose, _End}
)  # fmt: skip
_CONTENTS_STOPS = frozenset({_t.TagOpenClose, _t.TagCloseSelfclose, _t.TagCloseClose, _End})
_CLOSING_STOPS = frozenset({_t.TagCloseClose, _t.TagCloseSelfclose, _End})
_TOP_STOPS = frozenset({_End})


# How many tokens read the builder lets go of at a time: a slice assignment costs a
# list of this many Nones, so not for every node.
_RELEASE_EVERY = 256


class _Builder:
    def __init__(
        self,
        text: str,
        tokens: list[Any],
        base: int,
        references: dict[int, str],
        *,
        restore: bool = False,
        tables: dict[int, Node] | None = None,
    ) -> None:
        tokens.append(_End())
        self.references = references
        # The tables masked in the tokenized text, by offset (see masked()).
        self.tables = tables
        self.text = text
        # The tokens were made from text with stand-ins (see _soup): their text is read
        # back from ``text``, where it starts. (Only a text holding a stand-in, or the "!"
        # that disarms an unclosed tag's name, can differ from it.)
        self.restore = restore
        self.tokens = tokens
        self.index = 0
        # Tokens before this index have been read and let go (see code()).
        self.released = 0
        self.position = base
        self.base = base

    def expect(self, kind: type) -> Any:
        token = self.tokens[self.index]
        if type(token) is not kind:
            raise TreeError(f"expected {kind.__name__}, got {type(token).__name__}")
        self.index += 1
        return token

    def code(self, stops: frozenset[type]) -> Code:
        """The nodes up to the next token of a type in ``stops`` (not consumed)."""
        start = position = self.position
        tokens = self.tokens
        index = self.index
        token = tokens[index]
        restore = self.restore
        tables = self.tables
        if (
            type(token) is _TEXT
            and type(tokens[index + 1]) in stops
            and not (tables and TABLE_MARK in token["text"])
        ):
            # Most often one piece of text: a link's title, a parameter's name.
            value = token["text"]
            if restore and (STAND_IN in value or "!" in value):
                value = self.original(value, position)
            if REFERENCE_MARK not in value:
                self.index = index + 1
                self.position = end = position + len(value)
                return Code([value], start, end, self.text, self.base)
        nodes: list[Node | str] = []
        while True:
            token = tokens[index]
            kind = type(token)
            if kind is _TEXT:
                value = token["text"]
                if tables and TABLE_MARK in value:
                    position = self.split_tables(value, position, nodes)
                    index += 1
                    continue
                if restore and (STAND_IN in value or "!" in value):
                    value = self.original(value, position)
                if REFERENCE_MARK in value:
                    self.split_markers(value, position, nodes)
                else:
                    nodes.append(value)
                position += len(value)
                index += 1
            elif kind in stops:
                self.index = index
                self.position = position
                return Code(nodes, start, position, self.text, self.base)
            else:
                self.index = index + 1
                self.position = position
                # Direct calls, not a table of methods: the build compiled with mypyc
                # makes each a native call.
                if kind is _t.TagOpenOpen:
                    nodes.append(self.tag(token))
                elif kind is _t.WikilinkOpen:
                    nodes.append(self.wikilink())
                elif kind is _t.TemplateOpen:
                    nodes.append(self.template())
                elif kind is _t.ExternalLinkOpen:
                    nodes.append(self.external_link(token))
                elif kind is _t.CommentStart:
                    nodes.append(self.comment())
                elif kind is _t.HTMLEntityStart:
                    nodes.append(self.entity())
                elif kind is _t.HeadingStart:
                    nodes.append(self.heading(token))
                elif kind is _t.ArgumentOpen:
                    nodes.append(self.argument())
                else:
                    raise TreeError(f"unexpected {kind.__name__}")
                index = self.index
                position = self.position
                if index - self.released > _RELEASE_EVERY:
                    # The tokens read are never looked at again: let them go while the
                    # tree grows, so that the two are not both held whole at the peak.
                    tokens[self.released : index] = [None] * (index - self.released)
                    self.released = index

    def list_run(self) -> str:
        """The rest of a run of list markers whose first one was just read, when the
        tokenizer saw the rest as stand-ins (see :func:`_compact_list_runs`); it is
        taken off the text token that follows."""
        token = self.tokens[self.index]
        if type(token) is not _TEXT:
            return ""
        value: str = token["text"]
        stand_ins = _STAND_INS.match(value)
        if stand_ins is None:
            return ""
        at = self.position - self.base
        markers = _LIST_MARKERS.match(self.text, at, at + stand_ins.end())
        if markers is None:
            return ""
        run = markers.group()
        self.position += len(run)
        if len(run) == len(value):
            self.index += 1
        else:
            self.tokens[self.index] = _TEXT(text=value[len(run) :])
        return run

    def original(self, value: str, position: int) -> str:
        """The text of ``value``, a token's text that starts at ``position``, as it is
        in the text (without stand-ins)."""
        start = position - self.base
        original = self.text[start : start + len(value)]
        # Most often the same: keep the token's string, and let the copy go.
        return value if original == value else original

    def split_tables(self, value: str, position: int, nodes: list[Node | str]) -> int:
        """Read ``value``, a token's text holding a table's mask, that starts at
        ``position``: the tables as their nodes, the text around them as text. Returns
        where it ends."""
        assert self.tables is not None
        end = position + len(value)
        mark = value.find(TABLE_MARK)
        done = 0
        while mark >= 0:
            if mark > done:
                self.add_text(value[done:mark], position + done, nodes)
            table = self.tables.get(position + mark)
            if table is None or table.end > end:
                raise TreeError("a table's mask is not whole in one text token")
            nodes.append(table)
            done = table.end - position
            mark = value.find(TABLE_MARK, done)
        if done < len(value):
            self.add_text(value[done:], position + done, nodes)
        return end

    def add_text(self, value: str, position: int, nodes: list[Node | str]) -> None:
        if self.restore and (STAND_IN in value or "!" in value):
            value = self.original(value, position)
        if REFERENCE_MARK in value:
            self.split_markers(value, position, nodes)
        else:
            nodes.append(value)

    def split_markers(self, value: str, position: int, nodes: list[Node | str]) -> None:
        last = 0
        for marker in _MARKER.finditer(value):
            if marker.start() > last:
                nodes.append(value[last : marker.start()])
            start = position + marker.start()
            detail = self.references.get(start, "<ref>")
            nodes.append(Reference(start, position + marker.end(), detail))
            last = marker.end()
        if last < len(value):
            nodes.append(value[last:])

    def name(self, stops: frozenset[type], *, virtual: bool) -> str:
        """A tag's name. A virtual one, which mwparserfromhell gives wiki markup
        (``i``, ``li``), is not in the text."""
        tokens = self.tokens
        token = tokens[self.index]
        if type(token) is _TEXT and type(tokens[self.index + 1]) in stops:
            # Nearly always one piece of text: no need for a Code.
            self.index += 1
            value: str = token["text"]
            if not virtual:
                if self.restore and (STAND_IN in value or "!" in value):
                    value = self.original(value, self.position)
                self.position += len(value)
            return value
        position = self.position
        code = self.code(stops)
        if not virtual:
            return code.source
        self.position = position
        return "".join(node for node in code.nodes if isinstance(node, str))

    def template(self) -> Template:
        start = self.position
        self.position += 2
        name = self.code(_TEMPLATE_NAME_STOPS)
        params: list[Parameter] = []
        tokens = self.tokens
        while True:
            kind = type(tokens[self.index])
            if kind is _t.TemplateClose:
                self.index += 1
                self.position += 2
                return Template(start, self.position, name, params)
            if kind is not _t.TemplateParamSeparator:
                raise TreeError("a template without its closing braces")
            self.index += 1
            self.position += 1
            key: Code | None = None
            value = self.code(_PARAMETER_STOPS)
            while type(tokens[self.index]) is _t.TemplateParamEquals:
                self.index += 1
                self.position += 1
                key = value
                value = self.code(_PARAMETER_STOPS)
            params.append(Parameter(key, value))

    def halves(
        self, stops: frozenset[type], separator: type, close: type, width: int
    ) -> tuple[Code, Code | None]:
        """What comes before and after the separator, up to the closing token of
        ``width`` characters: ``[[title|text]]``, ``{{{name|default}}}``. As in
        mwparserfromhell's builder, a further separator starts the second half again."""
        first = self.code(stops)
        second: Code | None = None
        while type(self.tokens[self.index]) is separator:
            self.index += 1
            self.position += 1
            if second is not None:
                first = second
            second = self.code(stops)
        self.expect(close)
        self.position += width
        return first, second

    def argument(self) -> Argument:
        start = self.position
        self.position += 3
        name, default = self.halves(_ARGUMENT_STOPS, _t.ArgumentSeparator, _t.ArgumentClose, 3)
        return Argument(start, self.position, name, default)

    def wikilink(self) -> Wikilink:
        start = self.position
        self.position += 2
        title, text = self.halves(_LINK_STOPS, _t.WikilinkSeparator, _t.WikilinkClose, 2)
        return Wikilink(start, self.position, title, text)

    def external_link(self, token: Any) -> ExternalLink:
        start = self.position
        brackets = bool(token.get("brackets"))
        self.position += 1 if brackets else 0
        url = self.code(_EXTERNAL_STOPS)
        title: Code | None = None
        while type(self.tokens[self.index]) is _t.ExternalLinkSeparator:
            separator = self.tokens[self.index]
            self.index += 1
            if brackets and separator.get("suppress_space") is not True:
                self.position += 1  # the space between the URL and the title
            if title is not None:
                url = title
            title = self.code(_EXTERNAL_STOPS)
        self.expect(_t.ExternalLinkClose)
        self.position += 1 if brackets else 0
        return ExternalLink(start, self.position, url, title, brackets)

    def entity(self) -> Entity:
        start = self.position
        tokens = self.tokens
        token = tokens[self.index]
        length = 2  # "&" and ";"
        if type(token) is _t.HTMLEntityNumeric:
            length += 1
            self.index += 1
            token = tokens[self.index]
            if type(token) is _t.HTMLEntityHex:
                length += len(token.get("char") or "")
                self.index += 1
                token = tokens[self.index]
        length += len(self.expect(_TEXT)["text"])
        self.expect(_t.HTMLEntityEnd)
        self.position = start + length
        return Entity(
            start, self.position, self.text[start - self.base : self.position - self.base]
        )

    def heading(self, token: Any) -> Heading:
        start = self.position
        level = int(token["level"])
        self.position += level
        title = self.code(_HEADING_STOPS)
        self.expect(_t.HeadingEnd)
        self.position += level
        return Heading(start, self.position, level, title)

    def comment(self) -> Comment:
        start = self.position
        self.position += 4
        contents = self.code(_COMMENT_STOPS)
        self.expect(_t.CommentEnd)
        self.position += 3
        return Comment(start, self.position, contents.source)

    def attribute(self, token: Any) -> Attribute:
        # pad_first name pad_before_eq [= pad_after_eq [quote] value [quote]]
        self.position += len(token.get("pad_first") or "")
        name = self.code(_ATTRIBUTE_STOPS)
        value: Code | None = None
        quote = ""
        tokens = self.tokens
        while True:
            kind = type(tokens[self.index])
            if kind is _t.TagAttrEquals:
                self.index += 1
                self.position += len(token.get("pad_before_eq") or "") + 1
                self.position += len(token.get("pad_after_eq") or "")
                if value is not None:
                    name = value
                value = self.code(_ATTRIBUTE_STOPS)
            elif kind is _t.TagAttrQuote:
                quote = tokens[self.index].get("char") or ""
                self.index += 1
                self.position += len(quote)
                if value is not None:
                    value = self.code(_ATTRIBUTE_STOPS)
            else:
                break
        if value is None:
            self.position += len(token.get("pad_before_eq") or "")
            return Attribute(name, None)
        if name.end == name.start:
            # mwparserfromhell keeps a nameless attribute's value as its name.
            return Attribute(value, None)
        self.position += len(quote)
        return Attribute(name, value)

    def tag(self, token: Any) -> Tag:
        start = self.position
        wiki_markup: str | None = token.get("wiki_markup") or None
        if wiki_markup is not None:
            self.position += len(wiki_markup)
            name = self.name(_TAG_NAME_STOPS, virtual=True)
        else:
            self.position += 2 if token.get("invalid") else 1
            name = self.name(_TAG_NAME_STOPS, virtual=False)
        attributes: list[Attribute] = []
        contents: Code | None = None
        tokens = self.tokens
        while True:
            token = tokens[self.index]
            kind = type(token)
            self.index += 1
            if kind is _t.TagAttrStart:
                attributes.append(self.attribute(token))
            elif kind is _t.TagCloseOpen:
                self.position += len(token.get("padding") or "")
                if wiki_markup is not None:
                    self.position += len(token.get("wiki_markup") or "")
                else:
                    self.position += 1  # ">"
                contents = self.code(_CONTENTS_STOPS)
            elif kind is _t.TagOpenClose:
                if wiki_markup is not None:
                    closing = token.get("wiki_markup")
                    self.position += len(wiki_markup if closing is None else closing)
                    self.name(_CLOSING_STOPS, virtual=True)
                else:
                    self.position += 2  # "</"
                    self.name(_CLOSING_STOPS, virtual=False)
            elif kind is _t.TagCloseClose:
                self.position += 0 if wiki_markup is not None else 1
                return Tag(start, self.position, name, attributes, contents, wiki_markup, False)
            elif kind is _t.TagCloseSelfclose:
                self.position += len(token.get("padding") or "")
                if wiki_markup is None:
                    self.position += 1 if token.get("implicit") else 2  # ">" or "/>"
                elif self.restore and name in _LIST_ITEMS:
                    wiki_markup += self.list_run()
                return Tag(start, self.position, name, attributes, None, wiki_markup, True)
            else:
                raise TreeError(f"unexpected {kind.__name__} in a tag")


# Runs of list markers where a line starts: see _compact_list_runs.
_LIST_RUN = re.compile(r"[*#:;]{2,}")
_LIST_RUN_AFTER_LINE_BREAK = re.compile(r"\n[*#:;]{2,}")
_LIST_MARKERS = re.compile(r"[*#:]+")
_LIST_ITEMS = frozenset({"li", "dt", "dd"})
# Runs are compacted when the markers saved are at least one character in this many:
# each saves three tokens, some 450 bytes, against one or two bytes a character of copy.
_COMPACT_FROM = 128
_STAND_INS = re.compile(f"{STAND_IN}+")


def _compact_list_runs(tokenized: str) -> str:
    """``tokenized`` with each run of list markers where a line starts cut to its first
    marker, the rest made stand-ins.

    The tokenizer makes three tokens of each marker (``***`` is three <li>), which on
    deeply nested lists take a hundred times the text's memory; it reads the run as one
    step, so that the markers after the first change nothing else it reads. The builder
    makes one node of the run (:meth:`_Builder.list_run`). A run with ``;`` is left
    whole: that marker changes how the rest of the line reads.

    The copy of the text costs less than the tokens it saves only where runs are a
    sizeable part of the text; elsewhere (most articles) the text is left as it is.
    """
    first = _LIST_RUN.match(tokenized)
    saved = 0 if first is None else first.end() - 1
    for run in _LIST_RUN_AFTER_LINE_BREAK.finditer(tokenized):
        saved += run.end() - run.start() - 2
    if saved * _COMPACT_FROM < len(tokenized):
        return tokenized
    if first is not None:
        tokenized = _compact_run(first) + tokenized[first.end() :]
    return _LIST_RUN_AFTER_LINE_BREAK.sub(_compact_run, tokenized)


def _compact_run(run: re.Match[str]) -> str:
    markers = run.group()
    if ";" in markers:
        return markers
    # The line break before the run, if matched, and the first marker stay.
    kept = 2 if markers[0] == "\n" else 1
    return markers[:kept] + STAND_IN * (len(markers) - kept)


def parse(
    text: str,
    base: int = 0,
    references: dict[int, str] | None = None,
    tables: Sequence[Node] | None = None,
) -> Code:
    """``text`` as a tree, with offsets counted from ``base``.

    ``base`` is where ``text`` starts in a larger text, so that a piece parsed again
    on its own keeps the offsets of the whole. ``references`` gives the detail of the
    reference whose marker starts at each offset. ``tables`` are the tables in
    ``text`` (see :mod:`._tables`, which finds them): each is one node of the tree,
    and the tokenizer never reads its markup.
    """
    if not tables and text.startswith("="):
        heading = _plain_heading(text, base)
        if heading is not None:
            return heading
    by_start: dict[int, Node] | None = None
    source = text
    if tables:
        by_start = {table.start: table for table in tables}
        text = masked(text, tables, base)
    if _TOKENIZER_MARKUP.search(text) is None:
        # No character the tokenizer acts on (a long line of words): it would give
        # one piece of text, after a pass that costs four times this search.
        tokenized = text
        tokens: list[Any] = [_TEXT(text=text)] if text else []
    else:
        # Openers that can never close are disarmed first (see _soup): the tokenizer
        # would try each one up to the end of the text, then read it as text all the same.
        # So are bold and italics, which MediaWiki reads line by line (see _quotes).
        tokenized = _compact_list_runs(stand_ins(disarm(text)))
        tokens = _Tokenizer().tokenize(tokenized)
    builder = _Builder(
        source, tokens, base, references or {},
        restore=tokenized is not source, tables=by_start,
    )  # fmt: skip
    del tokens, tokenized, text  # the builder holds what it needs: let the copies go
    code = builder.code(_TOP_STOPS)
    if builder.position != base + len(source):
        raise TreeError(f"the tree covers {builder.position - base} of {len(source)} characters")
    return code


# A heading line whose title holds no character the tokenizer or the reader acts on
# (most of them: "== Early life =="), and the spaces after it; its tree needs no
# tokenizer (see test_lossy_tree).
_PLAIN_HEADING = re.compile(r"(={1,6})([^=<>\[\]{}|&'\"#*;:/!~_\x00-\x1f\x7f-\x9f]+)\1([ \t]*)")


def _plain_heading(text: str, base: int) -> Code | None:
    """The tree of ``text``, a line, when it is a plain heading (see _PLAIN_HEADING)
    and nothing else; else None."""
    match = _PLAIN_HEADING.fullmatch(text)
    if match is None:
        return None
    level = len(match.group(1))
    title = match.group(2)
    title_start = base + level
    title_end = title_start + len(title)
    heading = Heading(
        base, title_end + level, level, Code([title], title_start, title_end, text, base)
    )
    nodes: list[Node | str] = [heading]
    if match.group(3):
        nodes.append(match.group(3))
    return Code(nodes, base, base + len(text), text, base)


def page_pieces(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the pieces a page is tokenized in: each heading line MediaWiki
    reads (see :func:`~._soup.heading_lines`) alone, and the text between them. Nothing
    the tokenizer reads can then run on over a heading, as nothing does in MediaWiki."""
    pieces: list[tuple[int, int]] = []
    position = 0
    for start, end in heading_lines(text):
        if start > position:
            pieces.append((position, start))
        heading = leading_comments_end(text, start)
        if heading > start:
            # Comments first: the heading is read from its first "=", as MediaWiki reads
            # it once the comments are gone.
            pieces.append((start, heading))
        pieces.append((heading, end))
        position = end
    if position < len(text) or not pieces:
        pieces.append((position, len(text)))
    return pieces


def parse_page(
    text: str,
    references: dict[int, str] | None = None,
    pieces: list[tuple[int, int]] | None = None,
    tables: Sequence[Node] | None = None,
) -> Code:
    """A whole page as a tree: :func:`parse` on each of its pieces (see
    :func:`page_pieces`), their nodes in one run; ``tables``, in order, are the page's
    tables (each inside one piece). Given some of the pieces only, in order and one
    after the other, the tree of the text from the first to the last."""
    if pieces is None:
        pieces = page_pieces(text)
    if len(pieces) == 1 and pieces[0] == (0, len(text)):
        return parse(text, 0, references, tables)
    nodes: list[Node | str] = []
    index = 0
    tables = tables or []
    for start, end in pieces:
        first = index
        while index < len(tables) and tables[index].start < end:
            index += 1
        nodes.extend(parse(text[start:end], start, references, tables[first:index]).nodes)
    return Code(nodes, pieces[0][0], pieces[-1][1], text, 0)
