"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium), against uvicorn on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from dyadwatch.web import create_app
from test_report_data import analyzer, fill_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (make browser installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "events.duckdb"
    fill_store(db)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, analyzer=analyzer()), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield pg
        browser.close()


def test_choose_a_dyad_see_charts_and_the_evidence_of_a_period(server: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    expect(page.locator("#store-status")).to_contain_text("2,880 events")

    page.select_option("#dyad", "CHN-KOR")
    expect(page.locator("#dyad-title")).to_contain_text("China–South Korea")
    page.fill("#threat", "PRK")
    page.select_option("#dyad", "JPN-KOR")
    expect(page.locator("#dyad-title")).to_contain_text("Japan–South Korea")

    points = page.locator("#chart-index svg g.mark-symbol path")
    expect(points).to_have_count(48)
    assert page.locator("#chart-quad svg g.mark-rect path").count() > 0
    expect(page.locator("#threat-table tbody tr").first).to_contain_text("PRK")
    expect(page.locator("#chart-irf svg.marks")).to_have_count(1)
    expect(page.locator("#chart-irf svg.marks")).to_contain_text("PRK · Granger p")
    expect(page.locator("#irf-caption")).to_contain_text("a line above zero means")
    expect(page.locator("#numbers .number[data-name=changepoints] .value")).to_have_text("1")

    points.nth(18).click()  # the 19th month: July 2019, when the synthetic dyad turns hostile
    expect(page.locator("#evidence-title")).to_have_text("Evidence · 2019-07-01 to 2019-07-31")
    items = page.locator("#evidence-list li")
    expect(items.first).to_be_visible()
    assert items.count() == 30
    sentences = page.locator("#evidence-list .sentence").all_inner_texts()
    assert all(s.startswith("Synthetic report") and "2019-07-" in s for s in sentences)
    expect(page.locator("#evidence-summary")).to_contain_text("change point")

    assert "a=JPN" in (page.get_attribute("#dl-csv", "href") or "")
    assert (page.get_attribute("#dl-pdf", "href") or "").endswith("format=pdf")
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert errors == []
    assert all(u.startswith(server) or u.startswith("data:") for u in requests), [u for u in requests if not u.startswith(server)]


def test_bad_country_shows_the_api_message(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/?a=JPN&b=XXX")
    expect(page.locator("#message")).to_contain_text("unknown country code")


def test_a_late_answer_for_an_earlier_choice_does_not_overwrite_the_current_one(server: str, page: object) -> None:
    """The first load asks for Japan–South Korea; the user picks China–South Korea before that answer
    arrives. When the stale answer lands last, the page must still show China–South Korea."""
    from playwright.sync_api import Page, Route, expect

    assert isinstance(page, Page)
    held: list[Route] = []

    def hold_first(route: Route) -> None:
        if "a=JPN" in route.request.url and not held:
            held.append(route)  # answered below, after the newer request has been drawn
        else:
            route.continue_()

    page.route("**/api/charts?*", hold_first)
    page.goto(server + "/")
    expect(page.locator("#store-status")).to_contain_text("2,880 events")
    page.wait_for_function("document.body.classList.contains('loading')")
    assert held, "the first charts request was not seen"
    page.select_option("#dyad", "CHN-KOR")
    expect(page.locator("#dyad-title")).to_contain_text("China–South Korea")
    with page.expect_response(lambda r: "/api/charts?" in r.url and "a=JPN" in r.url):
        held[0].continue_()
    page.wait_for_timeout(300)  # let the stale answer's handler run
    expect(page.locator("#dyad-title")).to_contain_text("China–South Korea")
