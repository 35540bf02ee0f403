"""The dashboard and JSON API (FastAPI): ``create_app(db_path)``, served by ``dyadwatch serve``."""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI loads when the app is made, not when the CLI starts.
    if name == "create_app":
        from dyadwatch.web.app import create_app

        return create_app
    raise AttributeError(f"module 'dyadwatch.web' has no attribute {name!r}")
