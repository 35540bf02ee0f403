"""The JSON API through an in-process client over a real DuckDB store filled with synthetic events."""

from __future__ import annotations

import datetime as dt
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyadwatch import Store
from dyadwatch.sources.synthetic import write_gdelt2

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx2, which is not installed
    from fastapi.testclient import TestClient

from dyadwatch.web import create_app, params
from test_report_data import analyzer, fill_store, make_events

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
INJECTION = "JPN' OR 1=1 --"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "api.md"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    fill_store(path)
    return path


@pytest.fixture
def client(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("DYADWATCH_TOKEN", raising=False)
    with TestClient(create_app(db, analyzer=analyzer())) as c:
        yield c


def _frame() -> pd.DataFrame:
    return make_events()


def _jk(frame: pd.DataFrame) -> pd.DataFrame:
    pair = frame[["source_country", "target_country"]].apply(lambda r: frozenset(r), axis=1)
    return frame[pair == frozenset({"JPN", "KOR"})]


# -- contents ------------------------------------------------------------------------------------
def test_dyads_have_the_stored_counts(client: TestClient) -> None:
    res = client.get("/api/dyads")
    assert res.status_code == 200
    rows = {(d["a"], d["b"]): d for d in res.json()["dyads"]}
    assert rows[("JPN", "KOR")]["events"] == len(_jk(_frame())) == 1440
    assert rows[("JPN", "KOR")]["b_name"] == "South Korea"
    assert rows[("CHN", "KOR")]["events"] == 480


def test_events_page_filter_and_order(client: TestClient) -> None:
    first = client.get("/api/events", params={"a": "kor", "b": "JPN", "start": "2019-07-01", "end": "2019-07-31", "limit": 10}).json()
    second = client.get("/api/events", params={"a": "KOR", "b": "JPN", "start": "2019-07-01", "end": "2019-07-31", "limit": 10,
                                               "offset": 10}).json()
    assert first["count"] == 10 and first["next_offset"] == 10
    ids = [e["event_id"] for e in first["events"]] + [e["event_id"] for e in second["events"]]
    assert len(set(ids)) == 20
    dates = [e["date"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates) and all("2019-07-01" <= d <= "2019-07-31" for d in dates)
    assert all({e["source_country"], e["target_country"]} == {"JPN", "KOR"} for e in first["events"])
    expected = _jk(_frame())
    expected = expected[(expected["date"] >= dt.date(2019, 7, 1)) & (expected["date"] <= dt.date(2019, 7, 31))]
    everything = client.get("/api/events", params={"a": "JPN", "b": "KOR", "start": "2019-07-01", "end": "2019-07-31", "limit": 1000}).json()
    assert everything["count"] == len(expected) and everything["next_offset"] is None


def test_events_root_and_direction(client: TestClient) -> None:
    res = client.get("/api/events", params={"a": "JPN", "b": "KOR", "root": "16", "directed": "true", "limit": 10000}).json()
    f = _frame()
    want = f[(f.source_country == "JPN") & (f.target_country == "KOR") & (f.cameo_code.str[:2] == "16")]
    assert res["count"] == len(want) > 0
    assert {e["cameo_code"] for e in res["events"]} == {"163"}


def test_series_matches_the_events(client: TestClient) -> None:
    res = client.get("/api/series", params={"a": "JPN", "b": "KOR", "freq": "year"})
    assert res.status_code == 200
    body = res.json()
    by_year = _jk(_frame()).assign(year=lambda d: pd.to_datetime(d["date"]).dt.year).groupby("year").size()
    assert [r["events"] for r in body["series"]] == by_year.tolist()
    assert [r["period"] for r in body["series"]] == [f"{y}-01-01" for y in by_year.index]
    conflict = client.get("/api/series", params={"a": "JPN", "b": "KOR", "freq": "year", "measure": "quad"}).json()["series"]
    assert conflict[0]["material_conflict"] < conflict[-1]["material_conflict"]


def test_analysis_json(client: TestClient) -> None:
    res = client.get("/api/analysis", params=[("a", "JPN"), ("b", "KOR"), ("threat", "PRK"), ("freq", "month")])
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["freq"] == "month" and len(body["series"]) == 48
    assert {t["third_party"] for t in body["shared_threat"]} == {"PRK"}
    assert any(c["period"].startswith("2019-0") for c in body["changepoints"])


def test_evidence_is_the_period_s_events(client: TestClient) -> None:
    res = client.get("/api/evidence", params={"a": "JPN", "b": "KOR", "period": "2019-07", "freq": "month", "limit": 5})
    body = res.json()
    f = _jk(_frame())
    july = f[(f["date"] >= dt.date(2019, 7, 1)) & (f["date"] <= dt.date(2019, 7, 31))]
    assert (body["start"], body["end"], body["total"], body["count"]) == ("2019-07-01", "2019-07-31", len(july), 5)
    assert all(e["sentence"].startswith("Synthetic report") and e["url"].startswith("https://synthetic.") for e in body["events"])
    quarter = client.get("/api/evidence", params={"a": "JPN", "b": "KOR", "period": "2019-08-15", "freq": "quarter"}).json()
    assert (quarter["start"], quarter["end"]) == ("2019-07-01", "2019-09-30")


def test_charts_carry_the_analysis_numbers(client: TestClient) -> None:
    body = client.get("/api/charts", params={"a": "JPN", "b": "KOR", "threat": "PRK"}).json()
    analysis = client.get("/api/analysis", params={"a": "JPN", "b": "KOR", "threat": "PRK"}).json()
    index_layer = body["charts"]["index"]["layer"][1]["data"]["values"]
    assert [r["index"] for r in index_layer] == [r["index"] for r in analysis["series"]]
    assert set(body["charts"]) == {"index", "quad", "shared_threat", "irf"}
    irf = body["charts"]["irf"]["data"]["values"]
    assert [r["response"] for r in irf] == [r["response"] for r in analysis["shared_threat"][0]["irf"]]
    assert [r["low"] for r in irf] == [r["low"] for r in analysis["shared_threat"][0]["irf"]]
    assert body["captions"]["irf"].startswith("Each panel shows how the index moves")


def test_analysis_compares_several_dyads(client: TestClient) -> None:
    res = client.get("/api/analysis", params=[("a", "JPN"), ("b", "KOR"), ("freq", "quarter"), ("compare", "CHN-KOR"),
                                              ("compare", "USA-JPN")])
    assert res.status_code == 200, res.text
    assert [d["dyad"] for d in res.json()["compare"]["dyads"]] == ["JPN-KOR", "CHN-KOR", "USA-JPN"]


def test_downloads(client: TestClient) -> None:
    csv = client.get("/api/events.csv", params={"a": "JPN", "b": "KOR", "end": "2018-12-31"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert 'filename="events-JPN-KOR.csv"' in csv.headers["content-disposition"]
    frame = pd.read_csv(io.StringIO(csv.text))
    assert len(frame) == 360 and frame["date"].max() <= "2018-12-31"
    pq = client.get("/api/events.parquet", params={"a": "JPN", "b": "KOR"})
    assert pq.status_code == 200
    assert len(pd.read_parquet(io.BytesIO(pq.content))) == 1440
    rep = client.get("/api/report", params={"a": "JPN", "b": "KOR", "threat": "PRK"})
    assert rep.status_code == 200 and rep.text.startswith("<!doctype html>")
    assert "<script src=" not in rep.text
    pdf = client.get("/api/report", params={"a": "JPN", "b": "KOR", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_dashboard_and_vendored_scripts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        assert client.get(f"/vendor/{name}").status_code == 200
    assert client.get("/static/dashboard.js").status_code == 200


# -- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "params", "status", "words"), [
    ("/api/events", {"a": "XXX", "b": "KOR"}, 400, "unknown country code"),
    ("/api/events", {"a": "JPN"}, 422, "b: Field required"),
    ("/api/events", {"a": "JPN", "b": "JPN"}, 400, "two different countries"),
    ("/api/events", {"a": "JPN", "b": "KOR", "start": "2019-02-30"}, 400, "not a date"),
    ("/api/events", {"a": "JPN", "b": "KOR", "start": "2020-01-01", "end": "2019-01-01"}, 400, "is after end"),
    ("/api/events", {"a": "JPN", "b": "KOR", "limit": "-1"}, 422, "limit: Input should be greater than or equal to 0"),
    ("/api/events", {"a": "JPN", "b": "KOR", "limit": "100001"}, 422, "limit"),
    ("/api/events", {"a": "JPN", "b": "KOR", "offset": "-5"}, 422, "offset"),
    ("/api/events", {"a": "JPN", "b": "KOR", "limit": "ten"}, 422, "limit: Input should be a valid integer"),
    ("/api/events", {"a": "JPN", "b": "KOR", "root": "99"}, 400, "not a CAMEO root"),
    ("/api/series", {"a": "JPN", "b": "KOR", "freq": "decade"}, 400, "'decade' is not one of"),
    ("/api/series", {"a": "JPN", "b": "KOR", "normalize": "sum"}, 400, "normalize"),
    ("/api/series", {"a": "JPN", "b": "KOR", "dedup": "x"}, 400, "dedup"),
    ("/api/analysis", {"a": "JPN", "b": "KOR", "threat": "ZZZ"}, 400, "threat"),
    ("/api/analysis", {"a": "JPN", "b": "KOR", "compare": "CHN"}, 400, "not a dyad"),
    ("/api/evidence", {"a": "JPN", "b": "KOR", "period": "July"}, 400, "not a period"),
    ("/api/evidence", {"a": "JPN", "b": "KOR", "period": "2019-13"}, 400, "not a valid date"),
    ("/api/evidence", {"a": "JPN", "b": "KOR"}, 422, "period: Field required"),
    ("/api/report", {"a": "JPN", "b": "KOR", "format": "docx"}, 400, "format"),
])
def test_bad_input_is_a_clear_4xx(client: TestClient, url: str, params: dict[str, str], status: int, words: str) -> None:
    res = client.get(url, params=params)
    assert res.status_code == status, res.text
    assert words in res.json()["detail"]


ROUTE_PARAMS: dict[str, dict[str, str]] = {
    "/api/events": {"a": "JPN", "b": "KOR", "start": "2019-01-01", "end": "2019-12-31", "root": "14", "dataset": "test",
                    "limit": "5", "offset": "0", "directed": "false"},
    "/api/series": {"a": "JPN", "b": "KOR", "freq": "month", "normalize": "none", "dedup": "none", "measure": "all",
                    "start": "2019-01-01", "end": "2019-12-31", "dataset": "test"},
    "/api/analysis": {"a": "JPN", "b": "KOR", "threat": "PRK", "freq": "month", "compare": "CHN-KOR", "dataset": "test"},
    "/api/evidence": {"a": "JPN", "b": "KOR", "period": "2019-07", "freq": "month", "dataset": "test", "limit": "5"},
    "/api/events.csv": {"a": "JPN", "b": "KOR", "start": "2019-01-01", "root": "14", "dataset": "test"},
    "/api/dyads": {"min_events": "1", "limit": "5"},
}


@pytest.mark.parametrize(("url", "name"), [(u, n) for u, ps in ROUTE_PARAMS.items() for n in ps])
def test_injection_in_each_parameter_is_refused(client: TestClient, db: Path, url: str, name: str) -> None:
    ok = client.get(url, params=ROUTE_PARAMS[url])
    assert ok.status_code == 200, ok.text
    bad = client.get(url, params={**ROUTE_PARAMS[url], name: INJECTION})
    assert 400 <= bad.status_code < 500, (name, bad.status_code, bad.text)
    assert name in json.dumps(bad.json())


def test_injection_does_not_reach_the_store(client: TestClient, db: Path) -> None:
    for value in (INJECTION, "JPN'; DROP TABLE events; --", "KOR\" OR \"1\"=\"1"):
        assert client.get("/api/events", params={"a": value, "b": "KOR"}).status_code == 400
        assert client.get("/api/events", params={"a": "JPN", "b": "KOR", "dataset": value}).status_code == 400
    assert client.get("/api/dyads").json()["dyads"][0]["events"] == 1440


# -- writing -------------------------------------------------------------------------------------
@pytest.fixture
def gdelt_file(tmp_path: Path) -> Path:
    return write_gdelt2(tmp_path / "20200101000000.export.CSV", 200, seed=3)


def _upload(path: Path) -> dict[str, Any]:
    return {"file": (path.name, path.read_bytes(), "text/csv")}


def test_writes_are_off_without_a_token(client: TestClient, gdelt_file: Path) -> None:
    res = client.post("/api/ingest", files=_upload(gdelt_file), headers={"Authorization": "Bearer anything"})
    assert res.status_code == 403 and "DYADWATCH_TOKEN" in res.json()["detail"]
    assert client.post("/api/code", files=_upload(gdelt_file)).status_code == 403


def test_token_rules_and_ingest(db: Path, gdelt_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_TOKEN", "s3cret-token")
    with TestClient(create_app(db, analyzer=analyzer())) as c:
        before = c.get("/api/status").json()
        no_auth = c.post("/api/ingest", files=_upload(gdelt_file))
        assert no_auth.status_code == 401 and no_auth.headers["www-authenticate"] == "Bearer"
        assert c.post("/api/ingest", files=_upload(gdelt_file), headers={"Authorization": "Basic czNjcmV0"}).status_code == 401
        assert c.post("/api/ingest", files=_upload(gdelt_file), headers={"Authorization": "Bearer wrong"}).status_code == 403
        ok = c.post("/api/ingest", files=_upload(gdelt_file), data={"format": "gdelt2"}, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200, ok.text
        result = ok.json()["files"][0]
        assert result["status"] == "ingested" and result["rows_stored"] == 200
        after = c.get("/api/status").json()
        assert sum(d["events"] for d in after["datasets"]) == sum(d["events"] for d in before["datasets"]) + 200
        again = c.post("/api/ingest", files=_upload(gdelt_file), headers={"Authorization": "Bearer s3cret-token"})
        assert again.json()["files"][0]["status"] == "skipped"
        assert c.app.state.access._store.read_only  # reads went back to a read-only connection
    with Store(db, read_only=True) as store:
        assert int(store.sql("SELECT count(*) AS n FROM events WHERE dataset = 'gdelt2'")["n"].iloc[0]) == 200


def test_bad_upload_format_and_empty_file(db: Path, tmp_path: Path, gdelt_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_TOKEN", "t")
    auth = {"Authorization": "Bearer t"}
    with TestClient(create_app(db, analyzer=analyzer())) as c:
        res = c.post("/api/ingest", files=_upload(gdelt_file), data={"format": "excel"}, headers=auth)
        assert res.status_code == 400 and "format" in res.json()["detail"]
        empty = tmp_path / "empty.csv"
        empty.write_bytes(b"")
        assert c.post("/api/ingest", files=_upload(empty), headers=auth).status_code == 400
        junk = tmp_path / "junk.bin"
        junk.write_bytes(b"\x00\x01\x02 not an event file\n" * 10)
        assert 400 <= c.post("/api/ingest", files=_upload(junk), headers=auth).status_code < 500


def test_upload_size_limit(db: Path, gdelt_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_TOKEN", "t")
    monkeypatch.setenv("DYADWATCH_UPLOAD_LIMIT", "1000")
    with TestClient(create_app(db, analyzer=analyzer())) as c:
        res = c.post("/api/ingest", files=_upload(gdelt_file), headers={"Authorization": "Bearer t"})
        assert res.status_code == 413 and "1000 bytes" in res.json()["detail"]


def test_code_endpoint_with_a_registered_coder(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyadwatch.coding.document import CodedEvent, Document
    from dyadwatch.coding.registry import register_coder

    @register_coder("test.first-sentence")
    def make() -> Any:
        def code(docs: Any) -> list[CodedEvent]:
            out = []
            for d in docs:
                assert isinstance(d, Document) and d.date is not None
                out.append(CodedEvent(event_id=f"{d.doc_id}:0:0", doc_id=d.doc_id, date=d.date, source_actor="Japan", source_country="JPN",
                                      source_sector="GOV", target_actor="South Korea", target_country="KOR", target_sector="GOV",
                                      cameo_code="042", cameo_root="04", plover="CONSULT", plover_mode=None, quad_class=1,
                                      goldstein=1.9, sentence=d.text.split(".")[0] + ".", sentence_index=0, trigger="visit",
                                      rule="test", coder="test.first-sentence", confidence=1.0, url=d.url))
            return out
        return code

    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps({"id": f"d{i}", "date": "2020-03-0" + str(i + 1), "title": "t",
                                          "text": f"Japan's foreign minister visited Seoul on day {i}. More text follows here.",
                                          "url": f"https://synthetic.dyadwatch.invalid/doc/{i}"}) for i in range(3)) + "\n")
    monkeypatch.setenv("DYADWATCH_TOKEN", "t")
    auth = {"Authorization": "Bearer t"}
    with TestClient(create_app(db, analyzer=analyzer())) as c:
        unknown = c.post("/api/code", files={"file": ("docs.jsonl", docs.read_bytes())}, data={"coder": "nope"}, headers=auth)
        assert unknown.status_code == 400 and "coder" in unknown.json()["detail"]
        res = c.post("/api/code", files={"file": ("docs.jsonl", docs.read_bytes())},
                     data={"coder": "test.first-sentence", "store": "true", "dataset": "uploaded"}, headers=auth)
        assert res.status_code == 200, res.text
        body = res.json()
        assert body["count"] == 3 and body["documents"]["coded"] == 3
        assert body["events"][0]["sentence"] == "Japan's foreign minister visited Seoul on day 0."
        assert body["stored"]["rows_stored"] == 3
        sets = {d["dataset"]: d["events"] for d in c.get("/api/status").json()["datasets"]}
        assert sets["text:uploaded"] == 3


# -- documentation -------------------------------------------------------------------------------
def test_every_route_is_in_openapi_and_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    expected = {"/api/dyads", "/api/countries", "/api/status", "/api/events", "/api/events.csv", "/api/events.parquet", "/api/series",
                "/api/analysis", "/api/charts", "/api/evidence", "/api/report", "/api/ingest", "/api/code"}
    assert paths == expected
    assert "HTTPBearer" in json.dumps(spec["paths"]["/api/ingest"]["post"].get("security", []))
    doc = DOCS.read_text(encoding="utf-8")
    for path in paths:
        method = next(iter(spec["paths"][path])).upper()
        assert f"## {method} {path}" in doc, f"{method} {path} is not in docs/api.md"
        for p in spec["paths"][path][method.lower()].get("parameters", []):
            assert f"`{p['name']}`" in doc.split(f"## {method} {path}")[1].split("\n## ")[0], f"{path}: parameter {p['name']} undocumented"


# -- periods -------------------------------------------------------------------------------------
@given(day=st.dates(min_value=dt.date(1, 1, 8), max_value=dt.date(9999, 11, 30)), freq=st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_period_bounds_hold_the_day(day: dt.date, freq: str) -> None:
    first, last = params.period_bounds(day.isoformat(), freq)
    assert first <= day <= last
    assert params.period_bounds(first.isoformat(), freq) == (first, last)  # the first day names the same period
    after = last + dt.timedelta(days=1)
    if after.year <= 9999 and freq != "week":
        assert params.period_bounds(after.isoformat(), freq)[0] == after  # periods tile the calendar


def test_period_at_the_calendar_s_end_is_a_400(client: TestClient) -> None:
    for period, freq in (("9999-12", "quarter"), ("9999-12-31", "week")):
        res = client.get("/api/evidence", params={"a": "JPN", "b": "KOR", "period": period, "freq": freq})
        assert res.status_code == 400 and "leaves the calendar" in res.json()["detail"]
    assert client.get("/api/evidence", params={"a": "JPN", "b": "KOR", "period": "9999-11", "freq": "month"}).json()["total"] == 0


def test_serve_refuses_several_workers_with_writes_on(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from dyadwatch.cli import main

    monkeypatch.setenv("DYADWATCH_TOKEN", "t")
    res = CliRunner().invoke(main, ["--db", str(db), "serve", "--workers", "2"])
    assert res.exit_code == 2 and "single worker" in res.output


def test_serve_with_two_workers_answers_on_one_port_and_stops_with_its_children(db: Path) -> None:
    """--workers 2: two processes, each with its own SO_REUSEPORT socket; SIGTERM stops all."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "DYADWATCH_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "dyadwatch.cli", "--db", str(db), "serve", "--port", str(port), "--workers", "2"],
                            env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        answers: list[int] = []
        while time.monotonic() < deadline and len(answers) < 20:
            try:  # a new connection each time, so both sockets get some
                answers.append(httpx.get(f"http://127.0.0.1:{port}/api/dyads", timeout=5).status_code)
            except httpx.HTTPError:
                time.sleep(0.2)
        assert answers and set(answers) == {200}
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) >= 2
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    time.sleep(0.5)
    for pid in children:
        assert not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"


def test_reader_runs_queries_one_thread_each(client: TestClient) -> None:
    access = client.app.state.access  # type: ignore[attr-defined]
    with access.read() as store:
        cur = store.con.cursor()
        assert cur.execute("SELECT current_setting('threads')").fetchall()[0][0] == 1
        cur.close()
