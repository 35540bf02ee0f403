"""Who did what to whom in one parsed sentence: triggers, their frames and their actors.

``SentenceCoder(doc, actors, lexicon).code()`` returns ``Draft`` events. Each trigger is
looked at once. Framing verbs (agree, urge, demand, refuse, threaten, deny) absorb the
action they frame: "agreed to lift curbs" is one event, 0354 (complements.py, verbal.py).
Speech verbs pass their clause through, which keeps its own actors ("Seoul said Tokyo's
curbs violated WTO rules" is Seoul accusing Tokyo, speech.py). Light verbs hand the event
to their object noun ("held talks", "imposed tariffs"), and event nouns are events when a
verb makes them happen ("the summit broke down", "a ceasefire took effect"; nominal.py).
Negated, conditional, hypothetical, denied and historical actions are not coded
(blocking.py). Drafts are made in drafting.py. See docs/coder.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from dyadwatch.coding import blocking, complements, drafting, modality, nominal, reactions, refine, speech, verbal
from dyadwatch.coding.actors import Mention
from dyadwatch.coding.advisories import advisory
from dyadwatch.coding.drafting import Draft
from dyadwatch.coding.roles import Roles
from dyadwatch.coding.syntax import Actor, Filled, SentenceActors, child
from dyadwatch.coding.triggers import Trigger, find_triggers
from dyadwatch.coding.verbs import Lexicon

__all__ = ["Draft", "SentenceCoder"]


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
            if p.pos == "V" and p.lemma in modality.DIRECTIVES and modality.or_face(trig.token):
                # "ordered Hamas to free the hostages by Saturday or face renewed strikes": an ultimatum
                drafts += verbal.verbal(self, Trigger(trig.token, replace(p, code="139", frames=frozenset({"wrap"}), flags=frozenset())))
            elif p.pos == "N":
                drafts += nominal.noun_event(self, trig)
            elif p.frame == "allege":
                drafts += speech.allege(self, trig)
            elif p.frame == "evaluate":
                drafts += speech.evaluate(self, trig)
            elif p.frame == "say" and p.lemma == "insist" and _subjunctive(trig.token):
                # "insisted that the United States stop sending carriers": a demand
                drafts += verbal.verbal(self, Trigger(trig.token, replace(p, code="100", frames=frozenset({"demand"}))))
            elif p.frame == "say" and (advised := advisory(self, trig)) is not None:
                drafts += [] if self.blocked(trig.token) else advised  # "told its nationals not to travel to Cambodia"
            elif p.frame == "say":
                drafts += speech.judgement(self, trig)
            elif p.frame == "happen" and p.code:
                drafts += nominal.happening(self, trig)
            elif p.frame == "fail":
                drafts += verbal.failed_talks(self, trig)
            elif p.code:
                drafts += verbal.verbal(self, trig)
        for r in reacted:
            drafts += reactions.drafts(self, r, drafts)
        drafts += self._followed_suit(drafts)
        return self._prune(drafts)

    def _followed_suit(self, drafts: list[Draft]) -> list[Draft]:
        """"Britain recognised a Palestinian state, and France followed suit": the follower does the same."""
        out: list[Draft] = []
        for tok in self.doc:
            if tok.lemma_ != "follow" or not any(c.dep_ == "dobj" and c.lower_ == "suit" for c in tok.children):
                continue
            if self.blocked(tok):
                continue
            before = [d for d in drafts if d.order < tok.i]
            if not before:
                continue
            first = min(d.order for d in before)
            followers, how = self.roles.sources(tok)
            for f in followers:
                for d in before:
                    if d.order == first and d.target.code != f.actor.code:
                        out.append(Draft(f.actor, d.target, d.code, "followed suit",
                                         f"verb:follow suit>{d.code};voice=active;{how};suit", round(d.confidence - 0.1, 2),
                                         tok.i))
        return out

    def _description(self, tok: Token) -> bool:
        return blocking.description(self, tok)

    def negated(self, tok: Token) -> bool:
        return blocking.negated(tok)

    def blocked(self, tok: Token) -> bool:
        """Negated, conditional, hypothetical, historical, denied or failed: no event."""
        return blocking.blocked(self, tok)

    # -- frames (complements.py) -------------------------------------------------------------

    def governor(self, tok: Token) -> Trigger | None:
        """The framing verb (or noun) whose complement contains ``tok``: it codes ``tok`` itself."""
        return complements.governor(self, tok)

    def content(self, tok: Token) -> tuple[Trigger | None, Token | None]:
        """The action a framing word frames: its complement clause or its event-noun object."""
        return complements.content(self, tok)

    def content_code(self, trig: Trigger) -> str | None:
        """The action code of a framed trigger, itself refined (aid kind, nested frames)."""
        return complements.content_code(self, trig)

    # -- drafts (drafting.py) ----------------------------------------------------------------

    def refined(self, trig: Trigger, code: str, sources: list[Filled], targets: list[Filled], *, how: str, sym: bool,
                conf: float, content: Trigger | None = None, partners: list[Filled] | None = None,
                text: str | None = None) -> list[Draft]:
        """Apply the pattern's flags (visits, meetings, exercises, strikes...) and make the drafts."""
        return drafting.refined(self, trig, code, sources, targets, how=how, sym=sym, conf=conf, content=content,
                                partners=partners, text=text)

    def make(self, trig: Trigger, code: str, sources: list[Filled], targets: list[Filled], *, how: str, sym: bool,
             confidence: float, partners: list[Filled] | None = None, text: str | None = None) -> list[Draft]:
        """Drafts for every (source, target) pair; symmetric actions pair coordinated actors both ways."""
        return drafting.make(self, trig, code, sources, targets, how=how, sym=sym, confidence=confidence, partners=partners,
                             text=text)

    # -- pruning --------------------------------------------------------------------------------

    def _prune(self, drafts: list[Draft]) -> list[Draft]:
        """One event per (source, target, code); drop verbal elaborations of a main event of the same dyad."""
        drafts = [self._demonstration(d) for d in drafts]
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
            if sub and d.code[:2] in ("10", "11", "13", "14"):
                # "..., calling it a provocation" / "warning of ..." characterises the main act;
                # a demand is a separate speech act except as the content of a protest; "rallied ... to
                # protest the discharge" is one demonstration
                # a threat beside an appeal is a second act ("urged Iran to ..., warning they would otherwise trigger
                # sanctions"): the appeal asks, the threat coerces
                roots = ("14",) if d.code.startswith(("10", "14")) else ("10", "11", "12", "13", "14") if d.code.startswith(
                    "13") else ("02", "10", "11", "12", "13", "14")
                main = [o for o in kept if o is not d and (o.source.code, o.target.code) == (d.source.code, d.target.code)
                        and o.order != d.order and o.code[:2] in roots]
                if main:
                    continue
            if sub and tok.tag_ == "VBG" and d.code[:2] in ("05", "11") and ("evaluate" in d.rule or "speech-judgement" in d.rule) \
                    and any(o is not d and (o.source.code, o.target.code) == (d.source.code, d.target.code) and o.order != d.order
                            for o in kept):
                # "cut all lines with the South, calling it an enemy", "revoked the pact, saying the troops' presence
                # was illegal": a judgement that explains the main act of the same pair is no act of its own
                continue
            out.append(d)
        return sorted(out, key=lambda d: (d.order, d.source.code, d.target.code, d.code))


    def _demonstration(self, d: Draft) -> Draft:
        """"Thousands of Georgians rallied outside parliament to denounce Russia's invasion": what
        people rally, march or demonstrate to say is their demonstration (141), not a statement."""
        if d.code[:2] != "11" or (d.source.sector not in refine.NON_STATE and d.source.kind != "demonym"):
            return d
        tok = self.doc[d.order]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return d
        head = self.at.get(tok.head.i)
        if head is None or "protest" not in head.pattern.flags or head.pattern.pos != "V":
            return d
        return replace(d, code="141", rule=d.rule.replace(f">{d.code};", ">141;", 1) + ";demonstration")


def _subjunctive(tok: Token) -> bool:
    """A clause in the base form after "insist/demand that": "that Islamabad take action"."""
    return any(c.dep_ == "ccomp" and c.tag_ == "VB" and not any(g.dep_ == "aux" for g in c.children)
               and child(c, "nsubj") is not None for c in tok.children)
