"""Every place that counts flags shows the same numbers: a flag heard under two questions counts once
(home list, chat panel, summary, reports, `sessions list`), and the verdict's score adds up by hand."""

from __future__ import annotations

import json
import re

from prepbot.catalogue import load_catalogue
from prepbot.export import render_report
from prepbot.interview import SEVERITY_POINTS, start_interview
from prepbot.store import Store
from prepbot.summary import summarize


def twice_heard(bank):
    """'No code review' heard under Q1 and again under Q2; 'bugs tracked' once."""
    interview = start_interview(bank, "Acme", "Dev", "2026-12-01", "engineer", 20)
    interview.set_note(interview.question_ids[0], "Nobody reviews code.")
    interview.set_note(interview.question_ids[1], "Nobody reviews code here either. Every bug is triaged in Jira.")
    return interview


def test_the_domain_counts_a_flag_heard_twice_once(bank):
    summary = summarize(twice_heard(bank), bank, load_catalogue().matcher, "off")
    assert [f.id for f in summary.red] == ["no-code-review"]
    assert len(summary.red[0].questions) == 2 and len(summary.red[0].heard) == 2
    assert [f.id for f in summary.green] == ["bugs-tracked"]


def test_reports_and_sessions_list_show_the_same_numbers(bank, run_cli):
    interview = twice_heard(bank)
    Store().save(interview)
    matcher = load_catalogue().matcher

    listed = json.loads(run_cli("sessions", "list", "--format", "json").out)
    assert (listed[0]["red"], listed[0]["green"]) == (1, 1)
    text = run_cli("sessions", "list").out.splitlines()[1]
    assert re.search(r"\s1\s+1\s+Acme", text)

    report = json.loads(render_report(bank, matcher, interview, "json"))
    assert [(f["id"], f["kind"]) for f in report["flags"]] == [("no-code-review", "red"), ("bugs-tracked", "green")]
    assert len(report["verdict"]["reasons"]) == 2
    assert "RED FLAGS (1)" in render_report(bank, matcher, interview, "txt")
    assert "GREEN FLAGS (1)" in render_report(bank, matcher, interview, "txt")
    assert "## Red flags (1)" in render_report(bank, matcher, interview, "md")
    assert "<h2>Red flags (1)</h2>" in render_report(bank, matcher, interview, "html")


def test_the_score_adds_up_by_hand_as_the_readme_says(bank):
    """README: green +, red -; low 1, medium 2, high 3; dismissed 0. The text report's reason lines sum
    to the score it prints."""
    interview = twice_heard(bank)
    interview.set_note(interview.question_ids[2], "Standups take 45 minutes.")
    matcher = load_catalogue().matcher
    summary = summarize(interview, bank, matcher, "off")
    txt = render_report(bank, matcher, interview, "txt")
    printed = int(re.search(r"\(score ([+-]\d+)\)", txt).group(1))
    lines = re.findall(r"^  ([+-]\d+)  (✗ RED|✓ GREEN) .*\((low|medium|high), (\w+)", txt, re.M)
    assert lines and len(lines) == len([f for f in summary.verdict.reasons if f.counts])
    for weight, label, severity, _status in lines:
        assert int(weight) == (1 if label == "✓ GREEN" else -1) * SEVERITY_POINTS[severity]
    assert printed == sum(int(w) for w, *_ in lines) == summary.score
    # A dismissed flag weighs 0.
    interview.correct("no-code-review", "dismissed", evidence=[h.evidence.text for h in summary.red[0].heard])
    after = summarize(interview, bank, matcher, "off")
    assert after.score == summary.score + SEVERITY_POINTS[summary.red[0].flag.severity]


def test_the_labels_thresholds_as_the_readme_says(bank):
    from prepbot.summary import _verdict_label

    interview = twice_heard(bank)
    matcher = load_catalogue().matcher
    red = summarize(interview, bank, matcher, "off").red
    assert _verdict_label(interview, (), 0).startswith("Nothing alarming")
    assert _verdict_label(interview, (), 1).startswith("Looks healthy")
    assert _verdict_label(interview, red, -1).startswith("Some concerns")
    assert _verdict_label(interview, red, -5).startswith("Serious concerns")
    assert _verdict_label(interview, (red[0], red[0]), 0).startswith("Serious concerns")  # two high-severity reds
