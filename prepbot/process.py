"""The whole hiring process with one company: its rounds, what each flag is across them, and the
plan for the next round.

Pure domain code: interviews and their summaries in, a `Process` out; no I/O, no textual, no click.
Interviews belong to one company when their names match once trimmed, inner spaces collapsed and
case folded (`company_key`). Rounds are ordered by date (then by when they were created).

A flag's status for the company: `red` or `green` when some round counts it, `conflicting` when a
red was counted in one round (or one interview) and its green opposite in another and the
candidate has confirmed neither, `dismissed` when every round dismissed or overruled it,
`not-heard` when a round asked about it and heard nothing, `unknown` when no round probed it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from prepbot.bank import Bank, Flag, Question
from prepbot.interview import SEVERITY_POINTS, Interview, own_question
from prepbot.planner import Plan, plan
from prepbot.prefs import NORMAL, Preferences
from prepbot.summary import Finding, Summary, Verdict, deal_breakers_in, settling_question, verdict_label

FLAG_STATES = ("red", "green", "conflicting", "dismissed", "not-heard", "unknown")


def company_key(name: str) -> str:
    """How two spellings of a company are compared: trimmed, inner spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Round:
    number: int  # 1 is the first by date
    interview: Interview
    summary: Summary

    @property
    def id(self) -> str:
        return self.interview.id

    @property
    def date(self) -> str:
        return self.interview.date

    @property
    def persona(self) -> str | None:
        return self.interview.persona


@dataclass(frozen=True)
class Sighting:
    """Where a flag was heard: which round, which question (or source), the quoted words."""

    round_id: str
    round_number: int
    text: str
    question_id: str | None = None
    ask: str | None = None
    source: str | None = None  # the source's label

    @property
    def where(self) -> str:
        place = f"round {self.round_number}"
        if self.source is not None:
            return f"{place}, from: {self.source}"
        return f"{place}, asked: {self.ask}" if self.ask else place


@dataclass(frozen=True)
class FlagStatus:
    flag: Flag
    status: str  # one of FLAG_STATUSES
    finding: Finding | None  # the company-level finding (all rounds' evidence), when heard
    states: tuple[str, ...]  # the flag's state in each round, in round order
    heard: tuple[Sighting, ...] = ()

    @property
    def id(self) -> str:
        return self.flag.id

    @property
    def heard_in(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.round_id for s in self.heard))


@dataclass(frozen=True)
class RoundConflict:
    """A red in one round (or interview) and its green opposite in another, neither confirmed."""

    red: FlagStatus
    green: FlagStatus
    ask: str  # the question that settles it
    question_id: str | None = None

    @property
    def rounds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.red.heard_in, *self.green.heard_in)))


@dataclass(frozen=True)
class Process:
    company: str  # as the latest round spells it
    rounds: tuple[Round, ...]
    flags: tuple[FlagStatus, ...]  # every flag of the bank (and any a round found), red first
    conflicts: tuple[RoundConflict, ...]
    unknown: tuple[str, ...]  # flag ids no round has probed
    verdict: Verdict
    preferences: Preferences = NORMAL

    @property
    def key(self) -> str:
        return company_key(self.company)

    @property
    def sources(self) -> tuple[tuple[Round, object], ...]:
        return tuple((r, s) for r in self.rounds for s in r.interview.sources)

    def status_of(self, flag_id: str) -> FlagStatus | None:
        return next((f for f in self.flags if f.id == flag_id), None)

    @property
    def red(self) -> tuple[FlagStatus, ...]:
        return tuple(f for f in self.flags if f.status == "red")


def _round_state(flag_id: str, summary: Summary) -> str:
    finding = next((f for f in summary.findings if f.id == flag_id), None)
    if finding is not None:
        if finding.status == "conflicting":
            return "conflicting"
        return finding.kind if finding.counts else "dismissed"
    return "unknown" if flag_id in summary.verdict.unknown else "not-heard"


