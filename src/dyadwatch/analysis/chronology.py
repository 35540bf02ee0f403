"""Trigger events for the event study: the bundled chronology, a CSV file, or a query.

A trigger specification is one of

* ``"chronology"``: the curated chronology bundled for the dyad (Japan–South Korea:
  ``data/chronology/jpkr.csv``); other dyads have none;
* ``"cameo:062"`` (or ``cameo:057,062``): the days with at least one event of these CAMEO
  codes (or their children) between A and B, read from the store;
* ``"none"``: no event study;
* anything else: a CSV file with a ``date`` column (YYYY-MM-DD) and optional ``title``,
  ``kind`` and ``direction`` columns.

Bundled chronologies are registered by dyad (:data:`CHRONOLOGIES`), so a new one is one
line and a CSV file in the same format.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from io import StringIO
from pathlib import Path

import pandas as pd

from dyadwatch.errors import InputError

#: Bundled chronologies by (unordered) dyad: file name under dyadwatch/data/chronology/.
CHRONOLOGIES: dict[frozenset[str], str] = {frozenset({"JPN", "KOR"}): "jpkr.csv"}

TRIGGER_COLUMNS = ("date", "title", "kind", "direction")


@dataclass(frozen=True)
class TriggerSpec:
    """A parsed --triggers value: ``source`` is chronology, cameo, file or none."""

    source: str
    value: str = ""
    codes: tuple[str, ...] = ()


def parse_spec(spec: str | Path | None) -> TriggerSpec:
    """Parse a trigger specification (see the module docstring)."""
    if spec is None or str(spec).strip().lower() in ("", "none"):
        return TriggerSpec("none")
    text = str(spec).strip()
    if text.lower() == "chronology":
        return TriggerSpec("chronology")
    if text.lower().startswith("cameo:"):
        codes = tuple(c.strip() for c in text[6:].split(",") if c.strip())
        bad = [c for c in codes if not re.fullmatch(r"\d{2,4}", c)]
        if not codes or bad:
            raise InputError(f"{text!r}: give CAMEO codes of 2 to 4 digits, e.g. cameo:062 or cameo:057,062", field="triggers")
        return TriggerSpec("cameo", text, codes)
    return TriggerSpec("file", text)


def register_chronology(a: str, b: str, filename: str) -> None:
    """Bundle a chronology for the dyad A–B (a CSV in dyadwatch/data/chronology/)."""
    CHRONOLOGIES[frozenset({a.upper(), b.upper()})] = filename


def load_chronology(filename: str = "jpkr.csv") -> pd.DataFrame:
    """A bundled chronology with all its columns; ``date`` and ``end_date`` parsed."""
    res = resources.files("dyadwatch").joinpath(f"data/chronology/{filename}")
    if not res.is_file():
        raise InputError("no such bundled chronology", path=f"dyadwatch/data/chronology/{filename}")
    frame = pd.read_csv(StringIO(res.read_text("utf-8")), dtype=str, keep_default_na=False)
    return _parse_dates(frame, f"dyadwatch/data/chronology/{filename}")


def chronology_for(a: str, b: str) -> pd.DataFrame | None:
    """The bundled chronology of the dyad A–B, or None when there is none."""
    name = CHRONOLOGIES.get(frozenset({a.upper(), b.upper()}))
    return load_chronology(name) if name else None


def read_triggers(path: str | Path) -> pd.DataFrame:
    """Triggers from a CSV file with a date column and optional title, kind, direction."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such trigger file (give a CSV with a date column, 'chronology', 'cameo:CODE' or 'none')", path=p)
    text = p.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(StringIO(text))
    if not reader.fieldnames or "date" not in [f.strip().lower() for f in reader.fieldnames]:
        raise InputError("trigger file has no 'date' column", path=p, line=1)
    frame = pd.DataFrame([{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in reader])
    return _parse_dates(frame, p)


def _parse_dates(frame: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    out = frame.copy()
    dates = []
    for i, value in enumerate(out["date"].astype(str), start=2):
        try:
            dates.append(dt.date.fromisoformat(value.strip()))
        except ValueError:
            raise InputError(f"{value!r} is not a date YYYY-MM-DD", path=path, line=i, field="date") from None
    out["date"] = pd.to_datetime(pd.Series(dates, index=out.index))
    if "end_date" in out.columns:
        out["end_date"] = pd.to_datetime(out["end_date"].replace("", None), errors="coerce")
    for col in TRIGGER_COLUMNS[1:]:
        if col not in out.columns:
            out[col] = None
        else:
            out[col] = out[col].replace("", None)
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def within(triggers: pd.DataFrame, start: dt.date | str | None, end: dt.date | str | None) -> pd.DataFrame:
    """Triggers dated between start and end (inclusive; None is open)."""
    mask = pd.Series(True, index=triggers.index)
    if start is not None:
        mask &= triggers["date"] >= pd.Timestamp(start)
    if end is not None:
        mask &= triggers["date"] <= pd.Timestamp(end)
    return triggers[mask].reset_index(drop=True)
