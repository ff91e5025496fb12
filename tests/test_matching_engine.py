"""The matching engine on small catalogues of its own: editing a shipped cue cannot break these."""

from __future__ import annotations

import dataclasses

import pytest

from prepbot.bank import AnswerKey, Flag, Question
from prepbot.bank_loader import read_context
from prepbot.matching import Matcher
from prepbot.matching.context_rules import CONTEXT_FILE
from prepbot.matching.cues import CueError, check_cue

FLAGS = [
    Flag("no-review", "red", "No review", "x", "high", "Ask?", ("nobody reviews", "review* ... skipped"), "review-ok"),
    Flag("review-ok", "green", "Reviewed", "x", "high", "Ask?", ("review* ... every|each change*|pr",), "no-review"),
    Flag("long-meetings", "red", "Long meetings", "x", "low", "Ask?", ("meeting* ... #>=30 minutes",)),
    Flag("no-plan", "red", "No plan", "x", "medium", "Ask?", ("no plan",), "has-plan"),
    Flag("has-plan", "green", "Plan", "x", "medium", "Ask?", ("roadmap*",), "no-plan"),
]


@pytest.fixture(scope="module")
def rules():
    loaded, problems = read_context(CONTEXT_FILE)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def matcher(rules):
    return Matcher(FLAGS, rules)


def ids(matcher, text, **kwargs):
    return {m.id for m in matcher.match(text, model="off", **kwargs)}


def test_every_piece_of_evidence_names_its_cue_and_context(matcher):
    [match] = matcher.match("We do not review each change.", model="off")
    assert match.id == "no-review"
    [evidence] = match.evidence
    assert evidence.source == "cue: review* ... every|each change*|pr"
    assert evidence.context == "negation before: 'not'"
    assert evidence.text == "not review each change"


def test_negation_without_an_opposite_says_nothing(matcher):
    assert ids(matcher, "Meetings last 45 minutes.") == {"long-meetings"}
    assert ids(matcher, "Meetings never last 45 minutes.") == set()


def test_rules_are_data_a_new_negation_word_takes_effect(rules):
    more = dataclasses.replace(rules, negation_before=rules.negation_before | {"nae"})
    assert ids(Matcher(FLAGS, rules), "We have nae roadmap.") == {"has-plan"}
    assert ids(Matcher(FLAGS, more), "We have nae roadmap.") == {"no-plan"}


def test_modifier_rules_are_data(rules):
    assert ids(Matcher(FLAGS, rules), "Perchance a roadmap.") == {"has-plan"}
    wish = dataclasses.replace(
        rules, modifiers=(*rules.modifiers, type(rules.modifiers[0])("hypothetical", "forward", 5, (("perchance",),)))
    )
    assert ids(Matcher(FLAGS, wish), "Perchance a roadmap.") == set()


QUESTION = Question(
    "q-plan",
    "c",
    "Is there a roadmap?",
    "why",
    ("engineer",),
    1,
    2,
    ("no-plan",),
    ("has-plan",),
    ("a",),
    ("b",),
    AnswerKey(if_yes="has-plan", if_no="no-plan", cues=(("no-plan", "whatever_comes_up"),)),
)
MEETING = Question(
    "q-meet",
    "c",
    "How long is the weekly meeting?",
    "why",
    ("engineer",),
    1,
    2,
    ("long-meetings",),
    (),
    ("a",),
    ("b",),
    AnswerKey(cues=(("long-meetings", "#>=30"),)),
)


@pytest.mark.parametrize(
    ("note", "question", "expected"),
    [
        ("nope", QUESTION, {"no-plan"}),
        ("Not really.", QUESTION, {"no-plan"}),
        ("yes, always", QUESTION, {"has-plan"}),
        ("yep", QUESTION, {"has-plan"}),
        ("we just do whatever comes up", QUESTION, {"no-plan"}),
        ("no, but there is a roadmap", QUESTION, {"has-plan"}),  # the "but" takes the plain no back
        ("nope", None, set()),  # without the question, a bare no says nothing
        ("~45 min", MEETING, {"long-meetings"}),
        ("10 minutes", MEETING, set()),
        ("yes", MEETING, set()),  # this question gives a plain yes no meaning
    ],
)
def test_answers_read_against_the_question(matcher, note, question, expected):
    assert ids(matcher, note, question=question) == expected


def test_an_answer_names_the_question_it_was_read_against(matcher):
    [match] = matcher.match("nope", question=QUESTION, model="off")
    assert match.evidence[0].source == "answer 'nope' to question q-plan"
    assert match.evidence[0].text == "nope"


def test_answer_cues_do_not_read_long_notes(matcher):
    long_note = "We talked for a while about the office, the team of 45 people and lunch. " * 3
    assert ids(matcher, long_note, question=MEETING) == set()


def test_a_note_on_another_topic_is_not_read_as_the_answer(matcher):
    """An answer cue ("yes") does not read a note whose own words state a flag of another topic."""
    # "nobody reviews" is about review, not the plan asked about: its "yes" answers nothing
    assert ids(matcher, "yes nobody reviews", question=QUESTION) == {"no-review"}
    # a note on the question's own topic is still read as its answer
    assert ids(matcher, "yes, always", question=QUESTION) == {"has-plan"}


@pytest.mark.parametrize("cue", ["", "@0.5", "a @2", "a @x", "*", "a||b", "re*view", " ".join(["w"] * 17)])
def test_bad_cues_are_refused(cue):
    with pytest.raises(CueError):
        check_cue(cue)
