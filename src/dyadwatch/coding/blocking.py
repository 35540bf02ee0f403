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

from dyadwatch.coding.roles import MOTION
from dyadwatch.coding.syntax import child, prep_objects
from dyadwatch.coding.verbs import inflections

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

BLOCKING = frozenset({"deny", "fail"})
HYPOTHETICAL = frozenset({"could", "might", "may", "should", "must"})
CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})
LONG_AGO = frozenset({"year", "years", "month", "months", "decade", "decades", "century", "weeks"})
#: Verbs whose complement is not (yet) done: "hoped to meet", "urged citizens to avoid travelling".
UNREAL = frozenset(f for lemma in ("hope", "want", "fail", "wish", "avoid", "refrain", "abstain")
                   for f in inflections(lemma, verb=True))
#: Commentators whose readings are no reports of events.
PUNDITS = frozenset({"expert", "analyst", "observer", "commentator", "critic", "scholar", "researcher", "pundit", "economist"})
#: Adverbs of a habit or a state, not of a reported event.
HABITUAL = frozenset({"regularly", "routinely", "often", "usually", "always", "frequently", "long", "repeatedly",
                      "traditionally", "habitually", "periodically"})
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


#: Adjectives that make an event noun unreal: "a possible meeting", "a planned visit".
UNREAL_EVENT = frozenset({"possible", "potential", "planned", "proposed", "expected", "likely", "future", "prospective",
                          "hypothetical", "mooted", "rumoured", "rumored"})


#: Participles that put an event noun in the future: "a meeting planned for next month".
UNREAL_ACL = frozenset({"plan", "schedule", "propose", "expect", "slate", "pencil"})
#: Verbs that stop an event from happening: "the summit was postponed", "talks have been put off".
CALLED_OFF = frozenset({"postpone", "delay", "cancel", "scrap", "shelve", "defer", "suspend"})


def unreal_noun(tok: Token) -> bool:
    """"a possible meeting between Xi and Lee", "a meeting planned for next month", "the summit was
    postponed": not an event (yet)."""
    if any(c.dep_ == "amod" and c.lower_ in UNREAL_EVENT for c in tok.children):
        return True
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in UNREAL_ACL for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and head.i != tok.i and (
        head.lemma_.lower() in CALLED_OFF
        or (head.lemma_.lower() in ("put", "call") and any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children)))


def description(coder: SentenceCoder, tok: Token) -> bool:
    """"the panel proposed by Japan", "sites bombed by the US": a participle describing a thing,
    not a report (kept for event nouns: "a deal brokered by China"); "designated the reporter as
    wrongfully detained by Russia": a state named, not an act reported."""
    if tok.tag_ == "VBN" and tok.dep_ in ("pobj", "amod", "acomp", "oprd") and tok.head.lower_ == "as":
        return True
    if tok.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
        return True
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and child(tok, "agent") is None and tok.head.i not in coder.at \
            and tok.lemma_ not in MOTION \
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in tok.children):
        return True  # "South Koreans detained in last week's raid were released": a description of them
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or child(tok, "agent") is None:
        return False
    own = coder.at.get(tok.i)
    if own is not None and own.pattern.code == "045" and tok.head.lemma_.lower() in SETTLEMENTS:
        return False  # "an exchange mediated by the UAE": the mediation is news with the exchange
    head = coder.at.get(tok.head.i)
    return head is None or head.pattern.pos != "N"


