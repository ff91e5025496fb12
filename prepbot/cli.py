"""The command line. Bare `prepbot` opens the TUI; everything else needs no screen.

Nothing here imports textual at module level: the TUI is imported inside its command, so
`prepbot analyze` and friends start fast and work where no terminal UI could.
"""

from __future__ import annotations

import json
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
        type=click.Path(path_type=Path),
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
    del bank  # the TUI lands with its own issue; until then bare `prepbot` shows the help
    click.echo(click.get_current_context().find_root().get_help())


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


# --------------------------------------------------------------------------- bank

@cli.group("bank")
def bank_group() -> None:
    """Check question banks."""


@bank_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
