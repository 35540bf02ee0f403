"""Find actors in text: countries, capitals, adjectives, organisations, office holders, sectors.

A dictionary matcher over a light regex tokenisation (no parse needed, so the pre-filter
can use it too). Matching is on whole tokens, the longest match wins, and case follows
the dictionaries' conventions (ontology/data/README.md): acronyms (``US``, ``UN``, ``ROK``)
match exactly, capitalised names need a capitalised token, lower-case patterns (sector
nouns) match any case. People are resolved against the document date: the term of office
valid that day gives the country and sector; someone out of office is still coded to their
country, with sector ``ELI`` (former office holder). Within a document, a person's family
name alone matches once the full name has appeared ("Yoon" after "Yoon Suk Yeol", "Park"
after "Park Geun-hye"), and a title plus family name matches the office holder of that day
("President Park" in 2015, "Foreign Minister Kono" in 2018).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dyadwatch.coding.dictionaries import Dictionaries, PersonTerm, load_dictionaries

#: Dotted acronyms (U.S., D.P.R.K.), words, the possessive 's, any other single character.
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|['’]s\b|[^\w\s]")
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

#: Country codes whose people are named family name first (the first token is the family name).
FAMILY_FIRST = frozenset({"KOR", "PRK", "CHN", "TWN", "HKG", "MAC"})
#: Vietnamese leaders are referred to by the last part of their name ("Trong", "Lam").
GIVEN_LAST = frozenset({"VNM"})

#: Title words (lower case) -> the roles of people.csv they introduce.
TITLES: dict[str, frozenset[str]] = {
    "president": frozenset({"president", "acting_president"}),
    "prime minister": frozenset({"prime_minister"}),
    "premier": frozenset({"prime_minister"}),
    "pm": frozenset({"prime_minister"}),
    "chancellor": frozenset({"prime_minister"}),
    "foreign minister": frozenset({"foreign_minister", "acting_foreign_minister"}),
    "foreign secretary": frozenset({"foreign_minister"}),
    "secretary of state": frozenset({"foreign_minister"}),
    "defense minister": frozenset({"defense_minister", "acting_defense_minister"}),
    "defence minister": frozenset({"defense_minister", "acting_defense_minister"}),
    "defense secretary": frozenset({"defense_minister"}),
    "defence secretary": frozenset({"defense_minister"}),
    "chief cabinet secretary": frozenset({"chief_cabinet_secretary"}),
    "finance minister": frozenset({"finance_minister"}),
    "trade minister": frozenset({"trade_minister"}),
    "unification minister": frozenset({"unification_minister"}),
    "national security adviser": frozenset({"national_security_adviser"}),
    "national security advisor": frozenset({"national_security_adviser"}),
    "emperor": frozenset({"emperor"}),
    "king": frozenset({"monarch"}),
    "leader": frozenset({"supreme_leader", "general_secretary"}),
    "general secretary": frozenset({"general_secretary"}),
    "secretary-general": frozenset({"secretary_general"}),
    "secretary general": frozenset({"secretary_general"}),
}

#: Roles whose holder is meant by a bare family name ("Lee and Takaichi agreed ...").
HEAD_ROLES = frozenset({"president", "prime_minister", "supreme_leader", "general_secretary"})
#: The highest of those: a shared family name means the leader.
TOP_ROLES = frozenset({"president", "supreme_leader", "general_secretary"})
#: Capitalised words that are never taken for a bare family name.
NOT_NAMES = frozenset({"May", "March", "April", "June", "July", "August", "Long", "Young", "Rice", "Brown", "White", "Black",
                       "Green", "King", "Law", "Ma", "Hunt", "Ban", "Bishop", "Hague", "Said", "Key", "Harper", "Castro",
                       "Santos", "Silva", "Conte", "Sanchez", "Ahmed", "Mohamud", "Mohamad", "Ibrahim", "Sen", "Wong", "Salman",
                       "Abdulaziz", "Thani", "Yassin", "Ghani", "Kyi", "Duda", "Abbas", "Costa", "Michel"})

#: Ship name prefixes that name the navy of a country.
SHIP_PREFIXES = {"USS": "USA", "HMS": "GBR", "HMAS": "AUS", "HMCS": "CAN", "INS": "IND", "USNS": "USA"}

#: Priority when one surface form has several kinds for the same code.
_KIND_ORDER = ("person", "igo", "country", "capital", "company", "adjective", "demonym", "place", "sector")


@dataclass(frozen=True)
class Entry:
    """What one dictionary string names."""

    kind: str  # country | adjective | demonym | capital | igo | person | company | sector | place | block
    code: str  # ISO3 or organisation code; "" for sectors and blocks
    sector: str | None
    label: str
    terms: tuple[PersonTerm, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One actor string found in a text (character offsets into that text)."""

    start: int
    end: int
    text: str
    kind: str
    code: str
    sector: str | None
    label: str
    possessive: bool = False
    in_office: bool = True


