"""The report: HTML parsed back and checked against the analysis JSON; PDF and PNG written; the command."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dyadwatch import InputError, Store
from dyadwatch.analysis import analyze
from dyadwatch.cli import main
from dyadwatch.report import build_report, write_report
from dyadwatch.report.build import key_numbers
from test_report_data import fill_store

OPTIONS: dict[str, Any] = {"threats": ("PRK", "CHN"), "freq": "month", "compare": ("CHN", "KOR")}


class ReportPage(HTMLParser):
    """Scripts (src, type, text), chart specs by name, key numbers and the briefing of a report."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, Any]] = []
        self.specs: dict[str, Any] = {}
        self.numbers: dict[str, str] = {}
        self.links: list[str] = []
        self.briefing = ""
        self._script: dict[str, Any] | None = None
        self._in_briefing = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._script = {"attrs": a, "text": ""}
        elif a.get("class") == "number" and a.get("data-name"):
            self.numbers[str(a["data-name"])] = str(a.get("data-value"))
        elif tag == "p" and a.get("id") == "briefing":
            self._in_briefing = True
        elif tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        for key in ("src", "href"):
            value = a.get(key) or ""
            if tag in ("script", "link", "img", "iframe") and value.startswith(("http://", "https://", "//")):
                self.links.append("EXTERNAL " + value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            if "vl-spec" in (self._script["attrs"].get("class") or ""):
                self.specs[self._script["attrs"]["data-chart"]] = json.loads(self._script["text"])
            self._script = None
        elif tag == "p":
            self._in_briefing = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["text"] += data
        elif self._in_briefing:
            self.briefing += data


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "events.duckdb"
    fill_store(path)
    return path


@pytest.fixture(scope="module")
def analysis(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        return analyze(store, "JPN", "KOR", **OPTIONS)


@pytest.fixture(scope="module")
def page(db: Path, analysis: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> ReportPage:
    out = tmp_path_factory.mktemp("html") / "report.html"
    with Store(db, read_only=True) as store:
        rep = build_report(store, "JPN", "KOR", analysis=analysis, **OPTIONS)
    assert write_report(rep, out, "html") == [out]
    parsed = ReportPage()
    parsed.feed(out.read_text(encoding="utf-8"))
    return parsed


def test_the_html_is_self_contained(page: ReportPage) -> None:
    assert not [s for s in page.scripts if s["attrs"].get("src")]
    assert not [link for link in page.links if link.startswith("EXTERNAL")]
    code = "".join(s["text"] for s in page.scripts if not s["attrs"].get("type"))
    for name in ("vegaEmbed", "vegaLite", "vega"):
        assert f".{name}=" in code.replace(" ", "") or f"{name}=" in code
    assert len(code) > 700_000  # the three libraries are inline


def test_charts_hold_the_analysis_numbers(page: ReportPage, analysis: dict[str, Any]) -> None:
    assert set(page.specs) == {"index", "quad", "event_types", "actors", "event_study", "shared_threat", "compare", "forecast"}
    index = page.specs["index"]["layer"]
    line = index[1]["data"]["values"]
    assert [r["period"] for r in line] == [r["period"] for r in analysis["series"]]
    assert [r["index"] for r in line] == pytest.approx([r["index"] for r in analysis["series"]])
    assert [r["index_low"] for r in line] == pytest.approx([r["index_low"] for r in analysis["series"]])
    rules = next(layer for layer in index if layer.get("mark", {}).get("type") == "rule")["data"]["values"]
    assert [r["period"] for r in rules] == [c["period"] for c in analysis["changepoints"]] == ["2019-07-01"]
    assert rules[0]["label"].startswith("Japan tightens export controls")  # the chronology's event for July 2019
    quad = page.specs["quad"]["data"]["values"]
    first = analysis["series"][0]
    got = {r["quad"]: r["events"] for r in quad if r["period"] == first["period"]}
    assert got == {"Verbal cooperation": first["verbal_coop"], "Material cooperation": first["material_coop"],
                   "Verbal conflict": first["verbal_conflict"], "Material conflict": first["material_conflict"]}
    threat = page.specs["shared_threat"]["data"]["values"]
    assert {(t["third_party"], t["p_value"]) for t in threat} == {(t["third_party"], t["p_value"]) for t in analysis["shared_threat"]}
    forecast = [r for r in page.specs["forecast"]["data"]["values"] if r["kind"] == "forecast"]
    assert [r["index"] for r in forecast] == pytest.approx([p["index"] for p in analysis["forecast"]["periods"]])
    compared = {r["dyad"] for r in page.specs["compare"]["data"]["values"]}
    assert compared == {"JPN-KOR", "CHN-KOR"}
    groups = {g["group"] for g in analysis["event_study"]["groups"] if g["n"] >= 3}
    assert len(page.specs["event_study"]["data"]["values"]) == len(groups)


def test_briefing_and_its_numbers(page: ReportPage, analysis: dict[str, Any]) -> None:
    assert " ".join(page.briefing.split()) == " ".join(analysis["briefing"].split())
    observed = [r for r in analysis["series"] if r["index"] is not None]
    assert int(page.numbers["events"]) == sum(r["events"] for r in analysis["series"]) == 1440
    assert float(page.numbers["latest_index"]) == pytest.approx(observed[-1]["index"], abs=1e-4)
    assert float(page.numbers["lowest_index"]) == pytest.approx(min(r["index"] for r in observed), abs=1e-4)
    assert float(page.numbers["highest_index"]) == pytest.approx(max(r["index"] for r in observed), abs=1e-4)
    assert int(page.numbers["changepoints"]) == len(analysis["changepoints"])
    assert int(page.numbers["shared_threats"]) == sum(bool(t["significant"]) for t in analysis["shared_threat"])
    assert [k.name for k in key_numbers(analysis)] == list(page.numbers)


def test_key_events_table_has_sentences_and_links(db: Path, analysis: dict[str, Any], tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        rep = build_report(store, "JPN", "KOR", analysis=analysis, **OPTIONS)
    evidence = [e for c in analysis["changepoints"] for e in c["evidence"]]
    assert {e["event_id"] for e in rep.key_events} == {e["event_id"] for e in evidence}
    html = (write_report(rep, tmp_path / "r.html")[0]).read_text(encoding="utf-8")
    for e in evidence:
        assert e["sentence"] in html
        assert f'href="{e["url"]}"' in html


def test_pdf_and_png(db: Path, analysis: dict[str, Any], tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        rep = build_report(store, "JPN", "KOR", analysis=analysis, **OPTIONS)
    pdf = write_report(rep, tmp_path / "report.pdf", "pdf")
    assert pdf[0].read_bytes().startswith(b"%PDF") and pdf[0].stat().st_size > 20_000
    pngs = write_report(rep, tmp_path / "slides.png", "png")
    assert [p.name for p in pngs] == [f"slides-{n}.png" for n in rep.charts]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_bad_dyad(db: Path) -> None:
    with Store(db, read_only=True) as store, pytest.raises(InputError, match="unknown country code"):
        build_report(store, "JPN", "XYZ")


def test_report_command(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.html"
    res = CliRunner().invoke(main, ["--db", str(db), "report", "JPN", "KOR", "--threat", "PRK", "--start", "2018-06-01",
                                    "--end", "2021-06-30", "--compare", "CHN", "KOR", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.output == f"wrote {out}\n"
    parsed = ReportPage()
    parsed.feed(out.read_text(encoding="utf-8"))
    periods = [r["period"] for r in parsed.specs["index"]["layer"][1]["data"]["values"]]
    assert periods[0] == "2018-06-01" and periods[-1] == "2021-06-01"
    png = CliRunner().invoke(main, ["--db", str(db), "report", "JPN", "KOR", "-o", str(tmp_path / "deck.png")])
    assert png.exit_code == 0 and (tmp_path / "deck-index.png").exists()
    bad = CliRunner().invoke(main, ["--db", str(db), "report", "JPN", "QQQ", "-o", str(out)])
    assert bad.exit_code == 1 and "unknown country code" in bad.output
