"""The exceptions dyadwatch raises.

The core never prints or exits: it raises one of these, and only the CLI and the web
layer turn them into messages and exit codes. Every message that concerns input names
the file, and the line and field where they are known.
"""

from __future__ import annotations

from pathlib import Path


class DyadwatchError(Exception):
    """Base class of every error dyadwatch raises on purpose."""


class InputError(DyadwatchError):
    """Input that cannot be used: a missing file, a wrong format, a bad value."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.reason = message
        where = []
        if self.path is not None:
            where.append(self.path)
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class FormatError(InputError):
    """A file is not in the format it was read as (or in none that dyadwatch knows)."""


class StoreError(DyadwatchError):
    """The event store cannot be opened, or an operation on it failed."""


class DownloadError(DyadwatchError):
    """A remote file could not be fetched or did not verify."""


class ConfigError(DyadwatchError):
    """An unknown setting, component name or option value."""


class AnalysisError(DyadwatchError):
    """An analysis cannot be computed from the data given (too few periods, no events)."""


class CodingError(DyadwatchError):
    """The text coder could not be set up (a missing language model, a bad dictionary)."""


class ReportError(DyadwatchError):
    """A report could not be rendered (a missing bundled script, a failed PDF/PNG conversion)."""
