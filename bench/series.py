"""`series` over a large store: 50M synthetic events generated inside DuckDB, then timed queries.

    .venv/bin/python bench/series.py [--events 50000000] [--out bench/out]

The store is SYNTHETIC (random dyads among 16 countries, random CAMEO codes, 2015-2024).
It is kept in bench/out/ and reused by later runs (and by bench/analysis.py if present).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dyadwatch import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_store import build

HERE = Path(__file__).resolve().parent


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
        print(f"\n`dyadwatch optimize` (cluster by dyad and date, build the dyad_days summary): {time.perf_counter() - t:.1f} s")
    with Store(db, read_only=True) as s:
        print(f"\n{'query':58} {'before':>9} {'after':>9} {'rows':>6}")
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
