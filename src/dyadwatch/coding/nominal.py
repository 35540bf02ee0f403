"""Events named by nouns: "the summit between X and Y", "Japan's sanctions on Russia".

An event noun is an event of its sentence when a verb makes it happen ("took place", "took
effect", "broke down"), when it is the object of a light verb ("held talks", "imposed
tariffs", "drew a protest from Tokyo"), when it heads the sentence, or for a phone call
("told Trump in a phone call"). Its actors: possessor, adjective or ``by``/``from`` phrase
(source), ``on/against/to/with`` phrases (target), ``between``/``among`` (members, paired
both ways). Not when it is the argument of another action ("denounced the joint drills").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import blocking, refine
from dyadwatch.coding.frames import compose, is_conflict, threat_of
from dyadwatch.coding.roles import BACKOFF
from dyadwatch.coding.syntax import LOCATIVE, Filled, child, children, hyphen_agent, prep_objects
from dyadwatch.coding.triggers import TIME_WORDS, Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import Draft, SentenceCoder

FRAMING = frozenset({"intent", "appeal", "demand", "reject", "wrap"})
#: Prepositions of a reason: who they name is a target only when no one else is.
REASONS = frozenset({"for", "over", "about"})
#: Prepositions of a topic: who a mutual act's phrase names through them is what the parties
#: talk, agree or cooperate about ("talks on North Korea's missiles", "a deal on Russian gas").
TOPICS = frozenset({"on", "about", "over", "regarding", "concerning", "against", "amid", "toward", "towards", "for",
                    "surrounding", "involving", "despite"})
#: Nouns of a reason after "in": "in response to", "in retaliation for", "in the face of".
REASON_NOUNS = frozenset({"response", "reaction", "retaliation", "answer", "protest", "face", "light", "view", "wake",
                          "defiance", "spite", "solidarity", "support", "opposition", "reply"})
#: Prepositions that name a party of a mutual act ("talks with Seoul", "a deal between X and Y").
PARTY_PREPS = frozenset({"with", "between", "among"})
#: Nouns whose of-phrase is their own agent ("the visit of Xi", "talks of the two sides").
AGENTIVE = frozenset({"sym", "visit", "meet", "phone", "protest", "exercise", "strike"})
#: What an actor acts with, not what it acts on ("the withdrawal of North Korean troops").
FORCES = frozenset({"troop", "force", "soldier", "army", "navy", "military", "warship", "missile", "rocket", "drone", "bomber",
                    "fighter", "unit", "personnel", "marine", "mercenary", "militia"})
#: Adjectives of a noun that renames the news it follows ("..., the first such incursion by ...").
RENAMING = frozenset({"first", "second", "third", "latest", "biggest", "largest", "first-ever", "largest-ever", "biggest-ever"})
#: Codes of attacks an adjunct can name ("killed in a U.S. strike").
ATTACKS = ("18", "19", "20")
#: Nouns of a part or span of an event: "a round of talks", "three days of drills".
PARTITIVE = frozenset({"round", "day", "week", "hour", "minute", "series", "session", "year", "month"})
#: Verbs of reply whose "with" phrase names the act ("hit back with tariffs").
RESPONDING = frozenset({"respond", "retaliate", "react", "reply", "answer", "hit", "strike", "counter"})
#: Reversed light verbs that can also have the causer as agent ("triggered the snapback of UN sanctions on Iran").
CAUSING = frozenset({"provoke", "spark", "trigger", "prompt", "invite"})
#: Light verbs whose subject undergoes the event named by their object: "drew a protest from Tokyo",
#: "faced sanctions", "received an apology from Japan".
REVERSED = frozenset({"draw", "earn", "attract", "receive", "face", "provoke", "spark", "trigger", "prompt", "invite"})


def _patient(coder: SentenceCoder, n: Token, f: Filled) -> bool:
    """The ``of`` phrase of an action noun names who undergoes it ("the invasion of Ukraine",
    "the removal of South Korea from the list", "the release of three Americans"), unless the
    noun names an act of its own agent (a visit, talks, an offer, a demand) or the of-phrase
    is a thing its owner acts with ("the withdrawal of North Korean troops")."""
    trig = coder.at.get(n.i)
    if trig is None or trig.pattern.flags & AGENTIVE or trig.pattern.frame or trig.pattern.code[:2] in ("01", "02", "03", "04"):
        return False
    a = f.actor
    if a.kind in ("country", "capital", "person", "igo", "company") and a.anchor.dep_ == "pobj" and a.anchor.head.head.i == n.i:
        return True
    return a.kind in ("demonym", "adjective") and a.anchor.lemma_.lower() not in FORCES


def noun_actors(coder: SentenceCoder, n: Token) -> tuple[list[Filled], list[Filled], list[Filled]]:
    """(sources, targets, members) of an event noun: "X's sanctions on Y", "talks between X and Y"."""
    sources: list[Filled] = []
    targets: list[Filled] = []
    members: list[Filled] = []
    for f in coder.actors.within(n):
        if f.via in ("between", "among") and not set(f.preps) & LOCATIVE:
            members.append(f)
        elif f.via in ("by", "from") or (not f.via and not f.locative) or (f.preps[:1] == ("from",) and f.via == "of"):
            sources.append(f)  # "expressions of disappointment from Seoul and Beijing"
        elif f.via == "of" and f.actor.kind != "place" and _patient(coder, n, f):
            targets.append(f)
        elif f.via == "of" and (not sources or f.coordinated) and f.actor.kind != "place":
            sources.append(f)
        elif f.via:
            targets.append(f)
    if any(f.via not in REASONS for f in targets):  # "sanctions on Belarus for its support of Russia's invasion": Belarus
        targets = [f for f in targets if f.via not in REASONS]
    return sources, targets, members

def mutual_noun(trig: Trigger) -> bool:
    """Talks, meetings, calls, agreements, cooperation: a mutual act whose parties are its subject
    and its with/between phrase, never whom its topic phrase names (not clashes and strikes)."""
    return "sym" in trig.pattern.flags and not trig.pattern.code.startswith(ATTACKS)


def topic(coder: SentenceCoder, f: Filled, top: Token | None = None) -> bool:
    """An actor inside the topic or reason phrase of a mutual act ("talks on North Korea's missile
    programme", "an agreement regarding Belarus's border", "a pact in response to China's build-up",
    "phone talks with his counterpart on North Korea's test"), unless a with/between phrase the
    parser hung inside it names a partner of the act itself ("talks on a trade deal with the US";
    not "talks on North Korea's cooperation with Russia"). ``top``: the act's own word."""
    party: Token | None = None
    cur = f.actor.root
    for _ in range(16):
        if cur.head.i == cur.i or (top is not None and cur.i == top.i):
            return False
        if cur.dep_ in ("prep", "agent"):  # ("regarding", "concerning" may be tagged as verbs)
            word = cur.lower_
            pobj = next((c for c in cur.children if c.dep_ == "pobj"), None)
            reason = word in ("because", "due") or (
                word == "in" and pobj is not None and pobj.lemma_.lower() in REASON_NOUNS)
            if word in TOPICS or reason:
                if party is None:
                    return True
                owner = party.head  # the inner party phrase belongs to the topic when its noun has an owner
                return any(c.dep_ == "poss" for c in owner.children) or any(
                    a.anchor.i == owner.i and a.root.i != owner.i for a in coder.actors.actors)
            if word in PARTY_PREPS and party is None:
                party = cur
        elif cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("amod", "compound") and cur.i != f.actor.root.i:
            return False  # a clause of its own
        cur = cur.head
    return False


