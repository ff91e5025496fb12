"""An interview: its plan, the candidate's notes, the flags they show, a summary and a verdict.

Pure domain code: no I/O, no textual. The store saves and loads these; the TUI and the exports
read them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as Date

from prepbot.bank import Bank, Question
from prepbot.matching import Match, Matcher

STATUSES = ("open", "asked", "skipped")
SEVERITY_POINTS = {"low": 1, "medium": 2, "high": 3}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Answer:
    question_id: str
    note: str = ""
    status: str = "open"  # open | asked | skipped
    updated_at: str = ""
    version: int = field(default=0, compare=False)  # the store's version when loaded or last saved

    @property
    def answered(self) -> bool:
        return bool(self.note.strip()) or self.status == "asked"


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

    # -- the conversation

    def answer_for(self, question_id: str) -> Answer:
        if question_id not in self.answers:
            self.answers[question_id] = Answer(question_id)
        return self.answers[question_id]

    def set_note(self, question_id: str, note: str) -> Answer:
        answer = self.answer_for(question_id)
        answer.note = note
        if note.strip() and answer.status == "open":
            answer.status = "asked"
        answer.updated_at = self.updated_at = now_iso()
        return answer

    def set_status(self, question_id: str, status: str) -> Answer:
        if status not in STATUSES:
            raise ValueError(f"unknown status '{status}'")
        answer = self.answer_for(question_id)
        answer.status = status
        answer.updated_at = self.updated_at = now_iso()
        return answer

    def move_to(self, index: int) -> None:
        self.current = max(0, min(index, max(len(self.question_ids) - 1, 0)))


    def questions(self, bank: Bank) -> list[Question]:
        """The planned questions that the bank still knows (a user bank may have lost some)."""
        return [bank.questions[q] for q in self.question_ids if q in bank.questions]

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.question_ids if q in self.answers and self.answers[q].answered)

    @property
    def progress(self) -> float:
        return self.answered_count / len(self.question_ids) if self.question_ids else 0.0


@dataclass(frozen=True)
class FoundFlag:
    """A flag heard in the note for one question."""

    match: Match
    question_id: str

    @property
    def id(self) -> str:
        return self.match.id

    @property
    def kind(self) -> str:
        return self.match.kind


@dataclass(frozen=True)
class Summary:
    red: tuple[FoundFlag, ...]
    green: tuple[FoundFlag, ...]
    unanswered: tuple[Question, ...]
    skipped: tuple[Question, ...]
    score: int  # green points minus red points, weighted by severity
    verdict: str
    follow_ups: tuple[str, ...]


def flags_in(interview: Interview, matcher: Matcher, bank: Bank | None = None, model: str = "auto") -> list[FoundFlag]:
    """Every flag heard, in question order; each note is read as the answer to its question."""
    found = []
    for question_id in interview.question_ids:
        answer = interview.answers.get(question_id)
        if answer and answer.note.strip():
            question = bank.questions.get(question_id) if bank is not None else None
            found.extend(FoundFlag(m, question_id) for m in matcher.match(answer.note, question=question, model=model))
    return found


def summarize(interview: Interview, bank: Bank, matcher: Matcher, model: str = "auto") -> Summary:
    found = flags_in(interview, matcher, bank, model)
    red = tuple(f for f in found if f.kind == "red")
    green = tuple(f for f in found if f.kind == "green")
    # A flag heard in several answers counts once towards the score.
    red_ids = {f.id: f.match.flag.severity for f in red}
    green_ids = {f.id: f.match.flag.severity for f in green}
    score = sum(SEVERITY_POINTS[s] for s in green_ids.values()) - sum(SEVERITY_POINTS[s] for s in red_ids.values())
    questions = interview.questions(bank)
    unanswered = tuple(q for q in questions if not _answer(interview, q.id).answered and _answer(interview, q.id).status != "skipped")
    skipped = tuple(q for q in questions if _answer(interview, q.id).status == "skipped")
    follow_ups = tuple(dict.fromkeys(f.match.flag.follow_up for f in red))
    return Summary(red, green, unanswered, skipped, score, _verdict(interview, red_ids, score), follow_ups)


def _answer(interview: Interview, question_id: str) -> Answer:
    return interview.answers.get(question_id) or Answer(question_id)


def _verdict(interview: Interview, red_severities: dict[str, str], score: int) -> str:
    if interview.answered_count == 0:
        return "No answers yet: ask your questions and note what you hear."
    serious = sum(1 for s in red_severities.values() if s == "high")
    if serious >= 2 or score <= -5:
        return "Serious concerns: several high-severity red flags. Dig deeper before accepting an offer."
    if red_severities:
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
        try:
            Date.fromisoformat(date)
        except ValueError:
            raise ValueError("date must look like 2026-12-01.") from None
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
