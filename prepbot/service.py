"""What screens and commands call: one object over the catalogue (bank + matcher) and the store.

The TUI receives a `Service` when it is built and never reaches into the bank, the matcher or the
store itself; the CLI uses the same object. An open interview is a `Conversation`: answer, move,
flags so far, the reaction to an answer and the next follow-up, the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prepbot.bank import Bank, Question
from prepbot.catalogue import Catalogue
from prepbot.interview import FoundFlag, Interview, Summary, flags_in, start_interview, summarize
from prepbot.matching import Match
from prepbot.planner import PlanError
from prepbot.store import InterviewRow, SaveResult, Store, StoreError


class ServiceError(Exception):
    """A one-line, user-facing reason an operation cannot be done."""


@dataclass(frozen=True)
class Listing:
    """One saved interview as the home screen and `sessions list` show it."""

    row: InterviewRow
    red: int  # distinct red flags heard
    green: int


@dataclass(frozen=True)
class Reaction:
    """What prepbot says after an answer: the flags heard and the follow-up worth asking."""

    matches: tuple[Match, ...]
    follow_up: str


class Service:
    def __init__(self, catalogue: Catalogue, store: Store):
        self.catalogue = catalogue
        self.store = store
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}

    @property
    def bank(self) -> Bank:
        return self.catalogue.bank

    def match(self, text: str) -> list[Match]:
        return self.catalogue.matcher.match(text)

    # -- saved interviews

    def list_interviews(self) -> list[Listing]:
        """Saved interviews, most recently changed first, with their flag counts."""
        listings = []
        for row in self.store.list():
            key = (row.id, row.updated_at)
            if key not in self._counts:
                summary = self.summary(self.store.load(row.id))
                self._counts[key] = (len(summary.red), len(summary.green))
            red, green = self._counts[key]
            listings.append(Listing(row, red, green))
        return listings

    def load(self, interview_id: str) -> Interview:
        return self.store.load(interview_id)

    def find(self, key: str) -> Interview:
        return self.store.find(key)

    def delete(self, interview_id: str) -> None:
        self.store.delete(interview_id)

    def start_interview(
        self,
        company: str,
        role: str = "",
        date: str | None = None,
        persona: str | None = None,
        minutes: float | None = None,
        categories: Iterable[str] = (),
    ) -> Interview:
        """Plan and save a new interview. Raises ServiceError with a message fit for the user."""
        try:
            interview = start_interview(
                self.bank, company=company, role=role, date=date, persona=persona, minutes=minutes, categories=categories
            )
        except PlanError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        except ValueError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        if not interview.question_ids:
            raise ServiceError("No question fits that time box; try more minutes.")
        try:
            self.store.save(interview)
        except StoreError as exc:
            raise ServiceError(str(exc)) from None
        return interview

    def summary(self, interview: Interview) -> Summary:
        return summarize(interview, self.bank, self.catalogue.matcher)

    def render_report(self, interview: Interview, fmt: str) -> str:
        from prepbot.export import render_report

        return render_report(self.bank, self.catalogue.matcher, interview, fmt)

    def open(self, interview: Interview) -> "Conversation":
        return Conversation(self, interview)


class Conversation:
    """An open interview: the operations the chat screen needs, none of which touch a widget."""

    def __init__(self, service: Service, interview: Interview):
        self.service = service
        self.interview = interview
        self.interview.move_to(interview.current)

    @property
    def bank(self) -> Bank:
        return self.service.bank

    @property
    def questions(self) -> list[Question]:
        return self.interview.questions(self.bank)

    @property
    def current_question(self) -> Question:
        return self.questions[self.interview.current]

    @property
    def index(self) -> int:
        return self.interview.current

    def category_title(self, question: Question) -> str:
        category = self.bank.categories.get(question.category)
        return category.title if category else question.category

    def plan_categories(self) -> list[tuple[str, str]]:
        seen = dict.fromkeys(q.category for q in self.questions)
        return [(cid, self.bank.categories[cid].title) for cid in seen if cid in self.bank.categories]

    def question_numbers(self) -> dict[str, int]:
        return {q.id: i + 1 for i, q in enumerate(self.questions)}

    def answered_before(self) -> list[tuple[int, Question]]:
        """Questions before the current one that have a note or a status: the conversation so far."""
        done = []
        for index, question in enumerate(self.questions[: self.interview.current]):
            answer = self.interview.answers.get(question.id)
            if answer and (answer.note.strip() or answer.status != "open"):
                done.append((index, question))
        return done

    # -- answering

    def note(self, question: Question | None = None) -> str:
        return self.interview.answer_for((question or self.current_question).id).note

    def type(self, text: str) -> list[Match]:
        """The note for the current question changed: keep it, and the flags it shows now."""
        self.interview.set_note(self.current_question.id, text)
        return self.live_flags(text)

    def live_flags(self, text: str) -> list[Match]:
        return self.service.match(text)

    def save(self) -> SaveResult:
        """Write the current note (and where the interview is). Raises StoreError (DiskFullError).

        The result says what else happened (another window's text merged in, the database
        recreated); after a conflict `note()` holds what is stored, for the editor to show.
        On an exception nothing was written and the note in memory is untouched: call again.
        """
        if not self.questions:
            return SaveResult()
        return self.service.store.save_answer(self.interview, self.current_question.id)

    def save_all(self) -> SaveResult:
        """Write every answer of the interview: after failed saves, the notes typed meanwhile
        may be under other questions. Raises StoreError (DiskFullError)."""
        return self.service.store.save(self.interview)

    def flags_so_far(self) -> list[FoundFlag]:
        return flags_in(self.interview, self.service.catalogue.matcher)

    def react(self, question: Question) -> Reaction:
        """Flags in the answer to `question`, and the follow-up worth asking next."""
        matches = tuple(self.service.match(self.note(question)))
        red = [m for m in matches if m.kind == "red"]
        follow = red[0].flag.follow_up if red else question.follow_ups[0]
        return Reaction(matches, follow)

    def summary(self) -> Summary:
        return self.service.summary(self.interview)

    # -- moving

    def move(self, index: int) -> None:
        self.interview.move_to(index)

    def has_next(self) -> bool:
        return self.interview.current + 1 < len(self.questions)

    def set_status(self, status: str) -> None:
        self.interview.set_status(self.current_question.id, status)

    def first_open_in_category(self, category_id: str) -> int:
        """The first unanswered question of a category, or its first question when all are answered."""
        questions = self.questions
        for index, question in enumerate(questions):
            answer = self.interview.answers.get(question.id)
            if question.category == category_id and not (answer and answer.answered):
                return index
        return next(i for i, q in enumerate(questions) if q.category == category_id)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]
