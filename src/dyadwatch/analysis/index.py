"""The relations index: the net cooperation share of a period's events, with a Beta prior.

For a period with ``c`` cooperative events (quad classes 1-2) and ``k`` conflictual ones
(3-4), the cooperation share ``p`` gets a Beta(prior + c/φ, prior + k/φ) posterior and the
index is ``2p - 1`` in [-1, 1]: its posterior mean is ``(c - k) / (c + k + 2·prior·φ)``,
the shrunk form of ``(c - k) / (c + k)``. Thin periods are pulled towards 0 and get wide
intervals; a period without events is 0 with the prior's interval.

``φ`` (the dispersion) counts how many reports one independent observation is worth.
Event data are over-dispersed (one story is reported many times, events cluster), so the
plain binomial interval is too narrow; ``dispersion="auto"`` estimates φ as the ratio of
the period-to-period variance of the share to the binomial variance (a quasi-binomial
scale, estimated robustly from first differences so that regime changes do not inflate it),
and never lets it fall below 1.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from dyadwatch.analysis.parameters import LEVEL, PRIOR
from dyadwatch.errors import AnalysisError

#: Beta(PRIOR, PRIOR) on the cooperation share: 1 is the uniform prior (Laplace).
#: Credible/confidence level of every interval the analysis reports.

COOPERATION = ("verbal_coop", "material_coop")
CONFLICT = ("verbal_conflict", "material_conflict")

Dispersion = float | Literal["auto"]


def cooperation_conflict(series: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Cooperation and conflict counts from a store series (quad-class columns)."""
    missing = [c for c in (*COOPERATION, *CONFLICT) if c not in series.columns]
    if missing:
        raise AnalysisError(f"series lacks quad-class columns {missing} (use measure='all' or 'quad')")
    coop = series[list(COOPERATION)].sum(axis=1).astype(float)
    conf = series[list(CONFLICT)].sum(axis=1).astype(float)
    return coop, conf


def raw_index(cooperation: np.ndarray | pd.Series, conflict: np.ndarray | pd.Series) -> np.ndarray:
    """(c - k) / (c + k) without a prior; NaN where a period has no events."""
    c = np.asarray(cooperation, dtype=float)
    k = np.asarray(conflict, dtype=float)
    n = c + k
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, (c - k) / np.where(n > 0, n, 1.0), np.nan)


def noise_variance(cooperation: np.ndarray | pd.Series, conflict: np.ndarray | pd.Series) -> float:
    """Variance of one event's ±1 contribution, from standardised first differences (MAD).

    For independent events it is ``1 - μ²`` (binomial); with repeated reports it is larger.
    Periods without events are skipped.
    """
    c = np.asarray(cooperation, dtype=float)
    k = np.asarray(conflict, dtype=float)
    n = c + k
    keep = n > 0
    r = raw_index(c, k)[keep]
    w = n[keep]
    if len(r) == 0:
        return 1.0
    mu = float(np.average(r, weights=w))
    binomial = max(1.0 - mu * mu, 0.05)
    if len(r) < 4:
        return binomial
    d = np.diff(r) / np.sqrt(1.0 / w[1:] + 1.0 / w[:-1])
    mad = float(np.median(np.abs(d - np.median(d))))
    sigma2 = (1.4826 * mad) ** 2
    return sigma2 if sigma2 > 0 else binomial


def estimate_dispersion(cooperation: np.ndarray | pd.Series, conflict: np.ndarray | pd.Series) -> float:
    """Quasi-binomial dispersion φ ≥ 1: observed noise variance over the binomial one."""
    c = np.asarray(cooperation, dtype=float)
    k = np.asarray(conflict, dtype=float)
    n = c + k
    if n.sum() == 0:
        return 1.0
    r = raw_index(c, k)
    keep = n > 0
    mu = float(np.average(r[keep], weights=n[keep]))
    binomial = max(1.0 - mu * mu, 0.05)
    return max(1.0, noise_variance(c, k) / binomial)


def resolve_dispersion(dispersion: Dispersion, cooperation: np.ndarray | pd.Series, conflict: np.ndarray | pd.Series) -> float:
    if dispersion == "auto":
        return estimate_dispersion(cooperation, conflict)
    value = float(dispersion)
    if not value >= 1.0:
        raise AnalysisError(f"dispersion must be 'auto' or a number >= 1, not {dispersion!r}")
    return value


def beta_index(
    cooperation: np.ndarray | pd.Series | float,
    conflict: np.ndarray | pd.Series | float,
    *,
    prior: float = PRIOR,
    level: float = LEVEL,
    dispersion: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Posterior mean and equal-tailed interval of ``2p - 1`` under Beta(prior, prior)."""
    if prior <= 0:
        raise AnalysisError(f"prior must be positive, not {prior}")
    if not 0 < level < 1:
        raise AnalysisError(f"level must be between 0 and 1, not {level}")
    a = prior + np.asarray(cooperation, dtype=float) / dispersion
    b = prior + np.asarray(conflict, dtype=float) / dispersion
    mean = (a - b) / (a + b)
    tail = (1.0 - level) / 2.0
    low = 2.0 * stats.beta.ppf(tail, a, b) - 1.0
    high = 2.0 * stats.beta.ppf(1.0 - tail, a, b) - 1.0
    return mean, low, high


def pooled_index(
    cooperation: float, conflict: float, *, prior: float = PRIOR, level: float = LEVEL, dispersion: float = 1.0
) -> tuple[float, float, float]:
    """The index of several periods taken together (their counts summed)."""
    m, lo, hi = beta_index(cooperation, conflict, prior=prior, level=level, dispersion=dispersion)
    return float(m), float(lo), float(hi)


def index_frame(
    series: pd.DataFrame,
    *,
    prior: float = PRIOR,
    level: float = LEVEL,
    dispersion: Dispersion = "auto",
) -> tuple[pd.DataFrame, float]:
    """Per-period table of a store series with the index and its interval; returns (frame, φ).

    Columns: period, events, cooperation, conflict, verbal_coop .. material_conflict,
    goldstein (sum), goldstein_mean, index, index_low, index_high, and events_share / total
    when the series was normalised.
    """
    if "period" not in series.columns:
        raise AnalysisError("series has no period column")
    coop, conf = cooperation_conflict(series)
    phi = resolve_dispersion(dispersion, coop, conf)
    mean, low, high = beta_index(coop, conf, prior=prior, level=level, dispersion=phi)
    out = pd.DataFrame({"period": pd.to_datetime(series["period"]).to_numpy()})
    out["events"] = series["events"].astype("int64").to_numpy() if "events" in series else (coop + conf).to_numpy()
    out["cooperation"] = coop.to_numpy().astype("int64")
    out["conflict"] = conf.to_numpy().astype("int64")
    for col in (*COOPERATION, *CONFLICT):
        out[col] = series[col].to_numpy().astype("int64")
    out["goldstein"] = series["goldstein_sum"].astype(float).to_numpy() if "goldstein_sum" in series else np.nan
    out["goldstein_mean"] = series["goldstein_mean"].astype(float).to_numpy() if "goldstein_mean" in series else np.nan
    out["index"] = mean
    out["index_low"] = low
    out["index_high"] = high
    for col in ("total", "events_share"):
        if col in series.columns:
            out[col] = series[col].astype(float).to_numpy()
    return out, phi