def _sightings(round_: Round, finding: Finding, bank: Bank) -> list[Sighting]:
    interview = round_.interview
    questions = {q.id: q for q in interview.questions(bank)}
    labels = {s.id: s.label for s in interview.sources}
    seen = []
    for heard in finding.heard:
        question = questions.get(heard.question_id or "")
        seen.append(
            Sighting(
                round_.id,
                round_.number,
                heard.evidence.text,
                heard.question_id,
                question.ask if question else None,
                labels.get(heard.source_id or "") if heard.source_id else None,
            )
        )
    if not finding.heard:  # a flag the candidate added
        question = questions.get(finding.question_id or "")
        seen.append(Sighting(round_.id, round_.number, finding.reason, finding.question_id, question.ask if question else None))
    return seen


def _merge(findings: list[Finding]) -> Finding:
    """One finding for the company: every round's evidence; confirmed or added if any round says so."""
    status = "detected"
    for wanted in ("confirmed", "added"):
        if any(f.status == wanted for f in findings):
            status = wanted
            break
    first = findings[0]
    return replace(
        first,
        status=status,
        score=max(f.score for f in findings),
        heard=tuple(h for f in findings for h in f.heard),
        reason="; ".join(dict.fromkeys(f.reason for f in findings if f.reason)),
    )


def build_process(bank: Bank, pairs: Sequence[tuple[Interview, Summary]], preferences: Preferences = NORMAL) -> Process:
    """The process made of these interviews (one company's; at least one), each with its summary."""
    if not pairs:
        raise ValueError("a process needs at least one interview")
    ordered = sorted(pairs, key=lambda pair: (pair[0].date, pair[0].created_at, pair[0].id))
    rounds = tuple(Round(n, interview, summary) for n, (interview, summary) in enumerate(ordered, 1))

    flags: dict[str, Flag] = dict(bank.flags)
    for round_ in rounds:
        for heard_finding in round_.summary.findings:
            flags.setdefault(heard_finding.id, heard_finding.flag)

    statuses: dict[str, FlagStatus] = {}
    sure: set[str] = set()
    for flag_id, flag in flags.items():
        states = tuple(_round_state(flag_id, r.summary) for r in rounds)
        found = [(r, f) for r in rounds for f in r.summary.findings if f.id == flag_id]
        counted = [f for _, f in found if f.counts or f.status == "conflicting"]
        heard = tuple(s for r, f in found for s in _sightings(r, f, bank))
        if any(f.status in ("confirmed", "added") for _, f in found):
            sure.add(flag_id)
        finding: Finding | None
        if counted:
            status = "conflicting" if "conflicting" in states and flag_id not in sure else flag.kind
            finding = _merge(counted)
        elif found:
            status, finding = "dismissed", _merge([f for _, f in found])
            finding = replace(finding, status="dismissed")
        else:
            status, finding = ("unknown" if all(s == "unknown" for s in states) else "not-heard"), None
        statuses[flag_id] = FlagStatus(flag, status, finding, states, heard)

    # A red and its green opposite both counted for the company: a conflict, unless the candidate
    # confirmed one side (the other is then overruled) or both.
    answered = {q for r in rounds for q, a in r.interview.answers.items() if a.answered}
    persona = rounds[-1].persona
    conflicts: list[RoundConflict] = []
    for red_side in list(statuses.values()):
        opposite = red_side.flag.opposite
        if red_side.flag.kind != "red" or not opposite or opposite not in statuses:
            continue
        green_side = statuses[opposite]
        if red_side.status not in ("red", "conflicting") or green_side.status not in ("green", "conflicting"):
            continue
        red_sure, green_sure = red_side.id in sure, green_side.id in sure
        if red_sure and green_sure:
            statuses[red_side.id] = replace(red_side, status="red")
            statuses[green_side.id] = replace(green_side, status="green")
            continue
        if red_sure or green_sure:
            loser = green_side if red_sure else red_side
            winner = red_side if red_sure else green_side
            statuses[winner.id] = replace(winner, status=winner.flag.kind)
            statuses[loser.id] = replace(loser, status="dismissed", finding=_overruled(loser.finding))
            continue
        statuses[red_side.id] = replace(red_side, status="conflicting")
        statuses[green_side.id] = replace(green_side, status="conflicting")
        question_id, ask = settling_question(bank, red_side.id, green_side.id, answered, persona)
        conflicts.append(RoundConflict(statuses[red_side.id], statuses[green_side.id], ask, question_id))

    findings = {
        flag_id: replace(s.finding, status="conflicting") if s.status == "conflicting" and s.finding else s.finding
        for flag_id, s in statuses.items()
    }
    for flag_id, flag_status in statuses.items():
        statuses[flag_id] = replace(flag_status, finding=findings[flag_id])
    with_prefs = {
        flag_id: replace(finding, preference=preferences.of(flag_id)) for flag_id, finding in findings.items() if finding
    }
    counted = [f for f in with_prefs.values() if f.counts]
    counted.sort(key=lambda f: (f.kind != "red", -SEVERITY_POINTS.get(f.flag.severity, 1), f.id))
    red = tuple(f for f in counted if f.kind == "red")
    green = tuple(f for f in counted if f.kind == "green")
    rest = tuple(f for f in with_prefs.values() if not f.counts)
    score = sum(f.weight for f in counted)
    unknown = tuple(f for f, s in statuses.items() if s.status == "unknown" and f in bank.flags)
    deal_breakers = deal_breakers_in(red, preferences)
    evidence = any(r.interview.answered_count or r.interview.sources for r in rounds) or bool(counted)
    label = verdict_label(red, score, deal_breakers, evidence)
    verdict = Verdict(label, score, (*red, *green, *rest), unknown, deal_breakers, preferences)

    order = {"red": 0, "green": 1}
    flag_list = sorted(statuses.values(), key=lambda s: order.get(s.flag.kind, 2))  # within a kind, the bank's order
    conflicts = [replace(c, red=statuses[c.red.id], green=statuses[c.green.id]) for c in conflicts]
    company = " ".join(rounds[-1].interview.company.split())
    return Process(company, rounds, tuple(flag_list), tuple(conflicts), unknown, verdict, preferences)


