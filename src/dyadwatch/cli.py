"""The ``dyadwatch`` command: a thin layer over the library.

Each command parses its options, opens the store, calls one documented function and
formats its result. Errors from the core (``DyadwatchError``) become one-line messages
and exit code 1 (2 for usage errors); nothing else is caught.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from typing import Any

import click

from dyadwatch.clitools import db_option, echo_frame, is_quiet, open_store, parse_date
from dyadwatch.errors import DyadwatchError
from dyadwatch.settings import setting
from dyadwatch.store import queries as q

#: Commands defined in other modules (each module has a COMMANDS list of click commands),
#: by name. A module is imported only when one of its commands runs or help lists them all:
#: importing every module on each call cost a quarter of a second before `ingest` began.
LAZY_COMMANDS = {
    "fetch": "dyadwatch.sources.commands",
    "code": "dyadwatch.coding.commands",
    "evaluate": "dyadwatch.coding.commands",
    "analyze": "dyadwatch.analysis.commands",
    "report": "dyadwatch.report.commands",
    "serve": "dyadwatch.web.commands",
    "demo": "dyadwatch.demo",
}


class Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            for cmd in importlib.import_module(LAZY_COMMANDS[cmd_name]).COMMANDS:
                self.add_command(cmd)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DyadwatchError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=Group)
@click.version_option(package_name="dyadwatch")
@click.option("--db", "db", default=None, metavar="FILE", help="DuckDB store (default ./dyadwatch.duckdb, env DYADWATCH_DB).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or summaries.")
@click.pass_context
def main(ctx: click.Context, db: str | None, quiet: bool) -> None:
    """dyadwatch: how the relationship between two countries moves, from event data and news text."""
    ctx.obj = {"db": db or setting("db"), "quiet": quiet}


@main.command()
@db_option
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["gdelt", "icews", "polecat", "auto", "gdelt1", "gdelt2", "gdelt2-mentions"]))
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def ingest(ctx: click.Context, fmt: str, paths: tuple[str, ...]) -> None:
    """Load GDELT, ICEWS or POLECAT files (files, folders or globs) into the store.

    `gdelt` picks 1.0, 2.0 or mentions per file by its field count. Each file is one
    transaction; a file already ingested (same checksum) is skipped; rows that do not
    parse go to the quarantine (see `dyadwatch quarantine`).
    """
    from dyadwatch.sources.progress import ingest_with_progress

    with open_store(ctx) as store:
        results, failures = ingest_with_progress(store, paths, fmt=fmt, quiet=is_quiet(ctx))
    if failures:
        sys.exit(1)
    del results


@main.command()
@db_option
@click.option("--dyad", nargs=2, metavar="A B", help="Only events between countries A and B (ISO3).")
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@click.option("--start", callback=parse_date, help="First date (YYYY-MM-DD).")
@click.option("--end", callback=parse_date, help="Last date (YYYY-MM-DD).")
@click.option("--root", help="CAMEO root(s), e.g. 06 or 14,18.")
@click.option("--dataset", help="Dataset(s): gdelt1, gdelt2, icews, polecat, text:NAME.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table")
@click.option("-o", "out", default=None, metavar="FILE", help="Write to FILE instead of stdout.")
@click.pass_context
def events(ctx: click.Context, dyad: tuple[str, str] | None, directed: bool, start: dt.date | None, end: dt.date | None,
           root: str | None, dataset: str | None, limit: int | None, fmt: str, out: str | None) -> None:
    """List events (all, or between two countries), in the schema's column names."""
    if directed and not dyad:
        raise click.UsageError("--directed needs --dyad A B")
    with open_store(ctx, read_only=True) as store:
        df = store.events(dyad=(dyad[0], dyad[1]) if dyad else None, directed=directed, start=start, end=end, root=root,
                          dataset=dataset, limit=limit)
    echo_frame(df, fmt, out)


@main.command()
@db_option
@click.argument("a")
@click.argument("b")
@click.option("--freq", type=click.Choice(list(q.FREQS)), default="month")
@click.option("--measure", type=click.Choice(["count", "goldstein", "quad"]), default="count")
@click.option("--normalize", type=click.Choice(list(q.NORMALIZE)), default="none",
              help="total: divide by all events in the store for the period; actors: by events involving A or B.")
