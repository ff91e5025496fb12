"""The shipped classifier inside the product: it adds what the cues miss, the cues keep the
evidence and the polarity where they read anything, and the context rules still rule.

These run the real artifact through the real CLI (the rest of the suite runs with the classifier
off, so that retraining it cannot change unrelated tests).
"""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import run_process

pytest.importorskip("onnxruntime")
ON = {"PREPBOT_MODEL": "on"}


def analyze(text: str, *args: str, model: bool = True) -> dict:
    env = ON if model else {"PREPBOT_MODEL": "off"}
    result = run_process("analyze", "--format", "json", "--explain", *args, stdin=text.encode(), env=env)
    assert result.code == 0, result.err
    return json.loads(result.out)


def flags(data: dict) -> dict[str, list[str]]:
    return {f["id"]: [e["source"] for e in f["evidence"]] for f in data["flags"]}


def test_the_classifier_adds_what_the_cues_miss_and_says_so():
    text = "Folks keep quitting; three seniors handed in notice this spring."
    assert flags(analyze(text, model=False)) == {}
    found = flags(analyze(text))
    assert list(found) == ["high-turnover"]
    assert found["high-turnover"][0].startswith("classifier: p=")


def test_where_the_cues_read_a_flag_they_keep_the_evidence():
    found = analyze("Code is not reviewed before it ships.")
    [flag] = found["flags"]
    assert flag["id"] == "no-code-review"
    assert [e["source"].split(":")[0] for e in flag["evidence"]] == ["cue"]
    assert flag["evidence"][0]["context"] == "negation inside: 'not'"


def test_context_rules_still_rule_over_the_classifier():
    for text in ("Ask them whether code is reviewed.", "Do they pay for on-call?"):
        assert analyze(text)["flags"] == [], text
    # a wish shows the state it would fix, never the practice, whatever the classifier thinks
    assert [f["id"] for f in analyze("We would love to have CI someday.")["flags"]] == ["no-ci"]


def test_the_text_report_says_the_classifier_is_on():
    result = run_process("analyze", "--explain", stdin=b"Folks keep quitting.", env=ON)
    assert "classifier: on" in result.out


def test_turned_off_it_says_so(tmp_path):
    result = run_process("analyze", "--explain", stdin=b"nothing", env={"PREPBOT_MODEL": "off"})
    assert "classifier: off" in result.out
    assert os.environ.get("PREPBOT_MODEL") == "off"  # the suite's default is untouched


def test_a_very_long_text_is_read_whole_by_the_cues_and_in_part_by_the_classifier(tmp_path):
    from prepbot.matching.engine import MODEL_BUDGET

    sentences = [f"Release {i} went out after the team reviewed every pull request." for i in range(MODEL_BUDGET + 50)]
    sentences.append("Nobody reviews the hotfixes though.")
    path = tmp_path / "long.txt"
    path.write_text(" ".join(sentences), encoding="utf-8")
    result = run_process("analyze", "--format", "json", str(path), env=ON)
    assert result.code == 0, result.err
    assert f"the classifier read {MODEL_BUDGET} of its sentences (those on the bank's topics first)" in result.err
    assert "left 51 to the cues, which read all of it" in result.err
    found = {f["id"] for f in json.loads(result.out)["flags"]}
    assert "no-code-review" in found  # the last sentence, past the classifier's budget, is read by the cues
