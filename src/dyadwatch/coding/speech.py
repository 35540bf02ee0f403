"""Reported speech: accusations inside what someone said, and judgements passed in words.

* ``allege``: "Seoul said Tokyo's curbs violated WTO rules" is Seoul accusing Tokyo (112),
  not an event of Tokyo's: allegation verbs (violate, breach, provoke...) are events only
  inside a speech verb's clause, from the speaker to the one accused.
* ``evaluate``: "called the act extremely dangerous", "described them as a threat":
  criticism (111) for a negative judgement, praise (051) for a positive one.
* ``judgement``: a reported clause with no action of its own but a clear judgement of
  another actor ("said the 2015 deal with Japan was seriously flawed": 111; "said
  relations with Seoul would keep improving": 013).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import refine
from dyadwatch.coding.syntax import Filled, child, children
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import Draft, SentenceCoder


def speaker(coder: SentenceCoder, tok: Token) -> Trigger | None:
    """The speech verb whose reported clause contains ``tok``, if any."""
    cur = tok
    for _ in range(3):
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        head = cur.head
        if cur.dep_ in ("ccomp", "parataxis") and head.i in coder.at:
            trig = coder.at[head.i]
            if trig.pattern.frame in ("say", "evaluate") or trig.pattern.code.startswith(("11", "12")):
                return trig
        if head.i == cur.i:
            break
        cur = head
    return None


def allege(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """The speaker accuses whoever the reported clause says violated, breached, provoked..."""
    tok = trig.token
    said = speaker(coder, tok)
    if said is None or coder.blocked(tok) or coder.negated(said.token):
        return []
    sources, how = coder.roles.sources(said.token)
    accused, _ = coder.roles.sources(tok)
    exclude = {f.actor.code for f in sources}
    accused = [f for f in accused if f.actor.code not in exclude]
    if not sources or not accused:
        return []
    return coder.make(trig, "112", sources, accused, how=f"speech:{said.pattern.lemma},{how}", sym=False, confidence=0.7)


def evaluate(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """Criticism (111, or 112x for an accusation of aggression...) or praise (051) in a description."""
    tok = trig.token
    if coder.blocked(tok) or coder.governor(tok) is not None:
        return []
    if any(c.dep_ == "prt" for c in tok.children):
        return []  # "called off the strikes", "called up reservists": another verb, no judgement
    judged = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr")]
    judged += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    if not judged:
        judged = [c for c in tok.children if c.dep_ == "dobj"]
    scores = [refine.polarity(j) for j in judged]
    pol = -1 if -1 in scores else (1 if 1 in scores else 0)
    if pol == 0:
        return _phone_call(coder, trig)
    sources, how = coder.roles.sources(tok)
    if not sources:
        return []
    exclude = {f.actor.code for f in sources}
    targets = []
    for d in children(tok, "dobj", "nsubjpass"):
        found = [f for f in coder.actors.within(d) if f.actor.code not in exclude]
        if not found and d.lower_ in ("it", "them", "this", "that") and tok.dep_ == "advcl":
            # "urged Tokyo to withdraw its curbs, describing them as a threat": the main clause's target
            found = [f for r, f in coder.roles.targets(tok.head, exclude=exclude) if r == 0]
        targets += found or coder.roles.pronoun(d, exclude)
    conf = 0.75
    if not targets and tok.dep_ == "relcl" and not children(tok, "dobj"):
        # "an agreement the South Korean president has branded flawed": the antecedent is what is judged
        rel = {t.i for t in tok.subtree}
        phrase = {t.i for t in tok.head.subtree} - rel
        targets = [Filled(a, "", False) for a in coder.actors.actors
                   if a.root.i in phrase and a.code not in exclude and not a.is_place]
        if not targets:
            return []
    if not targets:
        obj = next(iter(children(tok, "dobj")), None)
        targets = coder.roles.fallback(tok, exclude) or coder.roles.earlier(exclude, obj)
        conf -= 0.15
    code = refine.accuse_code("111", tok) if pol < 0 else "051"
    return coder.make(trig, code, sources, targets, how=f"evaluate,{how}", sym=False, confidence=conf)


def judgement(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """A reported clause with no action but a clear judgement of another actor: 111 or 013."""
    tok = trig.token
    if coder.blocked(tok):
        return []
    for comp in children(tok, "ccomp"):
        if any(t.i in coder.at and coder.at[t.i].pattern.code and coder.at[t.i].pattern.pos != "N" for t in comp.subtree):
            continue
        pol = refine.polarity(comp, shallow=True)
        if pol == 0:
            continue
        sources, how = coder.roles.sources(tok)
        if not sources:
            return []
        exclude = {f.actor.code for f in sources}
        subj = child(comp, "nsubj", "nsubjpass")
        targets = [f for f in coder.actors.within(subj) if f.actor.code not in exclude] if subj is not None else []
        if not targets:
            targets = [f for t in comp.subtree for f in coder.actors.within(t) if f.actor.root.i == t.i and f.actor.code not in exclude]
            targets = targets[:1]
        if not targets:
            continue
        code = "111" if pol < 0 else "013"
        return coder.make(trig, code, sources, targets, how=f"speech-judgement,{how}", sym=False, confidence=0.6)
    return []


def _phone_call(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """"Biden called Xi on Tuesday": calling a person (no judgement, no complement) is a phone call, 041."""
    tok = trig.token
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if trig.pattern.lemma != "call" or tok.tag_ == "VBG":
        return []  # "branded Trump a dotard", "..., calling North Korea a nuclear power": no phone call
    if len(objs) != 1 or any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr") for c in tok.children):
        return []
    obj = objs[0]
    partners = [f for f in coder.actors.within(obj) if f.actor.kind in ("person", "capital", "country")
                and (f.actor.root.i == obj.i or (f.actor.anchor.i == obj.i and (
                    f.actor.root.dep_ != "poss" or obj.i in coder.actors.sector_tokens or obj.lemma_.lower() in refine.HUMAN)))]
    # ("called Washington's criticism unjustified": the object is the owner's act, not a person called)
    sources, how = coder.roles.sources(tok)
    if not partners or not sources:
        return []
    return coder.make(trig, "041", sources, partners, how=f"phone,{how}", sym=True, confidence=0.7, partners=partners)
