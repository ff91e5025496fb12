"""Candidate notes, round sixteen (issue 18): a real team named (the current job, another team), the
candidate's own criteria and jokes. Sentences of our own (not bench/sets/notes16*.jsonl), each with a
minimal pair that must still read its flag.
"""

from __future__ import annotations

import pytest

from tests.conftest import check

# -- the candidate's current employer and another team of the company are real teams: what a note says of them
# reads, by the labelling conventions (a first-hand report of a real team or company), as a past job does


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("at my current job nobody writes unit tests", {"no-tests"}, {"has-tests"}),
        ("the data team skips code review entirely", {"no-code-review"}, {"code-review-required"}),
        ("unlike my current job, they deploy automatically on every merge", {"has-ci"}, {"no-ci"}),
        # a hand-off of on-call to another team, paid, reads
        ("on-call is handled by the platform team and it is paid", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_a_real_team_named_reads(matcher, text, present, absent):
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
