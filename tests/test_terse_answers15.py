"""Terse answers, round fifteen (ANSWERS15): an answer in the conditional under a question that poses the case
("the tests would catch it"), a refusal said before the cue's own "without" ("the reviewer would bounce it without
tests"), a trailing "not really" that describes the answer rather than taking it back ("mostly leetcode, not
really related"), and a staging "not really like prod". A bare hedge ("kinda", "sorta?") stays the question's red
flag, as every older hedged answer reads (see test_terse_shorthand); the minimal pairs below must not change."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- the question's own case: "would" answers a question asked in the conditional


@pytest.mark.parametrize(
    "text", ["the tests would catch it", "the integration suite would catch it fast", "our e2e tests would catch that"]
)
def test_would_catch_under_a_conditional_question_is_the_practice(catalogue, text):
    # "If I changed a part of the system nobody knows, what would tell me I broke something?"
    assert read(catalogue, "kn-tests-as-docs", text) == {"has-tests"}


def test_would_have_caught_is_still_a_counterfactual_under_it(catalogue):
    # minimal pair: the case happened and nothing caught it
    assert read(catalogue, "kn-tests-as-docs", "tests would have caught the last outage") == {"no-tests"}


def test_would_catch_in_a_note_with_no_question_is_still_a_counterfactual(catalogue):
    found = {m.id for m in catalogue.matcher.match("unit tests would catch half their incidents", model="off")}
    assert found == {"no-tests"}


def test_a_plain_no_under_the_conditional_question_is_unchanged(catalogue):
    assert read(catalogue, "kn-tests-as-docs", "nothing would, there are no tests there") == {"no-tests"}


def test_the_evidence_says_the_question_posed_the_case(catalogue):
    question = catalogue.bank.questions["kn-tests-as-docs"]
    matches = catalogue.matcher.match("the tests would catch it", question=question, model="off")
    assert [m.id for m in matches] == ["has-tests"]
    assert "the question's own case" in " ".join(e.context for m in matches for e in m.evidence)


# --- a refusal said first, then the cue's own "without"


def test_a_reviewer_bouncing_changes_without_tests_is_tests_required(catalogue):
    assert read(catalogue, "kn-tests-as-docs", "the reviewer would bounce it without tests") == {"has-tests"}


def test_a_pipeline_rejecting_anything_without_a_green_build_is_ci(catalogue):
    found = {m.id for m in catalogue.matcher.match("CI rejects anything without a green build", model="off")}
    assert "has-ci" in found and "no-ci" not in found


def test_shipping_without_tests_is_still_no_tests(catalogue):
    # minimal pair: no refusal, the "without" stands
    found = {m.id for m in catalogue.matcher.match("we ship it without tests", model="off")}
    assert found == {"no-tests"}


# --- a likeness denied describes the answer: "not really related"


@pytest.mark.parametrize(
    "text", ["mostly leetcode, not really related", "brain teasers, not really relevant", "leetcode, not really like the job"]
)
def test_puzzles_not_really_related_are_trivia(catalogue, text):
    assert read(catalogue, "hi-process-relevance", text) == {"trivia-interview"}


def test_a_trailing_not_really_alone_still_takes_the_answer_back(catalogue):
    # minimal pairs: nothing after the "not really", or a change, is the answer taken back
    assert read(catalogue, "to-tracker", "jira, not really") == {"bugs-untracked"}
    assert read(catalogue, "pl-backlog", "we had a backlog, not really anymore") == {"no-backlog"}


def test_a_staging_not_really_like_prod_is_no_ci(catalogue):
    assert read(catalogue, "ci-environments", "staging exists, not really like prod though") == {"no-ci"}
    assert read(catalogue, "ci-environments", "staging, not much like prod") == {"no-ci"}


def test_a_staging_not_really_different_from_prod_is_ci(catalogue):
    # minimal pair: the likeness denied is a difference, so staging matches prod
    assert read(catalogue, "ci-environments", "yes, not really different from prod") == {"has-ci"}


# --- a bare hedge: the question's red flag (decided in ANSWERS15, as the older hedged labels read)


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("pl-backlog", "kinda", "no-backlog"),
        ("pl-backlog", "sorta?", "no-backlog"),
        ("te-automated-tests", "sort of?", "no-tests"),
        ("ho-on-call", "kinda, I guess", "on-call-burden"),
        ("in-postmortems", "kinda", "bugs-untracked"),
    ],
)
def test_a_bare_hedge_is_the_questions_red_flag(catalogue, question, text, flag):
    assert read(catalogue, question, text) == {flag}


def test_a_bare_hedge_under_a_question_with_no_paired_flag_reads_nothing(catalogue):
    assert read(catalogue, "wp-meeting-free", "sort of") == set()


# --- one answer, one reading: a share whose reason says features win; the code standing for the spec


@pytest.mark.parametrize("text", ["20%, the roadmap always wins", "maybe 10%, features always win"])
def test_a_share_of_bug_time_whose_reason_is_features_winning(catalogue, text):
    assert read(catalogue, "bt-bug-time", text) == {"features-over-bugs"}


def test_a_share_of_bug_time_alone_or_with_tracking_is_unchanged(catalogue):
    # minimal pairs
    assert read(catalogue, "bt-bug-time", "20%") == {"bugs-tracked"}
    assert read(catalogue, "bt-bug-time", "about a third, everything logged and triaged") == {"bugs-tracked"}


@pytest.mark.parametrize(
    ("question", "text"),
    [("do-spec-before-build", "nothing, the code is the spec"), ("do-spec-example", "zip, the spec is the code")],
)
def test_the_code_as_the_spec_is_no_spec(catalogue, question, text):
    assert read(catalogue, question, text) == {"tickets-afterthought"}


def test_a_spec_written_by_the_pm_is_unchanged(catalogue):
    # minimal pair
    assert read(catalogue, "do-spec-before-build", "a spec from the PM") == {"prioritized-backlog"}


def test_a_likeness_denied_under_a_question_that_asks_for_it_is_its_no(catalogue):
    # "Is there a staging environment like production?": "not really similar" answers the likeness asked (no-ci)
    assert read(catalogue, "ci-environments", "we have one, not really similar to production") == {"no-ci"}
