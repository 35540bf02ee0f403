"""Download GDELT files for a time range, verify them, and ingest each as it arrives.

``fetch_gdelt`` reads GDELT's master lists (:mod:`dyadwatch.sources.masterlist`), fetches
the files of the range with retries and exponential backoff, checks each against the
size and MD5 the list gives, and resumes partial downloads (kept as ``NAME.part``) with an
HTTP Range request. Files already downloaded and verified, and files whose bytes are
already in the store, are skipped; a small manifest in the destination folder remembers
what was verified and ingested. Nothing is left out in silence: every file that failed
and every slot the lists lack is in the returned :class:`FetchReport`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from dyadwatch.errors import ConfigError, DownloadError, DyadwatchError, InputError
from dyadwatch.settings import setting
from dyadwatch.sources.masterlist import (
    V1_FILESIZES,
    V1_MD5SUMS,
    V2_LISTS,
    Gap,
    GdeltPlan,
    RemoteFile,
    V2ListReader,
    parse_v1_lists,
    plan_v1,
    slot_range,
)
from dyadwatch.store import IngestResult, Store

__all__ = ["FetchProgress", "FetchReport", "FileOutcome", "GdeltPlan", "RemoteFile", "Transfer", "download_file", "fetch_gdelt", "plan_gdelt"]

MANIFEST = ".dyadwatch-fetch.json"
USER_AGENT = "dyadwatch (+https://github.com/dyadwatch)"
#: Most seconds to wait between two attempts, however many came before.
MAX_BACKOFF = 60.0
T = TypeVar("T")


class FetchProgress:
    """Hooks a progress display implements; the library calls them and never prints."""

    def listing(self, name: str) -> None:
        """A master list is being read."""

    def planned(self, files: Sequence[RemoteFile]) -> None:
        """The files of the range are known."""

    def file_started(self, remote: RemoteFile, offset: int) -> None:
        """A transfer attempt starts, continuing from byte ``offset`` (0: from the start)."""

    def advance(self, nbytes: int) -> None:
        """``nbytes`` more bytes of the current file arrived."""

    def file_done(self, outcome: FileOutcome) -> None:
        """One file is finished, whatever happened to it."""


@dataclass
class FileOutcome:
    """What happened to one listed file.

    ``status``: ``ingested`` (stored now), ``downloaded`` (verified on disk, not ingested),
    ``skipped`` (nothing to do: see ``reason``) or ``failed`` (see ``reason``).
    """

    name: str
    url: str
    status: str
    reason: str = ""
    path: Path | None = None
    downloaded: bool = False
    bytes_fetched: int = 0
    attempts: int = 0
    resumed: bool = False
    ingest: IngestResult | None = None


@dataclass
class FetchReport:
    """Every listed file's outcome, the slots the lists lack, and notes on the lists."""

    files: list[FileOutcome] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        """No file failed (gaps are GDELT's, not a failure of the fetch)."""
        return not self.failed

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("ingested", "downloaded", "skipped", "failed")}
        for f in self.files:
            out[f.status] += 1
        return out

    @property
    def rows_stored(self) -> int:
        return sum(f.ingest.rows_stored for f in self.files if f.ingest is not None)


@dataclass(frozen=True)
class Digest:
    """Size and checksums of a file's bytes: MD5 to check against GDELT's list, SHA-256 as the store knows files."""

    size: int
    md5: str
    sha256: str


@dataclass
class Transfer:
    """What :func:`download_file` did: the verified digest and how it got there."""

    digest: Digest
    attempts: int
    bytes_fetched: int
    resumed: bool


class _Transient(Exception):
    """Worth another attempt (server error, cut connection, bytes that did not verify)."""


class _Permanent(Exception):
    """Not worth another attempt (404, 403...)."""


# -- plan ------------------------------------------------------------------------------------

def plan_gdelt(
    *,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime,
    version: int = 2,
    translation: bool = False,
    mentions: bool = False,
    base_url: str | None = None,
    client: httpx.Client | None = None,
    retries: int = 4,
    backoff: float = 1.0,
    progress: FetchProgress | None = None,
) -> GdeltPlan:
    """The files GDELT lists for ``start``..``end`` (dates include their whole day) and the gaps.

    Raises DownloadError when a list cannot be read, InputError/ConfigError for bad options.
    """
    _check_options(start, end, version, translation, mentions)
    base = base_url or setting("gdelt_base_url")
    hooks = progress or FetchProgress()
    with _client_for(client) as http:
        if version == 1:
            md5sums = _read_text(http, base, V1_MD5SUMS, retries, backoff, hooks)
            filesizes = _read_text(http, base, V1_FILESIZES, retries, backoff, hooks)
            md5s, sizes, bad = parse_v1_lists(md5sums, filesizes)
            plan = plan_v1(md5s, sizes, start=_as_date(start), end=_as_date(end))
            plan.notes[:0] = bad
            return plan
        lo, hi = slot_range(start, end)
        kinds = ("export", "mentions") if mentions else ("export",)
        plan = GdeltPlan()
        for stream in ("english", "translation") if translation else ("english",):
            path = V2_LISTS[stream]
            hooks.listing(path)

            def read(lines: Iterator[str], stream: str = stream, path: str = path) -> V2ListReader:
                reader = V2ListReader(stream=stream, kinds=kinds, lo=lo, hi=hi, source=path)
                for line in lines:
                    reader.feed(line)
                return reader

            _read_lines(http, base, path, read, retries, backoff).add_to(plan)
        return plan


