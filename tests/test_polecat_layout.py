"""POLECAT rows in the layout of the real Dataverse files (fixtures/ngecEvents.DV.2023.layout.txt).

The fixture's rows are composed here; what carries over from the real files is the layout
(see docs/formats.md, "POLECAT"): the 40-column header, UTF-8 text, ``None`` for missing
values, Event IDs ``<story>_<TYPE>[_<mode>]``, upper-case Event Type, lower-case Event Mode,
``" | "``-separated Contexts and Story lists, and actor/recipient fields that list several
actors separated by ``"; "``, position by position (``Actor Country`` ``"Syria; Palestinian
Territories"``, ``"United States; None"``), with countries as English names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dyadwatch import Store

FIXTURE = Path(__file__).parent / "fixtures" / "ngecEvents.DV.2023.layout.txt"
ENGINES = ["auto", "lines"]


def _ingest(tmp_path: Path, store: Store, engine: str = "auto", text: str | None = None) -> tuple[object, pd.DataFrame]:
    p = tmp_path / FIXTURE.name
    if text is None:
        shutil.copy(FIXTURE, p)
    else:
        p.write_text(text, encoding="utf-8")
    (res,) = store.ingest(p, format="polecat", engine=engine)
    cols = ("event_id", "date", "source_actor", "source_country", "target_actor", "target_country",
            "plover", "plover_mode", "quad_class", "goldstein", "country", "doc_id")
    return res, store.events(columns=cols).set_index("event_id")


@pytest.mark.parametrize("engine", ENGINES)
def test_real_layout_rows(tmp_path: Path, store: Store, engine: str) -> None:
    res, ev = _ingest(tmp_path, store, engine)
    assert (res.rows_read, res.rows_stored, res.rows_quarantined, res.rows_duplicate) == (5, 4, 1, 0)
    assert res.rows_warned == 0  # no "unmapped country" for lists such as "North Korea; North Korea"
    assert not any("ISO-8859-1" in n for n in res.notes)  # the real files are UTF-8

    one = ev.loc["20230105-0101-0a1b2c3d4e5f_CONSULT_visit"]
    assert (one["source_actor"], one["source_country"], one["target_actor"], one["target_country"]) == (
        "Yoon Suk Yeol", "KOR", "Fumio Kishida", "JPN")
    assert (one["plover"], one["plover_mode"], one["quad_class"], one["goldstein"], one["country"]) == (
        "CONSULT", "visit", 1, 1.0, "JPN")
    assert str(one["date"])[:10] == "2023-01-05"


def test_several_actors_first_listed_is_kept(tmp_path: Path, store: Store) -> None:
    _res, ev = _ingest(tmp_path, store)
    two = ev.loc["20230106-0202-1b2c3d4e5f60_THREATEN"]
    assert (two["source_actor"], two["source_country"]) == ("Korean People's Army", "PRK")
    assert (two["target_actor"], two["target_country"]) == ("Yoon Suk Yeol", "KOR")
    assert pd.isna(two["plover_mode"])  # Event Mode "None"


def test_country_list_with_none_keeps_positions(tmp_path: Path, store: Store) -> None:
    # Recipient Name "Party; Fumio Kishida" with Recipient Country "None; Japan": the first
    # recipient with a country is kept, name and country from the same position.
    _res, ev = _ingest(tmp_path, store)
    three = ev.loc["20230106-0303-2c3d4e5f6071_ACCUSE_disapprove"]
    assert (three["target_actor"], three["target_country"]) == ("Fumio Kishida", "JPN")
    four = ev.loc["20230107-0404-3d4e5f607182_ASSAULT_aerial"]  # Actor Name/Country "None"
    assert pd.isna(four["source_actor"]) and pd.isna(four["source_country"])
    assert four["target_country"] == "UKR"


def test_doc_id_is_the_story_part_of_the_event_id(tmp_path: Path, store: Store) -> None:
    _res, ev = _ingest(tmp_path, store)
    assert ev.loc["20230106-0303-2c3d4e5f6071_ACCUSE_disapprove", "doc_id"] == "20230106-0303-2c3d4e5f6071"
    assert ev.loc["20230105-0101-0a1b2c3d4e5f_CONSULT_visit", "doc_id"] == "20230105-0101-0a1b2c3d4e5f"


def test_bad_row_names_file_line_and_field(tmp_path: Path, store: Store) -> None:
    _ingest(tmp_path, store)
    q = store.quarantine()
    assert q[["line", "field"]].values.tolist() == [[6, "Event Date"]]
    assert q["path"].iloc[0].endswith(FIXTURE.name)
    assert "2023-01-32" in q["reason"].iloc[0]


def test_unmapped_country_in_a_list_is_reported(tmp_path: Path, store: Store) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("North Korea; North Korea", "Atlantis; North Korea")
    res, ev = _ingest(tmp_path, store, text="\n".join(lines) + "\n")
    assert res.rows_warned == 1
    # The first listed actor is kept; its country is unknown, so it stays NULL (not the next actor's).
    two = ev.loc["20230106-0202-1b2c3d4e5f60_THREATEN"]
    assert two["source_actor"] == "Korean People's Army" and pd.isna(two["source_country"])
