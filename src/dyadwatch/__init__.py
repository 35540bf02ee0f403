"""dyadwatch: measure how the relationship between two countries moves, from event data and news text."""

import os as _os

# One BLAS thread: the statistical models here are small, and OpenBLAS's one-thread-per-core
# pool is pathologically slow when the cores are shared (a 0.08 s ARIMA fit took 4.9 s).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

from dyadwatch.errors import (  # noqa: E402  (after the BLAS setting)
    AnalysisError,
    CodingError,
    ConfigError,
    DownloadError,
    DyadwatchError,
    FormatError,
    InputError,
    ReportError,
    StoreError,
)
from dyadwatch.store import IngestResult, Store  # noqa: E402

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
    "ReportError",
    "Store",
    "StoreError",
    "__version__",
]
