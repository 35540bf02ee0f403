"""Golden tests for the rules.v1 coder: fixed sentences in, the exact events out.

Each case names a phenomenon (voice, coordination, reported speech, negation, frames,
nominal events, visits, ...) and lists the (source, target, CAMEO code) it must produce;
an empty list means "no event". The sentences are the project's own, not the gold set's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dyadwatch.coding import CodedEvent, Document, code_documents, get_coder

D = "2024-05-07"  # a Tuesday
CASES: list[tuple[str, str, str, set[tuple[str, str, str]]]] = [
    # (phenomenon, text, document date, expected events)
    ("active", "Japan imposed sanctions on North Korea on Monday.", D, {("JPN", "PRK", "163")}),
    ("passive agent", "North Korea was condemned by South Korea on Tuesday.", D, {("KOR", "PRK", "111")}),
    ("coordinated subjects", "Japan and South Korea held talks in Tokyo on Friday.", D,
     {("JPN", "KOR", "046"), ("KOR", "JPN", "046")}),
    ("three-way coordination", "The United States, Japan and South Korea began joint drills on Monday.", D,
     {(a, b, "062") for a in ("USA", "JPN", "KOR") for b in ("USA", "JPN", "KOR") if a != b}),
    ("reported accusation", "Seoul said Tokyo's export curbs violated international trade rules.", "2019-07-10",
     {("KOR", "JPN", "112")}),
    ("negation", "China did not attack Taiwan.", D, set()),
    ("denial", "Russia denied that its forces had shelled Ukrainian villages.", D, set()),
    ("refusal", "Iran refused to hold talks with the United States.", D, {("IRN", "USA", "125")}),
    ("rejected proposal", "Japan rejected a South Korean proposal on Wednesday.", D, {("JPN", "KOR", "127")}),
    ("promise", "Japan pledged to provide humanitarian aid to Turkey.", "2023-02-07", {("JPN", "TUR", "0333")}),
    ("agreement to yield", "The United States agreed to lift sanctions on Vietnam.", "2016-05-23", {("USA", "VNM", "0354")}),
    ("plan to visit", "Xi plans to visit Moscow next week.", "2023-03-14", {("CHN", "RUS", "036")}),
    ("nominal summit", "The summit between Japan and China took place in Beijing on Sunday.", D,
     {("JPN", "CHN", "040"), ("CHN", "JPN", "040")}),
    ("nominal sanctions", "Japan's sanctions on Russia took effect on Monday.", D, {("JPN", "RUS", "163")}),
    ("commentary", "Analysts say relations between Japan and South Korea remain fragile.", D, set()),
    ("history", "Japan occupied Korea from 1910 to 1945.", D, set()),
    ("economy", "The yen fell against the dollar as Japanese exporters rallied.", D, set()),
    ("one country only", "North Korea fired a missile into the sea on Sunday.", D, set()),
    ("missile over a country", "North Korea fired a ballistic missile over Japan on Tuesday.", "2022-10-04",
     {("PRK", "JPN", "150")}),
    ("missile attack", "Iran launched missiles at Israel on Saturday.", "2024-04-14", {("IRN", "ISR", "195")}),
    ("visit and host", "Japanese Prime Minister Fumio Kishida visited Seoul on Sunday.", "2023-05-07",
     {("JPN", "KOR", "042"), ("KOR", "JPN", "043")}),
    ("host and guest", "Biden hosted Kishida at the White House on Wednesday.", "2024-04-10",
     {("USA", "JPN", "043"), ("JPN", "USA", "042")}),
    ("phone call", "Putin and Xi spoke by phone on Monday.", D, {("RUS", "CHN", "041"), ("CHN", "RUS", "041")}),
    ("capital metonymy", "Beijing's foreign ministry criticized Washington on Friday.", D, {("CHN", "USA", "111")}),
    ("title and family name", "President Yoon met Prime Minister Kishida in Tokyo.", "2023-03-16",
     {("KOR", "JPN", "040"), ("JPN", "KOR", "040")}),
    ("family name once introduced", "Park Geun-hye met Shinzo Abe in Seoul. Park later urged Tokyo to resolve the issue.",
     "2015-11-02", {("KOR", "JPN", "040"), ("JPN", "KOR", "040"), ("KOR", "JPN", "020")}),
    ("demand", "South Korea demanded that Japan withdraw its export restrictions.", "2019-07-10", {("KOR", "JPN", "1054")}),
    ("threat", "North Korea threatened to attack South Korea.", D, {("PRK", "KOR", "1384")}),
    ("seize vessel", "Iran seized a British tanker in the Strait of Hormuz.", "2019-07-19", {("IRN", "GBR", "171")}),
    ("expel diplomats", "Russia expelled two Japanese diplomats on Friday.", D, {("RUS", "JPN", "161")}),
    ("summon ambassador", "China summoned the Japanese ambassador to protest.", D, {("CHN", "JPN", "114")}),
    ("popular protest", "Thousands of South Koreans rallied against Japan's export curbs.", "2019-08-15",
     {("KOR", "JPN", "1412")}),
    ("apology", "Japan apologized to South Korea for the incident.", D, {("JPN", "KOR", "055")}),
    ("igo source", "The UN Security Council condemned North Korea's missile test.", D, {("UNO", "PRK", "111")}),
    ("evaluation", "Seoul called Pyongyang's missile launch a grave provocation.", D, {("KOR", "PRK", "1123")}),
    ("conditional", "If China attacks Taiwan, Japan would respond.", D, set()),
    ("sport", "Japan beat South Korea 2-1 in the final.", D, set()),
    ("failed talks", "Japan and China failed to agree on a maritime hotline.", D, {("JPN", "CHN", "164"), ("CHN", "JPN", "164")}),
    ("failed, not talks", "Japan failed to stop the launch.", D, set()),
    ("appeal to release", "Japan urged China to release the detained businessman.", D, {("JPN", "CHN", "0253")}),
    ("missile landing in a zone", "North Korea fired a missile that landed inside Japan's exclusive economic zone.",
     "2022-11-18", {("PRK", "JPN", "150")}),
    ("missile landing near, not in", "North Korea fired a missile that landed in the sea west of Japan.", "2022-11-18", set()),
    ("ship name", "The aircraft carrier USS Carl Vinson arrived in Da Nang on Monday.", "2018-03-05",
     {("USA", "VNM", "042"), ("VNM", "USA", "043")}),
    ("meeting in a third country", "Abe and Moon met on the sidelines of the G20 summit in Hamburg.", "2017-07-07",
     {("JPN", "KOR", "044"), ("KOR", "JPN", "044")}),
    ("meeting at home", "Abe and Moon met on the sidelines of the G20 summit in Osaka.", "2019-06-28",
     {("JPN", "KOR", "040"), ("KOR", "JPN", "040")}),
    ("visit as attribute", "It was the first visit to South Korea by a Japanese foreign minister in four years.", D,
     {("JPN", "KOR", "042"), ("KOR", "JPN", "043")}),
    ("reaction to the sentence before", "North Korea fired a missile over Japan on Tuesday. Tokyo condemned the launch.",
     "2022-10-04", {("PRK", "JPN", "150"), ("JPN", "PRK", "111")}),
    ("group reference", "Japan and South Korea held talks on Monday. The two sides agreed to meet again.", D,
     {("JPN", "KOR", "046"), ("KOR", "JPN", "046"), ("JPN", "KOR", "036"), ("KOR", "JPN", "036")}),
    ("future aid, speech after", "Germany will send tanks to Ukraine, Chancellor Olaf Scholz said.", "2023-01-25",
     {("DEU", "UKR", "0332")}),
]


def _events(text: str, day: str, doc_id: str = "t") -> list[CodedEvent]:
    return code_documents([Document(doc_id, text, dt.date.fromisoformat(day))])


@pytest.mark.parametrize(("phenomenon", "text", "day", "expected"), CASES, ids=[c[0] for c in CASES])
def test_golden_sentence(phenomenon: str, text: str, day: str, expected: set[tuple[str, str, str]]) -> None:
    got = {(e.source_country, e.target_country, e.cameo_code) for e in _events(text, day)}
    assert got == expected, phenomenon


def test_event_fields_are_complete() -> None:
    [e] = _events("Japan imposed sanctions on North Korea on Monday.", D, doc_id="doc7")
    assert e.event_id == "doc7:0:0"
    assert e.date == dt.date(2024, 5, 6)  # "on Monday" before the Tuesday document
    assert (e.cameo_root, e.quad_class, e.goldstein) == ("16", 4, -8.0)
    assert (e.plover, e.plover_mode) == ("COERCE", "restrict")
    assert e.trigger == "imposed sanctions"
    assert e.rule.startswith("noun:sanction>163;voice=active")
    assert e.coder.startswith("rules.v1 ")
    assert 0 < e.confidence <= 1
    assert e.sentence == "Japan imposed sanctions on North Korea on Monday."
    assert (e.sentence_index, e.source_actor, e.target_actor) == (0, "Japan", "North Korea")


def test_sectors_from_actor_phrases() -> None:
    [e] = _events("Beijing's foreign ministry criticized Washington on Friday.", D)
    assert (e.source_sector, e.target_sector) == ("GOV", "GOV")
    [e] = _events("Former President Moon Jae-in criticized Japan on Monday.", "2023-05-01")
    assert (e.source_country, e.source_sector) == ("KOR", "ELI")  # out of office on that day
    [e] = _events("Thousands of South Koreans rallied against Japan's export curbs.", "2019-08-15")
    assert e.source_sector == "CVL"


def test_repeated_report_is_marked_duplicate() -> None:
    text = "Japan protested to China on Tuesday. Tokyo again protested to Beijing over the incident on Tuesday."
    first, second = _events(text, "2024-05-09", doc_id="d")
    assert first.duplicate_of is None
    assert second.duplicate_of == first.event_id == "d:0:0"
    assert second.event_id == "d:1:0"


def test_passive_rule_is_named() -> None:
    [e] = _events("North Korea was condemned by South Korea on Tuesday.", D)
    assert "voice=passive" in e.rule


def test_coder_refuses_undated_documents() -> None:
    from dyadwatch.errors import InputError

    with pytest.raises(InputError, match="no date"):
        get_coder("rules.v1")([Document("x", "Japan protested to China.", None)])
