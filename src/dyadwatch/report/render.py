"""Writing a ``Report``: one self-contained HTML file, one combined PDF, or PNG charts for slides."""

from __future__ import annotations

import json
import textwrap
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from dyadwatch.errors import ConfigError, ReportError
from dyadwatch.report import charts
from dyadwatch.report.build import Report

FORMATS = ("html", "pdf", "png")
#: The vendored libraries, in load order (see static/README.md).
VENDOR_SCRIPTS = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
#: Charts drawn side by side in the HTML report.
_PAIRS = (("event_types", "actors"),)



@cache
def vendored_script(name: str) -> str:
    """The text of one vendored JavaScript file, safe to place inside a <script> element."""
    res = resources.files("dyadwatch.report").joinpath(f"static/{name}")
    if not res.is_file():
        raise ReportError(f"vendored script {name} is missing from dyadwatch/report/static")
    text = res.read_text("utf-8")
    return text.replace("</script", "<\\/script")


def script_json(value: Any) -> Markup:
    """JSON for a <script type="application/json"> element: no '<' that could end it early."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    return Markup(text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _host(url: str) -> str:
    return urlsplit(str(url)).netloc or str(url)


def _num(value: Any, digits: int = 2) -> str:
    f = charts._num(value)
    return "" if f is None else f"{f:.{digits}f}"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dyadwatch.report", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    env.filters["host"] = _host
    env.filters["num"] = _num
    return env


def _chart_rows(names: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    skip: set[str] = set()
    for name in names:
        if name in skip:
            continue
        pair = next((p for p in _PAIRS if name in p and all(n in names for n in p)), None)
        if pair:
            rows.append(list(pair))
            skip.update(pair)
        else:
            rows.append([name])
    return rows


def _params(report: Report) -> list[tuple[str, str]]:
    params = report.analysis.get("params") or {}
    out = [("dyad", f"{report.a}–{report.b}"), ("freq", str(report.analysis.get("freq", "")))]
    out += [(str(k), json.dumps(v, default=str) if not isinstance(v, str) else v) for k, v in params.items() if k not in ("freq", "a", "b")]
    return out


def render_html(report: Report) -> str:
    """The report as one HTML document with its charts' code and data inline."""
    import vl_convert

    from dyadwatch import __version__

    analysis = report.analysis
    return _environment().get_template("report.html").render(
        report=report,
        version=__version__,
        briefing=str(analysis.get("briefing") or ""),
        chart_rows=_chart_rows(list(report.charts)),
        specs={name: script_json(spec) for name, spec in report.charts.items()},
        threats=list(analysis.get("shared_threat") or []),
        directions=charts.THREAT_DIRECTIONS,
        notes=[str(n.get("message", n)) if isinstance(n, dict) else str(n) for n in analysis.get("notes") or []],
        params=_params(report),
        scripts=[Markup(vendored_script(n)) for n in VENDOR_SCRIPTS],
        analysis_json=script_json(analysis),
        vega_versions=f"{vl_convert.get_vega_version()}",
    )


def _text_block(lines: list[str], *, size: int = 12, weight: str = "normal", color: str = "#1c2833", width: int = 760) -> charts.Spec:
    """Lines of text as a chart, so that the PDF can hold the briefing beside the charts."""
    line_height = round(size * 1.45)
    return {
        "width": width, "height": max(line_height * len(lines), 1),
        "data": {"values": [{"i": i, "line": line} for i, line in enumerate(lines)]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": size, "fontWeight": weight, "color": color},
        "encoding": {"x": {"value": 0}, "y": {"field": "i", "type": "quantitative", "scale": {"domain": [0, max(len(lines), 1)], "range": [0, line_height * max(len(lines), 1)]}, "axis": None},
                     "text": {"field": "line", "type": "nominal"}},
    }


def _strip(spec: charts.Spec, width: int) -> charts.Spec:
    out = charts.fixed_width(spec, width)
    out.pop("$schema", None)
    out.pop("config", None)
    return out


def document_spec(report: Report, *, width: int = 760) -> charts.Spec:
    """One Vega-Lite document: title, briefing, key numbers, every chart and the key events."""
    analysis = report.analysis
    blocks: list[charts.Spec] = [
        _text_block([report.title], size=20, weight="bold", width=width),
        _text_block([f"{report.subtitle} · generated {report.generated}"], size=11, color="#5d6d7e", width=width),
        _text_block(textwrap.wrap(str(analysis.get("briefing") or ""), 110) or [""], size=12, width=width),
        _text_block([f"{k.label}: {k.text}" + (f" ({k.note})" if k.note else "") for k in report.key_numbers], size=11, width=width),
    ]
    for name, spec in report.charts.items():
        blocks.append(_strip(spec, width))
        caption = report.captions.get(name)
        if caption:
            blocks.append(_text_block(textwrap.wrap(caption, 125), size=10, color="#5d6d7e", width=width))
    if report.key_events:
        lines = ["Key events behind the change points"]
        for e in report.key_events:
            text = str(e.get("title") or e.get("sentence") or e.get("description") or "")
            lines += textwrap.wrap(f"{e.get('date')}  {e.get('source_country') or ''}→{e.get('target_country') or ''}  {text}", 120,
                                   subsequent_indent="            ")
        blocks.append(_text_block(lines, size=10, width=width))
    independent = {ch: "independent" for ch in ("x", "y", "color", "opacity")}
    return {"$schema": charts.SCHEMA, "vconcat": blocks, "spacing": 18, "padding": 24,
            "resolve": {"scale": independent, "legend": {"color": "independent"}},
            "config": charts._CONFIG, "background": "white"}


def chart_files(report: Report, path: str | Path, ext: str) -> dict[str, Path]:
    """Where each chart's file goes: report.png → report-index.png, report-quad.png, ..."""
    p = Path(path)
    return {name: p.with_name(f"{p.stem}-{name}.{ext}") for name in report.charts}


def write_report(report: Report, path: str | Path, fmt: str = "html") -> list[Path]:
    """Write the report; returns the files written (one for html and pdf, one per chart for png)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    import vl_convert

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if fmt == "html":
            out.write_text(render_html(report), encoding="utf-8")
            return [out]
        if fmt == "pdf":
            out.write_bytes(vl_convert.vegalite_to_pdf(document_spec(report), vl_version="6.4"))
            return [out]
        written = []
        for name, target in chart_files(report, out, "png").items():
            spec = charts.fixed_width(report.charts[name], 1000)
            target.write_bytes(vl_convert.vegalite_to_png(spec, vl_version="6.4", scale=2))
            written.append(target)
        return written
    except (ValueError, RuntimeError) as exc:
        raise ReportError(f"{out}: could not render the report as {fmt} ({exc})") from exc


def report_bytes(report: Report, fmt: str) -> bytes:
    """The report as bytes (html or pdf), for the web app's download."""
    import vl_convert

    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        return bytes(vl_convert.vegalite_to_pdf(document_spec(report), vl_version="6.4"))
    raise ConfigError(f"unknown report format {fmt!r}; choose html or pdf")
