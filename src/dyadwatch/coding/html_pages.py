"""Web pages as ``Document``s: the main text of a page, and the text of an HTML fragment.

A page is one document: its main text as trafilatura finds it, with title, date, URL and
site name from the page's metadata. A page without article prose (navigation, a menu,
boilerplate only) is skipped with a reason. ``html_fragment_text`` gives the plain text of
a bit of HTML such as a feed item's summary (feeds.py).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from dyadwatch.coding.admission import admit
from dyadwatch.coding.decoding import SNIFF_BYTES, decode, looks_binary
from dyadwatch.coding.document import Document
from dyadwatch.coding.read_report import ReadReport

#: A page needs this many words in sentence-like paragraphs to have main text.
MIN_MAIN_WORDS = 8


class _TextOfHTML(HTMLParser):
    """Text of an HTML fragment (a feed item's summary), paragraphs kept apart."""

    _BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr blockquote section article".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(data)


def html_fragment_text(fragment: str) -> str:
    """Plain text of a bit of HTML, with blank lines between paragraphs."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _TextOfHTML()
    parser.feed(fragment)
    parser.close()
    paras = (re.sub(r"[ \t\r\n]+", " ", p).strip() for p in "".join(parser.out).split("\n\n"))
    return "\n\n".join(p for p in paras if p)


def has_main_text(text: str) -> bool:
    """Whether extracted text holds prose: MIN_MAIN_WORDS words in paragraphs that end like sentences."""
    words = 0
    for para in text.split("\n"):
        para = para.strip()
        if para[-1:] in (".", "!", "?", '"', "”", "’", "'", ")") and len(para.split()) >= 3:
            words += len(para.split())
    return words >= MIN_MAIN_WORDS


def read_html(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """One page, one document: its main text (trafilatura), title, date and URL from the metadata."""
    import trafilatura

    p = Path(path)
    report.read += 1
    data = p.read_bytes()
    if not data.strip():
        report.skip(p, None, "empty file")
        return
    if looks_binary(data[:SNIFF_BYTES]):
        report.skip(p, None, "binary file: not HTML", error=True)
        return
    page, note = decode(data)
    if note:
        report.notes.append(f"{p}: {note}")
    try:
        found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises assorted lxml and parser errors on broken pages
        report.skip(p, None, f"no main text: the page could not be parsed ({type(exc).__name__})")
        return
    text = (getattr(found, "text", None) or "") if found is not None else ""
    title = (getattr(found, "title", None) or "").strip() if found is not None else ""
    if not has_main_text(text):
        report.skip(p, None, "no main text: the page has no article prose (navigation or boilerplate only)")
        return
    paras = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and paras and paras[0] == title:
        paras = paras[1:]  # trafilatura repeats the headline as the first line
    meta_date = getattr(found, "date", None) if found is not None else None
    doc = Document(doc_id=p.stem, text="\n\n".join(paras), date=_meta_date(meta_date), title=title,
                   url=(getattr(found, "url", None) or "") if found is not None else "",
                   source=(getattr(found, "sitename", None) or "") if found is not None else "", path=str(p))
    yield from admit(doc, report, default_date)


def _meta_date(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
