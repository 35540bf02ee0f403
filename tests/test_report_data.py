"""Synthetic events and an analysis JSON of the documented shape, shared by the report and web tests.

Everything here is synthetic: URLs point to https://synthetic.dyadwatch.invalid/. The
analysis stand-in (``stand_in_analysis``) follows the shape of
``dyadwatch.analysis.analyze`` and is only used while that function is absent; the tests
at the bottom check the stand-in's shape and, once ``analyze`` exists, that the real one
has every field the report and the dashboard read.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dyadwatch import Store

SYNTHETIC_URL = "https://synthetic.dyadwatch.invalid/"
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


def _index_rows(store: Store, a: str, b: str, freq: str, start: Any = None, end: Any = None) -> list[dict[str, Any]]:
    frame = store.series(a, b, freq=freq, measure="all", start=start, end=end)
    rows = []
    for r in frame.itertuples(index=False):
        coop = int(r.verbal_coop + r.material_coop)
        conf = int(r.verbal_conflict + r.material_conflict)
        events = int(r.events)
        idx = (coop - conf) / events if events else None
        half = 1.96 * math.sqrt(max(1 - idx * idx, 0.01) / events) if events and idx is not None else None
        rows.append({
            "period": pd.Timestamp(r.period).date().isoformat(), "events": events, "cooperation": coop, "conflict": conf,
            "goldstein": float(r.goldstein_mean) if events else None, "index": idx,
            "index_low": idx - half if idx is not None and half is not None else None,
            "index_high": idx + half if idx is not None and half is not None else None,
        })
    return rows


def stand_in_analysis(store: Store, a: str, b: str, *, threats: tuple[str, ...] = (), freq: str = "month",
                      start: Any = None, end: Any = None, compare: tuple[str, str] | None = None, **_: Any) -> dict[str, Any]:
    """An analysis JSON of the documented shape, computed simply from the store (test stand-in)."""
    series = _index_rows(store, a, b, freq, start, end)
    cps = []
    for i in range(1, len(series)):
        if series[i]["period"] == SHIFT.isoformat():
            before = float(np.mean([r["index"] for r in series[:i] if r["index"] is not None]))
            after = float(np.mean([r["index"] for r in series[i:] if r["index"] is not None]))
            ev = store.events(dyad=(a, b), start=SHIFT, end=SHIFT + dt.timedelta(days=30), limit=3)
            evidence = [{"date": pd.Timestamp(e.date).date().isoformat(), "source_country": e.source_country, "target_country": e.target_country,
                         "cameo_code": e.cameo_code, "quad_class": int(e.quad_class), "sentence": e.sentence, "url": e.url,
                         "title": "Synthetic export curbs"} for e in ev.itertuples(index=False)]
            cps.append({"period": series[i]["period"], "before": before, "after": after, "evidence": evidence})
    shared = [{"third_party": t, "lag": lag, "p_value": p, "f_stat": f, "direction": "cooperative" if p < 0.05 else "none",
               "summary": f"{t} activity {'precedes' if p < 0.05 else 'does not precede'} {a}–{b} cooperation (lag {lag})."}
              for t in threats for lag, p, f in ((1, 0.012, 6.8), (2, 0.21, 1.6))]
    obs = [r for r in series if r["index"] is not None]
    last = obs[-1]
    brief = (f"Between {series[0]['period']} and {series[-1]['period']} the {a}–{b} index averaged "
             f"{np.mean([r['index'] for r in obs]):+.2f}; it stood at {last['index']:+.2f} in {last['period']}. "
             f"{len(cps)} change point(s) were found.")
    out: dict[str, Any] = {
        "dyad": [a, b], "freq": freq,
        "params": {"threats": list(threats), "freq": freq, "start": str(start) if start else None, "end": str(end) if end else None},
        "briefing": brief, "series": series, "changepoints": cps,
        "event_study": {"response": [{"offset": k, "estimate": -0.05 * max(k, 0), "low": -0.05 * max(k, 0) - 0.1,
                                      "high": -0.05 * max(k, 0) + 0.1} for k in range(-3, 7)]},
        "shared_threat": shared, "compare": None,
        "forecast": [{"period": f"{2022 + (k // 12)}-{k % 12 + 1:02d}-01", "index": last["index"], "index_low": last["index"] - 0.2,
                      "index_high": last["index"] + 0.2} for k in range(6)],
    }
    if compare:
        out["compare"] = {"dyad": list(compare), "series": _index_rows(store, compare[0], compare[1], freq, start, end)}
    return out


def analyzer() -> Any:
    """The real ``analyze`` when the analysis package has it, else the stand-in."""
    from dyadwatch import analysis

    return getattr(analysis, "analyze", None) or stand_in_analysis


DOCUMENTED_FIELDS = ("dyad", "freq", "params", "briefing", "series", "changepoints", "shared_threat")
SERIES_FIELDS = ("period", "events", "cooperation", "conflict", "index", "index_low", "index_high")


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
    result = analyzer()(filled, "JPN", "KOR", threats=("PRK",), freq="month")
    for key in DOCUMENTED_FIELDS:
        assert key in result, key
    for key in SERIES_FIELDS:
        assert key in result["series"][0], key
    assert isinstance(result["briefing"], str) and result["briefing"]
