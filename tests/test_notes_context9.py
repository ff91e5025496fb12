"""Candidate notes, ninth pass (issue 18): the mechanisms added for bench/sets/notes12.jsonl and for the
inversions `python -m bench.own` found, pinned with sentences of our own that differ from the sets' and
the training texts', each beside a case where the rule must not fire.
"""

from __future__ import annotations

import json

import pytest

from prepbot.matching.engine import Matcher, ModelSlot
from tests.conftest import check, found, run_process


@pytest.fixture(scope="module")
def with_model(catalogue):
    """The shipped rules with the shipped classifier (the rest of the suite runs with it off)."""
    pytest.importorskip("onnxruntime")
    from prepbot.matching.model import Classifier

    return Matcher.from_bank(catalogue.bank, catalogue.rules, ModelSlot(Classifier.load))


def shipped(matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text)}


def why(matcher, text: str, flag: str) -> str:
    """The context rules the evidence of `flag` names (classifier off)."""
    match = next(m for m in matcher.match(text, model="off") if m.id == flag)
    return " | ".join(e.context for e in match.evidence)


# -- a negated action whose condition the cue holds is a rule, at any reach in its clause


@pytest.mark.parametrize(
    "text",
    [
        "not a single change in the payments service gets merged without a colleague reading it",
        "the reviews are thorough: nothing lands without approval",
        "no defect is worked on outside jira",
    ],
)
def test_a_negated_action_with_its_condition_is_the_practice(matcher, text):
    flags = found(matcher, text)
    assert flags & {"code-review-required", "bugs-tracked"}, (text, flags)
    assert not flags & {"no-code-review", "bugs-untracked"}, (text, flags)


def test_a_red_cue_negated_before_its_condition_reads_the_green_flag_once(matcher):
    check(matcher, "you can't commit to trunk without opening a PR", {"code-review-required"}, {"no-code-review"})


def test_a_condition_inside_a_red_cue_is_the_cues_own(matcher):
    text = "staff are not expected to answer calls outside their working hours"
    check(matcher, text, {"no-after-hours-contact"}, {"on-call-burden"})


# -- verbs of losing: a negation right before a cue, cancelled by another negation


def test_losing_track_of_bugs_is_the_red_flag(matcher):
    check(matcher, "half the time we lose track of reported bugs", {"bugs-untracked"}, {"bugs-tracked"})


def test_never_losing_a_bug_is_the_practice(matcher):
    text = "in two years on that team I never lost track of a single bug"
    check(matcher, text, {"bugs-tracked"}, {"bugs-untracked"})
    assert "negation before: 'lost'" in why(matcher, text, "bugs-tracked")


# -- a hedge a negation denies; a rule quoted as said


def test_a_denied_hedge_hedges_nothing(matcher):
    check(matcher, "their roadmap is clear and the priorities never change on a whim", {"prioritized-backlog"}, {"no-backlog"})


def test_an_undenied_hedge_still_hedges(matcher):
    check(matcher, "the lead calls it a roadmap, in theory", {"no-backlog"}, {"prioritized-backlog"})


def test_a_quoted_rule_is_no_scare_quote(matcher):
    check(matcher, 'the motto on the wall says "no review, no merge"', {"code-review-required"}, {"no-code-review"})


# -- proposals and wishes: the state they would fix


@pytest.mark.parametrize(
    ("text", "red", "green"),
    [
        ("Suggestion: for the billing repo, every PR should get a second reviewer", "no-code-review", "code-review-required"),
        ("I'd like their releases to go through an automated pipeline", "no-ci", "has-ci"),
        ("the new hire will help us set up our first bug tracker", "bugs-untracked", "bugs-tracked"),
        ("a unit test suite would catch most of these regressions", "no-tests", "has-tests"),
        ("until somebody sets up a build server, releases are zipped by hand", "no-ci", "has-ci"),
    ],
)
def test_a_proposal_reads_the_state_it_would_fix(matcher, text, red, green):
    check(matcher, text, {red}, {green})


def test_a_proposal_in_the_middle_of_a_sentence_does_not_reach_back_past_its_clause(matcher):
    # "suggestion" opens no sentence here: the rule the team has stands
    check(matcher, "every PR needs two approvals, which was my suggestion", {"code-review-required"}, {"no-code-review"})


def test_a_proposal_lets_the_classifier_read_red_flags_but_not_green_ones(with_model):
    text = "they should really sort out the revolving door in that team"
    assert "high-turnover" in shipped(with_model, text)
    # (a proposal to keep what is there is no proposal: "they should keep doing what they do with unit tests" now
    # reads the practice, tests/test_notes_context11.py)
    assert not shipped(with_model, "they should really do something about unit tests") & {"has-tests"}


# -- hedges on when it happens, in the cue's clause or the next


