"""`prepbot bank validate`: check question banks, every problem as file:line:col.

Registered by build_cli() in prepbot.cli.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prepbot.textsafe import safe


@click.group("bank")
def bank_group() -> None:
    """Check question banks."""


@bank_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
def bank_validate_command(paths: tuple[Path, ...]) -> None:
    """Check a bank against the schema and report every problem as file:line:col: message.

    PATHS are your own bank files or folders, checked as they would be used: layered over the
    built-in bank. With no PATHS, the built-in bank is checked. Exits 0 when valid, 2 when not.

    \b
    Examples:
      prepbot bank validate
      prepbot bank validate my-questions.yaml
      prepbot bank validate ~/prepbot-bank/
    """
    from prepbot.catalogue import validate

    bank, _, problems = validate(paths)
    if problems:
        for problem in problems:
            click.echo(safe(str(problem)), err=True)
        count = len(problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(2)
    click.echo(f"Bank is valid: {len(bank.questions)} questions in {len(bank.categories)} categories, {len(bank.flags)} flags.")
