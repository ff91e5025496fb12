"""A flag stated across sentences, round sixteen (issue 18): a list under a heading that says its items are
missing ("Things this team skips:\\n- peer review"). Sentences of our own (not bench/sets/across16*.jsonl); each rule
has a minimal pair that must not read it.
"""

from __future__ import annotations

import pytest

from tests.conftest import check


def _evidence(matcher, text: str, flag_id: str) -> list[tuple[str, str]]:
    """(quoted text, context) of each piece of evidence the rules give for `flag_id` in `text`."""
    for match in matcher.match(text, model="off"):
        if match.id == flag_id:
            return [(e.text, e.context) for e in match.evidence]
    raise AssertionError((text, flag_id, [m.id for m in matcher.match(text, model="off")]))


# -- a heading of absence over a bulleted or numbered list: each item's practice is missing


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Things the team never set up:\n- code review\n- a wiki", set(), {"code-review-required"}),
        ("What this shop lacks:\n- unit tests\n- a roadmap", {"no-tests"}, {"has-tests"}),
        ("Stuff they don't have:\n- a bug tracker\n- offsites", {"bugs-untracked"}, {"bugs-tracked"}),
        ("Not in place yet:\n* CI\n* code review", {"no-ci", "no-code-review"}, {"has-ci", "code-review-required"}),
        ("Things that don't exist there:\n1. a backlog\n2. unit tests", {"no-backlog", "no-tests"}, {"prioritized-backlog"}),
        # an item that already says its absence stays as it is, and answers no topic ("- no CI" is no "CI? no")
        ("Missing entirely:\n- no CI at all\n- no staging box", {"no-ci"}, {"has-ci"}),
    ],
)
def test_items_under_a_heading_of_absence_are_missing(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # minimal pairs: a heading that says the items hold, or says nothing of absence, reads them as they are
        ("Things the team does well:\n- code review\n- unit tests", {"has-tests"}, {"no-code-review", "no-tests"}),
        ("What they have:\n- unit tests\n- a roadmap", set(), {"no-tests"}),
        ("Things to ask about next time:\n- a backlog\n- CI", set(), {"no-backlog", "no-ci"}),
        # the heading reaches only its list: a paragraph after it reads on its own
        ("Missing here:\n- a wiki\n- offsites\n\nEvery PR needs an approval.", {"code-review-required"}, {"no-code-review"}),
    ],
)
def test_a_heading_reaches_only_its_own_list(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_item_and_the_heading_are_the_evidence(matcher):
    text = "What this team skips:\n- peer review on pull requests\n- retros"
    quotes = _evidence(matcher, text, "no-code-review")
    assert any("review" in quote and context == "listed under 'What this team skips:'" for quote, context in quotes), quotes
    assert "code-review-required" not in {m.id for m in matcher.match(text, model="auto")}


# -- a question on one line and its answer on the next: the line break is no sentence between them


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Unit tests?\nNone at all.", {"no-tests"}, {"has-tests"}),
        ("Is there any CI?\nNope.", {"no-ci"}, {"has-ci"}),
        ("Do PRs get a reviewer?\nYes, always.", {"code-review-required"}, {"no-code-review"}),
        ("I asked if they keep a backlog.\nShe laughed.", {"no-backlog"}, {"prioritized-backlog"}),
        # minimal pairs: a question left unanswered on its line, and an answer about something else
        ("Is there any CI?\nThe office is near the station.", set(), {"no-ci", "has-ci"}),
        ("Do PRs get a reviewer?\nForgot to ask, next time.", set(), {"no-code-review", "code-review-required"}),
    ],
)
def test_an_answer_on_the_next_line_answers_the_question(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_answer_on_the_next_line_is_quoted_with_its_question(matcher):
    quotes = _evidence(matcher, "Is there any CI?\nNope.", "no-ci")
    assert any("CI" in quote and "Nope" in quote for quote, _ in quotes), quotes


# -- a sentence that takes the practice back, with a filler word in it ("Nobody actually follows it")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Reviewing PRs is the official rule. Nobody really follows it.", {"no-code-review"}, {"code-review-required"}),
        ("We have a prioritised backlog. Nobody actually looks at it.", {"no-backlog"}, {"prioritized-backlog"}),
        # minimal pair: the next sentence is about something else
        ("We have a prioritised backlog. Nobody actually likes the office.", {"prioritized-backlog"}, {"no-backlog"}),
    ],
)
def test_a_filler_does_not_hide_a_taken_back_practice(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a practice named in one sentence and what happened to it in the next, through a pronoun


def test_the_fate_of_a_practice_named_before_reads_on_the_plain_name(matcher):
    text = "They set up a Jira board for defects once. It was abandoned after a quarter."
    quotes = _evidence(matcher, text, "bugs-untracked")
    assert any("abandoned" in quote and "Jira" in context for quote, context in quotes), quotes
    assert "bugs-tracked" not in {m.id for m in matcher.match(text, model="off")}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # minimal pairs: what follows is no fate of the practice
        ("They set up a Jira board for defects once. It works fine.", {"bugs-tracked"}, {"bugs-untracked"}),
        ("They set up a Jira board for defects. The office was abandoned after a quarter.", {"bugs-tracked"}, {"bugs-untracked"}),
    ],
)
def test_no_fate_no_turn(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a practice told in the past, then the later practice brought in: only the later one stands


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Releases used to be a manual FTP copy. They introduced a CI pipeline in the spring.", {"has-ci"}, {"no-ci"}),
        ("Releases used to be a manual FTP copy. Last year they set up a proper CI pipeline.", {"has-ci"}, {"no-ci"}),
        # minimal pair: told in the present, the manual copy is no earlier state
        ("Releases are a manual FTP copy. They introduced a CI pipeline for the mobile app.", {"no-ci", "has-ci"}, set()),
    ],
)
def test_the_practice_brought_in_later_stands(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a reported question the next sentence leaves unanswered is a question only (the classifier read it as the team's)


@pytest.mark.parametrize(
    "text",
    [
        "I asked how releases get deployed. She said she would get back to me on that.",
        "Asked where customer bugs are logged. We ran out of time before he answered.",
    ],
)
def test_an_unanswered_reported_question_reads_nothing(matcher, text):
    assert {m.id for m in matcher.match(text, model="auto")} == set(), text


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # minimal pairs: an answer came, a laugh among the words of a deferral, or a plain no
        ("Asked where customer bugs are logged. He laughed and said he'd get back to me.", {"bugs-untracked"}),
        ("I asked if releases are automated. She said no, and that she would get back to me on the rest.", {"no-ci"}),
    ],
)
def test_an_answer_beside_a_deferral_still_answers(matcher, text, present):
    assert present <= {m.id for m in matcher.match(text, model="off")}, text


# -- a situation told, then ended by "That stopped": "that" is the whole situation, not the practice its words name


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Engineers pushed straight to main without review. That stopped in the autumn.",
            {"code-review-required"},
            {"no-code-review"},
        ),
        ("People got called at 2am for outages. That ended after the reorg.", {"no-after-hours-contact"}, {"on-call-burden"}),
        # minimal pairs: what broke, and a sentence that ends nothing
        ("They ran everything on Jenkins. That stopped working in the spring.", {"no-ci"}, {"has-ci"}),
        ("Engineers pushed straight to main without review. That was the norm.", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_that_stopped_ends_the_situation_before(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_ended_situation_is_quoted_with_the_ending(matcher):
    text = "Engineers pushed straight to main without review. That stopped in the autumn."
    quotes = _evidence(matcher, text, "code-review-required")
    assert any("main" in quote and "That stopped" in context for quote, context in quotes), quotes
    assert "no-code-review" not in {m.id for m in matcher.match(text, model="auto")}
