"""Commands contributed to the dyadwatch CLI (see cli.COMMAND_MODULES)."""

import click

COMMANDS: list[click.Command] = []
