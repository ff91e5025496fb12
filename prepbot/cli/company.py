"""`prepbot prefs` (the candidate's weights) and `prepbot company` (the whole hiring process).

Registered by build_cli() in prepbot.cli. Nothing heavy is imported at module level, and never
textual; domain errors leave as one line through the group's `user_errors`.
"""

from __future__ import annotations

import click

from prepbot.cli.base import emit, known_flag_id, open_service, to_json
from prepbot.textsafe import safe

PREF_FORMATS = click.Choice(["text", "json"])
COMPANY_FORMATS = click.Choice(["text", "md", "html", "json"])


# --------------------------------------------------------------------------- prefs


@click.group("prefs", invoke_without_command=True)
@click.option("--format", "-f", "fmt", type=PREF_FORMATS, default="text", show_default=True)
@click.pass_context
def prefs_group(ctx: click.Context, fmt: str) -> None:
    """How much each flag matters to you: deal-breaker, important, normal or ignore.

    A deal-breaker that is heard leads the verdict and every plan probes it first; important flags
    weigh double in the score, ignored ones nothing. Stored in the data folder (preferences.json).

    \b
    Examples:
      prepbot prefs
      prepbot prefs set on-call-burden deal-breaker
      prepbot prefs set long-standups ignore
      prepbot prefs --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from prepbot.prefs import PreferencesError, load_preferences

    service = open_service()
    try:
        preferences = load_preferences()
    except PreferencesError as exc:
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None
    flags = service.bank.flags.values()
    if fmt == "json":
        from prepbot.prefs import SCHEMA, VERSION

        rows = [{"id": f.id, "kind": f.kind, "title": f.title, "weight": preferences.of(f.id)} for f in flags]
        click.echo(to_json({"schema": SCHEMA, "version": VERSION, "weights": preferences.as_dict(), "flags": rows}))
        return
    from prepbot.prefs import WEIGHTS

    lines: list[str | None] = []
    for weight in WEIGHTS:
        chosen = [f for f in flags if preferences.of(f.id) == weight]
        if not chosen:
            continue
        lines += ["" if lines else None, f"{weight.upper()} ({len(chosen)})"]
        lines += [f"  {'✗' if f.kind == 'red' else '✓'} {f.id:<24} {safe(f.title, keep_layout=False)}" for f in chosen]
    lines.append("")
    lines.append("Change one: prepbot prefs set FLAG deal-breaker|important|normal|ignore")
    click.echo("\n".join(line for line in lines if line is not None))


@prefs_group.command("set")
@click.argument("flag_id", metavar="FLAG")
@click.argument("weight", metavar="deal-breaker|important|normal|ignore")
def prefs_set_command(flag_id: str, weight: str) -> None:
    """Set how much one flag matters to you.

    \b
    Examples:
      prepbot prefs set on-call-burden deal-breaker
      prepbot prefs set has-tests important
      prepbot prefs set trivia-interview ignore
      prepbot prefs set has-tests normal
    """
    from prepbot.prefs import WEIGHTS

    service = open_service()
    if weight not in WEIGHTS:
        raise click.UsageError(f"unknown weight '{safe(weight, keep_layout=False)}'; use one of: {', '.join(WEIGHTS)}")
    if flag_id not in service.bank.flags:
        known_flag_id(service, flag_id)  # raises the one-line error, with a "did you mean"
    from prepbot.service import ServiceError

    try:
        service.set_preference(flag_id, weight)
    except ServiceError as exc:
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None
    click.echo(f"{flag_id}: {weight}")


# --------------------------------------------------------------------------- company


@click.command("company")
@click.argument("name")
@click.option("--format", "-f", "fmt", type=COMPANY_FORMATS, default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(), help="File or folder to write (default: stdout); a name ending in / is a folder."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def company_command(name: str, fmt: str, output: str | None, force: bool) -> None:
    """The whole hiring process with one company: every round, source, flag, conflict, a verdict.

    NAME is the company (any spelling: case, spaces) or the id of one of its interviews.

    \b
    Examples:
      prepbot company Acme
      prepbot company "  acme  " --format json
      prepbot company 3f2a9c --format html -o ~/Desktop/
    """
    service = open_service()
    process = _process(service, name)
    text = service.render_company(process, "txt" if fmt == "text" else fmt)
    emit(text, output, process.company, "company", "txt" if fmt == "text" else fmt, force)


def _process(service, name: str):
    from prepbot.service import ServiceError

    try:
        return service.process(name)
    except ServiceError as exc:
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None
