"""Terse answers, eleventh pass (issue 18): "over" as a verb's particle is no bound, a rate's unit may start with
"a", a negation the question's own answer cue opens belongs to that answer, "since spring" after a past opens the
present, an earlier time then the time asked tells a change, an echoed question before its answer, a token reward
is nothing, a login code on one's own phone is no on-call, the word lists of the answer rules are data, and
`answers:` mappings the thinly covered questions lacked."""

from __future__ import annotations

import pytest

from prepbot.bank_loader import read_context
from prepbot.matching.context_rules import CONTEXT_FILE, ContextRules
from tests.conftest import read

# --- "over" after a verb or its object is the verb's particle, not a bound on the number after it


@pytest.mark.parametrize("text", ["five, I took the team over a month ago", "twelve, handed over to me two weeks back"])
def test_a_team_taken_over_weeks_ago_is_a_new_manager(catalogue, text):
    assert read(catalogue, "mg-span", text) == {"interviewer-new"}


def test_over_as_a_bound_still_says_more_than(catalogue):
    # "for over three years" is more than three years: no new manager
    assert read(catalogue, "mg-span", "six, for over three years") == set()


# --- a rate whose unit opens with "a" is an amount per shift, not "a" counted as one


@pytest.mark.parametrize("text", ["each person gets 200 a shift", "about 50 a night, paid monthly"])
def test_on_call_paid_per_shift_is_compensated(catalogue, text):
    assert read(catalogue, "ho-on-call-exec", text) == {"no-after-hours-contact"}


def test_two_pages_a_night_is_still_two_not_one(catalogue):
    assert read(catalogue, "in-on-call-exec", "two a night, most weeks") == {"on-call-burden"}


# --- a negation that opens the question's own answer cue belongs to that answer


def test_a_plan_that_left_no_room_for_leave_is_overtime_not_a_missing_backlog(catalogue):
    found = read(catalogue, "tf-carry-over", "plenty lost days, the release plan didn't leave room")
    assert found == {"overtime-expected"}


def test_a_roadmap_said_not_to_exist_still_reads_no_backlog(catalogue):
    assert "no-backlog" in read(catalogue, "pl-who-decides-next", "there isn't a roadmap, the ceo picks")


# --- "since <a time>" after a past opens the present; an earlier time then the time asked tells a change


def test_tickets_written_after_the_fact_until_a_month_named_is_the_past(catalogue):
    text = "we used to write the tickets afterwards; since march every feature has a one-pager first"
    assert read(catalogue, "do-spec-example", text) == {"prioritized-backlog"}


@pytest.mark.parametrize(
    "text",
    [
        "deploys used to be by hand; since spring the pipeline does them",
        "deploys used to be manual; since 2023 the pipeline does them",
    ],
)
def test_deploys_automated_since_a_time_are_ci_now(catalogue, text):
    assert read(catalogue, "ci-deploy-steps", text) == {"has-ci"}


def test_since_with_no_past_before_it_changes_nothing(catalogue):
    assert read(catalogue, "ci-deploy-steps", "manual, since 2019") == {"no-ci"}


def test_weekends_the_year_before_are_not_last_years_answer(catalogue):
    text = "the year before that we did weekends for a month; this year we cut scope instead"
    assert read(catalogue, "bu-last-target", text) == {"realistic-deadlines"}


def test_weekends_in_the_year_asked_about_still_read(catalogue):
    assert "overtime-expected" in read(catalogue, "bu-last-target", "we missed, so everyone did weekends for a month")


# --- an echoed question, then a token reward: nothing is given


@pytest.mark.parametrize("text", ["what do they get? a pat on the back", "what does the on-call person get? a thank you"])
def test_a_token_reward_after_the_question_echoed_is_no_pay(catalogue, text):
    assert read(catalogue, "ho-on-call-exec", text) == {"on-call-burden"}


def test_an_echoed_question_then_real_pay_is_compensation(catalogue):
    assert read(catalogue, "ho-on-call-exec", "what do they get? 300 a week") == {"no-after-hours-contact"}


# --- one's own phone for a login code is no on-call; alerts on it still are


def test_an_authenticator_on_a_personal_phone_is_no_on_call(catalogue):
    assert read(catalogue, "to-own-devices", "just an authenticator on your personal phone") == set()


def test_pager_alerts_on_ones_own_phone_are_on_call(catalogue):
    assert read(catalogue, "to-own-devices", "your own phone gets the pager alerts, yes") == {"on-call-burden"}


# --- answer families: notice handed in, staff cut, work after the evening starts


def test_a_notice_put_in_after_feedback_is_turnover(catalogue):
    text = "gave someone a hard review, she put in her notice the next week"
    assert read(catalogue, "mg-feedback-example", text) == {"high-turnover"}


def test_roles_axed_are_turnover(catalogue):
    assert read(catalogue, "bu-layoffs", "yes, they axed 40 roles in march") == {"high-turnover"}


def test_a_standup_cut_is_no_staff_cut(catalogue):
    assert read(catalogue, "pr-standup-length", "we cut it to 10 minutes so people can focus") == set()


