"""A practice that exists but nobody uses is there in name only: "a backlog nobody opens" is no
prioritised backlog, in a note and under a question whose answers name the backlog."""

from __future__ import annotations

import json

import pytest

from tests.conftest import check


@pytest.mark.parametrize(
    "text",
    [
        "the backlog is a google sheet nobody opens",
        "There's a backlog no one has looked at since the summer.",
        "roadmap exists, nobody ever reads it",
        "they keep a backlog in trello that is collecting dust",
    ],
)
def test_a_backlog_nobody_uses_is_no_backlog(matcher, text):
    check(matcher, text, {"no-backlog"}, {"prioritized-backlog"})


def test_a_backlog_in_use_is_still_a_backlog(matcher):
    check(matcher, "the backlog is ranked every monday and everyone reads it", {"prioritized-backlog"}, {"no-backlog"})


def test_under_the_ticket_question_the_unused_backlog_reads_red(run_cli, monkeypatch):
    monkeypatch.setenv("PREPBOT_MODEL", "off")
    result = run_cli("analyze", "-f", "json", "-q", "pr-tickets", stdin="backlog is a spreadsheet that nobody opens")
    assert result.code == 0, result.err
    flags = {flag["id"] for flag in json.loads(result.out)["flags"]}
    assert "prioritized-backlog" not in flags
    assert "no-backlog" in flags
