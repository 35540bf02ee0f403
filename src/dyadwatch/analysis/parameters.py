"""The options of :func:`dyadwatch.analysis.analyze`, with defaults and help.

Kept apart from the analysis itself so the CLI can build its options without importing
the statistical libraries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Defaults of the methods (the modules that use them import them from here).
PRIOR = 1.0  # Beta(prior, prior) on each period's cooperation share
LEVEL = 0.95  # level of every interval
PENALTY = "auto"  # PELT penalty rule
COST = "l2"  # change-point cost
MIN_SIZE = 3  # fewest periods in a regime
PLACEBO_DRAWS = 1000  # placebo date sets per event-study group
IC = "aic"  # information criterion for the VAR lag
MODEL = "local-level"  # forecast model
PERIODS = 6  # periods forecast

@dataclass(frozen=True)
class Parameter:
    """An option of :func:`analyze`: its default and help (used by the CLI and the docs)."""

    name: str
    default: Any
    help: str


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("threats", (), "Third parties whose conflict events toward A or B are tested as a shared threat (e.g. PRK,CHN)."),
    Parameter("freq", "month", "Period of the series: day, week, month, quarter or year."),
    Parameter("start", None, "First date (YYYY-MM-DD); default the dyad's first event."),
    Parameter("end", None, "Last date (YYYY-MM-DD); default the dyad's last event."),
    Parameter("dataset", None, "Dataset(s) to count (gdelt1, gdelt2, icews, polecat, text:NAME); default all."),
    Parameter("normalize", "none", "Volume normalisation of counts: none, total (all events in the store) or actors (events involving A or B)."),
    Parameter("dedup", "none", "Collapse repeated reports: none, one-a-day (date, source, target, CAMEO code) or root."),
    Parameter("triggers", "chronology", "Event-study triggers: chronology (bundled), a CSV file with a date column, cameo:CODE[,CODE], or none."),
    Parameter("compare", None, "Other dyads to show side by side, as pairs (e.g. USA VNM)."),
    Parameter("forecast_periods", PERIODS, "Periods to forecast."),
    Parameter("level", LEVEL, "Level of every interval (credible, confidence or prediction)."),
    Parameter("prior", PRIOR, "Beta(prior, prior) on the cooperation share of a period; larger pulls thin periods harder to 0."),
    Parameter("dispersion", "auto", "Reports one independent observation is worth (>= 1), or auto (estimated, quasi-binomial)."),
    Parameter("penalty", PENALTY, "PELT penalty: auto (3·σ²·log T), bic (2·σ²·log T) or a number."),
    Parameter("cost", COST, "Change-point cost: l2 (event-weighted least squares) or normal (Gaussian, mean and variance)."),
    Parameter("min_size", MIN_SIZE, "Fewest periods in a regime between change points."),
    Parameter("window", None, "Event-study window in periods on each side (default day 30, week 8, month 3, quarter 2, year 1)."),
    Parameter("placebo_draws", PLACEBO_DRAWS, "Sets of random placebo dates per event-study group."),
    Parameter("seed", 0, "Seed of the placebo draws (results are reproducible)."),
    Parameter("maxlags", None, "Largest VAR lag tried (default day 14, week 8, month 6, quarter 4, year 2)."),
    Parameter("ic", IC, "Information criterion for the VAR lag: aic, bic, hqic or fpe."),
    Parameter("forecast_model", MODEL, "Forecast model: local-level, arima or ets."),
    Parameter("evidence", 5, "Events shown as evidence for each change point."),
)
