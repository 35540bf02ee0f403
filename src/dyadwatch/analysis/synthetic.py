"""Synthetic events with a planted truth, for tests, benchmarks and examples.

Everything made here is synthetic and says so: every sentence starts with "Synthetic:"
and every URL points to ``https://synthetic.dyadwatch.invalid/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dyadwatch.analysis.periods import check_freq, next_periods
from dyadwatch.errors import InputError
from dyadwatch.ontology import cameo_code

SYNTHETIC_URL = "https://synthetic.dyadwatch.invalid/"

#: CAMEO codes drawn for each quad class, with the verb used in the sentence.
CODES: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("042", "visits"), ("043", "hosts"), ("051", "praises"), ("057", "signs an agreement with")),
    2: (("061", "cooperates economically with"), ("062", "holds a joint exercise with"), ("064", "shares intelligence with")),
    3: (("111", "criticises"), ("112", "accuses"), ("114", "protests to")),
    4: (("163", "imposes sanctions on"), ("172", "restricts"), ("150", "stages a show of force near")),
}


def dyad_events(
    a: str,
    b: str,
    periods: Sequence[pd.Timestamp] | pd.Series | pd.DatetimeIndex,
    cooperation: Sequence[int] | np.ndarray,
    conflict: Sequence[int] | np.ndarray,
    *,
    freq: str = "month",
    directed: bool = False,
    material_share: float = 0.3,
    seed: int = 0,
    prefix: str = "syn",
) -> pd.DataFrame:
    """Events between A and B with the given cooperation and conflict counts per period.

    Each event gets a random day in its period, a random direction (A→B or B→A unless
    ``directed``), a verbal or material class (``material_share`` material) and a CAMEO
    code of that class; columns follow the store's event schema.
    """
    check_freq(freq)
    rng = np.random.default_rng(seed)
    starts = pd.DatetimeIndex(pd.to_datetime(pd.Series(periods))).as_unit("us")
    coop = np.asarray(cooperation, dtype=int)
    conf = np.asarray(conflict, dtype=int)
    if len(coop) != len(starts) or len(conf) != len(starts):
        raise InputError("periods, cooperation and conflict differ in length")
    ends = pd.DatetimeIndex([next_periods(s, 1, freq)[0] for s in starts]).as_unit("us")
    span = (ends - starts).days.to_numpy()
    rows_p = np.concatenate([np.repeat(np.arange(len(starts)), coop), np.repeat(np.arange(len(starts)), conf)])
    coop_flag = np.concatenate([np.ones(int(coop.sum()), bool), np.zeros(int(conf.sum()), bool)])
    n = len(rows_p)
    day = (rng.random(n) * span[rows_p]).astype(int)
    dates = starts[rows_p] + pd.to_timedelta(day, unit="D")
    material = rng.random(n) < material_share
    quad = np.where(coop_flag, np.where(material, 2, 1), np.where(material, 4, 3))
    flip = np.zeros(n, bool) if directed else rng.random(n) < 0.5
    src = np.where(flip, b.upper(), a.upper())
    tgt = np.where(flip, a.upper(), b.upper())
    codes, verbs, gold = [], [], []
    pick = rng.random(n)
    for q, u in zip(quad, pick, strict=True):
        options = CODES[int(q)]
        code, verb = options[int(u * len(options))]
        codes.append(code)
        verbs.append(verb)
        gold.append(cameo_code(code).goldstein)
    ids = [f"{prefix}-{i}" for i in range(n)]
    frame = pd.DataFrame({
        "event_id": ids,
        "date": dates.date,
        "source_country": src,
        "target_country": tgt,
        "source_actor": src,
        "target_actor": tgt,
        "cameo_code": codes,
        "cameo_root": [c[:2] for c in codes],
        "quad_class": quad.astype(int),
        "goldstein": gold,
        "num_mentions": rng.integers(1, 10, n),
        "sentence": [f"Synthetic: {s} {v} {t}." for s, v, t in zip(src, verbs, tgt, strict=True)],
        "url": [f"{SYNTHETIC_URL}{i}" for i in ids],
    })
    return frame.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def planted_counts(
    shares: Sequence[float] | np.ndarray,
    *,
    rate: float | Sequence[float] | np.ndarray,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Poisson(rate) events per period, each cooperative with probability ``shares[t]``."""
    rng = np.random.default_rng(seed)
    p = np.clip(np.asarray(shares, dtype=float), 0.0, 1.0)
    n = rng.poisson(np.broadcast_to(np.asarray(rate, dtype=float), p.shape))
    c = rng.binomial(n, p)
    return c, n - c


@dataclass(frozen=True)
class Scenario:
    """The truth planted by :func:`jpkr_scenario`."""

    start: str = "2015-01-01"
    end: str = "2025-12-01"
    changepoints: tuple[str, ...] = ("2019-07-01", "2023-03-01")
    shares: tuple[float, ...] = (0.62, 0.30, 0.70)
    threat_lag: int = 2


SCENARIO = Scenario()


def jpkr_scenario(*, seed: int = 0, rate: float = 40.0, threat_effect: float = 0.10) -> pd.DataFrame:
    """Monthly JPN–KOR events 2015-2025 with a planted truth (see :data:`SCENARIO`).

    The cooperation share is 0.62, 0.30 from 2019-07 and 0.70 from 2023-03, plus
    ``threat_effect`` times the (centred) log count of North Korean conflict events toward
    JPN or KOR two months earlier. Chinese conflict events toward KOR are independent of
    everything; USA–VNM is a steady, friendly dyad.
    """
    rng = np.random.default_rng(seed)
    per = pd.date_range(SCENARIO.start, SCENARIO.end, freq="MS")
    t = len(per)
    cuts = [pd.Timestamp(c) for c in SCENARIO.changepoints]
    shares = SCENARIO.shares
    share = np.where(per < cuts[0], shares[0], np.where(per < cuts[1], shares[1], shares[2]))
    prk = rng.poisson(np.exp(1.2 + 0.9 * np.sin(np.arange(t) / 4.0) + rng.normal(0.0, 0.3, t)))
    lag = SCENARIO.threat_lag
    threat = np.log1p(prk.astype(float))
    lagged = np.concatenate([np.full(lag, threat.mean()), threat[:-lag]])
    share = share + threat_effect * (lagged - threat.mean())
    coop, conf = planted_counts(share, rate=rate, seed=seed + 1)
    parts = [
        dyad_events("JPN", "KOR", per, coop, conf, seed=seed + 2, prefix="jk"),
        dyad_events("PRK", "JPN", per, np.zeros(t, int), prk, seed=seed + 3, directed=True, prefix="prk"),
        dyad_events("CHN", "KOR", per, np.zeros(t, int), rng.poisson(3.0, t), seed=seed + 4, directed=True, prefix="chn"),
    ]
    uv_c, uv_k = planted_counts(np.full(t, 0.8), rate=10.0, seed=seed + 5)
    parts.append(dyad_events("USA", "VNM", per, uv_c, uv_k, seed=seed + 6, prefix="uv"))
    return pd.concat(parts, ignore_index=True)