def _check_options(start: dt.date, end: dt.date, version: int, translation: bool, mentions: bool) -> None:
    if version not in (1, 2):
        raise ConfigError(f"GDELT version must be 1 or 2, not {version!r}")
    if version == 1 and (translation or mentions):
        raise ConfigError("--translation and --mentions exist only for GDELT 2.0 (version 2)")
    if _as_datetime(end) < _as_datetime(start):
        raise InputError(f"end {end} is before start {start}")


def _as_date(d: dt.date | dt.datetime) -> dt.date:
    return d.date() if isinstance(d, dt.datetime) else d


def _as_datetime(d: dt.date | dt.datetime) -> dt.datetime:
    return d.replace(tzinfo=None) if isinstance(d, dt.datetime) else dt.datetime.combine(d, dt.time())


# -- fetch -----------------------------------------------------------------------------------

def fetch_gdelt(
    store: Store | None,
    *,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime,
    version: int = 2,
    translation: bool = False,
    mentions: bool = False,
    dest: str | Path,
    base_url: str | None = None,
    ingest: bool = True,
    progress: FetchProgress | None = None,
    client: httpx.Client | None = None,
    retries: int = 4,
    backoff: float = 1.0,
) -> FetchReport:
    """Download (and, with a store, ingest) GDELT's files for ``start``..``end`` into ``dest``.

    Each file is verified (size and MD5 from the list), then ingested as ``format="gdelt"``
    in its own transaction. A file that fails does not stop the others; it is named in the
    report. Retries wait ``backoff * 2**n`` seconds. Raises DownloadError only when the
    master list itself cannot be read.
    """
    _check_options(start, end, version, translation, mentions)
    base = base_url or setting("gdelt_base_url")
    hooks = progress or FetchProgress()
    folder = Path(dest)
    with _client_for(client) as http:
        plan = plan_gdelt(start=start, end=end, version=version, translation=translation, mentions=mentions, base_url=base,
                          client=http, retries=retries, backoff=backoff, progress=hooks)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DownloadError(f"{folder}: cannot create the download folder ({exc})") from exc
        manifest = _Manifest(folder / MANIFEST)
        report = FetchReport(gaps=list(plan.gaps), notes=list(plan.notes))
        if manifest.note:
            report.notes.append(manifest.note)
        loading = store is not None and ingest
        stored = _ingested_sha256(store) if store is not None and ingest else set()
        hooks.planned(plan.files)
        try:
            for remote in plan.files:
                outcome = _fetch_one(http, remote, base=base, folder=folder, manifest=manifest, store=store if loading else None,
                                     stored=stored, retries=retries, backoff=backoff, hooks=hooks)
                report.files.append(outcome)
                hooks.file_done(outcome)
                manifest.save(force=False)
        finally:
            manifest.save(force=True)
    return report


def _fetch_one(
    http: httpx.Client,
    remote: RemoteFile,
    *,
    base: str,
    folder: Path,
    manifest: _Manifest,
    store: Store | None,
    stored: set[str],
    retries: int,
    backoff: float,
    hooks: FetchProgress,
) -> FileOutcome:
    target = folder / remote.name
    out = FileOutcome(name=remote.name, url=remote.url(base), status="skipped", path=target)
    rec = manifest.get(remote)
    if store is not None and rec is not None and rec.get("sha256") in stored:
        out.reason = f"already ingested (file {rec.get('file_id')})" if rec.get("file_id") is not None else "already ingested"
        return out
    digest = _local_copy(target, remote, rec)
    if digest is not None:
        out.reason = "already downloaded and verified"
    else:
        try:
            got = download_file(http, remote, url=out.url, target=target, retries=retries, backoff=backoff, progress=hooks)
        except DownloadError as exc:
            out.status, out.reason = "failed", str(exc).removeprefix(f"{remote.name}: ")
            return out
        digest = got.digest
        out.status, out.downloaded = "downloaded", True
        out.attempts, out.bytes_fetched, out.resumed = got.attempts, got.bytes_fetched, got.resumed
    manifest.record(remote, digest, target)
    if remote.md5 is None and remote.size is None:
        out.reason = "the list gives no size or MD5: not verified"
    if store is None:
        return out
    if digest.sha256 in stored:
        out.status, out.reason = "skipped", "already ingested (same sha256)"
        return out
    try:
        result = store.ingest([target], format="gdelt")[0]
    except DyadwatchError as exc:
        out.status, out.reason = "failed", f"verified but not ingested: {exc}"
        return out
    out.ingest = result
    stored.add(digest.sha256)
    manifest.record(remote, digest, target, file_id=result.file_id)
    if result.status == "ingested":
        out.status, out.reason = "ingested", ""
    else:
        out.status, out.reason = "skipped", f"already ingested (file {result.file_id})"
    return out


