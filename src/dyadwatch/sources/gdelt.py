"""GDELT 1.0 (historical 57 fields, daily 58), 2.0 export (61) and 2.0 mentions (16).

Layouts are told apart by field count, row by row, never by file name: mixed extracts
exist. Files are tab-separated with no header and no quoting; CAMEO codes stay strings.
Column positions follow the GDELT codebooks (1.0 V1.03, 2.0 V2.0; see docs/formats.md).
"""

from __future__ import annotations

from pathlib import Path

from dyadwatch.errors import FormatError
from dyadwatch.sources.registry import Reader, ReadPlan, register_reader
from dyadwatch.sources.sql import bad_number, q, shown, with_failures

# 1-based positions (DuckDB lists) of the fields dyadwatch reads.
COMMON = {
    "GLOBALEVENTID": 1, "SQLDATE": 2, "Actor1Code": 6, "Actor1Name": 7, "Actor1CountryCode": 8,
    "Actor1Type1Code": 13, "Actor2Code": 16, "Actor2Name": 17, "Actor2CountryCode": 18,
    "Actor2Type1Code": 23, "IsRootEvent": 26, "EventCode": 27, "QuadClass": 30,
    "GoldsteinScale": 31, "NumMentions": 32, "NumSources": 33, "NumArticles": 34, "AvgTone": 35,
}
V1 = {"ActionGeo_CountryCode": 52, "ActionGeo_Lat": 54, "ActionGeo_Long": 55, "DATEADDED": 57, "SOURCEURL": 58}
V2 = {"ActionGeo_CountryCode": 54, "ActionGeo_Lat": 57, "ActionGeo_Long": 58, "DATEADDED": 60, "SOURCEURL": 61}

LAYOUTS = {57: "gdelt1 historical", 58: "gdelt1 daily", 61: "gdelt2 export", 16: "gdelt2 mentions"}

#: Official column names per layout (for the *_raw views).
GDELT2_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code "
    "Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode "
    "Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type "
    "Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat "
    "Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode "
    "ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
GDELT1_COLUMNS = tuple(c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code"))
MENTIONS_COLUMNS = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName MentionIdentifier SentenceID "
    "Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence MentionDocLen MentionDocTone "
    "MentionDocTranslationInfo Extras"
).split()


def _field_count(line: str) -> int:
    return line.count("\t") + 1


def _pick(name: str) -> str:
    """Field ``name`` whichever of the 1.0/2.0 layouts the row has (columns c1..c61 of ``rows``)."""
    if name in COMMON:
        return f"c{COMMON[name]}"
    return f"(CASE WHEN n = 61 THEN c{V2[name]} ELSE c{V1[name]} END)"


def _blank(expr: str) -> str:
    return f"NULLIF({expr}, '')"


