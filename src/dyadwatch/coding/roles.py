"""Who fills a trigger's roles: its source (subject, agent, inherited) and its targets.

Sources come from the subject (or the ``by`` agent of a passive), else from the clause the
trigger depends on (conjoined verbs, infinitives, participles), with object control
("urged Tokyo to withdraw": Tokyo withdraws). Pronouns, "the two sides" and the events a
reaction answers are resolved by ``References`` (reference.py). Targets are ranked: 0 the object or the
passive subject, 1 an actor in a prepositional phrase, 2 a place ("in Seoul"). When a
trigger names no target at all, ``fallback`` offers the nearest other actor.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.coding.reference import References
from dyadwatch.coding.syntax import (
    LOCATIVE,
    OWNER_PARTICIPLES,
    PERSON_PRONOUNS,
    PRONOUNS,
    VENUES,
    Actor,
    Filled,
    child,
    children,
    hyphen_word,
    is_passive,
    prep_objects,
)

OBJECT_CONTROL = frozenset({"urge", "ask", "press", "order", "invite", "encourage", "call", "force", "allow", "help", "persuade",
                            "tell", "request", "appeal", "pressure", "permit", "prompt", "lead", "cause", "push", "drive"})
#: Borders named by a neighbour's adjective: "near the Polish border".
EDGES = frozenset({"border", "frontier", "boundary", "borderline"})
#: Nouns of help: "with help from the United States and Jordan" names helpers, not whom the act is aimed at.
HELP = frozenset({"help", "support", "assistance", "backing", "aid", "cooperation"})
TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "for", "over", "into", "from", "upon",
                          "onto", "across", "in", "near", "around", "off", "inside", "outside", "about", "of", "between",
                          "among", "by", "within"})
#: Nouns naming texts and rules: an organisation modifying them is not a party ("UN resolutions").
DOCUMENTS = frozenset({"resolution", "sanction", "rule", "charter", "law", "convention", "standard", "regulation", "principle",
                       "norm", "report", "guideline", "mandate", "framework", "panel", "meeting", "summit", "forum"})
#: Definite, non-actor objects that point back to an event told before ("condemned the launch").
ANAPHORIC = frozenset({"the", "this", "these", "that", "those", "such"})
#: Verbs whose participle clause speaks for the sentence's speaker ("..., calling the act dangerous").
SPEECHY = frozenset({"call", "describe", "label", "brand", "say", "warn", "accuse", "insist", "cite", "argue", "add", "claim",
                     "note", "stress", "demand", "urge", "vow", "pledge", "threaten", "blame", "condemn", "denounce"})
#: Directions that locate an act near a country ("east of North Korea").
COMPASS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest"})
#: Prepositions of time: an actor behind one is an anchor, not a party.
TEMPORAL = frozenset({"since", "after", "before", "during", "until", "amid"})
#: Armed forces: their nationality is who deploys them.
FORCES = frozenset({"troop", "force", "soldier", "army", "unit", "personnel", "marine", "warship", "jet", "bomber"})
#: Verbs of sending people out of a country: an agentless passive's "from X" names who does it.
EXPELLING = frozenset({"expel", "deport", "evict", "kick"})
DEPLOYED = frozenset({"deploy", "send", "dispatch", "station", "move", "position"})
#: Texts that speak for whoever issues them ("a resolution condemning ...").
TEXTS = frozenset({"resolution", "statement", "declaration", "communique", "letter", "report", "note", "motion", "bill"})
#: Verbs by which a body makes a text its own.
ADOPTING = frozenset({"approve", "adopt", "pass", "sign", "issue", "enact", "unveil", "announce"})
#: Adjunct nouns whose actors are not the verb's targets ("in defiance of warnings from Beijing").
CONCESSIVE = frozenset({"defiance", "spite", "disregard"})
#: Intransitive verbs whose past participle on a noun is the noun's own act ("a plane intruded into").
MOTION = frozenset({"intrude", "arrive", "land", "fly", "travel", "sail", "cross", "enter", "stray"})
#: Verbs of commitment and appeal that a speaker, not the subject of its report, goes on to do.
#: What is fired: "bullets fired from North Korea struck ..." (the parser makes "fired" the main verb).
PROJECTILES = frozenset({"bullet", "shell", "round", "missile", "rocket", "drone", "projectile", "mortar", "bomb", "shot"})

COMMITTING = frozenset({"vow", "pledge", "promise", "urge", "call", "demand", "ask", "appeal", "brand", "label"})
#: The ``how`` (and rule tag) of sources found by the word-order backoff.
BACKOFF = "roles=backoff"
#: Clause breaks for the word-order backoff: subordinators, relatives, strong punctuation.
BACKOFF_BREAKS = frozenset({"when", "after", "before", "while", "as", "because", "since", "that", "which", "who", "whom",
                            "whose", "if", "unless", "although", "though", "where", "but", ";", ":", "--", "-", "\"", "said",
                            "says"})
#: Dependencies of an actor that is no one's subject (objects, appositions, possessors of objects).
BACKOFF_NOT_SOURCE = frozenset({"dobj", "dative", "attr", "oprd", "appos", "agent", "pobj"})


class Roles(References):
    """Role filling for one parsed sentence (reference resolution comes from ``References``)."""

    # -- sources ----------------------------------------------------------------------------------

    def speaker_of(self, tok: Token) -> Token | None:
        """For a participle like "..., calling the act dangerous": the nearest verb above whose subject
        speaks, else the nearest verb above with a subject of its own ("ordered the consul to leave,
        accusing him of spying": the participle hangs on "leave" but Russia accuses)."""
        cur = tok.head
        subjected: Token | None = None
        for _ in range(6):
            trig = self.at.get(cur.i)
            if trig is not None and trig.pattern.pos == "V" and (trig.pattern.frame or trig.pattern.code[:2] in ("01", "11", "12")):
                return cur
            if subjected is None and cur.pos_ in ("VERB", "AUX") and child(cur, "nsubj") is not None:
                subjected = cur
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return subjected

    def sources(self, tok: Token, depth: int = 0) -> tuple[list[Filled], str]:
        """(actors, how): how = active, passive, pronoun, inherited, control, relative, speaker; when
        the parse gives none, the word-order backoff (how = "roles=backoff")."""
        found, how = self._sources(tok, depth)
        if found or depth:
            return found, how
        backoff = self.backoff_sources(tok)
        return (backoff, BACKOFF) if backoff else (found, how)

    def _sources(self, tok: Token, depth: int = 0) -> tuple[list[Filled], str]:
        if is_passive(tok):
            agent = child(tok, "agent")
            pobj = child(agent, "pobj") if agent is not None else None
            subj = child(tok, "nsubjpass")
            if pobj is None and subj is not None and subj.lemma_.lower() in FORCES and tok.lemma_ in DEPLOYED:
                # "North Korean troops have been deployed to Russia": the troops' country sends them
                return [f for f in self.actors.within(subj, role="subject") if f.actor.anchor.i == subj.i], "passive"
            if pobj is None and tok.lemma_ in EXPELLING:
                # "Thousands of Afghans were expelled from Pakistan": the state they are sent out of expels them
                found = [f for prep, o in prep_objects(tok) if prep == "from" for f in self.actors.within(o, role="subject")
                         if f.actor.kind in ("country", "capital") and f.actor.anchor.i == o.i]
                return [Filled(f.actor, "", f.coordinated) for f in found], "passive"
            if pobj is None:
                return [], "passive"
            return (self.actors.within(pobj, role="subject") or self.pronoun(pobj, set())), "passive"
        subjects = children(tok, "nsubj", "csubj")
        subj = subjects[0] if subjects else None
        if subj is not None and subj.lower_ in ("which", "that") and tok.dep_ == "relcl" and tok.head.lemma_.lower() in TEXTS \
                and tok.head.dep_ in ("dobj", "nsubjpass") and tok.head.head.lemma_ in ADOPTING:
            # "the Security Council approved a U.S.-drafted resolution that caps North Korea's imports": the Council does
            return self.sources(tok.head.head, depth + 1)[0], "relative"
        if subj is not None and subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            found = [f for f in self.actors.within(tok.head, role="subject") if not f.actor.is_place]
            if found:
                return found, "relative"  # "Pompeo, who flew to Pyongyang"
        if subj is not None:
            found = [f for s in subjects for f in self.actors.within(s, role="subject") if not f.actor.is_place]
            # a list the parser broke up: "Obama, Abe and Park held ..." (Obama as npadvmod)
            for c in tok.children:
                if c.dep_ in ("npadvmod", "dep") and c.i < tok.i and found:
                    found += [Filled(f.actor, f.via, True, f.preps) for f in self.actors.within(c, role="subject")
                              if f.actor.kind in ("person", "country", "capital", "igo")]
            if found:
                return found, "active"
            return self.pronoun(subj, set()), "pronoun"
        if depth > 4 or tok.head.i == tok.i:
            return [], ""
        head = tok.head
        if tok.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX") and (
                head.lower_ in ("by", "after", "before", "upon", "while") or (head.lower_ == "in" and head.head.lemma_ == "join")):
            # "responded by expelling a consul", "joined the US in restricting exports"
            head = head.head  # "responded by expelling a consul": the subject of "responded"
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.lemma_ in SPEECHY:
            speaker = self.speaker_of(tok)
            if speaker is not None and speaker.i != head.i:
                found, _ = self.sources(speaker, depth + 1)
                return found, "speaker"
        if tok.dep_ == "conj":
            found, _ = self.sources(head, depth + 1)
            own_objects = {f.actor.code for d in children(tok, "dobj", "dative") for f in self.actors.within(d)}
            if found and head.dep_ == "ccomp" and tok.i > head.i and child(tok, "nsubj", "nsubjpass") is None and (
                    own_objects & {f.actor.code for f in found} or tok.lemma_ in SPEECHY | COMMITTING):
                # "said Japan was hyping the threat and urged Tokyo to ...", "declared that Ukraine was on a path
                # ... and branded China an enabler": the parser hung the speaker's next act inside the report
                found = []
            if not found and head.dep_ == "ccomp" and child(head, "nsubj") is not None and tok.i > head.i:
                # "Beijing said the radar would harm its interests and urged Seoul ...": the parser
                # hung the second verb inside the reported clause; it belongs to the speaker
                found, _ = self.sources(head.head, depth + 1)
            if not found and tok.i > head.i and head.lemma_ in ("fire", "launch") and not any(
                    c.dep_ == "cc" and head.i < c.i < tok.i for c in head.children) and any(
                    s.lemma_.lower() in PROJECTILES for s in children(head, "nsubj")):
                # "Several bullets fired from North Korea struck a guard post", parsed with "fired" as the main verb
                # and "struck" as its conjunct: the place fired from is the shooter
                found = [Filled(f.actor, "", f.coordinated) for prep, o in prep_objects(head) if prep in ("from", "by")
                         for f in self.actors.within(o, role="subject") if not f.actor.is_place]
            return found, "inherited"
        if tok.dep_ in ("xcomp", "advcl", "ccomp", "pcomp", "acomp"):
            if tok.dep_ in ("advcl", "xcomp") and is_passive(head) and child(head, "agent") is None:
                # "students were detained after staging a protest": the passive subject acts
                subj = child(head, "nsubjpass")
                if subj is not None:
                    return self.actors.within(subj, role="subject"), "inherited"
            to_infinitive = tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if (tok.dep_ == "xcomp" or to_infinitive) and head.lemma_ in OBJECT_CONTROL:
                obj = child(head, "dobj") or child(head, "dative")
                if obj is not None:
                    return self.actors.within(obj, role="subject") or self.pronoun(obj, set()), "control"
            found, _ = self.sources(head, depth + 1)
            return found, "inherited"
        if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in tok.children):
            return self.actors.within(tok.head, role="subject"), "relative"
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in TEXTS and any(
                c.lower_ == "draft" for c in tok.head.children):
            return [], "draft"  # "a draft resolution deploring the invasion" was not adopted
        if tok.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # "Abe became the first foreign leader to meet Trump": the leader is the subject of "became"
            noun = tok.head
            if noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
                return self.sources(noun.head, depth + 1)[0], "relative"
            found = [f for f in self.actors.within(noun, role="subject") if not f.actor.is_place]
            if found:
                return found, "relative"
        if tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") and child(tok, "dobj") is not None and tok.head.dep_ == "ROOT":
            # "Japan's cabinet approved on Tuesday the reinstatement ...", parsed as a noun phrase: a
            # participle with a direct object is active, so the noun it hangs on is its subject
            return self.actors.within(tok.head, role="subject"), "adjacent"
        if (tok.dep_ == "acl" or (tok.dep_ == "appos" and tok.tag_ == "VBG")) and child(tok, "agent") is None and (
                tok.tag_ == "VBG" or tok.lemma_ in MOTION):
            # ("Biden and Kishida, meeting at the White House, agreed ...": the participle in apposition too)
            # "planes flying over ...", "A Chinese plane intruded into ...": the phrase's head acts
            found = self.actors.within(tok.head, role="subject")
            if not found and tok.head.lemma_.lower() in TEXTS and tok.head.dep_ in ("dobj", "nsubjpass"):
                found, _ = self.sources(tok.head.head, depth + 1)  # "the Diet passed a resolution condemning ..."
            return found, "relative"
        return self._leading_actor(tok), "adjacent"

    def with_absolute(self, tok: Token) -> list[Filled]:
        """The actors of an absolute clause that names who took part: "three allies began their drills,
        with Seoul, Tokyo and Washington fielding destroyers"."""
        clauses = [c for c in tok.children if c.dep_ == "advcl" and any(m.dep_ in ("mark", "prep") and m.lower_ == "with"
                                                                         for m in c.children)]
        clauses += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pcomp"]
        for c in clauses:
            if c.tag_ == "VBG":
                found = [f for f in self.actors.within(child(c, "nsubj"), role="subject") if not f.actor.is_place]
                if found:
                    return [Filled(f.actor, "", len(found) > 1) for f in found]
        return []

    def _leading_actor(self, tok: Token) -> list[Filled]:
        """A subject the parser missed ("To Lam praised ...", parsed as a preposition): the first
        actor before the verb whose phrase hangs directly on it."""
        if tok.dep_ not in ("ROOT", "conj") or child(tok, "nsubj", "nsubjpass", "expl") is not None:
            return []
        for a in self.actors.actors:
            if a.root.i >= tok.i or a.is_place:
                continue
            head = a.anchor
            while head.head.i != head.i and head.head.i != tok.i and head.head.pos_ not in ("VERB", "AUX"):
                head = head.head
            if head.head.i == tok.i and head.dep_ in ("prep", "npadvmod", "dep", "nmod", "compound") and head.i < tok.i:
                group = self.coordination(a)  # "Putin and Kim sign ...", a headline the parser read as a noun phrase
                return [Filled(m, "", len(group) > 1) for m in group]
        return []

    # -- backoff ----------------------------------------------------------------------------------

    def backoff_sources(self, tok: Token) -> list[Filled]:
        """A source by word order when the parse gives the trigger none (a shallow coder's rule):
        the nearest actor before the trigger in the same clause, with its coordination ("Putin and
        Kim sign pact", a headline parsed as a noun phrase). Only when the parser found no subject
        at all: a subject that names no actor ("a typhoon slammed ...") means no actor acts. Not an
        actor in a prepositional phrase (a place, a target, a topic) or an object, nor one separated
        from the trigger by a verb, a subordinator or a clause break. A passive with no agent takes
        a nearby "by X" the parser hung elsewhere, and nothing before it (that is the patient)."""
        if child(tok, "agent") is not None:
            return []
        if tok.tag_ == "VBN" and (is_passive(tok) or tok.dep_ in ("acl", "amod", "relcl")):
            return self._loose_agent(tok)
        if child(tok, "nsubj", "nsubjpass", "csubj", "csubjpass", "expl") is not None:
            return []
        if tok.tag_ == "VBG" or tok.dep_ in ("amod", "acl", "relcl", "pcomp", "pobj", "csubj"):
            return []  # a participle names a thing or hangs on a noun: its roles are not this clause's
        for a in sorted(self.actors.actors, key=lambda a: -a.root.i):
            if a.root.i >= tok.i:
                continue
            if self._clause_break(a.root.i, tok.i):
                return []
            if a.is_place or _where(a) or a.anchor.dep_ in BACKOFF_NOT_SOURCE:
                continue
            if any(t.dep_ == "prep" and t.lower_ != "of" for t in _up_to(a.root, a.anchor)) or (
                    a.anchor.dep_ == "pobj" and a.anchor.head.lower_ != "of"):
                continue
            group = self.coordination(a)
            return [Filled(m, "", len(group) > 1) for m in group if not m.is_place]
        return []

    def _loose_agent(self, tok: Token) -> list[Filled]:
        for t in self.doc[tok.i + 1 : min(len(self.doc), tok.i + 8)]:
            if t.lower_ in BACKOFF_BREAKS or t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
                return []
            if t.lower_ == "by":
                found = [f for g in t.children if g.dep_ == "pobj" for f in self.actors.within(g, role="subject")]
                return [Filled(f.actor, "", f.coordinated) for f in found if not f.actor.is_place]
        return []

    def _clause_break(self, start: int, end: int) -> bool:
        """A clause boundary between two tokens: a finite verb, a subordinator or a strong break."""
        for t in self.doc[start + 1 : end]:
            if t.lower_ in BACKOFF_BREAKS or t.dep_ in ("mark", "relcl", "advcl", "ccomp"):
                return True
            if t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ not in ("aux", "auxpass", "amod", "compound"):
                return True
        return False

    # -- targets ----------------------------------------------------------------------------------

    def targets(self, tok: Token, *, exclude: set[str], forum: bool = False) -> list[tuple[int, Filled]]:
        """(rank, actor) for the trigger's objects: 0 object/passive subject, 1 preposition, 2 locative."""
        out: list[tuple[int, Filled]] = []
        objs = children(tok, "nsubjpass") if is_passive(tok) else []
        objs += [d for d in children(tok, "dobj", "dative", "iobj", "attr", "oprd") if not (d.dep_ == "dative" and d.pos_ == "ADP")]
        for d in objs:
            # "met Modi, their first talks since Russia's invasion": a time anchor names no target
            found = _owned(_no_topics([f for f in self.actors.within(d) if not set(f.preps) & TEMPORAL]), d)
            out += [(0, f) for f in found]
            if not found and (d.lower_ in PRONOUNS or d.lower_ in ("each", "one")):
                # "they were arrested by South Korean police": if they are the source's own people, no target;
                # "pressing him": a person pronoun object is someone other than the subject
                own = exclude if d.lower_ in PERSON_PRONOUNS else set()
                out += [(0, f) for f in self.pronoun(d, own) if f.actor.code not in exclude]
        for prep, pobj in prep_objects(tok):
            if (prep == "by" and is_passive(tok)) or prep not in TARGET_PREPS or (forum and prep == "with"):
                continue
            if prep in ("in", "despite") and (prep == "despite" or pobj.lemma_.lower() in CONCESSIVE):
                continue  # "landed in Taipei in defiance of warnings from Beijing"
            if prep == "with" and (pobj.lemma_.lower() in HELP or any(c.dep_ == "det" and c.lower_ == "no" for c in pobj.children)):
                continue  # "met in Riyadh, with no Ukrainian officials present", "shot down with help from Jordan": no partner
            venue = pobj.lemma_.lower() in VENUES and prep in ("in", "at", "during", "on")  # "in his speech to the UN"
            if not venue and prep in ("at", "on", "against", "upon") and not self.actors.within(pobj) and any(
                    c.dep_ == "poss" and c.lower_ in PRONOUNS for c in pobj.children):
                out += [(1, Filled(f.actor, prep, f.coordinated)) for f in self.pronoun(pobj, exclude)]  # "at his convoy"
                continue
            found = _owned(self.actors.within(pobj), pobj)
            if prep in ("over", "about", "regarding") and any(not f.preps for f in found):
                found = [f for f in found if not f.preps]  # "over Takaichi's remarks on Taiwan": whose remarks, not their topic
            pobj_trig = self.at.get(pobj.i)
            if pobj_trig is not None and pobj_trig.pattern.pos == "N" and "sym" in pobj_trig.pattern.flags:
                # "walked out of the Hanoi summit with Kim": the partner, not the venue
                found = [f for f in found if f.via in ("with", "between")] or found
            for f in found:
                filled = Filled(f.actor, "at" if venue else (f.via or prep), f.coordinated, (*f.preps, prep), f.venue or venue)
                # a place, or the reason of an act ("sanctions on Belarus for its support of Russia"), ranks last
                # (a reason below even a place: "lashed out at Washington over the arms sale to Taiwan")
                out.append((2 if filled.locative else 3 if prep in ("for", "over", "about") else 1, filled))
        for c in tok.children:  # "flew over international waters east of North Korea": near it
            if c.dep_ in ("advmod", "npadvmod") and c.lower_ in COMPASS:
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == "of":
                        out += [(2, Filled(f.actor, "near", f.coordinated, ("near", *f.preps)))
                                for o in g.children if o.dep_ == "pobj" for f in self.actors.within(o)]
        # "struck a depot in western Ukraine near the Polish border": a border named by the neighbour's adjective says
        # where, below any place the act is in
        out = [(3 if _at_edge(f) else r, f) for r, f in out]
        if not out and tok.dep_ != "conj":
            # "rammed and sank a speedboat": the object is shared with the next verb
            for c in children(tok, "conj"):
                if c.pos_ == "VERB" and child(c, "nsubj") is None:
                    out += [(0, f) for d in children(c, "dobj") for f in self.actors.within(d)]
        return out

    def explicit_object(self, tok: Token, pattern_objects: frozenset[str]) -> Token | None:
        """The trigger's own object when it names no actor ("condemned the launch"); the object
        words of the pattern itself ("lodge a protest") do not count."""
        for d in children(tok, "dobj"):
            if d.lemma_.lower() in pattern_objects or d.lower_ in PRONOUNS:
                continue
            if not self.actors.within(d):
                return d
        return None

    def is_partner(self, f: Filled, obj: Token) -> bool:
        """An object that is itself a party ("met Moon", "met the leaders of China and Russia"),
        not a topic that mentions one ("discussed North Korea's cooperation with Russia")."""
        if f.actor.root.i == obj.i or (f.actor.anchor.i == obj.i and f.actor.anchor.dep_ != "poss"):
            return True
        return set(f.preps) <= {"of"} and f.actor.anchor.dep_ != "poss" and obj.i in self.actors.sector_tokens

    def object_actor(self, tok: Token) -> bool:
        """The object is an actor itself ("freed three Americans", "received Kishida"), not a thing
        an actor owns or made ("received Russian help")."""
        for d in children(tok, "dobj", "nsubjpass"):
            for f in self.actors.within(d):
                if f.actor.root.i == d.i or (f.actor.anchor.i == d.i and (d.i in self.actors.sector_tokens or f.actor.kind in ("person", "demonym"))):
                    return True
        return False

    def domestic_object(self, tok: Token) -> bool:
        """The object is a group with no country ("accusing the opposition"): a domestic target."""
        for d in children(tok, "dobj"):
            if not self.actors.within(d) and (d.i in self.actors.sector_tokens or d.lower_ in ("opposition", "public")):
                return True
        return False

    def refers_back(self, obj: Token) -> bool:
        """"the launch", "this move": a definite object that points to an earlier sentence."""
        return any(c.dep_ == "det" and c.lower_ in ANAPHORIC for c in obj.children) or obj.lower_ in ("it", "them")

    def fallback(self, tok: Token, exclude: set[str], *, places: bool = False, own_only: bool = False,
                 venues: bool = True) -> list[Filled]:
        """Other actors of the sentence (when a trigger names no target): its own phrase first,
        then the subjects and objects of the clauses above it, then the nearest. The subject of
        a coordinated clause ("Moon called it a provocation, and Japan lodged a protest") speaks
        for itself and is never taken; nor is a channel ("through Beijing")."""
        own = {t.i for t in tok.subtree}
        for c in tok.children:  # a coordinated clause with its own subject is not the trigger's own phrase
            if c.dep_ == "conj" and child(c, "nsubj", "nsubjpass") is not None:
                own -= {t.i for t in c.subtree}
        above: dict[int, int] = {}
        path = {tok.i}
        cur, level = tok, 0
        while cur.head.i != cur.i and level < 6:
            own_subject = cur.pos_ in ("VERB", "AUX") and child(cur, "nsubj", "nsubjpass") is not None
            if cur.dep_ == "conj" and own_subject:
                break
            cur, level = cur.head, level + 1
            path.add(cur.i)
            for c in cur.children:
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") and c.i not in own:
                    for f in self.actors.within(c):
                        above.setdefault(f.actor.root.i, level)
        cands = []
        for a in self.actors.actors:
            if a.code in exclude or (a.is_place and not places) or (a.anchor.dep_ == "nsubj" and a.anchor.head.i == tok.i):
                continue
            if any(t.lower_ in ("through", "via") for t in a.root.ancestors if t.i not in path and t.dep_ == "prep"):
                continue
            if any(t.dep_ == "prep" and t.lower_ == "with" and t.i not in path and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in HELP for g in t.children) for t in a.root.ancestors):
                continue  # "shot down with help from the United States": a helper, not the one acted on
            if a.root.i not in own and a.root.i not in above:
                if own_only or self._speaker_elsewhere(a, path):
                    continue
                if any(m.code in exclude for m in self.coordination(a)):
                    continue  # a co-actor of the source ("South Korea and Japan scrambled jets, and Seoul asked ...")
            if a.kind == "igo" and a.anchor.lemma_.lower() in DOCUMENTS:
                continue  # "UN Security Council resolutions": a text, not a party
            if not venues and _where(a):
                continue  # "signed an agreement in Doha": the venue is no partner
            if a.anchor.i != a.root.i and a.anchor.lemma_.lower() in VENUES and _where(a):
                continue  # "at a World Trade Organization meeting in Geneva": where, not whom
            cands.append(a)
        if not cands:
            return []
        # a place where things happen ("in Singapore") only when no one else is named
        cands.sort(key=lambda a: (a.root.i not in own, above.get(a.root.i, 99), _where(a), a.anchor.dep_ != "nsubj",
                                  abs(a.root.i - tok.i)))
        first = cands[0]
        group = [a for a in self.coordination(first) if a.code not in exclude] or [first]
        return [Filled(a, "in" if a.is_place else "", len(group) > 1) for a in group]

    def _speaker_elsewhere(self, a: Actor, path: set[int]) -> bool:
        """``a`` is the subject of another clause that says or judges something ("Moon called it ...")."""
        head = a.anchor.head
        if a.anchor.dep_ not in ("nsubj", "nsubjpass") or head.i in path:
            return False
        trig = self.at.get(head.i)
        verbal = ("01", "02", "03", "05", "10", "11", "12", "13")
        return trig is not None and (trig.pattern.frame in ("say", "evaluate") or trig.pattern.code[:2] in verbal)