def _ingested_sha256(store: Store) -> set[str]:
    frame = store.sql("SELECT sha256 FROM files WHERE sha256 IS NOT NULL")
    return set(frame["sha256"].astype(str))


def _local_copy(target: Path, remote: RemoteFile, rec: dict[str, Any] | None) -> Digest | None:
    """The digest of a complete, verified local copy, or None (absent or not matching the list)."""
    try:
        st = target.stat()
    except OSError:
        return None
    if rec is not None and rec.get("size") == st.st_size and rec.get("mtime_ns") == st.st_mtime_ns:
        return Digest(size=int(rec["size"]), md5=str(rec["md5"]), sha256=str(rec["sha256"]))
    digest = file_digest(target)
    return digest if verify(digest, remote) is None else None


# -- one file --------------------------------------------------------------------------------

def download_file(
    client: httpx.Client,
    remote: RemoteFile,
    *,
    url: str,
    target: Path,
    retries: int = 4,
    backoff: float = 1.0,
    progress: FetchProgress | None = None,
) -> Transfer:
    """Fetch ``url`` to ``target`` through ``target.part``, resuming and verifying it.

    A partial ``.part`` left by an earlier attempt or run is continued with a Range request
    (restarted if the server sends the whole file). Bytes that fail the size or MD5 check
    are thrown away and fetched again. Raises DownloadError naming the file and the reason
    once ``retries`` more attempts have failed, or at once for 4xx answers such as 404.
    """
    hooks = progress or FetchProgress()
    part = target.with_name(target.name + ".part")
    fetched = 0
    resumed = False

    def arrived(nbytes: int) -> None:
        nonlocal fetched
        fetched += nbytes
        hooks.advance(nbytes)

    def attempt() -> Digest:
        nonlocal resumed
        resumed = _transfer(client, remote, url, part, hooks, arrived) or resumed
        digest = file_digest(part)
        problem = verify(digest, remote)
        if problem is not None:
            part.unlink(missing_ok=True)
            raise _Transient(problem)
        return digest

    attempts = 0

    def counted() -> Digest:
        nonlocal attempts
        attempts += 1
        return attempt()

    try:
        digest = _with_retries(counted, retries, backoff, remote.name)
        os.replace(part, target)
    except OSError as exc:
        raise DownloadError(f"{remote.name}: cannot write {target} ({exc})") from exc
    return Transfer(digest=digest, attempts=attempts, bytes_fetched=fetched, resumed=resumed)


def _transfer(
    client: httpx.Client, remote: RemoteFile, url: str, part: Path, hooks: FetchProgress, arrived: Callable[[int], None]
) -> bool:
    """One attempt: append the rest of the file to ``part``; True if it continued a partial file."""
    offset = part.stat().st_size if part.exists() else 0
    if remote.size is not None and offset >= remote.size:
        if offset == remote.size:
            return False  # complete already; the caller verifies it
        part.unlink()
        offset = 0
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    with client.stream("GET", url, headers=headers) as resp:
        code = resp.status_code
        if code == 416:
            part.unlink(missing_ok=True)
            raise _Transient(f"HTTP 416 for bytes {offset}- (partial download discarded)")
        if code in (408, 425, 429) or code >= 500:
            raise _Transient(f"HTTP {code} {resp.reason_phrase}")
        if code >= 400:
            raise _Permanent(f"HTTP {code} {resp.reason_phrase}")
        if code == 206 and offset:
            first = _range_start(resp.headers.get("Content-Range", ""))
            if first != offset:
                part.unlink(missing_ok=True)
                raise _Transient(f"server answered Range bytes={offset}- with {resp.headers.get('Content-Range')!r}")
            mode, resumed = "ab", True
        else:
            mode, resumed, offset = "wb", False, 0  # a 200 is the whole file: start over
        hooks.file_started(remote, offset)
        with open(part, mode) as fh:
            for chunk in resp.iter_bytes():
                fh.write(chunk)
                arrived(len(chunk))
    return resumed


