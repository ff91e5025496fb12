"""Candidate notes, seventh pass (issue 18): the rule classes and wording families added for
bench/sets/notes8.jsonl, each pinned with sentences of our own that differ from the set's, most with
a minimal pair where the rule must not fire.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import check, found

# -- the candidate's own plans for the job show the state they would change


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("once I join I'm going to push for automated tests", {"no-tests"}, {"has-tests"}),
        ("would bring in a proper bug tracker in my first weeks", {"bugs-untracked"}, {"bugs-tracked"}),
        ("they could really do with a build pipeline", {"no-ci"}, {"has-ci"}),
        ("the team is crying out for code reviews", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_own_plans_and_proposals_read_the_state_they_would_fix(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_plain_statement_of_the_practice_stays_green(matcher):
    check(matcher, "the team writes tests for every feature", {"has-tests"}, {"no-tests"})


# -- the candidate's general rules, preferences and reminders state nothing about this team


@pytest.mark.parametrize(
    "text",
    [
        "rule of thumb: walk away from teams that skip code review",
        "my preference: places where on-call is paid",
    ],
)
def test_general_rules_and_preferences_state_no_flag(matcher, text):
    assert found(matcher, text) == set()


def test_the_same_words_about_the_team_keep_their_flag(matcher):
    check(matcher, "they skip code review on hotfixes", {"no-code-review"}, set())


# -- hedges told as a dream, a belief, a best practice, something meant to happen


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("a groomed backlog is a pipe dream at this place", {"no-backlog"}, {"prioritized-backlog"}),
        ("integration tests are something the lead believes in", {"no-tests"}, {"has-tests"}),
        ("reviews happen time permitting", {"no-code-review"}, {"code-review-required"}),
        ("the release pipeline is half set up", {"no-ci"}, {"has-ci"}),
        ("the lead keeps meaning to add linting and CI to the repo", {"no-ci"}, {"has-ci"}),
        ("automated builds are on the wishlist", {"no-ci"}, {"has-ci"}),
    ],
)
def test_hedges_read_the_red_flag(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a practice let lapse, switched off or pulled is gone


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they let the jira licence lapse and bugs live in chat again", {"bugs-untracked"}, {"bugs-tracked"}),
        ("branch protection was switched off", {"no-code-review"}, {"code-review-required"}),
        ("they pulled the paid standby allowance this year", {"on-call-burden"}, {"no-after-hours-contact"}),
    ],
)
def test_dropped_practices_read_their_opposite(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a problem of the past with what holds now said after it


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("engineers kept quitting in 2022, stable since", {"high-turnover"}),
        ("the old code was awful, decent now after the rewrite", {"poor-code-quality"}),
        ("in the early days they pivoted every quarter", {"unclear-product"}),
    ],
)
def test_fixed_problems_read_no_red_flag(matcher, text, absent):
    assert not (found(matcher, text) & absent)


def test_the_problem_without_its_fix_is_still_read(matcher):
    check(matcher, "engineers kept quitting all through 2022", {"high-turnover"}, set())


# -- the candidate's own to-dos: a tag at the end, a look-up, a yes/no blank


@pytest.mark.parametrize(
    "text",
    [
        "standup length unknown, ask",
        "paid on-call? y/n",
        "TODO: automated deploys? yes/no",
        "google their glassdoor for attrition",
    ],
)
def test_own_questions_and_blanks_state_nothing(matcher, text):
    assert found(matcher, text) == set()


def test_a_real_answer_after_a_topic_still_counts(matcher):
    check(matcher, "CI? nope", {"no-ci"}, {"has-ci"})


def test_a_tag_word_inside_a_finding_is_not_a_to_do(matcher):
    check(matcher, "no tests at all, they admitted it", {"no-tests"}, set())


def test_cli_reads_a_to_do_tag_as_no_finding(run_cli):
    result = run_cli("analyze", "--format", "json", stdin="on-call pay, weekend pages (tbd)\nnobody reviews PRs, ask why")
    data = json.loads(result.out)
    ids = {f["id"] for f in data["flags"]}
    assert "on-call-burden" not in ids
    # a finding followed by what to ask next is still a finding
    assert "no-code-review" in ids


# -- other senses and allowances that are never granted


def test_the_company_product_is_not_its_practice(matcher):
    assert found(matcher, "they sell a bug tracker to hospitals") == set()
    check(matcher, "they use a bug tracker and triage it daily", {"bugs-tracked"}, set())


def test_an_allowance_whose_requests_bounce_is_no_allowance(matcher):
    assert "equipment-budget" not in found(matcher, "laptop allowance exists but every request gets bounced")
    check(matcher, "laptop allowance of 1500 a year", {"equipment-budget"}, set())


# -- wording families (how many people would say it, not one note)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("no one on the team had heard of scrum or kanban", "agile-unfamiliar"),
        ("nothing planned past the current sprint", "no-backlog"),
        ("people are still hunting for who will pay for it", "unclear-product"),
        ("they changed target market again last month", "unclear-product"),
        ("the CTO couldn't explain what problem the product solves", "unclear-product"),
        ("nobody stays longer than a year on that team", "high-turnover"),
        ("a mass exodus of engineers since the merger", "high-turnover"),
        ("devs still online past midnight most days", "overtime-expected"),
        ("ops rings developers on sundays for incidents", "on-call-burden"),
        ("bug fixes always lose to new features in planning", "features-over-bugs"),
        ("the billing module is a rat's nest", "poor-code-quality"),
        ("timelines are never dictated from above", "realistic-deadlines"),
    ],
)
def test_wording_families(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


def test_a_practice_tried_is_not_a_process_unknown(matcher):
    assert "agile-unfamiliar" not in found(matcher, "nobody has tried scrum here but they run a tidy kanban board")


def test_imposed_dates_alone_show_no_flag(matcher):
    # deadlines imposed over estimates have no red flag of their own (labelling conventions)
    assert found(matcher, "deadlines are imposed on the team") == set()


# -- ideals, goals, pilots, rules routinely overridden: the practice is not really there


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("code review is more of an ideal than a rule", {"no-code-review"}, {"code-review-required"}),
        ("automated deploys are a q3 goal", {"no-ci"}, {"has-ci"}),
        ("the team is experimenting with CI", {"no-ci"}, {"has-ci"}),
        ("my first project would be adding tests", {"no-tests"}, {"has-tests"}),
        ("the review requirement is easily overridden", {"no-code-review"}, {"code-review-required"}),
        ("code review means the lead glances at it", {"no-code-review"}, {"code-review-required"}),
        ("reviews were phased out", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_ideals_goals_and_pilots_read_the_red_flag(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_problem_that_held_until_something_was_brought_in_is_gone(matcher):
    assert "on-call-burden" not in found(matcher, "on-call was brutal until they hired an SRE team")
    check(matcher, "on-call is brutal and they have no SRE team", {"on-call-burden"}, set())


# -- a trigger made of the cue's own words does not apply to it


def test_a_trigger_sharing_the_cues_words_does_not_hedge_it(matcher):
    # "never run" is a hedge ("tests never run"), but here it is the cue's own "run over", negated
    assert "long-standups" not in found(matcher, "standups never run over")
    check(matcher, "the test suite never runs", {"no-tests"}, {"has-tests"})


# -- claims nothing backs, things considered or shelved, a past told by its year, what to raise next


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they say they do TDD, haven't seen a test", {"no-tests"}, {"has-tests"}),
        ('they\'re "looking at" automated testing', {"no-tests"}, {"has-tests"}),
        ("CI got deprioritised indefinitely", {"no-ci"}, {"has-ci"}),
        ("we had tests back in 2019", {"no-tests"}, {"has-tests"}),
        ("a CI pipeline would save them hours", {"no-ci"}, {"has-ci"}),
        ("they'd be better off with a backlog", {"no-backlog"}, {"prioritized-backlog"}),
    ],
)
def test_claims_considerations_and_shelved_practices_read_red(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_reported_practice_without_a_contrast_stands(matcher):
    check(matcher, "they say they do TDD on every service", {"has-tests"}, {"no-tests"})


def test_what_to_raise_in_the_next_call_is_no_finding(matcher):
    assert found(matcher, "for the offer call: bring up the equipment budget") == set()


def test_a_negated_push_to_main_keeps_the_classifier_from_reading_the_red_flag(matcher):
    # a weak cue, read away by its negation: the classifier alone does not add the red flag
    assert "no-code-review" not in {m.id for m in matcher.match("nobody pushes to master, it's locked")}
    check(matcher, "they push to main directly", {"no-code-review"}, {"code-review-required"})


# -- a later clause that says the old problem was dealt with


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("tickets were an afterthought but they fixed that in the spring", {"tickets-afterthought"}),
        ("they had no real process, kanban since last year", {"agile-unfamiliar"}),
        ("weekend work was normal during the launch, it's over", {"overtime-expected"}),
    ],
)
def test_a_problem_dealt_with_later_in_the_note_reads_no_red_flag(matcher, text, absent):
    assert not (found(matcher, text) & absent)


def test_a_problem_brought_to_an_end_by_a_hire_reads_the_green_flag(matcher):
    check(matcher, "manual QA was the only testing, until they hired an SDET who wrote a suite", {"has-tests"}, {"no-tests"})
    # without the hire, the problem stands
    check(matcher, "manual QA is the only testing", {"no-tests"}, set())


# -- proposals for red flags with no green opposite state the problem they would fix


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("they need to shorten their standups", "long-standups"),
        ("told them to clean up the legacy code", "poor-code-quality"),
        ("they should write tickets before coding", "tickets-afterthought"),
        ("someone should explain scrum to them", "agile-unfamiliar"),
    ],
)
def test_proposals_for_flags_without_an_opposite(matcher, text, flag):
    assert flag in found(matcher, text)


def test_a_problem_already_trimmed_is_not_a_proposal(matcher):
    assert "long-standups" not in found(matcher, "they shortened standups to 10 min last year")


def test_reachable_while_away_is_on_call_burden(matcher):
    check(matcher, "- OOO = still on slack", {"on-call-burden"}, {"no-after-hours-contact"})
    check(matcher, "on vacation, no one is still pinged", {"no-after-hours-contact"}, {"on-call-burden"})


# -- a practice kept only part of the time or in part of the code


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("code review happens most of the time", {"no-code-review"}, {"code-review-required"}),
        ("CI runs on some repos", {"no-ci"}, {"has-ci"}),
        ("they track bugs loosely", {"bugs-untracked"}, {"bugs-tracked"}),
        ("the backlog is prioritised, sort of", {"no-backlog"}, {"prioritized-backlog"}),
        ("there's a pipeline for the main app, the rest is manual", {"no-ci"}, {"has-ci"}),
        ("a backlog exists but priorities change on a whim", {"no-backlog"}, {"prioritized-backlog"}),
    ],
)
def test_partial_practices_read_the_red_flag(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_whole_practice_stays_green(matcher):
    check(matcher, "CI runs on every repo", {"has-ci"}, {"no-ci"})


# -- a short quote of other words close to a cue, in a note, is a hedge quoted back


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ('unit tests are "on our radar"', {"no-tests"}, {"has-tests"}),
        ('PR reviews happen "as needed"', {"no-code-review"}, {"code-review-required"}),
        ('the deploy pipeline is "nearly done"', {"no-ci"}, {"has-ci"}),
    ],
)
def test_a_quoted_hedge_near_the_cue_reads_the_red_flag(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_quote_that_names_a_thing_is_no_hedge(matcher):
    # a quoted name holding a topic word, and quotes in prose, leave the reading alone
    check(
        matcher, 'every PR is reviewed before it moves to the "ready for QA" column', {"code-review-required"}, {"no-code-review"}
    )
    long_prose = (
        'We run the whole suite on every pull request in CI, and the team calls the nightly job "the sweeper" '
        "because it catches whatever slipped through during the day."
    )
    assert "no-ci" not in found(matcher, long_prose)


def test_a_problem_trimmed_in_a_later_clause_reads_no_red_flag(matcher):
    assert "long-standups" not in found(matcher, "the daily was 50 minutes, trimmed to 15 by the new EM")
    check(matcher, "the daily is 50 minutes and nobody trims it", {"long-standups"}, set())
