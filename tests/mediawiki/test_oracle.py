"""Tests of the MediaWiki oracle itself, against the real MediaWiki parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from oracle import (
    Argument,
    MediaWiki,
    MediaWikiError,
    MediaWikiTimeout,
    MediaWikiUnavailable,
    find_mediawiki,
    import_dump,
    mediawiki_problem,
)

pytestmark = pytest.mark.mediawiki

INFOBOX = "Infobox officeholder"


def test_arguments_in_order_with_values(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("{{Infobox officeholder|name=A|office=B}}")
    assert [(c.template, c.args) for c in result.calls] == [
        (INFOBOX, [Argument("name", "A", False), Argument("office", "B", False)])
    ]


def test_order_keeps_positional_among_named(mediawiki: MediaWiki) -> None:
    call = mediawiki.parse("{{Infobox officeholder|b=1|x|a=2|y}}").call(INFOBOX)
    assert call.names == ["b", "1", "a", "2"]
    assert [a.positional for a in call.args] == [False, True, False, True]


def test_named_values_trimmed_positional_not(mediawiki: MediaWiki) -> None:
    call = mediawiki.parse("{{Infobox officeholder|  name  =  A B \n|  x  }}").call(INFOBOX)
    assert call.args == [Argument("name", "A B", False), Argument("1", "  x  ", True)]


def test_explicit_number_is_named_and_trimmed(mediawiki: MediaWiki) -> None:
    call = mediawiki.parse("{{Infobox officeholder| 1 = x }}").call(INFOBOX)
    assert call.args == [Argument("1", "x", False)]


def test_duplicate_warns_and_last_wins(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("{{Infobox officeholder|name=A|office=B|name=C}}")
    call = result.call(INFOBOX)
    assert call.args == [Argument("name", "C", False), Argument("office", "B", False)]
    assert call.duplicates == ["name"]
    assert any('"name"' in w for w in result.warnings), result.warnings
    assert "Pages_using_duplicate_arguments_in_template_calls" in result.categories


def test_no_duplicates_no_warning(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("{{Infobox officeholder|name=A}}")
    assert result.warnings == []
    assert result.call(INFOBOX).duplicates == []


def test_pipe_magic_word(mediawiki: MediaWiki) -> None:
    call = mediawiki.parse("{{Infobox officeholder|name=a{{!}}b|c{{=}}d}}").call(INFOBOX)
    assert call.args == [Argument("name", "a|b", False), Argument("1", "c=d", True)]


def test_bare_pipe_splits(mediawiki: MediaWiki) -> None:
    call = mediawiki.parse("{{Infobox officeholder|name=a|b}}").call(INFOBOX)
    assert call.args == [Argument("name", "a", False), Argument("1", "b", True)]


def test_nowiki_resolved(mediawiki: MediaWiki) -> None:
    call = mediawiki.parse("{{Infobox officeholder|name=<nowiki>[[x]]|<b></nowiki>}}").call(INFOBOX)
    # No strip markers; nowiki content comes back HTML-escaped.
    assert call.get("name") == "[[x]]|&lt;b&gt;"


def test_nested_call_recorded(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("{{Infobox officeholder|a={{Infobox|q=1}}|b=2}}")
    assert [c.template for c in result.calls] == ["Infobox", INFOBOX]
    assert result.call("Infobox").as_dict() == {"q": "1"}


def test_signature_changes_on_save(mediawiki: MediaWiki) -> None:
    signed = mediawiki.parse("Hello ~~~~")
    assert signed.pst_changed
    assert "~~~~" not in signed.pst_text
    plain = mediawiki.parse("Hello [[world]]")
    assert not plain.pst_changed
    assert plain.pst_text == "Hello [[world]]"


def test_trailing_whitespace_is_a_save_change(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("Hello\n\n")
    assert result.pst_changed
    assert not result.pst_changed_beyond_trailing_whitespace


def test_markup_in_html(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("''x''\n\n* item\n\n__TOC__\n== A ==\n== B ==\n== C ==\n")
    assert "<i>x</i>" in result.html
    assert "<ul><li>item</li></ul>" in result.html
    assert 'id="toc"' in result.html
    assert "__TOC__" not in result.text


def test_text_decodes_entities(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("a &amp; b &#124; <b>c</b>")
    assert result.text.strip() == "a & b | c"


def test_categories_and_language_links(mediawiki: MediaWiki) -> None:
    result = mediawiki.parse("x [[Category:People]] [[fr:Paris]]")
    assert result.categories == ["People"]
    assert result.language_links == ["fr:Paris"]
    assert "Paris" not in result.text


def test_title_is_used(mediawiki: MediaWiki) -> None:
    assert mediawiki.parse("{{PAGENAME}}", title="Jane Doe").text.strip() == "Jane Doe"


def test_php_error_is_reported_and_process_survives(mediawiki: MediaWiki) -> None:
    with pytest.raises(MediaWikiError, match="invalid title"):
        mediawiki.parse("x", title="[[bad]]")
    assert mediawiki.parse("''y''").text.strip() == "y"


def test_restarts_after_process_dies() -> None:
    with MediaWiki() as mw:
        assert mw.parse("a").text.strip() == "a"
        assert mw._proc is not None
        mw._proc.kill()
        mw._proc.wait()
        assert mw.parse("b").text.strip() == "b"


def test_timeout_stops_process_and_recovers() -> None:
    with MediaWiki(timeout=1e-9) as mw:
        with pytest.raises(MediaWikiTimeout):
            mw.parse("a")
        mw.timeout = 60
        assert mw.parse("b").text.strip() == "b"


def test_parse_many(mediawiki: MediaWiki) -> None:
    results = mediawiki.parse_many(["a", "''b''"])
    assert [r.text.strip() for r in results] == ["a", "b"]


DUMP = """\
<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo><sitename>Wikipedia</sitename><dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base><generator>MediaWiki 1.39</generator>
    <case>first-letter</case>
    <namespaces><namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Template</namespace></namespaces>
  </siteinfo>
  <page><title>Jane_Doe</title><ns>0</ns><id>7</id>
    <revision><id>70</id><timestamp>2020-01-01T00:00:00Z</timestamp>
      <contributor><username>Someone</username><id>3</id></contributor>
      <model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">{{Infobox officeholder
