"""Event study: a planted jump after triggers is recovered; placebo dates centre on zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dyadwatch.analysis.event_study import event_study
from dyadwatch.analysis.synthetic import planted_counts
from dyadwatch.errors import AnalysisError

N = 240
PERIODS = pd.date_range("2000-01-01", periods=N, freq="MS")


def series(shares: np.ndarray, *, seed: int, rate: float = 60) -> pd.DataFrame:
    c, k = planted_counts(shares, rate=rate, seed=seed)
    return pd.DataFrame({"period": PERIODS, "cooperation": c, "conflict": k})


def triggers(positions: np.ndarray, kinds: list[str]) -> pd.DataFrame:
    # mid-month dates: the trigger's month is the first "after" period
    return pd.DataFrame({"date": PERIODS[positions] + pd.Timedelta(days=14), "title": [f"t{i}" for i in range(len(positions))],
                         "kind": kinds})


def test_planted_jump_is_recovered() -> None:
    rng = np.random.default_rng(1)
    pos = np.sort(rng.choice(np.arange(12, N - 12), 14, replace=False))
    shares = np.full(N, 0.45)
    for p in pos[:7]:  # summits: three good months
        shares[p:p + 3] = 0.75
    frame = series(shares, seed=2)
    study = event_study(frame, triggers(pos, ["summit"] * 7 + ["statement"] * 7), freq="month", window=3, placebo_draws=2000, seed=0)
    groups = {g["group"]: g for g in study["groups"]}
    summit = groups["kind:summit"]
    # planted: the index rises from 2·0.45-1 = -0.10 to 2·0.75-1 = +0.50
    assert summit["before"] == pytest.approx(-0.10, abs=0.05)
    assert summit["after"] == pytest.approx(0.50, abs=0.05)
    assert summit["change_low"] < 0.60 < summit["change_high"]
    assert summit["p_value"] < 0.01
    assert abs(summit["placebo_mean"]) < 0.05
    statement = groups["kind:statement"]
    assert statement["change_low"] < 0 < statement["change_high"]
    assert statement["p_value"] > 0.05
    assert study["n_used"] == 14 and len(study["triggers"]) == 14
    assert study["triggers"][0]["period"] == PERIODS[pos[0]]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_placebos_centre_on_zero_without_an_effect(seed: int) -> None:
    frame = series(np.full(N, 0.55), seed=seed)
    rng = np.random.default_rng(seed)
    pos = np.sort(rng.choice(np.arange(12, N - 12), 20, replace=False))
    study = event_study(frame, triggers(pos, ["drill"] * 20), freq="month", placebo_draws=2000, seed=seed)
    g = study["groups"][0]
    assert g["group"] == "all" and g["n"] == 20
    assert abs(g["placebo_mean"]) < 0.01
    assert g["placebo_low"] < 0 < g["placebo_high"]
    assert g["p_value"] > 0.05
    assert [x["group"] for x in study["groups"]] == ["all"]  # kind:drill is every trigger: not repeated


def test_placebos_follow_a_trend() -> None:
    # a steadily improving relationship: every window "improves", placebo dates too
    frame = series(np.linspace(0.1, 0.9, N), seed=8, rate=1000)
    pos = np.arange(20, N - 20, 20)
    g = event_study(frame, triggers(pos, ["x"] * len(pos)), freq="month", placebo_draws=1000)["groups"][0]
    assert g["change"] > 0.02
    assert g["placebo_mean"] == pytest.approx(g["change"], abs=0.01)
    assert g["p_value"] > 0.05


def test_deterministic_and_windows_at_the_edges_dropped() -> None:
    frame = series(np.full(N, 0.5), seed=9)
    trig = pd.DataFrame({"date": [PERIODS[1], PERIODS[100], PERIODS[150], PERIODS[-1], pd.Timestamp("1990-01-01")]})
    one = event_study(frame, trig, freq="month", seed=1)
    two = event_study(frame, trig, freq="month", seed=1)
    assert one == two
    assert one["n_triggers"] == 5 and one["n_used"] == 2
    with pytest.raises(AnalysisError, match="periods"):
        event_study(frame.head(5), trig, freq="month")
    with pytest.raises(AnalysisError, match="date"):
        event_study(frame, trig.rename(columns={"date": "day"}), freq="month")
