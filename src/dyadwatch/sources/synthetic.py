"""Synthetic GDELT 2.0 export files, for benchmarks, tests and the demo.

Rows follow the real 61-field layout (codebook V2.0) with actors and CAMEO codes drawn
from the codebook, written by DuckDB (a million rows in a few seconds). Values come from
hashes of the row number and ``seed``, so a file is the same however many threads write
it. Everything made here is synthetic and says so: every SOURCEURL points to
``https://synthetic.dyadwatch.invalid/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from dyadwatch.ontology import cameo_codes

SYNTHETIC_URL = "https://synthetic.dyadwatch.invalid/"
ACTORS = ("JPN", "KOR", "PRK", "CHN", "USA", "RUS", "VNM", "IND", "PAK", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "PHL")
FIPS = {"JPN": "JA", "KOR": "KS", "PRK": "KN", "CHN": "CH", "USA": "US", "RUS": "RS", "VNM": "VM", "IND": "IN",
        "PAK": "PK", "GBR": "UK", "FRA": "FR", "DEU": "GM", "UKR": "UP", "ISR": "IS", "IRN": "IR", "PHL": "RP"}
TYPES = ("GOV", "MIL", "BUS", "CVL", "", "")


def write_gdelt2(
    path: str | Path,
    rows: int,
    *,
    start: dt.date = dt.date(2015, 1, 1),
    days: int = 3650,
    seed: int = 0,
    first_id: int = 410_000_000,
) -> Path:
    """Write ``rows`` synthetic GDELT 2.0 export rows (tab-separated, no header) to ``path``."""
    codes = [c for c in cameo_codes().values() if len(c.code) >= 3]
    n_act, n_codes, n_types = len(ACTORS), len(codes), len(TYPES)

    def pick(salt: str, n: int) -> str:
        return f"CAST(hash(k, {int(seed)}, '{salt}') % {n} AS INTEGER)"

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("CREATE TABLE codes AS SELECT * FROM (VALUES " + ", ".join(
        f"({i}, '{c.code}', {c.goldstein})" for i, c in enumerate(codes)) + ") t(i, code, gold)")
    con.execute("CREATE TABLE actors AS SELECT * FROM (VALUES " + ", ".join(
        f"({i}, '{a}', '{FIPS[a]}')" for i, a in enumerate(ACTORS)) + ") t(i, iso, fips)")
    con.execute("CREATE TABLE types AS SELECT * FROM (VALUES " + ", ".join(
        f"({i}, '{t}')" for i, t in enumerate(TYPES)) + ") t(i, ty)")
    out = str(path).replace("'", "''")
    con.execute(f"""
COPY (
  WITH r AS (
    SELECT range AS k, DATE '{start.isoformat()}' + {pick('day', max(days, 1))} AS d,
           {pick('a1', n_act)} AS a1, {pick('off', n_act - 1)} + 1 AS off, {pick('code', n_codes)} AS ci,
           {pick('t1', n_types)} AS t1, {pick('t2', n_types)} AS t2, {pick('m', 19)} + 1 AS m,
           ({pick('tone', 16000)} - 8000) / 1000.0 - 1 AS tone
    FROM range({rows})
  ), j AS (
    SELECT r.*, x1.iso AS s1, x1.fips AS f1, x2.iso AS s2, x2.fips AS f2, c.code, c.gold, y1.ty AS ty1, y2.ty AS ty2
    FROM r JOIN actors x1 ON x1.i = r.a1 JOIN actors x2 ON x2.i = (r.a1 + r.off) % {n_act}
    JOIN codes c ON c.i = r.ci JOIN types y1 ON y1.i = r.t1 JOIN types y2 ON y2.i = r.t2
  )
  SELECT concat_ws(chr(9),
    {int(first_id)} + k, strftime(d, '%Y%m%d'), strftime(d, '%Y%m'), year(d), printf('%.4f', year(d) + (month(d) * 30 + day(d)) / 365.0),
    s1 || ty1, s1, s1, '', '', '', '', ty1, '', '',
    s2 || ty2, s2, s2, '', '', '', '', ty2, '', '',
    '1', code, left(code, 3), left(code, 2),
    CASE WHEN left(code, 2) <= '05' THEN 1 WHEN left(code, 2) <= '09' THEN 2 WHEN left(code, 2) <= '14' THEN 3 ELSE 4 END,
    printf('%.1f', gold), m, 1, m, printf('%.6f', tone),
    '1', s1, f1, f1, '', '36', '138', f1,
    '1', s2, f2, f2, '', '37', '127', f2,
    '1', s2, f2, f2, '', '37.5', '127', f2,
    strftime(d, '%Y%m%d') || '000000', '{SYNTHETIC_URL}' || ({int(first_id)} + k)) AS line
  FROM j ORDER BY k
) TO '{out}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER chr(1))
""")
    con.close()
    return Path(path)


if __name__ == "__main__":
    import sys

    write_gdelt2(sys.argv[1], int(sys.argv[2]))
