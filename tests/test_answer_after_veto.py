"""A cue the classifier vetoes no longer stands in the way of the question's own answer: "had one for
a while, then we gave it up for ad hoc asks" under the backlog question is a backlog dropped, with
the classifier on as shipped (the "ad hoc" cue of another flag, vetoed, used to silence the answer)."""

from __future__ import annotations

import json

import pytest

from prepbot.matching import model

pytestmark = pytest.mark.skipif(not model.available(), reason="the classifier is not installed")


@pytest.fixture
def classifier_on(monkeypatch):
    """The classifier on for this test's catalogue alone: the process keeps one catalogue per bank,
    made with the setting of its first load, so a catalogue made here must not outlive the test (the
    rest of the suite reads with the classifier off) and one made before must not stand in for it."""
    from prepbot import catalogue

    monkeypatch.setenv("PREPBOT_MODEL", "on")
    catalogue._load.cache_clear()
    yield
    catalogue._load.cache_clear()


def test_a_dropped_backlog_reads_with_the_classifier_on(run_cli, classifier_on):
    answer = "had one for a while, then we gave it up for ad hoc asks in chat"
    result = run_cli("analyze", "-f", "json", "-q", "pl-backlog", stdin=answer)
    assert result.code == 0, result.err
    flags = {flag["id"] for flag in json.loads(result.out)["flags"]}
    assert flags == {"no-backlog"}
