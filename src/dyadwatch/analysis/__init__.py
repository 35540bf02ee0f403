"""Analysis of a dyad's relations: index, change points, event study, shared threats,
comparison, forecast and briefing.

``analyze(store, a, b, ...)`` runs them all and returns one JSON-ready dict (documented in
docs/analysis.md). Each piece is a function over plain pandas objects in its own module:
``index``, ``changepoints``, ``event_study``, ``threat``, ``compare``, ``forecast``,
``briefing`` and ``chronology`` (trigger events), with ``periods`` and ``plain`` (JSON
values) as helpers; ``inputs`` is the only one that reads the store and ``synthetic``
makes events with a planted truth for tests and benchmarks.
"""

from typing import Any

from dyadwatch.analysis.parameters import PARAMETERS, Parameter

__all__ = ["PARAMETERS", "Parameter", "analyze", "check_country", "to_plain"]


def __getattr__(name: str) -> Any:
    # The statistical libraries load on first use, not when the CLI starts.
    if name in ("analyze", "check_country", "to_plain"):
        from dyadwatch.analysis import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'dyadwatch.analysis' has no attribute {name!r}")
