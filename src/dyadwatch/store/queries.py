"""Dyad queries: event lists and time series, built as parameterised SQL.

Every value a user gives goes in as a bound parameter; only identifiers chosen from
fixed lists (columns, frequencies) are written into the SQL text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from dyadwatch.errors import ConfigError
from dyadwatch.schema import OUTPUT_COLUMNS, dyad_key

FREQS = ("day", "week", "month", "quarter", "year")
MEASURES = ("count", "goldstein", "quad", "all")
NORMALIZE = ("none", "total", "actors")
DEDUP = ("none", "one-a-day", "root")

QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass
class Filter:
    """A WHERE clause and its parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def as_list(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


class EventFilters(TypedDict, total=False):
    """What an event list can be filtered by (the keywords of :func:`event_filter` but ``country``)."""

    dyad: tuple[str, str] | None
    directed: bool
    start: dt.date | str | None
    end: dt.date | str | None
    root: str | list[str] | None
    dataset: str | list[str] | None


def event_filter(
    *,
    dyad: tuple[str, str] | None = None,
    directed: bool = False,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    root: str | list[str] | None = None,
    dataset: str | list[str] | None = None,
    country: str | None = None,
) -> Filter:
    f = Filter()
    if dyad is not None:
        a, b = (x.upper() for x in dyad)
        f.add("dyad = ?", dyad_key(a, b))
        if directed:
            f.add("source_country = ?", a)
    if country is not None:
        f.add("(source_country = ? OR target_country = ?)", country.upper(), country.upper())
    if start is not None:
        f.add("date >= CAST(? AS DATE)", str(start))
    if end is not None:
        f.add("date <= CAST(? AS DATE)", str(end))
    roots = [r.zfill(2) for r in as_list(root)]
    if roots:
        f.add(f"cameo_root IN ({', '.join('?' * len(roots))})", *roots)
    sets = as_list(dataset)
    if sets:
        f.add(f"dataset IN ({', '.join('?' * len(sets))})", *sets)
    return f


def check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise ConfigError("limit must be zero or more")
    if offset < 0:
        raise ConfigError("offset must be zero or more")


def events_sql(flt: Filter, *, limit: int | None, offset: int = 0, columns: tuple[str, ...] = OUTPUT_COLUMNS) -> tuple[str, list[object]]:
    check_page(limit, offset)
    sql = f"SELECT {', '.join(columns)} FROM events {flt.sql()} ORDER BY date, dataset, event_id"
    params = list(flt.params)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    if offset:
        sql += " OFFSET ?"
        params.append(offset)
    return sql, params


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ConfigError(f"unknown {what} {value!r}; choose one of {', '.join(allowed)}")
    return value


def dedup_sql(source: str, dedup: str) -> str:
    """Rows of ``source`` with repeated reports of one event collapsed.

    ``one-a-day`` keeps one event per (date, source country, target country, CAMEO code),
    the usual remedy for GDELT's many reports of one event; ``root`` per CAMEO root.
    """
    _check(dedup, DEDUP, "dedup")
    if dedup == "none":
        return source
    code = "cameo_code" if dedup == "one-a-day" else "cameo_root"
    return (
        f"(SELECT * FROM {source} QUALIFY row_number() OVER (PARTITION BY date, source_country, target_country, "
        f"coalesce({code}, plover) ORDER BY dataset, event_id) = 1)"
    )


def series_sql(
    a: str,
    b: str,
    *,
    freq: str = "month",
    measure: str = "count",
    normalize: str = "none",
    dedup: str = "none",
    directed: bool = False,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    dataset: str | list[str] | None = None,
    summary: bool = False,
) -> tuple[str, list[object]]:
    """SQL for one dyad's series: one row per period, periods without events included.

    With ``summary`` (only for ``dedup='none'``) the counts come from the ``dyad_days``
    table that ``optimize`` builds (see ``store/summary.py``) instead of the events.
    """
    _check(freq, FREQS, "frequency")
    _check(measure, MEASURES, "measure")
    _check(normalize, NORMALIZE, "normalization")
    dyad = event_filter(dyad=(a, b), directed=directed)
    # Deduplication ranks events within (date, source, target, code), so it can run on the
    # subset that the denominator needs: the dyad alone, events of A or B, or everything.
    scope = {"none": event_filter(dyad=(a, b), directed=directed, start=start, end=end, dataset=dataset),
             "actors": event_filter(start=start, end=end, dataset=dataset),
             "total": event_filter(start=start, end=end, dataset=dataset)}[normalize]
    if normalize == "actors":
        scope.add("(source_country IN (?, ?) OR target_country IN (?, ?))", a.upper(), b.upper(), a.upper(), b.upper())
    summary = summary and dedup == "none"
    table = "dyad_days" if summary else "events"
    events = dedup_sql(f"(SELECT * FROM {table} {scope.sql()})", dedup)
    params: list[object] = list(scope.params)
    params_dyad = list(dyad.params)
    period = f"CAST(date_trunc('{freq}', date) AS DATE)"
    if summary:  # sums of the per-day counts; BIGINT, as count(*) gives
        count = "CAST(sum(events) AS BIGINT)"
        quad = ", ".join(f"CAST(sum({name}) AS BIGINT) AS {name}" for name in QUAD_COLUMNS)
        sums = "sum(goldstein_sum) AS goldstein_sum, sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein_mean, " \
               "CAST(sum(mentions) AS BIGINT) AS mentions"
    else:
        count = "count(*)"
        quad = ", ".join(f"count(*) FILTER (WHERE quad_class = {i + 1}) AS {name}" for i, name in enumerate(QUAD_COLUMNS))
        sums = "sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean, sum(num_mentions) AS mentions"
    sql = f"""
WITH ev AS (SELECT * FROM {events} e),
d AS (
  SELECT {period} AS period, {count} AS events, {quad}, {sums}
  FROM ev {dyad.sql()} GROUP BY 1
),
span AS (
  SELECT coalesce(CAST(? AS DATE), min(period)) AS lo, coalesce(CAST(? AS DATE), max(period)) AS hi FROM d
),
periods AS (
  SELECT CAST(p AS DATE) AS period FROM span, generate_series(CAST(date_trunc('{freq}', lo) AS TIMESTAMP), CAST(hi AS TIMESTAMP), INTERVAL 1 {freq}) g(p)
)"""
    params += [*params_dyad, str(start) if start else None, str(end) if end else None]
    denom = "NULL"
    if normalize == "total":
        sql += f""",
tot AS (SELECT {period} AS period, {count} AS n FROM ev GROUP BY 1)"""
        denom = "tot.n"
    elif normalize == "actors":
        ab = event_filter(country=a)
        bb = event_filter(country=b)
        sql += f""",
tot AS (SELECT {period} AS period, {count} AS n FROM ev WHERE ({' AND '.join(ab.clauses)}) OR ({' AND '.join(bb.clauses)}) GROUP BY 1)"""
        params += ab.params + bb.params
        denom = "tot.n"
    cols = ["p.period", "coalesce(d.events, 0) AS events"]
    if measure in ("goldstein", "all"):
        cols += ["coalesce(d.goldstein_sum, 0) AS goldstein_sum", "d.goldstein_mean AS goldstein_mean"]
    if measure in ("quad", "all"):
        cols += [f"coalesce(d.{q}, 0) AS {q}" for q in QUAD_COLUMNS]
    if normalize != "none":
        cols.append(f"coalesce({denom}, 0) AS total")
        cols.append(f"CASE WHEN coalesce({denom}, 0) = 0 THEN 0 ELSE coalesce(d.events, 0) / {denom} END AS events_share")
        if measure in ("goldstein", "all"):
            cols.append(f"CASE WHEN coalesce({denom}, 0) = 0 THEN 0 ELSE coalesce(d.goldstein_sum, 0) / {denom} END AS goldstein_share")
        if measure in ("quad", "all"):
            cols += [f"CASE WHEN coalesce({denom}, 0) = 0 THEN 0 ELSE coalesce(d.{q}, 0) / {denom} END AS {q}_share" for q in QUAD_COLUMNS]
    join = "LEFT JOIN tot ON tot.period = p.period" if normalize != "none" else ""
    sql += f"\nSELECT {', '.join(cols)} FROM periods p LEFT JOIN d ON d.period = p.period {join} ORDER BY p.period"
    return sql, params