def _overruled(finding: Finding | None) -> Finding | None:
    return replace(finding, status="overruled") if finding else None


# --------------------------------------------------------------------------- the next round


@dataclass(frozen=True)
class Lead:
    """A question the next round leads with, and why: a deal-breaker to probe, a red to follow up,
    an unknown to close."""

    reason: str  # deal-breaker | red | unknown
    flags: tuple[str, ...]
    question: Question | None  # a bank question not asked before (None: only the follow-up)
    follow_up: str = ""  # for a red: what that red calls for


@dataclass(frozen=True)
class RoundPlan:
    number: int  # which round this will be
    plan: Plan | None  # the bank questions (leads first, then the planner's fill); None: the planner's own
    leads: tuple[Lead, ...]
    follow_ups: tuple[str, ...]  # the follow-ups the reds call for, planned as the candidate's own questions
    entries: tuple[str, ...]  # the plan in order: a bank question id, or "ask:" + a follow-up to add as own question

    @property
    def red_flags(self) -> tuple[str, ...]:
        return tuple(f for lead in self.leads if lead.reason == "red" for f in lead.flags)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _same(one: str, other: str) -> bool:
    """Two questions in nearly the same words (one the other with a clause added)."""
    from difflib import SequenceMatcher

    a, b = _norm(one).rstrip("?"), _norm(other).rstrip("?")
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() > 0.8


