"""Every topic a candidate asks about has a question (issue 23), and the recruiter's plans cover
pay and leave (through the real entry point).

Each topic is a few keywords, all of which must appear (case-folded, as word prefixes) in the
`ask` of at least one built-in question, read straight from the YAML.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_process
from tests.test_bank_coverage import raw_bank

# topic -> alternatives; each alternative is a tuple of word prefixes that must all occur in one `ask`.
TOPICS: dict[str, list[tuple[str, ...]]] = {
    # the role
    "trial period": [("trial", "period")],
    "the interviewer's concerns about me": [("least", "sure", "about", "me")],
    # tech
    "admin rights and choice of tools": [("admin", "rights", "editor")],
    "dependencies and third-party code": [("third-party", "library"), ("dependenc",)],
    "complexity hotspots": [("part", "code", "most", "bug")],
    "technical principles": [("engineering", "principles")],
    # the company
    "conference, training or certification budget": [("courses", "conferences", "certificates")],
    "open source": [("open-source",)],
    "side projects and intellectual property": [("side", "project"), ("own", "time", "contract")],
    "non-compete": [("limit", "where", "work", "after", "leaving")],
    "5-10-year vision": [("five", "ten", "years")],
    "internal moves": [("move", "another", "team", "inside")],
    "team events, offsites, hackathons": [("offsite", "hack")],
    "relocation": [("move", "for", "this", "job")],
    "visa": [("visa",)],
    # people
    "hiring for diversity": [("hire", "people", "used", "to", "miss")],
    "room for people unlike the majority": [("socials", "drink", "children"), ("adjustment",)],
    "complaints about toxic behaviour": [("treated", "badly", "raise")],
    "why the interviewer joined": [("why", "choose", "this", "company", "joined")],
    "why the interviewer stays": [("kept", "you", "here")],
    # the business
    "how it makes money": [("money", "come", "from")],
    "profitability": [("earn", "more", "than", "spends")],
    "growth plan": [("plan", "to", "hire", "next", "year")],
    # remote work
    "remote/office ratio": [("fully", "remote", "office")],
    "own devices": [("own", "phone", "computer")],
    "meeting rooms fit for remote people": [("room", "remote", "hear")],
    # pay and time off
    "salary range": [("salary", "range")],
    "raises": [("raise",)],
    "bonus": [("bonus",)],
    "equity": [("shares", "options")],
    "pension": [("pension",)],
    "health cover": [("health", "cover")],
    "parental leave": [("parent", "leave")],
    "unpaid leave": [("unpaid", "leave")],
    "sabbaticals": [("sabbatical",)],
    "unused days carrying over": [("leave", "days", "lose"), ("leave", "days", "lost")],
    # the Joel Test's two missing points
    "a spec": [("spec",)],
    "quiet working conditions": [("concentrate",), ("without", "meeting", "message")],
}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'-]*", text.lower())


def _has(ask: str, prefixes: tuple[str, ...]) -> bool:
    words = _words(ask)
    return all(any(w.startswith(p) for w in words) for p in prefixes)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_a_candidate_asks_about_has_a_question(topic):
    _, questions = raw_bank()
    found = [q["id"] for q in questions for alternative in TOPICS[topic] if _has(q["ask"], alternative)]
    assert found, f"no question asks about {topic}"


def test_the_topic_check_can_fail():
    assert not _has("How is code reviewed?", ("pension",))
    assert _has("What does the company pay into a pension?", ("pension",))


def test_bank_has_at_least_210_questions_in_24_categories_and_the_four_new_categories_hold_50():
    _, questions = raw_bank()
    assert len(questions) >= 210
    categories = {q["_category"] for q in questions}
    assert len(categories) >= 24
    assert {"pay-and-benefits", "time-off", "business", "people"} <= categories


def test_recruiter_questions_are_answerable_by_a_recruiter():
    """A recruiter is asked about pay, leave, the process, the company and its people, never about engineering mechanics."""
    _, questions = raw_bank()
    hands_on = {"code-review", "ci-cd", "testing", "bug-tracking", "process", "incidents", "planning", "knowledge"}
    for_recruiter = [q for q in questions if "recruiter" in q["personas"]]
    assert len(for_recruiter) >= 40
    assert not [q["id"] for q in for_recruiter if q["_category"] in hands_on]


@pytest.mark.parametrize("minutes", [10, 20, 30])
def test_recruiter_plan_through_the_cli_covers_pay_leave_and_the_process(minutes):
    result = run_process("questions", "--persona", "recruiter", "--minutes", str(minutes), "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["persona"] == "recruiter" and data["total_minutes"] <= minutes
    categories = [q["category"] for q in data["questions"]]
    assert {"pay-and-benefits", "time-off", "hiring"} <= set(categories[:3])
    assert all("recruiter" in q["personas"] for q in data["questions"])


def test_recruiter_20_minute_text_plan_asks_about_salary_and_leave():
    result = run_process("questions", "--persona", "recruiter", "--minutes", "20")
    assert result.code == 0, result.err
    assert ", for a recruiter (time box 20 min)" in result.out.splitlines()[0]
    assert "[Pay, benefits and the contract]" in result.out and "[Time off and leave]" in result.out
    assert "salary range" in result.out and "days of paid leave" in result.out


def test_engineer_10_minute_prep_includes_code_review():
    result = run_process("prep", "--company", "Acme", "--persona", "engineer", "--minutes", "10")
    assert result.code == 0, result.err
    assert "## Code review" in result.out
    assert "What happens to a change between the moment I open a pull request" in result.out
    assert "## Bug tracking" in result.out and "## Agile and process" in result.out
    assert "Pay, benefits" not in result.out


def test_pay_questions_reach_an_engineer_only_when_asked():
    default = json.loads(run_process("questions", "--persona", "engineer", "--format", "json").out)
    assert not [q for q in default["questions"] if q["category"] == "pay-and-benefits"]
    asked = run_process("questions", "--persona", "engineer", "--category", "pay-and-benefits", "--format", "json")
    assert asked.code == 0, asked.err
    data = json.loads(asked.out)
    assert data["questions"] and {q["category"] for q in data["questions"]} == {"pay-and-benefits"}


def test_headline_topics_survive_the_parsed_bank_cache():
    """The first run parses the YAML and writes the cache; the second reads the cache: same plan, same reasons."""
    runs = [run_process("questions", "--persona", "recruiter", "--minutes", "10", "--format", "json") for _ in range(2)]
    first, second = (json.loads(r.out) for r in runs)
    assert first == second
    assert [q["reason"] for q in second["questions"][:3]] == ["headline", "headline", "headline"]
