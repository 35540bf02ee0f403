"""The headline repair (coding/headline.py) and the 1.3.0 lexicon and actor rows.

The repair is tested on parses built by hand (the small parser's misreadings), end to end on
the model as well.

Sentences are the project's own; none is taken from a gold file.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from dyadwatch.coding import Document, code_documents, headline
from dyadwatch.coding.actors import DocumentContext, actor_dictionary
from dyadwatch.coding.verbs import lexicon

CASES: list[tuple[str, str, str, set[tuple[str, str, str]]]] = [
    # a verb read as the subject of the second verb ("meet ..., agree"): both verbs code
    ('headline verb as subject', 'Modi and Sharif meet in Astana, agree to resume talks', '2024-07-04',
     {('IND', 'PAK', '044'), ('PAK', 'IND', '044'), ('IND', 'PAK', '036'), ('PAK', 'IND', '036')}),
    # a sentence with a full stop is no headline and parses as before
    ('not a headline', 'The EU shuts its airspace to Russian planes.', '2022-03-01', {('EEC', 'RUS', '191')}),
    # "Southeast Asian foreign ministers" are ASEAN's; excluding a state's leader from a forum is 160
    ('ASEAN ministers, exclude from', 'Southeast Asian foreign ministers agreed on Friday to exclude Myanmar\'s junta chief '
     'from their summit.', '2021-10-16', {('ASN', 'MMR', '160')}),
]


@pytest.mark.parametrize(("pattern", "text", "day", "expected"), CASES, ids=[c[0] for c in CASES])
def test_headline_and_1_3_rows(pattern: str, text: str, day: str, expected: set[tuple[str, str, str]]) -> None:
    got = {(e.source_country, e.target_country, e.cameo_code)
           for e in code_documents([Document("t", text, dt.date.fromisoformat(day))])}
    assert got == expected, pattern


def _doc(words: list[str], tags: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps)


def _repair(doc: Doc) -> bool:
    return headline.repair(doc, actor_dictionary().mentions(doc.text, DocumentContext(date=None)), lexicon())


def test_verb_read_as_compound_of_its_object() -> None:
    # "EU shuts ports to Russian ships, will send aid": "shuts" a compound of "ports", the subject of "send"
    doc = _doc(["EU", "shuts", "ports", "to", "Russian", "ships", ",", "will", "send", "aid"],
               ["NNP", "NNS", "NNS", "IN", "JJ", "NNS", ",", "MD", "VB", "NN"],
               ["PROPN", "NOUN", "NOUN", "ADP", "ADJ", "NOUN", "PUNCT", "AUX", "VERB", "NOUN"],
               [1, 2, 8, 2, 5, 3, 2, 8, 8, 8], ["compound", "compound", "nsubj", "prep", "amod", "pobj", "punct", "aux", "ROOT", "dobj"])
    assert _repair(doc)
    shuts = doc[1]
    assert (shuts.dep_, shuts.tag_, shuts.lemma_) == ("ROOT", "VBZ", "shut")
    assert (doc[0].head.i, doc[0].dep_) == (1, "nsubj")
    assert (doc[2].head.i, doc[2].dep_) == (1, "dobj")
    assert doc[3].head.i == 1  # "to Russian ships" moves from the object to the verb
    assert (doc[8].head.i, doc[8].dep_) == (1, "conj")


def test_verb_read_as_subject_of_the_next_verb() -> None:
    # "Japan and China meet in Osaka, agree ...": "meet" the subject of "agree", the names its modifiers
    doc = _doc(["Japan", "and", "China", "meet", "in", "Osaka", ",", "agree"], ["NNP", "CC", "NNP", "NN", "IN", "NNP", ",", "VBP"],
               ["PROPN", "CCONJ", "PROPN", "NOUN", "ADP", "PROPN", "PUNCT", "VERB"],
               [3, 0, 0, 7, 3, 4, 3, 7], ["nmod", "cc", "conj", "nsubj", "prep", "pobj", "punct", "ROOT"])
    assert _repair(doc)
    assert (doc[3].dep_, doc[3].tag_, doc[0].head.i, doc[0].dep_, doc[7].dep_) == ("ROOT", "VBP", 3, "nsubj", "conj")


def test_no_repair_with_a_full_stop_a_determiner_or_no_opening_actor() -> None:
    words = ["EU", "shuts", "ports", "."]
    doc = _doc(words, ["NNP", "NNS", "NNS", "."], ["PROPN", "NOUN", "NOUN", "PUNCT"], [1, 2, 2, 2],
               ["compound", "compound", "ROOT", "punct"])
    assert not _repair(doc)
    doc = _doc(["The", "meet", "in", "Osaka"], ["DT", "NN", "IN", "NNP"], ["DET", "NOUN", "ADP", "PROPN"], [1, 1, 1, 2],
               ["det", "ROOT", "prep", "pobj"])
    assert not _repair(doc)
