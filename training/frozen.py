"""The classifier as a frozen sentence encoder plus a small trained head.

Fine-tuning the whole encoder on 5,600 texts costs hours on two shared cores; reading them once
with the int8 encoder costs minutes. So the encoder (all-MiniLM-L6-v2, untouched) is exported to
ONNX once and quantised to int8 (`build/encoder-int8.onnx`), every text is embedded with it exactly
as the runtime will run it (one text per run), and only a head is trained on those embeddings.
The shipped model.onnx is that same int8 encoder graph with the head appended, so the features
the head was trained on are exactly the ones it sees at run time.

Features: the mean-pooled token vectors of the last layer and of layer 4 (the ones below the top
keep more of the wording), each L2-normalised: 768 numbers per text.

Heads tried (training/cv.py chooses on grouped cross-validation):
- "linear": one logistic regression per flag (one-vs-rest), weighted;
- "mlp": one hidden layer shared by all flags (knowledge shared across flags), sigmoid outputs;
- "pair": each flag's meaning (its line in flags.md, embedded by the same encoder) scored against
  the text: logit_f = w . [u * v_f, |u - v_f|] + a_f * cos(u, v_f) + b_f, with w shared by all flags,
  plus a small per-flag linear term; what one flag learns about "the team does X" carries over.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.common import FLAG_IDS, ROOT, base_model_dir, load_tokenizer, quantize

BUILD = ROOT / "build" / "frozen"
ENCODER_FP32 = BUILD / "encoder-fp32.onnx"
ENCODER_INT8 = BUILD / "encoder-int8.onnx"
EMB_CACHE = BUILD / "embeddings.npz"
LOWER_LAYER = 4  # hidden_states index (0 = embeddings, 6 = last)
MAX_LENGTH = 128

# Each flag's meaning, in our own words (after ../shared/flags.md): what the pair head scores a text against.
MEANINGS = {
    "no-code-review": "Code is not reviewed before it is merged; people push straight to main or production without review.",
    "bugs-untracked": "Bugs are not recorded in a tracker; they are reported in chat or email and get lost.",
    "tickets-afterthought": "Tickets are written after the work is done, or not at all.",
    "no-backlog": "There is no backlog or prioritised list of upcoming work.",
    "no-tests": "There are few or no automated tests, and that is a problem.",
    "poor-code-quality": "The code is messy legacy full of technical debt that nobody cleans up.",
    "features-over-bugs": "New features always win; little time goes to fixing bugs or paying down debt.",
    "long-standups": "The daily standup runs long and turns into a status or problem-solving meeting.",
    "agile-unfamiliar": "The team follows no defined process and does not know Agile, Scrum or Kanban.",
    "unclear-product": "The team does not know what product it is building or who its customers are; it keeps pivoting.",
    "interviewer-new": "The interviewer joined recently and cannot speak about the culture or the process.",
    "no-ci": "There is no continuous integration; builds, tests and deployments are done by hand.",
    "on-call-burden": "You must be reachable after hours, on weekends or on vacation; on-call is heavy or unpaid.",
    "overtime-expected": "Long hours, crunch and weekend work are normal and expected.",
    "high-turnover": "People leave often; many colleagues quit recently and the team keeps churning.",
    "trivia-interview": "The interview asks trivia or easily googled questions unrelated to the job.",
    "code-review-required": "Every change is reviewed by a colleague before it is merged.",
    "bugs-tracked": "Bugs are recorded and triaged in an issue tracker.",
    "has-tests": "A meaningful automated test suite exists and is kept up.",
    "has-ci": "Continuous integration builds and tests every change automatically; deploys are automated.",
    "prioritized-backlog": "A maintained, prioritised backlog or roadmap exists.",
    "realistic-deadlines": "Management understands that development takes time; deadlines are negotiated with engineers.",
    "no-after-hours-contact": "Nobody is contacted in the evening or on vacation; on-call is fair and paid or absent.",
    "equipment-budget": "Employees get a budget or allowance for equipment, hardware or a home office.",
}


# -- the encoder -----------------------------------------------------------------------------------


def build_encoder(log=print, lower_only: bool = False) -> Path:
    """Export the base encoder with pooled features to ONNX and quantise it (once; cached in build/).

    lower_only: the encoder cut after layer 4, giving only that layer's features (the upper two
    layers are never computed: a smaller, faster model for a head that reads only those)."""
    fp32 = ENCODER_FP32.with_name("encoder4-fp32.onnx") if lower_only else ENCODER_FP32
    int8 = ENCODER_INT8.with_name("encoder4-int8.onnx") if lower_only else ENCODER_INT8
    if int8.exists():
        return int8
    import torch
    from transformers import AutoModel

    BUILD.mkdir(parents=True, exist_ok=True)
    layers = (LOWER_LAYER,) if lower_only else (-1, LOWER_LAYER)

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            extra = {"num_hidden_layers": LOWER_LAYER} if lower_only else {}
            self.encoder = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True, **extra)

        def forward(self, input_ids, attention_mask):
            out = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
                output_hidden_states=True,
            )
            mask = attention_mask.unsqueeze(-1).to(torch.float32)
            count = mask.sum(1).clamp(min=1e-9)
            parts = []
            for layer in layers:
                hidden = out.hidden_states[layer]
                mean = (hidden * mask).sum(1) / count
                parts.append(mean / mean.norm(dim=-1, keepdim=True).clamp(min=1e-9))
            return torch.cat(parts, dim=-1)

    net = Pooled().eval()
    ids = torch.ones((1, 16), dtype=torch.int64)
    with torch.inference_mode():
        torch.onnx.export(
            net,
            (ids, torch.ones_like(ids)),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["features"],
            dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}},
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,
        )
    quantize(fp32, int8, per_channel=True)
    log(f"encoder exported: {int8} ({int8.stat().st_size / 1e6:.1f} MB)")
    return int8


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed(texts: list[str], log=print, threads: int = 2) -> np.ndarray:
    """Features of each text from the int8 encoder, one text per run (as at run time); cached."""
    import onnxruntime as ort

    from training.common import Config

    path = build_encoder(log)
    model_id = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cache: dict[str, np.ndarray] = {}
    if EMB_CACHE.exists():
        data = np.load(EMB_CACHE, allow_pickle=False)
        if str(data["model"]) == model_id:
            cache = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    todo = [t for t in dict.fromkeys(texts) if _key(t) not in cache]
    if todo:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        tok = load_tokenizer(Config(max_length=MAX_LENGTH))
        log(f"embedding {len(todo)} new texts ({len(cache)} cached)")
        for n, text in enumerate(todo):
            ids = np.asarray([tok.encode(text).ids], dtype=np.int64)
            cache[_key(text)] = sess.run(["features"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            if (n + 1) % 500 == 0 or n + 1 == len(todo):
                log(f"  {n + 1}/{len(todo)}")
                keys = list(cache)
                np.savez(EMB_CACHE, model=model_id, keys=np.array(keys), vectors=np.stack([cache[k] for k in keys]))
    return np.stack([cache[_key(t)] for t in texts]).astype(np.float32)


# -- heads -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadConfig:
    kind: str = "mlp"  # linear | mlp | pair
    hidden: int = 256
    epochs: int = 30
    batch: int = 256
    lr: float = 5e-3
    weight_decay: float = 1e-4
    dropout: float = 0.2
    real_weight: float = 2.0  # a labelled real snippet counts this many times an own sentence
    seed: int = 13
    seeds: int = 1  # > 1: an ensemble of that many heads, logits averaged
    features: str = "both"  # both | last (the top layer's mean) | lower (layer 4's: a 4-layer encoder ships)
    gap5_weight: float = 1.0  # weight of the fifth round's own texts (training/sentences/gap5-*.jsonl); 0 leaves them out


def select(x: np.ndarray, cfg: HeadConfig) -> np.ndarray:
    """The part of the 768 features a head reads: [last layer mean | layer-4 mean]."""
    half = x.shape[1] // 2
    return {"both": x, "last": x[:, :half], "lower": x[:, half:]}[cfg.features]


def _torch_head(cfg: HeadConfig, dim: int, meanings: np.ndarray | None):
    import torch
    from torch import nn

    n = len(FLAG_IDS)

    class Linear(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop = nn.Dropout(cfg.dropout)
            self.out = nn.Linear(dim, n)

        def forward(self, x):
            return self.out(self.drop(x))

    class MLP(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop = nn.Dropout(cfg.dropout)
            self.hidden = nn.Linear(dim, cfg.hidden)
            self.out = nn.Linear(cfg.hidden, n)

        def forward(self, x):
            return self.out(self.drop(torch.relu(self.hidden(self.drop(x)))))

    class Pair(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("meanings", torch.from_numpy(meanings))
            self.drop = nn.Dropout(cfg.dropout)
            self.proj = nn.Linear(dim, cfg.hidden)  # shared projection of text and meaning
            self.pair = nn.Linear(2 * cfg.hidden, 1)  # shared scorer of (u * v, |u - v|)
            self.own = nn.Linear(dim, n)  # and a per-flag linear term

        def forward(self, x):
            u = torch.tanh(self.proj(self.drop(x)))[:, None, :]  # B x 1 x H
            v = torch.tanh(self.proj(self.meanings))[None, :, :]  # 1 x F x H
            pair = torch.cat([u * v, (u - v).abs()], dim=-1)  # B x F x 2H
            return self.pair(pair).squeeze(-1) + self.own(self.drop(x))

    return {"linear": Linear, "mlp": MLP, "pair": Pair}[cfg.kind]()


def fit_head(x: np.ndarray, y: np.ndarray, w: np.ndarray, cfg: HeadConfig, meanings: np.ndarray | None = None):
    """The head; with cfg.seeds > 1, that many heads (seeds cfg.seed, cfg.seed + 1, ...) whose logits are averaged."""
    import torch

    if cfg.seeds > 1:
        from dataclasses import replace

        members = [_fit_one(x, y, w, replace(cfg, seed=cfg.seed + i), meanings) for i in range(cfg.seeds)]

        class Mean(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.members = torch.nn.ModuleList(members)

            def forward(self, features):
                return torch.stack([m(features) for m in self.members]).mean(0)

        return Mean().eval()
    return _fit_one(x, y, w, cfg, meanings)


def _fit_one(x: np.ndarray, y: np.ndarray, w: np.ndarray, cfg: HeadConfig, meanings: np.ndarray | None = None):
    import torch

    torch.manual_seed(cfg.seed)
    torch.set_num_threads(1)  # small matrices: one thread is faster than two fighting for a busy machine
    rng = np.random.default_rng(cfg.seed)
    net = _torch_head(cfg, x.shape[1], meanings)
    xt, yt, wt = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(w.astype(np.float32))
    pos = yt.sum(0)
    pos_weight = ((len(y) - pos) / pos.clamp(min=1)).clamp(max=8.0) ** 0.5
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    batch = cfg.batch
    steps = cfg.epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=steps)
    net.train()
    for _ in range(cfg.epochs):
        order = rng.permutation(len(x))
        for b in range(0, len(x), batch):
            idx = torch.from_numpy(order[b : b + batch])
            logits = net(xt[idx])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, yt[idx], pos_weight=pos_weight, reduction="none")
            loss = (loss.mean(1) * wt[idx]).sum() / wt[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    net.eval()
    return net


def predict_head(net, x: np.ndarray) -> np.ndarray:
    import torch

    with torch.inference_mode():
        return torch.sigmoid(net(torch.from_numpy(x))).numpy()


def meaning_vectors(log=print) -> np.ndarray:
    return embed([MEANINGS[f] for f in FLAG_IDS], log=log)


# -- the shipped graph: the int8 encoder with the head appended ---------------------------------------


def append_head(net, out_path: Path, features: str = "both") -> None:
    """Write the int8 encoder graph with the head (exported on its own, in fp32) after it.

    features "lower": the 4-layer encoder; "last": the full one, the head reading its first half."""
    lower_only = features == "lower"
    import onnx
    import torch
    from onnx import compose

    BUILD.mkdir(parents=True, exist_ok=True)
    head_path = BUILD / "head.onnx"

    class WithSigmoid(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, features):
            if take_first:
                features = features[:, :take_first]
            return torch.sigmoid(self.inner(features))

    take_first = _input_dim(net) if features == "last" else 0
    example = torch.zeros((1, _input_dim(net) * (2 if features == "last" else 1)), dtype=torch.float32)
    with torch.inference_mode():
        torch.onnx.export(
            WithSigmoid(net).eval(),
            (example,),
            str(head_path),
            input_names=["features"],
            output_names=["probs"],
            dynamic_axes={"features": {0: "batch"}, "probs": {0: "batch"}},
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,
        )
    encoder = onnx.load(str(build_encoder(lower_only=lower_only)))
    head = onnx.load(str(head_path))
    head = compose.add_prefix(head, "head/")
    merged = compose.merge_models(encoder, head, io_map=[("features", "head/features")])
    # Outputs: only the probabilities, named as the runtime expects.
    for output in merged.graph.output:
        if output.name == "head/probs":
            output.name = "probs"
    for node in merged.graph.node:
        node.output[:] = ["probs" if o == "head/probs" else o for o in node.output]
    keep = [o for o in merged.graph.output if o.name == "probs"]
    del merged.graph.output[:]
    merged.graph.output.extend(keep)
    onnx.checker.check_model(merged)
    onnx.save(merged, str(out_path))


def _input_dim(net) -> int:
    for module in net.modules():
        import torch

        if isinstance(module, torch.nn.Linear):
            return int(module.in_features)
    raise ValueError("no linear layer in the head")


def save_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