def licensor(coder: SentenceCoder, n: Token) -> tuple[Token | None, str]:
    """The verb that makes an event noun an event of the sentence, and how."""
    trig = coder.at.get(n.head.i)
    if n.dep_ == "conj" and trig is not None and "light" in trig.pattern.frames and n.head.pos_ in ("VERB", "AUX"):
        return n.head, "light"  # "launched their Freedom Edge exercise", "exercise" mistagged as a verb
    head_subj = child(n.head, "nsubj")
    if n.dep_ == "attr" and n.head.lemma_ == "be" and head_subj is not None and head_subj.lower_ in ("it", "this", "that"):
        return n.head, "attr"  # "It was the first visit to South Korea by a Japanese foreign minister"
    if n.lower_.endswith("ing") and n.dep_ in ("conj", "appos") and n.i > 0 and coder.doc[n.i - 1].text == "," \
            and any(a.anchor.i == n.head.i for a in coder.actors.actors):
        return n.head, "participle"  # "Kishida and Yoon, meeting in Phnom Penh, said ...", "meeting" read as a noun
    cur = n
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lemma_.lower() in PARTITIVE:
        cur = cur.head.head  # "the latest round of talks ended without agreement": the talks ended
    head = cur.head
    if cur.dep_ in ("appos", "npadvmod", "dobj", "attr", "dep") and any(c.dep_ == "amod" and c.lower_ in RENAMING for c in cur.children) \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in cur.children) \
            and cur.i > 0 and coder.doc[min(t.i for t in cur.subtree) - 1].text == ",":
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            return verb, "appos"  # "..., the first visit by a U.S. carrier to Vietnam": the news renamed
    if cur.dep_ == "ROOT":
        for c in cur.children:  # "X held talks" with "held" taken for an adjective of "talks"
            trig = coder.at.get(c.i)
            if c.i < cur.i and trig is not None and "light" in trig.pattern.frames and c.tag_.startswith("VB"):
                return c, "light"
        return None, "root"
    trig = coder.at.get(head.i)
    if cur.dep_ in ("nsubj", "nsubjpass"):
        if trig is None:
            ok = head.pos_ in ("VERB", "AUX") and head.lemma_ not in ("say", "be", "have")
            return (head, "subject") if ok else (None, "")
        if "happen" in trig.pattern.frames and not trig.pattern.code:
            return head, "subject"
        if head.lemma_ == "hold" and cur.dep_ == "nsubj" and not children(head, "dobj") \
                and coder.at[n.i].pattern.code.startswith("087"):
            return head, "subject"  # "the ceasefire between India and Pakistan held overnight"
        if "light" in trig.pattern.frames and not trig.pattern.code and cur.dep_ == "nsubj" \
                and coder.at[n.i].pattern.code.startswith(ATTACKS) and not any(
                    d.i in coder.at and coder.at[d.i].pattern.pos == "N" for d in children(head, "dobj")):
            return head, "subject"  # "a Ukrainian drone attack on an oil depot sparked a fire": the attack happened
        if "light" in trig.pattern.frames and (cur.dep_ == "nsubjpass" or (
                head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children))):
            return head, "passive-light"  # "trade deal reached with Vietnam", a headline's passive
        return None, ""
    obj = cur
    for _ in range(3):
        head_trig = coder.at.get(obj.head.i)
        noun = coder.at[n.i].pattern
        passes = head_trig is not None and ("light" in head_trig.pattern.frames or (
            "aid" in head_trig.pattern.flags and not noun.code.startswith("07")))  # "extended their joint exercise"
        if obj.dep_ in ("dobj", "attr", "xcomp") and passes:
            return obj.head, "light"
        if obj.dep_ == "pobj" and obj.head.lower_ in ("of", "in", "for") and obj.head.head.i != obj.head.i:
            obj = obj.head.head
        elif obj.dep_ in ("compound", "amod", "nmod"):
            obj = obj.head
        else:
            break
    if cur.dep_ == "pobj" and cur.head.lower_ == "in" and head.head.lemma_ == "join" and head.head.pos_ == "VERB":
        return head.head, "joined"  # "South Korea joined the US and Japan in a trilateral exercise"
    if cur.dep_ == "pobj" and cur.head.lower_ in ("after", "following") and head.head.pos_ in ("VERB", "AUX") and (
            "meet" in coder.at[n.i].pattern.flags or (coder.at[n.i].pattern.code.startswith(ATTACKS)
                                                      and "sym" in coder.at[n.i].pattern.flags)):
        return head.head, "occasion"  # "after talks with Xi in Beijing, Macron said ...": the talks took place
    if cur.dep_ == "pobj" and cur.head.lower_ == "with" and head.head.lemma_ in RESPONDING:
        return head.head, "light"  # "Iran responded with barrages of missiles on Tel Aviv"
    if cur.dep_ == "pobj" and cur.head.lower_ in ("in", "during", "by", "over") and head.head.pos_ == "VERB":
        if "phone" in coder.at[n.i].pattern.flags:
            return head.head, "phone"
        if cur.head.lower_ in ("during",) and "meet" in coder.at[n.i].pattern.flags:
            return head.head, "occasion"  # "during talks with Xi, Macron said ..."
        if cur.head.lower_ in ("in", "during") and coder.at[n.i].pattern.code.startswith(ATTACKS) \
                and head.head.dep_ not in ("acl", "amod", "relcl"):
            return head.head, "adjunct"  # "were killed in an Israeli strike", "died in a Turkish drone attack"
    return None, ""

