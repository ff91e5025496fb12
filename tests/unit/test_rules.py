"""The domain's rules, each in one place: minutes, dates, statuses, a touched answer, a replan,
which follow-up is worth asking."""

from __future__ import annotations

import math

import pytest

from prepbot.bank import Question
from prepbot.interview import Answer, FlagStatus, Interview, Status, same_question, status_with_note
from prepbot.planner import PlanError, plan
from prepbot.values import parse_date, parse_minutes


@pytest.mark.parametrize("value", ["20", 20, 0.5, "1440", 1440.0])
def test_minutes_that_fit(value):
    assert parse_minutes(value) == float(value)


@pytest.mark.parametrize("value", ["0", -1, "abc", "", math.nan, math.inf, -math.inf, 1e308, "1e308", "nan", "1441", True, None])
def test_minutes_that_do_not_fit_say_why_in_one_line(value):
    with pytest.raises(ValueError) as caught:
        parse_minutes(value)
    message = str(caught.value)
    assert "minutes" in message and "\n" not in message
    assert "got a number" not in message


def test_the_planner_uses_the_same_minutes_rule(bank):
    with pytest.raises(PlanError, match="above 0 and at most 1440"):
        plan(bank, minutes=math.nan)
    with pytest.raises(PlanError, match="above 0 and at most 1440"):
        plan(bank, minutes=1e308)


@pytest.mark.parametrize(
    "text", ["2026-W49-1", "20261201", "2026-12-1", "2026-13-01", "2026-02-30", " ", "tomorrow", "２０２６-12-01"]
)
def test_dates_other_than_yyyy_mm_dd_are_refused(text):
    with pytest.raises(ValueError, match=r"date must look like 2026-12-01\."):
        parse_date(text)


def test_a_date_is_kept_as_written():
    assert parse_date(" 2026-12-01 ") == "2026-12-01"


def test_statuses_are_one_enum_each_and_compare_as_text():
    assert Status.OPEN == "open" and FlagStatus.DISMISSED == "dismissed"
    assert status_with_note("we review everything", "open") is Status.ASKED
    assert status_with_note("", "open") is Status.OPEN
    assert status_with_note("x", "skipped") is Status.SKIPPED
    with pytest.raises(ValueError):
        status_with_note("", "undo")


@pytest.mark.parametrize(
    ("answer", "touched"),
    [(Answer("q"), False), (Answer("q", note="  "), False), (Answer("q", note="x"), True), (Answer("q", status="skipped"), True)],
)
def test_a_touched_answer(answer, touched):
    assert answer.touched is touched


def test_replan_keeps_every_touched_and_own_question_first(bank):
    interview = Interview(company="Acme", question_ids=[q.id for q in plan(bank, persona="engineer", minutes=20).questions])
    noted, skipped = interview.question_ids[3], interview.question_ids[5]
    interview.set_note(noted, "we pick our tools")
    interview.set_status(skipped, "skipped")
    own = interview.add_question("Who decides?")
    interview.move_to(interview.question_ids.index(skipped))
    interview.replan(plan(bank, persona="manager", minutes=5))
    assert interview.question_ids[:3] == [noted, skipped, own]
    assert interview.persona == "manager" and interview.minutes == 5
    assert interview.question_ids[interview.current] == skipped


def test_a_follow_up_never_repeats_a_question_already_asked(bank):
    question = next(q for q in bank.questions.values() if q.follow_ups)
    asked = Question(**{**question.__dict__, "id": "other", "ask": question.follow_ups[0].upper().rstrip("?") + " ?!"})
    interview = Interview(company="Acme", question_ids=[question.id])
    assert same_question(asked.ask) == same_question(question.follow_ups[0])
    interview.own_questions["own-1"] = asked.ask
    interview.question_ids.append("own-1")
    interview.set_note("own-1", "they said it was the founder")
    fresh = interview.fresh_follow_ups(bank, [*question.follow_ups, question.follow_ups[1]], also_asked=[question.ask])
    assert fresh == [question.follow_ups[1]]  # the asked one left out, the repeated one once
