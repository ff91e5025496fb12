"""Candidate notes, sixth pass (issue 18): the rule classes added for bench/sets/notes6.jsonl, each
pinned with sentences of our own that differ from the set's, and with a minimal pair where the rule
must not fire.
"""

from __future__ import annotations

import pytest

from tests.conftest import check, found

# -- a contrast: between a flag and its opposite, the clause after "but" says what holds


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "the wiki says reviews are mandatory, but folks approve their own pull requests",
            {"no-code-review"},
            {"code-review-required"},
        ),
        (
            "devs approve their own PRs now and then, but reviews are mandatory for the payments repo",
            {"code-review-required"},
            {"no-code-review"},
        ),
    ],
)
def test_after_a_contrast_the_later_clause_says_what_holds(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a negative prefix right after a negation cancels it


def test_a_negated_prefix_cancels(matcher):
    check(matcher, "there are never untriaged defects in the queue", {"bugs-tracked"}, {"bugs-untracked"})
    # the minimal pair: the prefix alone is the absence
    check(matcher, "piles of untriaged defects in the queue", set(), {"bugs-tracked"})


# -- a trigger that opens on the cue's last word and runs past it


def test_a_trigger_may_open_on_the_cues_last_word(matcher):
    # the cue reads "hour-long ... daily is"; "is gone" opens on its last word
    assert "long-standups" not in found(matcher, "our hour-long daily is gone since spring")
    assert "long-standups" in found(matcher, "our hour-long daily is the norm")


# -- a bare topic answered by a reaction in the next sentence


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("integration tests? she smirked", {"no-tests"}, {"has-tests"}),
        ("code review? crickets", {"no-code-review"}, {"code-review-required"}),
        ("code review? yes, always", {"code-review-required"}, {"no-code-review"}),
    ],
)
def test_a_topic_answered_by_a_reaction(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- hedges: kept only when there is room for it, "at least on paper", "officially"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("pull requests get reviewed if there's capacity", {"no-code-review"}, {"code-review-required"}),
        ("automated tests when there's bandwidth", {"no-tests"}, {"has-tests"}),
        ("each defect is logged in jira, at least on paper", {"bugs-untracked"}, {"bugs-tracked"}),
        ("officially every merge request is reviewed", {"no-code-review"}, {"code-review-required"}),
        ("they promised to set up automated tests", {"no-tests"}, {"has-tests"}),
    ],
)
def test_hedged_practices_read_their_red_side(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_an_unhedged_practice_stays_green(matcher):
    check(matcher, "pull requests get reviewed before every merge", {"code-review-required"}, {"no-code-review"})
    check(matcher, "each defect is logged in jira", {"bugs-tracked"}, {"bugs-untracked"})


# -- practices shut down, frozen, lapsed, left untouched, or whose requests are always denied


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("their issue tracker was decommissioned in the spring", {"bugs-untracked"}, {"bugs-tracked"}),
        ("the monitor and chair allowance got frozen", set(), {"equipment-budget"}),
        ('the "no pages at night" rule lapsed after the merger', {"on-call-burden"}, {"no-after-hours-contact"}),
        ("the prioritised backlog hasn't been updated in ages", {"no-backlog"}, {"prioritized-backlog"}),
        ("there's a home office allowance but requests always get rejected", set(), {"equipment-budget"}),
        ("late-night pages used to be common", set(), {"on-call-burden"}),
    ],
)
def test_practices_gone_or_not_really_there(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_cancelled_build_is_no_dropped_practice(matcher):
    # a pipeline run that is canceled when tests fail is the pipeline working
    flags = found(matcher, "the build pipeline runs on each merge and the run is canceled when a test fails")
    assert "no-ci" not in flags, flags


# -- other senses: a list of bugs is not the backlog; "on the roadmap" is a plan for something else


def test_bug_backlog_and_roadmap_items_are_not_the_backlog(matcher):
    assert not {"no-backlog", "prioritized-backlog"} & found(matcher, "single sign-on is on the roadmap for Q2")
    assert not {"no-backlog", "prioritized-backlog"} & found(matcher, "the bug backlog was ignored for a long time")
    assert "prioritized-backlog" in found(matcher, "the PO keeps a groomed backlog, ranked every week")


# -- the candidate's wish to know is a question, not a finding


def test_a_wish_to_know_is_an_own_question(matcher):
    assert found(matcher, "would like to know whether they pay for on-call") == set()
    assert found(matcher, "curious how their releases get deployed") == set()


# -- "no shortage of": plenty, not an absence


def test_no_shortage_is_plenty(matcher):
    check(matcher, "there's no lack of integration tests", {"has-tests"}, {"no-tests"})
    check(matcher, "there's a lack of integration tests", {"no-tests"}, {"has-tests"})


# -- wording families (plain notes in words the cues lacked)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("no one signs off on anything, people just merge", "no-code-review"),
        ("each change needs a thumbs up from a teammate before merge", "code-review-required"),
        ("all commits are looked at by a colleague first", "code-review-required"),
        ("stories are created post-hoc for the sprint report", "tickets-afterthought"),
        ("goodbye drinks almost every month", "high-turnover"),
        ("that position has been reopened 4 times", "high-turnover"),
        ("quiz-style questions in the first round", "trivia-interview"),
        ("someone copies the jars onto the server by hand", "no-ci"),
        ("tech debt is off the charts here", "poor-code-quality"),
        ("refactoring gets deprioritised whenever sales wants a feature", "features-over-bugs"),
        ("nobody knows who would pay for the thing", "unclear-product"),
        ("the estimates we give are respected", "realistic-deadlines"),
        ("the team is never pressured into deadlines", "realistic-deadlines"),
        ("evenings are off limits for work chat", "no-after-hours-contact"),
        ("there's no unpaid on-call here", "no-after-hours-contact"),
        ("unpaid pager rotation, every third week", "on-call-burden"),
        ("you keep your phone on all weekend", "on-call-burden"),
        ("logging off at six gets you dirty looks", "overtime-expected"),
        ("people stay until 10pm before a release", "overtime-expected"),
        ("a support agent files a ticket for every reported bug", "bugs-tracked"),
        ("tons of unit tests and they run them", "has-tests"),
    ],
)
def test_wording_families(matcher, text, flag):
    assert flag in found(matcher, text), (text, found(matcher, text))


