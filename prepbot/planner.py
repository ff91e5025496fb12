"""Persona + minutes + categories -> an ordered plan of questions.

Without a time box, every question that fits the persona (and the category filter) is returned,
ordered by priority; within a priority the categories take turns, so the first questions cover
many topics instead of exhausting the first one.

With a time box, the planner works in two phases.

1. Coverage: a greedy weighted max-coverage. At each step it takes the question that still fits
   and gives the most per minute, where a question's gain is the severity weight (flags.yaml
   `severity`) of the flags it probes that no chosen question probes yet, plus a small bonus for
   its priority, so must-ask questions win ties. This phase ends when no question that fits
   probes a new flag.
2. Filling: the time left goes to the remaining questions in reading order (priority first, the
   categories taking turns), each one taken if it still fits, so a longer time box adds the
   must-ask questions a cheaper question had stood in for.

The chosen questions are then put in the same reading order. `Plan.covers` says which flags each
question added in phase 1 (empty for the questions added in phase 2); `Plan.left_out` lists what
did not fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from prepbot.bank import Bank, Question
from prepbot.errors import PrepbotError
from prepbot.values import parse_minutes

# How much newly covering a flag is worth, by the flag's severity in flags.yaml.
SEVERITY_WEIGHT = {"high": 3.0, "medium": 2.0, "low": 1.0}
# Added to a question's gain by priority (1 = must ask): enough to break ties between questions
# covering the same flags, never enough to beat covering a new flag of any severity.
PRIORITY_BONUS = {1: 0.6, 2: 0.3, 3: 0.1}


class PlanError(PrepbotError, ValueError):
    """A request the bank cannot satisfy (an unknown category or persona)."""


@dataclass(frozen=True)
class Plan:
    questions: tuple[Question, ...]
    persona: str | None
    minutes: float | None
    categories: tuple[str, ...]
    # For each chosen question (by id), the flags it adds to the plan: with a time box, the flags
    # it newly covered in the coverage phase (empty for a question taken to fill the time left);
    # without one, the flags no question before it in reading order probes.
    covers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Questions that fit the persona and categories but not the time box, in reading order.
    left_out: tuple[Question, ...] = ()

    @property
    def total_minutes(self) -> float:
        return sum(q.minutes for q in self.questions)

    @property
    def flags_probed(self) -> tuple[str, ...]:
        """Every flag id some chosen question probes, each once, in plan order."""
        seen: dict[str, None] = {}
        for question in self.questions:
            for flag_id in (*question.red_flags, *question.green_flags):
                seen.setdefault(flag_id, None)
        return tuple(seen)


def plan(
    bank: Bank,
    persona: str | None = None,
    minutes: float | None = None,
    categories: Iterable[str] = (),
) -> Plan:
    chosen_categories = tuple(dict.fromkeys(categories))
    unknown = [c for c in chosen_categories if c not in bank.categories]
    if unknown:
        known = ", ".join(bank.categories)
        raise PlanError(f"unknown category '{unknown[0]}'; known categories: {known}")
    if minutes is not None:
        try:
            parse_minutes(minutes)  # checked; kept as given (12 stays 12 in the JSON)
        except ValueError as exc:
            raise PlanError(str(exc)) from None

    candidates = [
        q
        for q in bank.questions.values()
        if (not chosen_categories or q.category in chosen_categories) and (not persona or persona in q.personas)
    ]
    ordered = _reading_order(bank, candidates)
    if minutes is None:
        covers = _covers_in_order(ordered)
        return Plan(tuple(ordered), persona, minutes, chosen_categories, covers, ())

    picked, covers = _choose(bank, ordered, minutes)
    in_plan = set(id(q) for q in picked)
    questions = tuple(_reading_order(bank, [q for q in candidates if id(q) in in_plan]))
    left_out = tuple(q for q in ordered if id(q) not in in_plan)
    return Plan(questions, persona, minutes, chosen_categories, covers, left_out)


def _reading_order(bank: Bank, questions: list[Question]) -> list[Question]:
    """Priority first; within a priority the categories take turns, in category order."""
    category_rank = bank.category_order()
    turns: dict[tuple[str, int], int] = {}
    keyed = []
    for index, question in enumerate(questions):  # bank order decides the turns within a category
        slot = (question.category, question.priority)
        turn = turns.get(slot, 0)
        turns[slot] = turn + 1
        keyed.append(((question.priority, turn, category_rank.get(question.category, len(category_rank)), index), question))
    return [q for _, q in sorted(keyed, key=lambda item: item[0])]


def _flags_of(question: Question) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*question.red_flags, *question.green_flags)))


def _covers_in_order(questions: list[Question]) -> dict[str, tuple[str, ...]]:
    seen: set[str] = set()
    covers: dict[str, tuple[str, ...]] = {}
    for question in questions:
        new = tuple(f for f in _flags_of(question) if f not in seen)
        seen.update(new)
        covers[question.id] = new
    return covers


def _choose(bank: Bank, ordered: list[Question], minutes: float) -> tuple[list[Question], dict[str, tuple[str, ...]]]:
    """Phase 1, greedy weighted max-coverage; phase 2, fill in reading order. Ties go to the earlier question."""

    def weight(flag_id: str) -> float:
        flag = bank.flags.get(flag_id)
        return SEVERITY_WEIGHT.get(flag.severity, 1.0) if flag else 1.0

    remaining = list(ordered)
    covered: set[str] = set()
    picked: list[Question] = []
    covers: dict[str, tuple[str, ...]] = {}
    left = float(minutes)
    while True:  # phase 1: coverage
        best_index, best_score = -1, 0.0
        for index, question in enumerate(remaining):
            if question.minutes > left + 1e-9:
                continue
            gain = sum(weight(f) for f in _flags_of(question) if f not in covered)
            if gain <= 0:
                continue
            score = (gain + PRIORITY_BONUS.get(question.priority, 0.0)) / question.minutes
            if score > best_score + 1e-12:
                best_index, best_score = index, score
        if best_index < 0:
            break
        question = remaining.pop(best_index)
        new = tuple(f for f in _flags_of(question) if f not in covered)
        covered.update(new)
        covers[question.id] = new
        picked.append(question)
        left -= question.minutes
    for question in remaining:  # phase 2: the rest of the time, in reading order
        if question.minutes <= left + 1e-9:
            covers[question.id] = ()
            picked.append(question)
            left -= question.minutes
    return picked, covers
