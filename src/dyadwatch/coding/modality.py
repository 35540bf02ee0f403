"""What is announced rather than done: modals, conditions and the threats news tells without "threaten".

``modality`` reads a verb's future ("will impose") or necessity ("would have to respond"), which turn
an act into an intent or a threat (verbal.py). The rest finds threats in their usual wire phrasings:
a penalty the speaker announces for someone else ("said Russia would pay a heavy price"), force that
is "not ruled out", an answer promised with a forceful manner ("would respond resolutely"), a
directive with "or face ...", and clauses carrying their own condition ("... if it invaded").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding.drafting import Draft, make
from dyadwatch.coding.frames import is_conflict
from dyadwatch.coding.syntax import PRONOUNS, child
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

#: Auxiliaries of the future ("will impose", "would retaliate").
FUTURE = frozenset({"will", "would", "'ll", "shall", "wo"})
#: Words that make a threat a threat of force (138): "war", "strike", "missile" ...
MILITARY_CUES = frozenset({"war", "military", "force", "attack", "conflict", "strike", "nuclear", "fury", "fire", "destroy", "annihilate",
                           "invasion", "missile", "retaliation", "retaliate", "strikes", "bomb"})
#: Directives that become ultimatums with "or face ...".
DIRECTIVES = frozenset({"order", "tell", "demand", "instruct", "urge", "give"})


def modality(tok: Token) -> str:
    """"future" ("will impose"), "necessity" ("would have to take countermeasures") or ""."""
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


def or_face(tok: Token) -> bool:
    """"to leave by Nov. 1 or face arrest": the directive's content offers a penalty as the alternative."""
    for t in tok.subtree:
        if t.lemma_ == "face" and t.dep_ == "conj" and t.i > tok.i and any(
                c.dep_ == "cc" and c.lower_ == "or" for c in t.head.children) and t.head.i != tok.i:
            return True
    return False


def conditional(tok: Token) -> bool:
    """The clause carries its own condition ("... if it invaded", "... unless it made peace")."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
               for c in tok.children)


def ruling_out(tok: Token) -> bool:
    return tok.lemma_ == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)


def not_ruled_out(coder: SentenceCoder, tok: Token) -> bool:
    """"would not rule out the use of force", "refused to rule out military action": a threat of what is kept open."""
    if not ruling_out(tok):
        return False
    negated = coder.negated(tok) or (tok.dep_ == "xcomp" and tok.head.lemma_ in ("refuse", "decline"))
    if not negated:
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    if any(o.i in coder.at and not is_conflict(coder.at[o.i].pattern.code or "010") for o in objs):
        return False  # "would not rule out supplying weapons to Ukraine": a cooperative option
    words = {t.lemma_.lower() for o in objs for t in o.subtree}
    return bool(words & (MILITARY_CUES | PENALTIES | {"sanction", "tariff", "coercion", "option", "retaliation"}))


#: Verbs of undergoing a penalty: "X would pay a heavy price", "X would face consequences" (told by someone else).
PENALTY_VERBS = frozenset({"pay", "face", "expect", "suffer"})
PENALTIES = frozenset({"price", "consequence", "bombing", "attack", "strike", "war", "punishment", "retribution", "retaliation",
                       "fury", "response", "countermeasure", "sanction", "tariff"})
SPEAKING = frozenset({"say", "tell", "declare", "state", "add", "insist", "stress", "write", "post", "claim", "warn", "caution"})
#: Modals of a penalty announced for someone else: "would pay", "will face", "should expect".
PENALTY_MODALS = FUTURE | {"should", "must", "can"}


def penalty(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """"Biden said Russia would pay a dear price if it invaded", "Trump said Iran would face bombing if ...": a
    penalty the speaker announces for someone else is the speaker's threat against them."""
    tok = trig.token
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if not aux & (PENALTY_MODALS if tok.lemma_.lower() in ("expect", "suffer") else FUTURE):
        return []
    head = tok
    while head.dep_ in ("ccomp", "conj") and head.head.i != head.i and head.head.lemma_ not in SPEAKING:
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_ not in SPEAKING:
        return []
    speaker = head.head
    if coder.blocked(speaker):
        return []
    sources, how = coder.roles.sources(speaker)
    subj = child(tok, "nsubj")
    if subj is None and tok.dep_ == "conj":
        subj = child(tok.head, "nsubj")  # "said Tehran had made a big mistake and would pay for it"
    if not sources or subj is None:
        return []
    src_codes = {f.actor.code for f in sources}
    targets = [f for f in coder.actors.within(subj) if not f.actor.is_place]
    if not targets and subj.lower_ in PRONOUNS:
        targets = coder.roles.pronoun(subj, src_codes)
    targets = [f for f in targets if f.actor.code not in src_codes]
    if not targets:
        return []
    objs = [t for c in tok.children if c.dep_ in ("dobj", "prep") for t in c.subtree]
    code = "138" if any(t.lemma_.lower() in MILITARY_CUES | {"bombing", "strike"} for t in objs) else "130"
    if any(t.lemma_.lower() in ("sanction", "tariff") for t in objs):
        code = "1312"
    return make(coder, trig, code, sources, targets, how=f"penalty;{how}", sym=False, confidence=0.7)


#: How an answer announced in advance makes it a threat: "would respond resolutely to any provocation".
FORCEFUL = frozenset({"resolutely", "firmly", "forcefully", "decisively", "strongly", "sternly", "harshly", "swiftly",
                      "forcibly", "militarily", "robustly", "severely", "mercilessly", "ruthlessly"})


def forceful_answer(tok: Token) -> bool:
    """"would respond resolutely", "will react decisively": a future answer told with a forceful manner."""
    return modality(tok) == "future" and any(c.dep_ == "advmod" and c.lower_ in FORCEFUL for c in tok.children)
