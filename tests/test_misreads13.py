"""Misreadings users still saw in round thirteen (issue 18): general mechanisms, each pinned with
sentences of our own (not those of bench/sets/fix13*.jsonl) and with the minimal pair that must not change.
"""

from __future__ import annotations

import pytest

from tests.conftest import check

# -- a cue that spells out a negated short form ("didnt_show", "isnt|not testable") reads its own sense:
# the "nt" it wrote is not a negation of it. A short form read as its verb ("isnt" for the cue word "is")
# still negates.


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("my second-round interviewer didn't show up at all", {"interviewer-new"}, set()),
        ("On that team, refactoring doesn't get you promoted, ever.", {"features-over-bugs"}, set()),
        ("Their billing code isn't maintainable.", {"poor-code-quality"}, set()),
        ("PR approvals aren't required on the mobile repo.", {"no-code-review"}, {"code-review-required"}),
        # the pair: a short form that reads as the cue's verb keeps its negation
        ("The mobile repo's code isn't reviewed by anyone.", {"no-code-review"}, {"code-review-required"}),
        ("Their monolith isn't a tangle at all.", set(), {"poor-code-quality"}),
    ],
)
def test_a_cue_spelling_out_a_short_negation_reads_its_own_sense(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- on-call pay named as missing is unpaid on-call; the pay itself, or no pager at all, is not


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("no standby allowance whatsoever", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("There's zero on-call compensation for the weekend shifts.", {"on-call-burden"}, {"no-after-hours-contact"}),
        ("On-call is paid and you get the next morning off.", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_on_call_pay_named_as_missing(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a yes to a topic whose own words state the topic's other side ("sure, a rubber stamp") is that side only


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("PR review? Oh sure, rubber stamp.", {"no-code-review"}, {"code-review-required"}),
        ("code reviews: yes, a rubber-stamp", {"no-code-review"}, {"code-review-required"}),
        # the pair: a plain yes, and a yes that states the practice, keep it
        ("PR review? Sure.", {"code-review-required"}, {"no-code-review"}),
        ("code reviews: yes, two approvers on every change", {"code-review-required"}, {"no-code-review"}),
    ],
)
def test_a_yes_that_states_the_other_side(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- bugs that are logged but never fixed are tracked (and lose to features); not a broken tracker


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Defects are recorded in YouTrack but never fixed.", {"bugs-tracked", "features-over-bugs"}, {"bugs-untracked"}),
        ("every bug is logged in linear, never got fixed though", {"bugs-tracked"}, {"bugs-untracked"}),
        # the pairs: a tracker that broke is no tracking; a broken pipeline never fixed is still no CI
        ("Their issue tracker broke in the upgrade and was never repaired.", {"bugs-untracked"}, {"bugs-tracked"}),
        ("The build server broke last spring, never fixed.", {"no-ci"}, {"has-ci"}),
        # ...and a red flag of the bugs' own pair still qualifies the green one
        ("Bugs are tracked in email threads and then forgotten.", {"bugs-untracked"}, {"bugs-tracked"}),
    ],
)
def test_bugs_logged_but_never_fixed_are_tracked(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a sentence that tells of another trade or pastime (context.yaml `other_domains`) shows no flag of ours


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Her husband is a paramedic, so his phone rings at all hours.", set(), {"on-call-burden"}),
        ("My neighbour joined the fire brigade and gets paged in the middle of the night.", set(), {"on-call-burden"}),
        ("At the lake the wind direction flips every hour, so the regatta got cancelled.", set(), {"unclear-product"}),
        # the pairs: the team's own pager, the team's own shifting direction, and a profession in an IT job
        ("Our SREs get paged in the middle of the night almost every week.", {"on-call-burden"}, set()),
        ("I'm on call for the hospital's scheduling system every other weekend, unpaid.", {"on-call-burden"}, set()),
        ("The strategy changes every month depending on which investor spoke last.", {"unclear-product"}, set()),
        ("The interview felt like a pub quiz: textbook definitions you could google.", {"trivia-interview"}, set()),
    ],
)
def test_another_trade_or_pastime_shows_no_flag(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_another_trade_keeps_the_classifier_out(matcher):
    """The context rules block the flag in such a sentence: the classifier cannot add it there."""
    reading = matcher.reading("My sister is a firefighter and carries a pager on every shift.")
    assert "on-call-burden" in reading.blocked
    assert not reading.hits


# -- a suite left to rot is little testing now, not a suite that is there


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("their integration tests bit-rotted after the cloud move", {"no-tests"}, {"has-tests"}),
        ("The unit tests went stale and the team stopped looking at them.", {"no-tests"}, {"has-tests"}),
        ("Honestly the e2e tests are rotten.", {"no-tests"}, {"has-tests"}),
        # the pairs: another suite that decays, and a suite that is kept up
        ("The office suite licence decayed into a read-only mode.", set(), {"no-tests"}),
        ("We have a thorough test suite that everyone keeps green.", {"has-tests"}, {"no-tests"}),
    ],
)
def test_a_suite_left_to_rot(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a stated norm against the real figure: the real figure decides


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("On paper the role is 38 hours a week, in practice closer to 52.", {"overtime-expected"}, set()),
        ("Their contract states 40 hours. My friend there says his timesheet averages 57.", {"overtime-expected"}, set()),
        ("officially 37.5h/week, really more like 50", {"overtime-expected"}, set()),
        # the pairs: a real figure at or under the norm keeps the norm, however it was hedged
        ("Officially a 40-hour week, and in practice it's 40 as well.", set(), {"overtime-expected"}),
        ("The contract says 40 hours a week; honestly most weeks I do 36.", set(), {"overtime-expected"}),
        ("Nominally 35 hours a week, actually 36 at most.", set(), {"overtime-expected"}),
    ],
)
def test_a_norm_against_the_real_figure(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # the same against a standup's minutes
        ("Our daily is meant to be 15 minutes; in practice it takes 45.", {"long-standups"}, set()),
        ("The standup is supposed to take 10 minutes and actually takes 10 minutes.", set(), {"long-standups"}),
        # a norm said to hold, with no second figure
        ("Officially a 38-hour week, and honestly that's what I do.", set(), {"overtime-expected"}),
    ],
)
def test_a_norm_against_the_real_figure_of_other_flags(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- "no compensation for weekend pages": what is missing is the pay, not the pages


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("There is no extra pay for the night alerts either.", set(), {"no-after-hours-contact"}),
        ("No compensation for carrying the on-call phone.", {"on-call-burden"}, {"no-after-hours-contact"}),
        # the pair: an absence of pages stays a green flag
        ("No pages at night, the platform team covers that.", {"no-after-hours-contact"}, {"on-call-burden"}),
    ],
)
def test_missing_pay_is_not_missing_pages(matcher, text, present, absent):
    check(matcher, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # bugs never prioritised lose to features; they are not untracked
        ("Defects get logged, but they're never prioritised above the roadmap.", {"features-over-bugs"}, {"bugs-untracked"}),
        ("Their specs were left to rot after the rewrite.", {"no-tests"}, {"has-tests"}),
        ("My aunt is a nurse and she's on call most nights.", set(), {"on-call-burden"}),
    ],
)
def test_more_of_the_same_families(matcher, text, present, absent):
    check(matcher, text, present, absent)


