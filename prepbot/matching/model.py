"""The learned sentence classifier that runs beside the cue matcher.

A fine-tuned all-MiniLM-L6-v2 with a sigmoid head over the 24 flag ids, shipped as an int8 ONNX
model in ``model/`` (see ``model/MODEL_CARD.md``; trained by ``python -m training.train``).
It gives each text a probability per flag; ``flags`` keeps those at or above the flag's own
decision threshold from ``labels.json``. Context rules (negation, hypotheticals) stay with the
cue matcher; the engine ORs the two.

Importing this module is cheap: numpy, onnxruntime and tokenizers are imported on ``load``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).resolve().parent / "model"

_FILES = ("model.onnx", "tokenizer.json", "labels.json")
_DEPS = ("numpy", "onnxruntime", "tokenizers")


class ModelUnavailable(Exception):
    """The classifier cannot run here; str(error) is a one-line reason."""


def _missing_dep() -> str | None:
    for name in _DEPS:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None


def available(folder: Path = MODEL_DIR) -> bool:
    """True if the runtime packages are installed and the artifact is present (imports nothing)."""
    return _missing_dep() is None and all((Path(folder) / f).is_file() for f in _FILES)


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

    @classmethod
    def load(cls, folder: Path = MODEL_DIR, threads: int = 1) -> "Classifier":
        """Load the artifact in ``folder``; raises ModelUnavailable with a one-line reason."""
        folder = Path(folder)
        missing = _missing_dep()
        if missing:
            raise ModelUnavailable(f"the flag classifier needs the Python package {missing!r}, which is not installed")
        for name in _FILES:
            if not (folder / name).is_file():
                raise ModelUnavailable(f"the flag classifier's {name} is missing from {folder}")
        try:
            labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
            flag_ids = labels["flag_ids"]
            if not flag_ids or any(f not in labels["thresholds"] for f in flag_ids):
                raise ValueError("flag ids and thresholds do not match")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelUnavailable(f"the flag classifier's labels.json is unreadable: {exc}") from None
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except Exception as exc:  # an installed but broken wheel
            raise ModelUnavailable(f"the flag classifier's runtime cannot be imported: {exc}") from None
        try:
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=int(labels.get("max_length", 128)))
            options = ort.SessionOptions()
            options.intra_op_num_threads = max(1, threads)
            # Basic graph optimisations load faster than all of them and run as fast on this model.
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.log_severity_level = 3
            session = ort.InferenceSession(str(folder / "model.onnx"), sess_options=options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            reason = " ".join(str(exc).split())[:200]
            raise ModelUnavailable(f"the flag classifier could not be loaded: {reason}") from None
        outputs = session.get_outputs()
        if not outputs or outputs[0].shape[-1] != len(flag_ids):
            raise ModelUnavailable("the flag classifier's model.onnx does not match its labels.json")
        return cls(session, tokenizer, labels, threads)

    def predict(self, texts: list[str], batch_size: int = 32) -> list[dict[str, float]]:
        """Per text, {flag_id: probability} for every flag, in input order. Deterministic.

        Each text is run on its own: the int8 model quantises activations with one scale per
        run, so in a shared batch a text's scores would depend on its neighbours (by up to 0.1).
        A batch of one costs about the same per sentence on a CPU. ``batch_size`` is accepted for
        API compatibility and ignored.
        """
        import numpy as np

        texts = [t if isinstance(t, str) else str(t) for t in texts]
        results = []
        for encoding in self._tokenizer.encode_batch(texts):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            mask = np.ones_like(ids)
            out = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
            results.append({f: float(min(1.0, max(0.0, out[j]))) for j, f in enumerate(self.flag_ids)})
        return results

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text, only the flags whose probability is at or above their threshold."""
        return [{f: p for f, p in scores.items() if p >= self.thresholds[f]} for scores in self.predict(texts)]