@dataclass
class DocumentContext:
    """What the matcher has learnt so far in one document (family names introduced)."""

    date: dt.date | None
    introduced: dict[str, PersonTerm] = field(default_factory=dict)
    korea: bool = False


_KOREAS = (("KOR", "South Korea"), ("PRK", "North Korea"))
#: Hyphenated adjectives that name both parties of a relationship ("inter-Korean", "cross-strait"),
#: read as the two countries coordinated, like "the two Koreas".
PAIR_WORDS: dict[tuple[str, ...], tuple[tuple[str, str], tuple[str, str]]] = {
    ("inter", "-", "korean"): _KOREAS,
    ("cross", "-", "strait"): (("CHN", "China"), ("TWN", "Taiwan")),
}


def _pair_at(toks: list[tuple[int, int, str]], low: list[str], i: int
             ) -> tuple[int, tuple[tuple[str, str], tuple[str, str]]] | None:
    """(tokens spanned, the two countries) for a word naming both parties at ``i``, else None."""
    if toks[i][2] == "Koreas":
        return 1, _KOREAS
    pair = PAIR_WORDS.get(tuple(low[i : i + 3]))
    return (3, pair) if pair is not None else None


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and (len(tok) > 1)


def _case_ok(pattern: str, text: str) -> bool:
    if _is_acronym(pattern):
        return pattern == text
    if pattern[:1].isupper():
        return text[:1].isupper()
    return True


def family_names(term: PersonTerm) -> tuple[str, ...]:
    parts = [p for p in re.split(r"\s+", term.name) if p and not re.fullmatch(r"(?:Jr|Sr|II|III)\.?", p)]
    if not parts:
        return ()
    if term.country in FAMILY_FIRST:
        return (parts[0],)
    if term.country in GIVEN_LAST:
        return (parts[-1],)
    return (parts[-1],)


def choose_term(terms: Iterable[PersonTerm], day: dt.date | None) -> tuple[PersonTerm, bool]:
    """The term valid on ``day`` (True), else the latest earlier one, else the earliest (False)."""
    terms = list(terms)
    valid = [t for t in terms if t.valid_on(day)]
    if valid:
        return max(valid, key=lambda t: t.start or dt.date.min), True
    if day is not None:
        before = [t for t in terms if t.end is not None and t.end < day]
        if before:
            return max(before, key=lambda t: t.end or dt.date.min), False
    return min(terms, key=lambda t: t.start or dt.date.min), False


