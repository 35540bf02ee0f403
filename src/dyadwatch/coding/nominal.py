"""Events named by nouns: "the summit between X and Y", "Japan's sanctions on Russia".

An event noun is an event of its sentence when a verb makes it happen ("took place", "took
effect", "broke down"), when it is the object of a light verb ("held talks", "imposed
tariffs", "drew a protest from Tokyo"), when it heads the sentence, or for a phone call
("told Trump in a phone call"). Its actors: possessor, adjective or ``by``/``from`` phrase
(source), ``on/against/to/with`` phrases (target), ``between``/``among`` (members, paired
both ways). Not when it is the argument of another action ("denounced the joint drills").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import refine
from dyadwatch.coding.frames import compose
from dyadwatch.coding.syntax import LOCATIVE, Filled, child, children
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import Draft, SentenceCoder

FRAMING = frozenset({"intent", "appeal", "demand", "reject", "wrap"})


def noun_actors(coder: SentenceCoder, n: Token) -> tuple[list[Filled], list[Filled], list[Filled]]:
    """(sources, targets, members) of an event noun: "X's sanctions on Y", "talks between X and Y"."""
    sources: list[Filled] = []
    targets: list[Filled] = []
    members: list[Filled] = []
    for f in coder.actors.within(n):
        if f.via in ("between", "among") and not set(f.preps) & LOCATIVE:
            members.append(f)
        elif f.via in ("by", "from") or (not f.via and not f.locative):
            sources.append(f)
        elif f.via == "of" and not sources and f.actor.kind != "place":
            sources.append(f)
        elif f.via:
            targets.append(f)
    return sources, targets, members

def licensor(coder: SentenceCoder, n: Token) -> tuple[Token | None, str]:
    """The verb that makes an event noun an event of the sentence, and how."""
    trig = coder.at.get(n.head.i)
    if n.dep_ == "conj" and trig is not None and "light" in trig.pattern.frames and n.head.pos_ in ("VERB", "AUX"):
        return n.head, "light"  # "launched their Freedom Edge exercise", "exercise" mistagged as a verb
    head_subj = child(n.head, "nsubj")
    if n.dep_ == "attr" and n.head.lemma_ == "be" and head_subj is not None and head_subj.lower_ in ("it", "this", "that"):
        return n.head, "attr"  # "It was the first visit to South Korea by a Japanese foreign minister"
    cur = n
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    head = cur.head
    if cur.dep_ == "ROOT":
        for c in cur.children:  # "X held talks" with "held" taken for an adjective of "talks"
            trig = coder.at.get(c.i)
            if c.i < cur.i and trig is not None and "light" in trig.pattern.frames and c.tag_.startswith("VB"):
                return c, "light"
        return None, "root"
    trig = coder.at.get(head.i)
    if cur.dep_ in ("nsubj", "nsubjpass"):
        if trig is None:
            ok = head.pos_ in ("VERB", "AUX") and head.lemma_ not in ("say", "be", "have")
            return (head, "subject") if ok else (None, "")
        if "happen" in trig.pattern.frames and not trig.pattern.code:
            return head, "subject"
        if "light" in trig.pattern.frames and cur.dep_ == "nsubjpass":
            return head, "passive-light"
        return None, ""
    obj = cur
    for _ in range(3):
        head_trig = coder.at.get(obj.head.i)
        noun = coder.at[n.i].pattern
        passes = head_trig is not None and ("light" in head_trig.pattern.frames or (
            "aid" in head_trig.pattern.flags and not noun.code.startswith("07")))  # "extended their joint exercise"
        if obj.dep_ in ("dobj", "attr", "xcomp") and passes:
            return obj.head, "light"
        if obj.dep_ == "pobj" and obj.head.lower_ in ("of", "in", "for") and obj.head.head.i != obj.head.i:
            obj = obj.head.head
        elif obj.dep_ in ("compound", "amod", "nmod"):
            obj = obj.head
        else:
            break
    if cur.dep_ == "pobj" and cur.head.lower_ in ("in", "during", "by", "over") and head.head.pos_ == "VERB":
        if "phone" in coder.at[n.i].pattern.flags:
            return head.head, "phone"
    return None, ""

def noun_event(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    n, p = trig.token, trig.pattern
    if p.frame in FRAMING and p.frame != "threaten":
        return []
    verb, how = licensor(coder, n)
    if not how or coder.blocked(n) or (verb is not None and (coder.blocked(verb) or coder.governor(verb) is not None)):
        return []
    sources, targets, members = noun_actors(coder, n)
    conf = 0.75
    if verb is not None and how in ("light", "passive-light", "phone"):
        vs, _ = coder.roles.sources(verb)
        sources = sources or vs
        src_codes = {f.actor.code for f in sources}
        extra = [f for r, f in coder.roles.targets(verb, exclude=src_codes) if f.actor.code not in src_codes]
        targets = targets or extra
        if how == "phone":
            targets = targets or [f for d in children(verb, "dative", "dobj") for f in coder.actors.within(d)]
    sym = "sym" in p.flags or "exercise" in p.flags
    partners = [f for f in targets if f.via == "with" or (how == "phone" and not f.locative)]
    if members:
        sources, sym = [*members, *[f for f in sources if not f.locative]], True
        targets = [f for f in targets if not f.locative]
    if "exercise" in p.flags and len({f.actor.code for f in sources}) < 2 and not partners:
        sym = False
    src_codes = {f.actor.code for f in sources}
    if not sources:
        return []
    code = p.code
    if "forum" in p.flags:  # "a complaint at the WTO": the forum is not the target
        forum = {f.actor.code for f in targets if f.actor.kind == "igo" and f.via in ("with", "at", "to")}
        targets = [f for f in targets if f.actor.code not in forum]
        code = "115" if forum and code == "114" else code
    else:
        forum = set()
    if not targets and not (sym and len(src_codes) >= 2):
        if how not in ("light", "passive-light", "subject", "attr") and not p.code.startswith(("16", "17", "18", "19", "20")):
            return []
        if "visit" in p.flags or "strike" in p.flags:
            return []
        if "exercise" in p.flags:  # a drill "in response" is aimed at what its own phrase or the sentence before names
            anchor = verb if verb is not None else n
            targets = coder.roles.fallback(anchor, src_codes, own_only=True) or coder.roles.earlier(src_codes)
        else:
            targets = coder.roles.fallback(n, src_codes | forum)
        conf -= 0.15
    if p.frame == "threaten":
        inner, _ = coder.content(n)
        code = compose("threaten", coder.content_code(inner) if inner else None, p.code)
    if "aid" in p.flags:
        code = refine.aid_kind(n, code) or code
    text = None
    if verb is not None and how in ("light", "passive-light") and abs(verb.i - n.i) <= 4:
        text = coder.doc[min(verb.i, n.i) : max(verb.i, n.i) + 1].text  # "held talks", "imposed tariffs"
    return coder.refined(trig, code, sources, targets, how=f"nominal,{how}", sym=sym, conf=conf, partners=partners,
                        text=text)

def happening(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """A verb coding its event-noun subject: "the summit broke down" (164)."""
    tok = trig.token
    if coder.blocked(tok):
        return []
    subj = child(tok, "nsubj", "nsubjpass")
    if subj is None or subj.i not in coder.at or coder.at[subj.i].pattern.pos != "N":
        return []
    sources, targets, members = noun_actors(coder, subj)
    group = members or [f for f in [*sources, *targets] if not f.locative]
    if len({f.actor.code for f in group}) < 2:
        return []
    return coder.make(trig, trig.pattern.code, group, [], how="nominal-subject", sym=True, confidence=0.7)
