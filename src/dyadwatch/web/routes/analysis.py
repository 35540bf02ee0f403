"""Analysis routes: the analysis JSON, the dashboard's charts, the evidence behind a period, the report."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from dyadwatch.errors import AnalysisError
from dyadwatch.report import build, charts, facts
from dyadwatch.report.render import report_bytes
from dyadwatch.store import Store
from dyadwatch.store import queries as q
from dyadwatch.web import params
from dyadwatch.web.routes.data import DATASET, END, START, A, B, access, dumps

router = APIRouter(prefix="/api", tags=["analysis"])

THREAT = Annotated[list[str], Query(description="Third party to test as a shared threat; repeat or comma-separate (threat=PRK&threat=CHN).")]
FREQ = Annotated[str, Query(description="day, week, month, quarter or year.")]
COMPARE = Annotated[list[str], Query(description="Another dyad to compare, as C-D (e.g. CHN-KOR); repeat for several.")]


def analysis_options(a: str, b: str, threat: list[str], freq: str, start: str | None, end: str | None, dataset: str | None,
                     normalize: str, dedup: str, compare: list[str]) -> tuple[str, str, dict[str, Any]]:
    """Checked parameters of ``dyadwatch.analysis.analyze``."""
    ca, cb = params.dyad(a, b)
    s, e = params.date_range(start, end)
    opts: dict[str, Any] = {"threats": params.countries(threat, "threat"), "freq": params.freq(freq), "start": s, "end": e,
                            "dataset": params.datasets(dataset), "normalize": params.choice(normalize, q.NORMALIZE, "normalize"),
                            "dedup": params.choice(dedup, q.DEDUP, "dedup")}
    pairs = [p for p in (params.compare_dyad(c) for c in compare) if p]
    if pairs:
        opts["compare"] = pairs
    return ca, cb, opts


def _key(ca: str, cb: str, opts: dict[str, Any]) -> tuple[Any, ...]:
    return (ca, cb, tuple(sorted((k, str(v)) for k, v in opts.items())))


async def run_analysis(request: Request, ca: str, cb: str, opts: dict[str, Any]) -> dict[str, Any]:
    """The analysis JSON for these options, from the cache when it was asked for before."""
    analyzer = request.app.state.analyzer
    if analyzer is None:
        try:
            analyzer = build.default_analyzer()
        except AnalysisError as exc:
            raise HTTPException(status_code=501, detail=str(exc)) from exc
    result: dict[str, Any] = await access(request).answer(("analysis", *_key(ca, cb, opts)), lambda store: analyzer(store, ca, cb, **opts))
    return result


@router.get("/analysis", summary="The analysis of a dyad: index, change points, shared threat, briefing")
async def analysis(request: Request, a: A, b: B, threat: THREAT = [], freq: FREQ = "month", start: START = None, end: END = None,  # noqa: B006
             dataset: DATASET = None, normalize: str = "none", dedup: str = "none", compare: COMPARE = []) -> Response:  # noqa: B006
    ca, cb, opts = analysis_options(a, b, threat, freq, start, end, dataset, normalize, dedup, compare)
    return Response(dumps(await run_analysis(request, ca, cb, opts)), media_type="application/json")


@router.get("/charts", summary="The dashboard's charts (Vega-Lite specs) with the analysis they were drawn from")
async def charts_route(request: Request, a: A, b: B, threat: THREAT = [], freq: FREQ = "month", start: START = None,  # noqa: B006
                 end: END = None, dataset: DATASET = None, normalize: str = "none", dedup: str = "none") -> Response:
    ca, cb, opts = analysis_options(a, b, threat, freq, start, end, dataset, normalize, dedup, [])
    result = await run_analysis(request, ca, cb, opts)

    def compute(store: Store) -> bytes:
        quad = facts.quad_series(store, ca, cb, freq=opts["freq"], start=opts["start"], end=opts["end"], dataset=opts["dataset"],
                                 dedup=opts["dedup"])
        specs = {
            "index": charts.index_chart(result.get("series") or [], result.get("changepoints") or [],
                                        title=f"{build.country_name(ca)}–{build.country_name(cb)} relations index"),
            "quad": charts.quad_chart(quad),
        }
        captions: dict[str, str] = {}
        if result.get("shared_threat"):
            specs["shared_threat"] = charts.shared_threat_chart(result["shared_threat"], title="Shared threat (Granger tests)")
        if charts.irf_tested(result.get("shared_threat") or []):
            specs["irf"] = charts.irf_chart(result["shared_threat"], title="Impulse responses of the index", columns=2, width=700)
            captions["irf"] = build.irf_caption(result)
        return dumps({"dyad": [ca, cb], "freq": opts["freq"], "briefing": result.get("briefing", ""),
                      "key_numbers": [dataclasses.asdict(k) for k in build.key_numbers(result)],
                      "changepoints": result.get("changepoints") or [], "shared_threat": result.get("shared_threat") or [],
                      "charts": specs, "captions": captions})

    return Response(await access(request).answer(("charts", *_key(ca, cb, opts)), compute), media_type="application/json")


@router.get("/evidence", summary="The events and sentences behind one period")
async def evidence(request: Request, a: A, b: B,
             period: Annotated[str, Query(description="The period: a date in it (2019-07-01), a month (2019-07) or a year.")],
             freq: FREQ = "month", dataset: DATASET = None,
             limit: Annotated[int, Query(ge=0, le=1000, description="At most this many events (sentences first).")] = 50) -> Response:
    ca, cb = params.dyad(a, b)
    f = params.freq(freq)
    first, last = params.period_bounds(period, f)
    sets = params.datasets(dataset)

    def compute(store: Store) -> bytes:
        rows, total = facts.evidence_events(store, ca, cb, start=first, end=last, dataset=sets, limit=limit)
        return dumps({"dyad": [ca, cb], "freq": f, "period": first.isoformat(), "start": first.isoformat(), "end": last.isoformat(),
                      "total": total, "count": len(rows), "events": rows})

    return Response(await access(request).answer(("evidence", ca, cb, f, first, str(sets), limit), compute), media_type="application/json")


@router.get("/report", summary="Download the report (HTML or PDF)", response_class=Response,
            responses={200: {"content": {"text/html": {}, "application/pdf": {}}}})
async def report(request: Request, a: A, b: B, threat: THREAT = [], freq: FREQ = "month", start: START = None, end: END = None,  # noqa: B006
           dataset: DATASET = None, normalize: str = "none", dedup: str = "none", compare: COMPARE = [],  # noqa: B006
           format: Annotated[str, Query(description="html or pdf.")] = "html") -> Response:
    fmt = params.choice(format, ("html", "pdf"), "format")
    ca, cb, opts = analysis_options(a, b, threat, freq, start, end, dataset, normalize, dedup, compare)
    result = await run_analysis(request, ca, cb, opts)
    def render() -> bytes:
        with access(request).read() as store:
            rep = build.build_report(store, ca, cb, analysis=result, **opts)
        return report_bytes(rep, fmt)

    body = await run_in_threadpool(render)
    media = "text/html; charset=utf-8" if fmt == "html" else "application/pdf"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="report-{ca}-{cb}.{fmt}"'})
