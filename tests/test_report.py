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
from dyadwatch.analysis.threat import failed
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
        self.captions: dict[str, str] = {}
        self.numbers: dict[str, str] = {}
        self.links: list[str] = []
        self.briefing = ""
        self._script: dict[str, Any] | None = None
        self._in_briefing = False
        self._section = ""
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._script = {"attrs": a, "text": ""}
        elif a.get("class") == "number" and a.get("data-name"):
            self.numbers[str(a["data-name"])] = str(a.get("data-value"))
        elif tag == "p" and a.get("id") == "briefing":
            self._in_briefing = True
        elif tag == "section" and str(a.get("id") or "").startswith("section-"):
            self._section = str(a["id"]).removeprefix("section-")
        elif tag == "p" and a.get("class") == "caption":
            self._in_caption = True
            self.captions[self._section] = ""
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
            self._in_briefing = self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["text"] += data
        elif self._in_briefing:
            self.briefing += data
        elif self._in_caption:
            self.captions[self._section] += data


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
    assert list(page.specs) == ["index", "quad", "event_types", "actors", "event_study", "shared_threat", "irf", "compare", "forecast"]
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


def test_irf_chart_holds_each_threat_s_impulse_response(page: ReportPage, analysis: dict[str, Any]) -> None:
    spec = page.specs["irf"]
    assert list(page.specs).index("irf") == list(page.specs).index("shared_threat") + 1
    values = spec["data"]["values"]
    for t in analysis["shared_threat"]:
        rows = [r for r in values if r["third_party"] == t["third_party"]]
        assert [r["step"] for r in rows] == [r["step"] for r in t["irf"]] == list(range(len(t["irf"])))
        for key in ("response", "low", "high"):
            assert [r[key] for r in rows] == pytest.approx([r[key] for r in t["irf"]])
        assert {r["panel"] for r in rows} == {_panel(t)}
    assert spec["facet"]["sort"] == [_panel(t) for t in analysis["shared_threat"]]
    layers = spec["spec"]["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["area", "rule", "line"]
    assert layers[1]["encoding"]["y"] == {"datum": 0}
    assert "a line above zero means they cooperate more" in page.captions["irf"]
    assert "Not tested" not in page.captions["irf"]


def _panel(threat: dict[str, Any]) -> str:
    """A panel's expected title: the threat's code and Granger p-value, marked Δ when the index was differenced."""
    p = threat["p_value"]
    text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"
    return f"{threat['third_party']} · Granger {text}" + (" · Δ index" if threat["index_differences"] else "")


def test_untested_threats_are_named_in_the_caption_not_drawn(db: Path, analysis: dict[str, Any]) -> None:
    result = {**analysis, "shared_threat": [*analysis["shared_threat"], failed("RUS", "no conflict events from RUS toward the dyad")]}
    with Store(db, read_only=True) as store:
        rep = build_report(store, "JPN", "KOR", analysis=result, **OPTIONS)
    assert {r["third_party"] for r in rep.charts["irf"]["data"]["values"]} == {"PRK", "CHN"}
    assert rep.captions["irf"].endswith("Not tested, so not drawn: RUS (no conflict events from RUS toward the dyad).")
    only = {**analysis, "shared_threat": [failed("RUS", "too few periods")]}
    with Store(db, read_only=True) as store:
        rep = build_report(store, "JPN", "KOR", analysis=only, **OPTIONS)
    assert "irf" not in rep.charts and "shared_threat" in rep.charts


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
                                    "--end", "2021-06-30", "--compare", "CHN", "KOR", "--compare", "usa", "jpn", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.output == f"wrote {out}\n"
    parsed = ReportPage()
    parsed.feed(out.read_text(encoding="utf-8"))
    compare = parsed.specs["compare"]
    assert compare["encoding"]["color"]["scale"]["domain"] == ["JPN-KOR", "CHN-KOR", "USA-JPN"]
    embedded = json.loads(next(s["text"] for s in parsed.scripts if s["attrs"].get("id") == "analysis"))
    for d in embedded["compare"]["dyads"]:
        rows = [r for r in compare["data"]["values"] if r["dyad"] == d["dyad"]]
        assert [r["index"] for r in rows] == pytest.approx([r["index"] for r in d["series"]])
    assert compare["title"] == "JPN-KOR compared with CHN-KOR, USA-JPN"
    assert parsed.captions["compare"].startswith("All 3 dyads' indexes")
    periods = [r["period"] for r in parsed.specs["index"]["layer"][1]["data"]["values"]]
    assert periods[0] == "2018-06-01" and periods[-1] == "2021-06-01"
    png = CliRunner().invoke(main, ["--db", str(db), "report", "JPN", "KOR", "-o", str(tmp_path / "deck.png")])
    assert png.exit_code == 0 and (tmp_path / "deck-index.png").exists()
    bad = CliRunner().invoke(main, ["--db", str(db), "report", "JPN", "QQQ", "-o", str(out)])
    assert bad.exit_code == 1 and "unknown country code" in bad.output