def test_a_phone_on_silent_in_a_roster_is_not_read_as_a_burden(matcher):
    # the on-call roster says who keeps a laptop nearby; nothing about load or pay
    assert "on-call-burden" not in found(matcher, "on call means keeping a laptop with you on the weekend")


# -- a red flag's absence, hedged, is the hedged claim: the red flag stands


@pytest.mark.parametrize(
    "text",
    ["officially there's no overtime", 'they said "basically" no weekend work', "at least in theory nobody works weekends"],
)
def test_a_hedged_absence_of_a_red_flag_reads_it(matcher, text):
    assert "overtime-expected" in found(matcher, text), (text, found(matcher, text))


def test_a_plain_absence_of_a_red_flag_reads_nothing(matcher):
    assert "overtime-expected" not in found(matcher, "there's no overtime")
    assert "overtime-expected" not in found(matcher, "nobody works weekends")


# -- more hedges, proposals, and eras that ended


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("unit tests get written if people feel like it", {"no-tests"}, {"has-tests"}),
        ("code reviews are more of a guideline", {"no-code-review"}, {"code-review-required"}),
        ("id encourage them to start doing code reviews", {"no-code-review"}, {"code-review-required"}),
        ("pr reviews faded once the deadline crunch hit", {"no-code-review"}, {"code-review-required"}),
        ("the crunch is finally over", set(), {"overtime-expected"}),
        ("tickets are backfilled after the sprint is over", {"tickets-afterthought"}, set()),
        ("nobody's expected to reply during the weekend", set(), {"on-call-burden"}),
    ],
)
def test_more_hedges_proposals_and_ended_eras(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_review_of_people_is_no_code_review(matcher):
    assert not {"no-code-review", "code-review-required"} & found(matcher, "there are no performance reviews at all")
    assert "no-code-review" in found(matcher, "there are no code reviews at all")


# -- sixth pass, second round: quoted hedges between a cue's words, advertised practices, rules nobody gets around


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ('releases are "largely automated" by a script someone runs', {"no-ci"}, {"has-ci"}),
        ("pair programming and TDD on the careers page, not in the repo", {"no-tests"}, {"has-tests"}),
        ("the product roadmap is always in flux", {"no-backlog"}, {"prioritized-backlog"}),
        ("they tore out the build pipeline last month", {"no-ci"}, {"has-ci"}),
        ("no bug report is ever lost", {"bugs-tracked"}, {"bugs-untracked"}),
        ("management never imposes deadlines on the team", {"realistic-deadlines"}, set()),
        ("they keep losing good people", {"high-turnover"}, set()),
        ("they don't lose people", set(), {"high-turnover"}),
        ("you can't push to master without a PR", {"code-review-required"}, {"no-code-review"}),
        ("the company sells test automation tools", set(), {"has-tests", "no-tests"}),
        ("churn was bad in 2023, it has settled since", set(), {"high-turnover"}),
        ("backlog: doesn't exist", {"no-backlog"}, {"prioritized-backlog"}),
    ],
)
def test_second_round(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("their issue tracking is being rolled out", {"bugs-untracked"}, {"bugs-tracked"}),
        ("peer reviews exist on paper only", {"no-code-review"}, {"code-review-required"}),
        ("the backlog has 500 stories nobody has groomed", {"no-backlog"}, {"prioritized-backlog"}),
        ("test coverage used to be near zero, they got it up to 70%", {"has-tests"}, {"no-tests"}),
        ("they quit using the tracker once the PM left", {"bugs-untracked"}, {"bugs-tracked"}),
        ("there's no time tracker, thankfully", set(), {"bugs-untracked", "bugs-tracked"}),
        ("the monolith is a minefield", {"poor-code-quality"}, set()),
        ("twelve hour days are normal in release weeks", {"overtime-expected"}, set()),
    ],
)
def test_third_round(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    "text", ["need more info on how they deploy", "to check: whether weekend work is paid", "havent asked about tests yet"]
)
def test_to_dos_written_as_such_are_own_questions(matcher, text):
    assert found(matcher, text) == set(), (text, found(matcher, text))


