"""The pre-filter: a cheap sentence split and test that never loses an event the coder finds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyadwatch.coding import Document, get_coder
from dyadwatch.coding.prefilter import split_sentences

GOLD = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "data" / "gold"
CORPUS = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "data" / "corpus" / "jpkr_news.jsonl"


def _gold_docs() -> list[Document]:
    docs = []
    for name in ("dev.jsonl", "test.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "dev5.jsonl", "holdout.jsonl", "holdout3.jsonl"):
        if not (GOLD / name).is_file():
            continue
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            docs.append(Document(f"{name}:{rec['id']}", rec["text"], dt.date.fromisoformat(rec["date"])))
    return docs


def _key(e: object) -> tuple[object, ...]:
    return tuple(getattr(e, f) for f in ("event_id", "source_country", "target_country", "cameo_code", "rule", "confidence"))


@pytest.mark.skipif(not (GOLD / "dev.jsonl").is_file(), reason="gold set not present")
def test_prefilter_loses_no_gold_event() -> None:
    docs = _gold_docs()
    with_filter = get_coder("rules.v1")(docs)
    without = get_coder("rules.v1", prefilter=False)(docs)
    assert sorted(map(_key, with_filter)) == sorted(map(_key, without))


@pytest.mark.skipif(not CORPUS.is_file(), reason="demo corpus not present")
def test_prefilter_skips_most_background_sentences() -> None:
    coder = get_coder("rules.v1")
    docs = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        docs.append(Document(rec["id"], rec["text"], dt.date.fromisoformat(rec["date"])))
    sents = coder.sentences(docs)
    # the demo corpus is Japan-Korea news: nine sentences in ten name two actors ("inter-Korean" names both
    # Koreas), so the filter passes most of them; it must still skip some, and lose no event (below)
    assert 0.2 < sum(s.candidate for s in sents) / len(sents) < 0.93
    assert sorted(map(_key, coder(docs))) == sorted(map(_key, get_coder("rules.v1", prefilter=False)(docs)))


def test_split_sentences_keeps_abbreviations() -> None:
    text = "The U.S. and Japan met on Feb. 23 in Washington. Mr. Kim said it was fine! Was it? Yes.\nNew paragraph"
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["The U.S. and Japan met on Feb. 23 in Washington.", "Mr. Kim said it was fine!", "Was it?", "Yes.",
                   "New paragraph"]


@given(st.lists(st.sampled_from(["Japan protested.", "Seoul said so.", "The U.S. agreed.", "It rained."]), max_size=8))
def test_split_sentences_round_trip(parts: list[str]) -> None:
    text = " ".join(parts)
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == parts
