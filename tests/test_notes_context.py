"""Candidate notes read like a careful reader would (issue 18, fourth pass): the candidate's own
questions state nothing, and hedges, names only, fixed or dropped practices, negated negatives and
advice each read the state the team is really in. Sentences are our own.
"""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.matching import Matcher
from prepbot.matching.engine import ModelSlot


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def matcher(catalogue):
    return catalogue.matcher


def found(matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text, model="off")}


class KeywordModel:
    """A stand-in classifier that reads whole notes: it reads has-ci wherever "CI" is written and
    on-call-burden wherever "paged" is, and remembers what it was given."""

    unit = "text"
    thresholds: dict[str, float] = {}

    def __init__(self):
        self.seen: list[str] = []

    def flags(self, texts):
        self.seen.extend(texts)
        out = []
        for text in texts:
            probs = {}
            if "CI" in text:
                probs["has-ci"] = 0.95
            if "paged" in text:
                probs["on-call-burden"] = 0.95
            out.append(probs)
        return out


def with_model(catalogue):
    model = KeywordModel()
    return Matcher.from_bank(catalogue.bank, catalogue.rules, ModelSlot(lambda: model)), model


# -- the candidate's own questions


@pytest.mark.parametrize(
    "text",
    [
        "ask: do they have CI?",
        "q - who decides priorities?",
        "Q: is every PR reviewed",
        "need to ask about oncall",
        "? tests",
        "TODO ask how bugs get tracked",
        "remember to ask about turnover and weekend work",
        "follow up: code review process?",
        "wonder how they prioritise bugs vs features",
        "any automated tests?",
        "how long are standups? forgot to ask",
        "is deploy automated? check w/ recruiter",
    ],
)
def test_the_candidates_own_question_is_not_a_finding(matcher, text):
    assert found(matcher, text) == set()


def test_a_word_that_only_starts_like_a_question_still_reads():
    matcher = load_catalogue().matcher
    assert found(matcher, "Q3 backlog is prioritised by the PM weekly") == {"prioritized-backlog"}
    assert found(matcher, "Asked around: deploys are done by hand") == {"no-ci"}
    assert found(matcher, "Checked the repo, there are no tests") == {"no-tests"}


def test_the_classifier_reads_nothing_into_the_question_but_still_reads_the_rest(catalogue):
    matcher, model = with_model(catalogue)
    assert {m.id for m in matcher.match("ask: do they have CI?\nq - does anyone get paged at night?")} == set()
    note = "ask: do they have CI?\nlead got paged twice last weekend, unpaid"
    result = {m.id for m in matcher.match(note)}
    assert "has-ci" not in result  # only the question says CI
    assert "on-call-burden" in result
    assert all("CI" not in seen for seen in model.seen)
    # the evidence still points into the note as written, on its second line
    [match] = [m for m in matcher.match(note) if m.id == "on-call-burden"]
    assert all(e.start > note.index("\n") and note[e.start : e.end] == e.text for e in match.evidence)
