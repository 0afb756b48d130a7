"""Tests of the Infobox officeholder parameter catalogue."""

from __future__ import annotations

import importlib.util
import itertools
import re
from pathlib import Path
from types import ModuleType

import pytest

from wikiround.catalogue import (
    CATALOGUE,
    OFFICE_SUFFIXES,
    SUFFIXES_2011,
    Group,
    Source,
    exact_name,
    known_names,
    lookup,
    suggest,
)
from wikiround.plaintext._keys import key_to_parameter, parameter_to_key

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "tests" / "data" / "templates").glob("*.wiki"))

# {{#if:{{{x|}}}|A|B}} inside a parameter name: the name can take either branch.
_IF_IN_NAME = re.compile(r"\{\{#if:\{\{\{[^{}]*\}\}\}\s*\|([^{}|]*)\|([^{}|]*)(?:\|[^{}|]*)*\}\}")


def _parameter_names(text: str) -> set[str]:
    """Every name read as ``{{{name…`` in template source, dynamic names expanded."""
    names: set[str] = set()
    for run in re.finditer(r"\{+", text):
        # Three braces open a parameter; five are a parameter around a parser function.
        if len(run.group()) not in (3, 5):
            continue
        pos = run.start() + 3
        pieces: list[tuple[str, ...]] = []
        while text[pos] not in "|}":
            branch = _IF_IN_NAME.match(text, pos)
            if branch:
                pieces.append(branch.groups())
                pos = branch.end()
            else:
                assert not text.startswith("{{", pos), text[pos : pos + 60]
                pieces.append((text[pos],))
                pos += 1
        names.update("".join(choice) for choice in itertools.product(*pieces))
    return names


@pytest.fixture(scope="module")
def names_2011() -> set[str]:
    assert len(TEMPLATES) == 3, "the vendored 2011 template sources are missing"
    found: set[str] = set()
    for path in TEMPLATES:
        found |= _parameter_names(path.read_text(encoding="utf-8"))
    return found


def test_extractor_expands_dynamic_names() -> None:
    text = (
        "{{{appointe{{#if:{{{appointer2|}}}|r|d}}2|}}} "
        "{{{{{#if:{{{nominee|}}}|nominee|candidate}}|}}} "
        "{{{party{{#if:{{{party_election||}}}|_election||}}|}}}"
    )
    assert _parameter_names(text) == {
        "appointer2", "appointed2", "nominee", "candidate", "party", "party_election",
    }  # fmt: skip


def test_every_2011_name_is_known(names_2011: set[str]) -> None:
    assert len(names_2011) > 1000
    assert sorted(names_2011 - known_names()) == []


def test_2011_sources_are_honest(names_2011: set[str]) -> None:
    for spec in CATALOGUE:
        for base in spec.names:
            concrete = {n for n, b, _, _ in spec.expand() if b == base}
            if spec.source_of(base) is Source.CURRENT:
                assert not concrete & names_2011, base
            else:
                assert concrete & names_2011, base
            if spec.source_of(base) is Source.TEMPLATE_2011 and spec.numbered:
                in_2011 = {n for n, b, s, _ in spec.expand() if b == base and s in SUFFIXES_2011}
                assert in_2011 <= names_2011, base


def test_numbered_lookups_keep_the_suffix_as_written() -> None:
    start2 = lookup("term_start2")
    alias2 = lookup("termstart2")
    assert start2 is not None and alias2 is not None
    assert start2.spec is alias2.spec
    assert start2.spec.name == "term_start"
    assert (start2.suffix, start2.is_alias) == ("2", False)
    assert (alias2.suffix, alias2.is_alias, alias2.base) == ("2", True, "termstart")
    assert alias2.canonical == "term_start2"
    assert start2.spec.winner == "termstart"


def test_office_and_office1_are_different_blocks() -> None:
    office = lookup("office")
    office1 = lookup("office1")
    office0 = lookup("office0")
    assert office is not None and office1 is not None and office0 is not None
    assert office.spec is office1.spec is office0.spec
    assert [m.suffix for m in (office, office0, office1)] == ["", "0", "1"]
    assert lookup("office16") is not None


