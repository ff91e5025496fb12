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