def events_sql(accepted: tuple[int, ...], fmt: str) -> str:
    g = _pick
    counts = ", ".join(str(c) for c in accepted)
    expected = " or ".join(str(c) for c in accepted)
    checks = [
        (f"n NOT IN ({counts})", "line", f"'has ' || n || ' tab-separated fields; {fmt} expects {expected}'"),
        (f"TRY_CAST({g('GLOBALEVENTID')} AS BIGINT) IS NULL", "GLOBALEVENTID", f"'not an integer: ' || {shown(g('GLOBALEVENTID'))}"),
        (f"TRY_STRPTIME({g('SQLDATE')}, '%Y%m%d') IS NULL", "SQLDATE", f"'not a date YYYYMMDD: ' || {shown(g('SQLDATE'))}"),
        (f"NOT regexp_full_match(coalesce({g('EventCode')}, ''), '[0-9]{{2,4}}')", "EventCode", f"'not a CAMEO code: ' || {shown(g('EventCode'))}"),
        (bad_number(g("GoldsteinScale"), "DOUBLE"), "GoldsteinScale", f"'not a number: ' || {shown(g('GoldsteinScale'))}"),
        (bad_number(g("QuadClass"), "TINYINT"), "QuadClass", f"'not an integer: ' || {shown(g('QuadClass'))}"),
        (bad_number(g("NumMentions"), "INTEGER"), "NumMentions", f"'not an integer: ' || {shown(g('NumMentions'))}"),
        (bad_number(g("NumSources"), "INTEGER"), "NumSources", f"'not an integer: ' || {shown(g('NumSources'))}"),
        (bad_number(g("NumArticles"), "INTEGER"), "NumArticles", f"'not an integer: ' || {shown(g('NumArticles'))}"),
        (bad_number(g("AvgTone"), "DOUBLE"), "AvgTone", f"'not a number: ' || {shown(g('AvgTone'))}"),
        (bad_number(g("ActionGeo_Lat"), "DOUBLE"), "ActionGeo_Lat", f"'not a number: ' || {shown(g('ActionGeo_Lat'))}"),
        (bad_number(g("ActionGeo_Long"), "DOUBLE"), "ActionGeo_Long", f"'not a number: ' || {shown(g('ActionGeo_Long'))}"),
    ]
    # 1.0 historical rows carry 0,0 for "no location".
    lat = f"TRY_CAST({g('ActionGeo_Lat')} AS DOUBLE)"
    lon = f"TRY_CAST({g('ActionGeo_Long')} AS DOUBLE)"
    nolat = f"(n = 57 AND {lat} = 0 AND {lon} = 0)"
    return f"""
WITH v AS (
  {with_failures('rows', checks)}
)
SELECT
  CAST(TRY_CAST({g('GLOBALEVENTID')} AS BIGINT) AS VARCHAR) AS event_id,
  CASE WHEN n = 61 THEN 'gdelt2' ELSE 'gdelt1' END AS dataset,
  CAST(TRY_STRPTIME({g('SQLDATE')}, '%Y%m%d') AS DATE) AS date,
  coalesce({_blank(g('Actor1Name'))}, {_blank(g('Actor1Code'))}) AS source_actor,
  coalesce(c1.iso3, {_blank(g('Actor1CountryCode'))}) AS source_country,
  {_blank(g('Actor1Type1Code'))} AS source_sector,
  coalesce({_blank(g('Actor2Name'))}, {_blank(g('Actor2Code'))}) AS target_actor,
  coalesce(c2.iso3, {_blank(g('Actor2CountryCode'))}) AS target_country,
  {_blank(g('Actor2Type1Code'))} AS target_sector,
  {g('EventCode')} AS cameo_code,
  left({g('EventCode')}, 2) AS cameo_root,
  rc.plover AS plover,
  rc.plover_mode AS plover_mode,
  CAST(CASE WHEN left({g('EventCode')}, 2) BETWEEN '01' AND '05' THEN 1
            WHEN left({g('EventCode')}, 2) BETWEEN '06' AND '08' THEN 2
            WHEN left({g('EventCode')}, 2) BETWEEN '09' AND '13' THEN 3
            WHEN left({g('EventCode')}, 2) BETWEEN '14' AND '20' THEN 4 END AS TINYINT) AS quad_class,
  TRY_CAST({g('QuadClass')} AS TINYINT) AS gdelt_quad_class,
  coalesce(TRY_CAST({g('GoldsteinScale')} AS DOUBLE), rc.goldstein) AS goldstein,
  TRY_CAST({g('NumMentions')} AS INTEGER) AS num_mentions,
  TRY_CAST({g('NumSources')} AS INTEGER) AS num_sources,
  TRY_CAST({g('NumArticles')} AS INTEGER) AS num_articles,
  TRY_CAST({g('AvgTone')} AS DOUBLE) AS tone,
  fp.iso3 AS country,
  CASE WHEN {nolat} THEN NULL ELSE {lat} END AS lat,
  CASE WHEN {nolat} THEN NULL ELSE {lon} END AS lon,
  CASE WHEN n = 57 THEN NULL ELSE {_blank(g('SOURCEURL'))} END AS url,
  CAST(NULL AS VARCHAR) AS doc_id,
  CAST(NULL AS VARCHAR) AS sentence,
  line_no AS _line,
  raw,
  _reason,
  _field,
  CAST(NULL AS VARCHAR) AS _warn
FROM v
LEFT JOIN ref_cameo rc ON rc.code = {g('EventCode')}
LEFT JOIN ref_fips fp ON fp.fips = {_blank(g('ActionGeo_CountryCode'))}
LEFT JOIN ref_cameo_country c1 ON c1.cameo = {g('Actor1CountryCode')}
LEFT JOIN ref_cameo_country c2 ON c2.cameo = {g('Actor2CountryCode')}
"""


def mentions_sql() -> str:
    ts = "TRY_STRPTIME(c{i}, '%Y%m%d%H%M%S')"
    checks = [
        ("n <> 16", "line", "'has ' || n || ' tab-separated fields; gdelt2-mentions expects 16'"),
        ("TRY_CAST(c1 AS BIGINT) IS NULL", "GLOBALEVENTID", f"'not an integer: ' || {shown('c1')}"),
        (f"{ts.format(i=2)} IS NULL", "EventTimeDate", f"'not a timestamp YYYYMMDDHHMMSS: ' || {shown('c2')}"),
        (f"{ts.format(i=3)} IS NULL", "MentionTimeDate", f"'not a timestamp YYYYMMDDHHMMSS: ' || {shown('c3')}"),
        (bad_number("c4", "TINYINT"), "MentionType", f"'not an integer: ' || {shown('c4')}"),
        (bad_number("c7", "INTEGER"), "SentenceID", f"'not an integer: ' || {shown('c7')}"),
        (bad_number("c12", "TINYINT"), "Confidence", f"'not an integer: ' || {shown('c12')}"),
        (bad_number("c14", "DOUBLE"), "MentionDocTone", f"'not a number: ' || {shown('c14')}"),
    ]
    return f"""
WITH v AS ({with_failures('rows', checks)})
SELECT
  CAST(TRY_CAST(c1 AS BIGINT) AS VARCHAR) AS event_id,
  'gdelt2' AS dataset,
  {ts.format(i=2)} AS event_time,
  {ts.format(i=3)} AS mention_time,
  TRY_CAST(c4 AS TINYINT) AS mention_type,
  NULLIF(c5, '') AS source_name,
  NULLIF(c6, '') AS identifier,
  TRY_CAST(c7 AS INTEGER) AS sentence_id,
  TRY_CAST(c8 AS INTEGER) AS actor1_offset,
  TRY_CAST(c9 AS INTEGER) AS actor2_offset,
  TRY_CAST(c10 AS INTEGER) AS action_offset,
  TRY_CAST(c11 AS TINYINT) AS in_raw_text,
  TRY_CAST(c12 AS TINYINT) AS confidence,
  TRY_CAST(c13 AS INTEGER) AS doc_len,
  TRY_CAST(c14 AS DOUBLE) AS doc_tone,
  NULLIF(c15, '') AS translation,
  line_no AS _line,
  raw,
  _reason,
  _field,
  CAST(NULL AS VARCHAR) AS _warn
FROM v
"""


