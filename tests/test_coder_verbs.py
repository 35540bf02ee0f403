"""verbs.csv: every code exists, the format is checked, frames compose to the right codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.coding.frames import compose, intent_of, threat_of
from dyadwatch.coding.verbs import inflections, lexicon, parse_patterns
from dyadwatch.errors import InputError
from dyadwatch.ontology import cameo_codes

HEADER = "pos,lemma,particle,object,prep,code,frame,flags,note\n"


def test_builtin_patterns_use_real_codes_and_cover_every_root() -> None:
    lex = lexicon()
    codes = {p.code for p in lex.patterns if p.code}
    assert codes <= set(cameo_codes())
    assert {c[:2] for c in codes} == {f"{r:02d}" for r in range(1, 21)}
    assert len(lex.patterns) > 300


def test_specific_patterns_win() -> None:
    lex = lexicon()
    first = lex.candidates("V", "lodge")[0]
    assert first.objects and first.code in ("114", "115")
    assert lex.candidates("V", "fire")[0].objects  # "fire missile", not a bare "fire"


def test_bad_rows_name_line_and_field() -> None:
    with pytest.raises(InputError, match="line 2, field code"):
        parse_patterns(HEADER + "V,meet,,,,999,,,\n", source="mine.csv")
    with pytest.raises(InputError, match="line 2, field flags"):
        parse_patterns(HEADER + "V,meet,,,,040,,bogus,\n", source="mine.csv")
    with pytest.raises(InputError, match="field pos"):
        parse_patterns(HEADER + "X,meet,,,,040,,,\n", source="mine.csv")


def test_comments_and_user_file_first(tmp_path: Path) -> None:
    user = tmp_path / "verbs.csv"
    user.write_text(HEADER + "# my patterns\nV,snub,,,,120,,,\nV,meet,,,,043,,,\n", encoding="utf-8")
    lex = lexicon([user])
    assert lex.candidates("V", "snub")[0].code == "120"
    bare = [p for p in lex.candidates("V", "meet") if not p.objects]
    assert bare[0].code == "043"  # the user's row is tried before the built-in one of the same specificity


def test_inflections() -> None:
    assert {"hold", "holds", "held", "holding"} <= inflections("hold", verb=True)
    assert {"rally", "rallied", "rallies"} <= inflections("rally", verb=True)
    assert "fired" in inflections("test-fire", verb=True)


@pytest.mark.parametrize(
    ("frame", "content", "default", "expected"),
    [
        ("intent", "085", "030", "0354"),      # agreed to lift sanctions
        ("intent", "046", "030", "036"),       # pledged to hold talks
        ("appeal", "0841", "020", "0253"),     # urged X to release prisoners
        ("demand", "0874", "100", "106"),      # demanded that X withdraw its troops
        ("demand", "0871", "100", "107"),      # demanded a ceasefire
        ("reject", "045", "120", "126"),       # refused mediation
        ("reject", "046", "120", "125"),       # refused to hold talks
        ("threaten", "163", "130", "1312"),    # threatened sanctions
        ("threaten", "190", "130", "1384"),    # threatened to attack
        ("intent", None, "030", "030"),
    ],
)
def test_compose(frame: str, content: str | None, default: str, expected: str) -> None:
    assert compose(frame, content, default) == expected
    assert expected in cameo_codes()


def test_intent_and_threat_tables_give_real_codes() -> None:
    for code in cameo_codes():
        assert intent_of(code) in cameo_codes()
        assert threat_of(code) in cameo_codes()
