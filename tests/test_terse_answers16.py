"""Terse answers, round sixteen (ANSWERS16): an answer that says only that the thing was there, then "until" an
event ("there was one until the PO quit") is the question's no; a start told with its time ("started last month",
"we set one up in march") is its yes. The minimal pairs below must not change."""

from __future__ import annotations

import pytest

from tests.conftest import read

# --- rule "a past existence until an event is over"


@pytest.mark.parametrize(
    "text",
    ["there was one until the PO quit", "we had one till the reorg", "had one until the lead left", "we had one until recently"],
)
def test_a_past_existence_until_an_event_is_no_backlog(catalogue, text):
    assert read(catalogue, "pl-backlog", text) == {"no-backlog"}


def test_it_says_what_ended_it(catalogue):
    question = catalogue.bank.questions["pl-backlog"]
    matches = catalogue.matcher.match("there was one until the PO quit", question=question, model="off")
    assert [m.id for m in matches] == ["no-backlog"]
    assert "no longer: 'until the PO quit'" in " ".join(e.context for m in matches for e in m.evidence)


def test_a_past_existence_until_is_the_no_of_a_question_without_a_yes(catalogue):
    assert read(catalogue, "pr-retros", "we did until covid") == {"agile-unfamiliar"}


def test_a_state_that_ended_is_not_its_existence(catalogue):
    # minimal pair: what ended is a mess, named by the answer's own words; the rule reads only a bare existence
    assert "no-backlog" not in read(catalogue, "pl-backlog", "it was chaos until the new PO came")


def test_a_practice_named_until_an_event_is_unchanged(catalogue):
    assert read(catalogue, "pl-backlog", "there was a backlog until the PO quit") == {"no-backlog"}


# --- rule "a start told with its time is the practice now"


@pytest.mark.parametrize(
    "text", ["started last month", "we started one in march", "set one up two sprints ago", "introduced it this year"]
)
def test_a_start_with_its_time_is_the_yes(catalogue, text):
    assert read(catalogue, "pl-backlog", text) == {"prioritized-backlog"}


def test_the_speakers_own_start_is_not_the_practice(catalogue):
    # minimal pair: "I started last month" is the interviewer's start, not the backlog's
    assert read(catalogue, "pl-backlog", "I started last month") == set()


def test_a_start_without_a_time_says_nothing(catalogue):
    assert read(catalogue, "pl-backlog", "started it") == set()


def test_a_start_taken_back_is_unchanged(catalogue):
    assert read(catalogue, "pl-backlog", "started last month but nobody reads it") == {"no-backlog"}


def test_stopping_is_still_the_no(catalogue):
    assert read(catalogue, "pr-retros", "stopped last year") == {"agile-unfamiliar"}


def test_used_to_not_anymore_is_the_no(catalogue):
    assert read(catalogue, "pl-backlog", "used to, not anymore") == {"no-backlog"}


# --- "not knowing" in shorthand and a shrug


@pytest.mark.parametrize("text", ["idk tbh", "idk", "*shrugs*", "¯\\_(ツ)_/¯"])
def test_shorthand_not_knowing_answers_a_knowing_question(catalogue, text):
    # "How long can the company run on the money it has?": not knowing is its answer
    assert read(catalogue, "pd-runway", text) == {"unclear-product"}


def test_shorthand_not_knowing_answers_nothing_elsewhere(catalogue):
    # minimal pair: under the backlog question, "idk" is no answer, as "dunno" is none
    assert read(catalogue, "pl-backlog", "idk") == read(catalogue, "pl-backlog", "dunno") == set()


# --- the overtime pay question: an answer that names no pages is overtime-expected only (the sets relabelled)


@pytest.mark.parametrize(
    "text", ["nothing, the salary is meant to cover it", "they aren't; it's part of the job", "zero extra pay"]
)
def test_unpaid_extra_hours_are_overtime_expected_only(catalogue, text):
    assert read(catalogue, "ho-overtime-comp", text) == {"overtime-expected"}


def test_the_on_call_question_keeps_its_own_reading(catalogue):
    # minimal pair: under the on-call pay question the same words are the on-call burden
    assert read(catalogue, "ho-on-call-exec", "zero extra pay") == {"on-call-burden"}


def test_a_denied_cue_of_another_green_flag_keeps_its_own_opposite(catalogue):
    # minimal pair: under "What runs automatically when I push?" (two green flags) missing tests are no-tests
    assert read(catalogue, "ci-pipeline", "there aren't any tests to run") == {"no-tests"}


def test_paid_extra_hours_are_unchanged(catalogue):
    assert read(catalogue, "ho-overtime-comp", "paid at 1.5x") == {"no-after-hours-contact"}


# --- a hedge on paper under a question whose one flag is turnover


def test_in_theory_tells_no_turnover(catalogue):
    assert read(catalogue, "ca-manager-or-expert", "in theory") == set()


def test_turnover_said_in_words_still_reads(catalogue):
    # minimal pair: the answer names the departures itself
    assert read(catalogue, "ca-manager-or-expert", "in theory, but the seniors who wanted that all quit") == {"high-turnover"}


def test_in_theory_still_reads_the_one_flag_of_a_practice(catalogue):
    # "How long is the standup?" "fifteen minutes, in theory": the practice asked about is the hedged one
    assert read(catalogue, "pr-standup-length", "fifteen minutes, in theory") == {"long-standups"}


# --- a laugh closing a short answer makes its practice a joke


def test_a_laughed_off_practice_is_no_green_flag(catalogue):
    assert read(catalogue, "wp-quiet-space", "headphones lol") == set()


def test_the_practice_without_the_laugh_is_unchanged(catalogue):
    # minimal pair
    assert read(catalogue, "wp-quiet-space", "headphones") == {"equipment-budget"}


def test_a_red_answer_closed_by_a_laugh_stands(catalogue):
    assert read(catalogue, "ob-first-on-call", "week one lol") == {"on-call-burden"}


# --- the product not yet worked out, said plainly


def test_a_product_not_yet_figured_out_is_unclear_product(catalogue):
    assert read(catalogue, "ob-ninety-days", "good question, we haven't figured out the product yet") == {"unclear-product"}


def test_a_bug_not_figured_out_is_no_product_question(catalogue):
    # minimal pair: the words "never figured out" about something else
    assert "unclear-product" not in {m.id for m in catalogue.matcher.match("we never figured out the bug", model="off")}


# --- a change named alone: "since <time>", "we dropped it"


@pytest.mark.parametrize("text", ["since march", "only since january"])
def test_since_a_time_alone_is_the_yes(catalogue, text):
    assert read(catalogue, "pl-backlog", text) == {"prioritized-backlog"}


def test_since_an_event_alone_says_nothing(catalogue):
    # minimal pair: no time word after "since"
    assert read(catalogue, "pl-backlog", "since the reorg") == set()


@pytest.mark.parametrize("text", ["we dropped it last year", "scrapped it in march", "gave up on it"])
def test_a_practice_the_team_dropped_is_the_no(catalogue, text):
    assert read(catalogue, "pl-backlog", text) == {"no-backlog"}
