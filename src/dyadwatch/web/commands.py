"""Commands contributed to the dyadwatch CLI (see cli.LAZY_COMMANDS)."""

from __future__ import annotations

import click

from dyadwatch.settings import setting


@click.command("serve")
@click.option("--db", "db", default=None, metavar="FILE", help="DuckDB store (default: the global --db, env DYADWATCH_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; the default only accepts this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--cache-size", type=click.IntRange(min=0), default=256, show_default=True, help="Answers kept in memory (0: none).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes, each with its own read-only connection. More than 1 needs the write endpoints off "
                   "(DYADWATCH_TOKEN unset).")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, cache_size: int, workers: int) -> None:
    """Serve the dashboard at / and the JSON API at /api (OpenAPI at /openapi.json).

    The store is opened read-only; the write endpoints (POST /api/ingest, /api/code) are
    off unless DYADWATCH_TOKEN is set, and then need 'Authorization: Bearer <token>'.
    While the server runs, other processes cannot write the store.

    --workers N runs N processes that each open the store read-only (DuckDB allows several
    read-only processes) and listen on the port with a socket of their own, so the kernel
    spreads connections across them. Use as many as there are CPUs. A write must close every
    reader of the file, which one process cannot do for the others, so several workers are
    refused while DYADWATCH_TOKEN is set.
    """
    import os

    import uvicorn

    path = db or (ctx.find_root().obj or {}).get("db") or setting("db")
    if workers > 1 and setting("token"):
        raise click.UsageError("--workers above 1 serves read-only: unset DYADWATCH_TOKEN (writes need a single worker)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    if workers == 1:
        from dyadwatch.web import create_app
        from dyadwatch.web.app import freeze_heap

        app = create_app(path, cache_size=cache_size)
        freeze_heap()
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    from dyadwatch.store import Store

    if str(path) == ":memory:":
        raise click.UsageError("--workers above 1 needs a store file (each worker opens it), not :memory:")
    if not os.path.exists(path):
        Store(path).close()  # create it here, once, not in N workers at the same time
    serve_workers(str(os.path.abspath(path)), cache_size=cache_size, host=host, port=port, workers=workers)


def serve_workers(path: str, *, cache_size: int, host: str, port: int, workers: int) -> None:
    """Run ``workers`` server processes, each with its own listening socket on the same port.

    With one shared socket (uvicorn's own ``workers``), whichever process wakes first accepts
    every waiting connection, so under keep-alive load one process can hold most clients
    while the other idles. SO_REUSEPORT gives each process its own socket and lets the
    kernel spread new connections across them.
    """
    import multiprocessing
    import signal
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        probe.bind((host, port))  # fail here, once, if the port is taken
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from exc
    port = probe.getsockname()[1]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(path, cache_size, family, host, port), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    probe.close()

    def stop(_signum: int, _frame: object) -> None:
        for proc in procs:
            proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        for proc in procs:
            proc.join()
    except KeyboardInterrupt:
        stop(signal.SIGINT, None)
        for proc in procs:
            proc.join(timeout=10)


def _worker(path: str, cache_size: int, family: int, host: str, port: int) -> None:
    import socket

    import uvicorn

    from dyadwatch.web import create_app
    from dyadwatch.web.app import freeze_heap

    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    app = create_app(path, cache_size=cache_size)
    freeze_heap()
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])


COMMANDS: list[click.Command] = [serve]
