"""Early warning: forecasts with intervals, alerts on a surprising period or a recent change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dyadwatch.analysis.forecast import MODELS, forecast
from dyadwatch.analysis.index import beta_index
from dyadwatch.analysis.synthetic import planted_counts
from dyadwatch.errors import AnalysisError


def frame(shares: np.ndarray, *, seed: int = 0, rate: float = 40) -> pd.DataFrame:
    c, k = planted_counts(shares, rate=rate, seed=seed)
    m, _, _ = beta_index(c, k)
    return pd.DataFrame({"period": pd.date_range("2015-01-01", periods=len(shares), freq="MS"), "events": c + k, "index": m})


@pytest.mark.parametrize("model", sorted(MODELS))
def test_forecast_of_a_steady_index(model: str) -> None:
    fc = forecast(frame(np.full(96, 0.7)), freq="month", periods=6, model=model)
    assert fc["model"] == model and len(fc["periods"]) == 6
    assert [p["period"] for p in fc["periods"]][:2] == [pd.Timestamp("2023-01-01"), pd.Timestamp("2023-02-01")]
    for p in fc["periods"]:
        assert -1 <= p["low"] <= p["index"] <= p["high"] <= 1
        assert p["low"] < 0.4 < p["high"]  # the true level 2·0.7-1
    assert not fc["alert"] and fc["reasons"] == []


def test_alert_when_the_latest_period_jumps() -> None:
    shares = np.full(96, 0.7)
    shares[-1] = 0.1
    fc = forecast(frame(shares, rate=80), freq="month")
    assert fc["latest"]["outside"] and fc["alert"]
    assert "below" in fc["reasons"][0] and "2022-12" in fc["reasons"][0]


def test_alert_on_a_recent_change_point_only() -> None:
    f = frame(np.full(60, 0.6))
    assert forecast(f, freq="month", changepoints=[pd.Timestamp("2019-11-01")])["alert"]
    assert not forecast(f, freq="month", changepoints=[pd.Timestamp("2017-01-01")])["alert"]


def test_empty_periods_are_missing_not_zero() -> None:
    f = frame(np.full(60, 0.9), rate=40)
    f.loc[50:, "events"] = 0
    f.loc[50:, "index"] = 0.0  # what the prior gives an empty period
    fc = forecast(f, freq="month")
    assert fc["latest"]["period"] == f["period"][49] and fc["latest"]["empty_periods_after"] == 10
    assert fc["periods"][0]["index"] > 0.6


def test_errors() -> None:
    f = frame(np.full(20, 0.5))
    with pytest.raises(AnalysisError, match="unknown forecast model"):
        forecast(f, freq="month", model="prophet")
    f["events"] = 0
    with pytest.raises(AnalysisError, match="at least 8"):
        forecast(f, freq="month")
