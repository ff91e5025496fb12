"""Terse answers, seventh pass (issue 18): a condition that is the answer ("only if you ..."), "-ish" as an
approximation, "almost all" as a quantity, a "nobody" that agrees with the practice, denials that keep the
classifier out of an answer that says the red flag does not hold, frequency words as a yes, a plain yes or
no that closes the answer, and new answer-family and per-question wording."""

from __future__ import annotations

import pytest

from tests.conftest import read, with_classifier


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("ca-pay-review", "only if you hand in your notice", "high-turnover"),
        ("pb-bonus", "about half, and only if you put in the extra hours", "overtime-expected"),
        ("au-say-no", "only when nobody says no", "overtime-expected"),
    ],
)
def test_a_condition_that_opens_the_answer_or_follows_only_is_the_answer(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_a_condition_in_a_longer_statement_is_still_a_hypothetical(catalogue):
    # Not the answer's own condition: "if we ever had layoffs" imagines them.
    assert "high-turnover" not in read(catalogue, "ca-pay-review", "yearly; it would change if we ever had layoffs")


def test_ish_joined_to_a_word_approximates_and_does_not_hedge(catalogue):
    # "8 minutes-ish" is about eight minutes of tests: the suite is there.
    assert read(catalogue, "te-automated-tests", "jest, 8 minutes-ish") == {"has-tests"}
    # "ish" on its own after the answer still hedges it.
    assert "has-tests" not in read(catalogue, "te-automated-tests", "unit tests, ish")


def test_almost_all_is_a_quantity_not_a_hedge(catalogue):
    assert "high-turnover" not in read(catalogue, "kn-team-memory", "nearly all of them, still")
    assert "high-turnover" in read(catalogue, "kn-team-memory", "almost nobody")


def test_a_nobody_that_agrees_with_the_practice_is_not_in_name_only(catalogue):
    got = read(catalogue, "wp-time-zones", "two, calls rotate so nobody's always up late")
    assert "on-call-burden" not in got
    # ...while a practice nobody uses is still one in name only.
    assert "bugs-untracked" in read(catalogue, "bt-where-bugs-go", "there's a jira project, nobody opens it")


def test_an_answer_that_denies_a_red_flag_keeps_the_classifier_out(catalogue):
    question = catalogue.bank.questions["pr-standup-length"]
    matcher = with_classifier(catalogue, {"ten minutes, standing up": {"long-standups": 0.95}})
    assert "long-standups" not in {m.id for m in matcher.match("ten minutes, standing up", question=question)}
    # An answer that says nothing against it leaves the classifier's reading alone.
    matcher = with_classifier(catalogue, {"depends on the day": {"long-standups": 0.95}})
    assert "long-standups" in {m.id for m in matcher.match("depends on the day", question=question)}
    # ...and the answer's own words for the red flag win over a denial beside them.
    assert "long-standups" in read(catalogue, "pr-standup-length", "15 min on paper, then it drags on")


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("ho-evenings-leaders", "most weeks, sadly", "overtime-expected"),
        ("pr-interruptions", "constantly, the sales lead", "agile-unfamiliar"),
        ("ho-messages-evening", "pretty often", "on-call-burden"),
    ],
)
def test_a_frequency_word_is_a_yes(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_a_plain_answer_that_closes_the_answer_answers_it(catalogue):
    assert read(catalogue, "in-pages-per-week", "slow week, zero") == {"no-after-hours-contact"}
    assert read(catalogue, "in-disaster-recovery", "a restore? never") == {"no-ci"}
    # Not when a later sentence takes it back.
    assert "no-after-hours-contact" not in read(catalogue, "ho-messages-evening", "required, no. but everyone answers")


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("ci-deploy-steps", "merge = deploy, basically", "has-ci"),
        ("ci-pipeline", "only a linter", "has-ci"),
        ("ci-deploy-steps", "open a ticket, ping devops and wait", "no-ci"),
        ("bt-where-bugs-go", "they land in someone's inbox", "bugs-untracked"),
        ("pl-backlog", "three of them, all conflicting", "no-backlog"),
        ("pr-tickets", "when the manager nags us", "tickets-afterthought"),
        ("cr-how-changes-reviewed", "it has to go through a PR first", "code-review-required"),
        ("cr-pairing", "for us pairing is the review", "no-code-review"),
        ("tm-why-open", "the last two hires didn't stick", "high-turnover"),
        ("hi-interviewer-tenure", "honestly I'm on day four", "interviewer-new"),
        ("pd-pivots", "it keeps shifting every quarter", "unclear-product"),
        ("bt-bug-vs-feature", "the bigger deal, every time", "features-over-bugs"),
        ("te-tests-with-changes", "that's on you", "no-tests"),
        ("in-escalation", "nobody, they keep going until it's fixed", "on-call-burden"),
        ("to-home-office", "a headset and a webcam", "equipment-budget"),
    ],
)
def test_new_answer_family_wording(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_a_family_word_means_its_practice_only_under_a_question_about_it(catalogue):
    # "inbox" is where bugs go to die under a bug question; under a question about evenings it says nothing of bugs.
    assert "bugs-untracked" not in read(catalogue, "ho-messages-evening", "my inbox is quiet after six")


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("ho-crunch", "since march, no end in sight", "overtime-expected"),
        ("tf-carry-over", "two weeks, easily", "overtime-expected"),
        ("tf-approval", "not during launch weeks", "overtime-expected"),
        ("do-runbooks", "it's all in Priya's head", "on-call-burden"),
        ("pl-scope-change", "something the same size gets taken out", "realistic-deadlines"),
        ("wp-focus-hours", "25 minutes on a good day", "long-standups"),
        ("tm-turnover", "about a quarter of us", "high-turnover"),
    ],
)
def test_per_question_answer_meanings(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_numbers_are_read_against_the_question(catalogue):
    # 40 minutes of focus is fine; 25 is a day cut up by meetings (the dev sets' convention is 30 or less).
    assert "long-standups" not in read(catalogue, "wp-focus-hours", "about 40 minutes")
    assert "high-turnover" not in read(catalogue, "tm-turnover", "one person, in a year")


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("bt-triage", "a weekly bug meeting, usually cancelled", "bugs-untracked"),
        ("te-flaky", "rerun them, the suite is mostly decoration", "no-tests"),
    ],
)
def test_a_practice_named_then_said_not_to_happen_is_in_name_only(catalogue, question, text, flag):
    got = read(catalogue, question, text)
    assert flag in got
    assert catalogue.bank.flags[flag].opposite not in got