#: What a broker brokers.
SETTLEMENTS = frozenset({"deal", "agreement", "accord", "exchange", "swap", "ceasefire", "truce", "pact", "settlement"})


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
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in ("after", "since", "before") and _long_ago_prep(cur.head):
            return True  # "two weeks after an attack that New Delhi blamed on Islamabad"
        if cur.dep_ in ("advcl",) and long_ago(cur):
            return True
        if cur.dep_ in ("advcl", "acl", "relcl") and (cur.head.pos_ in ("NOUN", "ADJ") or cur.head.lower_ == "first") and any(
                c.dep_ == "mark" and c.lower_ == "since" for c in cur.children):
            return True  # "the first since the two countries upgraded their ties": the starting point is background
        if cur.dep_ == "prep" and cur.lower_ == "from" and cur.head.lower_ in UNREAL:
            return True  # "refrained from sending troops"
        if cur.head.i == cur.i:
            break
        head = cur.head
        if cur.dep_ in ("ccomp", "dobj", "xcomp", "acl", "pcomp", "attr") or (cur.dep_ == "pobj" and head.dep_ == "prep"):
            trig = coder.at.get(head.i)
            if trig is not None and trig.pattern.frame in BLOCKING:
                return True
            if (head.lemma_ in UNREAL or head.lower_ in UNREAL) and head.pos_ == "VERB":
                return True  # the lemmatiser reads "hoped" as "hop": the word form counts too
            if cur.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children):
                return True  # "has yet to hold a summit"
        if cur.dep_ == "ccomp" and head.i in coder.at and coder.at[head.i].pattern.frame == "say":
            if head.dep_ in ("acl", "relcl"):
                return True  # "textbooks stating that Seoul occupies ...": a claim inside a description
            speaker = child(head, "nsubj")
            if speaker is not None and speaker.lemma_.lower() in PUNDITS:
                return True  # "Experts say China may ...": a reading, not a report
            break  # reported speech: the speaker's clause does not govern the report
        if cur.dep_ in ("advcl", "conj", "parataxis") and head.pos_ in ("VERB", "AUX"):
            break
        cur = head
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in tok.children):
        trig = coder.at.get(tok.i)
        if trig is None or (trig.pattern.frame != "wrap" and not (trig.pattern.lemma == "expect" and trig.pattern.code == "130")):
            return True  # ("Israel should expect a severe punishment", said by Tehran: a threat, modality.penalty)
    up = tok
    while up.dep_ == "xcomp" and up.head.i != up.i:  # "may be preparing to impose sanctions"
        up = up.head
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in up.children):
            return True
    if tok.dep_ == "conj" and child(tok, "nsubj", "nsubjpass") is None and tok.head.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in tok.head.children):
            return True  # "could blockade Taiwan or invade it": the modal covers both verbs
    if any(c.dep_ == "cc" and c.lower_ == "than" for c in tok.children) or (tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "rather"
                                                                            and tok.doc[tok.i - 1].lower_ == "than"):
        return True  # "rather than invade it": the road not taken
    if tok.dep_ == "relcl" and any(c.dep_ == "det" and c.lower_ in ("any", "every", "whichever") for c in tok.head.children):
        return True  # "against any Philippine vessel that entered the waters": whoever might, not someone who did
    if counterfactual(tok):
        return True  # "a resolution that would have tightened sanctions": it did not
    if tok.dep_ == "conj" and child(tok, "nsubj", "nsubjpass", "aux", "auxpass") is None and counterfactual(tok.head):
        return True  # "... that would have deplored the invasion and demanded a withdrawal": both verbs
    if tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.i not in coder.at \
            and not any(c.lower_ in ("first", "last", "only", "second", "latest") for c in tok.head.children):
        return True  # "its toolkit to retaliate against the US": a capacity, not an act
    had = any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)
    if had and (tok.dep_ == "relcl" or not reported(coder, tok)):
        return True  # pluperfect outside reported speech: background
    return historical(coder, tok)

def counterfactual(tok: Token) -> bool:
    """"would / could / might have + participle": what did not happen."""
    auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ == "VBN" and "have" in auxes and any(a in HYPOTHETICAL | {"would"} for a in auxes)


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
    # "resumed imports, more than a year after it banned them": the measure hangs on the main verb
    near += [t for c in clause.head.children if c.dep_ == "npadvmod" and max(x.i for x in c.subtree) == mark.i - 1 for t in c.subtree]
    return any(t.lower_ in LONG_AGO for t in near)

def _long_ago_prep(prep: Token) -> bool:
    """"two weeks after", "years before": a time preposition measured in weeks or more."""
    return any(c.dep_ in ("npadvmod", "advmod") and any(t.lower_ in LONG_AGO for t in c.subtree) for c in prep.children)


def _dates_a_reason(tok: Token, phrase: Token) -> bool:
    """"struck Iran in retaliation for the missile barrage earlier this month": the time phrase follows (and
    dates) the reason the parser hung before it, not the act itself."""
    first = min(t.i for t in phrase.subtree)
    if first == 0 or first <= tok.i:
        return False
    prev = tok.doc[first - 1]
    cur = prev
    for _ in range(6):
        if cur.i == tok.i or cur.head.i == cur.i:
            return False
        if cur.dep_ == "pobj" and cur.head.lower_ in ("for", "to") and cur.head.head.lemma_.lower() in (
                "retaliation", "response", "revenge", "reprisal", "reaction"):
            return prev.pos_ in ("NOUN", "PROPN")
        cur = cur.head
    return False


def historical(coder: SentenceCoder, tok: Token) -> bool:
    """Background: "in 1965", "last month", "two years ago", "at the height of their 2019 row", "has long
    denounced", "regularly denounces", "have met repeatedly since March"."""
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in tok.children):
        return True

    # "on 352 days last year": the time phrase may hang on a prepositional object
    mods = [*tok.children, *(g for _, pobj in prep_objects(tok) if pobj.lower_ in ("day", "days", "occasions", "times")
                             for g in pobj.children)]
    for c in mods:
        if c.dep_ in ("npadvmod", "advmod"):
            words = [t.lower_ for t in c.subtree]
            # "last month", "two years ago", "a year earlier" (not "the first meeting in two years")
            if any(w in LONG_AGO for w in words) and any(w in ("last", "ago", "earlier", "previous", "prior") for w in words) \
                    and not _dates_a_reason(tok, c):
                return True
    if coder.doc_date is None:
        return False
    for prep, pobj in prep_objects(tok):
        if prep in ("in", "from", "during", "until") and YEAR.match(pobj.text):
            if int(pobj.text) < coder.doc_date.year - 1:
                return True
        if prep == "since" and any(c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in tok.children) and any(
                t.lower_ in LONG_AGO or (YEAR.match(t.text) and int(t.text) < coder.doc_date.year - 1) for t in pobj.subtree):
            return True  # "have fought several wars since independence in 1947" (not "the first summit since 2019")
    for c in tok.children:  # "as Japan had promised when its sites were listed by UNESCO in 2015"
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "when" for m in c.children):
            if any(p == "in" and YEAR.match(o.text) and int(o.text) < coder.doc_date.year - 1 for p, o in prep_objects(c)):
                return True
    return False