@click.option("--dedup", type=click.Choice(list(q.DEDUP)), default="none",
              help="one-a-day: one event per (date, source, target, code); root: per CAMEO root.")
@click.option("--directed", is_flag=True, help="Only A to B.")
@click.option("--start", callback=parse_date)
@click.option("--end", callback=parse_date)
@click.option("--dataset", help="Dataset(s) to count.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table")
@click.option("-o", "out", default=None, metavar="FILE")
@click.pass_context
def series(ctx: click.Context, a: str, b: str, freq: str, measure: str, normalize: str, dedup: str, directed: bool,
           start: dt.date | None, end: dt.date | None, dataset: str | None, fmt: str, out: str | None) -> None:
    """Time series of events between A and B, one row per period (quad classes: project convention 01-05/06-08/09-13/14-20)."""
    with open_store(ctx, read_only=True) as store:
        df = store.series(a, b, freq=freq, measure=measure, normalize=normalize, dedup=dedup, directed=directed,
                          start=start, end=end, dataset=dataset)
    echo_frame(df, fmt, out)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
def status(ctx: click.Context, fmt: str) -> None:
    """Datasets, files, row counts and date ranges in the store."""
    with open_store(ctx, read_only=True) as store:
        st = store.status()
    if fmt == "json":
        import pandas as pd

        out = {k: (json.loads(v.to_json(orient="records", date_format="iso")) if isinstance(v, pd.DataFrame) else v) for k, v in st.items()}
        click.echo(json.dumps(out, indent=1, default=str))
        return
    click.echo(f"store: {st['path']}")
    click.echo("datasets:")
    echo_frame(st["datasets"], "table", None)
    click.echo(f"mentions: {st['mentions']}   quarantined rows: {st['quarantined']}")
    click.echo("files:")
    echo_frame(st["files"].drop(columns=["ingested_at"]), "table", None)


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=0), default=100)
@click.option("--file", "file", default=None, help="Only rows from files whose path contains this.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.pass_context
def quarantine(ctx: click.Context, limit: int, file: str | None, fmt: str) -> None:
    """Rows that were not stored: file, line, field, reason and the raw line."""
    with open_store(ctx, read_only=True) as store:
        df = store.quarantine(limit=limit, file=file)
    echo_frame(df, fmt, None)


@main.command("export")
@db_option
@click.argument("path")
@click.option("--dyad", nargs=2, metavar="A B")
@click.option("--dataset")
@click.pass_context
def export_cmd(ctx: click.Context, path: str, dyad: tuple[str, str] | None, dataset: str | None) -> None:
    """Write the events table (optionally one dyad or dataset) to a Parquet file."""
    with open_store(ctx, read_only=True) as store:
        n = store.export_parquet(path, dyad=(dyad[0], dyad[1]) if dyad else None, dataset=dataset)
    if not is_quiet(ctx):
        click.echo(f"wrote {n} events to {path}")


@main.command("import")
@db_option
@click.argument("path")
@click.pass_context
def import_cmd(ctx: click.Context, path: str) -> None:
    """Load events from a Parquet file written by `export` (idempotent)."""
    with open_store(ctx) as store:
        res = store.import_parquet(path)
    if not is_quiet(ctx):
        click.echo(f"{path}: read {res.rows_read}, stored {res.rows_stored}, duplicates {res.rows_duplicate}")


@main.command()
@db_option
@click.pass_context
def optimize(ctx: click.Context) -> None:
    """Rewrite the events table clustered by dyad and date, and summarise it by dyad and day.

    Dyad queries then read only their pair's data, and series and event pages of a pair are
    answered from the summary until the next write.
    """
    with open_store(ctx) as store:
        n = store.optimize()
        built = store.has_summary()
    if not is_quiet(ctx):
        click.echo(f"events table rewritten in (dyad, date) order: {n} events; "
                   f"dyad_days summary {'built' if built else 'NOT built (rows out of order)'}")


if __name__ == "__main__":
    main()
