"""Terse answers, sixth pass (issue 18): seldom-words as hedges, "we never did", emphasis that hides a
family cue ("every single merge"), a bare topic that states nothing, not knowing under a question that
probes only the product or the interviewer, a cue written with its own negation, new answer-family
wording, and per-question yes/no meanings as data."""

from __future__ import annotations

import pytest

from tests.conftest import read, with_classifier


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("ho-vacation", "every so often", "on-call-burden"),
        ("ho-messages-evening", "now and again, yes", "on-call-burden"),
        ("do-design-review", "once in a while", "no-code-review"),
        ("ho-vacation", "from time to time", "on-call-burden"),
    ],
)
def test_a_seldom_word_is_a_hedge_that_reads_the_questions_red_flag(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [("pr-retros", "we never did", "agile-unfamiliar"), ("ho-vacation", "we have never", "no-after-hours-contact")],
)
def test_never_with_a_subject_is_a_plain_no(catalogue, question, text, flag):
    assert read(catalogue, question, text) == {flag}


def test_emphasis_between_every_and_its_noun_does_not_hide_a_family_cue(catalogue):
    assert "has-ci" in read(catalogue, "ci-deploy-steps", "each and every push goes out by itself")
    assert "has-ci" in read(catalogue, "ci-release-frequency", "it ships on every single push")


def test_a_bare_topic_before_the_answer_states_nothing(catalogue):
    # "specs?" names what the answer is about; "a thread in slack" is the answer.
    got = read(catalogue, "do-spec-before-build", "specs? a slack thread, at best")
    assert "tickets-afterthought" in got
    assert "prioritized-backlog" not in got


def test_not_knowing_answers_a_question_that_probes_only_the_product(catalogue):
    assert read(catalogue, "pd-runway", "beats me") == {"unclear-product"}
    assert read(catalogue, "bu-team-value", "couldn't tell you") == {"unclear-product"}
    # ...but not a question about a practice, where it is no answer at all.
    assert read(catalogue, "pl-backlog", "beats me") == set()
    assert read(catalogue, "te-automated-tests", "good question") == set()


def test_a_cue_written_with_its_negation_outranks_the_opposite_it_turns(catalogue):
    # "prod" under the staging question reads no-ci, and "nothing" would turn it; "nothing like prod" is one reading.
    got = read(catalogue, "ci-environments", "we do, though it is nothing like production")
    assert got == {"no-ci"}


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("tf-holidays", "the same few people, every christmas", "on-call-burden"),
        ("ho-on-call", "one week in eight, comp day after each", "no-after-hours-contact"),
        ("cd-team-mood", "tense, after all the departures", "high-turnover"),
        ("pl-deadlines", "the CEO, and you don't argue with him", "overtime-expected"),
        ("in-postmortems", "we chat about it informally", "bugs-untracked"),
        ("pl-roadmap-visibility", "it's confidential", "no-backlog"),
        ("pd-success", "we haven't settled that yet", "unclear-product"),
        ("te-automated-tests", "just manual testing before releases", "no-tests"),
        ("pr-retros", "they get cancelled most sprints", "agile-unfamiliar"),
        ("hi-interviewer-tenure", "only since last month", "interviewer-new"),
        ("wp-time-zones", "four, so early calls for the europeans", "overtime-expected"),
    ],
)
def test_new_answer_family_wording_reads_under_a_question_of_its_flag(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_family_wording_reads_nothing_under_a_question_about_something_else(catalogue):
    assert "on-call-burden" not in read(catalogue, "to-hardware", "the same two people order them")
    assert "no-backlog" not in read(catalogue, "pb-health", "it's confidential")
    # A Makefile is not a pipeline, and deleting flaky tests says nothing about whether there are tests.
    assert "has-ci" not in read(catalogue, "ci-pipeline", "there's a makefile, that's it")
    assert "no-tests" not in read(catalogue, "te-flaky", "we delete those")


def test_per_question_yes_and_no_meanings(catalogue):
    assert read(catalogue, "do-runbooks", "nope") == {"on-call-burden"}
    assert read(catalogue, "do-runbooks", "yep, for each alert") == {"no-after-hours-contact"}
    # A setup guide is documentation, not CI: a plain no says nothing there, asking around does.
    assert read(catalogue, "do-onboarding-docs", "nah") == set()
    assert read(catalogue, "do-onboarding-docs", "nah, you ask around") == {"no-ci"}


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("cr-skip-review", "last friday, everyone was rushing", "no-code-review"),
        ("cr-review-turnaround", "several days, easily", "no-code-review"),
        ("cr-review-culture", "can't recall a single one", "no-code-review"),
        ("ho-overtime-comp", "a pat on the back", "overtime-expected"),
        ("mg-protect-time", "I forward it on, honestly", "overtime-expected"),
        ("ci-lead-time", "by end of day, normally", "has-ci"),
        ("ci-build-time", "more than an hour", "no-ci"),
        ("in-pages-per-week", "thrice", "on-call-burden"),
    ],
)
def test_new_answer_cues_of_a_question(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_a_share_is_read_as_a_percentage_against_the_question(catalogue):
    # Under "How much of the team that built it is still here?" a small share is turnover...
    assert "high-turnover" in read(catalogue, "kn-team-memory", "three out of twelve")
    assert "high-turnover" in read(catalogue, "kn-team-memory", "1/5 maybe")
    # ...and most of them is not.
    assert "high-turnover" not in read(catalogue, "kn-team-memory", "nine out of ten")
    # A percent sign is the unit the question's cue compares: estimates within a fifth are realistic.
    assert "realistic-deadlines" in read(catalogue, "pl-estimates", "the PM, mostly within 15%")
    assert "realistic-deadlines" not in read(catalogue, "pl-estimates", "the PM, off by 80%")


def test_a_yes_that_only_says_it_exists_leaves_room_for_what_follows(catalogue):
    assert read(catalogue, "pl-backlog", "there is one, in no real order") == {"no-backlog"}
    # A yes with nothing after it still answers.
    assert read(catalogue, "pl-backlog", "there is one") == {"prioritized-backlog"}


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("ci-pipeline", "semaphore, on every push", "has-ci"),
        ("ci-deploy-steps", "someone drags files over in winscp", "no-ci"),
        ("te-automated-tests", "minitest plus some cucumber", "has-tests"),
        ("bt-where-bugs-go", "a card on the trello board", "bugs-tracked"),
        ("hi-process-relevance", "a codesignal screen first", "trivia-interview"),
    ],
)
def test_a_tool_name_means_its_practice_under_a_question_about_it(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


def test_a_tool_name_means_nothing_under_a_question_about_something_else(catalogue):
    assert "bugs-tracked" not in read(catalogue, "pr-standup-length", "ten minutes, in front of the trello board")
    assert "has-ci" not in read(catalogue, "to-hardware", "a macbook, the heroku team gets the big ones")


def test_one_day_a_week_is_a_share_not_someday(catalogue):
    assert read(catalogue, "te-reserved-time", "one day each sprint") == {"prioritized-backlog"}
    assert read(catalogue, "te-reserved-time", "one day, maybe") == {"features-over-bugs"}


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("te-automated-tests", "we rely on QA for that", "no-tests"),
        ("te-tests-with-changes", "up to the developer really", "no-tests"),
        ("ho-messages-evening", "my manager does, so yes", "on-call-burden"),
        ("ho-messages-evening", "only if it's urgent", "on-call-burden"),
        ("ho-vacation", "no, people respect it", "no-after-hours-contact"),
        ("ci-deploy-steps", "raise a change request, then wait for ops", "no-ci"),
        ("pr-retros", "mostly a formality", "agile-unfamiliar"),
        ("pr-tickets", "at the beginning, normally", "prioritized-backlog"),
        ("ho-on-call", "all of us, every week", "on-call-burden"),
    ],
)
def test_more_answer_wording_of_the_core_questions(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("pl-backlog", "we really should have one", "no-backlog"),
        ("ci-pipeline", "we need one badly", "no-ci"),
        ("te-automated-tests", "we ought to write some", "no-tests"),
    ],
)
def test_a_wish_for_the_practice_says_it_is_missing(catalogue, question, text, flag):
    assert read(catalogue, question, text) == {flag}