@pytest.mark.parametrize(
    ("text", "red"),
    [
        ("code gets reviewed, workload permitting", "no-code-review"),
        ("they write tests whenever they can", "no-tests"),
        ("bugs go into linear when it suits them", "bugs-untracked"),
    ],
)
def test_a_hedge_on_when_reads_the_red_flag(matcher, text, red):
    assert red in found(matcher, text)


def test_a_plain_when_clause_is_no_hedge(matcher):
    check(matcher, "code gets reviewed when the PR is opened", {"code-review-required"}, {"no-code-review"})


# -- then and now


@pytest.mark.parametrize(
    "text",
    [
        "the daily meeting lasted an hour under the previous manager; now fifteen minutes",
        "the code was a swamp when I arrived, three years of cleanup later it's pleasant",
    ],
)
def test_a_problem_told_in_the_past_with_a_now_is_gone(matcher, text):
    assert not found(matcher, text) & {"long-standups", "poor-code-quality"}


def test_a_count_since_a_season_is_no_change(matcher):
    assert "high-turnover" in found(matcher, "four of the six backend devs quit since autumn")


def test_a_practice_held_once_is_not_the_now(matcher):
    text = "We had a jira board for bugs once. Now bug reports land in a chat channel."
    assert "bugs-tracked" not in found(matcher, text)


def test_a_practice_still_held_with_a_now_stands(matcher):
    check(matcher, "tests were added in the spring; now every service has a suite", {"has-tests"}, {"no-tests"})


# -- never witnessed, at length


def test_not_remembering_a_single_case_is_never(matcher):
    text = "I cannot recall one sprint in which code shipped unreviewed"
    check(matcher, text, {"code-review-required"}, {"no-code-review"})


def test_never_seen_with_its_own_negation_turns_once(matcher):
    check(matcher, "never seen a deploy go out untested there", {"has-tests"}, {"no-tests"})


# -- wording: calls on leave, whoever is loudest


def test_calls_on_a_day_off(matcher):
    check(matcher, "the CTO phoned me on my day off about a typo", {"on-call-burden"}, {"no-after-hours-contact"})
    check(matcher, "nobody phoned me on my day off, not once", {"no-after-hours-contact"}, {"on-call-burden"})


def test_whoever_is_loudest_sets_the_priorities(matcher):
    assert "no-backlog" in found(matcher, "what gets built next depends who's yelling the loudest that week")


# -- the classifier adds no red flag beside a green one turned round from a negated red cue


def test_no_red_flag_of_the_classifiers_beside_a_negated_red_cue(with_model):
    text = "nobody pushes builds by hand here"
    assert shipped(with_model, text) == {"has-ci"}


def test_analyze_reports_the_proposal_as_the_state_it_would_fix():
    result = run_process(
        "analyze", "--format", "json", stdin=b"Proposal: from the next sprint on, every merge gets a second reviewer.\n"
    )
    assert result.code == 0, result.err
    assert [f["id"] for f in json.loads(result.out)["flags"]] == ["no-code-review"]


# -- bugs moved into the tracker are tracked


def test_bugs_copied_from_chat_into_the_tracker_are_tracked(matcher):
    check(matcher, "defects mentioned on slack get copied into jira by the on-duty dev", {"bugs-tracked"}, {"bugs-untracked"})


def test_bugs_left_in_chat_stay_untracked(matcher):
    check(matcher, "defects mentioned on slack just sit there", {"bugs-untracked"}, {"bugs-tracked"})


# -- "that stopped" ends the practice of its own clause, not every item of a list before it


def test_a_dropped_practice_does_not_reach_back_over_a_list(matcher):
    text = "I inherited zero unit tests, no CI pipeline, and a wiki that stopped being updated in 2022"
    check(matcher, text, {"no-tests", "no-ci"}, {"has-tests", "has-ci"})


def test_then_stopped_still_ends_the_practice_before_it(matcher):
    check(matcher, "they did code reviews for a year, then stopped", {"no-code-review"}, {"code-review-required"})


def test_asking_where_something_lives_is_a_question_not_the_practice(matcher):
    assert "bugs-tracked" not in found(matcher, "I asked where they track defects and was shown a group chat.")
    assert "bugs-tracked" in found(matcher, "they track defects in linear")


def test_a_practice_held_under_people_now_gone_is_the_red_state(matcher):
    check(matcher, "they had a ranked backlog under the previous product owner", {"no-backlog"}, {"prioritized-backlog"})
    check(matcher, "they have a ranked backlog", {"prioritized-backlog"}, {"no-backlog"})


def test_a_merge_that_skips_the_reviewer_never_happening_is_the_practice(matcher):
    check(
        matcher, "there is no merge request here that bypassed the second reviewer", {"code-review-required"}, {"no-code-review"}
    )


@pytest.mark.parametrize("text", ["they groom the backlog every now and then", "PRs get a review once in a while"])
def test_how_often_hedges(matcher, text):
    assert found(matcher, text) & {"no-backlog", "no-code-review"}
