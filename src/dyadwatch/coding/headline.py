"""Headline repair: a verb the parser read as a noun right after the subject's actor phrase.

Headlines and other sentences without a final full stop ("Trump and Xi meet in Busan, agree
one-year truce", "EU shuts airspace to Russian planes, will fund weapons for Ukraine") often
come out of the small parser with the verb read as a noun: "meet" the subject of "agree",
"shuts" a compound of "airspace", "walks" the object of "Trump". ``repair`` re-reads such a
noun as the verb when all of this holds:

* the sentence does not end in ``.``, ``!`` or ``?`` (a headline);
* the sentence opens with an actor phrase (actors, possibly coordinated with "and" or a
  comma) directly followed by the noun;
* the noun's form is a present-tense form of a verb trigger lemma of the lexicon ("meet",
  "shuts"), not a plural of a noun trigger only, and no determiner precedes it.

The noun then becomes the verb (tag VBZ/VBP, pos VERB, the trigger's lemma) and the head of
the sentence; the actor phrase its subject; a noun it modified ("airspace") its object, with
that noun's prepositions; and the verb the parse had made the head ("agree", "fund") a
conjunct of it, so its subject is inherited.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from dyadwatch.coding.actors import Mention
from dyadwatch.coding.verbs import Lexicon

#: Words that may join the actors of the opening phrase.
_JOINERS = frozenset({"and", ",", "&"})


def _actor_tokens(doc: Doc, mentions: Sequence[Mention], *, sectors: bool = False) -> set[int]:
    out: set[int] = set()
    for m in mentions:
        if (not m.code and not (sectors and m.kind == "sector")) or m.kind == "place":
            continue
        for t in doc:
            if t.idx < m.end and t.idx + len(t.text) > m.start:
                out.add(t.i)
    return out


def _verb_lemma(tok: Token, lexicon: Lexicon) -> str | None:
    form = tok.lower_
    for lemma in sorted(lexicon.verb_lemmas(form)):
        if form == lemma or form in (lemma + "s", lemma + "es") or (lemma.endswith("y") and form == lemma[:-1] + "ies"):
            return lemma
    return None


def repair(doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon) -> bool:
    """Re-read a headline's verb parsed as a noun (module doc); True when the parse changed."""
    text = doc.text.rstrip().rstrip("\"'”’)")
    if not text or text[-1] in ".!?:" or len(doc) < 3:
        return False
    actors = _actor_tokens(doc, mentions)
    if 0 not in actors:
        return False
    i = 0
    while i < len(doc) and (i in actors or (doc[i].lower_ in _JOINERS and i + 1 in actors)):
        i += 1
    # the phrase may own a sector noun: "South Korea's appeals court orders Japan to ..."
    owned = _actor_tokens(doc, mentions, sectors=True) - actors
    if 0 < i < len(doc) - 1 and doc[i].tag_ == "POS" and i + 1 in owned:
        i += 1
        while i in owned:
            i += 1
    if i >= len(doc) or i == 0:
        return False
    tok = doc[i]
    if tok.tag_ not in ("NN", "NNS") or doc[i - 1].lower_ in _JOINERS:
        return False
    lemma = _verb_lemma(tok, lexicon)
    if lemma is None:
        return False
    subject = [doc[j] for j in range(i) if not (doc[j].head.i < i and doc[j].head.i != doc[j].i)]
    owner = None  # "Japan's foreign ministry summons ...", "Japan" parsed as the possessor of "summons"
    if len(subject) == 2 and subject[0].dep_ == "poss" and doc[subject[0].i + 1].tag_ == "POS" and subject[1].i > subject[0].i:
        owner, subject = subject[0], subject[1:]
    if len(subject) != 1:
        return False
    subj = subject[0]
    old_head = tok.head
    root = next(t for t in doc if t.head.i == t.i)
    obj = old_head if tok.dep_ in ("compound", "nmod", "amod") and old_head.i > tok.i else None
    # the verb the parse made the head of the sentence becomes a conjunct ("..., agree ...")
    other = root if root.i > tok.i and root.pos_ in ("VERB", "AUX") and root is not obj else None
    if root not in (tok, subj, obj, other):
        return False
    if owner is not None:
        owner.head = subj
    tok.tag_ = "VBZ" if tok.lower_ != lemma else "VBP"
    tok.pos_ = "VERB"
    tok.lemma_ = lemma
    tok.head, tok.dep_ = tok, "ROOT"
    subj.head, subj.dep_ = tok, "nsubj"
    if obj is not None:
        obj.head, obj.dep_ = tok, "dobj"
        for c in list(obj.children):
            if c.dep_ == "prep" and c.i > obj.i:
                c.head = tok
    if other is not None:
        other.head, other.dep_ = tok, "conj"
    for t in doc:
        # what hung on the subject's old noun reading after the verb ("walks" the object of "Trump")
        if t.i > tok.i and t.head.i < i and t.head.i != t.i:
            t.head = tok
    return True
