"""Second looks at a coded action: the 3-4 digit code from the words around the trigger.

Each function takes the trigger token and the code so far and returns the refined code
(or None when the action turns out not to be an interstate event). Word lists live here,
next to the decision they drive; docs/coder.md lists the decisions.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

#: Sector codes of actors that are not the state: their protests are demonstrations (14x).
NON_STATE = frozenset({"CVL", "OPP", "EDU", "LAB", "AGR", "HRI", "NGO", "BUS", "ENV", "REF", "MED", "REB", "UAF", "CRM", "HLH"})

AID_MILITARY = frozenset({"military", "weapon", "arm", "missile", "ammunition", "shell", "tank", "jet", "drone", "artillery",
                          "radar", "air-defence", "air-defense", "defence", "defense", "interceptor", "rocket", "howitzer",
                          "munition", "fighter", "patriot", "himars", "security", "warship", "vessel", "boat"})
AID_HUMANITARIAN = frozenset({"humanitarian", "relief", "rescue", "rescuer", "medical", "medicine", "food", "vaccine", "dose",
                              "kit", "supply", "supplies", "tent", "blanket", "shelter", "doctor", "team", "emergency", "aid",
                              "disaster", "earthquake", "flood", "typhoon"})
AID_ECONOMIC = frozenset({"economic", "financial", "dollar", "yen", "euro", "won", "yuan", "loan", "grant", "fund", "funding",
                          "budget", "budgetary", "development", "investment", "credit", "money", "cash", "financing"})
AID_PEACE = frozenset({"peacekeeper", "peacekeeping"})
#: Troops sent to another state fight for it: military aid (072).
TROOPS = frozenset({"troop", "soldier", "force", "forces", "personnel", "instructor", "trainer", "mercenary"})
UNITS = frozenset({"unit", "ship", "vessel", "jet", "aircraft", "plane", "wave", "patrol", "squadron", "fleet"})
ENVOYS = frozenset({"minister", "envoy", "delegation", "official", "diplomat", "president", "leader", "secretary",
                    "ambassador", "representative", "emissary", "premier", "chancellor", "adviser", "advisor", "negotiator"})

NEGATIVE = frozenset({"regrettable", "unacceptable", "deplorable", "dangerous", "provocative", "provocation", "illegal",
                      "unlawful", "unjust", "unfair", "absurd", "absurdity", "violation", "breach", "threat", "aggression",
                      "irresponsible", "inappropriate", "outrageous", "flawed", "wrong", "hostile", "reckless", "unprovoked",
                      "bullying", "coercion", "interference", "rehearsal", "invasion", "extreme", "unilateral", "discriminatory",
                      "retaliation", "retaliatory", "insult", "disgrace", "shameful", "lie", "distortion", "destabilizing",
                      "destabilising", "aggressive", "harmful", "unconstitutional", "null", "void", "baseless", "groundless",
                      "preposterous", "regret", "concern", "invalid", "excessive", "unnecessary", "problematic", "unhelpful", "rude",
                      "insulting", "disrespectful", "arrogant", "shameless", "hypocritical", "nonsense", "ridiculous",
                      "irrational", "unreasonable", "intolerable", "unforgivable", "recklessness", "deceitful", "challenge", "enabler",
                      "accomplice", "adversary", "enemy", "foe", "menace", "danger", "slander", "overreaction", "despicable",
                      "deranged", "dotard", "lunatic", "madman", "gangster", "puppet", "traitor", "thug", "liar",
                      "incomprehensible", "parasite", "intransigence", "unsafe", "unprofessional", "abnormal",
                      "unjustified", "unjustifiable", "unwarranted", "misguided", "selfish", "blackmail", "fabrication",
                      "hypocrisy"})
POSITIVE = frozenset({"welcome", "positive", "constructive", "important", "significant", "progress", "historic", "strategic",
                      "encouraging", "meaningful", "fair", "friendly", "helpful", "valuable", "productive", "good", "great",
                      "improve", "improving", "excellent", "successful", "healthy", "healthier", "goodwill"})

ACCUSE_SUB = (
    ("1124", frozenset({"genocide", "crime against humanity", "war crime", "war crimes", "atrocity", "atrocities"})),
    ("1123", frozenset({"aggression", "invasion", "attack", "provocation", "incursion", "militarization", "militarisation",
                        "war", "hostility", "expansionism", "rehearsal"})),
    ("1125", frozenset({"espionage", "spying", "spy", "hacking", "cyberattack"})),
    ("1122", frozenset({"abuse", "torture", "repression", "human rights", "persecution"})),
    ("1121", frozenset({"crime", "corruption", "theft", "smuggling", "fraud", "bribery", "money laundering", "terrorism"})),
)
INVESTIGATE_CRIME = frozenset({"suspect", "suspected", "crime", "criminal", "illegal", "illegally", "espionage", "spying",
                               "theft", "murder", "attack", "cyberattack", "smuggling", "fraud", "graffiti", "poaching",
                               "trafficking", "hacking", "police", "charge", "alleged"})
POLICY_NOUNS = frozenset({"decision", "deployment", "curb", "restriction", "control", "claim", "plan", "policy", "release",
                          "discharge", "dumping", "visit", "measure", "tariff", "sanction", "export", "ban", "law", "move",
                          "statement", "textbook", "remark", "ruling", "test", "drill", "exercise", "water"})
MASS_WORDS = frozenset({"dozens", "hundreds", "thousands", "tens", "scores", "millions", "mass", "many"})
SPORT = re.compile(
    r"\b(?:football|soccer|baseball|basketball|volleyball|hockey|rugby|cricket|tennis|golf|championship|tournament|"
    r"league|World Cup|Olympics?|Paralympics?|medal|quarterfinals?|semifinals?|striker|goalkeeper|midfielder|forward|"
    r"home runs?|innings?|stadium|playoffs?|World Baseball Classic|Asian Cup|club|FC|wickets?|Champions Trophy|"
    r"Test match|T20|match)\b",
    re.IGNORECASE,
)
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
SPORT_VERBS = frozenset({"beat", "defeat", "crush", "win", "play", "score", "draw", "thrash", "edge", "sign", "lose", "rout", "hit",
                         "steal", "become"})


def subtree_words(tok: Token) -> set[str]:
    return {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}


def object_words(tok: Token) -> set[str]:
    """Words of the trigger's object phrases and prepositional phrases (not its subject)."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "prep", "dative", "xcomp", "ccomp", "advcl", "conj", "npadvmod",
                      "pobj", "compound", "amod", "acl"):
            words |= subtree_words(c)
    words.add(tok.lemma_.lower())
    return words


