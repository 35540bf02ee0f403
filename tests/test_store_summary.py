"""The pair-by-day summary built by ``optimize``: every answer it gives equals the events table's."""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dyadwatch import Store
from dyadwatch.store import queries as q
from dyadwatch.web.routes.data import query_rows

COUNTRIES = ["JPN", "KOR", "CHN", "USA", None]


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    src = rng.choice(np.array(COUNTRIES, dtype=object), n, p=[0.3, 0.3, 0.2, 0.15, 0.05])
    tgt = rng.choice(np.array(COUNTRIES, dtype=object), n, p=[0.3, 0.3, 0.2, 0.15, 0.05])
    dates = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, n), unit="D")
    dates = pd.Series(dates).where(rng.random(n) > 0.03)  # some events have no date
    gold = pd.Series(rng.normal(0, 4, n).round(1)).where(rng.random(n) > 0.1)  # and some no score
    roots = rng.integers(1, 21, n)
    return pd.DataFrame({
        "event_id": [f"e{seed}-{i}" for i in range(n)],
        "date": dates.dt.date,
        "source_country": src,
        "target_country": tgt,
        "cameo_code": [f"{r:02d}0" for r in roots],
        "cameo_root": [f"{r:02d}" for r in roots],
        "quad_class": np.select([roots <= 5, roots <= 8, roots <= 13], [1, 2, 3], 4),
        "goldstein": gold,
        "num_mentions": rng.integers(1, 20, n),
        "sentence": [f"sentence {i}" for i in range(n)],
    })


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summary") / "s.duckdb"
    with Store(path) as s:
        s.add_events(_frame(4000, 1), dataset="alpha")
        s.add_events(_frame(3000, 2), dataset="beta")
        assert not s.has_summary()
        s.optimize()
        assert s.has_summary()
    return path


def _requests(seed: int, n: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pairs = [("JPN", "KOR"), ("KOR", "JPN"), ("CHN", "USA"), ("JPN", "USA"), ("KOR", "PRK")]
    out = []
    for _ in range(n):
        a, b = rng.choice(pairs)
        out.append({"a": a, "b": b, "start": rng.choice([None, "2019-03-05", "2020-01-01", "2023-01-01"]),
                    "end": rng.choice([None, "2020-06-30", "2019-01-01", "2018-01-01"])})
    return out


def _close(x: Any, y: Any) -> bool:
    if isinstance(x, float) or isinstance(y, float):
        return (x is None) == (y is None) and (x is None or math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9))
    return bool(x == y)


@pytest.mark.parametrize("req", _requests(11, 40))
def test_event_pages_from_the_summary_equal_the_sorted_scan(store_path: Path, req: dict[str, Any]) -> None:
    with Store(store_path, read_only=True) as s:
        assert s.has_summary()
        for limit, offset in ((None, 0), (10, 0), (25, 7), (100, 400), (5, 10_000)):
            kw = {"dyad": (req["a"], req["b"]), "start": req["start"], "end": req["end"], "limit": limit, "offset": offset}
            fast_sql, _ = s.events_query(**kw)
            fast = s.events(**kw)
            page = s.events_page(**kw)
            s._summary = False  # the same request, answered by the events table
            slow = s.events(**kw)
            slow_rows = query_rows(s, *s.events_query(**kw))
            assert s.events_page(**kw) is None
            s._summary = None
            assert "rowid" in fast_sql
            pd.testing.assert_frame_equal(fast, slow)
            assert page == slow_rows


@pytest.mark.parametrize("req", _requests(12, 40))
def test_series_from_memory_and_from_the_summary_equal_the_events_table(store_path: Path, req: dict[str, Any]) -> None:
    rng = random.Random(hash(tuple(req.items())) & 0xFFFF)
    with Store(store_path, read_only=True) as s:
        for _ in range(4):
            opts = {"freq": rng.choice(q.FREQS), "measure": rng.choice(q.MEASURES), "directed": rng.random() < 0.3,
                    "dataset": rng.choice([None, "alpha", "beta", "alpha,beta", "gamma"]), "start": req["start"], "end": req["end"]}
            truth = query_rows(s, *q.series_sql(req["a"], req["b"], **opts))
            memory = s.series_records(req["a"], req["b"], **opts)
            assert memory is not None
            summed = query_rows(s, *q.series_sql(req["a"], req["b"], summary=True, **opts))
            for rows in (memory, summed):
                assert len(rows) == len(truth)
                for got, want in zip(rows, truth, strict=True):
                    assert set(got) == set(want)
                    want = {**want, "period": want["period"].isoformat()}
                    got = {**got, "period": str(got["period"])}
                    assert all(_close(got[k], want[k]) for k in want), (got, want)
            for normalize in ("total", "actors"):  # shares: from the summary in SQL
                truth = s.sql(*q.series_sql(req["a"], req["b"], normalize=normalize, **opts))
                summed_frame = s.sql(*q.series_sql(req["a"], req["b"], normalize=normalize, summary=True, **opts))
                pd.testing.assert_frame_equal(summed_frame, truth, check_exact=False, rtol=1e-9, check_dtype=False)


def test_any_write_retires_the_summary_and_answers_stay_right(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with Store(path) as s:
        s.add_events(_frame(500, 3), dataset="alpha")
        s.optimize()
        before = s.series("JPN", "KOR", freq="year", measure="all")
        assert s.has_summary()
        s.add_events(_frame(200, 4), dataset="alpha")  # appended unordered; the summary no longer describes events
        assert not s.has_summary()
        after = s.series("JPN", "KOR", freq="year", measure="all")
        assert after["events"].sum() > before["events"].sum()
        assert s.events(dyad=("JPN", "KOR")).shape[0] == after["events"].sum() + s.events(dyad=("JPN", "KOR")).date.isna().sum()
        s.optimize()
        assert s.has_summary()
        pd.testing.assert_frame_equal(s.series("JPN", "KOR", freq="year", measure="all"), after, check_exact=False, rtol=1e-9)


def test_raw_lines_are_stored_with_zstd_even_after_optimize(tmp_path: Path) -> None:
    path = tmp_path / "z.duckdb"
    with Store(path) as s:
        frame = _frame(3000, 5)
        frame["raw"] = [f"line {i}\twith\tfields {i * 7919}" for i in range(len(frame))]
        s.add_events(frame, dataset="alpha")
        s.con.execute("CHECKPOINT")

        def raw_compression() -> set[str]:
            return {r[0] for r in s.con.execute(
                "SELECT DISTINCT compression FROM pragma_storage_info('events') WHERE column_name = 'raw' AND segment_type = 'VARCHAR'"
            ).fetchall()}

        assert raw_compression() == {"ZSTD"}
        s.optimize()
        assert raw_compression() == {"ZSTD"}
        assert s.sql("SELECT count(*) AS n FROM events WHERE raw LIKE 'line %'")["n"].iloc[0] == 3000
