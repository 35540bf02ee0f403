"""Commands contributed to the dyadwatch CLI (see cli.LAZY_COMMANDS)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from dyadwatch.analysis.parameters import PARAMETERS
from dyadwatch.clitools import open_store, parse_date
from dyadwatch.store import queries as q

_HELP = {p.name: p.help for p in PARAMETERS}


def _help(name: str) -> str:
    return _HELP[name]


def _penalty(_ctx: click.Context, _param: click.Parameter, value: str) -> str | float:
    if value in ("auto", "bic"):
        return value
    try:
        number = float(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give auto, bic or a positive number") from None
    if number <= 0:
        raise click.BadParameter(f"{value!r}: the penalty must be positive")
    return number


def _dispersion(_ctx: click.Context, _param: click.Parameter, value: str) -> str | float:
    if value == "auto":
        return value
    try:
        number = float(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give auto or a number >= 1") from None
    if number < 1:
        raise click.BadParameter(f"{value!r}: the dispersion must be at least 1")
    return number


@click.command("analyze")
@click.argument("a")
@click.argument("b")
@click.option("--threat", "threats", multiple=True, metavar="C[,D]", help=_help("threats"))
@click.option("--freq", type=click.Choice(list(q.FREQS)), default="month", show_default=True, help=_help("freq"))
@click.option("--start", callback=parse_date, help=_help("start"))
@click.option("--end", callback=parse_date, help=_help("end"))
@click.option("--dataset", help=_help("dataset"))
@click.option("--normalize", type=click.Choice(list(q.NORMALIZE)), default="none", show_default=True, help=_help("normalize"))
@click.option("--dedup", type=click.Choice(list(q.DEDUP)), default="none", show_default=True, help=_help("dedup"))
@click.option("--triggers", default="chronology", show_default=True, metavar="FILE|chronology|cameo:CODE|none", help=_help("triggers"))
@click.option("--compare", "compare", nargs=2, multiple=True, metavar="C D", help=_help("compare"))
@click.option("--forecast-periods", type=click.IntRange(min=1), default=6, show_default=True, help=_help("forecast_periods"))
@click.option("--level", type=click.FloatRange(0.5, 0.999), default=0.95, show_default=True, help=_help("level"))
@click.option("--penalty", default="auto", show_default=True, callback=_penalty, help=_help("penalty"))
@click.option("--cost", type=click.Choice(["l2", "normal"]), default="l2", show_default=True, help=_help("cost"))
@click.option("--dispersion", default="auto", show_default=True, callback=_dispersion, help=_help("dispersion"))
@click.option("--window", type=click.IntRange(min=1), default=None, help=_help("window"))
@click.option("--placebos", "placebo_draws", type=click.IntRange(min=0), default=1000, show_default=True, help=_help("placebo_draws"))
@click.option("--seed", type=int, default=0, show_default=True, help=_help("seed"))
@click.option("--maxlags", type=click.IntRange(min=1), default=None, help=_help("maxlags"))
@click.option("--ic", type=click.Choice(["aic", "bic", "hqic", "fpe"]), default="aic", show_default=True, help=_help("ic"))
@click.option("--forecast-model", type=click.Choice(["local-level", "arima", "ets"]), default="local-level", show_default=True,
              help=_help("forecast_model"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the briefing; json: the whole result (docs/analysis.md).")
@click.option("-o", "out", default=None, metavar="FILE", help="Write to FILE instead of stdout.")
@click.pass_context
def analyze_cmd(ctx: click.Context, a: str, b: str, threats: tuple[str, ...], freq: str, start: dt.date | None, end: dt.date | None,
                dataset: str | None, normalize: str, dedup: str, triggers: str, compare: tuple[tuple[str, str], ...],
                forecast_periods: int, level: float, penalty: str | float, cost: str, dispersion: str | float, window: int | None,
                placebo_draws: int, seed: int, maxlags: int | None, ic: str, forecast_model: str, fmt: str, out: str | None) -> None:
    """How relations between A and B move: index, change points, event study, shared threats, forecast.

    A and B are ISO3 codes (JPN KOR) or CAMEO organisation codes. Prints a plain-language
    briefing, or with --format json the whole result (see docs/analysis.md).
    """
    options: dict[str, Any] = {
        "threats": list(threats), "freq": freq, "start": start, "end": end, "dataset": dataset, "normalize": normalize,
        "dedup": dedup, "triggers": triggers, "compare": [tuple(p) for p in compare] or None,
        "forecast_periods": forecast_periods, "level": level, "penalty": penalty, "cost": cost, "dispersion": dispersion,
        "window": window, "placebo_draws": placebo_draws, "seed": seed, "maxlags": maxlags, "ic": ic,
        "forecast_model": forecast_model,
    }
    with open_store(ctx, read_only=True) as store:
        from dyadwatch.analysis.pipeline import analyze

        result = analyze(store, a, b, **options)
    text = json.dumps(result, ensure_ascii=False, indent=1, allow_nan=False) + "\n" if fmt == "json" else result["briefing"] + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


COMMANDS: list[click.Command] = [analyze_cmd]
