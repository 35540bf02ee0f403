"""A large SYNTHETIC event store built inside DuckDB (random dyads among 16 countries, 2015-2024).

Shared by bench/series.py and bench/api.py. Events are inserted in date order, as a feed
would deliver them; ``text=True`` adds actor names, URLs and a sentence per event (for the
API's evidence and event lists).
"""

from __future__ import annotations

from pathlib import Path

from dyadwatch import Store
from dyadwatch.ontology import cameo_codes

ACTORS = ["JPN", "KOR", "PRK", "CHN", "USA", "RUS", "VNM", "IND", "PAK", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "PHL"]
DAYS = 3652


def build(path: Path, n: int, *, seed: float = 0.42, text: bool = False, step: int = 5_000_000) -> None:
    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    words = (
        "a1.iso || ' government', a2.iso || ' government', 'https://synthetic.dyadwatch.invalid/' || k, "
        "'Synthetic sentence ' || k || ': ' || a1.iso || ' acts toward ' || a2.iso || ' (CAMEO ' || c.code || ').'"
        if text else "NULL, NULL, NULL, NULL"
    )
    with Store(path) as s:
        con = s.con
        con.execute(f"SELECT setseed({seed})")
        con.execute("CREATE TEMP TABLE codes AS SELECT * FROM (VALUES " + ", ".join(
            f"({i}, '{c.code}', {c.goldstein}, {c.quad_class})" for i, c in enumerate(codes)) + ") t(i, code, gold, quad)")
        con.execute("CREATE TEMP TABLE actors AS SELECT * FROM (VALUES " + ", ".join(
            f"({i}, '{a}')" for i, a in enumerate(ACTORS)) + ") t(i, iso)")
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            day0, day1 = (lo * DAYS) // n, (hi * DAYS) // n
            con.execute(f"""
INSERT INTO events (event_id, dataset, date, source_country, target_country, dyad, cameo_code, cameo_root, quad_class,
                    goldstein, num_mentions, source_actor, target_actor, url, sentence, file_id)
SELECT 'syn-' || k, 'synthetic', DATE '2015-01-01' + CAST({day0} + floor(random() * {max(day1 - day0, 1)}) AS INTEGER) AS d,
       a1.iso, a2.iso, least(a1.iso, a2.iso) || '-' || greatest(a1.iso, a2.iso), c.code, left(c.code, 2), c.quad, c.gold,
       CAST(floor(random() * 30) + 1 AS INTEGER), {words}, 0
FROM (SELECT range AS k, CAST(floor(random() * 16) AS INTEGER) AS x, CAST(floor(random() * 15) + 1 AS INTEGER) AS off,
             CAST(floor(random() * {len(codes)}) AS INTEGER) AS ci FROM range({lo}, {hi})) r
JOIN actors a1 ON a1.i = r.x JOIN actors a2 ON a2.i = (r.x + r.off) % 16 JOIN codes c ON c.i = r.ci
ORDER BY d
""")
        con.execute("CHECKPOINT")
