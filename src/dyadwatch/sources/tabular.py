"""Readers for tab-separated files with a header row (ICEWS, POLECAT).

Columns are found by header name, never by position: ICEWS government files insert a
``CAMEO Code`` column, POLECAT renames ``Intensity`` and adds optional columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from dyadwatch.errors import FormatError
from dyadwatch.sources.registry import Reader
from dyadwatch.sources.sql import bad_number, nullif_missing, q, shown


def norm(name: str) -> str:
    return " ".join(name.strip().strip('"').replace("_", " ").split()).casefold()


@dataclass(frozen=True)
class HeaderMap:
    """Header of a file: name -> 1-based position, and the number of fields a row must have."""

    positions: dict[str, int]
    width: int

    @classmethod
    def parse(cls, header: str) -> HeaderMap:
        names = header.rstrip("\r").split("\t")
        while names and not names[-1].strip():
            names.pop()  # trailing TABs (POLECAT)
        return cls({norm(n): i + 1 for i, n in enumerate(names)}, len(names))

    def has(self, *names: str) -> bool:
        return all(norm(n) in self.positions for n in names)

    def field(self, *names: str, missing: tuple[str, ...] = ("",)) -> str:
        """SQL for the first of ``names`` present in the header (NULL if none), missing markers as NULL."""
        for n in names:
            pos = self.positions.get(norm(n))
            if pos is not None:
                return nullif_missing(f"trim(c{pos})", missing)
        return "CAST(NULL AS VARCHAR)"

    def require(self, path: Path, fmt: str, *names: str) -> None:
        lacking = [n for n in names if norm(n) not in self.positions]
        if lacking:
            raise FormatError(
                f"header lacks column(s) {', '.join(repr(n) for n in lacking)}; is this a {fmt} file?",
                path=path,
                line=1,
            )


def width_check(width: int, fmt: str) -> tuple[str, str, str]:
    """A quarantine check for rows with the wrong number of fields (trailing empty fields are allowed)."""
    cond = f"(n < {width} OR (n > {width} AND len(list_filter(f[{width + 1}:], lambda x: trim(x) <> '')) > 0))"  # f: all fields
    return (cond, "line", f"'has ' || n || ' tab-separated fields; the {fmt} header has {width}'")


def header_checks(width: int, label: str, eid: str, edate: str) -> list[tuple[str, str, str]]:
    """Checks every header format shares: row width, an event id, a readable event date."""
    return [
        width_check(width, label),
        (f"{eid} IS NULL", "Event ID", "'missing'"),
        (f"{date_expr(edate)} IS NULL", "Event Date", f"'not a date YYYY-MM-DD: ' || {shown(edate)}"),
    ]


def number_checks(fields: dict[str, str]) -> list[tuple[str, str, str]]:
    """A 'not a number' check for each present numeric field (name -> SQL expression)."""
    return [(bad_number(expr, "DOUBLE"), name, f"'not a number: ' || {shown(expr)}") for name, expr in fields.items()]


def strip_quotes(expr: str) -> str:
    return f"trim({expr}, '\"')"


def date_expr(expr: str) -> str:
    """ISO dates, and the m/d/YYYY dates of ICEWS's Events.2017.20200602 file."""
    return f"CAST(coalesce(TRY_STRPTIME({expr}, '%Y-%m-%d'), TRY_STRPTIME({expr}, '%m/%d/%Y')) AS DATE)"


def country_expr(expr: str, alias: str) -> tuple[str, str]:
    """(select expression, join clause) mapping a country name or code to ISO3."""
    join = f"LEFT JOIN ref_country_names {alias} ON {alias}.name = lower(trim({expr}))"
    return f"{alias}.iso3", join


class HeaderReader(Reader):
    """A reader for tab-separated files whose header row names the columns."""

    label: ClassVar[str] = ""
    required: ClassVar[tuple[str, ...]] = ()

    def header(self, path: Path, head: list[str]) -> HeaderMap:
        """The file's header, checked for the columns this format needs."""
        if not head:
            raise FormatError(f"file is empty; {self.label} files start with a header row", path=path)
        h = HeaderMap.parse(head[0])
        h.require(path, self.label, *self.required)
        return h

    @classmethod
    def sniff(cls, head: list[str]) -> bool:
        return bool(head) and HeaderMap.parse(head[0]).has(*cls.required)


def joined_tail(warn: str, joins: list[str]) -> str:
    """The end of a header reader's SELECT: bookkeeping columns, then the lookups' joins."""
    return "  line_no AS _line,\n  raw,\n  _reason,\n  _field,\n  " + warn + " AS _warn\nFROM v\n" + "\n".join(joins) + "\n"


__all__ = ["HeaderMap", "HeaderReader", "country_expr", "date_expr", "joined_tail", "norm", "q", "strip_quotes", "width_check"]
