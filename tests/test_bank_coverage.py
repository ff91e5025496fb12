"""The built-in bank covers what candidates ask, and the default plans probe the flags.

Plans are read through the real entry point (`python -m prepbot questions ... --format json`) in
a separate process, with PREPBOT_HOME in a temporary folder (the autouse fixture in conftest).
The bank's own shape (`answers`, flag counts) is read straight from the YAML with
yaml.safe_load, so these checks do not depend on what the model carries.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

import pytest
import yaml

from prepbot import locations
from tests.conftest import run_process

PERSONAS = ("engineer", "manager", "executive")
TIME_BOXES = (10, 15, 30, 45, 60)

# Distinct flags a default plan must probe, per persona and time box (minimums, not exact figures).
MIN_FLAGS = {
    "engineer": {10: 15, 15: 12, 30: 20, 45: 22, 60: 24},
    "manager": {10: 13, 15: 12, 30: 20, 45: 22, 60: 24},  # 10: code review, bugs and process lead (issue 21)
    "executive": {10: 12, 15: 12, 30: 20, 45: 22, 60: 24},
}


def bank_dir() -> Path:
    return Path(locations.builtin_bank_dir())


@lru_cache(maxsize=1)
def raw_bank() -> tuple[dict, list[dict]]:
    """(flags by id, questions with their category) straight from the built-in YAML files."""
    flags: dict = {}
    questions: list[dict] = []
    for path in sorted(bank_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for flag in data.get("flags", []):
            flags[flag["id"]] = flag
        category = data.get("category")
        category_id = category["id"] if isinstance(category, dict) else category
        for question in data.get("questions", []):
            questions.append({**question, "_category": category_id, "_file": path.name})
    return flags, questions


def own_flags(question: dict) -> set[str]:
    flags = question.get("flags") or {}
    return set(flags.get("red") or ()) | set(flags.get("green") or ())


@cache
def cli_plan(persona: str, minutes: int) -> dict:
    result = run_process("questions", "--persona", persona, "--minutes", str(minutes), "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def probed(data: dict) -> set[str]:
    return {f for q in data["questions"] for f in (*q["flags"]["red"], *q["flags"]["green"])}


# --------------------------------------------------------------------------- the bank itself


def test_bank_has_at_least_160_questions_in_16_categories():
    _, questions = raw_bank()
    assert len(questions) >= 160
    assert len({q["_category"] for q in questions}) >= 16


def test_every_flag_is_probed_by_at_least_three_questions():
    flags, questions = raw_bank()
    counts = Counter(f for q in questions for f in own_flags(q))
    thin = {f: counts[f] for f in flags if counts[f] < 3}
    assert not thin, f"flags probed by fewer than 3 questions: {thin}"


def test_every_question_has_an_answers_mapping_about_its_own_flags():
    flags, questions = raw_bank()
    from prepbot.matching.cues import check_cue

    for question in questions:
        qid, answers, own = question["id"], question.get("answers"), own_flags(question)
        if not own:  # a question that probes no flag (pay, leave, the contract) has no answer key to give
            assert answers is None, f"{qid}: probes no flag, so its 'answers' can mean nothing"
            continue
        assert isinstance(answers, dict) and answers, f"{qid}: needs an 'answers' mapping with at least one entry"
        assert set(answers) <= {"if_yes", "if_no", "cues", "unit"}, f"{qid}: unknown keys {set(answers)}"
        if "unit" in answers:  # what a bare number answers in ("five" pages)
            assert str(answers["unit"]).isalpha() and str(answers["unit"]).islower(), f"{qid}: unit must be one word"
        for key in ("if_yes", "if_no"):
            if key in answers:
                assert answers[key] in own, f"{qid}: {key} '{answers[key]}' is not one of its flags {sorted(own)}"
        cues = answers.get("cues") or {}
        assert isinstance(cues, dict), f"{qid}: 'cues' must map flag ids to lists"
        for flag_id, phrases in cues.items():
            assert flag_id in own, f"{qid}: cue flag '{flag_id}' is not one of its flags {sorted(own)}"
            assert isinstance(phrases, list) and phrases, f"{qid}: cues for '{flag_id}' must be a non-empty list"
            for phrase in phrases:
                check_cue(phrase)  # the bank's cue syntax; raises CueError
        assert "if_yes" in answers or "if_no" in answers or cues, f"{qid}: 'answers' says nothing"


def test_every_question_has_good_and_bad_signs_and_follow_ups_that_depend_on_the_answer():
    _, questions = raw_bank()
    for question in questions:
        qid = question["id"]
        assert len(question["listen_for"]) >= 2, qid
        assert 1 <= len(question["follow_ups"]) <= 3, qid
        assert any(f.startswith("If") for f in question["follow_ups"]), f"{qid}: no follow-up depends on the answer"


def test_questions_without_a_flag_are_the_ones_no_flag_fits():
    """Flags only where a question really probes one: the questions probing none are about pay,
    leave, the contract, the business, people or the hiring process, never engineering practice."""
    _, questions = raw_bank()
    allowed = {"pay-and-benefits", "time-off", "business", "people", "hiring", "workplace"}
    flagless = [q for q in questions if not own_flags(q)]
    assert flagless, "expected some pay and leave questions that probe no flag"
    assert {q["_category"] for q in flagless} <= allowed, sorted((q["id"], q["_category"]) for q in flagless)
    assert len(flagless) <= len(questions) // 8, [q["id"] for q in flagless]


def test_executives_are_not_asked_about_hands_on_mechanics():
    _, questions = raw_bank()
    hands_on = {
        "cr-how-changes-reviewed",
        "cr-review-turnaround",
        "ci-pipeline",
        "te-automated-tests",
        "pr-tickets",
        "pr-standup-format",
        "to-dev-environment",
    }
    for question in questions:
        if question["id"] in hands_on:
            assert "executive" not in question["personas"], question["id"]
            assert "engineer" in question["personas"], question["id"]


# --------------------------------------------------------------------------- default plans, through the CLI


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("minutes", TIME_BOXES)
def test_default_plan_probes_enough_flags(persona, minutes):
    data = cli_plan(persona, minutes)
    assert data["persona"] == persona and data["minutes"] == minutes
    assert data["total_minutes"] <= minutes
    flags = probed(data)
    assert len(flags) >= MIN_FLAGS[persona][minutes], (persona, minutes, sorted(flags))
    assert set(data["flags_probed"]) == flags


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_30_minute_plan_probes_20_flags_and_every_high_severity_red_flag(persona):
    flags, _ = raw_bank()
    data = cli_plan(persona, 30)
    found = probed(data)
    assert len(found) >= 20
    high_red = {f for f, v in flags.items() if v["kind"] == "red" and v["severity"] == "high"}
    assert high_red <= found, sorted(high_red - found)


def test_a_30_minute_engineer_plan_asks_about_the_interview_and_the_standup():
    found = probed(cli_plan("engineer", 30))
    assert {"trivia-interview", "interviewer-new", "long-standups"} <= found
