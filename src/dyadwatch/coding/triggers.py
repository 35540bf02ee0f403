"""Find the words that name an action (triggers) on a parsed sentence, by verbs.csv patterns."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyadwatch.coding.verbs import Lexicon, Pattern

#: Dependencies under which a verb's object phrase lies (passive subjects too).
OBJECT_DEPS = ("dobj", "attr", "oprd", "dative")
PARTICLE_DEPS = ("prt", "prep", "advmod", "acomp", "oprd", "npadvmod", "dobj", "agent")
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Trigger:
    """A token that matched a pattern."""

    token: Token
    pattern: Pattern

    @property
    def kind(self) -> str:
        return {"V": "verb", "N": "noun", "A": "adj"}[self.pattern.pos]

    @property
    def text(self) -> str:
        """The action as written: head, its particle and its object head when the pattern needs them."""
        tok, p = self.token, self.pattern
        idx = {tok.i}
        if p.prefix and tok.i >= 2 * len(p.prefix):
            idx |= set(range(tok.i - 2 * len(p.prefix), tok.i))
        for c in tok.children:
            if p.particles and c.dep_ in PARTICLE_DEPS and c.lower_ in p.particles:
                idx.add(c.i)
            if p.pos == "N" and p.particles and c.dep_ in ("compound", "amod") and c.lemma_.lower() in p.particles:
                idx.add(c.i)
            if p.objects and c.dep_ in (*OBJECT_DEPS, "nsubjpass"):
                idx.add(c.i)
        lo, hi = min(idx), max(idx)
        return tok.doc[lo : hi + 1].text

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.pattern.text}"


#: Spans of time that can be given ("gave Moscow 24 hours to explain").
DURATIONS = frozenset({"day", "hour", "week", "month"})


def object_lemmas(tok: Token, *, heads_only: bool = False) -> set[str]:
    """Lemmas that can satisfy a pattern's ``object``: the object head, its compounds, its of-phrase."""
    heads = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    if any(c.dep_ == "auxpass" for c in tok.children):
        heads += [c for c in tok.children if c.dep_ == "nsubjpass"]
    # "allowed IAEA inspectors back into the country": the subject of a verbless small clause is the object
    heads += [g for c in tok.children if c.dep_ == "ccomp" and not c.tag_.startswith("VB") and not any(
        m.dep_ in ("mark", "aux") for m in c.children) for g in c.children if g.dep_ == "nsubj"]
    heads += [g for h in list(heads) for g in h.children if g.dep_ in ("conj", "appos")]  # "Aiboshi, Japan's ambassador"
    # "gave Putin 50 days to agree": a span of time the parser hung on the verb as an adverb
    heads += [c for c in tok.children if c.dep_ == "npadvmod" and c.lemma_.lower() in DURATIONS and c.i > tok.i
              and any(n.dep_ == "nummod" for n in c.children)]
    out: set[str] = set()
    for h in heads:
        out.add(h.lemma_.lower())
        out.add(h.lower_)
        if heads_only:
            continue
        for c in h.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                out.add(c.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ in ("of", "on", "in"):
                out |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
    return out


#: Objects of time phrases ("on Saturday"), which never satisfy a pattern's preposition.
TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon",
                        "evening", "night", "day", "week", "weekend", "month", "year", "january", "february", "march",
                        "april", "may", "june", "july", "august", "september", "october", "november", "december"})


def _prep_ok(tok: Token, prep: str, objs: frozenset[str]) -> bool:
    # the parser often hangs "to the White House" on the object ("welcomed Phuc to ...")
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "oprd"))]
    # "pulled out of the talks" parsed as two prepositions: "of" hangs on "out"
    heads += [c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in ("out", "away")]
    for c in (g for h in heads for g in h.children):
        if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == prep:
            pobjs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if pobjs and prep != "until" and all(g.lemma_.lower() in TIME_WORDS or g.like_num for g in pobjs):
                continue  # "fired ... on Saturday"
            if not objs:
                return True
            if any(g.lemma_.lower() in objs or any(m.dep_ == "compound" and m.lemma_.lower() in objs for m in g.children)
                   for g in c.children if g.dep_ in ("pobj", "pcomp")):
                return True  # "to its Entity List": a compound of the object counts
    return False


