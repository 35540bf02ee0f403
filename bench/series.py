"""`series` over a large store: 50M synthetic events generated inside DuckDB, then timed queries.

    .venv/bin/python bench/series.py [--events 50000000] [--out bench/out]

The store is SYNTHETIC (random dyads among 16 countries, random CAMEO codes, 2015-2024).
It is kept in bench/out/ and reused by later runs (and by bench/analysis.py if present).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dyadwatch import Store
from dyadwatch.ontology import cameo_codes
from dyadwatch.schema import DYAD_SQL

HERE = Path(__file__).resolve().parent
ACTORS = ["JPN", "KOR", "PRK", "CHN", "USA", "RUS", "VNM", "IND", "PAK", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "PHL"]


def build(path: Path, n: int) -> None:
    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    with Store(path) as s:
        con = s.con
        con.execute("SELECT setseed(0.7)")
        con.execute("CREATE TEMP TABLE codes AS SELECT * FROM (VALUES " + ", ".join(
            f"({i}, '{c.code}', {c.goldstein}, {c.quad_class})" for i, c in enumerate(codes)) + ") t(i, code, gold, quad)")
        con.execute("CREATE TEMP TABLE actors AS SELECT * FROM (VALUES " + ", ".join(f"({i}, '{a}')" for i, a in enumerate(ACTORS)) + ") t(i, iso)")
        step = 10_000_000
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            con.execute(f"""
INSERT INTO events (event_id, dataset, date, source_country, target_country, cameo_code, cameo_root, quad_class, goldstein, num_mentions, file_id)
SELECT CAST(k AS VARCHAR), 'synthetic', DATE '2015-01-01' + CAST(floor(random() * 3652) AS INTEGER),
       a1.iso, a2.iso, c.code, left(c.code, 2), c.quad, c.gold, 1, 0
FROM (SELECT range AS k, CAST(floor(random() * 16) AS INTEGER) AS x, CAST(floor(random() * 15) + 1 AS INTEGER) AS off,
             CAST(floor(random() * {len(codes)}) AS INTEGER) AS ci FROM range({lo}, {hi})) r
JOIN actors a1 ON a1.i = r.x JOIN actors a2 ON a2.i = (r.x + r.off) % 16 JOIN codes c ON c.i = r.ci
""")
        con.execute(f"UPDATE events SET dyad = {DYAD_SQL} WHERE dyad IS NULL")
        con.execute("CHECKPOINT")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=50_000_000)
    ap.add_argument("--out", default=str(HERE / "out"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / f"synthetic_{args.events}.duckdb"
    if not db.exists():
        t = time.perf_counter()
        build(db, args.events)
        print(f"built {db.name}: {args.events:,} SYNTHETIC events in {time.perf_counter() - t:.1f} s")
    with Store(db, read_only=True) as s:
        n = s.sql("SELECT count(*) AS n FROM events")["n"].iloc[0]
        print(f"store: {db} ({n:,} events, synthetic)")
        cases = [
            ("series JPN KOR --freq month", dict(freq="month")),
            ("series JPN KOR --freq day", dict(freq="day")),
            ("series JPN KOR --freq week --measure quad", dict(freq="week", measure="quad")),
            ("series JPN KOR --freq month --normalize total", dict(freq="month", normalize="total")),
            ("series JPN KOR --freq month --dedup one-a-day", dict(freq="month", dedup="one-a-day")),
            ("series JPN KOR --freq month --normalize actors --measure goldstein", dict(freq="month", normalize="actors", measure="goldstein")),
        ]
        timings = {label: _time(s, kw) for label, kw in cases}
    with Store(db) as s:
        t = time.perf_counter()
        s.optimize()
        print(f"\n`dyadwatch optimize` (cluster by dyad, date): {time.perf_counter() - t:.1f} s")
    with Store(db, read_only=True) as s:
        print(f"\n{'query':58} {'as built':>9} {'optimized':>9} {'rows':>6}")
        for label, kw in cases:
            sec, rows = timings[label]
            sec2, _ = _time(s, kw)
            print(f"{label:58} {sec:9.3f} {sec2:9.3f} {rows:6d}")


def _time(s: Store, kw: dict[str, str]) -> tuple[float, int]:
    s.series("JPN", "KOR", **kw)  # warm the cache once, as a dashboard would be
    t = time.perf_counter()
    df = s.series("JPN", "KOR", **kw)
    return time.perf_counter() - t, len(df)


if __name__ == "__main__":
    main()
