"""Real-text precision, fourteenth pass (REALP14): the false positives left after the eleventh pass.
Each case comes with its minimal pair, the same words stating the flag of a real team, which must
still read.

What a user sees is the set of flags `prepbot analyze` reports (here with the cues alone, `found`).
Every sentence is our own.
"""

from __future__ import annotations

import pytest

from tests.conftest import found

# (flag, a sentence that must not read it, its minimal pair that must)
CASES = [
    # "cowboy coding" is a team with no process, not a word on reviews
    (
        "no-code-review",
        "It's cowboy coding over there, nobody plans anything.",
        "It's cowboy coding over there, nobody reviews anything.",
    ),
    # the speaker interviews others: the candidates' habits are no team's practice
    (
        "no-tests",
        "I've interviewed many seniors who had never written tests.",
        "I've joined a team of seniors who had never written tests.",
    ),
    # the reader's company: a scenario set up for anyone, not a team the writer reports on
    ("no-tests", "The developers in your company never write tests.", "The developers in our company never write tests."),
    ("no-code-review", "The developers in your team push straight to main.", "The developers in my team push straight to main."),
    # emails found after a leave are no contact during it
    (
        "on-call-burden",
        "A pile of unanswered emails waited for me after my parental leave.",
        "They kept emailing me during my parental leave.",
    ),
    # no crunch says nothing of how deadlines are set
    (
        "realistic-deadlines",
        "There's no crunch, even before big launches.",
        "There's no crunch: when we push back on a date, management moves it.",
    ),
    # a definition or a claim about the practice in general
    (
        "high-turnover",
        "High turnover costs companies a year of salary per leaver.",
        "High turnover costs us a lot: five people left this year.",
    ),
    # a maxim for every team
    (
        "code-review-required",
        "Every repo should have branch protection that requires an approving review.",
        "Our repo has branch protection that requires an approving review.",
    ),
    # the cue word is a name
    ("unclear-product", "Pivot is the name of their analytics library.", "The company pivots every quarter."),
    ("has-ci", "Jenkins is the name of the office dog.", "Jenkins builds and deploys every commit."),
    # tests that cover a sliver of the code are little testing, not a test suite kept up
    (
        "has-tests",
        "We have some acceptance tests, but they cover about 5 percent of the features.",
        "We have acceptance tests, and they cover about 95 percent of the features.",
    ),
    # an on-call duty with no word on load, pay or reach after hours is no burden
    (
        "on-call-burden",
        "Starting next month we will have to be on call.",
        "Starting next month we will have to be on call every weekend, unpaid.",
    ),
    # a problem fixed by a rewrite
    (
        "poor-code-quality",
        "The old codebase was a mess, but the rewrite is clean.",
        "The old codebase is a mess, and the rewrite is stalled.",
    ),
    # a practice that failed once is still there
    (
        "no-ci",
        "We released by hand this time because our CI didn't work.",
        "We release by hand every time because we have no CI.",
    ),
    # bugs that come in by email but are filed in a tracker in the next clause
    (
        "bugs-untracked",
        "Customers report bugs by email, and support files them in Jira.",
        "Customers report bugs by email, and nobody writes them down.",
    ),
    # new to the role, not to the place
    (
        "interviewer-new",
        "The hiring manager is new to the role but has been at the company five years.",
        "The hiring manager is new to the company and couldn't say how promotions work.",
    ),
    # a job ad's list of skills, past its commas
    (
        "has-ci",
        "Hands-on experience with Kubernetes, Terraform and GitLab CI is required.",
        "We use Kubernetes, Terraform and GitLab CI, which deploys every merge.",
    ),
    # priorities that shift all the time are no unclear product; a direction that does is
    (
        "unclear-product",
        "Constantly shifting priorities, and features matter more than fixes.",
        "Constantly changing direction, and nobody knows who the customer is.",
    ),
    # a code identifier joined by underscores is a name, not the words it is made of
    (
        "has-tests",
        "Jenkins runs the job with the RUN_REGRESSION_TESTS flag unset.",
        "Jenkins runs the regression tests on every build.",
    ),
    ("code-review-required", "The config sets require_code_review to false.", "The config requires code review."),
    (
        "no-tests",
        "We interviewed a candidate who proudly said he never writes tests.",
        "We hired a developer who proudly said he never writes tests.",
    ),
    (
        "no-ci",
        "Interviewees who come to us have never set up a CI pipeline.",
        "Our team has never set up a CI pipeline.",
    ),
]


@pytest.mark.parametrize("flag, wrong, right", CASES)
def test_a_false_reading_is_gone_and_its_minimal_pair_still_reads(matcher, flag, wrong, right):
    assert flag not in found(matcher, wrong), (wrong, found(matcher, wrong))
    assert flag in found(matcher, right), (right, found(matcher, right))


def test_cowboy_coding_still_reads_no_process(matcher):
    assert "agile-unfamiliar" in found(matcher, "It's cowboy coding over there, nobody plans anything.")


def test_a_sentence_closed_in_bold_ends_before_the_next_one(matcher):
    # "**...never the missing piece.** The build runs...": the negation stays in its own sentence
    wrong = "**Detection was never the missing piece.** The build runs the tests on every PR."
    assert "no-ci" not in found(matcher, wrong), found(matcher, wrong)
    assert "has-ci" in found(matcher, wrong), found(matcher, wrong)
    right = "**Detection was never the missing piece.** Nothing runs the tests on a PR."
    assert "no-ci" in found(matcher, right), found(matcher, right)


def test_a_sliver_of_coverage_reads_no_tests(matcher):
    text = "We have some acceptance tests, but they cover about 5 percent of the features."
    assert "no-tests" in found(matcher, text), found(matcher, text)
    assert "no-tests" not in found(matcher, "Our test suite covers about 90 percent of the code.")


def test_a_practice_simply_part_of_the_job_still_reads(matcher):
    # "is simply a/an/the ..." defines; "is simply part of the job here" states the team's practice
    assert "has-tests" in found(matcher, "Writing tests is simply part of the job here.")


def test_a_word_joined_by_one_underscore_still_reads_as_two(matcher):
    # "node_modules", "on_call" typed in a note are words; only a longer code name is one token
    assert "on-call-burden" in found(matcher, "I'm on_call every weekend and it's unpaid.")
