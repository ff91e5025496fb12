"""Round fifteen (issue 18): changes over time, "without" counterfactuals and "until" (without.py, until.py,
later_state.py). Sentences of our own (not those of bench/sets/change15*.jsonl), each family pinned with the
minimal pair that must keep its reading.
"""

from __future__ import annotations

import pytest

from tests.conftest import check


def evidence(matcher, text: str, flag_id: str) -> list[tuple[str, str]]:
    """(quoted words, context) of each piece of evidence for `flag_id` (classifier off)."""
    return [(e.text, e.context) for m in matcher.match(text, model="off") if m.id == flag_id for e in m.evidence]


# -- "without X" opening its clause, with a modal after it: X is there (the sentence says what it prevents)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Without our integration tests we would never catch the billing regressions.", {"has-tests"}, {"no-tests"}),
        ("Frankly, without code review the interns would break prod weekly.", {"code-review-required"}, {"no-code-review"}),
        ("Without the build pipeline, broken commits would reach staging every day.", {"has-ci"}, {"no-ci"}),
        ("If it wasn't for the pipeline, we would ship broken builds.", {"has-ci"}, {"no-ci"}),
        # the pairs: "without" with no modal is the absence; a modal before it is a wish; a plain "if they had"
        ("Features land without tests.", {"no-tests"}, {"has-tests"}),
        ("Pull requests are merged without review.", {"no-code-review"}, {"code-review-required"}),
        ("Without tests, last week's release broke the login page.", {"no-tests"}, {"has-tests"}),
        ("We would move faster without code review.", set(), {"no-code-review", "code-review-required"}),
        # ...but a modal whose verb turns a change away states the rule, with the change named or not
        ("Our lead would bounce any PR without tests.", {"has-tests"}, {"no-tests"}),
        ("We'd move faster without reviews, but the lead would bounce any PR without tests.", {"has-tests"}, {"no-tests"}),
        ("If they had tests, the outage would not have happened.", {"no-tests"}, {"has-tests"}),
    ],
)
def test_without_and_a_modal_after_says_the_practice_is_there(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_without_counterfactual_quotes_its_words(matcher):
    said = evidence(matcher, "Without the test suite we would be scared to refactor anything.", "has-tests")
    assert said, said
    assert said[0][0].startswith("Without the test suite"), said
    assert "counterfactual: 'without'" in said[0][1], said


# -- "until": the event after it dates the end of a practice, it is no fact of its own; a negation inside the
# cue before its "until" states the rule


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Two reviewers were mandatory until the crunch.", set(), {"overtime-expected"}),
        ("Unit tests were written for everything until the team lead left.", {"no-tests"}, {"high-turnover"}),
        ("An incident is not closed until it is logged.", {"bugs-tracked"}, {"bugs-untracked"}),
        # the pairs: the event said on its own is read; a rule's condition with no event stays the rule
        ("The crunch has meant weekend work for months.", {"overtime-expected"}, set()),
        ("Three engineers quit this spring.", {"high-turnover"}, set()),
        ("Nothing is merged until CI is green.", {"has-ci"}, {"no-ci"}),
        ("Bugs are never logged.", {"bugs-untracked"}, {"bugs-tracked"}),
    ],
)
def test_until_dates_an_event_and_gates_a_rule(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_until_rule_quotes_its_words(matcher):
    said = evidence(matcher, "A defect is not closed until it is logged.", "bugs-tracked")
    assert said, said
    assert "a rule: 'not ... until'" in said[0][1], said


# -- a change over time across ";" or ".": the later state stands, the earlier reading goes


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Approvals were optional; they became compulsory in March.", {"code-review-required"}, {"no-code-review"}),
        ("Peer review was rare; it became mandatory after the outage.", {"code-review-required"}, {"no-code-review"}),
        ("Code review was a formality. These days every PR gets a real review.", {"code-review-required"}, {"no-code-review"}),
        # the pairs: two parts of the team in the present keep the red one; a plain present stays as read
        ("Reviews are mandatory for juniors; seniors push straight to main.", {"no-code-review"}, set()),
        ("Reviews are optional for docs.", {"no-code-review"}, set()),
        ("Every PR needs one approval.", {"code-review-required"}, set()),
    ],
)
def test_a_change_over_time_keeps_the_later_state(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a change named after "but" with its own subject ("..., but the new lead cut them to ...") ends the clause before


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("The daily standup dragged on for an hour, but our new lead cut it to ten minutes.", set(), {"long-standups"}),
        ("Standups were way too long, but then the manager cut them down.", set(), {"long-standups"}),
        # the pair: a "but" with no change in it leaves the clause before as said
        ("Standups drag on for an hour, but the new lead is nice.", {"long-standups"}, set()),
    ],
)
def test_a_change_after_but_ends_the_clause_before(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a change that "would have gone out broken" is shipped, nobody left (context.yaml other_senses)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Without CI checks, half of those commits would have gone out broken.", {"has-ci"}, {"high-turnover", "no-ci"}),
        # the pair: people gone are still people gone
        ("Half of the team has gone since spring.", {"high-turnover"}, set()),
    ],
)
def test_changes_gone_out_are_shipped_not_people_leaving(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- the consequence of a "without" counterfactual says what the practice prevents; "stopped being" ends a state


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Without Jira, bugs would slip through the cracks.", {"bugs-tracked"}, {"bugs-untracked"}),
        ("If it hadn't been for the CI pipeline we would have shipped a broken build.", {"has-ci"}, {"no-ci"}),
        ("Reviews stopped being optional last year.", {"code-review-required"}, {"no-code-review"}),
        # the pairs: the same words told as what happens
        ("Bugs slip through the cracks all the time.", {"bugs-untracked"}, {"bugs-tracked"}),
        ("Reviews are optional.", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_a_consequence_and_a_stopped_state(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_the_consequence_quotes_the_practice(matcher):
    said = evidence(matcher, "Without Jira, bugs would slip through the cracks.", "bugs-tracked")
    assert said and "Jira" in said[0][0], said
    assert "counterfactual: 'without'" in said[0][1], said


# -- a later piece opened by "after"/"then" puts the piece before it in the past


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Each PR required a sign-off; after the layoffs engineers merge their own work.",
            {"no-code-review"},
            {"code-review-required"},
        ),
        # the pair: two parts of the team side by side, no sequence, keep the red part
        ("Reviews are required for juniors; seniors push straight to main.", {"no-code-review"}, set()),
    ],
)
def test_a_piece_opened_by_after_is_the_later_state(matcher, text, present, absent):
    check(matcher, text, present, absent)
