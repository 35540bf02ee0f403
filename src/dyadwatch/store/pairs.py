"""One pair's summary rows in memory: pages and plain series without a query.

A read-only store cannot change while it is open, so the ``dyad_days`` rows of a pair
(a few thousand: one per direction, day and dataset) can be read once and kept. From them,
numpy answers the two questions a dashboard asks most, each in well under a millisecond:

* where a page of the pair's events lies in the clustered events table (then one range
  read fetches just those rows), and
* the pair's series with ``dedup='none'`` and ``normalize='none'``, period by period,
  with the same periods, counts and values as the SQL in ``store/queries.py``
  (tests compare the two on random requests).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from dyadwatch.store.queries import QUAD_COLUMNS

_NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class PairDays:
    """The summary rows of one pair, ordered by date (undated rows last)."""

    dates: np.ndarray  # datetime64[D]; NaT for events without a date
    source: np.ndarray  # object: source_country of each row
    dataset: np.ndarray  # object
    events: np.ndarray  # int64
    quads: np.ndarray  # int64, shape (n, 4), in QUAD_COLUMNS order
    goldstein_sum: np.ndarray  # float64; NaN where no event of the row had a score
    goldstein_n: np.ndarray  # int64
    first_row: np.ndarray  # int64

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, dyad: str) -> PairDays:
        cols = ", ".join(QUAD_COLUMNS)
        rel = con.execute(
            f"SELECT date, source_country, dataset, events, {cols}, goldstein_sum, goldstein_n, first_row "
            "FROM dyad_days WHERE dyad = ? ORDER BY date NULLS LAST, first_row", [dyad]
        ).fetchnumpy()
        raw_dates = rel["date"]
        dates = np.asarray(raw_dates).astype("datetime64[D]")
        if isinstance(raw_dates, np.ma.MaskedArray):  # undated rows come masked, over arbitrary values
            dates[np.ma.getmaskarray(raw_dates)] = _NAT

        def ints(name: str) -> np.ndarray:
            return np.asarray(rel[name], dtype=np.int64)

        gsum = rel["goldstein_sum"]
        gsum = np.ma.filled(gsum.astype(np.float64), np.nan) if isinstance(gsum, np.ma.MaskedArray) else np.asarray(gsum, dtype=np.float64)
        return cls(dates=dates, source=np.asarray(rel["source_country"], dtype=object), dataset=np.asarray(rel["dataset"], dtype=object),
                   events=ints("events"), quads=np.stack([ints(q) for q in QUAD_COLUMNS], axis=1) if len(dates) else np.zeros((0, 4), np.int64),
                   goldstein_sum=gsum, goldstein_n=ints("goldstein_n"), first_row=ints("first_row"))

    def select(self, *, start: dt.date | str | None = None, end: dt.date | str | None = None, source: str | None = None,
               datasets: list[str] | None = None) -> np.ndarray:
        """Rows as the SQL filter selects them: with a date bound, undated rows drop out."""
        mask = np.ones(len(self.dates), dtype=bool)
        if start is not None:
            mask &= ~np.isnat(self.dates) & (self.dates >= np.datetime64(str(start), "D"))
        if end is not None:
            mask &= ~np.isnat(self.dates) & (self.dates <= np.datetime64(str(end), "D"))
        if source is not None:
            mask &= self.source == source
        if datasets:
            mask &= np.isin(self.dataset, datasets)
        return mask

    def page(self, mask: np.ndarray, *, limit: int | None, offset: int) -> tuple[int, int] | None:
        """Row numbers (first, last) of the page in the clustered table; None when it is empty.

        Only for selections by date alone: those days are consecutive in the table.
        """
        if not mask.any():
            return None
        total = int(self.events[mask].sum())
        n = total - offset if limit is None else min(limit, total - offset)
        if n <= 0:
            return None
        first = int(self.first_row[mask].min()) + offset
        return first, first + n - 1

    def series(self, mask: np.ndarray, *, freq: str, measure: str, start: dt.date | str | None,
               end: dt.date | str | None) -> list[dict[str, Any]]:
        """JSON-ready rows of the plain series, as ``queries.series_sql`` returns them."""
        keep = mask & ~np.isnat(self.dates)
        periods = _truncate(self.dates[keep], freq)
        uniq, inverse = np.unique(periods, return_inverse=True)
        lo = np.datetime64(str(start), "D") if start is not None else (uniq[0] if len(uniq) else _NAT)
        hi = np.datetime64(str(end), "D") if end is not None else (uniq[-1] if len(uniq) else _NAT)
        if np.isnat(lo) or np.isnat(hi):
            return []
        grid = _grid(lo, hi, freq)
        slot = np.searchsorted(grid, uniq)
        inside = (slot < len(grid)) & (grid[np.minimum(slot, len(grid) - 1)] == uniq)

        def per_period(values: np.ndarray) -> np.ndarray:
            sums = np.zeros(len(uniq), dtype=values.dtype)
            np.add.at(sums, inverse, values)
            out = np.zeros(len(grid), dtype=values.dtype)
            out[slot[inside]] = sums[inside]
            return out

        events = per_period(self.events[keep])
        cols: dict[str, np.ndarray] = {"events": events}
        if measure in ("goldstein", "all"):
            gsum = self.goldstein_sum[keep]
            cols["goldstein_sum"] = per_period(np.nan_to_num(gsum, nan=0.0))
            gn = per_period(self.goldstein_n[keep])
            with np.errstate(invalid="ignore", divide="ignore"):
                cols["goldstein_mean"] = np.where(gn > 0, cols["goldstein_sum"] / np.maximum(gn, 1), np.nan)
        if measure in ("quad", "all"):
            quads = self.quads[keep]
            for i, name in enumerate(QUAD_COLUMNS):
                cols[name] = per_period(quads[:, i])
        names = list(cols)
        rows: list[dict[str, Any]] = []
        for j, p in enumerate(grid.astype(object)):
            row: dict[str, Any] = {"period": p.isoformat()}
            for name in names:
                v = cols[name][j]
                row[name] = None if isinstance(v, float | np.floating) and np.isnan(v) else v.item()
            rows.append(row)
        return rows


def _truncate(dates: np.ndarray, freq: str) -> np.ndarray:
    """DuckDB's date_trunc: weeks start on Monday, quarters in January, April, July, October."""
    if freq == "day":
        return dates
    if freq == "week":
        days = dates.astype(np.int64)
        return (days - (days + 3) % 7).astype("datetime64[D]")  # 1970-01-01 was a Thursday
    months = dates.astype("datetime64[M]")
    if freq == "month":
        return months.astype("datetime64[D]")
    if freq == "quarter":
        m = months.astype(np.int64)
        return (m - m % 3).astype("datetime64[M]").astype("datetime64[D]")
    return dates.astype("datetime64[Y]").astype("datetime64[D]")


