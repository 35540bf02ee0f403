"""The verb and noun patterns that code actions into CAMEO (``coding/data/verbs.csv``).

One row per pattern, columns ``pos,lemma,particle,object,prep,code,frame,flags,note``
(lines starting with ``#`` are comments; ``|`` separates alternatives):

* ``pos``: ``V`` a verb, ``N`` a noun (a nominal event: "talks between X and Y", "Japan's
  export curbs"), ``A`` a predicate adjective ("ready to", "optimistic").
* ``lemma``: the head's lemma; a hyphenated lemma (``test-fire``) matches the words before
  the head too.
* ``particle``: for verbs, a particle or preposition that must hang on the verb
  (``walk out``, ``call on``, ``shoot down``); for nouns, a modifier that must precede it
  (``water cannon``, ``phone call``, ``war games``).
* ``object``: lemmas of the direct object (or of the passive subject), of one of its
  compounds, or of its ``of`` phrase ("a message of condolence").
* ``prep``: a preposition that must hang on the verb; ``by:phone`` also fixes its object.
* ``code``: the CAMEO code (checked against the codebook); blank for verbs that carry no
  event of their own (speech verbs, light verbs such as ``hold`` in "hold talks").
* ``frame``: how the verb combines with its complement: ``intent``, ``appeal``, ``demand``,
  ``reject``, ``threaten`` (the complement's action gives the 3-4 digit code), ``say``
  (reported speech), ``light`` (the object noun is the event), ``happen`` (the subject
  noun is the event: "the summit took place"), ``deny``, ``allege`` (an event only inside
  reported speech), ``evaluate`` ("called it a provocation"), ``wrap`` (own code, target
  from the complement), ``fail``, ``none`` (no event: "met the criteria").
* ``flags``: behaviours of the coder (see docs/coder.md): ``sym`` (coordinated actors act
  on each other), ``visit``, ``host``, ``meet``, ``phone``, ``aid``, ``exercise``, ``strike``,
  ``protest``, ``forum``, ``accuse``, ``investigate``, ``mass``, ``forcible``, ``cbrn``,
  ``negrej``, ``court``, ``captive`` (the object must be people or an actor), ``enforce`` (an
  order to reduce relations is the reduction itself: "ordered the consulate's closure" 161),
  ``forces`` (the one who moves must be troops: "Russian troops pulled out of Kherson").

More specific rows win: a row with an object/particle/preposition beats the bare lemma.
A user file in the same format extends the built-in one (its rows are tried first).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from dyadwatch.errors import InputError
from dyadwatch.ontology import cameo_codes

FRAMES = frozenset({"", "intent", "appeal", "demand", "reject", "threaten", "say", "light", "happen", "deny", "allege",
                    "evaluate", "wrap", "fail", "none"})
FLAGS = frozenset({"sym", "visit", "host", "meet", "phone", "aid", "exercise", "strike", "protest", "forum", "accuse",
                   "investigate", "mass", "forcible", "cbrn", "negrej", "court", "captive", "enforce",
                   "forces", "answer"})
COLUMNS = ("pos", "lemma", "particle", "object", "prep", "code", "frame", "flags", "note")


@dataclass(frozen=True)
class Pattern:
    """One row of verbs.csv."""

    pos: str
    lemma: str
    prefix: tuple[str, ...]
    particles: frozenset[str]
    objects: frozenset[str]
    preps: tuple[tuple[str, frozenset[str]], ...]
    code: str
    frames: frozenset[str]
    flags: frozenset[str]
    source: str
    line: int

    @property
    def specificity(self) -> int:
        return 4 * bool(self.objects) + 2 * bool(self.particles) + 2 * bool(self.preps) + bool(self.prefix)

    @property
    def text(self) -> str:
        """The pattern as written ("hold talk", "call on", "fire missile at")."""
        parts = ["-".join((*self.prefix, self.lemma))]
        parts += sorted(self.particles)[:1] + sorted(self.objects)[:1]
        parts += [p for p, _ in self.preps[:1]]
        return " ".join(parts)

    @property
    def frame(self) -> str:
        for f in ("none", "intent", "appeal", "demand", "reject", "threaten", "deny", "allege", "evaluate", "wrap", "fail", "happen",
                  "say", "light"):
            if f in self.frames:
                return f
        return ""


def _alts(value: str | None) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in (value or "").split("|") if v.strip())


def _preps(value: str | None) -> tuple[tuple[str, frozenset[str]], ...]:
    """``to|into`` -> two prepositions; ``by:phone|telephone`` -> "by" whose object is phone or telephone."""
    value = (value or "").strip().lower()
    if not value:
        return ()
    if ":" in value:
        prep, objs = value.split(":", 1)
        return ((prep.strip(), frozenset(o.strip() for o in objs.split("|") if o.strip())),)
    return tuple((p.strip(), frozenset()) for p in value.split("|") if p.strip())


def parse_patterns(text: str, *, source: str) -> list[Pattern]:
    """Read verbs.csv-format text; InputError names the line and field of a bad row."""
    lines = [ln for ln in text.splitlines()]
    body = "\n".join("" if ln.lstrip().startswith("#") else ln for ln in lines)
    reader = csv.DictReader(io.StringIO(body))
    if tuple(reader.fieldnames or ())[: len(COLUMNS) - 1] != COLUMNS[:-1]:
        raise InputError(f"verb patterns need the header {','.join(COLUMNS)}", path=source, line=1)
    codes = cameo_codes()
    out = []
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values()):
            continue
        pos = (row["pos"] or "").strip().upper()
        if pos not in ("V", "N", "A"):
            raise InputError(f"pos must be V, N or A, not {pos!r}", path=source, line=line, field="pos")
        words = (row["lemma"] or "").strip().lower().split("-")
        if not words[-1]:
            raise InputError("empty lemma", path=source, line=line, field="lemma")
        code = (row["code"] or "").strip()
        if code and code not in codes:
            raise InputError(f"{code!r} is not a CAMEO code", path=source, line=line, field="code")
        frames = _alts((row["frame"] or "").replace(";", "|"))
        flags = _alts((row["flags"] or "").replace(";", "|"))
        if not frames <= FRAMES:
            raise InputError(f"unknown frame {sorted(frames - FRAMES)}", path=source, line=line, field="frame")
        if not flags <= FLAGS:
            raise InputError(f"unknown flag {sorted(flags - FLAGS)}", path=source, line=line, field="flags")
        if not code and not frames & {"say", "light", "happen", "fail", "none"}:
            raise InputError("a pattern without a code must be a say, light, happen, fail or none frame", path=source, line=line,
                             field="code")
        out.append(
            Pattern(
                pos=pos,
                lemma=words[-1],
                prefix=tuple(words[:-1]),
                particles=_alts(row["particle"]),
                objects=_alts(row["object"]),
                preps=_preps(row["prep"]),
                code=code,
                frames=frames,
                flags=flags,
                source=source,
                line=line,
            )
        )
    return out


class Lexicon:
    """Patterns indexed by (pos, lemma), most specific first."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns = tuple(patterns)
        index: dict[tuple[str, str], list[Pattern]] = {}
        for p in self.patterns:
            index.setdefault((p.pos, p.lemma), []).append(p)
        # stable sort: within equal specificity, earlier rows (user files first) win
        self._index = {k: sorted(v, key=lambda p: -p.specificity) for k, v in index.items()}
        # word form -> lemmas, to recover from lemmatiser slips ("staged" -> "stag")
        self._forms: dict[str, set[str]] = {}
        for pos, lemma in self._index:
            if pos == "V":
                for form in inflections(lemma, verb=True):
                    self._forms.setdefault(form, set()).add(lemma)

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self._index.get((pos, lemma), [])

    def verb_lemmas(self, form: str) -> set[str]:
        """Verb lemmas of the lexicon that ``form`` (lower case) can be an inflection of."""
        return self._forms.get(form, set())

    def has(self, pos: str, lemma: str) -> bool:
        return (pos, lemma) in self._index

    def keywords(self) -> frozenset[str]:
        """Every word form a trigger can take in text (for the pre-filter), lower case."""
        words: set[str] = set()
        for p in self.patterns:
            words |= inflections(p.lemma, verb=p.pos == "V")
        return frozenset(words)


