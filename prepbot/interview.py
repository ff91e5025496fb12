"""An interview: its plan, the candidate's notes, the flags they show, a summary and a verdict.

Pure domain code: no I/O, no textual. The store saves and loads these; the TUI and the exports
read them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as Date
from enum import StrEnum
from typing import TYPE_CHECKING

from prepbot.bank import PERSONAS, Bank, Flag, Question
from prepbot.matching import Evidence, Match, Matcher
from prepbot.prefs import FACTORS, NORMAL, Preferences
from prepbot.values import parse_date, parse_minutes

if TYPE_CHECKING:
    from prepbot.planner import Plan


class Status(StrEnum):
    """Where a question of the plan stands."""

    OPEN = "open"
    ASKED = "asked"
    SKIPPED = "skipped"


class FlagStatus(StrEnum):
    """A flag as the summary shows it: heard, or the candidate's word on it."""

    DETECTED = "detected"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    ADDED = "added"
    CONFLICTING = "conflicting"  # its opposite was heard too and neither is confirmed
    OVERRULED = "overruled"  # the candidate confirmed its opposite


STATUSES = tuple(Status)
CORRECTIONS = (FlagStatus.CONFIRMED, FlagStatus.DISMISSED, FlagStatus.ADDED)  # what a Correction can say
SEVERITY_POINTS = {"low": 1, "medium": 2, "high": 3}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def status_with_note(note: str, status: str) -> Status:
    """The one open->asked rule: a question with a note was asked, whatever its status said."""
    return Status.ASKED if note.strip() and status == Status.OPEN else Status(status)


@dataclass
class Answer:
    question_id: str
    note: str = ""
    status: str = Status.OPEN
    updated_at: str = ""
    version: int = field(default=0, compare=False)  # the store's version when loaded or last saved

    @property
    def answered(self) -> bool:
        return bool(self.note.strip()) or self.status == Status.ASKED

    @property
    def touched(self) -> bool:
        """The candidate did something with it (a note, asked, skipped): a replan keeps it."""
        return bool(self.note.strip()) or self.status != Status.OPEN


FLAG_STATUSES = (FlagStatus.DETECTED, FlagStatus.CONFIRMED, FlagStatus.DISMISSED, FlagStatus.ADDED)
# A finding's status beyond the candidate's word: a red and its green opposite both heard and
# neither confirmed ("conflicting"), or the side the candidate did not confirm ("overruled").
# Neither counts in the verdict.
FINDING_STATUSES = tuple(FlagStatus)
OWN_CATEGORY = "own"


@dataclass
class Correction:
    """The candidate's word on a flag: it was right (confirmed), wrong (dismissed), or missed (added)."""

    flag_id: str
    status: str  # a FlagStatus of CORRECTIONS
    reason: str = ""
    question_id: str | None = None  # an added flag: the question it belongs to (None: the interview)
    evidence: tuple[str, ...] = ()  # a dismissal: the quoted words it was dismissed for
    updated_at: str = ""


@dataclass
class Source:
    """Something the candidate read (a review, an e-mail, a job ad), kept with the interview."""

    id: str
    label: str
    text: str
    added_at: str = ""


