"""How the cues' readings and the classifier's probabilities combine (prepbot/matching/combine.py).

A stand-in classifier gives fixed probabilities per text, so each rule of the combination is seen
on its own; the policy is the one shipped in the artifact's labels.json, or a stated one.
"""

from __future__ import annotations

import json

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.matching.combine import NEVER, Policy
from prepbot.matching.engine import Matcher, ModelSlot
from prepbot.matching.model import MODEL_DIR, read_labels


class _StandIn:
    unit = "text"

    def __init__(self, says: dict[str, dict[str, float]], combination: dict | None, threshold: float = 0.65):
        self._says = says
        self.combination = combination
        self.thresholds: dict[str, float] = {}
        self._threshold = threshold

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        return [next((v for k, v in self._says.items() if k in text), {}) for text in texts]

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        return [{f: p for f, p in s.items() if p >= self._threshold} for s in self.scores(texts)]


def _matcher(says: dict[str, dict[str, float]], combination: dict | None) -> Matcher:
    catalogue = load_catalogue()
    return Matcher(catalogue.bank.flags.values(), catalogue.rules, ModelSlot(lambda: _StandIn(says, combination)))


def _found(matcher: Matcher, text: str) -> dict[str, list[str]]:
    return {m.id: [e.source for e in m.evidence] for m in matcher.match(text)}


SHIPPED = read_labels(MODEL_DIR)["combination"]
STATED = Policy(
    alone=0.75, weak=0.2, weak_opposite=0.65, opposite=NEVER, negated_green=0.85, veto=0.0, veto_context=0.1, pair=True
).as_mapping()


def test_the_shipped_artifact_carries_its_combination_and_its_nested_figures():
    policy = Policy.from_mapping(SHIPPED)
    assert policy.kind in ("rules", "logistic") and policy.name
    nested = SHIPPED["nested_cv"]
    assert 0.0 < nested["P"] < 1.0 and 0.0 < nested["F1"] < 1.0 and nested["inverted"] >= 0


def test_a_classifier_reading_alone_needs_more_confidence_than_one_a_cue_corroborates():
    text = "Folks keep quitting; three seniors handed in notice this spring."
    assert _found(_matcher({"quitting": {"high-turnover": 0.70}}, STATED), text) == {}
    found = _found(_matcher({"quitting": {"high-turnover": 0.80}}, STATED), text)
    assert list(found) == ["high-turnover"]
    assert found["high-turnover"][0] == "classifier: p=0.80 >= 0.75, alone"
    # 0.2's combination (no policy in the artifact) added it at the model's own threshold
    assert list(_found(_matcher({"quitting": {"high-turnover": 0.70}}, None), text)) == ["high-turnover"]


def test_a_weak_cue_of_the_same_flag_lowers_the_bar():
    text = "We work with a lot of legacy code."
    assert load_catalogue().matcher.match(text, model="off") == []  # the cue alone reads too little
    found = _found(_matcher({"legacy": {"poor-code-quality": 0.3}}, STATED), text)
    assert list(found) == ["poor-code-quality"]
    assert found["poor-code-quality"] == ["classifier: p=0.30 >= 0.20, with a weak cue"]
    assert _found(_matcher({"legacy": {"poor-code-quality": 0.1}}, STATED), text) == {}


def test_against_a_weak_cue_of_the_opposite_flag_the_bar_is_its_own():
    # a weak prioritized-backlog cue ("stale" is now a context trigger of its own: words no rule reads)
    text = "The backlog is a mess of six hundred forgotten tickets."
    assert _found(_matcher({"forgotten tickets": {"no-backlog": 0.6}}, STATED), text) == {}
    found = _found(_matcher({"forgotten tickets": {"no-backlog": 0.9}}, STATED), text)
    assert found == {"no-backlog": ["classifier: p=0.90 >= 0.65, against a weak cue of the opposite"]}


