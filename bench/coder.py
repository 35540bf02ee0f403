"""Text coder throughput: sentences per second end to end (read, parse, code, write), two workloads.

    .venv/bin/python bench/coder.py [--coder rules.v1] [--processes 1] [--sentences 5000] [--out bench/out]

(a) event-dense: SYNTHETIC sentences generated here from templates over many dyads and
    verbs, every one of which carries an interstate event (target >= 400 sentences/s);
(b) news-like: the bundled corpus data/corpus/jpkr_news.jsonl (written by the project),
    replicated to about --sentences sentences, each report padded with generated
    background sentences (markets, weather, sport) that carry no interstate event
    (target >= 1,500 sentences/s).

Each workload is written as JSON lines to --out, then coded with ``code_files`` into a
Parquet file. The coder is built once before timing (model load reported apart); the
figures are steady-state end to end; wall-clock figures suffer from other load on the
machine (the load average is printed), CPU-seconds much less. Sentence counts are the coder's own
(``count_sentences``) when it has one, else the generator's. Nothing is asserted.
PETRARCH-2's published speed, for scale: 2-5 sentences per second.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dyadwatch.coding.pipeline import code_files
from dyadwatch.coding.registry import get_coder

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "src" / "dyadwatch" / "data" / "corpus" / "jpkr_news.jsonl"
TARGETS = {"a": 400.0, "b": 1500.0}
PETRARCH2 = (2.0, 5.0)

ACTORS = [
    "Japan", "South Korea", "North Korea", "China", "the United States", "Russia", "Vietnam", "India", "Pakistan",
    "Britain", "France", "Germany", "Ukraine", "Israel", "Iran", "the Philippines", "Tokyo", "Seoul", "Beijing",
    "Washington", "Moscow", "Hanoi", "Japanese Prime Minister Fumio Kishida", "South Korean President Yoon Suk Yeol",
    "Chinese Foreign Minister Wang Yi", "U.S. Secretary of State Antony Blinken", "the Japanese government",
    "South Korea's foreign ministry", "the Chinese military", "Russian President Vladimir Putin",
]
VERBS = [
    "met with {t} in {city}", "held talks with {t} on trade", "accused {t} of violating the agreement",
    "condemned {t} over the missile launch", "signed a security agreement with {t}", "sent humanitarian aid to {t}",
    "imposed sanctions on {t}", "protested to {t} over the island dispute", "praised {t} for its cooperation",
    "threatened {t} with retaliation", "expelled diplomats of {t}", "agreed to resume flights with {t}",
    "summoned the ambassador of {t}", "called on {t} to release the detained fishermen", "rejected the demands of {t}",
    "welcomed the proposal of {t}", "criticized {t} for its military drills", "promised economic assistance to {t}",
    "restricted exports to {t}", "apologized to {t} for the incident",
]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "yesterday", "earlier this week", ""]
CITIES = ["Tokyo", "Seoul", "Beijing", "Hanoi", "Geneva", "New York", "Jakarta"]
BACKGROUND = [
    "Shares in {city} closed {dir} on {day} as investors weighed quarterly earnings.",
    "The weather agency forecast heavy rain for the weekend across the region.",
    "Local officials said the new subway line would open to passengers next spring.",
    "The home team won the match {a}-{b} in front of a crowd of {n} spectators.",
    "Retail sales rose {a}.{b} percent in the third quarter, the statistics office said.",
    "The festival drew more than {n} visitors, organizers said.",
    "A spokesman for the company declined to comment on the report.",
    "Traffic was disrupted for several hours after a truck overturned on the highway.",
    "Analysts expect the central bank to keep interest rates unchanged at its next meeting.",
    "The museum will reopen in {city} after a two-year renovation.",
]


def synthetic_events(n: int, rng: random.Random) -> list[dict[str, str]]:
    """Reports of five SYNTHETIC sentences, each naming two different actors and an action."""
    docs: list[dict[str, str]] = []
    sentences: list[str] = []
    for i in range(n):
        src, tgt = rng.sample(ACTORS, 2)
        verb = rng.choice(VERBS).format(t=tgt, city=rng.choice(CITIES))
        when = rng.choice(WHEN)
        sentences.append(f"{src[0].upper()}{src[1:]} {verb}{' ' + when if when else ''}.")
        if len(sentences) == 5 or i == n - 1:
            docs.append({"id": f"syn-{len(docs):06d}", "date": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         "text": " ".join(sentences), "source": "SYNTHETIC (bench/coder.py)"})
            sentences = []
    return docs


def background(rng: random.Random) -> str:
    return rng.choice(BACKGROUND).format(city=rng.choice(CITIES), dir=rng.choice(["higher", "lower"]),
                                         day=rng.choice(["Monday", "Friday"]), a=rng.randint(1, 9), b=rng.randint(0, 9),
                                         n=rng.randint(2, 90) * 1000)


_SPLIT = re.compile(r'(?<=[.!?])["”]?\s+(?=[A-Z"“])')


def news_like(n: int, rng: random.Random, count: Callable[[str], int] | None = None) -> tuple[list[dict[str, str]], int]:
    """The bundled corpus, replicated, each report padded with 4-10 background sentences; (docs, sentences).

    Sentences are counted with ``count`` (the coder's own splitter) when given.
    """
    reports = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: list[dict[str, str]] = []
    total = 0
    for copy in itertools.count():
        for rep in reports:
            own = _SPLIT.split(rep["text"].strip())
            pad = [background(rng) for _ in range(rng.randint(4, 10))]
            body = own[:2] + pad[: len(pad) // 2] + own[2:] + pad[len(pad) // 2 :]
            text = " ".join(body)
            docs.append({**rep, "id": f"{rep['id']}-r{copy}", "text": text})
            total += count(text) if count else len(body)
            if total >= n:
                return docs, total
    raise AssertionError("unreachable")


def run(label: str, key: str, docs: list[dict[str, str]], sentences: int, coder: object, out: Path) -> None:
    src = out / f"coder_{key}.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    counter = getattr(coder, "count_sentences", None)
    if callable(counter):
        sentences = sum(int(counter(d["text"])) for d in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    result = code_files([src], coder=coder, out=[out / f"coder_{key}.parquet"])  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rate = sentences / seconds
    target = TARGETS[key]
    print(f"({key}) {label}")
    print(f"    {len(docs):,} documents, {sentences:,} sentences, {len(result.events):,} events, {seconds:.2f} s")
    print(f"    {rate:,.0f} sentences/s = {rate / target:.2f} x target ({target:,.0f}/s); "
          f"{rate / PETRARCH2[1]:,.0f}-{rate / PETRARCH2[0]:,.0f} x PETRARCH-2 (2-5/s)")
    print(f"    CPU time of this process {cpu:.2f} s: {sentences / cpu:,.0f} sentences per CPU-second "
          "(less sensitive to other load on the machine; excludes worker processes)")
    if result.report.skipped:
        print(f"    note: {result.summary()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--coder", default="rules.v1")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--out", default=str(HERE / "out"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    t0 = time.perf_counter()
    try:
        coder = get_coder(args.coder, n_process=args.processes) if args.processes > 1 else get_coder(args.coder)
    except Exception as exc:  # a bench reports, it does not debug
        sys.exit(f"cannot build coder {args.coder!r}: {exc}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"coder {args.coder}: built in {time.perf_counter() - t0:.2f} s (model load, not timed below); "
          f"processes {args.processes}; {os.cpu_count()} cores, load average {load:.1f} at start\n")
    dense = synthetic_events(args.sentences, rng)
    run("event-dense SYNTHETIC sentences from templates (every sentence has an event)", "a", dense, args.sentences, coder, out)
    counter = getattr(coder, "count_sentences", None)
    docs, n = news_like(args.sentences, rng, counter if callable(counter) else None)
    run("news-like: bundled corpus replicated + generated background sentences", "b", docs, n, coder, out)


if __name__ == "__main__":
    main()
