"""Load on the web API: 50 concurrent clients against `dyadwatch serve` over 10M SYNTHETIC events.

    .venv/bin/python bench/api.py [--events 10000000] [--clients 50] [--requests 3000] [--seconds 60]

The store is SYNTHETIC: random dyads among 16 countries, random CAMEO codes, dates
2015-2024, a made-up sentence and an https://synthetic.dyadwatch.invalid/ URL per event,
generated inside DuckDB with range() and random() into /tmp (kept and reused). The server
runs in a subprocess (uvicorn on 127.0.0.1, a free port); the clients are httpx
AsyncClients in this process. Each endpoint gets a bounded number of requests and a time
limit, in three runs: parameters drawn at random (random dyad, dates, frequency, page)
with the server's answer cache on (its default) and off (--cache-size 0: every request
runs its query), and a "hot" run where everyone asks for the same 10 views (the cache's
case). Reported: requests/s and p50/p99 latency. Target: p99 <= 100 ms.

What it measures, honestly: the clients are closed-loop (each sends its next request when
the last one returns), so by Little's law the mean latency is clients / throughput. With
50 clients, p50 <= 100 ms needs >= 500 req/s; on a 2-CPU machine where the load generator
itself (httpx, pure Python) shares the CPUs with the server, that bound, not the query,
sets the latency. So each run also prints "1 client": the same requests one at a time (the
service time a lone user sees), the CPU seconds the load generator used, and the load
average; read the 50-client p99 against "50/req/s".
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from dyadwatch import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_store import ACTORS, build

TARGET_P99_MS = 100.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, cache_size: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DYADWATCH_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "dyadwatch.cli", "--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--cache-size", str(cache_size), "--workers", str(workers)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/status", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def series_params(rng: random.Random) -> dict[str, str]:
    a, b = rng.sample(ACTORS, 2)
    year = rng.randint(2015, 2022)
    return {"a": a, "b": b, "freq": rng.choice(["month", "quarter", "year"]), "start": f"{year}-01-01", "end": f"{year + rng.randint(1, 3)}-12-31"}


def events_params(rng: random.Random) -> dict[str, str]:
    a, b = rng.sample(ACTORS, 2)
    year = rng.randint(2015, 2024)
    return {"a": a, "b": b, "start": f"{year}-{rng.randint(1, 12):02d}-01", "limit": "100", "offset": str(rng.choice([0, 0, 100, 500]))}


def hot(make: Callable[[random.Random], dict[str, str]], size: int = 10) -> Callable[[random.Random], dict[str, str]]:
    """A dashboard's load: many people looking at the same few views (``size`` parameter sets)."""
    views = [make(random.Random(1000 + i)) for i in range(size)]
    return lambda rng: rng.choice(views)


async def load(base: str, path: str, make: Callable[[random.Random], dict[str, str]], *, clients: int, requests: int,
               seconds: float) -> tuple[list[float], int, float]:
    """Latencies (s) of successful requests, errors, and wall time."""
    latencies: list[float] = []
    kinds: dict[str, int] = {}
    errors = 0
    budget = iter(range(requests))
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        nonlocal errors
        rng = random.Random(i)
        while time.perf_counter() < stop_at and next(budget, None) is not None:
            t = time.perf_counter()
            try:
                res = await http.get(base + path, params=make(rng))
                if res.status_code == 200:
                    latencies.append(time.perf_counter() - t)
                else:
                    errors += 1
                    kinds[f"HTTP {res.status_code}"] = kinds.get(f"HTTP {res.status_code}", 0) + 1
            except httpx.HTTPError as exc:
                errors += 1
                kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1

    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        t0 = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        if kinds:
            print(f"  ({path} errors: {', '.join(f'{k} x{v}' for k, v in sorted(kinds.items()))})")
        return latencies, errors, time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=3000, help="requests per endpoint and run")
    ap.add_argument("--seconds", type=float, default=60, help="time limit per endpoint and run")
    ap.add_argument("--workers", type=int, default=1, help="server processes (dyadwatch serve --workers)")
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "dyadwatch-bench-api-{n}.duckdb"))
    args = ap.parse_args()
    db = Path(args.db.format(n=args.events))
    if not db.exists():
        t = time.perf_counter()
        build(db, args.events, text=True)
        with Store(db) as s:
            s.optimize()  # clustered by (dyad, date), as `dyadwatch optimize` leaves a served store
        print(f"built {db}: {args.events:,} SYNTHETIC events in {time.perf_counter() - t:.0f} s")
    with Store(db, read_only=True) as s:
        n = int(s.sql("SELECT count(*) AS n FROM events")["n"].iloc[0])
    print(f"store: {db} ({n:,} events, synthetic); {args.clients} concurrent clients, "
          f"at most {args.requests} requests or {args.seconds:.0f} s per endpoint and run; {os.cpu_count()} CPUs shared by the server "
          f"({args.workers} worker{'s' if args.workers > 1 else ''}) and this load generator\n")
    print(f"{'run':17} {'endpoint':12} {'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'50/rps ms':>9} {'gen CPU%':>8} {'load':>5}  target p99 <= {TARGET_P99_MS:.0f} ms")
    runs: list[tuple[str, int, bool]] = [("varied, cache", 256, False), ("varied, no cache", 0, False), ("hot 10, cache", 256, True)]
    for label, cache, is_hot in runs:
        port = free_port()
        proc = start_server(db, port, cache, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            for path, params in (("/api/series", series_params), ("/api/events", events_params)):
                make: Callable[[random.Random], dict[str, str]] = hot(params) if is_hot else params
                for clients, requests in ((1, max(50, args.requests // 10)), (args.clients, args.requests)):
                    cpu0 = time.process_time()
                    lat, errors, wall = asyncio.run(load(base, path, make, clients=clients, requests=requests, seconds=args.seconds))
                    gen_cpu = 100 * (time.process_time() - cpu0) / wall
                    p99 = pct(lat, 0.99)
                    verdict = "ok" if p99 <= TARGET_P99_MS else "over"
                    rps = len(lat) / wall
                    bound = 1000 * clients / rps if rps else float("nan")
                    print(f"{label:17} {path:12} {clients:>7} {len(lat):>8} {errors:>6} {rps:>8.1f} {pct(lat, 0.5):>8.1f} {p99:>8.1f} "
                          f"{bound:>9.1f} {gen_cpu:>8.0f} {os.getloadavg()[0]:>5.1f}  {verdict}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