def plan_next_round(
    bank: Bank,
    earlier: Process | None,
    persona: str | None = None,
    minutes: float | None = None,
    categories: Iterable[str] = (),
    preferences: Preferences = NORMAL,
) -> RoundPlan:
    """The plan for the next interview with a company (`earlier`: its process so far, or None).

    It never asks again a question answered in an earlier round; it probes the candidate's
    deal-breakers first (whatever the time box); then leads with a question not asked yet, for
    this persona, on each flag heard red earlier, with the follow-up that red calls for; then with
    questions for the flags still unknown; then fills the time box as the planner would.
    Raises PlanError like the planner."""
    chosen_categories = tuple(dict.fromkeys(categories))
    answered: set[str] = set()
    asked_texts: set[str] = set()
    if earlier is not None:
        for round_ in earlier.rounds:
            for earlier_question in round_.interview.questions(bank):
                answer = round_.interview.answers.get(earlier_question.id)
                if answer and answer.answered:
                    answered.add(earlier_question.id)
                    asked_texts.add(_norm(earlier_question.ask))
    fits = [q for q in bank.questions.values() if q.id not in answered and (not persona or persona in q.personas)]
    in_categories = [q for q in fits if not chosen_categories or q.category in chosen_categories]
    taken: list[Question] = []
    leads: list[Lead] = []
    question: Question | None
    left = float(minutes) if minutes is not None else float("inf")

    def best(flag_ids: Collection[str], pool: list[Question]) -> Question | None:
        candidates = [q for q in pool if q not in taken and any(f in flag_ids for f in q.flags)]
        candidates.sort(key=lambda q: (-len(set(q.flags) & set(flag_ids)), q.priority, q.minutes, q.id))
        return candidates[0] if candidates else None

    # 1. Deal-breakers, whatever the time box: a question on the flag or its opposite.
    for flag_id in preferences.probe_first(bank.flags):
        flag = bank.flags[flag_id]
        targets = {flag_id, *([flag.opposite] if flag.opposite else [])}
        if any(set(q.flags) & targets for q in taken):
            continue
        question = best(targets, fits)
        if question is not None:
            taken.append(question)
            left -= question.minutes
            leads.append(Lead("deal-breaker", (flag_id,), question))

    follow_ups: list[str] = []
    entries: list[str] = [q.id for q in taken]
    if earlier is not None:
        # 2. Every red heard earlier (and each side of a conflict): a new question and its follow-up.
        reds = [
            s.flag
            for s in earlier.flags
            if s.flag.kind == "red" and s.status in ("red", "conflicting") and preferences.of(s.id) != "ignore"
        ]
        for flag in reds:
            targets = {flag.id, *([flag.opposite] if flag.opposite else [])}
            question = next((q for q in taken if set(q.flags) & targets), None)
            new_question = None
            if question is None:
                candidate = best(targets, fits)
                if candidate is not None and candidate.minutes <= left + 1e-9:
                    new_question = candidate
            asking = new_question or question
            follow_up = flag.follow_up if _norm(flag.follow_up) not in asked_texts else ""
            # A follow-up that only repeats the lead question in other words is not planned twice.
            planned_follow_up = follow_up if follow_up and not (asking and _same(asking.ask, follow_up)) else ""
            cost = (new_question.minutes if new_question else 0) + (own_question("", "").minutes if planned_follow_up else 0)
            if (new_question or planned_follow_up) and cost > left + 1e-9:
                continue
            if asking is None and not planned_follow_up:  # nothing left to ask this persona about it
                continue
            if new_question is not None:
                taken.append(new_question)
                entries.append(new_question.id)
            if planned_follow_up and planned_follow_up not in follow_ups:
                follow_ups.append(planned_follow_up)
                position = entries.index(asking.id) + 1 if asking is not None and asking.id in entries else len(entries)
                entries.insert(position, "ask:" + planned_follow_up)
            left -= cost
            shared = next((i for i, lead in enumerate(leads) if lead.reason == "deal-breaker" and lead.question is asking), None)
            if shared is not None:  # a deal-breaker heard red already: one lead, with its follow-up
                leads[shared] = replace(leads[shared], follow_up=planned_follow_up)
            else:
                leads.append(Lead("red", (flag.id,), asking, planned_follow_up))
        # 3. The flags no round has probed: the questions closing the most of them.
        ignored = {f for f in bank.flags if preferences.of(f) == "ignore"}
        open_flags = set(earlier.unknown) - ignored - {f for q in taken for f in q.flags}
        while open_flags:
            question = best(open_flags, in_categories)
            if question is None or question.minutes > left + 1e-9:
                break
            closes = tuple(f for f in question.flags if f in open_flags)
            taken.append(question)
            entries.append(question.id)
            left -= question.minutes
            leads.append(Lead("unknown", closes, question))
            open_flags -= set(closes)

    # 4. Fill as usual: the planner, over the questions not answered earlier nor taken already.
    rest = Bank(
        bank.categories, {q.id: q for q in bank.questions.values() if q.id not in answered and q not in taken}, bank.flags
    )
    fill: tuple[Question, ...] = ()
    if left > 1e-9:
        fill = plan(rest, persona=persona, minutes=None if minutes is None else left, categories=chosen_categories).questions
    else:
        plan(rest, persona=persona, minutes=None, categories=chosen_categories)  # still reports a bad category
    entries += [q.id for q in fill]
    questions = (*taken, *fill)
    covers = {q.id: tuple(q.flags) for q in questions}
    the_plan = Plan(questions, persona, minutes, chosen_categories, covers, ())
    number = (len(earlier.rounds) if earlier is not None else 0) + 1
    return RoundPlan(number, the_plan, tuple(leads), tuple(follow_ups), tuple(entries))


