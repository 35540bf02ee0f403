"""``Store``: the one facade over a dyadwatch DuckDB file, used by the CLI, the web app and tests."""

from __future__ import annotations

import datetime as dt
import glob
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Unpack

import duckdb

from dyadwatch.errors import InputError, StoreError
from dyadwatch.schema import DYAD_SQL, EVENT_COLUMN_NAMES, EVENT_COLUMNS, OUTPUT_COLUMNS, ddl, dyad_key
from dyadwatch.settings import setting
from dyadwatch.store import queries, summary
from dyadwatch.store.ddl import create_schema, register_reference
from dyadwatch.store.ingest import IngestResult, ingest_file
from dyadwatch.store.pairs import PairCache, PairDays

if TYPE_CHECKING:  # pandas is imported where it is used: it costs a third of a second at start-up
    import pandas as pd

DEFAULT_DB = "dyadwatch.duckdb"


def default_db() -> str:
    """The store path used when none is given: $DYADWATCH_DB or ./dyadwatch.duckdb."""
    return os.environ.get("DYADWATCH_DB", DEFAULT_DB)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, every file in a named folder (sorted), and glob matches."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            # hidden files and unfinished downloads (NAME.part, see sources/download.py) are not data
            out.extend(sorted(c for c in p.rglob("*") if c.is_file() and not c.name.startswith(".") and c.suffix != ".part"))
        elif p.exists():
            out.append(p)
        else:
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                raise InputError("no such file, folder or glob match", path=raw)
            out.extend(Path(m) for m in matches if Path(m).is_file())
    return out