def _names_explained(coder: SentenceCoder, n: Token) -> bool:
    """"..., New START, the last remaining arms treaty with the United States": a definite noun phrase set
    after a name (by the parser as an apposition, or as a stray object after the comma) only says what the
    name is. The name is a proper noun that is no actor and no trigger."""
    det = next((c for c in n.children if c.dep_ == "det" and c.lower_ == "the"), None)
    if det is None:
        return False
    first = min([det.i, *(c.i for c in n.children if c.i < n.i)])
    if n.dep_ == "appos":
        name = n.head
    elif first >= 2 and n.doc[first - 1].text == "," and n.dep_ in ("dobj", "npadvmod", "dep"):
        name = n.doc[first - 2]
    else:
        return False
    if name.lower_ in TIME_WORDS or name.like_num:
        return False  # "..., on Monday, the first visit by a U.S. carrier": the news renamed (nominal,appos)
    return name.pos_ == "PROPN" and name.i not in coder.at and not coder.actors.within(name) \
        and not any(a.root.i == name.i for a in coder.actors.actors)


def noun_event(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    n, p = trig.token, trig.pattern
    if p.frame in FRAMING and p.frame != "threaten":
        return []
    if n.dep_ == "compound" and n.head.i in coder.at and coder.at[n.head.i].pattern.pos == "N":
        return []  # "cooperation deals", "security talks": the head noun is the event
    verb, how = licensor(coder, n)
    if not how or coder.blocked(n) or (verb is not None and (coder.blocked(verb) or coder.governor(verb) is not None)):
        return []
    if blocking.unreal_noun(n):
        return []  # "a possible meeting between Xi and Lee"
    if _names_explained(coder, n):
        return []  # "New START, the last remaining arms treaty with the United States": a name explained, no news
    if p.code == "163" and self_restraint(coder, n):
        return []  # "trading curbs on its atomic programme for relief from sanctions": a limit one accepts
    sources, targets, members = noun_actors(coder, n)
    mutual = mutual_noun(trig)
    # "Japan and South Korea held talks on North Korea's missiles": North Korea is talked about, not a party
    topics = {f.actor.code for f in targets if topic(coder, f, n)} if mutual else set()
    if topics:
        targets = [f for f in targets if not topic(coder, f, n)]
    sym_noun = "sym" in p.flags or "exercise" in p.flags
    if how == "subject" and verb is not None and not members:
        # "fighting broke out between Azerbaijani and Armenian forces": the parties hang on the verb
        members = [Filled(f.actor, prep, f.coordinated, (prep, *f.preps)) for prep, pobj in prep_objects(verb)
                   if prep in ("between", "among") for f in coder.actors.within(pobj) if not f.actor.is_place]
    backoff = False  # the sources come from the word-order backoff (roles.py)
    brokers = [f for f in sources if hyphen_agent(f)]
    sources = [f for f in sources if f not in brokers]  # "a Russian-brokered deal": Russia brokered it, not signed it
    conf = 0.75
    if verb is not None and how == "light" and verb.lemma_ in REVERSED and not (targets and verb.lemma_ in CAUSING):
        # "North Korea's test drew condemnation from Seoul": Seoul condemns North Korea
        sources = sources or [f for prep, pobj in prep_objects(verb) if prep == "from" for f in coder.actors.within(pobj)]
        if not sources:
            return []
        src_codes = {f.actor.code for f in sources}
        causer, _ = coder.roles.sources(verb)
        subj = child(verb, "nsubj")
        if subj is not None and subj.i in coder.at and coder.at[subj.i].pattern.pos == "N":
            causer = [f for f in noun_actors(coder, subj)[0] if not f.locative] or causer
        targets = targets or [f for f in causer if f.actor.code not in src_codes]
        how = "reversed"
    elif verb is not None and how == "appos":
        vs, _ = coder.roles.sources(verb)
        sources = sources or vs
        src_codes = {f.actor.code for f in sources}
        targets = targets or [f for r, f in coder.roles.targets(verb, exclude=src_codes) if f.actor.code not in src_codes]
    elif verb is not None and how == "adjunct" and not sources and "sym" in p.flags and any(f.via == "with" for f in targets):
        # "two Indian soldiers were killed in a clash with Chinese troops": their side clashed with the partner
        subj = child(verb, "nsubjpass", "nsubj")
        sources = [f for f in coder.actors.within(subj, role="subject") if not f.actor.is_place] or (
            coder.roles.pronoun(subj, set()) if subj is not None else [])
        targets = [f for f in targets if f.via == "with"]
    elif verb is not None and how == "adjunct":
        # the attack names its own attacker; its target is its own or the verb's ("dropped bombs on Fordow in a U.S. strike")
        sources = [f for f in sources if not f.locative and not f.actor.is_place and f.via == ""]
        src_codes = {f.actor.code for f in sources}
        victims = coder.actors.within(child(verb, "nsubj"), role="subject") if verb.lemma_ in ("die", "perish") else []
        targets = [f for f in targets if not f.locative] or [
            f for r, f in coder.roles.targets(verb, exclude=src_codes) if f.actor.code not in src_codes and not f.locative] or [
            f for f in victims if f.actor.code not in src_codes]  # "three soldiers died in a Turkish drone attack"
    elif verb is not None and how == "joined":
        # who joins and whom it joins do it together; the noun's own phrase names at whom
        joined = [f for d in children(verb, "dobj") for f in coder.actors.within(d) if not f.actor.is_place and not f.via]
        if sources or not joined or ("meet" in p.flags and not targets):
            return []  # "joined Britain in the talks": with whom is not said
        sources = [*coder.roles.sources(verb)[0], *(Filled(f.actor, "", True) for f in joined)]
    elif verb is not None and how == "occasion":
        # the main clause's subject took part, with the partner the noun names ("after talks with Xi, Macron ...")
        if sources or members:
            return []
        if not any(f.via == "with" for f in targets):
            # "after two days of talks in Geneva, Washington and Beijing announced ...": the talks were theirs
            own_phrase = {t.i for t in (n.head.head if n.head.lower_ == "of" else n).subtree}  # "days of talks in Oslo"
            main = [f for f in coder.roles.sources(verb)[0] if not f.actor.is_place and not (
                f.actor.root.i in own_phrase and f.actor.root.dep_ == "pobj" and f.actor.root.head.lower_ in ("in", "at"))]
            codes = {f.actor.code for f in main}
            # "during talks in Tokyo, Lee handed Abe a letter": the recipient is the other party
            objs = children(verb, "dobj")
            recipients = [*children(verb, "dative"), *(objs[:1] if len(objs) == 2 else [])]  # "handed Abe a letter"
            main += [Filled(f.actor, "", True) for d in recipients for f in coder.actors.within(d)
                     if not f.actor.is_place and f.actor.code not in codes]
            if len({f.actor.code for f in main}) < 2 or "meet" not in p.flags:
                return []
            sources, targets = main, []
        else:
            sources = [f for f in coder.roles.sources(verb)[0] if not f.actor.is_place]
        if not sources and (subj := child(verb, "nsubj", "nsubjpass")) is not None:
            sources = [f for f in coder.roles.pronoun(subj, set()) if not f.actor.is_place]  # "20 of its soldiers died after ..."
        if targets:
            src_codes = {f.actor.code for f in sources}
            targets = [f for f in targets if f.via == "with" and f.actor.code not in src_codes]
    elif verb is not None and how == "participle":
        sources = sources or [f for f in coder.actors.within(verb, role="subject") if not f.actor.is_place]
    elif verb is not None and how in ("light", "passive-light", "phone"):
        vs, vhow = coder.roles.sources(verb)
        # "Trump announced a ceasefire between Israel and Iran": the announcer is no party
        if not sources and not members and vs and vhow == BACKOFF:
            backoff, conf = True, conf - 0.2
        sources = sources or ([] if members else vs)
        if not sources and not members and sym_noun:
            sources = coder.roles.with_absolute(verb)
        src_codes = {f.actor.code for f in sources}
        extra = [f for r, f in coder.roles.targets(verb, exclude=src_codes) if f.actor.code not in src_codes]
        if mutual:  # "signed a deal in Cairo": the venue is no partner; "held talks ... on Iran's programme": nor the topic
            topics |= {f.actor.code for f in extra if topic(coder, f, verb)}
            extra = [f for f in extra if not f.locative and not topic(coder, f, verb)]
        targets = targets or extra
        if how == "phone":
            targets = targets or [f for d in children(verb, "dative", "dobj") for f in coder.actors.within(d)]
    sym = "sym" in p.flags or "exercise" in p.flags
    partners = [f for f in targets if f.via == "with" or (how == "phone" and not f.locative)]
    if members:  # "Trump announces ceasefire between Israel and Iran": the members, not whoever names them
        sources, sym = [*members, *[f for f in sources if not f.locative and f.via in ("by", "from")]], True
        targets = [f for f in targets if not f.locative]
    separate = any(c.lower_ in ("separate", "separately") for c in n.children)
    if "exercise" in p.flags and len({f.actor.code for f in sources}) < 2 and not partners:
        sym = False
    ended = how == "subject" and verb is not None and verb.lemma_ in ("end", "conclude", "close", "finish", "wrap") and any(
        prep == "without" and pobj.lemma_.lower() in ("agreement", "deal", "breakthrough", "accord", "progress")
        for prep, pobj in prep_objects(verb))
    began = how == "subject" and verb is not None and verb.lemma_ in ("begin", "start", "open", "resume", "kick", "conclude")
    if not sources and sym and not members and (how in ("light", "passive-light") or ended or began) \
            and any(f.via == "with" for f in targets):
        # "Egypt said talks with Ethiopia had ended", "Trump says deal reached with Vietnam": the speaker is the other party
        sources = [f for f in _speaker_party(coder, verb if verb is not None else n)
                   if f.actor.code not in {t.actor.code for t in targets}]
        if sources:  # a multilateral round: every party with every other
            how, conf = f"{how},speaker", conf - 0.1
            sources += [Filled(f.actor, "", True) for f in targets if f.via == "with"]
            targets, partners = [], []
    src_codes = {f.actor.code for f in sources}
    if not sources:
        return []
    code = p.code
    if "forum" in p.flags:  # "a complaint at the WTO", "a WTO complaint": the forum is not the target
        forum = {f.actor.code for f in [*targets, *sources] if f.actor.kind == "igo" and f.via in ("with", "at", "to", "")}
        sources = [f for f in sources if f.actor.code not in forum] or ([] if forum else sources)
        if not sources and verb is not None:
            sources = [f for f in coder.roles.sources(verb)[0] if f.actor.code not in forum]
        targets = [f for f in targets if f.actor.code not in forum]
        code = "115" if forum and code == "114" else code
    else:
        forum = set()
    if not targets and not (sym and len(src_codes) >= 2):
        if how not in ("light", "passive-light", "subject", "attr", "reversed", "appos", "participle") \
                and not p.code.startswith(("16", "17", "18", "19", "20")):
            return []
        if "visit" in p.flags or "strike" in p.flags or how == "adjunct":
            return []
        if "exercise" in p.flags:  # a drill "in response" is aimed at what its own phrase or the sentence before names
            anchor = verb if verb is not None else n
            targets = coder.roles.fallback(anchor, src_codes, own_only=True) or coder.roles.earlier(src_codes)
        else:  # force posture is aimed only at who its own phrase names; a venue never partners a mutual act
            targets = coder.roles.fallback(n, src_codes | forum | topics, own_only=p.code.startswith("15"),
                                           venues="sym" not in p.flags)
        conf -= 0.15
    if ended:
        code = "164"  # "the summit ended without an agreement": talks that broke down
    if verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_ == "have" and is_conflict(code) and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "may", "might", "could") for c in verb.head.children):
        code = threat_of(code)  # "would have to take necessary countermeasures": a threat of them
    elif verb is not None and how == "light" and is_conflict(code) and not code.startswith("13") and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children) and any(
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children) for c in verb.children):
        code = threat_of(code)  # "would impose sanctions on Russia if Putin refused to negotiate": a conditional threat
    elif verb is not None and how == "light" and n.lemma_.lower() in ANSWERS and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children):
        code = threat_of(code)  # "said it would take countermeasures against Japan": an answer announced is a threat
    if p.frame == "threaten":
        inner, _ = coder.content(n)
        code = compose("threaten", coder.content_code(inner) if inner else None, p.code)
    if "aid" in p.flags:
        code = refine.aid_kind(n, code) or code
    text = None
    if verb is not None and how in ("light", "passive-light") and abs(verb.i - n.i) <= 4:
        text = coder.doc[min(verb.i, n.i) : max(verb.i, n.i) + 1].text  # "held talks", "imposed tariffs"
    if backoff:
        how = f"{how},{BACKOFF}"
    targets = [f for f in targets if f not in brokers and f.actor.code not in {b.actor.code for b in brokers}]
    if separate and sym and len(src_codes) >= 2 and partners:
        # "Russia and Ukraine signed separate deals with Turkey and the UN": each with the partners, not with each other
        drafts = [d for s in sources for d in coder.refined(trig, code, [s], targets, how=f"nominal,{how},separate", sym=True,
                                                             conf=conf, partners=partners, text=text)]
    else:
        drafts = coder.refined(trig, code, sources, targets, how=f"nominal,{how}", sym=sym, conf=conf, partners=partners,
                               text=text)
    if brokers and code.startswith(("057", "087")):  # "a U.S.-brokered peace agreement": the broker mediates
        parties = [f for f in [*sources, *targets] if not f.locative]
        drafts += coder.make(trig, "045", brokers, parties, how=f"nominal,{how},broker", sym=False, confidence=conf - 0.05)
    return drafts


