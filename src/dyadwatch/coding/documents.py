"""Documents in: plain text, JSON lines, HTML pages and RSS/Atom feeds as ``Document``s.

Every reader yields documents lazily and records in a ``ReadReport`` what it could not
use and why, so that ``read == yielded + skipped`` holds at every moment. Bad input
never raises: empty files, binary files, malformed JSON lines, pages without main text
and non-English documents are skipped with a reason naming file and line. Only a file
that cannot be read as the format asked for (``--format rss`` on a web page) is a
``FormatError``, recorded in ``failed`` when reading many files.

Text that is not UTF-8 is decoded as Windows-1252 (then Latin-1) with a note. A document
longer than ``MAX_CHUNK_CHARS`` is yielded as consecutive ``DocumentPart``s split between
paragraphs, read from disk as it goes, so memory and the parser's input stay bounded.

This module is the way in: :func:`read_documents` and :func:`read_batch` over the readers
of text_files.py (plain text, JSON lines), html_pages.py and feeds.py, which share
decoding.py (encodings, formats), admission.py (checks, dates, parts) and read_report.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.coding.admission import MAX_CHUNK_CHARS, DocumentPart, at_line, split_text
from dyadwatch.coding.decoding import decode, detect_format, looks_binary
from dyadwatch.coding.document import Document
from dyadwatch.coding.feeds import read_rss
from dyadwatch.coding.html_pages import MIN_MAIN_WORDS, has_main_text, html_fragment_text, read_html
from dyadwatch.coding.read_report import ReadReport, Skip
from dyadwatch.coding.text_files import parse_jsonl_record, read_jsonl, read_txt
from dyadwatch.errors import DyadwatchError, InputError

__all__ = [
    "FORMATS",
    "MAX_CHUNK_CHARS",
    "MIN_MAIN_WORDS",
    "READERS",
    "DocumentBatch",
    "DocumentPart",
    "ReadReport",
    "Skip",
    "decode",
    "detect_format",
    "has_main_text",
    "html_fragment_text",
    "looks_binary",
    "parse_jsonl_record",
    "read_batch",
    "read_documents",
    "read_html",
    "read_jsonl",
    "read_rss",
    "read_txt",
    "split_text",
]

FORMATS = ("auto", "txt", "jsonl", "html", "rss")
READERS = {"txt": read_txt, "jsonl": read_jsonl, "html": read_html, "rss": read_rss}


@dataclass
class DocumentBatch:
    """Documents read into memory with their report (see :func:`read_batch`)."""

    documents: list[Document]
    report: ReadReport


def read_documents(
    paths: Iterable[str | Path],
    *,
    fmt: str = "auto",
    default_date: dt.date | None = None,
    report: ReadReport | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> Iterator[Document]:
    """Documents from files and folders (every file inside, sorted), lazily; see the module doc.

    ``report`` (pass your own to read it afterwards) gets the counts; a file that fails as a
    whole (not a feed, unreadable) goes to ``report.failed`` and the others are still read.
    ``on_file(path)`` is called before each file (for a progress bar). Document ids must be
    unique across the run: a repeated id is skipped as an error.
    """
    from dyadwatch.store.store import expand_paths

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})", field="format")
    report = report if report is not None else ReadReport()
    seen: dict[str, str] = {}
    duplicate: set[str] = set()
    for p in expand_paths(paths):
        if on_file is not None:
            on_file(p)
        report.files += 1
        read_before, skipped_before, yielded = report.read, report.skipped, 0
        try:
            kind = detect_format(p) if fmt == "auto" else fmt
            for doc in READERS[kind](p, report, default_date=default_date):
                if isinstance(doc, DocumentPart) and doc.part > 0:
                    if doc.doc_id not in duplicate:
                        yield doc
                    continue
                if doc.doc_id in seen:
                    duplicate.add(doc.doc_id)
                    report.skip(doc.path, doc.line, f"duplicate id: {doc.doc_id!r} (first at {seen[doc.doc_id]})", error=True)
                    continue
                seen[doc.doc_id] = doc.path + at_line(doc.line)
                yielded += 1
                yield doc
        except (DyadwatchError, OSError) as exc:
            err = exc if isinstance(exc, InputError) else InputError(
                f"cannot read ({exc.strerror or exc})" if isinstance(exc, OSError) else str(exc), path=p)
            report.failed.append(err)
            unaccounted = (report.read - read_before) - (report.skipped - skipped_before) - yielded
            if unaccounted > 0:  # a document was begun when the file failed: count it as skipped
                report.skip(p, err.line, f"unreadable: {err.reason}", error=True)


def read_batch(paths: Iterable[str | Path] | str | Path, *, fmt: str = "auto", default_date: dt.date | None = None) -> DocumentBatch:
    """All documents of ``paths`` in memory, with their report (small inputs, notebooks, tests)."""
    report = ReadReport()
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    docs = list(read_documents(items, fmt=fmt, default_date=default_date, report=report))
    return DocumentBatch(documents=docs, report=report)
