"""Load on the web API: 50 concurrent clients against `dyadwatch serve` over 10M SYNTHETIC events.

    .venv/bin/python bench/api.py [--events 10000000] [--clients 50] [--requests 3000] [--seconds 30]
                                  [--workers 2] [--generator wrk|httpx]

The store is SYNTHETIC: random dyads among 16 countries, random CAMEO codes, dates
2015-2024, a made-up sentence and an https://synthetic.dyadwatch.invalid/ URL per event,
generated inside DuckDB with range() and random() into /tmp (kept and reused), then
`optimize`d as a served store would be (clustered by pair and date, with the pair-by-day
summary). The server runs in a subprocess (uvicorn on 127.0.0.1, a free port).

The load generator is wrk (C, Debian's package; `make bench` installs it) with a Lua script
that sends each request with parameters drawn from a pre-made list, so nearly all of both
CPUs go to the server rather than to the client; without wrk (or with --generator httpx) it
falls back to httpx AsyncClients in this process, which themselves take most of a CPU.
Each endpoint gets three runs: parameters drawn at random (random dyad, dates, frequency,
page) with the server's answer cache on (its default) and off (--cache-size 0: every request
runs its query), and a "hot" run where everyone asks for the same 10 views (the cache's
case). Reported: requests/s and p50/p99 latency, for 1 client (the service time a lone user
sees) and for 50.

The clients are closed-loop (each sends its next request when the last one returns), so by
Little's law the mean latency is clients / throughput: with 50 clients, p50 <= 100 ms needs
>= 500 req/s on this 2-CPU machine. Target: p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
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


WRK_SCRIPT = """
local paths = {%s}
local n = #paths
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(n)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%%d seconds=%%f p50=%%d p99=%%d errors=%%d status=%%d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def wrk_load(base: str, path: str, make: Callable[[random.Random], dict[str, str]], *, clients: int, requests: int,
             seconds: float, seed: int = 7) -> tuple[float, float, float, int, int]:
    """(requests/s, p50 ms, p99 ms, requests, errors) from wrk with one thread and ``clients`` connections."""
    rng = random.Random(seed)
    paths = [str(httpx.URL(path, params=make(rng))) for _ in range(max(requests, 1))]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT % (", ".join(f'"{p}"' for p in paths), seed))
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", f.name, base],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    m = re.search(r"RESULT requests=(\d+) seconds=([\d.]+) p50=(\d+) p99=(\d+) errors=(\d+) status=(\d+)", out)
    if not m:
        raise SystemExit(f"could not read wrk's output:\n{out}")
    n, secs, p50, p99, errors, status = (float(g) for g in m.groups())
    return (n - status) / secs, p50 / 1000, p99 / 1000, int(n), int(errors + status)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=3000, help="distinct parameter sets (wrk) or requests (httpx) per endpoint and run")
    ap.add_argument("--seconds", type=float, default=30, help="time per endpoint and run (a limit, for httpx)")
    ap.add_argument("--workers", type=int, default=2, help="server processes (dyadwatch serve --workers)")
    ap.add_argument("--generator", choices=["wrk", "httpx"], default="wrk" if shutil.which("wrk") else "httpx")
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "dyadwatch-bench-api-{n}.duckdb"))
    args = ap.parse_args()
    db = Path(args.db.format(n=args.events))
    if not db.exists():
        t = time.perf_counter()
        build(db, args.events, text=True)
        print(f"built {db}: {args.events:,} SYNTHETIC events in {time.perf_counter() - t:.0f} s")
    with Store(db) as s:
        if not s.has_summary():
            t = time.perf_counter()
            s.optimize()  # clustered by pair and date, with the summary, as `dyadwatch optimize` leaves a served store
            print(f"optimized {db} in {time.perf_counter() - t:.0f} s")
        n = int(s.sql("SELECT count(*) AS n FROM events")["n"].iloc[0])
    print(f"store: {db} ({n:,} events, synthetic, optimized); load from {args.generator}; {args.clients} concurrent clients; "
          f"{os.cpu_count()} CPUs shared by the server ({args.workers} worker{'s' if args.workers > 1 else ''}) and the load generator\n")
    print(f"{'run':17} {'endpoint':12} {'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'50/rps ms':>9} {'load':>5}  target p99 <= {TARGET_P99_MS:.0f} ms")
    runs: list[tuple[str, int, bool]] = [("varied, cache", 256, False), ("varied, no cache", 0, False), ("hot 10, cache", 256, True)]
    for label, cache, is_hot in runs:
        port = free_port()
        proc = start_server(db, port, cache, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            for path, params in (("/api/series", series_params), ("/api/events", events_params)):
                make: Callable[[random.Random], dict[str, str]] = hot(params) if is_hot else params
                if args.generator == "wrk":  # a few seconds' warm-up (page cache, DuckDB buffers), not counted
                    wrk_load(base, path, make, clients=args.clients, requests=args.requests, seconds=3, seed=99)
                for clients in (1, args.clients):
                    if args.generator == "wrk":
                        rps, p50, p99, sent, errors = wrk_load(base, path, make, clients=clients, requests=args.requests,
                                                               seconds=args.seconds if clients > 1 else min(args.seconds, 10))
                    else:
                        requests = args.requests if clients > 1 else max(50, args.requests // 10)
                        lat, errors, wall = asyncio.run(load(base, path, make, clients=clients, requests=requests, seconds=args.seconds))
                        rps, p50, p99, sent = len(lat) / wall, pct(lat, 0.5), pct(lat, 0.99), len(lat) + errors
                    verdict = "ok" if p99 <= TARGET_P99_MS else "over"
                    bound = 1000 * clients / rps if rps else float("nan")
                    print(f"{label:17} {path:12} {clients:>7} {sent:>8} {errors:>6} {rps:>8.1f} {p50:>8.1f} {p99:>8.1f} "
                          f"{bound:>9.1f} {os.getloadavg()[0]:>5.1f}  {verdict}", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)

if __name__ == "__main__":
    main()