_IRREGULAR = {
    "hold": "held", "meet": "met", "send": "sent", "strike": "struck", "shoot": "shot", "fight": "fought",
    "take": "took taken", "give": "gave given", "make": "made", "break": "broke broken", "begin": "began begun",
    "speak": "spoke spoken", "say": "said", "tell": "told", "bring": "brought", "seek": "sought", "lead": "led",
    "fly": "flew flown flies", "go": "went gone goes", "set": "set", "put": "put", "hit": "hit", "cut": "cut",
    "withdraw": "withdrew withdrawn", "forgive": "forgave forgiven", "sink": "sank sunk", "blow": "blew blown",
    "undertake": "undertook undertaken", "lay": "laid", "pay": "paid", "win": "won", "beat": "beaten",
    "freeze": "froze frozen", "steal": "stole stolen", "be": "is are was were been being", "have": "has had",
    "stand": "stood", "rise": "rose risen", "draw": "drew drawn", "throw": "threw thrown", "ring": "rang rung",
    "fire": "fired", "test-fire": "test-fired", "shell": "shelled", "lodge": "lodged", "sue": "sued",
    "seize": "seized", "ram": "rammed", "ban": "banned", "plan": "planned", "stop": "stopped", "slap": "slapped",
    "scrap": "scrapped", "drop": "dropped", "step": "stepped", "ship": "shipped", "commit": "committed",
    "rebut": "rebutted", "ink": "inked", "picket": "picketed", "target": "targeted", "rally": "rallied rallies",
    "apply": "applied", "ally": "allied", "ready": "readier", "spurn": "spurned",
    "become": "became", "lend": "lent", "tear": "tore torn", "oversee": "oversaw overseen", "shut": "shut",
    "quit": "quit", "wind": "wound", "fall": "fell fallen", "drive": "drove driven", "choose": "chose chosen",
}


