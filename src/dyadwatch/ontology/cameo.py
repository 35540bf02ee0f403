"""The CAMEO event codebook (version 1.1b3 as GDELT uses it) with Goldstein weights.

Facts from GDELT's CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt (Dec-2013 copies,
repaired: see ontology/data/README.md); ICEWS/BBN weights where they differ.

Quad classes, the project's convention: roots 01-05 verbal cooperation (1), 06-08
material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
GDELT's own QuadClass column groups 09 with material cooperation and 14 with verbal
conflict (01-05/06-09/10-14/15-20); that value is kept as delivered in
``events.gdelt_quad_class``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code: ``code`` keeps its leading zero ("042")."""

    code: str
    name: str
    goldstein: float
    icews_goldstein: float
    quad_class: int
    gdelt_quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def base(self) -> str:
        return self.code[:3]


def quad_class_of_root(root: str | int) -> int:
    """The project's quad class (1-4) for a CAMEO root ("01".."20")."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


def gdelt_quad_class_of_root(root: str | int) -> int:
    """GDELT's QuadClass for a root (01-05, 06-09, 10-14, 15-20)."""
    r = int(root)
    if r <= 5:
        return 1
    if r <= 9:
        return 2
    if r <= 14:
        return 3
    return 4


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code (2-, 3- and 4-digit) by code."""
    text = resources.files("dyadwatch.ontology").joinpath("data/cameo_codes.csv").read_text("utf-8")
    out: dict[str, CameoCode] = {}
    for row in csv.DictReader(text.splitlines()):
        icews = float(row["icews_goldstein"])
        gold = float(row["goldstein"]) if row["goldstein"] else icews
        out[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=gold,
            icews_goldstein=icews,
            quad_class=int(row["quad_class"]),
            gdelt_quad_class=int(row["gdelt_quad_class"]),
        )
    return out


def cameo_code(code: str) -> CameoCode:
    """Look up one code; raises KeyError naming the code when it is not in the codebook."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None
