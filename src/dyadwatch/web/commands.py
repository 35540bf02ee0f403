"""Commands contributed to the dyadwatch CLI (see cli.COMMAND_MODULES)."""

from __future__ import annotations

import click

from dyadwatch.settings import setting


@click.command("serve")
@click.option("--db", "db", default=None, metavar="FILE", help="DuckDB store (default: the global --db, env DYADWATCH_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; the default only accepts this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--cache-size", type=click.IntRange(min=0), default=256, show_default=True, help="Answers kept in memory (0: none).")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, cache_size: int) -> None:
    """Serve the dashboard at / and the JSON API at /api (OpenAPI at /openapi.json).

    The store is opened read-only; the write endpoints (POST /api/ingest, /api/code) are
    off unless DYADWATCH_TOKEN is set, and then need 'Authorization: Bearer <token>'.
    While the server runs, other processes cannot write the store.
    """
    import uvicorn

    from dyadwatch.web import create_app

    path = db or (ctx.find_root().obj or {}).get("db") or setting("db")
    app = create_app(path, cache_size=cache_size)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


COMMANDS: list[click.Command] = [serve]
