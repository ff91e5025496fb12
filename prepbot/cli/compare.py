"""`prepbot compare`: two to four saved interviews side by side.

Registered by build_cli() in prepbot.cli. Heavy imports happen inside the command.
"""

from __future__ import annotations

import os
import shutil
import sys

import click

from prepbot.cli.base import bank_option, emit, open_service

COMPARE_FORMATS = click.Choice(["text", "md", "html", "json"])


@click.command("compare")
@click.argument("sessions", nargs=-1, metavar="SESSION SESSION [SESSION...]")
@click.option("--format", "-f", "fmt", type=COMPARE_FORMATS, default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(), help="File or folder to write (default: stdout); a name ending in / is a folder."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@bank_option
def compare_command(sessions: tuple[str, ...], fmt: str, output: str | None, force: bool, banks) -> None:
    """Two to four saved interviews or companies side by side: verdicts, every flag, what to ask next.

    Each SESSION is an id, an id prefix or a company name, as for `prepbot export`. A company
    name (any spelling) with more than one round compares its company file: all rounds together.

    \b
    Examples:
      prepbot compare Acme Globex
      prepbot compare 3f2a9c 7b01de Initech --format html -o ~/Desktop/
    """
    from prepbot.compare import MAX_INTERVIEWS, MIN_INTERVIEWS, compare
    from prepbot.export import comparison_name, render_comparison

    if not MIN_INTERVIEWS <= len(sessions) <= MAX_INTERVIEWS:
        raise click.ClickException(
            f"compare takes {MIN_INTERVIEWS} to {MAX_INTERVIEWS} interviews, not {len(sessions)} (see 'prepbot sessions list')"
        )
    service = open_service(banks)
    comparison = compare(service.bank, [service.compare_column(session) for session in sessions])
    text = render_comparison(service.bank, comparison, fmt, _terminal_width() if output is None else None)
    emit(text, output, comparison_name(comparison.companies), "comparison", "txt" if fmt == "text" else fmt, force)


def _terminal_width() -> int | None:
    """The terminal's columns when the text goes to one (or COLUMNS says), else None: a fixed width."""
    if not (os.environ.get("COLUMNS") or sys.stdout.isatty()):
        return None
    return shutil.get_terminal_size().columns
