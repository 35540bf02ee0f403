"""Event study: the index before and after trigger events, against placebo dates.

For each trigger, ``before`` is the pooled index of the ``window`` periods before the
trigger's period and ``after`` the pooled index of the trigger's period and the
``window - 1`` that follow (the trigger's own period counts as after). A group of triggers
(all, each ``kind``, each ``direction``) gets the mean before, after and change with a
t interval across its triggers.

Placebos show what chance looks like: ``placebo_draws`` times, as many dates as the group
has triggers are drawn at random (uniformly over the periods with full windows) and the
same mean change is computed. The group's p-value is the two-sided share of placebo
changes at least as extreme as the observed one ((1 + count) / (1 + draws)), so a trend
in the series, which moves placebo changes too, is not taken for an effect.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from dyadwatch.analysis.index import LEVEL, PRIOR, beta_index
from dyadwatch.analysis.parameters import PLACEBO_DRAWS
from dyadwatch.analysis.periods import check_freq, positions
from dyadwatch.errors import AnalysisError

#: Periods on each side of a trigger, by frequency.
WINDOWS = {"day": 30, "week": 8, "month": 3, "quarter": 2, "year": 1}
#: Smallest group of triggers (a kind, a direction) that is summarised.
MIN_GROUP = 2


def _t_interval(values: np.ndarray, level: float) -> tuple[float | None, float | None]:
    if len(values) < 2:
        return None, None
    sem = float(stats.sem(values))
    if sem == 0:
        m = float(values.mean())
        return m, m
    lo, hi = stats.t.interval(level, len(values) - 1, loc=float(values.mean()), scale=sem)
    return float(lo), float(hi)


def _window_index(cc: np.ndarray, ck: np.ndarray, lo: np.ndarray, hi: np.ndarray, prior: float, dispersion: float) -> np.ndarray:
    """Posterior-mean index of the periods [lo, hi) for arrays of windows (cumulative sums given)."""
    c = (cc[hi] - cc[lo]) / dispersion
    k = (ck[hi] - ck[lo]) / dispersion
    return (c - k) / (c + k + 2.0 * prior)


def event_study(
    frame: pd.DataFrame,
    triggers: pd.DataFrame,
    *,
    freq: str,
    window: int | None = None,
    placebo_draws: int = PLACEBO_DRAWS,
    seed: int = 0,
    level: float = LEVEL,
    prior: float = PRIOR,
    dispersion: float = 1.0,
    min_group: int = MIN_GROUP,
) -> dict[str, Any]:
    """Index around ``triggers`` (columns date[, title, kind, direction]) in ``frame``
    (columns period, cooperation, conflict), with placebo dates."""
    check_freq(freq)
    w = int(window or WINDOWS[freq])
    if w < 1:
        raise AnalysisError(f"event-study window must be at least 1 period, not {w}")
    if placebo_draws < 0:
        raise AnalysisError("placebo_draws must be zero or more")
    if "date" not in triggers.columns:
        raise AnalysisError("triggers need a date column")
    n_periods = len(frame)
    if n_periods < 2 * w + 1:
        raise AnalysisError(f"the event study needs at least {2 * w + 1} periods for a window of {w}, the series has {n_periods}")
    trig = triggers.copy().reset_index(drop=True)
    trig["date"] = pd.to_datetime(trig["date"])
    for col in ("title", "kind", "direction"):
        if col not in trig.columns:
            trig[col] = None
    trig["position"] = positions(frame["period"], trig["date"], freq)
    usable = trig[(trig["position"] - w >= 0) & (trig["position"] + w <= n_periods)].reset_index(drop=True)

    c = frame["cooperation"].to_numpy(float)
    k = frame["conflict"].to_numpy(float)
    cc = np.concatenate([[0.0], np.cumsum(c)])
    ck = np.concatenate([[0.0], np.cumsum(k)])
    pos = usable["position"].to_numpy(int)
    before_c, before_k = cc[pos] - cc[pos - w], ck[pos] - ck[pos - w]
    after_c, after_k = cc[pos + w] - cc[pos], ck[pos + w] - ck[pos]
    b_m, b_lo, b_hi = beta_index(before_c, before_k, prior=prior, level=level, dispersion=dispersion)
    a_m, a_lo, a_hi = beta_index(after_c, after_k, prior=prior, level=level, dispersion=dispersion)
    periods = pd.to_datetime(frame["period"]).reset_index(drop=True)
    rows = [
        {"date": d, "period": p, "title": t, "kind": kd, "direction": dr,
         "before": float(bm), "before_low": float(bl), "before_high": float(bh),
         "after": float(am), "after_low": float(al), "after_high": float(ah), "change": float(am - bm)}
        for d, p, t, kd, dr, bm, bl, bh, am, al, ah in zip(
            usable["date"], periods.iloc[pos], usable["title"], usable["kind"], usable["direction"],
            b_m, b_lo, b_hi, a_m, a_lo, a_hi, strict=True)
    ]

    groups: list[tuple[str, np.ndarray]] = []
    if len(usable):
        groups.append(("all", np.ones(len(usable), dtype=bool)))
    for col in ("kind", "direction"):
        values = usable[col].dropna().astype(str)
        for value in sorted(values.unique()):
            mask = (usable[col].astype(str) == value).to_numpy()
            if min_group <= mask.sum() < len(usable):  # a group that is every trigger repeats "all"
                groups.append((f"{col}:{value}", mask))

    rng = np.random.default_rng(seed)
    eligible = np.arange(w, n_periods - w + 1)
    tail = (1.0 - level) / 2.0
    summaries = []
    for name, mask in groups:
        n = int(mask.sum())
        change = a_m[mask] - b_m[mask]
        obs = float(change.mean())
        entry: dict[str, Any] = {"group": name, "n": n}
        for key, vals in (("before", b_m[mask]), ("after", a_m[mask]), ("change", change)):
            lo, hi = _t_interval(vals, level)
            entry[key] = float(vals.mean())
            entry[f"{key}_low"] = lo
            entry[f"{key}_high"] = hi
        if placebo_draws > 0:
            draw = rng.choice(eligible, size=(placebo_draws, n), replace=True)
            pl = (_window_index(cc, ck, draw, draw + w, prior, dispersion) - _window_index(cc, ck, draw - w, draw, prior, dispersion)).mean(axis=1)
            upper = (1 + int((pl >= obs).sum())) / (placebo_draws + 1)
            lower = (1 + int((pl <= obs).sum())) / (placebo_draws + 1)
            entry.update({
                "placebo_mean": float(pl.mean()),
                "placebo_low": float(np.quantile(pl, tail)),
                "placebo_high": float(np.quantile(pl, 1.0 - tail)),
                "p_value": min(1.0, 2.0 * min(upper, lower)),
            })
        else:
            entry.update({"placebo_mean": None, "placebo_low": None, "placebo_high": None, "p_value": None})
        summaries.append(entry)

    return {
        "window": w,
        "n_triggers": len(trig),
        "n_used": len(usable),
        "placebo_draws": placebo_draws,
        "seed": seed,
        "level": level,
        "groups": summaries,
        "triggers": rows,
    }