def test_a_laugh_at_the_practice_named_is_its_red_flag(catalogue):
    assert read(catalogue, "te-automated-tests", "haha tests") == {"no-tests"}
    # ...but a laugh before a real answer is a filler.
    assert read(catalogue, "te-automated-tests", "lol, we have loads of unit tests") == {"has-tests"}


def test_a_hedge_about_bothering_reads_the_red_flag(catalogue):
    assert read(catalogue, "bt-where-bugs-go", "linear, if anyone bothers") == {"bugs-untracked"}


def test_it_depends_alone_is_no_answer(catalogue):
    assert read(catalogue, "pl-backlog", "it kind of depends") == set()


def test_the_answer_after_in_practice_is_the_answer(catalogue):
    assert read(catalogue, "ho-messages-evening", "on paper no, in practice yes") == {"on-call-burden"}


def test_not_a_single_before_a_noun_is_a_determiner_not_a_plain_no(catalogue):
    # "not a single change ships without tests" is a rule that tests are there, not "no" to the question.
    got = read(catalogue, "te-tests-with-changes", "not a single change ships without them")
    assert "has-tests" in got
    assert "no-tests" not in got
    # ...while "not a single one" on its own still answers no.
    assert read(catalogue, "te-automated-tests", "not a single one") == {"no-tests"}
