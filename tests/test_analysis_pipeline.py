"""``analyze`` on a real DuckDB store with a planted truth: JSON shape, round trip, findings."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dyadwatch import Store
from dyadwatch.analysis import PARAMETERS, analyze, to_plain
from dyadwatch.analysis.synthetic import SCENARIO, jpkr_scenario
from dyadwatch.errors import AnalysisError, ConfigError, InputError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "analysis.md"
TOP_KEYS = ("schema_version", "dyad", "freq", "series", "changepoints", "event_study", "shared_threat", "compare", "forecast",
            "notes", "params", "briefing", "timings")


@pytest.fixture(scope="module")
def planted_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("analysis") / "planted.duckdb"
    with Store(path) as s:
        s.add_events(jpkr_scenario(seed=4), dataset="test")
    store = Store(path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def result(planted_store: Store) -> dict[str, Any]:
    return analyze(planted_store, "JPN", "KOR", threats="PRK,CHN", compare=[("USA", "VNM")])


def test_json_round_trip_with_plain_types(result: dict[str, Any]) -> None:
    text = json.dumps(result, allow_nan=False)
    assert json.loads(text) == result
    assert set(TOP_KEYS) <= set(result)

    def walk(x: Any) -> None:
        assert x is None or type(x) in (str, int, float, bool, list, dict), type(x)
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(result)


def test_series_rows(result: dict[str, Any]) -> None:
    rows = result["series"]
    assert len(rows) == 132 and result["freq"] == "month"
    assert rows[0]["period"] == "2015-01-01" and rows[-1]["period"] == "2025-12-01"
    assert all(re.fullmatch(r"\d{4}-\d{2}-01", r["period"]) for r in rows)
    for r in rows:
        assert {"period", "events", "cooperation", "conflict", "goldstein", "index", "index_low", "index_high"} <= set(r)
        assert -1 <= r["index_low"] <= r["index"] <= r["index_high"] <= 1
        assert r["cooperation"] + r["conflict"] == r["events"]


def test_planted_truth_is_found(result: dict[str, Any]) -> None:
    found = [dt.date.fromisoformat(c["period"]) for c in result["changepoints"]]
    for planted in SCENARIO.changepoints:
        day = dt.date.fromisoformat(planted)
        assert any(abs((f - day).days) <= 62 for f in found), (planted, found)
    for cp in result["changepoints"]:
        assert {"period", "before", "after", "evidence"} <= set(cp)
        assert cp["evidence"], cp
        rising = cp["after"] > cp["before"]
        assert all((e["quad_class"] in (1, 2)) == rising for e in cp["evidence"])
        assert all(e["url"].startswith("https://synthetic.dyadwatch.invalid/") for e in cp["evidence"])
    threats = {t["third_party"]: t for t in result["shared_threat"]}
    assert threats["PRK"]["p_value"] < 0.01 and threats["PRK"]["direction"] == "positive"
    assert threats["CHN"]["p_value"] > 0.05
    assert threats["PRK"]["threat_events"] > 0
    for t in result["shared_threat"]:
        assert {"third_party", "lag", "p_value", "f_stat", "direction", "summary"} <= set(t)


def test_sections(result: dict[str, Any]) -> None:
    study = result["event_study"]
    assert study["source"] == "chronology" and study["n_used"] > 100
    assert study["groups"][0]["group"] == "all"
    comp = result["compare"]
    assert [d["dyad"] for d in comp["dyads"]] == ["JPN-KOR", "USA-VNM"]
    assert comp["dyads"][1]["mean"] == pytest.approx(0.6, abs=0.06)  # planted share 0.8
    fc = result["forecast"]
    assert len(fc["periods"]) == 6 and fc["periods"][0]["period"] == "2026-01-01"
    assert result["dyad"] == {"a": "JPN", "b": "KOR", "label": "JPN-KOR", "a_name": "Japan", "b_name": "South Korea"}
    assert result["params"]["threats"] == ["PRK", "CHN"] and result["params"]["freq"] == "month"


def test_briefing_has_the_numbers(result: dict[str, Any]) -> None:
    text = result["briefing"]
    assert text.startswith("Japan and South Korea (JPN–KOR), monthly, 2015-01 to 2025-12:")
    first = result["changepoints"][0]
    assert f"{first['after']:+.2f}".replace("-", "−") in text
    assert "North Korean conflict events Granger-cause JPN–KOR relations" in text
    assert "No evidence that Chinese conflict events" in text
    assert "USA-VNM" in text and "Forecast (local-level)" in text


def test_options(planted_store: Store, tmp_path: Path) -> None:
    q = analyze(planted_store, "kor", "jpn", freq="quarter", start="2016-01-01", end="2024-12-31", triggers="cameo:062",
                normalize="actors", dedup="one-a-day", forecast_periods=2, placebo_draws=50)
    assert q["series"][0]["period"] == "2016-01-01" and q["series"][-1]["period"] == "2024-10-01"
    assert q["event_study"]["source"] == "cameo:062" and q["event_study"]["n_triggers"] > 10
    assert "events_share" in q["series"][0] and len(q["forecast"]["periods"]) == 2
    trig = tmp_path / "triggers.csv"
    trig.write_text("date,title,kind\n2019-07-04,Export curbs,export_control\n2023-03-16,Tokyo summit,summit\n", encoding="utf-8")
    f = analyze(planted_store, "JPN", "KOR", triggers=trig)
    assert f["event_study"]["n_used"] == 2 and f["event_study"]["triggers"][1]["title"] == "Tokyo summit"
    none = analyze(planted_store, "JPN", "KOR", triggers="none", forecast_periods=1)
    assert none["event_study"] is None and none["shared_threat"] == [] and none["compare"] is None
    frame = analyze(planted_store, "JPN", "KOR", triggers=pd.DataFrame({"date": ["2020-01-10"]}))
    assert frame["event_study"]["source"] == "frame"
    other = analyze(planted_store, "USA", "VNM")
    assert other["event_study"] is None and any("no bundled chronology" in n for n in other["notes"])


def test_errors(planted_store: Store) -> None:
    with pytest.raises(InputError, match=r"unknown country code 'KRO' for B; did you mean KOR \(South Korea\)"):
        analyze(planted_store, "JPN", "KRO")
    with pytest.raises(InputError, match="for threats"):
        analyze(planted_store, "JPN", "KOR", threats=["XYZQ"])
    with pytest.raises(InputError, match="same country"):
        analyze(planted_store, "JPN", "jpn")
    with pytest.raises(ConfigError, match="frequency"):
        analyze(planted_store, "JPN", "KOR", freq="fortnight")
    with pytest.raises(AnalysisError, match="no events between JPN and RUS"):
        analyze(planted_store, "JPN", "RUS")
    sparse = analyze(planted_store, "JPN", "KOR", start="2025-01-01", end="2025-06-30", triggers="none", threats="PRK")
    assert sparse["changepoints"] == [] and sparse["forecast"] is None
    assert any(n.startswith("forecast:") for n in sparse["notes"]) or sparse["shared_threat"][0]["p_value"] is None


def test_to_plain() -> None:
    import numpy as np

    assert to_plain({"a": np.float64("nan"), "b": [np.int64(3), pd.Timestamp("2020-01-01")], "c": (float("inf"),),
                     "d": pd.NaT, "e": np.bool_(True)}) == {"a": None, "b": [3, "2020-01-01"], "c": [None], "d": None, "e": True}


def test_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for key in TOP_KEYS:
        assert f"`{key}`" in text, key
    for p in PARAMETERS:
        assert f"`{p.name}`" in text, p.name


def test_threat_counts_respect_dedup_and_direction(tmp_path: Path) -> None:
    from dyadwatch.analysis.inputs import threat_counts

    ev = pd.DataFrame({
        "event_id": ["1", "2", "3", "4", "5"],
        "date": pd.to_datetime(["2020-01-05", "2020-01-05", "2020-02-01", "2020-02-02", "2020-02-03"]).date,
        "source_country": ["PRK", "PRK", "PRK", "JPN", "PRK"], "target_country": ["JPN", "JPN", "KOR", "PRK", "USA"],
        "cameo_code": ["150", "150", "111", "150", "150"], "cameo_root": ["15", "15", "11", "15", "15"],
        "quad_class": [4, 4, 3, 4, 4], "goldstein": [-7.2, -7.2, -2.0, -7.2, -7.2],
    })
    with Store(tmp_path / "t.duckdb") as s:
        s.add_events(ev, dataset="test")
        periods = pd.Series(pd.to_datetime(["2020-01-01", "2020-02-01", "2020-03-01"]))
        opts = {"periods": periods, "freq": "month", "start": None, "end": None, "dataset": None}
        plain = threat_counts(s, "JPN", "KOR", ["prk"], dedup="none", **opts)
        once = threat_counts(s, "JPN", "KOR", ["PRK"], dedup="one-a-day", **opts)
    # JPN→PRK (wrong direction) and PRK→USA (not toward the dyad) are not threat events
    assert plain["PRK"].tolist() == [2.0, 1.0, 0.0]
    assert once["PRK"].tolist() == [1.0, 1.0, 0.0]
