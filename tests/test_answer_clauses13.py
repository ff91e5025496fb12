"""A note read under its question keeps each clause to itself (issue 18, round thirteen): an answer rule's
quote, hedge, "nobody" or "no longer" reading stays inside its own sentence; a later sentence about another
practice is read by the plain cues as it would be without the question; the classifier's reading of a short
note is quoted by the sentence that says it, not the whole note."""

from __future__ import annotations

import pytest

from tests.conftest import found, read, with_classifier


def _matches(catalogue, question_id: str, text: str, matcher=None, model: str = "off"):
    matcher = matcher or catalogue.matcher
    return {m.id: m for m in matcher.match(text, question=catalogue.bank.questions[question_id], model=model)}


def _quote(found, flag_id: str) -> str:
    return found[flag_id].evidence[0].text


# --- the note of the brief: a dropped practice, then a sentence about CI


def test_a_dropped_review_and_a_planned_ci_are_two_readings_each_quoted_by_its_own_clause(catalogue):
    text = "they used to do code review but stopped last year; CI is 'on the roadmap'"
    found = _matches(catalogue, "cr-how-changes-reviewed", text)
    assert set(found) == {"no-code-review", "no-ci"}
    assert _quote(found, "no-code-review") == "they used to do code review but stopped last year"
    assert "no longer: 'stopped last year'" in found["no-code-review"].evidence[0].context
    assert "roadmap" not in found["no-code-review"].evidence[0].context  # the hedge is CI's, not the review's
    assert _quote(found, "no-ci") == "CI is 'on the roadmap'"
    assert found["no-ci"].evidence[0].context.startswith("wish or plan")


def test_the_ci_sentence_reads_under_the_question_as_it_reads_without_it(catalogue, matcher):
    text = "they used to do code review but stopped last year; CI is 'on the roadmap'"
    plain = {m.id: m for m in matcher.match(text, model="off")}
    found = _matches(catalogue, "cr-how-changes-reviewed", text)
    assert _quote(found, "no-ci") == _quote(plain, "no-ci")


# --- rule "a hedge qualifies its own sentence": one in a sentence about another practice says nothing of the answer


def test_a_hedge_on_reviews_does_not_reach_back_to_the_tests_answer(catalogue):
    found = _matches(catalogue, "te-automated-tests", "a few smoke tests; reviews happen when someone has time")
    assert set(found) == {"no-tests", "no-code-review"}
    assert _quote(found, "no-tests") == "a few smoke tests"
    assert _quote(found, "no-code-review") == "reviews happen when someone has time"


def test_a_hedge_on_reviews_does_not_turn_the_ci_answer(catalogue):
    found = _matches(catalogue, "ci-pipeline", "CI runs on each PR. code review is 'encouraged'")
    assert set(found) == {"has-ci", "no-code-review"}
    assert _quote(found, "has-ci") == "CI runs on each PR"


