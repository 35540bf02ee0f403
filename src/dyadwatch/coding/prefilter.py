"""Decide cheaply, before paying for a parse, which sentences cannot carry an event.

A sentence is parsed only when one of its words is a form of a trigger lemma from
verbs.csv and the dictionary matcher finds actors of at least two different countries or
organisations, counting those of the sentence before when this one names at least one
actor or starts with a pronoun ("Japan condemned the launch" after "North Korea fired a
missile"; "It also summoned ..."). Both tests only drop sentences the coder could not
code anyway: every event needs a trigger from the lexicon and a source and a target of
different countries, named in the sentence or, for pronouns and reactions, in the one
before (tests/test_coder_prefilter.py checks that the coder's output is the same with
and without the pre-filter, on the gold set and the demo corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dyadwatch.coding.actors import Mention
from dyadwatch.coding.verbs import Lexicon

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "rep", "sen", "gov", "st", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "corp",
    "co", "ltd", "jr", "sr", "prof", "pres", "u.s", "u.k", "u.n", "e.u", "d.c", "p.m", "a.m", "approx", "est", "dept",
    "univ", "assn", "bros", "fig", "vol",
})
_END = re.compile(r"([.!?]['\"”’)]*)(\s+)(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"\w+")
_LEADING_PRONOUN = re.compile(r"^\W*(?:It|They|He|She|Its|Their|His|Her)\b")
#: References to several actors named before ("The two sides agreed", "They pledged").
_GROUP = re.compile(r"\b(?:the|both)(?: two| three)? (?:sides|countries|nations|governments|leaders|neighbou?rs|allies|states|"
                    r"parties|capitals|rivals|foes|powers|delegations|ministers|presidents|foreign ministers|"
                    r"defen[cs]e ministers)\b|\b(?:each other|one another|they|them|their)\b", re.IGNORECASE)


#: A wire dateline before the first sentence: "SEOUL, May 7 (Kyodo) --", "BEIJING (Reuters) -".
DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
                      r",? \([A-Za-z .&'-]+\) ?(?:--|-|–|—) ?")


def dateline_end(text: str, start: int) -> int:
    """Where the sentence starting at ``start`` really begins, after a wire dateline if it has one:
    the place and agency of a dateline ("SEOUL", "Kyodo") are no actors of the story."""
    m = DATELINE.match(text, start)
    return m.end() if m else start


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of ``text``; paragraphs always split; a
    leading wire dateline is not part of the first sentence."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        for m in _END.finditer(chunk):
            before = chunk[: m.start(1)]
            word = re.search(r"([\w.]+)$", before)
            last = (word.group(1) if word else "").lower().rstrip(".")
            if m.group(1).startswith(".") and (last in ABBREVIATIONS or re.fullmatch(r"[a-z]", last or "")):
                continue
            end = para.start() + m.end(1)
            if text[start:end].strip():
                spans.append(_trim(text, start, end))
            start = para.start() + m.end()
        if text[start : para.end()].strip():
            spans.append(_trim(text, start, para.end()))
    if spans:
        s0, e0 = spans[0]
        s1 = dateline_end(text, s0)
        if s1 < e0:
            spans[0] = (s1, e0)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Prefilter:
    """The pre-parse test, built once per lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.keywords = lexicon.keywords()

    def has_trigger(self, sentence: str) -> bool:
        return any(w.lower() in self.keywords for w in _WORD.findall(sentence))

    def candidate(self, sentence: str, mentions: Iterable[Mention], previous_codes: Iterable[str] = ()) -> bool:
        """True when ``sentence`` may carry an interstate event and is worth parsing."""
        codes = {m.code for m in mentions if m.code}
        if codes or _LEADING_PRONOUN.match(sentence) or _GROUP.search(sentence):
            codes |= set(previous_codes)
        return len(codes) >= 2 and self.has_trigger(sentence)
