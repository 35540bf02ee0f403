"""evaluate(): scores on a small gold file, the report's dict, and the ``dyadwatch evaluate`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli import main
from dyadwatch.coding.evaluate import evaluate, read_gold
from dyadwatch.errors import InputError

LINES = [
    {"id": "a", "date": "2024-05-07", "text": "Japan imposed sanctions on North Korea on Monday.",
     "events": [{"source": "JPN", "target": "PRK", "cameo": "163", "plover": "COERCE"}]},
    {"id": "b", "date": "2024-05-07", "text": "Iran refused to hold talks with the United States.",
     "events": [{"source": "IRN", "target": "USA", "cameo": "120", "plover": "REJECT"}]},
    {"id": "c", "date": "2024-05-07", "text": "China did not attack Taiwan.", "events": []},
    {"id": "d", "date": "2024-05-07", "text": "Japan apologized to South Korea for the incident.",
     "events": [{"source": "KOR", "target": "JPN", "cameo": "055", "plover": "SUPPORT"}]},
]


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in LINES), encoding="utf-8")
    return path


def test_scores(gold: Path) -> None:
    r = evaluate(gold)
    quad = r.levels["dyad_quad"]
    # a: right; b: right dyad and root (125 vs 120); d: coded JPN>KOR, gold says KOR>JPN
    assert (quad.tp, quad.fp, quad.fn) == (2, 1, 1)
    assert r.levels["dyad_root"].tp == 2
    assert (r.matched, r.root_correct, r.plover_correct) == (2, 2, 2)
    assert r.root_accuracy == 1.0
    assert {(e.id, e.kind) for e in r.errors} == {("d", "miss"), ("d", "false_alarm")}
    d = r.as_dict()
    assert d["levels"]["dyad_quad"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert d["confusion"]["COERCE"] == {"COERCE": 1}


def test_command_text_and_json(gold: Path) -> None:
    res = CliRunner().invoke(main, ["evaluate", str(gold), "--misses", "1"])
    assert res.exit_code == 0, res.output
    assert "dyad_quad" in res.output and "CAMEO root accuracy 1.000" in res.output
    assert "errors (first 1 of 2)" in res.output
    res = CliRunner().invoke(main, ["evaluate", str(gold), "--format", "json"])
    assert json.loads(res.output)["levels"]["dyad_quad"]["tp"] == 2


def test_bad_gold_line(tmp_path: Path) -> None:
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"id": "a", "date": "2024-05-07", "text": "x", "events": []}\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, field date"):
        read_gold(bad)
    res = CliRunner().invoke(main, ["evaluate", str(bad)])
    assert res.exit_code == 1 and "line 2" in res.output
