"""Files in the real formats, written here, with every kind of damage: both engines agree."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dyadwatch import FormatError, InputError, Store
from gdelt_rows import gdelt2_row, to_v1, write_rows

ENGINES = ["auto", "lines"]


def _counts(store: Store) -> tuple[int, int]:
    ev = store.sql("SELECT count(*) AS n FROM events")["n"].iloc[0]
    q = store.sql("SELECT count(*) AS n FROM quarantine")["n"].iloc[0]
    return int(ev), int(q)


@pytest.mark.parametrize("engine", ENGINES)
def test_mixed_layouts_in_one_file(tmp_path: Path, store: Store, engine: str) -> None:
    r61 = gdelt2_row(1001)
    rows = [r61, to_v1(gdelt2_row(1002)), to_v1(gdelt2_row(1003), historical=True)]
    (res,) = store.ingest(write_rows(tmp_path / "mixed.CSV", rows), format="gdelt", engine=engine)
    assert (res.rows_read, res.rows_stored, res.rows_quarantined) == (3, 3, 0)
    df = store.events(columns=("event_id", "dataset", "url", "country", "lat"))
    assert df.set_index("event_id")["dataset"].to_dict() == {"1001": "gdelt2", "1002": "gdelt1", "1003": "gdelt1"}
    urls = df.set_index("event_id")["url"].to_dict()
    assert urls["1002"] == "https://example.org/a" and pd.isna(urls["1003"])
    assert set(df["country"]) == {"KOR"}  # FIPS KS -> ISO3 KOR in both layouts


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_rows_are_quarantined_with_line_and_field(tmp_path: Path, store: Store, engine: str) -> None:
    rows: list[list[str] | str] = [gdelt2_row(i) for i in range(1, 6)]
    rows[1] = gdelt2_row(2, date="20191345")            # line 2: bad date
    rows[2] = gdelt2_row(3, goldstein="lots")           # line 3: not a number
    rows.insert(3, "\t".join(gdelt2_row(99)[:30]))      # line 4: 30 fields
    rows.append("\t".join([*gdelt2_row(7), "x", "y"]))  # line 7: 63 fields
    rows.append(gdelt2_row(1))                           # line 8: same event as line 1
    (res,) = store.ingest(write_rows(tmp_path / "bad.CSV", rows), format="gdelt2", engine=engine)
    assert (res.rows_read, res.rows_stored, res.rows_quarantined, res.rows_duplicate) == (8, 3, 4, 1)
    q = store.quarantine()
    got = sorted(zip(q["line"], q["field"], strict=True))
    assert got == [(2, "SQLDATE"), (3, "GoldsteinScale"), (4, "line"), (7, "line")]
    reasons = dict(zip(q["line"], q["reason"], strict=True))
    assert "20191345" in reasons[2] and "lots" in reasons[3] and "30" in reasons[4] and "63" in reasons[7]
    raw = dict(zip(q["line"], q["raw"], strict=True))
    assert raw[3] == "\t".join(gdelt2_row(3, goldstein="lots"))


@pytest.mark.parametrize("engine", ENGINES)
def test_reingest_of_overlapping_file_stores_nothing_twice(tmp_path: Path, store: Store, engine: str) -> None:
    store.ingest(write_rows(tmp_path / "a.CSV", [gdelt2_row(i) for i in range(1, 4)]), engine=engine)
    (res,) = store.ingest(write_rows(tmp_path / "b.CSV", [gdelt2_row(i) for i in range(2, 6)]), engine=engine)
    assert (res.rows_read, res.rows_stored, res.rows_duplicate) == (4, 2, 2)
    assert _counts(store) == (5, 0)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("second_name", ["a.CSV", "renamed.CSV", "a.CSV.zip"])
def test_same_bytes_again_are_skipped_whatever_the_name(tmp_path: Path, store: Store, engine: str, second_name: str) -> None:
    """The checksum settles it: under its own name it is caught before any work, under
    another name (or zipped with the same member) once its rows have been read, and rolled back."""
    first = write_rows(tmp_path / "a.CSV", [gdelt2_row(i) for i in range(1, 4)])
    (one,) = store.ingest(first, engine=engine)
    again = tmp_path / "again" / second_name
    again.parent.mkdir()
    if second_name.endswith(".zip"):
        with zipfile.ZipFile(again, "w") as zf:
            zf.write(first, "a.CSV")
    else:
        again.write_bytes(first.read_bytes())
    (two,) = store.ingest(again, engine=engine)
    if second_name.endswith(".zip"):  # other bytes: read, and every row a duplicate
        assert (two.status, two.rows_read, two.rows_stored, two.rows_duplicate) == ("ingested", 3, 0, 3)
    else:
        assert (two.status, two.file_id) == ("skipped", one.file_id)
        assert store.sql("SELECT count(*) AS n FROM files")["n"].iloc[0] == 1
    assert _counts(store) == (3, 0)


def test_empty_lines_are_not_rows(tmp_path: Path, store: Store) -> None:
    p = tmp_path / "gaps.CSV"
    p.write_text("\t".join(gdelt2_row(1)) + "\n\n" + "\t".join(gdelt2_row(2)) + "\n", encoding="utf-8")
    (res,) = store.ingest(p)
    assert (res.rows_read, res.rows_stored) == (2, 2)
    assert any("empty line" in n for n in res.notes)


def test_damaged_utf8_is_tolerated(tmp_path: Path, store: Store) -> None:
    row = gdelt2_row(5)
    row[52] = "San\ufffda'"
    data = "\t".join(row).encode("utf-8").replace("\ufffd".encode(), b"\x91")
    p = tmp_path / "latin.CSV"
    p.write_bytes(data + b"\n" + "\t".join(gdelt2_row(6)).encode() + b"\n")
    (res,) = store.ingest(p)
    assert (res.rows_read, res.rows_stored, res.rows_quarantined) == (2, 2, 0)


def test_zip_and_truncated_zip(tmp_path: Path, store: Store) -> None:
    plain = write_rows(tmp_path / "20190704000000.export.CSV", [gdelt2_row(i) for i in range(1, 50)])
    z = tmp_path / "20190704000000.export.CSV.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(plain, plain.name)
    assert store.ingest(z)[0].rows_stored == 49
    cut = tmp_path / "cut.CSV.zip"
    cut.write_bytes(z.read_bytes()[: z.stat().st_size // 2])
    with pytest.raises(FormatError, match=r"cut\.CSV\.zip"):
        store.ingest(cut)
    assert _counts(store) == (49, 0)


def test_whole_file_errors(tmp_path: Path, store: Store, samples: Path) -> None:
    empty = tmp_path / "empty.CSV"
    empty.write_text("")
    with pytest.raises(FormatError, match="empty"):
        store.ingest(empty)
    with pytest.raises(InputError, match="no such file"):
        store.ingest(tmp_path / "nope.CSV")
    with pytest.raises(FormatError, match=r"line 1.*20 tab-separated fields; gdelt2 expects 61"):
        store.ingest(samples / "icews_events.2018.sample.tab", format="gdelt2")
    with pytest.raises(FormatError, match="header lacks"):
        store.ingest(samples / "gdelt2_20180326044500.export.CSV", format="icews")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(FormatError):
        store.ingest(garbage)
    assert _counts(store) == (0, 0)


def test_folder_of_mixed_files(tmp_path: Path, store: Store, samples: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    write_rows(d / "a.export.CSV", [gdelt2_row(i) for i in range(1, 4)])
    write_rows(d / "b.export.CSV", [to_v1(gdelt2_row(i)) for i in range(10, 12)])
    (d / "c.tab").write_text((samples / "icews_events.2018.sample.tab").read_text().splitlines()[0] + "\n"
                             + "\n".join((samples / "icews_events.2018.sample.tab").read_text().splitlines()[1:4]) + "\n")
    results = store.ingest(d)
    assert [(r.format, r.rows_stored) for r in results] == [("gdelt", 3), ("gdelt", 2), ("icews", 3)]


def test_icews_quirks(tmp_path: Path, store: Store) -> None:
    header = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t"
              "Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
              "Province\tCountry\tLatitude\tLongitude")
    rows = [
        "1\t2019-07-04\tJapan\t\"Executive,Government\"\tJapan\tImpose embargo\t163\t-8\tSouth Korea\tNA\tSouth Korea\t9\t1\tP\tTokyo\tNA\tTokyo\tJapan\t35.6\t139.7",
        "1\t12/1/2017\tMoon Jae-in\tGovernment\tSouth Korea\tConsult\t040\t1\tJapan\tNA\tJapan\t9\t2\tP\tNA\tNA\tNA\tNA\tNA\tNA",
        "2\t2019-13-01\tX\tNA\tJapan\tConsult\t040\t1\tY\tNA\tSouth Korea\t9\t3\tP\tNA\tNA\tNA\tNA\tNA\tNA",
        "3\t2019-07-05\tX\tNA\tJapan\tConsult\t040\tstrong\tY\tNA\tSouth Korea\t9\t3\tP\tNA\tNA\tNA\tNA\tNA\tNA",
    ]
    p = tmp_path / "events.2019.tab"
    p.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (res,) = store.ingest(p)
    assert (res.rows_read, res.rows_stored, res.rows_quarantined) == (4, 2, 2)
    ev = store.events(columns=("event_id", "date", "source_country", "source_sector", "target_country", "lat")).set_index("event_id")
    assert list(ev.index) == ["1:2017-12-01", "1:2019-07-04"]  # same Event ID, two dates: two events
    assert ev.loc["1:2019-07-04", "source_sector"] == "GOV" and ev.loc["1:2017-12-01", "source_country"] == "KOR"
    q = store.quarantine()
    assert sorted(zip(q["line"], q["field"], strict=True)) == [(4, "Event Date"), (5, "Intensity")]


def test_polecat_quirks(tmp_path: Path, store: Store) -> None:
    from dyadwatch.sources.polecat import STANDARD_COLUMNS

    def row(eid: str, etype: str, actor: str = "JPN", recip: str = "KOR", intensity: str = "-6") -> list[str]:
        r = ["None"] * len(STANDARD_COLUMNS)
        vals = {"Event ID": eid, "Event Date": "2023-03-16", "Event Type": etype, "Event Mode": "None",
                "Intensity": intensity, "Quad Code": "MATERIAL CONFLICT" if etype == "sanction" else "VERBAL COOPERATION",
                "Actor Name": "Japan", "Actor Country": actor, "Recipient Name": "South Korea",
                "Recipient Country": recip, "Country": "JPN", "Latitude": "35.6", "Longitude": "139.7",
                "Source": "Süddeutsche"}
        for k, v in vals.items():
            r[STANDARD_COLUMNS.index(k)] = v
        return r

    header = "\t".join(c.replace("Intensity", "Event Intensity") for c in STANDARD_COLUMNS) + "\t\t"
    lines = [header, "\t".join(row("a1", "sanction")) + "\t\t", "\t".join(row("a2", "Consult", intensity="1")),
             "\t".join(row("a3", "dance")), "\t".join(row("a1", "sanction"))]
    p = tmp_path / "ngecEvents.20230320.Release600.DV.txt"
    p.write_bytes("\n".join(lines).encode("latin-1") + b"\n")
    (res,) = store.ingest(p, format="polecat")
    assert (res.rows_read, res.rows_stored, res.rows_quarantined, res.rows_duplicate) == (4, 2, 1, 1)
    ev = store.events(columns=("event_id", "plover", "quad_class", "goldstein", "source_country")).set_index("event_id")
    assert ev.loc["a1", "plover"] == "SANCTION" and ev.loc["a1", "quad_class"] == 4 and ev.loc["a1", "goldstein"] == -6
    assert ev.loc["a2", "plover"] == "CONSULT" and ev.loc["a2", "quad_class"] == 1
    assert any("ISO-8859-1" in n for n in res.notes)
    assert store.quarantine()["field"].tolist() == ["Event Type"]


def test_keep_raw_off(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_KEEP_RAW", "0")
    rows = [gdelt2_row(1), gdelt2_row(2, date="2019xx01")]
    (res,) = store.ingest(write_rows(tmp_path / "r.CSV", rows))
    assert (res.rows_stored, res.rows_quarantined) == (1, 1)
    assert store.sql("SELECT count(raw) AS n FROM events")["n"].iloc[0] == 0
    assert store.quarantine()["raw"].iloc[0] == "\t".join(rows[1])


def test_an_unusable_file_is_not_read_to_the_end_for_its_checksum(tmp_path: Path) -> None:
    """The checksum thread stops when the ingest has failed (scan_bytes honours its stop event)."""
    import threading

    from dyadwatch.store.ingest import scan_bytes

    p = tmp_path / "big.bin"
    p.write_bytes(b"x" * (20 * 1024 * 1024))
    stop = threading.Event()
    assert scan_bytes(p, stop=stop).size == p.stat().st_size
    stop.set()
    assert scan_bytes(p, stop=stop).size == 0


@pytest.mark.parametrize("data", [b"", b"a\tb\n", b"a\nb", b"a\n\nb\n", b"\n", b"x" * 100])
def test_an_unpacked_member_is_counted_as_it_is_written(tmp_path: Path, data: bytes) -> None:
    """Lines counted while a zip/gzip member is written agree with a scan of the written file."""
    import io

    from dyadwatch.store.ingest import _copy_counting_lines, scan_bytes

    target = tmp_path / "member"
    got = _copy_counting_lines(io.BytesIO(data), target)
    want = scan_bytes(target)
    assert target.read_bytes() == data
    assert (got.size, got.lines) == (want.size, want.lines)


def test_zipped_file_with_gaps_and_no_final_newline(tmp_path: Path, store: Store) -> None:
    body = "\t".join(gdelt2_row(1)) + "\n\n" + "\t".join(gdelt2_row(2))
    p = tmp_path / "gaps.CSV.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("gaps.CSV", body)
    (res,) = store.ingest(p)
    assert (res.rows_read, res.rows_stored) == (2, 2)
    assert any("empty line" in n for n in res.notes)
