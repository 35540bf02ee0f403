"""Load one file into the store: all of it or none of it, once.

One file is one transaction. A file whose checksum is already registered is skipped;
rows whose identity (KEYS) is already stored count as duplicates; rows that do not parse
go to the ``quarantine`` table with file, line, field and reason. For every file
``rows_read = rows_stored + rows_quarantined + rows_duplicate``; empty lines are not rows
and are reported in the notes.

Two engines produce the same result. Headerless, unquoted files (GDELT) go through
DuckDB's parallel CSV reader straight into the table (the fast path); everything else,
and any file the fast path cannot account for exactly (damaged UTF-8, say), is read as
numbered lines in batches (the line path).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import duckdb

from dyadwatch.errors import FormatError, InputError, StoreError
from dyadwatch.schema import DYAD_SQL
from dyadwatch.settings import setting
from dyadwatch.sources.lines import read_head, read_lines
from dyadwatch.sources.registry import Reader, ReadPlan, get_reader, readers
from dyadwatch.store.ddl import COLUMNS, KEYS

Progress = Callable[[int], None]


@dataclass
class IngestResult:
    """What one file's ingest did; ``status`` is ``ingested`` or ``skipped`` (already loaded)."""

    path: str
    format: str
    status: str
    file_id: int | None = None
    table: str = "events"
    datasets: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_stored: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    rows_warned: int = 0
    min_date: dt.date | None = None
    max_date: dt.date | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class ByteScan:
    """Facts from one pass over a file's bytes: checksum and line counts (empty lines if counted)."""

    sha256: str
    size: int
    lines: int
    empty_lines: int


def scan_bytes(path: Path, *, count_empty: bool = False, stop: threading.Event | None = None) -> ByteScan:
    """Checksum the file and count its lines; empty lines only when asked (a slower search).

    If ``stop`` is set while reading, give up: the partial scan returned is not to be used.
    """
    h = hashlib.sha256()
    lines = empty = size = 0
    prev = last = b""
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(8 * 1024 * 1024), b""):
            if stop is not None and stop.is_set():
                break
            h.update(block)
            size += len(block)
            lines += block.count(b"\n")
            if count_empty:
                empty += block.count(b"\n\n") + (1 if prev in (b"\n", b"") and block[:1] == b"\n" else 0)
                empty += block.count(b"\n\r\n") + (1 if prev in (b"\n", b"") and block[:2] == b"\r\n" else 0)
            prev = last = block[-1:]
    if size and last != b"\n":
        lines += 1
    return ByteScan(sha256=h.hexdigest(), size=size, lines=lines, empty_lines=empty)


def detect_reader(path: Path, head: list[str], fmt: str) -> Reader:
    """The reader for ``fmt``; for ``auto`` the first registered reader whose sniff matches."""
    if fmt != "auto":
        return get_reader(fmt)
    for name in ("gdelt", "icews", "polecat"):
        if readers()[name].sniff(head):
            return get_reader(name)
    for name, cls in readers().items():
        if cls.sniff(head):
            return get_reader(name)
    if not head:
        raise FormatError("file is empty", path=path)
    raise FormatError("not a GDELT, ICEWS or POLECAT file (its first line matches none); give --format", path=path, line=1)


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    fmt: str = "auto",
    progress: Progress | None = None,
    batch_bytes: int | None = None,
    engine: str = "auto",
) -> IngestResult:
    """Ingest one file in one transaction. Raises FormatError/InputError if it is unusable.

    ``engine``: ``auto`` (fast path where the format allows), ``lines`` (always line by line).
    """
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=p)
    if p.is_dir():
        raise InputError("is a directory; give the files in it (or the folder to `ingest`, which expands it)", path=p)
    # The checksum and line count are read in a thread while DuckDB loads the file; the
    # checksum is compared with the registry before commit. A file already registered under
    # the same name and size is most likely a re-run, so there it is compared first.
    stop = threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="dyadwatch-scan") as pool:
        scan_job = pool.submit(scan_bytes, p, stop=stop)
        try:
            return _ingest_scanned(con, p, scan_job.result, fmt=fmt, progress=progress, batch_bytes=batch_bytes, engine=engine)
        finally:
            stop.set()  # an unusable file: do not read the rest of it just to hash it


