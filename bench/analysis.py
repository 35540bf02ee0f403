"""`analyze` on one dyad over eleven years of daily data in a 50M-event store.

    .venv/bin/python bench/analysis.py [--events 50000000] [--dir /tmp/dyadwatch-bench] [--keep] [--dedup]

The store is SYNTHETIC: generated inside DuckDB with range() and random() into a temporary
file (default /tmp/dyadwatch-bench/analysis_<N>.duckdb), dates 2015-01-01 to 2025-12-31 in
order. 1% of the events are JPN–KOR with a planted cooperation share (0.60, then 0.30 from
2019-07-01, then 0.70 from 2023-03-01), 0.15% PRK and 0.15% CHN conflict toward JPN or KOR,
0.5% USA–VNM, the rest random pairs of 16 countries. URLs point to
https://synthetic.dyadwatch.invalid/. The file is removed at the end unless --keep (and an
existing one is reused).

Prints the time of each step of the analysis (series, change points, event study, shared
threat, comparison, forecast, briefing) for daily (~4,000 periods), weekly and monthly runs.
"""

from __future__ import annotations

import os

# The analysis solves many small least-squares problems (ADF, VAR) that run many times
# slower when OpenBLAS's per-core threads compete with DuckDB for two cores; one BLAS
# thread is what they need. Must be set before numpy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import shutil
import time
from pathlib import Path

from dyadwatch import Store
from dyadwatch.analysis import analyze
from dyadwatch.schema import DYAD_SQL

ACTORS = ["JPN", "KOR", "PRK", "CHN", "USA", "RUS", "VNM", "IND", "PAK", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "PHL"]
DAYS = 4018  # 2015-01-01 .. 2025-12-31
CODES = {  # quad class -> (codes, Goldstein scores) drawn uniformly
    1: (["042", "043", "051", "057"], [1.9, 2.8, 3.4, 8.0]),
    2: (["061", "062", "064"], [6.4, 7.4, 7.0]),
    3: (["111", "112", "114"], [-2.0, -2.0, -2.0]),
    4: (["163", "172", "150"], [-8.0, -5.0, -7.2]),
}


def _pick(quad: str, col: int) -> str:
    """SQL: element of the code (col 0) or Goldstein (col 1) list of the row's quad class."""
    cases = " ".join(f"WHEN {quad} = {q} THEN list_element({v[col]!r}, 1 + CAST(floor(u3 * {len(v[0])}) AS INTEGER))"
                     for q, v in CODES.items())
    return f"CASE {cases} END"


def build(path: Path, n: int) -> float:
    t = time.perf_counter()
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    with Store(path) as s:
        con = s.con
        con.execute("SET preserve_insertion_order = true")
        con.execute("SELECT setseed(0.42)")
        step = 10_000_000
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            con.execute(f"""
INSERT INTO events (event_id, dataset, date, source_country, target_country, source_actor, target_actor,
                    cameo_code, cameo_root, quad_class, goldstein, num_mentions, url, sentence, file_id)
WITH r AS (
  SELECT i, DATE '2015-01-01' + CAST(i * {DAYS} // {n} AS INTEGER) AS d,
         random() AS u1, random() AS u2, random() AS u3, random() AS u4,
         CAST(floor(random() * 16) AS INTEGER) AS x, CAST(floor(random() * 15) + 1 AS INTEGER) AS off
  FROM range({lo}, {hi}) t(i)
), p AS (
  SELECT *,
    CASE WHEN u1 < 0.01 THEN 'jpkr' WHEN u1 < 0.0115 THEN 'prk' WHEN u1 < 0.013 THEN 'chn'
         WHEN u1 < 0.018 THEN 'usvn' ELSE 'other' END AS kind
  FROM r
), e AS (
  SELECT *,
    CASE kind WHEN 'jpkr' THEN (CASE WHEN u4 < 0.5 THEN 'JPN' ELSE 'KOR' END) WHEN 'prk' THEN 'PRK' WHEN 'chn' THEN 'CHN'
              WHEN 'usvn' THEN (CASE WHEN u4 < 0.5 THEN 'USA' ELSE 'VNM' END) ELSE list_element({actors}, x + 1) END AS src,
    CASE kind WHEN 'jpkr' THEN (CASE WHEN u4 < 0.5 THEN 'KOR' ELSE 'JPN' END)
              WHEN 'prk' THEN (CASE WHEN u4 < 0.5 THEN 'JPN' ELSE 'KOR' END) WHEN 'chn' THEN (CASE WHEN u4 < 0.5 THEN 'JPN' ELSE 'KOR' END)
              WHEN 'usvn' THEN (CASE WHEN u4 < 0.5 THEN 'VNM' ELSE 'USA' END) ELSE list_element({actors}, (x + off) % 16 + 1) END AS tgt,
    CASE WHEN kind IN ('prk', 'chn') THEN 0.0
         WHEN kind = 'jpkr' THEN (CASE WHEN d < DATE '2019-07-01' THEN 0.6 WHEN d < DATE '2023-03-01' THEN 0.3 ELSE 0.7 END)
         WHEN kind = 'usvn' THEN 0.75 ELSE 0.55 END AS share
  FROM p
), q AS (
  SELECT *, CASE WHEN u2 < share THEN (CASE WHEN u2 < share * 0.7 THEN 1 ELSE 2 END)
                 ELSE (CASE WHEN (u2 - share) < (1 - share) * 0.6 THEN 3 ELSE 4 END) END AS quad
  FROM e
)
SELECT 'b' || i, 'synthetic', d, src, tgt, src, tgt, {_pick('quad', 0)}, left({_pick('quad', 0)}, 2), quad, {_pick('quad', 1)},
       1 + CAST(floor(u4 * 9) AS INTEGER),
       CASE WHEN kind <> 'other' THEN 'https://synthetic.dyadwatch.invalid/' || i END,
       CASE WHEN kind = 'jpkr' THEN 'Synthetic: ' || src || ' event of quad class ' || quad || ' toward ' || tgt || '.' END,
       0
FROM q ORDER BY i
""")
        con.execute(f"UPDATE events SET dyad = {DYAD_SQL} WHERE dyad IS NULL")
        con.execute("CHECKPOINT")
    return time.perf_counter() - t


