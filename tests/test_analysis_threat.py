"""Shared threat: a planted lagged effect of a third party is found; an independent one is not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dyadwatch.analysis.index import beta_index
from dyadwatch.analysis.threat import (
    make_stationary,
    prepare_response,
    regime_adjusted,
    stationarity,
    threat_effect,
    threat_series,
)
from dyadwatch.errors import AnalysisError

T = 160


def world(seed: int, effect: float) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(threat counts, an unrelated third party's counts, the dyad's index)."""
    rng = np.random.default_rng(seed)
    threat = rng.poisson(np.exp(1.3 + 0.8 * np.sin(np.arange(T) / 4) + rng.normal(0, 0.4, T)))
    other = rng.poisson(np.exp(1.3 + rng.normal(0, 0.4, T)))
    x = np.log1p(threat)
    lagged = np.concatenate([[x.mean(), x.mean()], x[:-2]])
    share = np.clip(0.45 + effect * (lagged - x.mean()), 0.02, 0.98)
    n = rng.poisson(50, T)
    c = rng.binomial(n, share)
    index, _, _ = beta_index(c, n - c)
    return pd.Series(threat), pd.Series(other), pd.Series(index)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_lagged_effect_is_significant_and_independent_party_is_not(seed: int) -> None:
    threat, other, index = world(seed, effect=0.08)
    hit = threat_effect(threat_series(threat), index, third_party="PRK", freq="month")
    assert hit["p_value"] < 0.01 and hit["significant"]
    assert hit["lag"] >= 2  # the effect sits at lag 2: the chosen order must reach it
    assert hit["direction"] == "positive"
    assert hit["f_stat"] > 0 and len(hit["df"]) == 2
    assert "Granger-cause" in hit["summary"] and "aggregation level" in hit["summary"]
    miss = threat_effect(threat_series(other), index, third_party="CHN", freq="month")
    assert miss["p_value"] > 0.05 and not miss["significant"]
    assert "No evidence" in miss["summary"]
    assert len(hit["irf"]) == 13 and all(r["low"] <= r["response"] <= r["high"] for r in hit["irf"])


def test_no_effect_no_significance() -> None:
    threat, _, index = world(5, effect=0.0)
    res = threat_effect(threat_series(threat), index, third_party="PRK", freq="month", ic="bic")
    assert res["p_value"] > 0.05
    assert res["ic"] == "bic"


def test_negative_effect_has_negative_direction() -> None:
    threat, _, index = world(6, effect=-0.08)
    res = threat_effect(threat_series(threat), index, third_party="PRK", freq="month")
    assert res["p_value"] < 0.01 and res["direction"] == "negative"


def test_stationarity_tests_and_differencing() -> None:
    rng = np.random.default_rng(0)
    walk = pd.Series(np.cumsum(rng.normal(size=300)))
    noise = pd.Series(rng.normal(size=300))
    assert not stationarity(walk)["stationary"]
    assert stationarity(noise)["stationary"]
    diffed, info = make_stationary(walk)
    assert info["differences"] == 1 and len(diffed) == 299
    assert make_stationary(noise)[1]["differences"] == 0
    with pytest.raises(AnalysisError, match="constant"):
        stationarity(pd.Series(np.ones(50)))


def test_regime_adjustment_removes_level_shifts() -> None:
    rng = np.random.default_rng(1)
    shifted = pd.Series(np.r_[np.full(80, -0.3), np.full(80, 0.4)] + rng.normal(0, 0.05, 160))
    adjusted = regime_adjusted(shifted, [80])
    assert abs(adjusted[:80].mean()) < 1e-12 and abs(adjusted[80:].mean()) < 1e-12
    assert prepare_response(adjusted, freq="month")[1]["differences"] == 0


def test_threat_series_and_errors() -> None:
    counts = pd.Series([0, 3, 7])
    assert threat_series(counts).tolist() == pytest.approx(np.log1p([0, 3, 7]).tolist())
    assert threat_series(counts, total=pd.Series([0, 6, 14])).tolist() == [0.0, 0.5, 0.5]
    _, _, index = world(0, effect=0.0)
    with pytest.raises(AnalysisError, match="no conflict events"):
        threat_effect(pd.Series(np.zeros(T)), index, third_party="RUS", freq="month")
    with pytest.raises(AnalysisError, match="criterion"):
        threat_effect(pd.Series(np.ones(T)), index, third_party="RUS", freq="month", ic="r2")
