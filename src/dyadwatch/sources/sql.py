"""SQL fragments shared by the readers (DuckDB dialect)."""

from __future__ import annotations


def q(s: str) -> str:
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def nullif_missing(expr: str, missing: tuple[str, ...] = ("",)) -> str:
    """NULL when the field is empty or one of the dataset's missing-value markers."""
    items = ", ".join(q(m) for m in missing)
    return f"(CASE WHEN {expr} IS NULL OR {expr} IN ({items}) THEN NULL ELSE {expr} END)"


def with_failures(relation: str, checks: list[tuple[str, str, str]]) -> str:
    """``relation`` with columns ``_check, _reason, _field`` naming each row's first failing check.

    ``checks`` is a list of (condition that is TRUE when the row is bad, field name,
    SQL expression giving the reason text). ``_check`` is the failing check's number (NULL
    for a good row); the reason and field are looked up from it, so each condition is
    evaluated once per row.
    """
    if not checks:
        return f"SELECT *, CAST(NULL AS INTEGER) AS _check, CAST(NULL AS VARCHAR) AS _reason, CAST(NULL AS VARCHAR) AS _field FROM {relation}"
    check = "CASE " + " ".join(f"WHEN {cond} THEN {i}" for i, (cond, _f, _m) in enumerate(checks, 1)) + " END"
    reason = "CASE _check " + " ".join(f"WHEN {i} THEN {msg}" for i, (_c, _f, msg) in enumerate(checks, 1)) + " END"
    field = "CASE _check " + " ".join(f"WHEN {i} THEN {q(f)}" for i, (_c, f, _m) in enumerate(checks, 1)) + " END"
    return f"SELECT *, {reason} AS _reason, {field} AS _field FROM (SELECT *, {check} AS _check FROM {relation})"


def bad_number(expr: str, sql_type: str) -> str:
    """TRUE when a present value does not parse as ``sql_type``."""
    return f"({expr} IS NOT NULL AND {expr} <> '' AND TRY_CAST({expr} AS {sql_type}) IS NULL)"


def shown(expr: str) -> str:
    """The offending value, shortened, for a reason message."""
    return f"'''' || left(coalesce({expr}, ''), 40) || ''''"


SECTOR_CASE = """CASE
  WHEN {s} IS NULL THEN NULL
  WHEN {s} ILIKE '%military%' OR {s} ILIKE '%army%' OR {s} ILIKE '%navy%' OR {s} ILIKE '%air force%' THEN 'MIL'
  WHEN {s} ILIKE '%police%' OR {s} ILIKE '%coast guard%' THEN 'COP'
  WHEN {s} ILIKE '%judicia%' OR {s} ILIKE '%court%' THEN 'JUD'
  WHEN {s} ILIKE '%legislative%' OR {s} ILIKE '%parliament%' THEN 'LEG'
  WHEN {s} ILIKE '%government%' OR {s} ILIKE '%executive%' OR {s} ILIKE '%ministry%' THEN 'GOV'
  WHEN {s} ILIKE '%rebel%' OR {s} ILIKE '%insurgent%' THEN 'REB'
  WHEN {s} ILIKE '%opposition%' OR {s} ILIKE '%dissident%' THEN 'OPP'
  WHEN {s} ILIKE '%business%' OR {s} ILIKE '%industr%' OR {s} ILIKE '%commerc%' THEN 'BUS'
  WHEN {s} ILIKE '%media%' THEN 'MED'
  WHEN {s} ILIKE '%education%' THEN 'EDU'
  WHEN {s} ILIKE '%religio%' THEN 'REL'
  WHEN {s} ILIKE '%ngo%' OR {s} ILIKE '%non-governmental%' THEN 'NGO'
  ELSE 'CVL' END"""


def sector_of(expr: str) -> str:
    """Map an ICEWS/POLECAT free-text sector list to one CAMEO type code."""
    return "(" + SECTOR_CASE.format(s=expr) + ")"