def _grid(lo: np.datetime64, hi: np.datetime64, freq: str) -> np.ndarray:
    """Every period from the one holding ``lo`` to the last starting on or before ``hi``."""
    first = _truncate(np.array([lo]), freq)[0]
    if first > hi:
        return np.array([], dtype="datetime64[D]")
    if freq in ("day", "week"):
        return np.arange(first, hi + np.timedelta64(1, "D"), np.timedelta64(1 if freq == "day" else 7, "D"))
    step = {"month": 1, "quarter": 3, "year": 12}[freq]
    m0 = first.astype("datetime64[M]").astype(np.int64)
    m1 = hi.astype("datetime64[M]").astype(np.int64)
    return np.arange(m0, m1 + 1, step).astype("datetime64[M]").astype("datetime64[D]")


class PairCache:
    """The ``PairDays`` of the most recently asked pairs (a bounded, thread-safe LRU).

    A pair is at most a few thousand rows per year of data (directions x days x datasets),
    so 128 pairs stay within tens of megabytes.
    """

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._items: OrderedDict[str, PairDays] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, con: duckdb.DuckDBPyConnection, dyad: str) -> PairDays:
        with self._lock:
            if dyad in self._items:
                self._items.move_to_end(dyad)
                return self._items[dyad]
        days = PairDays.load(con, dyad)
        with self._lock:
            self._items[dyad] = days
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return days
