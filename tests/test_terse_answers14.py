"""Terse answers, round thirteen (ANSWERS14): `answers:` cues the thinner questions lacked (estimates sized by the
team, roadmap items engineers proposed, a brief and mock-ups before the code, leave nobody took in full, an
adjustment arranged in days, parents as the ones who leave, a manager of a few weeks, a clean-up day per sprint,
a customer as the test suite, retros that died out), a "no X, no Y" rule about tickets, an event held in working
hours and people still here that keep the classifier's guess out, and "the hours" that no longer reads overtime."""

from __future__ import annotations

import pytest

from tests.conftest import read, read_with

# --- pl-estimates: the team sizes the work, and the estimates land close


@pytest.mark.parametrize("text", ["the engineers, together, in refinement", "we point them as a team"])
def test_estimates_made_by_the_team_are_realistic(catalogue, text):
    assert read(catalogue, "pl-estimates", text) == {"realistic-deadlines"}


def test_estimates_that_came_in_close_are_realistic(catalogue):
    assert read(catalogue, "pl-estimates", "the PM, but the last few came in close") == {"realistic-deadlines"}


def test_estimates_cut_by_management_are_still_overtime(catalogue):
    # minimal pair: the estimate overruled
    assert "realistic-deadlines" not in read(catalogue, "pl-estimates", "our manager cuts them in half, so we stay late")


# --- pl-roadmap-visibility: an engineer's idea on the roadmap; a roadmap made of vibes


def test_a_roadmap_item_proposed_by_engineers_is_a_roadmap(catalogue):
    assert read(catalogue, "pl-roadmap-visibility", "they can, and my idea for search made it on") == {"prioritized-backlog"}


@pytest.mark.parametrize("text", ["a roadmap? just vibes", "pure vibes honestly"])
def test_a_roadmap_of_vibes_is_no_backlog(catalogue, text):
    assert read(catalogue, "pl-roadmap-visibility", text) == {"no-backlog"}


# --- do-spec-before-build: a brief and mock-ups before anyone codes


@pytest.mark.parametrize("text", ["a short brief plus figma mockups", "wireframes and acceptance criteria, always"])
def test_a_brief_and_mockups_before_the_build_are_a_plan(catalogue, text):
    assert read(catalogue, "do-spec-before-build", text) == {"prioritized-backlog"}


def test_nothing_written_before_the_build_is_still_tickets_afterthought(catalogue):
    assert read(catalogue, "do-spec-before-build", "nothing, we jump in and see") == {"tickets-afterthought"}


# --- tf-allowance: nobody took more than a few days


def test_nobody_taking_more_than_a_week_is_overtime(catalogue):
    assert read(catalogue, "tf-allowance", "30, and nobody used more than seven") == {"overtime-expected"}


def test_everyone_taking_the_full_allowance_is_no_flag(catalogue):
    assert read(catalogue, "tf-allowance", "30, and everyone took all thirty") == set()


# --- pe-adjustments: arranged within days


def test_an_adjustment_arranged_in_days_is_equipment_budget(catalogue):
    assert read(catalogue, "pe-adjustments", "tell your manager, the ergonomic chair took 2 days") == {"equipment-budget"}


# --- pe-who-leaves: the parents go first


def test_the_ones_with_children_leaving_first_is_turnover(catalogue):
    assert read(catalogue, "pe-who-leaves", "the people with small children leave first") == {"high-turnover"}


def test_nobody_in_particular_leaving_is_no_turnover(catalogue):
    # minimal pair: "no" under a question whose no maps to nothing
    assert read(catalogue, "pe-who-leaves", "no, not that we've seen") == set()


# --- hi-reports-to: a manager of a few weeks


def test_a_manager_of_six_weeks_is_new(catalogue):
    assert read(catalogue, "hi-reports-to", "Jo, she has led the team for 6 weeks") == {"interviewer-new"}