# -- a cue word that text never keeps (an abbreviation the tokenizer expands: "prs" reads as "pr") still matches


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Most of their PRs are not linked to any ticket.", {"tickets-afterthought"}, set()),
        ("Engineers there don't even need to open PRs.", {"no-code-review"}, {"code-review-required"}),
        ("We have no PRs at all, people commit to trunk.", {"no-code-review"}, {"code-review-required"}),
        # the pairs: written out in full it read the same before; an exemption for a kind of change is no absence
        ("Most of their commits are not linked to any ticket.", {"tickets-afterthought"}, set()),
        ("No review required for changes to the README.", set(), {"no-code-review"}),
    ],
)
def test_a_cue_word_the_tokenizer_expands(matcher, text, present, absent):
    check(matcher, text, present, absent)


def test_evidence_names_the_cue_as_written(matcher):
    """The cue is matched as text reads it, but its evidence quotes the cue as the bank writes it."""
    match = next(m for m in matcher.match("Our PRs are not linked to issues.", model="off") if m.id == "tickets-afterthought")
    assert any("prs|commits" in e.source for e in match.evidence)


# -- "no PR goes in without ...": a rule, not an absence of pull requests; "nobody reviewed it before it shipped" stays one


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("no PR gets merged unless two people approve it", {"code-review-required"}, {"no-code-review"}),
        ("Nobody reviewed any of it before it went live.", {"no-code-review"}, {"code-review-required"}),
        ("no code review unless the lead happens to be around", {"no-code-review"}, {"code-review-required"}),
    ],
)
def test_no_pr_without_is_a_rule(matcher, text, present, absent):
    check(matcher, text, present, absent)
