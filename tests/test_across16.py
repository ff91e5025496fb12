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
