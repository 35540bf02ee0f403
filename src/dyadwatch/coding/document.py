"""``Document``: one text to code, and ``CodedEvent``: one event the coder found in it.

These two types are the contract between the input readers (documents.py), the coders
(registered by name, e.g. ``rules.v1``) and the outputs (JSONL/CSV/Parquet, the store).
A coder is a pure function from a batch of Documents to a batch of CodedEvents: no
global state and no store access, so it can run on a distributed engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

#: Output columns of `dyadwatch code`, in order (the store's schema plus provenance).
EVENT_FIELDS: tuple[str, ...] = (
    "event_id", "doc_id", "date", "source_actor", "source_country", "source_sector",
    "target_actor", "target_country", "target_sector", "cameo_code", "cameo_root", "plover",
    "plover_mode", "quad_class", "goldstein", "sentence", "sentence_index", "trigger", "rule",
    "coder", "confidence", "duplicate_of", "url",
)


@dataclass(frozen=True)
class Document:
    """A text with its identity and date (``date`` None only when unknown: an error to code)."""

    doc_id: str
    text: str
    date: dt.date | None
    title: str = ""
    url: str = ""
    source: str = ""
    path: str = ""
    line: int | None = None


@dataclass
class CodedEvent:
    """Who did what to whom, when, and why the coder thinks so."""

    event_id: str
    doc_id: str
    date: dt.date
    source_actor: str
    source_country: str
    source_sector: str | None
    target_actor: str
    target_country: str
    target_sector: str | None
    cameo_code: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    sentence: str
    sentence_index: int
    trigger: str
    rule: str
    coder: str
    confidence: float
    duplicate_of: str | None = None
    url: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("extra")
        return {k: d[k] for k in EVENT_FIELDS}
