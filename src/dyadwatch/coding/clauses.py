"""Who did what to whom in one parsed sentence: triggers, their frames and their actors.

``SentenceCoder(doc, actors, lexicon).code()`` returns ``Draft`` events. Each trigger is
looked at once. Framing verbs (agree, urge, demand, refuse, threaten, deny) absorb the
action they frame: "agreed to lift curbs" is one event, 0354. Speech verbs pass their
clause through, which keeps its own actors ("Seoul said Tokyo's curbs violated WTO rules"
is Seoul accusing Tokyo, speech.py). Light verbs hand the event to their object noun
("held talks", "imposed tariffs"), and event nouns are events when a verb makes them
happen ("the summit broke down", "a ceasefire took effect"; nominal.py). Negated,
conditional, hypothetical, denied and historical actions are not coded (blocking.py).
See docs/coder.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import permutations

from spacy.tokens import Doc, Token

from dyadwatch.coding import blocking, nominal, reactions, refine, speech
from dyadwatch.coding.actors import Mention
from dyadwatch.coding.frames import compose, intent_of, is_conflict, threat_of
from dyadwatch.coding.roles import Roles, choose
from dyadwatch.coding.syntax import PRONOUNS, Actor, Filled, SentenceActors, child, children, prep_objects
from dyadwatch.coding.triggers import Trigger, find_triggers
from dyadwatch.coding.verbs import Lexicon

FRAMING = frozenset({"intent", "appeal", "demand", "reject", "threaten", "wrap"})
FUTURE = frozenset({"will", "would", "'ll", "shall", "wo"})
#: Prepositions of a topic ("talks on North Korea") and verbs whose object is a topic ("discussed North Korea").
TOPICAL = frozenset({"on", "about", "over", "regarding", "concerning"})
DISCUSSING = frozenset({"discuss", "negotiate", "consult", "exchange", "share"})
#: Verbs that end an ongoing cooperation ("stopped allowing inspections").
STOPPING = frozenset({"stop", "cease", "halt", "end", "quit", "suspend"})
#: Complements of a refusal that refuse nothing to anyone ("declined to comment").
NOT_AN_ACT = frozenset({"comment", "confirm", "say", "elaborate", "disclose", "specify", "speculate", "discuss", "answer",
                        "respond", "name", "identify", "reveal", "give"})
#: Mutual acts: coded in both directions whoever is the grammatical subject.
MUTUAL = frozenset({"040", "041", "044", "046", "057", "0871", "061", "064"})
#: Subordinators of clauses that tell what happened, not what is framed.
CIRCUMSTANCE = frozenset({"after", "since", "because", "as", "when", "while", "following"})
#: Verbs of retaliation: vowing to do them is a threat ("vowed to respond").
RETALIATION = frozenset({"respond", "retaliate", "avenge", "punish", "revenge"})
#: Verbs that make someone react: "prompting Japan to scramble jets" reacts to the main clause's actor.
CAUSATIVE = frozenset({"prompt", "force", "lead", "cause", "spur", "push", "drive", "trigger", "provoke"})
#: Nouns of a reaction: "fired warning shots in response" answers whoever acted before.
RESPONSE = frozenset({"response", "retaliation", "reaction", "reply", "answer", "return"})
#: Sending forces: "to" an ally's territory is military aid (072), elsewhere a force posture.
DEPLOY = frozenset({"deploy", "send", "dispatch", "station", "move"})
FORCES = frozenset({"troop", "force", "army", "military", "navy", "soldier", "unit", "warship", "fleet"})
BORDERS = frozenset({"border", "frontier", "line", "boundary", "front", "frontline"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "nsubjpass", "attr", "oprd", "acl", "pobj", "prep", "relcl",
                             "conj", "compound", "advcl"})
MILITARY_CUES = frozenset({"war", "military", "force", "attack", "strike", "nuclear", "fury", "fire", "destroy", "annihilate",
                           "invasion", "missile", "retaliation", "retaliate", "strikes", "bomb"})
CONFIDENCE = {"active": 0.0, "passive": 0.05, "pronoun": 0.15, "inherited": 0.1, "control": 0.05, "relative": 0.1,
              "speaker": 0.1, "adjacent": 0.2}


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


class SentenceCoder:
    """Codes one parsed sentence (a spaCy Doc of that sentence alone)."""

    def __init__(self, doc: Doc, actors: SentenceActors, lexicon: Lexicon, *, doc_date: dt.date | None = None,
                 previous: list[Actor] | None = None, older: list[Actor] | None = None,
                 prior: list[tuple[str, list[Mention]]] | None = None) -> None:
        self.doc = doc
        self.actors = actors
        self.lexicon = lexicon
        self.doc_date = doc_date
        self.triggers = find_triggers(doc, lexicon)
        self.at = {t.token.i: t for t in self.triggers}
        self.roles = Roles(doc, actors, self.at, previous or [], older, prior)

    def code(self) -> list[Draft]:
        lemmas = {t.lemma_.lower() for t in self.doc}
        if refine.is_sport(self.doc.text, lemmas) or self.doc.text.rstrip().endswith("?"):
            return []
        drafts: list[Draft] = []
        reacted = reactions.find(self)
        handled = {r.verb.i for r in reacted}
        reacting = {f.actor.root.i for r in reacted for f in r.sources}
        # the reacting actors belong to the reaction only, not to the noun phrase of the event it follows
        self.actors.actors = [a for a in self.actors.actors if a.root.i not in reacting]
        for trig in self.triggers:
            p = trig.pattern
            if self._description(trig.token) or p.frame == "none" or trig.token.i in handled:
                continue
            if p.pos == "N":
                drafts += nominal.noun_event(self, trig)
            elif p.frame == "allege":
                drafts += speech.allege(self, trig)
            elif p.frame == "evaluate":
                drafts += speech.evaluate(self, trig)
            elif p.frame == "say" and p.lemma == "insist" and _subjunctive(trig.token):
                # "insisted that the United States stop sending carriers": a demand
                drafts += self._verbal(Trigger(trig.token, replace(p, code="100", frames=frozenset({"demand"}))))
            elif p.frame == "say":
                drafts += speech.judgement(self, trig)
            elif p.frame == "happen" and p.code:
                drafts += nominal.happening(self, trig)
            elif p.frame == "fail":
                drafts += self._failed_talks(trig)
            elif p.code:
                drafts += self._verbal(trig)
        for r in reacted:
            drafts += reactions.drafts(self, r, drafts)
        return self._prune(drafts)

    def _description(self, tok: Token) -> bool:
        return blocking.description(self, tok)

    def negated(self, tok: Token) -> bool:
        return blocking.negated(tok)

    def blocked(self, tok: Token) -> bool:
        """Negated, conditional, hypothetical, historical, denied or failed: no event."""
        return blocking.blocked(self, tok)

    # -- frames ---------------------------------------------------------------------------------

    def governor(self, tok: Token) -> Trigger | None:
        """The framing verb (or noun) whose complement contains ``tok``: it codes ``tok`` itself."""
        cur = tok
        for _ in range(6):
            head = cur.head
            if head.i == cur.i:
                return None
            trig = self.at.get(head.i)
            follows = cur.i > head.i or cur.dep_ == "nsubjpass"
            if cur.dep_ == "conj" and child(cur, "nsubj", "nsubjpass") is not None:
                return None  # "warned that Israel would face a fate, and hours later Iranian missiles slammed into ..."
            participle = cur.dep_ == "advcl" and cur.tag_ == "VBG" and _after_comma(cur)
            if trig is not None and trig.pattern.frame in FRAMING | blocking.BLOCKING and follows:
                if cur.dep_ in COMPLEMENT_DEPS - {"conj", "compound"} and not participle:
                    if not (cur.dep_ in ("dobj", "nsubjpass") and trig.pattern.frame in ("appeal", "demand") and cur.pos_ == "PROPN"):
                        return trig
            if cur.dep_ not in COMPLEMENT_DEPS or participle:
                return None
            if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE for c in cur.children):
                return None  # "demanded that China respect ... after Chinese forces attacked": a reported fact
            if cur.dep_ == "ccomp" and trig is not None and trig.pattern.frame == "say":
                return None
            cur = head
        return None

    def content(self, tok: Token) -> tuple[Trigger | None, Token | None]:
        """The action a framing word frames: its complement clause or its event-noun object."""
        cands = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
        cands += [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        cands += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "of", "on")
                  for g in c.children if g.dep_ in ("pobj", "pcomp")]
        cands += [c for c in tok.children if c.dep_ in ("acl", "relcl")]
        if not cands:
            for t in tok.subtree:
                if t.i > tok.i and t.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                    if self.governor(t) is self.at.get(tok.i):
                        cands.append(t)
                        break
        for c in cands:
            found = self._event_in(c)
            if found is not None:
                return found, c
        return None, cands[0] if cands else None

    def _event_in(self, tok: Token, depth: int = 0) -> Trigger | None:
        if any(c.dep_ == "mark" and c.lower_ in blocking.CONDITIONAL for c in tok.children):
            return None
        trig = self.at.get(tok.i)
        if trig is not None and trig.pattern.code and trig.pattern.frame != "say" and not self.negated(tok):
            return trig
        if depth > 3:
            return None
        for c in tok.children:
            if c.dep_ in COMPLEMENT_DEPS and c.i != tok.i:
                found = self._event_in(c, depth + 1)
                if found is not None:
                    return found
        return None

    def content_code(self, trig: Trigger) -> str | None:
        """The action code of a framed trigger, itself refined (aid kind, nested frames)."""
        p = trig.pattern
        if p.frame in FRAMING:
            inner, _ = self.content(trig.token)
            inner_code = self.content_code(inner) if inner is not None and inner is not trig else None
            if p.lemma in ("proposal", "plan"):
                return "037" if inner_code is None else inner_code
            return compose(p.frame, inner_code, p.code) if inner_code else (None if p.pos == "N" else p.code)
        code = p.code
        if "aid" in p.flags:
            code = refine.aid_kind(trig.token, code) or code
        if "exercise" in p.flags:
            code = "062"
        if "captive" in p.flags and not refine.human_object(trig.token, False, frozenset(self.actors.sector_tokens)):
            return None
        return code

    def _modality(self, tok: Token) -> str:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if tok.dep_ == "xcomp" and tok.head.lemma_ == "have" and "to" in aux and any(
                c.dep_ == "aux" and c.lower_ in FUTURE | {"may", "might", "could"} for c in tok.head.children):
            return "necessity"
        if aux & FUTURE:
            return "future"
        if tok.dep_ == "xcomp" and tok.head.lemma_ in ("plan", "go", "set", "expect", "intend", "prepare", "due", "poise", "love",
                                                       "like"):
            return "future"
        return ""

    # -- verbal events --------------------------------------------------------------------------

    def _verbal(self, trig: Trigger) -> list[Draft]:
        tok, p = trig.token, trig.pattern
        negrej = "negrej" in p.flags and self.negated(tok)
        if (not negrej and self.blocked(tok)) or self.governor(tok) is not None:
            return []
        if tok.tag_ == "VBG" and tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
            return []  # "blamed Ukrainian shelling for ...": a gerund named as a thing, not told as an act
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and p.code[:2] in ("18", "20") and tok.head.i not in self.at:
            return []  # "a jet crashed, killing 38 people": the toll of something that is no interstate act
        if self._purpose_of_agreement(tok):
            return []  # "signed deals to reopen the ports": what the deal is for
        if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in STOPPING and not is_conflict(p.code) \
                and not p.frame:
            p = replace(p, code=compose("reject", p.code, "120"))  # "stopped allowing snap inspections": a refusal
            trig = Trigger(tok, p)
        if "strike" in p.flags and p.lemma == "land" and any(f.actor.kind == "person" or f.actor.sector in ("GOV", "LEG", "ELI")
                                                               for f in self.roles.sources(tok)[0]):
            p = replace(p, code="042", flags=frozenset({"visit"}))  # "Pelosi landed in Taipei": a visit
            trig = Trigger(tok, p)
        code, frame, conf, notes = p.code, p.frame, 0.9, []
        if "aid" in p.flags:
            aid = refine.aid_kind(tok, code)
            if aid is None:
                return []
            code = aid
        content_trig, content_tok = (None, None)
        if frame in FRAMING:
            content_trig, content_tok = self.content(tok)
            if frame == "reject" and content_tok is not None and content_tok.lemma_ in NOT_AN_ACT:
                return []  # "declined to confirm a report": no refusal of anything
            if "enforce" in p.flags and content_trig is None and not any(self.actors.within(d) for d in children(tok, "dobj", "dative", "nsubjpass")):
                return []  # "ordered flags flown at half-staff": an order to no one
            code, conf = self._framed(trig, content_trig, content_tok, conf)
        elif negrej:
            code = "120"
            notes.append("negated")  # a refusal goes one way, even of a mutual act
        elif self._modality(tok) == "future" and not is_conflict(code) and code[:2] in ("04", "05", "06", "07", "08"):
            code = intent_of(code)
            notes.append("future")
        elif self._modality(tok) == "necessity" and is_conflict(code):
            code = threat_of(code)  # "would have to take countermeasures": a conditional threat
            notes.append("threat")
        sources, how = self.roles.sources(tok)
        if not sources:
            return []
        conf -= CONFIDENCE.get(how, 0.1)
        src_codes = {f.actor.code for f in sources}
        own = self.roles.targets(tok, exclude=src_codes, forum="forum" in p.flags)
        if "sym" in p.flags:  # "share intelligence on North Korea", "discussed trade and North Korea": topics, not partners
            own = [(r, f) for r, f in own if f.via not in TOPICAL and not (r == 0 and p.lemma in DISCUSSING)]
        if "strike" in p.flags:  # "fired British missiles into Russia": the projectile's maker is no target
            own = [(r, f) for r, f in own if not (r == 0 and f.actor.root.i != f.actor.anchor.i and f.actor.anchor.head.i == tok.i
                                                 and f.actor.anchor.dep_ == "dobj")]
        if "visit" in p.flags:  # a visit goes to a place: "stepped into the future with Japan" names no host
            own = [(r, f) for r, f in own if f.via in ("", "to", "into", "in", "across", "at", "on", "near", "outside", "of")]
        ranked = list(own)
        if frame == "deny":
            ranked = [(0, f) for d in children(tok, "dobj") for f in self.actors.within(d) if f.via in ("", "by", "of")]
            back = [d for d in children(tok, "dobj") if not self.actors.within(d) and self.roles.refers_back(d)]
            if not ranked and back and back[0].lemma_.lower() in ACCOUNTS:
                ranked = [(0, f) for f in self.roles.earlier(src_codes, back[0])]  # "Japan rejected the account"
        elif content_tok is not None:
            if frame in ("appeal", "demand", "reject"):
                # "demanded that Russia withdraw", "refused to allow IAEA inspectors to visit"
                for c in (content_tok, *children(content_tok, "xcomp", "ccomp")):
                    for subj in children(c, "nsubj", "nsubjpass", "dobj"):
                        found = self.actors.within(subj)
                        if not found and subj.lower_ in PRONOUNS:  # "demanding that she retract them"
                            found = [f for f in self.roles.pronoun(subj, set()) if f.actor.code not in src_codes]
                        ranked += [(0 if subj.dep_ in ("nsubj", "nsubjpass") and c.i == content_tok.i else 1, f) for f in found]
            ranked += [(r + 1, f) for r, f in self.roles.targets(content_tok, exclude=src_codes)]
            if content_trig is not None and content_trig.token is not content_tok:
                ranked += [(r + 1, f) for r, f in self.roles.targets(content_trig.token, exclude=src_codes)]
                noun_sources, noun_targets, _ = nominal.noun_actors(self, content_trig.token)
                ranked += [(2, f) for f in [*noun_sources, *noun_targets]]
        forum = self._forum(tok) if "forum" in p.flags else set()
        # "Nippon Steel and U.S. Steel sued the Biden administration": a target shared with one source stays for the other
        targets = choose([(r, f) for r, f in ranked if f.actor.code not in forum], src_codes if len(src_codes) == 1 else set())
        sym = ("sym" in p.flags and not negrej) or (content_trig is not None and "sym" in content_trig.pattern.flags and frame == "intent")
        if "future" in notes and len(src_codes) < 2:
            sym = False  # "he would meet Kim": an intent of the speaker only
        if is_conflict(code) and frame == "intent":
            sym = False
        elif frame == "intent" and len(src_codes) >= 2 and not [f for f in targets if f.via in ("", "with")]:
            sym, targets = True, []  # "Ishiba and Xi reaffirmed their commitment": to each other
        if any(" ".join(t.lower_ for t in d.subtree) in ("each other", "one another") for d in children(tok, "dobj")):
            sym, targets = True, []  # "the two sides accused each other"
        if len(src_codes) >= 2 and not targets and any(c.lower_ == "each" and c.dep_ in ("advmod", "npadvmod", "det", "appos")
                                                      for c in tok.children):
            sym = True  # "Russia and Ukraine each freed 390 prisoners": to each other
        objects = [*children(tok, "dobj", "dative"), *(children(tok, "nsubjpass") if any(c.dep_ == "auxpass" for c in tok.children) else [])]
        partners = [f for r, f in own if (r == 0 and any(self.roles.is_partner(f, d) for d in objects)) or f.via == "with"] if sym else []
        if "captive" in p.flags and not refine.human_object(tok, self.roles.object_actor(tok), frozenset(self.actors.sector_tokens)):
            return []
        if code == "057" and len(src_codes) < 2 and not partners and not [f for f in targets if f.via == "with"] and any(
                d.lemma_.lower() == "document" for d in children(tok, "dobj")):
            return []  # "Putin signed documents claiming four regions": a signature alone is no agreement
        if not targets and not (sym and len(src_codes) >= 2) and frame != "deny" and not {"strike", "visit", "captive"} & p.flags:
            obj = self.roles.explicit_object(tok, p.objects)
            targets = self._reacting_to(tok, code, src_codes)
            if targets:
                notes.append("response")
            elif not self.roles.domestic_object(tok):
                # force posture is aimed only at who its own clause names ("as Chinese bombers flew ..."); talks
                # need a partner of their own ("met to discuss ways to restart talks with Pyongyang")
                own_only = code.startswith("15") or ("sym" in p.flags and code[:2] in ("04", "05", "06")) or (
                    tok.dep_ == "advcl" and tok.tag_ == "VBG" and code[:2] in ("08",))
                targets = self.roles.fallback(tok, src_codes | forum, places="aid" in p.flags, own_only=own_only)
                notes.append("fallback")
            if not targets and code[:2] in ("11", "12", "15") and (obj is None or self.roles.refers_back(obj)):
                targets = self.roles.earlier(src_codes | forum, obj)
                notes.append("earlier")
            conf -= 0.15
        if code == "154" and tok.lemma_ in DEPLOY and self._to_ally(tok, targets):
            code = "072"  # "North Korean troops were deployed to Russia's Kursk region": troops sent to fight for it
        if frame == "threaten" and code == p.code and any(t.lemma_.lower() in MILITARY_CUES for t in tok.subtree):
            code = "138"
        elif frame == "threaten" and code == p.code and p.lemma == "warn" and "fallback" in notes \
                and not children(tok, "dobj", "dative"):
            return []  # "warning that their involvement opened a new page of instability": a comment, no threat
        if "forum" in p.flags and code == "114" and forum:
            code = "115"  # a complaint with the WTO or a court is a legal case
        how = ",".join([how, *notes])
        return self.refined(trig, code, sources, targets, how=how, sym=sym, conf=conf, content=content_trig,
                            partners=partners)

    def _purpose_of_agreement(self, tok: Token) -> bool:
        """"signed deals to reopen the ports", "reached an agreement to defuse the standoff": the
        infinitive says what the agreement is for; the agreement is the event."""
        if tok.dep_ not in ("advcl", "xcomp", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        heads = [tok.head, *children(tok.head, "dobj")] if tok.dep_ != "acl" else [tok.head]
        return any(h.i in self.at and self.at[h.i].pattern.code == "057" for h in heads)

    def _reacting_to(self, tok: Token, code: str, src_codes: set[str]) -> list[Filled]:
        """Whom a response answers when it names no one: "prompting Japan and South Korea to scramble
        jets" (the main clause's actor), "and South Korean troops fired warning shots in response"
        (the actor of the clause before, or of the sentence before)."""
        if _controlled(tok) and tok.head.lemma_ in CAUSATIVE and tok.head.dep_ in ("advcl", "conj"):
            causers = self.roles.sources(tok.head)[0]
            if {f.actor.code for f in causers} & src_codes:
                return []  # the reacting side resolved to the causer: no reliable target
            return causers
        if code[:2] not in ("15", "16", "17", "18", "19") or not any(
                prep == "in" and pobj.lemma_.lower() in RESPONSE and not self.actors.within(pobj) for prep, pobj in prep_objects(tok)):
            return []
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            return [f for f in self.roles.sources(tok.head)[0] if f.actor.code not in src_codes]
        return self.roles.earlier(src_codes)

    def _to_ally(self, tok: Token, targets: list[Filled]) -> bool:
        """Forces sent "to" a country or a region of it ("to Russia's Kursk region"), not to a border."""
        codes = {t.actor.code for t in targets}
        for prep, pobj in prep_objects(tok):
            if prep != "to" or pobj.lemma_.lower() in BORDERS:
                continue
            for f in self.actors.within(pobj):
                if f.actor.code in codes and (f.actor.root.i == pobj.i or f.actor.root.dep_ == "poss"):
                    return True
        return False

    def _foreign_object(self, tok: Token) -> bool:
        """The verb's object is another actor ("ordered Russia to withdraw"), not its own forces or a thing."""
        return any(f.actor.root.i == d.i or f.actor.anchor.i == d.i for d in children(tok, "dobj")
                   for f in self.actors.within(d) if f.actor.kind in ("country", "capital", "person", "igo"))

    def _forum(self, tok: Token) -> set[str]:
        """Organisations a complaint is filed with ("with the WTO"): the forum, not the target."""
        out: set[str] = set()
        for t in tok.subtree:
            if t.dep_ == "prep" and t.lower_ in ("with", "at", "to", "before"):
                out |= {f.actor.code for g in t.children for f in self.actors.within(g) if f.actor.kind == "igo"}
        for d in children(tok, "dobj", "nsubjpass"):  # "reviving its WTO case"
            out |= {f.actor.code for f in self.actors.within(d) if f.actor.kind == "igo" and f.actor.anchor.i == d.i}
        return out

    def _framed(self, trig: Trigger, content_trig: Trigger | None, content_tok: Token | None, conf: float) -> tuple[str, float]:
        p, frame = trig.pattern, trig.pattern.frame
        ccode = self.content_code(content_trig) if content_trig is not None else None
        if frame == "wrap":
            return p.code, conf
        if content_trig is not None and content_trig.pattern.pos == "N" and frame == "reject":
            lemma = content_trig.pattern.lemma
            if lemma in ("proposal", "plan"):
                return "127", conf - 0.05
            ccode = {"invitation": "036", "mediation": "045"}.get(lemma, ccode)
        if frame == "intent" and p.lemma == "agree" and content_trig is not None and content_trig.pattern.pos == "N" \
                and content_tok is not None and content_trig.token.i == content_tok.i \
                and ccode and (ccode == "057" or ccode.startswith("087")):
            return ccode, conf - 0.05  # "agreed to a ceasefire": the ceasefire itself, not a promise of one
        own_forces = any(d.lemma_.lower() in FORCES for d in children(trig.token, "dobj"))
        if ccode and is_conflict(ccode) and content_trig is not None and content_trig.pattern.pos == "V" \
                and _conditional(content_trig.token):
            return threat_of(ccode), conf - 0.05  # "ordered his military to annihilate the South if it invaded"
        if "enforce" in p.flags and ccode and (ccode.startswith("16") or own_forces
                                               or (ccode[:2] in ("17", "19", "20") and not self._foreign_object(trig.token))):
            return ccode, conf - 0.05  # "ordered China to close its consulate", "ordered a siege of Gaza": the act itself
        if frame == "intent" and p.lemma in ("vow", "pledge", "promise", "warn") and content_tok is not None and (
                content_tok.lemma_ in RETALIATION or {"pay", "dearly"} <= {t.lemma_.lower() for t in content_tok.subtree}):
            return "130", conf - 0.05  # "vowed to respond": a threat
        if frame == "intent" and ccode and is_conflict(ccode):
            if p.lemma in ("vow", "pledge", "promise", "threaten"):
                return threat_of(ccode), conf - 0.05  # "vowed to retaliate": a threat
            return ccode, conf - 0.05  # "agreed to freeze assets", "will impose tariffs": the act itself
        return compose(frame, ccode, p.code), conf - (0.05 if ccode else 0.1)

    def refined(self, trig: Trigger, code: str, sources: list[Filled], targets: list[Filled], *, how: str, sym: bool,
                conf: float, content: Trigger | None = None, partners: list[Filled] | None = None,
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
        if "cbrn" in flags:
            code = refine.cbrn_code(tok)
        if "court" in flags and src is not None and src.sector == "JUD":
            code = "116"
        if "strike" in trig.pattern.flags:
            targets = targets or self._landing(tok, {f.actor.code for f in sources})
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
        if "meet" in flags and code == "040":
            code = self._meeting_place(tok, {f.actor.code for f in [*sources, *targets] if not f.locative})
        drafts = self.make(trig, code, sources, targets, how=how, sym=sym, confidence=conf, partners=partners, text=text)
        if aimed:
            drafts += self.make(trig, "150", [*sources, *(partners or [])], aimed, how=how + ";aimed", sym=False,
                                confidence=conf - 0.1, text=text)
        if "visit" in flags and code == "042":
            drafts += [Draft(d.target, d.source, "043", d.trigger, d.rule.replace(">042", ">043") + ";host", d.confidence - 0.05,
                             d.order) for d in drafts if d.code == "042"]
        if "host" in flags and code == "043":
            drafts += [Draft(d.target, d.source, "042", d.trigger, d.rule.replace(">043", ">042") + ";guest", d.confidence - 0.05,
                             d.order) for d in drafts if d.code == "043"]
        return drafts

    def _failed_talks(self, trig: Trigger) -> list[Draft]:
        """"The two sides failed to reach an agreement": talks that broke down, 164 both ways."""
        tok = trig.token
        goal = child(tok, "xcomp")
        if goal is None or self.negated(tok) or goal.lemma_ not in ("reach", "agree", "bridge", "strike", "conclude"):
            return []
        if goal.lemma_ != "agree" and not any(t.lemma_ in ("agreement", "deal", "accord", "difference", "compromise", "consensus")
                                              for t in goal.subtree):
            return []
        subj = child(tok, "nsubj")
        members = nominal.noun_actors(self, subj)[2] if subj is not None and subj.i in self.at else []
        sources = members or self.roles.sources(tok)[0]
        if len({f.actor.code for f in sources}) < 2:
            return []
        return self.make(trig, "164", sources, [], how="failed", sym=True, confidence=0.7)

    def _landing(self, tok: Token, exclude: set[str]) -> list[Filled]:
        """"fired a missile that landed inside Japan's exclusive economic zone": the country whose
        waters, zone or airspace the projectile entered or flew over (not "the sea west of Japan")."""
        out: list[Filled] = []
        for t in tok.subtree:
            if t.pos_ != "VERB" or t.lemma_ not in ("land", "fall", "fly", "splash", "crash", "pass", "enter", "cross"):
                continue
            for prep, pobj in prep_objects(t):
                if prep not in ("in", "into", "inside", "within", "over", "across", "near", "toward", "towards"):
                    continue
                for f in self.actors.within(pobj):
                    if f.actor.code not in exclude and (not f.preps or f.preps[0] in ("in", "into", "inside", "within", "over")):
                        out.append(Filled(f.actor, prep, f.coordinated, f.preps))
        return out

    def _meeting_place(self, tok: Token, participants: set[str]) -> str:
        """044 when leaders meet in a third country (or, no place named, on the sidelines of a
        gathering); 040 in a participant's country or with no place."""
        scope = [tok, *([tok.head] if tok.dep_ in ("nsubj", "dobj", "nsubjpass", "pobj") else [])]
        places: set[str] = set()
        for t in scope:
            for prep, pobj in prep_objects(t):
                if prep in ("in", "at"):
                    places |= {f.actor.code for f in self.actors.within(pobj)}
                    # "on the sidelines of the G20 summit in Osaka": the place of the gathering
                    places |= {f.actor.code for g in pobj.subtree for f in self.actors.within(g) if f.actor.root.i == g.i
                               and f.actor.kind in ("capital", "place", "country")}
            for prep, pobj in prep_objects(t):
                if prep == "on" and pobj.lemma_.lower() in ("sideline", "sidelines", "margin", "margins"):
                    places |= {f.actor.code for g in pobj.subtree for f in self.actors.within(g) if f.actor.root.i == g.i
                               and f.actor.kind in ("capital", "place", "country")}
                    if not places:
                        return "044"
        if places:
            return "044" if not places & participants else "040"
        return "040"

    def make(self, trig: Trigger, code: str, sources: list[Filled], targets: list[Filled], *, how: str, sym: bool,
             confidence: float, partners: list[Filled] | None = None, text: str | None = None) -> list[Draft]:
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

    # -- pruning --------------------------------------------------------------------------------

    def _prune(self, drafts: list[Draft]) -> list[Draft]:
        """One event per (source, target, code); drop verbal elaborations of a main event of the same dyad."""
        seen: dict[tuple[str, str, str], Draft] = {}
        for d in drafts:
            key = (d.source.code, d.target.code, d.code)
            if key not in seen or seen[key].confidence < d.confidence:
                seen[key] = d
        kept = list(seen.values())
        out = []
        for d in kept:
            tok = self.doc[d.order]
            sub = tok.dep_ in ("advcl", "xcomp") and (tok.tag_ == "VBG" or any(c.lower_ == "to" for c in tok.children))
            if sub and d.code[:2] in ("10", "11", "13"):
                # "..., calling it a provocation" / "warning of ..." characterises the main act;
                # a demand is a separate speech act except as the content of a protest
                roots = ("14",) if d.code.startswith("10") else ("02", "10", "11", "12", "13", "14")
                main = [o for o in kept if o is not d and (o.source.code, o.target.code) == (d.source.code, d.target.code)
                        and o.order != d.order and o.code[:2] in roots]
                if main:
                    continue
            out.append(d)
        return sorted(out, key=lambda d: (d.order, d.source.code, d.target.code, d.code))


#: What a denial answers: the accuser is whoever told it before ("Japan rejected the account").
ACCOUNTS = frozenset({"account", "allegation", "accusation", "charge", "assertion", "version", "criticism", "claim"})


def _controlled(tok: Token) -> bool:
    """An infinitive complement: "prompting Japan to scramble jets" (xcomp, or advcl as the parser has it)."""
    return tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _subjunctive(tok: Token) -> bool:
    """A clause in the base form after "insist/demand that": "that Islamabad take action"."""
    return any(c.dep_ == "ccomp" and c.tag_ == "VB" and not any(g.dep_ == "aux" for g in c.children)
               and child(c, "nsubj") is not None for c in tok.children)


def _after_comma(tok: Token) -> bool:
    """A participle set off by a comma ("..., calling it a provocation") rather than a complement
    ("has not ruled out using nuclear weapons")."""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].is_punct


def _conditional(tok: Token) -> bool:
    """The clause carries its own condition ("... if it invaded", "... unless it made peace")."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
               for c in tok.children)


def _distinct(filled: list[Filled]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for f in filled:
        seen.setdefault(f.actor.code, f.actor)
    return list(seen.values())