@dataclass
class Interview:
    company: str
    role: str = ""
    date: str = field(default_factory=lambda: Date.today().isoformat())
    persona: str | None = None
    minutes: float | None = None
    categories: tuple[str, ...] = ()
    question_ids: list[str] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)
    current: int = 0
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    general_note: str = ""
    own_questions: dict[str, str] = field(default_factory=dict)  # id -> the question as the candidate typed it
    corrections: dict[str, Correction] = field(default_factory=dict)  # by flag id
    sources: list[Source] = field(default_factory=list)

    # -- the conversation

    def answer_for(self, question_id: str) -> Answer:
        if question_id not in self.answers:
            self.answers[question_id] = Answer(question_id)
        return self.answers[question_id]

    def set_note(self, question_id: str, note: str) -> Answer:
        answer = self.answer_for(question_id)
        answer.note = note
        answer.status = status_with_note(note, answer.status)
        answer.updated_at = self.updated_at = now_iso()
        return answer

    def set_status(self, question_id: str, status: str) -> Answer:
        if status not in STATUSES:
            raise ValueError(f"unknown status '{status}'")
        answer = self.answer_for(question_id)
        answer.status = Status(status)
        answer.updated_at = self.updated_at = now_iso()
        return answer

    def move_to(self, index: int) -> None:
        self.current = max(0, min(index, max(len(self.question_ids) - 1, 0)))

    def questions(self, bank: Bank) -> list[Question]:
        """The planned questions the bank still knows (a user bank may have lost some), and the
        candidate's own questions."""
        found = []
        for question_id in self.question_ids:
            if question_id in self.own_questions:
                found.append(own_question(question_id, self.own_questions[question_id]))
            elif question_id in bank.questions:
                found.append(bank.questions[question_id])
        return found

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.question_ids if q in self.answers and self.answers[q].answered)

    @property
    def progress(self) -> float:
        return self.answered_count / len(self.question_ids) if self.question_ids else 0.0

    def touch(self) -> None:
        self.updated_at = now_iso()

    def touched(self, question_id: str) -> bool:
        answer = self.answers.get(question_id)
        return answer is not None and answer.touched

    def replan(self, the_plan: Plan, entries: Sequence[str] | None = None) -> None:
        """The plan again for a new persona, time box or categories. Every question with a note, a
        status or of the candidate's own stays, first, so no note is ever dropped; the planner
        fills in the rest. The current question stays current when it is kept.

        `entries` (a next round's plan) are bank question ids and "ask:TEXT" follow-ups: each
        follow-up becomes the candidate's own question, once, in its place in the plan."""
        current_id = self.question_ids[self.current] if self.question_ids else None
        planned = []
        for entry in entries if entries is not None else [q.id for q in the_plan.questions]:
            if not entry.startswith("ask:"):
                planned.append(entry)
                continue
            mine = {" ".join(ask.lower().split()): q for q, ask in self.own_questions.items()}
            planned.append(mine.get(" ".join(entry[4:].lower().split())) or self.add_question(entry[4:]))
        kept = [q for q in self.question_ids if (q in self.own_questions and q not in planned) or self.touched(q)]
        self.question_ids = kept + [q for q in planned if q not in kept]
        self.persona, self.minutes = the_plan.persona, the_plan.minutes
        self.categories = tuple(the_plan.categories)
        self.current = self.question_ids.index(current_id) if current_id in self.question_ids else 0
        self.touch()

    def asked_texts(self, bank: Bank) -> set[str]:
        """The questions already asked (answered), as `same_question` compares them."""
        return {same_question(q.ask) for q in self.questions(bank) if q.id in self.answers and self.answers[q.id].answered}

    def fresh_follow_ups(self, bank: Bank, candidates: Iterable[str], also_asked: Iterable[str] = ()) -> list[str]:
        """The one follow-up rule: candidates in order, each once, none that repeats a question
        already asked in this interview (nor one of `also_asked`), wording aside."""
        asked = self.asked_texts(bank) | {same_question(text) for text in also_asked}
        fresh: dict[str, str] = {}
        for text in candidates:
            key = same_question(text)
            if key and key not in asked and key not in fresh:
                fresh[key] = text
        return list(fresh.values())

    # -- the plan is the candidate's

    def add_question(self, ask: str, after: int | None = None) -> str:
        """Add the candidate's own question (after position `after`, else at the end); its id."""
        ask = " ".join(ask.split())
        if not ask:
            raise ValueError("the question is empty")
        question_id = f"own-{uuid.uuid4().hex[:8]}"
        self.own_questions[question_id] = ask
        index = len(self.question_ids) if after is None else max(0, min(after + 1, len(self.question_ids)))
        self.question_ids.insert(index, question_id)
        self.touch()
        return question_id

    def remove_question(self, question_id: str) -> None:
        """Take a question out of the plan; its note, if any, is kept with the interview."""
        if question_id not in self.question_ids:
            raise ValueError(f"'{question_id}' is not in this interview's plan")
        index = self.question_ids.index(question_id)
        self.question_ids.remove(question_id)
        if index < self.current or self.current >= len(self.question_ids):
            self.current = max(0, self.current - 1)
        self.touch()

    def move_question(self, question_id: str, index: int) -> None:
        """Put a question at another position of the plan; the current question stays current."""
        if question_id not in self.question_ids:
            raise ValueError(f"'{question_id}' is not in this interview's plan")
        current_id = self.question_ids[self.current] if self.question_ids else None
        self.question_ids.remove(question_id)
        self.question_ids.insert(max(0, min(index, len(self.question_ids))), question_id)
        if current_id is not None:
            self.current = self.question_ids.index(current_id)
        self.touch()

    def first_open(self, start: int = 0) -> int | None:
        """The first question from `start` on (then from the top) that is neither answered nor skipped."""
        order = list(range(start, len(self.question_ids))) + list(range(0, start))
        for index in order:
            answer = self.answers.get(self.question_ids[index])
            if not answer or (not answer.answered and answer.status != Status.SKIPPED):
                return index
        return None

    # -- corrections: the candidate has the last word

    def correct(
        self, flag_id: str, status: str, reason: str = "", question_id: str | None = None, evidence: Iterable[str] = ()
    ) -> Correction:
        if status not in CORRECTIONS:
            raise ValueError(f"unknown correction '{status}'")
        correction = Correction(flag_id, FlagStatus(status), reason.strip(), question_id, tuple(evidence), now_iso())
        self.corrections[flag_id] = correction
        self.touch()
        return correction

    def undo_correction(self, flag_id: str) -> None:
        self.corrections.pop(flag_id, None)
        self.touch()

    # -- what they read

    def add_source(self, label: str, text: str) -> Source:
        source = Source(f"src-{uuid.uuid4().hex[:8]}", label.strip() or "pasted text", text, now_iso())
        self.sources.append(source)
        self.touch()
        return source

    def remove_source(self, source_id: str) -> None:
        before = len(self.sources)
        self.sources = [s for s in self.sources if s.id != source_id]
        if len(self.sources) == before:
            raise ValueError(f"no source '{source_id}' in this interview")
        self.touch()


