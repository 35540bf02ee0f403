"""Write a synthetic GDELT 2.0 export file of N rows fast, with DuckDB (real 61-field layout).

Synthetic: every SOURCEURL points to https://synthetic.dyadwatch.invalid/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

ACTORS = ["JPN", "KOR", "PRK", "CHN", "USA", "RUS", "VNM", "IND", "PAK", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "PHL"]
FIPS = ["JA", "KS", "KN", "CH", "US", "RS", "VM", "IN", "PK", "UK", "FR", "GM", "UP", "IS", "IR", "RP"]


def write(path: str | Path, rows: int, *, seed: float = 0.42) -> Path:
    from dyadwatch.ontology import cameo_codes

    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    con = duckdb.connect()
    con.execute(f"SELECT setseed({seed})")
    con.execute("CREATE TABLE codes AS SELECT * FROM (VALUES " + ", ".join(f"({i}, '{c.code}', {c.goldstein})" for i, c in enumerate(codes)) + ") t(i, code, gold)")
    con.execute("CREATE TABLE actors AS SELECT * FROM (VALUES " + ", ".join(f"({i}, '{a}', '{f}')" for i, (a, f) in enumerate(zip(ACTORS, FIPS, strict=True))) + ") t(i, iso, fips)")
    n_codes, n_act = len(codes), len(ACTORS)
    out = str(path).replace("'", "''")
    con.execute(f"""
COPY (
  WITH r AS (
    SELECT range AS k, DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER) AS d,
           CAST(floor(random() * {n_act}) AS INTEGER) AS a1, CAST(floor(random() * {n_act - 1}) + 1 AS INTEGER) AS off,
           CAST(floor(random() * {n_codes}) AS INTEGER) AS ci, CAST(floor(random() * 20) + 1 AS INTEGER) AS m,
           random() * 8 - 5 AS tone
    FROM range({rows})
  ), j AS (
    SELECT r.*, x1.iso AS s1, x1.fips AS f1, x2.iso AS s2, x2.fips AS f2, c.code, c.gold
    FROM r JOIN actors x1 ON x1.i = r.a1 JOIN actors x2 ON x2.i = (r.a1 + r.off) % {n_act} JOIN codes c ON c.i = r.ci
  )
  SELECT concat_ws(chr(9),
    410000000 + k, strftime(d, '%Y%m%d'), strftime(d, '%Y%m'), year(d), printf('%.4f', year(d) + (month(d) * 30 + day(d)) / 365.0),
    s1 || 'GOV', s1, s1, '', '', '', '', 'GOV', '', '',
    s2, s2, s2, '', '', '', '', '', '', '',
    '1', code, left(code, 3), left(code, 2),
    CASE WHEN left(code, 2) <= '05' THEN 1 WHEN left(code, 2) <= '09' THEN 2 WHEN left(code, 2) <= '14' THEN 3 ELSE 4 END,
    printf('%.1f', gold), m, 1, m, printf('%.6f', tone),
    '1', s1, f1, f1, '', '36.0', '138.0', f1,
    '1', s2, f2, f2, '', '37.0', '127.0', f2,
    '4', s2 || ' city', f2, f2 || '11', '', '37.5', '127.0', '-716583',
    strftime(d, '%Y%m%d') || '000000', 'https://synthetic.dyadwatch.invalid/' || k) AS line
  FROM j ORDER BY k
) TO '{out}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER chr(1))
""")
    return Path(path)


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]))
