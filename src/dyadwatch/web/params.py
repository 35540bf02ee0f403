"""Checking every query parameter before it reaches the store.

Each checker returns a clean value or raises ``InputError`` naming the parameter; the app
turns that into a 400 answer with the message. Values are checked against closed lists or
strict patterns, and still reach SQL only as bound parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from dyadwatch.errors import InputError
from dyadwatch.report.build import country_code
from dyadwatch.store import queries as q

_DATASET = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def country(value: str | None, name: str, *, required: bool = True) -> str | None:
    """A known country or organisation code (ISO 3166 alpha-3 or CAMEO group code)."""
    if value is None or not value.strip():
        if required:
            raise InputError("a country code is required (e.g. JPN)", field=name)
        return None
    return country_code(value, field=name)


def dyad(a: str | None, b: str | None) -> tuple[str, str]:
    ca, cb = country(a, "a"), country(b, "b")
    assert ca is not None and cb is not None
    if ca == cb:
        raise InputError("a and b must be two different countries", field="b")
    return ca, cb


def date(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD)", field=name) from None


def date_range(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    s, e = date(start, "start"), date(end, "end")
    if s and e and s > e:
        raise InputError(f"start {s} is after end {e}", field="start")
    return s, e


def choice(value: str, allowed: Iterable[str], name: str) -> str:
    options = tuple(allowed)
    if value not in options:
        raise InputError(f"{value!r} is not one of {', '.join(options)}", field=name)
    return value


def freq(value: str) -> str:
    return choice(value, q.FREQS, "freq")


def roots(value: str | None) -> list[str] | None:
    """CAMEO roots, e.g. ``14`` or ``14,18`` (01–20)."""
    if value is None or value == "":
        return None
    out = []
    for part in value.split(","):
        part = part.strip()
        if not (part.isdigit() and 1 <= int(part) <= 20 and len(part) <= 2):
            raise InputError(f"{part!r} is not a CAMEO root (01-20)", field="root")
        out.append(part.zfill(2))
    return out


def datasets(value: str | None) -> list[str] | None:
    """Dataset names, comma-separated (gdelt2, icews, text:NAME...)."""
    if value is None or value == "":
        return None
    out = [v.strip() for v in value.split(",") if v.strip()]
    for v in out:
        if not _DATASET.match(v):
            raise InputError(f"{v!r} is not a dataset name (letters, digits, _ . : -)", field="dataset")
    return out or None


def countries(values: Iterable[str], name: str) -> tuple[str, ...]:
    """Codes given as repeated parameters or comma lists (``threat=PRK&threat=CHN`` or ``threat=PRK,CHN``)."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                code = country(part, name)
                assert code is not None
                if code not in out:
                    out.append(code)
    return tuple(out)


def compare_dyad(value: str | None) -> tuple[str, str] | None:
    """A second dyad as ``C-D`` (or ``C,D``)."""
    if value is None or value == "":
        return None
    parts = [p for p in re.split(r"[-,–\s]+", value.strip()) if p]
    if len(parts) != 2:
        raise InputError(f"{value!r} is not a dyad (write it as CHN-KOR)", field="compare")
    c, d = country(parts[0], "compare"), country(parts[1], "compare")
    assert c is not None and d is not None
    if c == d:
        raise InputError("the comparison dyad needs two different countries", field="compare")
    return c, d


def period_bounds(period: str | None, frequency: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period (of ``frequency``) that holds the date ``period``.

    ``period`` is a date (2019-07-01), a month (2019-07) or a year (2019).
    """
    if not period:
        raise InputError("a period is required (e.g. 2019-07 or 2019-07-01)", field="period")
    m = _PERIOD.match(period.strip())
    if not m:
        raise InputError(f"{period!r} is not a period (YYYY, YYYY-MM or YYYY-MM-DD)", field="period")
    try:
        day = dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        return _bounds(day, frequency)
    except (ValueError, OverflowError):
        raise InputError(f"{period!r} is not a valid date (or its period leaves the calendar)", field="period") from None


def _bounds(day: dt.date, frequency: str) -> tuple[dt.date, dt.date]:
    if frequency == "day":
        return day, day
    if frequency == "week":
        first = day - dt.timedelta(days=day.weekday())
        return first, first + dt.timedelta(days=6)
    if frequency == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    months = 3 if frequency == "quarter" else 1
    first_month = (day.month - 1) // months * months + 1
    first = dt.date(day.year, first_month, 1)
    nxt_month = first_month + months
    nxt = dt.date(day.year + (nxt_month - 1) // 12, (nxt_month - 1) % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)
