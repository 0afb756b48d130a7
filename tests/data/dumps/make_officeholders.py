"""Writes officeholders.xml: a MediaWiki XML export of vendored officeholder articles.

The served test wiki (tests/mediawiki/served.py) imports it. Each article's text is the
file in tests/data/articles, unmodified; the three template pages are the redirects
through which those articles call Infobox officeholder on Wikipedia. Run it again after
changing the list below:

    python tests/data/dumps/make_officeholders.py
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "articles"
OUTPUT = HERE / "officeholders.xml"

# (title, file in tests/data/articles): eight articles that call the infobox under four
# of its names, and one officeholder biography without any infobox.
PAGES = [
    ("George Washington", "presidentthing__George_Washington.wiki"),
    ("Martin Van Buren", "presidentthing__Martin_Van_Buren.wiki"),
    ("Nelson Rockefeller", "presidentthing__Nelson_Rockefeller.wiki"),
    ("Richard Nixon", "presidentthing__Richard_Nixon.wiki"),
    ("John Quincy Adams", "presidentthing__John_Quincy_Adams.wiki"),
    ("Harry McPherson", "wtf__Harry-McPherson.wiki"),
    ("Dan Quayle", "presidentthing__Dan_Quayle.wiki"),
    ("George W. Bush", "presidentthing__George_W_Bush.wiki"),
    ("Anwar Kamal Khan", "wtf__Anwar_Kamal_Khan.wiki"),
]
TEMPLATE_REDIRECTS = ["Infobox Officeholder", "Infobox Vice President", "Infobox president"]
REDIRECT_TEXT = "#REDIRECT [[Template:Infobox officeholder]]"
TIMESTAMP = "2016-01-01T00:00:00Z"


def _sha1_base36(text: str) -> str:
    number = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out.rjust(31, "0")


def _page(title: str, namespace: int, text: str, number: int) -> str:
    return (
        "  <page>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <ns>{namespace}</ns>\n"
        f"    <id>{number}</id>\n"
        "    <revision>\n"
        f"      <id>{number}</id>\n"
        f"      <timestamp>{TIMESTAMP}</timestamp>\n"
        "      <contributor><username>Wikipedia contributors</username></contributor>\n"
        "      <comment>English Wikipedia text, as vendored in tests/data/articles</comment>\n"
        "      <model>wikitext</model>\n"
        "      <format>text/x-wiki</format>\n"
        f'      <text bytes="{len(text.encode("utf-8"))}" xml:space="preserve">'
        f"{escape(text)}</text>\n"
        f"      <sha1>{_sha1_base36(text)}</sha1>\n"
        "    </revision>\n"
        "  </page>\n"
    )


def pages() -> list[tuple[str, int, str]]:
    """(title, namespace, text) of every page of the export, in order."""
    found = [(f"Template:{name}", 10, REDIRECT_TEXT) for name in TEMPLATE_REDIRECTS]
    for title, name in PAGES:
        found.append((title, 0, (ARTICLES / name).read_text(encoding="utf-8")))
    return found


def main() -> None:
    parts = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" '
        'xml:lang="en">\n'
    ]
    for number, (title, namespace, text) in enumerate(pages(), start=1):
        parts.append(_page(title, namespace, text, number))
    parts.append("</mediawiki>\n")
    OUTPUT.write_text("".join(parts), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
