"""Candidate notes, round seventeen (issue 18): a change told along arrows, and a header of the candidate's
own wants ruling the list under it. Sentences of our own (not bench/sets/notes17*.jsonl), each family with
minimal pairs that must not change.
"""

from __future__ import annotations

import pytest

from tests.conftest import check

# -- a chain of states told with arrows: only the last state stands


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("builds: by hand -> bamboo -> now fully automatic with gitlab ci", {"has-ci"}, {"no-ci"}),
        ("bug tracking: none -> email folder -> a triaged jira project now", {"bugs-tracked"}, {"bugs-untracked"}),
        ("daily meeting 50 min -> 10 min since the new lead", set(), {"long-standups"}),
        ("tests: none -> a handful -> 90% coverage today", {"has-tests"}, {"no-tests"}),
        # the other way round: a green state that ended in a red one
        ("deploys: automated -> broken -> by hand again", {"no-ci"}, {"has-ci"}),
        ("roadmap: ranked board => nothing since the reorg", set(), {"prioritized-backlog"}),
    ],
)
def test_the_last_state_of_a_chain_stands(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # minimal pairs: an arrow of cause keeps every reading (no later state is named)
        ("no tests -> prod breaks every week", {"no-tests"}, {"has-tests"}),
        ("weekend crunch -> burnout -> people leaving", {"overtime-expected"}, set()),
        # the same states with no arrows read as before
        ("builds are done by hand", {"no-ci"}, {"has-ci"}),
        ("fully automatic deploys with gitlab ci", {"has-ci"}, {"no-ci"}),
        # a clause before the arrow is no earlier state: a word of the later state after it changes nothing
        ("they plan to add unit tests next year -> so none for now", {"no-tests"}, {"has-tests"}),
        ("the old test suite rotted after the migration -> now it's all manual checks", {"no-tests"}, {"has-tests"}),
        # "after" tells a result, not a later state
        ("constant crunch -> devs quit after every big release", {"overtime-expected"}, set()),
        # an arrow with nothing after it names no later state
        ("standup 50 min ->", {"long-standups"}, set()),
    ],
)
def test_an_arrow_of_cause_keeps_its_readings(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a header of the candidate's own wants ("things I want:") rules the list under it, up to a new header


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "things I want:\n- every PR reviewed\n- nobody paging me on holiday",
            set(),
            {"code-review-required", "no-after-hours-contact"},
        ),
        ("note to self:\n- a test suite that gates merges", set(), {"has-tests", "has-ci"}),
        ("things im looking for:\n* automated deploys\n* a ranked backlog", set(), {"has-ci", "prioritized-backlog"}),
    ],
)
def test_a_wants_header_rules_its_list(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # minimal pairs: the same list under a header that reports the team reads
        ("what they have:\n- every PR reviewed\n- a test suite that gates merges", {"code-review-required"}, set()),
        ("every PR reviewed", {"code-review-required"}, set()),
        # the "A:" of a question and its answer is no new header: advice asked for stays advice
        ("Q: any tips for testing old perl code? A: Write characterisation tests first.", set(), {"has-tests"}),
        # a new header after the list is about the team again
        ("things I want: paid on-call. (their setup: on-call is paid, one week in six)", {"no-after-hours-contact"}, set()),
    ],
)
def test_a_list_under_another_header_reads(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a reported question answered after a colon, a semicolon or a dash in its own sentence: the answer's words
# are a statement of the team


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("asked how they ship: someone copies the build to the server by hand", {"no-ci"}, {"has-ci"}),
        ("asked about weekends; 'nobody works weekends here, ever'", set(), {"overtime-expected"}),
        ("asked what happens on a PR - every change needs two approvals", {"code-review-required"}, {"no-code-review"}),
        ("asked about their unit tests: 'what unit tests?'", {"no-tests"}, {"has-tests"}),
    ],
)
def test_a_reported_question_answered_after_a_colon(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # minimal pairs: the question alone states nothing; the answer alone reads as it did
        ("asked how they ship", set(), {"no-ci", "has-ci"}),
        ("asked if every change needs two approvals", set(), {"code-review-required", "no-code-review"}),
        ("someone copies the build to the server by hand", {"no-ci"}, {"has-ci"}),
        # a comma-answered question reads as before
        ("asked about code review, he laughed", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_a_question_without_its_answer_states_nothing(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- shorthand families read as the flag (recall), each with a minimal pair that keeps its reading


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # review kept for some changes, the rest merged straight in
        ("they review the risky stuff; minor fixes go straight through", {"no-code-review"}, {"code-review-required"}),
        ("branch protection is on but the leads have override permissions and use them weekly", {"no-code-review"}, set()),
        # ticket writing dropped
        ("the team stopped creating tickets once the PM left", {"tickets-afterthought"}, set()),
        # time for fixes given up for features
        ("the monthly debt sprint was cancelled to make room for the new dashboard features", {"features-over-bugs"}, set()),
        # a suite named with every PR
        ("playwright suite on every pull request", {"has-ci"}, {"no-ci"}),
        # bugs handled from chat
        ("most issues just get sorted over slack", {"bugs-untracked"}, {"bugs-tracked"}),
        # a negation of a lack is no lack (the cues alone read nothing more)
        ("there are no missing tests in the billing service", set(), {"no-tests"}),
    ],
)
def test_shorthand_families_read(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("minor fixes go through review like everything else", set(), {"no-code-review"}),
        ("tests are mandatory on every MR", set(), {"has-ci", "no-tests"}),
        ("a lot of tests are missing", {"no-tests"}, {"has-tests"}),
        ("the team creates tickets before starting work", set(), {"tickets-afterthought"}),
        ("bugs come in through slack and get logged in jira", {"bugs-tracked"}, {"bugs-untracked"}),
    ],
)
def test_shorthand_minimal_pairs_hold(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- the candidate's doubt about a claim is an opinion: the claim reported reads (labelling conventions)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("he says all merges need an approval (doubt it)", {"code-review-required"}, {"no-code-review"}),
        ("reviews are 'in name only' per the dev I met", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_a_doubt_in_parentheses_keeps_the_claim(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- round two (after notes17b): more headers of one's own wants, tools cancelled, plans nobody keeps


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("nice to haves:\n- automated deploys\n- a hardware budget", set(), {"has-ci", "equipment-budget"}),
        ("my wishlist:\n* reviews on every PR", set(), {"code-review-required"}),
        ("travis was canceled last spring, builds are done by hand now", {"no-ci"}, {"has-ci"}),
        ("the deploy is a bash script on the founder's macbook", {"no-ci"}, {"has-ci"}),
        ("the approver is the author's own alt account", {"no-code-review"}, {"code-review-required"}),
        ("400 open tickets, none of them ranked", {"no-backlog"}, {"prioritized-backlog"}),
        ("the quarterly cleanup sprint got axed to ship more features", {"features-over-bugs"}, set()),
        ("tiny issues just get mentioned at standup", {"bugs-untracked"}, {"bugs-tracked"}),
        ("there's a testing wiki page, nobody updates it", set(), {"has-tests"}),
        # contact out of hours named as a noun; banned, it is the green side
        ("holiday pings from the CEO are normal", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("midnight texts got banned after the burnout survey", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_round_two_families_read(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # minimal pairs: the same lists under a header of the team's setup read; a tool kept reads
        ("their setup:\n- automated deploys on every merge", {"has-ci"}, set()),
        ("travis runs the builds on every push", {"has-ci"}, {"no-ci"}),
        ("the release is fully automated by a pipeline", {"has-ci"}, {"no-ci"}),
        ("the PM grooms the backlog every week", {"prioritized-backlog"}, {"no-backlog"}),
        ("every bug gets a ticket in jira", {"bugs-tracked"}, {"bugs-untracked"}),
    ],
)
def test_round_two_minimal_pairs_hold(matcher, text, present, absent):
    check(matcher, text, present, absent)
