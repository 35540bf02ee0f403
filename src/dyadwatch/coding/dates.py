"""When did it happen: the date of a document, and of an event within it.

News reports date events relative to the day they were written ("on Tuesday",
"yesterday") or in a dateline ("SEOUL, March 6 (Yonhap) --"). ``refine_date`` turns those
into calendar dates, never later than the document's date: a report cannot describe a
past event that has not happened yet, and a future one ("will meet on Friday") is coded
on the day it was announced. The coder calls it once per sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: "SEOUL, March 6 (Yonhap) --", "TOKYO (Reuters) -", "WASHINGTON, Jan. 5, 2019 (AP) —", "SEOUL, South Korea (AP) —".
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'.\-]*(?:[ /][A-Z][A-Z'.\-]*)*)"
    r"(?:,\s*(?:" + _MONTH + r"\s+(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?"
    r"|(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*)))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*(?:--|-|—|–)\s+(?=\S)"
)
#: A first line that is only a date: "2019-07-01", "Date: July 1, 2019", "1 July 2019".
_DATE_HEADER = re.compile(
    r"^\s*(?:date\s*:\s*)?(?:(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]*)?"
    r"|(?:\w+day,\s*)?" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?:\w+day,\s*)?(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]+)\.?\s+(?P<year2>\d{4}))\s*$",
    re.IGNORECASE,
)
_FUTURE_CUE = r"(?:next|by|until|till|from|coming|following|this)"
_WEEKDAY = re.compile(
    r"\b(?:(?P<cue>next|by|until|till|from|coming|following|this|last|on)\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_EXPLICIT = re.compile(
    r"\bon\s+(?:(?:\w+day),?\s+)?(?:" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?:\s+(?P<year2>\d{4}))?)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?P<word>yesterday|today|tonight|(?P<n>two|three|four|five|six|\d)\s+days\s+ago)\b", re.IGNORECASE)
#: A year-less date at most this many days after the document date is a forward reference, not last year's.
LOOKAHEAD_DAYS = 120
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Dateline:
    """The opening of a wire report: place, optional month/day/year, optional agency."""

    place: str
    month: int | None
    day: int | None
    year: int | None
    agency: str
    end: int  # offset of the first character after the dateline


def month_number(name: str) -> int | None:
    """1-12 for an English month name or an abbreviation of three letters or more ("Sept.", "march")."""
    key = name.lower().rstrip(".")
    if len(key) < 3:
        return None
    return next((i for i, full in enumerate(_MONTH_NAMES, 1) if full.startswith(key)), None)


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    place = m.group("place")
    if len(place) < 3 or not any(c.isalpha() for c in place):
        return None
    month = month_number(m.group("month")) if m.group("month") else None
    day = int(m.group("day")) if m.group("day") else None
    year = int(m.group("year")) if m.group("year") else None
    if month and day and not _valid(year or 2000, month, day):
        return None
    return Dateline(place=place, month=month, day=day, year=year, agency=m.group("agency") or "", end=m.end())


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _latest(month: int, day: int, ref: dt.date) -> dt.date | None:
    """``month``/``day`` with its year inferred from ``ref``, never after ``ref``.

    The date in ``ref``'s year if not later; a date more than ``LOOKAHEAD_DAYS`` ahead is
    last year's (a January report recalling "Dec. 28"); a nearer future date is a forward
    reference ("will meet on July 10"): None, so that the caller keeps ``ref``.
    """
    for year in range(ref.year, ref.year - 9, -1):
        if not _valid(year, month, day):
            continue  # Feb 29: look back to the last leap year
        d = dt.date(year, month, day)
        if d <= ref:
            return d
        if (d - ref).days <= LOOKAHEAD_DAYS:
            return None
    return None


def document_date(text: str, default: dt.date | None = None) -> dt.date | None:
    """The date a document states at its top (a date line or a dated dateline), else ``default``.

    A dateline without a year ("SEOUL, March 6 (Yonhap) --") needs ``default`` to infer the
    year (the latest March 6 on or before it). None when nothing gives a date.
    """
    head = text.lstrip()[:300]
    first_line = head.split("\n", 1)[0]
    m = _DATE_HEADER.match(first_line)
    if m:
        found = _header_date(m)
        if found:
            return found
    line = parse_dateline(head)
    if line and line.month and line.day:
        if line.year:
            return dt.date(line.year, line.month, line.day)
        if default:
            return _latest(line.month, line.day, default) or default
    return default


def _header_date(m: re.Match[str]) -> dt.date | None:
    if m.group("iso"):
        try:
            return dt.date.fromisoformat(m.group("iso"))
        except ValueError:
            return None
    if m.group("month"):
        month, day, year = month_number(m.group("month")), int(m.group("day")), int(m.group("year"))
    else:
        month, day, year = month_number(m.group("month2")), int(m.group("day2")), int(m.group("year2"))
    if month and _valid(year, month, day):
        return dt.date(year, month, day)
    return None


def refine_date(doc_date: dt.date, text: str) -> dt.date:
    """The date of the event a sentence reports, given the date of its document.

    In order: a dateline with a date ("SEOUL, March 6 (Yonhap) --"); the first of
    "on March 6" (year inferred, an explicit year kept), "on Tuesday"/"Tuesday" (the latest
    Tuesday on or before ``doc_date``; "last Tuesday" strictly before), "yesterday",
    "N days ago". Vague or forward references ("last week", "next Friday", "by Monday")
    leave the document date. The result is never after ``doc_date``.
    """
    line = parse_dateline(text)
    if line and line.month and line.day:
        d = dt.date(line.year, line.month, line.day) if line.year else _latest(line.month, line.day, doc_date)
        if d and d <= doc_date:
            return d
    best: tuple[int, dt.date | None] | None = None
    for cand in (_explicit(doc_date, text), _weekday(doc_date, text), _relative(doc_date, text)):
        if cand and (best is None or cand[0] < best[0]):
            best = cand
    if best is None or best[1] is None or best[1] > doc_date:
        return doc_date
    return best[1]


def _explicit(doc_date: dt.date, text: str) -> tuple[int, dt.date | None] | None:
    m = _EXPLICIT.search(text)
    if not m:
        return None
    if m.group("month"):
        month, day, year = month_number(m.group("month")), int(m.group("day")), m.group("year")
    else:
        month, day, year = month_number(m.group("month2")), int(m.group("day2")), m.group("year2")
    if not month:
        return None
    if year:
        return (m.start(), dt.date(int(year), month, day) if _valid(int(year), month, day) else None)
    return (m.start(), _latest(month, day, doc_date))


def _weekday(doc_date: dt.date, text: str) -> tuple[int, dt.date | None] | None:
    for m in _WEEKDAY.finditer(text):
        cue = (m.group("cue") or "").lower()
        if re.fullmatch(_FUTURE_CUE, cue):
            return (m.start(), None)  # a forward or vague reference: keep the document date
        if not m.group("wd")[0].isupper():
            continue  # "monday" in lower case is rarely the weekday in edited news text
        target = _WEEKDAYS.index(m.group("wd").lower())
        back = (doc_date.weekday() - target) % 7
        if cue == "last" and back == 0:
            back = 7
        return (m.start(), doc_date - dt.timedelta(days=back))
    return None


def _relative(doc_date: dt.date, text: str) -> tuple[int, dt.date | None] | None:
    m = _RELATIVE.search(text)
    if not m:
        return None
    word = m.group("word").lower()
    if word == "yesterday":
        return (m.start(), doc_date - dt.timedelta(days=1))
    if m.group("n"):
        n = m.group("n").lower()
        return (m.start(), doc_date - dt.timedelta(days=_NUMBERS.get(n) or int(n)))
    return (m.start(), doc_date)
