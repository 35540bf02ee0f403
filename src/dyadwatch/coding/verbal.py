"""Events told by a verb: "Japan imposed export curbs on South Korea".

``verbal`` codes one verb trigger: it drops what is no event here (blocked, framed by
another word, a gerund named as a thing, the purpose of an agreement), lets a framing
verb absorb the action it frames ("agreed to lift curbs", 0354), turns future and
necessity into intents and threats, finds sources and ranked targets (roles.py), the
partners of mutual acts, whom a response answers, and hands the result to drafting.py.
``failed_talks`` codes "the two sides failed to reach an agreement".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding import blocking, nominal, refine
from dyadwatch.coding.advisories import advisory
from dyadwatch.coding.complements import FRAMING, content, content_code, governor
from dyadwatch.coding.drafting import Draft, make, refined
from dyadwatch.coding.frames import compose, intent_of, is_conflict, threat_of
from dyadwatch.coding.modality import (
    MILITARY_CUES,
    PENALTY_VERBS,
    SPEAKING,
    conditional,
    forceful_answer,
    modality,
    not_ruled_out,
    penalty,
    ruling_out,
)
from dyadwatch.coding.roles import MOTION, choose
from dyadwatch.coding.syntax import PRONOUNS, Filled, child, children, prep_objects
from dyadwatch.coding.triggers import Trigger

if TYPE_CHECKING:
    from dyadwatch.coding.clauses import SentenceCoder

#: Prepositions of a topic ("talks on North Korea") and verbs whose object is a topic ("discussed North Korea").
TOPICAL = frozenset({"on", "about", "over", "regarding", "concerning"})
#: ... and, for a mutual act that is no fight, what it is aimed at or set against ("cooperated with Seoul against
#: North Korea's cyber threats", "met amid China's pressure"): a topic too, not a partner.
AIMED_TOPICAL = TOPICAL | {"against", "amid", "toward", "towards", "despite"}
DISCUSSING = frozenset({"discuss", "negotiate", "consult", "exchange", "share", "swap"})
#: Verbs that end an ongoing cooperation ("stopped allowing inspections").
STOPPING = frozenset({"stop", "cease", "halt", "end", "quit", "suspend"})
#: Complements of a refusal that refuse nothing to anyone ("declined to comment").
NOT_AN_ACT = frozenset({"comment", "confirm", "say", "elaborate", "disclose", "specify", "speculate", "discuss", "answer",
                        "respond", "name", "identify", "reveal", "give"})
#: Verbs of retaliation: vowing to do them is a threat ("vowed to respond").
RETALIATION = frozenset({"respond", "retaliate", "avenge", "punish", "revenge", "punishment", "retribution", "vengeance",
                         "reprisal", "retaliation"})
#: Verbs that make someone react: "prompting Japan to scramble jets" reacts to the main clause's actor.
CAUSATIVE = frozenset({"prompt", "force", "lead", "cause", "spur", "push", "drive", "trigger", "provoke"})
#: Nouns of a reaction: "fired warning shots in response" answers whoever acted before.
RESPONSE = frozenset({"response", "retaliation", "reaction", "reply", "answer", "return"})
#: Sending forces: "to" an ally's territory is military aid (072), elsewhere a force posture.
DEPLOY = frozenset({"deploy", "send", "dispatch", "station", "move"})
FORCES = frozenset({"troop", "force", "army", "military", "navy", "soldier", "unit", "warship", "fleet"})
BORDERS = frozenset({"border", "frontier", "line", "boundary", "front", "frontline"})
CONFIDENCE = {"active": 0.0, "passive": 0.05, "pronoun": 0.15, "inherited": 0.1, "control": 0.05, "relative": 0.1,
              "speaker": 0.1, "adjacent": 0.2,
              "roles=backoff": 0.25}
#: Weapons whose arrival or delivery is military aid.
MATERIEL = frozenset({"tank", "jet", "weapon", "missile", "system", "shell", "munition", "ammunition", "howitzer", "aircraft",
                      "fighter", "drone", "arms", "launcher", "battery", "rocket", "vehicle", "warplane", "helicopter"})
#: Private travellers: their visits are no state visits.
TRAVELLERS = frozenset({"tourist", "traveller", "traveler", "visitor", "holidaymaker", "passenger", "pilgrim", "fan"})
#: Military craft: their flights are force posture, not visits.
AIRCRAFT = frozenset({"aircraft", "jet", "bomber", "fighter", "warplane", "drone", "plane", "helicopter", "airplane"})
#: Titles and bodies of people who travel for a state: "House Speaker Nancy Pelosi landed in Taipei" is a visit.
OFFICE_HOLDERS = refine.ENVOYS | frozenset({"speaker", "delegation", "team", "mission", "king", "queen", "emperor", "prince",
                                            "chief", "head", "mayor", "governor", "lawmaker", "senator", "congressman",
                                            "congresswoman", "legislator", "spokesman", "spokeswoman", "general"})


def _travelling_person(subj: Token) -> bool:
    """A subject headed by (or named with) a title or a delegation, not by a craft, a weapon or a unit."""
    if subj.lemma_.lower() in MATERIEL | AIRCRAFT | FORCES:
        return False
    return subj.lemma_.lower() in OFFICE_HOLDERS or (
        subj.pos_ == "PROPN" and any(c.dep_ == "compound" and c.lower_ in OFFICE_HOLDERS for c in subj.children))


def _joining_under_noun(tok: Token) -> bool:
    """"an application to join", "objection to Finland and Sweden joining": the verb has no subject of its own and
    follows a noun ("application to", "Sweden") that is not its object: it names a wish or a prospect."""
    if tok.dep_ == "ROOT" or child(tok, "nsubj", "nsubjpass") is not None or tok.i < 2:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.lower_ == "to":
        prev = tok.doc[tok.i - 2]
    return prev.pos_ in ("NOUN", "PROPN") and prev.head.i != tok.i


def _moved_by_forces(tok: Token) -> bool:
    """The one who moves is a body of troops: the subject, the addressee of an order ("ordered Russian troops to
    pull out"), or the subject of the verb it is conjoined with ("pull out of the city and retreat")."""
    cur = tok
    for _ in range(4):
        subj = child(cur, "nsubj", "nsubjpass")
        if subj is None and cur.dep_ == "xcomp":
            subj = child(cur.head, "dobj") or child(cur.head, "nsubj")
        if subj is not None:
            return subj.lemma_.lower() in FORCES | {"personnel", "contingent", "peacekeeper", "marine"}
        if cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


#: Craft that arrive without being visitors (military aircraft that fly in are force posture, arms are aid).
CRAFT = frozenset({"plane", "airplane", "airliner", "flight", "ship", "vessel", "boat", "ferry", "train", "jet", "aircraft"})
#: Prepositions of an intrusion into someone's zone.
INTRUSION = frozenset({"into", "inside", "within", "over", "near", "through", "around"})
#: Taking people into custody: whom one's own police arrest is no foreign target.
CUSTODY = frozenset({"arrest", "detain", "jail", "imprison", "apprehend"})
#: Verbs of keeping an agreement: "agreed to observe the ceasefire" is the ceasefire.
KEEPING = frozenset({"observe", "respect", "honour", "honor", "uphold", "abide", "implement", "maintain", "restore"})
#: What a denial answers: the accuser is whoever told it before ("Japan rejected the account").
ACCOUNTS = frozenset({"account", "allegation", "accusation", "charge", "assertion", "version", "criticism", "claim"})


def verbal(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """The events a verb trigger tells (none when it is blocked or framed by another word)."""
    tok, p = trig.token, trig.pattern
    if (advised := advisory(coder, trig)) is not None:
        return [] if coder.blocked(tok) else advised
    if p.code == "045" and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.lemma_.lower() in blocking.SETTLEMENTS:
        return brokered(coder, trig)
    if p.frame == "reject" and not_ruled_out(coder, tok):
        # "would not rule out the use of force", "refused to rule out military action": keeping force open is a threat
        p = replace(p, code="130", frames=frozenset({"threaten"}))
        trig = Trigger(tok, p)
        anchor = tok.head if tok.dep_ == "xcomp" else tok
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in anchor.children) \
                or governor(coder, anchor) is not None or (anchor is not tok and coder.blocked(anchor)):
            return []
    elif p.code == "130" and p.lemma in PENALTY_VERBS:
        gov = governor(coder, tok)
        if coder.blocked(tok) or (gov is not None and gov.token.lemma_.lower() not in SPEAKING):
            return []
        return penalty(coder, trig)  # ("warned that South Korea would face consequences": the warning is this threat)
    else:
        negrej = "negrej" in p.flags and coder.negated(tok)
        if (not negrej and coder.blocked(tok)) or governor(coder, tok) is not None:
            return []
    if tok.tag_ == "VBG" and tok.dep_ in ("dobj", "nsubj", "nsubjpass") and not _participle_clause(tok):
        return []  # "blamed Ukrainian shelling for ...": a gerund named as a thing, not told as an act
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and p.code[:2] in ("18", "20") and tok.head.i not in coder.at:
        return []  # "a jet crashed, killing 38 people": the toll of something that is no interstate act
    if p.lemma in ("hit", "strike") and p.code[:2] in ("18", "19") and _economic_agent(tok):
        return []  # "profit fell, hit by U.S. tariffs", "sanctions hit Russia's oil revenue": economic harm, no attack
    if purpose_of_agreement(coder, tok):
        return []  # "signed deals to reopen the ports": what the deal is for
    if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_ in STOPPING and not is_conflict(p.code) \
            and not p.frame:
        p = replace(p, code=compose("reject", p.code, "120"))  # "stopped allowing snap inspections": a refusal
        trig = Trigger(tok, p)
    if p.lemma == "deport" and any(c.dep_ in ("advcl", "conj") and c.i in coder.at and coder.at[c.i].pattern.code == "063"
                                   for c in tok.children):
        return []  # "deported two Japanese men, handing them to Japanese police": a hand-over of suspects (063)
    if "forces" in p.flags and not _moved_by_forces(tok):
        return []  # "Japan withdrew from the race": only troops withdraw from a place
    if "answer" in p.flags and not forceful_answer(tok):
        return []  # "responded to the letter": only a forceful answer announced for the future threatens
    if "answer" in p.flags and any(f.actor.sector == "MIL" for f in coder.roles.sources(tok)[0]):
        p = replace(p, code="138")  # "the People's Liberation Army would respond resolutely": a threat of force
        trig = Trigger(tok, p)
    if "strike" in p.flags and p.lemma == "land" and (
            any(f.actor.kind == "person" or f.actor.sector in ("GOV", "LEG", "ELI") for f in coder.roles.sources(tok)[0])
            or any(_travelling_person(s) for s in children(tok, "nsubj"))):
        p = replace(p, code="042", flags=frozenset({"visit"}))  # "Pelosi landed in Taipei": a visit
        trig = Trigger(tok, p)
    if "visit" in p.flags and p.lemma == "fly" and any(s.lemma_.lower() in AIRCRAFT for s in children(tok, "nsubj")):
        p = replace(p, code="150", flags=frozenset({"strike"}))  # "Chinese military aircraft flew into its air defence zone"
        trig = Trigger(tok, p)
    if "visit" in p.flags and p.lemma == "arrive" and any(s.lemma_.lower() in MATERIEL for s in children(tok, "nsubj")):
        p = replace(p, code="072", flags=frozenset())  # "the first US Abrams tanks arrived in Ukraine": arms delivered
        trig = Trigger(tok, p)
    if "visit" in p.flags and any(s.lemma_.lower() in CRAFT for s in children(tok, "nsubj")):
        return []  # "a Japan Airlines plane carrying vaccines touched down in Taipei": a craft arrives, no one visits
    if "visit" in p.flags and any(s.lemma_.lower() in TRAVELLERS or any(o.lemma_.lower() in TRAVELLERS for _, o in prep_objects(s))
                                  for s in children(tok, "nsubj")):
        return []  # "record numbers of South Korean tourists visited Japan": travel, not a state visit
    if p.code == "057" and p.lemma == "join" and _joining_under_noun(tok):
        return []  # "an application to join NATO", "its objection to Finland joining NATO": membership not yet taken up
    if "visit" in p.flags and p.lemma == "fly" and children(tok, "dobj"):
        return []  # "flew 200 migrants to El Salvador": people carried, no one visits
    if "host" in p.flags and any(d.lemma_.lower() in FORCES | refine.TROOPS for d in children(tok, "dobj")):
        return []  # "air bases hosting U.S. troops": a garrison, not a guest
    if "visit" in p.flags and (travellers := coder.roles.sources(tok)[0]) and all(
            f.actor.kind == "demonym" for f in travellers):
        return []  # "the freed Americans flew to Doha": private citizens travel, no state visits
    if "aid" in p.flags and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head.i in coder.at \
            and is_conflict(coder.at[tok.head.i].pattern.code or "010"):
        return []  # "fired missiles at Israel, sending millions into shelters": a consequence, not aid
    code, frame, conf, notes = p.code, p.frame, 0.9, []
    if "aid" in p.flags:
        aid = refine.aid_kind(tok, code)
        if aid is None:
            return []
        code = aid
    content_trig, content_tok = (None, None)
    if frame in FRAMING:
        content_trig, content_tok = content(coder, tok)
        if frame == "reject" and content_tok is not None and content_tok.lemma_ in NOT_AN_ACT:
            return []  # "declined to confirm a report": no refusal of anything
        if frame == "reject" and content_tok is not None and ruling_out(content_tok):
            return []  # "refused to rule out force": the threat is coded on "rule out"
        if "enforce" in p.flags and content_trig is None and not any(coder.actors.within(d) for d in children(tok, "dobj", "dative", "nsubjpass")):
            return []  # "ordered flags flown at half-staff": an order to no one
        code, conf = framed(coder, trig, content_trig, content_tok, conf)
    elif negrej:
        code = "120"
        notes.append("negated")  # a refusal goes one way, even of a mutual act
    elif modality(tok) == "future" and not is_conflict(code) and code[:2] in ("04", "05", "06", "07", "08") \
            and not (code[:2] == "08" and _takes_effect(tok)):
        code = intent_of(code)
        notes.append("future")
    elif modality(tok) == "necessity" and is_conflict(code):
        code = threat_of(code)  # "would have to take countermeasures": a conditional threat
        notes.append("threat")
    elif modality(tok) == "future" and is_conflict(code) and conditional(tok) and code[:2] not in ("13",):
        code = threat_of(code)  # "said it would strike Beirut if the rockets did not stop": a conditional threat
        notes.append("threat")
    if frame == "wrap" and code == "139" and not any(coder.actors.within(d) for d in [
            *children(tok, "dobj", "dative"), *(s for c in children(tok, "ccomp") for s in children(c, "nsubj"))]):
        return []  # an ultimatum is given to someone named: "gave Moscow until midnight", not "gave its diplomats 24 hours"
    sources, how = coder.roles.sources(tok)
    if not sources and "aid" in p.flags and any(c.dep_ == "auxpass" for c in tok.children):
        # "F-16 jets from Denmark were delivered to Ukraine": the arms' origin delivered them
        sources = [f for s in children(tok, "nsubjpass") if s.lemma_.lower() in MATERIEL
                   for f in coder.actors.within(s) if not f.actor.is_place]
        how = "passive"
    if not sources:
        return []
    conf -= CONFIDENCE.get(how, 0.1)
    src_codes = {f.actor.code for f in sources}
    if p.lemma == "clash" and code.startswith("19") and all(
            f.actor.kind == "person" or f.actor.sector in ("GOV", "LEG", "ELI") for f in sources):
        code = "111"  # "Trump and Zelenskyy clashed in the Oval Office": leaders clash in words, soldiers in arms
    if p.lemma in CUSTODY and any(f.actor.code in src_codes for d in children(tok, "dobj", "nsubjpass")
                                  for f in coder.actors.within(d) if not f.actor.is_place):
        return []  # "Philippine police arrested former President Duterte on a warrant from the ICC": its own citizen
    own = coder.roles.targets(tok, exclude=src_codes, forum="forum" in p.flags)
    if "aid" in p.flags and any(c.dep_ == "auxpass" for c in tok.children) and any(f.via == "to" for _, f in own):
        # "Russian weapons were delivered to Syria by Iran": what is given (or its maker) is no recipient
        own = [(r, f) for r, f in own if r > 0 and f.actor.code not in src_codes]
    if code == "063" and any(f.via == "to" for _, f in own):
        own = [(r, f) for r, f in own if f.via == "to"]  # "extradited a Ukrainian suspect to Germany": the receiving state
    if p.lemma in CUSTODY:  # "arrested a former minister on a warrant from Interpol": who issued it is not arrested
        own = [(r, f) for r, f in own if not {"from", "on"} & set(f.preps)]
    if "sym" in p.flags:  # "share intelligence on North Korea", "discussed trade and North Korea": topics, not partners
        topical = TOPICAL if is_conflict(code) else AIMED_TOPICAL
        own = [(r, f) for r, f in own if f.via not in topical and not (r == 0 and p.lemma in DISCUSSING)]
    if "strike" in p.flags:  # "fired British missiles into Russia": the projectile's maker is no target
        own = [(r, f) for r, f in own if not (r == 0 and f.actor.root.i != f.actor.anchor.i and f.actor.anchor.head.i == tok.i
                                             and f.actor.anchor.dep_ == "dobj")]
    if "strike" in p.flags and not own:
        # "after Chinese bombers flew into its air defence zone": whose zone the possessive tells
        own = [(0, f) for prep, pobj in prep_objects(tok) if prep in INTRUSION for c in pobj.children
               if c.dep_ == "poss" and c.lower_ in ("its", "their") for f in coder.roles.pronoun(c, src_codes)
               if f.actor.code not in src_codes and not f.actor.is_place]
    if "visit" in p.flags:  # a visit goes to a place: "stepped into the future with Japan" names no host
        own = [(r, f) for r, f in own if f.via in ("", "to", "into", "in", "across", "at", "on", "near", "outside", "of")]
    ranked = list(own)
    if frame == "deny":
        ranked = [(0, f) for d in children(tok, "dobj") for f in coder.actors.within(d) if f.via in ("", "by", "of")]
        back = [d for d in children(tok, "dobj") if not coder.actors.within(d) and coder.roles.refers_back(d)]
        if not ranked and back and back[0].lemma_.lower() in ACCOUNTS:
            ranked = [(0, f) for f in coder.roles.earlier(src_codes, back[0])]  # "Japan rejected the account"
    elif content_tok is not None:
        if frame in ("appeal", "demand", "reject") or (frame == "wrap" and code == "139"):
            # "demanded that Russia withdraw", "refused to allow IAEA inspectors to visit"
            for c in (content_tok, *children(content_tok, "xcomp", "ccomp")):
                for subj in children(c, "nsubj", "nsubjpass", "dobj"):
                    found = coder.actors.within(subj)
                    if not found and subj.lower_ in PRONOUNS:  # "demanding that she retract them"
                        found = [f for f in coder.roles.pronoun(subj, set()) if f.actor.code not in src_codes]
                    ranked += [(0 if subj.dep_ in ("nsubj", "nsubjpass") and c.i == content_tok.i else 1, f) for f in found]
        if frame == "threaten" and content_trig is None:
            # "warned that any supply of missiles to Ukraine by Washington would mark an escalation": the warning is
            # aimed at whoever would do the act its subject names (its agent or owner), not at the act's recipient
            ranked += [(0, f) for subj in children(content_tok, "nsubj") if subj.pos_ == "NOUN"
                       for f in coder.actors.within(subj) if (f.via == "by" or (not f.via and f.actor.root.dep_ == "poss"))
                       and not f.actor.is_place and f.actor.code not in src_codes]
        ranked += [(r + 1, f) for r, f in coder.roles.targets(content_tok, exclude=src_codes)]
        if content_trig is not None and content_trig.token is not content_tok:
            ranked += [(r + 1, f) for r, f in coder.roles.targets(content_trig.token, exclude=src_codes)]
            noun_sources, noun_targets, _ = nominal.noun_actors(coder, content_trig.token)
            ranked += [(2, f) for f in [*noun_sources, *noun_targets]]
    if not ranked and code.startswith("13") and p.lemma in ("warn", "threaten"):
        # "Russia warned of consequences if Finland joined NATO": the one whose act the condition names is warned
        ranked = [(0, f) for c in tok.children if c.dep_ == "advcl" and any(
                      g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
                  for s in children(c, "nsubj") for f in coder.actors.within(s)
                  if not f.actor.is_place and f.actor.code not in src_codes]
    forum = forum_of(coder, tok) if "forum" in p.flags else set()
    # "Nippon Steel and U.S. Steel sued the Biden administration": a target shared with one source stays for the other
    targets = choose([(r, f) for r, f in ranked if f.actor.code not in forum], src_codes if len(src_codes) == 1 else set())
    if "strike" in p.flags and code.startswith("15") and tok.lemma_ in MOTION:
        targets = [f for f in targets if f.via != "with"]  # "sailing through the strait with a Canadian frigate": company
    sym = ("sym" in p.flags and not negrej) or (content_trig is not None and "sym" in content_trig.pattern.flags and frame == "intent")
    if "future" in notes and len(src_codes) < 2:
        sym = False  # "he would meet Kim": an intent of the speaker only
    if is_conflict(code) and frame == "intent":
        sym = False
    elif frame == "intent" and len(src_codes) >= 2 and not [f for f in targets if f.via in ("", "with")]:
        sym, targets = True, []  # "Ishiba and Xi reaffirmed their commitment": to each other
    if any(" ".join(t.lower_ for t in d.subtree) in ("each other", "one another") for d in children(tok, "dobj")):
        sym, targets = True, []  # "the two sides accused each other"
    elif len(src_codes) >= 2 and not [f for f in targets if f.via in ("", "with")] and _reciprocal_phrase(tok):
        sym, targets = True, []  # "Washington and Beijing cut tariffs on each other's goods"
    if len(src_codes) >= 2 and not targets and any(c.lower_ == "each" and c.dep_ in ("advmod", "npadvmod", "det", "appos")
                                                  for c in tok.children):
        sym = True  # "Russia and Ukraine each freed 390 prisoners": to each other
    objects = [*children(tok, "dobj", "dative"), *(children(tok, "nsubjpass") if any(c.dep_ == "auxpass" for c in tok.children) else [])]
    partners = [f for r, f in own if (r == 0 and any(coder.roles.is_partner(f, d) for d in objects)) or f.via == "with"] if sym else []
    if "captive" in p.flags and not refine.human_object(tok, coder.roles.object_actor(tok), frozenset(coder.actors.sector_tokens)):
        return []
    if code == "057" and len(src_codes) < 2 and not partners and not [f for f in targets if f.via == "with"] and any(
            d.lemma_.lower() == "document" for d in children(tok, "dobj")):
        return []  # "Putin signed documents claiming four regions": a signature alone is no agreement
    if not targets and not (sym and len(src_codes) >= 2) and frame != "deny" and not {"strike", "visit", "captive"} & p.flags:
        obj = coder.roles.explicit_object(tok, p.objects)
        targets = reacting_to(coder, tok, code, src_codes)
        if targets:
            notes.append("response")
        elif not coder.roles.domestic_object(tok):
            # force posture is aimed only at who its own clause names ("as Chinese bombers flew ..."); talks
            # need a partner of their own ("met to discuss ways to restart talks with Pyongyang")
            # what is shot down is named in the clause ("were shot down by Israeli forces": no one is hit)
            own_only = code.startswith("15") or ("sym" in p.flags and code[:2] in ("04", "05", "06")) or (
                p.lemma == "shoot" and "down" in p.particles) or (
                tok.dep_ == "advcl" and tok.tag_ == "VBG" and code[:2] in ("08",))
            targets = coder.roles.fallback(tok, src_codes | forum, places="aid" in p.flags, own_only=own_only)
            notes.append("fallback")
        if not targets and code[:2] in ("11", "12", "15") and (obj is None or coder.roles.refers_back(obj)):
            targets = coder.roles.earlier(src_codes | forum, obj)
            notes.append("earlier")
        conf -= 0.15
    if code == "154" and tok.lemma_ in DEPLOY and to_ally(coder, tok, targets):
        code = "072"  # "North Korean troops were deployed to Russia's Kursk region": troops sent to fight for it
    if frame == "threaten" and code == p.code and any(t.lemma_.lower() in MILITARY_CUES for t in tok.subtree):
        code = "138"
    elif frame == "threaten" and code == p.code and p.lemma == "warn" and "fallback" in notes \
            and not children(tok, "dobj", "dative"):
        return []  # "warning that their involvement opened a new page of instability": a comment, no threat
    if "forum" in p.flags and code == "114" and forum:
        code = "115"  # a complaint with the WTO or a court is a legal case
    how = ",".join([how, *notes])
    return refined(coder, trig, code, sources, targets, how=how, sym=sym, conf=conf, content=content_trig, partners=partners)


def framed(coder: SentenceCoder, trig: Trigger, content_trig: Trigger | None, content_tok: Token | None,
           conf: float) -> tuple[str, float]:
    """The code and confidence of a framing verb with what it frames ("vowed to retaliate": a threat)."""
    p, frame = trig.pattern, trig.pattern.frame
    ccode = content_code(coder, content_trig) if content_trig is not None else None
    if frame == "wrap":
        return p.code, conf
    if content_trig is not None and content_trig.pattern.pos == "N" and frame == "reject":
        lemma = content_trig.pattern.lemma
        if lemma in ("proposal", "plan"):
            return "127", conf - 0.05
        ccode = {"invitation": "036", "mediation": "045"}.get(lemma, ccode)
    if frame == "intent" and p.lemma == "agree" and content_trig is not None and content_trig.pattern.pos == "N" \
            and content_tok is not None and (content_trig.token.i == content_tok.i or (
                content_tok.lemma_ in KEEPING and content_trig.token.head.i in (content_tok.i, *(c.i for c in content_tok.children))))\
            and ccode and (ccode == "057" or ccode.startswith("087")):
        # ("agreed to observe the ceasefire": keeping it is agreeing to it)
        return ccode, conf - 0.05  # "agreed to a ceasefire": the ceasefire itself, not a promise of one
    own_forces = any(d.lemma_.lower() in FORCES for d in children(trig.token, "dobj"))
    if ccode and is_conflict(ccode) and content_trig is not None and content_trig.pattern.pos == "V" \
            and conditional(content_trig.token):
        return threat_of(ccode), conf - 0.05  # "ordered his military to annihilate the South if it invaded"
    if "enforce" in p.flags and ccode and (ccode.startswith("16") or own_forces
                                           or (ccode[:2] in ("17", "19", "20") and not foreign_object(coder, trig.token))):
        return ccode, conf - 0.05  # "ordered China to close its consulate", "ordered a siege of Gaza": the act itself
    if frame == "intent" and p.lemma in ("vow", "pledge", "promise", "warn") and content_tok is not None and (
            content_tok.lemma_ in RETALIATION or {"pay", "dearly"} <= {t.lemma_.lower() for t in content_tok.subtree}
            or (p.lemma in ("vow", "warn") and content_tok.lemma_ in ("response", "consequence", "countermeasure"))):
        return "130", conf - 0.05  # "vowed to respond": a threat
    if frame == "intent" and ccode and is_conflict(ccode):
        if p.lemma in ("vow", "pledge", "promise", "threaten"):
            return threat_of(ccode), conf - 0.05  # "vowed to retaliate": a threat
        return ccode, conf - 0.05  # "agreed to freeze assets", "will impose tariffs": the act itself
    return compose(frame, ccode, p.code), conf - (0.05 if ccode else 0.1)


#: Words of a start date: "would restore visa-free entry from Nov. 30" is a decided measure, not a promise.
START_WORDS = frozenset({"from", "starting", "effective", "beginning"})
DATE_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                        "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "midnight",
                        "noon", "today", "tomorrow", "next"})


