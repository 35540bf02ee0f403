"""Reports: one dyad's analysis as a self-contained HTML file, a PDF document or PNG charts.

>>> from dyadwatch.report import build_report, write_report  # doctest: +SKIP
>>> write_report(build_report(store, "JPN", "KOR", threats=("PRK",)), "report.html", "html")  # doctest: +SKIP
"""

from dyadwatch.report.build import KeyNumber, Report, build_report, country_code
from dyadwatch.report.render import FORMATS, ReportError, render_html, write_report

__all__ = ["FORMATS", "KeyNumber", "Report", "ReportError", "build_report", "country_code", "render_html", "write_report"]
