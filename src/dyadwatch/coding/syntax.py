"""Actors on a dependency parse: which noun phrase each mention fills, and who fills a role.

Mentions found by the dictionary matcher (actors.py) are placed on the spaCy parse of
their sentence. An ``Actor`` is anchored at the head of its noun phrase, so that
"Japan's foreign ministry", "the foreign ministers of China, Japan and South Korea",
"Chinese coast guard ships" and "Warships from South Korea" all become actors with a
country and a sector. ``SentenceActors.within(token, role)`` then answers "which actors
fill the phrase headed by this token", walking only through noun-phrase structure
(compounds, possessives, coordination, ``of``/``from`` phrases), never into clauses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dyadwatch.coding.actors import Mention

#: Dependencies that stay inside a noun phrase.
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "conj", "cc", "appos", "pobj", "prep",
                     "npadvmod", "quantmod", "case", "nn", "predet", "punct", "dep", "preconj", "advmod", "agent"})
#: Participles that pass their object on ("a show of force aimed at the North").
TRANSPARENT_ACL = frozenset({"aim", "direct", "target", "base", "make", "hold", "station", "deploy", "fire", "launch", "impose", "levy",
                             "operate", "send", "fly", "own", "run", "import", "export", "produce", "manufacture", "ship",
                             "sell", "build", "house"})
#: Nouns naming a venue: an actor inside "on the sidelines of the G20 summit" is where, not who.
VENUES = frozenset({"sideline", "sidelines", "margin", "margins", "summit", "conference", "forum", "session", "gathering",
                    "meeting", "assembly", "dialogue", "convention", "congress", "expo", "games", "olympics", "speech",
                    "address", "interview", "briefing", "remarks"})
#: Prepositions whose object is where something happens, not who takes part.
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "off", "around", "across", "within", "throughout",
                      "along", "through", "over", "into", "toward", "towards", "onto", "beyond", "behind"})
#: Prepositions a subject phrase may contain ("the ministers of", "warships from", "leaders among").
SUBJECT_PREPS = frozenset({"of", "from", "among", "including", "by"})
#: Groupings that are forums, not actors: events are coded between their members (G7, G20, Quad ...).
FORUMS = frozenset({"GOS", "GOE", "GTW", "GSS", "QSD", "BRC", "APC", "AUK", "NON"})
#: Sectors of people a place can name the nationality of ("protesters in Seoul"), and how it is named.
PEOPLE_SECTORS = frozenset({"OPP", "CVL", "HRI", "LAB", "EDU"})
PEOPLE_PREPS = frozenset({"in", "across", "throughout"})
PRONOUNS = frozenset({"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "itself", "themselves"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"})


@dataclass
class Actor:
    """One actor on the parse: a country (or organisation) with a sector, anchored at a noun phrase."""

    code: str
    sector: str | None
    text: str
    label: str
    kind: str
    root: Token
    anchor: Token
    in_office: bool = True

    @property
    def is_place(self) -> bool:
        return self.kind == "place"

    def __hash__(self) -> int:
        return hash((self.code, self.root.i))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Actor) and (self.code, self.root.i) == (other.code, other.root.i)


@dataclass(frozen=True)
class Filled:
    """An actor found in a role, and how: the preposition it hangs on (``via``), if any."""

    actor: Actor
    via: str = ""
    coordinated: bool = False
    preps: tuple[str, ...] = ()
    venue: bool = False

    @property
    def locative(self) -> bool:
        """A place where something happens ("in Seoul", "over Hokkaido"), not someone taking part."""
        if self.actor.is_place or self.venue:
            return True
        inner = self.preps[0] if self.preps else self.via
        return self.actor.kind in ("capital", "country") and inner in LOCATIVE


@dataclass
class SentenceActors:
    """The actors of one parsed sentence, and the sector words found in it."""

    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    sector_tokens: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, mentions: Iterable[Mention]) -> SentenceActors:
        out = cls(doc)
        located: list[tuple[Mention, Token, set[int]]] = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if m.kind == "sector" or not m.code:
                for t in span:
                    out.sector_tokens[t.i] = m.sector or ""
                continue
            located.append((m, span.root, {t.i for t in span}))
        for m, root, _ in located:
            if any(t.lower_ == "according" for t in root.ancestors):
                continue  # "according to Ukrainian officials": who reports, not who acts
            if m.code in FORUMS:
                continue
            anchor, sector = _anchor(root, out.sector_tokens)
            kind = m.kind
            people = _located_people(root, out.sector_tokens) if m.kind in ("capital", "place", "country") else None
            if people is not None:  # "protesters in Seoul", "residents across Japan": that country's people
                anchor, sector, kind = people, out.sector_tokens[people.i], "demonym"
            if m.kind == "person" or (m.kind in ("capital", "company") and sector is None):
                sector = m.sector
            elif sector is None and _stands_alone(root, m):
                sector, kind = "CVL", "demonym"  # "Thousands of Vietnamese rallied"
            elif sector is None and m.kind == "demonym":
                sector = m.sector
            out.actors.append(Actor(m.code, sector, m.text, m.label, kind, root, anchor, m.in_office))
        return out

    def codes(self) -> set[str]:
        return {a.code for a in self.actors}

    def within(self, head: Token | None, *, role: str = "object") -> list[Filled]:
        """Actors inside the noun phrase headed by ``head`` (``role``: subject or object).

        A subject keeps only what hangs on it through ``of``/``from`` phrases (so the
        source of "Japan's ambassador to South Korea" is Japan alone); an object keeps
        everything, with the preposition it came through.
        """
        if head is None:
            return []
        found: list[Filled] = []
        described: set[int] = set()  # actors inside an apposition that is not itself one of them
        roots = {a.root.i for a in self.actors}
        for a in self.actors:
            path = _path(a.root, head)
            if path is None:
                continue
            preps = [t.lower_ for t in path if t.dep_ == "prep" or t.dep_ == "agent"]
            located = a.kind == "demonym" and a.anchor.i != a.root.i and bool(preps) and preps[0] in PEOPLE_PREPS \
                and all(p in SUBJECT_PREPS for p in preps[1:])  # "(hundreds of) protesters in Manila"
            if role == "subject" and any(p not in SUBJECT_PREPS for p in preps) and not located:
                continue
            coordinated = any(t.dep_ == "conj" for t in path) or any(c.dep_ == "conj" for c in a.anchor.children)
            venue = bool(preps) and any(t.lemma_.lower() in VENUES and t.i != a.root.i for t in path)
            found.append(Filled(a, "at" if venue else (preps[-1] if preps else ""), coordinated, tuple(preps), venue))
            if any(t.dep_ == "appos" and t.i != a.root.i and t.pos_ != "PROPN" and t.i not in roots for t in path):
                described.add(a.root.i)  # not a list the parser read as appositions ("Saudi Arabia, the UAE, ...")
        if described and any(f.actor.root.i not in described and not f.actor.is_place for f in found):
            # "Japan and South Korea, both allies of the United States, ...": who the apposition mentions describes them
            found = [f for f in found if f.actor.root.i not in described]
        return found


def _anchor(root: Token, sectors: dict[int, str]) -> tuple[Token, str | None]:
    """Climb from a mention to the head of its noun phrase, picking up a sector on the way."""
    tok = root
    sector = sectors.get(tok.i) or None
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "nn") and tok.head.i != tok.i and tok.head.pos_ in NOUNISH:
        tok = tok.head
        if sector is None and sectors.get(tok.i):
            sector = sectors[tok.i]
    # "the foreign ministers of China": the country fills the sector noun it depends on
    if sector is None and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from") and tok.head.head.i in sectors:
        sector = sectors[tok.head.head.i] or None
    if sector is None and tok.dep_ == "conj":
        head = tok
        while head.dep_ == "conj":
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in ("of", "from") and head.head.head.i in sectors:
            sector = sectors[head.head.head.i] or None
    return tok, sector


def _located_people(root: Token, sectors: dict[int, str]) -> Token | None:
    """The people noun of "protesters in Seoul", "students across South Korea": the place names
    their country (they are its citizens, not its government)."""
    tok = root
    while tok.dep_ in ("compound", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in PEOPLE_PREPS or tok.head.dep_ != "prep":
        return None
    people = tok.head.head
    if people.i not in sectors:  # "hundreds of demonstrators in Seoul", the place hung on the number
        people = next((g for c in people.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                       if g.dep_ == "pobj"), people)
    return people if sectors.get(people.i) in PEOPLE_SECTORS and people.pos_ in ("NOUN", "PROPN") else None


def _stands_alone(root: Token, m: Mention) -> bool:
    """An adjective or demonym used as a noun ("Thousands of Vietnamese rallied")."""
    if m.kind not in ("demonym", "adjective") or root.dep_ in ("amod", "compound", "poss", "nmod"):
        return False
    return root.pos_ in ("NOUN", "PROPN") or root.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "conj", "appos")


def _path(tok: Token, head: Token) -> list[Token] | None:
    """Tokens from ``tok`` up to (not including) ``head`` if only noun-phrase links separate them."""
    path: list[Token] = []
    cur = tok
    steps = 0
    while cur.i != head.i:
        if cur.head.i == cur.i or steps > 40:
            return None
        dep = cur.dep_
        if dep in ("acl", "relcl") and cur.lemma_ in TRANSPARENT_ACL:
            pass
        elif dep not in NP_DEPS:
            return None
        elif dep == "conj" and cur.pos_ in ("VERB", "AUX"):
            return None
        path.append(cur)
        cur = cur.head
        steps += 1
    return path


def clause_of(tok: Token) -> Token:
    """The verb (or root) heading the clause ``tok`` is in."""
    cur = tok
    while cur.head.i != cur.i and not (cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("amod", "compound")):
        cur = cur.head
    return cur


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
    )


def child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, its object) for every prepositional phrase hanging on ``tok``."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") or (c.dep_ == "dative" and c.pos_ == "ADP"):
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append((c.lower_, g))
                elif g.dep_ == "pcomp":  # "out of the talks"
                    out += [(c.lower_, gg) for gg in g.children if gg.dep_ == "pobj"]
                elif g.dep_ == "prep" and c.lower_ in ("out", "away") and g.lower_ in ("of", "from"):
                    # "walked out of the summit", parsed as two prepositions
                    out += [(g.lower_, gg) for gg in g.children if gg.dep_ == "pobj"]
    return out


#: Participles after a hyphenated actor: "a Russian-brokered deal", "an American-owned factory".
HYPHEN_PARTICIPLES = frozenset({"brokered", "mediated", "drafted", "backed", "led", "sponsored", "made", "built", "funded",
                                "supplied", "owned", "based", "hosted", "proposed", "engineered"})


def hyphen_word(f: Filled) -> str:
    """The participle after a hyphenated actor ("brokered" in "a Russian-brokered deal"), or ""."""
    doc, i = f.actor.root.doc, f.actor.root.i
    if "-" in doc[i].text:
        return doc[i].lower_.rsplit("-", 1)[-1]  # "U.S.-brokered" is one token
    return doc[i + 2].lower_ if i + 2 < len(doc) and doc[i + 1].text in ("-", "–") else ""


def hyphen_agent(f: Filled) -> bool:
    """An actor in "a Russian-brokered deal", "a U.S.-drafted resolution": the agent of the participle."""
    return hyphen_word(f) in HYPHEN_PARTICIPLES


#: Participles of who owns or made a thing: "an American-owned factory", "a Chinese-flagged tanker".
OWNER_PARTICIPLES = frozenset({"owned", "made", "built", "based", "operated", "flagged", "registered", "run", "manufactured"})
