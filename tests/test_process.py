"""The hiring process with one company (issue 22): rounds, statuses across rounds, conflicts
between rounds, the next round's plan, and the candidate's weights in the verdict."""

from __future__ import annotations

import pytest

from prepbot.interview import start_interview
from prepbot.prefs import NORMAL, Preferences, PreferencesError, load_preferences, save_preferences
from prepbot.process import build_process, company_key, plan_next_round, round_interview
from prepbot.summary import summarize

ON_CALL = "Honestly we get paged on weekends a lot and it's unpaid."
NO_REVIEW = "We don't do code reviews, people push straight to main."
REVIEWED = "Every pull request needs two approvals before it merges."


def answer(interview, question_id, text):
    if question_id not in interview.question_ids:
        interview.question_ids.append(question_id)
    interview.set_note(question_id, text)


def first_round(bank, company="Acme Corp"):
    interview = start_interview(bank, company, persona="manager", minutes=20, date="2026-11-01")
    answer(interview, "ho-vacation", ON_CALL)
    answer(interview, "cr-how-changes-reviewed", NO_REVIEW)
    return interview


def process_of(bank, catalogue, interviews, preferences=NORMAL):
    pairs = [(i, summarize(i, bank, catalogue.matcher, preferences=preferences)) for i in interviews]
    return build_process(bank, pairs, preferences)


def test_company_names_match_trimmed_collapsed_and_case_folded():
    assert company_key("  ACME   corp ") == company_key("Acme Corp") == "acme corp"
    assert company_key("Acme Corp") != company_key("Acme Corporation")


def test_rounds_are_ordered_by_date_and_flags_say_where_they_were_heard(bank, catalogue):
    later = start_interview(bank, "acme corp", persona="engineer", minutes=20, date="2026-11-08")
    answer(later, "cr-who-reviews", REVIEWED)
    process = process_of(bank, catalogue, [later, first_round(bank)])
    assert [r.date for r in process.rounds] == ["2026-11-01", "2026-11-08"]
    on_call = process.status_of("on-call-burden")
    assert on_call.status == "red"
    assert on_call.states == ("red", "unknown")  # round 2 did not ask about it
    [seen] = on_call.heard
    assert (seen.round_number, seen.question_id) == (1, "ho-vacation")
    assert seen.text in ON_CALL
    assert on_call.heard_in == (process.rounds[0].id,)
    assert "equipment-budget" in process.unknown


def test_a_red_in_one_round_and_its_green_in_another_is_a_conflict_counted_neither_way(bank, catalogue):
    later = start_interview(bank, "Acme Corp", persona="engineer", minutes=20, date="2026-11-08")
    answer(later, "cr-who-reviews", REVIEWED)
    process = process_of(bank, catalogue, [first_round(bank), later])
    [conflict] = process.conflicts
    assert (conflict.red.id, conflict.green.id) == ("no-code-review", "code-review-required")
    assert conflict.rounds == (process.rounds[0].id, process.rounds[1].id)
    assert conflict.question_id and {"no-code-review", "code-review-required"} <= set(bank.questions[conflict.question_id].flags)
    assert conflict.question_id not in ("cr-how-changes-reviewed", "cr-who-reviews")  # asked already
    assert {f.id for f in process.verdict.reasons if f.counts} == {"on-call-burden"}
    # The candidate confirms the green in round 2: it counts, the red is overruled.
    later.correct("code-review-required", "confirmed")
    process = process_of(bank, catalogue, [first_round(bank), later])
    assert process.conflicts == ()
    assert process.status_of("code-review-required").status == "green"
    assert process.status_of("no-code-review").status == "dismissed"
    assert process.verdict.score == -3 + 3


