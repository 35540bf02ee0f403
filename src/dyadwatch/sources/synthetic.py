"""Synthetic GDELT 2.0 export files, for benchmarks, tests and the demo.

Rows follow the real 61-field layout (codebook V2.0) with random actors and CAMEO codes
drawn from the codebook. Everything made here is synthetic and says so: the SOURCEURL
of every row points to ``https://synthetic.dyadwatch.invalid/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from dyadwatch.ontology import cameo_codes

SYNTHETIC_URL = "https://synthetic.dyadwatch.invalid/"
ACTORS = ("JPN", "KOR", "PRK", "CHN", "USA", "RUS", "VNM", "IND", "PAK", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "PHL")
FIPS = {"JPN": "JA", "KOR": "KS", "PRK": "KN", "CHN": "CH", "USA": "US", "RUS": "RS", "VNM": "VM", "IND": "IN",
        "PAK": "PK", "GBR": "UK", "FRA": "FR", "DEU": "GM", "UKR": "UP", "ISR": "IS", "IRN": "IR", "PHL": "RP"}
TYPES = ("GOV", "MIL", "BUS", "CVL", "", "")


def _gdelt_quad(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def write_gdelt2(
    path: str | Path,
    rows: int,
    *,
    start: dt.date = dt.date(2015, 1, 1),
    days: int = 3650,
    seed: int = 0,
    first_id: int = 410_000_000,
    chunk: int = 100_000,
) -> Path:
    """Write ``rows`` synthetic GDELT 2.0 export rows (tab-separated, no header) to ``path``."""
    rng = np.random.default_rng(seed)
    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    code_arr = np.array([c.code for c in codes])
    gold = np.array([c.goldstein for c in codes])
    p = Path(path)
    with open(p, "w", encoding="utf-8", newline="\n") as fh:
        for lo in range(0, rows, chunk):
            n = min(chunk, rows - lo)
            a1 = rng.integers(0, len(ACTORS), n)
            a2 = (a1 + rng.integers(1, len(ACTORS), n)) % len(ACTORS)
            ci = rng.integers(0, len(codes), n)
            day = rng.integers(0, days, n)
            t1 = rng.integers(0, len(TYPES), n)
            t2 = rng.integers(0, len(TYPES), n)
            ment = rng.integers(1, 20, n)
            tone = rng.normal(-1, 4, n)
            lines = []
            for i in range(n):
                d = start + dt.timedelta(days=int(day[i]))
                s1, s2 = ACTORS[a1[i]], ACTORS[a2[i]]
                ty1, ty2 = TYPES[t1[i]], TYPES[t2[i]]
                code = code_arr[ci[i]]
                root = int(code[:2])
                f = [
                    str(first_id + lo + i), d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year),
                    f"{d.year + (d.month * 30 + d.day) / 365:.4f}",
                    s1 + ty1, s1, s1, "", "", "", "", ty1, "", "",
                    s2 + ty2, s2, s2, "", "", "", "", ty2, "", "",
                    "1", code, code[:3], code[:2], str(_gdelt_quad(root)), f"{gold[ci[i]]:.1f}",
                    str(ment[i]), "1", str(ment[i]), f"{tone[i]:.6f}",
                    "1", s1, FIPS[s1], FIPS[s1], "", "36", "138", FIPS[s1],
                    "1", s2, FIPS[s2], FIPS[s2], "", "37", "127", FIPS[s2],
                    "1", s2, FIPS[s2], FIPS[s2], "", "37.5", "127", FIPS[s2],
                    d.strftime("%Y%m%d") + "000000", f"{SYNTHETIC_URL}{first_id + lo + i}",
                ]
                lines.append("\t".join(f))
            fh.write("\n".join(lines) + "\n")
    return p
