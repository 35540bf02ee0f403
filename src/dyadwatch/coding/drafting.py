"""From a trigger and its actors to ``Draft`` events.

``refined`` applies the pattern's flags (visits and their hosts, meetings in a third
country, joint exercises, strikes and where the projectile landed, protests, accusations)
and ``make`` pairs sources with targets, both ways for mutual acts, with the rule that
fired and a confidence. A draft is an event before its document-level fields (ids, dates,
duplicates; rules.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import refine
from dyadwatch.coding.syntax import Actor, Filled, prep_objects
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

#: Mutual acts: coded in both directions whoever is the grammatical subject.
MUTUAL = frozenset({"040", "041", "044", "046", "057", "0871", "061", "064"})


@dataclass
class Draft:
    """An event before it gets its document-level fields (ids, dates, duplicates)."""

    source: Actor
    target: Actor
    code: str
    trigger: str
    rule: str
    confidence: float
    order: int = 0


def refined(coder: SentenceCoder, trig: Trigger, code: str, sources: list[Filled], targets: list[Filled], *, how: str,
            sym: bool, conf: float, content: Trigger | None = None, partners: list[Filled] | None = None,
            text: str | None = None) -> list[Draft]:
    """Apply the pattern's flags (visits, meetings, exercises, strikes...) and make the drafts."""
    tok, flags = trig.token, trig.pattern.flags | (content.pattern.flags if content is not None else frozenset())
    src = sources[0].actor if sources else None
    if "protest" in flags and code[:2] in ("11", "14", "19"):
        code = refine.protest_code(code, src.sector if src else None, src.kind if src else "", tok)
    if "accuse" in flags:
        code = refine.accuse_code(code, tok)
    if "investigate" in flags and code.startswith("09"):
        code = refine.investigate_code(tok, src.sector if src else None)
    if "mass" in flags and refine.is_mass(tok):
        code = "202" if code.startswith("18") else "201"
    if "forcible" in flags and not refine.is_forcible(tok):
        return []
    if "cbrn" in flags and code.startswith("13"):
        code = "1385"  # "threatened to use nuclear weapons": a threat of them, not their use
    elif "cbrn" in flags:
        code = refine.cbrn_code(tok)
        if not code and "cbrn" in trig.pattern.flags:
            return []  # "whose weapons Ukraine used against it": arms of any kind are no mass violence
        code = code or "204"
    if "court" in flags and src is not None and src.sector == "JUD":
        code = "116"
    if "strike" in trig.pattern.flags:
        targets = targets or landing(coder, tok, {f.actor.code for f in sources})
        vias = {f.via for f in targets}
        if not targets:
            return []
        code = "195" if vias & {"at", "on", "against", "upon"} else "150"
    aimed: list[Filled] = []
    if "exercise" in flags and code in ("062", "150"):
        members = {f.actor.code for f in [*sources, *(partners or [])]}
        if len(members) >= 2:
            code, sym = "062", True
            # "ROK and U.S. jets staged a drill in response to the North's launch": joint, and aimed at the North
            aimed = [f for f in targets if f.actor.code not in members and f.via not in ("with", "") and not f.locative]
            targets = [f for f in targets if f.actor.code in members]
        elif targets:
            code, sym = "150", False
    if "host" in flags and code == "043" and sources:
        parties = hosted_parties(coder, tok, targets, {f.actor.code for f in sources})
        if parties:  # "Qatar hosted talks between X and Y", "talks hosted by Malaysia": the host mediates
            drafts = make(coder, trig, "045", sources, parties, how=how + ";mediate", sym=False, confidence=conf - 0.05, text=text)
            talks = next((coder.at[d.i] for d in tok.children if d.dep_ == "dobj" and d.i in coder.at
                          and coder.at[d.i].pattern.pos == "N" and "sym" in coder.at[d.i].pattern.flags), None)
            if talks is not None:  # the talks between them took place
                drafts += make(coder, talks, talks.pattern.code, parties, [], how="nominal,hosted", sym=True,
                               confidence=conf - 0.1)
            return drafts
    if "meet" in flags and code == "040":
        code = meeting_place(coder, tok, {f.actor.code for f in [*sources, *targets] if not f.locative})
    drafts = make(coder, trig, code, sources, targets, how=how, sym=sym, confidence=conf, partners=partners, text=text)
    if aimed:
        drafts += make(coder, trig, "150", [*sources, *(partners or [])], aimed, how=how + ";aimed", sym=False,
                       confidence=conf - 0.1, text=text)
    if "visit" in flags and code == "042":
        drafts += [Draft(d.target, d.source, "043", d.trigger, d.rule.replace(">042", ">043") + ";host", d.confidence - 0.05,
                         d.order) for d in drafts if d.code == "042"]
    if "host" in flags and code == "043":
        drafts += [Draft(d.target, d.source, "042", d.trigger, d.rule.replace(">043", ">042") + ";guest", d.confidence - 0.05,
                         d.order) for d in drafts if d.code == "043"]
    return drafts


