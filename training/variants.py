"""Compare classifier formulations on the same grouped folds, on cached frozen embeddings.

    python -m training.variants [--only "NAME|NAME"]      # every variant below by default
    python -m training.variants --blend "NAME & NAME"     # the average of variants already run

Every text and every sentence of every text is embedded once by the frozen int8 encoder
(training/frozen.py, cached in build/frozen/); each variant here is a head over those embeddings,
trained per fold (the same grouped folds as training/cv.py) and scored on the held-out fold. Two
figures per variant, both nested (nothing fitted to the rows it scores):

- the classifier alone: one global threshold chosen on the other four folds' out-of-fold rows;
- cues + classifier: the engine's combination, variant "(a) + (b) + veto" (training/combine.py),
  fitted on four folds' rows and applied to the fifth, with the variant's out-of-fold
  probabilities in place of the shipped head's.

Results go to bench/results/variants-cv.json (figures only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from training.common import FLAG_IDS, ROOT, load_own, load_real, scores, targets

RESULTS = ROOT / "bench" / "results" / "variants-cv.json"
MAX_SENTENCES = 12  # a text's first sentences read one by one (real snippets: median 2-3)


def split(text: str) -> list[str]:
    from prepbot.matching.text import sentences

    return [s.strip() for _, s in sentences(text) if s.strip()]


@dataclass
class Data:
    real: list
    own: list
    y: np.ndarray  # real targets
    y_own: np.ndarray
    whole: np.ndarray  # real, 768
    whole_own: np.ndarray
    sents: np.ndarray  # real, N x M x 768 (padded)
    mask: np.ndarray  # real, N x M
    sents_own: np.ndarray
    mask_own: np.ndarray
    folds: np.ndarray


def _pad(groups: list[np.ndarray], dim: int) -> tuple[np.ndarray, np.ndarray]:
    m = max(len(g) for g in groups)
    out = np.zeros((len(groups), m, dim), dtype=np.float32)
    mask = np.zeros((len(groups), m), dtype=np.float32)
    for i, g in enumerate(groups):
        out[i, : len(g)] = g
        mask[i, : len(g)] = 1
    return out, mask


def load(log=print) -> Data:
    from training.cv import fold_assignment
    from training.frozen import embed

    real, own = load_real(), load_own()
    whole = embed([r.text for r in real], log=log)
    whole_own = embed([r.text for r in own], log=log)

    def sentence_groups(rows, whole_x):
        pieces = [split(r.text)[:MAX_SENTENCES] or [r.text] for r in rows]
        flat = [s for p in pieces for s in p]
        x = embed(flat, log=log)
        groups, k = [], 0
        for i, p in enumerate(pieces):
            g = x[k : k + len(p)]
            k += len(p)
            groups.append(whole_x[i : i + 1] if len(p) == 1 else g)  # one sentence: the text itself
        return _pad(groups, whole_x.shape[1])

    sents, mask = sentence_groups(real, whole)
    sents_own, mask_own = sentence_groups(own, whole_own)
    folds = np.array(fold_assignment(real, 5))
    return Data(real, own, targets(real), targets(own), whole, whole_own, sents, mask, sents_own, mask_own, folds)


# -- heads -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    kind: str = "mlp"  # mlp (text features) | milflat (multiple instance: a head per sentence, pooled)
    inputs: str = "whole"  # mlp: whole | whole+max+mean | whole+max | whole+mean
    pool: str = "max"  # milflat: max | lse | noisy-or | whole+max (logit of the text plus max over sentences)
    hidden: int = 256
    dropout: float = 0.2
    epochs: int = 30
    lr: float = 5e-3
    weight_decay: float = 1e-4
    real_weight: float = 2.0
    smoothing: float = 0.0
    pos_cap: float = 8.0  # positives weighted by sqrt(min(cap, neg/pos)); 1 = no class weighting
    seeds: int = 1
    bag: bool = False  # each seed on a bootstrap sample of the training rows
    cues: bool = False  # add the cues' readings of the text (per flag: score, context-decided; 48 features)
    proto: bool = False  # add cosine similarities to each flag's own-sentence centroids (48 features)
    extra: dict = field(default_factory=dict, hash=False, compare=False)


def _features(spec: Spec, whole: np.ndarray, sents: np.ndarray, mask: np.ndarray) -> np.ndarray:
    parts = [whole]
    if "max" in spec.inputs:
        neg = np.where(mask[..., None] > 0, sents, -1e4)
        parts.append(neg.max(1))
    if "mean" in spec.inputs:
        parts.append((sents * mask[..., None]).sum(1) / mask.sum(1, keepdims=True))
    return np.concatenate(parts, axis=1).astype(np.float32)


def _net(spec: Spec, dim: int):
    import torch
    from torch import nn

    n = len(FLAG_IDS)

    class MLP(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop = nn.Dropout(spec.dropout)
            self.hidden = nn.Linear(dim, spec.hidden)
            self.out = nn.Linear(spec.hidden, n)

        def forward(self, x):
            return self.out(self.drop(torch.relu(self.hidden(self.drop(x)))))

    class MIL(nn.Module):
        """One MLP reads each sentence (and, for "whole+max", another the whole text); _mil_logits pools them."""

        def __init__(self) -> None:
            super().__init__()
            self.inner = MLP()
            self.text = MLP() if spec.pool == "whole+max" else None
            self.mix = nn.Parameter(torch.zeros(n))

    return MIL() if spec.kind == "milflat" else MLP()


class Flat:
    """A set of texts as a flat matrix of instances (each sentence; the text itself when it is one
    sentence) with each text's first instance and count: no padding, so a batch costs its sentences."""

    def __init__(self, whole: np.ndarray, sents: np.ndarray, mask: np.ndarray) -> None:
        self.whole = whole
        keep = mask > 0
        self.inst = sents[keep]
        self.count = keep.sum(1).astype(np.int64)
        self.start = np.concatenate([[0], np.cumsum(self.count)[:-1]]).astype(np.int64)

    def __len__(self) -> int:
        return len(self.whole)

    def take(self, idx: np.ndarray) -> "Flat":
        out = Flat.__new__(Flat)
        out.whole = self.whole[idx]
        pieces = [np.arange(self.start[i], self.start[i] + self.count[i]) for i in idx]
        sel = np.concatenate(pieces)
        out.inst = self.inst[sel]
        out.count = self.count[idx]
        out.start = np.concatenate([[0], np.cumsum(out.count)[:-1]]).astype(np.int64)
        return out

    @staticmethod
    def join(a: "Flat", b: "Flat") -> "Flat":
        out = Flat.__new__(Flat)
        out.whole = np.concatenate([a.whole, b.whole])
        out.inst = np.concatenate([a.inst, b.inst])
        out.count = np.concatenate([a.count, b.count])
        out.start = np.concatenate([[0], np.cumsum(out.count)[:-1]]).astype(np.int64)
        return out


