"""Who a reference names: pronouns, "the two sides", coordinations, and the event a reaction answers.

``References`` holds one parsed sentence with its actors, the triggers by token, and the actors of
the sentences before; ``Roles`` (roles.py) builds on it to fill sources and targets. A pronoun
resolves to the nearest earlier actor (a plural pronoun to a whole coordination, the subject of
"X said it would ..." to X); "the two sides", "both countries" to the coordinated actors named
before; "condemned the launch" to whoever launched, in this sentence or the ones before.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dyadwatch.coding.actors import Mention
from dyadwatch.coding.syntax import PERSON_PRONOUNS, PRONOUNS, Actor, Filled, SentenceActors, child
from dyadwatch.coding.triggers import Trigger

#: Phrases that name the parties already introduced ("the two sides", "both countries", "each other").
GROUP = re.compile(r"^(?:the|both)\s+(?:two\s+|three\s+)?(?:sides|countries|nations|governments|leaders|neighbours|neighbors|"
                   r"allies|states|parties|capitals|rivals|foes|powers|delegations|ministers|presidents|"
                   r"foreign ministers|defen[cs]e ministers)$|^each other$|^one another$", re.IGNORECASE)
#: Plural pronouns: they refer to a whole coordination ("Japan and South Korea ... they").
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})


class References:
    """Reference resolution for one parsed sentence."""

    def __init__(self, doc: Doc, actors: SentenceActors, at: dict[int, Trigger], previous: list[Actor],
                 older: list[Actor] | None = None, prior: list[tuple[str, list[Mention]]] | None = None) -> None:
        self.doc = doc
        self.actors = actors
        self.at = at
        self.previous = previous
        self.older = older or []
        self.prior = prior or []

    # -- pronouns and group references ------------------------------------------------------------

    def pronoun(self, tok: Token, exclude: set[str]) -> list[Filled]:
        """A pronoun, or a phrase it possesses ("its forces", "five of them"), as the nearest earlier actor(s)."""
        pron = tok if tok.lower_ in PRONOUNS else next(
            (t for t in tok.subtree if t.lower_ in PRONOUNS and (t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ == "of"))),
            None,
        )
        if pron is None:
            return self.group(tok, exclude)
        speaker = self._reporting_subject(pron)
        if speaker is not None:
            # "Several survivors and civic groups said they would refuse the money": they are the speakers
            found = [f for f in self.actors.within(speaker, role="subject") if not f.actor.is_place]
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in speaker.children)
            if found or not definite:
                return [f for f in found if f.actor.code not in exclude]
            # "The ministry said it would ...": the ministry is one named before; resolve as usual
        before = [a for a in self.actors.actors if a.root.i < pron.i and a.code not in exclude and not a.is_place]
        if pron.lower_ in PERSON_PRONOUNS:
            before = [a for a in before if a.kind == "person"] or before
        elif pron.lower_ in PLURAL_PRONOUNS:
            groups = [a for a in before if len(self.coordination(a)) > 1 and a.anchor.dep_ in ("nsubj", "nsubjpass", "conj")]
            if groups:
                return [Filled(m, "", True) for m in self.coordination(groups[0]) if m.code not in exclude and not m.is_place]
            plural = [a for a in self.actors.actors if a.root.i < pron.i and not a.is_place and a.anchor.tag_ in ("NNS", "NNPS")
                      and a.anchor.dep_ in ("dobj", "pobj", "nsubjpass")]
            if plural:  # "handed over 64 South Koreans, and they were arrested": the nearest plural object
                pick = plural[-1]
                return [] if pick.code in exclude else [Filled(pick, "", False)]
        else:
            before = [a for a in before if a.kind != "person"] or before
        if before:
            subjects = [a for a in before if a.anchor.dep_ in ("nsubj", "nsubjpass")]
            pick = (subjects or before)[-1]
            return [Filled(pick, "", False)]
        prev = [a for a in self.previous if a.code not in exclude]
        if pron.lower_ in PLURAL_PRONOUNS and len(prev) > 1:
            return [Filled(a, "", True) for a in prev]
        return [Filled(prev[0], "", False)] if prev else []

    def _reporting_subject(self, pron: Token) -> Token | None:
        """The subject of the speech verb whose report ``pron`` is the subject of, when they agree in
        number ("X said it would ...", "groups said they would ..."); None otherwise."""
        if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ not in ("it", "they", "he", "she"):
            return None
        verb = pron.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        trig = self.at.get(verb.head.i)
        if verb.dep_ != "ccomp" or trig is None or trig.pattern.frame != "say":
            return None
        subj = child(verb.head, "nsubj")
        if subj is None or subj.lower_ in PRONOUNS:
            return None
        plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
        person = subj.i in self.actors.sector_tokens or any(a.kind == "person" and a.anchor.i == subj.i for a in self.actors.actors)
        if pron.lower_ == "they":
            return subj if plural else None
        if pron.lower_ == "it":
            return subj if not plural and not any(a.kind == "person" and a.anchor.i == subj.i for a in self.actors.actors) else None
        return subj if person and not plural else None

    def coordination(self, actor: Actor) -> list[Actor]:
        """The actors coordinated with ``actor`` ("Japan and South Korea", "Abe and Moon")."""
        head = actor.anchor
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        span = {t.i for t in head.subtree if t.i == head.i or t.dep_ in ("conj", "cc", "compound", "amod", "poss", "punct")}
        members = [a for a in self.actors.actors if a.anchor.i in span or a.root.i in span]
        out: dict[str, Actor] = {}
        for a in members:
            out.setdefault(a.code, a)
        return list(out.values())

    def group(self, tok: Token, exclude: set[str]) -> list[Filled]:
        """"the two sides", "both countries", "each other": the actors named before."""
        text = " ".join(t.lower_ for t in tok.subtree if not t.is_punct)
        if not GROUP.match(text):
            return []
        for a in self.actors.actors:
            if a.root.i < tok.i:
                members = [m for m in self.coordination(a) if m.code not in exclude]
                if len(members) >= 2:
                    return [Filled(m, "", True) for m in members]
        named: dict[str, Actor] = {}
        for a in [*self.previous, *(a for a in self.actors.actors if a.root.i < tok.i)]:
            if a.code not in exclude and not a.is_place:
                named.setdefault(a.code, a)
        if len(named) == 2 or (exclude and len(named) == 1):
            return [Filled(a, "", True) for a in named.values()]
        return []

    def earlier(self, exclude: set[str], obj: Token | None = None) -> list[Filled]:
        """Who did what a reaction answers: the actor next to the word for it in the sentences before
        ("North Korea's attempt to launch a satellite ... Kishida condemned the launch": North Korea;
        "South Korea decided not to renew the pact ... Japan called the decision regrettable": South
        Korea); else the main actor of the sentence before, or of the two before it."""
        named = self._named_before(obj, exclude) if obj is not None else None
        if named:
            return [Filled(a, "", len(named) > 1) for a in named]
        prev = [a for a in [*self.previous, *self.older] if a.code not in exclude]
        return [Filled(prev[0], "", False)] if prev else []

    def _named_before(self, obj: Token, exclude: set[str]) -> list[Actor] | None:
        stems = event_stems(obj.lemma_.lower())
        if not stems:
            return None
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)
        # told earlier in this sentence: "Russia's FSB said it had arrested an American reporter, and the
        # White House condemned the detention"
        for t in self.doc[: obj.i]:
            if t.i < obj.i - 1 and t.pos_ == "VERB" and pattern.fullmatch(t.text):
                earlier = [a for a in self.actors.actors if a.root.i < t.i and a.code not in exclude and not a.is_place]
                subjects = [a for a in earlier if a.anchor.dep_ in ("nsubj", "nsubjpass", "poss")]
                if subjects or earlier:
                    return [(subjects or earlier)[-1]]
        for text, mentions in self.prior:
            found = pattern.search(text)
            if found is None:
                continue
            cands = [m for m in mentions if m.code not in exclude]
            before = [m for m in cands if m.end <= found.start()]
            pick = before[-1] if before else (cands[0] if cands else None)
            if pick is None:
                continue
            group = [pick]
            for m in reversed(before[:-1]):  # "joint drills by the United States and South Korea"
                if re.fullmatch(r"(?:,|,?\s*and|'s)?\s*(?:the\s+)?", text[m.end : group[-1].start].strip() + " ", re.IGNORECASE):
                    group.append(m)
                else:
                    break
            tok = self.doc[0]
            return [Actor(m.code, m.sector, m.text, m.label, m.kind, tok, tok, m.in_office) for m in reversed(group)]
        return None


#: Nouns for an event told before, and the stems of the words that told it.
EVENT_STEMS: dict[str, tuple[str, ...]] = {
    "decision": ("decid", "decision"), "detention": ("detain", "detention", "arrest"), "expulsion": ("expel", "expulsion"),
    "seizure": ("seiz",), "statement": ("said", "statement", "stat"), "remark": ("said", "remark"), "comment": ("said", "comment"),
    "discharge": ("discharg", "releas"), "ruling": ("rul",), "launch": ("launch", "fire", "test-fire"),
    "test": ("test",), "deployment": ("deploy",), "removal": ("remov",), "arrest": ("arrest", "detain"), "attack": ("attack", "strike"),
    "strike": ("strike", "struck"), "drill": ("drill", "exercise"), "exercise": ("exercise", "drill"), "visit": ("visit",),
    "incursion": ("incursion", "intru", "enter"), "intrusion": ("intru", "incursion", "enter"), "account": ("said", "account"),
    "accusation": ("accus",), "allegation": ("alleg", "accus"), "charge": ("accus", "charg"), "claim": ("claim", "said"),
    "ban": ("ban",), "sanction": ("sanction",), "tariff": ("tariff",), "curb": ("curb", "restrict"),
    "restriction": ("restrict", "curb"), "release": ("releas",), "plan": ("plan",), "law": ("law", "pass"),
    "execution": ("execut",), "killing": ("kill",), "annexation": ("annex",), "invasion": ("invad", "invasion"),
}


def event_stems(lemma: str) -> tuple[str, ...]:
    return EVENT_STEMS.get(lemma, EVENT_STEMS.get(lemma.rstrip("s"), ()))