def test_real_work_only_after_eight_pm_is_overtime(catalogue):
    assert read(catalogue, "wp-meeting-free", "no, and I only get real work done past 8pm") == {"overtime-expected"}


def test_messages_at_ten_pm_stay_an_on_call_answer(catalogue):
    assert read(catalogue, "ho-messages-evening", "my manager texts at 10pm regularly") == {"on-call-burden"}


# --- mappings the thinly covered questions lacked


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("bu-biggest-customer", "one telco, and whatever they want ships next sprint", {"unclear-product"}),
        ("do-docs-current", "every week, nobody keeps it current", {"poor-code-quality"}),
        ("ob-trial-period", "I assume it just passes, never seen anyone check", {"interviewer-new"}),
        ("ca-overtime-promotion", "hugely, our last promotion was basically for the weekends", {"overtime-expected"}),
        ("mg-span", "eight, and I'm their fifth manager", {"high-turnover"}),
        ("pd-engineers-customers", "only via the support team, never directly", {"unclear-product"}),
        ("te-hotspots", "checkout, we just keep patching it", {"poor-code-quality"}),
        ("te-quality-owner", "QA on paper, but we ship whatever's ready by thursday", {"features-over-bugs"}),
        ("hi-interview-design", "I inherited the loop when I joined in june", {"interviewer-new"}),
    ],
)
def test_mapped_answers_of_thin_questions(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("ob-trial-period", "your lead decides at month four, nobody failed"),
        ("bu-biggest-customer", "no customer above 3%, it's a long tail"),
        ("do-docs-current", "last month; I fixed it the same day"),
    ],
)
def test_plain_facts_under_the_same_questions_read_nothing(catalogue, question, text):
    assert read(catalogue, question, text) == set()


# --- the answer rules' word lists are data


def test_the_answer_word_lists_load_from_context_yaml_and_round_trip():
    rules, problems = read_context(CONTEXT_FILE)
    assert problems == []
    words = rules.answer_words
    assert "added" in words.change_verbs and ("more", "than") in words.above and "let" in words.takes_an_object
    assert ContextRules.from_mapping(rules.as_mapping()).answer_words == words


def test_an_unknown_key_in_the_answer_words_is_a_clear_problem(tmp_path):
    text = CONTEXT_FILE.read_text(encoding="utf-8").replace("    held: [", "    hold: [", 1)
    bad = tmp_path / "context.yaml"
    bad.write_text(text, encoding="utf-8")
    rules, problems = read_context(bad)
    assert rules is None
    assert problems, "a misspelt key must be reported"


# --- a bare answer yields to the reason after it (answers: reasons)


@pytest.mark.parametrize("text", ["no way to, tickets are filled in after the fact", "I can't, the tickets come after the code"])
def test_nothing_to_see_because_tickets_come_afterwards_is_tickets_afterthought(catalogue, text):
    assert read(catalogue, "do-exec-visibility", text) == {"tickets-afterthought"}


def test_nothing_to_see_with_no_reason_stays_no_backlog(catalogue):
    assert read(catalogue, "do-exec-visibility", "I cant, nothing is written down") == {"no-backlog"}


def test_dates_that_will_not_move_are_imposed(catalogue):
    assert read(catalogue, "pl-deadlines", "the VP picks them, they won't move") == {"overtime-expected"}


# --- after answers9b: timed tests, an untold direction, a short time said by its length, hires moved on, token rewards


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("hi-process-timeline", "a timed test at home, then two calls; three weeks end to end", {"trivia-interview"}),
        ("bu-owners", "a holding company, and they haven't told us what they expect", {"unclear-product"}),
        ("cd-surprise", "no sprints, nothing: it's just a to-do list on a wiki", {"agile-unfamiliar"}),
        ("cd-why-joined", "I'm only two weeks in, ask me later", {"interviewer-new"}),
        ("mg-exec-managers", "usually when their best engineers have moved on", {"high-turnover"}),
        ("ho-on-call-exec", "the person on call gets kudos in the all-hands", {"on-call-burden"}),
    ],
)
def test_answers_read_after_answers9b(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


def test_a_company_phone_for_the_pager_is_equipment_not_an_on_call_burden(catalogue):
    assert read(catalogue, "to-own-devices", "no, the pager lives on a work phone we hand out") == {"equipment-budget"}


def test_we_moved_on_to_another_topic_is_no_turnover(catalogue):
    assert read(catalogue, "tm-conflict", "we argued about kafka for a week, then moved on to other work") == set()


# --- a number planned on a condition states the plan and its risk (answers: words: plan_conditions, plan_risks)


@pytest.mark.parametrize("text", ["twelve, if the raise goes through", "depends on the funding; 8 once it lands"])
def test_a_hiring_number_hung_on_a_funding_round_is_a_plan(catalogue, text):
    assert read(catalogue, "bu-growth-plan", text) == set()


@pytest.mark.parametrize("text", ["depends on the next round of funding", "no idea, if the round closes maybe"])
def test_a_funding_round_with_no_number_is_still_an_unclear_plan(catalogue, text):
    assert read(catalogue, "bu-growth-plan", text) == {"unclear-product"}
