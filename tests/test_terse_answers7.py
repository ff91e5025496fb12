"""Terse answers, eighth pass (issue 18): mechanisms rather than phrases. An answer that names another
practice than its question's is read for what it names; the answer's own words set its polarity before
the question's yes or no (dropped and fixed pasts, sarcasm, an exception said to be the rule); vague
non-answers read nothing."""

from __future__ import annotations

import pytest

from tests.conftest import read, read_with

# --- an answer that names another practice than the question's


def test_the_classifier_reads_an_answer_that_names_another_practice_and_none_of_the_questions(catalogue):
    # Under the standup question, "folks keep quitting" names turnover and nothing about standups.
    says = {"folks keep quitting, like monthly": {"high-turnover": 0.9}}
    assert read_with(catalogue, says, "pr-standup-format", "folks keep quitting, like monthly") == {"high-turnover"}
    says = {"I started here on monday": {"interviewer-new": 0.9}}
    assert read_with(catalogue, says, "pr-meetings-load", "I started here on monday") == {"interviewer-new"}


def test_the_classifier_stays_on_the_questions_practices_where_the_answer_names_no_other(catalogue):
    # "couple of hours" names no practice: under a review question it is not read as overtime.
    says = {"a couple of hours, usually": {"overtime-expected": 0.9}}
    assert "overtime-expected" not in read_with(catalogue, says, "cr-review-turnaround", "a couple of hours, usually")


def test_an_answer_naming_the_questions_practice_too_keeps_the_question_in_charge(catalogue):
    # "on call" names its practice, but the triage question's own words read the answer: the on-call dev is who triages.
    says = {"the on-call dev, each morning": {"on-call-burden": 0.9, "bugs-tracked": 0.9}}
    assert read_with(catalogue, says, "bt-triage", "the on-call dev, each morning") == {"bugs-tracked"}


def test_time_off_is_not_people_leaving(catalogue):
    says = {"25 days of leave, most take them all": {"high-turnover": 0.9}}
    assert "high-turnover" not in read_with(catalogue, says, "tf-allowance", "25 days of leave, most take them all")


def test_a_no_that_runs_on_into_another_practice_is_that_practices_not_the_questions(catalogue):
    # Under "What runs automatically when I push?", a no about tests is not a no about CI.
    assert read(catalogue, "ci-pipeline", "there aren't any tests to speak of") == {"no-tests"}
    assert "no-ci" not in read(catalogue, "ci-pipeline", "we don't even read each other's code")
    # ...while a no that names the question's own practice, or nothing, still answers it.
    assert read(catalogue, "ci-pipeline", "there isn't a pipeline") == {"no-ci"}
    assert read(catalogue, "ci-pipeline", "we don't, it's all by hand") == {"no-ci"}


def test_a_no_before_a_time_clause_still_answers_the_question(catalogue):
    # "been here" names the interviewer's tenure, but in a clause of its own.
    assert read(catalogue, "cr-skip-review", "not once since I've been here") == {"code-review-required"}


# --- the answer's own words set its polarity: dropped practices and fixed pasts


def test_a_practice_kept_then_given_up_reads_as_gone(catalogue):
    assert read(catalogue, "pl-backlog", "we had one for a while, then dropped it") == {"no-backlog"}
    assert read(catalogue, "in-postmortems", "we did them after the big outage, then stopped") == {"bugs-untracked"}


def test_a_present_that_says_nothing_does_answers_with_the_questions_no(catalogue):
    # "nothing does" stands for "nothing goes out unreviewed": the question's own no.
    assert read(catalogue, "cr-skip-review", "juniors used to, nobody does now") == {"code-review-required"}
    # ...but "nobody reviews anything" is a statement for the cues, not a plain no.
    assert read(catalogue, "cr-skip-review", "nobody reviews anything here") == {"no-code-review"}


# --- hedges, sarcasm and "in name only"


def test_an_on_paper_hedge_answers_a_question_about_one_red_flag(catalogue):
    assert read(catalogue, "pr-standup-length", "ten minutes, supposedly") == {"long-standups"}
    assert read(catalogue, "ho-typical-hours", "nine to five, on paper") == {"overtime-expected"}
    # A plan or an approximation is no such hedge: "almost four years" says nothing against the interviewer.
    assert read(catalogue, "hi-interviewer-tenure", "almost five years now") == set()


def test_a_reading_the_question_denies_leaves_the_practice_the_words_name_standing(catalogue):
    # Under the hours question "at night" denies late work; "paged" names on-call, and that reading stands.
    assert read(catalogue, "ho-typical-hours", "nobody ever gets paged at night") == {"no-after-hours-contact"}
    # "nobody stays late" names no other practice: it is no turnover, only no overtime.
    assert "high-turnover" not in read(catalogue, "ho-typical-hours", "ten to six, nobody stays late")


