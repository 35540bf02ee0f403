"""Files in, events out: read documents, code them, write the events to files or the store.

``code_files`` is what ``dyadwatch code`` calls, and what a notebook calls to get the same
DataFrame in one line. Reading is lazy and coding goes in batches, so a folder of many
thousand reports or one report of many megabytes (coded as parts, see documents.py)
does not have to fit in memory at once; the events found do.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from dyadwatch.coding.document import EVENT_FIELDS, CodedEvent, Document
from dyadwatch.coding.documents import DocumentPart, ReadReport, read_documents
from dyadwatch.errors import ConfigError, InputError
from dyadwatch.store import IngestResult, Store

#: A coder as a plain function (what tests and third parties may pass instead of a name).
CodeFunction = Callable[[list[Document]], list[CodedEvent]]
#: Documents, and characters, coded per call to the coder at most: small enough for a moving
#: progress bar, larger with worker processes (each call may start them, which costs seconds).
BATCH_DOCUMENTS = 500
BATCH_DOCUMENTS_PROCESSES = 20_000
BATCH_CHARS = 20_000_000
#: Sentence numbers reserved per part of a long document when the coder cannot count sentences.
PART_SENTENCE_STRIDE = 100_000
#: Provenance fields kept, as JSON, in the store's ``raw`` column.
PROVENANCE_FIELDS = ("trigger", "rule", "coder", "confidence", "sentence_index", "duplicate_of")
OUTPUT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}


@dataclass
class CodeResult:
    """Events found (``EVENT_FIELDS`` columns, one row per event) and what happened to every document."""

    events: pd.DataFrame
    report: ReadReport
    coder: str
    coded: int = 0
    stored: IngestResult | None = None
    written: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: documents read = coded + skipped, events, and skips by reason."""
        r = self.report
        line = (f"{r.files} file(s): {r.read} documents read, {self.coded} coded, {r.skipped} skipped; "
                f"{len(self.events)} events ({self.coder})")
        if r.skips:
            line += " - skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(r.reasons().items(), key=lambda kv: (-kv[1], kv[0])))
        if r.failed:
            line += f"; {len(r.failed)} file(s) failed"
        return line


@dataclass(frozen=True)
class _Coder:
    """A coder and the optional hooks that let a long document be coded in parts.

    ``count_sentences(text)``: how many sentences the coder numbers in ``text``, so that the
    parts' sentence numbers continue each other. ``mark_duplicates(events)``: the coder's
    own marking of repeated reports, applied again over a split document's events in order.
    """

    name: str
    code: Callable[[list[Document]], list[CodedEvent]]
    count_sentences: Callable[[str], int] | None = None
    mark_duplicates: Callable[[list[CodedEvent]], object] | None = None


def resolve_coder(coder: str | CodeFunction, *, processes: int = 1) -> _Coder:
    """A coder by registered name (``rules.v1``, see registry.py) or a function from documents to events.

    ``processes`` > 1 is passed to the coder's factory as ``n_process`` (a coder that cannot
    use more processes says so with a ConfigError).
    """
    if callable(coder):
        obj: object = coder
        name = getattr(coder, "name", getattr(coder, "__name__", "custom"))
        code = coder
    else:
        from dyadwatch.coding.registry import get_coder

        built = get_coder(coder, n_process=processes) if processes > 1 else get_coder(coder)
        obj, name = built, str(getattr(built, "name", coder))

        def code(docs: list[Document]) -> list[CodedEvent]:
            return list(built(docs))

    return _Coder(str(name), code, getattr(obj, "count_sentences", None), getattr(obj, "mark_duplicates", None))


def code_documents_in_parts(docs: Iterable[Document], coder: _Coder, *, batch: int = BATCH_DOCUMENTS,
                            batch_chars: int = BATCH_CHARS, split: set[str] | None = None,
                            on_batch: Callable[[], None] | None = None) -> Iterator[CodedEvent]:
    """Code documents in batches; events of a long document's parts numbered as in the whole document.

    Parts go to the coder under their own ids (``ID#part2``) so that event ids never clash;
    their events get the document's id back, sentence numbers shifted by the sentences of
    the parts before, and new event ids (``doc:sentence:n``), ``duplicate_of`` following.
    The ids of split documents are added to ``split``; ``on_batch()`` is called after each batch.
    """
    offsets: dict[str, int] = {}
    pending: list[Document] = []
    chars = 0
    shift: dict[str, tuple[str, int]] = {}

    def flush() -> Iterator[CodedEvent]:
        renamed: dict[str, str] = {}
        events = coder.code(list(pending))
        out = []
        for ev in events:
            if ev.doc_id in shift:
                doc_id, offset = shift[ev.doc_id]
                old = ev.event_id
                ev = replace(ev, doc_id=doc_id, sentence_index=ev.sentence_index + offset)
                ev.event_id = f"{doc_id}:{ev.sentence_index}:{old.rsplit(':', 1)[-1]}"
                renamed[old] = ev.event_id
            out.append(ev)
        for ev in out:
            if ev.duplicate_of in renamed:
                ev.duplicate_of = renamed[ev.duplicate_of]
        pending.clear()
        shift.clear()
        nonlocal chars
        chars = 0
        yield from out
        if on_batch is not None:
            on_batch()

    for doc in docs:
        if isinstance(doc, DocumentPart):
            offset = offsets.get(doc.doc_id, 0) if doc.part else 0
            tmp = f"{doc.doc_id}#part{doc.part}"
            shift[tmp] = (doc.doc_id, offset)
            if split is not None:
                split.add(doc.doc_id)
            count = coder.count_sentences(doc.text) if coder.count_sentences else PART_SENTENCE_STRIDE
            offsets[doc.doc_id] = offset + count
            doc = replace(doc, doc_id=tmp)
        pending.append(doc)
        chars += len(doc.text)
        if len(pending) >= batch or chars >= batch_chars:
            yield from flush()
    if pending:
        yield from flush()


def events_to_frame(events: Iterable[CodedEvent]) -> pd.DataFrame:
    """Events as a DataFrame with the ``EVENT_FIELDS`` columns, in order."""
    frame = pd.DataFrame([e.as_dict() for e in events], columns=list(EVENT_FIELDS))
    frame["date"] = pd.to_datetime(frame["date"]).dt.date if len(frame) else pd.Series([], dtype="object")
    for col in ("quad_class", "sentence_index"):
        frame[col] = frame[col].astype("Int64")
    for col in ("goldstein", "confidence"):
        frame[col] = frame[col].astype("float64")
    return frame


def store_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Coded events in the store's columns, provenance as JSON in ``raw`` (see :meth:`Store.add_events`)."""
    frame = events.drop(columns=list(PROVENANCE_FIELDS))
    frame["num_mentions"] = 1
    frame["raw"] = [
        json.dumps({k: _plain(v) for k, v in zip(PROVENANCE_FIELDS, row, strict=True)}, ensure_ascii=False)
        for row in events[list(PROVENANCE_FIELDS)].itertuples(index=False, name=None)
    ]
    return frame


def _plain(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def jsonl_lines(events: pd.DataFrame) -> Iterator[str]:
    """Events as JSON objects, one per line (no newline), dates as YYYY-MM-DD, missing values null."""
    for rec in events.to_dict(orient="records"):
        yield json.dumps({k: _plain(v.isoformat() if isinstance(v, dt.date) else v) for k, v in rec.items()}, ensure_ascii=False)


def write_events(events: pd.DataFrame, path: str | Path) -> None:
    """Write events to ``.jsonl``, ``.csv`` or ``.parquet`` (by extension), dates as YYYY-MM-DD."""
    p = Path(path)
    kind = OUTPUT_SUFFIXES.get(p.suffix.lower())
    if kind is None:
        raise InputError(f"unknown output format {p.suffix or '(no extension)'}: use .jsonl, .csv or .parquet", path=p)
    try:
        if kind == "parquet":
            events.to_parquet(p, index=False)
        elif kind == "csv":
            events.to_csv(p, index=False)
        else:
            with open(p, "w", encoding="utf-8") as fh:
                fh.writelines(line + "\n" for line in jsonl_lines(events))
    except OSError as exc:
        raise InputError(f"cannot write ({exc.strerror or exc})", path=p) from exc


def code_files(
    paths: Sequence[str | Path] | str | Path,
    *,
    fmt: str = "auto",
    default_date: dt.date | None = None,
    coder: str | CodeFunction = "rules.v1",
    processes: int = 1,
    out: Sequence[str | Path] = (),
    store: Store | None = None,
    dataset: str | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> CodeResult:
    """Read ``paths`` (files or folders), code every English, dated document, return the events.

    ``out`` files (.jsonl/.csv/.parquet) are written; with ``store``, events go into it as
    dataset ``text:DATASET`` (idempotent: re-coding the same documents adds nothing).
    Bad documents are skipped with reasons in ``result.report``; only a bad option raises.
    ``on_file(path)`` is called as each file is opened, ``on_batch(documents, events)`` with
    running totals after each batch is coded (progress bars).
    """
    if store is not None and not dataset:
        raise ConfigError("a dataset name is needed to store coded events (text:NAME)")
    for o in out:
        if Path(o).suffix.lower() not in OUTPUT_SUFFIXES:
            raise InputError(f"unknown output format {Path(o).suffix or '(no extension)'}: use .jsonl, .csv or .parquet", path=o)
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    resolved = resolve_coder(coder, processes=processes)
    report = ReadReport()
    counted = _CountWholeDocuments(read_documents(items, fmt=fmt, default_date=default_date, report=report, on_file=on_file))
    split: set[str] = set()
    batch = BATCH_DOCUMENTS if processes == 1 else BATCH_DOCUMENTS_PROCESSES
    coded: list[CodedEvent] = []
    for ev in code_documents_in_parts(counted, resolved, split=split, batch=batch,
                                      on_batch=(lambda: on_batch(counted.count, len(coded))) if on_batch else None):
        coded.append(ev)
    if split and resolved.mark_duplicates is not None:
        _mark_duplicates_across_parts(coded, split, resolved.mark_duplicates)
    events = events_to_frame(coded)
    result = CodeResult(events=events, report=report, coder=resolved.name, coded=counted.count)
    for o in out:
        write_events(events, o)
        result.written.append(str(o))
    if store is not None:
        name = dataset if dataset and dataset.startswith("text:") else f"text:{dataset}"
        source = "code " + " ".join(str(p) for p in items)
        result.stored = store.add_events(store_frame(events), dataset=name, source=source[:500])
    return result


def _mark_duplicates_across_parts(events: list[CodedEvent], split: set[str],
                                  mark: Callable[[list[CodedEvent]], object]) -> None:
    """Let the coder mark repeated reports over each split document as a whole, not part by part."""
    by_doc: dict[str, list[CodedEvent]] = {}
    for ev in events:
        if ev.doc_id in split:
            by_doc.setdefault(ev.doc_id, []).append(ev)
    for evs in by_doc.values():
        for ev in evs:
            ev.duplicate_of = None
        mark(evs)


class _CountWholeDocuments:
    """Pass documents through, counting whole documents (parts after the first are not new ones)."""

    def __init__(self, docs: Iterable[Document]) -> None:
        self.docs = docs
        self.count = 0

    def __iter__(self) -> Iterator[Document]:
        for doc in self.docs:
            if not (isinstance(doc, DocumentPart) and doc.part):
                self.count += 1
            yield doc
