"""Commands contributed to the dyadwatch CLI (see cli.LAZY_COMMANDS)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from dyadwatch.clitools import is_quiet, open_store, parse_date
from dyadwatch.coding.documents import FORMATS
from dyadwatch.coding.evaluate import evaluate as evaluate_gold
from dyadwatch.coding.evaluate import format_report
from dyadwatch.coding.pipeline import OUTPUT_SUFFIXES, CodeResult, code_files, jsonl_lines
from dyadwatch.coding.registry import coder_names
from dyadwatch.errors import ConfigError, DyadwatchError
from dyadwatch.store import Store, expand_paths

#: Skipped documents listed one by one after a run (the summary counts them all).
SHOW_SKIPS = 20


@click.command("code")
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="auto", show_default=True,
              help="Input format; auto: by extension and content.")
@click.option("--date", "default_date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Date of documents that carry none (no date field, date line or dated dateline).")
@click.option("-o", "outs", multiple=True, metavar="OUT", help="Write events to OUT (.jsonl, .csv or .parquet); repeatable.")
@click.option("--db", "db", default=None, metavar="FILE", help="Store events in this DuckDB store (with --dataset).")
@click.option("--dataset", default=None, metavar="NAME", help="Store events as dataset text:NAME (in --db or the default store).")
@click.option("--coder", default="rules.v1", show_default=True, help="Registered coder name.")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True, help="Parser processes.")
@click.pass_context
def code(ctx: click.Context, inputs: tuple[str, ...], fmt: str, default_date: dt.date | None, outs: tuple[str, ...],
         db: str | None, dataset: str | None, coder: str, processes: int) -> None:
    """Code news text (text files, JSON lines, HTML pages, RSS/Atom feeds) into CAMEO/PLOVER events.

    Each INPUT is a file or a folder (every file inside). Documents that are empty, not
    English, undated or malformed are skipped with a reason; the summary counts them
    (read = coded + skipped). Without -o or --dataset, events are printed as JSON lines.
    The exit code is 1 when some input was bad (a malformed line, an undated document, a
    file that is not the format asked for); the rest is still coded and written.
    """
    if db and not dataset:
        raise click.UsageError("--db needs --dataset NAME (events are stored as dataset text:NAME)")
    for out in outs:
        if Path(out).suffix.lower() not in OUTPUT_SUFFIXES:
            raise click.UsageError(f"-o {out}: use a .jsonl, .csv or .parquet file")
    if coder not in coder_names():  # before a store is opened (or created) for nothing
        raise ConfigError(f"unknown coder {coder!r}; known coders: {', '.join(coder_names())}")
    quiet = is_quiet(ctx)
    if db:
        ctx.find_root().obj = {**(ctx.find_root().obj or {}), "db": db}
    with _progress(inputs, quiet=quiet) as progress, (open_store(ctx) if dataset else contextlib.nullcontext()) as store:
        result = code_files(list(inputs), fmt=fmt, default_date=default_date, coder=coder, processes=processes,
                            out=list(outs), store=store if isinstance(store, Store) else None, dataset=dataset,
                            on_file=progress.on_file, on_batch=progress.on_batch)
    if not outs and not dataset:
        _print_jsonl(result)
    _report(result, quiet=quiet)
    if result.report.failed or result.report.errors:
        sys.exit(1)


class _Progress:
    """A bar on stderr over the bytes of the input files, with running counts of documents and events."""

    def __init__(self, bar: Progress, sizes: dict[Path, int]) -> None:
        self.bar, self.sizes = bar, sizes
        self.task = bar.add_task("code", total=sum(sizes.values()) or None, counts="")
        self.current: Path | None = None

    def on_file(self, p: Path) -> None:
        if self.current is not None:
            self.bar.advance(self.task, self.sizes.get(self.current, 0))
        self.current = p
        self.bar.update(self.task, description=f"code {p.name}")

    def on_batch(self, documents: int, events: int) -> None:
        self.bar.update(self.task, counts=f"{documents:,} documents, {events:,} events")


@contextlib.contextmanager
def _progress(inputs: tuple[str, ...], *, quiet: bool) -> Iterator[_Progress]:
    try:
        files = expand_paths(inputs)
    except DyadwatchError:
        files = []  # the reader reports missing inputs itself
    console = Console(stderr=True, quiet=quiet)
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[counts]}"),
                  TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal, transient=True) as bar:
        yield _Progress(bar, {f: f.stat().st_size for f in files})


def _print_jsonl(result: CodeResult) -> None:
    for line in jsonl_lines(result.events):
        click.echo(line)


def _report(result: CodeResult, *, quiet: bool) -> None:
    report = result.report
    for err in report.failed:
        click.echo(f"Error: {err}", err=True)
    shown = sorted(report.skips, key=lambda s: not s.error)[:SHOW_SKIPS]
    if not quiet or report.errors:
        for skip in shown:
            if skip.error or not quiet:
                click.echo(f"{'Error' if skip.error else 'skipped'}: {skip}", err=True)
        if report.skipped > len(shown) and not quiet:
            click.echo(f"... and {report.skipped - len(shown)} more skipped", err=True)
    if quiet:
        return
    for note in report.notes[:SHOW_SKIPS]:
        click.echo(f"note: {note}", err=True)
    click.echo(result.summary(), err=True)
    if result.stored is not None:
        s = result.stored
        click.echo(f"store: dataset {', '.join(s.datasets)}: stored {s.rows_stored}, already there {s.rows_duplicate}", err=True)
    for out in result.written:
        click.echo(f"wrote {len(result.events)} events to {out}", err=True)


@click.command("evaluate")
@click.argument("gold", metavar="GOLD.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option("--coder", default="rules.v1", show_default=True, help="Registered coder name.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--misses", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many misses and false alarms to list (text format; json lists all).")
def evaluate(gold: str, coder: str, fmt: str, misses: int) -> None:
    """Score a coder on hand-coded sentences: precision, recall and F1 per level, accuracies, errors.

    GOLD.jsonl has one sentence per line: {"id", "date", "text", "events": [{"source",
    "target", "cameo", "plover"}]}. Levels: (source, target, quad class), (..., CAMEO root),
    (..., PLOVER category); CAMEO root and PLOVER accuracy are on dyad-matched events.
    """
    report = evaluate_gold(gold, coder=coder)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, misses=misses), nl=False)


COMMANDS: list[click.Command] = [code, evaluate]
