"""Candidate notes, round eleven (issue 18): general mechanisms for what the eleventh pass still misread.
Each is pinned with sentences of our own, different from bench/sets/notes15*.jsonl, and with the plain
statement that must still read its flag.
"""

from __future__ import annotations

import dataclasses

import pytest

from prepbot.matching.engine import Matcher, ModelSlot
from tests.conftest import FixedReader, check, found

# -- a practice shut down or quit: the dropped practice reads its red side


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they shut down travis last spring", {"no-ci"}, {"has-ci"}),
        ("the circleci account got shut down when the card expired", {"no-ci"}, {"has-ci"}),
        ("they decommissioned bamboo", {"no-ci"}, {"has-ci"}),
        ("devs quit writing integration tests after v3", {"no-tests"}, {"has-tests", "high-turnover"}),
        ("the two-approver rule got switched off", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_a_practice_shut_down_or_quit_is_gone(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they run travis on every branch", {"has-ci"}, {"no-ci"}),
        ("they run teamcity", {"has-ci"}, {"no-ci"}),
        ("devs write integration tests for every endpoint", {"has-tests"}, {"no-tests"}),
        ("there's a two-approver rule on main", {"code-review-required"}, {"no-code-review"}),
        # people quitting is still turnover
        ("devs quit after v3", {"high-turnover"}, set()),
    ],
)
def test_the_plain_practice_still_reads_its_flag(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a tool named in a wish or a drop says its absence as firmly as its presence; a loose cue stays weak


def test_a_tool_named_in_a_wish_reads_the_red_side(matcher):
    check(matcher, "a teamcity server would save them days", {"no-ci"}, {"has-ci"})


def test_a_name_far_after_the_drop_is_what_replaced_the_dropped_practice(matcher):
    # the drop is of the hand-run steps; the name at the end of the clause is their replacement
    check(matcher, "they scrapped the hand-built release steps for travis", {"has-ci"}, {"no-ci"})
    check(matcher, "they dropped the old manual upload process in favour of circleci", {"has-ci"}, {"no-ci"})


def test_a_loose_cue_turned_round_stays_below_the_threshold(matcher):
    # "bug ... sprint" is a loose cue: a plan word after it is no claim that bugs go untracked
    assert "bugs-untracked" not in found(matcher, "bug tickets lose out whenever the sprint is planned")


# -- an effort or a looseness quoted back: the practice is hedged


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("the team 'tries' to review PRs", {"no-code-review"}, {"code-review-required"}),
        ('defect tracking is "casual"', {"bugs-untracked"}, {"bugs-tracked"}),
    ],
)
def test_a_quoted_effort_or_looseness_hedges_the_practice(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_same_practice_unquoted_stands(matcher):
    check(matcher, "the team reviews PRs", {"code-review-required"}, {"no-code-review"})
    check(matcher, "defect tracking is in youtrack", {"bugs-tracked"}, {"bugs-untracked"})


# -- a claim, then a clause that only denies it, ending the sentence


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("backlog should be groomed weekly, it isn't", {"no-backlog"}, {"prioritized-backlog"}),
        ("deploys should be automatic, they aren't", {"no-ci"}, {"has-ci"}),
        ("on-call should be compensated, but it's not", {"on-call-burden"}, {"no-after-hours-contact"}),
    ],
)
def test_a_claim_denied_at_the_end_of_the_sentence_reads_the_red_side(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_denial_that_goes_on_denies_something_else(matcher):
    # "it isn't perfect" denies perfection, not the grooming; without any denial the practice stands
    check(matcher, "backlog is groomed weekly, it isn't perfect", {"prioritized-backlog"}, {"no-backlog"})
    check(matcher, "backlog is groomed weekly", {"prioritized-backlog"}, {"no-backlog"})


def test_a_handbook_rule_with_should_be_is_not_turned_round(matcher):
    # only where things "should go" is a proposal; "every change should be reviewed" stays the rule it states
    assert "no-code-review" not in found(matcher, "every change should be reviewed by a second engineer")


# -- where things "should go" is the state it would fix


def test_where_bugs_should_go_is_a_proposal(matcher):
    check(matcher, "feature requests and bugs should go into youtrack, not email", {"bugs-untracked"}, {"bugs-tracked"})
    check(matcher, "bugs go into youtrack", {"bugs-tracked"}, {"bugs-untracked"})


# -- keeping on with a practice is no proposal of what is missing


def test_keeping_on_improving_is_the_practice_kept(matcher):
    check(matcher, "they should keep improving their test suite", {"has-tests"}, {"no-tests"})
    check(matcher, "they should start improving their test suite", {"no-tests"}, {"has-tests"})


# -- plain wordings: strict reviews, someone else reading the diffs, estimates that set the dates


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("code reviews are rigorous here", {"code-review-required"}, {"no-code-review"}),
        ("reviews aren't strict at all", {"no-code-review"}, {"code-review-required"}),
        ("someone else reads every diff before it lands", {"code-review-required"}, {"no-code-review"}),
        ("no one reads the diffs", {"no-code-review"}, {"code-review-required"}),
        ("would love it if somebody read PRs before merging", {"no-code-review"}, {"code-review-required"}),
        ("dev estimates set the release dates", {"realistic-deadlines"}, set()),
    ],
)
def test_plain_wordings_of_review_and_deadlines(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- advice: a bare "should", "gotta" or "need" with a verb of change, or a note opening on "should"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("should require approvals on the main repo tbh", {"no-code-review"}, {"code-review-required"}),
        ("gotta move defects into a proper tracker", {"bugs-untracked"}, {"bugs-tracked"}),
        ("honestly need more integration tests", {"no-tests"}, {"has-tests"}),
        ("it'd help if somebody kept a ranked backlog", {"no-backlog"}, {"prioritized-backlog"}),
    ],
)
def test_advice_reads_the_state_it_would_fix(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they require approvals on the main repo", {"code-review-required"}, {"no-code-review"}),
        ("defects go into a proper tracker", {"bugs-tracked"}, {"bugs-untracked"}),
        ("there are plenty of integration tests", {"has-tests"}, {"no-tests"}),
        ("somebody keeps a ranked backlog", {"prioritized-backlog"}, {"no-backlog"}),
        # a clause opening on "should" after another: the later clause is read as stated
        ("should be fine, tests run on every PR", {"has-tests"}, {"no-tests"}),
    ],
)
def test_the_same_practice_stated_stands(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_question_opening_on_should_says_nothing(matcher):
    assert not ({"no-code-review", "code-review-required"} & found(matcher, "should we require approvals on the main repo?"))


# -- half done: "semi-automated"


def test_semi_automated_is_not_automated(matcher):
    check(matcher, "builds are semi-automated", {"no-ci"}, {"has-ci"})
    check(matcher, "builds are automated", {"has-ci"}, {"no-ci"})


# -- the reports themselves kept in an inbox


def test_customer_reports_kept_in_an_inbox_are_untracked_bugs(matcher):
    check(matcher, "bugs have a jira board but user reports sit in the support inbox", {"bugs-untracked"}, set())
    assert "bugs-untracked" not in found(matcher, "the quarterly reports stay in email")


# -- nobody seen leaving: an absence phrase keeps the classifier's turnover reading out


def test_never_having_anyone_leave_keeps_the_classifiers_turnover_out(catalogue):
    # a classifier pinned to read turnover wherever people resign (the shipped one's readings change
    # with each retraining; the engine's rule is what is tested)
    slot = ModelSlot(lambda: FixedReader({"resign": {"high-turnover": 0.95}}))
    with_model = Matcher.from_bank(catalogue.bank, catalogue.rules, slot)
    without = Matcher.from_bank(catalogue.bank, dataclasses.replace(catalogue.rules, absences={}), slot)
    text = "never had anybody resign in five years, per the EM"
    assert "high-turnover" in {m.id for m in without.match(text)}  # the classifier alone reads turnover here...
    assert "high-turnover" not in {m.id for m in with_model.match(text)}  # ...the absence phrase keeps it out
    # people seen leaving is still turnover
    assert "high-turnover" in {m.id for m in with_model.match("saw three devs resign in my last year there")}


# -- a count of people who walked or bailed is turnover; walking somewhere or someone through something is not


def test_people_who_walked_or_bailed_are_turnover(matcher):
    assert "high-turnover" in found(matcher, "3 devs bailed in q1")
    assert "high-turnover" in found(matcher, "six engineers walked since the acquisition")
    assert "high-turnover" not in found(matcher, "2 people walked me to the office")
    assert "high-turnover" not in found(matcher, "two devs walked in late")
