"""`prepbot analyze` runs the classifier in a process of its own: same readings, nothing left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from prepbot.matching import model_worker
from prepbot.matching.model import MODEL_DIR, Classifier, ModelDamaged, available

pytestmark = pytest.mark.skipif(not available(), reason="the classifier is not installed")

NOTE = (
    "Every PR needs one approval, but people push straight to main when things are urgent. "
    "Folks keep quitting and nobody knows why. Bugs live in Slack and nobody tracks them. "
    "We would love to have CI someday. On-call is one week in four, unpaid. "
    "The office is nice and the coffee is good. Standups take about 30 minutes each morning. "
) * 5  # longer than one unit: read sentence by sentence, in the background
SENTENCES = ["Folks keep quitting.", "Code is not reviewed before it ships.", "The coffee is good.", "Ünïcödé [bold]x[/] 🙂"]


def test_the_worker_gives_the_scores_of_the_classifier_in_process(tmp_path):
    client = model_worker.WorkerClient(MODEL_DIR, model_worker.THREADS, tmp_path)
    try:
        remote = client()
        assert isinstance(remote, model_worker.RemoteClassifier)
        here = Classifier.load(threads=1)
        assert remote.scores(SENTENCES) == here.scores(SENTENCES)  # to the bit: floats cross JSON exactly
        assert (remote.flag_ids, remote.thresholds, remote.unit, remote.combination) == (
            here.flag_ids,
            here.thresholds,
            here.unit,
            here.combination,
        )
    finally:
        client.close()


def test_a_worker_that_dies_after_loading_is_replaced_by_the_classifier_in_process(tmp_path):
    client = model_worker.WorkerClient(MODEL_DIR, model_worker.THREADS, tmp_path)
    remote = client()
    process = client._process
    assert process is not None
    process.kill()
    process.wait()
    assert remote.scores(SENTENCES) == Classifier.load(threads=1).scores(SENTENCES)
    assert client._process is None


def test_a_damaged_artifact_is_reported_by_the_worker_in_one_line(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("model.onnx", "model.onnx.data", "tokenizer.json", "labels.json"):
        (folder / name).write_bytes((MODEL_DIR / name).read_bytes())
    with open(folder / "model.onnx", "r+b") as handle:
        handle.truncate(1000)
    client = model_worker.WorkerClient(folder, model_worker.THREADS, None)
    with pytest.raises(Exception) as raised:
        client()
    assert str(raised.value) == str(ModelDamaged("model.onnx does not match the checksum in labels.json"))
    assert client._process is None  # stopped once it said so


def _analyze_with_the_model(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREPBOT_MODEL": "on"}
    return subprocess.run(
        [sys.executable, "-m", "prepbot", "analyze", *args], input=stdin, capture_output=True, env=env, timeout=120
    )


def test_analyze_reads_the_same_with_the_worker_as_in_process(tmp_path):
    result = _analyze_with_the_model("--format", "json", "--explain", stdin=NOTE.encode())
    assert result.returncode == 0 and result.stderr == b""
    worker = json.loads(result.stdout)
    # The same reading in this process, with the classifier loaded here.
    from prepbot.catalogue import load_catalogue
    from prepbot.export.shapes import matches_as_dict
    from prepbot.matching.engine import Matcher, ModelSlot

    plain = load_catalogue()
    matcher = Matcher.from_bank(plain.bank, plain.rules, ModelSlot(lambda: Classifier.load(threads=2)))
    here = json.loads(json.dumps(matches_as_dict(matcher.match(NOTE), explain=True)))
    assert worker == here
    assert any("classifier" in json.dumps(flag) for flag in worker["flags"])  # the classifier did read


_WATCH = """
import sys
from prepbot.matching import model_worker
started = []
original = model_worker.WorkerClient.__init__
def recording(self, *args):
    original(self, *args)
    started.append(self._process)
