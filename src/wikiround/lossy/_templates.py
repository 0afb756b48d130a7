"""How the lossy reader displays templates: one table from template name to handler.

A handler gets the template's arguments and returns the text a reader sees, or
``None`` when it cannot (the caller then reports an unknown template). The text may
hold :data:`LIST_BREAK` (between list items) and :data:`LINE_BREAK` (a ``<br>``); the
reader turns them into ``", "`` or a space once the whole value or paragraph is known.
:data:`SEAM` marks where something was left out (see :func:`close_seams`).
Templates that show nothing worth keeping (references, hatnotes, maintenance tags,
navigation boxes) are listed in :data:`DROPPED` with the kind they are reported as.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from wikiround._mediawiki import capitalise_first, title_text, without_template_namespace
from wikiround._text import php_trim
from wikiround.lossy._dates import (
    format_date,
    is_set,
    parse_date_parts,
    year_of,
)
from wikiround.lossy._quotes import APOSTROPHE
from wikiround.lossy._report import Kind
from wikiround.lossy._tree import Code, Template

__all__ = [
    "BLOCK_CLOSE",
    "BLOCK_OPEN",
    "LINE_BREAK",
    "LINK_CLOSE",
    "LINK_OPEN",
    "LIST_BREAK",
    "QUIET_SEAM",
    "REMOVED",
    "SEAM",
    "SPACES",
    "UNSHOWN",
    "Arguments",
    "Renderer",
    "close_seams",
    "dropped_kind",
    "handler_for",
    "template_key",
]

LIST_BREAK = "\x1e"
LINE_BREAK = "\x1f"
# {{!((}} and {{))!}} write "[[" and "]]" around a link built from pieces.
LINK_OPEN = "\x1c"
LINK_CLOSE = "\x1d"
# Around the text of a block MediaWiki shows on its own inside a line (a thumbnail's
# caption, a gallery's captions): the body makes each such block a paragraph, and ends the
# paragraph it interrupts; elsewhere (a heading, a value) the markers read as spaces.
BLOCK_OPEN = "\x0e"
BLOCK_CLOSE = "\x0f"
# Where the reader left something out (a reference, a dropped template): MediaWiki puts
# a marker or the template's output there, which parts two runs of apostrophes.
SEAM = "\x02"
# Where it left out only what MediaWiki takes away before it reads bold and italics (a
# comment, a category): a seam for commas, but no part between two runs of apostrophes.
QUIET_SEAM = "\x10"
# Fills the place of an HTML tag left unclosed, which MediaWiki does not show (see
# InlineRenderer.unshown): as long as the tag, so that offsets stay put until finish().
UNSHOWN = "\x03"
# Fills the place of stray markup taken out of body text (see InlineRenderer.stray), as
# long as it, so that each line's offset stays put; read as if nothing were there.
REMOVED = "\x05"
# What a reader sees as space between words, collapsed to one space and trimmed: the
# whitespace HTML collapses, and the no-break space (read as a space). Other space
# characters (U+2003…) are text, as on the page.
SPACES = " \t\n\xa0"
# What a displayed argument is trimmed of: spaces and breaks at its ends show nothing.
# (U+0085, U+2028 and U+3000 are text; the link markers are structure and stay.)
_SHOWN_EDGES = SPACES + LIST_BREAK + LINE_BREAK


def close_seams(text: str) -> str:
    """``text`` without its seams, and without the spaces before a seam that a comma
    follows: ``Smith <ref/>, Jones`` reads ``Smith, Jones``. Spaces the author wrote
    before a comma (``Smith , Jones``) are kept."""
    if QUIET_SEAM in text:
        text = text.replace(QUIET_SEAM, SEAM)
    if SEAM not in text:
        return text
    parts = text.split(SEAM)
    kept = [parts[0]]
    for part in parts[1:]:
        if part.startswith(","):
            kept[-1] = kept[-1].rstrip(SPACES)
            while len(kept) > 1 and not kept[-1]:  # several seams in a row
                kept.pop()
                kept[-1] = kept[-1].rstrip(SPACES)
        kept.append(part)
    return "".join(kept)


class Renderer(Protocol):
    """What a handler needs from the reader."""

    title: str

    def inline(self, code: Code) -> str: ...

    def template_argument(self, code: Code) -> str: ...


class Arguments:
    """A template call's arguments, by number (``"1"``, ``"2"`` …) and by name.

    As in MediaWiki, unnamed arguments are numbered from 1, an explicit ``2=`` counts
    as the second, and the last of two arguments with one name wins. Values are
    rendered on demand, so constructs inside unused arguments are neither shown nor
    reported.
    """

    def __init__(self, renderer: Renderer, template: Template, first: Code | None = None) -> None:
        self.renderer = renderer
        self._values: dict[str, Code] = {}
        number = 0
        if first is not None:
            # {{lc:Text|…}}: what follows the colon is the first argument.
            self._values["1"] = first
            number = 1
        for parameter in template.params:
            if parameter.name is not None:
                key = php_trim(parameter.name.source)
            else:
                number += 1
                key = str(number)
            self._values[key] = parameter.value

    def raw(self, key: str) -> str | None:
        """The argument's source text, trimmed, or None when it is not given."""
        found = self._values.get(key)
        return None if found is None else php_trim(found.source)

    def text(self, key: str) -> str | None:
        """The argument as displayed, trimmed, or None when it is not given."""
        found = self._values.get(key)
        if found is None:
            return None
        return close_seams(self.renderer.template_argument(found)).strip(_SHOWN_EDGES)

    def positional(self) -> list[str]:
        """The numbered arguments 1, 2, … up to the first gap, as displayed."""
        result: list[str] = []
        number = 1
        while str(number) in self._values:
            result.append(self.text(str(number)) or "")
            number += 1
        return result

    def first(self, *keys: str) -> str | None:
        """The first of ``keys`` given with a non-empty value, as displayed."""
        for key in keys:
            value = self.text(key)
            if value:
                return value
        return None


