"""Data routes: dyads, countries, status, events (JSON, CSV, Parquet) and series."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from typing import Annotated, Any

import duckdb
import orjson
import pandas as pd
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from dyadwatch.errors import StoreError
from dyadwatch.ontology import countries as known_countries
from dyadwatch.report.facts import records
from dyadwatch.store import Store
from dyadwatch.store import queries as q
from dyadwatch.web import params
from dyadwatch.web.state import StoreAccess

router = APIRouter(prefix="/api", tags=["data"])

#: Largest page of events one JSON request returns (downloads have no limit).
MAX_PAGE = 10_000


def access(request: Request) -> StoreAccess:
    return request.app.state.access  # type: ignore[no-any-return]


def json_response(value: Any) -> Response:
    return Response(content=dumps(value), media_type="application/json")


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON: dates as YYYY-MM-DD (timestamps as their day), NaN as null, other
    unknown values as their text. orjson: about a third of an event page's time went to json."""
    return orjson.dumps(value, default=_json_default, option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_SERIALIZE_NUMPY)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def query_rows(store: Store, sql: str, params: Sequence[object]) -> list[dict[str, Any]]:
    """Rows of a query as dicts, straight from DuckDB (no DataFrame), on a cursor of their own.

    The cursor is a plain one: these queries read only the events table, so they do not
    need the reference lookups that ``Store.cursor`` registers (which costs milliseconds).
    Values are as DuckDB gives them; :func:`dumps` writes dates and NaN as the API shows them.
    """
    cur = store.con.cursor()
    try:
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        rows = cur.fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from exc
    finally:
        cur.close()
    return [dict(zip(names, row, strict=True)) for row in rows]


A = Annotated[str, Query(description="First country, ISO 3166 alpha-3 (JPN) or CAMEO group code (UNO).")]
B = Annotated[str, Query(description="Second country.")]
START = Annotated[str | None, Query(description="First date, YYYY-MM-DD.")]
END = Annotated[str | None, Query(description="Last date, YYYY-MM-DD.")]
DATASET = Annotated[str | None, Query(description="Dataset(s), comma-separated: gdelt1, gdelt2, icews, polecat, text:NAME.")]


@router.get("/dyads", summary="Dyads in the store with their event counts")
async def dyads(request: Request, min_events: Annotated[int, Query(ge=1, description="Only dyads with at least this many events.")] = 1,
          limit: Annotated[int, Query(ge=1, le=10_000, description="At most this many dyads, most active first.")] = 200) -> Response:
    names = known_countries()

    def compute(store: Store) -> bytes:
        rows = records(store.dyads(min_events=min_events).head(limit))
        for r in rows:
            r["a_name"] = names[r["a"]].name if r["a"] in names else r["a"]
            r["b_name"] = names[r["b"]].name if r["b"] in names else r["b"]
        return dumps({"dyads": rows})

    return Response(await access(request).answer(("dyads", min_events, limit), compute), media_type="application/json")


@router.get("/countries", summary="Country and organisation codes the API accepts")
def countries_route() -> Response:
    rows = [{"code": c.iso3, "name": c.name, "kind": c.kind} for c in known_countries().values()]
    return json_response({"countries": sorted(rows, key=lambda r: r["name"])})


@router.get("/status", summary="Datasets in the store with counts and date ranges")
async def status(request: Request) -> Response:
    def compute(store: Store) -> bytes:
        st = store.status()
        return dumps({"datasets": records(st["datasets"]), "files": len(st["files"]), "mentions": st["mentions"],
                      "quarantined": st["quarantined"]})

    return Response(await access(request).answer(("status",), compute), media_type="application/json")


def _event_filters(a: str, b: str, start: str | None, end: str | None, root: str | None, dataset: str | None,
                   directed: bool) -> dict[str, Any]:
    s, e = params.date_range(start, end)
    return {"dyad": params.dyad(a, b), "directed": directed, "start": s, "end": e, "root": params.roots(root),
            "dataset": params.datasets(dataset)}