model_worker.WorkerClient.__init__ = recording
from prepbot.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(len(started), all(p.poll() is not None for p in started))
"""


@pytest.mark.parametrize("args", [["analyze", "{note}"], ["analyze", "--bank", "{missing}", "{note}"], ["analyze", "{missing}"]])
def test_no_worker_is_left_running_however_analyze_ends(tmp_path, args):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    argv = [a.format(note=note, missing=tmp_path / "missing.yaml") for a in args]
    env = {**os.environ, "PREPBOT_MODEL": "on"}
    proc = subprocess.run([sys.executable, "-c", _WATCH, *argv], capture_output=True, text=True, env=env, timeout=120)
    assert proc.stdout.split()[-2:] == ["1", "True"], proc.stderr


def test_ctrl_c_ends_both_processes_quietly(tmp_path):
    env = {**os.environ, "PREPBOT_MODEL": "on"}
    # stdin left open: analyze waits for the text with the worker started, as a user pasting would
    proc = subprocess.Popen(
        [sys.executable, "-m", "prepbot", "analyze"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    time.sleep(3)
    children = _children(proc.pid)
    assert len(children) == 1  # the worker
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        pytest.skip("no /proc children list here")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][:1] not in ("Z", "X")
    except OSError:
        return False


def test_a_prepbot_folder_where_the_user_stands_is_not_run_by_the_worker(tmp_path):
    planted = tmp_path / "prepbot" / "matching"
    planted.mkdir(parents=True)
    trap = "open(__file__ + '.RAN', 'w').close()\n"
    for path in (planted.parent / "__init__.py", planted / "__init__.py", planted / "model_worker.py"):
        path.write_text(trap, encoding="utf-8")
    env = {**os.environ, "PREPBOT_MODEL": "on"}
    proc = subprocess.run(
        [sys.executable, "-P", "-m", "prepbot", "analyze", "--explain"],
        input=b"Folks keep quitting.",
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"from classifier" in proc.stdout  # read by the classifier, whose process ran our code
    assert not list(tmp_path.rglob("*.RAN"))


def test_the_worker_started_as_a_new_interpreter_gives_the_same_scores(tmp_path, monkeypatch):
    # Where it cannot be forked (not Linux, or threads running), the worker is a new interpreter.
    monkeypatch.setattr(model_worker, "can_fork", lambda: False)
    client = model_worker.WorkerClient(MODEL_DIR, model_worker.THREADS, tmp_path)
    try:
        assert not isinstance(client._process, model_worker.Forked)
        assert client().scores(SENTENCES) == Classifier.load(threads=1).scores(SENTENCES)
    finally:
        client.close()


@pytest.mark.skipif(not model_worker.can_fork(), reason="the worker is forked only on Linux, from a single thread")
def test_a_forked_worker_keeps_none_of_its_parents_files(tmp_path):
    kept = tmp_path / "parent-file.txt"
    with open(kept, "w", encoding="utf-8"):  # open in this process while the worker is forked
        client = model_worker.WorkerClient(MODEL_DIR, model_worker.THREADS, tmp_path)
        try:
            assert isinstance(client._process, model_worker.Forked)
            client()  # loaded: it answers
            folder = f"/proc/{client._process.pid}/fd"
            held = {int(fd): os.readlink(f"{folder}/{fd}") for fd in os.listdir(folder)}
            assert str(kept) not in held.values()
            assert held[2] == os.devnull  # its stderr goes nowhere
            assert held[0].startswith("pipe:") and held[1].startswith("pipe:")
        finally:
            client.close()
    assert client._process is None


_LEAN = """
import json, sys
from prepbot.matching.model import Classifier
classifier = Classifier.load(threads=1, core_only=True)
scores = classifier.scores(json.loads(sys.argv[1]))
print(json.dumps({"scores": scores, "numpy": sorted(m for m in sys.modules if m.startswith("numpy"))}))
"""


def test_the_worker_imports_only_numpys_core_and_reads_the_same_to_the_bit():
    # A fresh interpreter, as the worker is (a fork of `analyze`, which has not imported numpy).
    proc = subprocess.run([sys.executable, "-c", _LEAN, json.dumps(SENTENCES)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["scores"] == Classifier.load(threads=1).scores(SENTENCES)
    assert "numpy._core._multiarray_umath" in out["numpy"]
    assert not {"numpy.linalg", "numpy.fft", "numpy.random", "numpy.lib._npyio_impl", "numpy._core.numeric"} & set(out["numpy"])


def test_when_onnxruntime_will_not_import_over_numpys_core_it_is_imported_whole():
    script = (
        "import sys\n"
        "sys.modules['onnxruntime'] = None  # any import of it fails\n"
        "from prepbot.matching import model\n"
        "try:\n"
        "    model.import_runtime(core_only=True)\n"
        "except model.LeanImportFailed:\n"
        "    print('failed', sorted(m for m in sys.modules if m.startswith('numpy')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "failed []", proc.stderr  # nothing of the stand-ins left behind


def test_a_worker_whose_lean_import_fails_hands_over_to_the_classifier_in_process(monkeypatch):
    import io

    from prepbot.matching import model

    def refuse(*args, **kwargs):
        raise model.LeanImportFailed

    monkeypatch.setattr(model_worker.Classifier, "load", refuse)
    sink = io.BytesIO()
    assert model_worker.serve(MODEL_DIR, None, 1, io.BytesIO(b""), sink) == 1
    assert "failed" in json.loads(sink.getvalue())  # the parent then loads the classifier itself (above)


def test_the_worker_started_as_a_new_interpreter_answers_itself(tmp_path, monkeypatch):
    # It imports numpy's core alone (a fresh interpreter); should that break its reading, the parent
    # would quietly load the classifier itself: the scores would match, the worker would be gone.
    monkeypatch.setattr(model_worker, "can_fork", lambda: False)
    client = model_worker.WorkerClient(MODEL_DIR, model_worker.THREADS, tmp_path)
    try:
        remote = client()
        assert isinstance(remote, model_worker.RemoteClassifier)
        assert remote.scores(SENTENCES * 2) == Classifier.load(threads=1).scores(SENTENCES * 2)
        assert remote._here is None and client._process is not None and client._process.poll() is None
    finally:
        client.close()
