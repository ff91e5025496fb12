"""How a summary reads an interview's notes: each planned question once."""

from __future__ import annotations

from prepbot.interview import start_interview
from prepbot.summary import summarize


def test_a_question_planned_twice_gives_its_evidence_once(bank, catalogue):
    interview = start_interview(bank, "Acme", persona="engineer", minutes=20, date="2026-12-01")
    question = interview.question_ids[0]
    interview.question_ids.append(question)  # e.g. an old file or a script that appended it again
    interview.set_note(question, "We get paged every weekend and nobody is paid for it.")
    [finding] = [f for f in summarize(interview, bank, catalogue.matcher).red if f.id == "on-call-burden"]
    texts = [h.evidence.text for h in finding.heard]
    assert texts and len(texts) == len(set(texts)), texts
