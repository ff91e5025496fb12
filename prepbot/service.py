"""What screens and commands call: one object over the catalogue (bank + matcher) and the store.

The TUI receives a `Service` when it is built and never reaches into the bank, the matcher or the
store itself; the CLI uses the same object. An open interview is a `Conversation`: answer, move,
flags so far, the reaction to an answer and the next follow-up, the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, TypeVar

from prepbot.bank import Bank, Question
from prepbot.boundary import translated
from prepbot.errors import ConflictError, DiskFullError, NotFoundError, ServiceError
from prepbot.interview import CORRECTIONS, FlagStatus, Interview, Source, Status, start_interview
from prepbot.planner import Plan, PlanError, plan
from prepbot.prefs import SavedPreferences
from prepbot.service_company import CompanyDesk
from prepbot.store import InterviewRow, SaveResult, Store, merge
from prepbot.textsafe import safe
from prepbot.values import parse_date, parse_minutes

if TYPE_CHECKING:  # (the matcher, the summary and the rounds load on first use: the TUI's first screen needs none)
    from prepbot.catalogue import Catalogue
    from prepbot.matching import Match
    from prepbot.process import RoundPlan
    from prepbot.summary import Summary

T = TypeVar("T")

__all__ = [
    "ConflictError",
    "Conversation",
    "DiskFullError",
    "Listing",
    "NotFoundError",
    "Reaction",
    "SaveResult",
    "Service",
    "ServiceError",
]


@dataclass(frozen=True)
class Listing:
    """One saved interview as the home screen and `sessions list` show it."""

    row: InterviewRow
    red: int | None  # distinct red flags heard; None: not counted (the question bank is still being read)
    green: int | None


@dataclass(frozen=True)
class Reaction:
    """What prepbot says after an answer: the flags heard and the follow-up worth asking."""

    matches: tuple[Match, ...]
    follow_up: str


class Service(CompanyDesk):
    """Every method raises only ServiceError (or its DiskFullError, NotFoundError) for the user."""

    @classmethod
    def connect(cls, catalogue: Catalogue, path: Path | None = None, use_model: bool = True) -> "Service":
        """A service over the store at `path` (default: the data directory's database)."""
        with translated():
            return cls(catalogue, Store(path), use_model)

    @classmethod
    def opening(cls, load: Callable[[], Catalogue], path: Path | None = None, use_model: bool = True) -> "Service":
        """A service over the store whose catalogue `load` reads on first need, or when
        `load_catalogue` is called (from a worker thread): the TUI draws its home screen first."""
        with translated():
            return cls(load, Store(path), use_model)

    def __init__(self, catalogue: Catalogue | Callable[[], Catalogue], store: Store, use_model: bool = True):
        self._catalogue = None if callable(catalogue) else catalogue
        self._read_catalogue = catalogue if callable(catalogue) else None
        self._catalogue_lock = Lock()
        self.store = store
        self._want_model = use_model
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}
        self._preferences = SavedPreferences()
        self.last_round: RoundPlan | None = None  # the plan of the last interview started
        self.classifier_warned = False  # why the classifier is off (warm_up) has been shown to the user

    def close(self) -> None:
        """Close the database: its last connection closing checkpoints the WAL into the file and
        removes the -wal and -shm beside it. The service is not used afterwards."""
        self.store.close()

    @property
    def catalogue(self) -> Catalogue:
        """The bank and the matcher; read now (and waited for) if they have not been yet."""
        return self._catalogue if self._catalogue is not None else self.load_catalogue()

    @property
    def catalogue_ready(self) -> bool:
        """True once the catalogue has been read: nothing that needs it waits any more."""
        return self._catalogue is not None

    def load_catalogue(self) -> Catalogue:
        """Read the catalogue if it has not been (once, whichever thread asks first; the others wait).
        A bank that cannot be read raises its BankError here, each time it is asked for."""
        with self._catalogue_lock:
            if self._catalogue is None:
                assert self._read_catalogue is not None
                self._catalogue = self._read_catalogue()
            return self._catalogue

    @property
    def use_model(self) -> bool:
        """The classifier beside the cues (when installed); off: cues and context rules alone."""
        return self._want_model and self.catalogue.matcher.model is not None

    @property
    def bank(self) -> Bank:
        return self.catalogue.bank

    @property
    def recovered_from(self) -> Path | None:
        """Where a damaged database found at open was moved (a new one was started), or None."""
        return self.store.recovered_from

    def match(self, text: str, question: Question | None = None, model: str = "auto") -> list[Match]:
        return self.catalogue.matcher.match(text, question=question, model=model if self.use_model else "off")

    def warm_up(self) -> str | None:
        """Load the classifier now (call it from a worker thread); why it is unavailable, or None."""
        slot = self.catalogue.matcher.model
        if slot is None:
            return "the classifier is turned off or not installed"
        slot.model()
        return slot.error

    def classifier_notice(self) -> str | None:
        """Load the classifier; the first time it turns out unusable, why (then None again)."""
        problem = self.warm_up()
        if not problem or self.classifier_warned:
            return None
        self.classifier_warned = True
        return f"{safe(problem, keep_layout=False)}; reading with the cues alone."

    def classify(self, text: str) -> None:
        """Run the classifier on a note's new sentences (from a worker thread); cues need no call."""
        self.catalogue.matcher.classify(text)

    # -- saved interviews

    def list_interviews(self, counted: bool = True) -> list[Listing]:
        """Saved interviews, most recently changed first, with their flag counts (counted=False: none,
        which needs no catalogue; counts known already are still given)."""
        listings: list[Listing] = []
        with translated():
            rows = self.store.rows()
        for row in rows:
            key = (row.id, row.updated_at)
            if key not in self._counts and not counted:
                listings.append(Listing(row, None, None))
                continue
            if key not in self._counts:
                try:
                    interview = self.load(row.id)
                except NotFoundError:
                    continue  # deleted from another window between the two reads
                summary = self.summary(interview)
                self._counts[key] = (len(summary.red), len(summary.green))
            red, green = self._counts[key]
            listings.append(Listing(row, red, green))
        return listings

    def load(self, interview_id: str) -> Interview:
        """The saved interview; NotFoundError when it was deleted (from another window)."""
        with translated():
            return self.store.load(interview_id)

    def find(self, key: str) -> Interview:
        """An interview by id, id prefix or company name (the CLI's SESSION argument)."""
        with translated():
            return self.store.find(key)

    def delete(self, interview_id: str) -> None:
        with translated():
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
        """Plan and save a new interview. Raises ServiceError with a message fit for the user.

        With a company that has earlier rounds, this is the next round (see `plan_next_round`):
        nothing answered before is asked again, the reds heard before are followed up first. Every
        plan probes the candidate's deal-breakers first."""
        try:
            interview = start_interview(
                self.bank, company=company, role=role, date=date, persona=persona, minutes=minutes, categories=categories
            )
            preferences = self.preferences()
            earlier = self.earlier_process(interview.company)
            from prepbot.process import RoundPlan, plan_next_round, round_interview

            if earlier is not None or preferences.deal_breakers():
                round_plan = plan_next_round(self.bank, earlier, persona, minutes, categories, preferences)
                round_interview(round_plan, interview)
                interview.categories = tuple(round_plan.plan.categories) if round_plan.plan else interview.categories
            else:  # a first round without deal-breakers: the planner's plan as it is
                round_plan = RoundPlan(1, None, (), (), tuple(interview.question_ids))
            self.last_round = round_plan
        except PlanError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        except ValueError as exc:
            raise ServiceError(_sentence(str(exc))) from None
        if not interview.question_ids:
            raise ServiceError("No question fits that time box; try more minutes.")
        with translated():
            self.store.save(interview)
        return interview

    def summary(self, interview: Interview, model: str = "auto") -> Summary:
        from prepbot.summary import summarize

        return summarize(
            interview, self.bank, self.catalogue.matcher, model if self.use_model else "off", preferences=self.preferences()
        )

    def render_report(self, interview: Interview, fmt: str) -> str:
        from prepbot.export import render_report

        return render_report(
            self.bank, self.catalogue.matcher, interview, fmt, "auto" if self.use_model else "off", self.preferences()
        )

    def open(self, interview: Interview) -> "Conversation":
        return Conversation(self, interview)

    # -- writing: each change lands on what is stored now, and touches only what it changes

    def save(self, interview: Interview) -> SaveResult:
        """Write the window's answers and where it is (compare-and-swap per answer); nothing else.
        Raises ServiceError (DiskFullError: retry once space is freed)."""
        with translated():
            return self.store.save_answers(interview)

    def refresh(self, interview: Interview) -> SaveResult:
        """Read what another window saved into this copy; `underneath` names what changed."""
        with translated():
            return self.store.refresh(interview)

    def _latest(self, interview: Interview) -> Interview:
        """What is stored now, with this window's answers over it (they are the newest)."""
        with translated():
            stored = self.store.peek(interview.id)
        if stored is None:
            return interview
        stored.answers = {**stored.answers, **interview.answers}
        return stored

    def _change(self, interview: Interview, change: Callable[[Interview, tuple[str, ...]], T]) -> tuple[T, SaveResult]:
        """Apply `change` to the stored interview in one transaction (see Store.update). A rule the
        change breaks becomes a ServiceError; after a conflict the copy is reloaded, then raised."""
        try:
            with translated():
                return self.store.update(interview, change)
        except ConflictError:  # the copy is reloaded, for the screen to show what is stored
            with translated():
                self.store.refresh(interview)
            raise
        except (PlanError, ValueError) as exc:
            raise ServiceError(_sentence(str(exc))) from None

    def correct(
        self, interview: Interview, flag_id: str, status: str, reason: str = "", question_id: str | None = None
    ) -> SaveResult:
        """Confirm, dismiss or add a flag, and save that correction alone. A dismissal holds for the
        words heard so far."""
        if flag_id not in self.bank.flags:
            raise ServiceError(f"no flag '{flag_id}' (see the flag ids in 'prepbot analyze --help' or the README)")
        if status not in CORRECTIONS:
            raise ServiceError(f"unknown correction '{status}'")
        if question_id is not None and question_id not in interview.question_ids:
            raise ServiceError(f"question '{question_id}' is not in this interview")
        evidence: tuple[str, ...] = ()
        if status == FlagStatus.DISMISSED:  # the words heard so far, here and in any other window
            finding = next((f for f in self.summary(self._latest(interview)).findings if f.id == flag_id), None)
            evidence = tuple(h.evidence.text for h in finding.heard) if finding else ()

        def change(stored: Interview, underneath: tuple[str, ...]) -> None:
            merge.same_correction(interview, stored, underneath, flag_id)
            stored.correct(flag_id, status, reason, question_id, evidence)

        return self._change(interview, change)[1]

    def undo_correction(self, interview: Interview, flag_id: str) -> SaveResult:
        """Take the candidate's word on a flag back: prepbot's reading stands again."""

        def change(stored: Interview, underneath: tuple[str, ...]) -> None:
            merge.same_correction(interview, stored, underneath, flag_id)
            stored.undo_correction(flag_id)

        return self._change(interview, change)[1]

    def import_source(self, interview: Interview, label: str, text: str) -> Source:
        """Attach something the candidate read (a review, an e-mail); its flags join the summary."""
        if not text.strip():
            raise ServiceError("Nothing to import: the text is empty.")
        return self._change(interview, lambda stored, _: stored.add_source(label, text))[0]

    def remove_source(self, interview: Interview, source_id: str) -> None:
        self._change(interview, lambda stored, _: stored.remove_source(source_id))

    def set_general_note(self, interview: Interview, text: str) -> SaveResult:
        """The interview's general note. When another window changed it since this one read it,
        both texts are kept (like an answer's note) and the result says so."""
        conflict, saved = self._change(interview, lambda stored, under: merge.set_general_note(interview, stored, under, text))
        return replace(saved, conflicts=saved.conflicts + ((conflict,) if conflict else ()))

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
        """Change who, when and how long after creation; only what differs from this window's copy
        is written. A detail another window changed to something else meanwhile is a conflict
        (ConflictError), never overwritten. With `replan`, the questions are planned again
        (Interview.replan: no note is ever dropped)."""
        wanted: dict[str, object] = {}
        if company is not None:
            if not company.strip():
                raise ServiceError("Company name is required")
            wanted["company"] = company.strip()
        if role is not None:
            wanted["role"] = role.strip()
        if date is not None:
            try:
                wanted["date"] = parse_date(date)
            except ValueError as exc:
                raise ServiceError(_sentence(str(exc))) from None
        if replan:
            if minutes is not None:
                try:
                    parse_minutes(minutes)
                except ValueError as exc:
                    raise ServiceError(_sentence(str(exc))) from None
            wanted["persona"], wanted["minutes"] = persona, minutes
            if categories is not None:
                wanted["categories"] = tuple(categories)

        def change(stored: Interview, underneath: tuple[str, ...]) -> None:
            for name, value in wanted.items():
                merge.set_field(interview, stored, underneath, name, value)
            if replan:
                stored.replan(*self._next_plan(stored))
            stored.touch()

        self._change(interview, change)
        return interview

    def _next_plan(self, interview: Interview) -> tuple[Plan, Sequence[str] | None]:
        """The plan a replan gives: a later round (or a plan with deal-breakers) stays one."""
        earlier = self.earlier_process(interview.company, excluding=interview.id)
        preferences = self.preferences()
        if earlier is not None or preferences.deal_breakers():
            from prepbot.process import plan_next_round

            round_plan = plan_next_round(
                self.bank, earlier, interview.persona, interview.minutes, interview.categories, preferences
            )
            assert round_plan.plan is not None
            return round_plan.plan, round_plan.entries
        return plan(self.bank, persona=interview.persona, minutes=interview.minutes, categories=interview.categories), None

    def restore(self, interview: Interview, replace: bool = False) -> Interview:
        """Save an interview read from a JSON report (a backup, another machine); with `replace`,
        in place of the saved one with its id, in one transaction."""
        with translated():
            exists = self.store.exists(interview.id)
            if exists and not replace:
                raise ServiceError(f"an interview with id {interview.id} is already saved; use --replace to overwrite it")
            if exists:
                self.store.replace(interview)
            else:
                self.store.save(interview)
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
            if self.interview.touched(question.id):
                done.append((index, question))
        return done

    # -- answering

    def note(self, question: Question | None = None) -> str:
        return self.interview.answer_for((question or self.current_question).id).note

    def type(self, text: str) -> list[Match]:
        """The note for the current question changed: keep it, and the flags it shows now."""
        self.keep(text)
        return self.live_flags(text)

    def keep(self, text: str) -> None:
        """The note for the current question changed: keep it, without reading it (a key of a long
        paste: the screen reads the note when the keys pause, see `live_flags`)."""
        answer = self.interview.set_note(self.current_question.id, text)
        if text.strip() and answer.status == Status.SKIPPED:  # new words take a skip back
            self.interview.set_status(answer.question_id, Status.ASKED)

    def live_flags(self, text: str) -> list[Match]:
        """Flags in the note being typed: cues now, classifier results as far as a worker has them."""
        return self.service.match(text, question=self.current_question, model="cached")

    def save(self) -> SaveResult:
        """Write the current note (and where the interview is). Raises ServiceError (DiskFullError).

        The result says what else happened (another window's text merged in, the database
        recreated); after a conflict `note()` holds what is stored, for the editor to show.
        On an exception nothing was written and the note in memory is untouched: call again.
        """
        if not self.questions:
            return SaveResult()
        with translated():
            return self.service.store.save_answer(self.interview, self.current_question.id)

    def save_all(self) -> SaveResult:
        """Write every answer of the interview: after failed saves, the notes typed meanwhile
        may be under other questions. Raises ServiceError (DiskFullError)."""
        return self.service.save(self.interview)

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
        candidates = [m.flag.follow_up for m in red] + ([] if red else list(question.follow_ups))
        fresh = self.interview.fresh_follow_ups(self.bank, (c for c in candidates if c not in contradicted), (question.ask,))
        return Reaction(matches, fresh[0] if fresh else "")

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
        current_id = self.current_question.id if self.questions else None

        def change(stored: Interview, _: tuple[str, ...]) -> str:
            after = stored.question_ids.index(current_id) if current_id in stored.question_ids else len(stored.question_ids) - 1
            return stored.add_question(ask, after=after)

        return self.service._change(self.interview, change)[0]

    def remove_question(self, question_id: str) -> None:
        self.service._change(self.interview, lambda stored, _: stored.remove_question(question_id))

    def move_question(self, question_id: str, index: int) -> None:
        self.service._change(self.interview, lambda stored, _: stored.move_question(question_id, index))

    def set_general_note(self, text: str) -> SaveResult:
        return self.service.set_general_note(self.interview, text)

    def refresh(self) -> SaveResult:
        """What another window saved meanwhile, into this conversation (see Service.refresh)."""
        return self.service.refresh(self.interview)

    def next_open(self) -> int | None:
        """Where "next" goes: the next question not answered or skipped, wrapping to the top."""
        return self.interview.first_open(self.interview.current + 1)

    def status_of(self, question: Question) -> str:
        """open, answered or skipped: what the plan list shows."""
        answer = self.interview.answers.get(question.id)
        if answer is None:
            return Status.OPEN
        if answer.status == Status.SKIPPED:  # skipped by the candidate, even with notes: as the summary says
            return Status.SKIPPED
        return "answered" if answer.answered else Status.OPEN

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
