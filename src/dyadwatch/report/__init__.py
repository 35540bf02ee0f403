"""Reports: one dyad's analysis as a self-contained HTML file, a PDF document or PNG charts.

>>> from dyadwatch.report import build_report, write_report  # doctest: +SKIP
>>> write_report(build_report(store, "JPN", "KOR", threats=("PRK",)), "report.html", "html")  # doctest: +SKIP
"""

from typing import Any

from dyadwatch.errors import ReportError

__all__ = ["FORMATS", "KeyNumber", "Report", "ReportError", "build_report", "country_code", "render_html", "write_report"]

_BUILD = ("KeyNumber", "Report", "build_report", "country_code")
_RENDER = ("FORMATS", "render_html", "write_report")


def __getattr__(name: str) -> Any:
    # Charts and templates load on first use, not when the CLI starts.
    if name in _BUILD:
        from dyadwatch.report import build

        return getattr(build, name)
    if name in _RENDER:
        from dyadwatch.report import render

        return getattr(render, name)
    raise AttributeError(f"module 'dyadwatch.report' has no attribute {name!r}")
