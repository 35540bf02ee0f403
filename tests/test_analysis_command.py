"""`dyadwatch analyze` end to end on a DuckDB store in tmp_path with planted events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch import Store
from dyadwatch.analysis.synthetic import jpkr_scenario
from dyadwatch.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    with Store(path) as s:
        s.add_events(jpkr_scenario(seed=2), dataset="test")
    return str(path)


def run(db: str, *args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["--db", db, "analyze", *args])
    return res.exit_code, res.stdout, res.stderr


def test_text_briefing(db: str) -> None:
    code, out, _ = run(db, "JPN", "KOR", "--threat", "PRK,CHN", "--compare", "USA", "VNM")
    assert code == 0, out
    assert out.startswith("Japan and South Korea (JPN–KOR), monthly, 2015-01 to 2025-12: ")
    assert "Relations between Japan and South Korea worsened from an index of +0." in out
    assert "to −0." in out and "from 2019-0" in out
    assert "They then improved from an index of −0." in out
    assert "North Korean conflict events Granger-cause JPN–KOR relations at lag" in out
    assert "No evidence that Chinese conflict events help predict JPN–KOR relations" in out
    assert "Side by side: JPN-KOR:" in out and "USA-VNM:" in out
    assert "Forecast (local-level):" in out


def test_json_output_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    code, stdout, _ = run(db, "JPN", "KOR", "--freq", "quarter", "--threat", "PRK", "--format", "json", "-o", str(out),
                          "--placebos", "100", "--forecast-periods", "2")
    assert code == 0 and stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["freq"] == "quarter" and data["series"][0]["period"] == "2015-01-01"
    assert data["params"]["placebo_draws"] == 100 and len(data["forecast"]["periods"]) == 2
    assert data["shared_threat"][0]["third_party"] == "PRK"
    assert data["briefing"].startswith("Japan and South Korea (JPN–KOR), quarterly")


def test_several_compare_dyads(db: str) -> None:
    code, out, _ = run(db, "JPN", "KOR", "--freq", "quarter", "--triggers", "none", "--placebos", "0", "--format", "json",
                       "--compare", "USA", "VNM", "--compare", "CHN", "KOR")
    assert code == 0, out
    data = json.loads(out)
    assert data["params"]["compare"] == [["USA", "VNM"], ["CHN", "KOR"]]
    assert data["compare"]["reference"] == "JPN-KOR"
    assert [d["dyad"] for d in data["compare"]["dyads"]] == ["JPN-KOR", "USA-VNM", "CHN-KOR"]
    assert all(len(d["series"]) == len(data["series"]) for d in data["compare"]["dyads"])
    assert "USA-VNM:" in data["briefing"] and "CHN-KOR:" in data["briefing"]


def test_trigger_options(db: str, tmp_path: Path) -> None:
    trig = tmp_path / "t.csv"
    trig.write_text("date,title,kind\n2019-07-04,Export curbs,export_control\n2023-03-16,Summit,summit\n", encoding="utf-8")
    code, out, _ = run(db, "JPN", "KOR", "--triggers", str(trig), "--format", "json")
    assert code == 0
    assert json.loads(out)["event_study"]["n_used"] == 2
    code, out, _ = run(db, "JPN", "KOR", "--triggers", "cameo:062", "--format", "json")
    assert code == 0 and json.loads(out)["event_study"]["source"] == "cameo:062"
    code, out, _ = run(db, "JPN", "KOR", "--triggers", "none")
    assert code == 0 and "Event study" not in out


def test_errors(db: str, tmp_path: Path) -> None:
    code, _, err = run(db, "JPN", "KRO")
    assert code == 1
    assert err.startswith("Error: unknown country code 'KRO' for B; did you mean KOR (South Korea)")
    code, _, err = run(db, "JPN", "KOR", "--threat", "PRK,NOPE")
    assert code == 1 and "unknown country code 'NOPE' for threats" in err
    code, _, err = run(db, "JPN", "KOR", "--triggers", str(tmp_path / "missing.csv"))
    assert code == 1 and "missing.csv: no such trigger file" in err
    code, _, err = run(db, "JPN", "RUS")
    assert code == 1 and err.startswith("Error: no events between JPN and RUS")
    code, _, err = run(db, "JPN", "KOR", "--penalty", "-3")
    assert code == 2 and "penalty must be positive" in err
    code, _, err = run(str(tmp_path / "none.duckdb"), "JPN", "KOR")
    assert code == 1 and "no such store" in err
