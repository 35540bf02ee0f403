"""Triggers: the bundled chronology, trigger files and query specifications."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dyadwatch.analysis.chronology import chronology_for, load_chronology, parse_spec, read_triggers, within
from dyadwatch.errors import InputError


def test_bundled_chronology_is_the_jpkr_file() -> None:
    c = chronology_for("KOR", "JPN")
    assert c is not None and len(c) == 123
    assert c["date"].is_monotonic_increasing and c["date"].min() >= pd.Timestamp("2015-01-01")
    assert {"summit", "military_drill", "court_ruling", "export_control"} <= set(c["kind"])
    assert set(c["direction"]) == {"cooperative", "conflictual", "shared_threat"}
    assert chronology_for("USA", "VNM") is None
    assert len(within(load_chronology(), "2019-01-01", "2019-12-31")) > 5


def test_trigger_file(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("Date,Title\n2020-01-05,Talks\n2019-03-01,\n", encoding="utf-8")
    t = read_triggers(p)
    assert t["date"].tolist() == [pd.Timestamp("2019-03-01"), pd.Timestamp("2020-01-05")]
    assert t["title"].isna().tolist() == [True, False] and t["title"][1] == "Talks" and t["kind"].isna().all()
    p.write_text("date,title\n2020-01-05,ok\n2020-13-01,bad\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv, line 3, field date: '2020-13-01' is not a date"):
        read_triggers(p)
    p.write_text("day,title\n2020-01-05,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'date' column"):
        read_triggers(p)
    with pytest.raises(InputError, match="no such trigger file"):
        read_triggers(tmp_path / "missing.csv")


def test_specs() -> None:
    assert parse_spec("chronology").source == "chronology"
    assert parse_spec(None).source == "none" and parse_spec("none").source == "none"
    spec = parse_spec("cameo:062, 057")
    assert spec.source == "cameo" and spec.codes == ("062", "057")
    assert parse_spec("my.csv").source == "file"
    with pytest.raises(InputError, match="CAMEO codes"):
        parse_spec("cameo:abc")