def test_of_a_pair_both_read_by_the_classifier_the_stronger_stays():
    text = "A colleague looks over each diff before it goes in."  # no cue reads it
    says = {"colleague": {"code-review-required": 0.95, "no-code-review": 0.80}}
    assert list(_found(_matcher(says, STATED), text)) == ["code-review-required"]
    unpaired = {**STATED, "pair": False}
    assert set(_found(_matcher(says, unpaired), text)) == {"code-review-required", "no-code-review"}


def test_a_polarity_the_context_decided_is_not_overridden_by_the_classifier():
    text = "Code is not reviewed before it ships."
    says = {"reviewed": {"code-review-required": 0.97, "no-code-review": 0.5}}
    found = _found(_matcher(says, STATED), text)
    assert list(found) == ["no-code-review"] and found["no-code-review"][0].startswith("cue:")


def test_a_reading_the_context_decided_is_dropped_when_the_classifier_finds_it_very_unlikely():
    text = "Code is not reviewed before it ships."
    assert list(_found(_matcher({"reviewed": {"no-code-review": 0.5}}, STATED), text)) == ["no-code-review"]
    assert _found(_matcher({"reviewed": {"no-code-review": 0.05}}, STATED), text) == {}
    assert list(_found(_matcher({"reviewed": {"no-code-review": 0.05}}, None), text)) == ["no-code-review"]


def test_a_damaged_combination_falls_back_to_the_plain_one():
    text = "Folks keep quitting; three seniors handed in notice this spring."
    for broken in ({"kind": "magic"}, {"kind": "logistic", "weights": [1.0]}, {"alone": "high"}):
        assert list(_found(_matcher({"quitting": {"high-turnover": 0.70}}, broken), text)) == ["high-turnover"]


def test_the_logistic_combiner_names_its_rule():
    from prepbot.matching.combine import FEATURES

    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("logit_p")] = 1.0
    combiner = Policy(kind="logistic", weights=tuple(weights), bias=0.0, threshold=0.6).as_mapping()
    text = "Folks keep quitting; three seniors handed in notice this spring."
    assert _found(_matcher({"quitting": {"high-turnover": 0.55}}, combiner), text) == {}
    found = _found(_matcher({"quitting": {"high-turnover": 0.8}}, combiner), text)
    assert found["high-turnover"][0].startswith("classifier: p=0.80, combiner 0.80 >= 0.60")


def test_the_combination_is_sealed_with_the_labels(tmp_path):
    """Editing the combination in labels.json breaks its digest: the runtime says it was edited."""
    from prepbot.matching.model import ModelDamaged

    folder = tmp_path
    labels = json.loads((MODEL_DIR / "labels.json").read_text(encoding="utf-8"))
    labels["combination"]["alone"] = 0.1
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    with pytest.raises(ModelDamaged, match="edited"):
        read_labels(folder)


def test_a_model_that_gives_only_its_flags_gets_the_plain_combination():
    """Without every probability, a cue's flag missing from the classifier's answer is not 'unlikely'."""

    class FlagsOnly:
        unit = "text"
        thresholds: dict[str, float] = {}
        combination = STATED

        def flags(self, texts: list[str]) -> list[dict[str, float]]:
            return [{} for _ in texts]

    catalogue = load_catalogue()
    matcher = Matcher(catalogue.bank.flags.values(), catalogue.rules, ModelSlot(lambda: FlagsOnly()))
    assert [m.id for m in matcher.match("Code is not reviewed before it ships.")] == ["no-code-review"]


def test_the_logistic_combiner_adds_no_flag_the_context_rules_read_away():
    # "nobody ever quits": a cue of high-turnover, negated; the flag has no opposite, so the words
    # say the team keeps its people, and however sure the classifier is, it does not bring it back.
    from prepbot.matching.combine import FEATURES

    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("logit_p")] = 1.0
    combiner = Policy(kind="logistic", weights=tuple(weights), bias=0.0, threshold=0.6).as_mapping()
    assert _found(_matcher({"quit": {"high-turnover": 0.97}}, combiner), "Nobody on this team ever quits.") == {}
    said = _found(_matcher({"quit": {"high-turnover": 0.97}}, combiner), "Engineers quit all the time here.")
    assert list(said) == ["high-turnover"]
