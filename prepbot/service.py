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
from prepbot.interview import Interview, Summary, start_interview, summarize
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
    def __init__(self, catalogue: Catalogue, store: Store, use_model: bool = True):
        self.catalogue = catalogue
        self.store = store
        # The classifier beside the cues (when installed); off: cues and context rules alone.
        self.use_model = use_model and catalogue.matcher.model is not None
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}
        self.classifier_warned = False  # why the classifier is off (warm_up) has been shown to the user

    @property
    def bank(self) -> Bank:
        return self.catalogue.bank

    def match(self, text: str, question: Question | None = None, model: str = "auto") -> list[Match]:
        return self.catalogue.matcher.match(text, question=question, model=model if self.use_model else "off")

    def warm_up(self) -> str | None:
        """Load the classifier now (call it from a worker thread); why it is unavailable, or None."""
        slot = self.catalogue.matcher.model
        if slot is None:
            return "the classifier is turned off or not installed"
        slot.model()
        return slot.error

    def classify(self, text: str) -> None:
        """Run the classifier on a note's new sentences (from a worker thread); cues need no call."""
        self.catalogue.matcher.classify(text)

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

    def summary(self, interview: Interview, model: str = "auto") -> Summary:
        return summarize(interview, self.bank, self.catalogue.matcher, model if self.use_model else "off")

    def render_report(self, interview: Interview, fmt: str) -> str:
        from prepbot.export import render_report

        return render_report(self.bank, self.catalogue.matcher, interview, fmt, "auto" if self.use_model else "off")

    def open(self, interview: Interview) -> "Conversation":
        return Conversation(self, interview)

    # -- the candidate has the last word

    def save(self, interview: Interview):
        """Write the whole interview. Raises ServiceError (DiskFullError is a StoreError: retry)."""
        try:
            return self.store.save(interview)
        except StoreError as exc:
            raise ServiceError(str(exc)) from None

    def correct(self, interview: Interview, flag_id: str, status: str, reason: str = "", question_id: str | None = None) -> None:
        """Confirm, dismiss or add a flag, and save. A dismissal holds for the words heard so far;
        `undo` (status) takes the candidate's word back."""
        if flag_id not in self.bank.flags:
            raise ServiceError(f"no flag '{flag_id}' (see the flag ids in 'prepbot analyze --help' or the README)")
        if status == "undo":
            interview.undo_correction(flag_id)
        else:
            if question_id is not None and question_id not in interview.question_ids:
                raise ServiceError(f"question '{question_id}' is not in this interview")
            evidence: tuple[str, ...] = ()
            if status == "dismissed":
                finding = next((f for f in self.summary(interview).findings if f.id == flag_id), None)
                evidence = tuple(h.evidence.text for h in finding.heard) if finding else ()
            try:
                interview.correct(flag_id, status, reason, question_id, evidence)
            except ValueError as exc:
                raise ServiceError(_sentence(str(exc))) from None
        self.save(interview)

    def import_source(self, interview: Interview, label: str, text: str):
        """Attach something the candidate read (a review, an e-mail); its flags join the summary."""
        if not text.strip():
            raise ServiceError("Nothing to import: the text is empty.")
        source = interview.add_source(label, text)
        self.save(interview)
        return source

    def remove_source(self, interview: Interview, source_id: str) -> None:
        try:
            interview.remove_source(source_id)
        except ValueError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        self.save(interview)

    def update_details(
        self,
        interview: Interview,
        company: str | None = None,
        role: str | None = None,
        date: str | None = None,
        persona: str | None = None,
        minutes: float | None = None,
        categories: Iterable[str] | None = None,
        replan: bool = False,
    ) -> Interview:
        """Change who, when and how long after creation. With `replan`, the questions are planned
        again for the new persona, time box and categories; every question with a note, a status
        or of the candidate's own stays, so no note is ever dropped."""
        from datetime import date as Date

        if company is not None:
            if not company.strip():
                raise ServiceError("Company name is required")
            interview.company = company.strip()
        if role is not None:
            interview.role = role.strip()
        if date is not None:
            try:
                Date.fromisoformat(date)
            except ValueError:
                raise ServiceError("Date must look like 2026-12-01.") from None
            interview.date = date
        if replan:
            from prepbot.planner import plan

            try:
                the_plan = plan(self.bank, persona=persona, minutes=minutes, categories=categories or ())
            except PlanError as exc:
                raise ServiceError(_sentence(str(exc))) from None
            current_id = interview.question_ids[interview.current] if interview.question_ids else None
            kept = [
                q
                for q in interview.question_ids
                if q in interview.own_questions
                or (q in interview.answers and (interview.answers[q].note.strip() or interview.answers[q].status != "open"))
            ]
            planned = [q.id for q in the_plan.questions]
            interview.question_ids = kept + [q for q in planned if q not in kept]
            interview.persona, interview.minutes = persona, minutes
            interview.categories = tuple(the_plan.categories)
            interview.current = interview.question_ids.index(current_id) if current_id in interview.question_ids else 0
        interview.touch()
        self.save(interview)
        return interview

    def restore(self, interview: Interview, replace: bool = False) -> Interview:
        """Save an interview read from a JSON report (a backup, another machine)."""
        try:
            self.store.load(interview.id)
            exists = True
        except StoreError:
            exists = False
        if exists and not replace:
            raise ServiceError(f"an interview with id {interview.id} is already saved; use --replace to overwrite it")
        if exists:
            self.store.delete(interview.id)
        self.save(interview)
        return interview


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
        """Flags in the note being typed: cues now, classifier results as far as a worker has them."""
        return self.service.match(text, question=self.current_question, model="cached")

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

    def flags_so_far(self):
        """Every flag heard so far, once each, corrections applied (the summary's findings)."""
        return self.service.summary(self.interview, model="cached").findings

    def react(self, question: Question) -> Reaction:
        """Flags in the answer to `question`, and the follow-up worth asking next: never one that
        repeats a question already asked, nor one that the answer or the candidate contradicts (a
        red flag dismissed, or a question's follow-up that presumes the red flag opposite to a green
        one heard). Empty when none is left."""
        matches = tuple(self.service.match(self.note(question), question=question, model="cached"))
        dismissed = {f.id for f in self.flags_so_far() if not f.counts}
        red = [m for m in matches if m.kind == "red" and m.id not in dismissed]
        green = {m.id for m in matches if m.kind == "green"}
        contradicted = {
            f.follow_up
            for f in self.bank.flags.values()
            if f.kind == "red"
            and (
                f.opposite in green
                or f.id in dismissed
                or any(self.bank.flags[g].opposite == f.id for g in green if g in self.bank.flags)
            )
        }

        def norm(text: str) -> str:
            return " ".join(text.lower().split())

        asked = {
            norm(q.ask)
            for q in self.questions
            if q.id == question.id or (q.id in self.interview.answers and self.interview.answers[q.id].answered)
        }
        candidates = [m.flag.follow_up for m in red] + ([] if red else list(question.follow_ups))
        follow = next((c for c in candidates if norm(c) not in asked and c not in contradicted), "")
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

    # -- the plan is the candidate's

    def add_question(self, ask: str) -> str:
        """The candidate's own question, right after the current one; saved at once. Its id."""
        try:
            question_id = self.interview.add_question(ask, after=self.interview.current)
        except ValueError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        self.service.save(self.interview)
        return question_id

    def remove_question(self, question_id: str) -> None:
        try:
            self.interview.remove_question(question_id)
        except ValueError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        self.service.save(self.interview)

    def move_question(self, question_id: str, index: int) -> None:
        try:
            self.interview.move_question(question_id, index)
        except ValueError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        self.service.save(self.interview)

    def set_general_note(self, text: str) -> None:
        self.interview.general_note = text
        self.interview.touch()
        self.service.save(self.interview)

    def next_open(self) -> int | None:
        """Where "next" goes: the next question not answered or skipped, wrapping to the top."""
        return self.interview.first_open(self.interview.current + 1)

    def status_of(self, question: Question) -> str:
        """open, answered or skipped: what the plan list shows."""
        answer = self.interview.answers.get(question.id)
        if answer is None:
            return "open"
        if answer.status == "skipped" and not answer.note.strip():
            return "skipped"
        return "answered" if answer.answered else "open"

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
