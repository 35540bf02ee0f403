"""The briefing: the analysis in short plain-language paragraphs, with its numbers.

Made from the JSON-ready result of :func:`dyadwatch.analysis.analyze` alone, so the report
and the dashboard can rebuild it from a saved result.
"""

from __future__ import annotations

from typing import Any

from dyadwatch.analysis.periods import label, plural
from dyadwatch.analysis.threat import p_text

ADVERBS = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
#: Event-study groups shown besides "all" (the largest first).
MAX_GROUPS = 6


def num(x: float | None, digits: int = 2) -> str:
    """A signed number with a true minus sign (+0.34, −0.21); n/a for None."""
    if x is None:
        return "n/a"
    return f"{x:+.{digits}f}".replace("-", "−")


def _count(n: float | int) -> str:
    return f"{round(n):,}"


def _interval(lo: float | None, hi: float | None) -> str:
    return f"{num(lo)} to {num(hi)}"


def briefing(result: dict[str, Any]) -> str:
    """Plain-language summary of an analysis result (see docs/analysis.md)."""
    freq = result["freq"]
    dyad = result["dyad"]
    names = f"{dyad['a_name']} and {dyad['b_name']}"
    pair = f"{dyad['a']}–{dyad['b']}"
    level = round(100 * float(result["params"]["level"]))
    parts = [_overview(result, names, pair, freq, level)]
    parts.append(_changepoints(result, names, freq))
    if result.get("event_study"):
        parts.append(_event_study(result["event_study"], freq, level))
    for entry in result.get("shared_threat") or []:
        parts.append(entry["summary"])
    if result.get("compare"):
        parts.append(_compare(result["compare"], freq))
    if result.get("forecast"):
        parts.append(_forecast(result["forecast"], freq, level))
    if result.get("notes"):
        parts.append("Not computed: " + "; ".join(result["notes"]) + ".")
    phi = result["params"].get("dispersion_used")
    parts.append(
        "Caveats: the index counts media-reported events, so coverage, coding rules and news cycles move it as well as "
        f"diplomacy; intervals treat {phi:.1f} reports as one independent observation (dispersion)."
        if phi is not None else
        "Caveats: the index counts media-reported events, so coverage, coding rules and news cycles move it as well as diplomacy."
    )
    return "\n\n".join(p for p in parts if p)


def _overview(result: dict[str, Any], names: str, pair: str, freq: str, level: int) -> str:
    rows = result["series"]
    events = sum(r["events"] for r in rows)
    coop = sum(r["cooperation"] for r in rows)
    conf = sum(r["conflict"] for r in rows)
    active = [r for r in rows if r["events"] > 0]
    text = (f"{names} ({pair}), {ADVERBS[freq]}, {label(rows[0]['period'], freq)} to {label(rows[-1]['period'], freq)}: "
            f"{_count(events)} events ({_count(coop)} cooperative, {_count(conf)} conflictual) in {len(active)} of {len(rows)} periods.")
    if active:
        prior = float(result["params"].get("prior") or 1.0)
        mean = (coop - conf) / (coop + conf + 2.0 * prior)
        last = active[-1]
        text += (f" Relations index (net cooperation share, −1 to +1): {num(mean)} over the whole span, latest {num(last['index'])} "
                 f"in {label(last['period'], freq)} ({level}% interval {_interval(last['index_low'], last['index_high'])}).")
    return text


def _changepoints(result: dict[str, Any], names: str, freq: str) -> str:
    cps = result.get("changepoints") or []
    if not cps:
        rows = result["series"]
        return (f"No change point: relations between {names} show no lasting shift in the index from "
                f"{label(rows[0]['period'], freq)} to {label(rows[-1]['period'], freq)}.")
    sentences = []
    for i, cp in enumerate(cps):
        verb = "improved" if cp["after"] > cp["before"] else "worsened"
        who = f"Relations between {names}" if i == 0 else "They then"
        s = (f"{who} {verb} from an index of {num(cp['before'])} "
             f"({label(cp['before_start'], freq)} to {label(cp['before_end'], freq)}) to {num(cp['after'])} "
             f"from {label(cp['period'], freq)} (change point")
        ev = cp.get("evidence") or []
        if ev:
            s += "; evidence: " + "; ".join(_event(e) for e in ev[:3])
        sentences.append(s + ").")
    return " ".join(sentences)