def _ingest_scanned(
    con: duckdb.DuckDBPyConnection,
    p: Path,
    scan_of: Callable[[], ByteScan],
    *,
    fmt: str,
    progress: Progress | None,
    batch_bytes: int | None,
    engine: str,
) -> IngestResult:
    """The body of :func:`ingest_file`, with the file's scan running elsewhere (``scan_of`` waits for it)."""
    size = p.stat().st_size
    if con.execute("SELECT 1 FROM files WHERE name = ? AND size = ?", [p.name, size]).fetchall():
        skipped = _already_ingested(con, p, scan_of(), progress)
        if skipped:
            return skipped
    if size == 0:
        raise FormatError("file is empty", path=p)
    head = read_head(p)
    reader = detect_reader(p, head, fmt)
    plan = reader.plan(p, head)
    if engine == "auto" and plan.csv_columns and plan.skip_lines == 0 and plan.encoding == "utf-8":
        with _plain_copy(p, scan_of) as (plain, plain_scan):
            if plain_scan is not None:
                fast_scan = plain_scan
                res = _run(con, plan, scan_of, progress, lambda fid: _fast(con, plan, plain, fast_scan, fid, progress))
                if res is not None:
                    return res
    res = _run(con, plan, scan_of, progress, lambda fid: _by_lines(con, plan, fid, progress, batch_bytes))
    assert res is not None
    return res


def _already_ingested(con: duckdb.DuckDBPyConnection, path: Path, scan: ByteScan, progress: Progress | None) -> IngestResult | None:
    """The 'skipped' result if a file with these bytes is registered, else None."""
    done = con.execute("SELECT file_id, format FROM files WHERE sha256 = ?", [scan.sha256]).fetchall()
    if not done:
        return None
    if progress:
        progress(scan.size)
    fid, fmt_done = done[0]
    return IngestResult(path=str(path), format=str(fmt_done), status="skipped", file_id=int(fid),
                        notes=[f"already ingested as file {fid} (same sha256)"])


@contextmanager
def _plain_copy(path: Path, scan: Callable[[], ByteScan]) -> Iterator[tuple[Path, Callable[[], ByteScan] | None]]:
    """The file itself if plain; else its single zip/gzip member extracted to a temporary file.

    With the path comes a function giving the plain file's scan (for a plain file, its own
    scan, which may still be running), or None if the fast path cannot read this archive.
    """
    name = path.name.lower()
    if not (name.endswith(".zip") or name.endswith(".gz")):
        yield path, scan
        return
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-"))
    try:
        target = tmp / "member"
        try:
            if name.endswith(".zip"):
                with zipfile.ZipFile(path) as zf:
                    members = [m for m in zf.infolist() if not m.is_dir()]
                    if len(members) != 1:
                        raise _UseLines()
                    with zf.open(members[0]) as src:
                        member = _copy_counting_lines(src, target)
            else:
                with gzip.open(path, "rb") as src:
                    member = _copy_counting_lines(src, target)
        except (zipfile.BadZipFile, EOFError, OSError, gzip.BadGzipFile) as exc:
            raise FormatError(f"cannot unpack ({exc}); the file may be truncated or corrupt", path=path) from exc
        yield target, lambda: member
    except _UseLines:
        yield path, None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _copy_counting_lines(src: IO[bytes] | gzip.GzipFile, target: Path) -> ByteScan:
    """Write ``src`` to ``target`` and count its lines on the way (no checksum: the archive has one)."""
    lines = size = 0
    last = b""
    with open(target, "wb") as dst:
        for block in iter(lambda: src.read(8 * 1024 * 1024), b""):
            dst.write(block)
            size += len(block)
            lines += block.count(b"\n")
            last = block[-1:]
    if size and last != b"\n":
        lines += 1
    return ByteScan(sha256="", size=size, lines=lines, empty_lines=0)


