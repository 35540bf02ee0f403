"""Write docs/cli.md from the commands' own help: ``python -m dyadwatch.clidoc > docs/cli.md``."""

from __future__ import annotations

import click

from dyadwatch.cli import main


def _usage(cmd: click.Command, path: str) -> list[str]:
    ctx = click.Context(cmd, info_name=path)
    lines = [f"## `{path}`", "", "```text", cmd.get_help(ctx).replace("Usage: " + path, "Usage: " + path, 1), "```", ""]
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            lines += _usage(sub, f"{path} {name}")
    return lines


def render() -> str:
    out = ["# Commands", "",
           "Generated from the commands' help (`python -m dyadwatch.clidoc > docs/cli.md`); a test checks every "
           "command is here. Global options (`--db`, `--quiet`) go before the command: "
           "`dyadwatch --db my.duckdb events --dyad JPN KOR`. Errors print one line naming the file, line and "
           "field, and exit 1; usage errors exit 2.", ""]
    out += _usage(main, "dyadwatch")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    click.echo(render(), nl=False)
