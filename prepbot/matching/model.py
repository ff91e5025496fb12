"""The learned sentence classifier that runs beside the cue matcher.

A frozen all-MiniLM-L6-v2 with an MLP head over the 24 flag ids, shipped as an int8 ONNX
model in ``model/`` (see ``model/MODEL_CARD.md``; trained by ``python -m training.train``).
It gives each text a probability per flag; ``flags`` keeps those at or above the flag's own
decision threshold from ``labels.json``. Context rules (negation, hypotheticals) stay with the
cue matcher; the engine weighs the two together (``combine.py``).

Importing this module is cheap: numpy, onnxruntime and tokenizers are imported on ``load``.

The graph is ``model.onnx``; its weights (23 MB) are ONNX external data in ``model.onnx.data``,
which onnxruntime maps into memory instead of parsing them and copying them into tensors: the
session's build no longer holds the file's parsed copy beside the tensors (~20 MiB less at its
peak), and only the pages a run reads come into memory (of the 11.7 MB word-embedding table, the
rows of the words read so far). The readings are the same to the bit as with the weights inside
the graph. The mapped pages are the file's own: the system can drop them and read them again.

Before it is trusted the artifact is checked: ``labels.json`` records the sha256 of ``model.onnx``,
``model.onnx.data`` and ``tokenizer.json`` and a digest of its own content; a file that does not
match makes ``load`` raise ``ModelDamaged``. Hashing 20 MB costs tens of milliseconds, so a successful check is
remembered in prepbot's cache folder against the files' identity (size, inode, modification and
change times): any write to a file changes its change time and brings the full check back.

onnxruntime's telemetry is turned off before it is imported (``ORT_DISABLE_TELEMETRY``; without it
the import alone writes a device id and an event queue under ``~/.cache/Microsoft``), and again
through its API before any session is created.
"""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import sys
import threading
import types
from pathlib import Path
from typing import Any

from prepbot.matching import threads as threads_

MODEL_DIR = Path(__file__).resolve().parent / "model"

WEIGHTS = "model.onnx.data"  # model.onnx's external data (its initializers), next to it
_FILES = ("model.onnx", WEIGHTS, "tokenizer.json", "labels.json")
HASHED = ("model.onnx", WEIGHTS, "tokenizer.json")  # the files labels.json records the sha256 of
_DEPS = ("numpy", "onnxruntime", "tokenizers")

# PREPBOT_MODEL: what turns the classifier on or off; anything else is a user error.
ON_VALUES = ("", "on", "auto", "1", "yes", "true")
OFF_VALUES = ("off", "0", "no", "false")


class ModelUnavailable(Exception):
    """The classifier cannot run here; str(error) is a one-line reason."""


class ModelDamaged(ModelUnavailable):
    """The artifact is there but is not the one that was trained (truncated, corrupt, edited)."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"the classifier is damaged ({detail})")


def setting(environ: Any = None) -> bool:
    """Whether PREPBOT_MODEL asks for the classifier; ValueError with a one-line message if unknown."""
    raw = (os.environ if environ is None else environ).get("PREPBOT_MODEL", "")
    value = raw.strip().lower()
    if value in ON_VALUES:
        return True
    if value in OFF_VALUES:
        return False
    shown = raw.encode("ascii", "backslashreplace").decode("ascii")[:40]
    raise ValueError(f"PREPBOT_MODEL must be 'on' or 'off', not {shown!r}")


def default_threads() -> int:
    """Two threads (no more than the machine has) read a sentence in about two thirds of the time."""
    return min(2, os.cpu_count() or 1)


def _missing_dep() -> str | None:
    for name in _DEPS:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None


def available(folder: Path | None = None) -> bool:
    """True if the runtime packages are installed and an artifact is there (imports nothing).

    A folder holding only some of the files is "available": loading it reports the damage.
    """
    folder = MODEL_DIR if folder is None else Path(folder)
    return _missing_dep() is None and any((folder / f).is_file() for f in _FILES)


class LeanImportFailed(Exception):
    """onnxruntime could not be imported over numpy's core alone (see `import_runtime`)."""