def describe_round(round_plan: RoundPlan, bank: Bank, company: str) -> list[str]:
    """What the new-interview screen and `prepbot new` say: which round, what it follows up."""
    lines = [
        f"Round {round_plan.number} with {' '.join(company.split())}" + (": the first round." if round_plan.number == 1 else ".")
    ]
    if round_plan.number > 1:
        lines[0] += " Nothing answered in an earlier round is asked again."

    def title(flag_id: str) -> str:
        return bank.flags[flag_id].title if flag_id in bank.flags else flag_id

    for lead in round_plan.leads:
        names = ", ".join(title(f) for f in lead.flags)
        ask = f": {lead.question.ask}" if lead.question is not None else ""
        if lead.reason == "deal-breaker":
            lines.append(f"Probes your deal-breaker first ({names}){ask}")
            if lead.follow_up:
                lines.append(f"    heard red earlier; then: {lead.follow_up}")
        elif lead.reason == "red":
            lines.append(f"Follows up the red flag heard earlier ({names}){ask}")
            if lead.follow_up:
                lines.append(f"    then: {lead.follow_up}")
        else:
            lines.append(f"Closes what is still unknown ({names}){ask}")
    return lines


def round_interview(round_plan: RoundPlan, interview: Interview) -> Interview:
    """Put the round's plan into a new interview: bank questions, and the follow-ups as the
    candidate's own questions in their places."""
    interview.question_ids = []
    interview.own_questions = {}
    for entry in round_plan.entries:
        if entry.startswith("ask:"):
            interview.add_question(entry[4:])
        else:
            interview.question_ids.append(entry)
    interview.current = 0
    return interview


# --------------------------------------------------------------------------- comparing processes


def as_column(process: Process) -> tuple[Interview, Summary]:
    """The process as one comparison column: an interview holding every round's answers and
    sources (id `company:<key>`), and a summary whose findings are the company's."""
    from prepbot.summary import FlagConflict

    rounds = process.rounds
    dates = sorted({r.date for r in rounds})
    merged = Interview(
        company=process.company,
        role=" / ".join(dict.fromkeys(r.interview.role for r in rounds if r.interview.role.strip())),
        date=dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}",
        persona=None,
        id=f"company:{process.key}",
        created_at=rounds[0].interview.created_at,
        updated_at=max(r.interview.updated_at for r in rounds),
    )
    for round_ in rounds:
        for question_id in round_.interview.question_ids:
            if question_id not in merged.question_ids:
                merged.question_ids.append(question_id)
        merged.answers.update({q: a for q, a in round_.interview.answers.items() if a.answered or q not in merged.answers})
        merged.own_questions.update(round_.interview.own_questions)
        merged.sources.extend(round_.interview.sources)
    reasons = process.verdict.reasons
    red = tuple(f for f in reasons if f.counts and f.kind == "red")
    green = tuple(f for f in reasons if f.counts and f.kind == "green")
    conflicts = tuple(
        FlagConflict(c.red.finding, c.green.finding, c.ask, c.question_id)
        for c in process.conflicts
        if c.red.finding is not None and c.green.finding is not None
    )
    in_conflict = {c.red.id for c in conflicts} | {c.green.id for c in conflicts}
    dismissed = tuple(f for f in reasons if not f.counts and f.id not in in_conflict)
    follow_ups = tuple(dict.fromkeys(f.flag.follow_up for f in red))
    summary = Summary(red, green, dismissed, (), (), process.verdict, follow_ups, conflicts)
    return merged, summary
