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


def _load_bank(banks: tuple[Path, ...]):
    from prepbot.bank import BankError, load_bank

    try:
        return load_bank(banks)
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
    bank = _load_bank(banks)
    store = _open_store()
    from prepbot.tui.app import PrepbotApp  # deferred: textual is heavy and CLI paths never need it

    PrepbotApp(bank=bank, store=store).run()


# --------------------------------------------------------------------------- questions

PERSONA_CHOICE = click.Choice(["engineer", "manager", "executive"])


@cli.command("questions")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=click.FloatRange(min=0, min_open=True), help="Time box for your questions.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@_bank_option
def questions_command(categories, persona, minutes, fmt, banks) -> None:
    """List the questions that fit, ordered by priority.

    With --minutes, a plan that fits the time box by the questions' estimates.

    \b
    Examples:
      prepbot questions --persona engineer --minutes 20
      prepbot questions -c code-review -c testing --format md
      prepbot questions --format json | jq '.questions[].ask'
    """
    from prepbot import planner

    bank = _load_bank(banks)
    try:
        the_plan = planner.plan(bank, persona=persona, minutes=minutes, categories=categories)
    except planner.PlanError as exc:
        raise click.ClickException(str(exc)) from None

    if fmt == "json":
        import json

        click.echo(json.dumps(planner.plan_as_dict(bank, the_plan), indent=2, ensure_ascii=False))
        return
    click.echo(_render_plan(bank, the_plan, markdown=fmt == "md"))


def _render_plan(bank, the_plan, markdown: bool) -> str:
    lines: list[str] = []
    count = len(the_plan.questions)
    summary = f"{count} question{'s' if count != 1 else ''}, about {the_plan.total_minutes:g} min"
    if the_plan.persona:
        summary += f", for a conversation with an {the_plan.persona}" if the_plan.persona[0] in "aeiou" else f", for a {the_plan.persona}"
    if the_plan.minutes:
        summary += f" (time box {the_plan.minutes:g} min)"
    lines.append(f"# Questions\n\n{summary}\n" if markdown else summary + "\n")
    if not count:
        lines.append("No question fits. Try a longer time box or fewer filters.")
    for number, question in enumerate(the_plan.questions, 1):
        title = bank.categories[question.category].title
        if markdown:
            lines.append(f"{number}. **{question.ask}**  \n   _{title} · {question.minutes:g} min · priority {question.priority}_  \n   {question.why}")
            lines.append("   - Listen for: " + "; ".join(question.listen_for))
            lines.append("   - Follow up: " + " / ".join(question.follow_ups))
        else:
            lines.append(f"{number:>2}. {question.ask}")
            lines.append(f"    [{title}] {question.minutes:g} min, priority {question.priority}  id: {question.id}")
            lines.append(f"    Why: {question.why}")
            lines.append("    Listen for: " + "; ".join(question.listen_for))
            lines.append("    Follow up: " + " / ".join(question.follow_ups))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- analyze

MAX_ANALYZE_BYTES = 4 * 1024 * 1024


def _read_input(name: str) -> tuple[str, str]:
    """(label, text) of one input; raises ClickException with a one-line reason."""
    if name == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise click.ClickException("standard input is closed; give a FILE or pipe some text in")
        label = "<stdin>"
        try:
            data = sys.stdin.buffer.read(MAX_ANALYZE_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"cannot read standard input: {exc}") from None
    else:
        label = name
        path = Path(name)
        try:
            if path.is_dir():
                raise click.ClickException(f"{name}: is a directory, not a text file")
            with path.open("rb") as handle:
                data = handle.read(MAX_ANALYZE_BYTES + 1)
        except FileNotFoundError:
            raise click.ClickException(f"{name}: no such file") from None
        except PermissionError:
            raise click.ClickException(f"{name}: permission denied") from None
        except OSError as exc:
            raise click.ClickException(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_ANALYZE_BYTES:
        raise click.ClickException(f"{label}: input is larger than {MAX_ANALYZE_BYTES // (1024 * 1024)} MiB; split it into smaller files")
    if b"\x00" in data:
        raise click.ClickException(f"{label}: looks like a binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{label}: not valid UTF-8 text (bad byte at offset {exc.start})") from None
    return label, text


@cli.command("analyze")
@click.argument("inputs", nargs=-1, metavar="[FILE|-]...")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["red"]), help="Exit 1 when a flag of this kind is found.")
@_bank_option
def analyze_command(inputs: tuple[str, ...], fmt: str, fail_on: str | None, banks: tuple[Path, ...]) -> None:
    """Read notes, a review or an e-mail and report the red and green flags in it.

    Reads each FILE, or standard input when there is none (or for '-'). Exits 0 whether or not
    flags were found, 1 with --fail-on red when a red flag is found, 2 when an input or the bank
    cannot be read.

    \b
    Examples:
      prepbot analyze notes.txt
      pbpaste | prepbot analyze --format json
      prepbot analyze --fail-on red review-*.txt
    """
    from prepbot.matcher import matcher_for, matches_as_dict

    bank = _load_bank(banks)
    names = inputs or ("-",)
    if names == ("-",) and sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
        raise click.UsageError("no input: give a FILE, or pipe text in (for example: pbpaste | prepbot analyze)")
    documents = [_read_input(name) for name in names]  # read everything first: no half-printed report
    matcher = matcher_for(bank)
    found_red = False
    for index, (label, text) in enumerate(documents):
        matches = matcher.match(text)
        found_red = found_red or any(m.kind == "red" for m in matches)
        if fmt == "json":
            import json

            payload = matches_as_dict(matches)
            if len(documents) > 1:
                payload = {"path": label, **payload}
            click.echo(json.dumps(payload, ensure_ascii=False, indent=None if len(documents) > 1 else 2))
        else:
            if len(documents) > 1:
                click.echo(("\n" if index else "") + f"== {label} ==")
            if not text.strip():
                click.echo(f"prepbot: warning: {label} is empty", err=True)
            click.echo(_render_matches(bank, matches))
    if fail_on == "red" and found_red:
        sys.exit(1)