class Store:
    """An event store in one DuckDB file (or ``":memory:"``).

    >>> store = Store(":memory:")
    >>> store.events(dyad=("JPN", "KOR")).shape[1] == len(OUTPUT_COLUMNS)
    True
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False, memory_limit: str | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._summary: bool | None = None
        self._pairs = PairCache()
        self._local = threading.local()  # per-thread cursors (see events_page)
        self._cursors: list[duckdb.DuckDBPyConnection] = []  # all of them, closed with the store
        self._cursors_lock = threading.Lock()
        try:
            if read_only and self.path != ":memory:":
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such store")
                self.con = duckdb.connect(self.path, read_only=True)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc
        self.con.execute("SET enable_progress_bar = false")
        limit = memory_limit or os.environ.get("DYADWATCH_MEMORY_LIMIT")
        if limit:
            self.con.execute(f"SET memory_limit = '{_sql_path(limit)}'")
        if not read_only or self.path == ":memory:":
            create_schema(self.con)
        register_reference(self.con)

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        with self._cursors_lock:
            for cur in self._cursors:
                cur.close()
            self._cursors.clear()
        self._local = threading.local()
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on the same database (one per thread), with the lookups registered."""
        cur = self.con.cursor()
        register_reference(cur)
        return cur

    # -- writing -----------------------------------------------------------------------------
    def ingest(
        self,
        paths: str | Path | Sequence[str | Path],
        *,
        format: str = "auto",
        progress: Callable[[int], None] | None = None,
        on_file: Callable[[Path], None] | None = None,
        engine: str = "auto",
        batch_bytes: int | None = None,
    ) -> list[IngestResult]:
        """Ingest files, folders or globs; one transaction per file. Returns one result per file.

        ``engine="lines"`` forces the line-by-line reader (the fast path is used where it applies).
        """
        self._writable()
        items = [paths] if isinstance(paths, (str, Path)) else list(paths)
        results = []
        with self._memory_limit(setting("ingest_memory_limit")):
            for p in expand_paths(items):
                if on_file:
                    on_file(p)
                results.append(ingest_file(self.con, p, fmt=format, progress=progress, engine=engine, batch_bytes=batch_bytes))
        return results

    @contextmanager
    def _memory_limit(self, limit: str) -> Iterator[None]:
        """Lower DuckDB's memory limit for a bulk load (it spills to disk), then restore it."""
        if not limit:
            yield
            return
        before = self.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        self.con.execute(f"SET memory_limit = '{_sql_path(limit)}'")
        try:
            yield
        finally:
            self.con.execute(f"SET memory_limit = '{_sql_path(str(before))}'")

    def add_events(self, frame: pd.DataFrame, *, dataset: str, source: str = "api") -> IngestResult:
        """Store events made elsewhere (the text coder): columns of the event schema.

        Idempotent on (dataset, event_id), in one transaction, registered as a file row.
        """
        self._writable()
        df = frame.copy()
        df["dataset"] = dataset
        for col in EVENT_COLUMN_NAMES:
            if col not in df.columns:
                df[col] = None
        df = df[list(EVENT_COLUMN_NAMES)]
        res = IngestResult(path=source, format="frame", status="ingested", datasets=[dataset])
        self.con.execute("BEGIN TRANSACTION")
        try:
            row = next(iter(self.con.execute("SELECT nextval('file_ids')").fetchall()), None)
            assert row is not None
            fid = int(row[0])
            df["file_id"] = fid
            self.con.register("_frame", df)
            cols = ", ".join(EVENT_COLUMN_NAMES)
            casts = ", ".join(DYAD_SQL if c == "dyad" else f"CAST({c} AS {t})" for c, t in self._event_types())
            inserted = self.con.execute(
                f"INSERT INTO events ({cols}) SELECT {casts} FROM _frame f "
                "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.dataset = f.dataset AND e.event_id = f.event_id) "
                "QUALIFY row_number() OVER (PARTITION BY event_id) = 1"
            ).fetchall()[0]
            self.con.unregister("_frame")
            res.file_id = fid
            res.rows_read = len(df)
            res.rows_stored = int(inserted[0]) if inserted else 0
            res.rows_duplicate = res.rows_read - res.rows_stored
            import pandas as pd

            dates = pd.to_datetime(df["date"], errors="coerce")
            if len(df):
                res.min_date, res.max_date = dates.min().date(), dates.max().date()
            self.con.execute(
                "INSERT INTO files VALUES (?, ?, ?, NULL, NULL, 'frame', 'events', ?, now(), ?, ?, 0, ?, 0, ?, ?, '')",
                [fid, source, Path(source).name, dataset, res.rows_read, res.rows_stored, res.rows_duplicate, res.min_date, res.max_date],
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return res

    def import_parquet(self, path: str | Path) -> IngestResult:
        """Load events exported by :meth:`export_parquet` (idempotent on dataset and event_id)."""
        p = Path(path)
        if not p.exists():
            raise InputError("no such file", path=p)
        try:
            frame = self.con.execute("SELECT * FROM read_parquet(?)", [str(p)]).df()
        except duckdb.Error as exc:
            raise InputError(f"not a readable Parquet file ({exc})", path=p) from exc
        missing = [c for c in ("event_id", "dataset", "date") if c not in frame.columns]
        if missing:
            raise InputError(f"Parquet file lacks event columns {missing}", path=p)
        results = [self.add_events(g, dataset=str(ds), source=str(p)) for ds, g in frame.groupby("dataset", sort=True)]
        total = IngestResult(path=str(p), format="parquet", status="ingested", datasets=[str(d) for d in frame["dataset"].unique()])
        for r in results:
            total.rows_read += r.rows_read
            total.rows_stored += r.rows_stored
            total.rows_duplicate += r.rows_duplicate
        return total

    def optimize(self) -> int:
        """Rewrite the events table clustered by pair and date, and summarise it by pair and day.

        DuckDB keeps min/max per row group; once events are clustered by pair, a query for
        one pair reads only that pair's row groups. The order is the event list's own
        (pair, date, dataset, event id), and the ``dyad_days`` summary built from it answers
        series and event pages without scanning events (``store/summary.py``). New ingests
        append unordered rows and retire the summary until the next optimize. Returns the
        number of events.
        """
        self._writable()
        cols = ", ".join(EVENT_COLUMN_NAMES)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DROP VIEW IF EXISTS gdelt2_raw; DROP VIEW IF EXISTS gdelt1_raw")
            self.con.execute("ALTER TABLE events RENAME TO events_unsorted")
            self.con.execute(ddl("events", EVENT_COLUMNS))  # the declared column compression, which CREATE AS would lose
            self.con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM events_unsorted ORDER BY {summary.CLUSTER_ORDER}")
            self.con.execute("DROP TABLE events_unsorted")
            create_schema(self.con)
            self.con.execute("COMMIT")
            # Its own transaction: rows get their lasting row numbers only once committed.
            self.con.execute("BEGIN TRANSACTION")
            summary.build(self.con)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self._summary = None
        self.con.execute("CHECKPOINT")
        return int(self.con.execute("SELECT count(*) FROM events").fetchall()[0][0])

    def has_summary(self) -> bool:
        """True when the ``dyad_days`` summary describes the events as they are now.

        A read-only store cannot change while it is open (DuckDB lets no process write a
        file that another has open), so the answer is remembered there.
        """
        if self._summary is not None:
            return self._summary
        try:
            current = summary.is_current(self.con.cursor())
        except duckdb.CatalogException:
            current = False
        if self.read_only:
            self._summary = current
        return current

    def events_query(self, *, limit: int | None = None, offset: int = 0, columns: tuple[str, ...] = OUTPUT_COLUMNS,
                     **filters: Unpack[queries.EventFilters]) -> tuple[str, list[object]]:
        """SQL and parameters for :meth:`events`: a range of rows when the summary can place the
        page (one pair, both directions, dates only), else a sorted, filtered scan."""
        sql, params = queries.events_sql(queries.event_filter(**filters), limit=limit, offset=offset, columns=columns)
        rows = self._page(filters, limit=limit, offset=offset)
        if rows is not None:
            return summary.page_sql(columns), list(rows)
        return sql, params

    def events_page(self, *, limit: int | None = None, offset: int = 0, columns: tuple[str, ...] = OUTPUT_COLUMNS,
                    **filters: Unpack[queries.EventFilters]) -> list[dict[str, Any]] | None:
        """:meth:`events` as a list of dicts, read by row numbers, when the summary can place the
        page; None otherwise (then use :meth:`events_query`). The web API's event lists."""
        queries.check_page(limit, offset)
        rows = self._page(filters, limit=limit, offset=offset)
        if rows is None:
            return None
        cur = getattr(self._local, "range_cursor", None)
        if cur is None:
            cur = self._local.range_cursor = summary.range_cursor(self.con)
            with self._cursors_lock:
                self._cursors.append(cur)
        found = cur.execute(summary.page_sql(columns), list(rows)).fetchall()
        if len(found) != rows[1] - rows[0] + 1:
            raise StoreError("the dyad_days summary does not match the events table; run `dyadwatch optimize`")
        return [dict(zip(columns, r, strict=True)) for r in found]

    def _page(self, filters: queries.EventFilters, *, limit: int | None, offset: int) -> tuple[int, int] | None:
        """Row numbers (first, last) of a page of one pair's events in the clustered table
        ((0, -1) when the page is empty), or None when the summary cannot place it."""
        dyad = filters.get("dyad")
        if dyad is None or any(filters.get(k) for k in ("directed", "root", "dataset")) or not self.has_summary():
            return None
        days = self.pair_days(*dyad)
        return days.page(days.select(start=filters.get("start"), end=filters.get("end")), limit=limit, offset=offset) or (0, -1)

    def pair_days(self, a: str, b: str) -> PairDays:
        """The summary rows of one pair (kept in memory by a read-only store). Needs :meth:`has_summary`."""
        key = dyad_key(a, b)
        cur = self.con.cursor()
        try:
            return self._pairs.get(cur, key) if self.read_only else PairDays.load(cur, key)
        finally:
            cur.close()

    def series_records(self, a: str, b: str, *, freq: str = "month", measure: str = "count", normalize: str = "none",
                       dedup: str = "none", directed: bool = False, start: dt.date | str | None = None,
                       end: dt.date | str | None = None, dataset: str | list[str] | None = None) -> list[dict[str, Any]] | None:
        """The plain series (no dedup, no normalisation) as JSON-ready rows from the summary in
        memory, or None when the request needs SQL (:meth:`series_query`)."""
        queries.series_sql(a, b, freq=freq, measure=measure, normalize=normalize, dedup=dedup)  # validates the options
        if normalize != "none" or dedup != "none" or not self.has_summary():
            return None
        days = self.pair_days(a, b)
        mask = days.select(start=start, end=end, source=a.upper() if directed else None, datasets=queries.as_list(dataset) or None)
        return days.series(mask, freq=freq, measure=measure, start=start, end=end)

    def series_query(self, a: str, b: str, **options: Any) -> tuple[str, list[object]]:
        """SQL and parameters for :meth:`series`, from the summary when it is current."""
        return queries.series_sql(a, b, summary=self.has_summary(), **options)

    def _event_types(self) -> list[tuple[str, str]]:
        return [(c.name, c.sql_type) for c in EVENT_COLUMNS]

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")

    # -- reading -----------------------------------------------------------------------------
    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        directed: bool = False,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        root: str | list[str] | None = None,
        dataset: str | list[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        columns: tuple[str, ...] = OUTPUT_COLUMNS,
    ) -> pd.DataFrame:
        """Events in the schema's columns, oldest first; no ``dyad`` means all events."""
        return self.sql(*self.events_query(dyad=dyad, directed=directed, start=start, end=end, root=root, dataset=dataset,
                                           limit=limit, offset=offset, columns=columns))

    def series(
        self,
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
    ) -> pd.DataFrame:
        """One row per period between A and B (both directions unless ``directed``)."""
        return self.sql(*self.series_query(a, b, freq=freq, measure=measure, normalize=normalize, dedup=dedup,
                                           directed=directed, start=start, end=end, dataset=dataset))

    def sql(self, query: str, params: Sequence[object] | None = None) -> pd.DataFrame:
        """Run SQL (with bound parameters) on a fresh cursor and return a DataFrame."""
        cur = self.cursor()
        try:
            return cur.execute(query, list(params or [])).df()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc
        finally:
            cur.close()

    def status(self) -> dict[str, Any]:
        """Datasets with counts and date ranges, files, quarantine totals."""
        datasets = self.sql(
            "SELECT dataset, count(*) AS events, min(date) AS first_date, max(date) AS last_date, "
            "count(DISTINCT file_id) AS files FROM events GROUP BY 1 ORDER BY 1"
        )
        files = self.sql(
            "SELECT file_id, name, format, datasets, rows_read, rows_stored, rows_quarantined, rows_duplicate, "
            "rows_warned, min_date, max_date, ingested_at FROM files ORDER BY file_id"
        )
        mentions = self.sql("SELECT count(*) AS n FROM mentions")["n"].iloc[0]
        quarantined = self.sql("SELECT count(*) AS n FROM quarantine")["n"].iloc[0]
        return {"path": self.path, "datasets": datasets, "files": files, "mentions": int(mentions), "quarantined": int(quarantined)}

    def quarantine(self, *, limit: int | None = 100, file: str | None = None) -> pd.DataFrame:
        """Rejected rows with file, line, field and reason."""
        sql = "SELECT q.file_id, q.path, q.line, q.field, q.reason, q.raw FROM quarantine q"
        params: list[object] = []
        if file:
            sql += " WHERE q.path LIKE ?"
            params.append(f"%{file}%")
        sql += " ORDER BY q.file_id, q.line"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.sql(sql, params)

    def dyads(self, *, min_events: int = 1) -> pd.DataFrame:
        """Undirected country pairs with their event counts, most active first."""
        return self.sql(
            "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
            "count(*) AS events, min(date) AS first_date, max(date) AS last_date FROM events "
            "WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country "
            "GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC, a, b",
            [min_events],
        )

    def export_parquet(self, path: str | Path, **filters: Any) -> int:
        """Write events (optionally filtered like :meth:`events`) to Parquet; returns the row count."""
        flt = queries.event_filter(**filters)
        cols = ", ".join(EVENT_COLUMN_NAMES)
        cur = self.cursor()
        try:
            cur.execute(
                f"COPY (SELECT {cols} FROM events {flt.sql()} ORDER BY date, dataset, event_id) TO '{_sql_path(path)}' (FORMAT parquet)",
                flt.params,
            )
            row = next(iter(cur.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall()), None)
        finally:
            cur.close()
        return int(row[0]) if row else 0


def _sql_path(path: str | Path) -> str:
    return str(path).replace("'", "''")
