"""The pair-by-day summary that ``optimize`` builds, and the reads it makes cheap.

``optimize`` rewrites the events table in the order the event list is read in (pair, day,
dataset, event id) and then counts, for every (pair, direction, day, dataset), the events,
their quad classes, Goldstein sum and count, mentions, and the row number where that day's
events begin. Two reads use it:

* a series with ``dedup='none'`` sums the summary's rows instead of scanning events
  (a pair over ten years is a few thousand summary rows instead of hundreds of thousands
  of events), with the same periods, counts and shares;
* a page of one pair's events (any date range, any offset, no root or direction filter)
  becomes a range of row numbers, so DuckDB reads only the rows it returns instead of
  sorting the pair's events to find them.

The summary answers only while it is current: ``optimize`` records the number of events and
the last ``files.file_id`` it summarised, and every write (an ingest, ``add_events``,
``import``) registers a new file id in the same transaction as its events, so any write
retires the summary until the next ``optimize``; reads then fall back to the events table.
"""

from __future__ import annotations

import duckdb

from dyadwatch.store.queries import QUAD_COLUMNS

#: The order ``optimize`` writes events in; the event list's order within one pair.
CLUSTER_ORDER = "dyad, date, dataset, event_id"

_META_KEY = "summary_of"


def build(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build ``dyad_days`` from an events table just written in :data:`CLUSTER_ORDER`.

    Checks that the table's row numbers follow that order (DuckDB keeps insertion order, but
    the pages rely on it, so it is verified, not assumed); if not, no summary is recorded and
    reads use the events table. Returns the number of summary rows (0 when not recorded).
    """
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {i + 1}) AS {q}" for i, q in enumerate(QUAD_COLUMNS))
    con.execute(
        "CREATE OR REPLACE TABLE dyad_days AS "
        f"SELECT dyad, source_country, target_country, date, dataset, count(*) AS events, {quads}, "
        "sum(goldstein) AS goldstein_sum, count(goldstein) AS goldstein_n, sum(num_mentions) AS mentions, "
        "min(rowid) AS first_row "
        "FROM events GROUP BY ALL ORDER BY dyad, date"
    )
    con.execute(f"DELETE FROM meta WHERE key = '{_META_KEY}'")
    out_of_order = con.execute(
        f"SELECT count(*) FROM (SELECT ({CLUSTER_ORDER}) AS k, lag(({CLUSTER_ORDER})) OVER (ORDER BY rowid) AS prev FROM events) "
        "WHERE prev IS NOT NULL AND k < prev"
    ).fetchall()[0][0]
    if out_of_order:
        return 0
    con.execute(f"INSERT INTO meta VALUES ('{_META_KEY}', ?)", [_stamp(con)])
    return int(con.execute("SELECT count(*) FROM dyad_days").fetchall()[0][0])


def _stamp(con: duckdb.DuckDBPyConnection) -> str:
    n, last = con.execute("SELECT (SELECT count(*) FROM events), (SELECT coalesce(max(file_id), 0) FROM files)").fetchall()[0]
    return f"{n}:{last}"


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when ``dyad_days`` describes the events table as it is now."""
    row = con.execute(f"SELECT value FROM meta WHERE key = '{_META_KEY}'").fetchall()
    return bool(row) and row[0][0] == _stamp(con)


def page_sql(columns: tuple[str, ...]) -> str:
    """A page of one pair's events by row numbers (parameters: first row, last row).

    Rows come back in table order (DuckDB keeps insertion order unless told otherwise), which
    is the event list's order. Callers that fetch the rows check their number.
    """
    return f"SELECT {', '.join(columns)} FROM events WHERE rowid BETWEEN ? AND ?"


def range_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for :func:`page_sql` reads, with every optimizer pass off but filter push-down.

    A row-number range read has nothing for the optimizer to improve but pushing the filter
    into the scan; skipping the other passes saves about a fifth of such a read.
    """
    cur = con.cursor()
    names = [r[0] for r in cur.execute("SELECT name FROM duckdb_optimizers()").fetchall()]
    cur.execute(f"SET disabled_optimizers = '{','.join(n for n in names if n != 'filter_pushdown')}'")
    return cur
