"""``analyze``: every analysis of one dyad in one call, as one JSON-ready object.

The report, the dashboard and ``dyadwatch analyze`` all use this object (its fields are
documented in docs/analysis.md). Sections that cannot be computed from the data (too few
periods, no trigger in range, no threat events) are left empty and say why in ``notes``;
only a dyad without any event, or a bad option, raises.
"""

from __future__ import annotations

import datetime as dt
import difflib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

import dyadwatch.analysis.changepoints as cpmod
import dyadwatch.analysis.chronology as chron
import dyadwatch.analysis.event_study as esmod
import dyadwatch.analysis.forecast as fcmod
import dyadwatch.analysis.inputs as inputs
import dyadwatch.analysis.threat as thmod
from dyadwatch.analysis.briefing import briefing
from dyadwatch.analysis.compare import compare_dyads, dyad_label
from dyadwatch.analysis.index import LEVEL, PRIOR, Dispersion, index_frame
from dyadwatch.analysis.parameters import PARAMETERS
from dyadwatch.analysis.periods import check_freq, period_end
from dyadwatch.analysis.plain import records, to_plain
from dyadwatch.errors import AnalysisError, ConfigError, InputError
from dyadwatch.ontology import countries, to_iso3
from dyadwatch.store import Store
from dyadwatch.store import queries as q

SCHEMA_VERSION = 1




def defaults() -> dict[str, Any]:
    return {p.name: p.default for p in PARAMETERS}


# -- validation --------------------------------------------------------------------------------
def check_country(code: str, *, field: str) -> str:
    """An upper-cased known code, or an InputError that names the option and suggests codes."""
    c = str(code).strip().upper()
    known = countries()
    if c in known:
        return c
    guess = to_iso3(str(code))
    if guess:
        close = [guess]
    else:
        close = [k for k in sorted(known) if sorted(k) == sorted(c)]
        close += [m for m in difflib.get_close_matches(c, list(known), n=3) if m not in close]
    hint = ("; did you mean " + " or ".join(f"{m} ({known[m].name})" for m in close[:3]) + "?") if close else ""
    err = InputError(f"unknown country code {code!r} for {field}{hint} "
                     "Codes are ISO3 (JPN, KOR, PRK) or CAMEO organisation codes (UNO, NAT, EEC).")
    err.field = field
    raise err


def _threat_list(threats: str | Sequence[str] | None) -> list[str]:
    if threats is None:
        return []
    items = threats.split(",") if isinstance(threats, str) else [t for part in threats for t in str(part).split(",")]
    out: list[str] = []
    for t in items:
        if t.strip():
            code = check_country(t, field="threats")
            if code not in out:
                out.append(code)
    return out


def _compare_list(compare: Sequence[Any] | str | None) -> list[tuple[str, str]]:
    if compare is None:
        return []
    if isinstance(compare, str):
        compare = [compare]
    items = list(compare)
    if len(items) == 2 and all(isinstance(x, str) and len(x.strip()) <= 3 for x in items):
        items = [tuple(items)]
    pairs: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            parts = [p for p in item.replace(",", "-").replace(" ", "-").split("-") if p]
        else:
            parts = list(item)
        if len(parts) != 2:
            raise InputError(f"compare needs pairs of country codes (e.g. USA VNM), not {item!r}", field="compare")
        pair = (check_country(parts[0], field="compare"), check_country(parts[1], field="compare"))
        if not any(set(pair) == set(p) for p in pairs):  # each dyad once, in either order
            pairs.append(pair)
    return pairs


