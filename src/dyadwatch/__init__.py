"""dyadwatch: measure how the relationship between two countries moves, from event data and news text."""

from dyadwatch.errors import (
    AnalysisError,
    CodingError,
    ConfigError,
    DownloadError,
    DyadwatchError,
    FormatError,
    InputError,
    StoreError,
)
from dyadwatch.store import IngestResult, Store

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "CodingError",
    "ConfigError",
    "DownloadError",
    "DyadwatchError",
    "FormatError",
    "IngestResult",
    "InputError",
    "Store",
    "StoreError",
    "__version__",
]
