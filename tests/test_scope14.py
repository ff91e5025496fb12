"""A reading stays in its clause, and crosses only where it should (round fourteen, brief SCOPE14).

Matcher level: the flags read and the words quoted as their evidence. Every sentence is our own; each
family keeps a minimal pair that must not change.
"""

from __future__ import annotations

import pytest


def _read(matcher, bank, text: str, question: str | None = None) -> dict[str, list[str]]:
    """Flag id -> the quoted evidence, cues and answer rules only."""
    asked = bank.questions[question] if question else None
    return {m.id: [e.text for e in m.evidence] for m in matcher.match(text, question=asked, model="off")}


# -- a wide "..." gap of a cue does not reach past "but" after a negation, nor into a "not just" contrast: the
# negation of one clause says nothing of the words of the other.


@pytest.mark.parametrize(
    ("text", "flag", "quote", "absent"),
    [
        (
            "nobody reads the changelog, but code gets two approvals",
            "code-review-required",
            "code gets two approvals",
            "no-code-review",
        ),
        (
            "no one proofreads the wiki, though every PR gets a reviewer",
            "code-review-required",
            "every PR gets a reviewer",
            "no-code-review",
        ),
        ("defects go into youtrack, not just mentioned over chat", "bugs-tracked", "defects go into youtrack", "bugs-untracked"),
    ],
)
def test_a_wide_gap_stays_out_of_a_contrasting_clause(matcher, bank, text, flag, quote, absent):
    read = _read(matcher, bank, text)
    assert flag in read and absent not in read, (text, read)
    assert read[flag] == [quote], read[flag]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        # the pair: with no negation before it, a cue still reads across "but" ("long but ranked")
        ("the backlog is enormous but it is ranked every week", "prioritized-backlog"),
        # ...and a bare "not" after a comma shares the verb before it: "skip X, not Y" does not skip Y
        ("we skip the sprint demo, not the code review", "code-review-required"),
        # ...and past a negation when the clause after "but" goes on about the same subject
        ("the hiring manager wasn't unpleasant, but she had only been there two weeks", "interviewer-new"),
        ("the codebase wasn't the worst I've seen, but it was a tangled mess", "poor-code-quality"),
        # ...and "except" is a restriction, not a contrast
        ("nobody here knows how the release works except Priya, who does it by hand", "no-ci"),
    ],
)
def test_a_wide_gap_still_crosses_where_it_should(matcher, bank, text, flag):
    assert flag in _read(matcher, bank, text), text


# -- a pronoun that opens the next sentence ("it", "they", "that") carries what happened to it back to the
# practice named before: dropped, switched off, archived.


@pytest.mark.parametrize(
    ("text", "flag", "quote", "absent"),
    [
        (
            "we had a decent regression suite; it got deleted during the rewrite",
            "no-tests",
            "it got deleted during the rewrite",
            "has-tests",
        ),
        ("they ran a Jenkins server. it was switched off last winter", "no-ci", "it was switched off last winter", "has-ci"),
        ("there was a jira project for bugs; it was archived in may", "bugs-untracked", "it was archived in may", "bugs-tracked"),
        (
            "pull request reviews were mandatory. that ended when the CTO left",
            "no-code-review",
            "that ended when the CTO left",
            "code-review-required",
        ),
    ],
)
def test_a_pronoun_carries_a_dropped_practice_back(matcher, bank, text, flag, quote, absent):
    read = _read(matcher, bank, text)
    assert flag in read and absent not in read, (text, read)
    assert quote in read[flag], read[flag]


def test_a_practice_taken_back_by_the_next_sentence_is_turned_round_though_named_weakly(matcher, bank):
    read = _read(matcher, bank, "we had a planning backlog. nobody has opened it since the spring")
    assert "no-backlog" in read and "prioritized-backlog" not in read, read


@pytest.mark.parametrize(
    ("text", "flag", "absent"),
    [
        # the pairs: the same shape with the practice kept
        ("we had a decent regression suite; it still runs on every merge", "has-tests", "no-tests"),
        ("they run a Jenkins server. it builds every branch", "has-ci", "no-ci"),
        ("We have CI in the sense of a Jenkins box. It has not run a job in a year.", "no-ci", "has-ci"),
    ],
)
def test_a_pronoun_sentence_that_keeps_the_practice_keeps_it(matcher, bank, text, flag, absent):
    read = _read(matcher, bank, text)
    assert flag in read and absent not in read, (text, read)


# -- "until <event>" after a stated practice: the practice stopped, in a note and in an answer; the event's
# words are no answer.