def aid_kind(tok: Token, code: str) -> str | None:
    """070 -> 071/072/073/074 from what is given; None when nothing aid-like is given (or when an
    envoy is sent: "will send its defence minister to Moscow" is a visit, not aid)."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ENVOYS for c in tok.children):
        return None
    if any(c.dep_ == "dobj" and any(t.lemma_.lower() in UNITS for t in c.subtree) for c in tok.children) and not any(
            c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children):
        return None  # "sent air, naval and missile units to shadow the Chinese forces": a deployment, no aid
    if any(c.dep_ == "prep" and c.lower_ in ("into", "across", "against") for c in tok.children) and \
            any(c.dep_ == "dobj" and c.lemma_.lower() in TROOPS for c in tok.children):
        return None  # "sent troops into Ukraine": not aid
    # what is given: the objects and prepositional phrases, not a clause alongside ("as trucks carrying aid ...")
    # the verb itself names nothing given ("Australia and Qatar supply half of their imports": trade, not aid)
    words = {tok.lemma_.lower()} if tok.pos_ in ("NOUN", "PROPN") else set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "prep", "dative", "pobj", "compound", "amod", "npadvmod") or (
                c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)):
            words |= subtree_words(c)  # and what it is for: "to help Vietnam buy patrol boats"
    if words & AID_PEACE:
        return "074"
    if words & (AID_MILITARY | TROOPS):
        return "072"
    if words & AID_HUMANITARIAN:
        return "073"
    if words & AID_ECONOMIC:
        return "071"
    if tok.pos_ in ("NOUN", "PROPN"):
        return code  # "aid", "assistance" themselves
    return None


def is_sport(sentence: str, lemmas: set[str]) -> bool:
    """Sport results and transfers ("Japan beat South Korea 3-0") are not interstate events."""
    if SCORE.search(sentence) and lemmas & SPORT_VERBS:
        return True
    return bool(SPORT.search(sentence)) and bool(lemmas & SPORT_VERBS)


def protest_code(code: str, source_sector: str | None, source_kind: str, tok: Token) -> str:
    """Official protest (114) by a state; demonstration (141, 1412 against a policy) by people."""
    popular = source_sector in NON_STATE or source_kind == "demonym"
    if not popular:
        return "114" if code.startswith("14") or code == "114" else code
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("against", "over"):
            if any(g.lemma_.lower() in POLICY_NOUNS for g in c.subtree):
                return "1412"
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and c.lemma_ in ("protest", "denounce", "condemn", "oppose"):
            if any(g.lemma_.lower() in POLICY_NOUNS for g in c.subtree):
                return "1412"
    return "141"


def accuse_code(code: str, tok: Token) -> str:
    """112 -> 1121-1125 from what the target is accused of."""
    words = object_words(tok)
    text = " ".join(t.lower_ for t in tok.subtree)
    for sub, cues in ACCUSE_SUB:
        if words & cues or any(" " in c and c in text for c in cues):
            return sub if code.startswith("112") or (code == "111" and sub == "1123") else code
    return code


def investigate_code(tok: Token, source_sector: str | None) -> str:
    words = object_words(tok)
    if "war" in words and "crime" in words:
        return "094"
    if "human" in words and "right" in words:
        return "092"
    if source_sector in ("COP", "JUD") or words & INVESTIGATE_CRIME:
        return "091"
    return "090"


def is_mass(tok: Token) -> bool:
    """Many victims: a number of ten or more, or "dozens/hundreds/thousands" in the object."""
    for t in tok.subtree:
        if t.dep_ in ("nsubj", "csubj") and t.head.i == tok.i:
            continue
        if t.lower_ in MASS_WORDS:
            return True
        if t.like_num:
            try:
                if float(t.text.replace(",", "")) >= 10:
                    return True
            except ValueError:
                continue
    return False


def is_forcible(tok: Token) -> bool:
    return any(c.lower_ in ("forcibly", "forcefully", "forcibly") for c in tok.children)


def cbrn_code(tok: Token) -> str:
    words = object_words(tok)
    if words & {"chemical", "chloropicrin", "sarin", "chlorine", "gas", "nerve"}:
        return "2041"
    if words & {"nuclear", "atomic"}:
        return "2042"
    if words & {"biological", "radiological", "mass", "unconventional", "agent", "toxin"}:
        return "204"
    return ""  # "whose weapons Ukraine used against it": arms of any kind are no mass violence


def polarity(tok: Token, *, shallow: bool = False) -> int:
    """-1 for a negative evaluation ("dangerous", "a provocation"), +1 positive, 0 none.

    ``shallow`` looks only at the clause's predicate ("was seriously flawed", "would keep
    improving"), not at everything it mentions.
    """
    if shallow:
        toks = [tok, *(c for c in tok.children if c.dep_ in ("acomp", "attr", "oprd", "xcomp", "advmod", "neg"))]
        toks += [g for t in toks[1:] for g in t.children if g.dep_ in ("amod", "advmod", "xcomp")]
    else:
        toks = list(tok.subtree)
    words = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}
    if words & NEGATIVE:
        return -1
    if words & POSITIVE:
        return 1
    return 0


HUMAN = frozenset({"prisoner", "detainee", "hostage", "national", "citizen", "person", "people", "man", "woman", "men", "women",
                   "crew", "fisherman", "fishermen", "sailor", "journalist", "reporter", "soldier", "worker", "abductee",
                   "captive", "civilian", "tourist", "student", "activist", "diplomat", "employee", "child", "children",
                   "member", "official", "missionary", "pilot", "seafarer", "defector", "businessman", "businesswoman",
                   "executive", "engineer", "priest", "nun", "aid worker", "scientist", "athlete", "lawmaker", "spy",
                   "suspect", "evacuee", "refugee", "migrant", "seaman", "seamen", "passenger", "resident", "counterpart",
                   "delegation", "leader", "host", "guest", "head", "chief", "king", "queen", "prince", "princess"})


def human_object(tok: Token, has_actor: bool, people: frozenset[int] = frozenset()) -> bool:
    """The object, if any, is people ("freed three Americans", "released the crew") or an actor.

    ``people``: token indices of actor nouns from the sector dictionary ("diplomats", "officials").
    """
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if has_actor or not objs:
        return True
    return any(c.lemma_.lower() in HUMAN or c.i in people or c.ent_type_ == "PERSON" or c.pos_ == "PROPN" for c in objs)
