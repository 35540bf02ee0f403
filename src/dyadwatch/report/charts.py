"""Vega-Lite specs for a dyad's analysis, shared by the HTML report, its PDF/PNG exports and the dashboard.

Each function takes plain records (the analysis JSON, or facts read from the store) and
returns a Vega-Lite v6 spec as a dict, with its data inline, so that a chart can be checked
against the numbers it was drawn from. Periods are ISO dates drawn on a UTC time scale, so
a month never slips into the previous one in a browser west of Greenwich.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

COOP = "#1f6fb2"
CONFLICT = "#c8382c"
INDEX = "#1b4f72"
COMPARE = "#8e6c16"
NEUTRAL = "#5d6d7e"
QUAD_NAMES = {
    "verbal_coop": "Verbal cooperation",
    "material_coop": "Material cooperation",
    "verbal_conflict": "Verbal conflict",
    "material_conflict": "Material conflict",
}
QUAD_COLORS = ("#9cc3e6", "#1f6fb2", "#f2a48f", "#c8382c")

Spec = dict[str, Any]
Record = Mapping[str, Any]

_CONFIG: Spec = {
    "font": "Helvetica Neue, Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelColor": "#3d4852", "titleColor": "#3d4852", "gridColor": "#e5e8eb", "domainColor": "#aab4be",
             "labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": 500},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "top"},
    "title": {"fontSize": 13, "fontWeight": 600, "anchor": "start", "color": "#1c2833"},
}


def _base(title: str, *, height: int = 240) -> Spec:
    return {"$schema": SCHEMA, "title": title, "width": "container", "height": height,
            "config": copy.deepcopy(_CONFIG)}


def _time_x(field: str = "period", title: str | None = None) -> Spec:
    return {"field": field, "type": "temporal", "title": title, "scale": {"type": "utc"},
            "axis": {"format": "%Y-%m", "labelAngle": 0, "labelOverlap": True}}


def _date(value: Any) -> str | None:
    """ISO date text (YYYY-MM-DD) of a period or date value."""
    if value is None:
        return None
    text = str(value)
    return text[:10]


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if f != f else f  # NaN has no place in JSON


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def changepoint_label(cp: Record) -> str:
    """A change point's annotation: the chronology event matched to it, else its first evidence sentence."""
    if cp.get("chronology"):
        return _short(str(cp["chronology"]), 46)
    for ev in cp.get("evidence") or []:
        for key in ("title", "sentence", "description"):
            if ev.get(key):
                return _short(str(ev[key]), 46)
    return f"change {_fmt(cp.get('before'))} → {_fmt(cp.get('after'))}"


def _fmt(value: Any) -> str:
    f = _num(value)
    return "?" if f is None else f"{f:+.2f}"


TRIGGER_COLORS = {"cooperative": COOP, "conflictual": CONFLICT, "shared threat": "#7d3c98"}


