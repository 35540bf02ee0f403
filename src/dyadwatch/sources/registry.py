"""Readers registered by name, as spaCy registers pipeline factories.

Built-in readers register themselves on import with the same decorator a third party
would use::

    @register_reader("my-format")
    class MyReader(Reader): ...

A reader inspects a file (``plan``) and returns a :class:`ReadPlan`: which table the rows
go to, how many header lines to skip, and one SQL query over the relation
``rows(line_no, n, raw, f, c1..cN)`` (line number, field count, the raw line, all fields
as a list, and each field) that yields rows of that table plus ``_reason``/``_field``
(NULL for a good row; otherwise why it goes to quarantine) and ``_warn``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TypeVar

from dyadwatch.errors import ConfigError


@dataclass(frozen=True)
class ReadPlan:
    path: Path
    reader: str
    table: str
    select_sql: str
    skip_lines: int = 0
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    #: Fields per row when the file is headerless and unquoted: DuckDB's own CSV reader can
    #: then read it in parallel (the fast path). None: read line by line.
    csv_columns: int | None = None
    #: Fields the line path must split out (c1..cN); defaults to csv_columns.
    width: int | None = None


class Reader(ABC):
    """Turns one file of a public dataset into rows of the store's schema."""

    name: ClassVar[str]
    table: ClassVar[str] = "events"
    description: ClassVar[str] = ""

    @abstractmethod
    def plan(self, path: Path, head: list[str]) -> ReadPlan:
        """Inspect the file's first lines; raise FormatError if it is not this format."""

    @classmethod
    def sniff(cls, head: list[str]) -> bool:
        """Whether the first lines look like this format (used by format 'auto')."""
        return False


_READERS: dict[str, type[Reader]] = {}
R = TypeVar("R", bound=type[Reader])


def register_reader(name: str) -> Callable[[R], R]:
    def deco(cls: R) -> R:
        cls.name = name
        _READERS[name] = cls
        return cls

    return deco


def get_reader(name: str) -> Reader:
    _load_builtins()
    try:
        return _READERS[name]()
    except KeyError:
        raise ConfigError(f"unknown format {name!r}; known: {', '.join(reader_names())}") from None


def reader_names() -> list[str]:
    _load_builtins()
    return sorted(_READERS)


def readers() -> dict[str, type[Reader]]:
    _load_builtins()
    return dict(_READERS)


def _load_builtins() -> None:
    from dyadwatch.sources import gdelt, icews, polecat  # noqa: F401  (register on import)
