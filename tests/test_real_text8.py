"""Real-text reading, ninth pass: the classes of false positives found on the non-held real rows
(bench/fp_table.py, bench/results/fp-table-r9.txt), and wording for the weak flags written from their
meaning in flags.md.

What a user sees is the set of flags `prepbot analyze` reports (here with the cues alone, `found`, and once
through the CLI's real entry point). Every sentence is our own.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import check, found


# A negation or a wish that opens a list reaches its later items: each green practice named there is missing.
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "The agency never bothered with version control, peer review, unit tests or a build server.",
            {"no-code-review", "no-tests"},
            {"code-review-required", "has-tests"},
        ),
        (
            "Honestly there's no budget for code review, automated tests or CI on this contract.",
            {"no-code-review", "no-ci"},
            {"code-review-required", "has-ci", "has-tests"},
        ),
        (
            "As the only developer I can't justify the luxuries such as unit tests, CI/CD, linters.",
            {"no-tests", "no-ci"},
            {"has-tests", "has-ci"},
        ),
    ],
)
def test_a_negated_list_reaches_its_later_items(matcher, text, present, absent):
    check(matcher, text, present, absent)


# ...but not items that are statements of their own: a clause with its own verb or negation keeps its reading.
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("No unit tests, the pipeline runs the linter on each push.", {"no-tests", "has-ci"}, {"no-ci"}),
        ("There is no QA team, the automated tests are thorough and CI gates every merge.", {"has-tests"}, {"no-tests"}),
        ("No staging box, no pull request reviews, just push and hope.", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_a_clause_of_its_own_is_no_list_item(matcher, text, present, absent):
    check(matcher, text, present, absent)


# A red item in a list after a negation is a problem stated on its own, not one taken back.
def test_a_red_item_after_a_negated_one_stands(matcher):
    check(matcher, "Zero tests, spaghetti everywhere, and nobody dares refactor.", {"no-tests", "poor-code-quality"}, set())


# A claim about teams in general, about what a practice leads to or what it is a sign of, is about no real team.
@pytest.mark.parametrize(
    "text",
    [
        "Shipping without any code review can lead to nasty security incidents.",
        "A product with no automated tests is a liability once customers depend on it.",
        "Pushing hotfixes straight to production is an antipattern, full stop.",
        "Letting the daily meeting run for an hour is a classic symptom of weak facilitation.",
        "Studies show that developers who work weekends for months burn out.",
    ],
)
def test_a_general_claim_reads_no_flag(matcher, text):
    assert found(matcher, text) == set(), text


def test_the_same_practice_about_the_team_still_reads(matcher):
    check(matcher, "We ship without any code review, which has already led to two incidents.", {"no-code-review"}, set())
    check(matcher, "Our product has no automated tests and customers find the bugs.", {"no-tests"}, set())


# One word of a planning phrase: a prioritized backlog of features is a backlog, not features over bugs.
def test_a_prioritized_backlog_of_features_is_no_features_over_bugs(matcher):
    check(
        matcher,
        "Our product owner grooms a prioritized backlog of features every week.",
        {"prioritized-backlog"},
        {"features-over-bugs"},
    )
    check(matcher, "The business always prioritizes new features and the bugs just wait.", {"features-over-bugs"}, set())


# A ticketing system with no bug named is the work's tickets: its absence is tickets-afterthought.
def test_no_ticketing_system_is_about_tickets_unless_bugs_are_named(matcher):
    check(
        matcher,
        "We never had a ticketing system; the founder assigns work in person.",
        {"tickets-afterthought"},
        {"bugs-untracked"},
    )
    check(matcher, "Customer bug reports are logged in our ticketing system and triaged daily.", {"bugs-tracked"}, set())


# A later clause that tells the old state was ended.
def test_an_old_state_ended_later_reads_the_fix(matcher):
    check(matcher, "Builds were made by hand on the lead's machine, but we finally automated them.", {"has-ci"}, {"no-ci"})


# The weak flags, from their meaning.
@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Issues are turned off on the repo, so reports arrive wherever people happen to post them.", "bugs-untracked"),
        ("Customers mail their complaints to sales and half of them get lost.", "bugs-untracked"),
        ("Nobody knows how many bugs are open right now.", "bugs-untracked"),
        ("The only trace of most defects is the commit that fixed them.", "bugs-untracked"),
        ("Tickets get opened once the feature is already live, to keep the board tidy.", "tickets-afterthought"),
        ("Stories are entered retroactively at the end of the month.", "tickets-afterthought"),
        ("We mostly work from DMs, not tickets.", "tickets-afterthought"),
        ("Small requests never make it into Jira at all.", "tickets-afterthought"),
        ("The team's standup is an hour most days.", "long-standups"),
        ("Our morning call goes on for ages while the manager asks each of us for details.", "long-standups"),
        ("The dailies here are marathons.", "long-standups"),
    ],
)
def test_the_weak_flags_from_their_meaning(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("We open the ticket before any branch is created.", "tickets-afterthought"),
        ("Nobody knows how many customers will renew next year.", "bugs-untracked"),
        ("The only record of the offsite is a blurry group photo.", "bugs-untracked"),
        ("Our standup is ten minutes. The quarterly planning goes on for ages.", "long-standups"),
        ("We work from tickets, never from DMs.", "tickets-afterthought"),
    ],
)
def test_the_new_wording_has_no_false_reading(matcher, text, flag):
    assert flag not in found(matcher, text), (text, found(matcher, text))


def test_analyze_reports_every_missing_practice_of_a_list(run_cli):
    text = "Small shop: we don't do peer review, automated tests or CI, and deploys go out over FTP."
    result = run_cli("analyze", "--format", "json", stdin=text)
    assert result.code == 0, result.err
    ids = {f["id"] for f in json.loads(result.out)["flags"]}
    assert {"no-code-review", "no-tests", "no-ci"} <= ids
    assert not ids & {"code-review-required", "has-tests", "has-ci"}


# A negation alone in its clause opens no list, and a clause with a verb of its own is no item.
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Nothing, we pair and review every change.", {"code-review-required"}, {"no-code-review"}),
        ("Nothing is deployed by hand any more, Jenkins and the pipeline take care of it.", {"has-ci"}, {"no-ci"}),
    ],
)
def test_no_list_where_none_is_opened(matcher, text, present, absent):
    check(matcher, text, present, absent)


# A list of signs for the reader to spot describes no team; a candidate's own "red flags:" list does.
def test_signs_to_spot_are_general_but_a_list_of_red_flags_seen_is_not(matcher):
    assert found(matcher, "How to tell if a team is drowning: deploys happen by hand. Nobody writes tests.") == set()
    assert found(matcher, "Red flags to watch for: no CI and no code review.") == set()
    check(matcher, "Red flags: no CI and no code review.", {"no-ci", "no-code-review"}, set())
