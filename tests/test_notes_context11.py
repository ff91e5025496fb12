"""Candidate notes, eleventh pass (issue 18): general mechanisms for what the tenth pass still misread.
Each is pinned with sentences of our own, different from bench/sets/notes14*.jsonl, and with cases where
the rule must not fire.
"""

from __future__ import annotations

import pytest

from tests.conftest import check, found

# -- a condition contrary to fact: an "if" clause told in the past with a modal in the rest of the sentence


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # the practice named in the condition is not there
        ("if they had a staging pipeline, that broken release would never have reached customers", {"no-ci"}, {"has-ci"}),
        ("honestly if the team had unit tests the migration wouldve gone fine", {"no-tests"}, {"has-tests"}),
        ("their planning would be calmer if there were a ranked backlog", {"no-backlog"}, {"prioritized-backlog"}),
        # a red practice the condition denies is the red practice
        ("if they didn't have a bug tracker we'd all be lost", {"bugs-tracked"}, {"bugs-untracked"}),
    ],
)
def test_a_condition_contrary_to_fact_reads_the_contrary(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    "text",
    [
        # a question set up by the condition, or one about the reader: no fact about the team
        "if they had more tests, would the releases be calmer?",
        "if you had no test suite at all, where would you start?",
        "if I had a pipeline like theirs I would be happier",
    ],
)
def test_no_contrary_reading_in_a_question_or_about_the_reader(matcher, text):
    assert not ({"no-tests", "no-ci", "has-tests", "has-ci"} & found(matcher, text)), text


def test_a_condition_in_the_present_is_no_counterfactual(matcher):
    # a real condition and the rule it sets: read as stated, not turned round
    check(matcher, "if you are paged at night you get the next morning off", {"no-after-hours-contact"}, {"on-call-burden"})
    # a past condition without a modal after it tells what happened: nothing turned round
    assert "no-tests" not in found(matcher, "if the tests failed, the merge was blocked")


# -- an absence wished for in a condition contrary to fact reads the red flag


def test_an_absence_in_a_contrary_condition_reads_the_red_flag(matcher):
    assert "high-turnover" in found(matcher, "if engineers stayed longer than a year the onboarding wouldn't hurt so much")
    # stated as a fact, the same absence reads no turnover
    assert "high-turnover" not in found(matcher, "engineers stayed longer than anywhere I've worked")


# -- keeping what is there is no proposal of what is missing


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("we should keep doing the two-person code review, it catches a lot", {"code-review-required"}, {"no-code-review"}),
        ("they should continue to run the integration tests on every PR", {"has-tests"}, {"no-tests"}),
        # a proposal to start something still shows the state it would fix
        ("they should start running integration tests on every PR", {"no-tests"}, {"has-tests"}),
        ("they should keep track of defects in a real tracker", {"bugs-untracked"}, {"bugs-tracked"}),
    ],
)
def test_keeping_a_practice_is_no_proposal(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a plea to whoever will do it reaches past its commas


def test_a_plea_to_anyone_shows_the_state_it_would_fix(matcher):
    check(matcher, "please, somebody, set up a build pipeline for this repo", {"no-ci"}, {"has-ci"})
    check(matcher, "someone please write integration tests for the billing code", {"no-tests"}, {"has-tests"})


# -- cues for wordings of the notes (a label then a none, the pipeline as enforcer, ...)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("pager compensation: nada", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("every merge needs green tests and the pipeline enforces that", {"has-ci"}, {"no-ci"}),
        ("not one defect has slipped through unlogged in my time there", {"bugs-tracked"}, {"bugs-untracked"}),
        ("defects slip through untracked all the time", {"bugs-untracked"}, {"bugs-tracked"}),
        ("leadership accepted the revised estimate without a fight", {"realistic-deadlines"}, set()),
        ("engineers are unreachable after 6pm by policy", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_note_wordings(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a negation inside a cue's words reaches only its own scope


def test_a_negation_in_another_scope_inside_a_cue_negates_nothing_of_it(matcher):
    text = "great review culture here, nothing ships unseen and feedback is always kind"
    check(matcher, text, {"code-review-required"}, {"no-code-review"})
    # in the cue's own scope it still negates
    assert "no-code-review" in found(matcher, "code review is not something they do")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("crash reports automatically create tickets in jira", {"bugs-tracked"}, {"bugs-untracked"}),
        ("youtrack issues triaged weekly by the on-duty dev", {"bugs-tracked"}, {"bugs-untracked"}),
        ("the billing repo is a hairball nobody wants to touch", {"poor-code-quality"}, set()),
        # a counterfactual of a red state denied: the red state holds
        ("releases would be calmer if the codebase wasn't such a tangle", {"poor-code-quality"}, set()),
        ("estimation would be easier if they created the tickets before starting", {"tickets-afterthought"}, set()),
    ],
)
def test_more_note_wordings(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- advice: a wish whose content is a condition, a better way proposed in place of what is done


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("it would be nice if every merge required a second reviewer", {"no-code-review"}, {"code-review-required"}),
        ("they would be better off pairing on real code instead of trivia questions", {"trivia-interview"}, set()),
        ("the team should study the basics of scrum", {"agile-unfamiliar"}, set()),
    ],
)
def test_advice_shows_the_state_it_would_change(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_better_way_stated_as_done_is_no_advice(matcher):
    # told as what they do, "instead of" still denies the trivia
    assert "trivia-interview" not in found(matcher, "they pair on real code instead of trivia questions")


# -- after notes14b: an inverted condition, a wish told as what would be good, a hedge on remembering


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("had they kept a ranked backlog, the quarter wouldn't have been chaos", {"no-backlog"}, {"prioritized-backlog"}),
        ("it would be good if on-call shifts were paid extra", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("defects get logged in the tracker if anyone remembers", {"bugs-untracked"}, {"bugs-tracked"}),
        ("unit tests get written when somebody has time", {"no-tests"}, {"has-tests"}),
    ],
)
def test_inverted_conditions_wishes_and_hedges_on_remembering(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_remembering_to_do_something_else_hedges_nothing(matcher):
    # the tests exist; only running them is left to memory
    assert "has-tests" in found(matcher, "we have 900 unit tests that only run when someone remembers to run them")
