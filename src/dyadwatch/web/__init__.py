"""The dashboard and JSON API (FastAPI): ``create_app(db_path)``, served by ``dyadwatch serve``."""

from dyadwatch.web.app import create_app

__all__ = ["create_app"]