class ActorDictionary:
    """The compiled matcher over one set of dictionaries."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.dictionaries = dictionaries
        self._index: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = {}
        self._surnames: dict[str, list[PersonTerm]] = {}
        self._build(dictionaries)
        self._first = frozenset(k[0] for k in self._index)
        self._maxlen = max((len(k) for k in self._index), default=1)

    def _add(self, surface: str, entry: Entry) -> None:
        toks = tuple(t for _, _, t in tokenize(surface.strip()))
        if not toks:
            return
        key = tuple(t.lower() for t in toks)
        self._index.setdefault(key, []).append((toks, entry))

    def _build(self, d: Dictionaries) -> None:
        for c in d.countries.values():
            if c.kind != "state":
                for s in (c.name, *c.aliases):
                    self._add(s, Entry("igo", c.iso3, None, c.name))
                continue
            for s in (c.name, *c.icews_names, *c.aliases):
                self._add(s, Entry("country", c.iso3, None, c.name))
            for s in (c.capital, *c.capital_aliases):
                if s:
                    self._add(s, Entry("capital", c.iso3, "GOV", c.name))
            for s in c.adjectives:
                self._add(s, Entry("adjective", c.iso3, None, c.name))
            for s in c.demonyms:
                self._add(s, Entry("demonym", c.iso3, "CVL", c.name))
        by_surface: dict[str, list[PersonTerm]] = {}
        for p in d.people:
            for s in (p.name, *p.aliases):
                by_surface.setdefault(s, []).append(p)
            for fam in family_names(p):
                self._surnames.setdefault(fam, []).append(p)
        for s, terms in by_surface.items():
            self._add(s, Entry("person", terms[0].country, terms[0].sector, terms[0].name, tuple(terms)))
        for pattern, sector in d.sectors.items():
            self._add(pattern, Entry("sector", "", sector, pattern))
            if not pattern.endswith("s") and f"{pattern}s" not in d.sectors:
                self._add(f"{pattern}s", Entry("sector", "", sector, pattern))
        for company in d.companies:
            for s in (company.name, *company.aliases):
                self._add(s, Entry("company", company.country, company.sector, company.name))
        for place, code in d.places.items():
            self._add(place, Entry("place", code, None, place))
        for phrase in d.nonactors:
            self._add(phrase, Entry("block", "", None, phrase))

    # -- matching -------------------------------------------------------------------------

    def _lookup(self, toks: list[tuple[int, int, str]], low: list[str], i: int) -> tuple[int, list[Entry]] | None:
        if low[i] not in self._first:
            return None
        for n in range(min(self._maxlen, len(toks) - i), 0, -1):
            cands = self._index.get(tuple(low[i : i + n]))
            if not cands:
                continue
            ok = [e for pat, e in cands if all(_case_ok(p, t[2]) for p, t in zip(pat, toks[i : i + n], strict=True))]
            if ok:
                return n, ok
        return None

    def _resolve(self, entries: list[Entry], ctx: DocumentContext) -> tuple[Entry, str, str | None, bool] | None:
        """(entry, code, sector, in_office) for a match, None when blocked or ambiguous."""
        if any(e.kind == "block" for e in entries):
            return None
        people = [t for e in entries if e.kind == "person" for t in e.terms]
        if people:
            term, current = choose_term(people, ctx.date)
            entry = next(e for e in entries if e.kind == "person")
            label_entry = Entry("person", term.country, term.sector, term.name, entry.terms)
            return label_entry, term.country, term.sector if current else "ELI", current
        codes = {e.code for e in entries if e.kind != "sector"}
        if len(codes) > 1:
            return None
        best = min(entries, key=lambda e: _KIND_ORDER.index(e.kind))
        return best, best.code, best.sector, True

    def mentions(self, text: str, ctx: DocumentContext | None = None) -> list[Mention]:
        """Every actor mention in ``text``, left to right (updates ``ctx``)."""
        ctx = ctx if ctx is not None else DocumentContext(date=None)
        toks = tokenize(text)
        low = [t[2].lower() for t in toks]
        out: list[Mention] = []
        i, n = 0, len(toks)
        while i < n:
            paired = _pair_at(toks, low, i)
            if paired is not None:
                # "the two Koreas", "the inter-Korean military agreement", "cross-strait exchanges": both, coordinated
                width, pair = paired
                start, end = toks[i][0], toks[i + width - 1][1]
                out += [Mention(start, end, text[start:end], "country", code, None, name) for code, name in pair]
                ctx.korea = ctx.korea or pair[0][0] == "KOR"
                i += width
                continue
            found = self._lookup(toks, low, i)
            width, made = (found[0], self._resolve(found[1], ctx)) if found else (1, None)
            if made is None and found is None:
                made = self._contextual(toks, low, i, ctx, out)
            if made is None:
                i += width
                continue
            entry, code, sector, current = made
            start, end = toks[i][0], toks[i + width - 1][1]
            j = i + width
            possessive = j < n and toks[j][2] in POSSESSIVE
            if possessive:
                j += 1
            m = Mention(start, end, text[start:end], entry.kind, code, sector, entry.label, possessive, current)
            out.append(self._with_title(m, out, text))
            if entry.kind == "person":
                for fam in family_names(next(t for t in entry.terms if t.name == entry.label)):
                    ctx.introduced[fam] = next(t for t in entry.terms if t.name == entry.label)
            if code in ("KOR", "PRK"):
                ctx.korea = True
            i = j
        return [m for m in out if m.kind != "title"]

    def _with_title(self, m: Mention, out: list[Mention], text: str) -> Mention:
        """Fold a title directly before a person into the person ("President Yoon Suk Yeol")."""
        if m.kind != "person" or not out:
            return m
        prev = out[-1]
        if prev.kind == "sector" and prev.text.lower() in TITLES and not text[prev.end : m.start].strip():
            out.pop()
            return Mention(prev.start, m.end, text[prev.start : m.end], m.kind, m.code, m.sector, m.label, m.possessive, m.in_office)
        return m

    def _contextual(
        self, toks: list[tuple[int, int, str]], low: list[str], i: int, ctx: DocumentContext, out: list[Mention]
    ) -> tuple[Entry, str, str | None, bool] | None:
        """Family name after a title or once introduced; "the North"/"the South" in Korean news."""
        word = toks[i][2]
        if not word[:1].isupper():
            return None
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        if nxt[:1].isupper() and nxt not in POSSESSIVE and word not in ("North", "South", *SHIP_PREFIXES):
            return None  # part of a longer name we do not know
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "sector" and prev.end == toks[i - 1][1] and prev.text.lower() in TITLES:
            roles = TITLES[prev.text.lower()]
            cands = [t for t in self._surnames.get(word, []) if t.role in roles and t.valid_on(ctx.date)]
            if len({t.name for t in cands}) == 1:
                return Entry("person", cands[0].country, cands[0].sector, cands[0].name, tuple(cands)), cands[0].country, cands[0].sector, True
        term = ctx.introduced.get(word)
        if term is not None:
            current = term.valid_on(ctx.date)
            return Entry("person", term.country, term.sector, term.name, (term,)), term.country, term.sector if current else "ELI", current
        prev_word = toks[i - 1][2] if i > 0 else ""
        inside_name = prev_word in ("-", "–") or (prev_word[:1].isupper() and i > 1 and prev_word not in POSSESSIVE)
        if word not in NOT_NAMES and ctx.date is not None and not inside_name:
            heads = [t for t in self._surnames.get(word, []) if t.role in HEAD_ROLES and t.valid_on(ctx.date)]
            if len({t.name for t in heads}) > 1:  # "Putin and Kim": the leader, not the premier of the same name
                heads = [t for t in heads if t.role in TOP_ROLES] or heads
            if len({t.name for t in heads}) == 1:
                return Entry("person", heads[0].country, heads[0].sector, heads[0].name, tuple(heads)), heads[0].country, heads[0].sector, True
        if word in SHIP_PREFIXES and nxt[:1].isupper():
            code = SHIP_PREFIXES[word]  # "USS Ronald Reagan", "HMS Queen Elizabeth"
            return Entry("country", code, "MIL", word), code, "MIL", True
        if word in ("North", "South") and [t.lower() for t in low[i + 1 : i + 4]] in (["and", "south", "korea"], ["and", "north", "korea"]):
            code = "PRK" if word == "North" else "KOR"  # "North and South Korea"
            return Entry("country", code, None, "North Korea" if code == "PRK" else "South Korea"), code, None, True
        if ctx.korea and word in ("North", "South") and i > 0 and low[i - 1] == "the":
            code = "PRK" if word == "North" else "KOR"
            return Entry("country", code, None, "North Korea" if code == "PRK" else "South Korea"), code, None, True
        return None


_CACHE: dict[tuple[str, ...], ActorDictionary] = {}


def actor_dictionary(user_files: Iterable[str] = ()) -> ActorDictionary:
    """The compiled matcher for the built-in dictionaries plus ``user_files`` (cached)."""
    key = tuple(str(p) for p in user_files)
    if key not in _CACHE:
        _CACHE[key] = ActorDictionary(load_dictionaries(key))
    return _CACHE[key]
