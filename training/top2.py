"""A one-fold estimate: fine-tune the encoder's top two layers (from cached layer-4 token states).

    nice -n 19 python -m training.top2 [--fold 0] [--epochs 4]

Fine-tuning the whole encoder is too slow on this machine for five folds; the bottom four layers
are run once per text (fp32, one thread) and their token states cached in build/top2/, then layers
5 and 6 plus the MLP head are trained on one fold's training rows (the other folds' real snippets,
weighted x2, and the own sentences) and scored on that fold's real rows. The frozen head's
out-of-fold predictions of the same rows (bench/oof-predictions.json) are the comparison. This is
an estimate only: nothing here is shipped (training/train.py builds the shipped model).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from training.common import FLAG_IDS, OOF_PATH, ROOT, Config, base_model_dir, load_own, load_real, load_tokenizer, targets
from training.cv import fold_assignment

BUILD = ROOT / "build" / "top2"
LOWER = 4


def lower_states(texts: list[str], log=print):
    """Layer-4 token states (fp16) of every text, concatenated, with offsets; cached."""
    cache = BUILD / "states.npz"
    if cache.exists():
        data = np.load(cache)
        if int(data["count"]) == len(texts):
            return data["states"], data["offsets"]
    import torch
    from transformers import AutoModel

    torch.set_num_threads(1)
    model = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True).eval()
    tok = load_tokenizer(Config(max_length=128))
    encoded = [tok.encode(t).ids for t in texts]
    order = np.argsort([len(e) for e in encoded])
    parts: list[np.ndarray] = [np.zeros((0, 384), np.float16)] * len(texts)
    started = time.time()
    with torch.inference_mode():
        for b in range(0, len(order), 32):
            idx = order[b : b + 32]
            width = max(len(encoded[i]) for i in idx)
            ids = torch.zeros((len(idx), width), dtype=torch.int64)
            mask = torch.zeros_like(ids)
            for r, i in enumerate(idx):
                ids[r, : len(encoded[i])] = torch.tensor(encoded[i])
                mask[r, : len(encoded[i])] = 1
            out = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids), output_hidden_states=True)
            hidden = out.hidden_states[LOWER].numpy().astype(np.float16)
            for r, i in enumerate(idx):
                parts[i] = hidden[r, : len(encoded[i])]
            if b % 640 == 0:
                log(f"  layer-4 states: {b + len(idx)}/{len(texts)} at {time.time() - started:.0f}s")
    offsets = np.cumsum([0] + [len(p) for p in parts])
    states = np.concatenate(parts)
    BUILD.mkdir(parents=True, exist_ok=True)
    np.savez(cache, states=states, offsets=offsets, count=len(texts))
    return states, offsets


def build_net(hidden: int = 256, dropout: float = 0.2):
    import copy

    import torch
    from transformers import AutoModel

    base = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList([copy.deepcopy(base.encoder.layer[i]) for i in range(LOWER, 6)])
            self.head = torch.nn.Sequential(
                torch.nn.Dropout(dropout),
                torch.nn.Linear(768, hidden),
                torch.nn.ReLU(),
                torch.nn.Dropout(dropout),
                torch.nn.Linear(hidden, len(FLAG_IDS)),
            )

        def forward(self, h4, mask):
            extended = (1.0 - mask[:, None, None, :].float()) * -1e9
            h = h4
            for layer in self.layers:
                out = layer(h, attention_mask=extended)
                h = out[0] if isinstance(out, tuple) else out
            m = mask.unsqueeze(-1).float()
            count = m.sum(1).clamp(min=1e-9)

            def pooled(x):
                mean = (x * m).sum(1) / count
                return mean / mean.norm(dim=-1, keepdim=True).clamp(min=1e-9)

            return self.head(torch.cat([pooled(h), pooled(h4)], dim=-1))

    return Top()


def batch_of(states, offsets, idx):
    import torch

    width = max(int(offsets[i + 1] - offsets[i]) for i in idx)
    h = np.zeros((len(idx), width, 384), np.float32)
    mask = np.zeros((len(idx), width), np.int64)
    for r, i in enumerate(idx):
        n = int(offsets[i + 1] - offsets[i])
        h[r, :n] = states[offsets[i] : offsets[i + 1]]
        mask[r, :n] = 1
    return torch.from_numpy(h), torch.from_numpy(mask)


def rows_and_folds():
    """The real rows and own texts, each real row's fold (training/cv.py's grouped folds) and the frozen head's
    out-of-fold file, whose folds must be the same: the one-fold estimates compare with it row for row."""
    real, own = load_real(), load_own()
    folds = np.array(fold_assignment(real, 5))
    oof = json.loads(OOF_PATH.read_text(encoding="utf-8"))
    assert all(oof["predictions"][r.id]["fold"] == f for r, f in zip(real, folds, strict=True)), "folds differ from the OOF file"
    return real, own, folds, oof


def prf(y, pred):
    tp = int((y & pred).sum())
    fp = int((~y & pred).sum())
    fn = int((y & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    ap.add_argument("--tag", default="", help="appended to the output file's name")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(13)
    log = lambda s: print(s, flush=True)  # noqa: E731
    real, own, folds, oof = rows_and_folds()
    states, offsets = lower_states([r.text for r in real] + [r.text for r in own], log)
    y = np.concatenate([targets(real), targets(own)]).astype(np.float32)
    n_real = len(real)
    train = np.array([i for i in range(n_real) if folds[i] != args.fold] + list(range(n_real, n_real + len(own))))
    test = np.array([i for i in range(n_real) if folds[i] == args.fold])
    weight = np.where(np.arange(len(y)) < n_real, 2.0, 1.0).astype(np.float32)
    net = build_net()
    pos = torch.from_numpy(y[train].sum(0))
    pos_weight = ((len(train) - pos) / pos.clamp(min=1)).clamp(max=8.0) ** 0.5
    opt = torch.optim.AdamW(
        [{"params": net.layers.parameters(), "lr": args.lr}, {"params": net.head.parameters(), "lr": args.head_lr}],
        weight_decay=1e-4,
    )
    batch = 32
    steps = args.epochs * ((len(train) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.lr, args.head_lr], total_steps=steps)
    rng = np.random.default_rng(13)
    started = time.time()
    for epoch in range(args.epochs):
        net.train()
        # batches of similar length (shuffled within buckets) keep padding small
        order = rng.permutation(train)
        lengths = offsets[order + 1] - offsets[order]
        chunks = [order[np.argsort(lengths[c : c + 1024], kind="stable") + c] for c in range(0, len(order), 1024)]
        batches = [ch[b : b + batch] for ch in chunks for b in range(0, len(ch), batch)]
        rng.shuffle(batches)
        total = 0.0
        for k, idx in enumerate(batches):
            h, mask = batch_of(states, offsets, idx)
            logits = net(h, mask)
            target, w = torch.from_numpy(y[idx]), torch.from_numpy(weight[idx])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target, pos_weight=pos_weight, reduction="none")
            loss = (loss.mean(1) * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss)
            if k % 50 == 0:
                log(f"  epoch {epoch + 1} batch {k}/{len(batches)} loss {total / (k + 1):.4f} at {time.time() - started:.0f}s")
    net.eval()
    probs = []
    with torch.inference_mode():
        for b in range(0, len(test), 64):
            h, mask = batch_of(states, offsets, test[b : b + 64])
            probs.append(torch.sigmoid(net(h, mask)).numpy())
    p_new = np.concatenate(probs)
    gold = y[test].astype(bool)
    p_old = np.array([[oof["predictions"][real[i].id]["probs"][f] for f in FLAG_IDS] for i in test])
    result = {"fold": args.fold, "rows": len(test), "epochs": args.epochs, "seconds": round(time.time() - started)}
    for t in (0.5, 0.65):
        result[f"top2 @{t}"] = [round(v, 3) for v in prf(gold, p_new >= t)]
        result[f"frozen @{t}"] = [round(v, 3) for v in prf(gold, p_old >= t)]
    log(json.dumps(result))
    out = BUILD / f"fold{args.fold}{args.tag}.json"
    out.write_text(
        json.dumps(
            {**result, "probs": {real[i].id: dict(zip(FLAG_IDS, map(float, p_new[k]), strict=True)) for k, i in enumerate(test)}}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
