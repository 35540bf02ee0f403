"""The actor dictionaries the text coder reads, built-in and user-supplied.

Five files come from ``ontology/data`` (countries, organizations, people, sectors,
companies; their format is documented in ``ontology/data/README.md``) and two from
``coding/data``:

* ``places.csv`` (``place,country,note``): towns, regions and bases that locate an event
  in a country ("over Hokkaido", "in Busan"). A place is never a source actor.
* ``nonactors.csv`` (``phrase,note``): phrases that contain a country name but name no
  actor ("South China Sea", "Korean War"); they block the shorter match inside them.

A user file in any of these seven formats (recognised by its header) is merged over the
built-in one: a row whose key matches a built-in row replaces it, new keys are added.
Keys: countries ``iso3``, organizations ``code``, people (``name``, ``role``, ``start``),
sectors ``pattern``, companies ``name``, places ``place``, nonactors ``phrase``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from dyadwatch.errors import InputError
from dyadwatch.ontology import Country, countries
from dyadwatch.ontology.countries import load_user_countries

#: Header (first columns) -> kind of dictionary file.
HEADERS: dict[tuple[str, ...], str] = {
    ("iso3", "iso2", "fips", "cameo"): "countries",
    ("code", "name", "aliases", "kind"): "organizations",
    ("name", "aliases", "country", "sector", "role", "start", "end"): "people",
    ("pattern", "sector"): "sectors",
    ("name", "aliases", "country", "sector"): "companies",  # after people, whose header it begins
    ("place", "country"): "places",
    ("phrase",): "nonactors",
}


@dataclass(frozen=True)
class PersonTerm:
    """One term of office of one person (a row of people.csv)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: dt.date | None
    end: dt.date | None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Company:
    """A firm, state agency or state news outlet that stands for its country (companies.csv)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str


@dataclass(frozen=True)
class Dictionaries:
    """Everything the actor recogniser matches, after merging user files."""

    countries: dict[str, Country]
    people: tuple[PersonTerm, ...]
    sectors: dict[str, str]
    places: dict[str, str]
    nonactors: tuple[str, ...]
    companies: tuple[Company, ...] = ()


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def _date(value: str | None, *, path: str, line: int, field: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date YYYY-MM-DD", path=path, line=line, field=field) from None


def _builtin_text(package: str, name: str) -> str:
    res = resources.files(package).joinpath(f"data/{name}")
    return res.read_text("utf-8") if res.is_file() else ""


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def file_kind(path: str | Path) -> str:
    """Which dictionary a user file extends, from its header; InputError when unknown."""
    with open(path, newline="", encoding="utf-8") as fh:
        header = tuple(h.strip() for h in next(csv.reader(fh), []))
    for prefix, kind in HEADERS.items():
        if header[: len(prefix)] == prefix:
            return kind
    raise InputError(
        f"not an actor dictionary: header {','.join(header)!r} matches none of countries, organizations, "
        "people, sectors, places, nonactors",
        path=path,
        line=1,
    )


def _people(rows: list[dict[str, str]], *, path: str) -> list[PersonTerm]:
    out = []
    for n, row in enumerate(rows, start=2):
        name, country = (row.get("name") or "").strip(), (row.get("country") or "").strip()
        if not name or not country:
            raise InputError("a person needs a name and a country", path=path, line=n, field="name" if not name else "country")
        out.append(
            PersonTerm(
                name=name,
                aliases=_split(row.get("aliases")),
                country=country.upper(),
                sector=(row.get("sector") or "GOV").strip() or "GOV",
                role=(row.get("role") or "").strip(),
                start=_date(row.get("start"), path=path, line=n, field="start"),
                end=_date(row.get("end"), path=path, line=n, field="end"),
            )
        )
    return out


def _companies(rows: list[dict[str, str]], *, path: str) -> list[Company]:
    out = []
    for n, row in enumerate(rows, start=2):
        name, country = (row.get("name") or "").strip(), (row.get("country") or "").strip().upper()
        if not name or not country:
            raise InputError("a company needs a name and a country", path=path, line=n, field="name" if not name else "country")
        out.append(Company(name, _split(row.get("aliases")), country, (row.get("sector") or "BUS").strip() or "BUS"))
    return out


@cache
def load_dictionaries(user_files: tuple[str, ...] = ()) -> Dictionaries:
    """The built-in dictionaries merged with ``user_files`` (cached per tuple of paths)."""
    known: dict[str, Country] = dict(countries())
    people = {(p.name, p.role, p.start): p for p in _people(_rows(_builtin_text("dyadwatch.ontology", "people.csv")), path="people.csv")}
    sectors = {r["pattern"].strip().lower(): r["sector"].strip() for r in _rows(_builtin_text("dyadwatch.ontology", "sectors.csv"))}
    places = {r["place"].strip(): r["country"].strip() for r in _rows(_builtin_text("dyadwatch.coding", "places.csv"))}
    nonactors = {r["phrase"].strip(): "" for r in _rows(_builtin_text("dyadwatch.coding", "nonactors.csv"))}
    companies = {c.name: c for c in _companies(_rows(_builtin_text("dyadwatch.ontology", "companies.csv")), path="companies.csv")}
    for raw in user_files:
        path = str(raw)
        if not Path(path).is_file():
            raise InputError("no such dictionary file", path=path)
        kind = file_kind(path)
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if kind == "countries":
            for c in load_user_countries(path):
                known[c.iso3] = c
        elif kind == "organizations":
            for r in rows:
                code = r["code"].strip().upper()
                known[code] = Country(iso3=code, name=r["name"].strip(), kind=(r.get("kind") or "igo").strip(), aliases=_split(r.get("aliases")))
        elif kind == "people":
            people.update({(p.name, p.role, p.start): p for p in _people(rows, path=path)})
        elif kind == "sectors":
            sectors.update({r["pattern"].strip().lower(): r["sector"].strip() for r in rows if r.get("pattern")})
        elif kind == "companies":
            companies.update({c.name: c for c in _companies(rows, path=path)})
        elif kind == "places":
            places.update({r["place"].strip(): r["country"].strip().upper() for r in rows if r.get("place")})
        else:
            nonactors.update({r["phrase"].strip(): "" for r in rows if r.get("phrase")})
    for place, code in places.items():
        if code not in known:
            raise InputError(f"place {place!r} names unknown country {code!r}", field="country")
    for firm in companies.values():
        if firm.country not in known:
            raise InputError(f"company {firm.name!r} names unknown country {firm.country!r}", field="country")
    return Dictionaries(
        countries=known,
        people=tuple(people.values()),
        sectors=sectors,
        places=places,
        nonactors=tuple(nonactors),
        companies=tuple(companies.values()),
    )
