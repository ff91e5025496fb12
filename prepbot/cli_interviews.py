"""Commands that work on one saved interview from the shell: the candidate stays in charge.

`flags` (list, confirm, dismiss, add, undo), `import` (a review or an e-mail as a source),
`new`, `edit`, `note` and `sessions import` (restore a JSON report). They are registered on the
`cli` group of prepbot.cli, which imports this module at its end.

Like cli.py, nothing heavy is imported at module level: the service, the store and the exports
are imported inside each command, so start-up stays fast and textual is never loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from prepbot.cli import (
    MAX_ANALYZE_BYTES,
    PERSONA_CHOICE,
    MinutesType,
    _bank_option,
    _find,
    _json,
    _one_line,
    _read_input,
    _service,
    cli,
    sessions_group,
)
from prepbot.textsafe import safe

MAX_REPORT_BYTES = 64 * 1024 * 1024  # a report holds its sources (up to 4 MiB each) and every note


def _service_call(operation, *args, **kwargs):
    """Run a Service operation; its ServiceError becomes a one-line error (exit 2)."""
    from prepbot.service import ServiceError

    try:
        return operation(*args, **kwargs)
    except ServiceError as exc:
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None


def _numbers(interview) -> dict[str, int]:
    """Question id -> its number in the plan (Q1 is the first), as the reports count them."""
    return {question_id: n for n, question_id in enumerate(interview.question_ids, 1)}


def _where(interview):
    from prepbot.export import Where

    return Where(_numbers(interview), {s.id: s.label for s in interview.sources})


def _paste_prompt() -> None:
    if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
        click.echo("Paste or type the text, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).", err=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


# --------------------------------------------------------------------------- flags

KIND_MARK = {"red": "✗ RED", "green": "✓ GREEN"}
NOT_COUNTED = {
    "dismissed": "dismissed: counts for nothing",
    "conflicting": "its opposite was heard too: counts for nothing until you confirm one",
    "overruled": "you confirmed its opposite: counts for nothing",
}


def _flag_id(service, flag_id: str) -> str:
    if flag_id in service.bank.flags:
        return flag_id
    from difflib import get_close_matches

    close = get_close_matches(flag_id, list(service.bank.flags), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else " (the flag ids are listed in the README and questions/flags.yaml)"
    raise click.ClickException(f"no flag with id '{safe(flag_id, keep_layout=False)}'{hint}")


def _question_id(interview, key: str) -> str:
    """A question of this interview by id, or by its number in the plan ('3' or 'Q3')."""
    if key in interview.question_ids:
        return key
    digits = key[1:] if key[:1] in ("q", "Q") else key
    if digits.isdigit() and 1 <= int(digits) <= len(interview.question_ids):
        return interview.question_ids[int(digits) - 1]
    count = len(interview.question_ids)
    raise click.ClickException(
        f"question '{safe(key, keep_layout=False)}' is not in this interview "
        f"(give a question id or a number from Q1 to Q{count}; see 'prepbot export SESSION -f txt')"
        if count
        else f"question '{safe(key, keep_layout=False)}' is not in this interview (it has no questions)"
    )


@cli.command("flags")
@click.argument("session")
@click.option(
    "--dismiss", "dismiss", multiple=True, metavar="ID", help="Mark a flag as wrong: it stays listed and counts for nothing."
)
@click.option("--confirm", "confirm", multiple=True, metavar="ID", help="Mark a detected flag as right.")
@click.option("--add", "add", multiple=True, metavar="ID", help="Add a flag prepbot missed.")
@click.option("--undo", "undo", multiple=True, metavar="ID", help="Take back your confirmation, dismissal or addition.")
@click.option("--reason", default="", help="Why (kept with the correction and shown in the report).")
@click.option(
    "--question",
    "-q",
    "question",
    metavar="QID",
    help="With --add: the question it belongs to (its id, or its number such as Q3); without, the interview.",
)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_bank_option
def flags_command(session, dismiss, confirm, add, undo, reason, question, fmt, banks) -> None:
    """List an interview's flags, and correct them: you have the last word.

    Every flag is listed once with its status (detected, confirmed, dismissed or added), kind,
    severity, its weight in the verdict's score, where it was heard (Q-numbers, or "from:" a
    source), the quoted words and your reason. A dismissed flag stays listed and counts for
    nothing; it stays dismissed while the words it was dismissed for are all that is heard.

    \b
    Examples:
      prepbot flags Acme
      prepbot flags Acme --dismiss no-code-review --reason "they meant the intern project"
      prepbot flags Acme --confirm long-standups
      prepbot flags Acme --add overtime-expected --question Q4 --reason "laughed at 'weekends'"
      prepbot flags Acme --undo no-code-review
      prepbot flags Acme --format json
    """
    service = _service(banks)
    interview = _find(service, session)
    actions = (
        [("dismissed", f) for f in dismiss]
        + [("confirmed", f) for f in confirm]
        + [("added", f) for f in add]
        + [("undo", f) for f in undo]
    )
    if question is not None and not add:
        raise click.UsageError("--question goes with --add (the question an added flag belongs to)")
    if reason and not actions:
        raise click.UsageError("--reason goes with --dismiss, --confirm or --add")

    # Check everything first: either every correction is made, or none.
    seen: dict[str, str] = {}
    for status, flag_id in actions:
        _flag_id(service, flag_id)
        if flag_id in seen:
            raise click.UsageError(f"flag '{flag_id}' is given twice; one correction per flag at a time")
        seen[flag_id] = status
    question_id = _question_id(interview, question) if question is not None else None
    if actions:
        findings = {f.id: f for f in service.summary(interview).findings}
        for status, flag_id in actions:
            finding = findings.get(flag_id)
            if status in ("dismissed", "confirmed") and (finding is None or not finding.heard):
                hint = "use --add to add it" if status == "confirmed" else "nothing to dismiss"
                if finding is not None and finding.status == "added":
                    hint = "you added it: use --undo to take it back"
                raise click.ClickException(f"flag '{flag_id}' was not heard in this interview; {hint}")
            if status == "undo" and flag_id not in interview.corrections:
                raise click.ClickException(f"flag '{flag_id}' has no correction of yours to undo")
        for status, flag_id in actions:
            _service_call(service.correct, interview, flag_id, status, reason, question_id if status == "added" else None)
            done = {"dismissed": "Dismissed", "confirmed": "Confirmed", "added": "Added", "undo": "Took back your word on"}
            heard = status == "added" and flag_id in findings and findings[flag_id].heard
            click.echo(f"{done[status]} {flag_id}" + (" (it was heard already: now confirmed)." if heard else "."), err=True)

    summary = service.summary(interview)
    where = _where(interview)
    if fmt == "json":
        from prepbot.export.shapes import conflict_as_dict, finding_as_dict, verdict_as_dict

        click.echo(
            _json(
                {
                    "schema": "prepbot.flags",
                    "version": 1,
                    "interview": {"id": interview.id, "company": interview.company},
                    "verdict": verdict_as_dict(summary.verdict),
                    "flags": [finding_as_dict(f, where) for f in summary.findings],
                    "conflicts": [conflict_as_dict(c, where) for c in summary.conflicts],
                }
            )
        )
        return
    click.echo(_render_flags(interview, summary, where))


def _render_flags(interview, summary, where) -> str:
    role = f" / {_one_line(interview.role)}" if interview.role.strip() else ""
    lines = [
        f"{_one_line(interview.company)}{role} ({_one_line(interview.date)}, {interview.id})",
        f"Verdict: {summary.verdict.label} (score {summary.score:+d})",
    ]
    findings = summary.findings
    if not findings:
        lines += [
            "",
            "No flags yet: add notes in the chat (`prepbot`), import a review (`prepbot import`), "
            "or add one you noticed (`prepbot flags SESSION --add ID`).",
        ]
    for finding in findings:
        flag = finding.flag
        lines += [
            "",
            f"{KIND_MARK[finding.kind]}  {finding.id}  [{finding.status}]  {safe(flag.title, keep_layout=False)}",
            f"    severity {flag.severity}, weight {finding.weight:+d}"
            + (f" ({NOT_COUNTED[finding.status]})" if not finding.counts else "")
            + (f", your weight: {finding.preference}" if finding.preference != "normal" else ""),
        ]
        place = where(finding)
        if place:
            lines.append(f"    where: {_one_line(place)}")
        for heard in finding.heard:
            lines.append(f'    heard: "{_one_line(heard.evidence.text)}"')
        if finding.reason:
            lines.append(f"    your reason: {_one_line(finding.reason)}")
    for conflict in summary.conflicts:
        red_quotes, green_quotes = conflict.quotes
        lines += ["", f"⚠ CONFLICT  {conflict.red.id} / {conflict.green.id}: heard both ways, counted neither way"]
        lines += [f'    ✗ heard: "{_one_line(text)}"' for text in red_quotes]
        lines += [f'    ✓ heard: "{_one_line(text)}"' for text in green_quotes]
        lines += [
            f"    settle it: {_one_line(conflict.ask)}",
            f"    then: prepbot flags SESSION --confirm {conflict.red.id}  (or --confirm {conflict.green.id})",
        ]
    if summary.verdict.unknown:
        lines += ["", f"Not probed yet (unknown, not green): {', '.join(summary.verdict.unknown)}"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- import (sources)


@cli.command("import")
@click.argument("session")
@click.argument("input_name", required=False, metavar="[FILE|-]")
@click.option("--label", help="What to call it in the report (default: the file name, or 'pasted text').")
@click.option("--list", "list_sources", is_flag=True, help="List the interview's sources with their ids.")
@click.option("--remove", "remove_id", metavar="SOURCE_ID", help="Remove a source (its id from --list).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="For --list.")
@_bank_option
def import_command(session, input_name, label, list_sources, remove_id, fmt, banks) -> None:
    """Attach a review, an e-mail or a job ad to an interview; its flags join the summary.

    Reads FILE, or standard input when there is none (or for '-'); on a terminal, what you paste
    until Ctrl-D. The source is labelled with the file name ("pasted text" for standard input)
    unless --label says otherwise; its flags show "from: LABEL" in the summary and the report.
    Prints the new source's id.

    \b
    Examples:
      prepbot import Acme glassdoor-review.txt
      xclip -o | prepbot import Acme --label "recruiter e-mail"
      prepbot import Acme --list
      prepbot import Acme --remove src-1a2b3c4d
    """
    if list_sources and remove_id is not None:
        raise click.UsageError("give either --list or --remove, not both")
    if (list_sources or remove_id is not None) and (input_name is not None or label is not None):
        raise click.UsageError("--list and --remove take no FILE or --label")
    service = _service(banks)
    interview = _find(service, session)
    if list_sources:
        _list_sources(service, interview, fmt)
        return
    if remove_id is not None:
        source = _source(interview, remove_id)
        _service_call(service.remove_source, interview, source.id)
        click.echo(f"Removed {source.id} ({_one_line(source.label)}) from {_one_line(interview.company)}.", err=True)
        return
    name = input_name or "-"
    if name == "-":
        _paste_prompt()
    _, text = _read_input(name)
    default = "pasted text" if name == "-" else Path(name).name
    source = _service_call(service.import_source, interview, default if label is None else label, text)
    found = service.match(source.text)
    red = sum(1 for m in found if m.kind == "red")
    click.echo(source.id)
    click.echo(
        f"Imported {_one_line(source.label)} into {_one_line(interview.company)}: "
        f"{_plural(red, 'red flag')} and {_plural(len(found) - red, 'green flag')} in it "
        f"(see 'prepbot flags {interview.id}').",
        err=True,
    )


def _source(interview, key: str):
    """A source by id or unique id prefix."""
    exact = [s for s in interview.sources if s.id == key]
    found = exact or [s for s in interview.sources if key and s.id.startswith(key)]
    if len(found) == 1:
        return found[0]
    shown = safe(key, keep_layout=False)
    if found:
        raise click.ClickException(f"'{shown}' matches {len(found)} sources; give the whole id")
    raise click.ClickException(f"no source '{shown}' in this interview (see 'prepbot import {interview.id} --list')")


def _list_sources(service, interview, fmt: str) -> None:
    rows = []
    for source in interview.sources:
        found = service.match(source.text)
        rows.append((source, [m.id for m in found if m.kind == "red"], [m.id for m in found if m.kind == "green"]))
    if fmt == "json":
        click.echo(
            _json(
                [
                    {"id": s.id, "label": s.label, "characters": len(s.text), "added_at": s.added_at, "red": red, "green": green}
                    for s, red, green in rows
                ]
            )
        )
        return
    if not rows:
        click.echo(f"No sources yet. Attach a review or an e-mail with 'prepbot import {interview.id} FILE'.")
        return
    click.echo(f"{'ID':12}  {'ADDED':10}  {'CHARS':>7}  {'RED':>3}  {'GREEN':>5}  LABEL")
    for source, red, green in rows:
        click.echo(
            f"{source.id:12}  {source.added_at[:10]:10}  {len(source.text):>7}  {len(red):>3}  {len(green):>5}  "
            f"{_one_line(source.label)}"
        )


# --------------------------------------------------------------------------- new and edit


@cli.command("new")
@click.option("--company", required=True, help="Who is interviewing you.")
@click.option("--role", default="", help="The role you are interviewing for.")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions.")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--date", metavar="YYYY-MM-DD", help="When the interview is (default: today).")
@_bank_option
def new_command(company, role, persona, minutes, categories, date, banks) -> None:
    """Create an interview from the shell and print its id (only the id, on stdout).

    \b
    Examples:
      prepbot new --company Acme --role "Backend engineer" --persona engineer --minutes 20
      id=$(prepbot new --company Acme --date 2026-12-01) && prepbot note "$id" "Met Dana, the EM"
    """
    service = _service(banks)
    interview = _service_call(service.start_interview, company, role, date, persona, minutes, categories)
    click.echo(interview.id)
    count = len(interview.question_ids)
    total = sum(q.minutes for q in interview.questions(service.bank))
    click.echo(
        f"Started an interview with {_one_line(interview.company)} on {interview.date}: "
        f"{_plural(count, 'question')}, about {total:g} min. Open it with 'prepbot'.",
        err=True,
    )
    for line in service.round_lines(interview):
        click.echo(safe(line, keep_layout=False), err=True)


@cli.command("edit")
@click.argument("session")
@click.option("--company", help="Who is interviewing you.")
@click.option("--role", help="The role (an empty string clears it).")
@click.option("--date", metavar="YYYY-MM-DD", help="When the interview is.")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to (plans the questions again).")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions (plans the questions again).")
@click.option(
    "--category",
    "-c",
    "categories",
    multiple=True,
    metavar="ID",
    help="Only this category, repeatable (plans the questions again).",
)
@click.option("--replan", is_flag=True, help="Plan the questions again (every note you wrote is kept).")
@_bank_option
def edit_command(session, company, role, date, persona, minutes, categories, replan, banks) -> None:
    """Change an interview's details after creating it.

    --persona, --minutes and --category plan the questions again, as --replan does with the
    current ones. Replanning never drops a note: every question with a note, a status or of your
    own stays in the plan, first; the planner fills in the rest.

    \b
    Examples:
      prepbot edit Acme --date 2026-12-03 --role "Staff engineer"
      prepbot edit Acme --persona manager --minutes 30
      prepbot edit Acme --replan --bank ~/my-questions.yaml
    """
    if all(v is None for v in (company, role, date, persona, minutes)) and not categories and not replan:
        raise click.UsageError("nothing to change; give --company, --role, --date, --persona, --minutes, --category or --replan")
    service = _service(banks)
    interview = _find(service, session)
    replan = replan or persona is not None or minutes is not None or bool(categories)
    before = list(interview.question_ids)
    if replan:
        persona = persona if persona is not None else interview.persona
        minutes = minutes if minutes is not None else interview.minutes
        categories = categories or interview.categories
    _service_call(
        service.update_details,
        interview,
        company=company,
        role=role,
        date=date,
        persona=persona,
        minutes=minutes,
        categories=categories,
        replan=replan,
    )
    role_text = f" / {_one_line(interview.role)}" if interview.role.strip() else ""
    click.echo(f"Updated {interview.id}: {_one_line(interview.company)}{role_text}, {_one_line(interview.date)}.")
    if replan:
        after = interview.question_ids
        added = sum(1 for q in after if q not in before)
        dropped = sum(1 for q in before if q not in after)
        click.echo(
            f"Planned again for {interview.persona or 'anyone'}"
            + (f", {interview.minutes:g} min" if interview.minutes else "")
            + f": {_plural(len(after), 'question')} ({added} new, {dropped} dropped; every note kept)."
        )


# --------------------------------------------------------------------------- the general note


@cli.command("note")
@click.argument("session")
@click.argument("text", required=False, metavar="[TEXT|-]")
@click.option("--append", is_flag=True, help="Add TEXT on a new line after the note instead of replacing it.")
@_bank_option
def note_command(session, text, append, banks) -> None:
    """Show or set the interview's general note (not tied to a question).

    With no TEXT, prints the note. With TEXT, or '-' to read standard input (on a terminal, what
    you paste until Ctrl-D), replaces it; an empty TEXT ("") clears it.

    \b
    Examples:
      prepbot note Acme
      prepbot note Acme "Met Dana (EM) and Lee (staff engineer). Office felt quiet."
      prepbot note Acme --append "Offer expected by Friday."
      pbpaste | prepbot note Acme -
    """
    service = _service(banks)
    interview = _find(service, session)
    if text is None:
        if append:
            raise click.UsageError("--append needs TEXT (or '-')")
        if interview.general_note.strip():
            click.echo(safe(interview.general_note.rstrip("\n")))
        else:
            click.echo(f'No general note yet. Set one with: prepbot note {interview.id} "TEXT"', err=True)
        return
    if text == "-":
        _paste_prompt()
        _, text = _read_input("-")
    if len(text.encode("utf-8")) > MAX_ANALYZE_BYTES:
        raise click.ClickException(f"the note is larger than {MAX_ANALYZE_BYTES // 1048576} MiB")
    if append and interview.general_note.strip():
        text = interview.general_note.rstrip("\n") + "\n" + text
    _service_call(service.open(interview).set_general_note, text)
    if text.strip():
        click.echo(f"Saved the general note of {_one_line(interview.company)} ({_plural(len(text), 'character')}).", err=True)
    else:
        click.echo(f"Cleared the general note of {_one_line(interview.company)}.", err=True)


# --------------------------------------------------------------------------- sessions import


@sessions_group.command("import")
@click.argument("report", metavar="REPORT.json|-")
@click.option("--replace", is_flag=True, help="Overwrite a saved interview with the same id.")
@_bank_option
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
    problem = _report_problem(interview)
    if problem:
        raise click.ClickException(f"{label}: not a valid prepbot report: {problem}")
    service = _service(banks)
    _service_call(service.restore, interview, replace=replace)
    click.echo(interview.id)
    click.echo(
        f"Restored the interview with {_one_line(interview.company)} ({_one_line(interview.date)}): "
        f"{interview.answered_count} of {_plural(len(interview.question_ids), 'question')} answered.",
        err=True,
    )


def _report_problem(interview) -> str | None:
    """What makes a parsed report unfit to save (wrong types, unknown statuses), or None."""
    import math
    from datetime import date as Date

    from prepbot.interview import STATUSES

    def text(value) -> bool:
        return isinstance(value, str)

    def optional_text(value) -> bool:
        return value is None or isinstance(value, str)

    if not text(interview.id) or not interview.id.strip():
        return "interview.id must be a non-empty string"
    if not text(interview.company) or not interview.company.strip():
        return "interview.company must be a non-empty string"
    for name in ("role", "date", "created_at", "updated_at", "general_note"):
        if not text(getattr(interview, name)):
            return f"interview.{name} must be a string"
    try:
        Date.fromisoformat(interview.date)
    except ValueError:
        return "interview.date must look like 2026-12-01"
    if not optional_text(interview.persona):
        return "interview.persona must be a string or null"
    minutes = interview.minutes
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int | float) or not math.isfinite(minutes) or minutes <= 0
    ):
        return "interview.minutes must be a positive number or null"
    if not all(text(c) for c in interview.categories):
        return "interview.categories must be strings"
    if isinstance(interview.current, bool) or not isinstance(interview.current, int):
        return "interview.current must be a whole number"
    if not all(text(q) for q in interview.question_ids):
        return "every question id must be a string"
    if len(set(interview.question_ids)) != len(interview.question_ids):
        return "a question is listed twice"
    for answer in interview.answers.values():
        if not (text(answer.note) and text(answer.updated_at)) or answer.status not in STATUSES:
            return f"question '{answer.question_id}' has a bad note, status or updated_at"
    if not all(text(ask) for ask in interview.own_questions.values()):
        return "an own question has no text"
    for correction in interview.corrections.values():
        if (
            not text(correction.flag_id)
            or correction.status not in ("confirmed", "dismissed", "added")
            or not text(correction.reason)
            or not optional_text(correction.question_id)
            or not all(text(e) for e in correction.evidence)
            or not optional_text(correction.updated_at)
        ):
            return f"the correction of flag '{correction.flag_id}' is malformed"
    ids = [s.id for s in interview.sources]
    if len(set(ids)) != len(ids):
        return "two sources share an id"
    for source in interview.sources:
        if not (text(source.id) and text(source.label) and text(source.text) and optional_text(source.added_at)):
            return "a source is malformed"
    return None
