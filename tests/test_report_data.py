"""Synthetic events shared by the report and web tests, and the analysis fields they rely on.

Everything here is synthetic: URLs point to https://synthetic.dyadwatch.invalid/. The tests
at the bottom check that ``dyadwatch.analysis.analyze`` returns every field the report and
the dashboard read, so that a change of its shape fails here first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dyadwatch import Store

SYNTHETIC_URL = "https://synthetic.dyadwatch.invalid/"
QUAD = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
SHIFT = dt.date(2019, 7, 1)  # the synthetic dyad turns hostile here
CODES = {1: ("042", 1.9), 2: ("061", 6.4), 3: ("111", -2.0), 4: ("163", -8.0)}


def make_events(*, start: dt.date = dt.date(2018, 1, 1), months: int = 48, seed: int = 7) -> pd.DataFrame:
    """JPN–KOR events that turn from cooperation to conflict in July 2019, PRK provocations, and other dyads."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    n = 0
    for m in range(months):
        first = dt.date(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1, 1)
        hostile = first >= SHIFT
        probs = [0.15, 0.1, 0.4, 0.35] if hostile else [0.45, 0.3, 0.15, 0.1]
        for pair, count in ((("JPN", "KOR"), 30), (("PRK", "JPN"), 6), (("PRK", "KOR"), 6), (("CHN", "KOR"), 10), (("USA", "JPN"), 8)):
            for _ in range(count):
                n += 1
                quad = int(rng.choice([1, 2, 3, 4], p=probs if pair == ("JPN", "KOR") else [0.3, 0.2, 0.3, 0.2]))
                code, gold = CODES[quad]
                src, tgt = pair if rng.random() < 0.5 else pair[::-1]
                day = first + dt.timedelta(days=int(rng.integers(0, 28)))
                rows.append({
                    "event_id": f"syn-{n}", "date": day, "source_actor": f"{src} government", "source_country": src,
                    "target_actor": f"{tgt} government", "target_country": tgt, "source_sector": "GOV", "target_sector": "GOV",
                    "cameo_code": code, "cameo_root": code[:2], "quad_class": quad, "goldstein": gold,
                    "num_mentions": int(rng.integers(1, 40)), "url": f"{SYNTHETIC_URL}{n}", "doc_id": f"doc-{n}",
                    "sentence": f"Synthetic report {n}: {src} acts toward {tgt} with code {code} on {day.isoformat()}.",
                })
    return pd.DataFrame(rows)


def fill_store(path: Any) -> int:
    """A real DuckDB store at ``path`` holding the synthetic events; returns the row count."""
    frame = make_events()
    with Store(path) as store:
        res = store.add_events(frame, dataset="test")
    return res.rows_stored


def analyzer() -> Any:
    """The analysis the report and the dashboard show (``dyadwatch.analysis.analyze``)."""
    from dyadwatch.analysis import analyze

    return analyze


DOCUMENTED_FIELDS = ("dyad", "freq", "params", "briefing", "series", "changepoints", "event_study", "shared_threat", "compare",
                     "forecast", "notes")
SERIES_FIELDS = ("period", "events", "cooperation", "conflict", "index", "index_low", "index_high", *QUAD)
CHANGEPOINT_FIELDS = ("period", "before", "after", "evidence", "evidence_start", "evidence_end")
EVIDENCE_FIELDS = ("date", "source_country", "target_country", "cameo_code", "quad_class", "sentence", "url")
THREAT_FIELDS = ("third_party", "lag", "p_value", "f_stat", "direction", "significant", "summary", "irf", "index_differences")
IRF_FIELDS = ("step", "response", "low", "high")


@pytest.fixture
def filled(tmp_path: Any) -> Store:
    path = tmp_path / "events.duckdb"
    fill_store(path)
    s = Store(path)
    yield s
    s.close()


def test_synthetic_store_has_the_shift(filled: Store) -> None:
    before = filled.series("JPN", "KOR", measure="quad", end="2019-06-30")
    after = filled.series("JPN", "KOR", measure="quad", start="2019-07-01")
    assert before["verbal_coop"].sum() > before["material_conflict"].sum()
    assert after["material_conflict"].sum() > after["material_coop"].sum()


def test_analysis_has_the_fields_the_report_reads(filled: Store) -> None:
    result = analyzer()(filled, "JPN", "KOR", threats=("PRK",), freq="month", compare=("CHN", "KOR"))
    for key in DOCUMENTED_FIELDS:
        assert key in result, key
    for key in SERIES_FIELDS:
        assert key in result["series"][0], key
    assert isinstance(result["briefing"], str) and result["briefing"]
    cp = result["changepoints"][0]
    assert cp["period"] == SHIFT.isoformat()
    for key in CHANGEPOINT_FIELDS:
        assert key in cp, key
    for key in EVIDENCE_FIELDS:
        assert key in cp["evidence"][0], key
    for key in THREAT_FIELDS:
        assert key in result["shared_threat"][0], key
    for key in IRF_FIELDS:
        assert key in result["shared_threat"][0]["irf"][0], key
    groups, trig = result["event_study"]["groups"], result["event_study"]["triggers"]
    assert {"group", "n", "change", "change_low", "change_high", "placebo_low", "placebo_high"} <= set(groups[0])
    assert {"date", "title", "kind", "direction"} <= set(trig[0])
    assert [d["dyad"] for d in result["compare"]["dyads"]] == ["JPN-KOR", "CHN-KOR"]
    assert {"period", "index"} <= set(result["compare"]["dyads"][1]["series"][0])
    assert {"period", "index", "low", "high"} <= set(result["forecast"]["periods"][0])


def test_analysis_compares_several_dyads(filled: Store) -> None:
    result = analyzer()(filled, "JPN", "KOR", freq="quarter", triggers="none",
                        compare=[("CHN", "KOR"), ("USA", "JPN"), ("KOR", "CHN"), ("KOR", "JPN")])
    assert [d["dyad"] for d in result["compare"]["dyads"]] == ["JPN-KOR", "CHN-KOR", "USA-JPN"]  # each once, own dyad left out
    assert result["compare"]["reference"] == "JPN-KOR"
    assert "compare: KOR-JPN is the analysed dyad itself" in result["notes"]
    assert "CHN-KOR:" in result["briefing"] and "USA-JPN:" in result["briefing"]
