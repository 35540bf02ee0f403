"""Documents in: every reader on real files in the real formats, bad input, dates, language."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.coding import get_coder
from dyadwatch.coding.dates import document_date, parse_dateline, refine_date
from dyadwatch.coding.document import CodedEvent, Document
from dyadwatch.coding.documents import (
    MAX_CHUNK_CHARS,
    DocumentPart,
    ReadReport,
    detect_format,
    parse_jsonl_record,
    read_batch,
    read_jsonl,
    split_text,
)
from dyadwatch.coding.language import detect_language
from dyadwatch.coding.pipeline import code_files
from dyadwatch.errors import InputError

WIRE = (
    "SEOUL, July 1, 2019 (Yonhap) -- South Korea protested on Monday against Japan's decision to tighten "
    "export controls on three chemicals used to make chips and displays.\n\n"
    "The foreign ministry summoned the Japanese ambassador to lodge a formal complaint, officials said.\n"
)

HTML_ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Seoul protests export curbs | Example News</title>
<meta property="og:title" content="Seoul protests export curbs">
<meta property="og:url" content="https://news.example.com/2019/07/02/seoul-protests">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-07-02T09:00:00+09:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/business">Business</a></nav>
<article><h1>Seoul protests export curbs</h1>
<p>South Korea protested on Monday against Japan's decision to tighten export controls on three chemicals used to make chips and displays, calling it economic retaliation for a court ruling on wartime labour.</p>
<p>The foreign ministry summoned the Japanese ambassador to lodge a formal complaint, officials said, and the trade ministry said it would take the case to the World Trade Organization.</p>
<p>Japan said the measures were based on national security concerns and were not retaliation.</p>
</article>
<footer>Copyright 2019 Example News. All rights reserved.</footer></body></html>
"""

