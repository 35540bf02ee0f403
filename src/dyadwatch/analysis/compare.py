"""Compare dyads: their relations indices side by side over the same periods.

Each dyad gets its index series (same frequency, dates, dataset, normalisation and
deduplication as the main dyad), its mean (the index of all its events taken together),
its latest value and its Pearson correlation
with the first dyad over the periods where both have events. A correlation says the two
indices move together in these periods, nothing more: both respond to the same news cycle
and the same coding rules.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from dyadwatch.analysis.index import pooled_index
from dyadwatch.errors import AnalysisError

#: Fewest shared periods with events for a correlation to be reported.
MIN_SHARED = 8


def dyad_label(a: str, b: str) -> str:
    return f"{a.upper()}-{b.upper()}"


def _pooled(frame: pd.DataFrame) -> float:
    """The index of all periods taken together (summed counts), else the event-weighted mean."""
    if {"cooperation", "conflict"} <= set(frame.columns):
        return pooled_index(float(frame["cooperation"].sum()), float(frame["conflict"].sum()))[0]
    active = frame[frame["events"] > 0]
    return float(np.average(active["index"], weights=active["events"]))


def compare_dyads(frames: dict[str, pd.DataFrame], *, min_shared: int = MIN_SHARED) -> dict[str, Any]:
    """Summaries of each dyad's index frame (columns period, events, index, index_low, index_high).

    The first dyad is the reference for correlations.
    """
    if not frames:
        raise AnalysisError("nothing to compare")
    names = list(frames)
    ref = frames[names[0]].set_index(pd.to_datetime(frames[names[0]]["period"]))
    out = []
    for name in names:
        f = frames[name].copy()
        f["period"] = pd.to_datetime(f["period"])
        active = f[f["events"] > 0]
        entry: dict[str, Any] = {
            "dyad": name,
            "events": int(f["events"].sum()),
            "periods_with_events": len(active),
            "mean": _pooled(f) if len(active) else None,
            "latest_period": active["period"].iloc[-1] if len(active) else None,
            "latest": float(active["index"].iloc[-1]) if len(active) else None,
            "correlation": None,
            "correlation_p": None,
            "shared_periods": 0,
            "series": [
                {"period": p, "events": int(n), "index": float(x), "index_low": float(lo), "index_high": float(hi)}
                for p, n, x, lo, hi in zip(f["period"], f["events"], f["index"], f["index_low"], f["index_high"], strict=True)
            ],
        }
        if name != names[0]:
            g = f.set_index("period")
            both = ref.index.intersection(g.index)
            mask = (ref.loc[both, "events"] > 0) & (g.loc[both, "events"] > 0)
            shared = both[mask.to_numpy()]
            entry["shared_periods"] = len(shared)
            x = ref.loc[shared, "index"].to_numpy(float)
            y = g.loc[shared, "index"].to_numpy(float)
            if len(shared) >= min_shared and np.std(x) > 0 and np.std(y) > 0:
                r = stats.pearsonr(x, y)
                entry["correlation"] = float(r.statistic)
                entry["correlation_p"] = float(r.pvalue)
        out.append(entry)
    return {"reference": names[0], "dyads": out}
