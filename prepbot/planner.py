"""Persona + minutes + categories -> an ordered plan of questions.

Questions are ordered by priority; within a priority the categories take turns, so a short time
box covers many topics instead of exhausting the first one. With a time box, questions are taken
in that order while their estimates still fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prepbot.bank import Bank, Question


class PlanError(ValueError):
    """A request the bank cannot satisfy (an unknown category or persona)."""


@dataclass(frozen=True)
class Plan:
    questions: tuple[Question, ...]
    persona: str | None
    minutes: float | None
    categories: tuple[str, ...]

    @property
    def total_minutes(self) -> float:
        return sum(q.minutes for q in self.questions)


def plan(
    bank: Bank,
    persona: str | None = None,
    minutes: float | None = None,
    categories: Iterable[str] = (),
) -> Plan:
    chosen = tuple(dict.fromkeys(categories))
    unknown = [c for c in chosen if c not in bank.categories]
    if unknown:
        known = ", ".join(bank.categories)
        raise PlanError(f"unknown category '{unknown[0]}'; known categories: {known}")
    if minutes is not None and minutes <= 0:
        raise PlanError("minutes must be a positive number")

    category_rank = bank.category_order()
    seen_in_category: dict[str, int] = {}
    candidates: list[tuple[tuple[int, int, int], Question]] = []
    for question in bank.questions.values():
        if chosen and question.category not in chosen:
            continue
        if persona and persona not in question.personas:
            continue
        # Turn-taking: the n-th question of a category at a priority sorts with the other n-ths.
        slot_key = f"{question.category}:{question.priority}"
        turn = seen_in_category.get(slot_key, 0)
        seen_in_category[slot_key] = turn + 1
        candidates.append(((question.priority, turn, category_rank.get(question.category, 0)), question))
    ordered = [q for _, q in sorted(candidates, key=lambda item: item[0])]

    if minutes is not None:
        fitted, used = [], 0.0
        for question in ordered:
            if used + question.minutes <= minutes:
                fitted.append(question)
                used += question.minutes
        ordered = fitted
    return Plan(tuple(ordered), persona, minutes, chosen)