def _takes_effect(tok: Token) -> bool:
    """An easing announced with the date it starts ("will lift the curbs from July 1"): the measure itself."""
    for c in tok.children:
        if c.lower_ in START_WORDS and any(t.lower_.rstrip(".") in DATE_WORDS or t.like_num for t in c.subtree if t.i != c.i):
            return True
    return False


def _participle_clause(tok: Token) -> bool:
    """"Xi and Putin, meeting in Moscow, pledged ...", parsed with the participle as the subject:
    a participle with a subject of its own, set off by a comma, is a clause, not a thing."""
    subj = child(tok, "nsubj")
    if subj is None or subj.i > tok.i or tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return False
    end = max(t.i for t in tok.subtree)
    return tok.doc[end].text == "," or (end + 1 < len(tok.doc) and tok.doc[end + 1].text == ",")


def purpose_of_agreement(coder: SentenceCoder, tok: Token) -> bool:
    """"signed deals to reopen the ports", "reached an agreement to defuse the standoff": the
    infinitive says what the agreement is for; the agreement is the event."""
    if tok.dep_ in ("ccomp", "xcomp") and tok.head.dep_ == "acl" and tok.head.lemma_ in ("let", "allow", "enable", "permit") \
            and tok.head.head.i in coder.at and coder.at[tok.head.head.i].pattern.code == "057":
        return True  # "a pact letting their militaries swap classified information": what the pact allows
    if tok.dep_ not in ("advcl", "xcomp", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    heads = [tok.head, *children(tok.head, "dobj")] if tok.dep_ != "acl" else [tok.head]
    return any(h.i in coder.at and coder.at[h.i].pattern.code == "057" for h in heads)


def reacting_to(coder: SentenceCoder, tok: Token, code: str, src_codes: set[str]) -> list[Filled]:
    """Whom a response answers when it names no one: "prompting Japan and South Korea to scramble
    jets" (the main clause's actor), "and South Korean troops fired warning shots in response"
    (the actor of the clause before, or of the sentence before)."""
    if _controlled(tok) and tok.head.lemma_ in CAUSATIVE and tok.head.dep_ in ("advcl", "conj"):
        causers = coder.roles.sources(tok.head)[0]
        if {f.actor.code for f in causers} & src_codes:
            return []  # the reacting side resolved to the causer: no reliable target
        return causers
    if code[:2] not in ("15", "16", "17", "18", "19") or not any(
            prep == "in" and pobj.lemma_.lower() in RESPONSE and not coder.actors.within(pobj) for prep, pobj in prep_objects(tok)):
        return []
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return [f for f in coder.roles.sources(tok.head)[0] if f.actor.code not in src_codes]
    return coder.roles.earlier(src_codes)


def to_ally(coder: SentenceCoder, tok: Token, targets: list[Filled]) -> bool:
    """Forces sent "to" a country or a region of it ("to Russia's Kursk region"), not to a border."""
    codes = {t.actor.code for t in targets}
    for prep, pobj in prep_objects(tok):
        if prep != "to" or pobj.lemma_.lower() in BORDERS:
            continue
        for f in coder.actors.within(pobj):
            if f.actor.code in codes and (f.actor.root.i == pobj.i or f.actor.root.dep_ == "poss"):
                return True
    return False


def foreign_object(coder: SentenceCoder, tok: Token) -> bool:
    """The verb's object is another actor ("ordered Russia to withdraw"), not its own forces or a thing."""
    return any(f.actor.root.i == d.i or f.actor.anchor.i == d.i for d in children(tok, "dobj")
               for f in coder.actors.within(d) if f.actor.kind in ("country", "capital", "person", "igo"))


def forum_of(coder: SentenceCoder, tok: Token) -> set[str]:
    """Organisations a complaint is filed with ("with the WTO"): the forum, not the target."""
    out: set[str] = set()
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ in ("with", "at", "to", "before"):
            out |= {f.actor.code for g in t.children for f in coder.actors.within(g) if f.actor.kind == "igo"}
    for d in children(tok, "dobj", "nsubjpass"):  # "reviving its WTO case"
        out |= {f.actor.code for f in coder.actors.within(d) if f.actor.kind == "igo" and f.actor.anchor.i == d.i}
    return out


def failed_talks(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """"The two sides failed to reach an agreement": talks that broke down, 164 both ways."""
    tok = trig.token
    goal = child(tok, "xcomp")
    if goal is None or coder.negated(tok) or goal.lemma_ not in ("reach", "agree", "bridge", "strike", "conclude"):
        return []
    if goal.lemma_ != "agree" and not any(t.lemma_ in ("agreement", "deal", "accord", "difference", "compromise", "consensus")
                                          for t in goal.subtree):
        return []
    subj = child(tok, "nsubj")
    members = nominal.noun_actors(coder, subj)[2] if subj is not None and subj.i in coder.at else []
    sources = members or coder.roles.sources(tok)[0]
    if len({f.actor.code for f in sources}) < 2:
        return []
    return make(coder, trig, "164", sources, [], how="failed", sym=True, confidence=0.7)


def brokered(coder: SentenceCoder, trig: Trigger) -> list[Draft]:
    """"agreed ... under a deal brokered by China", "swapped prisoners in an exchange mediated by the UAE": the
    broker mediates (045) between the parties of the deal, who are the actors of the clause it belongs to."""
    tok = trig.token
    brokers = [f for prep, pobj in prep_objects(tok) if prep == "by" for f in coder.actors.within(pobj) if not f.actor.is_place]
    if not brokers:
        return []
    codes = {f.actor.code for f in brokers}
    noun = tok.head
    src, tgt, _ = nominal.noun_actors(coder, noun)
    parties = [f for f in [*src, *tgt] if not f.locative and f.actor.code not in codes]
    verb: Token | None = None
    if noun.dep_ in ("pobj", "dobj"):
        verb = noun.head
        for _ in range(4):  # "agreed to a ceasefire under a deal brokered by Malaysia": up to the clause's verb
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            verb = None
    if not parties and verb is not None:
        if coder.blocked(verb):
            return []
        anchor = verb
        found, _ = coder.roles.sources(anchor)
        while not found and anchor.dep_ in ("xcomp", "ccomp") and anchor.head.i != anchor.i and anchor.head.pos_ == "VERB":
            anchor = anchor.head  # "agreed to let grain ships leave ... in a deal brokered by Turkey": who agreed
            found, _ = coder.roles.sources(anchor)
        parties = [f for f in found if f.actor.code not in codes]
        parties += [f for _, f in coder.roles.targets(anchor, exclude=codes) if f.via == "with"]
    if len({f.actor.code for f in parties}) < 2:
        return []
    return make(coder, trig, "045", brokers, parties, how="broker", sym=False, confidence=0.7)


#: Measures and market forces that "hit" an economy or a firm: no weapon.
ECONOMIC_AGENTS = frozenset({"tariff", "sanction", "curb", "duty", "levy", "ban", "control", "restriction", "embargo", "yen",
                             "dollar", "currency", "demand", "cost", "price", "inflation", "slump", "downturn", "slowdown",
                             "recession", "measure", "rate", "tax"})


def _economic_agent(tok: Token) -> bool:
    """The one who "hit" is a measure or a market force: the subject, or the by-agent of a passive."""
    agents = [c for c in tok.children if c.dep_ == "nsubj"]
    agents += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(a.lemma_.lower() in ECONOMIC_AGENTS for a in agents)


def _controlled(tok: Token) -> bool:
    """An infinitive complement: "prompting Japan to scramble jets" (xcomp, or advcl as the parser has it)."""
    return tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _reciprocal_phrase(tok: Token) -> bool:
    """"each other's goods" or "on one another" in the verb's object or prepositional phrases (not in clauses below)."""
    for d in children(tok, "dobj", "prep", "dative"):
        inside = set(d.subtree)
        clauses = {t for t in inside if t.pos_ in ("VERB", "AUX")}
        text = " ".join(t.lower_ for t in d.subtree if not clauses & set(t.ancestors) - {tok})
        if "each other" in text or "one another" in text:
            return True
    return False
