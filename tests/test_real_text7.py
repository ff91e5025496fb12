"""Real-text reading, seventh pass: the classes of false positives found on the non-held real rows
(bench/fp_table.py), and wording for the weak flags written from their meaning in flags.md.

What a user sees is the set of flags `prepbot analyze` reports: with the cues alone (`found`), or with a
classifier whose readings are fixed (`with_classifier`), so the engine's handling of them is what is
tested. Every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import check, found, with_classifier


# Other senses: a mailing list is no bug list, a bug bash is no tracker, a backlog of patches is a pile-up.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Send your bug reports to the developers' mailing list, please.", "bugs-tracked"),
        ("We hold a bug bash before every big release, with pizza.", "bugs-tracked"),
        ("Sorry for the slow replies, there's a backlog of patches waiting for review.", "prioritized-backlog"),
        ("The recruiter has a backlog of applicants to get through.", "prioritized-backlog"),
    ],
)
def test_another_sense_is_no_practice(matcher, text, flag):
    assert flag not in found(matcher, text)


def test_the_practice_itself_still_reads(matcher):
    assert "prioritized-backlog" in found(matcher, "We keep a prioritized backlog of features.")
    assert "bugs-tracked" in found(matcher, "Every bug report is filed in Jira and triaged on Mondays.")


# A practice named and then dismissed by the team is not done there.
@pytest.mark.parametrize(
    ("text", "flag", "not_flag"),
    [
        ("Integration tests were seen as a waste of time, so nobody wrote them.", "no-tests", "has-tests"),
        ("Here code review is considered overhead.", "no-code-review", "code-review-required"),
        ("Automated tests are treated as a luxury we can't afford yet.", "no-tests", "has-tests"),
    ],
)
def test_a_dismissed_practice_is_absent(matcher, text, flag, not_flag):
    check(matcher, text, {flag}, {not_flag})


# The weak flags, stated in ways their cues did not know.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Defects are never written down anywhere.", "bugs-untracked"),
        ("The only record of known bugs is a post-it on the lead's screen.", "bugs-untracked"),
        ("There is nowhere to check which bugs are still open.", "bugs-untracked"),
        ("Our team relies on memory to keep track of known issues.", "bugs-untracked"),
        ("Each dev keeps a private list of bugs.", "bugs-untracked"),
        ("My manager backfills the Jira tickets every Friday.", "tickets-afterthought"),
        ("Our PRs rarely reference a ticket.", "tickets-afterthought"),
        ("Stories are written once the feature is already live.", "tickets-afterthought"),
        ("I had to open tickets for work I'd already finished.", "tickets-afterthought"),
        ("Tickets are an afterthought on that team.", "tickets-afterthought"),
        ("The morning scrum has turned into a status report for the director.", "long-standups"),
        ("Our standup never ends in under half an hour.", "long-standups"),
        ("The daily huddle usually takes an hour.", "long-standups"),
    ],
)
def test_weak_flags_in_new_wording(matcher, text, flag):
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("We file every defect in the tracker the moment it is reported.", "bugs-untracked"),
        ("Tickets are written before anyone starts coding.", "tickets-afterthought"),
        ("Standup is ten minutes and then everyone gets back to work.", "long-standups"),
    ],
)
def test_weak_flags_not_read_into_their_opposite(matcher, text, flag):
    assert flag not in found(matcher, text)


# A change announced as a next step or a suggestion shows the state it would fix.
@pytest.mark.parametrize(
    ("text", "flag", "not_flag"),
    [
        ("Next steps: make every deployment automated.", "no-ci", "has-ci"),
        ("I suggest we require an approval before anything merges.", "no-code-review", "code-review-required"),
        ("The linter needs to be set up in CI.", "no-ci", "has-ci"),
    ],
)
def test_a_proposal_shows_the_state_it_would_fix(matcher, text, flag, not_flag):
    check(matcher, text, {flag}, {not_flag})


def test_a_handbook_rule_with_should_is_still_the_practice(matcher):
    flags = found(matcher, "Each pull request should be approved by one maintainer before merging.")
    assert "code-review-required" in flags and "no-code-review" not in flags


# A negation inside a relative clause does not reach the main clause.
@pytest.mark.parametrize(
    ("text", "flag", "not_flag"),
    [
        ("Two engineers who did not write the PR must approve it before it can merge.", "code-review-required", "no-code-review"),
        ("Someone who didn't author the change has to review it before merging.", "code-review-required", "no-code-review"),
        ("We are a team which doesn't review code.", "no-code-review", "code-review-required"),
    ],
)
def test_a_negation_in_a_relative_clause_stays_there(matcher, text, flag, not_flag):
    check(matcher, text, {flag}, {not_flag})


def test_a_sentence_opening_that_is_no_relative_pronoun(matcher):
    flags = found(matcher, "We reply at all hours. That doesn't mean you are expected to be reachable at night.")
    assert "on-call-burden" not in flags


# Deadlines imposed over the estimates show no flag: the classifier's confident realistic-deadlines reading
# is not reported in such a text, however long its sentence; where nothing says so, it still is.
@pytest.mark.parametrize(
    "text",
    [
        "When I raise my worries in the planning meeting, the director answers that the launch date is non-negotiable.",
        "Leadership halved our estimates and kept the date.",
        "Whatever we say, our estimates are ignored by the product people.",
    ],
)
def test_imposed_deadlines_keep_the_classifier_from_reading_realistic_ones(catalogue, text):
    matcher = with_classifier(catalogue, {"": {"realistic-deadlines": 0.99}})
    assert "realistic-deadlines" not in {m.id for m in matcher.match(text)}


def test_the_classifier_still_reads_realistic_deadlines_elsewhere(catalogue):
    matcher = with_classifier(catalogue, {"": {"realistic-deadlines": 0.99}})
    text = "The team sizes the work first and the launch date follows from that."
    assert "realistic-deadlines" in {m.id for m in matcher.match(text)}


def test_a_manual_approval_step_is_no_manual_deploy(matcher):
    flags = found(matcher, "Every deploy to staging then manual approval, then production.")
    assert "no-ci" not in flags
    assert "no-ci" in found(matcher, "Production deploys are still manual, run from the lead's laptop.")


def test_a_negation_in_a_relative_clause_inside_the_cue_stays_there(matcher):
    flags = found(matcher, "Bigger bugs which couldn't be fixed on the spot were falling through the cracks.")
    assert "bugs-untracked" in flags and "bugs-tracked" not in flags


# A sentence about a kind of team states nothing about this one; the same words about a team still do.
@pytest.mark.parametrize(
    "text",
    [
        "Teams that skip code review pay for it later.",
        "A company that has no bug tracker loses half its bug reports.",
        "Startups often have no backlog at all.",
    ],
)
def test_a_kind_of_team_is_no_team(matcher, text):
    assert not found(matcher, text) & {"no-code-review", "bugs-untracked", "no-backlog"}


def test_the_same_words_about_a_team_still_read(matcher):
    assert "no-code-review" in found(matcher, "Our team skips code review whenever a deadline is close.")
