"""The one event schema every dataset is loaded into.

This list is the single source of truth: the store's DDL, the CSV/JSON column names of
``dyadwatch events`` and docs/schema.md are made from it (a test checks the doc).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    description: str
    #: DuckDB compression forced for the column (None: DuckDB chooses). The raw lines are
    #: long and nearly unique: zstd stores them in about 60% of the space FSST takes and
    #: skips DuckDB's trial of every method, about a fifth of an ingest's CPU time.
    compression: str | None = None


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "VARCHAR", "Identity of the event within its dataset (GDELT GLOBALEVENTID; ICEWS 'Event ID:Event Date'; POLECAT Event ID; text: doc:sentence:n)."),
    Column("dataset", "VARCHAR", "Source dataset: gdelt1, gdelt2, icews, polecat, or text:NAME for coded text."),
    Column("date", "DATE", "Date the event happened (GDELT SQLDATE, ICEWS/POLECAT Event Date, text: the document or dateline date)."),
    Column("source_actor", "VARCHAR", "Source actor as the dataset names it (GDELT Actor1Name, ICEWS Source Name...)."),
    Column("source_country", "VARCHAR", "Source actor's country: ISO 3166 alpha-3, or CAMEO known-group code for organisations (UNO, EEC, NAT...)."),
    Column("source_sector", "VARCHAR", "Source actor's CAMEO type code (GOV, MIL, JUD, LEG, BUS, CVL...)."),
    Column("target_actor", "VARCHAR", "Target actor as the dataset names it."),
    Column("target_country", "VARCHAR", "Target actor's country (as source_country)."),
    Column("target_sector", "VARCHAR", "Target actor's CAMEO type code."),
    Column("cameo_code", "VARCHAR", "CAMEO event code as a string with its leading zero ('042'); NULL for POLECAT."),
    Column("cameo_root", "VARCHAR", "First two digits of cameo_code ('04')."),
    Column("plover", "VARCHAR", "PLOVER category (CONSULT, ASSAULT...): POLECAT's own, else from the CAMEO crosswalk."),
    Column("plover_mode", "VARCHAR", "PLOVER mode where known (visit, phone...)."),
    Column("quad_class", "TINYINT", "Quad class, project convention: 1 verbal coop (roots 01-05), 2 material coop (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."),
    Column("gdelt_quad_class", "TINYINT", "GDELT's QuadClass as delivered (01-05/06-09/10-14/15-20); NULL for other datasets."),
    Column("goldstein", "DOUBLE", "Goldstein score of the event code (-10..10); ICEWS Intensity; POLECAT Intensity (PLOVER scale)."),
    Column("num_mentions", "INTEGER", "GDELT NumMentions (first 15 minutes in 2.0); 1 for other datasets."),
    Column("num_sources", "INTEGER", "GDELT NumSources; NULL elsewhere."),
    Column("num_articles", "INTEGER", "GDELT NumArticles; NULL elsewhere."),
    Column("tone", "DOUBLE", "GDELT AvgTone; NULL elsewhere."),
    Column("country", "VARCHAR", "Where it happened, ISO3 (GDELT ActionGeo via FIPS crosswalk, ICEWS/POLECAT Country)."),
    Column("lat", "DOUBLE", "Latitude of the action (NULL when unknown; GDELT 1.0 backfile 0,0 is NULL)."),
    Column("lon", "DOUBLE", "Longitude of the action."),
    Column("url", "VARCHAR", "Source article URL or citation (GDELT SOURCEURL; text: the document URL)."),
    Column("doc_id", "VARCHAR", "Document identity (ICEWS Story ID; POLECAT story part of Event ID, before the first '_'; text doc id); NULL for GDELT."),
    Column("sentence", "VARCHAR", "The sentence that produced the event (coded text; ICEWS sentence number when only that is known)."),
    Column("dyad", "VARCHAR", "Undirected pair key, the two countries in alphabetical order ('JPN-KOR'); NULL unless both are known. Set on insert; dyad queries filter on it."),
    Column("file_id", "BIGINT", "The ingest (files.file_id) that stored the event."),
    Column("raw", "VARCHAR", "The original row as read (GDELT/ICEWS/POLECAT line; JSON for coded text); see the *_raw views.",
           compression="zstd"),
)

EVENT_COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS)

#: Columns shown by ``dyadwatch events`` and returned by ``Store.events`` (raw and bookkeeping left out).
OUTPUT_COLUMNS: tuple[str, ...] = tuple(
    c for c in EVENT_COLUMN_NAMES if c not in {"raw", "file_id", "dyad", "plover_mode", "gdelt_quad_class"}
)


MENTION_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "VARCHAR", "GLOBALEVENTID of the event mentioned."),
    Column("dataset", "VARCHAR", "gdelt2 (the events the mentions refer to)."),
    Column("event_time", "TIMESTAMP", "EventTimeDate: DATEADDED of the event."),
    Column("mention_time", "TIMESTAMP", "MentionTimeDate: the 15-minute batch of this mention."),
    Column("mention_type", "TINYINT", "1 WEB, 2 CITATIONONLY, 3 CORE, 4 DTIC, 5 JSTOR, 6 NONTEXTUALSOURCE."),
    Column("source_name", "VARCHAR", "MentionSourceName."),
    Column("identifier", "VARCHAR", "MentionIdentifier (URL, citation or DOI)."),
    Column("sentence_id", "INTEGER", "SentenceID (1-based)."),
    Column("actor1_offset", "INTEGER", "Actor1CharOffset (-1 when absent)."),
    Column("actor2_offset", "INTEGER", "Actor2CharOffset."),
    Column("action_offset", "INTEGER", "ActionCharOffset."),
    Column("in_raw_text", "TINYINT", "1 when found in the unaltered text."),
    Column("confidence", "TINYINT", "Confidence 10-100."),
    Column("doc_len", "INTEGER", "MentionDocLen."),
    Column("doc_tone", "DOUBLE", "MentionDocTone."),
    Column("translation", "VARCHAR", "MentionDocTranslationInfo (blank for English)."),
    Column("file_id", "BIGINT", "The ingest that stored the mention."),
    Column("raw", "VARCHAR", "The original row as read (see the gdelt2_mentions_raw view).", compression="zstd"),
)


#: SQL computing ``dyad`` from a row's two countries.
DYAD_SQL = (
    "CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL "
    "THEN least(source_country, target_country) || '-' || greatest(source_country, target_country) END"
)


def dyad_key(a: str, b: str) -> str:
    """The ``dyad`` value of a pair, whichever way round it is given."""
    x, y = sorted((a.upper(), b.upper()))
    return f"{x}-{y}"


def ddl(table: str, columns: tuple[Column, ...]) -> str:
    cols = ",\n  ".join(f"{c.name} {c.sql_type}" + (f" USING COMPRESSION {c.compression}" if c.compression else "") for c in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {cols}\n)"