def test_a_hedge_before_a_sentence_on_another_practice_still_hedges_the_answer(catalogue):
    found = _matches(catalogue, "te-automated-tests", "some, kinda. the backlog is well groomed")
    assert set(found) == {"no-tests", "prioritized-backlog"}
    assert "backlog" not in _quote(found, "no-tests")


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [  # minimal pairs that keep their reading: the hedge is the answer's own
        ("ci-pipeline", "jenkins, sort of", {"no-ci"}),
        ("cr-how-changes-reviewed", "that's what QA is for", {"no-code-review"}),
        ("te-automated-tests", "unit tests, in theory", {"no-tests"}),
        ("pr-standup-length", "it's meant to be 15 min", {"long-standups"}),
    ],
)
def test_a_hedge_in_the_answers_own_sentence_still_hedges_it(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- rule "in name only within its sentence": a "nobody" or "ignored" about another practice is that practice's


def test_tests_ignored_after_a_review_answer_do_not_make_the_review_in_name_only(catalogue):
    found = _matches(catalogue, "cr-who-reviews", "another senior, always. the tests are flaky and mostly ignored")
    assert "code-review-required" in found and "no-code-review" not in found
    assert _quote(found, "code-review-required") == "another senior, always"


@pytest.mark.parametrize(
    ("question", "text", "flag", "quote"),
    [  # minimal pairs: the "nobody" is about the practice the answer names
        ("pl-backlog", "a jira board, nobody looks at it", "no-backlog", "a jira board"),
        ("pl-backlog", "there's a roadmap. nobody reads it", "no-backlog", "there's a roadmap"),
    ],
)
def test_nobody_using_the_practice_named_is_still_in_name_only(catalogue, question, text, flag, quote):
    found = _matches(catalogue, question, text)
    assert set(found) == {flag}
    assert _quote(found, flag) == quote


# --- rule "a later sentence about another practice is the cues'": no answer cue reads it for the question


def test_a_nobody_about_tests_is_no_answer_about_bugs(catalogue):
    text = "in jira, triaged every monday. nobody writes tests for the fixes though"
    found = _matches(catalogue, "bt-where-bugs-go", text)
    assert set(found) == {"bugs-tracked", "no-tests"}
    assert _quote(found, "no-tests") == "nobody writes tests"
    assert ";" not in _quote(found, "bugs-tracked") and "tests" not in _quote(found, "bugs-tracked")


def test_a_nobody_about_holidays_is_no_answer_about_the_backlog(catalogue):
    found = _matches(catalogue, "pl-backlog", "ordered weekly by the EM. nobody ever calls me on holiday")
    assert set(found) == {"prioritized-backlog", "no-after-hours-contact"}
    assert _quote(found, "prioritized-backlog") == "ordered weekly by the EM"


def test_a_later_sentence_that_only_names_another_practice_still_answers(catalogue):
    # minimal pair: "build" names CI, but no cue reads CI there; the sentence answers the question
    assert read(catalogue, "bu-biggest-customer", "they're 70%; we build whatever they request") == {"unclear-product"}


def test_an_answer_then_a_sentence_on_another_practice_keeps_both(catalogue):
    found = _matches(catalogue, "ci-pipeline", "nothing runs, we build on a laptop. code review is strict at least")
    assert set(found) == {"no-ci", "code-review-required"}
    assert "review" not in _quote(found, "no-ci")


# --- a change told in one sentence: the past and its end are quoted together, the next sentence is not


def test_a_dropped_rotation_is_quoted_without_the_next_sentence(catalogue):
    found = _matches(catalogue, "ho-on-call", "there was a paid rotation but it was scrapped; now everyone's on the hook")
    assert set(found) == {"on-call-burden"}


def test_reviews_until_someone_left_still_read_as_dropped(catalogue):
    found = _matches(catalogue, "cr-how-changes-reviewed", "we had reviews until the lead left")
    assert set(found) == {"no-code-review"}
    assert _quote(found, "no-code-review") == "we had reviews until the lead left"


# --- the classifier's reading of a whole short note is quoted by the sentence that says it


def test_a_classifier_reading_of_a_short_note_is_quoted_by_the_sentence_naming_its_practice(catalogue):
    text = "we did reviews until the spring, then dropped them; deploys are still by hand"
    matcher = with_classifier(catalogue, {"deploys are still by hand": {"no-code-review": 0.97}})
    found = _matches(catalogue, "cr-how-changes-reviewed", text, matcher, model="auto")
    assert {"no-code-review", "no-ci"} <= set(found)
    assert "deploys" not in _quote(found, "no-code-review")
    assert _quote(found, "no-ci") == "deploys are still by hand"


def test_a_classifier_reading_beside_a_cue_is_quoted_by_the_cue_words(catalogue):
    text = "a PR and one approval. we stopped writing tests last year though"
    matcher = with_classifier(catalogue, {"one approval": {"code-review-required": 0.95}})
    found = _matches(catalogue, "cr-how-changes-reviewed", text, matcher, model="auto")
    assert {"code-review-required", "no-tests"} <= set(found)
    assert "tests" not in _quote(found, "code-review-required")


# --- rule "a change told about another practice is no change of the answer": a later "now" about deploys


def test_a_now_about_deploys_does_not_make_the_crunch_answer_a_past(catalogue):
    found = _matches(catalogue, "ho-crunch", "not since the launch mess two years ago; deploys are automated now")
    assert set(found) == {"realistic-deadlines", "has-ci"}
    assert "deploys" not in _quote(found, "realistic-deadlines")


def test_a_dropped_suite_then_a_sentence_on_reviews_reads_both(catalogue):
    text = "we had selenium tests but ditched them last year. nobody reviews PRs either"
    found = _matches(catalogue, "te-automated-tests", text)
    assert set(found) == {"no-tests", "no-code-review"}
    assert _quote(found, "no-tests") == "we had selenium tests but ditched them last year"


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [  # minimal pairs: the change is the answer's own
        ("pl-backlog", "used to be chaos, now it's a board", {"prioritized-backlog"}),
        ("te-automated-tests", "we had selenium tests but ditched them last year", {"no-tests"}),
        ("ho-crunch", "not since the launch mess two years ago", {"realistic-deadlines"}),
    ],
)
def test_a_change_in_the_answers_own_sentence_still_reads(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- rule "another practice's sentence is no other answer": a later sentence the cues read leaves the answer standing


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [
        (
            "pr-tickets",
            "before, always, with acceptance criteria; the code though is a ball of mud",
            {"prioritized-backlog", "poor-code-quality"},
        ),
        (
            "hi-interviewer-tenure",
            "I started two weeks ago; the codebase is honestly a swamp",
            {"interviewer-new", "poor-code-quality"},
        ),
        ("bt-where-bugs-go", "github issues, mostly. we work most saturdays", {"bugs-tracked", "overtime-expected"}),
    ],
)
def test_the_first_sentence_answers_though_a_later_one_states_another_flag(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


def test_one_sentence_about_another_practice_is_still_no_answer(catalogue):
    # minimal pair: the only sentence is about code review; its "before" answers nothing about tickets
    assert read(catalogue, "pr-tickets", "every pull request needs two approvals before it merges") == {"code-review-required"}


# --- a later sentence about another practice: the classifier may read it as it would without the question


def test_the_classifier_reads_turnover_in_a_later_sentence_under_the_tickets_question(catalogue):
    matcher = with_classifier(catalogue, {"people leave": {"high-turnover": 0.9}})
    text = "before, refined at planning; people leave every few months though"
    found = _matches(catalogue, "pr-tickets", text, matcher, model="auto")
    assert {"prioritized-backlog", "high-turnover"} <= set(found)


def test_the_classifier_still_reads_nothing_off_topic_in_a_terse_answer_of_one_sentence(catalogue):
    # minimal pair: "couple hours usually" under a review question is about reviews, not overtime
    matcher = with_classifier(catalogue, {"couple hours": {"overtime-expected": 0.9}})
    found = _matches(catalogue, "cr-review-turnaround", "couple hours usually", matcher, model="auto")
    assert "overtime-expected" not in found


# --- a "but" or ", and" that opens a clause about another practice ends the answer's clause as a ";" does


@pytest.mark.parametrize(
    ("question", "text", "flags", "flag", "quote"),
    [
        (
            "pl-backlog",
            "yes, ranked by the PO, but nobody writes tests",
            {"prioritized-backlog", "no-tests"},
            "no-tests",
            "nobody writes tests",
        ),
        ("bt-where-bugs-go", "jira, but nobody writes tests for the fixes", {"bugs-tracked", "no-tests"}, "bugs-tracked", "jira"),
        (
            "cr-how-changes-reviewed",
            "they used to do code review but stopped last year, and CI is 'on the roadmap'",
            {"no-code-review", "no-ci"},
            "no-code-review",
            "they used to do code review but stopped last year",
        ),
        (
            "ci-pipeline",
            "CI runs on each PR but code review is 'encouraged'",
            {"has-ci", "no-code-review"},
            "has-ci",
            "CI runs on each PR",
        ),
    ],
)
def test_a_but_clause_about_another_practice_is_read_on_its_own(catalogue, question, text, flags, flag, quote):
    found = _matches(catalogue, question, text)
    assert set(found) == flags
    assert _quote(found, flag) == quote


@pytest.mark.parametrize(
    ("question", "text", "flags"),
    [  # minimal pairs: a "but" within the answer's own practice still takes the plain answer back
        ("cr-how-changes-reviewed", "no, but every PR gets a look", {"code-review-required"}),
        ("pl-backlog", "there's a list, but nobody orders it", {"no-backlog"}),
    ],
)
def test_a_but_about_the_same_practice_still_qualifies_the_answer(catalogue, question, text, flags):
    assert read(catalogue, question, text) == flags


# --- data: "but it was scrapped" tells what happened to the practice before it, as ", it was scrapped" does


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("there was a paid rotation but it was scrapped", {"on-call-burden"}),
        ("we had a paid rotation but it got dropped", {"on-call-burden"}),
        ("there is a paid rotation but it is voluntary", {"no-after-hours-contact"}),  # minimal pair: nothing happened to it
    ],
)
def test_a_but_it_clause_tells_what_happened_to_the_practice_named_before(matcher, text, flags):
    assert found(matcher, text) == flags
