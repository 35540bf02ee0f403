"""``build_report``: one dyad's analysis, the store's facts and the charts drawn from them, as a ``Report``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.errors import AnalysisError, InputError
from dyadwatch.ontology import cameo_codes, countries
from dyadwatch.report import charts, facts
from dyadwatch.store import Store

Analyzer = Callable[..., dict[str, Any]]

_ADJECTIVE = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}


@dataclass(frozen=True)
class KeyNumber:
    """One headline number of the briefing, with the text shown and the value it came from."""

    name: str
    label: str
    text: str
    value: float | int | str | None
    note: str = ""


@dataclass
class Report:
    """Everything a report shows, ready to render as HTML, PDF or PNG charts."""

    a: str
    b: str
    title: str
    subtitle: str
    analysis: dict[str, Any]
    key_numbers: list[KeyNumber]
    charts: dict[str, charts.Spec]
    captions: dict[str, str]
    key_events: list[dict[str, Any]]
    facts: dict[str, Any] = field(default_factory=dict)
    generated: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))


def country_code(code: str, *, field: str = "country") -> str:
    """A known country or organisation code, upper-cased; InputError naming the field otherwise."""
    value = str(code).strip().upper()
    if not (len(value) == 3 and value.isalpha() and value.isascii()) or value not in countries():
        raise InputError(f"unknown country code {code!r} (use ISO 3166 alpha-3, e.g. JPN, or a CAMEO group code)", field=field)
    return value


def country_name(code: str) -> str:
    c = countries().get(code)
    return c.name if c else code


def default_analyzer() -> Analyzer:
    """``dyadwatch.analysis.analyze``; AnalysisError while the analysis package does not provide it."""
    from dyadwatch import analysis

    fn = getattr(analysis, "analyze", None)
    if fn is None:
        raise AnalysisError("dyadwatch.analysis.analyze is not available in this installation")
    return fn  # type: ignore[no-any-return]


# -- reading the analysis JSON -------------------------------------------------------------------
def _list(value: Any, *keys: str) -> list[dict[str, Any]]:
    """Rows from a list, or from the first of ``keys`` in a dict that holds one."""
    if isinstance(value, Mapping):
        value = next((value[k] for k in keys if isinstance(value.get(k), list)), None)
    if isinstance(value, list):
        return [dict(r) for r in value if isinstance(r, Mapping)]
    return []


def observed(series: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [r for r in series if charts._num(r.get("index")) is not None]


def event_study_groups(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The event study's groups (all, by direction, by kind) with their change and placebo interval."""
    return _list(analysis.get("event_study"), "groups")


