"""A one-fold estimate: fine-tune the whole encoder with the MLP head (not shipped).

    nice -n 10 python -m training.fullft [--fold 0] [--epochs 3] [--own-per-epoch 8000]

Every layer of all-MiniLM-L6-v2 is trained (fp32, one thread) with the shipped head's shape on
[mean of layer 6, mean of layer 4] on one fold's training rows: the other folds' real snippets,
weighted x4 as `mlp-real4` weighs them, and each epoch a fresh sample of the own texts. The fold's
real rows are scored and compared with the frozen head's out-of-fold probabilities
(bench/oof-predictions.json), and with the average of the two readers. Written to
build/fullft/fold<N>.json. An estimate only: training/train.py builds the shipped model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from training.common import FLAG_IDS, ROOT, Config, base_model_dir, load_tokenizer, targets
from training.top2 import prf, rows_and_folds

BUILD = ROOT / "build" / "fullft"


def build_net():
    import torch
    from transformers import AutoModel

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(base_model_dir()), local_files_only=True)
            self.head = torch.nn.Sequential(
                torch.nn.Dropout(0.2),
                torch.nn.Linear(768, 256),
                torch.nn.ReLU(),
                torch.nn.Dropout(0.2),
                torch.nn.Linear(256, len(FLAG_IDS)),
            )

        def forward(self, ids, mask):
            out = self.enc(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids), output_hidden_states=True)
            m = mask.unsqueeze(-1).float()
            count = m.sum(1).clamp(min=1e-9)

            def pooled(x):
                v = (x * m).sum(1) / count
                return v / v.norm(dim=-1, keepdim=True).clamp(min=1e-9)

            return self.head(torch.cat([pooled(out.hidden_states[6]), pooled(out.hidden_states[4])], -1))

    return Net()


def average_precision(gold: np.ndarray, p: np.ndarray) -> float:
    """Micro average precision over every (row, flag) pair."""
    order = np.argsort(-p.ravel())
    g = gold.ravel()[order]
    hits = np.cumsum(g)
    return float(((hits / np.arange(1, len(g) + 1)) * g).sum() / g.sum())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--own-per-epoch", type=int, default=8000)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(13)
    log = lambda s: print(s, flush=True)  # noqa: E731
    real, own, folds, oof = rows_and_folds()
    tok = load_tokenizer(Config(max_length=128))
    encoded = [e.ids for e in tok.encode_batch([r.text for r in real] + [r.text for r in own])]
    lens = np.array([len(e) for e in encoded])
    y = np.concatenate([targets(real), targets(own)]).astype(np.float32)
    n_real = len(real)
    real_train = np.array([i for i in range(n_real) if folds[i] != args.fold])
    own_idx = np.arange(n_real, len(encoded))
    test = np.array([i for i in range(n_real) if folds[i] == args.fold])
    weight = np.where(np.arange(len(y)) < n_real, 4.0, 1.0).astype(np.float32)

    def batch(idx):
        width = max(lens[i] for i in idx)
        ids = np.zeros((len(idx), width), np.int64)
        mask = np.zeros_like(ids)
        for r, i in enumerate(idx):
            ids[r, : lens[i]] = encoded[i]
            mask[r, : lens[i]] = 1
        return torch.from_numpy(ids), torch.from_numpy(mask)

    net = build_net()
    rng = np.random.default_rng(13)
    size = 32
    steps = args.epochs * ((len(real_train) + args.own_per_epoch + size - 1) // size + 40)
    everything = np.concatenate([real_train, own_idx])
    pos = torch.from_numpy(y[everything].sum(0))
    pos_weight = ((len(everything) - pos) / pos.clamp(min=1)).clamp(max=8.0) ** 0.5
    opt = torch.optim.AdamW(
        [{"params": net.enc.parameters(), "lr": args.lr}, {"params": net.head.parameters(), "lr": args.head_lr}],
        weight_decay=1e-4,
    )
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.lr, args.head_lr], total_steps=steps)
    started, taken = time.time(), 0
    for epoch in range(args.epochs):
        net.train()
        order = rng.permutation(np.concatenate([real_train, rng.choice(own_idx, args.own_per_epoch, replace=False)]))
        # batches of similar length (sorted within chunks of 1,024, then shuffled) keep padding small
        chunks = [order[c : c + 1024][np.argsort(lens[order[c : c + 1024]], kind="stable")] for c in range(0, len(order), 1024)]
        batches = [ch[b : b + size] for ch in chunks for b in range(0, len(ch), size)]
        rng.shuffle(batches)
        total = 0.0
        for k, idx in enumerate(batches):
            ids, mask = batch(idx)
            target, w = torch.from_numpy(y[idx]), torch.from_numpy(weight[idx])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net(ids, mask), target, pos_weight=pos_weight, reduction="none"
            )
            loss = (loss.mean(1) * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            if taken < steps - 1:
                sched.step()
                taken += 1
            total += float(loss.detach())
            if k % 50 == 0:
                log(f"  epoch {epoch + 1} batch {k}/{len(batches)} loss {total / (k + 1):.4f} at {time.time() - started:.0f}s")
    net.eval()
    with torch.inference_mode():  # one text per run, as the runtime reads
        p_new = np.stack([torch.sigmoid(net(*batch([i]))).numpy()[0] for i in test])
    gold = y[test].astype(bool)
    p_old = np.array([[oof["predictions"][real[i].id]["probs"][f] for f in FLAG_IDS] for i in test])
    result: dict = {"fold": args.fold, "rows": len(test), "epochs": args.epochs, "seconds": round(time.time() - started)}
    for name, p in (("fine-tuned", p_new), ("frozen", p_old), ("average", (p_new + p_old) / 2)):
        result[name] = {
            "at 0.5": [round(v, 3) for v in prf(gold, p >= 0.5)],
            "at 0.65": [round(v, 3) for v in prf(gold, p >= 0.65)],
            "average precision": round(average_precision(gold, p), 3),
            "best F1, threshold": max((round(prf(gold, p >= t)[2], 3), round(float(t), 2)) for t in np.arange(0.2, 0.96, 0.05)),
        }
    log(json.dumps(result))
    BUILD.mkdir(parents=True, exist_ok=True)
    probs = {real[i].id: dict(zip(FLAG_IDS, map(float, p_new[k]), strict=True)) for k, i in enumerate(test)}
    (BUILD / f"fold{args.fold}.json").write_text(json.dumps({**result, "probs": probs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