def _mil_logits(spec: Spec, net, whole, inst, seg, n: int):
    """Per text, the pooled logit of its instances (seg: the text of each instance)."""
    import torch

    z = net.inner(inst)  # I x F
    index = seg[:, None].expand_as(z)
    if spec.pool in ("max", "whole+max"):
        pooled = torch.full((n, z.shape[1]), -1e4).scatter_reduce(0, index, z, reduce="amax", include_self=True)
        if spec.pool == "whole+max":
            return net.text(whole) + torch.sigmoid(net.mix) * pooled
        return pooled
    if spec.pool == "noisy-or":
        log_not = torch.nn.functional.logsigmoid(-z)
        s = torch.zeros((n, z.shape[1])).index_add(0, seg, log_not).clamp(max=-1e-6)
        return torch.log(-torch.expm1(s)) - s
    if spec.pool == "lse":
        r = spec.extra.get("r", 2.0)
        m = torch.full((n, z.shape[1]), -1e4).scatter_reduce(0, index, z * r, reduce="amax", include_self=True)
        e = torch.zeros((n, z.shape[1])).index_add(0, seg, torch.exp(z * r - m[seg]))
        count = torch.zeros(n).index_add(0, seg, torch.ones(len(seg)))
        return (m + torch.log(e) - torch.log(count)[:, None]) / r
    raise ValueError(spec.pool)