def triggers(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The chronology's events that the event study used (date, title, kind, direction)."""
    return _list(analysis.get("event_study"), "triggers")


def annotated_changepoints(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Change points, each with the title of the chronology event nearest to it inside its evidence window."""
    trig = triggers(analysis)
    out = []
    for cp in analysis.get("changepoints") or []:
        row = dict(cp)
        period = str(cp.get("period") or "")[:10]
        lo = str(cp.get("evidence_start") or period)[:10]
        hi = str(cp.get("evidence_end") or period)[:10]
        near = [t for t in trig if lo <= str(t.get("date") or "")[:10] <= hi]
        if near and period:
            day = dt.date.fromisoformat(period)
            best = min(near, key=lambda t: abs((dt.date.fromisoformat(str(t["date"])[:10]) - day).days))
            row["chronology"] = best.get("title")
            row["chronology_date"] = str(best.get("date"))[:10]
        out.append(row)
    return out


def forecast_rows(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for r in _list(analysis.get("forecast"), "periods", "series", "rows"):
        rows.append({"period": r.get("period"), "index": r.get("index", r.get("mean", r.get("forecast"))),
                     "index_low": r.get("index_low", r.get("low")), "index_high": r.get("index_high", r.get("high"))})
    return rows


def compare_rows(analysis: Mapping[str, Any], a: str, b: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Every compared dyad's index, the report's own dyad first."""
    dyads = _list(analysis.get("compare"), "dyads")
    if len(dyads) < 2:
        return [], []
    own = f"{a}-{b}"
    dyads.sort(key=lambda d: d.get("dyad") != own)
    rows = [{"period": r.get("period"), "dyad": str(d.get("dyad")), "index": r.get("index")}
            for d in dyads for r in _list(d, "series")]
    return [str(d.get("dyad")) for d in dyads], rows


def irf_caption(analysis: Mapping[str, Any]) -> str:
    """How to read the impulse-response chart, and which third parties were not tested (so not drawn)."""
    threats = list(analysis.get("shared_threat") or [])
    level = charts._num((analysis.get("params") or {}).get("level")) or 0.95
    text = ""
    if charts.irf_tested(threats):
        text = ("Each panel shows how the index moves in the periods after a sudden rise (one standard deviation) in that party's "
                "conflict events toward the two countries: a line above zero means they cooperate more than expected, as if the "
                "threat drew them together, below zero that relations worsen, and where the shaded "
                f"{level * 100:.0f}% band crosses the dashed zero line the response cannot be told from none.")
        if any(int(t.get("index_differences") or 0) for t in charts.irf_tested(threats)):
            text += " Panels marked Δ show the change of the index per period, as the index was differenced for the test."
    untested = charts.irf_untested(threats)
    if untested:
        names = ", ".join(_untested_reason(t) for t in untested)
        text = f"{text} Not tested, so not drawn: {names}.".strip()
    return text


def _untested_reason(threat: Mapping[str, Any]) -> str:
    """``CHN (no conflict events ...)`` from a failed entry's summary (``CHN: not tested (reason).``)."""
    code = str(threat.get("third_party"))
    summary = str(threat.get("summary") or "")
    start, end = summary.find("("), summary.rfind(")")
    return f"{code} ({summary[start + 1:end]})" if 0 <= start < end else code


def key_numbers(analysis: Mapping[str, Any]) -> list[KeyNumber]:
    """Headline numbers computed from the analysis JSON alone (the tests recompute them the same way)."""
    series = list(analysis.get("series") or [])
    obs = observed(series)
    out: list[KeyNumber] = []
    total = sum(int(r.get("events") or 0) for r in series)
    out.append(KeyNumber("events", "Events", f"{total:,}", total, f"in {len(series)} periods"))
    if obs:
        last = obs[-1]
        idx = float(last["index"])
        lo, hi = charts._num(last.get("index_low")), charts._num(last.get("index_high"))
        band = f"interval {lo:+.2f} to {hi:+.2f}" if lo is not None and hi is not None else ""
        out.append(KeyNumber("latest_index", f"Index, {charts._date(last['period'])}", f"{idx:+.2f}", round(idx, 4), band))
        low = min(obs, key=lambda r: float(r["index"]))
        high = max(obs, key=lambda r: float(r["index"]))
        out.append(KeyNumber("lowest_index", "Lowest", f"{float(low['index']):+.2f}", round(float(low["index"]), 4), str(charts._date(low["period"]))))
        out.append(KeyNumber("highest_index", "Highest", f"{float(high['index']):+.2f}", round(float(high["index"]), 4), str(charts._date(high["period"]))))
    cps = list(analysis.get("changepoints") or [])
    note = ""
    if cps:
        c = cps[-1]
        note = f"latest {charts._date(c.get('period'))}: {charts._fmt(c.get('before'))} → {charts._fmt(c.get('after'))}"
    out.append(KeyNumber("changepoints", "Change points", str(len(cps)), len(cps), note))
    threats = list(analysis.get("shared_threat") or [])
    sig = [t for t in threats if t.get("significant", (charts._num(t.get("p_value")) or 1.0) < 0.05)]
    out.append(KeyNumber("shared_threats", "Shared-threat links", f"{len(sig)} of {len(threats)}", len(sig),
                         ", ".join(sorted({str(t.get("third_party")) for t in sig}))))
    return out


def key_events(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The events behind the change points, oldest first, each once, with the change point they explain."""
    seen: set[tuple[Any, ...]] = set()
    rows: list[dict[str, Any]] = []
    book = cameo_codes()
    for cp in annotated_changepoints(analysis):
        shift = f"{charts._date(cp.get('period'))}: {charts._fmt(cp.get('before'))} → {charts._fmt(cp.get('after'))}"
        for ev in cp.get("evidence") or []:
            key = (ev.get("event_id"), ev.get("date"), ev.get("sentence"), ev.get("url"))
            if key in seen:
                continue
            seen.add(key)
            known = book.get(str(ev.get("cameo_code")))
            rows.append({**ev, "event_type": known.name if known else (ev.get("plover") or ""), "changepoint": shift,
                         "chronology": cp.get("chronology") or ""})
    rows.sort(key=lambda r: str(r.get("date") or ""))
    return rows


# -- building ------------------------------------------------------------------------------------
def build_report(
    store: Store,
    a: str,
    b: str,
    *,
    analysis: Mapping[str, Any] | None = None,
    analyzer: Analyzer | None = None,
    top: int = 10,
    **analysis_options: Any,
) -> Report:
    """Analyse the dyad A–B (or take a finished ``analysis``) and gather what the report shows.

    ``analysis_options`` go to ``dyadwatch.analysis.analyze`` (threats, freq, start, end,
    dataset, normalize, dedup, compare, ...); freq, start, end, dataset and dedup also
    select the counts read from the store.
    """
    a, b = country_code(a, field="a"), country_code(b, field="b")
    if a == b:
        raise InputError("a dyad needs two different countries", field="b")
    if analysis is None:
        analysis = (analyzer or default_analyzer())(store, a, b, **analysis_options)
    result = dict(analysis)
    params = dict(result.get("params") or {})
    opt = {**params, **analysis_options}
    freq = str(result.get("freq") or opt.get("freq") or "month")
    start, end, dataset = opt.get("start"), opt.get("end"), opt.get("dataset")
    series = list(result.get("series") or [])
    cps = annotated_changepoints(result)

    quad = series if series and all(q in series[0] for q in charts.QUAD_ORDER) else facts.quad_series(
        store, a, b, freq=freq, start=start, end=end, dataset=dataset, dedup=str(opt.get("dedup") or "none"))
    types = facts.top_event_types(store, a, b, start=start, end=end, dataset=dataset, limit=top)
    actors = facts.top_actors(store, a, b, start=start, end=end, dataset=dataset, limit=top)

    name_a, name_b = country_name(a), country_name(b)
    specs: dict[str, charts.Spec] = {}
    captions: dict[str, str] = {}
    specs["index"] = charts.index_chart(series, cps, triggers=triggers(result), title=f"{name_a}–{name_b} relations index")
    captions["index"] = ("The index runs from −1 (all conflict) to +1 (all cooperation); the band is its interval. "
                         "Dashed lines are change points, labelled with the nearest event of the chronology; "
                         "triangles on the axis are the chronology's events.")
    specs["quad"] = charts.quad_chart(quad)
    captions["quad"] = "Events per period in each quad class, cooperation above zero and conflict below."
    if types:
        specs["event_types"] = charts.bar_chart(types, label="label", value="events", title="Most frequent event types (CAMEO)")
        captions["event_types"] = "CAMEO event codes between the two countries, both directions."
    if actors:
        specs["actors"] = charts.bar_chart(actors, label="label", value="events", title="Most frequent actors", color=charts.INDEX)
        captions["actors"] = "Actors named on either side of the events."
    study = event_study_groups(result)
    if study:
        specs["event_study"] = charts.event_study_chart(study)
        captions["event_study"] = ("Change of the index from the periods before the chronology's events to the periods after, "
                                   "with its interval (blue), beside the range random dates give (grey); groups of at least three events.")
    threats = list(result.get("shared_threat") or [])
    if threats:
        specs["shared_threat"] = charts.shared_threat_chart(threats)
        captions["shared_threat"] = ("Granger tests: bars past the dashed line (p < 0.05) mean the third party's conflict events "
                                     "help predict the dyad's index; the colour says which way.")
        if charts.irf_tested(threats):
            specs["irf"] = charts.irf_chart(threats)
            captions["irf"] = irf_caption(result)
    names, cmp_rows = compare_rows(result, a, b)
    if cmp_rows:
        specs["compare"] = charts.compare_chart(cmp_rows, title=f"{names[0]} compared with {', '.join(names[1:])}")
        which = "Both dyads'" if len(names) == 2 else f"All {len(names)} dyads'"
        captions["compare"] = f"{which} indexes, one colour each, computed the same way (periods, datasets, normalisation, deduplication)."
    fc = forecast_rows(result)
    if fc:
        specs["forecast"] = charts.forecast_chart(observed(series)[-24:], fc, title=f"Forecast, next {len(fc)} periods")
        captions["forecast"] = "The last two years observed and the forecast with its interval."

    periods = [charts._date(r.get("period")) for r in series]
    span = f"{periods[0]} to {periods[-1]}" if periods else "no periods"
    return Report(
        a=a, b=b,
        title=f"{name_a} – {name_b}: how the relationship moved",
        subtitle=f"{a}–{b}, {_ADJECTIVE.get(freq, freq)} periods, {span}",
        analysis=result,
        key_numbers=key_numbers(result),
        charts=specs,
        captions=captions,
        key_events=key_events(result),
        facts={"event_types": types, "actors": actors},
    )
