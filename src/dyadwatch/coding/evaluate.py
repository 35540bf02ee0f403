"""Score a coder against hand-coded sentences (the gold set in data/gold/).

Each gold line is ``{"id", "date", "text", "events": [{"source", "target", "cameo",
"plover"}]}`` (an empty list means "no event"). The coder codes every line as a document;
events are compared per line as sets of tuples at three levels:

* ``dyad_quad``: (source country, target country, quad class)
* ``dyad_root``: (source country, target country, CAMEO root)
* ``dyad_plover``: (source country, target country, PLOVER category or "-")

and, on dyad-matched events (each gold event paired with at most one coded event of the
same directed dyad, best code first), the CAMEO root accuracy and PLOVER accuracy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dyadwatch.coding.document import CodedEvent, Document
from dyadwatch.coding.registry import get_coder
from dyadwatch.errors import InputError
from dyadwatch.ontology import plover_of, quad_class_of_root

LEVELS = ("dyad_quad", "dyad_root", "dyad_plover")


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str
    cameo: str
    plover: str | None

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True)
class GoldSentence:
    id: str
    date: dt.date
    text: str
    events: tuple[GoldEvent, ...]


def read_gold(path: str | Path) -> list[GoldSentence]:
    """The gold file's lines; InputError names the line and field of a bad one."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror}", path=path) from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            events = tuple(
                GoldEvent(e["source"], e["target"], str(e["cameo"]), e.get("plover") or plover_of(str(e["cameo"]))[0])
                for e in rec.get("events", [])
            )
            out.append(GoldSentence(str(rec["id"]), dt.date.fromisoformat(rec["date"]), rec["text"], events))
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg}", path=path, line=n) from None
        except KeyError as exc:
            raise InputError("missing field", path=path, line=n, field=str(exc.args[0])) from None
        except (ValueError, TypeError) as exc:
            raise InputError(f"bad value: {exc}", path=path, line=n) from None
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Error:
    """A gold event the coder missed, or a coded event the gold set does not have (dyad + quad)."""

    id: str
    kind: str  # "miss" | "false_alarm"
    source: str
    target: str
    cameo: str
    text: str
    rule: str = ""


@dataclass
class EvaluationReport:
    """Precision/recall/F1 per level, accuracies on matched events, confusion and errors."""

    coder: str
    gold_file: str
    sentences: int
    gold_events: int
    coded_events: int
    levels: dict[str, Score]
    matched: int
    root_correct: int
    plover_correct: int
    per_category: dict[str, Score] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)

    @property
    def root_accuracy(self) -> float:
        return self.root_correct / self.matched if self.matched else 0.0

    @property
    def plover_accuracy(self) -> float:
        return self.plover_correct / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "coder": self.coder,
            "gold_file": self.gold_file,
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "coded_events": self.coded_events,
            "levels": {k: v.as_dict() for k, v in self.levels.items()},
            "matched": self.matched,
            "cameo_root_accuracy": round(self.root_accuracy, 4),
            "plover_accuracy": round(self.plover_accuracy, 4),
            "per_category": {k: v.as_dict() for k, v in sorted(self.per_category.items())},
            "confusion": self.confusion,
            "errors": [asdict(e) for e in self.errors],
        }


def _plover(code: str | None) -> str:
    return code or "-"


def _key(level: str, source: str, target: str, cameo: str, plover: str | None) -> tuple[str, str, str]:
    if level == "dyad_quad":
        return (source, target, str(quad_class_of_root(cameo[:2])))
    if level == "dyad_root":
        return (source, target, cameo[:2])
    return (source, target, _plover(plover))


def _pair(gold: Iterable[GoldEvent], coded: Iterable[CodedEvent]) -> list[tuple[GoldEvent, CodedEvent]]:
    """One-to-one pairs of gold and coded events of the same directed dyad, closest codes first."""
    free = list(coded)
    pairs: list[tuple[GoldEvent, CodedEvent]] = []
    for rank in range(4):
        for g in list(gold):
            if any(p[0] is g for p in pairs):
                continue
            for c in free:
                if (c.source_country, c.target_country) != (g.source, g.target):
                    continue
                good = (c.cameo_code == g.cameo, c.cameo_root == g.root, _plover(c.plover) == _plover(g.plover), True)[rank]
                if good:
                    pairs.append((g, c))
                    free.remove(c)
                    break
    return pairs


