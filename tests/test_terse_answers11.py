"""Terse answers, twelfth pass (issue 18): a fall between two numbers is a shrinking count, a time closing its clause
with no past before it tells no change, a condition after a bare amount still opens the answer, a doubt ("unless you
count ...", "as long as you like ...") of an answer with no red opposite is the question's red, a hedge closing the
answer before a colon, a not-knowing that gives the product as its reason, turnover said as a count, days used said as
a count, a sneered few, and `answers:` mappings the thinly covered questions lacked."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- rule "a fall between two numbers": "from fourteen to six" is a count that shrank; a rise is not


@pytest.mark.parametrize("text", ["it went from twelve to four in two years", "honestly? from 10 to 4"])
def test_a_team_that_fell_from_one_number_to_a_smaller_one_shrank(catalogue, text):
    assert read(catalogue, "tm-size-change", text) == {"high-turnover"}


def test_a_team_that_rose_from_one_number_to_a_bigger_one_did_not_shrink(catalogue):
    assert read(catalogue, "tm-size-change", "from four to eleven, we hired a lot") == set()


# --- rule "a closing time with no past is no turn": "this year" at the end of a clause only says when


def test_a_clause_ending_this_year_does_not_make_the_answer_before_it_past(catalogue):
    text = "still working that out, we tested three pricing models this year"
    assert read(catalogue, "bu-revenue", text) == {"unclear-product"}


def test_this_year_after_a_past_still_tells_a_change(catalogue):
    # the past ("we pivoted") is over: this year's clause is the answer, and it names no trouble
    assert read(catalogue, "bu-revenue", "we pivoted twice in 2023, one product this year") == set()


# --- rule "a condition after a bare amount opens the answer too"


def test_a_condition_after_a_bare_share_is_how_it_goes_not_a_hypothetical(catalogue):
    text = "about half; when they shout, everybody works the weekend"
    assert read(catalogue, "bu-biggest-customer", text) == {"overtime-expected"}


# --- a doubt of an answer that has no red opposite is the question's red


def test_never_unless_you_count_the_launches_is_overtime(catalogue):
    assert read(catalogue, "ho-evenings-leaders", "never, unless you count the launch weekends") == {"overtime-expected"}


def test_never_with_a_reason_of_its_own_stays_realistic(catalogue):
    assert read(catalogue, "ho-evenings-leaders", "never, we move the date instead") == {"realistic-deadlines"}


def test_nothing_confusing_as_long_as_you_enjoy_giant_files_is_poor_code(catalogue):
    text = "nothing really, as long as you enjoy 3000-line files"
    assert read(catalogue, "ob-confusing", text) == {"poor-code-quality"}


# --- a hedge that closes the answer before a colon: "reviews, technically: ..."


def test_a_review_that_is_technically_one_before_a_colon_is_in_name_only(catalogue):
    text = "reviews, technically: someone glances and approves"
    assert read(catalogue, "kn-learning-from-reviews", text) == {"no-code-review"}


def test_a_colon_after_a_plain_answer_is_no_hedge(catalogue):
    assert read(catalogue, "kn-learning-from-reviews", "reviews: two approvals on every PR") == {"code-review-required"}


# --- a not-knowing yields to its reason (answers: reasons: interviewer-new -> unclear-product)


def test_not_knowing_because_the_product_is_undecided_is_no_new_interviewer(catalogue):
    text = "not sure, the direction is still being decided"
    assert read(catalogue, "ob-ninety-days", text) == {"unclear-product"}


def test_not_knowing_because_the_interviewer_just_joined_is_still_a_new_interviewer(catalogue):
    assert read(catalogue, "ob-ninety-days", "not sure, I only joined last week") == {"interviewer-new"}


# --- counts that say turnover or too little leave; a few counted with a sneer


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("kn-junior-senior", "three seniors, and we're on our fifth manager", {"high-turnover"}),
        ("tm-size-change", "still ten of us, but twelve different people over the year", {"high-turnover"}),
        ("tm-seniority-exits", "roughly one every month", {"high-turnover"}),
        ("pe-who-leaves", "not different, just more of them: seven last year", {"high-turnover"}),
        ("tf-allowance", "28, and I only used five", {"overtime-expected"}),
        ("ho-time-off", "basically zero, we were slammed", {"overtime-expected"}),
        ("kn-tests-as-docs", "the tests, all two of them", {"no-tests"}),
    ],
)
def test_counts_read_under_their_question(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


def test_tests_counted_in_hundreds_are_no_sneered_few(catalogue):
    assert read(catalogue, "kn-tests-as-docs", "the tests, all four hundred of them") == {"has-tests"}


# --- mappings and families the thin questions lacked


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("pd-success", "revenue or growth, we pick a different one every quarter", {"unclear-product"}),
        ("mg-style-under-pressure", "same as always, permanent deadline mode", {"overtime-expected"}),
        ("tm-performance", "probably my manager, but I only started in march", {"interviewer-new"}),
        ("cd-why-stay", "the few colleagues who haven't quit yet", {"high-turnover"}),
        ("kn-exec-junior-investment", "we hired some, but they keep leaving", {"high-turnover"}),
        ("do-principles", "not written, and it shows: inconsistent everywhere", {"poor-code-quality"}),
        ("pr-definition-of-done", "a checklist on confluence that nobody reads", {"agile-unfamiliar"}),
    ],
)
def test_thin_questions_read_their_answers(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- an idiom of never is a no, alone or taking back a yes in its own clause (answers: no)


@pytest.mark.parametrize("text", ["yes, when pigs fly", "sure, once every leap year"])
def test_a_yes_taken_back_by_an_idiom_of_never_is_the_no(catalogue, text):
    assert read(catalogue, "te-tests-with-changes", text) == {"no-tests"}


def test_an_idiom_of_never_under_a_question_whose_yes_is_red_is_the_good_no(catalogue):
    assert read(catalogue, "ho-crunch", "once in a blue moon") == {"realistic-deadlines"}


# --- turnover said as a count over a time


def test_three_leads_in_a_year_under_the_span_question_is_turnover(catalogue):
    assert read(catalogue, "mg-span", "seven reports, and four team leads since 2024") == {"high-turnover"}


def test_three_leads_on_the_team_is_no_turnover(catalogue):
    assert read(catalogue, "kn-junior-senior", "three leads and five juniors") == set()


# --- rule "nothing major is a size" (answers: words: sizes)


def test_an_outage_that_was_nothing_major_says_nothing_about_what_changed(catalogue):
    assert read(catalogue, "in-last-incident", "last month, nothing serious") == set()


def test_nothing_major_changed_still_says_nothing_changed(catalogue):
    assert read(catalogue, "in-last-incident", "nothing major changed, we restarted the box") == {"bugs-untracked"}


# --- knowing, leaving and trials said in other words


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("bu-team-value", "no one could tell you, honestly", {"unclear-product"}),
        ("ca-manager-or-expert", "not really, the strong ICs end up going elsewhere", {"high-turnover"}),
        ("ob-trial-period", "no idea yet, I'm still on mine", {"interviewer-new"}),
        ("pd-competition", "we aren't sure who we compete with", {"unclear-product"}),
        ("bu-profitable", "not yet, and when we will is anybody's guess", {"unclear-product"}),
    ],
)
def test_answers_read_in_other_words(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- rule "what ended the past is no past" (answers: words: past_ended_by)


def test_the_setup_that_ended_a_slow_past_is_the_present_practice(catalogue):
    assert read(catalogue, "to-dev-environment", "an hour; it used to take days before the container") == {"has-ci"}


def test_a_practice_said_in_the_past_with_nothing_ending_it_is_still_past(catalogue):
    assert read(catalogue, "to-dev-environment", "we used to have a setup script, now it's two weeks") == {"poor-code-quality"}


# --- after answers10b: wording the thin questions lacked


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("au-tech-choice", "a consultant, years ago; it's all tangled now", {"poor-code-quality"}),
        ("bu-revenue", "nothing steady yet, still hunting for buyers", {"unclear-product"}),
        ("pd-prototypes", "very little, we keep starting over", {"unclear-product"}),
        ("ca-growth-stuck", "usually out the door after year two", {"high-turnover"}),
        ("kn-junior-senior", "two seniors, one is serving his notice", {"high-turnover"}),
        ("bu-biggest-customer", "roughly 60 percent, and whatever they request jumps the roadmap", {"unclear-product"}),
        ("kn-sharing-forums", "a demo slot on friday evenings", {"overtime-expected"}),
    ],
)
def test_answers_read_after_answers10b(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


def test_a_hard_season_before_the_quarter_asked_is_over(catalogue):
    assert read(catalogue, "cd-team-mood", "the summer was a slog; this quarter has been calm") == {"realistic-deadlines"}


# --- a "nobody" before a harm agrees with the practice (answers: words: nobody_agrees)


def test_nobody_working_late_hours_agrees_with_a_single_time_zone(catalogue):
    assert read(catalogue, "wp-time-zones", "same time zone for everyone, nobody works late for calls") == {
        "no-after-hours-contact"
    }


def test_nobody_working_from_a_backlog_is_still_a_backlog_in_name_only(catalogue):
    assert read(catalogue, "pr-planning-meeting", "there's a backlog, nobody works from it") == {"no-backlog"}


# --- rule "the scope asked is no hedge" (answers: words: scope_words)


def test_a_yes_for_the_big_changes_answers_a_question_about_large_changes(catalogue):
    assert read(catalogue, "do-design-review", "yes, for the big ones") == {"code-review-required"}


def test_only_the_big_stuff_is_still_a_hedge_where_the_question_names_no_size(catalogue):
    assert read(catalogue, "cr-manager-view", "only the big stuff") == {"no-code-review"}
