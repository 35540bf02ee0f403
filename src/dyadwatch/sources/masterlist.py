"""GDELT's file lists: which files exist for a time range, and which slots are missing.

GDELT 2.0 publishes ``masterfilelist.txt`` (and ``masterfilelist-translation.txt`` for the
translingual stream), one line ``<size> <md5> <url>`` per file, a batch every 15 minutes.
GDELT 1.0 publishes ``events/md5sums`` (``<md5>  <name>``) and ``events/filesizes`` for
yearly (``YYYY.zip``, 1979-2005), monthly (``YYYYMM.zip``, 2006-01 to 2013-03) and daily
(``YYYYMMDD.export.CSV.zip``, from 2013-04-01) archives. Slots are missing now and then
(gdeltPyR#79), so downloads are driven from these lists and every expected slot the list
lacks is reported as a :class:`Gap` rather than passed over in silence.

Everything here is pure: it parses text and computes plans; :mod:`download` does the I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: The first GDELT 2.0 batch.
V2_FIRST = dt.datetime(2015, 2, 18, 23, 0)
V2_STEP = dt.timedelta(minutes=15)
#: GDELT 1.0: daily files from this date; monthly files from V1_MONTHLY; yearly before.
V1_DAILY = dt.date(2013, 4, 1)
V1_MONTHLY = dt.date(2006, 1, 1)
V1_FIRST_YEAR = 1979

#: Master list of each 2.0 stream, relative to the base URL.
V2_LISTS = {"english": "gdeltv2/masterfilelist.txt", "translation": "gdeltv2/masterfilelist-translation.txt"}
V1_MD5SUMS = "events/md5sums"
V1_FILESIZES = "events/filesizes"

_V2_NAME = re.compile(r"^(\d{14})\.(translation\.)?(export|mentions|gkg)\.(?:CSV|csv)\.zip$")
_V1_NAME = re.compile(r"^(?:(\d{8})\.export\.CSV|(\d{6})|(\d{4}))\.zip$")
_MD5 = re.compile(r"^[0-9a-fA-F]{32}$")


@dataclass(frozen=True)
class RemoteFile:
    """One file named in a GDELT list, with what the list says it should be."""

    name: str
    #: Path relative to the base URL (``gdeltv2/20230101000000.export.CSV.zip``).
    path: str
    stream: str  # english, translation (2.0) or v1
    kind: str  # export, mentions (2.0); daily, monthly, yearly (1.0)
    #: The 15-minute slot (2.0) or the first day the file covers (1.0).
    stamp: dt.datetime
    size: int | None = None
    md5: str | None = None

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + "/" + self.path


@dataclass(frozen=True)
class Gap:
    """A slot inside the range that the list lacks: nothing to download, reported by name."""

    name: str
    stream: str
    kind: str
    stamp: dt.datetime
    reason: str = "not in the master list"


@dataclass
class GdeltPlan:
    """The files to fetch for a range, the slots the lists lack, and notes on the lists."""

    files: list[RemoteFile] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def slot_range(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """First and last 15-minute slot of a range; a date end means its last slot (23:45)."""
    lo = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    hi = end if isinstance(end, dt.datetime) else dt.datetime.combine(end, dt.time(23, 45))
    return lo.replace(tzinfo=None), hi.replace(tzinfo=None)


def v2_name(stamp: dt.datetime, stream: str, kind: str) -> str:
    prefix = "translation." if stream == "translation" else ""
    return f"{stamp:%Y%m%d%H%M%S}.{prefix}{kind}.CSV.zip"


class V2ListReader:
    """Reads one 2.0 master list line by line, keeping only the files of the range.

    The real list has millions of lines; only the wanted ones are kept, together with the
    first and last slot of the whole list (to tell a gap from "not published yet").
    """

    def __init__(self, *, stream: str, kinds: Iterable[str], lo: dt.datetime, hi: dt.datetime, source: str) -> None:
        self.stream = stream
        self.kinds = frozenset(kinds)
        self.lo, self.hi = lo, hi
        self.source = source
        self.files: dict[str, RemoteFile] = {}
        # Timestamps are compared as 14-digit text: parsing a million lines' dates would be slow.
        self._lo, self._hi = f"{lo:%Y%m%d%H%M%S}", f"{hi:%Y%m%d%H%M%S}"
        self._first = self._last = ""
        self.bad_lines: list[str] = []
        self._line_no = 0

    def feed(self, line: str) -> None:
        self._line_no += 1
        text = line.strip()
        if not text:
            return
        parts = text.split()
        url = parts[-1]
        name = url.rsplit("/", 1)[-1]
        m = _V2_NAME.match(name)
        if m is None:
            self.bad_lines.append(f"{self.source} line {self._line_no}: not a GDELT 2.0 file entry: {text[:120]!r}")
            return
        text_stamp, kind = m.group(1), m.group(3)
        if not self._first or text_stamp < self._first:
            self._first = text_stamp
        if text_stamp > self._last:
            self._last = text_stamp
        if kind not in self.kinds or not self._lo <= text_stamp <= self._hi:
            return
        try:
            stamp = dt.datetime.strptime(text_stamp, "%Y%m%d%H%M%S")
        except ValueError:
            self.bad_lines.append(f"{self.source} line {self._line_no}: bad timestamp in {name!r}")
            return
        size = int(parts[0]) if len(parts) == 3 and parts[0].isdigit() else None
        md5 = parts[1].lower() if len(parts) == 3 and _MD5.match(parts[1]) else None
        if size is None or md5 is None:
            # Kept (the file is still fetched) but said: it cannot be fully verified.
            self.bad_lines.append(f"{self.source} line {self._line_no}: {name} is listed without a valid size and MD5")
        self.files[name] = RemoteFile(name=name, path=_relative_path(url, f"gdeltv2/{name}"), stream=self.stream, kind=kind,
                                      stamp=stamp, size=size, md5=md5)

    @property
    def first(self) -> dt.datetime | None:
        """The earliest slot anywhere in the list."""
        return _parse_stamp(self._first)

    @property
    def last(self) -> dt.datetime | None:
        """The latest slot anywhere in the list."""
        return _parse_stamp(self._last)

    def gaps(self) -> list[Gap]:
        """Slots of the range, between the list's first and last slot, with no file of a wanted kind."""
        first, last = self.first, self.last
        if first is None or last is None:
            return []
        lo = max(self.lo, first, V2_FIRST)
        hi = min(self.hi, last)
        have = {(f.kind, f.stamp) for f in self.files.values()}
        out = []
        slot = _ceil_slot(lo)
        while slot <= hi:
            for kind in sorted(self.kinds):
                if (kind, slot) not in have:
                    out.append(Gap(v2_name(slot, self.stream, kind), self.stream, kind, slot))
            slot += V2_STEP
        return out

    def add_to(self, plan: GdeltPlan) -> None:
        """Add this stream's files (by slot), gaps and notes to ``plan``."""
        plan.files.extend(sorted(self.files.values(), key=lambda f: (f.stamp, f.kind)))
        plan.gaps.extend(self.gaps())
        plan.notes.extend(self.notes())

    def notes(self) -> list[str]:
        notes = list(self.bad_lines)
        last = self.last
        if last is None:
            notes.append(f"{self.source}: the list names no GDELT 2.0 files")
        elif last < self.hi:
            unpublished = (self.hi - max(last, self.lo - V2_STEP)) // V2_STEP
            if unpublished > 0:
                notes.append(f"{self.source} ends at {last:%Y-%m-%d %H:%M}; {unpublished} slot(s) after it are not published yet")
        return notes