def score(gold: list[GoldSentence], events: list[CodedEvent], *, coder: str = "", gold_file: str = "") -> EvaluationReport:
    """Compare coded events with the gold sentences (events are grouped by ``doc_id`` = gold id)."""
    by_id: dict[str, list[CodedEvent]] = {}
    for e in events:
        by_id.setdefault(e.doc_id, []).append(e)
    levels = {lv: Score() for lv in LEVELS}
    per_cat: dict[str, Score] = {}
    confusion: dict[str, Counter[str]] = {}
    errors: list[Error] = []
    matched = root_ok = plover_ok = 0
    for g in gold:
        coded = by_id.get(g.id, [])
        for lv in LEVELS:
            want = {_key(lv, e.source, e.target, e.cameo, e.plover) for e in g.events}
            got = {_key(lv, c.source_country, c.target_country, c.cameo_code, c.plover) for c in coded}
            levels[lv].tp += len(want & got)
            levels[lv].fp += len(got - want)
            levels[lv].fn += len(want - got)
            if lv == "dyad_plover":
                for k in want | got:
                    s = per_cat.setdefault(k[2], Score())
                    s.tp += k in want and k in got
                    s.fp += k in got and k not in want
                    s.fn += k in want and k not in got
            if lv == "dyad_quad":
                errors += [Error(g.id, "miss", e.source, e.target, e.cameo, g.text) for e in g.events
                           if _key(lv, e.source, e.target, e.cameo, e.plover) in want - got]
                errors += [Error(g.id, "false_alarm", c.source_country, c.target_country, c.cameo_code, g.text, c.rule)
                           for c in coded if _key(lv, c.source_country, c.target_country, c.cameo_code, c.plover) in got - want]
        for ge, ce in _pair(g.events, coded):
            matched += 1
            root_ok += ge.root == ce.cameo_root
            plover_ok += _plover(ge.plover) == _plover(ce.plover)
            confusion.setdefault(_plover(ge.plover), Counter())[_plover(ce.plover)] += 1
    unique_errors = list(dict.fromkeys(errors))
    return EvaluationReport(
        coder=coder,
        gold_file=gold_file,
        sentences=len(gold),
        gold_events=sum(len(g.events) for g in gold),
        coded_events=len(events),
        levels=levels,
        matched=matched,
        root_correct=root_ok,
        plover_correct=plover_ok,
        per_category=per_cat,
        confusion={k: dict(v) for k, v in sorted(confusion.items())},
        errors=unique_errors,
    )


def evaluate(gold_path: str | Path, *, coder: str = "rules.v1", **config: object) -> EvaluationReport:
    """Code the gold file's sentences with ``coder`` and score the result."""
    gold = read_gold(gold_path)
    run = get_coder(coder, **config)
    docs = [Document(doc_id=g.id, text=g.text, date=g.date) for g in gold]
    events = run(docs)
    name = getattr(run, "name", coder)
    return score(gold, events, coder=str(name), gold_file=str(gold_path))


def format_report(report: EvaluationReport, *, misses: int = 20) -> str:
    """A plain-text summary of ``report`` (the ``evaluate`` command's text output)."""
    lines = [
        f"coder {report.coder} on {report.gold_file}: {report.sentences} sentences, "
        f"{report.gold_events} gold events, {report.coded_events} coded events",
        "",
        f"{'level':<14}{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for name, s in report.levels.items():
        lines.append(f"{name:<14}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    lines += [
        "",
        f"dyad-matched events: {report.matched}   CAMEO root accuracy {report.root_accuracy:.3f}   "
        f"PLOVER accuracy {report.plover_accuracy:.3f}",
        "",
        "per PLOVER category (dyad + category):",
    ]
    for cat, s in sorted(report.per_category.items()):
        lines.append(f"  {cat:<10} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    lines += ["", "confusion on matched events (gold -> coded):"]
    for gold_cat, row in report.confusion.items():
        cells = ", ".join(f"{k} {v}" for k, v in sorted(row.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {gold_cat:<10} {cells}")
    if misses and report.errors:
        lines += ["", f"errors (first {min(misses, len(report.errors))} of {len(report.errors)}):"]
        for e in report.errors[:misses]:
            tag = "MISS " if e.kind == "miss" else "FALSE"
            rule = f"  [{e.rule}]" if e.rule else ""
            lines.append(f"  {tag} {e.id} {e.source}>{e.target} {e.cameo}{rule}: {e.text}")
    return "\n".join(lines) + "\n"
