"""Change points: planted regime changes are found where they were planted, and only those."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dyadwatch.analysis.changepoints import detect, evidence_window, rank_evidence
from dyadwatch.analysis.index import beta_index
from dyadwatch.analysis.synthetic import planted_counts
from dyadwatch.errors import AnalysisError


def planted(shares: list[float], cuts: list[int], n: int, *, rate: float, seed: int, freq: str = "MS") -> pd.DataFrame:
    p = np.empty(n)
    edges = [0, *cuts, n]
    for lo, hi, s in zip(edges[:-1], edges[1:], shares, strict=True):
        p[lo:hi] = s
    c, k = planted_counts(p, rate=rate, seed=seed)
    m, lo_, hi_ = beta_index(c, k)
    return pd.DataFrame({"period": pd.date_range("2010-01-01", periods=n, freq=freq), "cooperation": c, "conflict": k,
                         "events": c + k, "index": m, "index_low": lo_, "index_high": hi_})


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_planted_changes_are_found_within_a_period(seed: int) -> None:
    frame = planted([0.6, 0.3, 0.7], [48, 98], 132, rate=40, seed=seed)
    cps, info = detect(frame)
    assert [cp["position"] for cp in cps] == pytest.approx([48, 98], abs=1)
    assert info["penalty"] == "auto" and info["penalty_value"] > 0
    first, second = cps
    assert first["before"] == pytest.approx(0.2, abs=0.06) and first["after"] == pytest.approx(-0.4, abs=0.06)
    assert second["after"] == pytest.approx(0.4, abs=0.06)
    assert first["before_low"] < first["before"] < first["before_high"]
    assert first["period"] == frame["period"][first["position"]]
    assert first["before_start"] == frame["period"][0] and second["after_end"] == frame["period"].iloc[-1]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_no_change_is_found_in_a_steady_series(seed: int) -> None:
    frame = planted([0.55], [], 132, rate=40, seed=100 + seed)
    cps, _ = detect(frame)
    assert cps == []


def test_thin_and_empty_periods_do_not_make_changes() -> None:
    # weighted by events: months with one or no event cannot carry a regime of their own
    frame = planted([0.5], [], 120, rate=1.5, seed=7)
    assert detect(frame)[0] == []


def test_long_daily_series_uses_a_grid_and_places_changes_exactly() -> None:
    frame = planted([0.45, 0.65, 0.5], [1500, 3000], 4000, rate=8, seed=5, freq="D")
    cps, info = detect(frame)
    assert info["jump"] == 10
    assert [cp["position"] for cp in cps] == pytest.approx([1500, 3000], abs=15)


def test_normal_cost_and_a_numeric_penalty() -> None:
    frame = planted([0.7, 0.3], [60], 120, rate=40, seed=9)
    cps, _ = detect(frame, cost="normal")
    assert [cp["position"] for cp in cps] == pytest.approx([60], abs=1)
    assert detect(frame, penalty=1e9)[0] == []  # a huge penalty allows no change
    assert len(detect(frame, penalty=1e-9, min_size=3)[0]) > 5  # a tiny one overfits


def test_bad_options() -> None:
    frame = planted([0.5], [], 10, rate=10, seed=0)
    with pytest.raises(AnalysisError, match="unknown change-point cost"):
        detect(frame, cost="rbf")
    with pytest.raises(AnalysisError, match="penalty"):
        detect(frame, penalty="aic")
    with pytest.raises(AnalysisError, match="at least"):
        detect(frame.head(4))


def test_evidence_ranks_cooperation_for_a_rise_and_conflict_for_a_fall() -> None:
    events = pd.DataFrame({
        "date": pd.to_datetime(["2023-03-01", "2023-03-02", "2023-03-02", "2023-03-05", "2023-03-06"]),
        "source_country": ["JPN", "KOR", "KOR", "JPN", "KOR"], "target_country": ["KOR", "JPN", "JPN", "KOR", "JPN"],
        "cameo_code": ["042", "057", "057", "163", "111"], "quad_class": [1, 1, 1, 4, 3],
        "goldstein": [1.9, 8.0, 8.0, -8.0, -2.0], "num_mentions": [1, 5, 5, 1, 1],
        "sentence": ["visit", "deal", "deal again", "sanctions", "criticism"], "url": list("abcde"),
        "dataset": "test", "event_id": list("12345"),
    })
    up = rank_evidence(events, rising=True, k=5)
    assert [e["sentence"] for e in up] == ["deal", "visit"]  # the duplicate report is dropped
    down = rank_evidence(events, rising=False, k=1)
    assert [e["cameo_code"] for e in down] == ["163"]
    lo, hi = evidence_window(pd.Timestamp("2023-03-01"), pd.Timestamp("2023-02-01"), pd.Timestamp("2023-04-01"))
    assert (lo, hi) == (pd.Timestamp("2023-02-01"), pd.Timestamp("2023-03-31"))
    lo, hi = evidence_window(pd.Timestamp("2023-03-01"), pd.Timestamp("2023-02-28"), pd.Timestamp("2023-03-02"))
    assert (lo, hi) == (pd.Timestamp("2023-02-15"), pd.Timestamp("2023-03-15"))
