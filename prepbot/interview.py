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

from prepbot.bank import PERSONAS, Bank, Question
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
