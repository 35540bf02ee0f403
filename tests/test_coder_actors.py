"""The actor recogniser: dictionary matching, case rules, people by date, user dictionaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyadwatch.coding.actors import ActorDictionary, DocumentContext, actor_dictionary, tokenize
from dyadwatch.coding.dictionaries import file_kind, load_dictionaries
from dyadwatch.errors import InputError


def found(text: str, day: str = "2024-05-07", ctx: DocumentContext | None = None) -> list[tuple[str, str, str | None]]:
    ctx = ctx or DocumentContext(date=dt.date.fromisoformat(day))
    return [(m.text, m.code, m.sector) for m in actor_dictionary().mentions(text, ctx)]


def test_countries_adjectives_capitals_and_organisations() -> None:
    got = found("South Korean and U.S. officials met in Seoul; the Kremlin and the UN Security Council said ASEAN agreed.")
    assert ("South Korean", "KOR", None) in got
    assert ("U.S.", "USA", None) in got
    assert ("Seoul", "KOR", "GOV") in got
    assert ("Kremlin", "RUS", "GOV") in got
    assert ("UN Security Council", "UNO", None) in got
    assert ("ASEAN", "ASN", None) in got


def test_longest_match_and_blocked_phrases() -> None:
    codes = [c for _, c, _ in found("Drills in the South China Sea and the Sea of Japan near the Korean Peninsula.")]
    assert codes == []  # seas and the peninsula are places, not actors
    assert [c for _, c, _ in found("the Democratic People's Republic of Korea")] == ["PRK"]


def test_acronyms_are_case_sensitive() -> None:
    assert [c for _, c, _ in found("Let us talk to US officials.") if c] == ["USA"]
    assert found("who said it") == []


def test_sector_words() -> None:
    assert ("foreign ministry", "", "GOV") in found("the foreign ministry said")
    assert ("coast guard", "", "MIL") in found("the coast guard said")


def test_people_by_date_title_and_family_name() -> None:
    assert found("Prime Minister Kishida spoke.", "2022-05-01") == [("Prime Minister Kishida", "JPN", "GOV")]
    # the same name out of office: still the country, sector ELI
    assert found("Kishida spoke.", "2025-06-01") == [("Kishida", "JPN", "ELI")]
    # title + family name resolves to that day's office holder
    assert found("President Park spoke.", "2015-06-01") == [("President Park", "KOR", "GOV")]
    assert found("President Park spoke.", "2024-06-01") == [("President", "", "GOV")]


def test_family_name_after_introduction() -> None:
    ctx = DocumentContext(date=dt.date(2015, 11, 2))
    actor_dictionary().mentions("Park Geun-hye met Shinzo Abe.", ctx)
    assert found("Park said so.", ctx=ctx) == [("Park", "KOR", "GOV")]


def test_korea_north_and_south() -> None:
    assert [c for _, c, _ in found("North and South Korea agreed.")] == ["PRK", "KOR"]
    assert [c for _, c, _ in found("South Korea warned the North.")] == ["KOR", "PRK"]


def test_possessive_is_flagged() -> None:
    [m] = actor_dictionary().mentions("Japan's decision", DocumentContext(date=None))
    assert m.possessive and m.text == "Japan"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_tokens_cover_text_in_order(text: str) -> None:
    spans = tokenize(text)
    assert all(text[a:b] == t for a, b, t in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert "".join(t for _, _, t in spans) == "".join(text.split())


def test_user_dictionaries(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("name,aliases,country,sector,role,start,end,source_url\n"
                      "Jane Example,Examplova,KOR,GOV,foreign_minister,2024-01-01,,\n", encoding="utf-8")
    places = tmp_path / "places.csv"
    places.write_text("place,country,note\nExampletown,JPN,\n", encoding="utf-8")
    assert file_kind(people) == "people" and file_kind(places) == "places"
    matcher = ActorDictionary(load_dictionaries((str(people), str(places))))
    got = [(m.text, m.code) for m in matcher.mentions("Examplova visited Exampletown.", DocumentContext(date=dt.date(2024, 6, 1)))]
    assert got == [("Examplova", "KOR"), ("Exampletown", "JPN")]


def test_bad_user_dictionary_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "people.csv"
    bad.write_text("name,aliases,country,sector,role,start,end,source_url\nX,,KOR,GOV,president,2024-13-01,,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"people\.csv, line 2, field start"):
        load_dictionaries((str(bad),))
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an actor dictionary"):
        load_dictionaries((str(other),))


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("Finance ministers Choo Kyung-ho and Shunichi Suzuki agreed on Thursday to revive a currency swap.", "2023-06-29",
     {("KOR", "JPN", "0311"), ("JPN", "KOR", "0311")}),
    ("Trade Minister Yeo Han-koo met U.S. Commerce Secretary Howard Lutnick in Washington.", "2025-07-24",
     {("KOR", "USA", "040"), ("USA", "KOR", "040")}),
    ("Unification Minister Kwon Young-se urged North Korea to return to talks.", "2022-08-15", {("KOR", "PRK", "0253")}),
])
def test_economic_and_inter_korean_officials(text: str, day: str, expected: set[tuple[str, str, str]]) -> None:
    from dyadwatch.coding import Document, code_documents

    got = {(e.source_country, e.target_country, e.cameo_code) for e in code_documents([Document("t", text, dt.date.fromisoformat(day))])}
    assert got == expected


def test_title_and_family_name_of_economic_officials() -> None:
    assert found("Finance Minister Aso spoke.", "2016-05-01") == [("Finance Minister Aso", "JPN", "GOV")]
    assert found("Unification Minister Kwon spoke.", "2022-08-01") == [("Unification Minister Kwon", "KOR", "GOV")]


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("The Taiwan Affairs Office warned Taipei against provocations.", "2024-05-20", {("CHN", "TWN", "130")}),
    ("METI tightened export controls on South Korea.", "2019-07-01", {("JPN", "KOR", "163")}),
    ("The Maritime Self-Defense Force held joint exercises with the U.S. Navy.", "2024-06-17",
     {("JPN", "USA", "062"), ("USA", "JPN", "062")}),
])
def test_state_agencies_named_without_their_country(text: str, day: str, expected: set[tuple[str, str, str]]) -> None:
    from dyadwatch.coding import Document, code_documents

    got = {(e.source_country, e.target_country, e.cameo_code) for e in code_documents([Document("t", text, dt.date.fromisoformat(day))])}
    assert got == expected
