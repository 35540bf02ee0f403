"""Helpers every CLI command uses: open the store named by --db, print frames, parse dates.

Kept apart from cli.py so that modules contributing commands can import them without
importing the command group itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dyadwatch.settings import setting
from dyadwatch.store import Store

if TYPE_CHECKING:  # pandas is imported where it is used: it costs a third of a second at start-up
    import pandas as pd


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--db FILE`` on a command too (``dyadwatch ingest gdelt x.CSV --db s.duckdb``); overrides the global one."""
    return click.option("--db", "db", default=None, metavar="FILE", expose_value=False, is_eager=False,
                        callback=_remember_db, help="DuckDB store (overrides the global --db).")(f)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta["dyadwatch.db"] = value


@contextmanager
def open_store(ctx: click.Context, *, read_only: bool = False) -> Iterator[Store]:
    """The store named by --db (shared helper for every command)."""
    obj = ctx.find_root().obj or {}
    path = ctx.meta.get("dyadwatch.db") or obj.get("db") or setting("db")
    store = Store(path, read_only=read_only, memory_limit=setting("memory_limit") or None)
    try:
        yield store
    finally:
        store.close()


def is_quiet(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("quiet"))


def echo_frame(df: pd.DataFrame, fmt: str, out: str | None) -> None:
    """Write a DataFrame as an aligned table, CSV, JSON lines or Parquet (to a file or stdout)."""
    import pandas as pd

    frame = df.copy()
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    if fmt == "parquet":
        if not out:
            raise click.UsageError("--format parquet needs -o FILE")
        frame.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif fmt == "json":
        recs = json.loads(frame.to_json(orient="records", force_ascii=False))
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    else:
        text = frame.to_string(index=False, na_rep="") + "\n" if len(frame) else "(no rows)\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None