# -- the analysis ------------------------------------------------------------------------------
def analyze(
    store: Store,
    a: str,
    b: str,
    *,
    threats: str | Sequence[str] = (),
    freq: str = "month",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    dataset: str | list[str] | None = None,
    normalize: str = "none",
    dedup: str = "none",
    triggers: str | Path | pd.DataFrame | None = "chronology",
    compare: Sequence[Any] | str | None = None,
    forecast_periods: int = fcmod.PERIODS,
    level: float = LEVEL,
    prior: float = PRIOR,
    dispersion: Dispersion = "auto",
    penalty: str | float = cpmod.PENALTY,
    cost: str = cpmod.COST,
    min_size: int = cpmod.MIN_SIZE,
    window: int | None = None,
    placebo_draws: int = esmod.PLACEBO_DRAWS,
    seed: int = 0,
    maxlags: int | None = None,
    ic: str = thmod.IC,
    forecast_model: str = fcmod.MODEL,
    evidence: int = 5,
) -> dict[str, Any]:
    """Analyse the relations of A and B: series and index, change points with evidence,
    event study, shared threats, comparison, forecast and a plain-language briefing.

    Returns a JSON-ready dict (plain types, ISO dates, no NaN); see docs/analysis.md.
    Raises InputError for unknown country codes or trigger files, ConfigError for unknown
    option values and AnalysisError when the dyad has no events.
    """
    clock = _Clock()
    a_code, b_code = check_country(a, field="A"), check_country(b, field="B")
    if a_code == b_code:
        raise InputError(f"A and B are the same country ({a_code})", field="B")
    check_freq(freq)
    if normalize not in q.NORMALIZE:
        raise ConfigError(f"unknown normalization {normalize!r}; choose one of {', '.join(q.NORMALIZE)}")
    if dedup not in q.DEDUP:
        raise ConfigError(f"unknown dedup {dedup!r}; choose one of {', '.join(q.DEDUP)}")
    third = [t for t in _threat_list(threats) if t not in (a_code, b_code)]
    pairs = _compare_list(compare)
    label = dyad_label(a_code, b_code)
    notes: list[str] = []

    raw = inputs.dyad_series(store, a_code, b_code, freq=freq, start=start, end=end, dataset=dataset,
                             normalize=normalize, dedup=dedup)
    if raw.empty or int(raw["events"].sum()) == 0:
        where = f" in dataset {dataset}" if dataset else ""
        span = f" between {start or 'the first'} and {end or 'the last'} date" if (start or end) else ""
        raise AnalysisError(f"no events between {a_code} and {b_code}{where}{span} in the store {store.path}")
    frame, phi = index_frame(raw, prior=prior, level=level, dispersion=dispersion)
    q_start = start or frame["period"].iloc[0].date()
    q_end = end or period_end(frame["period"].iloc[-1], freq)
    clock.lap("series")

    # change points, with the events that weigh most around each
    cps: list[dict[str, Any]] = []
    cp_info: dict[str, Any] = {}
    try:
        cps, cp_info = cpmod.detect(frame, cost=cost, penalty=penalty, min_size=min_size, prior=prior, level=level, dispersion=phi)
    except AnalysisError as exc:
        notes.append(f"change points: {exc}")
    periods = frame["period"].reset_index(drop=True)
    for cp in cps:
        i = cp["position"]
        lo, hi = cpmod.evidence_window(periods[i], periods[i - 1] if i > 0 else None,
                                       periods[i + 1] if i + 1 < len(periods) else None)
        cand = inputs.evidence_candidates(store, a_code, b_code, start=lo.date(), end=hi.date(), rising=cp["change"] > 0,
                                          at=periods[i].date(), dataset=dataset, limit=max(50, 10 * evidence))
        cp["evidence"] = cpmod.rank_evidence(cand, rising=cp["change"] > 0, k=evidence, at=periods[i])
        cp["evidence_start"], cp["evidence_end"] = lo, hi
    clock.lap("changepoints")

    # event study
    study: dict[str, Any] | None = None
    trig_frame, trig_source = _triggers(store, triggers, a_code, b_code, start=q_start, end=q_end, dataset=dataset, notes=notes)
    if trig_frame is not None:
        trig_frame = chron.within(trig_frame, frame["period"].iloc[0], q_end)
        if trig_frame.empty:
            notes.append("event study: no trigger falls within the series")
        else:
            try:
                study = esmod.event_study(frame, trig_frame, freq=freq, window=window, placebo_draws=placebo_draws, seed=seed,
                                          level=level, prior=prior, dispersion=phi)
                study["source"] = trig_source
            except AnalysisError as exc:
                notes.append(f"event study: {exc}")
    clock.lap("event_study")

    # shared threats
    shared: list[dict[str, Any]] = []
    if third:
        counts = inputs.threat_counts(store, a_code, b_code, third, periods=frame["period"], freq=freq, start=q_start, end=q_end,
                                      dataset=dataset, dedup=dedup)
        total = frame["total"] if normalize != "none" and "total" in frame else None
        prepared = None
        response = thmod.regime_adjusted(frame["index"], [cp["position"] for cp in cps])
        try:
            prepared = thmod.prepare_response(response, freq=freq, maxlags=maxlags)
        except AnalysisError as exc:
            notes.append(f"shared threat: the index cannot be tested ({exc})")
        for c in third:
            x = thmod.threat_series(counts[c].reset_index(drop=True), total=total)
            name = countries()[c]
            who = name.adjectives[0] if name.adjectives else name.name
            try:
                if prepared is None:
                    raise AnalysisError("the index is constant")
                entry = thmod.threat_effect(x, response, third_party=c, freq=freq, maxlags=maxlags, ic=ic, level=level,
                                            dyad_label=f"{a_code}–{b_code}", threat_label=who, prepared=prepared,
                                            regimes=len(cps) + 1)
            except AnalysisError as exc:
                entry = thmod.failed(c, str(exc))
            entry["threat_events"] = int(counts[c].sum())
            shared.append(entry)
    clock.lap("shared_threat")

    # comparison
    comparison: dict[str, Any] | None = None
    if pairs:
        frames = {label: frame}
        for c, d in pairs:
            if {c, d} == {a_code, b_code}:
                notes.append(f"compare: {c}-{d} is the analysed dyad itself")
                continue
            other = inputs.dyad_series(store, c, d, freq=freq, start=q_start, end=q_end, dataset=dataset,
                                       normalize=normalize, dedup=dedup)
            if other.empty:
                notes.append(f"compare: no events between {c} and {d}")
                continue
            frames[dyad_label(c, d)] = index_frame(other, prior=prior, level=level, dispersion=dispersion)[0]
        comparison = compare_dyads(frames)
    clock.lap("compare")

    # forecast and alerts
    fc: dict[str, Any] | None = None
    try:
        fc = fcmod.forecast(frame, freq=freq, periods=forecast_periods, model=forecast_model, level=level,
                            changepoints=[cp["period"] for cp in cps])
    except AnalysisError as exc:
        notes.append(f"forecast: {exc}")
    clock.lap("forecast")

    series_rows = records(frame.drop(columns=[c for c in ("total",) if c in frame]))
    params = {
        **defaults(),
        "a": a_code, "b": b_code, "threats": third, "freq": freq, "start": start, "end": end, "dataset": dataset,
        "normalize": normalize, "dedup": dedup,
        "triggers": trig_source if isinstance(triggers, pd.DataFrame) else (str(triggers) if triggers is not None else "none"),
        "compare": [list(p) for p in pairs], "forecast_periods": forecast_periods, "level": level, "prior": prior,
        "dispersion": dispersion, "dispersion_used": phi, "penalty": penalty, "cost": cost, "min_size": min_size,
        "window": study["window"] if study else window, "placebo_draws": placebo_draws, "seed": seed, "maxlags": maxlags,
        "ic": ic, "forecast_model": forecast_model, "evidence": evidence, "changepoint_settings": cp_info,
        "first_period": frame["period"].iloc[0], "last_period": frame["period"].iloc[-1],
    }
    result = to_plain({
        "schema_version": SCHEMA_VERSION,
        "dyad": {"a": a_code, "b": b_code, "label": label,
                 "a_name": countries()[a_code].name, "b_name": countries()[b_code].name},
        "freq": freq,
        "series": series_rows,
        "changepoints": cps,
        "event_study": study,
        "shared_threat": shared,
        "compare": comparison,
        "forecast": fc,
        "notes": notes,
        "params": params,
    })
    result["briefing"] = briefing(result)
    clock.lap("briefing")
    result["timings"] = clock.laps
    return result


