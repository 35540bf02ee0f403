"""The event store: DuckDB tables behind one facade, ``Store``."""

from dyadwatch.store.ingest import IngestResult
from dyadwatch.store.store import Store, default_db, expand_paths

__all__ = ["IngestResult", "Store", "default_db", "expand_paths"]
