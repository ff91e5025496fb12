"""Word forms (round sixteen): compounds written as one word, contractions written out, and the minimal
pairs that must not read. Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.conftest import found


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # a compound written as one word reads as the cue's words apart
        ("codereview is mandatory for every change", "code-review-required"),
        ("Codereviews are mandatory here.", "code-review-required"),  # (first word: no name)
        ("every change is peerreviewed before merging", "code-review-required"),
        ("the testsuite runs on every push", "has-tests"),
        ("there is no testsuite", "no-tests"),
        ("we have a bugtracker", "bugs-tracked"),
        # a verb form of a cue word whose Snowball stem is a derivation's ("estimates": "estim")
        ("engineers own their estimating, product never overrides it", "realistic-deadlines"),
        # a contraction a cue spells short, written out
        ("they do not know what a sprint is", "agile-unfamiliar"),
    ],
)
def test_other_forms_read(matcher, text: str, flag: str) -> None:
    assert flag in found(matcher, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # no split of a real word, a name, or a piece of a link or file name
        ("meat is served at lunch on fridays", {"code-review-required", "no-code-review"}),
        ("the consultancy is called CodeReview Partners", {"code-review-required", "no-code-review"}),
        ("the notes live in docs/codereview.md", {"code-review-required", "no-code-review"}),
        ("see https://tracker.example.com/codereview.cgi for the board", {"code-review-required", "no-code-review"}),
        # a derivation is not the word: "unreviewed" is not "reviewed", a reviewer of a CV no code review
        ("most commits go in unreviewed", {"code-review-required"}),
        ("the reviewer of my application was friendly", {"code-review-required", "no-code-review"}),
        # written out, the contraction's negation is kept: "do" is no "do not"
        ("we do have a backlog", {"no-backlog"}),
    ],
)
def test_must_not_read(matcher, text: str, absent: set[str]) -> None:
    assert not absent & found(matcher, text)


def test_unreviewed_reads_its_negation(matcher) -> None:
    assert "no-code-review" in found(matcher, "most commits go in unreviewed")


def test_compound_evidence_quotes_the_word_as_written(matcher) -> None:
    text = "note: codereview is mandatory for every change"
    match = next(m for m in matcher.match(text, model="off") if m.id == "code-review-required")
    evidence = match.evidence[0]
    assert text[evidence.start : evidence.end] == evidence.text
    assert "codereview" in evidence.text


def _single(cue: str):
    from prepbot.bank import Flag
    from prepbot.catalogue import load_catalogue
    from prepbot.matching.engine import Matcher

    return Matcher([Flag("x", "red", "X", "x", "low", "?", (cue,))], load_catalogue().rules)


@pytest.mark.parametrize(
    ("cue", "text"),
    [
        # British and American spellings read each other (context.yaml `spellings`), both ways, real words too
        ("backlog is organized", "the backlog is organised by the lead"),
        ("backlog is organised", "the backlog is organized by the lead"),
        ("weird behavior", "there was some weird behaviour in the demo"),
        ("standup cancelled", "the standup got canceled again"),
    ],
)
def test_other_spelling_reads_the_cue(cue: str, text: str) -> None:
    assert [m.id for m in _single(cue).match(text, model="off")] == ["x"]


@pytest.mark.parametrize(
    ("cue", "text"),
    [
        ("backlog is organized", "the backlog is ordered by the lead"),  # no other word
    ],
)
def test_other_spelling_needs_the_same_word(cue: str, text: str) -> None:
    assert _single(cue).match(text, model="off") == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("codereview is optional", "codereview is optional"),
        ("honestly most of the code is unreviewed", "code is unreviewed"),
    ],
)
def test_a_word_read_in_parts_is_quoted_whole(matcher, text: str, quote: str) -> None:
    said = [e.text for m in matcher.match(text, model="off") for e in m.evidence]
    assert quote in said, said
