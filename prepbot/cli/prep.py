"""`prepbot questions`, `analyze` and `prep`: the bank, a plan, and reading text, with no interview.

Registered by build_cli() in prepbot.cli. Heavy imports happen inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from prepbot.cli.base import (
    FORMAT_CHOICE,
    FORMAT_HELP,
    PERSONA_CHOICE,
    MinutesType,
    bank_option,
    catalogue,
    emit,
    open_service,
    output_format,
    read_input,
    to_json,
)
from prepbot.textsafe import safe

if TYPE_CHECKING:
    from prepbot.planner import Plan


@click.command("questions")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the flags each question adds to the plan, and what was left out for time.")
@bank_option
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
    bank = catalogue(banks).bank
    the_plan = _plan(bank, persona, minutes, categories)
    if fmt == "json":
        from prepbot.export.shapes import plan_as_dict

        click.echo(to_json(plan_as_dict(bank, the_plan)))
        return
    from prepbot.export.terminal import render_plan

    click.echo(render_plan(bank, the_plan, markdown=fmt == "md", explain=explain))


def _plan(bank, persona, minutes, categories):
    from prepbot import planner

    return planner.plan(bank, persona=persona, minutes=minutes, categories=categories)


@click.command("analyze")
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
@bank_option
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
    from prepbot.catalogue import preload_model, stop_model_process

    # The classifier loads in a process of its own while the bank loads and the cues read; it is
    # stopped when the command ends, however it ends.
    click.get_current_context().call_on_close(stop_model_process)
    preload_model(separate_process=True)
    books = catalogue(banks)
    question = None
    if question_id is not None:
        question = books.bank.questions.get(question_id)
        if question is None:
            from difflib import get_close_matches

            close = get_close_matches(question_id, list(books.bank.questions), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (see 'prepbot questions' for ids)"
            raise click.ClickException(f"no question with id '{safe(question_id, keep_layout=False)}'{hint}")
    names = inputs or ("-",)
    if names == ("-",) and sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
        click.echo("Paste or type the text, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).", err=True)
    documents = [read_input(name) for name in names]  # read everything first: no half-printed report
    from prepbot.export.terminal import render_matches

    found_red = False
    warned = False
    for index, (label, text) in enumerate(documents):
        matches = books.matcher.match(text, question=question, progress=_progress_bar(label, text))
        slot = books.matcher.model
        if slot is not None and slot.error and not warned:
            # Said once, before the first report it affects: the flags come from the cues alone.
            click.echo(f"prepbot: {safe(slot.error, keep_layout=False)}; reading with the cues alone", err=True)
            warned = True
        if books.matcher.last_unread:
            from prepbot.matching.engine import MODEL_BUDGET

            click.echo(
                f"prepbot: note: {safe(label, keep_layout=False)} is long; the classifier read {MODEL_BUDGET} of its "
                f"sentences (those on the bank's topics first) and left {books.matcher.last_unread} to the cues, "
                "which read all of it",
                err=True,
            )
        found_red = found_red or any(m.kind == "red" for m in matches)
        if fmt == "json":
            from prepbot.export.shapes import matches_as_dict  # (imports the interview's model: JSON only)

            payload = matches_as_dict(matches, explain=explain)
            if len(documents) > 1:
                payload = {"path": label, **payload}
            click.echo(to_json(payload, indent=None if len(documents) > 1 else 2))
        else:
            shown = safe(label, keep_layout=False)
            if len(documents) > 1:
                click.echo(("\n" if index else "") + f"== {shown} ==")
            if not text.strip():
                click.echo(f"prepbot: warning: {shown} is empty", err=True)
            click.echo(render_matches(matches, explain=explain))
            if explain:
                click.echo(_explain_footer(books, question))
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


@click.command("prep")
@click.option("--company", required=True, help="Who is interviewing you.")
@click.option("--role", default="", help="The role you are interviewing for.")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions.")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--format", "-f", "fmt", type=FORMAT_CHOICE, help=FORMAT_HELP)
@click.option(
    "--output", "-o", type=click.Path(), help="File or folder to write (default: stdout); a name ending in / is a folder."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--all", "every_question", is_flag=True, help="Every question that fits, not a 30-minute plan.")
@bank_option
def prep_command(company, role, persona, minutes, categories, fmt, output, force, every_question, banks) -> None:
    """A prep checklist to take into the interview: questions as tick boxes, a time plan.

    Without --minutes, it plans a 30-minute conversation (and says so); --all lists every question.

    \b
    Examples:
      prepbot prep --company Acme --role "Backend engineer" --persona engineer --minutes 20
      prepbot prep --company Acme --format html -o ~/Desktop/
      prepbot prep --company Acme -o acme.html
    """
    from prepbot.export import render_checklist

    fmt = output_format(fmt, output)
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
    bank = catalogue(banks).bank
    the_plan, round_note = prep_plan(bank, company, persona, minutes, categories, banks)
    note = " ".join(part for part in (note, round_note) if part)
    emit(render_checklist(bank, the_plan, company, role, fmt, note), output, company, "checklist", fmt, force)


DEFAULT_PREP_MINUTES = 30


def prep_plan(bank, company: str, persona, minutes, categories, banks=()) -> tuple[Plan, str]:
    """The plan for `prepbot prep`: the planner's, or (with earlier rounds with this company, or
    deal-breakers) the next round's; and a note saying which round it is and what to follow up."""
    from prepbot import locations
    from prepbot.planner import PlanError
    from prepbot.prefs import NORMAL, PreferencesError, load_preferences
    from prepbot.process import plan_next_round

    try:
        preferences = load_preferences()
    except PreferencesError:
        preferences = NORMAL
    earlier = None
    if locations.database_path().exists():  # prep never creates a database
        earlier = open_service(banks).earlier_process(company)
    if earlier is None and not preferences.deal_breakers():
        from prepbot.planner import plan

        return plan(bank, persona=persona, minutes=minutes, categories=categories), ""
    try:
        round_plan = plan_next_round(bank, earlier, persona, minutes, categories, preferences)
    except PlanError as exc:
        raise click.ClickException(str(exc)) from None
    parts = []
    if round_plan.number > 1:
        parts.append(f"Round {round_plan.number} with this company: nothing answered in an earlier round is asked again.")
    if preferences.deal_breakers():
        parts.append("Your deal-breakers are probed first.")
    if round_plan.follow_ups:
        parts.append("Follow up the red flags heard earlier: " + " ".join(round_plan.follow_ups))
    assert round_plan.plan is not None
    return round_plan.plan, " ".join(parts)
