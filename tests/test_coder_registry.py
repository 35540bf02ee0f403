"""The coder registry, the public API, and purity (same input, same output; no store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from dyadwatch.coding import EVENT_FIELDS, CodedEvent, Document, code_documents, coder_names, events_frame, get_coder
from dyadwatch.coding.registry import register_coder
from dyadwatch.errors import CodingError, ConfigError

DOCS = [
    Document("a", "Japan and South Korea held talks in Tokyo on Friday. Seoul later urged Tokyo to lift its curbs.",
             dt.date(2024, 5, 7)),
    Document("b", "North Korea fired a ballistic missile over Japan on Tuesday.", dt.date(2022, 10, 4)),
]


def test_builtin_and_unknown() -> None:
    assert "rules.v1" in coder_names()
    with pytest.raises(ConfigError, match=r"unknown coder 'nope'; known coders: .*rules\.v1"):
        get_coder("nope")
    with pytest.raises(ConfigError, match="bad configuration"):
        get_coder("rules.v1", colour="red")
    with pytest.raises(CodingError, match="not installed"):
        get_coder("rules.v1", model="no_such_pipeline_xx")


def test_third_party_coder() -> None:
    @register_coder("test.echo")
    def make(*, tag: str = "x") -> object:
        def run(docs: Sequence[Document]) -> list[CodedEvent]:
            return []
        return run

    assert "test.echo" in coder_names()
    assert code_documents(DOCS, coder="test.echo", tag="y") == []


def test_pure_same_input_same_output() -> None:
    first = [e.as_dict() for e in code_documents(DOCS)]
    second = [e.as_dict() for e in code_documents(list(reversed(DOCS)))]
    assert first and sorted(first, key=str) == sorted(second, key=str)
    # coding a document alone or in a batch gives the same events
    alone = [e.as_dict() for e in code_documents(DOCS[1:])]
    assert alone == [d for d in first if d["doc_id"] == "b"]


def test_no_store_touched(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    code_documents(DOCS)
    assert not list(tmp_path.iterdir())  # type: ignore[attr-defined]


def test_events_frame_columns() -> None:
    frame = events_frame(code_documents(DOCS))
    assert list(frame.columns) == list(EVENT_FIELDS)
    assert len(frame) >= 4 and set(frame["coder"].str.split().str[0]) == {"rules.v1"}
    assert list(events_frame([]).columns) == list(EVENT_FIELDS)


def test_batching_and_processes_do_not_change_events() -> None:
    base = [e.as_dict() for e in get_coder("rules.v1")(DOCS * 3)]
    assert [e.as_dict() for e in get_coder("rules.v1", batch_size=1)(DOCS * 3)] == base


def test_processes_give_the_same_events() -> None:
    docs = DOCS * 4
    one = [e.as_dict() for e in get_coder("rules.v1")(docs)]
    two = [e.as_dict() for e in get_coder("rules.v1", n_process=2)(docs)]
    assert two == one


def test_fast_tag_attributes_match_the_full_pipeline() -> None:
    import spacy

    from dyadwatch.coding.rules import load_model
    from dyadwatch.settings import setting

    nlp, attrs = load_model(setting("spacy_model"))
    assert attrs is not None
    full = spacy.load(setting("spacy_model"), exclude=["ner"])
    text = ("Seoul said Tokyo's curbs, which were imposed in July, had violated the rules, and it did not rule out "
            "that talks that were held there could resume.")
    ref = [(t.pos_, t.lemma_) for t in full(text)]
    got = [(t.pos_, t.lemma_) for t in attrs(nlp(text))]
    assert got == ref
