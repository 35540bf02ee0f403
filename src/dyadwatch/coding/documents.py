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
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from dyadwatch.coding.dates import document_date
from dyadwatch.coding.document import Document
from dyadwatch.coding.language import is_english
from dyadwatch.errors import DyadwatchError, FormatError, InputError

FORMATS = ("auto", "txt", "jsonl", "html", "rss")
#: Longest text handed to the coder at once; longer documents are split between paragraphs.
MAX_CHUNK_CHARS = 100_000
#: A page needs this many words in sentence-like paragraphs to have main text.
MIN_MAIN_WORDS = 8
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "rss", ".atom": "rss",
}
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class DocumentPart(Document):
    """One piece of a document too long to code at once (``part`` counts from 0)."""

    part: int = 0


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


@dataclass
class DocumentBatch:
    """Documents read into memory with their report (see :func:`read_batch`)."""

    documents: list[Document]
    report: ReadReport


# -- decoding and detection ------------------------------------------------------------------
def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters in the first bytes (and no UTF-16 byte order mark)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)
    return controls > max(8, 0.05 * len(head))


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and a note when it was not UTF-8 (UTF-16 with a byte order mark, else cp1252, else Latin-1)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "decoded as UTF-16 (byte order mark)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    for enc in ("cp1252", "latin-1"):
        try:
            return data.decode(enc), f"{bad}; decoded as {enc}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def detect_format(path: str | Path, head: bytes | None = None) -> str:
    """txt, jsonl, html or rss: by the file's content where it is telling, else by its extension."""
    p = Path(path)
    if head is None:
        with open(p, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if re.search(rb"<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]", start):
        return "rss"
    if start.startswith((b"<!doctype html", b"<html")) or re.search(rb"<(?:head|body)[\s>]", start):
        return "html"
    by_ext = _EXTENSIONS.get(p.suffix.lower())
    if by_ext:
        return by_ext
    if start.startswith(b"<?xml"):
        return "rss"  # an XML file that is not a feed fails there with a clear message
    if start.startswith(b"{"):
        return "jsonl"
    return "txt"


# -- splitting long texts ------------------------------------------------------------------------
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


def _parts(doc: Document, texts: Iterable[str]) -> Iterator[Document]:
    for i, chunk in enumerate(texts):
        yield DocumentPart(**{**doc.__dict__, "text": chunk}, part=i)


# -- readers -----------------------------------------------------------------------------------------
def read_txt(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """One document per file, id = file stem, date from a date line or dateline (else ``default_date``)."""
    p = Path(path)
    report.read += 1
    with open(p, "rb") as fh:
        head = fh.read(_SNIFF_BYTES)
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
            yield from _dated(doc, report, default_date)
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
    head = list(_dated(doc, report, default_date, parts=True))
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


def _dated(doc: Document, report: ReadReport, default_date: dt.date | None, *, parts: bool = False,
           where: str | None = None) -> Iterator[Document]:
    """The document with its date filled in and checked for language, or a skip; long texts split."""
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
    report.notes.append(f"{where}{_line(doc.line)}: long document coded in {len(pieces)} parts")
    yield from _parts(doc, pieces)


def _line(line: int | None) -> str:
    return f", line {line}" if line is not None else ""


def read_jsonl(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """One document per line: ``id``, ``date``, ``text`` and optional ``title``, ``url``, ``source``."""
    p = Path(path)
    with open(p, "rb") as fh:
        head = fh.read(_SNIFF_BYTES)
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
            yield from _dated(doc, report, default_date)


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


class _TextOfHTML(HTMLParser):
    """Text of an HTML fragment (a feed item's summary), paragraphs kept apart."""

    _BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr blockquote section article".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(data)


def html_fragment_text(fragment: str) -> str:
    """Plain text of a bit of HTML, with blank lines between paragraphs."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _TextOfHTML()
    parser.feed(fragment)
    parser.close()
    paras = (re.sub(r"[ \t\r\n]+", " ", p).strip() for p in "".join(parser.out).split("\n\n"))
    return "\n\n".join(p for p in paras if p)


def has_main_text(text: str) -> bool:
    """Whether extracted text holds prose: MIN_MAIN_WORDS words in paragraphs that end like sentences."""
    words = 0
    for para in text.split("\n"):
        para = para.strip()
        if para[-1:] in (".", "!", "?", '"', "”", "’", "'", ")") and len(para.split()) >= 3:
            words += len(para.split())
    return words >= MIN_MAIN_WORDS


def read_html(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """One page, one document: its main text (trafilatura), title, date and URL from the metadata."""
    import trafilatura

    p = Path(path)
    report.read += 1
    data = p.read_bytes()
    if not data.strip():
        report.skip(p, None, "empty file")
        return
    if looks_binary(data[:_SNIFF_BYTES]):
        report.skip(p, None, "binary file: not HTML", error=True)
        return
    page, note = decode(data)
    if note:
        report.notes.append(f"{p}: {note}")
    try:
        found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises assorted lxml and parser errors on broken pages
        report.skip(p, None, f"no main text: the page could not be parsed ({type(exc).__name__})")
        return
    text = (getattr(found, "text", None) or "") if found is not None else ""
    title = (getattr(found, "title", None) or "").strip() if found is not None else ""
    if not has_main_text(text):
        report.skip(p, None, "no main text: the page has no article prose (navigation or boilerplate only)")
        return
    paras = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and paras and paras[0] == title:
        paras = paras[1:]  # trafilatura repeats the headline as the first line
    meta_date = getattr(found, "date", None) if found is not None else None
    doc = Document(doc_id=p.stem, text="\n\n".join(paras), date=_meta_date(meta_date), title=title,
                   url=(getattr(found, "url", None) or "") if found is not None else "",
                   source=(getattr(found, "sitename", None) or "") if found is not None else "", path=str(p))
    yield from _dated(doc, report, default_date)


def _meta_date(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def read_rss(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """Each item of an RSS 0.9x/1.0/2.0 or Atom feed, one document; FormatError if it is not a feed."""
    import feedparser

    p = Path(path)
    data = p.read_bytes()
    if not data.strip():
        report.read += 1
        report.skip(p, None, "empty file")
        return
    feed = feedparser.parse(data)
    if not feed.get("version"):
        raise FormatError("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)", path=p)
    source = feed.feed.get("title", "") or ""
    for n, entry in enumerate(feed.entries, 1):
        report.read += 1
        body = ""
        if entry.get("content"):
            body = html_fragment_text(entry.content[0].get("value", ""))
        if not body and entry.get("summary"):
            body = html_fragment_text(entry.summary)
        title = html_fragment_text(entry.get("title", "") or "")
        where = f"{p}, item {n}"
        doc_id = entry.get("id") or entry.get("link") or f"{p.stem}-{n}"
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(*struct[:3]) if struct else None
        text = body or title
        if not text:
            report.skip(where, None, "empty item: no title, summary or content")
            continue
        doc = Document(doc_id=str(doc_id), text=text, date=date, title=title, url=entry.get("link", "") or "",
                       source=source, path=str(p))
        yield from _dated(doc, report, default_date, where=where)
    if not feed.entries:
        report.notes.append(f"{p}: feed has no items")


READERS = {"txt": read_txt, "jsonl": read_jsonl, "html": read_html, "rss": read_rss}


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
                seen[doc.doc_id] = doc.path + _line(doc.line)
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

