"""POLECAT (PLOVER-coded, NGEC coder) files from Harvard Dataverse.

Tab-separated with a header; missing values are often the literal ``None``. Known
defects handled: trailing TABs (extra empty columns), header rows with names the data
rows lack (``Headline`` ...; the standard 40 names are used when the rows have 40
fields), ``Intensity`` vs ``Event Intensity``, files in ISO-8859-1. Layout facts:
shared/reference/icews_polecat_schema.md (from readers of the real files).
"""

from __future__ import annotations

from pathlib import Path

from dyadwatch.sources.lines import is_utf8
from dyadwatch.sources.registry import ReadPlan, register_reader
from dyadwatch.sources.sql import first_failure, sector_of, shown
from dyadwatch.sources.tabular import HeaderMap, HeaderReader, country_expr, date_expr, header_checks, joined_tail, number_checks

MISSING = ("", "None", "NA", "NULL")
STANDARD_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)
REQUIRED = ("Event ID", "Event Date", "Event Type", "Actor Country", "Recipient Country")
QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}


def polecat_sql(h: HeaderMap) -> str:
    def fld(*names: str) -> str:
        return h.field(*names, missing=MISSING)

    eid, edate, etype = fld("Event ID"), fld("Event Date"), fld("Event Type")
    intensity = fld("Intensity", "Event Intensity")
    lat, lon = fld("Latitude"), fld("Longitude")
    quad = fld("Quad Code")
    quad_case = "CASE upper(" + quad + ") " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in QUADS.items()) + " END"
    plover = f"upper(trim({etype}))"
    sc, sj = country_expr(fld("Actor Country"), "cs")
    tc, tj = country_expr(fld("Recipient Country"), "ct")
    lc, lj = country_expr(fld("Country"), "cl")
    checks = [
        *header_checks(h.width, "POLECAT", eid, edate),
        (f"{plover} IS NULL OR {plover} NOT IN (SELECT name FROM ref_plover)", "Event Type", f"'not a PLOVER event type: ' || {shown(etype)}"),
        *number_checks({"Intensity": intensity, "Latitude": lat, "Longitude": lon}),
    ]
    reason, field = first_failure(checks)
    warn = (
        f"CASE WHEN {fld('Actor Country')} IS NOT NULL AND {sc} IS NULL THEN 'unmapped country: ' || {fld('Actor Country')} "
        f"WHEN {fld('Recipient Country')} IS NOT NULL AND {tc} IS NULL THEN 'unmapped country: ' || {fld('Recipient Country')} END"
    )
    return f"""
WITH v AS (SELECT rows.*, {reason} AS _reason, {field} AS _field FROM rows)
SELECT
  {eid} AS event_id,
  'polecat' AS dataset,
  {date_expr(edate)} AS date,
  {fld("Actor Name")} AS source_actor,
  {sc} AS source_country,
  coalesce({fld("Primary Actor Sector")}, {sector_of(fld("Actor Sectors"))}) AS source_sector,
  {fld("Recipient Name")} AS target_actor,
  {tc} AS target_country,
  coalesce({fld("Primary Recipient Sector")}, {sector_of(fld("Recipient Sectors"))}) AS target_sector,
  CAST(NULL AS VARCHAR) AS cameo_code,
  CAST(NULL AS VARCHAR) AS cameo_root,
  {plover} AS plover,
  lower({fld("Event Mode")}) AS plover_mode,
  CAST(coalesce({quad_case}, rp.quad_class) AS TINYINT) AS quad_class,
  CAST(NULL AS TINYINT) AS gdelt_quad_class,
  TRY_CAST({intensity} AS DOUBLE) AS goldstein,
  1 AS num_mentions,
  CAST(NULL AS INTEGER) AS num_sources,
  CAST(NULL AS INTEGER) AS num_articles,
  CAST(NULL AS DOUBLE) AS tone,
  {lc} AS country,
  TRY_CAST({lat} AS DOUBLE) AS lat,
  TRY_CAST({lon} AS DOUBLE) AS lon,
  CAST(NULL AS VARCHAR) AS url,
  {fld("Story ID")} AS doc_id,
  {fld("Event Text")} AS sentence,
{joined_tail(warn, ["LEFT JOIN ref_plover rp ON rp.name = " + plover, sj, tj, lj])}"""


@register_reader("polecat")
class PolecatReader(HeaderReader):
    description = "POLECAT weekly/annual Dataverse files (PLOVER-coded, 40 columns with header)"
    label = "POLECAT"
    required = REQUIRED

    def plan(self, path: Path, head: list[str]) -> ReadPlan:
        h = self.header(path, head)
        notes: list[str] = []
        if len(head) > 1:
            row = head[1].rstrip("\r").split("\t")
            while row and not row[-1].strip():
                row.pop()
            if len(row) == len(STANDARD_COLUMNS) and h.width != len(row):
                h = HeaderMap.parse("\t".join(STANDARD_COLUMNS))
                notes.append("header names do not match the data rows; the standard 40 POLECAT columns were used")
        encoding = "utf-8" if is_utf8(path) else "latin-1"
        if encoding != "utf-8":
            notes.append("file is not UTF-8; read as ISO-8859-1")
        return ReadPlan(
            path=path, reader=self.name, table="events", select_sql=polecat_sql(h), skip_lines=1,
            encoding=encoding, notes=tuple(notes), width=h.width,
        )

