"""Bytes to text: binary files told apart, encodings guessed, file formats detected.

Text that is not UTF-8 is decoded as Windows-1252 (then Latin-1) with a note; UTF-16 with a
byte order mark is read as such. The format of a file is read from its first bytes where
they are telling (a feed's or a page's root element), else from its extension.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

#: How many bytes of a file are looked at to tell its kind.
SNIFF_BYTES = 8192
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "rss", ".atom": "rss",
}


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters in the first bytes (and no UTF-16 byte order mark)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)
    return controls > max(8, 0.05 * len(head))


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and a note when it was not UTF-8 (UTF-16 with a byte order mark, else cp1252, else Latin-1)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "decoded as UTF-16 (byte order mark)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    for enc in ("cp1252", "latin-1"):
        try:
            return data.decode(enc), f"{bad}; decoded as {enc}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def detect_format(path: str | Path, head: bytes | None = None) -> str:
    """txt, jsonl, html or rss: by the file's content where it is telling, else by its extension."""
    p = Path(path)
    if head is None:
        with open(p, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if re.search(rb"<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]", start):
        return "rss"
    if start.startswith((b"<!doctype html", b"<html")) or re.search(rb"<(?:head|body)[\s>]", start):
        return "html"
    by_ext = _EXTENSIONS.get(p.suffix.lower())
    if by_ext:
        return by_ext
    if start.startswith(b"<?xml"):
        return "rss"  # an XML file that is not a feed fails there with a clear message
    if start.startswith(b"{"):
        return "jsonl"
    return "txt"
