"""Candidate notes, fifth pass (issue 18): context rules that generalise beyond the sentences they
were written for. Each rule class is pinned with sentences of our own, different from the dev sets'
(bench/sets/notes3.jsonl), and each with a minimal pair where the rule must not fire.
"""

from __future__ import annotations

import pytest

from tests.conftest import check, found

# -- note marks: an arrow or a plus between two items ends a negation's (or a frequency's) reach


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # the "no" belongs to the staging environment, not to the reviews after the arrow
        ("no staging env -> every PR gets reviewed by two devs", {"code-review-required"}, {"no-code-review"}),
        ("no staging env => every PR gets reviewed by two devs", {"code-review-required"}, {"no-code-review"}),
        # "rare" describes the outages, not the paid rotation
        ("pager rotation is paid + rare outages", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_note_marks_end_a_negation_or_a_frequency(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_plus_after_a_number_is_no_mark(matcher):
    # "50+ hours" is a number, not two items: the long hours are read
    assert "overtime-expected" in found(matcher, "people put in 50+ hour weeks before each launch")


# -- the longest reading: a cue inside a longer reading of the opposite flag is part of it


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("nobody may approve their own merge request", {"code-review-required"}, {"no-code-review"}),
        ("defects were logged in a shared spreadsheet", {"bugs-untracked"}, {"bugs-tracked"}),
    ],
)
def test_a_reading_inside_a_longer_opposite_reading_is_part_of_it(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- "unless" after a negation states the rule's condition


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("nothing gets merged unless the whole test suite passes", {"has-tests"}, {"no-tests"}),
        ("no feature gets started unless it is ranked in the backlog", {"prioritized-backlog"}, {"no-backlog"}),
    ],
)
def test_unless_after_a_negation_is_the_rules_condition(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_unless_alone_stays_a_condition(matcher):
    # no negation before it: "unless" is a hypothetical, the test suite is not stated
    assert not {"has-tests", "no-tests"} & found(matcher, "unless the test suite passes, the deploy waits")


# -- a pseudo-negation that holds a cue's own negation word


def test_a_rule_of_two_negations_is_no_absence(matcher):
    assert "tickets-afterthought" not in found(matcher, "No ticket, no work: that is the rule on this team")
    assert "tickets-afterthought" in found(matcher, "most work happens with no ticket at all")


# -- a hedged absence of a red flag with no green opposite reads the red flag


def test_a_hedged_absence_reads_the_red_flag(matcher):
    assert "overtime-expected" in found(matcher, "supposedly nobody works weekends")
    assert "overtime-expected" not in found(matcher, "nobody works weekends")


# -- then and now: a past problem with a later "now" reads its green opposite


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they used to have zero unit tests; now every service has a suite", {"has-tests"}, {"no-tests"}),
        ("used to ship by hand -> now automated", {"has-ci"}, {"no-ci"}),
        # the "now" in the next sentence
        ("Builds used to be done by hand on a laptop. Now the pipeline does them.", {"has-ci"}, {"no-ci"}),
        ("at first they were on call around the clock; now a paid rota", {"no-after-hours-contact"}, {"on-call-burden"}),
        # a problem with no green opposite is simply gone
        ("they pivoted twice early on, settled on logistics now", set(), {"unclear-product"}),
    ],
)
def test_a_past_problem_and_what_holds_now(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # the cue ends in the part after the arrow, before its "now"
        ("used to log issues in email threads -> youtrack now", {"bugs-tracked"}, {"bugs-untracked"}),
        # a problem told in the past, and what replaced it "since then"
        ("releases were done by hand before, a pipeline since then", {"has-ci"}, {"no-ci"}),
    ],
)
def test_what_holds_now_when_the_cue_reaches_the_now(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_discourse_now_opens_no_later_clause(matcher):
    # "Now, ..." before a comma is no change of state: the first sentence stands
    assert "no-ci" in found(matcher, "Releases are copied to the server by hand. Now, about the team size.")


def test_a_cue_ending_inside_the_now_trigger_says_nothing_of_the_now(matcher):
    assert "high-turnover" not in found(matcher, "lost several engineers in spring, nobody left since june")


# -- hedges, stale and broken practices, changes


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("they kind of do code review", {"no-code-review"}, {"code-review-required"}),
        ("the roadmap doc is stale", {"no-backlog"}, {"prioritized-backlog"}),
        ("build pipeline has been red for weeks, everyone ignores it", {"no-ci"}, {"has-ci"}),
        ("deploys by hand got replaced by github actions", {"has-ci"}, {"no-ci"}),
        ("sprint reviews stopped", set(), {"code-review-required"}),
        ("the weekly backlog grooming stopped in spring", {"no-backlog"}, {"prioritized-backlog"}),
        ("the crunch got fixed by hiring two more devs", set(), {"overtime-expected"}),
    ],
)
def test_hedged_stale_broken_or_changed_practices(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_kind_of_as_a_noun_phrase_is_no_hedge(matcher):
    assert "has-ci" in found(matcher, "some kind of CI runs on every push")


def test_a_passing_break_is_no_broken_practice(matcher):
    # a build that broke once still runs in CI
    assert "no-ci" not in found(matcher, "CI is broken on main again after yesterday's merge")


# -- another sense: the product, revenue, a phrase that holds a cue word


@pytest.mark.parametrize(
    "text",
    [
        "they sell a CI service to enterprises",
        "annual turnover (revenue) grew by a third",
        "analysts spend the day in pivot tables",
        "a backlog of purchase orders from the holidays",
    ],
)
def test_another_sense_states_nothing(matcher, text):
    assert found(matcher, text) == set()


def test_a_phrase_holding_a_cue_word_silences_only_the_partial_reading(matcher):
    flags = found(matcher, "nobody stays late here, strict 9 to 5")
    assert "high-turnover" not in flags
    assert "high-turnover" in found(matcher, "nobody stays more than a year")


# -- quoted hedges and the candidate's own questions


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ('the pager rotation is "voluntary"', {"on-call-burden"}, {"no-after-hours-contact"}),
        ("the pager rotation is voluntary", {"no-after-hours-contact"}, {"on-call-burden"}),
        ('a "prioritized" backlog of eight hundred tickets', {"no-backlog"}, {"prioritized-backlog"}),
    ],
)
def test_quoted_hedges(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_my_own_question_states_nothing(matcher):
    assert found(matcher, "my q: do they run the tests on every PR?") == set()


def test_pushing_back_is_a_habit_not_a_hypothetical(matcher):
    assert "realistic-deadlines" in found(matcher, "when engineers push back on a date, product moves it")
    # at the start of a sentence too, where "when" is otherwise a condition
    assert "realistic-deadlines" in found(matcher, "when the team pushes back on a deadline leadership moves it")
    assert "realistic-deadlines" not in found(matcher, "when a deadline moves, leadership is told")


# -- wording families of the cues


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("the engineering manager is the fifth in three years", "high-turnover"),
        ("every change needs 2 approvals", "code-review-required"),
        ("changes ship with no sign-off from anyone", "no-code-review"),
        ("you can't merge a change without a peer's sign-off", "code-review-required"),
        ("on holiday you are fully offline, nobody pings you", "no-after-hours-contact"),
        ("on PTO you still bring your laptop", "on-call-burden"),
        ("everything on the board is top priority", "no-backlog"),
        ("fixes get squeezed in between features", "features-over-bugs"),
        ("management understands that good software takes time", "realistic-deadlines"),
        ("most branches get merged by their author", "no-code-review"),
        ("testing = the users, in production", "no-tests"),
        ("cleanup work hardly ever makes it into the plan", "features-over-bugs"),
        ("the team often works sundays before a release", "overtime-expected"),
        ("engineers tend to bail within a year", "high-turnover"),
        ("the recruiter could not explain how promotions work", "interviewer-new"),
        ("they're still searching for product market fit", "unclear-product"),
        ("the daily sync drags on and on", "long-standups"),
        ("no manager ever overrides the engineers' estimates", "realistic-deadlines"),
    ],
)
def test_cue_wording_families(matcher, text, flag):
    assert flag in found(matcher, text)


