"""Change points: regimes of the relations index found by PELT (ruptures).

The default cost (``l2``) is a least-squares cost weighted by events: a period's net
cooperation share ``r = (c - k)/(c + k)`` counts ``c + k`` times, so a month of 300 events
weighs 300 times a month of one and empty periods weigh nothing. It is a ruptures cost
class (prefix sums, O(1) per segment), run by ruptures' own ``Pelt``.

Penalty: ``"bic"`` is ``2 · σ² · log T`` with ``σ²`` the per-event noise variance estimated
robustly from first differences (:func:`dyadwatch.analysis.index.noise_variance`) and ``T``
the number of periods (a new mean and a location per change, on the scale of the cost).
The default ``"auto"`` is 1.5 times that, ``3 · σ² · log T``: on simulated series of 120
months without any change BIC finds a false change about one time in ten, ``auto`` about
one in thirty, for a small loss of power. A number is used as the penalty as is.

The alternative cost ``normal`` (ruptures' Gaussian cost on the shrunk index, unweighted)
also finds changes in variance; its ``"bic"`` penalty is ``3 · log T`` (mean, variance,
location) on its log-likelihood scale, ``"auto"`` again 1.5 times that.

Long series: candidate change points are taken every ``jump`` periods
(``ceil(T / 400)`` by default, so ten years of days are searched on a grid of 10) and
each change found is then placed exactly by a local search between its neighbours.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
import ruptures as rpt
from ruptures.base import BaseCost

from dyadwatch.analysis.index import LEVEL, PRIOR, noise_variance, pooled_index, raw_index
from dyadwatch.analysis.parameters import COST, MIN_SIZE, PENALTY
from dyadwatch.errors import AnalysisError

#: Minimum number of periods in a regime.
#: Largest number of candidate positions PELT examines before it switches to a grid.
MAX_CANDIDATES = 400
#: Multiplier of log T (times σ² for l2) for each named penalty.
PENALTY_FACTORS = {"l2": {"bic": 2.0, "auto": 3.0}, "normal": {"bic": 3.0, "auto": 4.5}}


class WeightedL2Cost(BaseCost):  # type: ignore[misc]
    """Weighted least squares around the segment's weighted mean; signal columns (value, weight)."""

    model = "weighted_l2"

    def __init__(self) -> None:
        self.min_size = 1
        self.signal: np.ndarray | None = None

    def fit(self, signal: np.ndarray) -> WeightedL2Cost:
        sig = np.asarray(signal, dtype=float)
        if sig.ndim != 2 or sig.shape[1] != 2:
            raise AnalysisError("weighted cost needs a (n, 2) signal of values and weights")
        y, w = sig[:, 0], sig[:, 1]
        self.signal = sig
        self._w = np.concatenate([[0.0], np.cumsum(w)])
        self._wy = np.concatenate([[0.0], np.cumsum(w * y)])
        self._wyy = np.concatenate([[0.0], np.cumsum(w * y * y)])
        return self

    def error(self, start: int, end: int) -> float:
        w = self._w[end] - self._w[start]
        if w <= 0:
            return 0.0
        s1 = self._wy[end] - self._wy[start]
        s2 = self._wyy[end] - self._wyy[start]
        return max(s2 - s1 * s1 / w, 0.0)


def _penalty(cost: str, penalty: str | float, n: int) -> float:
    if isinstance(penalty, str):
        return PENALTY_FACTORS[cost][penalty] * math.log(max(n, 2))
    return float(penalty)


def _l2(frame: pd.DataFrame, penalty: str | float) -> tuple[BaseCost, np.ndarray, float, dict[str, Any]]:
    c = frame["cooperation"].to_numpy(float)
    k = frame["conflict"].to_numpy(float)
    r = np.nan_to_num(raw_index(c, k), nan=0.0)
    signal = np.column_stack([r, c + k])
    sigma2 = noise_variance(c, k)
    pen = _penalty("l2", penalty, len(frame)) * (sigma2 if isinstance(penalty, str) else 1.0)
    return WeightedL2Cost(), signal, pen, {"noise_variance": sigma2}