| name = Jane &amp; Doe
}}
'''Jane''' &lt;nowiki&gt;x&lt;/nowiki&gt;&#32;&#32;
</text></revision></page>
  <page><title>Template:Infobox officeholder</title><ns>10</ns><id>8</id>
    <revision><id>80</id><timestamp>2020-01-01T00:00:00Z</timestamp>
      <contributor><username>Someone</username><id>3</id></contributor>
      <model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">imported body</text></revision></page>
</mediawiki>
"""


def test_import_dump_reads_back_pages(mediawiki: MediaWiki, tmp_path: Path) -> None:
    dump = tmp_path / "dump.xml"
    dump.write_text(DUMP, encoding="utf-8")
    pages = import_dump(dump)
    assert pages == {
        "Jane Doe": (
            "{{Infobox officeholder\n| name = Jane & Doe\n}}\n'''Jane''' <nowiki>x</nowiki>  \n"
        ),
        "Template:Infobox officeholder": "imported body",
    }
    # A second import starts from an empty wiki again; the parsing wiki is untouched.
    assert mediawiki.import_dump(dump) == pages
    assert mediawiki.parse("{{Infobox officeholder|a=1}}").call(INFOBOX).as_dict() == {"a": "1"}


def test_import_dump_rejects_bad_xml(tmp_path: Path) -> None:
    dump = tmp_path / "bad.xml"
    dump.write_text("<mediawiki><page><title>X", encoding="utf-8")
    with pytest.raises(MediaWikiError):
        import_dump(dump)


def test_find_mediawiki(tmp_path: Path) -> None:
    assert find_mediawiki() is not None
    problem = mediawiki_problem(tmp_path)
    assert problem is not None and "not set up" in problem
    with pytest.raises(MediaWikiUnavailable, match=r"setup\.sh"):
        MediaWiki(tmp_path)