def _first_count(path: Path, head: list[str], fmt: str) -> int:
    if not head:
        raise FormatError(f"file is empty; {fmt} expects tab-separated rows", path=path)
    return _field_count(head[0])


class _GdeltEvents(Reader):
    accepted: tuple[int, ...] = (57, 58, 61)

    def plan(self, path: Path, head: list[str]) -> ReadPlan:
        n = _first_count(path, head, self.name)
        if n not in self.accepted:
            want = " or ".join(map(str, self.accepted))
            guess = f" (looks like {LAYOUTS[n]})" if n in LAYOUTS else ""
            raise FormatError(
                f"first row has {n} tab-separated fields; {self.name} expects {want}{guess}", path=path, line=1
            )
        return ReadPlan(path=path, reader=self.name, table="events", select_sql=events_sql(self.accepted, self.name), csv_columns=max(self.accepted))

    @classmethod
    def sniff(cls, head: list[str]) -> bool:
        return bool(head) and _field_count(head[0]) in cls.accepted and head[0].split("\t", 1)[0].isdigit()


@register_reader("gdelt1")
class Gdelt1Reader(_GdeltEvents):
    description = "GDELT 1.0 events: historical backfile (57 fields) and daily files (58 fields)"
    accepted = (57, 58)


@register_reader("gdelt2")
class Gdelt2Reader(_GdeltEvents):
    description = "GDELT 2.0 event export (61 fields), English or translingual stream"
    accepted = (61,)


@register_reader("gdelt2-mentions")
class GdeltMentionsReader(Reader):
    description = "GDELT 2.0 mentions (16 fields)"
    table = "mentions"

    def plan(self, path: Path, head: list[str]) -> ReadPlan:
        n = _first_count(path, head, self.name)
        if n != 16:
            guess = f" (looks like {LAYOUTS[n]})" if n in LAYOUTS else ""
            raise FormatError(f"first row has {n} tab-separated fields; gdelt2-mentions expects 16{guess}", path=path, line=1)
        return ReadPlan(path=path, reader=self.name, table="mentions", select_sql=mentions_sql(), csv_columns=16)

    @classmethod
    def sniff(cls, head: list[str]) -> bool:
        return bool(head) and _field_count(head[0]) == 16 and head[0].split("\t", 1)[0].isdigit()


@register_reader("gdelt")
class GdeltReader(Reader):
    """Any GDELT event or mentions file: the layout is chosen by field count."""

    description = "any GDELT file: 1.0/2.0 events chosen row by row by field count; mentions by the file's first row"

    def plan(self, path: Path, head: list[str]) -> ReadPlan:
        n = _first_count(path, head, "gdelt")
        if n == 16:
            return GdeltMentionsReader().plan(path, head)
        if n not in (57, 58, 61):
            raise FormatError(
                f"first row has {n} tab-separated fields; GDELT files have 57, 58, 61 (events) or 16 (mentions)",
                path=path,
                line=1,
            )
        return ReadPlan(path=path, reader="gdelt", table="events", select_sql=events_sql((57, 58, 61), "gdelt"), csv_columns=61)

    @classmethod
    def sniff(cls, head: list[str]) -> bool:
        return Gdelt1Reader.sniff(head) or Gdelt2Reader.sniff(head) or GdeltMentionsReader.sniff(head)


def raw_view_sql(view: str, dataset: str, columns: tuple[str, ...] | list[str], table: str = "events") -> str:
    """A view that splits stored raw lines back into the dataset's named columns."""
    cols = ", ".join(f"f[{i + 1}] AS {c}" for i, c in enumerate(columns))
    return (
        f"CREATE OR REPLACE VIEW {view} AS SELECT event_id, file_id, {cols} FROM "
        f"(SELECT event_id, file_id, string_split(raw, chr(9)) AS f FROM {table} "
        f"WHERE dataset = {q(dataset)})"
    )
