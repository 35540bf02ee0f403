"""The word-order backoff for sources (roles.py ``Roles.backoff_sources``).

The parses are built by hand, as the small parser gets them wrong on wire copy, so the tests
do not depend on the model: a headline whose subject the parser took for a noun modifier, a
trigger whose subject is a thing, a passive without an agent, a clause break. None of the
sentences is taken from a gold file.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyadwatch.coding.actors import DocumentContext, actor_dictionary
from dyadwatch.coding.roles import BACKOFF, Roles
from dyadwatch.coding.syntax import SentenceActors


def _roles(words: list[str], tags: list[str], heads: list[int], deps: list[str]) -> tuple[Roles, Doc]:
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags, heads=heads, deps=deps)
    mentions = actor_dictionary().mentions(doc.text, DocumentContext(date=None))
    return Roles(doc, SentenceActors.build(doc, mentions), {}, []), doc


def test_headline_subject_parsed_as_modifier_backs_off_to_the_coordination() -> None:
    # "Macron and Scholz sign defence pact in Paris": both names hang on the verb as a modifier
    roles, doc = _roles(["Macron", "and", "Scholz", "sign", "defence", "pact", "in", "Paris"],
                        ["NNP", "CC", "NNP", "VB", "NN", "NN", "IN", "NNP"],
                        [3, 0, 0, 3, 5, 3, 3, 6], ["nmod", "cc", "conj", "ROOT", "compound", "dobj", "prep", "pobj"])
    found, how = roles.sources(doc[3])
    assert how == BACKOFF
    assert sorted(f.actor.code for f in found) == ["DEU", "FRA"]
    assert all(f.coordinated for f in found)


def test_a_subject_that_names_no_actor_means_no_source() -> None:
    # "A typhoon slammed Japan": the parser found a subject; it is no actor
    roles, doc = _roles(["A", "typhoon", "slammed", "Japan"], ["DT", "NN", "VBD", "NNP"], [1, 2, 2, 2],
                        ["det", "nsubj", "ROOT", "dobj"])
    assert roles.sources(doc[2])[0] == []


def test_no_source_from_a_place_phrase_or_across_a_clause_break() -> None:
    # "In Seoul, talks ended; sign deal": the actor is a place phrase and a clause break lies between
    roles, doc = _roles(["Officials", "in", "Seoul", "left", ";", "sign", "deal"], ["NNS", "IN", "NNP", "VBD", ":", "VB", "NN"],
                        [3, 0, 1, 3, 3, 5, 5], ["npadvmod", "prep", "pobj", "ROOT", "punct", "dep", "dobj"])
    assert roles.backoff_sources(doc[5]) == []


def test_passive_without_agent_takes_a_loose_by_phrase_not_the_patient() -> None:
    # "Japan was rejected on Friday by China": "by China" hung on "Friday"
    words = ["Japan", "was", "rejected", "on", "Friday", "by", "China"]
    tags = ["NNP", "VBD", "VBN", "IN", "NNP", "IN", "NNP"]
    roles, doc = _roles(words, tags, [2, 2, 2, 2, 3, 4, 5], ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "prep", "pobj"])
    assert [f.actor.code for f in roles.backoff_sources(doc[2])] == ["CHN"]
    roles, doc = _roles(words[:5], tags[:5], [2, 2, 2, 2, 3], ["nsubjpass", "auxpass", "ROOT", "prep", "pobj"])
    assert roles.backoff_sources(doc[2]) == []