def _prefix_ok(tok: Token, prefix: tuple[str, ...]) -> bool:
    doc, i = tok.doc, tok.i
    for word in reversed(prefix):
        if i >= 2 and doc[i - 1].text in ("-", "–") and doc[i - 2].lower_ == word:
            i -= 2
        elif i >= 1 and doc[i - 1].lower_ == word:
            i -= 1
        else:
            return False
    return True


def _modifiers(tok: Token) -> set[str]:
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "nummod")}
    mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    # "a show of force": the governing noun counts as a modifier of "force"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        mods.add(tok.head.head.lemma_.lower())
    # "controls on exports": what the noun applies to counts too
    mods |= {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "of") for g in c.children
             if g.dep_ == "pobj"}
    return mods


def _matches(tok: Token, p: Pattern, *, strict: bool = False) -> bool:
    if p.prefix and not _prefix_ok(tok, p.prefix):
        return False
    if p.pos == "N":
        return not p.particles or bool(_modifiers(tok) & p.particles)
    if p.particles and not any(
        c.dep_ in PARTICLE_DEPS and c.lower_ in p.particles
        and 0 < c.i - tok.i <= (6 if c.dep_ == "prt" or c.lower_ in ("home", "back", "out", "off", "away") else 3)
        for c in tok.children  # a particle may follow the object: "cut some Russian banks off"
    ):
        return False
    if p.objects and not object_lemmas(tok, heads_only=strict) & p.objects and not (p.particles and any(
            c.dep_ == "prep" and c.lower_ in p.particles and any(g.dep_ == "pobj" and g.lemma_.lower() in p.objects for g in c.children)
            for c in tok.children)):  # "called in Japan's defence attache", "in" parsed as a preposition
        return False
    return not p.preps or any(_prep_ok(tok, prep, objs) for prep, objs in p.preps)


def match_token(tok: Token, lexicon: Lexicon) -> Pattern | None:
    """The most specific pattern ``tok`` satisfies, or None."""
    lemma = tok.lemma_.lower()
    kinds = []
    if tok.pos_ in VERB_POS or tok.tag_.startswith("VB"):
        kinds.append("V")
    if tok.pos_ in NOUN_POS:
        kinds.append("N")
    if tok.pos_ == "ADJ" or tok.tag_ == "JJ":
        kinds.append("A")
    if tok.tag_ == "VBN" and "A" not in kinds:
        kinds.append("A")  # "prepared to", "committed to"
    for kind in kinds:
        lemmas = [lemma]
        if kind == "V" and not lexicon.has("V", lemma):
            lemmas += sorted(lexicon.verb_lemmas(tok.lower_))
        for strict in (True, False):  # an object's head beats its modifiers ("missile strikes" are strikes)
            for lem in lemmas:
                for p in lexicon.candidates(kind, lem):
                    if (p.objects or not strict) and _matches(tok, p, strict=strict):
                        return p
    nounlike = tok.tag_ == "VBZ" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")  # "kicked off their drills"
    if (tok.tag_ in ("VB", "VBP") or nounlike) and not lexicon.has("V", lemma):
        for p in lexicon.candidates("N", lemma):  # a noun the tagger took for a verb ("their exercise")
            if _matches(tok, p):
                return p
    return None


def find_triggers(doc: Doc, lexicon: Lexicon) -> list[Trigger]:
    """Every token of ``doc`` that matches a pattern, left to right."""
    out = []
    for tok in doc:
        if tok.is_punct or tok.like_num or tok.dep_ in ("prep", "mark", "agent", "case"):
            continue  # "given Japan's position": a preposition, not an act
        p = match_token(tok, lexicon)
        if p is not None:
            out.append(Trigger(tok, p))
    return out
