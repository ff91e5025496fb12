"""The question bank's model: flags, categories, questions. No I/O.

`prepbot.bank_loader` reads and validates bank YAML into these objects; `prepbot.catalogue`
loads the bank once per process, together with the matcher compiled from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prepbot.errors import PrepbotError

PERSONAS = ("engineer", "manager", "executive", "recruiter")
# How forms name each persona ("Talking to"); the recruiter persona is a recruiter or HR on the first call.
PERSONA_LABELS = {
    "engineer": "An engineer",
    "manager": "A manager",
    "executive": "An executive",
    "recruiter": "A recruiter or HR",
}
KINDS = ("red", "green")
SEVERITIES = ("low", "medium", "high")
PRIORITIES = (1, 2, 3)  # 1 = must ask, 2 = should ask, 3 = if there is time


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class BankError(PrepbotError):
    """Every problem found in a bank, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str
    title: str
    explanation: str
    severity: str
    follow_up: str
    cues: tuple[str, ...] = ()
    opposite: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str
    order: int = 100
    # Personas whose plans open with this category's best question, whatever the time box (a
    # headline topic: code review for an engineer, pay for a recruiter).
    lead_for: tuple[str, ...] = ()
    # Personas whose plans leave this category out unless it is chosen explicitly (--category):
    # pay is for the recruiter and the manager, not for the engineer, unless the candidate asks.
    skip_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerKey:
    """What a short answer typed under a question means (the question's `answers:` mapping)."""

    if_yes: str | None = None  # the flag a plain "yes" states
    if_no: str | None = None  # the flag a plain "no" states
    cues: tuple[tuple[str, str], ...] = ()  # (flag id, cue) for answers specific to the question
    unit: str | None = None  # what a bare number answers in: "five" under "How many pages?" is five pages

    def __bool__(self) -> bool:
        return bool(self.if_yes or self.if_no or self.cues)


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    ask: str
    why: str
    personas: tuple[str, ...]
    priority: int
    minutes: float
    red_flags: tuple[str, ...]
    green_flags: tuple[str, ...]
    listen_for: tuple[str, ...]
    follow_ups: tuple[str, ...]
    answers: AnswerKey = field(default_factory=AnswerKey)

    @property
    def flags(self) -> tuple[str, ...]:
        return self.red_flags + self.green_flags


@dataclass
class Bank:
    categories: dict[str, Category] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)

    def category_order(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.categories)}
