"""Shared threat: does a third party's hostility push A and B together?

For each third party C the threat series is the conflict events (quad classes 3-4) from C
toward A or B per period (``log(1 + count)``, or the share of the period's events when
the series is normalised). The response is the A–B relations index.

Method (statsmodels):

0. Regimes: when change points were found, the index is taken net of its regime means
   (the mean of each stretch between change points). A break in the mean makes ADF see a
   unit root where there is none (Perron 1989), and differencing such a series leaves an
   MA(1) error that a short VAR fits badly and that inflates the Granger test's size.
1. Stationarity: each series is tested with ADF (H0: unit root; lag length by AIC up to
   ``maxlags``) and KPSS (H0: level stationary) and differenced once when ADF does not
   reject at ``alpha`` or KPSS does (at most ``max_diff`` times).
2. A two-variable VAR (threat ordered first) with the lag order chosen by an information
   criterion (AIC by default) up to ``maxlags``; at least one lag.
3. Granger causality: F test that the threat's lags add nothing to the response equation.
4. Impulse responses: orthogonalised (Cholesky, threat first) response of the index to a
   one-standard-deviation threat shock, with asymptotic standard errors. ``direction`` is
   the sign of the index's level response summed over the first ``lag`` periods after the
   shock (a differenced index's responses are summed back to levels): positive means more
   threat is followed by more cooperation.

Caveat, stated in every summary: these results depend on the aggregation level (a lag of
one month and of four weeks are different models) and on what the event data record; a
Granger test says the threat series helps predict the index, not that it causes it.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tools.sm_exceptions import InterpolationWarning
from statsmodels.tsa.api import VAR
from statsmodels.tsa.stattools import adfuller, kpss

from dyadwatch.analysis.index import LEVEL
from dyadwatch.analysis.parameters import IC
from dyadwatch.analysis.periods import UNITS, check_freq
from dyadwatch.errors import AnalysisError

#: Largest lag order tried, by frequency (also capped by the series length).
MAXLAGS = {"day": 14, "week": 8, "month": 6, "quarter": 4, "year": 2}
ALPHA = 0.05
MAX_DIFF = 1
#: Fewest periods a test is run on.
MIN_PERIODS = 20
#: Steps of the impulse response reported.
HORIZONS = {"day": 30, "week": 12, "month": 12, "quarter": 8, "year": 4}

CAVEAT = (
    "Granger tests say whether the threat series helps predict the index, not that it causes it; "
    "the result depends on the aggregation level (day, week, month, quarter) and on what the media report."
)


def threat_series(counts: pd.Series, *, total: pd.Series | None = None) -> pd.Series:
    """The threat measure from conflict-event counts: log(1 + n), or n / total when normalised."""
    x = counts.astype(float)
    if total is not None:
        t = total.astype(float)
        return pd.Series(np.where(t > 0, x / t.where(t > 0, 1.0), 0.0), index=x.index, name=counts.name)
    return pd.Series(np.log1p(x.to_numpy(float)), index=x.index, name=counts.name)


def stationarity(x: pd.Series, *, alpha: float = ALPHA, maxlag: int | None = None) -> dict[str, Any]:
    """ADF and KPSS p-values and whether the series counts as stationary (ADF rejects, KPSS does not).

    The ADF lag length is chosen by AIC up to ``maxlag`` (statsmodels' default when None).
    """
    values = x.to_numpy(float)
    if len(values) < MIN_PERIODS:
        raise AnalysisError(f"stationarity tests need at least {MIN_PERIODS} periods, there are {len(values)}")
    if np.nanstd(values) == 0:
        raise AnalysisError("series is constant")
    if maxlag is not None:
        maxlag = max(0, min(maxlag, len(values) // 2 - 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InterpolationWarning)
        adf_p = float(adfuller(values, maxlag=maxlag, autolag="AIC", result_object=False)[1])
        kpss_p = float(kpss(values, regression="c", nlags="auto", result_object=False)[1])
    return {"adf_p": adf_p, "kpss_p": kpss_p, "stationary": adf_p < alpha and kpss_p >= alpha}


def make_stationary(
    x: pd.Series, *, alpha: float = ALPHA, max_diff: int = MAX_DIFF, maxlag: int | None = None
) -> tuple[pd.Series, dict[str, Any]]:
    """Difference ``x`` until ADF/KPSS agree it is stationary (at most ``max_diff`` times)."""
    tests = [stationarity(x, alpha=alpha, maxlag=maxlag)]
    d = 0
    while not tests[-1]["stationary"] and d < max_diff:
        x = x.diff().dropna()
        d += 1
        tests.append(stationarity(x, alpha=alpha, maxlag=maxlag))
    return x, {"differences": d, "tests": tests}


def regime_adjusted(index: pd.Series, breaks: Sequence[int]) -> pd.Series:
    """The index minus the mean of its regime (positions of the change points given)."""
    labels = np.searchsorted(np.asarray(sorted(breaks), dtype=int), np.arange(len(index)), side="right")
    values = index.reset_index(drop=True).astype(float)
    return values - values.groupby(labels).transform("mean")


def prepare_response(
    response: pd.Series, *, freq: str, alpha: float = ALPHA, max_diff: int = MAX_DIFF, maxlags: int | None = None
) -> tuple[pd.Series, dict[str, Any]]:
    """The response series made stationary once, to be shared by every third party's test."""
    cap = MAXLAGS[check_freq(freq)] if maxlags is None else int(maxlags)
    return make_stationary(response.reset_index(drop=True).rename("index"), alpha=alpha, max_diff=max_diff, maxlag=cap)


def threat_effect(
    threat: pd.Series,
    response: pd.Series,
    *,
    third_party: str,
    freq: str,
    maxlags: int | None = None,
    ic: str = IC,
    alpha: float = ALPHA,
    max_diff: int = MAX_DIFF,
    level: float = LEVEL,
    horizon: int | None = None,
    dyad_label: str = "A–B",
    threat_label: str | None = None,
    prepared: tuple[pd.Series, dict[str, Any]] | None = None,
    regimes: int = 1,
) -> dict[str, Any]:
    """Granger test and VAR impulse responses from ``threat`` to ``response`` (same index).

    ``prepared`` is :func:`prepare_response`'s result for ``response``, when several third
    parties are tested against the same index; ``regimes`` > 1 says the response is the
    index net of that many change-point regimes (:func:`regime_adjusted`), for the summary.
    """
    check_freq(freq)
    if ic not in ("aic", "bic", "hqic", "fpe"):
        raise AnalysisError(f"unknown information criterion {ic!r}; choose aic, bic, hqic or fpe")
    if len(threat) != len(response):
        raise AnalysisError("threat and response series differ in length")
    if float(np.nansum(np.abs(threat.to_numpy(float)))) == 0:
        raise AnalysisError(f"no conflict events from {third_party} toward the dyad in these periods")
    who = threat_label or third_party
    cap = MAXLAGS[freq] if maxlags is None else int(maxlags)
    x, x_info = make_stationary(threat.reset_index(drop=True).rename("threat"), alpha=alpha, max_diff=max_diff, maxlag=cap)
    y, y_info = prepared or prepare_response(response, freq=freq, alpha=alpha, max_diff=max_diff, maxlags=cap)
    data = pd.concat([x, y], axis=1, join="inner").dropna()
    n = len(data)
    cap = max(1, min(cap, (n - 10) // 3))
    if n < MIN_PERIODS:
        raise AnalysisError(f"the VAR needs at least {MIN_PERIODS} periods after differencing, there are {n}")
    model = VAR(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        order = model.select_order(maxlags=cap)
    chosen = order.selected_orders.get(ic)
    lag = max(1, int(chosen if chosen is not None else 1))
    res = model.fit(lag)
    test = res.test_causality("index", ["threat"], kind="f")
    reverse = res.test_causality("threat", ["index"], kind="f")
    p_value = float(test.pvalue)
    f_stat = float(test.test_statistic)
    coef = float(sum(res.coefs[i][1, 0] for i in range(lag)))
    steps = int(horizon or HORIZONS[freq])
    irf = res.irf(steps)
    resp = irf.orth_irfs[:, 1, 0]
    se = irf.stderr(orth=True)[:, 1, 0]
    # The sign of the effect on the index's level over the lags the VAR uses: later steps
    # mostly echo the threat series' own dynamics (responses of a differenced index are
    # summed back to levels first).
    level_resp = np.cumsum(resp) if y_info["differences"] else resp
    area = float(level_resp[1 : lag + 1].sum())
    direction = "positive" if area > 0 else "negative" if area < 0 else "none"
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    irf_rows = [{"step": i, "response": float(resp[i]), "low": float(resp[i] - z * se[i]), "high": float(resp[i] + z * se[i])}
                for i in range(len(resp))]
    unit = UNITS[freq]
    lag_words = f"{lag} {unit}" + ("s" if lag != 1 else "")
    diffs = []
    if x_info["differences"]:
        diffs.append("threat")
    if y_info["differences"]:
        diffs.append("index")
    transform = f"differenced: {', '.join(diffs)}" if diffs else "levels"
    if regimes > 1:
        transform = f"index net of its {regimes} change-point regimes, {transform}"
    if p_value < alpha:
        more = "more" if direction == "positive" else "less"
        head = (f"{who} conflict events Granger-cause {dyad_label} relations at lag {lag_words} "
                f"(F = {f_stat:.2f}, {p_text(p_value)}): more threat is followed by {more} cooperation "
                f"(summed response of the index {area:+.3f} over {lag_words}).")
    else:
        head = (f"No evidence that {who} conflict events help predict {dyad_label} relations "
                f"(lag {lag_words}, F = {f_stat:.2f}, {p_text(p_value)}).")
    summary = f"{head} VAR({lag}) chosen by {ic.upper()}, {transform}, {n} periods. {CAVEAT}"
    return {
        "third_party": third_party,
        "lag": lag,
        "p_value": p_value,
        "f_stat": f_stat,
        "df": [int(d) for d in test.df],
        "direction": direction,
        "significant": p_value < alpha,
        "reverse_p_value": float(reverse.pvalue),
        "coefficient_sum": coef,
        "cumulative_response": area,
        "ic": ic,
        "maxlags": cap,
        "periods": n,
        "regimes": regimes,
        "threat_differences": int(x_info["differences"]),
        "index_differences": int(y_info["differences"]),
        "stationarity": {"threat": x_info["tests"], "index": y_info["tests"]},
        "irf": irf_rows,
        "threat_events": None,
        "summary": summary,
    }


def p_text(p: float) -> str:
    """A p-value as written in the briefing: p < 0.001, p = 0.004, p = 0.050, p = 0.21."""
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def failed(third_party: str, reason: str) -> dict[str, Any]:
    """The entry of a third party whose test could not be run (reason in the summary)."""
    return {"third_party": third_party, "lag": None, "p_value": None, "f_stat": None, "df": None,
            "direction": None, "significant": False, "reverse_p_value": None, "coefficient_sum": None, "cumulative_response": None,
            "ic": None, "maxlags": None, "periods": None, "regimes": None, "threat_differences": None, "index_differences": None,
            "stationarity": None, "irf": [], "threat_events": None, "summary": f"{third_party}: not tested ({reason})."}