Handler = Callable[[Arguments, str], "str | None"]


def _clean_name(name: str) -> str:
    name = title_text(name)
    for prefix in ("subst:", "safesubst:", "msgnw:"):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :].strip(" ")
    return without_template_namespace(name)


# Pages call the same few templates again and again ({{cite web}}, {{convert}}).
@lru_cache(maxsize=2048)
def template_key(raw_name: str) -> tuple[str, str, str | None]:
    """``(key, display, first)`` for a template name as written.

    ``key`` is the lowercased name handlers are looked up by; ``display`` is how the
    report names it (``{{Birth date}}``); ``first`` is the argument a parser function or
    magic word carries after its colon (``{{DEFAULTSORT:Doe, John}}``), else None.
    """
    name = _clean_name(raw_name)
    first: str | None = None
    if ":" in name:
        head, _, rest = name.partition(":")
        if head.startswith("#") or head.strip(" ").upper() in _MAGIC_WITH_ARGUMENT:
            name, first = head.strip(" "), rest
    key = name.lower()
    display = capitalise_first(name) if not name.startswith("#") else name
    return key, "{{" + display + "}}", first


# --- templates that are dropped, with the kind they are reported as --------------------

_REFERENCE_NAMES = frozenset(
    {
        "sfn", "sfnp", "sfnm", "sfnmp", "snf", "harvnb", "harv", "harvp", "harvs",
        "harvtxt", "harvcoltxt", "harvcol", "harvid", "sfnref", "efn", "efn-ua", "efn-lr",
        "efn-lg", "efn-ur", "efn-la", "refn", "r", "rp", "ref", "notetag", "note label",
        "ref label", "citation", "cite", "rfn", "cite note", "citeref",
    }
)  # fmt: skip
_REFERENCE_PREFIXES = ("cite ", "vcite", "cite-", "citation/")

