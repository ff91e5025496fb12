"""`prepbot sessions list|delete|import` and `prepbot export`: saved interviews as a whole.

Registered by build_cli() in prepbot.cli. Heavy imports happen inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prepbot.cli.base import FORMAT_CHOICE, FORMAT_HELP, bank_option, emit, one_line, open_service, output_format, plural, to_json
from prepbot.textsafe import safe

MAX_REPORT_BYTES = 64 * 1024 * 1024  # a report holds its sources (up to 4 MiB each) and every note


@click.command("export")
@click.argument("session")
@click.option("--format", "-f", "fmt", type=FORMAT_CHOICE, help=FORMAT_HELP)
@click.option(
    "--output", "-o", type=click.Path(), help="File or folder to write (default: stdout); a name ending in / is a folder."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@bank_option
def export_command(session: str, fmt: str, output: str | None, force: bool, banks) -> None:
    """The report of a saved interview (by id, id prefix or company name).

    \b
    Examples:
      prepbot export 3f2a9c -o report.html
      prepbot export Acme --format json
    """
    fmt = output_format(fmt, output)
    service = open_service(banks)
    interview = service.find(session)
    emit(service.render_report(interview, fmt), output, interview.company, "report", fmt, force)


@click.group("sessions")
def sessions_group() -> None:
    """List, delete and restore saved interviews."""


@sessions_group.command("list")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def sessions_list_command(fmt: str) -> None:
    """List saved interviews, most recently changed first.

    \b
    Example:
      prepbot sessions list
      prepbot sessions list --format json
    """
    listings = open_service().list_interviews()
    if fmt == "json":
        click.echo(to_json([{**item.row.__dict__, "red": item.red, "green": item.green} for item in listings]))
        return
    if not listings:
        click.echo("No saved interviews yet. Run `prepbot` to start one.")
        return
    click.echo(f"{'ID':12}  {'DATE':10}  {'PROGRESS':8}  {'RED':>3}  {'GREEN':>5}  COMPANY / ROLE")
    for item in listings:
        row = item.row
        progress = f"{row.answered_count}/{row.question_count}"
        role = f" / {one_line(row.role)}" if row.role.strip() else ""
        click.echo(
            f"{one_line(row.id):12}  {one_line(row.date):10}  {progress:8}  {item.red:>3}  {item.green:>5}  {one_line(row.company)}{role}"
        )


@sessions_group.command("delete")
@click.argument("session")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def sessions_delete_command(session: str, yes: bool) -> None:
    """Delete a saved interview (by id, id prefix or company name).

    \b
    Example:
      prepbot sessions delete 3f2a9c --yes
    """
    service = open_service()
    interview = service.find(session)
    if not yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise click.ClickException("refusing to delete without confirmation; pass --yes")
        click.confirm(f"Delete the interview with {one_line(interview.company)} ({one_line(interview.date)})?", abort=True)
    service.delete(interview.id)
    click.echo(f"Deleted {one_line(interview.id)} ({one_line(interview.company)}).")


@sessions_group.command("import")
@click.argument("report", metavar="REPORT.json|-")
@click.option("--replace", is_flag=True, help="Overwrite a saved interview with the same id.")
@bank_option
def sessions_import_command(report, replace, banks) -> None:
    """Restore an interview from its JSON report (`prepbot export SESSION -f json`), version 1 or 2.

    The report holds the whole interview: its details, plan, notes, corrections, sources and
    general note. Exporting the restored interview gives the same report. Prints its id.

    \b
    Examples:
      prepbot sessions import acme-corp-report.json
      prepbot sessions import backup/acme-corp-report.json --replace
    """
    import json

    from prepbot.export.report_check import check_report
    from prepbot.export.shapes import ShapeError, interview_from_report
    from prepbot.reading import ReadError, read_file, read_stream

    label = "<stdin>" if report == "-" else safe(report, keep_layout=False)
    try:
        if report == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise click.ClickException("standard input is closed; give a REPORT.json file")
            text = read_stream(sys.stdin.buffer, MAX_REPORT_BYTES)
        else:
            text = read_file(Path(report), MAX_REPORT_BYTES)
    except ReadError as exc:
        raise click.ClickException(f"{label}: {exc}") from None

    def refuse_constant(name: str):
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        data = json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise click.ClickException(f"{label}: not valid JSON ({exc})") from None
    try:
        interview = interview_from_report(data)
    except ShapeError as exc:
        raise click.ClickException(f"{label}: {exc}") from None
    service = open_service(banks)
    try:
        check_report(interview, service.bank)  # all of it, before anything is written
    except ShapeError as exc:
        raise click.ClickException(f"{label}: {exc}") from None
    service.restore(interview, replace=replace)
    click.echo(interview.id)
    click.echo(
        f"Restored the interview with {one_line(interview.company)} ({one_line(interview.date)}): "
        f"{interview.answered_count} of {plural(len(interview.question_ids), 'question')} answered.",
        err=True,
    )
