"""Periods of a series: their pandas offsets, labels and spans.

A period is named by its first day (``date_trunc`` in the store: weeks start on Monday).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dyadwatch.errors import ConfigError

#: pandas offset aliases for the store's frequencies (first day of each period).
OFFSETS = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}

#: Words used in the briefing ("at lag 2 months").
UNITS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


def check_freq(freq: str) -> str:
    if freq not in OFFSETS:
        raise ConfigError(f"unknown frequency {freq!r}; choose one of {', '.join(OFFSETS)}")
    return freq


def next_periods(last: pd.Timestamp, n: int, freq: str) -> list[pd.Timestamp]:
    """The ``n`` periods after ``last``."""
    return list(pd.date_range(pd.Timestamp(last), periods=n + 1, freq=OFFSETS[check_freq(freq)])[1:])


def period_end(start: pd.Timestamp | dt.date, freq: str) -> dt.date:
    """Last day of the period that begins on ``start``."""
    nxt = next_periods(pd.Timestamp(start), 1, freq)[0]
    return (nxt - pd.Timedelta(days=1)).date()


def iso(value: pd.Timestamp | dt.date | dt.datetime) -> str:
    """ISO date (YYYY-MM-DD) of a period or day."""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def label(value: pd.Timestamp | dt.date | str, freq: str) -> str:
    """Period as a reader writes it: 2019-07 (month), 2019Q3, 2019, week of 2019-07-01."""
    ts = pd.Timestamp(value)
    if freq == "month":
        return ts.strftime("%Y-%m")
    if freq == "quarter":
        return f"{ts.year}Q{(ts.month - 1) // 3 + 1}"
    if freq == "year":
        return str(ts.year)
    if freq == "week":
        return f"week of {ts.strftime('%Y-%m-%d')}"
    return ts.strftime("%Y-%m-%d")


def plural(n: int, freq: str) -> str:
    unit = UNITS[freq]
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def positions(periods: pd.Series | pd.DatetimeIndex, dates: pd.Series, freq: str) -> pd.Series:
    """Position of the period containing each date (-1 before the first period, len(periods) after the last)."""
    starts = pd.DatetimeIndex(pd.to_datetime(pd.Series(periods))).as_unit("us")
    days = pd.DatetimeIndex(pd.to_datetime(pd.Series(dates))).as_unit("us")
    pos = starts.searchsorted(days, side="right") - 1
    out = pd.Series(pos, index=dates.index, dtype="int64")
    if len(starts):
        last_end = pd.Timestamp(period_end(starts[-1], freq))
        out[days > last_end] = len(starts)
    return out