def _fit_flat(spec: Spec, data: Flat, y: np.ndarray, w: np.ndarray, seed: int):
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(seed)
    net = _net(spec, data.whole.shape[1])
    yt, wt = torch.from_numpy(y), torch.from_numpy(w.astype(np.float32))
    pos = yt.sum(0)
    pos_weight = ((len(y) - pos) / pos.clamp(min=1)).clamp(max=spec.pos_cap) ** 0.5
    opt = torch.optim.AdamW(net.parameters(), lr=spec.lr, weight_decay=spec.weight_decay)
    batch = 256
    steps = spec.epochs * ((len(y) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=spec.lr, total_steps=steps)
    net.train()
    for _ in range(spec.epochs):
        order = rng.permutation(len(y))
        for b in range(0, len(y), batch):
            idx = order[b : b + batch]
            part = data.take(idx)
            seg = torch.from_numpy(np.repeat(np.arange(len(idx)), part.count))
            logits = _mil_logits(spec, net, torch.from_numpy(part.whole), torch.from_numpy(part.inst), seg, len(idx))
            t = torch.from_numpy(idx)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, yt[t], pos_weight=pos_weight, reduction="none")
            loss = (loss.mean(1) * wt[t]).sum() / wt[t].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    net.eval()
    return net


def _predict_flat(spec: Spec, net, data: Flat) -> np.ndarray:
    import torch

    seg = torch.from_numpy(np.repeat(np.arange(len(data)), data.count))
    with torch.inference_mode():
        return _mil_logits(spec, net, torch.from_numpy(data.whole), torch.from_numpy(data.inst), seg, len(data)).numpy()


def _fit_one(spec: Spec, xb, y: np.ndarray, w: np.ndarray, seed: int):
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(seed)
    dim = (xb[0] if isinstance(xb, tuple) else xb).shape[-1]
    net = _net(spec, dim)
    to = lambda a: torch.from_numpy(np.ascontiguousarray(a))  # noqa: E731
    xt = tuple(to(a) for a in xb) if isinstance(xb, tuple) else to(xb)
    yt, wt = to(y), to(w.astype(np.float32))
    pos = yt.sum(0)
    pos_weight = ((len(y) - pos) / pos.clamp(min=1)).clamp(max=spec.pos_cap) ** 0.5
    opt = torch.optim.AdamW(net.parameters(), lr=spec.lr, weight_decay=spec.weight_decay)
    batch = 256
    steps = spec.epochs * ((len(y) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=spec.lr, total_steps=steps)
    target = yt * (1 - spec.smoothing) + 0.5 * spec.smoothing
    net.train()
    for _ in range(spec.epochs):
        order = rng.permutation(len(y))
        for b in range(0, len(y), batch):
            idx = torch.from_numpy(order[b : b + batch])
            inp = tuple(a[idx] for a in xt) if isinstance(xt, tuple) else xt[idx]
            logits = net(inp)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, target[idx], pos_weight=pos_weight, reduction="none"
            )
            loss = (loss.mean(1) * wt[idx]).sum() / wt[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    net.eval()
    return net


def _predict(net, xb) -> np.ndarray:
    import torch

    with torch.inference_mode():
        inp = tuple(torch.from_numpy(np.ascontiguousarray(a)) for a in xb) if isinstance(xb, tuple) else torch.from_numpy(xb)
        return net(inp).numpy()


def _inputs(spec: Spec, d: Data, idx, own: bool, protos: np.ndarray | None):
    if own:
        whole, sents, mask = d.whole_own, d.sents_own, d.mask_own
    else:
        whole, sents, mask = d.whole[idx], d.sents[idx], d.mask[idx]
    if spec.kind == "milflat":
        return whole, sents, mask
    x = _features(spec, whole, sents, mask)
    if spec.cues:
        c = np.load(cue_features(d))
        x = np.concatenate([x, c["own"] if own else c["real"][idx]], axis=1)
    if protos is not None:
        x = np.concatenate([x, _proto_features(whole, protos)], axis=1)
    return x


def cue_features(d: Data) -> Path:
    """Per text, the cues' readings (per flag: the cues' score in the text, and whether a context
    rule decided its polarity: 48 numbers), recorded by the engine with a classifier that says 0.5
    to everything (so every flag's signals are recorded); cached in build/variants/cues.npz."""
    path = ROOT / "build" / "variants" / "cues.npz"
    if path.exists():
        return path
    from bench.quality import OutOfFoldModel
    from prepbot.catalogue import load_catalogue
    from prepbot.matching.engine import Matcher, ModelSlot

    class Even(OutOfFoldModel):
        def _probs(self, text: str) -> dict[str, float]:
            return {f: 0.5 for f in FLAG_IDS}

    class Recorder(Matcher):
        recorded: list = []

        def _add_model_hits(self, hits, cue_hits, unit, probed=None):
            self.recorded.append(self._unit_signals(cue_hits, unit))

    stand_in = Even({"thresholds": {f: 0.5 for f in FLAG_IDS}, "predictions": {}}, {})
    catalogue = load_catalogue()
    matcher = Recorder.from_bank(catalogue.bank, catalogue.rules, ModelSlot(lambda: stand_in))

    def read(rows) -> np.ndarray:
        x = np.zeros((len(rows), 2 * len(FLAG_IDS)), dtype=np.float32)
        for i, r in enumerate(rows):
            matcher.recorded = []
            matcher.match(r.text, model="auto")
            for signals in matcher.recorded:  # a long text is read in parts: the strongest reading
                for j, f in enumerate(FLAG_IDS):
                    if f in signals:
                        x[i, j] = max(x[i, j], signals[f].cue)
                        x[i, len(FLAG_IDS) + j] = max(x[i, len(FLAG_IDS) + j], float(signals[f].context))
        return x

    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, real=read(d.real), own=read(d.own))
    return path


