"""ICEWS coded event data as published on Harvard Dataverse (``events.YYYY.*.tab``).

Tab-separated with a header; missing values are empty or the literal ``NA`` (files
re-written by R); quotes are literal characters, not quoting. ``Event ID`` alone is not
unique: the identity is (Event ID, Event Date). Countries are English names, mapped to
ISO3 by ontology/data/countries.csv; sectors are free-text lists, mapped to one CAMEO
type code. Government (FOUO) files with ``Event Sentence`` and an inserted
``CAMEO Code`` column are read by header name too.
"""

from __future__ import annotations

from pathlib import Path

from dyadwatch.sources.registry import ReadPlan, register_reader
from dyadwatch.sources.sql import sector_of, shown, with_failures
from dyadwatch.sources.tabular import (
    HeaderMap,
    HeaderReader,
    country_expr,
    date_expr,
    header_checks,
    joined_tail,
    number_checks,
    strip_quotes,
)

MISSING = ("", "NA", "NULL")
REQUIRED = ("Event ID", "Event Date", "Source Name", "Source Country", "Target Name", "Target Country")


def icews_sql(h: HeaderMap) -> str:
    def fld(*names: str) -> str:
        return h.field(*names, missing=MISSING)

    eid, edate = fld("Event ID"), fld("Event Date")
    code = fld("CAMEO Code")
    intensity = fld("Intensity")
    lat, lon = fld("Latitude"), fld("Longitude")
    sc, sj = country_expr(fld("Source Country"), "cs")
    tc, tj = country_expr(fld("Target Country"), "ct")
    lc, lj = country_expr(fld("Country"), "cl")
    checks = [
        *header_checks(h.width, "ICEWS", eid, edate),
        (f"{code} IS NOT NULL AND NOT regexp_full_match({code}, '[0-9]{{2,4}}')", "CAMEO Code", f"'not a CAMEO code: ' || {shown(code)}"),
        *number_checks({"Intensity": intensity, "Latitude": lat, "Longitude": lon}),
    ]
    src_name, tgt_name, loc_name = fld("Source Country"), fld("Target Country"), fld("Country")
    warn = (
        f"CASE WHEN {src_name} IS NOT NULL AND {sc} IS NULL THEN 'unmapped country name: ' || {src_name} "
        f"WHEN {tgt_name} IS NOT NULL AND {tc} IS NULL THEN 'unmapped country name: ' || {tgt_name} "
        f"WHEN {loc_name} IS NOT NULL AND {lc} IS NULL THEN 'unmapped country name: ' || {loc_name} END"
    )
    sentence = fld("Event Sentence")
    sent_no = fld("Sentence Number")
    return f"""
WITH v AS ({with_failures('rows', checks)})
SELECT
  {eid} || ':' || coalesce(CAST({date_expr(edate)} AS VARCHAR), '') AS event_id,
  'icews' AS dataset,
  {date_expr(edate)} AS date,
  {fld("Source Name")} AS source_actor,
  {sc} AS source_country,
  {sector_of(strip_quotes(fld("Source Sectors")))} AS source_sector,
  {fld("Target Name")} AS target_actor,
  {tc} AS target_country,
  {sector_of(strip_quotes(fld("Target Sectors")))} AS target_sector,
  {code} AS cameo_code,
  left({code}, 2) AS cameo_root,
  rc.plover AS plover,
  rc.plover_mode AS plover_mode,
  rc.quad_class AS quad_class,
  CAST(NULL AS TINYINT) AS gdelt_quad_class,
  coalesce(TRY_CAST({intensity} AS DOUBLE), rc.icews_goldstein) AS goldstein,
  1 AS num_mentions,
  CAST(NULL AS INTEGER) AS num_sources,
  CAST(NULL AS INTEGER) AS num_articles,
  CAST(NULL AS DOUBLE) AS tone,
  {lc} AS country,
  TRY_CAST({lat} AS DOUBLE) AS lat,
  TRY_CAST({lon} AS DOUBLE) AS lon,
  CAST(NULL AS VARCHAR) AS url,
  {fld("Story ID")} AS doc_id,
  coalesce({sentence}, CASE WHEN {sent_no} IS NOT NULL THEN 'sentence ' || {sent_no} END) AS sentence,
{joined_tail(warn, ["LEFT JOIN ref_cameo rc ON rc.code = " + code, sj, tj, lj])}"""


@register_reader("icews")
class IcewsReader(HeaderReader):
    description = "ICEWS Dataverse .tab files (20 columns with header; also government files with Event Sentence)"
    label = "ICEWS"
    required = REQUIRED

    def plan(self, path: Path, head: list[str]) -> ReadPlan:
        h = self.header(path, head)
        return ReadPlan(path=path, reader=self.name, table="events", select_sql=icews_sql(h), skip_lines=1, width=h.width)