def index_chart(series: Sequence[Record], changepoints: Sequence[Record], *, triggers: Sequence[Record] = (),
                title: str = "Relations index") -> Spec:
    """The relations index with its interval, clickable periods, annotated change points, and the
    chronology's events as triangles along the time axis."""
    rows = [
        {"period": _date(r.get("period")), "when": _date(r.get("period")), "index": _num(r.get("index")), "index_low": _num(r.get("index_low")),
         "index_high": _num(r.get("index_high")), "events": r.get("events")}
        for r in series
    ]
    cps = [
        {"period": _date(c.get("period")), "when": _date(c.get("period")), "label": changepoint_label(c), "before": _num(c.get("before")),
         "after": _num(c.get("after")), "row": i % 3}
        for i, c in enumerate(changepoints)
    ]
    x = _time_x()
    y_title = "Index (−1 conflict … +1 cooperation)"
    spec = _base(title, height=280)
    points: Spec = (
        {"data": {"values": rows},
         "params": [{"name": "period_pick", "select": {"type": "point", "fields": ["period"], "on": "click"}}],
         "mark": {"type": "point", "filled": True, "size": 36, "color": INDEX, "cursor": "pointer"},
         "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"},
                      "opacity": {"condition": {"param": "period_pick", "value": 1}, "value": 0.55},
                      "tooltip": [{"field": "when", "type": "nominal", "title": "Period"},
                                  {"field": "index", "type": "quantitative", "format": ".3f", "title": "Index"},
                                  {"field": "index_low", "type": "quantitative", "format": ".3f", "title": "Low"},
                                  {"field": "index_high", "type": "quantitative", "format": ".3f", "title": "High"},
                                  {"field": "events", "type": "quantitative", "title": "Events"}]}}
    )
    spec["layer"] = [
        {"data": {"values": rows}, "mark": {"type": "area", "color": INDEX, "opacity": 0.16},
         "encoding": {"x": x, "y": {"field": "index_low", "type": "quantitative", "title": y_title}, "y2": {"field": "index_high"}}},
        {"data": {"values": rows}, "mark": {"type": "line", "color": INDEX, "strokeWidth": 2},
         "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"}}},
    ]
    if cps:
        spec["layer"] += [
            {"data": {"values": cps}, "mark": {"type": "rule", "color": "#7b241c", "strokeDash": [5, 3], "strokeWidth": 1.5},
             "encoding": {"x": x, "tooltip": [{"field": "when", "type": "nominal", "title": "Change point"},
                                              {"field": "label", "type": "nominal", "title": "Event"},
                                              {"field": "before", "type": "quantitative", "format": ".3f", "title": "Before"},
                                              {"field": "after", "type": "quantitative", "format": ".3f", "title": "After"}]}},
            {"data": {"values": cps}, "transform": [{"calculate": "6 + 12 * datum.row", "as": "label_y"}],
             "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 10, "color": "#7b241c"},
             "encoding": {"x": x, "y": {"field": "label_y", "type": "quantitative", "scale": None}, "text": {"field": "label"}}},
        ]
    marks = [{"period": _date(t.get("date") or t.get("period")), "when": _date(t.get("date") or t.get("period")),
              "title": _short(str(t.get("title") or ""), 90), "kind": str(t.get("kind") or ""),
              "direction": str(t.get("direction") or "").replace("_", " ")} for t in triggers]
    if marks:
        spec["layer"].append(
            {"data": {"values": marks}, "mark": {"type": "point", "shape": "triangle-up", "filled": True, "size": 60, "opacity": 0.85},
             "encoding": {"x": x, "y": {"value": spec["height"] - 5},
                          "color": {"field": "direction", "type": "nominal", "title": "Chronology",
                                    "scale": {"domain": list(TRIGGER_COLORS), "range": list(TRIGGER_COLORS.values())},
                                    "legend": {"orient": "top", "direction": "horizontal"}},
                          "tooltip": [{"field": "when", "type": "nominal", "title": "Date"}, {"field": "title", "type": "nominal", "title": "Event"},
                                      {"field": "kind", "type": "nominal", "title": "Kind"}]}})
    # points last, so that they sit above the change-point rules and take the clicks
    spec["layer"].append(points)
    return spec


QUAD_ORDER = tuple(QUAD_NAMES)


def quad_chart(rows: Sequence[Record], *, title: str = "Cooperation and conflict by quad class") -> Spec:
    """Events per period by quad class: cooperation above the axis, conflict below it."""
    values = []
    for r in rows:
        for q in QUAD_ORDER:
            n = _num(r.get(q)) or 0.0
            values.append({"period": _date(r.get("period")), "when": _date(r.get("period")), "quad": QUAD_NAMES[q], "order": QUAD_ORDER.index(q),
                           "events": n, "signed": n if "coop" in q else -n})
    spec = _base(title, height=240)
    spec["data"] = {"values": values}
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": _time_x(),
        "y": {"field": "signed", "type": "quantitative", "aggregate": "sum", "title": "Events (conflict below zero)"},
        "color": {"field": "quad", "type": "nominal", "title": None,
                  "scale": {"domain": [QUAD_NAMES[q] for q in QUAD_ORDER], "range": list(QUAD_COLORS)}},
        "order": {"field": "order", "type": "quantitative"},
        "tooltip": [{"field": "when", "type": "nominal", "title": "Period"}, {"field": "quad", "type": "nominal", "title": "Class"},
                    {"field": "events", "type": "quantitative", "title": "Events"}],
    }
    return spec


