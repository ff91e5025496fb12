"""Terse answers, round seventeen (LEFT17): misreadings the last wave left. A past existence ended by ", then <event>"
is over as "until" ends it; a passive "nobody is ever contacted" under the cover question is no contact, not
"nobody picks up the work"; "they just started" is a start, not the hedge "just started". Minimal pairs must keep
their reading."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- rule "a past existence until an event is over", with "then" for "until"


@pytest.mark.parametrize("text", ["had one, then the PO quit", "we had one, then the lead left"])
def test_a_past_existence_then_an_event_is_no_backlog(catalogue, text):
    assert read(catalogue, "pl-backlog", text) == {"no-backlog"}


def test_a_then_without_an_event_ends_nothing(catalogue):
    # minimal pair: "then" with no event after it ends nothing, so it is no no-backlog
    assert "no-backlog" not in read(catalogue, "pl-backlog", "had one, then a second one")


def test_a_then_after_a_yes_with_a_keeper_is_the_backlog(catalogue):
    assert read(catalogue, "pl-backlog", "yes, then the PO keeps it") == {"prioritized-backlog"}


# --- the cover question: "nobody" as the one not contacted


@pytest.mark.parametrize(
    "text",
    [
        "nobody's ever contacted when they're away",
        "nobody is ever contacted when they're away",
        "no one gets pinged while they're off",
    ],
)
def test_nobody_contacted_while_away_is_no_after_hours_contact(catalogue, text):
    assert read(catalogue, "tf-cover", text) == {"no-after-hours-contact"}


def test_nobody_covering_is_still_the_pile(catalogue):
    # minimal pair: "nobody" as the one who picks up nothing keeps its reading
    assert read(catalogue, "tf-cover", "nobody covers, it piles up") == {"overtime-expected"}


# --- a start with a word of recency


@pytest.mark.parametrize("text", ["they just started", "we recently introduced them"])
def test_a_recent_start_is_no_missing_retro(catalogue, text):
    assert read(catalogue, "pr-retros", text) == set()


def test_a_hedge_without_a_start_keeps_its_red(catalogue):
    # minimal pair: a hedge that names no start is still the question's red
    assert read(catalogue, "pr-retros", "when people remember") == {"agile-unfamiliar"}


def _flags(catalogue, text):
    return {m.id for m in catalogue.matcher.match(text, model="off")}


# --- high-turnover: everyone gone for the day


@pytest.mark.parametrize("text", ["only after 7pm when everyone's gone", "I get real work done once everyone has gone home"])
def test_everyone_gone_for_the_day_is_no_turnover(catalogue, text):
    assert "high-turnover" not in _flags(catalogue, text)


def test_people_gone_from_the_team_is_still_turnover(catalogue):
    # minimal pair: gone from the team keeps its reading
    assert "high-turnover" in _flags(catalogue, "half the devs are gone since spring")


# --- poor-code-quality: one person's work judged to that person


@pytest.mark.parametrize(
    "text", ["told a dev his PRs were sloppy, he quit", "the lead told him his code was unmaintainable in front of everyone"]
)
def test_one_persons_work_judged_is_no_poor_code_quality(catalogue, text):
    assert "poor-code-quality" not in _flags(catalogue, text)


def test_the_codebase_judged_keeps_poor_code_quality(catalogue):
    # minimal pair: the code itself called sloppy is still the red
    assert "poor-code-quality" in _flags(catalogue, "the code is sloppy, I told a dev that and he agreed")


# --- a quoted rule named as the subject of what follows is no scare quote


@pytest.mark.parametrize(
    "text", ["yes, 'every change reviewed' settled one last week", "'all changes reviewed' caught a nasty bug in march"]
)
def test_a_quoted_rule_that_acts_is_the_practice(catalogue, text):
    assert _flags(catalogue, text) == {"code-review-required"}


def test_a_quoted_rule_claimed_at_the_end_stays_scare_quotes(catalogue):
    # minimal pair: nothing after the quote, so it is the claim quoted back
    assert _flags(catalogue, "they have 'every change reviewed'") == {"no-code-review"}


# --- a red "only when ..." answer after a topic keeps its condition's clause


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Code review? Only when someone remembers, which is almost never.", "no-code-review"),
        ("Tests? only if somebody has time, so rarely", "no-tests"),
    ],
)
def test_a_condition_answer_after_a_topic_is_its_red(catalogue, text, flag):
    assert _flags(catalogue, text) == {flag}


def test_a_condition_answer_then_a_but_keeps_the_practice(catalogue):
    # minimal pair: a "but" after the condition says the practice holds after all
    assert "no-code-review" not in _flags(catalogue, "code review? only when the lead asks, but every PR gets a look anyway")
