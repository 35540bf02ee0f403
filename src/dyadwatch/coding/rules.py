"""The ``rules.v1`` coder: dictionaries + a dependency parse + verbs.csv patterns.

Per document: split sentences with a regex, find actors with the dictionary matcher
(actors.py), keep the sentences the pre-filter passes (prefilter.py), parse those with
spaCy in batches (``nlp.pipe``; POS and lemmas by tagging.py), code each parsed sentence
(clauses.py), then give every event its date (``refine_date``), Goldstein score, quad
class, PLOVER category and mode, and mark repeated reports within the document. With
``n_process`` > 1, chunks of whole documents are coded in forked worker processes.

The coder is a pure function of its input and configuration: no global state, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dyadwatch.coding import headline
from dyadwatch.coding.actors import ActorDictionary, DocumentContext, Mention, actor_dictionary
from dyadwatch.coding.clauses import Draft, SentenceCoder
from dyadwatch.coding.dates import refine_date
from dyadwatch.coding.dictionaries import load_dictionaries
from dyadwatch.coding.document import CodedEvent, Document
from dyadwatch.coding.prefilter import Prefilter, split_sentences
from dyadwatch.coding.registry import register_coder
from dyadwatch.coding.syntax import Actor, SentenceActors
from dyadwatch.coding.tagging import TagAttributes
from dyadwatch.coding.verbs import Lexicon, lexicon
from dyadwatch.errors import CodingError, InputError
from dyadwatch.ontology import cameo_code, plover_of
from dyadwatch.settings import setting

NAME = "rules.v1"
VERSION = "1.10.0"
#: Pipeline components the coder needs; the others (ner, senter) are not loaded.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@cache
def load_model(name: str) -> tuple[Any, TagAttributes | None]:
    """The installed spaCy pipeline ``name`` with only the components the coder uses, and the
    fast replacement of its attribute ruler and lemmatizer (tagging.py) when one applies."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise CodingError(
            f"spaCy pipeline {name!r} is not installed (set DYADWATCH_SPACY_MODEL to an installed English pipeline): {exc}"
        ) from None
    _keep_hyphenated_names(nlp)
    attrs = TagAttributes.from_pipeline(nlp)
    for pipe in list(nlp.pipe_names):
        if pipe not in COMPONENTS or (attrs is not None and pipe in ("attribute_ruler", "lemmatizer")):
            nlp.disable_pipe(pipe)
    return nlp, attrs


#: English words that end some romanised given names ("Moon Jae-in", "Liu Feng-he"): split off, they read as a
#: preposition or pronoun and break the parse of the whole sentence.
_FUNCTION_PARTS = frozenset({"in", "on", "at", "to", "as", "by", "an", "or", "so", "do", "up", "it", "is", "he", "we", "me",
                             "no", "of", "if", "be", "us"})


def _keep_hyphenated_names(nlp: Any) -> None:
    """Keep "Jae-in" one token: a hyphenated part of a known person's name whose second half is a function word."""
    from spacy.symbols import ORTH

    for person in load_dictionaries().people:
        for name in (person.name, *person.aliases):
            for word in name.split():
                head, _, tail = word.partition("-")
                if head and tail.lower() in _FUNCTION_PARTS:
                    nlp.tokenizer.add_special_case(word, [{ORTH: word}])


@dataclass
class _Sentence:
    doc_index: int
    index: int
    start: int
    text: str
    mentions: list[Mention]
    previous: list[Mention]
    previous_index: int
    older: list[Mention]
    candidate: bool
    prior: list[tuple[str, list[Mention]]] = field(default_factory=list)


