"""Terse answers, thirteenth pass (issue 18, round eleven): a laugh before a sneering "what X", a negation under a
condition, a "nobody" that denies a dispute, someone on the way out, a day with no end, the users as the test suite,
a reviewer only when one is free, a sarcastic brush-off, a ticket written before the work, and `answers:` cues the
thinner questions lacked (work dropped from a sprint, retros that lead nowhere, a customer from the pitch deck)."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- rule "a laugh before a sneering what": "haha what pipeline" is a no, as "what pipeline" is


@pytest.mark.parametrize("text", ["haha what pipeline", "lol, what CI"])
def test_a_laugh_then_what_and_the_practice_is_no_practice(catalogue, text):
    assert read(catalogue, "ci-pipeline", text) == {"no-ci"}


def test_a_laugh_before_a_plain_answer_is_still_a_filler(catalogue):
    # minimal pair: the laugh opens a real answer, not a "what" sneer
    assert read(catalogue, "ci-pipeline", "lol, jenkins builds and tests every push") >= {"has-ci"}


# --- rule "a condition is no statement": a practice negated under "if" says what happens then


def test_a_check_that_rejects_changes_if_there_are_no_tests_is_a_test_rule(catalogue):
    text = "yes, the merge is blocked if there are no unit tests"
    assert "no-tests" not in read(catalogue, "te-tests-with-changes", text)
    assert "has-tests" in read(catalogue, "te-tests-with-changes", text)


def test_no_tests_said_plainly_is_still_no_tests(catalogue):
    assert read(catalogue, "te-tests-with-changes", "honestly there are no tests to check") == {"no-tests"}


# --- rule "a nobody that denies a dispute agrees": no fight over style is the tool doing its job


def test_nobody_fighting_over_style_after_a_ci_formatter_is_ci(catalogue):
    text = "black runs in the pipeline, so nobody fights over formatting"
    assert read(catalogue, "cr-standards", text) == {"has-ci"}


def test_nobody_running_the_linter_is_still_a_linter_in_name_only(catalogue):
    assert read(catalogue, "cr-standards", "there's a linter config, nobody runs it") == {"no-ci"}


# --- someone on the way out is turnover


def test_the_one_who_knows_it_serving_notice_is_turnover(catalogue):
    text = "the search service; only Ines understands it and she's on her way out"
    assert "high-turnover" in read(catalogue, "kn-bus-factor", text)


def test_the_one_who_knows_it_staying_is_no_turnover(catalogue):
    text = "the search service; only Ines understands it"
    assert "high-turnover" not in read(catalogue, "kn-bus-factor", text)


# --- a working day with no end


def test_a_day_that_finishes_never_is_overtime(catalogue):
    assert read(catalogue, "ho-typical-hours", "begin at 8, finish never") == {"overtime-expected"}


def test_a_day_with_an_end_is_no_overtime(catalogue):
    assert read(catalogue, "ho-typical-hours", "begin at 8, finish at 4") == set()


# --- the users as the test suite (a cue of no-tests, free text too)


@pytest.mark.parametrize("text", ["prod is our test suite", "the clients are the tests, basically"])
def test_production_or_users_as_the_suite_is_no_tests(catalogue, text):
    assert read(catalogue, "te-automated-tests", text) == {"no-tests"}


def test_a_suite_that_protects_production_is_tests(catalogue):
    assert read(catalogue, "te-automated-tests", "a solid test suite guards prod") == {"has-tests"}


def test_the_users_as_the_suite_in_a_note_with_no_question(catalogue):
    found = catalogue.matcher.match("Their customers are the test suite, they admitted.", model="off")
    assert "no-tests" in {m.id for m in found}


# --- a reviewer only when one is free


def test_reviews_only_when_someone_is_free_are_hedged(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "generally, if anyone's free") == {"no-code-review"}


def test_reviews_by_whoever_is_free_within_the_hour_are_reviews(catalogue):
    text = "two approvals, whoever is free picks it up"
    assert "no-code-review" not in read(catalogue, "cr-how-changes-reviewed", text)


# --- a sarcastic brush-off of the word asked about


@pytest.mark.parametrize("text", ["compensated? how cute", "paid? good one"])
def test_a_brush_off_of_pay_for_on_call_is_the_burden(catalogue, text):
    assert read(catalogue, "ho-on-call", text) == {"on-call-burden"}


def test_paid_on_call_said_plainly_is_no_burden(catalogue):
    assert read(catalogue, "ho-on-call", "paid, one week in eight") == {"no-after-hours-contact"}


# --- a ticket written before the work is no afterthought (the classifier does not add one)


def shipped(catalogue, question_id: str, text: str) -> set[str]:
    """What the product as shipped (cues, answer rules and its classifier) reads under the question."""
    return {m.id for m in catalogue.matcher.match(text, question=catalogue.bank.questions[question_id], model="auto")}


def test_a_card_written_before_anyone_starts_is_no_afterthought(catalogue):
    text = "jira; every story has a ticket before work starts"
    assert "tickets-afterthought" not in shipped(catalogue, "do-where-work-lives", text)


def test_tickets_written_once_the_work_is_done_are_an_afterthought(catalogue):
    text = "on the board, but the tickets get written once the work is done"
    assert "tickets-afterthought" in shipped(catalogue, "do-where-work-lives", text)


# --- the bank's own cues: work dropped from a sprint, retros that lead nowhere, a customer from the pitch deck


def test_a_story_that_falls_out_of_the_sprint_is_a_trade(catalogue):
    assert "realistic-deadlines" in read(catalogue, "pl-scope-change", "one story drops out, agreed with the PO")


def test_nothing_falls_out_and_we_absorb_it_is_overtime(catalogue):
    assert read(catalogue, "pl-scope-change", "nothing, we absorb it and stay late") == {"overtime-expected"}


def test_retros_whose_points_lead_nowhere_are_agile_in_name_only(catalogue):
    assert read(catalogue, "pr-retros", "monthly, and the action points lead nowhere") == {"agile-unfamiliar"}


def test_retros_that_changed_something_are_no_flag(catalogue):
    assert read(catalogue, "pr-retros", "every sprint; the last one got us a release checklist") == set()


def test_a_customer_named_by_the_pitch_deck_is_an_unclear_product(catalogue):
    assert read(catalogue, "pd-customer", "whatever the pitch deck says this quarter") == {"unclear-product"}


def test_a_customer_named_by_interviews_is_no_flag(catalogue):
    assert read(catalogue, "pd-customer", "clinic managers; we interviewed forty of them") == set()


# --- a frequency of several a day is no day-long release


def test_several_releases_a_day_each_quick_is_ci(catalogue):
    assert read(catalogue, "ci-release-frequency", "several times a day, each one takes minutes") == {"has-ci"}


def test_a_release_that_takes_a_day_each_time_is_manual(catalogue):
    assert read(catalogue, "ci-release-frequency", "monthly, and it takes a day each time") == {"no-ci"}


# --- rule "a no undone by without": "never" or "nothing" straight before a "without" is a negated negative


@pytest.mark.parametrize("text", ["never release without them", "lots, nothing goes out without them"])
def test_never_without_them_under_the_tests_question_is_tests(catalogue, text):
    assert read(catalogue, "te-automated-tests", text) == {"has-tests"}


def test_never_then_a_clause_of_shipping_without_them_is_no_tests(catalogue):
    # minimal pair: the "never" answers first, and the clause after it says how they ship
    assert read(catalogue, "te-automated-tests", "never, we release without them") == {"no-tests"}


# --- a bare "depends" reads nothing; depending on the person still hedges


def test_a_bare_depends_under_the_evening_messages_question_reads_nothing(catalogue):
    assert read(catalogue, "ho-messages-evening", "depends") == set()


def test_depending_on_the_boss_under_the_evening_messages_question_is_the_burden(catalogue):
    assert read(catalogue, "ho-messages-evening", "depends on who your boss is") == {"on-call-burden"}


# --- more wording: the author's own approval, a sarcastic economy, a merge that deploys, a lone tester,
# a staging box on a laptop, retro notes gathering dust, next month's plan asked again later


def test_approving_your_own_change_is_no_review(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "I open it and approve it myself") == {"no-code-review"}


def test_a_lead_approving_it_is_a_review(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "I open it and the lead approves it") == {"code-review-required"}


def test_tests_in_this_economy_is_no_tests(catalogue):
    assert read(catalogue, "te-automated-tests", "automated tests? in this economy") == {"no-tests"}


def test_pressing_merge_is_the_whole_deploy(catalogue):
    assert read(catalogue, "ci-deploy-steps", "press merge, nothing else") == {"has-ci"}


def test_a_lone_tester_is_no_automated_suite(catalogue):
    assert read(catalogue, "te-automated-tests", "we've got a single tester") == {"no-tests"}


def test_a_staging_box_on_a_laptop_is_no_staging_pipeline(catalogue):
    assert read(catalogue, "ci-environments", "staging runs on my laptop") == {"no-ci"}


def test_staging_deployed_on_merge_is_ci(catalogue):
    assert read(catalogue, "ci-environments", "staging, deployed on merge") == {"has-ci"}


def test_retro_notes_gathering_dust_are_agile_in_name_only(catalogue):
    assert read(catalogue, "pr-retros", "yes, the notes gather dust on the wiki") == {"agile-unfamiliar"}


def test_next_months_plan_asked_again_later_is_no_backlog(catalogue):
    assert read(catalogue, "pl-next-month", "ask me next week") == {"no-backlog"}


# --- after answers11b: a condition then its sneer, a doubt that anyone does it, a merge and a hope, a date made somehow


def test_a_build_time_when_it_works_which_is_never_is_no_ci(catalogue):
    assert read(catalogue, "ci-build-time", "half an hour when it's green, which is never") == {"no-ci"}


def test_a_build_time_with_who_fixes_it_is_ci(catalogue):
    assert read(catalogue, "ci-build-time", "half an hour, and whoever broke it fixes it") == {"has-ci"}


def test_tests_then_a_doubt_that_anyone_runs_them_are_no_tests(catalogue):
    assert read(catalogue, "te-automated-tests", "unit ones? I doubt anyone runs them") == {"no-tests"}


def test_merge_and_hope_is_no_review(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "push and pray, mostly") == {"no-code-review"}


def test_a_date_hit_somehow_is_overtime(catalogue):
    assert read(catalogue, "pl-deadlines", "the board picks it and we make it one way or another") == {"overtime-expected"}


def test_a_date_the_team_sets_is_realistic(catalogue):
    assert read(catalogue, "pl-deadlines", "the team sets it and we hit it") == {"realistic-deadlines"}


# --- thinner questions (scratch answers): a first change the same afternoon, nobody's been here long, nobody calls
# the one away, a reason kept in one person's head, a board kept current


def test_a_first_change_shipped_on_the_first_morning_is_ci(catalogue):
    assert read(catalogue, "ob-first-change", "his first morning") == {"has-ci"}


def test_a_first_change_after_two_months_is_no_ci(catalogue):
    assert read(catalogue, "ob-first-change", "two months, waiting for a release window") == {"no-ci"}


def test_nobodys_stayed_long_enough_to_be_promoted_is_turnover(catalogue):
    assert read(catalogue, "tm-growth", "nobody's stayed long enough") == {"high-turnover"}


def test_someone_here_long_enough_to_know_everything_is_no_turnover(catalogue):
    assert read(catalogue, "tm-growth", "Omar, he's been here long enough to know everything") == set()


def test_cover_where_nobody_contacts_the_one_away_is_no_after_hours_contact(catalogue):
    assert read(catalogue, "tf-cover", "a teammate covers, no one calls you") == {"no-after-hours-contact"}


def test_cover_by_nobody_is_work_piling_up(catalogue):
    assert read(catalogue, "tf-cover", "nobody, it all waits for you") == {"overtime-expected"}


def test_a_reason_kept_in_one_persons_head_is_unwritten(catalogue):
    assert "poor-code-quality" in read(catalogue, "do-decision-records", "in Tomasz's head")


def test_a_board_kept_up_to_date_is_no_afterthought(catalogue):
    text = "the jira board, always current"
    assert "tickets-afterthought" not in shipped(catalogue, "do-where-work-lives", text)


# --- sarcasm and in name only on the core questions (scratch answers): chance, a bot's approval, a switched-off CI,
# retros ignored, "never after", a count past one hand, no way round the review


def test_review_as_a_matter_of_chance_is_no_review(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "a coin toss, really") == {"no-code-review"}


def test_an_approval_by_a_bot_is_no_review(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "the bot approves it, done") == {"no-code-review"}


def test_a_review_nobody_can_skip_is_a_review(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "no one can skip it, even the founders") == {"code-review-required"}


def test_a_ci_server_switched_off_since_the_move_is_no_ci(catalogue):
    assert read(catalogue, "ci-pipeline", "jenkins, it's been disabled since we moved to aws") == {"no-ci"}


def test_a_ci_server_that_runs_every_push_is_ci(catalogue):
    assert read(catalogue, "ci-pipeline", "circleci, runs on every push since the move to aws") == {"has-ci"}


def test_retros_whose_output_is_ignored_are_agile_in_name_only(catalogue):
    assert read(catalogue, "pr-retros", "every sprint, and we ignore them") == {"agile-unfamiliar"}


def test_tickets_never_written_after_are_written_before(catalogue):
    assert read(catalogue, "pr-tickets", "never after, it's a rule") == {"prioritized-backlog"}


def test_more_leavers_than_a_hand_counts_is_turnover(catalogue):
    assert read(catalogue, "tm-turnover", "more than I can count on one hand") == {"high-turnover"}


# --- arrived just now: "I only got here" is a new interviewer; "we got here from a merger" is not


def test_an_interviewer_who_only_just_got_here_is_new(catalogue):
    assert read(catalogue, "cd-why-stay", "I just got here, ask me next year") == {"interviewer-new"}


def test_a_team_that_got_here_from_a_merger_is_no_new_interviewer(catalogue):
    assert read(catalogue, "cd-why-stay", "the people; we just got here from a merger") == set()