def test_a_long_tenure_is_no_turnover(matcher):
    assert "high-turnover" not in found(matcher, "average tenure is 8 years")
    assert "high-turnover" in found(matcher, "average tenure is under a year")


def test_a_negated_red_cue_with_no_opposite_says_nothing(matcher):
    # the new wording families also read their negations: "never drags" is no long standup
    assert "long-standups" not in found(matcher, "the daily sync never drags, ten minutes and done")
    assert "overtime-expected" not in found(matcher, "nobody works sundays")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("we had a staging pipeline, nobody maintained it, it's gone", {"no-ci"}, {"has-ci"}),
        ("the team wiki has a roadmap page, never revisited", {"no-backlog"}, {"prioritized-backlog"}),
    ],
)
def test_a_practice_gone_or_left_alone(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # "manual" of testing is no manual release; the phrase stops at a comma
        ("a manual smoke test before every release", set(), {"no-ci"}),
        ("releases manual, tests everywhere", {"no-ci"}, set()),
        # advice to the team in a note
        ("honestly the team should automate releases", {"no-ci"}, {"has-ci"}),
        ("the backlog is in good shape, PM keeps it ranked", {"prioritized-backlog"}, {"no-backlog"}),
        ("until spring the jars were scp'd over by hand; pipeline now", {"has-ci"}, {"no-ci"}),
        ("there is no confusion about the product direction", set(), {"unclear-product"}),
        ("nobody leaves here, people stay for a decade", set(), {"high-turnover"}),
    ],
)
def test_more_families_and_their_limits(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_ideally_is_the_ideal_not_the_practice(matcher):
    check(matcher, "ideally each merge request gets two approvals", {"no-code-review"}, {"code-review-required"})
    # ...while "what if" stays a hypothetical that states nothing
    assert not {"no-code-review", "code-review-required"} & found(matcher, "what if every merge request needed two approvals")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a negation, then a verb of lacking: a negated negative
        ("no repo in the org lacks unit tests", {"has-tests"}, {"no-tests"}),
        # advised, not required
        ("pairing and code review are encouraged", {"no-code-review"}, {"code-review-required"}),
        # what the candidate would tell them
        ("I'd tell them to introduce code review first", {"no-code-review"}, {"code-review-required"}),
        # ...but a process told in the first person is no advice
        ("for a blocker bug I tell them to log it in jira", {"bugs-tracked"}, {"bugs-untracked"}),
        ("saturdays are expected during launches", {"overtime-expected"}, set()),
        ("pull requests wait until a second dev approves", {"code-review-required"}, set()),
        ("priorities depend on who shouts loudest", {"no-backlog"}, set()),
    ],
)
def test_third_round_families(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a bare topic before a mark, then a statement that goes on about it
        ("jira tickets? mostly filled in afterwards", {"tickets-afterthought"}, set()),
        ("pager: one week in three, no extra pay", {"on-call-burden"}, set()),
        # a topic with a negation is a question about the negation: the statement after it stands alone
        ("no unit tests? they showed me hundreds", set(), {"no-tests"}),
        # a plain answer after the topic is still read as the answer
        ("Code review? Never.", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_a_topic_and_the_statement_after_it(matcher, text, present, absent):
    check(matcher, text, present, absent)
