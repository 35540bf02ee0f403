"""Compare dyads side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dyadwatch.analysis.compare import compare_dyads, dyad_label
from dyadwatch.errors import AnalysisError


def frame(index: np.ndarray, events: np.ndarray | None = None) -> pd.DataFrame:
    n = len(index)
    return pd.DataFrame({"period": pd.date_range("2020-01-01", periods=n, freq="MS"),
                         "events": np.full(n, 10) if events is None else events,
                         "index": index, "index_low": index - 0.1, "index_high": index + 0.1})


def test_side_by_side_with_correlations() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.3, 40)
    out = compare_dyads({"JPN-KOR": frame(a), "USA-VNM": frame(a * 0.5 + 0.2), "CHN-IND": frame(rng.normal(0, 0.3, 40))})
    assert out["reference"] == "JPN-KOR"
    ref, same, other = out["dyads"]
    assert ref["correlation"] is None and ref["events"] == 400
    assert same["correlation"] == pytest.approx(1.0) and same["shared_periods"] == 40
    assert abs(other["correlation"]) < 0.5
    assert same["mean"] == pytest.approx(float(np.mean(a * 0.5 + 0.2)))
    assert len(same["series"]) == 40 and set(same["series"][0]) == {"period", "events", "index", "index_low", "index_high"}


def test_periods_without_events_are_left_out() -> None:
    events = np.r_[np.zeros(35, int), np.full(5, 3)]
    out = compare_dyads({"A-B": frame(np.zeros(40) + np.linspace(0, 1, 40)), "C-D": frame(np.linspace(0, 1, 40), events)})
    thin = out["dyads"][1]
    assert thin["shared_periods"] == 5 and thin["correlation"] is None  # fewer than 8 shared periods
    assert thin["periods_with_events"] == 5


def test_label_and_empty() -> None:
    assert dyad_label("jpn", "kor") == "JPN-KOR"
    with pytest.raises(AnalysisError):
        compare_dyads({})