def run(store: Store, label: str, **options: object) -> dict[str, object]:
    t = time.perf_counter()
    result = analyze(store, "JPN", "KOR", **options)  # type: ignore[arg-type]
    wall = time.perf_counter() - t
    text = json.dumps(result, allow_nan=False)
    timings = dict(result["timings"])
    steps = "  ".join(f"{k} {v:.2f}" for k, v in timings.items() if k != "total")
    print(f"{label:34} {len(result['series']):>6} periods  total {wall:6.2f} s   [{steps}]   JSON {len(text) / 1e6:.1f} MB")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=50_000_000)
    ap.add_argument("--dir", default="/tmp/dyadwatch-bench")
    ap.add_argument("--keep", action="store_true", help="Keep the synthetic store for later runs.")
    ap.add_argument("--dedup", action="store_true", help="Also time --dedup one-a-day (a window over every event in range).")
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"analysis_{args.events}.duckdb"
    try:
        if not db.exists():
            secs = build(db, args.events)
            print(f"built {db} with {args.events:,} SYNTHETIC events in {secs:.1f} s ({db.stat().st_size / 1e9:.2f} GB)")
        with Store(db, read_only=True) as store:
            n = int(store.sql("SELECT count(*) AS n FROM events")["n"].iloc[0])
            jk = int(store.sql("SELECT count(*) AS n FROM events WHERE source_country IN ('JPN','KOR') AND target_country IN ('JPN','KOR')")["n"].iloc[0])
            print(f"store: {db} ({n:,} SYNTHETIC events, {jk:,} JPN–KOR); OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}\n")
            common = {"threats": ("PRK", "CHN"), "compare": [("USA", "VNM")], "triggers": "chronology"}
            run(store, "warm-up (month, imports)", freq="month", **common)
            daily = run(store, "day, 2 threats, compare", freq="day", **common)
            run(store, "week, 2 threats, compare", freq="week", **common)
            run(store, "month, 2 threats, compare", freq="month", **common)
            run(store, "month, normalize=total", freq="month", normalize="total", **common)
            run(store, "day, cameo:062 triggers", freq="day", threats=("PRK",), triggers="cameo:062")
            if args.dedup:
                run(store, "month, dedup=one-a-day", freq="month", dedup="one-a-day", **common)
            cps = ", ".join(f"{c['period']} ({c['before']:+.2f} -> {c['after']:+.2f})" for c in daily["changepoints"])
            print(f"\ndaily change points (planted 2019-07-01 and 2023-03-01): {cps}")
    finally:
        if not args.keep and db.exists():
            db.unlink()
            wal = db.with_suffix(".duckdb.wal")
            if wal.exists():
                wal.unlink()
            if not any(folder.iterdir()):
                shutil.rmtree(folder)


if __name__ == "__main__":
    main()