_DROPPED_NAMES = frozenset(
    {
        # inline maintenance
        "citation needed", "cn", "fact", "citation needed span", "when", "who", "which",
        "clarify", "dubious", "vague", "by whom", "according to whom", "page needed",
        "better source", "better source needed", "failed verification", "dead link",
        "verify source", "subscription required", "registration required", "cbignore",
        "self-published source", "update inline", "not in citation given", "or",
        "original research inline", "full citation needed", "webarchive", "wayback",
        "request quotation", "specify", "examples", "citation needed lead", "pn",
        "verification needed", "unreliable source?", "year needed", "nonspecific",
        # metadata, page tools and maintenance banners
        "short description", "defaultsort", "displaytitle", "italic title",
        "lowercase title", "good article", "featured article", "featured list", "ga",
        "engvarb", "authority control", "persondata", "coord missing", "multiple issues",
        "refimprove", "more citations needed", "unreferenced", "orphan", "cleanup",
        "dablink", "toc limit", "toc right", "toc left", "tocright", "compact toc",
        "clear", "clr", "-", "clear left", "clear right", "clearleft", "clearright",
        "anchor", "anchors", "active editnotice", "use list-defined references",
        "dmoz", "ipac-en", "ipa", "ipa-en", "ipac", "respell", "pronunciation",
        "image label", "image label small", "image label begin", "image label end",
        "legend", "colorbox", "color box", "flagicon", "flagdeco", "flag icon",
        "increase", "decrease", "steady", "listen", "multiple image", "css image crop",
        "age", "age in years", "age in years and days", "coord", "reflist",
        "notelist", "notelist-ua", "notelist-lr", "refbegin", "refend", "references",
        "reflist-talk", "notes", "commons", "commons category", "commonscat",
        "commons cat", "wikiquote", "wikisource", "wikisource author", "wiktionary",
        "wikispecies", "wikinews", "wikibooks", "wikivoyage", "wikiversity",
        "sister project links", "wikipedia books", "navboxes", "navbox", "portal",
        "portal bar", "portal-inline", "succession box", "library resources box",
        "official website", "imdb name", "imdb title", "nyt topic", "c-span",
        "gutenberg author", "librivox author", "internet archive author", "find a grave",
        "spoken wikipedia", "hall of fame for great americans", "taxobox",
        # hatnotes
        "about", "for", "other uses", "other uses of", "redirect", "redirect2",
        "redirect-multi", "redirect-distinguish", "distinguish", "main", "main article",
        "see also", "further", "further information", "details", "hatnote", "other people",
        "self-reference", "selfref", "for multi", "broader", "see", "other places",
        "otheruses", "other persons", "this", "about-distinguish", "more information",
    }
)  # fmt: skip
_DROPPED_PREFIXES = (
    "use ",
    "pp-",
    "infobox",
    "s-",
    "navbox",
    "portal",
    "engvar",
    "refimprove",
    "cleanup",
    "coord",
    "commons",
    "wikiquote",
)
_DROPPED_SUFFIXES = ("-stub", " stub", "stub", " navbox", " sidebar", " footer")


def dropped_kind(key: str) -> Kind | None:
    """The report kind of a template that is dropped on purpose, else None."""
    if key in _REFERENCE_NAMES or key.startswith(_REFERENCE_PREFIXES):
        return Kind.REFERENCE
    if (
        key in _DROPPED_NAMES
        or key.startswith(_DROPPED_PREFIXES)
        or key.endswith(_DROPPED_SUFFIXES)
        or key == "pp"
    ):
        return Kind.TEMPLATE
    return None


# --- handlers ---------------------------------------------------------------------------

_MAGIC_WITH_ARGUMENT = frozenset(
    {"DEFAULTSORT", "DISPLAYTITLE", "LC", "UC", "LCFIRST", "UCFIRST", "FORMATNUM"}
)


def _list_items(args: Arguments, _name: str) -> str:
    return LIST_BREAK.join(item for item in args.positional() if item)


def _wrapped_list(args: Arguments, _name: str) -> str:
    # {{plainlist|* a\n* b}}: the list markers inside already break the items.
    return args.text("1") or ""


def _nth(number: int) -> Handler:
    def handle(args: Arguments, _name: str) -> str | None:
        return args.text(str(number))

    return handle