def test_an_exception_said_to_be_the_rule_turns_the_plain_answer(catalogue):
    assert read(catalogue, "ho-vacation", "no, unless there's an outage, which is most weeks") == {"on-call-burden"}
    assert read(catalogue, "cr-skip-review", "never, except for urgent fixes, which is all the time") == {"no-code-review"}
    # An exception that stays an exception leaves the answer as it is.
    assert read(catalogue, "ho-vacation", "no, unless the building is on fire") == {"no-after-hours-contact"}


def test_a_condition_said_never_to_hold_makes_the_practice_its_red_flag(catalogue):
    assert read(catalogue, "ci-build-time", "twelve minutes if it runs, which it never does") == {"no-ci"}
    assert read(catalogue, "ci-build-time", "twelve minutes if it's green") == {"has-ci"}


def test_a_closing_condition_that_doubts_the_answer_is_a_hedge(catalogue):
    assert read(catalogue, "ci-pipeline", "some lint checks, if you squint") == {"no-ci"}
    assert read(catalogue, "cr-how-changes-reviewed", "a review, if a quick glance counts") == {"no-code-review"}
    assert read(catalogue, "cr-how-changes-reviewed", "a review by a teammate") == {"code-review-required"}


def test_a_practice_named_then_said_never_to_work_or_left_blank_is_there_in_name_only(catalogue):
    assert read(catalogue, "ci-environments", "staging is there, it's never up to date with prod") == {"no-ci"}
    assert read(catalogue, "do-runbooks", "there's a runbook page. it's empty") == {"on-call-burden"}
    assert read(catalogue, "bt-triage", "a weekly triage slot that everybody declines") == {"bugs-untracked"}
    # A "never" or an "empty" that agrees with the practice leaves it standing.
    assert read(catalogue, "ci-environments", "yes, staging, it's never skipped") == {"has-ci"}


def test_a_bad_past_then_a_present_that_names_nothing_is_the_practice_now(catalogue):
    assert read(catalogue, "bt-where-bugs-go", "it used to be a mess, now there's a proper board") == {"bugs-tracked"}
    assert read(catalogue, "ci-deploy-steps", "used to be done by hand, now one click") == {"has-ci"}
    # A present with its own negation is no fix; a past that was fine tells nothing.
    assert read(catalogue, "bt-where-bugs-go", "it used to be a mess, now it's worse") != {"bugs-tracked"}
    assert read(catalogue, "bt-where-bugs-go", "used to be fine, now it's whatever") == set()


# --- vague non-answers


def test_words_inside_a_non_answer_are_not_read_by_the_questions_cues(catalogue):
    # "no one" inside "no one answer" is not nobody triaging.
    assert read(catalogue, "bt-triage", "there's no one answer to that") == set()
    assert read(catalogue, "bt-triage", "no one, they pile up") == {"bugs-untracked"}
    # A question's own cue for the whole phrase still reads it: not knowing next month's work is no backlog.
    assert read(catalogue, "pl-next-month", "no idea yet") == {"no-backlog"}


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("cr-review-turnaround", "hard to say, honestly"),
        ("ho-on-call", "case by case"),
        ("pl-backlog", "we're still figuring it out"),
        ("te-tests-with-changes", "it depends on the repo"),
    ],
)
def test_a_vague_answer_reads_nothing(catalogue, question, text):
    assert read(catalogue, question, text) == set()


# --- verb phrases under negation


def test_nobody_doing_without_the_practice_is_the_practice(catalogue):
    assert read(catalogue, "cr-pairing", "pairing or not, nobody skips review") == {"code-review-required"}
    assert read(catalogue, "te-tests-with-changes", "nobody ever skips the tests") == {"has-tests"}
    # In another clause the verb of doing without is no part of the negation.
    assert read(catalogue, "cr-pairing", "nobody reviews, people skip it") == {"no-code-review"}


def test_an_answer_naming_another_practice_beside_the_questions_may_be_read_for_it(catalogue):
    # "bug fixes" names the triage question's practice, "features" another: the classifier may report that one.
    says = {"features ship, bug fixes wait months": {"features-over-bugs": 0.9}}
    assert read_with(catalogue, says, "bt-triage", "features ship, bug fixes wait months") == {"features-over-bugs"}
    # A yes of its own clause answers the question: the rest is no licence to read other practices.
    says = {"yes, monthly, we changed our review rules last time": {"code-review-required": 0.9}}
    assert read_with(catalogue, says, "pr-retros", "yes, monthly, we changed our review rules last time") == set()


def test_a_hedge_that_runs_into_a_compound_names_a_thing(catalogue):
    # "on the roadmap page" is where to read it, not "it's on the roadmap" (a plan).
    assert "no-backlog" not in read(catalogue, "pl-next-month", "it's on the roadmap page in notion")
    assert read(catalogue, "pl-next-month", "it's on the roadmap, someday") == {"no-backlog"}


