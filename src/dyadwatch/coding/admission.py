"""Which documents are coded: not empty, in English and dated; long ones in parts.

Every reader hands what it read to :func:`admit`, which fills in the date (from the
document's own field, else its date line or dateline, else the default date) or records
why the document is skipped. A document longer than ``MAX_CHUNK_CHARS`` is yielded as
consecutive ``DocumentPart``s cut between paragraphs (else lines, else sentences), so that
the parser's input stays bounded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from dyadwatch.coding.dates import document_date
from dyadwatch.coding.document import Document
from dyadwatch.coding.language import is_english
from dyadwatch.coding.read_report import ReadReport

#: Longest text handed to the coder at once; longer documents are split between paragraphs.
MAX_CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class DocumentPart(Document):
    """One piece of a document too long to code at once (``part`` counts from 0)."""

    part: int = 0


def admit(doc: Document, report: ReadReport, default_date: dt.date | None, *, parts: bool = False,
          where: str | None = None) -> Iterator[Document]:
    """The document with its date filled in and checked for language, or a skip; long texts split.

    ``parts``: the caller splits the text itself (a file read part by part), so it is yielded whole.
    ``where``: how skips and notes name the document (default: its path).
    """
    where = where or doc.path
    if not doc.text.strip():
        report.skip(where, doc.line, "empty text")
        return
    english, lang = is_english(doc.text)
    if not english:
        report.skip(where, doc.line, f"language: {lang}")
        return
    date = doc.date or document_date(doc.text, default_date)
    if date is None:
        report.skip(where, doc.line, "no date: no date field, date line or dated dateline; give a default date (--date)", error=True)
        return
    doc = replace(doc, date=date)
    if parts or len(doc.text) <= MAX_CHUNK_CHARS:
        yield doc
        return
    pieces = split_text(doc.text)
    report.parts += len(pieces)
    report.notes.append(f"{where}{at_line(doc.line)}: long document coded in {len(pieces)} parts")
    yield from document_parts(doc, pieces)


def at_line(line: int | None) -> str:
    """", line N" after a path, or nothing when the document is a whole file."""
    return f", line {line}" if line is not None else ""


def document_parts(doc: Document, texts: Iterable[str]) -> Iterator[Document]:
    """``doc`` once per text, as numbered parts."""
    for i, chunk in enumerate(texts):
        yield DocumentPart(**{**doc.__dict__, "text": chunk}, part=i)


def split_text(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """``text`` in pieces of at most ``max_chars``, cut between paragraphs, else lines, else sentences."""
    if len(text) <= max_chars:
        return [text]
    out: list[str] = []
    buf: list[str] = []
    size = 0
    for para in _pieces(text, max_chars):
        if size + len(para) > max_chars and buf:
            out.append("".join(buf))
            buf, size = [], 0
        buf.append(para)
        size += len(para)
    if buf:
        out.append("".join(buf))
    return out


def _pieces(text: str, max_chars: int) -> Iterator[str]:
    for sep in (r"(?<=\n)\s*\n", r"(?<=\n)", r"(?<=[.!?])\s+", r"(?<=\s)"):
        parts = re.split(f"({sep})", text) if sep else [text]
        joined = [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
        if all(len(p) <= max_chars for p in joined):
            yield from joined
            return
        if len(joined) > 1:
            for p in joined:
                yield from (_pieces(p, max_chars) if len(p) > max_chars else [p])
            return
    for i in range(0, len(text), max_chars):  # one unbroken run of characters
        yield text[i : i + max_chars]
