"""Commands contributed to the dyadwatch CLI (see cli.LAZY_COMMANDS)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from dyadwatch.clitools import is_quiet, open_store, parse_date
from dyadwatch.store import queries as q


@click.command("report")
@click.argument("a")
@click.argument("b")
@click.option("--threat", "threats", multiple=True, metavar="C", help="Third party to test as a shared threat (repeatable), e.g. PRK.")
@click.option("--start", callback=parse_date, help="First date (YYYY-MM-DD).")
@click.option("--end", callback=parse_date, help="Last date (YYYY-MM-DD).")
@click.option("--freq", type=click.Choice(list(q.FREQS)), default="month", show_default=True)
@click.option("--compare", nargs=2, multiple=True, metavar="C D",
              help="Another dyad drawn beside this one, e.g. USA VNM (repeatable).")
@click.option("--dataset", default=None, help="Dataset(s) to analyse (default: all).")
@click.option("--normalize", type=click.Choice(list(q.NORMALIZE)), default="none", show_default=True)
@click.option("--dedup", type=click.Choice(list(q.DEDUP)), default="none", show_default=True)
@click.option("-o", "out", required=True, metavar="FILE", help="Output file (report.html, report.pdf, or report.png → one PNG per chart).")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "png"]), default=None,
              help="Output format (default: from the file's extension, else html).")
@click.pass_context
def report(ctx: click.Context, a: str, b: str, threats: tuple[str, ...], start: dt.date | None, end: dt.date | None, freq: str,
           compare: tuple[tuple[str, str], ...], dataset: str | None, normalize: str, dedup: str, out: str, fmt: str | None) -> None:
    """Write a report on the relationship between A and B: briefing, charts and key events.

    The HTML file is self-contained (chart code bundled) and opens offline; --format pdf
    writes one combined document, --format png one PNG per chart for slides.
    """
    from dyadwatch.report import build_report, write_report

    if fmt is None:
        ext = out.rsplit(".", 1)[-1].lower() if "." in out else ""
        fmt = ext if ext in ("html", "pdf", "png") else "html"
    options: dict[str, Any] = {"threats": tuple(t.upper() for t in threats), "freq": freq, "start": start, "end": end,
                               "dataset": dataset, "normalize": normalize, "dedup": dedup}
    if compare:
        options["compare"] = [(c.upper(), d.upper()) for c, d in compare]
    with open_store(ctx, read_only=True) as store:
        rep = build_report(store, a, b, **options)
    written = write_report(rep, out, fmt)
    if not is_quiet(ctx):
        for path in written:
            click.echo(f"wrote {path}")


COMMANDS: list[click.Command] = [report]
