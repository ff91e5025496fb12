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

Before both phases, two kinds of question lead the plan, in this order, and are read first:

- lead flags (`lead_flags`: the candidate's deal-breakers, reds heard in an earlier round): for
  each flag not yet probed, its best question for the persona (priority first, then the shortest),
  whatever the time box and the category filter;
- headline topics: for each category whose `lead_for` names the persona (code review, bug
  tracking and the team's process for engineers, managers and executives; pay, time off and the
  hiring process for a recruiter), its best question that still fits: priority first, then the
  most per minute.

A category whose `skip_for` names the persona (pay, for an engineer) is planned only when it is
chosen explicitly; `exclude_questions` (answered in an earlier round) are never planned.

The chosen questions are then put in the same reading order, after the leading ones. `Plan.covers` says which flags each
question added in phase 1 (empty for the questions added in phase 2); `Plan.left_out` lists what
did not fit.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from prepbot.bank import Bank, Question
from prepbot.errors import PrepbotError
from prepbot.values import parse_minutes

# How much newly covering a flag is worth, by the flag's severity in flags.yaml.
SEVERITY_WEIGHT = {"high": 3.0, "medium": 2.0, "low": 1.0}
# Added to a question's gain by priority (1 = must ask): enough to break ties between questions
# covering the same flags, never enough to beat covering a new flag of any severity.
PRIORITY_BONUS = {1: 0.6, 2: 0.3, 3: 0.1}


# Why a question is in a plan (Plan.reasons).
LEAD_FLAG = "lead-flag"  # the best question for a flag asked to be probed first
HEADLINE = "headline"  # the best question of a headline topic for the persona
COVERAGE = "coverage"  # the greedy phase: it adds the most flags per minute
FILL = "fill"  # taken to use the time left, in reading order
ALL = "all"  # no time box: every question that fits the persona


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
    # Why each chosen question (by id) is in: LEAD_FLAG, HEADLINE, COVERAGE, FILL, or ALL (no time box).
    reasons: Mapping[str, str] = field(default_factory=dict)
    # For a LEAD_FLAG question, the lead flag it was chosen for; for a HEADLINE one, its category.
    leads: Mapping[str, str] = field(default_factory=dict)
    # Lead flags no question for the persona probes (they stay unprobed), in the order given.
    lead_flags_unprobed: tuple[str, ...] = ()

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
    *,
    lead_flags: Sequence[str] = (),
    exclude_questions: Collection[str] = (),
) -> Plan:
    chosen_categories = tuple(dict.fromkeys(categories))
    unknown = [c for c in chosen_categories if c not in bank.categories]
    if unknown:
        known = ", ".join(bank.categories)
        raise PlanError(f"unknown category '{unknown[0]}'; known categories: {known}")
    unknown = [f for f in lead_flags if f not in bank.flags]
    if unknown:
        raise PlanError(f"unknown flag '{unknown[0]}'; known flags: {', '.join(bank.flags)}")
    if minutes is not None:
        try:
            parse_minutes(minutes)  # checked; kept as given (12 stays 12 in the JSON)
        except ValueError as exc:
            raise PlanError(str(exc)) from None

    excluded = set(exclude_questions)
    for_persona = [q for q in bank.questions.values() if (not persona or persona in q.personas) and q.id not in excluded]
    candidates = [q for q in for_persona if _in_scope(bank, q, persona, chosen_categories)]
    weight = _weigher(bank)
    left = float(minutes) if minutes is not None else float("inf")

    # The leading questions: lead flags first, then the persona's headline topics.
    leading: list[Question] = []
    reasons: dict[str, str] = {}
    leads: dict[str, str] = {}
    covered: set[str] = set()
    unprobed: list[str] = []
    for flag_id in dict.fromkeys(lead_flags):
        if flag_id in covered:
            continue
        options = [q for q in _reading_order(bank, for_persona) if flag_id in q.flags and q not in leading]
        if not options:
            unprobed.append(flag_id)
            continue
        best = min(options, key=lambda q: (q.priority, q.minutes))  # min keeps the earliest of equals
        leading.append(best)
        reasons[best.id], leads[best.id] = LEAD_FLAG, flag_id
        covered.update(_flags_of(best))
        left -= best.minutes
    ordered = _reading_order(bank, candidates)
    headlines = [
        c.id
        for c in bank.categories.values()
        if persona
        and persona in c.lead_for
        and (not chosen_categories or c.id in chosen_categories)
        and not any(q.category == c.id for q in leading)
        and any(q.category == c.id for q in ordered)
    ]
    # The shortest question of each headline topic: a topic keeps that much time for the ones after it.
    shortest = {c: min(q.minutes for q in ordered if q.category == c) for c in headlines}
    for index, category_id in enumerate(headlines):
        category = bank.categories[category_id]
        room = left - sum(shortest[c] for c in headlines[index + 1 :])
        options = [q for q in ordered if q.category == category.id and q.minutes <= room + 1e-9]
        if not options:  # not even the others' shortest leave room: take what fits, earlier topics first
            options = [q for q in ordered if q.category == category.id and q.minutes <= left + 1e-9]
        if not options:
            continue
        top = min(q.priority for q in options)

        def value(q: Question) -> float:
            gain = sum(weight(f) for f in _flags_of(q) if f not in covered)
            return (gain + PRIORITY_BONUS.get(q.priority, 0.0)) / q.minutes

        best = max((q for q in options if q.priority == top), key=value)  # max keeps the earliest of equals
        leading.append(best)
        reasons[best.id], leads[best.id] = HEADLINE, category.id
        covered.update(_flags_of(best))
        left -= best.minutes

    covers = _covers_in_order(leading)
    rest = [q for q in ordered if q not in leading]
    if minutes is None:
        questions = (*leading, *rest)
        covers = _covers_in_order(list(questions))
        reasons.update({q.id: ALL for q in rest})
        return Plan(questions, persona, minutes, chosen_categories, covers, (), reasons, leads, tuple(unprobed))

    picked, more = _choose(weight, rest, max(left, 0.0), covered)
    covers.update(more)
    reasons.update({q.id: COVERAGE if more[q.id] else FILL for q in picked})
    in_plan = set(id(q) for q in picked)
    questions = (*leading, *_reading_order(bank, [q for q in rest if id(q) in in_plan]))
    left_out = tuple(q for q in rest if id(q) not in in_plan)
    return Plan(questions, persona, minutes, chosen_categories, covers, left_out, reasons, leads, tuple(unprobed))


def _in_scope(bank: Bank, question: Question, persona: str | None, chosen: tuple[str, ...]) -> bool:
    if chosen:
        return question.category in chosen
    category = bank.categories.get(question.category)
    return not (persona and category and persona in category.skip_for)


def _weigher(bank: Bank):
    def weight(flag_id: str) -> float:
        flag = bank.flags.get(flag_id)
        return SEVERITY_WEIGHT.get(flag.severity, 1.0) if flag else 1.0

    return weight


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


def _choose(
    weight, ordered: list[Question], minutes: float, covered: set[str]
) -> tuple[list[Question], dict[str, tuple[str, ...]]]:
    """Phase 1, greedy weighted max-coverage (over the flags `covered` does not hold yet); phase 2,
    fill in reading order. Ties go to the earlier question."""
    remaining = list(ordered)
    covered = set(covered)
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