def _proto_features(whole: np.ndarray, protos: np.ndarray) -> np.ndarray:
    u = whole[:, :384] / np.linalg.norm(whole[:, :384], axis=1, keepdims=True)
    return (u @ protos.T).astype(np.float32)


def _centroids(d: Data) -> np.ndarray:
    """Per flag, the centroid of the own sentences labelled with it (top layer, unit length): 24 x 384."""
    u = d.whole_own[:, :384] / np.linalg.norm(d.whole_own[:, :384], axis=1, keepdims=True)
    c = np.stack([u[d.y_own[:, j] > 0].mean(0) for j in range(len(FLAG_IDS))])
    return c / np.linalg.norm(c, axis=1, keepdims=True)


def oof_logits(spec: Spec, d: Data, log=print) -> np.ndarray:
    out = np.zeros_like(d.y)
    protos = _centroids(d) if spec.proto else None
    for k in range(5):
        tr, te = np.where(d.folds != k)[0], np.where(d.folds == k)[0]
        a, b = _inputs(spec, d, tr, False, protos), _inputs(spec, d, None, True, protos)
        if spec.kind == "milflat":
            x = Flat.join(Flat(*a), Flat(*b))
            y = np.concatenate([d.y[tr], d.y_own])
            w = np.concatenate([np.full(len(tr), spec.real_weight), np.ones(len(d.y_own))]).astype(np.float32)
            members = []
            for s in range(spec.seeds):
                net = _fit_flat(spec, x, y, w, 13 + s)
                members.append(_predict_flat(spec, net, Flat(*_inputs(spec, d, te, False, protos))))
            out[te] = np.mean(members, axis=0)
            continue
        x = np.concatenate([a, b])
        y = np.concatenate([d.y[tr], d.y_own])
        w = np.concatenate([np.full(len(tr), spec.real_weight), np.ones(len(d.y_own))]).astype(np.float32)
        members = []
        for s in range(spec.seeds):
            rows = np.arange(len(y))
            if spec.bag:
                rows = np.random.default_rng(100 + s).integers(0, len(y), len(y))
            xs = tuple(p[rows] for p in x) if isinstance(x, tuple) else x[rows]
            net = _fit_one(spec, xs, y[rows], w[rows], 13 + s)
            members.append(_predict(net, _inputs(spec, d, te, False, protos)))
        out[te] = np.mean(members, axis=0)
    return out


# -- scoring ------------------------------------------------------------------------------------------


