"""Commands that work on one saved interview from the shell: the candidate stays in charge.

`flags` (list, confirm, dismiss, add, undo), `import` (a review or an e-mail as a source), `new`,
`edit` and `note`. Registered by build_cli() in prepbot.cli. Nothing heavy is imported at module
level: the service, the store and the exports are imported inside each command.
"""

from __future__ import annotations

from pathlib import Path

import click

from prepbot.cli.base import (
    MAX_ANALYZE_BYTES,
    PERSONA_CHOICE,
    MinutesType,
    bank_option,
    known_flag_id,
    one_line,
    open_service,
    paste_prompt,
    plural,
    read_input,
    to_json,
)
from prepbot.textsafe import safe


def _numbers(interview) -> dict[str, int]:
    """Question id -> its number in the plan (Q1 is the first), as the reports count them."""
    return {question_id: n for n, question_id in enumerate(interview.question_ids, 1)}


def _where(interview):
    from prepbot.export import Where

    return Where(_numbers(interview), {s.id: s.label for s in interview.sources})


# --------------------------------------------------------------------------- flags

TAKE_BACK = "take back"  # --undo: not a status, the end of one
KIND_MARK = {"red": "✗ RED", "green": "✓ GREEN"}
NOT_COUNTED = {
    "dismissed": "dismissed: counts for nothing",
    "conflicting": "its opposite was heard too: counts for nothing until you confirm one",
    "overruled": "you confirmed its opposite: counts for nothing",
}


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