def bar_chart(rows: Sequence[Record], *, label: str, value: str, title: str, color: str = NEUTRAL, value_title: str = "Events") -> Spec:
    """A horizontal bar chart of ranked items (event types, actors), largest first."""
    spec = _base(title, height=max(120, 22 * len(rows)))
    spec["data"] = {"values": [{label: r.get(label), value: _num(r.get(value))} for r in rows]}
    spec["mark"] = {"type": "bar", "color": color, "cornerRadiusEnd": 2}
    spec["encoding"] = {
        "y": {"field": label, "type": "nominal", "sort": "-x", "title": None, "axis": {"labelLimit": 260}},
        "x": {"field": value, "type": "quantitative", "title": value_title},
        "tooltip": [{"field": label, "type": "nominal"}, {"field": value, "type": "quantitative"}],
    }
    return spec


EVENT_STUDY_MIN_N = 3


def event_study_chart(groups: Sequence[Record], *, title: str = "Event study: change of the index around the chronology's events") -> Spec:
    """Per group of trigger events (with at least EVENT_STUDY_MIN_N events): the change of the index with its
    interval, beside what random dates give. The axis stops at ±2, the widest change the index allows."""
    values = []
    for g in groups:
        if int(g.get("n") or 0) < EVENT_STUDY_MIN_N:
            continue
        name = str(g.get("group") or "all").replace("kind:", "").replace("direction:", "").replace("_", " ")
        values.append({"group": f"{name} (n={g.get('n')})", "change": _num(g.get("change")), "low": _num(g.get("change_low")),
                       "high": _num(g.get("change_high")), "placebo_low": _num(g.get("placebo_low")),
                       "placebo_high": _num(g.get("placebo_high")), "p_value": _num(g.get("p_value"))})
    y = {"field": "group", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 220}}
    x_title = "Change of the index (after − before)"
    widest = max([abs(float(v)) for r in values for v in (r["low"], r["high"], r["placebo_low"], r["placebo_high"]) if v is not None] or [1.0])
    edge = min(2.0, max(0.5, float(math.ceil(widest * 2) / 2)))
    x_scale = {"domain": [-edge, edge], "clamp": True, "nice": False}
    spec = _base(title, height=max(120, 24 * len(values)))
    spec["data"] = {"values": values}
    spec["layer"] = [
        {"mark": {"type": "bar", "color": "#d5dbe1", "height": 12},
         "encoding": {"y": y, "x": {"field": "placebo_low", "type": "quantitative", "title": x_title, "scale": x_scale},
                      "x2": {"field": "placebo_high"}}},
        {"mark": {"type": "rule", "color": INDEX, "strokeWidth": 2},
         "encoding": {"y": y, "x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}}},
        {"mark": {"type": "point", "filled": True, "size": 60, "color": INDEX},
         "encoding": {"y": y, "x": {"field": "change", "type": "quantitative"},
                      "tooltip": [{"field": "group", "type": "nominal"}, {"field": "change", "type": "quantitative", "format": "+.3f"},
                                  {"field": "low", "type": "quantitative", "format": "+.3f"}, {"field": "high", "type": "quantitative", "format": "+.3f"},
                                  {"field": "p_value", "type": "quantitative", "format": ".3f", "title": "p (placebo)"}]}},
        {"data": {"values": [{"zero": 0}]}, "mark": {"type": "rule", "color": "#7b241c", "strokeDash": [4, 3]},
         "encoding": {"x": {"field": "zero", "type": "quantitative"}}},
    ]
    return spec


THREAT_DIRECTIONS = {"positive": "more cooperation", "negative": "less cooperation", "none": "no clear direction"}


def shared_threat_chart(rows: Sequence[Record], *, title: str = "Shared threat: does a third party's activity move the dyad?") -> Spec:
    """Granger tests by third party and lag: strength of evidence (−log10 p) with the 5% line."""
    values = []
    for r in rows:
        p = _num(r.get("p_value"))
        values.append({"third_party": str(r.get("third_party")), "lag": r.get("lag"), "p_value": p,
                       "f_stat": _num(r.get("f_stat")), "direction": THREAT_DIRECTIONS.get(str(r.get("direction")), "no clear direction"),
                       "evidence": -math.log10(max(p, 1e-12)) if p is not None else None,
                       "label": f"{r.get('third_party')} (lag {r.get('lag')})"})
    spec = _base(title, height=max(120, 26 * len(values)))
    spec["data"] = {"values": values}
    spec["layer"] = [
        {"mark": {"type": "bar", "cornerRadiusEnd": 2},
         "encoding": {"y": {"field": "label", "type": "nominal", "title": None, "sort": "-x"},
                      "x": {"field": "evidence", "type": "quantitative", "title": "Evidence, −log10(p)"},
                      "color": {"field": "direction", "type": "nominal", "title": "Threat goes with",
                                "scale": {"domain": list(THREAT_DIRECTIONS.values()), "range": [COOP, CONFLICT, "#aab4be"]}},
                      "tooltip": [{"field": "third_party", "type": "nominal", "title": "Third party"},
                                  {"field": "lag", "type": "quantitative", "title": "Lag"},
                                  {"field": "p_value", "type": "quantitative", "format": ".4f", "title": "p"},
                                  {"field": "f_stat", "type": "quantitative", "format": ".2f", "title": "F"},
                                  {"field": "direction", "type": "nominal", "title": "Direction"}]}},
        {"data": {"values": [{"evidence": -math.log10(0.05)}]}, "mark": {"type": "rule", "color": "#7b241c", "strokeDash": [4, 3]},
         "encoding": {"x": {"field": "evidence", "type": "quantitative"}}},
    ]
    return spec


def p_label(p: Any) -> str:
    """A p-value as the charts write it: p < 0.001, p = 0.004, p = 0.21 (as the briefing does)."""
    f = _num(p)
    if f is None:
        return "p = ?"
    if f < 0.001:
        return "p < 0.001"
    return f"p = {f:.3f}" if f < 0.1 else f"p = {f:.2f}"


def irf_tested(threats: Sequence[Record]) -> list[Record]:
    """The shared-threat entries that have an impulse response to draw (those tested)."""
    return [t for t in threats if t.get("irf") and _num(t.get("p_value")) is not None]


def irf_untested(threats: Sequence[Record]) -> list[Record]:
    """The shared-threat entries that were not tested, so have no impulse response."""
    tested = {id(t) for t in irf_tested(threats)}
    return [t for t in threats if id(t) not in tested]


def irf_panel(threat: Record) -> str:
    """A panel's title: the third party's code and its Granger p-value (Δ when the index was differenced)."""
    delta = " · Δ index" if int(threat.get("index_differences") or 0) else ""
    return f"{threat.get('third_party')} · Granger {p_label(threat.get('p_value'))}{delta}"


def irf_chart(threats: Sequence[Record], *, title: str = "Impulse responses: the index after a shock in each third party's activity",
              columns: int = 3, width: int = 880) -> Spec:
    """Per tested third party, the VAR impulse response of the index to a one-standard-deviation shock of its
    conflict events: step on x, the response with its interval band and a zero rule; one panel per threat.

    Threats that were not tested (no ``irf``) are left out; :func:`irf_untested` names them for a caption.
    The panels, up to ``columns`` a row, share about ``width`` pixels.
    """
    values = []
    panels = []
    for t in irf_tested(threats):
        panel = irf_panel(t)
        panels.append(panel)
        for r in t.get("irf") or []:
            values.append({"panel": panel, "third_party": str(t.get("third_party")), "step": r.get("step"),
                           "response": _num(r.get("response")), "low": _num(r.get("low")), "high": _num(r.get("high")),
                           "p_value": _num(t.get("p_value"))})
    x = {"field": "step", "type": "quantitative", "title": "Periods after the shock", "axis": {"tickMinStep": 1, "format": "d"}}
    spec = _base(title)
    spec.pop("width")
    spec.pop("height")
    spec["data"] = {"values": values}
    spec["columns"] = cols = max(1, min(columns, len(panels)))
    spec["facet"] = {"field": "panel", "type": "nominal", "title": None, "sort": panels,
                     "header": {"labelFontSize": 12, "labelFontWeight": 600, "labelColor": "#1c2833", "labelAnchor": "start"}}
    spec["spec"] = {
        "width": min(380, width // cols - 50), "height": 150,
        "layer": [
            {"mark": {"type": "area", "color": INDEX, "opacity": 0.16},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": "Response of the index"}, "y2": {"field": "high"}}},
            {"mark": {"type": "rule", "color": "#7b241c", "strokeDash": [4, 3]}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "line", "color": INDEX, "strokeWidth": 2, "point": {"size": 18, "filled": True}},
             "encoding": {"x": x, "y": {"field": "response", "type": "quantitative"},
                          "tooltip": [{"field": "third_party", "type": "nominal", "title": "Third party"},
                                      {"field": "step", "type": "quantitative", "title": "Step"},
                                      {"field": "response", "type": "quantitative", "format": "+.4f", "title": "Response"},
                                      {"field": "low", "type": "quantitative", "format": "+.4f", "title": "Low"},
                                      {"field": "high", "type": "quantitative", "format": "+.4f", "title": "High"}]}},
        ],
    }
    return spec


def compare_chart(rows: Sequence[Record], *, title: str) -> Spec:
    """Dyads' indexes on one time axis (rows: period, dyad, index); the first dyad named is the report's."""
    names = list(dict.fromkeys(str(r.get("dyad")) for r in rows))
    spec = _base(title, height=220)
    spec["data"] = {"values": [{"period": _date(r.get("period")), "when": _date(r.get("period")), "dyad": str(r.get("dyad")),
                                "index": _num(r.get("index"))} for r in rows]}
    spec["mark"] = {"type": "line", "strokeWidth": 2}
    spec["encoding"] = {
        "x": _time_x(), "y": {"field": "index", "type": "quantitative", "title": "Index"},
        "color": {"field": "dyad", "type": "nominal", "title": None, "scale": {"domain": names, "range": [INDEX, COMPARE, "#7d3c98", "#148f77", "#b9770e", NEUTRAL]}},
        "tooltip": [{"field": "dyad", "type": "nominal"}, {"field": "when", "type": "nominal", "title": "period"},
                    {"field": "index", "type": "quantitative", "format": ".3f"}],
    }
    return spec


def forecast_chart(history: Sequence[Record], forecast: Sequence[Record], *, title: str = "Forecast") -> Spec:
    """The last observed periods and the forecast with its interval."""
    values = [{"period": _date(r.get("period")), "when": _date(r.get("period")), "index": _num(r.get("index")), "low": None, "high": None,
               "kind": "observed"} for r in history]
    values += [{"period": _date(r.get("period")), "when": _date(r.get("period")), "index": _num(r.get("index")), "low": _num(r.get("index_low")),
                "high": _num(r.get("index_high")), "kind": "forecast"} for r in forecast]
    x = _time_x()
    color = {"field": "kind", "type": "nominal", "title": None, "scale": {"domain": ["observed", "forecast"], "range": [INDEX, COMPARE]}}
    spec = _base(title, height=220)
    spec["data"] = {"values": values}
    spec["layer"] = [
        {"transform": [{"filter": "datum.kind === 'forecast'"}], "mark": {"type": "area", "opacity": 0.2, "color": COMPARE},
         "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": "Index"}, "y2": {"field": "high"}}},
        {"mark": {"type": "line", "point": True}, "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"}, "color": color,
                                                              "tooltip": [{"field": "when", "type": "nominal", "title": "period"}, {"field": "kind", "type": "nominal"},
                                                                          {"field": "index", "type": "quantitative", "format": ".3f"}]}},
    ]
    return spec


def fixed_width(spec: Spec, width: int = 760) -> Spec:
    """A copy of the spec with a fixed width, for renderers without a container (PNG, PDF).

    A faceted spec gets its panels' width instead, so that its columns fill about ``width``.
    """
    out = copy.deepcopy(spec)
    if "facet" in out:
        cols = int(out.get("columns") or 1)
        out["spec"]["width"] = max(120, (width - 70) // cols - 30)
    else:
        out["width"] = width
    return out