# -- after notes7 was recorded: advice stated strongly, practices shut off, jobs nobody runs, a negation in another clause


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("pair reviews are strongly recommended", {"no-code-review"}, {"code-review-required"}),
        ("their CI server got shut off last winter", {"no-ci"}, {"has-ci"}),
        ("paid on-call was abolished in the reorg", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("there's an integration test suite nobody has run in months", {"no-tests"}, {"has-tests"}),
        ("on-call every other week, no bonus, pager at night", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("no release goes to production by hand", {"has-ci"}, {"no-ci"}),
        ("weekend work was expected pre-IPO, not anymore", set(), {"overtime-expected"}),
        ("people get pinged while on vacation", {"on-call-burden"}, set()),
        ("nobody is contacted during parental leave", set(), {"on-call-burden"}),
        ("need to check how they triage bugs", set(), {"bugs-tracked", "bugs-untracked"}),
    ],
)
def test_after_notes7(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a topic mocked by its echo: "X? what X" answers no, and the echo names the practice only to mock it


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("code review? what code review", {"no-code-review"}, {"code-review-required"}),
        ("Unit tests? What unit tests. They click through the app before a release.", {"no-tests"}, {"has-tests"}),
        ("bug tracker? what bug tracker", {"bugs-untracked"}, {"bugs-tracked"}),
        ("CI?? what CI lol", {"no-ci"}, {"has-ci"}),
    ],
)
def test_a_topic_echoed_after_what_is_a_no(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_a_what_that_does_not_echo_the_topic_is_no_answer(matcher):
    # "what about it" repeats nothing of the topic: no mocking, no red flag read into it
    assert not ({"no-code-review"} & found(matcher, "code review? what about it"))
