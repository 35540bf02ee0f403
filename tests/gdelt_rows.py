"""Rows in the real GDELT layouts, for tests (61, 58 and 57 fields; codebook positions)."""

from __future__ import annotations

from pathlib import Path


def gdelt2_row(event_id: int, date: str = "20190704", a1: str = "JPN", a2: str = "KOR", code: str = "163",
               goldstein: str = "-8.0", quad: str = "4", url: str = "https://example.org/a") -> list[str]:
    f = [""] * 61
    f[0], f[1], f[2], f[3], f[4] = str(event_id), date, date[:6], date[:4], "2019.5041"
    f[5], f[6], f[7], f[12] = a1 + "GOV", a1, a1, "GOV"
    f[15], f[16], f[17] = a2, a2, a2
    f[25], f[26], f[27], f[28], f[29], f[30] = "1", code, code[:3], code[:2], quad, goldstein
    f[31], f[32], f[33], f[34] = "4", "1", "4", "-3.5"
    f[35], f[43] = "0", "0"
    f[51], f[52], f[53], f[54], f[56], f[57], f[58] = "4", "Seoul, Korea", "KS", "KS11", "37.5", "127", "-716583"
    f[59], f[60] = date + "000000", url
    return f


def to_v1(fields61: list[str], historical: bool = False) -> list[str]:
    """The same event in the 1.0 layout: drop the three ADM2 fields (and SOURCEURL for the backfile)."""
    v1 = [x for i, x in enumerate(fields61) if i not in (39, 47, 55)]
    v1[56] = fields61[1]  # DATEADDED is YYYYMMDD in 1.0
    return v1[:57] if historical else v1


def write_rows(path: Path, rows: list[list[str]] | list[str]) -> Path:
    lines = [r if isinstance(r, str) else "\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
