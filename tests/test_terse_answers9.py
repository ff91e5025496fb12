"""Terse answers, tenth pass (issue 18): a number that counts a change is no head count, a total then its
growth tells no change, a bare "nothing" yields to words that deny the flag, more words for a practice in
name only, "depends" is no not-knowing, the practice named owns a word two practices share, a present after
a "used to" past, and `answers:` mappings the thinly covered questions lacked."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- a number after a verb of change counts the change, not the whole


def test_a_rotation_that_grew_is_read_by_its_size_not_by_how_much_it_grew(catalogue):
    assert read(catalogue, "in-on-call-exec", "eleven engineers, we hired three of them this year") == {"no-after-hours-contact"}


def test_a_small_rotation_still_reads_as_a_burden(catalogue):
    assert read(catalogue, "in-on-call-exec", "three engineers, the same three for years") == {"on-call-burden"}


def test_a_past_size_then_what_was_added_tells_no_size_now(catalogue):
    # "it was 3" is the past, and "added 4" is a difference: nothing says how many share it today.
    assert read(catalogue, "in-on-call-exec", "it was 3, we added 4 in october") == set()


# --- a bare "nothing" yields to the answer's own words that deny the flag


@pytest.mark.parametrize(
    "text",
    ["nothing really, it's ten minutes standing up", "not much; it never runs past 12 minutes"],
)
def test_a_short_standup_said_in_so_many_words_is_no_status_meeting(catalogue, text):
    assert read(catalogue, "pr-standup-manager", text) == set()


def test_a_bare_nothing_with_no_denial_still_reads_the_status_meeting(catalogue):
    assert read(catalogue, "pr-standup-manager", "nothing, the board has it all") == {"long-standups"}


# --- in name only: broken, last touched, and a flag with no opposite


def test_a_board_last_touched_months_ago_is_no_backlog(catalogue):
    assert read(catalogue, "do-exec-visibility", "we have a roadmap page, last touched before the summer") == {"no-backlog"}


def test_a_board_in_use_still_reads_as_the_green_answer(catalogue):
    assert read(catalogue, "do-exec-visibility", "a roadmap page the leads update every monday") == {"prioritized-backlog"}


def test_equipment_said_to_be_broken_reads_no_equipment(catalogue):
    assert read(catalogue, "wp-hybrid-meetings", "the room has a speakerphone, broken for months") == set()
    assert read(catalogue, "wp-hybrid-meetings", "the room has a good speakerphone") == {"equipment-budget"}


# --- "depends" says there are several answers, not that nobody knows


def test_depends_is_not_the_not_knowing_answer_to_the_runway_question(catalogue):
    assert read(catalogue, "pd-runway", "it depends what the board decides") == set()
    assert read(catalogue, "pd-runway", "no clue, honestly") == {"unclear-product"}


# --- the practice named owns a word two practices share


def test_by_hand_after_naming_releases_is_about_deploys_not_tests(catalogue):
    assert read(catalogue, "cd-exec-fix-first", "deployments, they're all done manually") == {"no-ci"}


def test_by_hand_with_no_practice_named_reads_both(catalogue):
    # Nothing says which: both readings of the shared word stand, as before.
    assert read(catalogue, "cd-exec-fix-first", "everything here is manual") == {"no-ci", "no-tests"}


# --- a present after a "used to" past


def test_a_present_clause_after_used_to_is_the_answer(catalogue):
    assert read(catalogue, "in-on-call-exec", "used to be just me and one other, it's 8 now") == {"no-after-hours-contact"}
    assert read(catalogue, "in-on-call-exec", "used to be a dozen, it's 3 since june") == {"on-call-burden"}


def test_a_fix_after_a_bad_past_leaves_no_current_mess(catalogue):
    assert read(catalogue, "te-hotspots", "the importer was spaghetti; refactored in the spring") == set()


def test_a_mess_with_no_fix_still_reads(catalogue):
    assert read(catalogue, "te-hotspots", "the importer, it's spaghetti") == {"poor-code-quality"}


def test_a_present_that_denies_a_used_to_past_reads_its_opposite(catalogue):
    text = "staff used to get called on vacation, not since we set up a rota"
    assert read(catalogue, "tf-cover", text) == {"no-after-hours-contact"}


def test_the_used_to_past_alone_is_no_reading_of_today(catalogue):
    assert "on-call-burden" not in read(catalogue, "tf-cover", "staff used to get called on vacation, years back")


# --- answers: mappings for thinly covered questions


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("hi-role-open-time", "this is the 3rd time it's been open", {"high-turnover"}),
        ("hi-role-open-time", "open since june, a new headcount", set()),
        ("tm-mentoring", "a senior pairs with you, two afternoons a week reserved for it", {"realistic-deadlines"}),
        ("pr-exec-capacity", "leadership picks, we make it work", {"overtime-expected"}),
        ("mg-style-under-pressure", "the daily syncs get longer and longer", {"long-standups"}),
        ("tf-unlimited", "it's unlimited, but people never take it", {"overtime-expected"}),
        ("ob-first-on-call", "week 3, no shadowing", {"on-call-burden"}),
        ("ci-dependency-updates", "django, three majors behind", {"poor-code-quality"}),
        ("tm-seniority-exits", "both of our principal engineers", {"high-turnover"}),
        ("tm-seniority-exits", "both were interns, none of the seniors", set()),
    ],
)
def test_thin_questions_read_their_own_answers(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- numbers said as bounds, rates and zeros


@pytest.mark.parametrize("text", ["not one page all week", "not a single page, touch wood"])
def test_a_negated_single_page_is_zero_pages_the_quiet_answer(catalogue, text):
    assert read(catalogue, "in-pages-per-week", text) == {"no-after-hours-contact"}


def test_an_upper_bound_is_no_long_standup_and_a_lower_bound_no_short_rotation(catalogue):
    assert read(catalogue, "pr-standup-length", "under 20 minutes, standing") == set()
    assert read(catalogue, "pr-standup-length", "over 30 minutes most days") == {"long-standups"}
    assert read(catalogue, "in-pages-per-week", "more than one, every night") != {"no-after-hours-contact"}


def test_a_per_after_a_number_is_a_rate_not_one(catalogue):
    assert read(catalogue, "in-pages-per-week", "three a night") == {"on-call-burden"}
    assert read(catalogue, "in-pages-per-week", "one a week, if that") == {"no-after-hours-contact"}


def test_a_friendly_bunch_is_no_count_of_leavers(catalogue):
    assert read(catalogue, "tm-turnover", "none, we're a close bunch") == set()
    assert read(catalogue, "tm-turnover", "a bunch, mostly to startups") == {"high-turnover"}


def test_hires_that_did_not_last_are_turnover_under_the_first_hire_question(catalogue):
    assert read(catalogue, "hi-first-hire", "yes, twice, and none of them lasted") == {"high-turnover"}
    assert read(catalogue, "hi-first-hire", "yes, and he's still here four years on") == set()


def test_above_my_pay_grade_is_a_non_answer_not_a_company_that_pays(catalogue):
    assert read(catalogue, "wp-noise-equipment", "honestly that's above my pay grade") == set()
    assert read(catalogue, "wp-noise-equipment", "we pay for a better router") == {"equipment-budget"}


# --- in name only: a rule overridden, a claim denied; and the negated negative that agrees


def test_a_review_rule_people_override_is_review_in_name_only(catalogue):
    assert read(catalogue, "cr-how-changes-reviewed", "one approval required, which the leads override all the time") == {
        "no-code-review"
    }


def test_nobody_bypassing_the_review_rule_is_the_rule_kept(catalogue):
    # Before this pass the "nobody" read as the rule kept in name only: the answer came out inverted.
    assert read(catalogue, "cr-how-changes-reviewed", "one approval required, and nobody gets to bypass it") == {
        "code-review-required"
    }
    assert read(catalogue, "cr-how-changes-reviewed", "one approval required, not even the CTO can override it") == {
        "code-review-required"
    }
    assert read(catalogue, "cr-how-changes-reviewed", "one approval required, and nobody merges without it") == {
        "code-review-required"
    }


def test_an_allowance_whose_claims_are_denied_is_no_allowance(catalogue):
    assert read(catalogue, "to-home-office", "there's an allowance, my last two claims were denied") == set()


# --- sarcasm: a closing "if you count ..." asks the listener to stretch the word


@pytest.mark.parametrize("text", ["oh, hundreds, if you count print statements", "plenty, if you call a manual checklist a test"])
def test_if_you_count_takes_back_the_amount(catalogue, text):
    assert read(catalogue, "te-automated-tests", text) == {"no-tests"}


def test_an_if_clause_that_stretches_nothing_leaves_the_amount(catalogue):
    assert read(catalogue, "te-automated-tests", "hundreds, if you want the numbers ask QA") == {"has-tests"}


def test_unlimited_leave_that_nobody_takes(catalogue):
    assert read(catalogue, "tf-unlimited", "unlimited, and nobody takes any") == {"overtime-expected"}


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("te-automated-tests", "tests? that's what our users are for", {"no-tests"}),
        ("cr-how-changes-reviewed", "that's what QA is for", {"no-code-review"}),
        ("te-automated-tests", "unit and e2e, that's what the pipeline is for", {"has-tests"}),
    ],
)
def test_the_practice_handed_to_someone_else_with_a_sneer_is_not_done(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- under "what would you fix first?", a practice the present names after a bad past is there now


def test_a_practice_there_now_after_a_bad_past_is_not_the_one_to_fix(catalogue):
    text = "releases were all manual until the spring, a pipeline handles them now, so hiring"
    assert read(catalogue, "cd-exec-fix-first", text) == {"has-ci"}


def test_a_practice_only_wished_for_or_still_bad_is_still_missing(catalogue):
    assert read(catalogue, "cd-exec-fix-first", "releases were a nightmare, now we'd like a pipeline") == {"no-ci"}
    assert read(catalogue, "cd-exec-fix-first", "deploys were manual, now still manual") == {"no-ci"}


# --- after reading answers8b: a sneer after a bare topic under a question with no yes or no; "before ... not
# anymore"; "merged without a review" is about the review; an object "me"; two mappings


def test_a_bare_topic_handed_off_reads_its_own_red_flag(catalogue):
    assert read(catalogue, "cd-exec-fix-first", "tests? that's what the interns are for, apparently") == {"no-tests"}


def test_a_past_marked_by_before_then_denied_reads_its_opposite(catalogue):
    assert read(catalogue, "tf-cover", "we got called on holiday before, not anymore") == {"no-after-hours-contact"}


def test_what_goes_without_is_the_practice_named_after_without(catalogue):
    assert read(catalogue, "te-practices-non-negotiable", "nothing gets merged without a review, launch or not") == {
        "code-review-required"
    }
    assert read(catalogue, "te-practices-non-negotiable", "nothing gets merged without tests") == {"has-tests"}


def test_me_as_an_object_is_not_the_earliest_joiner(catalogue):
    assert read(catalogue, "tm-tenure", "ask me again after the panel") == set()
    assert read(catalogue, "tm-tenure", "me, eight months in") == {"high-turnover"}


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        ("pe-adjustments", "we got her a standing desk the same week", {"equipment-budget"}),
        ("tm-mentoring", "your tech lead, though he's swamped", {"overtime-expected"}),
    ],
)
def test_mappings_added_after_answers8b(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags
