"""`dyadwatch code` end to end: real files in, events into a DuckDB store and into .jsonl/.csv/.parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from dyadwatch import Store
from dyadwatch.cli import main
from dyadwatch.coding.dates import refine_date
from dyadwatch.coding.document import EVENT_FIELDS, CodedEvent, Document
from dyadwatch.coding.pipeline import code_files
from dyadwatch.coding.registry import Coder, coder_names, register_coder

STAND_IN = "test.stand-in"
_PATTERN = re.compile(r"\b(Japan|South Korea|Seoul|Tokyo)\b.*?\b(protested|summoned|met)\b.*?\b(Japan|South Korea|Japanese|Korean)\b")
_ISO = {"Japan": "JPN", "Tokyo": "JPN", "Japanese": "JPN", "South Korea": "KOR", "Seoul": "KOR", "Korean": "KOR"}
_CODES = {"protested": ("111", "11", -2.0, 3), "summoned": ("112", "11", -2.0, 3), "met": ("040", "04", 1.0, 1)}


def stand_in(docs: Sequence[Document]) -> list[CodedEvent]:
    """A tiny, deterministic coder for these tests (the real one is rules.v1)."""
    out = []
    for d in docs:
        assert d.date is not None, "documents reach the coder dated"
        for i, sent in enumerate(s for s in re.split(r"(?<=[.!?])\s+", d.text.strip()) if s):
            m = _PATTERN.search(sent)
            if not m or _ISO[m.group(1)] == _ISO[m.group(3)]:
                continue
            code, root, goldstein, quad = _CODES[m.group(2)]
            out.append(CodedEvent(
                event_id=f"{d.doc_id}:{i}:0", doc_id=d.doc_id, date=refine_date(d.date, sent), source_actor=m.group(1),
                source_country=_ISO[m.group(1)], source_sector="GOV", target_actor=m.group(3), target_country=_ISO[m.group(3)],
                target_sector=None, cameo_code=code, cameo_root=root, plover=None, plover_mode=None, quad_class=quad,
                goldstein=goldstein, sentence=sent, sentence_index=i, trigger=m.group(2), rule=f"stand-in:{m.group(2)}",
                coder=STAND_IN, confidence=0.5, url=d.url,
            ))
    return out


@register_coder(STAND_IN)
def make_stand_in() -> Coder:
    return stand_in


REPORTS = [
    {"id": "jk-1", "date": "2019-07-02", "title": "Seoul protests", "url": "https://x.example/1", "source": "Example",
     "text": "SEOUL, July 1 (Yonhap) -- South Korea protested on Monday against the export curbs of Japan. "
             "The foreign ministry said the measures were retaliation."},
    {"id": "jk-2", "date": "2019-07-05", "text": "Tokyo summoned the Korean ambassador on Wednesday. Seoul said it regretted the move."},
    {"id": "jk-3", "date": "2023-03-17", "text": "Japan met South Korean leaders in Tokyo on Thursday. Both sides praised the visit."},
]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    (folder / "wire.txt").write_text(
        "TOKYO, December 28, 2015 (Kyodo) -- Japan met South Korea in Seoul to settle the comfort women issue.\n", encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_code_into_store_is_idempotent(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "s.duckdb"
    code, out, err = run("code", str(inputs), "--coder", STAND_IN, "--db", str(db), "--dataset", "jpkr")
    assert code == 0, err
    assert out == ""
    assert "2 file(s): 4 documents read, 4 coded, 0 skipped; 4 events (test.stand-in)" in err
    assert "store: dataset text:jpkr: stored 4, already there 0" in err
    with Store(db, read_only=True) as store:
        events = store.events(dataset="text:jpkr")
        raw = store.sql("SELECT event_id, raw FROM events ORDER BY event_id")
    assert list(events["event_id"]) == ["wire:0:0", "jk-1:0:0", "jk-2:0:0", "jk-3:0:0"]
    first = events[events["event_id"] == "jk-1:0:0"].iloc[0]
    assert (first["date"].date(), first["source_country"], first["target_country"], first["cameo_code"]) == (
        dt.date(2019, 7, 1), "KOR", "JPN", "111")
    assert first["doc_id"] == "jk-1" and first["url"] == "https://x.example/1" and first["sentence"].startswith("SEOUL, July 1")
    assert json.loads(raw["raw"].iloc[0]) == {"trigger": "protested", "rule": "stand-in:protested", "coder": STAND_IN,
                                              "confidence": 0.5, "sentence_index": 0, "duplicate_of": None}
    jk2 = events[events["event_id"] == "jk-2:0:0"].iloc[0]
    assert jk2["date"].date() == dt.date(2019, 7, 3)  # "on Wednesday" before Friday 2019-07-05

    code, _, err = run("code", str(inputs), "--coder", STAND_IN, "--db", str(db), "--dataset", "jpkr")
    assert code == 0 and "store: dataset text:jpkr: stored 0, already there 4" in err
    with Store(db, read_only=True) as store:
        assert len(store.events(dataset="text:jpkr")) == 4


def test_code_to_files(tmp_path: Path, inputs: Path) -> None:
    outs = [tmp_path / "e.jsonl", tmp_path / "e.csv", tmp_path / "e.parquet"]
    code, _, err = run("code", str(inputs), "--coder", STAND_IN, *(a for o in outs for a in ("-o", str(o))))
    assert code == 0, err
    for o in outs:
        assert f"wrote 4 events to {o}" in err
    lines = [json.loads(line) for line in outs[0].read_text(encoding="utf-8").splitlines()]
    rows = list(csv.DictReader(outs[1].open(encoding="utf-8")))
    frame = pd.read_parquet(outs[2])
    assert list(lines[0]) == list(EVENT_FIELDS) == list(rows[0]) == list(frame.columns)
    assert [r["event_id"] for r in lines] == [r["event_id"] for r in rows] == list(frame["event_id"])
    assert [r["event_id"] for r in lines] == ["jk-1:0:0", "jk-2:0:0", "jk-3:0:0", "wire:0:0"]
    assert lines[0]["date"] == rows[0]["date"] == "2019-07-01" and frame["date"].iloc[0] == dt.date(2019, 7, 1)
    assert lines[3]["date"] == "2015-12-28" and lines[3]["goldstein"] == 1.0 and lines[3]["cameo_code"] == rows[3]["cameo_code"] == "040"
    assert lines[0]["sentence_index"] == 0 and lines[0]["target_sector"] is None and lines[0]["url"] == "https://x.example/1"


def test_code_prints_json_lines_without_outputs(inputs: Path) -> None:
    code, out, _ = run("--quiet", "code", str(inputs / "reports.jsonl"), "--coder", STAND_IN)
    assert code == 0
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == ["jk-1:0:0", "jk-2:0:0", "jk-3:0:0"]


def test_bad_input_is_reported_and_the_rest_coded(tmp_path: Path, inputs: Path) -> None:
    (inputs / "reports.jsonl").write_text(
        json.dumps(REPORTS[0]) + "\n{broken\n" + json.dumps({"id": "x", "text": "Japan protested to South Korea."}) + "\n",
        encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "fr.txt").write_text("La Corée du Sud a protesté lundi contre la décision du Japon de renforcer les contrôles "
                                   "à l'exportation vers son territoire.", encoding="utf-8")
    (inputs / "garbage.bin").write_bytes(bytes(range(256)) * 20)
    (inputs / "notfeed.xml").write_text('<?xml version="1.0"?><catalog/>', encoding="utf-8")
    out = tmp_path / "e.csv"
    code, _, err = run("code", str(inputs), "--coder", STAND_IN, "-o", str(out))
    assert code == 1
    assert err.splitlines() == [
        f"Error: {inputs / 'notfeed.xml'}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)",
        f"Error: {inputs / 'garbage.bin'}: binary file: not text",
        f"Error: {inputs / 'reports.jsonl'}, line 2: malformed line: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)",
        f"Error: {inputs / 'reports.jsonl'}, line 3: no date: no date field, date line or dated dateline; give a default date (--date)",
        f"skipped: {inputs / 'empty.txt'}: empty file",
        f"skipped: {inputs / 'fr.txt'}: language: fr",
        "6 file(s): 7 documents read, 2 coded, 5 skipped; 2 events (test.stand-in) - skipped: binary file 1, empty file 1, "
        "language: fr 1, malformed line 1, no date 1; 1 file(s) failed",
        f"wrote 2 events to {out}",
    ]
    assert out.exists() and len(pd.read_csv(out)) == 2

    code, _, err = run("code", str(inputs / "reports.jsonl"), "--coder", STAND_IN, "--date", "2020-01-01", "-o", str(out))
    assert code == 1 and "3 documents read, 2 coded, 1 skipped" in err  # the undated line is now coded


def test_format_rss_on_a_page_names_the_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Japan protested to South Korea on Monday over the ruling.</p></body></html>", encoding="utf-8")
    code, _, err = run("code", str(page), "--format", "rss", "--coder", STAND_IN, "-o", str(tmp_path / "e.csv"))
    assert code == 1
    assert err.startswith(f"Error: {page}: not an RSS or Atom feed")


def test_usage_errors(tmp_path: Path, inputs: Path) -> None:
    code, _, err = run("code", str(inputs), "--db", str(tmp_path / "s.duckdb"))
    assert code == 2 and "--db needs --dataset NAME" in err
    code, _, err = run("code", str(inputs), "-o", str(tmp_path / "e.xlsx"))
    assert code == 2 and "use a .jsonl, .csv or .parquet file" in err
    code, _, err = run("code", str(tmp_path / "missing"), "--coder", STAND_IN)
    assert code == 1 and err == f"Error: {tmp_path / 'missing'}: no such file, folder or glob match\n"
    code, _, err = run("code", str(inputs), "--coder", "no.such.coder")
    assert code == 1 and err.startswith("Error: unknown coder 'no.such.coder'; known coders: ")
    code, _, err = run("code", str(inputs), "--date", "2019-02-30")
    assert code == 2 and "'2019-02-30' is not a date YYYY-MM-DD" in err


def test_quiet_prints_no_summary(tmp_path: Path, inputs: Path) -> None:
    code, out, err = run("--quiet", "code", str(inputs), "--coder", STAND_IN, "-o", str(tmp_path / "e.jsonl"))
    assert (code, out, err) == (0, "", "")


def test_code_files_library_call(inputs: Path) -> None:
    result = code_files([inputs], coder=STAND_IN)
    assert STAND_IN in coder_names()
    assert result.report.read == result.coded + result.report.skipped == 4
    assert list(result.events.columns) == list(EVENT_FIELDS)
    assert result.summary() == "2 file(s): 4 documents read, 4 coded, 0 skipped; 4 events (test.stand-in)"


def test_real_coder_on_the_bundled_corpus(tmp_path: Path) -> None:
    """The registered rules.v1 coder, when present, codes the demo corpus into the store."""
    if "rules.v1" not in coder_names():
        pytest.skip("rules.v1 is not registered")
    pytest.importorskip("dyadwatch.coding.rules")
    corpus = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "data" / "corpus" / "jpkr_news.jsonl"
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:40]), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    code, _, err = run("code", str(sample), "--db", str(db), "--dataset", "demo")
    assert code == 0, err
    assert "40 documents read, 40 coded, 0 skipped" in err
    with Store(db, read_only=True) as store:
        events = store.events(dataset="text:demo")
    assert len(events) > 0 and set(events["doc_id"]) <= {f"{json.loads(x)['id']}" for x in sample.read_text().splitlines()}


def test_inputs_documented() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "coding-inputs.md").read_text(encoding="utf-8")
    for col in EVENT_FIELDS:
        assert f"| `{col}` |" in text, col
    for fmt in ("txt", "jsonl", "html", "rss"):
        assert f"| `{fmt}` |" in text, fmt
    for kind in ("empty file", "empty text", "empty item", "binary file", "malformed line", "bad field NAME", "duplicate id",
                 "no date", "language: xx", "no main text", "unreadable"):
        assert f"| `{kind}` |" in text, kind
    for option in ("--format", "--date", "-o", "--db", "--dataset", "--coder", "--processes"):
        assert option in text, option