def test_the_next_round_never_repeats_an_answer_and_follows_up_the_reds_first(bank, catalogue):
    earlier = process_of(bank, catalogue, [first_round(bank)])
    round_plan = plan_next_round(bank, earlier, persona="engineer", minutes=20)
    assert round_plan.number == 2
    planned = [q.id for q in round_plan.plan.questions]
    assert not {"ho-vacation", "cr-how-changes-reviewed"} & set(planned)
    reds = [lead for lead in round_plan.leads if lead.reason == "red"]
    assert {f for lead in reds for f in lead.flags} == {"on-call-burden", "no-code-review"}
    for lead in reds:
        assert "engineer" in lead.question.personas
        assert set(lead.question.flags) & {lead.flags[0], bank.flags[lead.flags[0]].opposite}
        assert lead.follow_up == bank.flags[lead.flags[0]].follow_up
    # The reds lead the plan; then the unknowns; the follow-ups are planned right after their question.
    kinds = [lead.reason for lead in round_plan.leads]
    assert kinds == sorted(kinds, key=["deal-breaker", "red", "unknown"].index)
    first = round_plan.entries[: len(reds) * 2]
    assert first[0] == reds[0].question.id and first[1] == "ask:" + reds[0].follow_up
    interview = round_interview(round_plan, start_interview(bank, "Acme", persona="engineer", minutes=20))
    asks = [q.ask for q in interview.questions(bank)]
    assert asks[1] == reds[0].follow_up
    total = sum(q.minutes for q in interview.questions(bank))
    assert total <= 20


def test_every_plan_probes_the_deal_breakers_first_even_a_short_one(bank):
    preferences = Preferences({"has-tests": "deal-breaker"})
    round_plan = plan_next_round(bank, None, persona="manager", minutes=3, preferences=preferences)
    first = round_plan.plan.questions[0]
    assert {"has-tests", "no-tests"} & set(first.flags)
    assert round_plan.leads[0].reason == "deal-breaker"


def test_weights_in_the_verdict(bank, catalogue):
    interview = first_round(bank)
    plain = summarize(interview, bank, catalogue.matcher)
    assert plain.score == -6
    assert plain.verdict.deal_breakers == ()
    prefs = Preferences({"on-call-burden": "deal-breaker", "no-code-review": "ignore"})
    weighed = summarize(interview, bank, catalogue.matcher, preferences=prefs)
    assert [f.id for f in weighed.verdict.deal_breakers] == ["on-call-burden"]
    assert weighed.verdict.label.startswith("deal-breaker: Heavy on-call burden")
    weights = {f.id: f.weight for f in weighed.verdict.reasons}
    assert weights == {"on-call-burden": -6, "no-code-review": 0}
    important = summarize(interview, bank, catalogue.matcher, preferences=Preferences({"no-code-review": "important"}))
    assert {f.id: f.weight for f in important.verdict.reasons}["no-code-review"] == -6
    # A green flag marked as a deal-breaker makes its red opposite one.
    green_side = summarize(interview, bank, catalogue.matcher, preferences=Preferences({"code-review-required": "deal-breaker"}))
    assert [f.id for f in green_side.verdict.deal_breakers] == ["no-code-review"]


def test_preferences_file_round_trips_and_refuses_nonsense(tmp_path):
    path = tmp_path / "preferences.json"
    assert load_preferences(path) == NORMAL
    prefs = NORMAL.with_weight("on-call-burden", "deal-breaker").with_weight("has-tests", "important")
    save_preferences(prefs, path)
    assert load_preferences(path).as_dict() == {"has-tests": "important", "on-call-burden": "deal-breaker"}
    assert load_preferences(path).with_weight("has-tests", "normal").as_dict() == {"on-call-burden": "deal-breaker"}
    with pytest.raises(PreferencesError):
        NORMAL.with_weight("has-tests", "maybe")
    path.write_text("[bold]not json", encoding="utf-8")
    with pytest.raises(PreferencesError):
        load_preferences(path)


def test_a_red_you_ignore_is_not_followed_up(bank, catalogue):
    ignoring = Preferences({"on-call-burden": "ignore"})
    earlier = process_of(bank, catalogue, [first_round(bank)], ignoring)
    round_plan = plan_next_round(bank, earlier, persona="engineer", minutes=20, preferences=ignoring)
    assert {f for lead in round_plan.leads if lead.reason == "red" for f in lead.flags} == {"no-code-review"}
    assert bank.flags["on-call-burden"].follow_up not in round_plan.follow_ups