@pytest.mark.parametrize(
    ("text", "question", "flag", "absent"),
    [
        ("the PO kept it ranked until she went on leave and quit", "pl-backlog", "no-backlog", "prioritized-backlog"),
        ("yes, until the product manager left", "pl-backlog", "no-backlog", "prioritized-backlog"),
        ("two approvals on every PR until the team shrank", "cr-how-changes-reviewed", "no-code-review", "code-review-required"),
        ("linear, until the subscription lapsed", "bt-where-bugs-go", "bugs-untracked", "bugs-tracked"),
        ("the roadmap was groomed every sprint until the acquisition", None, "no-backlog", "prioritized-backlog"),
        ("bugs were logged in youtrack until the contract ended", None, "bugs-untracked", "bugs-tracked"),
    ],
)
def test_until_an_event_ends_the_practice(matcher, bank, text, question, flag, absent):
    read = _read(matcher, bank, text, question)
    assert flag in read and absent not in read, (text, read)


@pytest.mark.parametrize(
    ("text", "question", "flag", "absent"),
    [
        # the pairs: "until" as the condition of a rule
        (
            "nothing is merged until a second engineer approves it",
            "cr-how-changes-reviewed",
            "code-review-required",
            "no-code-review",
        ),
        ("a pull request waits until two reviewers approve", None, "code-review-required", "no-code-review"),
        ("nothing merges until the pipeline is green", None, "has-ci", "no-ci"),
    ],
)
def test_until_as_a_rules_condition_keeps_the_practice(matcher, bank, text, question, flag, absent):
    read = _read(matcher, bank, text, question)
    assert flag in read and absent not in read, (text, read)


def test_the_event_after_until_is_quoted_with_the_practice_it_ends(matcher, bank):
    read = _read(matcher, bank, "bugs were logged in youtrack until the contract ended")
    assert read["bugs-untracked"] == ["bugs were logged in youtrack"], read


# -- two plain statements of one practice side by side, the red one for part of the team: the practice does not hold
# for every change, so the red one stands; each flag quotes its own clause.


@pytest.mark.parametrize(
    ("text", "flag", "quote", "absent"),
    [
        (
            "interns need two approvals per PR; staff engineers push directly to master",
            "no-code-review",
            "push directly to master",
            "code-review-required",
        ),
        (
            "contractors merge their own changes; employees need a review for each merge",
            "no-code-review",
            "merge their own changes",
            "code-review-required",
        ),
    ],
)
def test_a_practice_that_holds_for_part_of_the_team_reads_red(matcher, bank, text, flag, quote, absent):
    read = _read(matcher, bank, text)
    assert flag in read and absent not in read, (text, read)
    assert read[flag] == [quote], read[flag]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        # the pairs: two parts of the work on CI say both; a past and a now are a change, not two parts
        ("the website deploys on every merge automatically; the android app is deployed by hand", {"has-ci", "no-ci"}),
        ("every PR needs an approval; two people left last month", {"code-review-required", "high-turnover"}),
    ],
)
def test_parallel_statements_that_are_not_parts_of_one_practice_keep_both(matcher, bank, text, flags):
    assert flags <= set(_read(matcher, bank, text)), text


@pytest.mark.parametrize(
    ("text", "flag", "absent"),
    [
        # a negated act with no subject of its own, then "until" and the practice: a rule, not a missing practice
        ("a release doesn't go out until the unit tests pass", "has-tests", "no-tests"),
        # the pair: the same shape around a red flag says nothing of it ("wasn't told until the first day")
        ("the recruiter said the team lead wasn't told until his first day", None, "interviewer-new"),
    ],
)
def test_a_negated_act_and_its_until_condition(matcher, bank, text, flag, absent):
    read = _read(matcher, bank, text)
    assert (flag is None or flag in read) and absent not in read, (text, read)


@pytest.mark.parametrize(
    ("text", "flag", "absent"),
    [
        # a pronoun and a verb of change after a red state, with the green one in that sentence: the red is over
        ("nobody tested anything back then. that changed in 2023, now the suite has 4000 unit tests", "has-tests", "no-tests"),
        ("deploys were done by hand; that stopped, every merge now deploys itself", "has-ci", "no-ci"),
    ],
)
def test_a_red_state_a_pronoun_says_changed_is_over(matcher, bank, text, flag, absent):
    read = _read(matcher, bank, text)
    assert flag in read and absent not in read, (text, read)


def test_a_pronoun_sentence_without_a_change_keeps_the_red_state(matcher, bank):
    # the pair: the same two sentences with no verb of change read both
    read = _read(matcher, bank, "deploys are done by hand; it is annoying, every merge needs a second approval though")
    assert "no-ci" in read, read
