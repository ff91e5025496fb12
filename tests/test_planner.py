"""The planner: persona, categories and time box -> ordered questions."""

from __future__ import annotations

import pytest

from prepbot.planner import PlanError, plan


def test_all_questions_ordered_by_priority(bank):
    result = plan(bank)
    assert len(result.questions) == len(bank.questions)
    priorities = [q.priority for q in result.questions]
    assert priorities == sorted(priorities)


def test_categories_take_turns_within_a_priority(bank):
    first = plan(bank).questions[:5]
    assert len({q.category for q in first}) == 5


def test_persona_filter(bank):
    result = plan(bank, persona="executive")
    assert result.questions
    assert all("executive" in q.personas for q in result.questions)
    assert len(result.questions) < len(bank.questions)


def test_category_filter_keeps_only_those_categories(bank):
    result = plan(bank, categories=["code-review", "testing"])
    assert {q.category for q in result.questions} == {"code-review", "testing"}


@pytest.mark.parametrize("minutes", [1, 5, 12.5, 30, 60])
def test_time_box_is_never_exceeded_and_filled_greedily(bank, minutes):
    result = plan(bank, persona="engineer", minutes=minutes)
    assert result.total_minutes <= minutes
    left_out = [q for q in plan(bank, persona="engineer").questions if q not in result.questions]
    # Nothing left out would still have fitted in the time that is left.
    assert all(q.minutes > minutes - result.total_minutes for q in left_out)


def test_time_box_keeps_must_ask_questions_first(bank):
    result = plan(bank, minutes=10)
    assert all(q.priority == 1 for q in result.questions)


def test_unknown_category_is_an_error(bank):
    with pytest.raises(PlanError, match="unknown category 'nope'"):
        plan(bank, categories=["nope"])


def test_non_positive_time_box_is_an_error(bank):
    with pytest.raises(PlanError):
        plan(bank, minutes=0)
