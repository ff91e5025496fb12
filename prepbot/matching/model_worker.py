"""The classifier in a process of its own, so that its start overlaps the cue matcher's.

`prepbot analyze` is a short process: importing numpy and onnxruntime, reading the tokenizer,
building the session and reading the text's sentences take ~0.35 s of CPU, and loading the
catalogue and reading the cues ~0.25 s more. A thread cannot run the two side by side (both hold
the GIL most of that time); a second process can, on a second core. `WorkerClient` starts one at
once (on Linux a fork of this process, `Forked`; elsewhere, or with threads running,
`python -m prepbot.matching.model_worker FOLDER CACHE THREADS`) and is the loader of a
`ModelSlot`: calling it waits for the worker's classifier and returns a `RemoteClassifier`, which
has the interface the engine uses (`scores`, `flags`, the thresholds, the unit, the combination).

The two talk over the worker's stdin and stdout, one JSON line each way per request: a list of
texts in, their scores out (floats cross JSON exactly, so readings are the same as in-process).
The worker's first line is what it loaded (or why it could not: the same one-line reasons as
`Classifier.load`). It prints nothing else: its stderr goes nowhere. It ends when its stdin
closes (the parent ended, however it ended), on Ctrl-C like its parent, or when `close` stops it;
the parent stops it when the command ends and, as a last resort, at exit. Should the worker fail
after it loaded, the parent loads the classifier itself and carries on: same results, only slower.
Nothing is written but what `Classifier.load` writes in-process (its checksum stamp).
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from prepbot.matching.model import Classifier, ModelUnavailable
from prepbot.matching.threads import can_fork

if TYPE_CHECKING:
    import subprocess

_RUNNING: set[WorkerClient] = set()  # stopped at exit if still running
# One intra-op thread: on this model a second one reads no faster (92 vs 96-130 ms for a 2 KB note's
# eight sentences, same scores to the bit), and it would take the core the cue matcher runs on.
THREADS = 1
# ... but it reads a request's texts on two threads side by side, each text in a run of its own (the
# same scores to the bit): 8 sentences of a 2 KB note in 54 instead of 100 ms (two intra-op threads:
# 65 ms), when the cue matcher has finished and waits for them.
LANES = 2


class WorkerClient:
    """A classifier worker, started at construction; `client()` waits for it to have loaded."""

    def __init__(self, folder: Path, threads: int, cache: Path | None) -> None:
        self.folder, self.threads, self.cache = Path(folder), threads, cache
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | Forked | None
        if can_fork():
            self._process = Forked(self.folder, cache, threads)
        else:
            import subprocess

            # The worker runs this very copy of prepbot: its folder goes first on the path, and -P keeps
            # the current directory off it (a "prepbot" folder where the user stands is never imported).
            root = str(Path(__file__).resolve().parents[2])
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
            command = [sys.executable, "-P", "-m", __name__, str(self.folder), str(cache or ""), str(threads)]
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
            )
        if not _RUNNING:
            atexit.register(stop_all)
        _RUNNING.add(self)

    def __call__(self) -> Any:
        """The loaded classifier (a `RemoteClassifier`); raises ModelUnavailable with the worker's
        one-line reason. Once stopped, the classifier is loaded in this process instead."""
        if self._process is None:
            return self._load_here()
        try:
            reply = self._receive()
        except (OSError, ValueError):
            reply = None
        if not isinstance(reply, dict) or not isinstance(reply.get("loaded"), dict):
            self.close()
            if isinstance(reply, dict) and isinstance(reply.get("error"), str):
                raise ModelUnavailable(reply["error"])
            return self._load_here()  # the worker could not start or answer: load it here
        return RemoteClassifier(self, reply["loaded"])

    def run(self, texts: list[str]) -> list[dict[str, float]]:
        """The worker's scores for `texts`; OSError or ValueError if it cannot give them."""
        with self._lock:
            process = self._process
            if process is None or process.stdin is None:
                raise OSError("the classifier's process has stopped")
            process.stdin.write(json.dumps(texts).encode("ascii") + b"\n")
            process.stdin.flush()
            reply = self._receive()
        if not isinstance(reply, list) or len(reply) != len(texts):
            raise ValueError("the classifier's process gave no answer")
        return reply

    def _receive(self) -> Any:
        process = self._process
        if process is None or process.stdout is None:
            raise OSError("the classifier's process has stopped")
        line = process.stdout.readline()
        if not line:
            raise OSError("the classifier's process has stopped")
        return json.loads(line)

    def _load_here(self) -> Classifier:
        return Classifier.load(self.folder, threads=self.threads, cache=self.cache)

    def close(self) -> None:
        """Stop the worker (and wait for it: no process is left behind)."""
        with self._lock:
            process, self._process = self._process, None
        _RUNNING.discard(self)
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            process.kill()
            process.wait(timeout=5)
        except (OSError, ValueError):
            pass
        except Exception:  # subprocess.TimeoutExpired: an unkillable process is not waited on
            pass


class Forked:
    """The worker as a fork of this process, with what `WorkerClient` uses of a `Popen`.

    A fork skips what a new interpreter costs before it reaches `serve` (~60 ms of the critical
    path of `analyze`: starting Python, its site, and importing prepbot and the modules `serve`
    needs, all already in this process). The child keeps nothing of the parent's open files: its
    stdin and stdout are the two pipes, its stderr goes nowhere, every other descriptor is closed
    (the parent's output, which a reader waits on, is never held open by the worker). It runs no
    `atexit` handler and flushes none of the parent's buffers (`os._exit`)."""

    def __init__(self, folder: Path, cache: Path | None, threads: int) -> None:
        to_child, to_parent = os.pipe(), os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.dup2(to_child[0], 0)
                os.dup2(to_parent[1], 1)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 2)
                os.closerange(3, 1 << 16)
                with open(0, "rb", closefd=False) as source, open(1, "wb", closefd=False) as sink:
                    code = serve(folder, cache, threads, source, sink)
            except BaseException:  # the parent went away, or anything else: end quietly
                pass
            os._exit(code)
        os.close(to_child[0])
        os.close(to_parent[1])
        self.pid = pid
        self.returncode: int | None = None
        self.stdin: IO[bytes] | None = open(to_child[1], "wb")  # closed by `WorkerClient.close`
        self.stdout: IO[bytes] | None = open(to_parent[0], "rb")

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                self.returncode = 0
        return self.returncode