def import_runtime(core_only: bool = False) -> Any:
    """onnxruntime, imported with its telemetry off (nothing written to ~/.cache, nothing sent).

    ``core_only``: import only the part of numpy that onnxruntime's binding loads (its C core,
    `_import_numpy_core`), not numpy's whole package; raises LeanImportFailed if onnxruntime
    cannot be imported so (the caller can then import it whole, in a fresh process).
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # read when the module is first imported
    # numpy's OpenBLAS starts a thread per core when it is loaded, which costs ~40-60 ms of CPU at
    # import; prepbot only builds small arrays (the session runs on onnxruntime's own kernels), so
    # one thread is enough. OpenBLAS reads this once, when numpy is first imported: the variable is
    # set only for that import (a value the user set is kept) and removed again after it.
    added = "OPENBLAS_NUM_THREADS" not in os.environ and "numpy" not in sys.modules
    if added:
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        lean = core_only and _import_numpy_core()
        try:
            import onnxruntime as ort
        except Exception:
            if lean:
                _drop_numpy()
                raise LeanImportFailed from None
            raise
    finally:
        if added:
            os.environ.pop("OPENBLAS_NUM_THREADS", None)

    disable = getattr(ort, "disable_telemetry_events", None)
    if disable is not None:
        disable()
    return ort


_NUMPY_CORE = "numpy._core._multiarray_umath"


def _import_numpy_core() -> bool:
    """Import numpy's C core alone, under empty stand-ins for the `numpy`, `numpy._core` and
    `numpy.lib` packages; False (and nothing of numpy left imported) when numpy is already
    imported, is numpy 1, or its core will not load so.

    onnxruntime's binding needs only numpy's C core (`numpy._core._multiarray_umath`, ~15 ms) and
    the module holding its C API, not the rest of numpy's package (~100 ms more: numpy.lib,
    linalg, typing, docstrings...). Only for a process that uses numpy for nothing else (the
    classifier's worker): the stand-ins hold none of numpy's Python API.
    """
    if any(name == "numpy" or name.startswith("numpy.") for name in sys.modules):
        return False
    try:
        spec = importlib.util.find_spec("numpy")
        if spec is None or spec.origin is None or not spec.submodule_search_locations:
            return False
        top = list(spec.submodule_search_locations)
        core = [os.path.join(folder, "_core") for folder in top]
        if not any(os.path.isfile(os.path.join(core[0], f"__init__{suffix}")) for suffix in (".py", ".pyc")):
            return False  # numpy before 1.26: no numpy._core
        package = types.ModuleType("numpy")
        package.__path__ = top
        package.__file__ = spec.origin
        subpackage = types.ModuleType("numpy._core")
        subpackage.__path__ = core
        lib = types.ModuleType("numpy.lib")
        lib.__path__ = [os.path.join(folder, "lib") for folder in top]
        sys.modules["numpy"], sys.modules["numpy._core"], sys.modules["numpy.lib"] = package, subpackage, lib
        vars(package).update(_core=subpackage, lib=lib)
        # What onnxruntime's binding (pybind11) reads to find the core's C API: numpy's version, and
        # numpy.lib.NumpyVersion to parse it (two small modules of their own). Only numpy 2 or later
        # (numpy 1.26 has a numpy._core too, made of shims over numpy.core).
        version = importlib.import_module("numpy.version").version
        if int(version.split(".")[0]) < 2:
            raise ImportError(f"numpy {version}")
        vars(package)["__version__"] = version
        vars(lib)["NumpyVersion"] = importlib.import_module("numpy.lib._version").NumpyVersion
        importlib.import_module(_NUMPY_CORE)
        importlib.import_module("numpy._core.multiarray")  # where the binding then finds that API
    except Exception:
        _drop_numpy()
        return False
    return True


def _array() -> Any:
    """numpy's `array` (the C core's own function: numpy.array is the same one), without importing
    numpy whole when only its core is loaded."""
    core = sys.modules.get(_NUMPY_CORE)
    if core is not None:
        return core.array
    import numpy

    return numpy.array


def _drop_numpy() -> None:
    for name in [n for n in sys.modules if n == "numpy" or n.startswith("numpy.")]:
        del sys.modules[name]


def release_free_memory() -> None:
    """Hand memory that was freed back to the system (glibc's malloc_trim; elsewhere, nothing).

    Building the session parses the model's graph (its weights are mapped from model.onnx.data, not
    parsed) and then frees the parsed copy, and reading the tokenizer frees its JSON; glibc keeps
    such freed pages in the process unless asked to return them. Costs a millisecond or two, once
    per load.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim  # None: the C library the interpreter runs on
    except (OSError, AttributeError):
        return  # not glibc (musl has no malloc_trim): nothing to do
    trim.argtypes = [ctypes.c_size_t]
    trim(0)