def test_then_we_dropped_them_closes_the_story(catalogue):
    assert read(catalogue, "te-automated-tests", "we had a few until they rotted, then we deleted them") == {"no-tests"}


def test_a_practice_named_under_a_negation_is_not_done_whatever_the_question(catalogue):
    assert read(catalogue, "pr-tickets", "we never review code") == {"no-code-review"}
    assert read(catalogue, "bt-where-bugs-go", "we never review anything") == {"no-code-review"}
    assert read(catalogue, "ci-pipeline", "nobody even tests") == {"no-tests"}
    # ...but not a negation that only says when, or one a "without" undoes.
    assert "no-ci" not in read(catalogue, "pl-backlog", "we don't deploy on fridays")
    assert read(catalogue, "pr-methodology", "no one merges without a review") == {"code-review-required"}


def test_a_plain_no_that_agrees_with_weaker_words_counts_too(catalogue):
    # The words "laptops stay behind" read the green flag weakly and the shipped classifier doubts them; the plain no
    # they agree with still answers the question.
    question = catalogue.bank.questions["ho-vacation"]
    assert {m.id for m in catalogue.matcher.match("no, laptops stay behind", question=question)} == {"no-after-hours-contact"}


def test_a_later_clause_that_takes_back_the_practice_named_reads_its_red_flag(catalogue):
    # The same words that take back a practice in the next sentence of a note ("it's just for show").
    assert read(catalogue, "te-automated-tests", "there's a suite, it's just for show") == {"no-tests"}
    assert read(catalogue, "te-automated-tests", "there's a suite, it runs on every push") != {"no-tests"}


def test_a_practice_done_on_demand_is_done_only_now_and_then(catalogue):
    assert read(catalogue, "in-postmortems", "we do one if a customer complains") == {"bugs-untracked"}
    assert read(catalogue, "in-postmortems", "we do one for every outage") == {"bugs-tracked"}


def test_what_it_is_meant_to_be_is_not_what_it_is(catalogue):
    assert read(catalogue, "pr-standup-format", "it's supposed to be short") == {"long-standups"}


def test_the_new_one_is_the_present(catalogue):
    assert read(catalogue, "ho-vacation", "the old CTO did; the new one never would") == {"no-after-hours-contact"}
    assert read(catalogue, "ho-messages-evening", "it used to be normal, then our new lead stopped it") == {
        "no-after-hours-contact"
    }


def test_a_problem_cut_back_reads_as_the_present(catalogue):
    assert read(catalogue, "pr-standup-length", "it was an hour, we trimmed it to fifteen") == set()


def test_a_hedge_on_a_non_answer_answers_nothing(catalogue):
    assert read(catalogue, "ho-on-call", "hard to say, maybe next year") == set()
    assert read(catalogue, "ho-on-call", "not yet, maybe next year") != set()


def test_a_practice_named_then_called_dead_or_moody_is_not_there(catalogue):
    assert read(catalogue, "pl-backlog", "there's a backlog, it's a graveyard") == {"no-backlog"}
    assert read(catalogue, "ci-pipeline", "deploys, when the build server feels like it") == {"no-ci"}


def test_not_knowing_because_new_here_is_the_interviewers_newness(catalogue):
    assert read(catalogue, "pl-next-month", "I only joined last week, no idea") == {"interviewer-new"}
    assert read(catalogue, "pl-next-month", "no idea, it changes weekly") == {"no-backlog"}


def test_a_yes_then_the_practice_in_scare_quotes_is_sarcastic(catalogue):
    assert read(catalogue, "te-automated-tests", "tests? oh yes, 'tests'") == {"no-tests"}


def test_an_exception_the_plain_answer_gave_way_to_can_still_be_the_rule(catalogue):
    assert read(catalogue, "ho-vacation", "never, except in release weeks, which is constantly") == {"on-call-burden"}


def test_an_on_paper_hedge_survives_the_but_that_confirms_it(catalogue):
    assert read(catalogue, "te-tests-with-changes", "in principle, but the sprint always wins") == {"no-tests"}
    # A plain yes is still taken back by its "but".
    assert read(catalogue, "te-tests-with-changes", "yes, but nobody checks") != {"has-tests"}


def test_a_practice_on_a_good_day_only_is_its_red_flag(catalogue):
    assert read(catalogue, "ci-deploy-steps", "the pipeline ships it, on a good day") == {"no-ci"}


def test_a_cue_word_that_opens_another_practices_name_is_that_practices(catalogue):
    # "automated" is a CI word under the linting question, but "automated test" names tests.
    assert read(catalogue, "cr-standards", "we don't have a single automated test") == {"no-tests"}
    assert read(catalogue, "cr-standards", "nothing is automated, we argue in review") != {"no-tests"}


def test_it_just_never_gets_read_is_in_name_only(catalogue):
    assert read(catalogue, "pl-backlog", "there's a roadmap, it just never gets opened") == {"no-backlog"}