def test_a_manager_of_six_years_is_not_new(catalogue):
    assert "interviewer-new" not in read(catalogue, "hi-reports-to", "Jo, she has led the team for 6 years")


# --- te-reserved-time: a clean-up day each sprint, with a word between


def test_a_dedicated_day_each_sprint_is_reserved_time(catalogue):
    assert read(catalogue, "te-reserved-time", "one protected day each sprint") == {"prioritized-backlog"}


def test_nothing_each_sprint_is_still_features_first(catalogue):
    assert read(catalogue, "te-reserved-time", "none, every day goes to features") == {"features-over-bugs"}


# --- kn-tests-as-docs: a customer as the test suite


@pytest.mark.parametrize("text", ["an angry customer", "the support queue, eventually"])
def test_a_customer_finding_it_is_no_tests(catalogue, text):
    assert read(catalogue, "kn-tests-as-docs", text) == {"no-tests"}


def test_the_integration_tests_finding_it_is_tests(catalogue):
    assert read(catalogue, "kn-tests-as-docs", "the integration tests, they cover it") == {"has-tests"}


# --- pr-retros: retros that died out


def test_retros_that_fizzled_out_are_agile_unfamiliar(catalogue):
    assert read(catalogue, "pr-retros", "retros fizzled out after the reorg") == {"agile-unfamiliar"}


# --- pseudo-negation "no X, no Y": a ticket as the price of a branch


@pytest.mark.parametrize("text", ["no jira no branch, that's the rule", "up front: no ticket no PR"])
def test_no_ticket_no_branch_is_a_rule_not_an_absence(catalogue, text):
    assert "tickets-afterthought" not in read(catalogue, "pr-tickets", text)


def test_no_tickets_at_all_is_still_tickets_afterthought(catalogue):
    # minimal pair: the "no" before tickets with no second half
    assert "tickets-afterthought" in read(catalogue, "pr-tickets", "no tickets, we just talk")


# --- "not" families: working hours and people still here keep the classifier's guess out


def test_a_hack_day_in_working_hours_keeps_the_classifiers_overtime_out(catalogue):
    text = "the hackathon last spring, during working hours"
    assert "overtime-expected" not in read_with(catalogue, {text: {"overtime-expected": 0.95}}, "pe-team-events", text)


def test_a_hack_day_with_no_word_on_its_hours_leaves_the_classifier_its_reading(catalogue):
    # minimal pair: nothing says when it was held
    text = "the hackathon last spring"
    assert "overtime-expected" in read_with(catalogue, {text: {"overtime-expected": 0.95}}, "pe-team-events", text)


def test_an_offsite_on_a_sunday_is_still_overtime(catalogue):
    assert read(catalogue, "pe-team-events", "an offsite in may, saturday and sunday") == {"overtime-expected"}


def test_the_builders_still_around_keep_the_classifiers_turnover_out(catalogue):
    text = "nearly all, 6 of 7 are still around"
    assert "high-turnover" not in read_with(catalogue, {text: {"high-turnover": 0.95}}, "kn-team-memory", text)


def test_the_builders_counted_with_no_word_on_staying_leave_the_classifier_its_reading(catalogue):
    text = "6 of 7"
    assert "high-turnover" in read_with(catalogue, {text: {"high-turnover": 0.95}}, "kn-team-memory", text)


def test_only_one_builder_still_here_is_turnover(catalogue):
    assert read(catalogue, "kn-team-memory", "only one of them, the rest left") == {"high-turnover"}


# --- "the hours" alone is no overtime


def test_the_hours_being_fine_is_no_overtime(catalogue):
    assert read(catalogue, "ho-typical-hours", "the hours are fine, 9 to 5") == set()


def test_getting_the_hours_back_is_compensation(catalogue):
    assert read(catalogue, "ho-overtime-comp", "we get those hours back as days off") == {"no-after-hours-contact"}


