"""Minimal pairs: the same note with and without a negation (or a modifier) must flip or drop.

Every sentence here is our own. Each paired flag (a red flag and its green opposite) appears both
ways, with the negation in different places: before the cue, inside it, after it.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

PAIRS = [
    # (plain, expected), (negated, expected)
    (
        ("Every pull request gets reviewed by a teammate.", "code-review-required"),
        ("No pull request gets reviewed by a teammate.", "no-code-review"),
    ),
    (("Code is reviewed before it ships.", "code-review-required"), ("Code is not reviewed before it ships.", "no-code-review")),
    (("Our code gets reviewed.", "code-review-required"), ("Our code never gets reviewed.", "no-code-review")),
    (("We do code reviews.", "code-review-required"), ("We don't do code reviews.", "no-code-review")),
    (
        ("There is a code review step for every change.", "code-review-required"),
        ("There isn't a code review step for any change.", "no-code-review"),
    ),
    (("We track bugs in Jira.", "bugs-tracked"), ("We don't track bugs anywhere.", "bugs-untracked")),
    (("They have a bug tracker.", "bugs-tracked"), ("They have no bug tracker.", "bugs-untracked")),
    (("The team writes unit tests.", "has-tests"), ("The team doesn't write unit tests.", "no-tests")),
    (("There are automated tests for the API.", "has-tests"), ("There are no automated tests for the API.", "no-tests")),
    (("We have CI on every branch.", "has-ci"), ("We have no CI on any branch.", "no-ci")),
    (("Deploys are automated.", "has-ci"), ("Deploys are not automated.", "no-ci")),
    (
        ("The team keeps a prioritized backlog.", "prioritized-backlog"),
        ("The team doesn't keep a prioritized backlog.", "no-backlog"),
    ),
    (("There is a backlog.", "prioritized-backlog"), ("There is no backlog.", "no-backlog")),
    (
        ("You are expected to answer messages on weekends.", "on-call-burden"),
        ("You are never expected to answer messages on weekends.", "no-after-hours-contact"),
    ),
    (
        ("People get contacted during vacation.", "on-call-burden"),
        ("People don't get contacted during vacation.", "no-after-hours-contact"),
    ),
]


@pytest.mark.parametrize(("plain", "negated"), PAIRS, ids=[p[0][0][:40] for p in PAIRS])
def test_negation_flips_to_the_opposite(matcher, plain, negated):
    assert found(matcher, plain[0]) == {plain[1]}
    assert found(matcher, negated[0]) == {negated[1]}


def test_every_paired_flag_is_covered_both_ways(catalogue):
    paired = {f.id for f in catalogue.bank.flags.values() if f.opposite}
    covered = {p[1] for pair in PAIRS for p in pair}
    assert paired <= covered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pseudo-negations negate nothing
        ("Not only is every change reviewed, we also pair a lot.", {"code-review-required"}),
        ("No doubt about it, the code is reviewed by two people.", {"code-review-required"}),
        # negation after the cue
        ("Code review? Not really.", {"no-code-review"}),
        ("Unit tests: none.", {"no-tests"}),
        # a wish or a plan to start a practice shows the state it would fix, never the practice
        ("We would love to have CI someday.", {"no-ci"}),
        ("The lead hopes to introduce code review next year.", {"no-code-review"}),
        ("We plan to write tests eventually.", {"no-tests"}),
        # a hypothetical says nothing about the team now
        ("Imagine a team where every change is reviewed.", set()),
        # advice and questions state no fact
        ("Ask them whether code is reviewed.", set()),
        ("Make sure they have a bug tracker.", set()),
        ("Do they review code?", set()),
        # a problem fixed in the past: no red flag, the fix may be green
        ("We used to have no tests, but now coverage is at eighty percent and CI runs them all.", {"has-ci", "has-tests"}),
        ("Back then nobody reviewed code.", set()),
        # two negations cancel
        ("No change ships without a review.", {"code-review-required"}),
        # parallel negations in two clauses
        ("Not on call, not contacted during vacation.", {"no-after-hours-contact"}),
        # a red/green pair in one sentence resolves to one flag
        ("Reviews happen sometimes, when someone has time.", {"no-code-review"}),
    ],
)
def test_context_rules(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # "never skip" is no negation of a review cue, but it negates the cue "skip ... review"
        ("We never skip code review.", {"code-review-required"}),
        ("we never skip reviews", {"code-review-required"}),
        ("Code review is never skipped.", {"code-review-required"}),
        ("Reviews are never skipped here.", {"code-review-required"}),
        ("We skip reviews when we are in a hurry.", {"no-code-review"}),
        ("Code review is never done.", {"no-code-review"}),
    ],
)
def test_a_pseudo_negation_still_negates_a_cue_that_starts_inside_it(matcher, note, expected):
    assert {m.id for m in matcher.match(note, model="off")} == expected
