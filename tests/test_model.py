"""The learned flag classifier, tested through the real shipped artifact (prepbot/matching/model/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from prepbot.matching import model as model_module
from prepbot.matching.model import MODEL_DIR, Classifier, ModelUnavailable, available

CONTRACT_IDS = {
    "no-code-review",
    "bugs-untracked",
    "tickets-afterthought",
    "no-backlog",
    "no-tests",
    "poor-code-quality",
    "features-over-bugs",
    "long-standups",
    "agile-unfamiliar",
    "unclear-product",
    "interviewer-new",
    "no-ci",
    "on-call-burden",
    "overtime-expected",
    "high-turnover",
    "trivia-interview",
    "code-review-required",
    "bugs-tracked",
    "has-tests",
    "has-ci",
    "prioritized-backlog",
    "realistic-deadlines",
    "no-after-hours-contact",
    "equipment-budget",
}


def _has_onnxruntime() -> bool:
    try:
        model_module.import_runtime()  # with its telemetry off: the suite writes nothing to HOME
    except Exception:
        return False
    return True


needs_runtime = pytest.mark.skipif(not _has_onnxruntime(), reason="onnxruntime is not importable")


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier.load()


# -- without the runtime ------------------------------------------------------------------------


def test_importing_the_module_does_not_import_the_runtime():
    code = "import sys, prepbot.matching.model as m; print(sorted(n for n in ('onnxruntime', 'tokenizers') if n in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_artifact_is_complete_and_small():
    for name in ("model.onnx", "model.onnx.data", "tokenizer.json", "labels.json", "MODEL_CARD.md", "NOTICE"):
        assert (MODEL_DIR / name).is_file(), name
    # The weights are model.onnx's external data (mapped into memory at load, not parsed and copied).
    assert (MODEL_DIR / "model.onnx").stat().st_size < 1024 * 1024 < (MODEL_DIR / "model.onnx.data").stat().st_size
    total = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert total <= 30 * 1024 * 1024
    labels = json.loads((MODEL_DIR / "labels.json").read_text(encoding="utf-8"))
    assert set(labels["flag_ids"]) == CONTRACT_IDS and len(labels["flag_ids"]) == 24
    assert labels["unit"] in {"text", "sentence", "both"}
    assert all(0.0 < labels["thresholds"][f] < 1.0 for f in CONTRACT_IDS)
    assert "Apache" in (MODEL_DIR / "NOTICE").read_text(encoding="utf-8")


def test_missing_artifact_is_reported_in_one_line(tmp_path):
    assert not available(tmp_path)
    with pytest.raises(ModelUnavailable) as err:
        Classifier.load(tmp_path)
    assert "\n" not in str(err.value) and "model.onnx" in str(err.value)


def test_missing_runtime_package_is_reported_in_one_line(monkeypatch):
    monkeypatch.setattr(model_module, "_missing_dep", lambda: "onnxruntime")
    assert not available()
    with pytest.raises(ModelUnavailable, match="onnxruntime"):
        Classifier.load()


def test_unreadable_labels_are_reported(tmp_path):
    for name in ("model.onnx", "model.onnx.data", "tokenizer.json"):
        (tmp_path / name).write_bytes((MODEL_DIR / name).read_bytes())
    (tmp_path / "labels.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="labels.json"):
        Classifier.load(tmp_path)


# -- through the real model ---------------------------------------------------------------------


@needs_runtime
def test_available_and_loads(clf):
    assert available()
    assert set(clf.flag_ids) == CONTRACT_IDS and len(clf.flag_ids) == 24
    assert set(clf.thresholds) == CONTRACT_IDS


@needs_runtime
def test_gives_24_probabilities_per_text_in_order(clf):
    texts = ["Our deploys are all manual.", "", "x" * 5000, "The cafeteria serves soup."]
    out = clf.predict(texts, batch_size=2)
    assert len(out) == len(texts)
    for probs in out:
        assert set(probs) == CONTRACT_IDS
        assert all(isinstance(p, float) and 0.0 <= p <= 1.0 for p in probs.values())
    assert clf.predict([]) == [] and clf.flags([]) == []
    # Order is kept: each text's scores are the ones it gets on its own.
    assert out[0] == clf.predict([texts[0]])[0]
    assert out[3] == clf.predict([texts[3]])[0]


@needs_runtime
def test_deterministic(clf):
    texts = ["Reviews are optional and mostly skipped.", "We have a paid on-call rotation.", "Hi."]
    assert clf.predict(texts) == clf.predict(texts)
    assert clf.predict(texts) == Classifier.load().predict(texts)
    # A text gets the same scores whatever it is batched with.
    assert clf.predict(texts, batch_size=1) == clf.predict(texts, batch_size=32)


@needs_runtime
def test_flags_are_the_probabilities_at_or_above_threshold(clf):
    texts = ["Nobody reviews our code, we push straight to production.", "The sky is blue."]
    for probs, flagged in zip(clf.predict(texts), clf.flags(texts), strict=True):
        assert flagged == {f: p for f, p in probs.items() if p >= clf.thresholds[f]}


# Sentences written for this test (not in the training data), each stating one flag plainly.
CLEAR = [
    ("Nobody reviews our code, we push straight to production.", "no-code-review"),
    ("Every merge request must be approved by a colleague before it goes in.", "code-review-required"),
    ("The project has no automated tests whatsoever.", "no-tests"),
    ("Our test suite has thousands of unit tests and they all run before a release.", "has-tests"),
    ("Releases are built and copied to the servers by hand.", "no-ci"),
    ("A pipeline builds, tests and deploys every commit automatically.", "has-ci"),
    ("I was expected to answer calls from my boss while on holiday.", "on-call-burden"),
    ("Most of my team resigned within the last six months.", "high-turnover"),
    ("People there routinely work until midnight and on Sundays.", "overtime-expected"),
    ("Customers report bugs by email and nobody writes them down anywhere.", "bugs-untracked"),
    ("Each defect is filed in the issue tracker and triaged by the team lead.", "bugs-tracked"),
    ("Staff receive an allowance to buy a monitor and a desk for working from home.", "equipment-budget"),
]

UNRELATED = [
    "The office has a nice view of the river.",
    "My train to the interview was ten minutes late.",
    "The company makes accounting software for small shops.",
]


@needs_runtime
@pytest.mark.parametrize(("text", "flag"), CLEAR)
def test_clear_sentences_get_their_flag(clf, text, flag):
    assert flag in clf.flags([text])[0], clf.predict([text])[0][flag]


@needs_runtime
@pytest.mark.parametrize("text", UNRELATED)
def test_unrelated_sentences_get_nothing(clf, text):
    assert clf.flags([text]) == [{}]


def test_model_folder_is_not_a_package():
    # prepbot/matching/__init__.py belongs to the matcher; the artifact folder holds data only.
    assert not any(p.suffix == ".py" for p in Path(MODEL_DIR).iterdir())