@pytest.mark.parametrize(
    "name", ["office17", "office01", "Term_start", "term start", "mawards1", "", "peerage"]
)
def test_unknown_names(name: str) -> None:
    assert lookup(name) is None


def test_exact_spellings() -> None:
    am = lookup("constituency_AM")
    assert am is not None and am.spec.name == "constituency_AM"
    assert lookup("constituency_am") is None
    assert lookup("constituency_AM12") is not None
    assert lookup("jr/sr and state3") is not None
    assert exact_name("Constituency Am2") == "constituency_AM2"
    assert exact_name("Jr/Sr And State") == "jr/sr and state"
    assert exact_name("Term Start1") == "term_start1"
    assert exact_name("Nonsense") is None


def test_row_inside_name() -> None:
    match = lookup("1blankname3")
    assert match is not None
    assert (match.spec.name, match.row, match.suffix) == ("{k}blankname", "1", "3")
    data = lookup("data4")
    assert data is not None and (data.spec.name, data.row, data.suffix) == ("data{k}", "4", "")
    assert lookup("6blankname") is None


def test_aliases_and_groups() -> None:
    for alias, canonical in [
        ("honorific-prefix", "honorific_prefix"),
        ("governor-general5", "governor_general5"),
        ("appointed3", "appointer3"),
        ("vice_president", "vicepresident"),
        ("prime_minister2", "primeminister2"),
        ("other_party", "otherparty"),
        ("restingplace", "resting_place"),
        ("birthname", "birth_name"),
        ("imagesize", "image_size"),
        ("preceded7", "predecessor7"),
    ]:
        match = lookup(alias)
        assert match is not None and match.is_alias, alias
        assert match.canonical == canonical
    for name, group in [
        ("caption", Group.HEADER),
        ("parliamentary_group4", Group.OFFICE),
        ("death_cause", Group.PERSONAL),
        ("serviceyears", Group.MILITARY),
        ("nominee", Group.OTHER),
    ]:
        match = lookup(name)
        assert match is not None and match.spec.group is group, name


def test_suggest() -> None:
    assert suggest("term_strat2") == "term_start2"
    assert suggest("Term Start2") == "term_start2"
    assert suggest("predecesor14") == "predecessor14"
    assert suggest("term_start2") is None
    assert suggest("zzzzzz") is None


def test_table_is_consistent() -> None:
    canonical = [spec.name for spec in CATALOGUE]
    assert len(canonical) == len(set(canonical))
    for spec in CATALOGUE:
        if spec.numbered and spec.name != "peerage":
            assert spec.suffixes == OFFICE_SUFFIXES, spec.name
        if not spec.numbered:
            assert spec.suffixes == ("",), spec.name
    expanded = sum(len(list(spec.expand())) for spec in CATALOGUE)
    assert expanded == len(known_names())


def _generic_round_trip(name: str) -> str:
    key = " ".join(word[:1].upper() + word[1:] for word in name.split("_"))
    return key.lower().replace(" ", "_")


def test_names_that_are_not_lowercase_words() -> None:
    irregular = {
        name
        for spec in CATALOGUE
        for name in spec.names
        if not re.fullmatch(r"[a-z]+(?:_[a-z]+)*", name.removesuffix("{k}"))
    }
    assert irregular == {
        "honorific-prefix", "honorific-suffix", "image name", "co-leader", "governor-general",
        "constituency_AM", "constituency_MP", "jr/sr", "jr/sr and state",
        "{k}blankname", "{k}namedata",
    }  # fmt: skip


def test_names_off_the_generic_key_rule() -> None:
    failing = {name for name in known_names() if _generic_round_trip(name) != name}
    bases = {m.base for m in map(lookup, failing) if m is not None}
    assert bases == {"image name", "constituency_AM", "constituency_MP", "jr/sr and state"}
    # Loose spellings of every name lead back to exactly one known name.
    assert all(exact_name(_generic_round_trip(name)) == name for name in known_names())
    # So every name survives the trip to a plain-text key and back.
    assert all(key_to_parameter(parameter_to_key(name)) == name for name in known_names())


