"""A red flag and its green opposite heard in one interview: shown as a conflict, counted neither
way until the candidate confirms one side (issue 18, point 5)."""

from __future__ import annotations

import json

from prepbot.compare import compare
from prepbot.export import render_comparison, render_report
from prepbot.interview import start_interview
from prepbot.summary import summarize
from tests.test_cli_interviews import flags_json, new, write_note

RED = "We don't do code reviews here, people just merge."
GREEN = "Every pull request needs two approvals before it merges."


def both_ways(bank):
    interview = start_interview(bank, "Acme", persona="engineer", minutes=20, date="2026-12-01")
    first, second = interview.question_ids[:2]
    interview.set_note(first, RED)
    interview.set_note(second, GREEN)
    return interview


def test_both_sides_heard_count_neither_way_and_the_pair_is_quoted(bank, catalogue):
    summary = summarize(both_ways(bank), bank, catalogue.matcher)
    assert summary.score == 0
    assert summary.red == () and summary.green == ()
    [conflict] = summary.conflicts
    assert (conflict.red.id, conflict.green.id) == ("no-code-review", "code-review-required")
    assert conflict.quotes == (("We don't do code reviews",), (GREEN.rstrip("."),))
    # The question that settles it probes both flags and was not asked yet.
    settling = bank.questions[conflict.question_id]
    assert {"no-code-review", "code-review-required"} <= set(settling.flags)
    assert conflict.ask == settling.ask
    assert {f.status for f in summary.findings} == {"conflicting"}
    assert all(f.weight == 0 for f in summary.verdict.reasons)


def test_confirming_one_side_counts_it_and_overrules_the_other(bank, catalogue):
    interview = both_ways(bank)
    interview.correct("code-review-required", "confirmed")
    summary = summarize(interview, bank, catalogue.matcher)
    assert summary.conflicts == ()
    assert [f.id for f in summary.green] == ["code-review-required"]
    assert [(f.id, f.status) for f in summary.dismissed] == [("no-code-review", "overruled")]
    assert summary.score == 3


def test_dismissing_one_side_leaves_no_conflict(bank, catalogue):
    interview = both_ways(bank)
    interview.correct("no-code-review", "dismissed", evidence=("We don't do code reviews",))
    summary = summarize(interview, bank, catalogue.matcher)
    assert summary.conflicts == ()
    assert [f.id for f in summary.green] == ["code-review-required"]


def test_the_report_shows_the_conflict_in_every_format(bank, catalogue):
    interview = both_ways(bank)
    data = json.loads(render_report(bank, catalogue.matcher, interview, "json"))
    [conflict] = data["conflicts"]
    assert conflict["red"] == "no-code-review" and conflict["green"] == "code-review-required"
    assert conflict["green_evidence"] == [GREEN.rstrip(".")]
    assert conflict["red_where"] == "Q1" and conflict["green_where"] == "Q2"
    assert conflict["settle_with"]["ask"]
    assert data["verdict"]["score"] == 0
    for fmt in ("txt", "md", "html"):
        text = render_report(bank, catalogue.matcher, interview, fmt)
        assert "heard both ways, counted neither way" in text.lower()
        ask = conflict["settle_with"]["ask"]
        assert "Settle it: " + (ask.replace("'", "&#39;") if fmt == "html" else ask) in text


def test_the_comparison_marks_the_pair_as_conflicting(bank, catalogue):
    one = both_ways(bank)
    other = start_interview(bank, "Globex", persona="engineer", minutes=20)
    other.set_note(other.question_ids[0], GREEN)
    pairs = [(i, summarize(i, bank, catalogue.matcher)) for i in (one, other)]
    comparison = compare(bank, pairs)
    row = next(r for r in comparison.rows if r.id == "no-code-review")
    assert [c.state for c in row.cells] == ["conflicting", "not-heard"]
    text = render_comparison(bank, comparison, "txt")
    assert "⚠ CONFLICT" in text and "Settle it:" in text
    data = json.loads(render_comparison(bank, comparison, "json"))
    green_row = next(r for r in data["flags"] if r["id"] == "code-review-required")
    assert [c["state"] for c in green_row["cells"]] == ["conflicting", "green"]


def test_flags_command_lists_the_conflict_and_confirm_settles_it(run_cli):
    session = new(run_cli)
    write_note(session, 0, RED)
    write_note(session, 1, GREEN)
    result = run_cli("flags", session)
    assert result.code == 0, result.err
    assert "⚠ CONFLICT  no-code-review / code-review-required" in result.out
    assert 'heard: "Every pull request needs two approvals before it merges"' in result.out
    assert "settle it: " in result.out
    assert flags_json(run_cli, session)["conflicts"][0]["red"] == "no-code-review"
    assert run_cli("flags", session, "--confirm", "no-code-review").code == 0
    data = flags_json(run_cli, session)
    assert data["conflicts"] == []
    assert data["verdict"]["score"] == -3