class _UseLines(Exception):
    """The fast path does not apply; read line by line."""


def _run(
    con: duckdb.DuckDBPyConnection,
    plan: ReadPlan,
    scan_of: Callable[[], ByteScan],
    progress: Progress | None,
    body: Callable[[int], IngestResult | None],
) -> IngestResult | None:
    """Run ``body`` in a transaction, register the file, commit; roll back on any error or None.

    If the file's checksum turns out to be registered already, roll back and return 'skipped'.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        file_id = int(con.execute("SELECT nextval('file_ids')").fetchall()[0][0])
        res = body(file_id)
        if res is None:
            con.execute("ROLLBACK")
            return None
        res.file_id = file_id
        if res.table == "events":
            lo, hi, ds = con.execute(
                "SELECT min(date), max(date), list(DISTINCT dataset ORDER BY dataset) FROM events WHERE file_id = ?", [file_id]
            ).fetchall()[0]
            res.min_date, res.max_date, res.datasets = lo, hi, list(ds or [])
        else:
            ds = con.execute(f"SELECT list(DISTINCT dataset) FROM {res.table} WHERE file_id = ?", [file_id]).fetchall()[0][0]
            res.datasets = sorted(ds or [])
        if res.rows_read and res.rows_quarantined == res.rows_read:
            res.notes.append("every row was quarantined: is the format right?")
        scan = scan_of()
        skipped = _already_ingested(con, plan.path, scan, None)
        if skipped:
            con.execute("ROLLBACK")
            return skipped
        con.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?)",
            [file_id, str(plan.path.resolve()), plan.path.name, scan.sha256, scan.size, plan.reader, plan.table,
             ",".join(res.datasets), res.rows_read, res.rows_stored, res.rows_quarantined, res.rows_duplicate,
             res.rows_warned, res.min_date, res.max_date, "; ".join(res.notes)],
        )
        if res.rows_read != res.rows_stored + res.rows_quarantined + res.rows_duplicate:
            raise StoreError(f"{plan.path}: counts do not add up ({res.rows_read} read)")
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    return res


def _insert_sql(table: str, file_id: int, source: str) -> str:
    """Insert the good rows of ``source`` whose identity is not stored yet.

    Repeats within the file itself are removed afterwards by :func:`_drop_repeats`:
    cheaper than a window over every row when, as usual, there are none.
    """
    cols = [c.name for c in COLUMNS[table]]
    key = KEYS[table]
    keep_raw = setting("keep_raw").strip().lower() not in ("0", "false", "no", "")
    special = {"file_id": str(file_id), "dyad": DYAD_SQL}
    if not keep_raw:
        special["raw"] = "NULL"
    select = ", ".join(special.get(c, c) for c in cols)
    exists = " AND ".join(f"e.{k} IS NOT DISTINCT FROM s.{k}" for k in key)
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM ({source}) s "
        f"WHERE _reason IS NULL AND NOT EXISTS (SELECT 1 FROM {table} e WHERE {exists})"
    )


def _drop_repeats(con: duckdb.DuckDBPyConnection, table: str, file_id: int) -> int:
    """Delete all but the first stored copy of each identity this file stored twice; return how many."""
    key = ", ".join(KEYS[table])
    distinct = f"count(DISTINCT ({key}))" if len(KEYS[table]) > 1 else f"count(DISTINCT {key})"
    total, unique = con.execute(f"SELECT count(*), {distinct} FROM {table} WHERE file_id = ?", [file_id]).fetchall()[0]
    if total == unique:
        return 0
    return int(
        con.execute(
            f"DELETE FROM {table} WHERE file_id = ? AND rowid NOT IN "
            f"(SELECT min(rowid) FROM {table} WHERE file_id = ? GROUP BY {key})",
            [file_id, file_id],
        ).fetchall()[0][0]
    )


def _rows_view_over_batch(width: int) -> str:
    cols = ", ".join(f"f[{i}] AS c{i}" for i in range(1, width + 1))
    return (
        "CREATE OR REPLACE TEMP VIEW rows AS SELECT line_no, len(f) AS n, line AS raw, f, "
        f"{cols} FROM (SELECT line_no, line, string_split(line, chr(9)) AS f FROM batch WHERE line <> '')"
    )


def _csv_options(width: int, *, rejects: bool) -> str:
    cols = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, width + 1))
    opts = (
        "delim = chr(9), header = false, quote = '', escape = '', auto_detect = false, null_padding = true, "
        f"nullstr = chr(2), ignore_errors = true, columns = {{{cols}}}"
    )
    if rejects:
        opts += ", store_rejects = true, rejects_table = '_dw_rej_err', rejects_scan = '_dw_rej_scan'"
    return opts


def _rows_view_over_csv(path: Path, width: int, *, rejects: bool) -> str:
    cols = [f"c{i}" for i in range(1, width + 1)]
    n = "CASE " + " ".join(f"WHEN c{i} IS NOT NULL THEN {i}" for i in range(width, 0, -1)) + " ELSE 0 END"
    src = str(path).replace("'", "''")
    return (
        f"CREATE OR REPLACE TEMP VIEW rows AS SELECT CAST(NULL AS BIGINT) AS line_no, {n} AS n, "
        f"concat_ws(chr(9), {', '.join(cols)}) AS raw, CAST(NULL AS VARCHAR[]) AS f, {', '.join(cols)} "
        f"FROM read_csv('{src}', {_csv_options(width, rejects=rejects)})"
    )


def _fast(
    con: duckdb.DuckDBPyConnection,
    plan: ReadPlan,
    plain: Path,
    plain_scan: Callable[[], ByteScan],
    file_id: int,
    progress: Progress | None,
) -> IngestResult | None:
    """DuckDB's CSV reader straight into the table; None if the counts cannot be made exact."""
    width = plan.csv_columns or 0
    res = IngestResult(path=str(plan.path), format=plan.reader, status="ingested", table=plan.table, notes=list(plan.notes))
    con.execute(_rows_view_over_csv(plain, width, rejects=False))
    stored = int(con.execute(_insert_sql(plan.table, file_id, plan.select_sql)).fetchall()[0][0])
    stored -= _drop_repeats(con, plan.table, file_id)
    res.rows_stored = res.rows_read = stored
    # Usually every line was stored; only otherwise are empty lines counted (they are not rows).
    pscan = plain_scan()
    empty = 0 if stored == pscan.lines else scan_bytes(plain, count_empty=True).empty_lines
    data_lines = pscan.lines - empty
    if stored != data_lines:
        # Something was left out: duplicates, bad rows or rows DuckDB rejected. Account for each.
        con.execute("DROP TABLE IF EXISTS _dw_rej_err; DROP TABLE IF EXISTS _dw_rej_scan")
        con.execute(_rows_view_over_csv(plain, width, rejects=True))
        total, bad, warned = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE _reason IS NOT NULL), count(_warn) FROM ({plan.select_sql})"
        ).fetchall()[0]
        rejected = con.execute(
            "SELECT line, first(error_type), first(csv_line), count(*) FROM _dw_rej_err GROUP BY line ORDER BY line"
        ).fetchall()
        if any(r[1] != "TOO MANY COLUMNS" for r in rejected) or total + len(rejected) != data_lines:
            return None  # damaged text or lines DuckDB would not count: let the line path decide
        for line, _etype, csv_line, _n in rejected:
            raw = str(csv_line).rstrip("\n")
            con.execute(
                "INSERT INTO quarantine VALUES (?, ?, ?, 'line', ?, ?)",
                [file_id, str(plan.path), int(line), f"has {raw.count(chr(9)) + 1} tab-separated fields; {plan.reader} expects at most {width}", raw],
            )
        if bad:
            _quarantine_by_content(con, plan, plain, file_id)
        con.execute("DROP TABLE IF EXISTS _dw_rej_err; DROP TABLE IF EXISTS _dw_rej_scan")
        res.rows_read = int(total) + len(rejected)
        res.rows_quarantined = int(bad) + len(rejected)
        res.rows_duplicate = res.rows_read - res.rows_stored - res.rows_quarantined
        res.rows_warned = int(warned)
    if empty:
        res.notes.append(f"{empty} empty line(s) skipped")
    con.execute("DROP VIEW IF EXISTS rows")
    if progress:
        progress(pscan.size)
    return res


