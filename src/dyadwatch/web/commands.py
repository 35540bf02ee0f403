"""Commands contributed to the dyadwatch CLI (see cli.COMMAND_MODULES)."""

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
    read-only processes). A write must close every reader of the file, which one process
    cannot do for the others, so several workers are refused while DYADWATCH_TOKEN is set.
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

        uvicorn.run(create_app(path, cache_size=cache_size), host=host, port=port, log_level="warning", access_log=False)
        return
    from dyadwatch.store import Store

    if str(path) == ":memory:":
        raise click.UsageError("--workers above 1 needs a store file (each worker opens it), not :memory:")
    if not os.path.exists(path):
        Store(path).close()  # create it here, once, not in N workers at the same time
    os.environ["DYADWATCH_SERVE_DB"] = str(os.path.abspath(path))
    os.environ["DYADWATCH_SERVE_CACHE_SIZE"] = str(cache_size)
    uvicorn.run("dyadwatch.web.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level="warning",
                access_log=False)


COMMANDS: list[click.Command] = [serve]