def parse_v1_lists(md5sums: str, filesizes: str) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """MD5 and size by file name from ``md5sums`` and ``filesizes`` (either token order)."""
    md5s: dict[str, str] = {}
    sizes: dict[str, int] = {}
    bad: list[str] = []
    for no, line in enumerate(md5sums.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        digest = next((p for p in parts if _MD5.match(p)), None)
        name = next((p.lstrip("*") for p in parts if p != digest), None)
        if digest is None or name is None or len(parts) != 2:
            bad.append(f"{V1_MD5SUMS} line {no}: not '<md5>  <name>': {line[:120]!r}")
            continue
        md5s[name] = digest.lower()
    for no, line in enumerate(filesizes.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        num = next((p for p in parts if p.isdigit()), None)
        name = next((p for p in parts if p != num), None)
        if num is None or name is None or len(parts) != 2:
            bad.append(f"{V1_FILESIZES} line {no}: not '<size> <name>': {line[:120]!r}")
            continue
        sizes[name] = int(num)
    return md5s, sizes, bad


def plan_v1(md5s: dict[str, str], sizes: dict[str, int], *, start: dt.date, end: dt.date) -> GdeltPlan:
    """The 1.0 archives that cover any day of ``start``..``end``, and the expected ones not listed.

    Yearly and monthly archives hold whole years and months (by event date): all of their
    events are stored, including those outside the range.
    """
    plan = GdeltPlan()
    listed: dict[str, RemoteFile] = {}
    for name in sorted(set(md5s) | set(sizes)):
        first = _v1_first_day(name)
        if first is None:
            continue
        kind = _v1_kind(name)
        listed[name] = RemoteFile(name=name, path=f"events/{name}", stream="v1", kind=kind,
                                  stamp=dt.datetime.combine(first, dt.time()), size=sizes.get(name), md5=md5s.get(name))
    last_daily = max((f.stamp.date() for f in listed.values() if f.kind == "daily"), default=None)
    for name, kind, first in _v1_expected(start, end, last_daily):
        if name in listed:
            plan.files.append(listed[name])
            if name not in md5s:
                plan.notes.append(f"{name} is in {V1_FILESIZES} but not in {V1_MD5SUMS}: its MD5 cannot be checked")
            elif name not in sizes:
                plan.notes.append(f"{name} is in {V1_MD5SUMS} but not in {V1_FILESIZES}: its size cannot be checked")
        else:
            plan.gaps.append(Gap(name, "v1", kind, dt.datetime.combine(first, dt.time()), f"not in {V1_MD5SUMS} or {V1_FILESIZES}"))
    if last_daily is not None and end > last_daily and end >= V1_DAILY:
        plan.notes.append(f"the 1.0 lists end at {last_daily}; days after it are not published yet")
    return plan


def _v1_expected(start: dt.date, end: dt.date, last_daily: dt.date | None) -> list[tuple[str, str, dt.date]]:
    """Every 1.0 archive name whose period overlaps the range, oldest first."""
    out: list[tuple[str, str, dt.date]] = []
    for year in range(max(start.year, V1_FIRST_YEAR), min(end.year, V1_MONTHLY.year - 1) + 1):
        out.append((f"{year}.zip", "yearly", dt.date(year, 1, 1)))
    month = max(dt.date(start.year, start.month, 1), V1_MONTHLY)
    while month < V1_DAILY and month <= end:
        out.append((f"{month:%Y%m}.zip", "monthly", month))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    day = max(start, V1_DAILY)
    stop = min(end, last_daily) if last_daily is not None else end
    while day <= stop:
        out.append((f"{day:%Y%m%d}.export.CSV.zip", "daily", day))
        day += dt.timedelta(days=1)
    return out


def _v1_first_day(name: str) -> dt.date | None:
    m = _V1_NAME.match(name)
    if m is None:
        return None
    try:
        if m.group(1):
            return dt.datetime.strptime(m.group(1), "%Y%m%d").date()
        if m.group(2):
            return dt.datetime.strptime(m.group(2), "%Y%m").date()
        return dt.date(int(m.group(3)), 1, 1)
    except ValueError:
        return None


def _v1_kind(name: str) -> str:
    stem = name.split(".", 1)[0]
    return {8: "daily", 6: "monthly"}.get(len(stem), "yearly")


def _parse_stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def _ceil_slot(t: dt.datetime) -> dt.datetime:
    base = t.replace(minute=0, second=0, microsecond=0)
    while base < t:
        base += V2_STEP
    return base


def _relative_path(url: str, fallback: str) -> str:
    """The path of a listed URL without its host, so that files come from the configured base URL."""
    path = urlsplit(url).path.lstrip("/")
    return path or fallback
