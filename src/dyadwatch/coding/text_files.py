"""Plain-text and JSON-lines files as ``Document``s.

A text file is one document (id = file stem); a JSON-lines file has one document per line.
Empty and binary files, malformed lines and bad fields are skipped with a reason naming the
file and line. A plain-text file longer than ``MAX_CHUNK_CHARS`` is read from disk part by
part, so memory stays bounded however large the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyadwatch.coding.admission import MAX_CHUNK_CHARS, DocumentPart, admit, split_text
from dyadwatch.coding.decoding import SNIFF_BYTES, decode, looks_binary
from dyadwatch.coding.document import Document
from dyadwatch.coding.read_report import ReadReport
from dyadwatch.errors import InputError


def read_txt(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """One document per file, id = file stem, date from a date line or dateline (else ``default_date``)."""
    p = Path(path)
    report.read += 1
    with open(p, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
        if not head.strip():
            report.skip(p, None, "empty file")
            return
        if looks_binary(head):
            report.skip(p, None, "binary file: not text", error=True)
            return
        size = p.stat().st_size
        if size <= MAX_CHUNK_CHARS:
            text, note = decode(head + fh.read())
            if note:
                report.notes.append(f"{p}: {note}")
            doc = Document(doc_id=p.stem, text=text.replace("\r\n", "\n").replace("\r", "\n"), date=None, path=str(p))
            yield from admit(doc, report, default_date)
            return
    yield from _dated_parts(p, _stream_chunks(p, report), report, default_date)


def _stream_chunks(p: Path, report: ReadReport) -> Iterator[str]:
    """A large text file in pieces of about MAX_CHUNK_CHARS cut between paragraphs, read as it goes."""
    encoding = "utf-8-sig"
    with open(p, "rb") as fh:  # first pass: is it UTF-8 throughout? (flat memory)
        dec = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        if fh.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            encoding = "utf-16"
            report.notes.append(f"{p}: decoded as UTF-16 (byte order mark)")
        fh.seek(0)
        while encoding != "utf-16" and (block := fh.read(1 << 20)):
            try:
                dec.decode(block)
            except UnicodeDecodeError as exc:
                encoding = "cp1252"
                report.notes.append(f"{p}: not valid UTF-8 (at offset {offset + exc.start}); decoded as cp1252")
                break
            offset += len(block)
    buf: list[str] = []
    size = 0
    with open(p, encoding=encoding, errors="replace", newline=None) as fh:
        for line in fh:
            buf.append(line)
            size += len(line)
            if size >= MAX_CHUNK_CHARS:  # no paragraph break for a long while: cut at lines or sentences
                pieces = split_text("".join(buf))
                yield from pieces[:-1]
                buf, size = [pieces[-1]], len(pieces[-1])
            elif size >= MAX_CHUNK_CHARS * 3 // 4 and not line.strip():
                yield "".join(buf)
                buf, size = [], 0
    if buf:
        yield from split_text("".join(buf))


def _dated_parts(p: Path, chunks: Iterator[str], report: ReadReport, default_date: dt.date | None) -> Iterator[Document]:
    first = next(chunks, None)
    if first is None or not first.strip():
        report.skip(p, None, "empty file")
        return
    doc = Document(doc_id=p.stem, text=first, date=None, path=str(p))
    head = list(admit(doc, report, default_date, parts=True))
    if not head:
        return
    second = next(chunks, None)
    if second is None:
        yield head[0]
        return
    yield DocumentPart(**head[0].__dict__, part=0)
    n = 1
    for n, chunk in enumerate(itertools.chain([second], chunks), 1):
        yield DocumentPart(**{**head[0].__dict__, "text": chunk}, part=n)
    report.parts += n + 1
    report.notes.append(f"{p}: long document coded in {n + 1} parts")


def read_jsonl(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """One document per line: ``id``, ``date``, ``text`` and optional ``title``, ``url``, ``source``."""
    p = Path(path)
    with open(p, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
        if not head.strip():
            report.read += 1
            report.skip(p, None, "empty file")
            return
        if looks_binary(head) and not re.search(rb"(?m)^[ \t]*\{", head):  # binary, and no line that could be JSON
            report.read += 1
            report.skip(p, None, "binary file: not JSON lines", error=True)
            return
        fh.seek(0)
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            report.read += 1
            text, note = decode(raw.rstrip(b"\r\n"))
            if note:
                report.notes.append(f"{p}, line {n}: {note}")
            try:
                doc = parse_jsonl_record(text, path=p, line=n)
            except InputError as exc:
                report.skip(p, n, f"bad field {exc.field}: {exc.reason}" if exc.field else f"malformed line: {exc.reason}", error=True)
                continue
            yield from admit(doc, report, default_date)


def parse_jsonl_record(text: str, *, path: str | Path = "<string>", line: int | None = None) -> Document:
    """One JSON line as a Document (date None when absent); InputError naming the line and field."""
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})", path=path, line=line) from None
    if not isinstance(rec, dict):
        raise InputError(f"a JSON {type(rec).__name__}, not an object", path=path, line=line)
    fields: dict[str, Any] = {}
    for name in ("id", "text", "title", "url", "source"):
        value = rec.get(name)
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InputError(f"must be a string, not {type(value).__name__}", path=path, line=line, field=name)
        fields[name] = str(value).strip() if name != "text" else str(value)
    if not fields["id"]:
        raise InputError("missing (every line needs an id)", path=path, line=line, field="id")
    if "text" not in rec:
        raise InputError("missing", path=path, line=line, field="text")
    return Document(doc_id=fields["id"], text=fields["text"], date=_parse_date(rec.get("date"), path, line),
                    title=fields["title"], url=fields["url"], source=fields["source"], path=str(path), line=line)


def _parse_date(value: object, path: str | Path, line: int | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InputError(f"{value!r} is not a date YYYY-MM-DD", path=path, line=line, field="date")