@click.command("flags")
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
@bank_option
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
    service = open_service(banks)
    interview = service.find(session)
    from prepbot.interview import FlagStatus

    actions = (
        [(FlagStatus.DISMISSED, f) for f in dismiss]
        + [(FlagStatus.CONFIRMED, f) for f in confirm]
        + [(FlagStatus.ADDED, f) for f in add]
        + [(TAKE_BACK, f) for f in undo]
    )
    if question is not None and not add:
        raise click.UsageError("--question goes with --add (the question an added flag belongs to)")
    if reason and not actions:
        raise click.UsageError("--reason goes with --dismiss, --confirm or --add")

    # Check everything first: either every correction is made, or none.
    seen: dict[str, object] = {}
    for status, flag_id in actions:
        known_flag_id(service, flag_id)
        if flag_id in seen:
            raise click.UsageError(f"flag '{flag_id}' is given twice; one correction per flag at a time")
        seen[flag_id] = status
    question_id = _question_id(interview, question) if question is not None else None
    if actions:
        findings = {f.id: f for f in service.summary(interview).findings}
        for status, flag_id in actions:
            finding = findings.get(flag_id)
            if status in (FlagStatus.DISMISSED, FlagStatus.CONFIRMED) and (finding is None or not finding.heard):
                hint = "use --add to add it" if status == FlagStatus.CONFIRMED else "nothing to dismiss"
                if finding is not None and finding.status == FlagStatus.ADDED:
                    hint = "you added it: use --undo to take it back"
                raise click.ClickException(f"flag '{flag_id}' was not heard in this interview; {hint}")
            if status == TAKE_BACK and flag_id not in interview.corrections:
                raise click.ClickException(f"flag '{flag_id}' has no correction of yours to undo")
        for status, flag_id in actions:
            if status == TAKE_BACK:
                service.undo_correction(interview, flag_id)
            else:
                service.correct(interview, flag_id, status, reason, question_id if status == FlagStatus.ADDED else None)
            done = {
                FlagStatus.DISMISSED: "Dismissed",
                FlagStatus.CONFIRMED: "Confirmed",
                FlagStatus.ADDED: "Added",
                TAKE_BACK: "Took back your word on",
            }
            heard = status == FlagStatus.ADDED and flag_id in findings and findings[flag_id].heard
            click.echo(f"{done[status]} {flag_id}" + (" (it was heard already: now confirmed)." if heard else "."), err=True)

    summary = service.summary(interview)
    where = _where(interview)
    if fmt == "json":
        from prepbot.export.shapes import conflict_as_dict, finding_as_dict, verdict_as_dict

        click.echo(
            to_json(
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
    role = f" / {one_line(interview.role)}" if interview.role.strip() else ""
    lines = [
        f"{one_line(interview.company)}{role} ({one_line(interview.date)}, {one_line(interview.id)})",
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
            lines.append(f"    where: {one_line(place)}")
        for heard in finding.heard:
            lines.append(f'    heard: "{one_line(heard.evidence.text)}"')
        if finding.reason:
            lines.append(f"    your reason: {one_line(finding.reason)}")
    for conflict in summary.conflicts:
        red_quotes, green_quotes = conflict.quotes
        lines += ["", f"⚠ CONFLICT  {conflict.red.id} / {conflict.green.id}: heard both ways, counted neither way"]
        lines += [f'    ✗ heard: "{one_line(text)}"' for text in red_quotes]
        lines += [f'    ✓ heard: "{one_line(text)}"' for text in green_quotes]
        lines += [
            f"    settle it: {one_line(conflict.ask)}",
            f"    then: prepbot flags SESSION --confirm {conflict.red.id}  (or --confirm {conflict.green.id})",
        ]
    if summary.verdict.unknown:
        lines += ["", f"Not probed yet (unknown, not green): {', '.join(summary.verdict.unknown)}"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- import (sources)


@click.command("import")
@click.argument("session")
@click.argument("input_name", required=False, metavar="[FILE|-]")
@click.option("--label", help="What to call it in the report (default: the file name, or 'pasted text').")
@click.option("--list", "list_sources", is_flag=True, help="List the interview's sources with their ids.")
@click.option("--remove", "remove_id", metavar="SOURCE_ID", help="Remove a source (its id from --list).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="For --list.")
@bank_option
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
    service = open_service(banks)
    interview = service.find(session)
    if list_sources:
        _list_sources(service, interview, fmt)
        return
    if remove_id is not None:
        source = _source(interview, remove_id)
        service.remove_source(interview, source.id)
        click.echo(f"Removed {source.id} ({one_line(source.label)}) from {one_line(interview.company)}.", err=True)
        return
    name = input_name or "-"
    if name == "-":
        paste_prompt()
    _, text = read_input(name)
    default = "pasted text" if name == "-" else Path(name).name
    source = service.import_source(interview, default if label is None else label, text)
    found = service.match(source.text)
    red = sum(1 for m in found if m.kind == "red")
    click.echo(source.id)
    click.echo(
        f"Imported {one_line(source.label)} into {one_line(interview.company)}: "
        f"{plural(red, 'red flag')} and {plural(len(found) - red, 'green flag')} in it "
        f"(see 'prepbot flags {one_line(interview.id)}').",
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
    raise click.ClickException(f"no source '{shown}' in this interview (see 'prepbot import {one_line(interview.id)} --list')")


def _list_sources(service, interview, fmt: str) -> None:
    rows = []
    for source in interview.sources:
        found = service.match(source.text)
        rows.append((source, [m.id for m in found if m.kind == "red"], [m.id for m in found if m.kind == "green"]))
    if fmt == "json":
        click.echo(
            to_json(
                [
                    {"id": s.id, "label": s.label, "characters": len(s.text), "added_at": s.added_at, "red": red, "green": green}
                    for s, red, green in rows
                ]
            )
        )
        return
    if not rows:
        click.echo(f"No sources yet. Attach a review or an e-mail with 'prepbot import {one_line(interview.id)} FILE'.")
        return
    click.echo(f"{'ID':12}  {'ADDED':10}  {'CHARS':>7}  {'RED':>3}  {'GREEN':>5}  LABEL")
    for source, red, green in rows:
        click.echo(
            f"{source.id:12}  {source.added_at[:10]:10}  {len(source.text):>7}  {len(red):>3}  {len(green):>5}  "
            f"{one_line(source.label)}"
        )


# --------------------------------------------------------------------------- new and edit


@click.command("new")
@click.option("--company", required=True, help="Who is interviewing you.")
@click.option("--role", default="", help="The role you are interviewing for.")
@click.option("--persona", "-p", type=PERSONA_CHOICE, help="Who you will be talking to.")
@click.option("--minutes", "-m", type=MinutesType(), help="Time box for your questions.")
@click.option("--category", "-c", "categories", multiple=True, metavar="ID", help="Only this category (repeatable).")
@click.option("--date", metavar="YYYY-MM-DD", help="When the interview is (default: today).")
@bank_option
def new_command(company, role, persona, minutes, categories, date, banks) -> None:
    """Create an interview from the shell and print its id (only the id, on stdout).

    \b
    Examples:
      prepbot new --company Acme --role "Backend engineer" --persona engineer --minutes 20
      id=$(prepbot new --company Acme --date 2026-12-01) && prepbot note "$id" "Met Dana, the EM"
    """
    service = open_service(banks)
    interview = service.start_interview(company, role, date, persona, minutes, categories)
    click.echo(interview.id)
    count = len(interview.question_ids)
    total = sum(q.minutes for q in interview.questions(service.bank))
    click.echo(
        f"Started an interview with {one_line(interview.company)} on {interview.date}: "
        f"{plural(count, 'question')}, about {total:g} min. Open it with 'prepbot'.",
        err=True,
    )
    for line in service.round_lines(interview):
        click.echo(safe(line, keep_layout=False), err=True)


@click.command("edit")
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
@bank_option
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
    service = open_service(banks)
    interview = service.find(session)
    replan = replan or persona is not None or minutes is not None or bool(categories)
    before = list(interview.question_ids)
    if replan:
        persona = persona if persona is not None else interview.persona
        minutes = minutes if minutes is not None else interview.minutes
        categories = categories or interview.categories
    service.update_details(
        interview,
        company=company,
        role=role,
        date=date,
        persona=persona,
        minutes=minutes,
        categories=categories,
        replan=replan,
    )
    role_text = f" / {one_line(interview.role)}" if interview.role.strip() else ""
    click.echo(f"Updated {one_line(interview.id)}: {one_line(interview.company)}{role_text}, {one_line(interview.date)}.")
    if replan:
        after = interview.question_ids
        added = sum(1 for q in after if q not in before)
        dropped = sum(1 for q in before if q not in after)
        click.echo(
            f"Planned again for {interview.persona or 'anyone'}"
            + (f", {interview.minutes:g} min" if interview.minutes else "")
            + f": {plural(len(after), 'question')} ({added} new, {dropped} dropped; every note kept)."
        )


# --------------------------------------------------------------------------- the general note


@click.command("note")
@click.argument("session")
@click.argument("text", required=False, metavar="[TEXT|-]")
@click.option("--append", is_flag=True, help="Add TEXT on a new line after the note instead of replacing it.")
@bank_option
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
    service = open_service(banks)
    interview = service.find(session)
    if text is None:
        if append:
            raise click.UsageError("--append needs TEXT (or '-')")
        if interview.general_note.strip():
            click.echo(safe(interview.general_note.rstrip("\n")))
        else:
            click.echo(f'No general note yet. Set one with: prepbot note {one_line(interview.id)} "TEXT"', err=True)
        return
    if text == "-":
        paste_prompt()
        _, text = read_input("-")
    if len(text.encode("utf-8")) > MAX_ANALYZE_BYTES:
        raise click.ClickException(f"the note is larger than {MAX_ANALYZE_BYTES // 1048576} MiB")
    if append and interview.general_note.strip():
        text = interview.general_note.rstrip("\n") + "\n" + text
    service.open(interview).set_general_note(text)
    if text.strip():
        click.echo(f"Saved the general note of {one_line(interview.company)} ({plural(len(text), 'character')}).", err=True)
    else:
        click.echo(f"Cleared the general note of {one_line(interview.company)}.", err=True)


# --------------------------------------------------------------------------- sessions import