def _range_start(content_range: str) -> int | None:
    # "bytes 100-199/200"
    try:
        unit, rest = content_range.split(" ", 1)
        return int(rest.split("-", 1)[0]) if unit == "bytes" else None
    except ValueError:
        return None


def file_digest(path: Path) -> Digest:
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            md5.update(block)
            sha.update(block)
            size += len(block)
    return Digest(size=size, md5=md5.hexdigest(), sha256=sha.hexdigest())


def verify(digest: Digest, remote: RemoteFile) -> str | None:
    """Why the bytes do not match the list, or None if they do."""
    if remote.size is not None and digest.size != remote.size:
        return f"size {digest.size} bytes, the list says {remote.size}"
    if remote.md5 is not None and digest.md5 != remote.md5:
        return f"MD5 mismatch: got {digest.md5}, the list says {remote.md5}"
    return None


# -- HTTP plumbing ----------------------------------------------------------------------------

@contextlib.contextmanager
def _client_for(client: httpx.Client | None) -> Iterator[httpx.Client]:
    if client is not None:
        yield client
        return
    timeout = httpx.Timeout(60.0, connect=15.0)
    with httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}) as own:
        yield own


def _with_retries(fn: Callable[[], T], retries: int, backoff: float, what: str) -> T:
    """Call ``fn`` until it succeeds, at most ``retries`` more times, waiting longer each time."""
    last = ""
    for n in range(retries + 1):
        if n:
            time.sleep(min(backoff * 2 ** (n - 1), MAX_BACKOFF))
        try:
            return fn()
        except _Permanent as exc:
            raise DownloadError(f"{what}: {exc}") from None
        except _Transient as exc:
            last = str(exc)
        except httpx.HTTPError as exc:
            last = f"{type(exc).__name__}: {exc}"
    attempts = retries + 1
    raise DownloadError(f"{what}: {last} (gave up after {attempts} attempt{'s' if attempts > 1 else ''})")


def _read_lines(http: httpx.Client, base: str, path: str, consume: Callable[[Iterator[str]], T], retries: int, backoff: float) -> T:
    """Stream a list's lines into ``consume``; a broken transfer starts over with a fresh ``consume``."""

    def get() -> T:
        with http.stream("GET", base.rstrip("/") + "/" + path) as resp:
            _raise_for(resp)
            return consume(resp.iter_lines())

    return _with_retries(get, retries, backoff, path)


def _read_text(http: httpx.Client, base: str, path: str, retries: int, backoff: float, hooks: FetchProgress) -> str:
    hooks.listing(path)

    def get() -> str:
        resp = http.get(base.rstrip("/") + "/" + path)
        _raise_for(resp)
        return resp.text

    return _with_retries(get, retries, backoff, path)


def _raise_for(resp: httpx.Response) -> None:
    code = resp.status_code
    if code in (408, 425, 429) or code >= 500:
        raise _Transient(f"HTTP {code} {resp.reason_phrase} for {resp.url}")
    if code >= 400:
        raise _Permanent(f"HTTP {code} {resp.reason_phrase} for {resp.url}")


# -- manifest ---------------------------------------------------------------------------------

class _Manifest:
    """``.dyadwatch-fetch.json`` in the destination: what was verified (and ingested), by name.

    A cache, not a source of truth: a missing or unreadable manifest only costs re-hashing
    the local files (and, for files deleted after ingest, downloading them again).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.note = ""
        self.entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        self._saved_at = time.monotonic()
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = dict(data.get("files", {}))
            except (OSError, ValueError, AttributeError) as exc:
                self.note = f"{path}: unreadable manifest ignored ({exc}); local files are checked again"

    def get(self, remote: RemoteFile) -> dict[str, Any] | None:
        """The entry for this name if it is for the same bytes the list names now."""
        rec = self.entries.get(remote.name)
        if rec is None:
            return None
        if (remote.md5 is not None and rec.get("md5") != remote.md5) or (remote.size is not None and rec.get("size") != remote.size):
            return None
        return rec

    def record(self, remote: RemoteFile, digest: Digest, target: Path, *, file_id: int | None = None) -> None:
        rec = self.entries.get(remote.name, {})
        keep_id = rec.get("file_id") if rec.get("sha256") == digest.sha256 else None
        self.entries[remote.name] = {
            "size": digest.size, "md5": digest.md5, "sha256": digest.sha256,
            "mtime_ns": target.stat().st_mtime_ns if target.exists() else None,
            "file_id": file_id if file_id is not None else keep_id,
        }
        self._dirty = True

    def save(self, *, force: bool) -> None:
        if not self._dirty or (not force and time.monotonic() - self._saved_at < 2.0):
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(json.dumps({"version": 1, "files": self.entries}, indent=0, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise DownloadError(f"{self.path}: cannot write the manifest ({exc})") from exc
        self._dirty = False
        self._saved_at = time.monotonic()
