"""Reactions in apposition: "X did Y, a move Z condemned as illegal".

Wire copy often ends a report with the reaction of another actor, hung on the main clause
by a noun that stands for the whole event ("a move", "a step", "a decision") or by
"which": "Japan removed South Korea from its white list, a move Seoul called a grave
provocation" is Japan's act and Seoul's criticism of Japan. The small parser rarely gets
these right (the reacting actor comes out as an apposition, the verb as a clause on
"move"), so they are found on the word sequence: comma, determiner, event noun, the
reacting actor(s), and a reaction verb (criticism, rejection, praise, protest or an
evaluation such as "called it a provocation"). The reacting actors are the source; the
target is the source of the event before the comma.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import refine
from dyadwatch.coding.syntax import PRONOUNS, Filled, child

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import Draft, SentenceCoder

#: Nouns that stand for the event just told ("..., a move Seoul condemned").
ANTECEDENTS = frozenset({"move", "step", "decision", "act", "action", "measure", "announcement", "development", "plan",
                         "ruling", "deal", "agreement", "visit", "launch", "test", "remark", "statement", "gesture",
                         "compromise", "concession", "proposal", "offer", "charge", "accusation", "allegation", "claim",
                         "assertion"})
#: Antecedents that are accounts: rejecting or denying them is a denial (016) of the account.
ACCOUNTS = frozenset({"charge", "accusation", "allegation", "claim", "assertion"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that"})
#: Roots of reactions to another's act.
REACTION_ROOTS = ("05", "11", "12")


@dataclass(frozen=True)
class Reaction:
    """A reaction verb hung on the event before the comma: where that event ends and who reacts."""

    verb: Token
    comma: int
    sources: tuple[Filled, ...]
    antecedent: str = ""


def find(coder: SentenceCoder) -> list[Reaction]:
    """Every ", a move X condemned" / ", which X called ..." in the sentence."""
    doc = coder.doc
    out: list[Reaction] = []
    words = [t.lower_ for t in doc]
    for i in range(1, len(words)):
        if words[i - 1] != "," and not (i >= 2 and words[i - 2] == "," and words[i - 1] in DETERMINERS):
            continue
        tok = doc[i]
        if words[i] == "which" and words[i - 1] == ",":
            comma = i - 1
        elif i >= 2 and words[i - 2] == "," and tok.pos_ == "NOUN" and tok.lemma_.lower() in ANTECEDENTS:
            comma = i - 2
        else:
            continue
        verb = _reaction_verb(coder, tok)
        if verb is None:
            continue
        agent = child(verb, "agent")
        if agent is not None:  # ", a compromise welcomed by Seoul"
            sources = [f for g in agent.children for f in coder.actors.within(g, role="subject") if not f.actor.is_place]
        else:
            sources = [Filled(a, "", False) for a in coder.actors.actors
                       if i < a.root.i < verb.i and not a.is_place and a.root.lower_ not in PRONOUNS]
        if sources:
            _detach(verb, comma)
            out.append(Reaction(verb, comma, tuple(sources), tok.lemma_.lower()))
    return out


def _detach(verb: Token, comma: int) -> None:
    """"Thailand accused Cambodia of ..., a charge Phnom Penh denied": the parser often makes the
    report before the comma the complement of the reaction verb; it is the main clause, not what
    is denied (or said), so it becomes the head and the reaction hangs on it."""
    if verb.dep_ != "ROOT":
        return
    for c in verb.children:
        if c.dep_ in ("ccomp", "parataxis") and c.i < comma and max(t.i for t in c.subtree) < comma and c.pos_ in ("VERB", "AUX"):
            c.head, c.dep_ = c, "ROOT"
            verb.head, verb.dep_ = c, "parataxis"
            return


def _reaction_verb(coder: SentenceCoder, antecedent: Token) -> Token | None:
    doc = coder.doc
    for j in range(antecedent.i + 1, min(len(doc), antecedent.i + 16)):
        t = doc[j]
        if t.text in (".", ";", ":") or (t.lower_ in ("that", "which", "who") and j > antecedent.i + 1):
            return None
        trig = coder.at.get(j)
        if trig is None or trig.pattern.pos != "V" or not t.tag_.startswith("VB"):
            continue
        p = trig.pattern
        if p.frame == "evaluate" or (p.code[:2] in REACTION_ROOTS and p.frame in ("", "reject")) or p.code == "114" \
                or (p.frame == "deny" and antecedent.lemma_.lower() in ACCOUNTS):
            return t
        return None
    return None


def drafts(coder: SentenceCoder, reaction: Reaction, earlier: list[Draft]) -> list[Draft]:
    """Source: the reacting actors; target: who acted before the comma; code: the verb's own, or
    from the evaluation ("called it a provocation" 111, "welcomed as a strategic choice" 051)."""
    trig = coder.at[reaction.verb.i]
    before = [d for d in earlier if d.order < reaction.comma]
    src_codes = {f.actor.code for f in reaction.sources}
    if before:
        first = min(d.order for d in before)
        targets = [Filled(d.source, "", False) for d in before if d.order == first]
    else:
        main = _main_verb(coder, reaction.comma)
        targets = coder.roles.sources(main)[0] if main is not None else []
    targets = [f for f in targets if f.actor.code not in src_codes]
    if not targets:
        return []
    code = trig.pattern.code
    if reaction.antecedent in ACCOUNTS and trig.pattern.frame in ("deny", "reject"):
        code = "016"  # "..., a charge Phnom Penh denied / rejected": a denial of the account
    if trig.pattern.frame == "evaluate":
        tail = coder.doc[reaction.verb.i + 1 : min(len(coder.doc), reaction.verb.i + 8)]
        words = {t.lemma_.lower() for t in tail} | {t.lower_ for t in tail}
        pol = -1 if words & refine.NEGATIVE else (1 if words & refine.POSITIVE else 0)
        if pol == 0:
            return []
        code = "111" if pol < 0 else "051"
    if coder.negated(reaction.verb):
        return []
    return coder.make(trig, code, list(reaction.sources), targets, how="reaction", sym=False, confidence=0.7)


def _main_verb(coder: SentenceCoder, comma: int) -> Token | None:
    """The sentence's root verb if it comes before the comma, else the first verb with a subject there."""
    root = next((t for t in coder.doc if t.dep_ == "ROOT"), None)
    if root is not None and root.i < comma and root.pos_ in ("VERB", "AUX"):
        return root
    for t in coder.doc[:comma]:
        if t.pos_ in ("VERB", "AUX") and child(t, "nsubj", "nsubjpass") is not None:
            return t
    return None
