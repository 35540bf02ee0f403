"""The relations index: bounds, shrinkage, interval coverage and the dispersion estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.index import beta_index, estimate_dispersion, index_frame, pooled_index, raw_index
from dyadwatch.errors import AnalysisError

COUNTS = st.integers(min_value=0, max_value=100_000)


@settings(max_examples=200, deadline=None)
@given(coop=COUNTS, conf=COUNTS, prior=st.floats(min_value=0.01, max_value=50), level=st.floats(min_value=0.5, max_value=0.999),
       phi=st.floats(min_value=1.0, max_value=100.0))
def test_index_and_interval_are_within_bounds(coop: int, conf: int, prior: float, level: float, phi: float) -> None:
    m, lo, hi = beta_index(coop, conf, prior=prior, level=level, dispersion=phi)
    assert -1.0 <= lo <= hi <= 1.0
    assert -1.0 <= m <= 1.0


@settings(max_examples=200, deadline=None)
@given(coop=COUNTS, conf=COUNTS, prior=st.floats(min_value=0.5, max_value=50), level=st.floats(min_value=0.8, max_value=0.999),
       phi=st.floats(min_value=1.0, max_value=100.0))
def test_interval_contains_the_index(coop: int, conf: int, prior: float, level: float, phi: float) -> None:
    # (a very small prior with a low level can put a skewed posterior's mean outside its
    # equal-tailed interval; the defaults are far from that)
    m, lo, hi = beta_index(coop, conf, prior=prior, level=level, dispersion=phi)
    assert lo <= m <= hi


def test_index_is_the_shrunk_net_cooperation_share() -> None:
    m, lo, hi = beta_index(np.array([0, 30, 10, 0]), np.array([0, 10, 30, 5]))
    # (c - k) / (c + k + 2) under the uniform prior
    assert m == pytest.approx([0.0, 20 / 42, -20 / 42, -5 / 7])
    # a period without events is 0 with the prior's interval
    assert lo[0] == pytest.approx(-0.95) and hi[0] == pytest.approx(0.95)
    assert np.isnan(raw_index([0], [0])[0])
    assert raw_index([3], [1])[0] == pytest.approx(0.5)


def test_thin_periods_are_pulled_to_zero_and_wider() -> None:
    thin = beta_index(2, 0)
    thick = beta_index(200, 0)
    assert 0 < thin[0] < thick[0] < 1
    assert (thin[2] - thin[1]) > (thick[2] - thick[1])


def test_interval_coverage_is_close_to_nominal() -> None:
    rng = np.random.default_rng(11)
    for p, n in ((0.3, 60), (0.5, 40), (0.8, 100)):
        c = rng.binomial(n, p, size=4000)
        _, lo, hi = beta_index(c, n - c, level=0.9)
        truth = 2 * p - 1
        coverage = float(np.mean((lo <= truth) & (truth <= hi)))
        assert 0.86 <= coverage <= 0.94, (p, n, coverage)


def test_dispersion_is_one_for_binomial_and_counts_repeated_reports() -> None:
    rng = np.random.default_rng(3)
    n = rng.poisson(50, 300)
    p = np.where(np.arange(300) < 150, 0.3, 0.7)  # a level shift must not inflate it
    c = rng.binomial(n, p)
    assert estimate_dispersion(c, n - c) < 1.3
    # every independent event reported five times: one observation is worth five reports
    assert 3.5 < estimate_dispersion(5 * c, 5 * (n - c)) < 6.5


def test_pooled_index_and_frame() -> None:
    m, lo, hi = pooled_index(90, 10)
    assert lo < m < hi and m == pytest.approx(80 / 102)
    series = pd.DataFrame({
        "period": pd.to_datetime(["2020-01-01", "2020-02-01"]), "events": [4, 0],
        "verbal_coop": [2, 0], "material_coop": [1, 0], "verbal_conflict": [1, 0], "material_conflict": [0, 0],
        "goldstein_sum": [5.0, 0.0], "goldstein_mean": [1.25, None],
    })
    frame, phi = index_frame(series, dispersion=1.0)
    assert phi == 1.0
    assert frame["cooperation"].tolist() == [3, 0] and frame["conflict"].tolist() == [1, 0]
    assert frame["index"].tolist() == pytest.approx([2 / 6, 0.0])
    with pytest.raises(AnalysisError):
        index_frame(series.drop(columns=["verbal_coop"]))
    with pytest.raises(AnalysisError):
        index_frame(series, dispersion=0.5)