def _last_positional(args: Arguments, _name: str) -> str | None:
    items = args.positional()
    return items[-1] if items else None


def _joined(separator: str) -> Handler:
    def handle(args: Arguments, _name: str) -> str:
        return separator.join(item for item in args.positional() if item)

    return handle


def _constant(text: str) -> Handler:
    def handle(_args: Arguments, _name: str) -> str:
        return text

    return handle


def _text_or_first(args: Arguments, _name: str) -> str | None:
    return args.first("text", "1")


def _date_text(parts: list[str], day_first: bool) -> str | None:
    parsed = parse_date_parts(parts)
    if parsed is None:
        # Not a calendar date: show what was written rather than lose it.
        text = " ".join(part for part in parts if part)
        return text or None
    year, month, day = parsed
    return format_date(year, month, day, day_first=day_first)


def _day_first(args: Arguments) -> bool:
    return is_set(args.raw("df")) and not is_set(args.raw("mf"))


def _date(first: int, count: int = 3) -> Handler:
    """A date from arguments ``first`` … ``first + count - 1``; any age is left out."""

    def handle(args: Arguments, _name: str) -> str | None:
        parts = [args.text(str(number)) or "" for number in range(first, first + count)]
        return _date_text(parts, _day_first(args))

    return handle


def _dts(args: Arguments, _name: str) -> str | None:
    parts = [part for part in args.positional() if part]
    fmt = (args.raw("format") or "").lower()
    day_first = fmt.startswith("d") or _day_first(args)
    if len(parts) == 1 and parse_date_parts(parts) is None:
        return parts[0]
    return _date_text(parts[:3], day_first)


_MARRIAGE_END = {
    "d": "d.",
    "d.": "d.",
    "died": "died",
    "div": "div.",
    "div.": "div.",
    "divorced": "div.",
    "w": "wid.",
    "w.": "wid.",
    "wid": "wid.",
    "wid.": "wid.",
    "widowed": "wid.",
    "sep": "sep.",
    "sep.": "sep.",
    "separated": "sep.",
    "ann": "ann.",
    "ann.": "ann.",
    "annulled": "ann.",
}


def _marriage(args: Arguments, _name: str) -> str | None:
    name = args.first("1", "spouse") or ""
    start = args.first("2", "date") or ""
    end = args.first("3") or ""
    reason = args.first("end", "reason") or ""
    start_year = year_of(start) or start
    end_year = year_of(end) or end
    if not start_year:
        return name or None
    if end_year and reason:
        shown = _MARRIAGE_END.get(reason.lower(), reason)
        dates = f"m. {start_year}; {shown} {end_year}"
    elif end_year:
        same_century = len(start_year) == len(end_year) == 4 and start_year[:2] == end_year[:2]
        dates = f"m. {start_year}–{end_year[2:] if same_century else end_year}"
    else:
        dates = f"m. {start_year}"
    return f"{name} ({dates})" if name else f"({dates})"


def _prefixed(prefix: str) -> Handler:
    def handle(args: Arguments, _name: str) -> str | None:
        items = [item for item in args.positional() if item]
        return prefix + "–".join(items) if items else None

    return handle


def _as_of(args: Arguments, _name: str) -> str | None:
    alt = args.text("alt")
    if alt:
        return alt
    parts = [args.text(str(number)) or "" for number in (1, 2, 3)]
    date = _date_text(parts, _day_first(args))
    if not date:
        return None
    lead = "as of" if is_set(args.raw("lc")) else "As of"
    return f"{lead} {date}"


def _identifier(label: str) -> Handler:
    def handle(args: Arguments, _name: str) -> str | None:
        items = [item for item in args.positional() if item]
        return f"{label} " + ", ".join(items) if items else None

    return handle


_SCHEME = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def _url(args: Arguments, _name: str) -> str | None:
    label = args.text("2")
    if label:
        return label
    url = args.text("1")
    if not url:
        return None
    shown = _SCHEME.sub("", url)
    return shown[:-1] if shown.endswith("/") and shown.count("/") == 1 else shown


