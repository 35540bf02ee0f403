"""Countries and international organisations, with crosswalks between code systems.

dyadwatch stores countries as ISO 3166-1 alpha-3 (which CAMEO's country codes follow,
with a few exceptions such as CAMEO ROM for Romania). GDELT's geo fields use FIPS 10-4
(Japan JA, South Korea KS), ICEWS and POLECAT actors are English names ("South Korea"), POLECAT locations ISO3.
International organisations use CAMEO's 3-letter known-group codes (UNO, EEC, NAT...).
The tables live in ontology/data/ (see its README for the format and sources); a user
file with the same columns can extend them (``load_user_countries``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


@dataclass(frozen=True)
class Country:
    """A state or territory (``kind="state"``) or an international organisation (``"igo"``/``"ngo"``)."""

    iso3: str
    name: str
    kind: str = "state"
    iso2: str = ""
    fips: str = ""
    cameo: str = ""
    cow: str = ""
    icews_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""
    capital_aliases: tuple[str, ...] = field(default_factory=tuple)


def _read(name: str) -> list[dict[str, str]]:
    res = resources.files("dyadwatch.ontology").joinpath(f"data/{name}")
    if not res.is_file():
        return []
    text = res.read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _country_from_row(row: dict[str, str]) -> Country:
    return Country(
        iso3=row["iso3"].strip(),
        name=row["name"].strip(),
        iso2=(row.get("iso2") or "").strip(),
        fips=(row.get("fips") or "").strip(),
        cameo=(row.get("cameo") or row["iso3"]).strip() or row["iso3"].strip(),
        cow=(row.get("cow") or "").strip(),
        icews_names=_split(row.get("icews_names")),
        aliases=_split(row.get("aliases")),
        adjectives=_split(row.get("adjectives")),
        demonyms=_split(row.get("demonyms")),
        capital=(row.get("capital") or "").strip(),
        capital_aliases=_split(row.get("capital_aliases")),
    )


@cache
def countries() -> dict[str, Country]:
    """Every known state and organisation by its dyadwatch code (ISO3, or CAMEO IGO code)."""
    out = {}
    for row in _read("countries.csv"):
        c = _country_from_row(row)
        out[c.iso3] = c
    for row in _read("organizations.csv"):
        code = row["code"].strip()
        out.setdefault(
            code,
            Country(
                iso3=code,
                name=row["name"].strip(),
                kind=(row.get("kind") or "igo").strip(),
                aliases=_split(row.get("aliases")),
            ),
        )
    return out


def country(code: str) -> Country:
    """Look up a code; raises KeyError naming it when unknown."""
    try:
        return countries()[code.upper()]
    except KeyError:
        raise KeyError(f"unknown country code {code!r}") from None


@cache
def _name_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for c in countries().values():
        for n in (c.name, *c.icews_names, *c.aliases):
            idx.setdefault(n.casefold(), c.iso3)
        for code in (c.iso3, c.cameo):
            if code:
                idx.setdefault(code.casefold(), c.iso3)
    return idx


@cache
def fips_to_iso3() -> dict[str, str]:
    """FIPS 10-4 (GDELT geo fields) -> ISO3."""
    return {c.fips: c.iso3 for c in countries().values() if c.fips}


@cache
def cameo_to_iso3() -> dict[str, str]:
    """CAMEO country codes that differ from ISO3 (ROM -> ROU ...)."""
    return {c.cameo: c.iso3 for c in countries().values() if c.cameo and c.cameo != c.iso3}


def to_iso3(value: str) -> str | None:
    """A country name, ICEWS name, alias, ISO3 or CAMEO code -> ISO3 (None if unknown)."""
    return _name_index().get(value.strip().casefold())


def name_table() -> list[tuple[str, str]]:
    """(lower-cased name, ISO3) pairs: every spelling the readers map (for SQL joins)."""
    return sorted(_name_index().items())


def load_user_countries(path: str | Path) -> list[Country]:
    """Read a user country file in the built-in format (extra aliases, new entities)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [_country_from_row(r) for r in csv.DictReader(fh)]
