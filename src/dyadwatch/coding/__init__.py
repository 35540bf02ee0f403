"""Text to events: documents in, CAMEO/PLOVER events out (see document.py for the contract).

    import datetime as dt
    from dyadwatch.coding import Document, code_documents, events_frame

    events = code_documents([Document("d1", "Japan and South Korea held talks in Seoul.", dt.date(2024, 5, 1))])
    events_frame(events)[["source_country", "target_country", "cameo_code"]]   # JPN KOR 046, KOR JPN 046

Coders are registered by name (``rules.v1``; ``coder_names()``) and built with
``get_coder(name, **config)``; see docs/coder.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from dyadwatch.coding.document import EVENT_FIELDS, CodedEvent, Document
from dyadwatch.coding.registry import coder_names, get_coder, register_coder


def code_documents(docs: Sequence[Document], *, coder: str = "rules.v1", **config: object) -> list[CodedEvent]:
    """Code ``docs`` with the registered ``coder`` (keyword ``config`` goes to its factory)."""
    return get_coder(coder, **config)(list(docs))


def events_frame(events: Iterable[CodedEvent]) -> pd.DataFrame:
    """Events as a DataFrame with the ``EVENT_FIELDS`` columns, in order (dates as ``datetime.date``)."""
    frame = pd.DataFrame([e.as_dict() for e in events], columns=list(EVENT_FIELDS))
    for col in ("quad_class", "sentence_index"):
        frame[col] = frame[col].astype("Int64")
    for col in ("goldstein", "confidence"):
        frame[col] = frame[col].astype("float64")
    return frame


__all__ = [
    "EVENT_FIELDS",
    "CodedEvent",
    "Document",
    "code_documents",
    "coder_names",
    "events_frame",
    "get_coder",
    "register_coder",
]
