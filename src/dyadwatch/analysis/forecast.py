"""Early warning: a forecast of the index with intervals, and alerts.

Forecast models are registered by name (:data:`MODELS`); the default ``local-level`` is a
local-level (random walk plus noise) state-space model, statsmodels
``UnobservedComponents``, fitted by maximum likelihood. Periods without events are missing
observations, which the Kalman filter skips, so thin stretches widen the interval instead
of pulling the forecast to 0. ``arima`` is a SARIMAX ARMA(1,1) with a constant; ``ets``
an additive damped-trend exponential smoothing (statsmodels ``ETSModel``, gaps
interpolated). Forecasts and intervals are clipped to [-1, 1].

Alerts: the latest period with events lies outside the one-step-ahead prediction interval
of the model (its in-sample prediction from the periods before), or a change point falls
in the last ``recent`` periods.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from dyadwatch.analysis.index import LEVEL
from dyadwatch.analysis.parameters import MODEL, PERIODS
from dyadwatch.analysis.periods import check_freq, label, next_periods
from dyadwatch.errors import AnalysisError

#: Periods at the end of the series in which a change point raises an alert, by frequency.
RECENT = {"day": 14, "week": 4, "month": 3, "quarter": 2, "year": 1}

#: (mean, low, high) of the next ``h`` periods and (mean, low, high) one step ahead of observation ``i``.
Fitted = tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float, float]]


def _state_space(res: Any, n: int, h: int, i: int, alpha: float) -> Fitted:
    fc = res.get_forecast(h)
    ci = np.asarray(fc.conf_int(alpha=alpha))
    one = res.get_prediction(start=i, end=i)
    oci = np.asarray(one.conf_int(alpha=alpha))
    return (np.asarray(fc.predicted_mean, float), ci[:, 0], ci[:, 1],
            (float(np.asarray(one.predicted_mean)[0]), float(oci[0, 0]), float(oci[0, 1])))


def _local_level(y: np.ndarray, h: int, i: int, alpha: float) -> Fitted:
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    res = UnobservedComponents(y, level="llevel").fit(disp=False)
    return _state_space(res, len(y), h, i, alpha)


def _arima(y: np.ndarray, h: int, i: int, alpha: float) -> Fitted:
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    res = SARIMAX(y, order=(1, 0, 1), trend="c").fit(disp=False)
    return _state_space(res, len(y), h, i, alpha)


def _ets(y: np.ndarray, h: int, i: int, alpha: float) -> Fitted:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    filled = pd.Series(y, dtype=float).interpolate(limit_direction="both")
    res = ETSModel(filled, error="add", trend="add", damped_trend=True).fit(disp=False)
    fc = res.get_prediction(start=len(filled), end=len(filled) + h - 1).summary_frame(alpha=alpha)
    one = res.get_prediction(start=i, end=i).summary_frame(alpha=alpha)
    return (fc["mean"].to_numpy(float), fc["pi_lower"].to_numpy(float), fc["pi_upper"].to_numpy(float),
            (float(one["mean"].iloc[0]), float(one["pi_lower"].iloc[0]), float(one["pi_upper"].iloc[0])))


#: Forecast models by name.
MODELS: dict[str, Callable[[np.ndarray, int, int, float], Fitted]] = {
    "local-level": _local_level,
    "arima": _arima,
    "ets": _ets,
}


def register_model(name: str, fit: Callable[[np.ndarray, int, int, float], Fitted]) -> None:
    """Add a forecast model: ``fit(y, h, i, alpha)`` returns the next h periods and the
    one-step-ahead prediction of observation i, as (mean, low, high) arrays and a triple."""
    MODELS[name] = fit


def forecast(
    frame: pd.DataFrame,
    *,
    freq: str,
    periods: int = PERIODS,
    model: str = MODEL,
    level: float = LEVEL,
    changepoints: Sequence[pd.Timestamp] = (),
    recent: int | None = None,
) -> dict[str, Any]:
    """Forecast the index of ``frame`` (columns period, events, index) ``periods`` ahead."""
    check_freq(freq)
    if model not in MODELS:
        raise AnalysisError(f"unknown forecast model {model!r}; known: {', '.join(sorted(MODELS))}")
    if periods < 1:
        raise AnalysisError("forecast periods must be at least 1")
    per = pd.to_datetime(frame["period"]).reset_index(drop=True)
    y = frame["index"].to_numpy(float).copy()
    y[frame["events"].to_numpy(float) <= 0] = np.nan
    observed = np.flatnonzero(~np.isnan(y))
    if len(observed) < 8:
        raise AnalysisError(f"a forecast needs at least 8 periods with events, there are {len(observed)}")
    last = int(observed[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            mean, low, high, one = MODELS[model](y, periods, last, 1.0 - level)
        except (np.linalg.LinAlgError, ValueError) as exc:
            raise AnalysisError(f"the {model} model could not be fitted: {exc}") from exc
    future = next_periods(per.iloc[-1], periods, freq)
    rows = [{"period": p, "index": _clip(m), "low": _clip(lo), "high": _clip(hi)}
            for p, m, lo, hi in zip(future, mean, low, high, strict=True)]
    pred, p_lo, p_hi = one
    outside = not (p_lo <= y[last] <= p_hi)
    n_recent = RECENT[freq] if recent is None else int(recent)
    cutoff = per.iloc[max(0, len(per) - n_recent)]
    recent_cps = [pd.Timestamp(c) for c in changepoints if pd.Timestamp(c) >= cutoff]
    reasons = []
    if outside:
        side = "above" if y[last] > p_hi else "below"
        reasons.append(f"the latest period ({label(per[last], freq)}, {y[last]:+.2f}) is {side} its one-step forecast interval "
                       f"[{p_lo:+.2f}, {p_hi:+.2f}]")
    for c in recent_cps:
        reasons.append(f"a change point at {label(c, freq)}, within the last {n_recent} periods")
    return {
        "model": model,
        "level": level,
        "periods": rows,
        "latest": {"period": per[last], "index": float(y[last]), "predicted": _clip(pred),
                   "low": _clip(p_lo), "high": _clip(p_hi), "outside": outside,
                   "empty_periods_after": int(len(per) - 1 - last)},
        "recent": n_recent,
        "alert": bool(reasons),
        "reasons": reasons,
    }


def _clip(x: float) -> float:
    return float(min(1.0, max(-1.0, x)))