def _ushr(args: Arguments, _name: str) -> str | None:
    # {{ushr|IN|4|4th}}: a U.S. House district, shown by its label when one is given.
    label = args.text("3")
    if label:
        return label
    state, number = args.text("1"), args.text("2")
    return f"{state}-{number}" if state and number else None


def _flag(args: Arguments, _name: str) -> str | None:
    return args.first("name", "1")


def _sortname(args: Arguments, _name: str) -> str | None:
    first, last = args.text("1") or "", args.text("2") or ""
    return " ".join(part for part in (first, last) if part) or None


_UNITS = {
    "km2": "km²",
    "m2": "m²",
    "sqmi": "sq mi",
    "sqft": "sq ft",
    "sqkm": "km²",
    "acre": "acres",
    "ha": "ha",
    "c": "°C",
    "f": "°F",
    "degc": "°C",
    "degf": "°F",
    "kmh": "km/h",
    "km/h": "km/h",
    "mph": "mph",
    "m3": "m³",
    "cuft": "cu ft",
    "ftin": "ft",
}
_RANGES = {"-": "–", "–": "–", "to": " to ", "and": " and ", "or": " or ", "x": " × "}


def _convert(args: Arguments, _name: str) -> str | None:
    # The input quantity with its unit; the conversion is derived, like an age.
    items = args.positional()
    if not items or not items[0]:
        return None
    text = items[0]
    index = 1
    while index + 1 < len(items) and items[index] in _RANGES:
        text += _RANGES[items[index]] + items[index + 1]
        index += 2
    if index < len(items) and items[index]:
        unit = items[index]
        text += " " + _UNITS.get(unit.lower(), unit)
    return text


def _frac(args: Arguments, _name: str) -> str | None:
    items = [item for item in args.positional() if item]
    if len(items) == 3:
        return f"{items[0]} {items[1]}/{items[2]}"
    if len(items) == 2:
        return f"{items[0]}/{items[1]}"
    return f"1/{items[0]}" if items else None


def _quote(args: Arguments, _name: str) -> str | None:
    text = args.first("text", "quote", "1")
    if not text:
        return None
    author = args.first("author", "sign", "2")
    source = args.first("source", "title", "3")
    credit = ", ".join(part for part in (author, source) if part)
    quoted = f"\u201c{text}\u201d"  # a quotation, not the article's own words
    return f"{quoted} — {credit}" if credit else quoted


def _case(transform: Callable[[str], str]) -> Handler:
    def handle(args: Arguments, _name: str) -> str | None:
        value = args.text("1")
        return transform(value) if value is not None else None

    return handle


def _if(args: Arguments, _name: str) -> str:
    # {{#if: test | then | else}}: "then" when the test shows anything but spaces.
    return args.text("2" if args.text("1") else "3") or ""


def _if_equal(args: Arguments, _name: str) -> str:
    # {{#ifeq: a | b | then | else}}: numbers compare as numbers (1 and 01 are equal).
    left, right = args.text("1") or "", args.text("2") or ""
    try:
        same = float(left) == float(right)
    except ValueError:
        same = left == right
    return args.text("3" if same else "4") or ""


def _page_name(args: Arguments, _name: str) -> str:
    return args.renderer.title


_LIST = _list_items
_HANDLERS: dict[str, Handler] = {}


def _register(names: str, handler: Handler) -> None:
    for name in names.split(","):
        _HANDLERS[name.strip(" ")] = handler


