"""A cue the classifier vetoes no longer stands in the way of the question's own answer: "had one for
a while, then we gave it up for ad hoc asks" under the backlog question is a backlog dropped, with
the classifier on as shipped (the "ad hoc" cue of another flag, vetoed, used to silence the answer)."""

from __future__ import annotations

import json

import pytest

from prepbot.matching import model

pytestmark = pytest.mark.skipif(not model.available(), reason="the classifier is not installed")


def test_a_dropped_backlog_reads_with_the_classifier_on(run_cli, monkeypatch):
    monkeypatch.setenv("PREPBOT_MODEL", "on")
    answer = "had one for a while, then we gave it up for ad hoc asks in chat"
    result = run_cli("analyze", "-f", "json", "-q", "pl-backlog", stdin=answer)
    assert result.code == 0, result.err
    flags = {flag["id"] for flag in json.loads(result.out)["flags"]}
    assert flags == {"no-backlog"}
