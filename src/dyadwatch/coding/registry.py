"""Coders registered by name, as spaCy registers pipeline factories.

A coder is any callable that turns a batch of ``Document`` into ``CodedEvent`` (see
document.py). It is registered under a stable, versioned name (``rules.v1``) with a factory
that takes keyword configuration and returns the callable::

    @register_coder("rules.v1")
    def make_rules_coder(*, model: str | None = None, n_process: int = 1) -> Coder: ...

    coder = get_coder("rules.v1", n_process=2)
    events = coder(documents)

Built-in coders use the same registry a third party would; their modules are imported
lazily (``BUILTIN_CODERS``) so that ``import dyadwatch.coding`` stays cheap.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Sequence
from typing import Protocol

from dyadwatch.coding.document import CodedEvent, Document
from dyadwatch.errors import ConfigError


class Coder(Protocol):
    """Documents in, events out: a pure function of its input (no global state, no store)."""

    def __call__(self, docs: Sequence[Document]) -> list[CodedEvent]: ...


CoderFactory = Callable[..., Coder]

_REGISTRY: dict[str, CoderFactory] = {}

#: Built-in coder names and the module that registers each (imported on first use).
BUILTIN_CODERS: dict[str, str] = {
    "rules.v1": "dyadwatch.coding.rules",
}


def register_coder(name: str) -> Callable[[CoderFactory], CoderFactory]:
    """Decorator: register ``factory`` under ``name`` (a later registration replaces it)."""
    if not name or not isinstance(name, str):
        raise ConfigError(f"a coder name must be a non-empty string, not {name!r}")

    def decorate(factory: CoderFactory) -> CoderFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_builtin(name: str) -> None:
    module = BUILTIN_CODERS.get(name)
    if module and name not in _REGISTRY:
        importlib.import_module(module)


def coder_names() -> list[str]:
    """Every coder name that ``get_coder`` accepts, sorted."""
    return sorted(set(_REGISTRY) | set(BUILTIN_CODERS))


def get_coder(name: str, **config: object) -> Coder:
    """Build the coder registered as ``name`` with its keyword configuration.

    Raises ConfigError naming the unknown coder (and the known ones), or the option the
    factory does not accept.
    """
    _load_builtin(name)
    factory = _REGISTRY.get(name)
    if factory is None:
        raise ConfigError(f"unknown coder {name!r}; known coders: {', '.join(coder_names())}")
    try:
        inspect.signature(factory).bind(**config)
    except TypeError as exc:
        raise ConfigError(f"coder {name!r}: bad configuration {sorted(config)}: {exc}") from None
    return factory(**config)