# -- the artifact's integrity ---------------------------------------------------------------------


def labels_digest(labels: dict) -> str:
    """The digest labels.json records of itself: sha256 of its content without the "sha256" key."""
    import hashlib  # (here: `analyze`'s own process never checks the artifact; its classifier's process does)

    rest = {k: v for k, v in labels.items() if k != "sha256"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()


def file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _identity(path: Path) -> list[int]:
    info = os.stat(path)
    return [info.st_size, info.st_ino, info.st_dev, info.st_mtime_ns, info.st_ctime_ns]


def _stamp_file(cache: Path | None, folder: Path) -> Path | None:
    """Where a successful check of `folder` is remembered; None if the cache folder is not ours."""
    if cache is None:
        return None
    try:
        os.makedirs(cache, mode=0o700, exist_ok=True)
        info = os.lstat(cache)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    import hashlib

    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
    return cache / f"classifier-checked-{key}.json"


def _check_files(folder: Path, expected: dict[str, str], cache: Path | None) -> None:
    """Raise ModelDamaged unless model.onnx, its weights and tokenizer.json have the recorded sha256."""
    identity = {name: _identity(folder / name) for name in HASHED}
    remembered = {"identity": identity, "sha256": {name: expected[name] for name in HASHED}}
    stamp = _stamp_file(cache, folder)
    if stamp is not None:
        try:
            if json.loads(stamp.read_text(encoding="utf-8")) == remembered:
                return
        except (OSError, ValueError):
            pass
    for name in HASHED:
        if file_sha256(folder / name) != expected[name]:
            raise ModelDamaged(f"{name} does not match the checksum in labels.json")
    if stamp is not None:
        temporary = stamp.with_name(f".{stamp.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(remembered, handle)
            os.replace(temporary, stamp)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass  # a read-only or full cache only costs the check next time


def read_labels(folder: Path) -> dict:
    """labels.json, checked against its own digest; raises ModelDamaged."""
    try:
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelDamaged(f"labels.json is unreadable: {' '.join(str(exc).split())[:120]}") from None
    try:
        sums = labels["sha256"]
        if not isinstance(sums, dict) or any(not isinstance(sums.get(n), str) for n in (*HASHED, "labels.json")):
            raise TypeError
    except (KeyError, TypeError):
        raise ModelDamaged("labels.json records no checksums") from None
    if labels_digest(labels) != sums["labels.json"]:
        raise ModelDamaged("labels.json was edited after training")
    try:
        flag_ids = labels["flag_ids"]
        thresholds = labels["thresholds"]
        if not flag_ids or len(set(flag_ids)) != len(flag_ids):
            raise ValueError
        if any(not 0.0 < float(thresholds[f]) < 1.0 for f in flag_ids):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise ModelDamaged("labels.json does not give a threshold for each flag") from None
    return labels


def _build_session(ort: Any, path: Path, threads: int, built: dict[str, Any]) -> None:
    """The inference session for `path` into built["session"], or what went wrong into built["error"]."""
    try:
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        # The shipped graph was optimised when it was built (training/train.py): optimising it
        # again at every start would cost about as long as loading it, for no faster runs.
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        # One text at a time, of varying length: a memory pattern planned for one length does
        # not fit the next. The arena stays: without it, 35 runs end ~10 MiB higher (malloc's
        # fragments). Idle worker threads sleep instead of spinning, leaving the CPU to the
        # cue matcher running beside them.
        options.enable_cpu_mem_arena = True
        options.enable_mem_pattern = False
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        built["session"] = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:
        built["error"] = exc


class Classifier:
    """Multi-label flag classifier; build with ``Classifier.load()``."""

    flag_ids: tuple[str, ...]
    thresholds: dict[str, float]
    unit: str  # what the thresholds were chosen for: "sentence" (each sentence) or "text"
    max_length: int

    def __init__(self, session: Any, tokenizer: Any, labels: dict, threads: int) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.flag_ids = tuple(labels["flag_ids"])
        self.thresholds = {f: float(labels["thresholds"][f]) for f in self.flag_ids}
        self.unit = str(labels.get("unit", "sentence"))
        self.max_length = int(labels.get("max_length", 128))
        self.threads = threads
        self.combination = labels.get("combination")  # how the engine weighs it against the cues (combine.py)

    @classmethod
    def load(
        cls, folder: Path | None = None, threads: int = 1, cache: Path | None = None, core_only: bool = False
    ) -> "Classifier":
        """Load the artifact in ``folder`` after checking it; raises ModelUnavailable (ModelDamaged
        when the files are not the trained ones) with a one-line reason. ``cache``: a folder where
        a successful check is remembered (None: check every time). Default folder: MODEL_DIR.
        ``core_only``: import only numpy's core (see `import_runtime`; LeanImportFailed if that fails)."""
        folder = MODEL_DIR if folder is None else Path(folder)
        missing = _missing_dep()
        if missing:
            raise ModelUnavailable(f"the flag classifier needs the Python package {missing!r}, which is not installed")
        absent = [name for name in _FILES if not (folder / name).is_file()]
        if len(absent) == len(_FILES):
            raise ModelUnavailable(f"the flag classifier is not installed: model.onnx is missing from {folder}")
        if absent:
            raise ModelDamaged(f"{absent[0]} is missing")
        labels = read_labels(folder)
        try:
            _check_files(folder, labels["sha256"], cache)
        except OSError as exc:
            raise ModelDamaged(f"cannot be read: {' '.join(str(exc).split())[:120]}") from None
        try:
            ort = import_runtime(core_only)
            from tokenizers import Tokenizer
        except LeanImportFailed:
            raise
        except Exception as exc:  # an installed but broken wheel
            raise ModelUnavailable(f"the flag classifier's runtime cannot be imported: {exc}") from None
        # The session is built in a thread while this one reads the tokenizer: onnxruntime lets go of
        # the GIL for much of the build (~20 ms less of `analyze`'s critical path, same session).
        built: dict[str, Any] = {}
        builder = threading.Thread(target=_build_session, args=(ort, folder / "model.onnx", threads, built), daemon=True)
        threads_.start(builder)
        try:
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=int(labels.get("max_length", 128)))
        except Exception as exc:
            builder.join()
            raise ModelDamaged(f"tokenizer.json cannot be read: {' '.join(str(exc).split())[:120]}") from None
        builder.join()
        if "session" not in built:
            reason = " ".join(str(built.get("error", "")).split())[:200]
            raise ModelDamaged(f"model.onnx cannot be loaded: {reason}")
        session = built["session"]
        outputs = session.get_outputs()
        if not outputs or outputs[0].shape[-1] != len(labels["flag_ids"]):
            raise ModelDamaged("model.onnx does not match its labels.json")
        release_free_memory()  # the model file's parsed copy and the tokenizer's JSON, freed but still held
        return cls(session, tokenizer, labels, threads)

    def predict(self, texts: list[str], batch_size: int = 32) -> list[dict[str, float]]:
        """Per text, {flag_id: probability} for every flag, in input order. Deterministic.

        Each text is run on its own: the int8 model quantises activations with one scale per
        run, so in a shared batch a text's scores would depend on its neighbours (by up to 0.1).
        A batch of one costs about the same per sentence on a CPU. ``batch_size`` is accepted for
        API compatibility and ignored.
        """
        array = _array()
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        results = []
        for encoding in self._tokenizer.encode_batch(texts):
            ids = array([encoding.ids], dtype="i8")
            mask = array([[1] * len(encoding.ids)], dtype="i8")
            out = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0].tolist()  # float32 -> float: exact
            results.append({f: min(1.0, max(0.0, out[j])) for j, f in enumerate(self.flag_ids)})
        return results

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text, {flag_id: probability} for every flag: what the engine's combination weighs
        against the cues (prepbot/matching/combine.py), below the thresholds too."""
        return self.predict(texts)

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text, only the flags whose probability is at or above their threshold."""
        return [{f: p for f, p in scores.items() if p >= self.thresholds[f]} for scores in self.predict(texts)]