def _render_matches(bank, matches) -> str:
    if not matches:
        return "No flags found."
    lines = []
    for kind, heading, marker in (("red", "Red flags", "RED  "), ("green", "Green flags", "GREEN")):
        group = [m for m in matches if m.kind == kind]
        if not group:
            continue
        lines.append(f"{heading} ({len(group)})")
        for m in group:
            lines.append(f"  {marker} {m.flag.title}  [{m.id}, score {m.score:.2f}]")
            lines.append(f"        {m.flag.explanation}")
            for evidence in m.evidence[:5]:
                quoted = " ".join(evidence.text.split())
                lines.append(f'        Heard: "{quoted}"')
            if len(m.evidence) > 5:
                lines.append(f"        ...and {len(m.evidence) - 5} more places")
            lines.append(f"        Ask next: {m.flag.follow_up}")
        lines.append("")
    return "\n".join(lines).rstrip()


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
    from prepbot.bank import validate

    bank, problems = validate(paths)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        count = len(problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(2)
    click.echo(
        f"Bank is valid: {len(bank.questions)} questions in {len(bank.categories)} categories, {len(bank.flags)} flags."
    )


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
    click.echo(f"Wrote {target}", err=True)


@cli.command("prep")
@click.option("--company", required=True, help="Who is interviewing you.")
@click.option("--role", default="", help="The role you are interviewing for.")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=click.FloatRange(min=0, min_open=True), help="Time box for your questions.")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--format", "-f", "fmt", type=FORMAT_CHOICE, default="md", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File or folder to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_bank_option
def prep_command(company, role, persona, minutes, categories, fmt, output, force, banks) -> None:
    """A prep checklist to take into the interview: questions as tick boxes, a time plan.

    \b
    Examples:
      prepbot prep --company Acme --role "Backend engineer" --persona engineer --minutes 20
      prepbot prep --company Acme --format html -o ~/Desktop/
    """
    from prepbot import planner
    from prepbot.export import render_checklist

    if not company.strip():
        raise click.UsageError("--company must not be empty")
    bank = _load_bank(banks)
    try:
        the_plan = planner.plan(bank, persona=persona, minutes=minutes, categories=categories)
    except planner.PlanError as exc:
        raise click.ClickException(str(exc)) from None
    _emit(render_checklist(bank, the_plan, company, role, fmt), output, company, "checklist", fmt, force)


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
    from prepbot.export import render_report
    from prepbot.matcher import matcher_for
    from prepbot.store import StoreError

    bank = _load_bank(banks)
    try:
        interview = _open_store().find(session)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    text = render_report(bank, matcher_for(bank), interview, fmt)
    _emit(text, output, interview.company, "report", fmt, force)


# --------------------------------------------------------------------------- sessions

def _open_store():
    from prepbot.store import Store, StoreError

    try:
        store = Store()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if store.recovered_from:
        click.echo(f"prepbot: warning: the database was damaged; it was moved to {store.recovered_from} and a new one started", err=True)
    return store


@cli.group("sessions")
def sessions_group() -> None:
    """List and delete saved interviews."""


@sessions_group.command("list")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def sessions_list_command(fmt: str) -> None:
    """List saved interviews, most recently changed first.

    \b
    Example:
      prepbot sessions list
      prepbot sessions list --format json
    """
    rows = _open_store().list()
    if fmt == "json":
        import json

        click.echo(json.dumps([row.__dict__ for row in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("No saved interviews yet. Run `prepbot` to start one.")
        return
    click.echo(f"{'ID':12}  {'DATE':10}  {'PROGRESS':8}  COMPANY / ROLE")
    for row in rows:
        progress = f"{row.answered_count}/{row.question_count}"
        role = f" / {row.role}" if row.role else ""
        click.echo(f"{row.id:12}  {row.date:10}  {progress:8}  {_one_line(row.company)}{_one_line(role)}")


@sessions_group.command("delete")
@click.argument("session")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def sessions_delete_command(session: str, yes: bool) -> None:
    """Delete a saved interview (by id, id prefix or company name).

    \b
    Example:
      prepbot sessions delete 3f2a9c --yes
    """
    from prepbot.store import StoreError

    store = _open_store()
    try:
        interview = store.find(session)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise click.ClickException("refusing to delete without confirmation; pass --yes")
        click.confirm(f"Delete the interview with {interview.company} ({interview.date})?", abort=True)
    store.delete(interview.id)
    click.echo(f"Deleted {interview.id} ({_one_line(interview.company)}).")


def _one_line(text: str) -> str:
    """User text on one terminal line: control characters would break the listing."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


# --------------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    """Run the CLI with one-line errors: `prepbot: error: ...` on stderr and a non-zero exit."""
    try:
        cli.main(args=argv, prog_name="prepbot", standalone_mode=False)
    except getattr(click.exceptions, "NoArgsIsHelpError", ()) as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"prepbot: error: {exc.format_message()}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"prepbot: error: {exc.format_message()}", err=True)
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
        click.echo(f"prepbot: internal error: {type(exc).__name__}: {exc} (set PREPBOT_DEBUG=1 for details)", err=True)
        sys.exit(1)