#: Nouns that only name an answer to someone: announced for the future ("will take countermeasures"), they threaten it.
ANSWERS = frozenset({"countermeasure", "reprisal", "retaliation"})


#: What a state restricts to hurt another: "curbs on its exports to South Korea" stay sanctions.
TRADE_WORDS = frozenset({"export", "import", "shipment", "sale", "trade", "supply", "transfer", "delivery", "investment"})
OWN_POSSESSIVES = frozenset({"its", "their", "our", "his", "her"})


def self_restraint(coder: SentenceCoder, n: Token) -> bool:
    """A restriction "on its (own) programme / enrichment / arsenal": accepted on one's own activity, not imposed on
    another state, when the on-phrase names no trade and no other actor (but partners or venues the parser hung
    inside it: "curbs on its programme in talks with Paris")."""
    for prep, pobj in prep_objects(n):
        if prep == "on" and any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in pobj.children) \
                and pobj.lemma_.lower() not in TRADE_WORDS \
                and not any(not {"with", "in", "during", "at"} & set(f.preps) for f in coder.actors.within(pobj)):
            return True
    return False


def _speaker_party(coder: SentenceCoder, tok: Token) -> list[Filled]:
    """The subject of the speech verb whose report contains ``tok``."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return []
        if cur.dep_ == "ccomp":
            trig = coder.at.get(cur.head.i)
            if trig is not None and trig.pattern.frame == "say":
                return [f for f in coder.actors.within(child(cur.head, "nsubj"), role="subject") if not f.locative
                        and not f.actor.is_place]
        cur = cur.head
    return []


def happening(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """A verb coding its event-noun subject: "the summit broke down" (164)."""
    tok = trig.token
    if coder.blocked(tok):
        return []
    subj = child(tok, "nsubj", "nsubjpass")
    if subj is None or subj.i not in coder.at or coder.at[subj.i].pattern.pos != "N":
        return []
    sources, targets, members = noun_actors(coder, subj)
    if mutual_noun(coder.at[subj.i]):
        targets = [f for f in targets if not topic(coder, f, subj)]  # "the talks on Iran's programme broke down"
    group = members or [f for f in [*sources, *targets] if not f.locative]
    if len({f.actor.code for f in group}) < 2:
        return []
    return coder.make(trig, trig.pattern.code, group, [], how="nominal-subject", sym=True, confidence=0.7)