def make(coder: SentenceCoder, trig: Trigger, code: str, sources: list[Filled], targets: list[Filled], *, how: str,
         sym: bool, confidence: float, partners: list[Filled] | None = None, text: str | None = None) -> list[Draft]:
    """Drafts for every (source, target) pair; symmetric actions pair coordinated actors both ways."""
    src = _distinct(sources)
    if any(not f.locative for f in targets):
        targets = [f for f in targets if not f.locative]  # "met Ishiba at the G7 in Kananaskis, Canada"
    tgt = _distinct(targets)
    if sym and not partners and code in MUTUAL:
        partners = targets  # talks, calls, agreements, ceasefires and swaps go both ways, whoever is the subject
    partners_ = _distinct([f for f in (partners if partners is not None else targets) if not f.locative])
    if sym and len(src) >= 2:
        pairs = list(permutations(_distinct([*sources, *[f for f in (partners or []) if not f.locative]]), 2))
    else:
        pairs = [(s, t) for s in src for t in tgt]
        if sym:
            pairs += [(t, s) for s in src for t in partners_]
    coord = len({(s.code, t.code) for s, t in pairs}) > 1
    voice = "passive" if trig.pattern.pos == "V" and any(c.dep_ in ("auxpass", "nsubjpass") for c in trig.token.children) else "active"
    bits = [f"{trig.name}>{code}", f"voice={voice}", how, "coord" if coord else ""]
    rule = ";".join(b for b in bits if b)
    out = []
    for s, t in dict.fromkeys(pairs):
        if s.code == t.code or not s.code or not t.code or s.sector in ("MED", "EDU"):
            continue  # media and think tanks comment; they do not act for their country
        conf = confidence - (0.05 if coord else 0) - (0.1 if not s.in_office else 0)
        out.append(Draft(s, t, code, text or trig.text, rule, round(max(0.2, min(0.95, conf)), 2), trig.token.i))
    return out


#: Nouns of talks a third party can host.
HOSTED_TALKS = frozenset({"talk", "talks", "negotiation", "meeting", "summit", "dialogue", "consultation", "discussion"})


def hosted_parties(coder: SentenceCoder, tok: Token, guests: list[Filled], host: set[str]) -> list[Filled]:
    """The parties of talks a host holds for others: "hosted talks between Russia and Ukraine",
    "hosted Abiy and Mohamud for talks", "agreed at talks hosted by Malaysia" (at least two
    parties other than the host); none when the host talks with its guest itself."""
    def distinct(fs: list[Filled]) -> list[Filled]:
        fs = [f for f in fs if f.actor.code not in host and not f.locative and not f.actor.is_place]
        return fs if len({f.actor.code for f in fs}) >= 2 else []

    def talks(n: Token) -> bool:
        for _ in range(3):  # "hours of talks", "a round of negotiations"
            if n.lemma_.lower() in HOSTED_TALKS:
                return True
            n = next((g for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), n)
        return False

    for d in tok.children:
        if d.dep_ == "dobj" and talks(d):
            members = distinct([f for f in coder.actors.within(d) if f.via in ("between", "among")])
            if members:
                return members
    if any(prep == "for" and talks(pobj) for prep, pobj in prep_objects(tok)):
        return distinct([f for f in guests if f.via == ""])
    if tok.dep_ == "acl" and talks(tok.head):
        noun = tok.head
        members = distinct([f for f in coder.actors.within(noun) if f.via in ("between", "among")])
        if members:
            return members
        verb = noun.head.head if noun.dep_ == "pobj" else noun
        for _ in range(4):  # "agreed to a ceasefire at talks hosted by ...": who agreed
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if noun.dep_ == "pobj" and verb.pos_ in ("VERB", "AUX"):
            return distinct(coder.roles.sources(verb)[0])
    return []


def landing(coder: SentenceCoder, tok: Token, exclude: set[str]) -> list[Filled]:
    """"fired a missile that landed inside Japan's exclusive economic zone": the country whose
    waters, zone or airspace the projectile entered or flew over (not "the sea west of Japan")."""
    out: list[Filled] = []
    for t in tok.subtree:
        if t.pos_ != "VERB" or t.lemma_ not in ("land", "fall", "fly", "splash", "crash", "pass", "enter", "cross"):
            continue
        for prep, pobj in prep_objects(t):
            if prep not in ("in", "into", "inside", "within", "over", "across", "near", "toward", "towards"):
                continue
            for f in coder.actors.within(pobj):
                if f.actor.code not in exclude and (not f.preps or f.preps[0] in ("in", "into", "inside", "within", "over")):
                    out.append(Filled(f.actor, prep, f.coordinated, f.preps))
    return out


def meeting_place(coder: SentenceCoder, tok: Token, participants: set[str]) -> str:
    """044 when leaders meet in a third country (or, no place named, on the sidelines of a
    gathering); 040 in a participant's country or with no place."""
    scope = [tok, *([tok.head] if tok.dep_ in ("nsubj", "dobj", "nsubjpass", "pobj") else [])]
    # "shook hands with Sharif in Dhaka": the parser hangs the place on the partner
    scope += [pobj for prep, pobj in prep_objects(tok) if prep == "with"]
    places: set[str] = set()
    for t in scope:
        for prep, pobj in prep_objects(t):
            if pobj.i in coder.at and "sym" in coder.at[pobj.i].pattern.flags:
                continue  # "in the first meeting between a U.S. president and a North Korean leader": no place
            if prep in ("in", "at"):
                places |= {f.actor.code for f in coder.actors.within(pobj)}
                # "on the sidelines of the G20 summit in Osaka": the place of the gathering
                places |= {f.actor.code for g in pobj.subtree for f in coder.actors.within(g) if f.actor.root.i == g.i
                           and f.actor.kind in ("capital", "place", "country")}
        for prep, pobj in prep_objects(t):
            if prep == "on" and pobj.lemma_.lower() in ("sideline", "sidelines", "margin", "margins"):
                places |= {f.actor.code for g in pobj.subtree for f in coder.actors.within(g) if f.actor.root.i == g.i
                           and f.actor.kind in ("capital", "place", "country")}
                if not places:
                    return "044"
    if places:
        return "044" if not places & participants else "040"
    return "040"


def _distinct(filled: list[Filled]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for f in filled:
        seen.setdefault(f.actor.code, f.actor)
    return list(seen.values())
