"""The real public samples in ../shared/samples: exact counts and field values."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch import Store

EXPECTED = {
    # file: (format detected, dataset(s), rows read, stored, quarantined, duplicates)
    "gdelt2_20180326044500.export.CSV": ("gdelt", ["gdelt2"], 1540, 1540, 0, 0),
    "gdelt2_export_extract_aamend_events.csv": ("gdelt", ["gdelt2"], 100, 100, 0, 0),
    "gdelt2_translation_export_extract_aamend_eventsT.csv": ("gdelt", ["gdelt2"], 100, 100, 0, 0),
    "gdelt1_mixed_extract_aamend_events1.csv": ("gdelt", ["gdelt1"], 100, 100, 0, 0),
    "gdelt1_mixed_extract_reed9999_events.csv": ("gdelt", ["gdelt1"], 710, 710, 0, 0),
    "icews_events.2018.sample.tab": ("icews", ["icews"], 3705, 3705, 0, 0),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_counts(samples: Path, store: Store, name: str) -> None:
    fmt, datasets, read, stored, quarantined, dups = EXPECTED[name]
    (res,) = store.ingest(samples / name)
    assert (res.format, res.datasets, res.rows_read, res.rows_stored, res.rows_quarantined, res.rows_duplicate) == (
        fmt, datasets, read, stored, quarantined, dups)
    assert res.rows_warned == 0, res.notes
    again = store.ingest(samples / name)[0]
    assert again.status == "skipped"
    assert store.sql("SELECT count(*) AS n FROM events")["n"].iloc[0] == stored


def test_mentions_sample_has_one_repeated_mention(samples: Path, store: Store) -> None:
    (res,) = store.ingest(samples / "gdelt2_mentions_extract_aamend_mentions.csv")
    assert (res.format, res.table, res.rows_read, res.rows_stored, res.rows_duplicate) == ("gdelt2-mentions", "mentions", 100, 99, 1)
    lines = (samples / "gdelt2_mentions_extract_aamend_mentions.csv").read_text().splitlines()
    keys = [tuple(x.split("\t")[i] for i in (0, 2, 5, 6)) for x in lines]
    assert len(keys) - len(set(keys)) == 1  # the file really repeats one (event, batch, document, sentence)


def test_gdelt2_fields_match_the_file(samples: Path, store: Store) -> None:
    store.ingest(samples / "gdelt2_20180326044500.export.CSV")
    line = (samples / "gdelt2_20180326044500.export.CSV").read_text(encoding="utf-8").splitlines()[0].split("\t")
    ev = store.sql("SELECT * FROM events WHERE event_id = ?", [line[0]]).iloc[0]
    assert ev["cameo_code"] == line[26] and ev["cameo_root"] == line[28]
    assert ev["goldstein"] == float(line[30])
    assert ev["gdelt_quad_class"] == int(line[29])
    assert str(ev["date"])[:10].replace("-", "") == line[1]
    assert ev["url"] == line[60]
    raw = store.sql("SELECT * FROM gdelt2_raw WHERE event_id = ?", [line[0]]).iloc[0]
    assert raw["Actor1Geo_FullName"] == line[36] and raw["SOURCEURL"] == line[60]


def test_gdelt_codes_are_strings_and_goldstein_matches_codebook(samples: Path, store: Store) -> None:
    for name in ("gdelt2_20180326044500.export.CSV", "gdelt1_mixed_extract_reed9999_events.csv"):
        store.ingest(samples / name)
    bad = store.sql(
        "SELECT count(*) AS n FROM events e JOIN ref_cameo r ON r.code = e.cameo_code WHERE abs(e.goldstein - r.goldstein) > 1e-9"
    )["n"].iloc[0]
    assert bad == 0
    assert store.sql("SELECT count(*) AS n FROM events WHERE cameo_root NOT LIKE '__' ")["n"].iloc[0] == 0


def test_gdelt1_backfile_zero_coordinates_are_null(samples: Path, store: Store) -> None:
    store.ingest(samples / "gdelt1_mixed_extract_reed9999_events.csv")
    hist = store.sql("SELECT count(*) AS n FROM events WHERE date < '2013-04-01' AND lat = 0 AND lon = 0")["n"].iloc[0]
    assert hist == 0
    assert store.sql("SELECT count(*) AS n FROM events WHERE date < '2000-01-01' AND url IS NOT NULL")["n"].iloc[0] == 0


def test_icews_countries_and_identity(samples: Path, store: Store) -> None:
    store.ingest(samples / "icews_events.2018.sample.tab")
    df = store.sql("SELECT source_country, count(*) AS n FROM events GROUP BY 1")
    named = dict(zip(df["source_country"], df["n"], strict=True))
    assert named.get("JPN", 0) > 0 and named.get("KOR", 0) > 0 and named.get("PRK", 0) > 0
    # 147 rows have no Source Country (NA) in the sample
    assert store.sql("SELECT count(*) AS n FROM events WHERE source_country IS NULL")["n"].iloc[0] == 147
    nk = store.sql(
        "SELECT count(*) AS n FROM events WHERE (source_country, target_country) IN (('PRK','KOR'), ('KOR','PRK'))"
    )["n"].iloc[0]
    assert nk == 53
    assert store.sql("SELECT count(*) AS n FROM events WHERE event_id NOT LIKE '%:2018-06-0_'")["n"].iloc[0] == 0


def test_country_counts_from_provenance(samples: Path, store: Store) -> None:
    store.ingest(samples / "gdelt2_20180326044500.export.CSV")
    jk = store.sql(
        "SELECT count(*) AS n FROM events WHERE source_country IN ('JPN','KOR') OR target_country IN ('JPN','KOR')"
    )["n"].iloc[0]
    assert jk == 24
    assert store.events(dyad=("JPN", "KOR")).empty
