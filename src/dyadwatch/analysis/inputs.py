"""What the analysis reads from the store: series, threat counts, evidence, query triggers.

The only module of ``dyadwatch.analysis`` that touches the store; everything else works
on the pandas frames made here. All values go in as bound parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from dyadwatch.analysis.periods import check_freq
from dyadwatch.store import Store
from dyadwatch.store import queries as q

EVIDENCE_COLUMNS = ("date", "source_country", "target_country", "cameo_code", "quad_class", "goldstein",
                    "num_mentions", "sentence", "url", "dataset", "event_id")


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    freq: str,
    start: dt.date | str | None,
    end: dt.date | str | None,
    dataset: str | list[str] | None,
    normalize: str,
    dedup: str,
) -> pd.DataFrame:
    """The store's series of the dyad with every measure (quad classes and Goldstein)."""
    return store.series(a, b, freq=freq, measure="all", normalize=normalize, dedup=dedup,
                        start=start, end=end, dataset=dataset)


def threat_counts(
    store: Store,
    a: str,
    b: str,
    third_parties: Sequence[str],
    *,
    periods: pd.Series,
    freq: str,
    start: dt.date | str | None,
    end: dt.date | str | None,
    dataset: str | list[str] | None,
    dedup: str,
) -> pd.DataFrame:
    """Conflict events (quad classes 3-4) from each third party toward A or B, per period.

    One column per third party, one row per period of ``periods`` (zeros where none), in a
    single scan of the store.
    """
    check_freq(freq)
    index = pd.DatetimeIndex(pd.to_datetime(periods)).as_unit("us")
    thirds = [t.upper() for t in third_parties]
    out = pd.DataFrame(0.0, index=index, columns=thirds)
    if not thirds:
        return out
    base = q.event_filter(start=start, end=end, dataset=dataset)
    # Deduplication groups by (date, source, target, code), so keeping only these sources
    # and targets before it changes nothing and spares ranking every event in the store.
    base.add(f"source_country IN ({', '.join('?' * len(thirds))}) AND target_country IN (?, ?)", *thirds, a.upper(), b.upper())
    source = q.dedup_sql(f"(SELECT * FROM events {base.sql()})", dedup)
    sql = (
        f"SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period, source_country AS third_party, count(*) AS n "
        f"FROM {source} e WHERE quad_class IN (3, 4) GROUP BY 1, 2"
    )
    rows = store.sql(sql, base.params)
    if rows.empty:
        return out
    rows["period"] = pd.to_datetime(rows["period"]).dt.as_unit("us")
    wide = rows.pivot_table(index="period", columns="third_party", values="n", aggfunc="sum")
    return wide.reindex(index=index, columns=thirds).fillna(0.0).astype(float)


def evidence_candidates(
    store: Store,
    a: str,
    b: str,
    *,
    start: dt.date,
    end: dt.date,
    rising: bool,
    at: dt.date,
    dataset: str | list[str] | None,
    limit: int = 100,
) -> pd.DataFrame:
    """The dyad's most weighty cooperative (rising) or conflictual events in [start, end],
    those nearest ``at`` first among equals."""
    flt = q.event_filter(dyad=(a, b), start=start, end=end, dataset=dataset)
    flt.add("quad_class IN (?, ?)", *((1, 2) if rising else (3, 4)))
    sql = (
        f"SELECT {', '.join(EVIDENCE_COLUMNS)} FROM events {flt.sql()} "
        "ORDER BY abs(coalesce(goldstein, 0)) * (1 + ln(greatest(coalesce(num_mentions, 1), 1))) DESC, "
        "abs(date_diff('day', CAST(? AS DATE), date)), date, event_id LIMIT ?"
    )
    return store.sql(sql, [*flt.params, str(at), limit])


def cameo_triggers(
    store: Store,
    a: str,
    b: str,
    codes: Sequence[str],
    *,
    start: dt.date | str | None,
    end: dt.date | str | None,
    dataset: str | list[str] | None,
) -> pd.DataFrame:
    """Days with at least one event of these CAMEO codes (or their children) between A and B."""
    flt = q.event_filter(dyad=(a, b), start=start, end=end, dataset=dataset)
    flt.add("(" + " OR ".join("cameo_code LIKE ?" for _ in codes) + ")", *[f"{c}%" for c in codes])
    sql = f"SELECT date, count(*) AS n FROM events {flt.sql()} GROUP BY date ORDER BY date"
    days = store.sql(sql, flt.params)
    label = ",".join(codes)
    return pd.DataFrame({
        "date": pd.to_datetime(days["date"]),
        "title": [f"CAMEO {label}: {int(n)} event{'s' if n != 1 else ''}" for n in days["n"]],
        "kind": f"cameo:{label}",
        "direction": None,
    })
