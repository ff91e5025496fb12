"""`prepbot compare` and `prepbot serve`: companies side by side, and prepbot in a browser.

Registered on the `cli` group by one import at the end of cli.py. Heavy imports happen inside the
commands; nothing here imports textual (`serve` runs the TUI in a child process).
"""

from __future__ import annotations

from pathlib import Path

import click

from prepbot.cli import _bank_option, _find, _service, cli
from prepbot.textsafe import safe

COMPARE_FORMATS = click.Choice(["text", "md", "html", "json"])


@cli.command("compare")
@click.argument("sessions", nargs=-1, metavar="SESSION SESSION [SESSION...]")
@click.option("--format", "-f", "fmt", type=COMPARE_FORMATS, default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File or folder to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_bank_option
def compare_command(sessions: tuple[str, ...], fmt: str, output: Path | None, force: bool, banks) -> None:
    """Two to four saved interviews side by side: verdicts, every flag, what to ask next.

    Each SESSION is an id, an id prefix or a company name, as for `prepbot export`.

    \b
    Examples:
      prepbot compare Acme Globex
      prepbot compare 3f2a9c 7b01de Initech --format html -o ~/Desktop/
    """
    from prepbot.compare import MAX_INTERVIEWS, MIN_INTERVIEWS, CompareError, compare
    from prepbot.export import ExportError, comparison_name, render_comparison, resolve_target, write_export

    if not MIN_INTERVIEWS <= len(sessions) <= MAX_INTERVIEWS:
        raise click.ClickException(
            f"compare takes {MIN_INTERVIEWS} to {MAX_INTERVIEWS} interviews, not {len(sessions)} (see 'prepbot sessions list')"
        )
    service = _service(banks)
    interviews = [_find(service, session) for session in sessions]
    try:
        comparison = compare(service.bank, [(i, service.summary(i)) for i in interviews])
    except CompareError as exc:
        raise click.ClickException(str(exc)) from None
    text = render_comparison(service.bank, comparison, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    target = resolve_target(output, comparison_name(comparison.companies), "comparison", "txt" if fmt == "text" else fmt)
    try:
        write_export(target, text, force=force)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {safe(str(target), keep_layout=False)}", err=True)
