"""Ingest speed and memory: `dyadwatch ingest` against the loaders people use today, in one run.

    .venv/bin/python bench/ingest.py [--rows 1000000] [--out bench/out]

A synthetic GDELT 2.0 export file (real 61-field layout, generated) is loaded by:
  1. `dyadwatch ingest gdelt FILE` into a fresh DuckDB store (the command users run);
  2. a pandas loader: `pandas.read_csv(sep='\\t', header=None, dtype=str, quoting=QUOTE_NONE)`,
     the recipe GDELT users are told to use, plus the typing they then do (dates, numbers);
     and the same with `engine='pyarrow'`, pandas' newer multi-threaded reader;
  3. DuckDB's own `read_csv` of the same file: a scan that only counts rows, a scan that
     parses every field (counting non-NULL values per column), and a scan that materialises
     every column into a table in a database file.
The 1M rows are also timed as the one member of a .zip (how GDELT ships its files), for
dyadwatch and for pandas. Each runs in its own process; wall time and that process's peak RSS are printed, with ratios.
Then `series` over a 50M-event store (bench/series.py) is timed separately.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import Measured, measure  # noqa: E402

PY = sys.executable
DW = str(Path(PY).with_name("dyadwatch"))

PANDAS = """
import csv, sys, pandas as pd
df = pd.read_csv(sys.argv[1], sep='\\t', header=None, dtype=str, quoting=csv.QUOTE_NONE, keep_default_na=False)
df[1] = pd.to_datetime(df[1], format='%Y%m%d', errors='coerce')
for c in (29, 31, 32, 33):
    df[c] = pd.to_numeric(df[c], errors='coerce')
for c in (30, 34, 56, 57):
    df[c] = pd.to_numeric(df[c], errors='coerce')
print(len(df))
"""

# The pyarrow engine takes no `quoting`; GDELT's synthetic rows here contain no quote characters.
PANDAS_ARROW = PANDAS.replace("quoting=csv.QUOTE_NONE, keep_default_na=False)", "keep_default_na=False, engine='pyarrow')")
assert PANDAS_ARROW != PANDAS

COLS = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, 62))
OPTS = f"delim=chr(9), header=false, quote='', escape='', auto_detect=false, columns={{{COLS}}}"
DUCK_COUNT = f"""
import sys, duckdb
c = duckdb.connect(); c.execute('SET enable_progress_bar=false')
print(c.execute("SELECT count(*) FROM read_csv('" + sys.argv[1] + "', {OPTS})").fetchall())
"""
DUCK_FIELDS = f"""
import sys, duckdb
c = duckdb.connect(); c.execute('SET enable_progress_bar=false')
print(c.execute("SELECT count(*), count(COLUMNS(*)) FROM read_csv('" + sys.argv[1] + "', {OPTS})").fetchall()[0][0])
"""
DUCK_TABLE = f"""
import sys, duckdb
c = duckdb.connect(sys.argv[2]); c.execute('SET enable_progress_bar=false')
c.execute("CREATE TABLE t AS SELECT * FROM read_csv('" + sys.argv[1] + "', {OPTS})")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--out", default=str(HERE / "out"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = out / f"gdelt2_synthetic_{args.rows}.export.CSV"
    if not data.exists():
        print(f"writing {args.rows:,} synthetic GDELT 2.0 rows to {data} ...", flush=True)
        # In a child process: Linux keeps a parent's peak RSS in its children's ru_maxrss,
        # so this process must stay small for the measurements below to be each child's own.
        measure("generate", [PY, "-m", "dyadwatch.sources.synthetic", str(data), str(args.rows)])
    zipped = data.with_name(data.name + ".zip")
    if not zipped.exists():  # GDELT ships its files zipped: the same rows as the one member of a zip
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(data, data.name)
    size_mb = data.stat().st_size / 1e6
    print(f"input: {data.name}, {args.rows:,} rows, {size_mb:,.0f} MB (SYNTHETIC data, real 61-field layout)\n")
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        runs: list[Measured] = [
            measure("dyadwatch ingest", [DW, "--quiet", "--db", f"{tmp}/dw.duckdb", "ingest", "gdelt", str(data)]),
            measure("dyadwatch ingest, no raw", [DW, "--quiet", "--db", f"{tmp}/dw2.duckdb", "ingest", "gdelt", str(data)],
                    env={"DYADWATCH_KEEP_RAW": "0"}),
            measure("pandas read_csv loader", [PY, "-c", PANDAS, str(data)]),
            measure("pandas, engine='pyarrow'", [PY, "-c", PANDAS_ARROW, str(data)]),
            measure("duckdb read_csv count(*)", [PY, "-c", DUCK_COUNT, str(data)]),
            measure("duckdb read_csv every field", [PY, "-c", DUCK_FIELDS, str(data)]),
            measure("duckdb read_csv -> table", [PY, "-c", DUCK_TABLE, str(data), f"{tmp}/raw.duckdb"]),
            measure("dyadwatch ingest, .zip", [DW, "--quiet", "--db", f"{tmp}/dw3.duckdb", "ingest", "gdelt", str(zipped)]),
            measure("pandas read_csv loader, .zip", [PY, "-c", PANDAS, str(zipped)]),
        ]
    dw, dw_noraw, pandas, pandas_arrow, count, fields, table, dw_zip, pandas_zip = runs
    print(f"{'loader':28} {'seconds':>8} {'rows/s':>12} {'peak MB':>8}")
    for r in runs:
        print(f"{r.label:28} {r.seconds:8.2f} {args.rows / r.seconds:12,.0f} {r.peak_mb:8.0f}")
    print()
    print(f"dyadwatch vs pandas:                    {pandas.seconds / dw.seconds:5.2f}x faster   (target >= 5x, aim 10x)")
    print(f"dyadwatch vs pandas with the pyarrow engine: {pandas_arrow.seconds / dw.seconds:5.2f}x faster   "
          "(pandas' faster, newer reader; a DataFrame in memory, nothing stored)")
    print(f"dyadwatch vs pandas, both reading the .zip: {pandas_zip.seconds / dw_zip.seconds:5.2f}x faster   (GDELT's own packaging)")
    print(f"dyadwatch vs duckdb scan into a table:  {table.seconds / dw.seconds:5.2f}x the speed (target >= 0.5x)")
    print(f"dyadwatch vs duckdb count(*) scan:      {count.seconds / dw.seconds:5.2f}x the speed")
    print(f"dyadwatch vs duckdb scan of every field: {fields.seconds / dw.seconds:5.2f}x the speed   (a raw scan that parses all 61 fields, stores nothing)")
    print(f"dyadwatch peak memory:                  {dw.peak_mb:5.0f} MB  (target < 500 MB)")
    print(f"duckdb's own scan into a table vs pandas: {pandas.seconds / table.seconds:5.2f}x  "
          "(what storing every column in DuckDB costs on this machine, before any checking or mapping)")
    print(f"without the raw column (DYADWATCH_KEEP_RAW=0): {pandas.seconds / dw_noraw.seconds:5.2f}x pandas, "
          f"{table.seconds / dw_noraw.seconds:5.2f}x the duckdb table scan")


if __name__ == "__main__":
    main()
