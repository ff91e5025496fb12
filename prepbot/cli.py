"""The command line. Bare `prepbot` opens the TUI; everything else needs no screen.

Nothing here imports textual at module level: the TUI is imported inside its command, so
`prepbot analyze` and friends start fast and work where no terminal UI could.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click_default_group import DefaultGroup

from prepbot import __version__
from prepbot.bank import PERSONAS
from prepbot.textsafe import json_safe, safe


class MinutesType(click.ParamType):
    """A time box in minutes: a finite number above 0 and at most a day (no nan, no inf)."""

    name = "minutes"

    def convert(self, value, param, ctx):
        import math

        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"'{value}' is not a number of minutes", param, ctx)
        if not math.isfinite(number) or number <= 0 or number > 24 * 60:
            self.fail(f"'{value}' is not a number of minutes above 0 and at most 1440", param, ctx)
        return number


BANK_OPTION_HELP = "Extra bank file or folder layered over the built-in one (repeatable)."


def _bank_option(func):
    return click.option(
        "--bank",
        "banks",
        multiple=True,
        type=click.Path(path_type=Path, readable=False),  # the bank loader says what is wrong, with file:line:col
        metavar="PATH",
        help=BANK_OPTION_HELP,
    )(func)


def _catalogue(banks: tuple[Path, ...]):
    from prepbot.bank import BankError
    from prepbot.catalogue import load_catalogue

    try:
        return load_catalogue(banks)
    except BankError as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''}; run 'prepbot bank validate')" if more else ""
        raise click.ClickException(f"invalid bank: {first}{suffix}") from None


class _Group(DefaultGroup):
    """A default group whose bare invocation runs the TUI command.

    Unlike plain DefaultGroup, a mistyped command name is reported as such instead of being
    handed to the TUI command as a stray argument.
    """

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            raise click.UsageError(f"No such command '{args[0]}'.", ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=_Group, default="tui", default_if_no_args=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="prepbot")
def cli() -> None:
    """prepbot: interview the company back.

    Run `prepbot` with no command to open the interview chatbot. The commands below work
    without a screen.
    """


@cli.command("tui")
@_bank_option
def tui_command(banks: tuple[Path, ...]) -> None:
    """Open the interview chatbot (the default command).

    \b
    Example:
      prepbot
      prepbot tui --bank ~/my-questions.yaml
    """
    service = _service(banks)
    from prepbot.tui.app import PrepbotApp  # deferred: textual is heavy and CLI paths never need it

    PrepbotApp(service).run()


# --------------------------------------------------------------------------- questions

PERSONA_CHOICE = click.Choice(list(PERSONAS))


@cli.command("questions")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the flags each question adds to the plan, and what was left out for time.")
@_bank_option
def questions_command(categories, persona, minutes, fmt, explain, banks) -> None:
    """List the questions that fit: all of them by priority, or the plan for a time box.

    With --minutes, the plan that probes the most flags (weighted by severity) in the time box.

    \b
    Examples:
      prepbot questions --persona engineer --minutes 20
      prepbot questions --persona manager --minutes 30 --explain
      prepbot questions -c code-review -c testing --format md
      prepbot questions --format json | jq '.questions[].ask'
    """
    bank = _catalogue(banks).bank
    the_plan = _plan(bank, persona, minutes, categories)
    if fmt == "json":
        from prepbot.export.shapes import plan_as_dict

        click.echo(_json(plan_as_dict(bank, the_plan)))
        return
    from prepbot.export.terminal import render_plan

    click.echo(render_plan(bank, the_plan, markdown=fmt == "md", explain=explain))


def _plan(bank, persona, minutes, categories):
    from prepbot import planner

    try:
        return planner.plan(bank, persona=persona, minutes=minutes, categories=categories)
    except planner.PlanError as exc:
        raise click.ClickException(str(exc)) from None


def _json(data, indent: int | None = 2) -> str:
    """Standard JSON only: NaN and Infinity are refused, never printed."""
    import json

    return json_safe(json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False))


# --------------------------------------------------------------------------- analyze

MAX_ANALYZE_BYTES = 4 * 1024 * 1024


def _read_input(name: str) -> tuple[str, str]:
    """(label, text) of one input; raises ClickException with a one-line reason."""
    from prepbot.reading import ReadError, read_file, read_stream

    try:
        if name == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise click.ClickException("standard input is closed; give a FILE or pipe some text in")
            return "<stdin>", read_stream(sys.stdin.buffer, MAX_ANALYZE_BYTES)
        return name, read_file(Path(name), MAX_ANALYZE_BYTES)
    except ReadError as exc:
        label = "<stdin>" if name == "-" else safe(name, keep_layout=False)
        hint = "; split it into smaller files" if exc.kind == "too-large" else ""
        message = f"input is larger than {MAX_ANALYZE_BYTES // 1048576} MiB" if exc.kind == "too-large" else str(exc)
        raise click.ClickException(f"{label}: {message}{hint}") from None


@cli.command("analyze")
@click.argument("inputs", nargs=-1, metavar="[FILE|-]...")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["red"]), help="Exit 1 when a flag of this kind is found.")
@click.option(
    "--question",
    "-q",
    "question_id",
    metavar="QUESTION_ID",
    help="Read the text as the answer to this question of the bank ('nope', '~30 min').",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Say which cue, answer rule or classifier produced each flag, and what the context rules decided.",
)
@_bank_option
def analyze_command(
    inputs: tuple[str, ...], fmt: str, fail_on: str | None, question_id: str | None, explain: bool, banks: tuple[Path, ...]
) -> None:
    """Read notes, a review or an e-mail and report the red and green flags in it.

    Reads each FILE, or standard input when there is none (or for '-'); on a terminal, what you
    paste until Ctrl-D. Exits 0 whether or not flags were found, 1 with --fail-on red when a red
    flag is found, 2 when an input or the bank cannot be read.

    \b
    Examples:
      prepbot analyze notes.txt
      prepbot analyze --explain review.txt
      echo nope | prepbot analyze --question bt-where-bugs-live
      xclip -o | prepbot analyze --format json
      prepbot analyze --fail-on red review-*.txt
    """
    from prepbot.export.shapes import matches_as_dict
    from prepbot.export.terminal import render_matches

    catalogue = _catalogue(banks)
    question = None
    if question_id is not None:
        question = catalogue.bank.questions.get(question_id)
        if question is None:
            from difflib import get_close_matches

            close = get_close_matches(question_id, list(catalogue.bank.questions), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (see 'prepbot questions' for ids)"
            raise click.ClickException(f"no question with id '{safe(question_id, keep_layout=False)}'{hint}")
    names = inputs or ("-",)
    if names == ("-",) and sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
        click.echo("Paste or type the text, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).", err=True)
    documents = [_read_input(name) for name in names]  # read everything first: no half-printed report
    found_red = False
    warned = False
    for index, (label, text) in enumerate(documents):
        matches = catalogue.matcher.match(text, question=question, progress=_progress_bar(label, text))
        slot = catalogue.matcher.model
        if slot is not None and slot.error and not warned:
            # Said once, before the first report it affects: the flags come from the cues alone.
            click.echo(f"prepbot: {safe(slot.error, keep_layout=False)}; reading with the cues alone", err=True)
            warned = True
        if catalogue.matcher.last_unread:
            from prepbot.matching.engine import MODEL_BUDGET

            click.echo(
                f"prepbot: note: {safe(label, keep_layout=False)} is long; the classifier read its first "
                f"{MODEL_BUDGET} sentences and the cues read all of it",
                err=True,
            )
        found_red = found_red or any(m.kind == "red" for m in matches)
        if fmt == "json":
            payload = matches_as_dict(matches, explain=explain)
            if len(documents) > 1:
                payload = {"path": label, **payload}
            click.echo(_json(payload, indent=None if len(documents) > 1 else 2))
        else:
            shown = safe(label, keep_layout=False)
            if len(documents) > 1:
                click.echo(("\n" if index else "") + f"== {shown} ==")
            if not text.strip():
                click.echo(f"prepbot: warning: {shown} is empty", err=True)
            click.echo(render_matches(matches, explain=explain))
            if explain:
                click.echo(_explain_footer(catalogue, question))
    if fail_on == "red" and found_red:
        sys.exit(1)


PROGRESS_THRESHOLD = 100 * 1024  # characters: below this, reading is quick enough to need no bar


def _progress_bar(label: str, text: str):
    """A progress callback drawing a bar on stderr, for long inputs on a terminal; else None."""
    if len(text) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return None
    shown = safe(label, keep_layout=False)[:30]

    def draw(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\rreading {shown}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} sentences")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return draw


def _explain_footer(catalogue, question) -> str:
    slot = catalogue.matcher.model
    if slot is None:
        model = "classifier: off (PREPBOT_MODEL=off, or onnxruntime/tokenizers not installed): cues and context rules only"
    elif slot.error:
        model = f"classifier: off, because {safe(slot.error, keep_layout=False)}: cues and context rules only"
    else:
        model = "classifier: on, beside the cues (a flag it adds says 'from classifier')"
    lines = ["", model]
    if question is not None:
        lines.append(f"read as the answer to {question.id}: {safe(question.ask, keep_layout=False)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- bank


@cli.group("bank")
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


# --------------------------------------------------------------------------- exports

FORMAT_CHOICE = click.Choice(["md", "html", "json", "txt"])


def _emit(text: str, output: Path | None, company: str, kind: str, fmt: str, force: bool) -> None:
    """Print to stdout, or write atomically to a file (or a safe default name inside a folder)."""
    from prepbot.export import ExportError, resolve_target, write_export

    if output is None:
        click.echo(text, nl=False)
        return
    target = resolve_target(output, company, kind, fmt)
    try:
        write_export(target, text, force=force)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {safe(str(target), keep_layout=False)}", err=True)


@cli.command("prep")
@click.option("--company", required=True, help="Who is interviewing you.")
@click.option("--role", default="", help="The role you are interviewing for.")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions.")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--format", "-f", "fmt", type=FORMAT_CHOICE, default="md", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File or folder to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--all", "every_question", is_flag=True, help="Every question that fits, not a 30-minute plan.")
@_bank_option
def prep_command(company, role, persona, minutes, categories, fmt, output, force, every_question, banks) -> None:
    """A prep checklist to take into the interview: questions as tick boxes, a time plan.

    Without --minutes, it plans a 30-minute conversation (and says so); --all lists every question.

    \b
    Examples:
      prepbot prep --company Acme --role "Backend engineer" --persona engineer --minutes 20
      prepbot prep --company Acme --format html -o ~/Desktop/
    """
    from prepbot.export import render_checklist

    if not company.strip():
        raise click.UsageError("--company must not be empty")
    if every_question and minutes is not None:
        raise click.UsageError("--all and --minutes do not go together")
    note = ""
    if minutes is None and not every_question:
        minutes = DEFAULT_PREP_MINUTES
        note = (
            f"Planned for a {DEFAULT_PREP_MINUTES}-minute conversation (the default); "
            "`prepbot prep --all` lists every question, `--minutes N` plans another length."
        )
    bank = _catalogue(banks).bank
    the_plan = _plan(bank, persona, minutes, categories)
    _emit(render_checklist(bank, the_plan, company, role, fmt, note), output, company, "checklist", fmt, force)


DEFAULT_PREP_MINUTES = 30


@cli.command("export")
@click.argument("session")
@click.option("--format", "-f", "fmt", type=FORMAT_CHOICE, default="md", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File or folder to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_bank_option
def export_command(session: str, fmt: str, output: Path | None, force: bool, banks) -> None:
    """The report of a saved interview (by id, id prefix or company name).

    \b
    Examples:
      prepbot export 3f2a9c --format html -o report.html
      prepbot export Acme --format json
    """
    service = _service(banks)
    interview = _find(service, session)
    _emit(service.render_report(interview, fmt), output, interview.company, "report", fmt, force)


# --------------------------------------------------------------------------- sessions


def _service(banks: tuple[Path, ...] = ()):
    """The catalogue and the store, as one service object (what the TUI gets too)."""
    from prepbot.service import Service
    from prepbot.store import Store, StoreError

    catalogue = _catalogue(banks)
    try:
        store = Store()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if store.recovered_from:
        moved = safe(str(store.recovered_from), keep_layout=False)
        click.echo(f"prepbot: warning: the database was damaged; it was moved to {moved} and a new one started", err=True)
    return Service(catalogue, store)


def _find(service, session: str):
    from prepbot.store import StoreError

    try:
        return service.find(session)
    except StoreError as exc:
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None


@cli.group("sessions")
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
    from prepbot.store import StoreError

    try:
        listings = _service().list_interviews()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(_json([{**item.row.__dict__, "red": item.red, "green": item.green} for item in listings]))
        return
    if not listings:
        click.echo("No saved interviews yet. Run `prepbot` to start one.")
        return
    click.echo(f"{'ID':12}  {'DATE':10}  {'PROGRESS':8}  {'RED':>3}  {'GREEN':>5}  COMPANY / ROLE")
    for item in listings:
        row = item.row
        progress = f"{row.answered_count}/{row.question_count}"
        role = f" / {_one_line(row.role)}" if row.role.strip() else ""
        click.echo(
            f"{row.id:12}  {_one_line(row.date):10}  {progress:8}  {item.red:>3}  {item.green:>5}  {_one_line(row.company)}{role}"
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
    service = _service()
    interview = _find(service, session)
    if not yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise click.ClickException("refusing to delete without confirmation; pass --yes")
        click.confirm(f"Delete the interview with {_one_line(interview.company)} ({_one_line(interview.date)})?", abort=True)
    from prepbot.store import StoreError

    try:
        service.delete(interview.id)
    except StoreError as exc:  # a full disk, a locked or read-only database
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None
    click.echo(f"Deleted {interview.id} ({_one_line(interview.company)}).")


def _one_line(text: str) -> str:
    """User text on one terminal line: whitespace folded, control characters shown, never obeyed."""
    return safe(" ".join(text.split()), keep_layout=False)


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with one-line errors: `prepbot: error: ...` on stderr and a non-zero exit."""
    from prepbot.matching.model import setting

    try:
        setting()
    except ValueError as exc:
        click.echo(f"prepbot: error: {exc}", err=True)
        sys.exit(2)
    try:
        cli.main(args=argv, prog_name="prepbot", standalone_mode=False)
    except getattr(click.exceptions, "NoArgsIsHelpError", ()) as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"prepbot: error: {safe(exc.format_message(), keep_layout=False)}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"prepbot: error: {safe(exc.format_message())}", err=True)
        sys.exit(exc.exit_code if exc.exit_code != 1 else 2)
    except click.exceptions.Abort:
        click.echo("prepbot: aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head` and friends: not an error
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("PREPBOT_DEBUG"):
            raise
        click.echo(
            f"prepbot: internal error: {type(exc).__name__}: {safe(str(exc), keep_layout=False)} (set PREPBOT_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)


# The command modules register on the group above (they import this module's helpers).
from prepbot import cli_compare, cli_interviews  # noqa: E402,F401
