"""Terse answers, ninth pass (issue 18): how long versus a change ("for now" is not "now"), a cut-back
after "until", which not-knowing the question's own cues name, a frequency of pages under the escalation
question, and more words for a practice kept but unused."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- "for now" and "until now" say how long, not that something changed


@pytest.mark.parametrize(
    "text",
    ["we had layoffs in march, so no new roles for now", "there were redundancies last autumn, nothing planned for now"],
)
def test_for_now_does_not_turn_the_answer_into_a_present_that_drops_the_past(catalogue, text):
    assert read(catalogue, "bu-growth-plan", text) == {"high-turnover"}


def test_a_real_now_still_turns_the_answer(catalogue):
    # "now" on its own after a past still tells the present: the old hour-long standup is gone.
    assert read(catalogue, "pr-standup-length", "used to drag on for an hour, now it's five minutes") == set()


# --- "until" followed by a change: what comes after it is the present


@pytest.mark.parametrize(
    "text",
    ["forty-five minutes until we trimmed it to ten", "an hour-long thing till they capped it at 15 min"],
)
def test_a_cut_back_after_until_is_the_present(catalogue, text):
    assert read(catalogue, "pr-standup-length", text) == set()


def test_without_the_cut_back_the_long_standup_still_reads(catalogue):
    assert read(catalogue, "pr-standup-length", "forty-five minutes, every single day") == {"long-standups"}


# --- the question's own cues say which not-knowing an answer is


def test_a_family_cue_does_not_add_the_other_not_knowing(catalogue):
    text = "no clue yet, whoever ends up managing you will set that"
    assert read(catalogue, "ob-ninety-days", "not sure yet, your manager will decide") == {"interviewer-new"}
    assert "unclear-product" not in read(catalogue, "ob-ninety-days", text)


def test_words_of_their_own_still_read_the_other_flag(catalogue):
    # "the plan keeps shifting" is not a not-knowing phrase: it says the product is unclear.
    assert "unclear-product" in read(catalogue, "ob-ninety-days", "hard to say, the plan keeps shifting")


# --- how often the escalation pages


@pytest.mark.parametrize("text", ["primary then secondary; pages are rare, maybe twice a year", "it hardly ever fires"])
def test_pages_said_to_be_rare_are_the_green_answer_to_the_escalation_question(catalogue, text):
    assert read(catalogue, "in-escalation", text) == {"no-after-hours-contact"}


def test_everyone_getting_paged_is_still_the_burden(catalogue):
    assert read(catalogue, "in-escalation", "whoever answers first, and it's every night") == {"on-call-burden"}


# --- a practice kept but unused


@pytest.mark.parametrize(
    ("question_id", "text", "flag"),
    [
        ("bt-where-bugs-go", "jira, but the project is a ghost town", "bugs-untracked"),
        ("pl-backlog", "a trello board, untouched since spring", "no-backlog"),
    ],
)
def test_a_practice_said_to_be_deserted_is_there_in_name_only(catalogue, question_id, text, flag):
    assert read(catalogue, question_id, text) == {flag}


# --- a red cue word that is the object of a clause whose subject reads green


def test_what_the_teams_are_said_to_set_is_not_the_leaders_dates(catalogue):
    text = "I own the budget; the teams choose the stack and set their own deadlines"
    assert read(catalogue, "au-exec-decisions", text) == {"realistic-deadlines"}


def test_the_leader_setting_the_dates_in_a_clause_of_its_own_still_reads_red(catalogue):
    assert "overtime-expected" in read(catalogue, "au-exec-decisions", "teams estimate, but I set the dates")


def test_the_leaders_own_dates_before_the_teams_clause_still_read_red(catalogue):
    assert "overtime-expected" in read(catalogue, "au-exec-decisions", "I fix the dates; the teams pick the tools")


# --- "the current one" is the present, like "the new one"


def test_a_clause_about_the_current_holder_is_the_present(catalogue):
    assert read(catalogue, "ho-messages-evening", "my last manager did; my current one never would") == {"no-after-hours-contact"}
