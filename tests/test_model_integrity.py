"""The classifier is checked before it is trusted, says once and clearly when it is damaged, and
writes nothing outside prepbot's folders (onnxruntime's telemetry is off)."""

from __future__ import annotations

import json
import os
import shutil
from functools import partial
from pathlib import Path

import pytest

from prepbot.matching import model as model_module
from prepbot.matching.model import MODEL_DIR, Classifier, ModelDamaged, ModelUnavailable
from tests.conftest import run_process

pytest.importorskip("onnxruntime")

NOTE = "Folks keep quitting; three seniors handed in notice this spring. Nobody reviews code."
WARNING = "prepbot: the classifier is damaged ("


def artifact_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("model.onnx", "model.onnx.data", "tokenizer.json", "labels.json"):
        shutil.copyfile(MODEL_DIR / name, folder / name)
    return folder


def truncate_model(folder: Path) -> None:
    data = (folder / "model.onnx").read_bytes()
    (folder / "model.onnx").write_bytes(data[: len(data) // 2])


def truncate_weights(folder: Path) -> None:
    data = (folder / "model.onnx.data").read_bytes()
    (folder / "model.onnx.data").write_bytes(data[: len(data) // 2])


def remove_weights(folder: Path) -> None:
    (folder / "model.onnx.data").unlink()


def corrupt_tokenizer(folder: Path) -> None:
    text = (folder / "tokenizer.json").read_text(encoding="utf-8")
    (folder / "tokenizer.json").write_text(text.replace('"[UNK]"', '"[UNKNOWN]"', 1), encoding="utf-8")


def remove_labels(folder: Path) -> None:
    (folder / "labels.json").unlink()


def edit_labels(folder: Path) -> None:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    labels["thresholds"]["high-turnover"] = 0.05  # plausible, but not what was trained
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")


DAMAGE = {
    "truncated model.onnx": (truncate_model, "model.onnx"),
    "truncated model.onnx.data": (truncate_weights, "model.onnx.data"),
    "missing model.onnx.data": (remove_weights, "model.onnx.data"),
    "corrupt tokenizer.json": (corrupt_tokenizer, "tokenizer.json"),
    "missing labels.json": (remove_labels, "labels.json"),
    "edited labels.json": (edit_labels, "labels.json"),
}


def test_the_shipped_artifact_passes_its_own_check(tmp_path):
    labels = json.loads((MODEL_DIR / "labels.json").read_text(encoding="utf-8"))
    assert set(labels["sha256"]) == {"model.onnx", "model.onnx.data", "tokenizer.json", "labels.json"}
    assert Classifier.load(cache=tmp_path).flag_ids
    assert [p.name for p in tmp_path.iterdir()][0].startswith("classifier-checked-")
    assert Classifier.load(cache=tmp_path).flag_ids  # and again, from the remembered check


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_is_detected_before_the_artifact_is_trusted(tmp_path, damage):
    folder = artifact_copy(tmp_path)
    Classifier.load(folder, cache=tmp_path / "cache")  # checked and remembered while intact
    spoil, name = DAMAGE[damage]
    spoil(folder)
    with pytest.raises(ModelDamaged) as err:
        Classifier.load(folder, cache=tmp_path / "cache")
    message = str(err.value)
    assert message.startswith("the classifier is damaged (") and name in message and "\n" not in message


@pytest.mark.parametrize("name", ["model.onnx", "model.onnx.data"])  # the graph, and its weights
def test_a_rewrite_with_the_same_size_and_time_is_still_caught(tmp_path, name):
    folder = artifact_copy(tmp_path)
    cache = tmp_path / "cache"
    Classifier.load(folder, cache=cache)
    path = folder / name
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the file
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ModelDamaged, match=f"{name} does not match"):
        Classifier.load(folder, cache=cache)


def test_no_artifact_at_all_is_not_installed_rather_than_damaged(tmp_path):
    with pytest.raises(ModelUnavailable) as err:
        Classifier.load(tmp_path)
    assert not isinstance(err.value, ModelDamaged)


@pytest.fixture
def damaged_product(tmp_path, monkeypatch):
    """The product with its classifier on and its artifact truncated."""
    from prepbot import catalogue

    folder = artifact_copy(tmp_path)
    truncate_model(folder)
    monkeypatch.setattr(model_module, "MODEL_DIR", folder)
    monkeypatch.setenv("PREPBOT_MODEL", "on")
    catalogue._load.cache_clear()
    yield folder
    catalogue._load.cache_clear()


def test_analyze_says_once_that_the_classifier_is_damaged(run_cli, damaged_product, tmp_path):
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NOTE, encoding="utf-8")
    result = run_cli("analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.code == 0
    lines = [line for line in result.err.splitlines() if line]
    assert lines == [
        "prepbot: the classifier is damaged (model.onnx does not match the checksum in labels.json); reading with the cues alone"
    ]
    assert "no-code-review" in result.out and "high-turnover" not in result.out  # the cues still read


def test_explain_says_the_classifier_was_off_because_it_is_damaged(run_cli, damaged_product):
    result = run_cli("analyze", "--explain", stdin=NOTE)
    assert result.code == 0
    assert "classifier: off, because the classifier is damaged (model.onnx" in result.out
    assert "classifier: on" not in result.out


async def test_the_tui_shows_the_damage_once(tmp_path):
    from textual.widgets import Input

    from prepbot.catalogue import Catalogue, load_catalogue
    from prepbot.matching.engine import Matcher, ModelSlot
    from prepbot.service import Service
    from prepbot.store import Store
    from prepbot.tui.app import PrepbotApp

    folder = artifact_copy(tmp_path)
    corrupt_tokenizer(folder)
    plain = load_catalogue()
    slot = ModelSlot(partial(Classifier.load, folder))
    damaged = Catalogue(plain.bank, plain.rules, Matcher.from_bank(plain.bank, plain.rules, slot))
    app = PrepbotApp(Service(damaged, Store()))
    async with app.run_test(size=(100, 30)) as pilot:
        for company in ("Acme", "Globex"):  # two interviews opened: one notification
            await pilot.press("n")
            app.screen.query_one("#company", Input).value = company
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        shown = [n.message for n in app._notifications if "damaged" in n.message]
    assert shown == [
        "the classifier is damaged (tokenizer.json does not match the checksum in labels.json); reading with the cues alone."
    ]


@pytest.mark.parametrize("value", ["maybe", "of", "enabled"])
def test_an_unknown_prepbot_model_value_is_refused(value):
    result = run_process("analyze", stdin=b"Nobody reviews code.", env={"PREPBOT_MODEL": value})
    assert result.code == 2
    assert result.err.strip() == f"prepbot: error: PREPBOT_MODEL must be 'on' or 'off', not '{value}'"
    assert result.out == ""


@pytest.mark.parametrize("value", ["on", "ON", "off", "0", ""])
def test_the_known_prepbot_model_values_are_accepted(value):
    result = run_process("analyze", stdin=b"Nobody reviews code.", env={"PREPBOT_MODEL": value})
    assert result.code == 0, result.err
    assert "no-code-review" in result.out


def test_analyze_with_the_classifier_writes_nothing_to_home(tmp_path):
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PREPBOT_HOME": str(data), "PREPBOT_MODEL": "on"}
    for name in ("ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env.pop(name, None)  # nothing from the test process may do prepbot's job for it
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "prepbot", "analyze", "--explain"],
        input=b"Folks keep quitting; three seniors handed in notice this spring.",
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"classifier: on" in proc.stdout and b"from classifier" in proc.stdout  # it really ran
    assert [str(p.relative_to(home)) for p in home.rglob("*")] == []
