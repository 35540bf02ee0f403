"""Tables, views and reference lookups of a dyadwatch store."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from dyadwatch.ontology import cameo_codes, countries, plover_categories
from dyadwatch.ontology.countries import name_table
from dyadwatch.ontology.plover import cameo_to_plover
from dyadwatch.schema import DYAD_SQL, EVENT_COLUMNS, MENTION_COLUMNS, ddl
from dyadwatch.sources.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, MENTIONS_COLUMNS, raw_view_sql

SCHEMA_VERSION = 1

#: Columns that identify a row within its table, for idempotent ingest.
KEYS = {
    "events": ("dataset", "event_id"),
    "mentions": ("event_id", "mention_time", "identifier", "sentence_id"),
}
COLUMNS = {"events": EVENT_COLUMNS, "mentions": MENTION_COLUMNS}

FILES_DDL = """
CREATE TABLE IF NOT EXISTS files (
  file_id BIGINT,
  path VARCHAR,
  name VARCHAR,
  sha256 VARCHAR,
  size BIGINT,
  format VARCHAR,
  target VARCHAR,
  datasets VARCHAR,
  ingested_at TIMESTAMP,
  rows_read BIGINT,
  rows_stored BIGINT,
  rows_quarantined BIGINT,
  rows_duplicate BIGINT,
  rows_warned BIGINT,
  min_date DATE,
  max_date DATE,
  notes VARCHAR
)"""

QUARANTINE_DDL = """
CREATE TABLE IF NOT EXISTS quarantine (
  file_id BIGINT,
  path VARCHAR,
  line BIGINT,
  field VARCHAR,
  reason VARCHAR,
  raw VARCHAR
)"""


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)")
    if not con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchall():
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    con.execute("CREATE SEQUENCE IF NOT EXISTS file_ids START 1")
    con.execute(FILES_DDL)
    con.execute(QUARANTINE_DDL)
    con.execute(ddl("events", EVENT_COLUMNS))
    con.execute(ddl("mentions", MENTION_COLUMNS))
    _upgrade(con)
    con.execute(raw_view_sql("gdelt2_raw", "gdelt2", GDELT2_COLUMNS))
    con.execute(raw_view_sql("gdelt1_raw", "gdelt1", GDELT1_COLUMNS))
    con.execute(raw_view_sql("gdelt2_mentions_raw", "gdelt2", MENTIONS_COLUMNS, table="mentions"))


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a store made by an earlier version up to the current schema (columns added since)."""
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND table_schema = current_schema()"
    ).fetchall()}
    for col in EVENT_COLUMNS:
        if col.name not in have:
            con.execute(f"ALTER TABLE events ADD COLUMN {col.name} {col.sql_type}")
            if col.name == "dyad":
                con.execute(f"UPDATE events SET dyad = {DYAD_SQL}")


def register_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Lookup tables the readers join against, registered per connection (works read-only too)."""
    codes = cameo_codes()
    xwalk = cameo_to_plover()
    con.register(
        "ref_cameo",
        pa.table(
            {
                "code": list(codes),
                "name": [c.name for c in codes.values()],
                "goldstein": [c.goldstein for c in codes.values()],
                "icews_goldstein": [c.icews_goldstein for c in codes.values()],
                "quad_class": pa.array([c.quad_class for c in codes.values()], pa.int8()),
                "plover": [xwalk.get(k, (None, None))[0] for k in codes],
                "plover_mode": [xwalk.get(k, (None, None))[1] for k in codes],
            }
        ),
    )
    cats = plover_categories()
    con.register(
        "ref_plover",
        pa.table({"name": list(cats), "quad_class": pa.array([c.quad_class for c in cats.values()], pa.int8())}),
    )
    allc = countries().values()
    fips = [(c.fips, c.iso3) for c in allc if c.fips]
    con.register("ref_fips", pa.table({"fips": [f for f, _ in fips], "iso3": [i for _, i in fips]}))
    cam = [(c.cameo, c.iso3) for c in allc if c.cameo and c.cameo != c.iso3]
    con.register("ref_cameo_country", pa.table({"cameo": pa.array([c for c, _ in cam], pa.string()), "iso3": pa.array([i for _, i in cam], pa.string())}))
    names = name_table()
    con.register("ref_country_names", pa.table({"name": pa.array([n for n, _ in names], pa.string()), "iso3": pa.array([i for _, i in names], pa.string())}))