def _normal(frame: pd.DataFrame, penalty: str | float) -> tuple[BaseCost, np.ndarray, float, dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        cost = rpt.costs.CostNormal()
    signal = frame["index"].to_numpy(float).reshape(-1, 1)
    pen = _penalty("normal", penalty, len(frame))
    return cost, signal, pen, {}


#: Change-point costs by name: each returns (ruptures cost, signal, penalty value, extra info).
COSTS: dict[str, Callable[[pd.DataFrame, str | float], tuple[BaseCost, np.ndarray, float, dict[str, Any]]]] = {
    "l2": _l2,
    "normal": _normal,
}


def register_cost(
    name: str,
    make: Callable[[pd.DataFrame, str | float], tuple[BaseCost, np.ndarray, float, dict[str, Any]]],
    *,
    factors: dict[str, float] | None = None,
) -> None:
    """Add a change-point cost under ``name`` (same contract as the built-ins), with the
    log T multipliers of its named penalties."""
    COSTS[name] = make
    PENALTY_FACTORS[name] = dict(factors or {"bic": 2.0, "auto": 3.0})


def _refine(cost: BaseCost, bkps: list[int], n: int, jump: int, min_size: int) -> list[int]:
    """Place each change exactly within ±jump of where the grid put it, neighbours fixed."""
    out = list(bkps)
    for i, b in enumerate(out):
        left = out[i - 1] if i > 0 else 0
        right = out[i + 1] if i + 1 < len(out) else n
        lo = max(left + min_size, b - jump + 1)
        hi = min(right - min_size, b + jump - 1)
        if hi <= lo:
            continue
        best = min(range(lo, hi + 1), key=lambda s: cost.error(left, s) + cost.error(s, right))
        out[i] = best
    return out


def detect(
    frame: pd.DataFrame,
    *,
    cost: str = COST,
    penalty: str | float = PENALTY,
    min_size: int = MIN_SIZE,
    jump: int | None = None,
    prior: float = PRIOR,
    level: float = LEVEL,
    dispersion: float = 1.0,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Change points of the index in ``frame`` (columns period, cooperation, conflict, index).

    Returns the change points (first period of each new regime, level before and after
    with intervals, the regimes' spans) and the settings used (penalty value, jump...).
    """
    if cost not in COSTS:
        raise AnalysisError(f"unknown change-point cost {cost!r}; known: {', '.join(sorted(COSTS))}")
    if isinstance(penalty, str):
        if penalty not in ("auto", "bic"):
            raise AnalysisError(f"penalty must be 'auto', 'bic' or a positive number, not {penalty!r}")
    elif not penalty > 0:
        raise AnalysisError(f"penalty must be 'auto', 'bic' or a positive number, not {penalty!r}")
    n = len(frame)
    if n < 2 * min_size:
        raise AnalysisError(f"change points need at least {2 * min_size} periods, the series has {n}")
    step = jump or max(1, math.ceil(n / MAX_CANDIDATES))
    algo_cost, signal, pen, extra = COSTS[cost](frame, penalty)
    algo = rpt.Pelt(custom_cost=algo_cost, min_size=min_size, jump=step).fit(signal)
    bkps = [b for b in algo.predict(pen=pen) if b < n]
    if step > 1 and bkps:
        bkps = _refine(algo_cost, bkps, n, step, min_size)
    info = {"cost": cost, "penalty": penalty, "penalty_value": pen, "min_size": min_size, "jump": step, **extra}
    return segments_to_changepoints(frame, bkps, prior=prior, level=level, dispersion=dispersion), info


def segments_to_changepoints(
    frame: pd.DataFrame, bkps: list[int], *, prior: float = PRIOR, level: float = LEVEL, dispersion: float = 1.0
) -> list[dict[str, Any]]:
    """Describe each break: period, level before/after (pooled index of the regimes)."""
    periods = pd.to_datetime(frame["period"]).reset_index(drop=True)
    c = frame["cooperation"].to_numpy(float)
    k = frame["conflict"].to_numpy(float)
    edges = [0, *bkps, len(frame)]
    levels: list[dict[str, Any]] = []
    for lo, hi in pairwise(edges):
        m, low, high = pooled_index(c[lo:hi].sum(), k[lo:hi].sum(), prior=prior, level=level, dispersion=dispersion)
        levels.append({"mean": m, "low": low, "high": high, "start": periods[lo], "end": periods[hi - 1],
                       "events": float(c[lo:hi].sum() + k[lo:hi].sum())})
    out = []
    for i, b in enumerate(bkps):
        before, after = levels[i], levels[i + 1]
        out.append({
            "position": b,
            "period": periods[b],
            "before": before["mean"], "before_low": before["low"], "before_high": before["high"],
            "before_start": before["start"], "before_end": before["end"], "before_events": before["events"],
            "after": after["mean"], "after_low": after["low"], "after_high": after["high"],
            "after_start": after["start"], "after_end": after["end"], "after_events": after["events"],
            "change": after["mean"] - before["mean"],
            "evidence": [],
        })
    return out


def evidence_window(period: pd.Timestamp, previous: pd.Timestamp | None, following: pd.Timestamp | None,
                    *, days: int = 14) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Days whose events are evidence for a change at ``period``: the period before and the
    period of the change, and at least ``days`` either side of its first day."""
    start = pd.Timestamp(period) - pd.Timedelta(days=days)
    if previous is not None:
        start = min(start, pd.Timestamp(previous))
    end = pd.Timestamp(period) + pd.Timedelta(days=days)
    if following is not None:
        end = max(end, pd.Timestamp(following) - pd.Timedelta(days=1))
    return start, end


def rank_evidence(events: pd.DataFrame, *, rising: bool, k: int = 5, at: pd.Timestamp | None = None) -> list[dict[str, Any]]:
    """The events that weigh most for a change: cooperative ones (highest Goldstein) for a
    rise, conflictual ones (lowest Goldstein) for a fall, weighted by 1 + ln(mentions), the
    ones nearest the change (``at``) first on ties; one per (date, source, target, CAMEO code)."""
    if events.empty:
        return []
    ev = events.copy()
    want = [1, 2] if rising else [3, 4]
    ev = ev[pd.to_numeric(ev["quad_class"], errors="coerce").isin(want)]
    if ev.empty:
        return []
    gold = pd.to_numeric(ev["goldstein"], errors="coerce").fillna(0.0)
    mentions = pd.to_numeric(ev["num_mentions"], errors="coerce").fillna(1.0) if "num_mentions" in ev else pd.Series(1.0, index=ev.index)
    ev["_score"] = gold.abs() * (1.0 + np.log(mentions.clip(lower=1.0)))
    dates = pd.to_datetime(ev["date"])
    ev["_distance"] = (dates - pd.Timestamp(at)).abs() if at is not None else pd.Timedelta(0)
    ev["_date"] = dates
    ev = ev.sort_values(["_score", "_distance", "_date"], ascending=[False, True, True], kind="stable")
    ev = ev.drop_duplicates(subset=["date", "source_country", "target_country", "cameo_code"])
    cols = ["date", "source_country", "target_country", "cameo_code", "quad_class", "goldstein", "num_mentions", "sentence", "url", "dataset", "event_id"]
    out = []
    for rec in ev.head(k).to_dict(orient="records"):
        out.append({c: rec.get(c) for c in cols})
    return out
