"""PLOVER: the 16 event categories, their modes, and the CAMEO to PLOVER crosswalk.

Facts from openeventdata/PLOVER (PLOVER_MANUAL.tex draft 2.0 and CAMEO2PLOVER-2021.txt).
CAMEO roots 01 (public statements) and 02 (appeals) have no PLOVER category. The bare
root 08 maps to CONCEDE (its codes 081-083); 084-087 map to RETREAT.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_CODES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


@dataclass(frozen=True)
class PloverCategory:
    name: str
    quad: str
    modes: dict[str, str]
    score: float
    definition: str

    @property
    def quad_class(self) -> int:
        return QUAD_CODES[self.quad]


def _data(name: str) -> str:
    return resources.files("dyadwatch.ontology").joinpath(f"data/{name}").read_text("utf-8")


@cache
def plover_categories() -> dict[str, PloverCategory]:
    """The 16 categories by upper-case name."""
    raw = json.loads(_data("plover.json"))
    return {
        c["name"]: PloverCategory(
            name=c["name"],
            quad=c["quad"],
            modes=dict(c["modes"]),
            score=float(c["score"]),
            definition=c["definition"],
        )
        for c in raw["categories"]
    }


@cache
def cameo_to_plover() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (PLOVER category or None, mode or None)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for row in csv.DictReader(_data("cameo_plover.csv").splitlines()):
        out[row["cameo"]] = (row["plover"] or None, row["mode"] or None)
    return out


def plover_of(cameo: str) -> tuple[str | None, str | None]:
    """The PLOVER (category, mode) for a CAMEO code, falling back to its base and root."""
    table = cameo_to_plover()
    for key in (cameo, cameo[:3], cameo[:2]):
        if key in table:
            return table[key]
    return (None, None)


def normalize_category(name: str) -> str | None:
    """'assault', 'Assault ' -> 'ASSAULT'; legacy names (DEMAND, DISAPPROVE) to current ones."""
    n = name.strip().upper()
    legacy = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
    n = legacy.get(n, n)
    return n if n in plover_categories() else None
