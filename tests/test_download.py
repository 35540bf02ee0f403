"""The GDELT downloader against a real HTTP server on 127.0.0.1 serving real-layout files.

The server (threaded ``http.server``, random free port, Range support) serves master lists
whose URLs point at data.gdeltproject.org, as the real ones do; the downloader must fetch
from the configured base URL instead, and a guard on httpx's transport fails any test
whose requests would leave 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch import Store
from dyadwatch.cli import main
from dyadwatch.errors import ConfigError, DownloadError
from dyadwatch.sources.download import MANIFEST, FetchProgress, FileOutcome, fetch_gdelt, plan_gdelt
from dyadwatch.sources.masterlist import V2ListReader, parse_v1_lists, plan_v1
from dyadwatch.sources.synthetic import write_gdelt2
from gdelt_rows import to_v1

REAL_HOST = "http://data.gdeltproject.org/"
FAST: dict[str, Any] = {"retries": 2, "backoff": 0.001}


# -- the local server -----------------------------------------------------------------------

@dataclass
class Site:
    """What the server serves (by path) and how it misbehaves; every request it saw."""

    files: dict[str, bytes] = field(default_factory=dict)
    fail_first: dict[str, int] = field(default_factory=dict)  # answer 503 this many times
    cut_first: dict[str, int] = field(default_factory=dict)  # send half the body, then hang up
    no_range: set[str] = field(default_factory=set)  # ignore Range (answer 200, whole file)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def gets(self, path: str) -> list[str | None]:
        """The Range header of every request for ``path`` (None: no Range)."""
        return [r for p, r in self.requests if p == path]

    def file_requests(self) -> list[str]:
        return [p for p, _ in self.requests if p.endswith(".zip")]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def do_GET(self) -> None:
        site = self.server.site
        path = urlsplit(self.path).path.lstrip("/")
        rng = self.headers.get("Range")
        with site.lock:
            site.requests.append((path, rng))
            body = site.files.get(path)
            fail = site.fail_first.get(path, 0)
            if fail:
                site.fail_first[path] = fail - 1
            cut = site.cut_first.get(path, 0)
            if cut:
                site.cut_first[path] = cut - 1
        if body is None:
            return self._empty(404)
        if fail:
            return self._empty(503)
        start = 0
        if rng and path not in site.no_range:
            start = int(rng.removeprefix("bytes=").split("-")[0])
            if start >= len(body):
                return self._empty(416)
        chunk = body[start:]
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(chunk)))
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        if cut:
            self.wfile.write(chunk[: len(chunk) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(chunk)

    def _empty(self, code: int) -> None:
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Site) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.site = site


@pytest.fixture
def site() -> Site:
    return Site()


@pytest.fixture
def base_url(site: Site) -> Iterator[str]:
    """A mirror at http://127.0.0.1:PORT/mirror/ (a path under the host, as a real mirror may have)."""
    server = Server(site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/mirror/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def local_only(monkeypatch: pytest.MonkeyPatch) -> list[httpx.URL]:
    """Every URL httpx sends; a request for any host but 127.0.0.1 fails the test before it leaves."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DYADWATCH_GDELT_URL", "http://127.0.0.1:9/not-used/")
    seen: list[httpx.URL] = []
    real = httpx.HTTPTransport.handle_request

    def guarded(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        if request.url.host != "127.0.0.1":
            raise AssertionError(f"request left 127.0.0.1: {request.url}")
        return real(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", guarded)
    return seen


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0, trust_env=False) as c:
        yield c


# -- real-layout files ------------------------------------------------------------------------

def zipped(member: str, text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, text)
    return buf.getvalue()


def export_zip(tmp: Path, name: str, rows: int, first_id: int) -> bytes:
    """A 2.0 export zip of ``rows`` synthetic 61-field rows with ids from ``first_id``."""
    tsv = write_gdelt2(tmp / name.removesuffix(".zip"), rows, start=dt.date(2022, 12, 1), days=31, seed=first_id,
                       first_id=first_id)
    return zipped(tsv.name, tsv.read_text(encoding="utf-8"))


def mentions_zip(name: str, event_ids: range) -> bytes:
    lines = []
    for i in event_ids:
        f = [str(i), "20230101000000", "20230101001500", "1", "example.org", f"https://example.org/{i}", "1",
             "-1", "-1", "10", "1", "50", "1200", "-2.5", "", ""]
        lines.append("\t".join(f))
    return zipped(name.removesuffix(".zip"), "\n".join(lines) + "\n")


def v1_daily_zip(tmp: Path, day: dt.date, rows: int, first_id: int) -> bytes:
    tsv = write_gdelt2(tmp / f"v2-{day}.tsv", rows, start=day, days=1, seed=first_id, first_id=first_id)
    lines = [to_v1(line.split("\t")) for line in tsv.read_text(encoding="utf-8").splitlines()]
    assert all(len(f) == 58 for f in lines)
    return zipped(f"{day:%Y%m%d}.export.CSV", "\n".join("\t".join(f) for f in lines) + "\n")


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def list_line(name: str, data: bytes) -> str:
    """One master-list line in the real format, with the real host in the URL."""
    return f"{len(data)} {md5(data)} {REAL_HOST}gdeltv2/{name}"


def corrupt(data: bytes) -> bytes:
    """Same size, different bytes (a flipped byte in the middle)."""
    mid = len(data) // 2
    return data[:mid] + bytes([data[mid] ^ 0xFF]) + data[mid + 1:]


def count(store: Store, sql: str) -> int:
    return int(store.sql(sql).to_numpy()[0, 0])


# -- a 2.0 range with every kind of trouble -----------------------------------------------------

ROWS = {"000000": 20, "001500": 15, "003000": 12, "004500": 1500, "014500": 9}
EXPECTED_EVENTS = sum(ROWS.values())


@pytest.fixture
def troubled(site: Site, tmp_path: Path) -> dict[str, bytes]:
    """2023-01-01 00:00-01:45: retry, cut connection, 404, bad MD5, a slot missing from the list."""
    tmp = tmp_path / "build"
    tmp.mkdir()
    files: dict[str, bytes] = {}
    first = 900_000_000
    for hhmmss in ("000000", "001500", "003000", "004500", "011500", "013000", "014500"):
        name = f"20230101{hhmmss}.export.CSV.zip"
        files[name] = export_zip(tmp, name, ROWS.get(hhmmss, 7), first)
        first += 10_000
    # Outside the range: listed, must not be fetched.
    for name in ("20221231234500.export.CSV.zip", "20230101020000.export.CSV.zip"):
        files[name] = export_zip(tmp, name, 5, first)
        first += 10_000
    files["20230101001500.mentions.CSV.zip"] = mentions_zip("20230101001500.mentions.CSV.zip", range(900_010_000, 900_010_004))
    gkg = zipped("20230101000000.gkg.csv", "not read\n")
    lines = [list_line(n, d) for n, d in sorted(files.items())]
    lines.append(list_line("20230101000000.gkg.csv.zip", gkg))
    site.files["mirror/gdeltv2/masterfilelist.txt"] = ("\n".join(lines) + "\n").encode()
    for name, data in files.items():
        site.files[f"mirror/gdeltv2/{name}"] = data
    del site.files["mirror/gdeltv2/20230101011500.export.CSV.zip"]  # listed, 404
    site.files["mirror/gdeltv2/20230101013000.export.CSV.zip"] = corrupt(files["20230101013000.export.CSV.zip"])
    site.fail_first["mirror/gdeltv2/20230101003000.export.CSV.zip"] = 2
    site.cut_first["mirror/gdeltv2/20230101004500.export.CSV.zip"] = 1
    return files


START, END = dt.datetime(2023, 1, 1, 0, 0), dt.datetime(2023, 1, 1, 1, 45)


def test_fetch_verifies_retries_resumes_and_names_every_failure_and_gap(
    tmp_path: Path, site: Site, base_url: str, troubled: dict[str, bytes], client: httpx.Client, local_only: list[httpx.URL],
) -> None:
    dest = tmp_path / "dl"
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch_gdelt(store, start=START, end=END, dest=dest, base_url=base_url, client=client, **FAST)
        events = count(store, "SELECT count(*) FROM events WHERE dataset = 'gdelt2'")
        mentions = count(store, "SELECT count(*) FROM mentions")

    status = {f.name: (f.status, f.reason) for f in report.files}
    assert events == EXPECTED_EVENTS
    assert mentions == 0  # not asked for
    assert {n for n, (s, _) in status.items() if s == "ingested"} == {f"20230101{t}.export.CSV.zip" for t in ROWS}
    assert [f.name for f in report.failed] == ["20230101011500.export.CSV.zip", "20230101013000.export.CSV.zip"]
    assert status["20230101011500.export.CSV.zip"][1] == "HTTP 404 Not Found"
    good_md5 = md5(troubled["20230101013000.export.CSV.zip"])
    assert "MD5 mismatch" in status["20230101013000.export.CSV.zip"][1]
    assert good_md5 in status["20230101013000.export.CSV.zip"][1]
    assert "gave up after 3 attempts" in status["20230101013000.export.CSV.zip"][1]
    assert [g.name for g in report.gaps] == ["20230101010000.export.CSV.zip"]
    assert not report.ok
    assert report.rows_stored == EXPECTED_EVENTS

    def path(name: str) -> str:
        return f"mirror/gdeltv2/{name}"

    # 404: no retry. Bad MD5: every attempt. 503 twice: third attempt wins.
    assert site.gets(path("20230101011500.export.CSV.zip")) == [None]
    assert site.gets(path("20230101013000.export.CSV.zip")) == [None, None, None]
    assert site.gets(path("20230101003000.export.CSV.zip")) == [None, None, None]
    # Cut mid-file: the second request continues where the bytes stopped.
    cut = troubled["20230101004500.export.CSV.zip"]
    assert site.gets(path("20230101004500.export.CSV.zip")) == [None, f"bytes={len(cut) // 2}-"]
    resumed = next(f for f in report.files if f.name == "20230101004500.export.CSV.zip")
    assert resumed.resumed and resumed.bytes_fetched == len(cut) and resumed.attempts == 2
    # Only the range's files, nothing outside it, no GKG.
    assert not any("20221231" in p or "020000" in p or "gkg" in p or "mentions" in p for p in site.file_requests())
    # Files on disk are the verified ones; no partial or corrupt bytes left behind.
    assert sorted(p.name for p in dest.iterdir()) == sorted([MANIFEST, *(f"20230101{t}.export.CSV.zip" for t in ROWS)])
    assert (dest / "20230101004500.export.CSV.zip").read_bytes() == cut
    assert {u.host for u in local_only} == {"127.0.0.1"}

    # Run again: nothing fetched, nothing stored; the failures are still named.
    site.requests.clear()
    with Store(tmp_path / "s.duckdb") as store:
        files_before = count(store, "SELECT count(*) FROM files")
        again = fetch_gdelt(store, start=START, end=END, dest=dest, base_url=base_url, client=client, **FAST)
        assert count(store, "SELECT count(*) FROM files") == files_before
        assert count(store, "SELECT count(*) FROM events") == EXPECTED_EVENTS
    assert again.counts() == {"ingested": 0, "downloaded": 0, "skipped": 5, "failed": 2}
    assert all(f.reason.startswith("already ingested") for f in again.files if f.status == "skipped")
    assert again.rows_stored == 0
    assert sorted(set(site.file_requests())) == [path("20230101011500.export.CSV.zip"), path("20230101013000.export.CSV.zip")]


def test_cli_reports_failures_and_gaps_by_name_and_exits_1(
    tmp_path: Path, site: Site, base_url: str, troubled: dict[str, bytes], local_only: list[httpx.URL],
) -> None:
    db, dest = tmp_path / "cli.duckdb", tmp_path / "dl"
    args = ["--db", str(db), "fetch", "gdelt", "--start", "2023-01-01", "--end", "2023-01-01", "--base-url", base_url,
            "--dest", str(dest), "--retries", "0"]
    site.fail_first.clear()  # with --retries 0 a 503 would be a failure too
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1, r.output
    lines = r.stdout.splitlines()
    assert "FAILED 20230101011500.export.CSV.zip: HTTP 404 Not Found" in lines
    assert any(line.startswith("FAILED 20230101013000.export.CSV.zip: MD5 mismatch") for line in lines)
    # The cut file has no retry left: it fails, named, and its partial bytes stay for the next run.
    assert any(line.startswith("FAILED 20230101004500.export.CSV.zip: ") for line in lines)
    assert (dest / "20230101004500.export.CSV.zip.part").stat().st_size == len(troubled["20230101004500.export.CSV.zip"]) // 2
    assert "GAP 20230101010000.export.CSV.zip: not in the master list" in lines
    # The list goes on to 02:00; the slots after it are not published yet, said once, not listed as gaps.
    assert "note: gdeltv2/masterfilelist.txt ends at 2023-01-01 02:00; 87 slot(s) after it are not published yet" in lines
    # The whole day: 02:00 is inside it too (5 rows).
    assert lines[-1] == ("8 file(s): ingested 5, downloaded 0, skipped 0, failed 3; 1 gap(s); "
                         f"events and mentions stored {EXPECTED_EVENTS - ROWS['004500'] + 5}")
    assert "20230101000000.export.CSV.zip: ingested, read 20, stored 20, quarantined 0, duplicates 0" in lines

    # Second run with a healthy server: only the cut file is fetched, from where it stopped.
    site.requests.clear()
    r = CliRunner().invoke(main, ["--quiet", *args])
    assert r.exit_code == 1
    half = len(troubled["20230101004500.export.CSV.zip"]) // 2
    assert site.gets("mirror/gdeltv2/20230101004500.export.CSV.zip") == [f"bytes={half}-"]
    assert r.stdout.splitlines()[-1] == ("8 file(s): ingested 1, downloaded 0, skipped 5, failed 2; 1 gap(s); "
                                        f"events and mentions stored {ROWS['004500']}")
    assert not any(line.endswith("duplicates 0") for line in r.stdout.splitlines())  # --quiet: no per-file lines
    with Store(db, read_only=True) as store:
        assert count(store, "SELECT count(*) FROM events") == EXPECTED_EVENTS + 5
    assert {u.host for u in local_only} == {"127.0.0.1"}


# -- resume -----------------------------------------------------------------------------------

@pytest.fixture
def one_file(site: Site, tmp_path: Path) -> tuple[str, bytes]:
    name = "20230101000000.export.CSV.zip"
    data = export_zip(tmp_path, name, 4000, 700_000_000)
    assert len(data) > 3 * 64 * 1024 // 2  # more than one 64 KiB chunk
    site.files["mirror/gdeltv2/masterfilelist.txt"] = (list_line(name, data) + "\n").encode()
    site.files[f"mirror/gdeltv2/{name}"] = data
    return name, data


ONE: dict[str, Any] = {"start": dt.datetime(2023, 1, 1, 0, 0), "end": dt.datetime(2023, 1, 1, 0, 0)}


def test_resume_after_a_killed_run(tmp_path: Path, site: Site, base_url: str, one_file: tuple[str, bytes], client: httpx.Client) -> None:
    """A run interrupted mid-file (Ctrl-C) leaves NAME.part; the next run asks only for the rest."""
    name, data = one_file
    dest = tmp_path / "dl"

    class Interrupt(FetchProgress):
        def advance(self, nbytes: int) -> None:
            raise KeyboardInterrupt

    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            fetch_gdelt(store, **ONE, dest=dest, base_url=base_url, client=client, progress=Interrupt(), **FAST)
        part = dest / f"{name}.part"
        kept = part.stat().st_size
        assert 0 < kept < len(data)
        assert not (dest / name).exists()

        site.requests.clear()
        report = fetch_gdelt(store, **ONE, dest=dest, base_url=base_url, client=client, **FAST)
        assert count(store, "SELECT count(*) FROM events") == 4000
    [out] = report.files
    assert (out.status, out.resumed, out.bytes_fetched, out.attempts) == ("ingested", True, len(data) - kept, 1)
    assert site.gets(f"mirror/gdeltv2/{name}") == [f"bytes={kept}-"]
    assert (dest / name).read_bytes() == data and not part.exists()


def test_server_without_range_support_restarts(tmp_path: Path, site: Site, base_url: str, one_file: tuple[str, bytes],
                                               client: httpx.Client) -> None:
    name, data = one_file
    dest = tmp_path / "dl"
    dest.mkdir()
    (dest / f"{name}.part").write_bytes(data[:1000])
    site.no_range.add(f"mirror/gdeltv2/{name}")
    report = fetch_gdelt(None, **ONE, dest=dest, base_url=base_url, client=client, **FAST)
    [out] = report.files
    assert (out.status, out.resumed, out.bytes_fetched) == ("downloaded", False, len(data))
    assert site.gets(f"mirror/gdeltv2/{name}") == ["bytes=1000-"]
    assert (dest / name).read_bytes() == data


def test_stale_partial_with_wrong_bytes_is_discarded_and_fetched_again(
    tmp_path: Path, site: Site, base_url: str, one_file: tuple[str, bytes], client: httpx.Client,
) -> None:
    name, data = one_file
    dest = tmp_path / "dl"
    dest.mkdir()
    (dest / f"{name}.part").write_bytes(b"\0" * 1000)  # e.g. left by an older version of the file
    report = fetch_gdelt(None, **ONE, dest=dest, base_url=base_url, client=client, **FAST)
    [out] = report.files
    assert (out.status, out.attempts) == ("downloaded", 2)
    assert site.gets(f"mirror/gdeltv2/{name}") == ["bytes=1000-", None]
    assert (dest / name).read_bytes() == data


# -- skip rules -------------------------------------------------------------------------------

def test_download_only_then_ingest_then_files_deleted(
    tmp_path: Path, site: Site, base_url: str, troubled: dict[str, bytes], client: httpx.Client,
) -> None:
    dest = tmp_path / "dl"
    site.fail_first.clear()
    site.cut_first.clear()
    first = fetch_gdelt(None, start=START, end=END, dest=dest, base_url=base_url, client=client, **FAST)
    assert first.counts() == {"ingested": 0, "downloaded": 5, "skipped": 0, "failed": 2}

    # With a store: ingested from the verified local files, nothing downloaded.
    site.requests.clear()
    with Store(tmp_path / "s.duckdb") as store:
        second = fetch_gdelt(store, start=START, end=END, dest=dest, base_url=base_url, client=client, **FAST)
        assert count(store, "SELECT count(*) FROM events") == EXPECTED_EVENTS
    assert second.counts() == {"ingested": 5, "downloaded": 0, "skipped": 0, "failed": 2}
    assert not any(f.downloaded for f in second.files)
    assert sorted(set(site.file_requests())) == ["mirror/gdeltv2/20230101011500.export.CSV.zip",
                                                 "mirror/gdeltv2/20230101013000.export.CSV.zip"]

    # Local copies deleted: the manifest and the store still know them, nothing is fetched.
    for p in dest.glob("*.zip"):
        p.unlink()
    site.requests.clear()
    with Store(tmp_path / "s.duckdb") as store:
        third = fetch_gdelt(store, start=START, end=END, dest=dest, base_url=base_url, client=client, **FAST)
    assert third.counts() == {"ingested": 0, "downloaded": 0, "skipped": 5, "failed": 2}
    assert len(set(site.file_requests())) == 2


def test_local_copy_that_no_longer_matches_the_list_is_fetched_again(
    tmp_path: Path, site: Site, base_url: str, one_file: tuple[str, bytes], client: httpx.Client,
) -> None:
    name, data = one_file
    dest = tmp_path / "dl"
    dest.mkdir()
    (dest / name).write_bytes(corrupt(data))
    report = fetch_gdelt(None, **ONE, dest=dest, base_url=base_url, client=client, **FAST)
    assert report.files[0].status == "downloaded"
    assert (dest / name).read_bytes() == data


# -- streams, mentions, 1.0 -----------------------------------------------------------------------

def test_translation_and_mentions_streams(tmp_path: Path, site: Site, base_url: str, client: httpx.Client) -> None:
    eng = {"20230101000000.export.CSV.zip": export_zip(tmp_path, "e0", 10, 100_000_000),
           "20230101000000.mentions.CSV.zip": mentions_zip("m0", range(100_000_000, 100_000_006)),
           "20230101001500.export.CSV.zip": export_zip(tmp_path, "e1", 10, 100_001_000)}
    # The 00:15 mentions file is missing from the list: a gap of kind mentions.
    tr = {"20230101000000.translation.export.CSV.zip": export_zip(tmp_path, "t0", 4, 200_000_000),
          "20230101000000.translation.mentions.CSV.zip": mentions_zip("tm0", range(200_000_000, 200_000_003)),
          "20230101001500.translation.export.CSV.zip": export_zip(tmp_path, "t1", 3, 200_001_000),
          "20230101001500.translation.mentions.CSV.zip": mentions_zip("tm1", range(200_001_000, 200_001_002))}
    site.files["mirror/gdeltv2/masterfilelist.txt"] = "\n".join(list_line(n, d) for n, d in eng.items()).encode()
    site.files["mirror/gdeltv2/masterfilelist-translation.txt"] = "\n".join(list_line(n, d) for n, d in tr.items()).encode()
    for n, d in {**eng, **tr}.items():
        site.files[f"mirror/gdeltv2/{n}"] = d
    rng: dict[str, Any] = {"start": dt.datetime(2023, 1, 1, 0, 0), "end": dt.datetime(2023, 1, 1, 0, 15)}

    plain = plan_gdelt(**rng, base_url=base_url, client=client)
    assert [f.name for f in plain.files] == ["20230101000000.export.CSV.zip", "20230101001500.export.CSV.zip"]
    assert plain.gaps == []

    with Store(tmp_path / "s.duckdb") as store:
        report = fetch_gdelt(store, **rng, translation=True, mentions=True, dest=tmp_path / "dl", base_url=base_url,
                             client=client, **FAST)
        assert count(store, "SELECT count(*) FROM events") == 10 + 10 + 4 + 3
        assert count(store, "SELECT count(*) FROM mentions") == 6 + 3 + 2
    assert report.ok and report.counts()["ingested"] == 7
    assert [(g.name, g.stream, g.kind) for g in report.gaps] == [("20230101001500.mentions.CSV.zip", "english", "mentions")]


def test_gdelt1_daily_files(tmp_path: Path, site: Site, base_url: str, client: httpx.Client) -> None:
    days = [dt.date(2023, 1, d) for d in (1, 2, 4, 5)]  # 01-03 is not listed
    rows = {d: 5 + i for i, d in enumerate(days)}
    data = {f"{d:%Y%m%d}.export.CSV.zip": v1_daily_zip(tmp_path, d, rows[d], 300_000_000 + 1000 * i) for i, d in enumerate(days)}
    data["201303.zip"] = zipped("201303.csv", "outside the range\n")
    site.files["mirror/events/md5sums"] = "".join(f"{md5(b)}  {n}\n" for n, b in data.items()).encode()
    site.files["mirror/events/filesizes"] = "".join(f"{len(b)} {n}\n" for n, b in data.items()).encode()
    for n, b in data.items():
        site.files[f"mirror/events/{n}"] = b
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch_gdelt(store, start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 4), version=1, dest=tmp_path / "dl",
                             base_url=base_url, client=client, **FAST)
        assert count(store, "SELECT count(*) FROM events WHERE dataset = 'gdelt1'") == rows[days[0]] + rows[days[1]] + rows[days[2]]
    assert [f.name for f in report.files] == ["20230101.export.CSV.zip", "20230102.export.CSV.zip", "20230104.export.CSV.zip"]
    assert report.ok and report.counts()["ingested"] == 3
    assert [g.name for g in report.gaps] == ["20230103.export.CSV.zip"]
    assert not any("201303" in p for p in site.file_requests())


def test_master_list_unreachable_is_a_download_error(tmp_path: Path, site: Site, base_url: str, client: httpx.Client) -> None:
    with pytest.raises(DownloadError, match=r"gdeltv2/masterfilelist.txt: HTTP 404"):
        fetch_gdelt(None, **ONE, dest=tmp_path / "dl", base_url=base_url, client=client, **FAST)
    site.fail_first["mirror/gdeltv2/masterfilelist.txt"] = 5
    site.files["mirror/gdeltv2/masterfilelist.txt"] = b""
    with pytest.raises(DownloadError, match=r"HTTP 503 .*gave up after 3 attempts"):
        fetch_gdelt(None, **ONE, dest=tmp_path / "dl", base_url=base_url, client=client, **FAST)
    r = CliRunner().invoke(main, ["--db", str(tmp_path / "x.duckdb"), "fetch", "gdelt", "--start", "2023-01-01", "--end",
                                  "2023-01-01", "--base-url", base_url, "--dest", str(tmp_path / "dl"), "--retries", "0"])
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: gdeltv2/masterfilelist.txt: HTTP 503")


def test_bad_options() -> None:
    with pytest.raises(ConfigError):
        plan_gdelt(start=dt.date(2023, 1, 1), end=dt.date(2023, 1, 2), version=1, mentions=True)
    r = CliRunner().invoke(main, ["fetch", "gdelt", "--start", "2023-01-02", "--end", "2023-01-01", "--no-ingest"])
    assert r.exit_code == 1 and "end 2023-01-01 is before start 2023-01-02" in r.stderr
    r = CliRunner().invoke(main, ["fetch", "gdelt", "--start", "2023-01-01", "--end", "2023-01-01", "--version", "1", "--mentions",
                                  "--no-ingest"])
    assert r.exit_code == 1 and "--mentions exist only for GDELT 2.0" in r.stderr


# -- the lists themselves -----------------------------------------------------------------------

def test_v1_archive_names_across_eras() -> None:
    names = ["2005.zip", "200601.zip", "200602.zip", "201303.zip", "20130401.export.CSV.zip", "20130402.export.CSV.zip"]
    md5s = {n: "0" * 32 for n in names}
    sizes = {n: 1 for n in names if n != "200602.zip"}
    plan = plan_v1(md5s, sizes, start=dt.date(2005, 12, 15), end=dt.date(2006, 3, 3))
    assert [f.name for f in plan.files] == ["2005.zip", "200601.zip", "200602.zip"]
    assert [g.name for g in plan.gaps] == ["200603.zip"]
    assert plan.notes == ["200602.zip is in events/md5sums but not in events/filesizes: its size cannot be checked"]
    plan = plan_v1(md5s, sizes, start=dt.date(2013, 3, 30), end=dt.date(2013, 4, 2))
    assert plan.notes == []
    assert [(f.name, f.kind) for f in plan.files] == [("201303.zip", "monthly"), ("20130401.export.CSV.zip", "daily"),
                                                      ("20130402.export.CSV.zip", "daily")]


def test_v1_lists_parse_either_token_order() -> None:
    md5s, sizes, bad = parse_v1_lists(f"{'a' * 32}  20230101.export.CSV.zip\n\ngarbage\n", "20230101.export.CSV.zip 123\n456 2005.zip\n")
    assert md5s == {"20230101.export.CSV.zip": "a" * 32}
    assert sizes == {"20230101.export.CSV.zip": 123, "2005.zip": 456}
    assert bad == ["events/md5sums line 3: not '<md5>  <name>': 'garbage'"]


def test_malformed_master_list_lines_are_noted_not_dropped_silently() -> None:
    r = V2ListReader(stream="english", kinds=("export",), lo=dt.datetime(2023, 1, 1), hi=dt.datetime(2023, 1, 1, 0, 15),
                     source="gdeltv2/masterfilelist.txt")
    for line in [list_line("20230101000000.export.CSV.zip", b"x"), "", "http://data.gdeltproject.org/gdeltv2/20230101001500.export.CSV.zip",
                 "12 34 http://data.gdeltproject.org/gdeltv2/README.txt"]:
        r.feed(line)
    assert sorted(r.files) == ["20230101000000.export.CSV.zip", "20230101001500.export.CSV.zip"]
    assert r.files["20230101001500.export.CSV.zip"].md5 is None
    assert r.notes() == [
        "gdeltv2/masterfilelist.txt line 3: 20230101001500.export.CSV.zip is listed without a valid size and MD5",
        "gdeltv2/masterfilelist.txt line 4: not a GDELT 2.0 file entry: '12 34 http://data.gdeltproject.org/gdeltv2/README.txt'",
    ]


@settings(max_examples=60, deadline=None)
@given(listed=st.lists(st.booleans(), min_size=1, max_size=40), lead=st.integers(0, 5))
def test_gaps_are_exactly_the_unlisted_slots_between_first_and_last(listed: list[bool], lead: int) -> None:
    t0 = dt.datetime(2023, 5, 1, 6, 0)
    slots = [t0 + i * dt.timedelta(minutes=15) for i in range(len(listed))]
    r = V2ListReader(stream="english", kinds=("export",), lo=t0 - lead * dt.timedelta(minutes=15), hi=slots[-1] + dt.timedelta(hours=1),
                     source="m")
    for s, keep in zip(slots, listed, strict=True):
        if keep:
            r.feed(f"1 {'0' * 32} {REAL_HOST}gdeltv2/{s:%Y%m%d%H%M%S}.export.CSV.zip")
    on = [s for s, keep in zip(slots, listed, strict=True) if keep]
    expected = [s for s in slots if on and on[0] <= s <= on[-1] and s not in on]
    assert [g.stamp for g in r.gaps()] == expected
    assert [f.stamp for f in sorted(r.files.values(), key=lambda f: f.stamp)] == on


def test_outcome_reports_are_plain_data() -> None:
    out = FileOutcome(name="x", url="u", status="failed", reason="HTTP 404 Not Found")
    assert out.ingest is None and not out.downloaded