def _quarantine_by_content(con: duckdb.DuckDBPyConnection, plan: ReadPlan, plain: Path, file_id: int) -> None:
    """Quarantine rows that failed a check; their line numbers come from one pass over the lines."""
    bad = con.execute(f"SELECT raw, _field, _reason FROM ({plan.select_sql}) WHERE _reason IS NOT NULL").fetchall()
    wanted: dict[str, list[tuple[str, str]]] = {}
    for raw, fld, reason in bad:
        wanted.setdefault(raw, []).append((fld, reason))
    for batch in read_lines(plain):
        lines = batch.table.column("line").to_pylist()
        nums = batch.table.column("line_no").to_pylist()
        for no, text in zip(nums, lines, strict=True):
            hits = wanted.get(text)
            if hits:
                fld, reason = hits.pop()
                con.execute("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?)", [file_id, str(plan.path), no, fld, reason, text])
                if not hits:
                    del wanted[text]
        if not wanted:
            break


def _by_lines(
    con: duckdb.DuckDBPyConnection,
    plan: ReadPlan,
    file_id: int,
    progress: Progress | None,
    batch_bytes: int | None,
) -> IngestResult:
    res = IngestResult(path=str(plan.path), format=plan.reader, status="ingested", table=plan.table, notes=list(plan.notes))
    width = plan.width or plan.csv_columns or 1
    insert = _insert_sql(plan.table, file_id, "SELECT * FROM _stage")
    kwargs = {"batch_bytes": batch_bytes} if batch_bytes else {}
    empty = 0
    for batch in read_lines(plan.path, encoding=plan.encoding, skip_lines=plan.skip_lines, **kwargs):
        con.register("batch", batch.table)
        con.execute(_rows_view_over_batch(width))
        empty += int(con.execute("SELECT count(*) FROM batch WHERE line = ''").fetchall()[0][0])
        con.execute(f"CREATE OR REPLACE TEMP TABLE _stage AS {plan.select_sql}")
        con.unregister("batch")
        n, bad, warned = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE _reason IS NOT NULL), count(_warn) FILTER (WHERE _reason IS NULL) FROM _stage"
        ).fetchall()[0]
        if bad:
            con.execute(
                "INSERT INTO quarantine SELECT ?, ?, _line, _field, _reason, raw FROM _stage WHERE _reason IS NOT NULL",
                [file_id, str(plan.path)],
            )
        if warned and len(res.notes) < 20:
            for (w,) in con.execute("SELECT DISTINCT _warn FROM _stage WHERE _warn IS NOT NULL AND _reason IS NULL LIMIT 5").fetchall():
                if w not in res.notes:
                    res.notes.append(str(w))
        stored = int(con.execute(insert).fetchall()[0][0])
        res.rows_read += int(n)
        res.rows_quarantined += int(bad)
        res.rows_stored += stored
        res.rows_duplicate += int(n) - int(bad) - stored
        res.rows_warned += int(warned)
        if progress:
            progress(batch.bytes_read)
    con.execute("DROP TABLE IF EXISTS _stage")
    con.execute("DROP VIEW IF EXISTS rows")
    repeats = _drop_repeats(con, plan.table, file_id)
    res.rows_stored -= repeats
    res.rows_duplicate += repeats
    if empty:
        res.notes.append(f"{empty} empty line(s) skipped")
    return res
