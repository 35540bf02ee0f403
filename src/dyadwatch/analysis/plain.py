"""Plain JSON values: what ``analyze`` returns is made of these only.

Dates become ISO ``YYYY-MM-DD`` strings, numpy numbers Python numbers, and NaN, infinity,
NaT and NA become None, so ``json.dumps(result, allow_nan=False)`` always works.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


def to_plain(value: Any) -> Any:
    """Plain JSON types: ISO dates for timestamps, None for NaN/inf/NA, lists for arrays."""
    t = type(value)
    if value is None or t is str or t is bool or t is int:
        return value
    if t is float:
        return value if math.isfinite(value) else None
    if t is dict:
        return {str(k): to_plain(v) for k, v in value.items()}
    if t is list or t is tuple:
        return [to_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [to_plain(v) for v in value.tolist()]
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date | np.datetime64):
        if isinstance(value, np.datetime64) and np.isnat(value):
            return None
        ts = pd.Timestamp(value)
        return None if pd.isna(ts) else ts.strftime("%Y-%m-%d")
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Path):
        return str(value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame as plain dicts: ISO dates, Python numbers, None for missing values."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), None)
        elif pd.api.types.is_integer_dtype(s):
            out[col] = s.astype(object)
        elif pd.api.types.is_float_dtype(s):
            v = s.to_numpy(float)
            out[col] = pd.Series([float(x) if math.isfinite(x) else None for x in v], index=frame.index, dtype=object)
        else:
            out[col] = s.astype(object).where(s.notna(), None)
    return [{str(k): (int(v) if isinstance(v, np.integer) else v) for k, v in r.items()} for r in out.to_dict(orient="records")]