@dataclass
class RulesCoder:
    """Callable coder: ``RulesCoder()(documents) -> list[CodedEvent]``."""

    model: str = ""
    n_process: int = 1
    batch_size: int = 256
    prefilter: bool = True
    dictionaries: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    actors: ActorDictionary = field(init=False, repr=False)
    lexicon: Lexicon = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.model = self.model or setting("spacy_model")
        if self.n_process < 1 or self.batch_size < 1:
            raise CodingError("n_process and batch_size must be at least 1")
        self.actors = actor_dictionary(self.dictionaries)
        self.lexicon = lexicon(self.verbs)
        self._filter = Prefilter(self.lexicon)
        load_model(self.model)  # fail early (a named CodingError) and keep model loading out of coding time

    @property
    def name(self) -> str:
        return f"{NAME} {VERSION}"

    def count_sentences(self, text: str) -> int:
        """How many sentences this coder sees in ``text`` (its ``sentence_index`` runs over them)."""
        return len(split_sentences(text))

    def mark_duplicates(self, events: list[CodedEvent]) -> list[CodedEvent]:
        """Mark repeated reports among one document's ``events`` (in document order), as the coder
        does within each call: the pipeline calls this over all parts of a long document at once."""
        return mark_duplicates(events)

    # -- stages -------------------------------------------------------------------------------

    def sentences(self, docs: Sequence[Document]) -> list[_Sentence]:
        """Every sentence of every document, with its actor mentions and the pre-filter's verdict."""
        out: list[_Sentence] = []
        for d_i, doc in enumerate(docs):
            if doc.date is None:
                raise InputError("document has no date: cannot code it", path=doc.path or doc.doc_id, line=doc.line, field="date")
            ctx = DocumentContext(date=doc.date)
            previous: list[Mention] = []
            previous_index = -1
            older: list[list[Mention]] = []
            prior: list[tuple[str, list[Mention]]] = []
            for s_i, (start, end) in enumerate(split_sentences(doc.text)):
                text = doc.text[start:end]
                mentions = self.actors.mentions(text, ctx)
                recent = [m.code for m in (*previous, *(m for ms in older for m in ms)) if m.code]
                cand = self._filter.candidate(text, mentions, recent) if self.prefilter else True
                out.append(_Sentence(d_i, s_i, start, text, mentions, previous, previous_index,
                                     [m for ms in older for m in ms], cand, prior))
                if any(m.code for m in mentions):
                    prior = [(text, [m for m in mentions if m.code and m.kind != "place"]), *prior][:3]
                    older = [previous, *older][:2] if previous else older
                    previous = [m for m in mentions if m.code and m.kind != "place"]
                    previous_index = s_i
        return out

    def _parse(self, texts: list[str]) -> Iterator[Any]:
        nlp, attrs = load_model(self.model)
        docs = nlp.pipe(texts, batch_size=self.batch_size)
        yield from (attrs.pipe(docs) if attrs is not None else docs)

    def __call__(self, docs: Sequence[Document]) -> list[CodedEvent]:
        docs = list(docs)
        if self.n_process > 1 and len(docs) >= 2 * self.n_process:
            return self._in_processes(docs)
        return self._code(docs)

    def _in_processes(self, docs: list[Document]) -> list[CodedEvent]:
        """Code chunks of whole documents in ``n_process`` worker processes (documents are
        independent, so the result is the same as in one process); only documents and events
        cross process boundaries, and forked workers share the loaded model."""
        import multiprocessing as mp

        n_chunks = self.n_process * 4
        size = max(1, -(-len(docs) // n_chunks))
        chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
        config = (self.model, self.batch_size, self.prefilter, self.dictionaries, self.verbs)
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        with mp.get_context(method).Pool(self.n_process) as pool:
            parts = pool.starmap(_code_chunk, [(config, chunk) for chunk in chunks])
        return [e for part in parts for e in part]

    def _code(self, docs: list[Document]) -> list[CodedEvent]:
        sents = self.sentences(docs)
        todo = [s for s in sents if s.candidate]
        drafts: dict[tuple[int, int], list[Draft]] = {}
        groups: dict[tuple[int, int], list[Actor]] = {}
        latest: dict[int, tuple[int, list[Actor]]] = {}
        for s, parsed in zip(todo, self._parse([s.text for s in todo]), strict=True):
            headline.repair(parsed, s.mentions, self.lexicon)
            actors = SentenceActors.build(parsed, s.mentions)
            # who acted in the sentence before (its first event's sources), for "They agreed ..."; when
            # that sentence told no event, who acted in the one before it (a sentence of background
            # between "Kishida and Yoon met ..." and "They also agreed ..." does not change the subject)
            recent = latest.get(s.doc_index)
            group_before = recent[1] if recent is not None and s.index - recent[0] <= 2 else []
            previous = groups.get((s.doc_index, s.previous_index)) or group_before or [_placeholder(m, parsed) for m in s.previous]
            previous = [_placeholder(a, parsed) for a in previous]
            # for reactions ("Japan condemned the launch"): everyone named in the sentences before
            older = [_placeholder(m, parsed) for m in (*s.previous, *s.older)]
            coder = SentenceCoder(parsed, actors, self.lexicon, doc_date=docs[s.doc_index].date, previous=previous, older=older,
                                  prior=s.prior)
            found = coder.code()
            drafts[(s.doc_index, s.index)] = found
            if found:
                first = min(d.order for d in found)
                group: dict[str, Actor] = {}
                for d in found:
                    if d.order == first:
                        group.setdefault(d.source.code, d.source)
                groups[(s.doc_index, s.index)] = list(group.values())
                latest[s.doc_index] = (s.index, list(group.values()))
        events: list[CodedEvent] = []
        by_doc: dict[int, list[CodedEvent]] = {}
        for s in todo:
            doc = docs[s.doc_index]
            assert doc.date is not None
            for n, d in enumerate(drafts.get((s.doc_index, s.index), [])):
                by_doc.setdefault(s.doc_index, []).append(self._event(doc, s, n, d))
        for d_i in sorted(by_doc):
            events += mark_duplicates(by_doc[d_i])
        return events

    def _event(self, doc: Document, s: _Sentence, n: int, d: Draft) -> CodedEvent:
        assert doc.date is not None
        info = cameo_code(d.code)
        plover, mode = plover_of(d.code)
        return CodedEvent(
            event_id=f"{doc.doc_id}:{s.index}:{n}",
            doc_id=doc.doc_id,
            date=refine_date(doc.date, s.text),
            source_actor=_actor_text(d.source),
            source_country=d.source.code,
            source_sector=d.source.sector,
            target_actor=_actor_text(d.target),
            target_country=d.target.code,
            target_sector=d.target.sector,
            cameo_code=d.code,
            cameo_root=d.code[:2],
            plover=plover,
            plover_mode=mode,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            sentence=s.text,
            sentence_index=s.index,
            trigger=d.trigger,
            rule=d.rule,
            coder=self.name,
            confidence=d.confidence,
            url=doc.url,
        )


def _code_chunk(config: tuple[str, int, bool, tuple[str, ...], tuple[str, ...]], docs: list[Document]) -> list[CodedEvent]:
    """Worker-process entry: code ``docs`` with a single-process coder of the same configuration."""
    model, batch_size, prefilter, dictionaries, verbs = config
    coder = RulesCoder(model=model, n_process=1, batch_size=batch_size, prefilter=prefilter, dictionaries=dictionaries,
                       verbs=verbs)
    return coder._code(docs)


def _placeholder(m: Mention | Actor, parsed: Any) -> Actor:
    """An actor of an earlier sentence, for pronouns ("It also summoned ...") and "the launch"."""
    tok = parsed[0]
    return Actor(m.code, m.sector, m.text, m.label, m.kind, tok, tok, m.in_office)


def _actor_text(a: Actor) -> str:
    if a.kind == "person" or a.anchor.i == a.root.i or a.anchor.doc is not a.root.doc:
        return a.label if a.kind == "person" else a.text
    lo, hi = min(a.root.i, a.anchor.i), max(a.root.i, a.anchor.i)
    return a.root.doc[lo : hi + 1].text


def mark_duplicates(events: list[CodedEvent]) -> list[CodedEvent]:
    """Within one document, later reports of the same (source, target, root, date) point to the first."""
    first: dict[tuple[str, str, str, dt.date], str] = {}
    for e in events:
        key = (e.source_country, e.target_country, e.cameo_root, e.date)
        if key in first:
            e.duplicate_of = first[key]
        else:
            first[key] = e.event_id
    return events


@register_coder(NAME)
def make_rules_coder(
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 256,
    prefilter: bool = True,
    dictionaries: Sequence[str | Path] = (),
    verbs: Sequence[str | Path] = (),
) -> RulesCoder:
    """The rule-based coder. ``dictionaries``: user actor files; ``verbs``: user pattern files."""
    return RulesCoder(
        model=model or "",
        n_process=n_process,
        batch_size=batch_size,
        prefilter=prefilter,
        dictionaries=tuple(str(p) for p in dictionaries),
        verbs=tuple(str(p) for p in verbs),
    )
