"""Real-text reading of the process flags, fifth pass: general statements read as facts, and flags
stated across neighbouring sentences (a question and its answer, a practice and the sentence that
takes it back through "it"/"they").

What a user sees is the set of flags `prepbot analyze` reports; the tests read the flags of this
group only, so that wording for the other flags can change without touching them. Every sentence
here is our own.
"""

from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue

PROCESS = {
    "no-code-review",
    "code-review-required",
    "no-tests",
    "has-tests",
    "no-ci",
    "has-ci",
    "bugs-untracked",
    "bugs-tracked",
    "tickets-afterthought",
    "no-backlog",
    "prioritized-backlog",
    "agile-unfamiliar",
}


@pytest.fixture(scope="module")
def matcher():
    return load_catalogue().matcher


def found(matcher, text: str) -> set[str]:
    return {m.id for m in matcher.match(text, model="off")} & PROCESS


# -- general statements: the trade, a generic subject, a claim about the practice, a rhetorical question


@pytest.mark.parametrize(
    "text",
    [
        "At most companies, every pull request is reviewed by someone else.",
        "In many teams, the backlog is just a place where ideas go to die.",
        "At big companies, deploys are automated through a pipeline.",
        "Few teams bother to keep a proper bug tracker.",
        "Most programmers believe they can keep every bug in their heads.",
        "Mandatory review by two people lowers the risk of a bad merge.",
        "Keeping an issue tracker is one of the hallmarks of a healthy shop.",
        "Why bother with unit tests if the users will find the bugs anyway?",
    ],
)
def test_a_general_statement_shows_no_flag(matcher, text):
    assert found(matcher, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same practices told of a real team still count
        ("At my company, every pull request is reviewed by someone else.", {"code-review-required"}),
        ("Most developers here push directly to production.", {"no-code-review"}),
        ("In general, we skip code review for hotfixes.", {"no-code-review"}),
    ],
)
def test_the_same_words_about_a_real_team_still_count(matcher, text, expected):
    assert found(matcher, text) == expected