def same_question(text: str) -> str:
    """A question's words for comparing two questions: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def own_question(question_id: str, ask: str) -> Question:
    """A question the candidate typed, as a bank-like Question (no flags: the matcher still listens)."""
    return Question(
        id=question_id,
        category=OWN_CATEGORY,
        ask=ask,
        why="Your own question.",
        personas=PERSONAS,
        priority=1,
        minutes=2,
        red_flags=(),
        green_flags=(),
        listen_for=(),
        follow_ups=(),
    )


@dataclass(frozen=True)
class Heard:
    """One piece of evidence for a flag, and where it was heard."""

    evidence: Evidence
    question_id: str | None = None  # the answer it was heard in
    source_id: str | None = None  # or the source (a pasted review...) it was read in


@dataclass(frozen=True)
class Finding:
    """A flag in an interview: counted once, with all its evidence and the candidate's word on it."""

    flag: Flag
    status: str  # detected | confirmed | dismissed | added
    score: float
    heard: tuple[Heard, ...] = ()
    reason: str = ""  # the candidate's, for a correction
    question_id: str | None = None  # the first question it was heard in (or added for)
    preference: str = "normal"  # the candidate's weight for it (prefs.WEIGHTS)

    @property
    def id(self) -> str:
        return self.flag.id

    @property
    def kind(self) -> str:
        return self.flag.kind

    @property
    def counts(self) -> bool:
        return self.status not in (FlagStatus.DISMISSED, FlagStatus.CONFLICTING, FlagStatus.OVERRULED)

    @property
    def weight(self) -> int:
        """What it adds to the score: + for green, - for red, by severity times the candidate's
        weight (ignore 0, important and deal-breaker double); 0 when it does not count."""
        if not self.counts:
            return 0
        points = SEVERITY_POINTS[self.flag.severity] * FACTORS[self.preference]
        return points if self.kind == "green" else -points

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.question_id for h in self.heard if h.question_id))

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.source_id for h in self.heard if h.source_id))