class RemoteClassifier:
    """What the engine uses of a `Classifier`, answered by the worker."""

    def __init__(self, client: WorkerClient, loaded: dict[str, Any]) -> None:
        self._client = client
        self._here: Classifier | None = None
        self.flag_ids = tuple(loaded["flag_ids"])
        self.thresholds = {f: float(loaded["thresholds"][f]) for f in self.flag_ids}
        self.unit = str(loaded["unit"])
        self.max_length = int(loaded["max_length"])
        self.threads = client.threads
        self.combination = loaded.get("combination")

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        if self._here is None:
            try:
                return self._client.run(texts)
            except (OSError, ValueError):
                self._client.close()
                self._here = Classifier.load(self._client.folder, threads=self._client.threads, cache=self._client.cache)
        return self._here.scores(texts)

    def predict(self, texts: list[str], batch_size: int = 32) -> list[dict[str, float]]:
        return self.scores(texts)

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        return [{f: p for f, p in scores.items() if p >= self.thresholds[f]} for scores in self.scores(texts)]


_early: WorkerClient | None = None


def start_early(cache: Path | None) -> None:
    """Start the worker for the shipped classifier now, before anything else is imported, when
    PREPBOT_MODEL asks for it and it is installed; `take` hands it over."""
    global _early
    from prepbot.matching import model

    try:
        wanted = model.setting() and model.available()
    except ValueError:
        wanted = False
    if wanted and _early is None:
        try:
            _early = WorkerClient(model.MODEL_DIR, THREADS, cache)
        except OSError:
            _early = None  # loaded in-process instead, when needed


def take(folder: Path, cache: Path | None) -> WorkerClient:
    """The worker `start_early` started, if it is for this classifier; else one started now."""
    global _early
    early, _early = _early, None
    if early is not None and (early.folder, early.cache) == (Path(folder), cache):
        return early
    if early is not None:
        early.close()
    return WorkerClient(folder, THREADS, cache)


def stop_all() -> None:
    """Stop every worker this process started (and forget the one `start_early` started)."""
    global _early
    _early = None
    for client in list(_RUNNING):
        client.close()


# --------------------------------------------------------------------------- the worker's side


def serve(folder: Path, cache: Path | None, threads: int, source: IO[bytes], sink: IO[bytes]) -> int:
    """Load the classifier, say what was loaded, then answer each line of texts with their scores."""

    def send(message: Any) -> None:
        sink.write(json.dumps(message).encode("ascii") + b"\n")
        sink.flush()

    # The garbage collector is paused while the runtime is imported and loaded (its passes over the
    # modules' new objects find nothing to free), and what exists then is frozen: never scanned again.
    gc.disable()
    try:
        # numpy's core alone: the rest of numpy is ~100 ms of this process's start that it never uses.
        # Should onnxruntime not import so, "failed" below makes the parent load it whole, itself.
        classifier = Classifier.load(folder, threads=threads, cache=cache, core_only=True)
    except ModelUnavailable as exc:
        send({"error": str(exc)})
        return 0
    except Exception as exc:  # anything else: the parent loads it itself, and says what is wrong
        send({"failed": f"{type(exc).__name__}: {exc}"[:200]})
        return 1
    finally:
        gc.freeze()
        gc.enable()
    loaded = {
        "flag_ids": list(classifier.flag_ids),
        "thresholds": classifier.thresholds,
        "unit": classifier.unit,
        "max_length": classifier.max_length,
        "combination": classifier.combination,
    }
    send({"loaded": loaded})
    lanes = min(LANES, os.cpu_count() or 1)
    for line in source:
        send(side_by_side(classifier, json.loads(line), lanes))
    return 0


def side_by_side(classifier: Classifier, texts: list[str], lanes: int) -> list[dict[str, float]]:
    """`classifier.scores(texts)`, read by `lanes` threads side by side, each text on its own.

    The classifier reads one text per run anyway (see `Classifier.predict`), so each text's scores
    are the same to the bit whichever thread reads it; onnxruntime lets go of the GIL while it runs.
    """
    if lanes < 2 or len(texts) < 2:
        return classifier.scores(texts)
    results: list[Any] = [None] * len(texts)
    order = iter(range(len(texts)))  # shared: each `next` hands one index to one thread
    errors: list[BaseException] = []

    def lane() -> None:
        try:
            for index in order:
                results[index] = classifier.scores([texts[index]])[0]
        except BaseException as exc:  # raised again below, in the serving thread
            errors.append(exc)

    helpers = [threading.Thread(target=lane, daemon=True) for _ in range(lanes - 1)]
    for helper in helpers:
        helper.start()
    lane()
    for helper in helpers:
        helper.join()
    if errors:
        raise errors[0]
    return results


def main(argv: list[str]) -> int:
    # Ctrl-C reaches the whole process group: end at once, quietly, like the parent.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    folder, cache, threads = argv
    return serve(Path(folder), Path(cache) if cache else None, int(threads), sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # the parent went away mid-answer
        os._exit(0)