def _no_topics(found: list[Filled]) -> list[Filled]:
    """Without the topic of a reason whose owner is named: "a protest with Manila over Marcos's remarks
    on Taiwan" is aimed at Manila and Marcos, not at Taiwan."""
    def topic(f: Filled) -> bool:
        return any(f.preps[i] in ("over", "about", "regarding") and any(g is not f and g.preps == f.preps[i:] for g in found)
                   for i in range(1, len(f.preps)))
    return [f for f in found if not topic(f)]


def _at_edge(f: Filled) -> bool:
    """The actor qualifies a border in a "near / along the X border" phrase."""
    a = f.actor.anchor
    return a.lemma_.lower() in EDGES and a.dep_ == "pobj" and a.head.lower_ in ("near", "along", "across") \
        and f.actor.root.i != a.i


def _owned(found: list[Filled], head: Token) -> list[Filled]:
    """Without whom an owned act or agent acts on: "condemned Russia's invasion of Ukraine", "met China's
    ambassador to Japan" are aimed at Russia and China (the owner), not at Ukraine or Japan."""
    def owner(f: Filled) -> bool:  # "Russia's", "the Russian": not a venue ("the Hanoi summit with Kim")
        dep = f.actor.root.dep_
        return dep == "poss" or (dep in ("amod", "compound", "nmod") and f.actor.kind not in ("capital", "place"))

    def qualifier(f: Filled) -> bool:
        return hyphen_word(f) in OWNER_PARTICIPLES

    if any(qualifier(f) for f in found) and not all(qualifier(f) for f in found):
        # "struck an American-owned factory in western Ukraine": the owner describes the thing; the blow falls on Ukraine
        return [f for f in found if not qualifier(f)]
    if not any(not f.preps and f.actor.anchor.i == head.i and f.actor.root.i != head.i and not f.actor.is_place and owner(f)
               for f in found):
        return found
    return [f for f in found if not f.preps]


def _where(a: Actor) -> bool:
    """The actor is the object of a place preposition on a verb or a venue ("in Singapore", "in
    Kananaskis, Canada")."""
    head = a.anchor
    while head.dep_ == "appos" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "inside", "near") and head.head.head.pos_ in ("VERB", "AUX", "NOUN")


def _up_to(tok: Token, top: Token) -> list[Token]:
    """``tok`` and its heads up to (not including) ``top``."""
    out: list[Token] = []
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i and len(out) < 8:
        out.append(cur)
        cur = cur.head
    return out


def choose(ranked: list[tuple[int, Filled]], exclude: set[str]) -> list[Filled]:
    """The best-ranked group of targets that are not the source itself."""
    for rank in range(0, 5):
        group = [f for r, f in ranked if r == rank and f.actor.code not in exclude]
        if group:
            return group
    return []


__all__ = ["BACKOFF", "LOCATIVE", "Roles", "choose"]
