"""``dyadwatch fetch``: download public event data (a thin layer over :mod:`download`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Sequence

import click
from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from dyadwatch.clitools import is_quiet, open_store, parse_date
from dyadwatch.sources.download import FetchProgress, FetchReport, FileOutcome, RemoteFile, fetch_gdelt


class _AmountColumn(ProgressColumn):
    """Bytes and speed for the bytes bar, "m/n" for the files bar."""

    def __init__(self) -> None:
        super().__init__()
        self.count = MofNCompleteColumn()
        self.size = DownloadColumn()
        self.speed = TransferSpeedColumn()

    def render(self, task: Task) -> RenderableType:
        if task.fields.get("bytes"):
            return f"{self.size.render(task)} {self.speed.render(task)}"
        return self.count.render(task)


class RichFetchProgress(FetchProgress):
    """Two bars on stderr: files done of all, and bytes of all listed files."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.files: TaskID | None = None
        self.bytes: TaskID | None = None
        self.done_bytes = 0
        self.current = 0
        self.sizes: dict[str, int] = {}

    def listing(self, name: str) -> None:
        if self.files is None:
            self.files = self.bar.add_task(f"reading {name}", total=None)
        else:
            self.bar.update(self.files, description=f"reading {name}")

    def planned(self, files: Sequence[RemoteFile]) -> None:
        self.sizes = {f.name: f.size or 0 for f in files}
        if self.files is None:
            self.files = self.bar.add_task("files", total=len(files))
        self.bar.update(self.files, description="files", total=len(files), completed=0)
        self.bytes = self.bar.add_task("bytes", total=sum(f.size or 0 for f in files) or None, bytes=True)

    def file_started(self, remote: RemoteFile, offset: int) -> None:
        self.current = offset
        if self.files is not None:
            self.bar.update(self.files, description=remote.name)
        self._show_bytes()

    def advance(self, nbytes: int) -> None:
        self.current += nbytes
        self._show_bytes()

    def file_done(self, outcome: FileOutcome) -> None:
        self.done_bytes += self.sizes.get(outcome.name) or self.current
        self.current = 0
        self._show_bytes()
        if self.files is not None:
            self.bar.advance(self.files)

    def _show_bytes(self) -> None:
        if self.bytes is not None:
            self.bar.update(self.bytes, completed=self.done_bytes + self.current)


@click.group()
def fetch() -> None:
    """Download public event data (GDELT) and ingest it as it arrives."""


@fetch.command("gdelt")
@click.option("--start", callback=parse_date, required=True, help="First day (YYYY-MM-DD, UTC).")
@click.option("--end", callback=parse_date, required=True, help="Last day, included (YYYY-MM-DD, UTC).")
@click.option("--version", "version", type=click.Choice(["1", "2"]), default="2", show_default=True,
              help="GDELT 1.0 (daily/monthly/yearly archives) or 2.0 (15-minute files).")
@click.option("--translation", is_flag=True, help="2.0: also the translingual stream (masterfilelist-translation.txt).")
@click.option("--mentions", is_flag=True, help="2.0: also the mentions files.")
@click.option("--dest", default="gdelt-files", show_default=True, type=click.Path(file_okay=False),
              help="Folder the files are downloaded to (and kept in).")
@click.option("--no-ingest", is_flag=True, help="Only download and verify; do not open the store.")
@click.option("--base-url", default=None, metavar="URL",
              help="GDELT file server (default: setting gdelt_base_url, env DYADWATCH_GDELT_URL).")
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True,
              help="Further attempts per file after the first (waits 1, 2, 4 ... seconds).")
@click.pass_context
def gdelt(ctx: click.Context, start: dt.date, end: dt.date, version: str, translation: bool, mentions: bool, dest: str,
          no_ingest: bool, base_url: str | None, retries: int) -> None:
    """Download GDELT's files for a date range, verify them and ingest each as it arrives.

    Files come from GDELT's master lists and are checked against the listed size and MD5;
    partial downloads resume; files already downloaded or ingested are skipped. At the end
    every failed file and every 15-minute slot the master list lacks is named. Exit code 1
    when any file failed.
    """
    quiet = is_quiet(ctx)
    console = Console(stderr=True, quiet=quiet)
    columns = (TextColumn("{task.description}"), BarColumn(), _AmountColumn(), TimeRemainingColumn())
    with contextlib.ExitStack() as stack:
        store = None if no_ingest else stack.enter_context(open_store(ctx))
        bar = stack.enter_context(Progress(*columns, console=console, disable=quiet or not console.is_terminal, transient=True))
        report = fetch_gdelt(store, start=start, end=end, version=int(version), translation=translation, mentions=mentions,
                             dest=dest, base_url=base_url, ingest=not no_ingest,
                             progress=RichFetchProgress(bar), retries=retries)
    echo_report(report, quiet=quiet)
    if not report.ok:
        sys.exit(1)


def echo_report(report: FetchReport, *, quiet: bool) -> None:
    """Per-file lines (unless quiet), then every failure, gap and note by name, then the totals."""
    if not quiet:
        for f in report.files:
            if f.status == "ingested" and f.ingest is not None:
                r = f.ingest
                click.echo(f"{f.name}: ingested, read {r.rows_read}, stored {r.rows_stored}, quarantined {r.rows_quarantined}, "
                           f"duplicates {r.rows_duplicate}" + (" (resumed)" if f.resumed else ""))
            elif f.status == "downloaded":
                click.echo(f"{f.name}: downloaded and verified" + (" (resumed)" if f.resumed else ""))
    for f in report.failed:
        click.echo(f"FAILED {f.name}: {f.reason}")
    for g in report.gaps:
        click.echo(f"GAP {g.name}: {g.reason}")
    for note in report.notes:
        click.echo(f"note: {note}")
    n = report.counts()
    click.echo(f"{len(report.files)} file(s): ingested {n['ingested']}, downloaded {n['downloaded']}, skipped {n['skipped']}, "
               f"failed {n['failed']}; {len(report.gaps)} gap(s); events and mentions stored {report.rows_stored}")


COMMANDS: list[click.Command] = [fetch]