def alone(d: Data, p: np.ndarray) -> tuple[float, float, float]:
    from training.cv import nested_threshold_f1

    return nested_threshold_f1(d.y, p, d.folds.tolist(), "global")[1]


class Engine:
    """The cues' readings of every real row, recorded once; a variant's probabilities replace p/q."""

    def __init__(self) -> None:
        from training.combine import Table, record

        self.rows, self.opposites, oof = record()
        self.Table = Table
        self.thresholds = oof["thresholds"]

    def nested(self, d: Data, p: np.ndarray, variant: str = "(a) + (b) + veto"):
        from training.combine import nested, variants

        index = {r.id: i for i, r in enumerate(d.real)}
        fidx = {f: j for j, f in enumerate(FLAG_IDS)}
        rows = []
        for r in self.rows:
            i = index[r["id"]]
            sig = {}
            for f, s in r["signals"].items():
                opp = self.opposites.get(f)
                q = float(p[i, fidx[opp]]) if opp else s.q
                sig[f] = replace(s, p=float(p[i, fidx[f]]), q=q)
            rows.append({**r, "fold": int(d.folds[i]), "signals": sig})
        table = self.Table(rows, self.opposites, {f: 0.5 for f in FLAG_IDS})
        (pp, rr, ff, inv), _, _ = nested(table, variants()[variant])
        return pp, rr, ff, inv


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


VARIANTS: dict[str, Spec] = {
    "mlp (shipped)": Spec(),
    "mlp [whole, max, mean of sentences]": Spec(inputs="whole+max+mean"),
    "mlp [whole, max]": Spec(inputs="whole+max"),
    "mil max": Spec(kind="milflat", pool="max"),
    "mil noisy-or": Spec(kind="milflat", pool="noisy-or"),
    "mil text + max of sentences": Spec(kind="milflat", pool="whole+max"),
    "mlp + prototypes": Spec(proto=True),
    "mlp + cue readings (stacking)": Spec(cues=True),
    "mlp label smoothing 0.1": Spec(smoothing=0.1),
    "mlp no class weighting": Spec(pos_cap=1.0),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="variant names separated by | (default: all)")
    ap.add_argument("--no-engine", action="store_true")
    ap.add_argument("--blend", default="", help="score the average of variants already run: names separated by &")
    args = ap.parse_args(argv)
    log = lambda s: print(s, flush=True)  # noqa: E731
    started = time.time()
    d = load(log)
    engine = None if args.no_engine else Engine()
    names = [n for n in args.only.split("|") if n] or list(VARIANTS)
    cache = ROOT / "build" / "variants"
    cache.mkdir(parents=True, exist_ok=True)
    if args.blend:
        parts = [n.strip() for n in args.blend.split("&")]
        p = np.mean([np.load(cache / (slug(n) + ".npy")) for n in parts], axis=0)
        a = alone(d, p)
        e = engine.nested(d, p) if engine else (0, 0, 0, 0)
        log(f"blend {args.blend}: alone {a[0]:.3f}/{a[1]:.3f}/{a[2]:.3f}  engine {e[0]:.3f}/{e[1]:.3f}/{e[2]:.3f} inv {e[3]}")
        return 0
    for name in names:
        spec = VARIANTS[name]
        t0 = time.time()
        z = oof_logits(spec, d, log)
        p = sigmoid(z)
        np.save(cache / (slug(name) + ".npy"), p)
        a = alone(d, p)
        at65 = scores(d.y, (p >= 0.65).astype(np.float32))[1]
        e = engine.nested(d, p) if engine else (0, 0, 0, 0)
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}  # another run may have written
        results[name] = {
            "alone_nested_global": [round(v, 3) for v in a],
            "alone_at_0.65": [round(v, 3) for v in at65],
            "engine_nested": [round(v, 3) for v in e[:3]] + [e[3]],
            "seconds": round(time.time() - t0),
        }
        log(
            f"{name:42} alone {a[0]:.3f}/{a[1]:.3f}/{a[2]:.3f}  engine {e[0]:.3f}/{e[1]:.3f}/{e[2]:.3f} inv {e[3]}  ({time.time() - t0:.0f}s)"
        )
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    log(f"done in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