HTML_NAV_ONLY = """<!DOCTYPE html><html><head><title>Example News - Home</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="menu"><ul><li><a href="/a">Markets</a></li><li><a href="/b">Weather</a></li></ul></div>
<div>Subscribe</div></body></html>
"""

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.com/</link><description>Asia</description>
<item><title>Seoul protests Tokyo's export curbs</title><link>https://wire.example.com/1</link>
<guid>https://wire.example.com/1</guid><pubDate>Tue, 02 Jul 2019 08:00:00 GMT</pubDate>
<description>&lt;p&gt;South Korea protested on Monday against Japan's decision to tighten export controls on chip materials.&lt;/p&gt;&lt;p&gt;Seoul called it retaliation.&lt;/p&gt;</description></item>
<item><title>Japan and South Korea hold talks on the export dispute</title><link>https://wire.example.com/2</link>
<guid>https://wire.example.com/2</guid><pubDate>Fri, 12 Jul 2019 10:00:00 GMT</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:example:feed</id>
<updated>2023-03-17T00:00:00Z</updated>
<entry><title>Yoon and Kishida meet in Tokyo</title><id>urn:example:entry:1</id>
<link href="https://atom.example.org/yoon-kishida"/><published>2023-03-16T09:00:00Z</published><updated>2023-03-16T10:00:00Z</updated>
<content type="html">&lt;p&gt;Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on Thursday, the first such visit in 12 years.&lt;/p&gt;</content></entry>
</feed>
"""

NOT_A_FEED = '<?xml version="1.0"?>\n<catalog><book id="1"><title>Relations</title></book></catalog>\n'

FOREIGN = {
    "ko": "한국 정부는 월요일 일본의 수출 규제 강화 조치에 항의하며 주한 일본 대사를 초치했다. 외교부는 이번 조치가 경제 보복이라고 밝혔다.",
    "ja": "日本政府は月曜日、韓国に対する半導体材料の輸出規制を強化すると発表した。韓国政府はこれに強く抗議し、大使を呼んだ。",
    "fr": "La Corée du Sud a protesté lundi contre la décision du Japon de renforcer les contrôles à l'exportation. "
          "Le ministère des affaires étrangères a convoqué l'ambassadeur japonais pour lui faire part de son mécontentement.",
}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def counts_add_up(report: ReadReport, yielded: int) -> bool:
    return report.read == yielded + report.skipped


# -- plain text --------------------------------------------------------------------------------
def test_txt_file_and_folder(tmp_path: Path) -> None:
    write(tmp_path / "in" / "seoul-protest.txt", WIRE)
    write(tmp_path / "in" / "sub" / "undated.txt", "Japan and South Korea held talks on the export dispute in Tokyo.\n")
    batch = read_batch(tmp_path / "in", default_date=dt.date(2019, 7, 15))
    docs = {d.doc_id: d for d in batch.documents}
    assert set(docs) == {"seoul-protest", "undated"}
    assert docs["seoul-protest"].date == dt.date(2019, 7, 1)  # the dateline wins over the default
    assert docs["undated"].date == dt.date(2019, 7, 15)
    assert docs["seoul-protest"].text.startswith("SEOUL, July 1, 2019 (Yonhap) --")
    assert batch.report.read == 2 and batch.report.skipped == 0


def test_txt_without_date_is_an_error_unless_default(tmp_path: Path) -> None:
    f = write(tmp_path / "undated.txt", "Japan and South Korea held talks on the export dispute in Tokyo.\n")
    batch = read_batch(f)
    assert batch.documents == []
    [skip] = batch.report.skips
    assert skip.error and skip.kind == "no date" and skip.path == str(f)
    assert "--date" in skip.reason


def test_dateline_without_year_takes_year_from_default(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "SEOUL, March 6 (Yonhap) -- South Korea announced a plan to compensate victims of forced labour.\n")
    [doc] = read_batch(f, default_date=dt.date(2023, 3, 7)).documents
    assert doc.date == dt.date(2023, 3, 6)


def test_empty_binary_and_latin1_files(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.txt", "  \n\n \t\n")
    write(tmp_path / "garbage.dat", bytes(range(256)) * 40)
    latin = "Japan's foreign minister said on Monday that the café talks with Mr. Müller and the ambassador of South Korea were useful."
    write(tmp_path / "latin1.txt", latin.encode("latin-1"))
    batch = read_batch(tmp_path, default_date=dt.date(2019, 7, 3))
    assert [d.doc_id for d in batch.documents] == ["latin1"]
    assert batch.documents[0].text == latin
    assert batch.report.notes == [f"{tmp_path / 'latin1.txt'}: not valid UTF-8 (byte 0xe9 at offset {latin.index('é')}); decoded as cp1252"]
    reasons = {Path(s.path).name: (s.kind, s.error) for s in batch.report.skips}
    assert reasons == {"empty.txt": ("empty file", False), "blank.txt": ("empty file", False), "garbage.dat": ("binary file", True)}
    assert counts_add_up(batch.report, len(batch.documents))


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_non_english_documents_are_skipped(tmp_path: Path, lang: str) -> None:
    f = write(tmp_path / f"{lang}.txt", FOREIGN[lang])
    batch = read_batch(f, default_date=dt.date(2019, 7, 1))
    assert batch.documents == []
    [skip] = batch.report.skips
    assert skip.reason == f"language: {lang}" and not skip.error


def test_language_detection_is_stable_and_cheap_for_english() -> None:
    assert detect_language(WIRE) == "en"
    assert detect_language("12345 ... !!!") == "unknown"
    assert [detect_language(FOREIGN["fr"]) for _ in range(3)] == ["fr"] * 3


# -- a document of many megabytes ---------------------------------------------------------------
PARA = ("Japan protested to South Korea on Monday over the court ruling. "
        "The ministry said it was studying the matter and would reply soon.\n\n")
FILLER = "Markets were calm. Traders said volumes were thin ahead of the holiday.\n\n" * 19 + PARA


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "long-report.txt"
    body = "SEOUL, July 3, 2019 (Yonhap) -- A long report follows.\n\n" + FILLER * (5_000_000 // len(FILLER) + 1)
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size >= 5_000_000
    return path


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _stand_in(docs: list[Document]) -> list[CodedEvent]:
    """A tiny coder: one PROTEST-ish event per sentence naming Japan before South Korea."""
    out = []
    for d in docs:
        assert d.date is not None
        for i, s in enumerate(_sentences(d.text)):
            if "Japan protested to South Korea" in s:
                out.append(CodedEvent(
                    event_id=f"{d.doc_id}:{i}:0", doc_id=d.doc_id, date=refine_date(d.date, s), source_actor="Japan",
                    source_country="JPN", source_sector=None, target_actor="South Korea", target_country="KOR",
                    target_sector=None, cameo_code="111", cameo_root="11", plover="ACCUSE", plover_mode=None, quad_class=3,
                    goldstein=-2.0, sentence=s, sentence_index=i, trigger="protested", rule="stand-in", coder="stand-in",
                    confidence=0.5, url=d.url,
                ))
    for doc_id in {e.doc_id for e in out}:
        _mark([e for e in out if e.doc_id == doc_id])
    return out


def _count(text: str) -> int:
    return len(_sentences(text))


def _mark(events: list[CodedEvent]) -> None:
    """Within one document, a repeat of (source, target, code, date) points to the first."""
    first: dict[tuple[str, str, str, dt.date], str] = {}
    for e in events:
        key = (e.source_country, e.target_country, e.cameo_code, e.date)
        e.duplicate_of = first.get(key)
        first.setdefault(key, e.event_id)


_stand_in.count_sentences = _count  # type: ignore[attr-defined]
_stand_in.mark_duplicates = _mark  # type: ignore[attr-defined]


def test_big_document_is_read_in_bounded_parts(big_file: Path) -> None:
    batch = read_batch(big_file)
    parts = [p for p in batch.documents if isinstance(p, DocumentPart)]
    assert len(parts) == len(batch.documents) > 40
    assert [p.part for p in parts] == list(range(len(parts)))
    assert max(len(p.text) for p in parts) <= MAX_CHUNK_CHARS
    assert {p.doc_id for p in parts} == {"long-report"} and {p.date for p in parts} == {dt.date(2019, 7, 3)}
    assert "".join(p.text for p in parts) == big_file.read_text(encoding="utf-8")
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # cut between paragraphs
    assert batch.report.read == 1 and batch.report.skipped == 0
    assert f"{big_file}: long document coded in {len(parts)} parts" in batch.report.notes


def test_big_document_sentence_indexes_are_those_of_the_whole(big_file: Path) -> None:
    result = code_files([big_file], coder=_stand_in)
    whole = Document(doc_id="long-report", text=big_file.read_text(encoding="utf-8"), date=dt.date(2019, 7, 3))
    expected = _stand_in([whole])
    assert result.coded == 1 and result.report.read == 1
    assert len(result.events) == len(expected)
    assert list(result.events["sentence_index"]) == [e.sentence_index for e in expected]
    assert list(result.events["event_id"]) == [e.event_id for e in expected]
    assert [v if isinstance(v, str) else None for v in result.events["duplicate_of"]] == [e.duplicate_of for e in expected]
    assert result.events["duplicate_of"].isna().sum() == 1  # one first report; the rest, in every part, repeat it


def test_rules_coder_marks_repeats_in_later_parts_of_a_long_document(tmp_path: Path) -> None:
    """rules.v1 marks a report repeated in each 100,000-character part as a duplicate of the first,
    as when the whole document is coded in one piece; a coder without ``mark_duplicates`` cannot."""
    calm = "Markets were calm. Traders said volumes were thin ahead of the holiday.\n\n" * 1500
    body = "SEOUL, July 3, 2019 (Yonhap) -- A long report follows.\n\n" + (PARA + calm) * 2 + PARA
    f = write(tmp_path / "long-protest.txt", body)
    parts = read_batch(f).documents
    assert [p.text.count("Japan protested") for p in parts] == [1, 1, 1]  # one report in each part
    result = code_files([f], coder="rules.v1")
    rules = get_coder("rules.v1")
    expected = rules([Document(doc_id="long-protest", text=body, date=dt.date(2019, 7, 3))])
    events = result.events.to_dict(orient="records")
    assert [(e["event_id"], e["cameo_code"], e["date"]) for e in events] == [(e.event_id, e.cameo_code, e.date) for e in expected]
    assert len(events) == 3 and len({(e["source_country"], e["target_country"], e["cameo_root"]) for e in events}) == 1
    first = events[0]["event_id"]
    assert [e["duplicate_of"] if isinstance(e["duplicate_of"], str) else None for e in events] == [None, first, first]
    assert [e.duplicate_of for e in expected] == [None, first, first]
    plain = code_files([f], coder=lambda docs: rules(docs))  # no mark_duplicates: each part marked on its own
    assert plain.events["duplicate_of"].isna().all()


def test_split_text_cuts_at_paragraphs_then_lines_then_sentences() -> None:
    text = ("a" * 60 + "\n\n") * 5
    assert split_text(text, 130) == [("a" * 60 + "\n\n") * 2] * 2 + ["a" * 60 + "\n\n"]
    one_para = "Japan spoke. " * 30
    pieces = split_text(one_para, 100)
    assert "".join(pieces) == one_para and all(len(p) <= 100 for p in pieces)
    assert all(p.endswith("spoke. ") for p in pieces)
    assert split_text("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


# -- JSON lines ---------------------------------------------------------------------------------------
def test_jsonl_with_malformed_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "jk-1", "date": "2019-07-01", "title": "Seoul protests", "text": WIRE, "url": "https://x.example/1",
                    "source": "Example"}),
        '{"id": "jk-2", "date": "2019-07-02", "text": "unterminated',
        "",
        json.dumps({"id": "jk-3", "date": "2019-13-01", "text": WIRE}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "jk-4", "date": "2019-07-04", "text": 42.5}),
        json.dumps({"date": "2019-07-04", "text": WIRE}),
        json.dumps({"id": 5, "date": "2019-07-05T08:00:00Z", "text": WIRE.replace("July 1, 2019", "July 5")}),
        json.dumps({"id": "jk-1", "date": "2019-07-06", "text": WIRE}),
    ]
    f = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    batch = read_batch(f)
    assert [(d.doc_id, d.date, d.line) for d in batch.documents] == [("jk-1", dt.date(2019, 7, 1), 1), ("5", dt.date(2019, 7, 5), 8)]
    first = batch.documents[0]
    assert (first.title, first.url, first.source, first.path) == ("Seoul protests", "https://x.example/1", "Example", str(f))
    skips = [(s.line, s.reason) for s in batch.report.skips]
    assert skips == [
        (2, "malformed line: not valid JSON (Unterminated string starting at column 46)"),
        (4, "bad field date: '2019-13-01' is not a date YYYY-MM-DD"),
        (5, "malformed line: a JSON list, not an object"),
        (6, "bad field text: must be a string, not float"),
        (7, "bad field id: missing (every line needs an id)"),
        (9, f"duplicate id: 'jk-1' (first at {f}, line 1)"),
    ]
    assert all(s.error for s in batch.report.skips)
    assert batch.report.read == 8 and counts_add_up(batch.report, len(batch.documents))


def test_jsonl_date_from_dateline_when_field_missing(tmp_path: Path) -> None:
    f = write(tmp_path / "a.jsonl", json.dumps({"id": "a", "text": WIRE}) + "\n")
    [doc] = read_batch(f).documents
    assert doc.date == dt.date(2019, 7, 1)


_id = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() == s and s != "")
_record = st.fixed_dictionaries(
    {"id": _id, "date": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)).map(dt.date.isoformat),
     "text": st.text(max_size=200)},
    optional={"title": st.text(max_size=30).map(str.strip), "url": st.text(max_size=30).map(str.strip),
              "source": st.text(max_size=30).map(str.strip)},
)


@given(_record)
def test_jsonl_record_round_trip(rec: dict[str, str]) -> None:
    doc = parse_jsonl_record(json.dumps(rec), path="x.jsonl", line=3)
    assert (doc.doc_id, doc.text, doc.date) == (rec["id"], rec["text"], dt.date.fromisoformat(rec["date"]))
    assert (doc.title, doc.url, doc.source) == (rec.get("title", ""), rec.get("url", ""), rec.get("source", ""))
    assert doc.line == 3


@given(st.text(max_size=80))
def test_jsonl_parser_never_crashes(line: str) -> None:
    try:
        doc = parse_jsonl_record(line, path="x.jsonl", line=7)
    except InputError as exc:
        assert str(exc).startswith("x.jsonl, line 7")
    else:
        assert doc.doc_id


_SENTENCES = [
    "Japan protested to South Korea on Monday over the ruling of the court.",
    "The foreign ministry of South Korea summoned the ambassador of Japan on Tuesday.",
    "Officials from both countries said that the talks would continue in Seoul.",
]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(_SENTENCES).map(lambda s: ("good", s)),
                          st.text(min_size=1, max_size=30).map(lambda s: ("junk", s))), max_size=25))
def test_jsonl_reader_counts_add_up(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    lines = []
    for i, (kind, value) in enumerate(rows):
        lines.append(json.dumps({"id": f"d{i}", "date": "2020-01-01", "text": value}) if kind == "good" else value.replace("\n", " "))
    f = tmp_path / "h.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ReadReport()
    docs = list(read_jsonl(f, report))
    assert report.read == len(docs) + report.skipped
    assert {d.line for d in docs} >= {i + 1 for i, (k, _) in enumerate(rows) if k == "good"}
    assert all(s.line is not None or s.kind in ("empty file", "binary file") for s in report.skips)


# -- HTML ---------------------------------------------------------------------------------------------
def test_html_page_with_main_text(tmp_path: Path) -> None:
    f = write(tmp_path / "seoul-protests.html", HTML_ARTICLE)
    [doc] = read_batch(f).documents
    assert doc.doc_id == "seoul-protests"
    assert doc.title == "Seoul protests export curbs"
    assert doc.url == "https://news.example.com/2019/07/02/seoul-protests"
    assert doc.date == dt.date(2019, 7, 2)
    assert doc.text.startswith("South Korea protested on Monday")
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.text.count("\n\n") == 2


def test_html_without_main_text_is_skipped(tmp_path: Path) -> None:
    f = write(tmp_path / "home.html", HTML_NAV_ONLY)
    batch = read_batch(f, default_date=dt.date(2019, 7, 1))
    assert batch.documents == []
    [skip] = batch.report.skips
    assert skip.kind == "no main text" and not skip.error and skip.path == str(f)


def test_html_without_date_uses_default(tmp_path: Path) -> None:
    page = re.sub(r'<meta property="article:published_time"[^>]*>', "", HTML_ARTICLE).replace("/2019/07/02/", "/world/")
    f = write(tmp_path / "p.htm", page)
    assert read_batch(f).report.skips[0].kind == "no date"
    [doc] = read_batch(f, default_date=dt.date(2019, 7, 9)).documents
    assert doc.date == dt.date(2019, 7, 9)


# -- feeds --------------------------------------------------------------------------------------------
def test_rss2_feed(tmp_path: Path) -> None:
    f = write(tmp_path / "wire.rss", RSS2)
    batch = read_batch(f)
    assert [(d.doc_id, d.date, d.url, d.source) for d in batch.documents] == [
        ("https://wire.example.com/1", dt.date(2019, 7, 2), "https://wire.example.com/1", "Example Wire"),
        ("https://wire.example.com/2", dt.date(2019, 7, 12), "https://wire.example.com/2", "Example Wire"),
    ]
    first, second = batch.documents
    assert first.text == ("South Korea protested on Monday against Japan's decision to tighten export controls on chip materials."
                          "\n\nSeoul called it retaliation.")
    assert first.title == "Seoul protests Tokyo's export curbs"
    assert second.text == second.title  # an item with a headline only is coded on its headline


def test_atom_feed_detected_by_content(tmp_path: Path) -> None:
    f = write(tmp_path / "feed.xml", ATOM)
    assert detect_format(f) == "rss"
    [doc] = read_batch(f).documents
    assert (doc.doc_id, doc.date, doc.url, doc.source) == ("urn:example:entry:1", dt.date(2023, 3, 16),
                                                           "https://atom.example.org/yoon-kishida", "Atom Wire")
    assert doc.text.startswith("Japanese Prime Minister Fumio Kishida met")


def test_not_a_feed_is_an_error_naming_the_file(tmp_path: Path) -> None:
    xml = write(tmp_path / "catalog.xml", NOT_A_FEED)
    page = write(tmp_path / "page.html", HTML_ARTICLE)
    batch = read_batch(xml)
    [err] = batch.report.failed
    assert str(err).startswith(f"{xml}: not an RSS or Atom feed")
    batch = read_batch([page, xml], fmt="rss")
    assert [e.path for e in batch.report.failed] == [str(page), str(xml)]
    assert batch.documents == [] and batch.report.read == 0


def test_auto_detection(tmp_path: Path) -> None:
    cases = {
        "a.txt": ("txt", WIRE), "b.jsonl": ("jsonl", "{}\n"), "c.html": ("html", HTML_ARTICLE), "d.rss": ("rss", RSS2),
        "e.xml": ("rss", ATOM), "f": ("html", HTML_ARTICLE), "g.dat": ("jsonl", '{"id": 1}\n'), "h.txt": ("rss", RSS2),
        "i": ("txt", "just words"),
    }
    for name, (kind, content) in cases.items():
        assert detect_format(write(tmp_path / name, content)) == kind, name


# -- dates ---------------------------------------------------------------------------------------------
WED = dt.date(2019, 7, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan protested on Monday.", dt.date(2019, 7, 1)),
    ("Japan protested on Wednesday.", WED),
    ("Japan protested on Thursday.", dt.date(2019, 6, 27)),
    ("Moon said Friday that Seoul would respond.", dt.date(2019, 6, 28)),
    ("Japan protested last Wednesday.", dt.date(2019, 6, 26)),
    ("Japan protested yesterday.", dt.date(2019, 7, 2)),
    ("Japan protested three days ago.", dt.date(2019, 6, 30)),
    ("Japan protested last week.", WED),
    ("They will meet next Friday.", WED),
    ("Seoul must answer by Monday.", WED),
    ("Abe met Moon on June 29 in Osaka.", dt.date(2019, 6, 29)),
    ("Abe met Moon on 29 June in Osaka.", dt.date(2019, 6, 29)),
    ("The deal was signed on Dec. 28, 2015.", dt.date(2015, 12, 28)),
    ("The talks will be held on July 10.", WED),
    ("The talks will be held on July 10, 2019.", WED),
    ("SEOUL, July 2 (Yonhap) -- South Korea protested.", dt.date(2019, 7, 2)),
    ("TOKYO (Reuters) - Japan said on Monday it would tighten curbs.", dt.date(2019, 7, 1)),
    ("Nothing here tells the date.", WED),
])
def test_refine_date(text: str, expected: dt.date) -> None:
    assert refine_date(WED, text) == expected


def test_year_inferred_never_in_future() -> None:
    january = dt.date(2020, 1, 5)
    assert refine_date(january, "They recalled the deal reached on Dec. 28.") == dt.date(2019, 12, 28)
    assert refine_date(january, "on Feb. 29") == january  # ahead but near: a forward reference
    assert refine_date(dt.date(2021, 6, 1), "born on Feb. 29") == dt.date(2020, 2, 29)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_weekday_is_latest_on_or_before(doc_date: dt.date, weekday: str) -> None:
    d = refine_date(doc_date, f"Officials met on {weekday} in Seoul.")
    assert d.strftime("%A") == weekday and doc_date - dt.timedelta(days=6) <= d <= doc_date


_WORDS = ["on", "last", "next", "Monday", "Friday", "yesterday", "today", "March", "Dec.", "6", "29", "31", "2019",
          "2099", ",", "SEOUL,", "(Yonhap)", "--", "days", "ago", "two", "week", "Sept.", "1"]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)), st.lists(st.sampled_from(_WORDS), max_size=12))
def test_refined_date_is_never_after_the_document(doc_date: dt.date, words: list[str]) -> None:
    assert refine_date(doc_date, " ".join(words)) <= doc_date


@pytest.mark.parametrize(("text", "place", "month", "day", "year", "agency"), [
    ("SEOUL, March 6 (Yonhap) -- North Korea fired", "SEOUL", 3, 6, None, "Yonhap"),
    ("TOKYO (Reuters) - Japan said", "TOKYO", None, None, None, "Reuters"),
    ("WASHINGTON, Jan. 5, 2019 (AP) — The", "WASHINGTON", 1, 5, 2019, "AP"),
    ("SEOUL, South Korea (AP) — The", "SEOUL", None, None, None, "AP"),
    ("NEW YORK, Sept. 30 -- The UN", "NEW YORK", 9, 30, None, ""),
])
def test_parse_dateline(text: str, place: str, month: int | None, day: int | None, year: int | None, agency: str) -> None:
    line = parse_dateline(text)
    assert line is not None
    assert (line.place, line.month, line.day, line.year, line.agency) == (place, month, day, year, agency)


@pytest.mark.parametrize("text", ["South Korea said on Tuesday", "US - China talks", "SEOUL, Feb. 30 (Yonhap) -- x", ""])
def test_not_a_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_document_date() -> None:
    assert document_date("2019-07-01\n\nJapan said") == dt.date(2019, 7, 1)
    assert document_date("Date: 1 July 2019\nJapan said") == dt.date(2019, 7, 1)
    assert document_date("Monday, July 1, 2019\nJapan said") == dt.date(2019, 7, 1)
    assert document_date("SEOUL, July 1 (Yonhap) -- x", dt.date(2020, 2, 1)) == dt.date(2019, 7, 1)
    assert document_date("SEOUL, July 1 (Yonhap) -- x") is None
    assert document_date("Japan said on Monday", dt.date(2020, 2, 1)) == dt.date(2020, 2, 1)
    assert document_date("Japan said on Monday") is None
