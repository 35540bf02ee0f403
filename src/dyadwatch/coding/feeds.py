"""RSS and Atom feeds as ``Document``s: one per item.

RSS 0.9x, 1.0 and 2.0 and Atom feeds are read with feedparser. An item's text is its
content, else its summary, else its title (as plain text, html_pages.py); its date is the
item's published or updated date. A file that is no feed is a ``FormatError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from dyadwatch.coding.admission import admit
from dyadwatch.coding.document import Document
from dyadwatch.coding.html_pages import html_fragment_text
from dyadwatch.coding.read_report import ReadReport
from dyadwatch.errors import FormatError


def read_rss(path: str | Path, report: ReadReport, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """Each item of an RSS 0.9x/1.0/2.0 or Atom feed, one document; FormatError if it is not a feed."""
    import feedparser

    p = Path(path)
    data = p.read_bytes()
    if not data.strip():
        report.read += 1
        report.skip(p, None, "empty file")
        return
    feed = feedparser.parse(data)
    if not feed.get("version"):
        raise FormatError("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)", path=p)
    source = feed.feed.get("title", "") or ""
    for n, entry in enumerate(feed.entries, 1):
        report.read += 1
        body = ""
        if entry.get("content"):
            body = html_fragment_text(entry.content[0].get("value", ""))
        if not body and entry.get("summary"):
            body = html_fragment_text(entry.summary)
        title = html_fragment_text(entry.get("title", "") or "")
        where = f"{p}, item {n}"
        doc_id = entry.get("id") or entry.get("link") or f"{p.stem}-{n}"
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(*struct[:3]) if struct else None
        text = body or title
        if not text:
            report.skip(where, None, "empty item: no title, summary or content")
            continue
        doc = Document(doc_id=str(doc_id), text=text, date=date, title=title, url=entry.get("link", "") or "",
                       source=source, path=str(p))
        yield from admit(doc, report, default_date, where=where)
    if not feed.entries:
        report.notes.append(f"{p}: feed has no items")
