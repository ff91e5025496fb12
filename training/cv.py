"""K-fold cross-validation grouped by source page, with out-of-fold predictions.

    python -m training.cv [--folds 5] [--heads linear,mlp,pair]

Only the labelled real snippets (../shared/eval: dev, fresh, more; 1,322 rows) are scored; the
authors' own sentences (training/sentences*.jsonl) join every training fold and are never scored,
so the figures measure real text. Every text is embedded once by the frozen int8 encoder
(training/frozen.py); each head is trained per fold on the embeddings and scored on the held-out
fold. Thresholds are chosen from the OOF predictions; how well each way of choosing them carries
over is checked by a second, nested cross-validation over the folds. The head and threshold
strategy with the best nested micro-F1 win.

Writes bench/oof-predictions.json (snippet ids and numbers only, never the texts).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from training.common import FLAG_IDS, OOF_PATH, decide, load_own, load_real, prf, scores, targets
from training.frozen import HeadConfig, embed, fit_head, meaning_vectors, predict_head, select

STRATEGIES = ("fixed-0.5", "global", "per-flag", "shrunk")
GRID = [round(0.05 * i, 2) for i in range(2, 19)]  # 0.10 .. 0.90
MIN_POSITIVES = 40  # a flag gets its own threshold only with this many real positives in the fitting folds

HEADS = {
    "linear": HeadConfig(kind="linear", epochs=40, lr=5e-3),
    "mlp": HeadConfig(kind="mlp"),
    "mlp-real1": HeadConfig(kind="mlp", real_weight=1.0),
    "mlp-real4": HeadConfig(kind="mlp", real_weight=4.0),
    "pair": HeadConfig(kind="pair"),
    "mlp-lower": HeadConfig(kind="mlp", features="lower"),
    "mlp-last": HeadConfig(kind="mlp", features="last"),
}


def fold_assignment(rows, k: int) -> list[int]:
    from sklearn.model_selection import GroupKFold

    groups = [r.source for r in rows]
    fold = [0] * len(rows)
    for i, (_, test) in enumerate(GroupKFold(n_splits=k).split(rows, groups=groups)):
        for j in test:
            fold[j] = i
    return fold


# -- thresholds ----------------------------------------------------------------------------------


def _best_global(y, p) -> float:
    return max(GRID, key=lambda t: (scores(y, (p >= t).astype("float32"))[1][2], -abs(t - 0.5)))


def _best_per_flag(y, p, fallback: float) -> dict[str, float]:
    out = {}
    for j, f in enumerate(FLAG_IDS):
        if y[:, j].sum() < MIN_POSITIVES:
            out[f] = fallback
            continue

        def f1(t, j=j):
            pred = p[:, j] >= t
            tp = int((pred & (y[:, j] == 1)).sum())
            fp = int((pred & (y[:, j] == 0)).sum())
            fn = int((~pred & (y[:, j] == 1)).sum())
            return prf(tp, fp, fn)[2]

        out[f] = max(GRID, key=lambda t: (f1(t), -abs(t - fallback)))
    return out


def choose_thresholds(y, p, strategy: str) -> dict[str, float]:
    if strategy == "fixed-0.5":
        return {f: 0.5 for f in FLAG_IDS}
    g = _best_global(y, p)
    if strategy == "global":
        return {f: g for f in FLAG_IDS}
    per = _best_per_flag(y, p, g)
    if strategy == "per-flag":
        return per
    return {f: round((per[f] + g) / 2, 3) for f in FLAG_IDS}  # shrunk towards the global one


def nested_threshold_f1(y, p, folds, strategy: str):
    """Thresholds chosen on the other folds' OOF predictions, applied to each fold in turn."""
    folds = np.asarray(folds)
    pred = np.zeros_like(y)
    for k in sorted(set(folds.tolist())):
        inside, outside = folds != k, folds == k
        th = choose_thresholds(y[inside], p[inside], strategy)
        pred[outside] = decide(p[outside], th)
    return scores(y, pred)


# -- report --------------------------------------------------------------------------------------


def fmt(m) -> str:
    return "/".join(f"{v:.3f}" for v in m)


def per_flag_table(y, pred, thresholds=None) -> str:
    per, micro, macro = scores(y, pred)
    lines = [f"{'flag':24} {'n':>3} {'tp':>3} {'fp':>3} {'fn':>3}   P     R     F1" + ("   thr" if thresholds else "")]
    for f in FLAG_IDS:
        tp, fp, fn = per[f]
        p, r, f1 = prf(tp, fp, fn)
        extra = f"  {thresholds[f]:.2f}" if thresholds else ""
        lines.append(f"{f:24} {tp + fn:3d} {tp:3d} {fp:3d} {fn:3d}  {p:.2f}  {r:.2f}  {f1:.2f}{extra}")
    lines.append(
        f"{'micro':24} {'':3} {'':3} {'':3} {'':3}  {micro[0]:.3f} {micro[1]:.3f} {micro[2]:.3f}   (macro-F1 {macro:.3f})"
    )
    return "\n".join(lines)


