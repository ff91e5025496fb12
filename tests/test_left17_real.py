"""Misreadings of real text the last wave left (brief LEFT17, issue 18): each item with the sentence, a second one
of our own of the same family, and a minimal pair that keeps its reading.
"""

from __future__ import annotations

import pytest

from tests.conftest import check

# -- a refusal whose change is named with a relative clause before the cue: the rule by refusal still reaches it


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("The bot blocks any pull request that has no passing tests", {"has-tests"}, {"no-tests"}),
        ("Our CI bot rejects any PR that still has zero unit tests", {"has-tests"}, {"no-tests"}),
        # minimal pair: no refusal, the missing tests are the team's
        ("The bot merges any pull request that has no passing tests", {"no-tests"}, {"has-tests"}),
    ],
)
def test_refusal_reaches_past_a_relative_clause(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a generic subject that lacks the practice, opening the sentence: a general claim, no real team


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("a team without tests will burn you out", set(), {"no-tests"}),
        ("companies without code review ship garbage", set(), {"no-code-review"}),
        ("Startups with no CI pipeline break prod every week", set(), {"no-ci"}),
        ("A company that has zero tests is doomed", set(), {"no-tests"}),
        # minimal pairs: the team the notes are about
        ("we are a team without tests", {"no-tests"}, set()),
        ("The team here works without code review", {"no-code-review"}, set()),
    ],
)
def test_generic_subject_without_a_practice_is_no_team(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- "nobody, no exceptions, can ...": the inserted remark adds emphasis, it negates nothing


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Nobody, no exceptions, can merge without a review.", {"code-review-required"}, {"no-code-review"}),
        ("No one, no exceptions at all, may push to main without approval", {"code-review-required"}, {"no-code-review"}),
        ("No one, no exceptions, pushes to main without a second approver", {"code-review-required"}, {"no-code-review"}),
        # minimal pair: a list of absences keeps its reading
        ("No PR, no review, straight to main", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_no_exceptions_remark_negates_nothing(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a slip that is punished is not a date that may slip


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("people get penalised when a date slips", set(), {"realistic-deadlines"}),
        ("devs are blamed when a deadline is moved", set(), {"realistic-deadlines"}),
        # minimal pair: the penalty denied
        ("nobody gets penalised when a date slips", {"realistic-deadlines"}, set()),
    ],
)
def test_punished_slip_is_not_realistic_deadlines(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a question put to a forum, its words after a colon: a question, no finding


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("asked on the forum: do teams there really work weekends", set(), {"overtime-expected"}),
        ("asked on hn: do their devs get paged every night", set(), {"on-call-burden"}),
        # minimal pairs: what the forum or the people asked answered is a finding
        ("asked on reddit and people said they work weekends", {"overtime-expected"}, set()),
        ("I asked around and they really do work weekends", {"overtime-expected"}, set()),
    ],
)
def test_question_to_a_forum_is_no_finding(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a norm told by the clock ("9 to 5") is a working week, against the real figure


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Officially 9 to 5, really 50 hours", {"overtime-expected"}, set()),
        ("officially 8 till 4, in practice 55 hours", {"overtime-expected"}, set()),
        # minimal pair: the real figure at the norm
        ("On paper 9 to 5, really 40 hours", set(), {"overtime-expected"}),
    ],
)
def test_clock_norm_against_the_real_week(matcher, text, present, absent):
    check(matcher, text, present, absent)
