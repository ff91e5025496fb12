"""Candidate notes in shorthand and terse answers read under their question (issue 18, third pass)."""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def found(catalogue, text: str, question: str | None = None) -> set[str]:
    asked = catalogue.bank.questions[question] if question else None
    return {m.id for m in catalogue.matcher.match(text, question=asked, model="off")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unit tests: none", {"no-tests"}),
        ("tests: 0, all manual", {"no-tests"}),
        ("CI: none, the lead deploys by hand", {"no-ci"}),
        ("pipeline = nope", {"no-ci"}),
        ("backlog: none, ad hoc", {"no-backlog"}),
        ("reviews -> nope", {"no-code-review"}),
        ("tests: yes", {"has-tests"}),
        ("oncall: none", {"no-after-hours-contact"}),
        ("code review? used to", {"no-code-review"}),
        ("roadmap: someday", {"no-backlog"}),
    ],
)
def test_a_bare_topic_and_its_answer(catalogue, text, expected):
    assert found(catalogue, text) == expected


def test_a_bare_topic_without_an_answer_states_nothing(catalogue):
    assert found(catalogue, "tests: ask in round two about the flaky ones and the runner") == set()
    assert found(catalogue, "product: none") == set()  # not a topic the rules name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yep", {"has-tests"}),
        ("lol no", {"no-tests"}),
        ("honestly, no.", {"no-tests"}),
        ("nah", {"no-tests"}),
        ("kinda", {"no-tests"}),
        ("sort of, for the core", {"no-tests"}),
        ("yeah, kind of", {"no-tests"}),
        ("we're working on it", {"no-tests"}),
        ("used to", {"no-tests"}),
        ("someday", {"no-tests"}),
    ],
)
def test_yes_no_and_hedged_answers_to_a_practice_question(catalogue, text, expected):
    assert found(catalogue, text, "te-automated-tests") == expected


def test_a_hedge_reads_the_red_flag_when_the_question_asks_about_a_red_one(catalogue):
    # "Do people message you in the evening?" — a hedged answer is still the red flag, not its opposite.
    assert found(catalogue, "kinda", "ho-messages-evening") == {"on-call-burden"}
    assert found(catalogue, "nope", "ho-messages-evening") == {"no-after-hours-contact"}


def test_a_hedge_taken_back_by_but_is_not_a_plain_answer(catalogue):
    assert "no-tests" not in found(catalogue, "sort of, but every service has unit tests", "te-automated-tests")


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("bt-triage", "nobody really", {"bugs-untracked"}),
        ("bt-triage", "We don't, really.", {"bugs-untracked"}),
        ("ci-environments", "yes, it mirrors prod", {"has-ci"}),
        ("cr-pairing", "nope", {"no-code-review"}),
        ("cr-standards", "yes", {"has-ci"}),
        ("ho-incidents", "never", {"no-after-hours-contact"}),
        ("pl-next-month", "not sure, ask the PM", set()),
        ("bt-triage", "no idea, I work in sales", set()),
        ("pl-next-month", "nope", {"no-backlog"}),
        ("ci-environments", "nope, deploys are all automated", {"has-ci"}),
    ],
)
def test_open_questions_say_what_a_plain_no_means(catalogue, question, text, expected):
    assert found(catalogue, text, question) == expected


def test_nobody_alone_answers_but_nobody_before_a_verb_is_a_statement(catalogue):
    # "When did a change last go out without anyone else reading it?"
    assert found(catalogue, "nobody, not even the lead", "cr-skip-review") == {"code-review-required"}
    assert found(catalogue, "nobody reviews anything here", "cr-skip-review") == {"no-code-review"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TDD tried for a quarter, dropped", {"no-tests"}),
        ("unit tests on every PR, dropped the flaky ones", {"has-tests"}),
        ("the test suite disabled since spring", {"no-tests"}),
        ("integration tests deleted in the rewrite", {"no-tests"}),
        ("manual deploys dropped in march", {"has-ci"}),
        ("pipeline - someday", {"no-ci"}),
        ("peer review - when there's time", {"no-code-review"}),
        ("backlog exists, never used", {"no-backlog"}),
        ("on-call - dropped", {"no-after-hours-contact"}),
        ("unit tests when there's time", {"no-tests"}),
    ],
)
def test_dropped_and_hedged_practices_in_shorthand(catalogue, text, expected):
    assert found(catalogue, text) == expected


def test_a_practice_kept_is_not_read_as_dropped(catalogue):
    assert found(catalogue, "unit tests on every PR, the flaky ones fixed") == {"has-tests"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they deployed by hand until last year, now merges go out on their own", {"has-ci"}),
        ("releases were done by hand until 2024, now the pipeline ships them", {"has-ci"}),
        ("no code review until last spring, now every PR needs an approval", {"code-review-required"}),
        ("bugs went missing in email until march, now in linear", {"bugs-tracked"}),
    ],
)
def test_a_fixed_past_reads_the_new_state(catalogue, text, expected):
    assert found(catalogue, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nobody merges their own PR, not even the CTO", {"code-review-required"}),
        ("no self-merge, even the founders get reviewed", {"code-review-required"}),
        ("self-approval allowed on every repo", {"no-code-review"}),
        ("no direct pushes to main, admins included", {"code-review-required"}),
        ("devs commit to master directly", {"no-code-review"}),
    ],
)
def test_negated_negatives_about_review(catalogue, text, expected):
    assert found(catalogue, text) == expected


def test_a_few_thousand_tests_is_not_few_tests(catalogue):
    assert found(catalogue, "a few thousand, and they're fast", "te-automated-tests") == {"has-tests"}
    assert found(catalogue, "very few", "te-automated-tests") == {"no-tests"}


@pytest.mark.parametrize(
    "text",
    [
        "ask: who triages the bugs?",
        "Q for them: who approves the PRs?",
        "ask re test coverage next round",
        "todo: check whether CI runs on every branch",
        "follow up on the on-call rota",
    ],
)
def test_the_candidates_own_questions_state_nothing(catalogue, text):
    assert found(catalogue, text) == set()


def test_a_note_with_a_fact_and_a_question_keeps_the_fact(catalogue):
    assert found(catalogue, "no tests at all. ask why next round") == {"no-tests"}


def test_a_practice_that_used_to_be_is_a_no(catalogue):
    # "Are people expected to answer messages in the evening?" "used to" is the green answer now.
    assert found(catalogue, "used to", "ho-messages-evening") == {"no-after-hours-contact"}
    assert found(catalogue, "not anymore", "te-automated-tests") == {"no-tests"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no tests, no merge", {"has-tests"}),
        ("no review, no merge - enforced", {"code-review-required"}),
    ],
)
def test_no_x_no_y_is_a_rule_not_an_absence(catalogue, text, expected):
    assert found(catalogue, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily mtg 40m, the PM reads out jira", {"long-standups"}),
        ("interviewer joined 2 wks ago", {"interviewer-new"}),
        ("work handed out verbally, no tix", {"tickets-afterthought"}),
    ],
)
def test_note_taking_abbreviations(catalogue, text, expected):
    assert found(catalogue, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("peer review 'in name only'", {"no-code-review"}),
        ("pipeline someday", {"no-ci"}),
        ("unit tests none at all", {"no-tests"}),
        ("reviews always", {"code-review-required"}),
        ("tests sometimes flaky", set()),
    ],
)
def test_a_bare_topic_and_its_answer_without_a_separator(catalogue, text, expected):
    assert found(catalogue, text) == expected
