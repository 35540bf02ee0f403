"""How a framing verb and the action it frames combine into one CAMEO code.

CAMEO's verbal roots mirror each other: the intent to release prisoners is 0353, the
appeal for it 0253, the demand 1053 and the refusal 1243. So every action code maps to
the intent code it implies (``intent_of``), and each frame maps intent codes to its own
root by the same suffix (``compose``). "agreed to lift curbs" = intent(085) = 0354;
"urged Tokyo to withdraw its export restrictions" = appeal(085) = 0254; "demanded that
Russia withdraw its troops" = demand(0874) = 106; "threatened sanctions" = 1312.
"""

from __future__ import annotations

from dyadwatch.ontology import cameo_codes

#: Action code prefix -> intent code (longest prefix wins).
_INTENT = {
    "03": "030", "04": "036", "045": "039", "046": "036",
    "05": "032", "050": "032", "054": "032", "057": "030", "051": "030", "055": "030",
    "06": "031", "060": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
    "08": "035", "081": "0351", "082": "0352", "083": "0342", "084": "0353", "085": "0354", "086": "0355",
    "087": "0356", "0874": "0356",
}
#: Intent codes that name themselves (already 03x).
_SELF = ("036", "037", "038", "039")

_APPEAL = {"030": "020", "031": "021", "032": "022", "033": "023", "034": "024", "035": "025", "036": "026", "037": "027",
           "038": "028", "039": "028"}
_DEMAND = {"030": "100", "031": "101", "032": "102", "033": "103", "034": "104", "035": "105", "036": "108", "037": "100",
           "038": "105", "039": "105"}
_REJECT = {"030": "120", "031": "121", "032": "120", "033": "122", "034": "123", "035": "124", "036": "125", "037": "127",
           "038": "126", "039": "126"}
#: Intent suffix digit -> 4-digit code per frame where CAMEO has one.
_SUB = {
    "appeal": {"0311": "0211", "0312": "0212", "0313": "0213", "0314": "0214", "0331": "0231", "0332": "0232",
               "0333": "0233", "0334": "0234", "0341": "0241", "0342": "0242", "0343": "0243", "0344": "0244",
               "0351": "0251", "0352": "0252", "0353": "0253", "0354": "0254", "0355": "0255", "0356": "0256"},
    "demand": {"0311": "1011", "0312": "1012", "0313": "1013", "0314": "1014", "0331": "1031", "0332": "1032",
               "0333": "1033", "0334": "1034", "0341": "1041", "0342": "1042", "0343": "1043", "0344": "1044",
               "0351": "1051", "0352": "1052", "0353": "1053", "0354": "1054", "0355": "1055", "0356": "1056"},
    "reject": {"0311": "1211", "0312": "1212", "0313": "1213", "0331": "1221", "0332": "1222", "0333": "1223",
               "0334": "1224", "0341": "1231", "0342": "1232", "0343": "1233", "0344": "1234", "0351": "1241",
               "0352": "1242", "0353": "1243", "0354": "1244", "0355": "1245", "0356": "1246"},
}
_BASE = {"appeal": _APPEAL, "demand": _DEMAND, "reject": _REJECT}

#: Conflictual action prefix -> the threat of it.
_THREAT = {
    "16": "131", "160": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
    "17": "131", "172": "132", "175": "137", "14": "131", "15": "138",
    "18": "1383", "19": "138", "190": "1384", "191": "1381", "192": "1382", "193": "1384", "194": "1384",
    "195": "1384", "20": "1385",
}


def _longest(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def is_conflict(code: str) -> bool:
    """Quad classes 3-4 (roots 09-20)."""
    return int(code[:2]) >= 9


def intent_of(code: str) -> str:
    """The 03x code of promising the action ``code`` (030 when CAMEO has nothing closer)."""
    if code.startswith("03"):
        return code
    if code in _SELF:
        return code
    return _longest(_INTENT, code) or "030"


def threat_of(code: str) -> str:
    """The 13x code of threatening the conflictual action ``code`` (130 when nothing closer)."""
    if code.startswith("13"):
        return code
    return _longest(_THREAT, code) or "130"


def compose(frame: str, content: str | None, default: str) -> str:
    """The code of ``frame`` (intent, appeal, demand, reject, threaten) applied to ``content``.

    ``content`` is the CAMEO code of the framed action or None when there is none; the
    frame verb's own ``default`` is returned then. Demands for withdrawal (0874) are 106,
    for a ceasefire (0871) 107.
    """
    if content is None:
        return default
    if frame == "threaten":
        return threat_of(content) if is_conflict(content) else default
    if frame == "intent":
        return default if is_conflict(content) else intent_of(content)
    if frame == "demand" and content in ("0874", "0872", "166"):
        return "106"
    if frame == "demand" and content == "0871":
        return "107"
    if frame in _BASE:
        if is_conflict(content):
            if frame == "reject":
                return default
            # a demand to stop a hostile act asks the target to de-escalate / change policy
            return {"appeal": "0256", "demand": "1056"}[frame] if content[:2] in ("15", "17", "18", "19", "20") else \
                {"appeal": "0242", "demand": "1042"}[frame]
        intent = intent_of(content)
        sub = _SUB[frame].get(intent)
        if sub:
            return sub
        code = _BASE[frame].get(intent[:3])
        return code if code in cameo_codes() else default
    return default