def test_a_bare_name_then_what_it_is_worth(catalogue):
    assert read(catalogue, "ci-pipeline", "circleci, always red") == {"no-ci"}
    assert read(catalogue, "ci-pipeline", "circleci, runs the lot") == {"has-ci"}
    # A negated first clause is not a bare name: what follows does not overrule it.
    assert read(catalogue, "ci-pipeline", "no pipeline, we build on the server") == {"no-ci"}


def test_negated_negatives_in_terse_answers(catalogue):
    assert read(catalogue, "bt-where-bugs-go", "nothing goes unlogged") == {"bugs-tracked"}
    assert read(catalogue, "ho-vacation", "no one would, it's just not done") == {"no-after-hours-contact"}


def test_a_few_hundred_is_many(catalogue):
    assert read(catalogue, "te-automated-tests", "a couple of thousand, mostly unit") == {"has-tests"}
    assert read(catalogue, "te-automated-tests", "only a handful") == {"no-tests"}


def test_a_plain_no_denies_the_one_red_flag_a_question_asks_about(catalogue):
    # With the classifier saying turnover, a "none" under "How many people left?" still reads nothing.
    matcher = with_classifier(catalogue, {"none, they all stayed": {"high-turnover": 0.95}})
    question = catalogue.bank.questions["tm-turnover"]
    assert "high-turnover" not in {m.id for m in matcher.match("none, they all stayed", question=question)}
    # The same classifier reading stands where the answer says nothing against it.
    matcher = with_classifier(catalogue, {"two, both burnt out": {"high-turnover": 0.95}})
    assert "high-turnover" in {m.id for m in matcher.match("two, both burnt out", question=question)}


@pytest.mark.parametrize(
    ("question", "text", "flag"),
    [
        ("hi-interviewer-tenure", "joined a fortnight ago", "interviewer-new"),
        ("do-ticket-detail", "a few words, if that", "tickets-afterthought"),
        ("in-postmortems", "we keep meaning to", "bugs-untracked"),
        ("pr-retros", "we haven't had one since spring", "agile-unfamiliar"),
        ("cr-who-reviews", "she approves her own", "no-code-review"),
        ("cr-how-changes-reviewed", "someone has to sign it off", "code-review-required"),
    ],
)
def test_wording_found_in_the_second_batch(catalogue, question, text, flag):
    assert flag in read(catalogue, question, text)
