"""``dyadwatch demo``: the main job on the bundled data, end to end.

Codes the bundled Japan–South Korea news corpus (reports written by the project about
real, dated events 2015–2025, each with a source URL) into a store as ``text:jpkr-demo``,
summarises JPN–KOR by year, analyses the dyad (threats PRK and CHN, compared with
USA–VNM) and writes the HTML report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import click
import pandas as pd

from dyadwatch.clitools import db_option, is_quiet, open_store
from dyadwatch.store import Store

DATASET = "text:jpkr-demo"
DYAD = ("JPN", "KOR")
THREATS = ("PRK", "CHN")
COMPARE = ("USA", "VNM")


def corpus_path() -> Path:
    """The bundled corpus (JSONL: id, date, title, text, url, source)."""
    return Path(str(resources.files("dyadwatch").joinpath("data/corpus/jpkr_news.jsonl")))


@dataclass
class DemoResult:
    coded: str
    yearly: pd.DataFrame
    analysis: dict[str, Any]
    report_path: Path | None
    notes: list[str] = field(default_factory=list)


def yearly_summary(store: Store, a: str, b: str, *, dataset: str | None = None) -> pd.DataFrame:
    """Events per year between A and B by quad class, with the net cooperation share."""
    df = store.series(a, b, freq="year", measure="quad", dataset=dataset)
    coop = df["verbal_coop"] + df["material_coop"]
    conf = df["verbal_conflict"] + df["material_conflict"]
    out = pd.DataFrame({
        "year": pd.to_datetime(df["period"]).dt.year,
        "events": df["events"],
        "cooperation": coop,
        "conflict": conf,
        "net": ((coop - conf) / (coop + conf).where(coop + conf > 0)).round(2),
    })
    return out


def run_demo(store: Store, out_dir: str | Path, *, processes: int = 1, freq: str = "quarter") -> DemoResult:
    """Code the corpus into ``store``, analyse JPN–KOR and write the report into ``out_dir``."""
    from dyadwatch.analysis import analyze
    from dyadwatch.coding.pipeline import code_files
    from dyadwatch.report import build_report, write_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    coded = code_files([corpus_path()], fmt="jsonl", processes=processes, store=store, dataset=DATASET)
    yearly = yearly_summary(store, *DYAD, dataset=DATASET)
    options: dict[str, Any] = {"threats": THREATS, "freq": freq, "dataset": DATASET, "compare": COMPARE}
    analysis = analyze(store, *DYAD, **options)
    report = build_report(store, *DYAD, analysis=analysis, **options)
    paths = write_report(report, out / "report_JPN_KOR.html", "html")
    return DemoResult(coded=coded.summary(), yearly=yearly, analysis=analysis, report_path=paths[0] if paths else None)


@click.command()
@db_option
@click.option("--out", "out_dir", default="demo-out", show_default=True, help="Folder for the report.")
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True, help="Processes for the text coder.")
@click.option("--freq", type=click.Choice(["month", "quarter"]), default="quarter", show_default=True)
@click.pass_context
def demo(ctx: click.Context, out_dir: str, processes: int, freq: str) -> None:
    """Build a demo store from the bundled Japan–South Korea corpus, analyse it and write the report."""
    quiet = is_quiet(ctx)
    started = dt.datetime.now()
    with open_store(ctx) as store:
        if not quiet:
            click.echo(f"Coding the bundled corpus ({corpus_path().name}: news reports written by the project about real, "
                       "dated events 2015-2025; not synthetic) ...")
        res = run_demo(store, out_dir, processes=processes, freq=freq)
        db = store.path
    click.echo(res.coded)
    click.echo("\nJapan-South Korea, events per year in the coded corpus (net = (coop - conflict) / (coop + conflict)):")
    click.echo(res.yearly.to_string(index=False))
    click.echo("\n" + str(res.analysis.get("briefing", "")).strip())
    if res.report_path:
        click.echo(f"\nReport: {res.report_path.resolve()}")
    click.echo(f"Dashboard: dyadwatch --db {db} serve   (then open http://127.0.0.1:8000/)")
    if not quiet:
        click.echo(f"(demo took {(dt.datetime.now() - started).total_seconds():.0f} s)")


COMMANDS = [demo]
