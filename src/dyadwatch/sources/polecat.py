"""POLECAT (PLOVER-coded, NGEC coder) files from Harvard Dataverse.

Tab-separated with a header, UTF-8, no quoting; missing values are the literal ``None``.
Actor and recipient fields may list several actors, position by position, separated by
``;`` (``Actor Country`` "Syria; Palestinian Territories", ``Recipient Country``
"United States; None"); countries are English names (the location ``Country`` is ISO3).
One event row keeps one dyad: the first listed actor that has a country (name, country and
primary sector from the same position), else the first listed name. ``Event ID`` is
``<story id>_<TYPE>[_<mode>]``; the story part becomes ``doc_id``. Known defects handled:
trailing TABs (extra empty columns), header rows with names the data rows lack
(``Headline`` ...; the standard 40 names are used when the rows have 40 fields),
``Intensity`` vs ``Event Intensity``, files not in UTF-8 (read as ISO-8859-1). Layout
facts and their sources: docs/formats.md and shared/reference/icews_polecat_schema.md.
"""

from __future__ import annotations

from pathlib import Path

from dyadwatch.sources.lines import is_utf8
from dyadwatch.sources.registry import ReadPlan, register_reader
from dyadwatch.sources.sql import q, sector_of, shown, with_failures
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


def listed(expr: str) -> str:
    """The ``;``-separated items of a POLECAT field, trimmed; missing markers become NULL items."""
    miss = ", ".join(q(m) for m in MISSING)
    return f"list_transform(string_split({expr}, ';'), lambda x: CASE WHEN trim(x) IN ({miss}) THEN NULL ELSE trim(x) END)"


def first_present(items: str) -> str:
    """The first non-NULL item of a list (NULL if none)."""
    return f"list_filter({items}, lambda x: x IS NOT NULL)[1]"


def at_position(items: str, countries: str, pos: str) -> str:
    """Item ``pos`` when the list runs parallel to the country list, else the first present item."""
    return (
        f"CASE WHEN {pos} IS NOT NULL AND len({items}) = len({countries}) AND {items}[{pos}] IS NOT NULL "
        f"THEN {items}[{pos}] ELSE {first_present(items)} END"
    )


def party_lists(h: HeaderMap, role: str, alias: str) -> list[str]:
    """SELECT items for one side of the dyad: name, country and primary-sector lists, and the chosen position."""
    def fld(name: str) -> str:
        return h.field(name, missing=MISSING)

    return [
        f"{listed(fld(role + ' Name'))} AS _{alias}n",
        f"{listed(fld(role + ' Country'))} AS _{alias}c",
        f"{listed(fld('Primary ' + role + ' Sector'))} AS _{alias}s",
        f"list_position(list_transform({listed(fld(role + ' Country'))}, lambda x: x IS NOT NULL), true) AS _{alias}i",
    ]


def polecat_sql(h: HeaderMap) -> str:
    def fld(*names: str) -> str:
        return h.field(*names, missing=MISSING)

    eid, edate, etype = fld("Event ID"), fld("Event Date"), fld("Event Type")
    intensity = fld("Intensity", "Event Intensity")
    lat, lon = fld("Latitude"), fld("Longitude")
    quad = fld("Quad Code")
    quad_case = "CASE upper(" + quad + ") " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in QUADS.items()) + " END"
    plover = f"upper(trim({etype}))"
    # one dyad per row: the first listed actor/recipient with a country (see the module docstring)
    src_country, tgt_country = "_ac[_ai]", "_rc[_ri]"
    src_actor, tgt_actor = at_position("_an", "_ac", "_ai"), at_position("_rn", "_rc", "_ri")
    src_sector, tgt_sector = at_position("_as", "_ac", "_ai"), at_position("_rs", "_rc", "_ri")
    loc_country = first_present(listed(fld("Country")))
    sc, sj = country_expr(src_country, "cs")
    tc, tj = country_expr(tgt_country, "ct")
    lc, lj = country_expr(loc_country, "cl")
    checks = [
        *header_checks(h.width, "POLECAT", eid, edate),
        (f"{plover} IS NULL OR {plover} NOT IN (SELECT name FROM ref_plover)", "Event Type", f"'not a PLOVER event type: ' || {shown(etype)}"),
        *number_checks({"Intensity": intensity, "Latitude": lat, "Longitude": lon}),
    ]
    warn = (
        f"CASE WHEN {src_country} IS NOT NULL AND {sc} IS NULL THEN 'unmapped country: ' || {src_country} "
        f"WHEN {tgt_country} IS NOT NULL AND {tc} IS NULL THEN 'unmapped country: ' || {tgt_country} END"
    )
    story = f"CASE WHEN strpos({eid}, '_') > 1 THEN split_part({eid}, '_', 1) END"
    lists = ",\n  ".join([*party_lists(h, "Actor", "a"), *party_lists(h, "Recipient", "r")])
    return f"""
WITH p AS (SELECT rows.*,
  {lists}
FROM rows),
v AS ({with_failures('p', checks)})
SELECT
  {eid} AS event_id,
  'polecat' AS dataset,
  {date_expr(edate)} AS date,
  {src_actor} AS source_actor,
  {sc} AS source_country,
  coalesce({src_sector}, {sector_of(fld("Actor Sectors"))}) AS source_sector,
  {tgt_actor} AS target_actor,
  {tc} AS target_country,
  coalesce({tgt_sector}, {sector_of(fld("Recipient Sectors"))}) AS target_sector,
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
  coalesce({fld("Story ID")}, {story}) AS doc_id,
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

