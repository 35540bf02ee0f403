"""Docs as a contract: every column, setting and command is documented."""

from __future__ import annotations

from pathlib import Path

import click

from dyadwatch.cli import main
from dyadwatch.schema import EVENT_COLUMNS, MENTION_COLUMNS
from dyadwatch.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_schema_documented() -> None:
    text = (DOCS / "schema.md").read_text()
    for c in (*EVENT_COLUMNS, *MENTION_COLUMNS):
        assert f"| `{c.name}` | {c.sql_type} | {c.description} |" in text, c.name


def test_settings_documented() -> None:
    text = (DOCS / "settings.md").read_text()
    for s in SETTINGS:
        assert f"`{s.name}`" in text and f"`{s.env}`" in text, s.name


def test_commands_documented() -> None:
    text = (DOCS / "cli.md").read_text()
    for name in main.list_commands(click.Context(main)):
        assert f"`dyadwatch {name}" in text, name
