"""Real-text precision, sixteenth pass (CUES16): families of false positives the cues still read.
Each case comes with its minimal pair, nearby words stating the flag of a real team, which must
still read.

What a user sees is the set of flags `prepbot analyze` reports (here with the cues alone, `found`).
Every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

# (flag, a sentence that must not read it, its minimal pair that must)
CASES = [
    # "nobody touches" the machines is a habit of automation, not code nobody dares to change
    (
        "poor-code-quality",
        "Nobody touches the staging machines by hand.",
        "Nobody touches the code in the billing module, it is that fragile.",
    ),
    # ...nor a practice kept in name only: "nobody touches" with an object goes on the sentence
    (
        "no-ci",
        "Releases are automated and nobody touches the boxes by hand.",
        "Releases are automated on paper, but the script is broken and nobody runs it.",
    ),
    # a remark between commas after "nobody" ("not even the CTO") keeps the rule one clause
    (
        "no-code-review",
        "Nobody, not even the CTO, is allowed to merge without a review.",
        "Nobody reviews anything, and the CTO merges without a review.",
    ),
    (
        "no-code-review",
        "No one, including the two founders, pushes to master without an approval.",
        "Everyone, including the two founders, pushes to master without an approval.",
    ),
]


@pytest.mark.parametrize("flag, wrong, right", CASES)
def test_a_false_reading_is_gone_and_its_minimal_pair_still_reads(matcher, flag, wrong, right):
    assert flag not in found(matcher, wrong), found(matcher, wrong)
    assert flag in found(matcher, right), found(matcher, right)


def test_a_tracker_nobody_touches_is_still_in_name_only(matcher):
    assert "no-backlog" in found(matcher, "We do have a backlog that nobody touches.")
    assert "no-backlog" in found(matcher, "There is a backlog in Jira, but nobody has touched it since spring.")


def test_a_remark_between_commas_leaves_the_rule_green(matcher):
    text = "Nobody, including the founders, can merge without someone approving the change."
    assert "code-review-required" in found(matcher, text), found(matcher, text)
    # the same remark before a plain negation still reads the red flag
    assert "no-tests" in found(matcher, "Nobody, including the founders, writes tests.")


def test_a_refusal_enforces_the_practice(matcher):
    # the change it turns away is named after the verb, several words before the cue
    text = "The merge bot rejects any change that has no tests."
    assert found(matcher, text) & {"no-tests", "has-tests"} == {"has-tests"}, found(matcher, text)
    assert "no-tests" in found(matcher, "The merge bot is there, but the app has no tests.")
    # a green reading inside a refusal stands: failing tests that block a change are tests that run
    text = "The CI rejects any pull request with failing tests."
    assert not found(matcher, text) & {"no-tests", "no-ci"}, found(matcher, text)
    text = "Pull requests with failing tests get rejected."
    assert "no-tests" not in found(matcher, text), found(matcher, text)
    assert "code-review-required" in found(matcher, "Our bot blocks PRs without a second approval.")
    assert "no-code-review" in found(matcher, "Our bot merges PRs without a second approval.")


def test_a_normal_norm_with_nothing_against_it_reads_no_overtime(matcher):
    # a word of longer hours that a negation denies says nothing against the norm, nor in the next piece
    assert "overtime-expected" not in found(matcher, "Officially it is a 37 hour week; nobody asked for anything longer.")
    assert "overtime-expected" in found(matcher, "Officially it is a 37 hour week; the boss asks for longer.")
    # a figure of another unit is no real figure of the week
    assert "overtime-expected" not in found(matcher, "The handbook says 40 hours, and the commute takes 70 minutes.")
    assert "overtime-expected" in found(matcher, "The handbook says 40 hours, and the real week takes 70 hours.")
    text = "On paper a 36 hour week. The daily meeting takes 30 minutes."
    assert found(matcher, text) & {"overtime-expected", "long-standups"} == {"long-standups"}, found(matcher, text)


def test_words_of_furniture_snacks_and_hardware_are_no_practice(matcher):
    assert "long-standups" not in found(matcher, "We got tall stand-up desks, and the long ones by the window are great.")
    assert "long-standups" in found(matcher, "Our stand-ups are long, forty minutes most days.")
    assert "overtime-expected" not in found(matcher, "A crunch bar from the machine is my afternoon treat.")
    assert "overtime-expected" in found(matcher, "Crunch before every launch is expected of us.")
    assert "has-tests" not in found(matcher, "The lab runs hardware stress tests on every board we make.")
    assert "has-tests" in found(matcher, "The CI runs stress tests on every build we make.")


def _answer(matcher, question_id: str, text: str) -> set[str]:
    from prepbot.catalogue import load_catalogue

    question = load_catalogue().bank.questions[question_id]
    return {m.id for m in matcher.match(text, question=question, model="off")}


def test_the_bare_words_teams_and_dates_decide_no_answer(matcher):
    # who sets the dates decides, not the words "teams" or "dates" on their own
    said = _answer(matcher, "au-exec-decisions", "I fix the dates and the teams have to meet them")
    assert said & {"overtime-expected", "realistic-deadlines"} == {"overtime-expected"}, said
    said = _answer(matcher, "au-exec-decisions", "teams estimate; I only look at the dates they give me")
    assert said & {"overtime-expected", "realistic-deadlines"} == {"realistic-deadlines"}, said
    assert "realistic-deadlines" not in _answer(matcher, "au-exec-decisions", "The teams report to me and I read their dates.")


def test_a_named_trade_is_no_team(matcher):
    assert "overtime-expected" not in found(matcher, "Crunch in the video game industry has been written about for years.")
    assert "overtime-expected" in found(matcher, "Crunch at our studio happens before every milestone.")
