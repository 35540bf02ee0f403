"""Travel advisories: a government telling its own people to stay away from another country.

"Beijing advised Chinese citizens to avoid travelling to Japan", "China urged its nationals to reconsider
trips to South Korea", "Seoul warned its citizens against travel to Cambodia": the appeal is addressed to
the speaker's own people, so it is no appeal to the country named (020); it curbs travel to that country,
which CAMEO codes as a restriction on exchange with it (163, as in the gold sets' travel bans).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding.drafting import Draft, make
from dyadwatch.coding.syntax import Filled, children
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

#: Verbs that address advice or a warning to someone.
ADVISING = frozenset({"advise", "urge", "warn", "tell", "ask", "caution", "call", "instruct", "encourage"})
#: Whom a travel advisory addresses: the speaker's own people.
OWN_PEOPLE = frozenset({"citizen", "national", "tourist", "traveller", "traveler", "student", "people", "resident",
                        "compatriot", "public", "visitor", "holidaymaker"})
#: What they are told to do: stay away, or rethink.
AVOIDING = frozenset({"avoid", "refrain", "reconsider", "postpone", "cancel", "defer", "delay", "shun", "stop",
                      "suspend", "halt"})
#: The acts of going there.
TRAVEL = frozenset({"travel", "travelling", "traveling", "visit", "trip", "go", "tour", "journey"})


def _addressed_to_own_people(coder: SentenceCoder, tok: Token, src_codes: set[str]) -> bool:
    for d in children(tok, "dobj"):
        if d.lemma_.lower() in OWN_PEOPLE:
            return True
        named = {f.actor.code for f in coder.actors.within(d) if f.actor.kind == "demonym"}
        if named and named <= src_codes:
            return True
    return False


def _destination(coder: SentenceCoder, phrase: Token, src_codes: set[str]) -> list[Filled]:
    """Countries named in the advised act ("avoid travelling to Japan"), when the act is one of going there."""
    words = {t.lemma_.lower() for t in phrase.subtree} | {t.lower_ for t in phrase.subtree}
    if not words & TRAVEL:
        return []
    return [f for t in phrase.subtree if t.dep_ == "pobj" and t.head.lower_ in ("to", "in", "into")
            for f in coder.actors.within(t) if f.actor.code not in src_codes]


def advisory(coder: SentenceCoder, trig: Trigger) -> list[Draft] | None:
    """The restriction a travel advisory tells (163 to the country it names), or None when ``trig`` is no
    travel advisory (the verb is then coded as usual)."""
    tok = trig.token
    if tok.lemma_.lower() not in ADVISING:
        return None
    sources = [f for f in coder.roles.sources(tok)[0] if not f.actor.is_place]
    src_codes = {f.actor.code for f in sources}
    if not sources or not _addressed_to_own_people(coder, tok, src_codes):
        return None
    phrases = [x for x in children(tok, "xcomp", "ccomp", "advcl") if (x.lemma_.lower() in AVOIDING or any(
        c.dep_ == "neg" for c in x.children)) and (x.dep_ != "advcl" or any(c.lower_ == "to" for c in x.children))]
    # "warned its nationals against travelling to Kuwait": on the verb or, as the parser often has it, on its object
    phrases += [p for h in (tok, *children(tok, "dobj")) for p in children(h, "prep") if p.lower_ == "against"]
    targets = [f for x in phrases for f in _destination(coder, x, src_codes)]
    if not targets:
        return None
    return make(coder, trig, "163", sources, targets, how="advisory", sym=False, confidence=0.75)
