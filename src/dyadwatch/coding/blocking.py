"""When a trigger is no event: negated, conditional, hypothetical, denied, failed, background.

"did not attack", "neither Japan nor Korea has announced", "has yet to hold", "if Beijing
were to", "could impose", "denied a report that ...", "failed to stop", "hoped to hold",
"in 1965", "last month", "more than a year after it banned them", pluperfect outside
reported speech, and descriptions ("the panel proposed by Japan") are not coded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding.syntax import child, prep_objects

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

BLOCKING = frozenset({"deny", "fail"})
HYPOTHETICAL = frozenset({"could", "might", "may", "should", "must"})
CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})
LONG_AGO = frozenset({"year", "years", "month", "months", "decade", "decades", "century"})
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def description(coder: SentenceCoder, tok: Token) -> bool:
    """"the panel proposed by Japan", "sites bombed by the US": a participle describing a thing,
    not a report (kept for event nouns: "a deal brokered by China")."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or child(tok, "agent") is None:
        return False
    head = coder.at.get(tok.head.i)
    return head is None or head.pattern.pos != "N"


def negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "nor") for c in tok.children):
        return True
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in tok.children):
        return True
    if any(c.dep_ == "aux" and any(g.dep_ == "neg" for g in c.children) for c in tok.children):
        return True
    subj = child(tok, "nsubj", "nsubjpass")
    return subj is not None and any(t.lower_ in ("neither", "none", "nobody") for t in list(subj.subtree)[:2])

def blocked(coder: SentenceCoder, tok: Token) -> bool:
    """Negated, conditional, hypothetical, historical, denied or failed: no event."""
    cur = tok
    for _ in range(12):
        if negated(cur):
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in cur.children):
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ in ("without", "instead", "despite"):
            return True
        if cur.dep_ in ("advcl",) and long_ago(cur):
            return True
        if cur.head.i == cur.i:
            break
        head = cur.head
        if cur.dep_ in ("ccomp", "dobj", "xcomp", "acl", "pcomp", "attr") or (cur.dep_ == "pobj" and head.dep_ == "prep"):
            trig = coder.at.get(head.i)
            if trig is not None and trig.pattern.frame in BLOCKING:
                return True
            if head.lemma_ in ("hope", "want", "fail", "wish") and head.pos_ == "VERB":
                return True
            if cur.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children):
                return True  # "has yet to hold a summit"
        if cur.dep_ == "ccomp" and head.i in coder.at and coder.at[head.i].pattern.frame == "say":
            if head.dep_ in ("acl", "relcl"):
                return True  # "textbooks stating that Seoul occupies ...": a claim inside a description
            break  # reported speech: the speaker's clause does not govern the report
        if cur.dep_ in ("advcl", "conj", "parataxis") and head.pos_ in ("VERB", "AUX"):
            break
        cur = head
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in tok.children):
        trig = coder.at.get(tok.i)
        if trig is None or trig.pattern.frame != "wrap":
            return True
    had = any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)
    if had and (tok.dep_ == "relcl" or not reported(coder, tok)):
        return True  # pluperfect outside reported speech: background
    return historical(coder, tok)

def reported(coder: SentenceCoder, tok: Token) -> bool:
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.i in coder.at and coder.at[cur.head.i].pattern.frame in ("say", "deny"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False

def long_ago(clause: Token) -> bool:
    """"more than a year after it banned them": background, not news."""
    mark = child(clause, "mark")
    if mark is None or mark.lower_ not in ("after", "since", "before"):
        return False
    near = [*mark.subtree, *(t for c in clause.children if c.dep_ in ("npadvmod", "advmod") for t in c.subtree)]
    return any(t.lower_ in LONG_AGO for t in near)

def historical(coder: SentenceCoder, tok: Token) -> bool:
    """Background: "in 1965", "last month", "two years ago", "at the height of their 2019 row"."""
    for c in tok.children:
        if c.dep_ in ("npadvmod", "advmod"):
            words = [t.lower_ for t in c.subtree]
            # "last month", "two years ago", "a year earlier" (not "the first meeting in two years")
            if any(w in LONG_AGO for w in words) and any(w in ("last", "ago", "earlier", "previous", "prior") for w in words):
                return True
    if coder.doc_date is None:
        return False
    for prep, pobj in prep_objects(tok):
        if prep in ("in", "from", "during", "until") and YEAR.match(pobj.text):
            if int(pobj.text) < coder.doc_date.year - 1:
                return True
    return False