# Lists: items joined with ", ".
_register(
    "ubl,ubil,ublist,unbulleted list,unbulleted,unbullet,ulist,hlist,h list,bulleted list,"
    "bulleted,blist,bullet list,bl,ordered list,olist,unordered list,br separated entries,"
    "br separated,br-separated entries,br list,collapsible list,clist,nowrap list,"
    "flatlist inline,pagelist",
    _LIST,
)
_register("plainlist,plain list,flatlist,flat list,startflatlist,startplainlist", _wrapped_list)
_register("endflatlist,endplainlist,end flatlist,end plainlist", _constant(""))
# Dates: the date as displayed; ages are derived and left out.
_register(
    "birth date,dob,birth-date,birthdate,birth date and age,bda,birth date and age2,"
    "birthdate and age,b-da,death date,death-date,deathdate,dod,death date and age,dda,"
    "death-date and age,deathdateandage,death date and given age,start date,start-date,"
    "startdate,end date,end-date,enddate,start date and age,sdaa,start date and years ago,"
    "end date and age,birth year and age,death year and age,film date",
    _date(1),
)
_register("dts,date table sorting,datesort,sort date,sortdate", _dts)
_register("marriage,marriage/sandbox,married", _marriage)
_register("as of", _as_of)
# Wrappers: their text.
_register(
    "nowrap,nobr,nobreak,no wrap,nobold,noitalic,nonitalic,small,smaller,midsize,large,"
    "larger,big,huge,center,centre,em,strong,var,code,kbd,samp,"
    "smallcaps,small caps,sc,smallcaps all,allcaps,abbr,abbrlink,tooltip,hover title,"
    "vanchor,visible anchor,sup,sub,ill,interlanguage link,interlanguage link multi,"
    "text,plain text,trim,italic,bold,"
    "keypress,mono,nihongo2",
    _nth(1),
)
_register("linktext", _joined(""))
_register("sic,not a typo,proper name", _joined(""))
_register("lang,native name,native phrase,color,colour,font color2", _nth(2))
_register("transl,transliteration,lang-rtl,font color,resize", _last_positional)
_register("font", _text_or_first)
_register("flag,flagcountry,flagu,flag country,country flag", _flag)
_register("sortname", _sortname)
_register("ushr", _ushr)
_register("post-nominals,post-nominal,postnominals", _joined(" "))
_register("url,official url", _url)
_register("circa,c.,ca.", _prefixed("c. "))
_register("reign,r.", _prefixed("r. "))
_register("floruit,fl.", _prefixed("fl. "))
_register("isbn", _identifier("ISBN"))
_register("issn", _identifier("ISSN"))
_register("convert,cvt", _convert)
_register("frac,fraction", _frac)
_register("quote,blockquote,quotation,cquote,quote box,quotebox", _quote)
# Characters and punctuation.
_register("!,pipe", _constant("|"))
_register("=", _constant("="))
_register("!((", _constant(LINK_OPEN))
_register("))!", _constant(LINK_CLOSE))
# (Apostrophes written as &#39;: never bold or italics.)
_register("',apos", _constant(APOSTROPHE))
_register("'s", _constant(APOSTROPHE + "s"))
_register("'-", _constant(APOSTROPHE))
_register('"', _constant('"'))
_register("ndash,en dash,endash,–", _constant("–"))
_register("mdash,em dash,emdash,—", _constant("—"))
_register("snd,spaced ndash,spaced en dash,snds,spnd,sndash", _constant(" – "))
_register("spaced mdash,spaced em dash", _constant(" — "))
# Separators between inline list items.
_register("dot,middot,·,dot-separator,*,bull,bullet,•", _constant(LIST_BREAK))
_register("nbsp,thinsp,sp,space,spaces,hair space,figure space", _constant(" "))
_register("zwsp,zwj,zwnj,wbr,shy", _constant(""))
# Parser functions.
_register("#if", _if)
_register("#ifeq", _if_equal)
# Magic words.
_register("pagename,fullpagename,pagenamee,subpagename,basepagename", _page_name)
_register("lc", _case(str.lower))
_register("uc", _case(str.upper))
_register("lcfirst", _case(lambda text: text[:1].lower() + text[1:]))
_register("ucfirst", _case(lambda text: text[:1].upper() + text[1:]))
_register("formatnum", _nth(1))


def handler_for(key: str) -> Handler | None:
    """The handler that displays template ``key`` (see :func:`template_key`), if any."""
    found = _HANDLERS.get(key)
    if found is None and key.startswith("lang-"):
        return _nth(1)
    return found