def features(log=print):
    real, own = load_real(), load_own()
    x_real = embed([r.text for r in real], log=log)
    x_own = embed([r.text for r in own], log=log)
    return real, own, x_real, x_own, meaning_vectors(log=log)


def training_set(x_real, y_real, x_own, y_own, cfg: HeadConfig, idx=None):
    xr, yr = (x_real, y_real) if idx is None else (x_real[idx], y_real[idx])
    xr, x_own = select(xr, cfg), select(x_own, cfg)
    x = np.concatenate([xr, x_own])
    y = np.concatenate([yr, y_own])
    w = np.concatenate([np.full(len(xr), cfg.real_weight), np.ones(len(x_own))]).astype(np.float32)
    return x, y, w


def run_cv(k: int = 5, heads: list[str] | None = None, log=print) -> dict:
    started = time.time()
    real, own, x_real, x_own, meanings = features(log)
    y, y_own = targets(real), targets(own)
    folds = fold_assignment(real, k)
    log(
        f"CV: {len(real)} real snippets from {len(set(r.source for r in real))} sources in {k} folds "
        f"(grouped by source); {len(own)} own sentences join every training fold"
    )
    heads = heads or list(HEADS)
    probs = {}
    for name in heads:
        cfg = HEADS[name]
        p = np.zeros_like(y)
        for i in range(k):
            train_idx = np.array([j for j, f in enumerate(folds) if f != i])
            test_idx = np.array([j for j, f in enumerate(folds) if f == i])
            x, yy, w = training_set(x_real, y, x_own, y_own, cfg, train_idx)
            net = fit_head(x, yy, w, cfg, select(meanings, cfg))
            p[test_idx] = predict_head(net, select(x_real[test_idx], cfg))
        probs[name] = p
        log(f"  head {name}: done at {time.time() - started:.0f}s")

    results = {}
    log("\nmicro P/R/F1 of the classifier alone (thresholds chosen on the other folds' OOF):")
    log(f"{'head':10} " + " ".join(f"{s:>20}" for s in STRATEGIES))
    for name in heads:
        row = []
        for s in STRATEGIES:
            _, micro, _ = nested_threshold_f1(y, probs[name], folds, s)
            results[(name, s)] = micro
            row.append(fmt(micro))
        log(f"{name:10} " + " ".join(f"{c:>20}" for c in row))
    best_head, best_strategy = max(results, key=lambda hs: results[hs][2])
    chosen = probs[best_head]
    thresholds = choose_thresholds(y, chosen, best_strategy)
    log(f"\nbest: head={best_head}, thresholds={best_strategy} (nested micro-F1 {results[(best_head, best_strategy)][2]:.3f})")
    log(f"\nper flag, head {best_head}, shipped thresholds (chosen on all OOF):")
    log(per_flag_table(y, decide(chosen, thresholds), thresholds))

    summary = {
        "nested": {f"{h}/{s}": [round(v, 4) for v in m] for (h, s), m in results.items()},
        "at_shipped_thresholds": [round(v, 4) for v in scores(y, decide(chosen, thresholds))[1]],
    }
    out = {
        "folds": k,
        "grouped_by": "source",
        "rows": len(real),
        "own_sentences": len(own),
        "model": f"all-MiniLM-L6-v2 frozen (int8), head '{best_head}' trained on its embeddings",
        "head": best_head,
        "head_config": HEADS[best_head].__dict__,
        "unit": "text",
        "quantization": "int8pc",
        "threshold_strategy": f"{best_strategy} (per flag only with >= {MIN_POSITIVES} real positives)",
        "thresholds": thresholds,
        "summary": summary,
        "predictions": {
            real[j].id: {
                "fold": int(folds[j]),
                "probs": {f: round(float(chosen[j, n]), 4) for n, f in enumerate(FLAG_IDS)},
            }
            for j in range(len(real))
        },
    }
    OOF_PATH.parent.mkdir(exist_ok=True)
    OOF_PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    log(f"\nwrote {OOF_PATH.relative_to(OOF_PATH.parent.parent)} ({time.time() - started:.0f}s)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--heads", default=",".join(HEADS), help="comma-separated, from: " + ", ".join(HEADS))
    args = ap.parse_args(argv)
    run_cv(k=args.folds, heads=args.heads.split(","), log=lambda s: print(s, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