@router.get("/events", summary="Events between two countries, oldest first, one page at a time")
async def events(
    request: Request, a: A, b: B, start: START = None, end: END = None,
    root: Annotated[str | None, Query(description="CAMEO root(s), e.g. 14 or 14,18.")] = None,
    dataset: DATASET = None,
    directed: Annotated[bool, Query(description="Only events from a to b.")] = False,
    limit: Annotated[int, Query(ge=0, le=MAX_PAGE, description="Events per page.")] = 100,
    offset: Annotated[int, Query(ge=0, description="Events to skip.")] = 0,
) -> Response:
    flt = _event_filters(a, b, start, end, root, dataset, directed)

    def compute(store: Store) -> bytes:
        rows = store.events_page(**flt, limit=limit, offset=offset)
        if rows is None:
            rows = query_rows(store, *store.events_query(**flt, limit=limit, offset=offset))
        nxt = offset + len(rows) if len(rows) == limit and limit else None
        return dumps({"dyad": list(flt["dyad"]), "limit": limit, "offset": offset, "count": len(rows), "next_offset": nxt, "events": rows})

    key = ("events", tuple(sorted((k, str(v)) for k, v in flt.items())), limit, offset)
    return Response(await access(request).answer(key, compute), media_type="application/json")


@router.get("/events.csv", summary="Download the selected events as CSV", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def events_csv(request: Request, a: A, b: B, start: START = None, end: END = None, root: str | None = None, dataset: DATASET = None,
               directed: bool = False) -> Response:
    flt = _event_filters(a, b, start, end, root, dataset, directed)
    with access(request).read() as store:
        frame = store.events(**flt)
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    name = f"events-{flt['dyad'][0]}-{flt['dyad'][1]}.csv"
    return Response(frame.to_csv(index=False), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/events.parquet", summary="Download the selected events as Parquet (every column of the schema)",
            response_class=FileResponse, responses={200: {"content": {"application/vnd.apache.parquet": {}}}})
def events_parquet(request: Request, a: A, b: B, start: START = None, end: END = None, root: str | None = None,
                   dataset: DATASET = None, directed: bool = False) -> FileResponse:
    flt = _event_filters(a, b, start, end, root, dataset, directed)
    fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="dyadwatch-")
    os.close(fd)
    try:
        with access(request).read() as store:
            store.export_parquet(tmp, **flt)
    except BaseException:
        os.unlink(tmp)
        raise
    name = f"events-{flt['dyad'][0]}-{flt['dyad'][1]}.parquet"
    return FileResponse(tmp, media_type="application/vnd.apache.parquet", filename=name, background=BackgroundTask(os.unlink, tmp))


@router.get("/series", summary="One row per period of events between two countries")
async def series(
    request: Request, a: A, b: B,
    freq: Annotated[str, Query(description="day, week, month, quarter or year.")] = "month",
    measure: Annotated[str, Query(description="count, goldstein, quad or all.")] = "all",
    normalize: Annotated[str, Query(description="none, total (share of all events) or actors (share of events involving a or b).")] = "none",
    dedup: Annotated[str, Query(description="none, one-a-day or root.")] = "none",
    start: START = None, end: END = None, dataset: DATASET = None,
    directed: Annotated[bool, Query(description="Only events from a to b.")] = False,
) -> Response:
    ca, cb = params.dyad(a, b)
    s, e = params.date_range(start, end)
    opts: dict[str, Any] = {"freq": params.freq(freq), "measure": params.choice(measure, q.MEASURES, "measure"),
                            "normalize": params.choice(normalize, q.NORMALIZE, "normalize"),
                            "dedup": params.choice(dedup, q.DEDUP, "dedup"), "directed": directed, "start": s, "end": e,
                            "dataset": params.datasets(dataset)}

    def compute(store: Store) -> bytes:
        rows = store.series_records(ca, cb, **opts)
        if rows is None:
            rows = query_rows(store, *store.series_query(ca, cb, **opts))
        return dumps({"dyad": [ca, cb], **{k: v for k, v in opts.items() if k in ("freq", "measure", "normalize", "dedup")},
                      "series": rows})

    key = ("series", ca, cb, tuple(sorted((k, str(v)) for k, v in opts.items())))
    return Response(await access(request).answer(key, compute), media_type="application/json")