def _triggers(
    store: Store,
    triggers: str | Path | pd.DataFrame | None,
    a: str,
    b: str,
    *,
    start: dt.date | str | None,
    end: dt.date | str | None,
    dataset: str | list[str] | None,
    notes: list[str],
) -> tuple[pd.DataFrame | None, str]:
    if isinstance(triggers, pd.DataFrame):
        if "date" not in triggers.columns:
            raise InputError("trigger frame has no date column", field="triggers")
        frame = triggers.copy()
        frame["date"] = pd.to_datetime(frame["date"])
        return frame, "frame"
    spec = chron.parse_spec(triggers)
    if spec.source == "none":
        return None, "none"
    if spec.source == "chronology":
        bundled = chron.chronology_for(a, b)
        if bundled is None:
            notes.append(f"event study: no bundled chronology for {a}-{b} (give --triggers FILE or cameo:CODE)")
        return bundled, "chronology"
    if spec.source == "cameo":
        return inputs.cameo_triggers(store, a, b, spec.codes, start=start, end=end, dataset=dataset), spec.value
    return chron.read_triggers(spec.value), spec.value


class _Clock:
    """Seconds spent in each step (reported under ``timings``)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t0 = self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.pop("total", None)
        self.laps[name] = round(now - self._last, 4)
        self.laps["total"] = round(now - self._t0, 4)
        self._last = now