@dataclass(frozen=True)
class FlagConflict:
    """A red flag and its green opposite both heard, neither confirmed: which is true is open.

    `ask` is the question that settles it: a bank question probing both (`question_id`), else the
    red flag's follow-up."""

    red: Finding
    green: Finding
    ask: str
    question_id: str | None = None

    @property
    def quotes(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words each side was heard in (red, then green), each once."""
        return tuple(dict.fromkeys(h.evidence.text for h in self.red.heard)), tuple(
            dict.fromkeys(h.evidence.text for h in self.green.heard)
        )


@dataclass(frozen=True)
class Verdict:
    label: str
    score: int
    reasons: tuple[Finding, ...]  # every finding, counted ones first
    unknown: tuple[str, ...]  # flag ids nothing has probed yet: an unknown is not a green
    deal_breakers: tuple[Finding, ...] = ()  # counted red flags the candidate called deal-breakers
    preferences: Preferences = NORMAL  # the weights it was computed with


@dataclass(frozen=True)
class Summary:
    red: tuple[Finding, ...]  # counted red flags (detected, confirmed, added)
    green: tuple[Finding, ...]
    dismissed: tuple[Finding, ...]  # dismissed by the candidate, or overruled by the opposite they confirmed
    unanswered: tuple[Question, ...]
    skipped: tuple[Question, ...]
    verdict: Verdict
    follow_ups: tuple[str, ...]
    conflicts: tuple[FlagConflict, ...] = ()  # red/green pairs heard together, neither confirmed

    @property
    def score(self) -> int:
        return self.verdict.score

    @property
    def conflicting(self) -> tuple[Finding, ...]:
        return tuple(f for c in self.conflicts for f in (c.red, c.green))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (*self.red, *self.green, *self.conflicting, *self.dismissed)


@dataclass(frozen=True)
class FoundFlag:
    """A flag heard in the note for one question (the chat panel's live view)."""

    match: Match
    question_id: str

    @property
    def id(self) -> str:
        return self.match.id

    @property
    def kind(self) -> str:
        return self.match.kind


def flags_in(interview: Interview, matcher: Matcher, bank: Bank | None = None, model: str = "auto") -> list[FoundFlag]:
    """Every flag heard, in question order; each note is read as the answer to its question."""
    found: list[FoundFlag] = []
    for question_id in interview.question_ids:
        answer = interview.answers.get(question_id)
        if answer and answer.note.strip():
            question = bank.questions.get(question_id) if bank is not None else None
            found.extend(FoundFlag(m, question_id) for m in matcher.match(answer.note, question=question, model=model))
    return found


def summarize(
    interview: Interview, bank: Bank, matcher: Matcher, model: str = "auto", preferences: Preferences = NORMAL
) -> Summary:
    """Every flag once, with all its evidence, the candidate's corrections and weights applied;
    contradictions set aside until the candidate settles them; and a verdict."""
    heard: dict[str, list[Heard]] = {}
    scores: dict[str, float] = {}
    for found in flags_in(interview, matcher, bank, model):
        heard.setdefault(found.id, []).extend(Heard(e, found.question_id) for e in found.match.evidence)
        scores[found.id] = max(scores.get(found.id, 0.0), found.match.score)
    for source in interview.sources:
        for match in matcher.match(source.text, model=model):
            heard.setdefault(match.id, []).extend(Heard(e, None, source.id) for e in match.evidence)
            scores[match.id] = max(scores.get(match.id, 0.0), match.score)

    findings: list[Finding] = []
    for flag_id, pieces in heard.items():
        flag = matcher.flags.get(flag_id) or bank.flags[flag_id]
        first_question = next((h.question_id for h in pieces if h.question_id), None)
        correction = interview.corrections.get(flag_id)
        status, reason = FlagStatus.DETECTED, ""
        if correction is not None:
            reason = correction.reason
            if correction.status == FlagStatus.DISMISSED:
                # A dismissal holds for the words it was made for; new words bring the flag back.
                quoted = {h.evidence.text for h in pieces}
                status = FlagStatus.DISMISSED if quoted <= set(correction.evidence) else FlagStatus.DETECTED
            else:
                status = FlagStatus.CONFIRMED
        findings.append(Finding(flag, status, scores[flag_id], tuple(pieces), reason, first_question, preferences.of(flag_id)))
    for flag_id, correction in interview.corrections.items():
        if correction.status == FlagStatus.ADDED and flag_id not in heard and flag_id in bank.flags:
            findings.append(
                Finding(
                    bank.flags[flag_id],
                    FlagStatus.ADDED,
                    1.0,
                    (),
                    correction.reason,
                    correction.question_id,
                    preferences.of(flag_id),
                )
            )

    order = {q: i for i, q in enumerate(interview.question_ids)}

    def position(f: Finding) -> tuple:
        return (order.get(f.question_id, len(order)) if f.question_id else len(order), -SEVERITY_POINTS[f.flag.severity], f.id)

    answered_ids = {q for q, a in interview.answers.items() if a.answered}
    findings, conflicts = _contradictions(bank, findings, answered_ids, interview.persona)
    counted = sorted((f for f in findings if f.counts), key=position)
    red = tuple(f for f in counted if f.kind == "red")
    green = tuple(f for f in counted if f.kind == "green")
    in_conflict = {f.id for c in conflicts for f in (c.red, c.green)}
    dismissed = tuple(sorted((f for f in findings if not f.counts and f.id not in in_conflict), key=position))
    ordered_conflicts = tuple(sorted(conflicts, key=lambda c: position(c.red)))

    questions = interview.questions(bank)
    unanswered = tuple(
        q for q in questions if not _answer(interview, q.id).answered and _answer(interview, q.id).status != Status.SKIPPED
    )
    skipped = tuple(q for q in questions if _answer(interview, q.id).status == Status.SKIPPED)
    follow_ups = tuple(interview.fresh_follow_ups(bank, (f.flag.follow_up for f in red)))
    score = sum(f.weight for f in counted)
    probed = {flag for q in questions if _answer(interview, q.id).answered for flag in q.flags}
    probed |= {f.id for f in findings} | {f.flag.opposite for f in findings if f.flag.opposite}
    unknown = tuple(flag_id for flag_id in bank.flags if flag_id not in probed)
    deal_breakers = deal_breakers_in(red, preferences)
    conflicting = tuple(f for c in ordered_conflicts for f in (c.red, c.green))
    label = _verdict_label(interview, red, score, deal_breakers, ordered_conflicts)
    verdict = Verdict(label, score, (*red, *green, *conflicting, *dismissed), unknown, deal_breakers, preferences)
    return Summary(red, green, dismissed, unanswered, skipped, verdict, follow_ups, ordered_conflicts)


def deal_breakers_in(red: Iterable[Finding], preferences: Preferences) -> tuple[Finding, ...]:
    """Counted red flags the candidate marked as deal-breakers (or whose green opposite they did:
    "tests are a deal-breaker" makes "no tests" one)."""
    breakers = set(preferences.deal_breakers())
    return tuple(f for f in red if f.counts and (f.id in breakers or (f.flag.opposite or "") in breakers))


def settling_question(
    bank: Bank, red_id: str, green_id: str, answered: Iterable[str] = (), persona: str | None = None
) -> tuple[str | None, str]:
    """(question id, ask) that settles a red flag against its green opposite: a bank question
    probing both, one not answered yet first, then one for the persona, the most specific (fewest
    flags), by priority; else the red flag's follow-up."""
    done = set(answered)
    candidates = [q for q in bank.questions.values() if red_id in q.flags and green_id in q.flags]
    candidates.sort(
        key=lambda q: (q.id in done, bool(persona) and persona not in q.personas, len(q.flags), q.priority, q.minutes, q.id)
    )
    if candidates:
        return candidates[0].id, candidates[0].ask
    red = bank.flags.get(red_id)
    return None, red.follow_up if red else ""


def _contradictions(
    bank: Bank, findings: list[Finding], answered: set[str], persona: str | None = None
) -> tuple[list[Finding], list[FlagConflict]]:
    """A red and its green opposite both heard: neither counts until the candidate confirms one
    (the other is then overruled). Dismissing one side, or confirming both, leaves no conflict."""
    by_id = {f.id: f for f in findings}
    replaced: dict[str, Finding] = {}
    conflicts: list[FlagConflict] = []
    for red in findings:
        if red.kind != "red" or not red.counts or not red.flag.opposite:
            continue
        green = by_id.get(red.flag.opposite)
        if green is None or green.kind != "green" or not green.counts:
            continue
        red_sure, green_sure = red.status in ("confirmed", "added"), green.status in ("confirmed", "added")
        if red_sure and green_sure:
            continue
        if red_sure or green_sure:
            loser = green if red_sure else red
            replaced[loser.id] = _with_status(loser, "overruled")
            continue
        replaced[red.id], replaced[green.id] = _with_status(red, "conflicting"), _with_status(green, "conflicting")
        question_id, ask = settling_question(bank, red.id, green.id, answered, persona)
        conflicts.append(FlagConflict(replaced[red.id], replaced[green.id], ask, question_id))
    return [replaced.get(f.id, f) for f in findings], conflicts


def _with_status(finding: Finding, status: str) -> Finding:
    from dataclasses import replace

    return replace(finding, status=status)


def _answer(interview: Interview, question_id: str) -> Answer:
    return interview.answers.get(question_id) or Answer(question_id)


def _verdict_label(
    interview: Interview,
    red: tuple[Finding, ...],
    score: int,
    deal_breakers: tuple[Finding, ...] = (),
    conflicts: tuple[FlagConflict, ...] = (),
) -> str:
    base = _base_label(interview, red, score, conflicts)
    if deal_breakers:
        return f"deal-breaker: {', '.join(f.flag.title for f in deal_breakers)}. {base}"
    return base


def verdict_label(red: tuple[Finding, ...], score: int, deal_breakers: tuple[Finding, ...] = (), evidence: bool = True) -> str:
    """The label for findings gathered elsewhere (a company's rounds together)."""
    base = _label_for(red, score) if evidence else "No answers yet: ask your questions and note what you hear."
    if deal_breakers:
        return f"deal-breaker: {', '.join(f.flag.title for f in deal_breakers)}. {base}"
    return base


def _base_label(interview: Interview, red: tuple[Finding, ...], score: int, conflicts: tuple[FlagConflict, ...]) -> str:
    if interview.answered_count == 0 and not red and not interview.sources:
        return "No answers yet: ask your questions and note what you hear."
    return _label_for(red, score)


def _label_for(red: tuple[Finding, ...], score: int) -> str:
    red = tuple(f for f in red if f.weight)  # an ignored flag does not make a concern
    serious = sum(1 for f in red if f.flag.severity == "high")
    if serious >= 2 or score <= -5:
        return "Serious concerns: several high-severity red flags. Dig deeper before accepting an offer."
    if red:
        return "Some concerns: follow up on the red flags in the next round."
    if score > 0:
        return "Looks healthy so far: green flags and no red ones."
    return "Nothing alarming heard yet, but little evidence either way."


def start_interview(
    bank: Bank,
    company: str,
    role: str = "",
    date: str | None = None,
    persona: str | None = None,
    minutes: float | None = None,
    categories: Iterable[str] = (),
) -> Interview:
    """A new interview whose questions come from the planner. Raises PlanError, ValueError."""
    from prepbot.planner import plan

    company = company.strip()
    if not company:
        raise ValueError("company name is required")
    if date:
        date = parse_date(date)
    if minutes is not None:
        parse_minutes(minutes)  # checked; kept as given
    the_plan = plan(bank, persona=persona, minutes=minutes, categories=categories)
    return Interview(
        company=company,
        role=role.strip(),
        date=date or Date.today().isoformat(),
        persona=persona,
        minutes=minutes,
        categories=tuple(the_plan.categories),
        question_ids=[q.id for q in the_plan.questions],
    )
