"""The dashboard page and its static files (its own, and the vendored Vega libraries)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

#: Content-Security-Policy of the dashboard: nothing from outside this server.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


@cache
def _page() -> str:
    from dyadwatch import __version__

    text = resources.files("dyadwatch.web").joinpath("templates/index.html").read_text("utf-8")
    return text.replace("{{ version }}", __version__)


@router.get("/", response_class=HTMLResponse)
def dashboard() -> HTMLResponse:
    return HTMLResponse(_page(), headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                          "Referrer-Policy": "no-referrer"})
