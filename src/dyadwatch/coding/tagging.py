"""Part-of-speech and lemmas from the tagger's tags, without spaCy's attribute ruler and lemmatizer.

English spaCy pipelines set ``pos_``, ``morph`` and ``lemma_`` in two Python components
(``attribute_ruler`` and a rule ``lemmatizer``) that cost as much as the parser on short
news sentences. Nearly all attribute-ruler patterns are single-token ``TAG`` (or ``TAG`` +
``LOWER``) rules, which compile into two dictionaries; the few that look at the parse
(auxiliaries, subordinating ``IN``, pronominal determiners, main-verb do/have) are the
``_by_dep`` rules below; colloquial multi-token lemma rules ("gonna") are left out. Lemmas
repeat, so the pipeline's own lemmatizer is asked once per (word, tag) and cached.
tests/test_coder_registry.py checks the result against the full pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

_Attrs = dict[str, str]


class TagAttributes:
    """Sets POS, MORPH and LEMMA on a parsed Doc from its tags (see module docstring)."""

    def __init__(self, by_tag: dict[str, _Attrs], by_word: dict[tuple[str, str], _Attrs], lemmatizer: Any) -> None:
        self.by_tag = by_tag
        self.by_word = by_word
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, str], str] = {}

    @classmethod
    def from_pipeline(cls, nlp: Any) -> TagAttributes | None:
        """Compile the pipeline's attribute ruler, or None when it has rules this cannot express."""
        if "attribute_ruler" not in nlp.component_names or "lemmatizer" not in nlp.component_names:
            return None
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", "") != "rule":
            return None
        by_tag: dict[str, _Attrs] = {}
        by_word: dict[tuple[str, str], _Attrs] = {}
        for rule in nlp.get_pipe("attribute_ruler").patterns:
            attrs = {k: str(v) for k, v in rule["attrs"].items()}
            for pattern in rule["patterns"]:
                if len(pattern) != 1:
                    continue
                tok = pattern[0]
                keys = set(tok)
                if keys == {"TAG"}:
                    by_tag.setdefault(tok["TAG"], {}).update(attrs)
                elif keys == {"TAG", "LOWER"}:
                    lowers = tok["LOWER"]["IN"] if isinstance(tok["LOWER"], dict) else [tok["LOWER"]]
                    for low in lowers:
                        by_word.setdefault((tok["TAG"], low), {}).update(attrs)
                # other patterns look at the parse (see _by_dep) or set colloquial lemmas: skipped
        return cls(by_tag, by_word, lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            tag = tok.tag_
            attrs = self.by_tag.get(tag, {})
            extra = self.by_word.get((tag, tok.lower_))
            if extra:
                attrs = {**attrs, **extra}
            tok.pos_ = _by_dep(tok, attrs.get("POS", "X"))
            key = (tok.orth, tag)
            lemma = attrs.get("LEMMA") or self.cache.get(key)
            if lemma is None:
                morph = attrs.get("MORPH")
                if morph and morph != "_":
                    tok.set_morph(morph)  # type: ignore[attr-defined]  # missing from the stubs
                lemma = self.lemmatizer.lemmatize(tok)[0]
                self.cache[key] = lemma
            tok.lemma_ = lemma
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


_DO_HAVE = frozenset({"do", "does", "did", "'d", "have", "has", "had"})
_MAIN_VERB_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})


def _by_dep(tok: Any, pos: str) -> str:
    """The English attribute ruler's parse-dependent POS rules, in its order."""
    dep, tag = tok.dep_, tok.tag_
    if tag == "CC" and dep == "advmod" and tok.lower_ == "but":
        pos = "ADV"
    if tag != "TO" and dep in ("aux", "auxpass"):
        pos = "AUX"
    if tok.lower_ in _DO_HAVE and dep in _MAIN_VERB_DEPS:
        pos = "VERB"
    if tag == "IN" and dep == "mark":
        pos = "SCONJ"
    if tag in ("DT", "WDT") and dep not in ("det", "quantmod", ""):
        pos = "PRON"
    return pos
