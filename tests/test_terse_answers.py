"""Terse answers read under the question they answer (issue 18, fourth pass)."""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.matching.engine import Matcher, ModelSlot


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


class _FixedReader:
    """A classifier whose readings are fixed per phrase, so the engine's handling of them is what is tested."""

    unit = "text"

    def __init__(self, says: dict[str, dict[str, float]]):
        self.thresholds: dict[str, float] = {}
        self._says = says

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        return [next((v for k, v in self._says.items() if k in text), {}) for text in texts]


def _with_classifier(catalogue, says: dict[str, dict[str, float]]) -> Matcher:
    return Matcher(catalogue.bank.flags.values(), catalogue.rules, ModelSlot(lambda: _FixedReader(says)))


def test_under_a_question_the_classifier_reads_only_the_flags_the_question_probes(catalogue):
    # "couple hours" under "how long does a review take?" is about reviews, whatever a classifier
    # trained on reviews of employers makes of "hours".
    matcher = _with_classifier(catalogue, {"couple hours": {"overtime-expected": 0.9, "code-review-required": 0.8}})
    question = catalogue.bank.questions["cr-review-turnaround"]
    assert {m.id for m in matcher.match("couple hours usually")} == {"overtime-expected", "code-review-required"}
    assert {m.id for m in matcher.match("couple hours usually", question=question)} == {"code-review-required"}


def test_the_opposite_of_a_probed_flag_is_on_topic_too(catalogue):
    matcher = _with_classifier(catalogue, {"in good shape": {"has-tests": 0.9}})
    question = catalogue.bank.questions["cd-change-first"]  # probes no-tests (and no-ci, no-code-review)
    assert "has-tests" in {m.id for m in matcher.match("testing is in good shape", question=question)}
    question = catalogue.bank.questions["pr-standup-length"]  # probes long-standups only
    assert "has-tests" not in {m.id for m in matcher.match("testing is in good shape", question=question)}


def test_the_cues_still_report_what_an_off_topic_answer_says(catalogue):
    # A terse answer that states another flag in so many words keeps it: only classifier guesses are limited.
    matcher = _with_classifier(catalogue, {})
    question = catalogue.bank.questions["pr-standup-length"]
    assert "no-code-review" in {m.id for m in matcher.match("we push straight to main", question=question)}


def test_a_long_note_under_a_question_is_not_limited(catalogue):
    note = (
        "The standup is short, ten minutes at most, but afterwards the lead keeps everyone on a call for "
        "another hour about whatever came up, and people stay late most evenings to catch up on the real work."
    )
    matcher = _with_classifier(catalogue, {"stay late": {"overtime-expected": 0.9}})
    question = catalogue.bank.questions["pr-standup-length"]
    assert "overtime-expected" in {m.id for m in matcher.match(note, question=question)}


def found(catalogue, question: str, text: str) -> set[str]:
    return {m.id for m in catalogue.matcher.match(text, question=catalogue.bank.questions[question], model="off")}


def test_a_weak_reading_on_another_topic_does_not_stop_the_answer(catalogue):
    # "CI" alone is too little to report has-ci, so it cannot make the note "about something else".
    assert found(catalogue, "bt-who-reports", "CI catches most") == {"has-tests"}


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("ci-pipeline", "jenkins, sorta", {"no-ci"}),
        ("ci-pipeline", "jenkins", {"has-ci"}),
        ("bt-where-bugs-go", "linear, sorta", {"bugs-untracked"}),
        ("te-automated-tests", "some, when there's time", {"no-tests"}),
        ("to-tracker", "jira mostly", {"bugs-tracked"}),  # mostly Jira is Jira
    ],
)
def test_a_hedge_after_the_answer_makes_it_the_red_flag(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no change merges without tests", set()),  # a rule, not a "no"; never the red flag
        ("no we don't", {"no-tests"}),
        ("no, never", {"no-tests"}),
        ("nope", {"no-tests"}),
    ],
)
def test_no_before_a_noun_is_not_a_plain_no(catalogue, text, expected):
    assert found(catalogue, "te-tests-with-changes", text) == expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # on the way, on paper or in part: the question's red flag
        ("te-automated-tests", "we're getting there", {"no-tests"}),
        ("te-tests-with-changes", "mostly", {"no-tests"}),
        ("ho-messages-evening", "officially no", {"on-call-burden"}),
        ("cr-how-changes-reviewed", "technically yes", {"no-code-review"}),
        ("pl-backlog", "soon", {"no-backlog"}),
        ("pr-tickets", "we're supposed to write them first", {"tickets-afterthought"}),
        # ...but "mostly" before an answer is a filler, not a hedge
        ("pl-backlog", "mostly yes", {"prioritized-backlog"}),
        # a practice dropped, or a problem that stopped: the state now
        ("te-automated-tests", "phased out", {"no-tests"}),
        ("ho-messages-evening", "not since the new VP", {"no-after-hours-contact"}),
        ("ho-messages-evening", "not expected, no", {"no-after-hours-contact"}),
        ("te-tests-with-changes", "not required", {"no-tests"}),
    ],
)
def test_hedges_and_a_fixed_past_in_terse_answers(catalogue, question, text, expected):
    assert found(catalogue, question, text) == expected