def test_long_hours_are_still_overtime(catalogue):
    assert read(catalogue, "ho-typical-hours", "long hours, 8 till 8") == {"overtime-expected"}


# --- after answers14b (written before these rules, tuned on after)

# rule "the contact itself denied agrees": "nobody would ping you" after a green answer is no name-only


def test_nobody_contacting_the_sick_after_offline_is_no_contact(catalogue):
    assert read(catalogue, "tf-sick", "you log off. no one would message you") == {"no-after-hours-contact"}


def test_a_laptop_nobody_opens_is_still_in_name_only(catalogue):
    # minimal pair: the "nobody" denies the practice named, not the contact
    assert "no-ci" in read(catalogue, "ci-environments", "a staging box exists, nobody deploys there")


# pseudo-negation "not in your first N months": a later time, not the on-call denied


@pytest.mark.parametrize("text", ["not within the first 3 months", "not during your first half year, no"])
def test_no_on_call_in_the_first_months_is_a_gentle_start(catalogue, text):
    assert "on-call-burden" not in read(catalogue, "ob-first-on-call", text)


def test_on_call_in_the_first_weeks_is_still_a_burden(catalogue):
    assert read(catalogue, "ob-first-on-call", "within your first 2 weeks") == {"on-call-burden"}


# other sense: everyone gone home at the end of the day


def test_everyone_gone_home_by_six_is_no_turnover(catalogue):
    assert "high-turnover" not in read(catalogue, "ho-typical-hours", "8 to 4, then everybody's gone home")


def test_everyone_gone_from_the_team_is_still_turnover(catalogue):
    assert "high-turnover" in read(catalogue, "tm-size-change", "most people have left, the seniors are all gone")


# answer cues: an ordinal manager, a weekday start, no interview training, a ticket that is a link, noticed replies,
# a rota of one week in three, no extra pay


def test_an_ordinal_manager_count_is_turnover(catalogue):
    assert read(catalogue, "mg-manager-turnover", "this is the 5th one since I joined") == {"high-turnover"}


def test_a_second_manager_is_no_turnover(catalogue):
    assert read(catalogue, "mg-manager-turnover", "2nd, the first retired") == set()


def test_an_interviewer_who_started_this_week_is_new(catalogue):
    assert read(catalogue, "hi-interviewer-tenure", "joined this tuesday, so bear with me") == {"interviewer-new"}


def test_an_interviewer_untrained_is_new(catalogue):
    assert read(catalogue, "hi-interviewer-prep", "four or five, never trained, just thrown in") == {"interviewer-new"}


def test_a_ticket_that_is_a_link_is_tickets_afterthought(catalogue):
    assert read(catalogue, "do-ticket-detail", "a one liner, maybe a screenshot") == {"tickets-afterthought"}


def test_replies_that_get_noticed_are_on_call_burden(catalogue):
    assert read(catalogue, "ho-messages-evening", "no rule, but it's unspoken") == {"on-call-burden"}


@pytest.mark.parametrize("text", ["one week in two", "it's 1 in 3 weeks", "every week, and no extra pay"])
def test_a_tight_or_unpaid_rota_is_on_call_burden(catalogue, text):
    assert read(catalogue, "ho-on-call", text) == {"on-call-burden"}


def test_a_loose_paid_rota_is_fair(catalogue):
    assert read(catalogue, "ho-on-call", "one week in six, paid extra") == {"no-after-hours-contact"}


# rule "a cue inside a 'no X no Y' rule states the rule": without its comma, too


@pytest.mark.parametrize("text", ["the rule is no approval no merge", "no review no merge, even for hotfixes"])
def test_no_review_no_merge_without_a_comma_is_review_required(catalogue, text):
    assert read(catalogue, "cr-how-changes-reviewed", text) == {"code-review-required"}


def test_no_reviews_in_a_list_of_absences_is_still_no_review(catalogue):
    assert "no-code-review" in read(catalogue, "cr-how-changes-reviewed", "no tests, no reviews, nothing")