def inflections(lemma: str, *, verb: bool) -> set[str]:
    """Generous word forms of a lemma (over-generation only costs the pre-filter a parse)."""
    base = lemma.lower()
    forms = {base, base + "s", base + "es"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if verb:
        stem = base[:-1] if base.endswith("e") else base
        forms |= {stem + "ed", stem + "ing", base + "d", base + base[-1] + "ed", base + base[-1] + "ing"}
    forms |= set(_IRREGULAR.get(base, "").split())
    # the pre-filter tokenises on word characters: test-fired -> "fired"
    return {f.split("-")[-1] for f in forms}


@cache
def _builtin_patterns() -> tuple[Pattern, ...]:
    text = resources.files("dyadwatch.coding").joinpath("data/verbs.csv").read_text("utf-8")
    return tuple(parse_patterns(text, source="verbs.csv"))


_CACHE: dict[tuple[str, ...], Lexicon] = {}


def lexicon(user_files: Sequence[str | Path] = ()) -> Lexicon:
    """The built-in patterns, with ``user_files`` (same format) tried first (cached)."""
    key = tuple(str(p) for p in user_files)
    if key not in _CACHE:
        extra: list[Pattern] = []
        for path in key:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(f"cannot read verb patterns: {exc.strerror}", path=path) from None
            extra += parse_patterns(text, source=path)
        _CACHE[key] = Lexicon([*extra, *_builtin_patterns()])
    return _CACHE[key]
