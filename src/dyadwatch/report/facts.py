"""Facts about a dyad read straight from the store: quad classes, top event types and actors, key events.

The analysis JSON carries the index and the tests; these counts come from the events
themselves, with every user value passed as a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dyadwatch.ontology import cameo_codes
from dyadwatch.store import Store
from dyadwatch.store import queries as q


def _filter(a: str, b: str, start: dt.date | str | None, end: dt.date | str | None, dataset: str | list[str] | None) -> q.Filter:
    return q.event_filter(dyad=(a, b), start=start, end=end, dataset=dataset)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows: dates as YYYY-MM-DD, missing values as None."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    out = out.astype(object).where(pd.notna(out), None)
    rows: list[dict[str, Any]] = out.to_dict(orient="records")  # type: ignore[assignment]
    for row in rows:
        for key, value in row.items():
            if isinstance(value, dt.date):
                row[key] = value.isoformat()
            elif hasattr(value, "item"):
                row[key] = value.item()
    return rows


def quad_series(store: Store, a: str, b: str, *, freq: str = "month", start: dt.date | str | None = None,
                end: dt.date | str | None = None, dataset: str | list[str] | None = None, dedup: str = "none") -> list[dict[str, Any]]:
    """Events per period in each quad class (verbal/material cooperation/conflict)."""
    frame = store.series(a, b, freq=freq, measure="quad", start=start, end=end, dataset=dataset, dedup=dedup)
    return records(frame)


def top_event_types(store: Store, a: str, b: str, *, start: dt.date | str | None = None, end: dt.date | str | None = None,
                    dataset: str | list[str] | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent CAMEO codes between A and B, with their codebook names."""
    flt = _filter(a, b, start, end, dataset)
    frame = store.sql(
        f"SELECT coalesce(cameo_code, plover) AS code, count(*) AS events FROM events {flt.sql()} "
        "GROUP BY 1 HAVING code IS NOT NULL ORDER BY events DESC, code LIMIT ?",
        [*flt.params, limit],
    )
    book = cameo_codes()
    rows = records(frame)
    for row in rows:
        known = book.get(str(row["code"]))
        row["name"] = known.name if known else str(row["code"])
        row["label"] = f"{row['code']} {row['name']}"
    return rows


def top_actors(store: Store, a: str, b: str, *, start: dt.date | str | None = None, end: dt.date | str | None = None,
               dataset: str | list[str] | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The actors that appear most often on either side of A–B events."""
    flt = _filter(a, b, start, end, dataset)
    frame = store.sql(
        f"WITH ev AS (SELECT source_actor, source_country, target_actor, target_country FROM events {flt.sql()}), "
        "sides AS (SELECT source_actor AS actor, source_country AS country FROM ev "
        "UNION ALL SELECT target_actor, target_country FROM ev) "
        "SELECT actor, country, count(*) AS events FROM sides WHERE actor IS NOT NULL AND actor <> '' "
        "GROUP BY 1, 2 ORDER BY events DESC, actor LIMIT ?",
        [*flt.params, limit],
    )
    rows = records(frame)
    for row in rows:
        row["label"] = f"{row['actor']} ({row['country']})" if row.get("country") else str(row["actor"])
    return rows


def evidence_events(store: Store, a: str, b: str, *, start: dt.date | str, end: dt.date | str,
                    dataset: str | list[str] | None = None, limit: int = 50) -> tuple[list[dict[str, Any]], int]:
    """Events of one period, those with a sentence first, then the most reported; and their total."""
    flt = _filter(a, b, start, end, dataset)
    cols = ("event_id", "dataset", "date", "source_actor", "source_country", "target_actor", "target_country",
            "cameo_code", "plover", "quad_class", "goldstein", "num_mentions", "url", "doc_id", "sentence")
    frame = store.sql(
        f"SELECT {', '.join(cols)}, count(*) OVER () AS total FROM events {flt.sql()} "
        "ORDER BY (sentence IS NULL OR sentence = ''), num_mentions DESC NULLS LAST, date, dataset, event_id LIMIT ?",
        [*flt.params, limit],
    )
    total = int(frame["total"].iloc[0]) if len(frame) else 0
    rows = records(frame.drop(columns=["total"]))
    book = cameo_codes()
    for row in rows:
        known = book.get(str(row.get("cameo_code")))
        row["event_type"] = known.name if known else (row.get("plover") or "")
    return rows, total
