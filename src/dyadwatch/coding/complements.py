"""What a framing word frames, and which framing word governs a trigger.

Framing verbs and nouns (agree, urge, demand, refuse, threaten; a proposal, a plan) do not
tell an event of their own: they frame the action in their complement ("agreed to lift
curbs", "urged Tokyo to withdraw ..."). ``content`` finds that action, ``governor`` finds
the framing word over a trigger (which then codes it, not the trigger itself), and
``content_code`` gives the framed action's code (frames.py composes the two).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import blocking, refine
from dyadwatch.coding.frames import compose
from dyadwatch.coding.syntax import child
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

FRAMING = frozenset({"intent", "appeal", "demand", "reject", "threaten", "wrap"})
#: Subordinators of clauses that tell what happened, not what is framed.
CIRCUMSTANCE = frozenset({"after", "since", "because", "as", "when", "while", "following"})
#: Prepositions of the setting of an act, never of what it frames.
SETTING = frozenset({"at", "during", "after", "before", "amid", "following", "since", "despite"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "nsubjpass", "attr", "oprd", "acl", "pobj", "prep", "relcl",
                             "conj", "compound", "advcl"})


def governor(coder: SentenceCoder, tok: Token) -> Trigger | None:
    """The framing verb (or noun) whose complement contains ``tok``: it codes ``tok`` itself."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return None
        trig = coder.at.get(head.i)
        follows = cur.i > head.i or cur.dep_ == "nsubjpass"
        if cur.dep_ == "conj" and child(cur, "nsubj", "nsubjpass") is not None:
            return None  # "warned that Israel would face a fate, and hours later Iranian missiles slammed into ..."
        participle = cur.dep_ == "advcl" and cur.tag_ == "VBG" and _after_comma(cur)
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE for c in cur.children):
            return None  # "agreed to end their feud after he hosted them": a fact, not the agreement's content
        if cur.dep_ == "prep" and cur.lower_ in SETTING and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # (a to-infinitive under it is a complement the parser hung on the setting: "urged Tokyo at a meeting to ...")
            return None  # "agreed to a ceasefire at talks hosted by Malaysia": where, not what
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


def content(coder: SentenceCoder, tok: Token) -> tuple[Trigger | None, Token | None]:
    """The action a framing word frames: its complement clause or its event-noun object."""
    cands = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    cands += [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    cands += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "of", "on")
              for g in c.children if g.dep_ in ("pobj", "pcomp")]
    cands += [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    if not cands:
        for t in tok.subtree:
            if t.i > tok.i and t.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                if governor(coder, t) is coder.at.get(tok.i):
                    cands.append(t)
                    break
    for c in cands:
        found = _event_in(coder, c)
        if found is not None:
            return found, c
    return None, cands[0] if cands else None


def _event_in(coder: SentenceCoder, tok: Token, depth: int = 0) -> Trigger | None:
    if any(c.dep_ == "mark" and c.lower_ in blocking.CONDITIONAL for c in tok.children):
        return None
    trig = coder.at.get(tok.i)
    if trig is not None and trig.pattern.code and trig.pattern.frame != "say" and not coder.negated(tok):
        return trig
    if depth > 3:
        return None
    for c in tok.children:
        if c.dep_ in COMPLEMENT_DEPS and c.i != tok.i:
            found = _event_in(coder, c, depth + 1)
            if found is not None:
                return found
    return None


def content_code(coder: SentenceCoder, trig: Trigger) -> str | None:
    """The action code of a framed trigger, itself refined (aid kind, nested frames)."""
    p = trig.pattern
    if p.frame in FRAMING:
        inner, _ = content(coder, trig.token)
        inner_code = content_code(coder, inner) if inner is not None and inner is not trig else None
        if p.lemma in ("proposal", "plan"):
            return "037" if inner_code is None else inner_code
        return compose(p.frame, inner_code, p.code) if inner_code else (None if p.pos == "N" else p.code)
    code = p.code
    if "aid" in p.flags:
        code = refine.aid_kind(trig.token, code) or code
    if "exercise" in p.flags:
        code = "062"
    if "captive" in p.flags and not refine.human_object(trig.token, False, frozenset(coder.actors.sector_tokens)):
        return None
    return code


def _after_comma(tok: Token) -> bool:
    """A participle set off by a comma ("..., calling it a provocation") rather than a complement
    ("has not ruled out using nuclear weapons")."""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].is_punct