def _event(e: dict[str, Any]) -> str:
    who = f"{e.get('source_country')}→{e.get('target_country')}"
    code = f"CAMEO {e['cameo_code']}" if e.get("cameo_code") else "event"
    what = e.get("sentence") or e.get("url") or ""
    text = f"{e.get('date')} {who} {code}"
    if what:
        what = what if len(what) <= 120 else what[:117] + "..."
        text += f" \u201c{what}\u201d" if e.get("sentence") else f" {what}"
    return text


def _event_study(study: dict[str, Any], freq: str, level: int) -> str:
    w = study["window"]
    groups = study.get("groups") or []
    head = (f"Event study ({study.get('source', 'triggers')}: {study['n_used']} of {study['n_triggers']} triggers with full windows; "
            f"index in the {plural(w, freq)} before against the trigger's {freq} and the {w - 1} after; "
            f"{study['placebo_draws']} placebo draws of random dates):")
    if not groups:
        return head + " no trigger has full windows."
    shown = [g for g in groups if g["group"] == "all"]
    others = sorted((g for g in groups if g["group"] != "all"), key=lambda g: (-g["n"], g["group"]))
    shown += others[:MAX_GROUPS]
    lines = []
    for g in shown:
        name = "all" if g["group"] == "all" else g["group"].split(":", 1)[-1].replace("_", " ")
        s = f"{name} ({g['n']}): {num(g['before'])} before, {num(g['after'])} after, change {num(g['change'])}"
        if g.get("change_low") is not None:
            s += f" ({level}% CI {_interval(g['change_low'], g['change_high'])})"
        if g.get("p_value") is not None:
            s += f", placebo dates {num(g['placebo_mean'])} ({_interval(g['placebo_low'], g['placebo_high'])}), {p_text(g['p_value'])}"
        lines.append(s)
    return head + " " + "; ".join(lines) + "."


def _compare(comp: dict[str, Any], freq: str) -> str:
    ref = comp["reference"]
    out = []
    for d in comp["dyads"]:
        s = f"{d['dyad']}: mean {num(d['mean'])}, latest {num(d['latest'])}"
        if d.get("latest_period"):
            s += f" ({label(d['latest_period'], freq)})"
        if d["dyad"] != ref:
            if d.get("correlation") is not None:
                s += f", correlation with {ref} {num(d['correlation'])} over {plural(d['shared_periods'], freq)} ({p_text(d['correlation_p'])})"
            else:
                s += f", too few shared periods with events ({d['shared_periods']}) for a correlation with {ref}"
        out.append(s)
    return "Side by side: " + "; ".join(out) + "."


def _forecast(fc: dict[str, Any], freq: str, level: int) -> str:
    rows = fc["periods"]
    first, last = rows[0], rows[-1]
    s = (f"Forecast ({fc['model']}): {num(first['index'])} in {label(first['period'], freq)} "
         f"({level}% interval {_interval(first['low'], first['high'])})")
    if len(rows) > 1:
        s += f", {num(last['index'])} in {label(last['period'], freq)} ({_interval(last['low'], last['high'])})"
    s += "."
    latest = fc["latest"]
    if fc["alert"]:
        s += " ALERT: " + "; ".join(fc["reasons"]) + "."
    else:
        s += (f" No alert: the latest period with events ({label(latest['period'], freq)}, {num(latest['index'])}) is within its "
              f"one-step forecast interval ({_interval(latest['low'], latest['high'])}) and no change point falls in the last "
              f"{plural(fc['recent'], freq)}.")
    return s
