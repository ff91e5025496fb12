"""Candidate notes, round sixteen (issue 18): notes about someone other than the team hired for, and the
candidate's own criteria. Sentences of our own (not bench/sets/notes16*.jsonl), each with a minimal pair
that must still read its flag.
"""

from __future__ import annotations

import pytest

from tests.conftest import check

# -- the candidate's current or last employer is not the team being interviewed for


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("at my current job nobody writes unit tests", set(), {"no-tests"}),
        ("my current job makes everyone work weekends", set(), {"overtime-expected"}),
        ("current place does every release by hand, want out", set(), {"no-ci"}),
        # minimal pairs: the same words about this team still read
        ("nobody writes unit tests here", {"no-tests"}, {"has-tests"}),
        ("they make everyone work weekends", {"overtime-expected"}, set()),
        # after the comparison, the clause about them reads
        ("unlike my current job, they deploy automatically on every merge", {"has-ci"}, {"no-ci"}),
    ],
)
def test_the_candidates_own_employer_is_not_this_team(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- another team of the company: a short clause about it says nothing of this one


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("the data team skips code review entirely", set(), {"no-code-review"}),
        ("another team ships without any tests, he said", set(), {"no-tests"}),
        ("the mobile team builds releases by hand, ours is automated", {"has-ci"}, {"no-ci"}),
        # minimal pairs
        ("our team skips code review entirely", {"no-code-review"}, {"code-review-required"}),
        ("this team ships without any tests", {"no-tests"}, {"has-tests"}),
        # a hand-off of on-call to another team, paid, still reads
        ("on-call is handled by the platform team and it is paid", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_another_teams_practice_is_not_this_teams(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- the candidate's own criteria for any job


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("what i'm looking for: real code review and CI", set(), {"code-review-required", "has-ci", "no-ci"}),
        ("note to self: never again a team without tests", set(), {"no-tests", "has-tests"}),
        # minimal pair: the same words, no header, read as a team's rule
        ("never again a team without tests", {"has-tests"}, {"no-tests"}),
        # a plan for this team still shows the state it would fix
        ("once hired, plan to introduce a proper bug tracker", {"bugs-untracked"}, {"bugs-tracked"}),
    ],
)
def test_the_candidates_own_criteria_state_nothing(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a joke told as such states nothing; the same words said plainly still read


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("she joked that they ship straight to prod without any review", set(), {"no-code-review"}),
        ("the lead jokingly said nobody writes tests", set(), {"no-tests"}),
        ("they ship straight to prod without any review", {"no-code-review"}, {"code-review-required"}),
        ("the lead said nobody writes tests", {"no-tests"}, {"has-tests"}),
    ],
)
def test_a_joke_states_nothing(matcher, text, present, absent):
    check(matcher, text, present, absent)
