"""The CLI on real files: exact output that matters, exit codes, the schema's column names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from dyadwatch.cli import main
from dyadwatch.schema import OUTPUT_COLUMNS
from gdelt_rows import gdelt2_row, write_rows


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    rows = [
        gdelt2_row(1, date="20190701", a1="JPN", a2="KOR", code="163", goldstein="-8.0", quad="4"),
        gdelt2_row(2, date="20190702", a1="KOR", a2="JPN", code="112", goldstein="-2.0", quad="3"),
        gdelt2_row(3, date="20230316", a1="JPN", a2="KOR", code="042", goldstein="1.9", quad="1"),
        gdelt2_row(4, date="20230316", a1="JPN", a2="KOR", code="042", goldstein="1.9", quad="1"),
        gdelt2_row(5, date="20230317", a1="USA", a2="CHN", code="111", goldstein="-2.0", quad="3"),
        gdelt2_row(6, date="20190799", a1="USA", a2="CHN", code="111", goldstein="-2.0", quad="3"),
    ]
    return {"good": write_rows(tmp_path / "20190701.export.CSV", rows)}


def run(db: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["--db", str(db), *args])
    return r.exit_code, r.stdout, r.stderr


def test_ingest_then_query(tmp_path: Path, files: dict[str, Path]) -> None:
    db = tmp_path / "s.duckdb"
    code, out, _ = run(db, "ingest", "gdelt", str(files["good"]))
    assert code == 0
    assert f"{files['good']}: gdelt -> gdelt2: read 6, stored 5, quarantined 1, duplicates 0, 2019-07-01 to 2023-03-17" in out
    code, out, _ = run(db, "ingest", "gdelt", str(files["good"]))
    assert "skipped, already ingested" in out

    code, out, _ = run(db, "events", "--dyad", "JPN", "KOR", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 4
    assert list(rows[0]) == list(OUTPUT_COLUMNS)
    assert rows[0]["cameo_code"] == "163" and rows[0]["date"] == "2019-07-01" and rows[0]["quad_class"] == "4"

    code, out, _ = run(db, "events", "--dyad", "JPN", "KOR", "--directed", "--root", "04", "--format", "json")
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["event_id"] for r in recs] == ["3", "4"]

    code, out, _ = run(db, "series", "JPN", "KOR", "--freq", "year", "--measure", "quad", "--format", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert df["period"].tolist() == ["2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01"]
    assert df["events"].tolist() == [2, 0, 0, 0, 2]
    assert df["material_conflict"].tolist()[0] == 1 and df["verbal_conflict"].tolist()[0] == 1

    code, out, _ = run(db, "series", "JPN", "KOR", "--freq", "year", "--dedup", "one-a-day", "--normalize", "total", "--format", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert df["events"].tolist() == [2, 0, 0, 0, 1]
    assert df["total"].tolist()[-1] == 2 and df["events_share"].tolist()[-1] == 0.5

    code, out, _ = run(db, "quarantine", "--format", "csv")
    q = list(csv.DictReader(io.StringIO(out)))
    assert [(r["line"], r["field"]) for r in q] == [("6", "SQLDATE")]

    code, out, _ = run(db, "status")
    assert "gdelt2" in out and "quarantined rows: 1" in out


def test_errors_exit_nonzero(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    code, _, err = run(db, "ingest", "gdelt", str(tmp_path / "missing.CSV"))
    assert code == 1 and "missing.CSV" in err and "no such file" in err
    empty = tmp_path / "e.CSV"
    empty.write_text("")
    code, _, err = run(db, "ingest", "gdelt", str(empty))
    assert code == 1 and "e.CSV: file is empty" in err
    code, _, err = run(db, "events", "--start", "2019-13-01")
    assert code == 2 and "not a date" in err


def test_parquet_round_trip(tmp_path: Path, files: dict[str, Path]) -> None:
    db, db2 = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    run(db, "ingest", "gdelt", str(files["good"]))
    code, out, _ = run(db, "export", str(tmp_path / "ev.parquet"), "--dyad", "JPN", "KOR")
    assert code == 0 and "wrote 4 events" in out
    code, out, _ = run(db2, "import", str(tmp_path / "ev.parquet"))
    assert "read 4, stored 4, duplicates 0" in out
    code, out, _ = run(db2, "import", str(tmp_path / "ev.parquet"))
    assert "read 4, stored 0, duplicates 4" in out
    a = pd.read_parquet(tmp_path / "ev.parquet")
    assert set(a["cameo_code"]) == {"163", "112", "042"}


def test_optimize_keeps_every_event(tmp_path: Path, files: dict[str, Path]) -> None:
    db = tmp_path / "s.duckdb"
    run(db, "ingest", "gdelt", str(files["good"]))
    _, before, _ = run(db, "events", "--format", "csv")
    code, out, _ = run(db, "optimize")
    assert code == 0 and "5 events" in out
    _, after, _ = run(db, "events", "--format", "csv")
    assert before == after
    code, out, _ = run(db, "events", "--dyad", "KOR", "JPN", "--directed", "--format", "csv")
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(out))] == ["2"]
    _, raw, _ = run(db, "events", "--limit", "1", "--format", "json")
    assert json.loads(raw)["event_id"] == "1"


def test_store_from_before_the_dyad_column_is_upgraded(tmp_path: Path) -> None:
    import duckdb

    from dyadwatch import Store

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE events (event_id VARCHAR, dataset VARCHAR, date DATE, source_country VARCHAR, target_country VARCHAR)")
    con.execute("INSERT INTO events VALUES ('1', 'old', '2019-07-01', 'KOR', 'JPN')")
    con.close()
    with Store(db) as s:
        assert s.events(dyad=("JPN", "KOR"))["event_id"].tolist() == ["1"]


def test_lazy_commands_name_every_command_of_their_modules() -> None:
    """Each module in LAZY_COMMANDS is listed under exactly the commands it defines, and they all run."""
    import importlib

    from dyadwatch.cli import LAZY_COMMANDS

    for module in set(LAZY_COMMANDS.values()):
        names = {c.name for c in importlib.import_module(module).COMMANDS}
        assert names == {n for n, m in LAZY_COMMANDS.items() if m == module}, module
    for name in LAZY_COMMANDS:
        res = CliRunner().invoke(main, [name, "--help"])
        assert res.exit_code == 0, res.output
        assert res.output.startswith("Usage: ") and f" {name} " in res.output.splitlines()[0], res.output


def test_ingest_does_not_import_pandas_or_the_coder() -> None:
    """Start-up stays light: `dyadwatch ingest` needs neither pandas nor the text coder."""
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from dyadwatch.cli import main; "
            "CliRunner().invoke(main, ['ingest', '--help']); "
            "print(sorted(m for m in ('pandas', 'spacy', 'dyadwatch.coding') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
