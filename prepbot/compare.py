"""Companies side by side: two to four interviews, one column each, one row per flag.

Pure domain code: interviews and their summaries in, a `Comparison` out. No I/O, no textual.
A row is a flag that at least one interview showed or probed (an answered question asks about
it). Each cell says, in words, what that interview knows of the flag: red, green, dismissed by the
candidate, asked but not heard, or not asked. Then, for each interview, questions from the bank
that would probe the flags still unknown there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from prepbot.bank import Bank, Flag, Question
from prepbot.errors import PrepbotError
from prepbot.interview import Interview
from prepbot.summary import Finding, Summary

MIN_INTERVIEWS = 2
MAX_INTERVIEWS = 4
NEXT_QUESTIONS = 3  # per interview

# A cell's state and how it reads: a word and a symbol, never a colour alone.
STATES = ("red", "green", "conflicting", "overruled", "dismissed", "not-heard", "not-asked")
LABELS = {
    "red": "✗ RED",
    "green": "✓ GREEN",
    "conflicting": "⚠ CONFLICT",  # heard red and green: counts neither way until the candidate confirms one
    "overruled": "overruled",  # the candidate confirmed its opposite
    "dismissed": "dismissed",
    "not-heard": "· not heard",
    "not-asked": "– not asked",
}


class CompareError(PrepbotError, ValueError):
    """Interviews that cannot be compared (too few, too many, the same one twice)."""


@dataclass(frozen=True)
class Column:
    interview: Interview
    summary: Summary

    @property
    def id(self) -> str:
        return self.interview.id

    @property
    def company(self) -> str:
        return self.interview.company

    @property
    def role(self) -> str:
        return self.interview.role

    @property
    def date(self) -> str:
        return self.interview.date

    @property
    def verdict(self) -> str:
        return self.summary.verdict.label

    @property
    def score(self) -> int:
        return self.summary.verdict.score


@dataclass(frozen=True)
class Cell:
    interview_id: str
    state: str  # one of STATES
    finding: Finding | None = None
    settle: str = ""  # a conflicting cell: the question that settles it

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def evidence(self) -> tuple[str, ...]:
        """The quoted words it was heard in (in the interview's notes or sources), each once."""
        if self.finding is None:
            return ()
        return tuple(dict.fromkeys(h.evidence.text for h in self.finding.heard))


@dataclass(frozen=True)
class Row:
    flag: Flag
    cells: tuple[Cell, ...]

    @property
    def id(self) -> str:
        return self.flag.id

    @property
    def kind(self) -> str:
        return self.flag.kind


@dataclass(frozen=True)
class NextQuestion:
    question: Question
    flags: tuple[str, ...]  # the unknown flags it probes


@dataclass(frozen=True)
class Comparison:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    next_questions: dict[str, tuple[NextQuestion, ...]]  # by interview id

    @property
    def companies(self) -> tuple[str, ...]:
        return tuple(c.company for c in self.columns)

    @property
    def has_conflicts(self) -> bool:
        return any(c.summary.conflicts for c in self.columns)

    def cells_of(self, interview_id: str) -> list[tuple[Row, Cell]]:
        """One interview's column, row by row (the phone layout's card, the evidence section)."""
        index = next(i for i, c in enumerate(self.columns) if c.id == interview_id)
        return [(row, row.cells[index]) for row in self.rows]


def check_count(interviews: Sequence[Interview]) -> None:
    ids = [i.id for i in interviews]
    if len(set(ids)) != len(ids):
        raise CompareError("the same interview is named twice; compare different interviews")
    if not MIN_INTERVIEWS <= len(ids) <= MAX_INTERVIEWS:
        raise CompareError(f"compare takes {MIN_INTERVIEWS} to {MAX_INTERVIEWS} interviews, not {len(ids)}")


def _cell(interview_id: str, flag: Flag, summary: Summary) -> Cell:
    finding = next((f for f in summary.findings if f.id == flag.id), None)
    if finding is not None:
        if finding.status in ("conflicting", "overruled"):
            settle = next((c.ask for c in summary.conflicts if flag.id in (c.red.id, c.green.id)), "")
            return Cell(interview_id, finding.status, finding, settle)
        return Cell(interview_id, "dismissed" if not finding.counts else finding.kind, finding)
    if flag.id in summary.verdict.unknown:
        return Cell(interview_id, "not-asked")
    return Cell(interview_id, "not-heard")


def next_questions(bank: Bank, interview: Interview, summary: Summary, limit: int = NEXT_QUESTIONS) -> tuple[NextQuestion, ...]:
    """Bank questions not yet answered in `interview` that probe its unknown flags: those covering
    the most unknowns first, then by priority; each unknown flag covered by at most one question
    until every one is, so a few questions close as many unknowns as they can."""
    unknown = set(summary.verdict.unknown)
    answered = {q for q, a in interview.answers.items() if a.answered}
    candidates = [
        (q, tuple(f for f in q.flags if f in unknown))
        for q in bank.questions.values()
        if q.id not in answered and any(f in unknown for f in q.flags)
    ]
    chosen: list[NextQuestion] = []
    open_flags = set(unknown)
    while candidates and len(chosen) < limit and open_flags:
        candidates.sort(key=lambda item: (-len(set(item[1]) & open_flags), item[0].priority, item[0].id))
        question, flags = candidates.pop(0)
        if not set(flags) & open_flags:
            break
        chosen.append(NextQuestion(question, flags))
        open_flags -= set(flags)
    return tuple(chosen)


def compare(bank: Bank, pairs: Sequence[tuple[Interview, Summary]], per_interview: int = NEXT_QUESTIONS) -> Comparison:
    """The comparison of 2 to 4 interviews, each with its summary. Raises CompareError."""
    check_count([interview for interview, _ in pairs])
    columns = tuple(Column(interview, summary) for interview, summary in pairs)
    known: set[str] = set()
    for column in columns:
        known |= {f for f in bank.flags if f not in column.summary.verdict.unknown}
        known |= {f.id for f in column.summary.findings}
    flags = [bank.flags[f] for f in bank.flags if f in known]
    # Findings of flags a user bank no longer has still show.
    for column in columns:
        flags += [f.flag for f in column.summary.findings if f.id not in bank.flags and f.flag not in flags]
    flags.sort(key=lambda f: 0 if f.kind == "red" else 1)  # red first; within a kind, the catalogue's order
    rows = tuple(Row(flag, tuple(_cell(c.id, flag, c.summary) for c in columns)) for flag in flags)
    ahead = {c.id: next_questions(bank, c.interview, c.summary, per_interview) for c in columns}
    return Comparison(columns, rows, ahead)
