"""What the readers saw: documents read, skipped (with reasons), notes and failed files.

Every reader counts into one ``ReadReport`` as it goes, so that ``read == yielded + skipped``
holds at every moment (see documents.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.errors import InputError


@dataclass(frozen=True)
class Skip:
    """A document (or file) not coded: where, and why. ``error`` marks bad input, not a filter."""

    path: str
    line: int | None
    reason: str
    error: bool = False

    @property
    def kind(self) -> str:
        head, _, rest = self.reason.partition(":")
        return f"{head}: {rest.strip()}" if head == "language" else head

    def __str__(self) -> str:
        where = self.path + (f", line {self.line}" if self.line is not None else "")
        return f"{where}: {self.reason}"


@dataclass
class ReadReport:
    """What the readers saw: documents read, skipped (with reasons), notes, failed files."""

    files: int = 0
    read: int = 0
    parts: int = 0
    skips: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.skips)

    @property
    def errors(self) -> list[Skip]:
        return [s for s in self.skips if s.error]

    def skip(self, path: str | Path, line: int | None, reason: str, *, error: bool = False) -> None:
        self.skips.append(Skip(str(path), line, reason, error))

    def reasons(self) -> Counter[str]:
        """Skips per kind: the reason up to its first colon ("empty file", "no date"), "language: xx" whole."""
        return Counter(s.kind for s in self.skips)
