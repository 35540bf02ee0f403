"""Ingest with a Rich progress bar and a per-file summary (used by the CLI and `fetch`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from dyadwatch.errors import DyadwatchError
from dyadwatch.store import IngestResult, Store, expand_paths


def summary_line(res: IngestResult) -> str:
    if res.status == "skipped":
        return f"{res.path}: skipped, already ingested (file {res.file_id})"
    dates = f", {res.min_date} to {res.max_date}" if res.min_date else ""
    line = (f"{res.path}: {res.format} -> {','.join(res.datasets) or res.table}: read {res.rows_read}, stored {res.rows_stored}, "
            f"quarantined {res.rows_quarantined}, duplicates {res.rows_duplicate}{dates}")
    if res.notes:
        line += "\n  note: " + "\n  note: ".join(res.notes[:5])
    return line


def ingest_with_progress(
    store: Store, paths: Iterable[str | Path], *, fmt: str, quiet: bool
) -> tuple[list[IngestResult], list[tuple[Path, DyadwatchError]]]:
    """Ingest every path; a file that fails is reported and the others still go in."""
    files = expand_paths(paths)
    results: list[IngestResult] = []
    failures: list[tuple[Path, DyadwatchError]] = []
    console = Console(stderr=True, quiet=quiet)
    total = sum(f.stat().st_size for f in files)
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  TimeRemainingColumn(), console=console, disable=quiet, transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        for f in files:
            bar.update(task, description=f"ingest {f.name}")
            try:
                res = store.ingest([f], format=fmt, progress=lambda n: bar.advance(task, n))[0]
            except DyadwatchError as exc:
                failures.append((f, exc))
                click.echo(f"Error: {exc}", err=True)
                continue
            results.append(res)
            if not quiet:
                click.echo(summary_line(res))
    if not quiet and len(files) > 1:
        click.echo(f"{len(results)} file(s) ingested or skipped, {len(failures)} failed; "
                   f"rows stored {sum(r.rows_stored for r in results)}, quarantined {sum(r.rows_quarantined for r in results)}")
    return results, failures