# Infobox parameter names of the officeholder articles in the shared corpus (English Wikipedia,
# CC BY-SA; lostinplace/presidentthing and spencermountain/wtf_wikipedia test data). Names only.
ARTICLE_NAMES = {
    "Dan_Quayle": """name image office president term_start term_end predecessor successor jr/sr2
        state2 term_start2 term_end2 predecessor2 successor2 state3 district3 term_start3
        term_end3 predecessor3 successor3 birth_name birth_date birth_place death_date
        death_place party spouse children alma_mater religion signature signature_alt
        allegiance branch serviceyears rank unit""",
    "George_W_Bush": """name office image predecessor successor vicepresident order2 lieutenant2
        predecessor2 successor2 birth_name birth_date birth_place party spouse relations
        children parents residence alma_mater profession religion nickname branch serviceyears
        rank unit term_start term_end term_start2 term_end2 mawards signature signature_alt
        website""",
    "George_Washington": """honorific-prefix name image caption office vicepresident term_start
        term_end predecessor successor office1 appointer1 term_start1 term_end1 predecessor1
        successor1 office2 appointer2 term_start2 term_end2 predecessor2 successor2 office3
        term_start3 term_end3 predecessor3 successor3 office4 term_start4 term_end4
        predecessor4 successor4 birth_date birth_place death_date death_place restingplace
        party spouse signature signature_alt allegiance branch serviceyears rank commands
        battles awards footnotes""",
    "James_K_Polk": """birthname image caption office vicepresident term_start term_end
        predecessor successor order2 office2 term_start2 term_end2 predecessor2 successor2
        order3 office3 president3 term_start3 term_end3 predecessor3 successor3 state4
        district4 term_start4 term_end4 predecessor4 successor4 state5 district5 term_start5
        term_end5 predecessor5 successor5 birth_date birth_place death_date death_place
        restingplace party spouse alma_mater profession signature signature_alt""",
    "John_Adams": """name image office vicepresident term_start term_end predecessor successor
        office1 president1 term_start1 term_end1 predecessor1 successor1 office2 appointer2
        term_start2 term_end2 predecessor2 successor2 minister_from3 country3 appointer3
        term_start3 term_end3 predecessor3 successor3 office4 term_start4 term_end4 appointer4
        alongside4 predecessor4 successor4 office5 term_start5 term_end5 predecessor5
        successor5 office6 term_start6 term_end6 predecessor6 successor6 birth_date
        birth_place death_date death_place restingplace party spouse children alma_mater
        signature signature_alt""",
    "John_Quincy_Adams": """name image office vicepresident term_start term_end predecessor
        successor office2 president2 term_start2 term_end2 predecessor2 successor2 jr/sr3
        state3 term_start3 term_end3 predecessor3 successor3 state4 district4 term_start4
        term_end4 predecessor4 successor4 state5 district5 term_start5 term_end5 predecessor5
        successor5 state6 district6 term_start6 term_end6 predecessor6 successor6 office7
        nominator7 term_start7 term_end7 predecessor7 successor7 minister_from8 country8
        nominator8 term_start8 term_end8 predecessor8 successor8 minister_from9 country9
        nominator9 term_start9 term_end9 predecessor9 successor9 minister_from10 country10
        nominator10 term_start10 term_end10 predecessor10 successor10 birth_date birth_place
        death_date death_place resting_place party spouse children alma_mater signature
        signature_alt""",
    "Lyndon_B_Johnson": """birthname image caption office vicepresident term_start term_end
        predecessor successor office2 president2 term_start2 term_end2 predecessor2 successor2
        office3 1blankname3 1namedata3 term_start3 term_end3 predecessor3 successor3 office4
        1blankname4 1namedata4 term_start4 term_end4 predecessor4 successor4 office5 leader5
        term_start5 term_end5 predecessor5 successor5 jr/sr6 state6 term_start6 term_end6
        predecessor6 successor6 state7 district7 term_start7 term_end7 predecessor7 successor7
        birth_date birth_place death_date death_place restingplace party spouse children
        alma_mater profession religion signature signature_alt awards allegiance rank branch
        serviceyears battles mawards""",
    "Martin_Van_Buren": """name image office vicepresident term_start term_end predecessor
        successor office2 president2 term_start2 term_end2 predecessor2 successor2
        minister_from3 country3 nominator3 term_start3 term_end3 predecessor3 successor3
        office4 president4 term_start4 term_end4 predecessor4 successor4 order5 lieutenant5
        term_start5 term_end5 predecessor5 successor5 jr/sr6 state6 term_start6 term_end6
        predecessor6 successor6 office7 term_start7 term_end7 predecessor7 successor7 office8
        term_start8 term_end8 predecessor8 successor8 office9 term_start9 term_end9
        predecessor9 successor9 birthname birth_date birth_place death_date death_place
        restingplace party spouse children profession signature signature_alt""",
    "Nelson_Rockefeller": """name image imagesize order office term_start term_end predecessor
        successor order2 office2 term_start2 term_end2 lieutenant2 predecessor2 successor2
        order4 term_start4 term_end4 president4 predecessor4 successor4 order3 term_start3
        term_end3 president3 predecessor3 successor3 birthname birth_date birth_place
        death_date death_place resting_place profession spouse children relations party
        parents religion signature signature_alt residence alma_mater president""",
    "Richard_Nixon": """name office image predecessor successor vicepresident signature
        signature_alt office2 predecessor2 president2 successor2 party birth_date birth_place
        death_date death_place resting_place spouse children alma_mater profession religion
        blank1 data1 allegiance branch serviceyears rank battles awards birthname term_start
        term_end term_start2 term_end2 jr/sr3 state3 term_start3 term_end3 predecessor3
        successor3 state4 district4 term_start4 term_end4 predecessor4 successor4 death_cause
        mawards""",
    "Thomas_Jefferson": """name image alt office vicepresident term_start term_end predecessor
        successor office1 president1 term_start1 term_end1 predecessor1 successor1 office2
        president2 term_start2 term_end2 predecessor2 successor2 minister_from3 country3
        appointer3 term_start3 term_end3 predecessor3 successor3 office4 term_start4 term_end4
        predecessor4 successor4 office5 term_start5 term_end5 predecessor5 successor5 office6
        term_start6 term_end6 predecessor6 successor6 birth_date birth_place death_date
        death_place restingplace party spouse children alma_mater profession signature
        signature_alt""",
    "William_Howard_Taft": """name image office vicepresident term_start term_end predecessor
        successor office1 nominator1 term_start1 term_end1 predecessor1 successor1 office2
        president2 term_start2 term_end2 predecessor2 successor2 office3 appointer3 term_start3
        term_end3 predecessor3 successor3 office4 appointer4 term_start4 term_end4 predecessor4
        successor4 office5 nominator5 term_start5 term_end5 predecessor5 successor5 office6
        president6 term_start6 term_end6 predecessor6 successor6 birth_date birth_place
        death_date death_place resting_place party spouse children alma_mater religion
        signature signature_alt""",
    "Harry-McPherson": """name image office president term_start term_end predecessor successor
        office1 president1 term_start1 term_end1 predecessor1 successor1 birth_date
        birth_place death_date death_place party education""",
}


@pytest.mark.parametrize("article", sorted(ARTICLE_NAMES))
def test_article_parameter_names_are_known(article: str) -> None:
    names = ARTICLE_NAMES[article].split()
    assert [n for n in names if lookup(n) is None] == []


def _load_doc_generator() -> ModuleType:
    path = ROOT / "tools" / "gen_catalogue_doc.py"
    spec = importlib.util.spec_from_file_location("gen_catalogue_doc", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_doc_is_up_to_date() -> None:
    generator = _load_doc_generator()
    committed = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert committed == generator.render(), "run: python tools/gen_catalogue_doc.py"
