"""Quality benchmark: per-flag precision, recall and F1, and micro-F1, on the labelled dev set.

    python -m bench.quality [--eval PATH] [--errors]

Reads ../shared/eval/dev.jsonl (beside the repository) unless --eval or PREPBOT_EVAL says
otherwise. A plain keyword matcher runs beside the real one in the same run as a baseline: it
looks for each cue's words as a literal phrase, with no typo tolerance, gaps, sentence scope or
negation, so the difference is what the matcher's machinery adds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

from prepbot.matcher import Matcher

from prepbot.catalogue import load_catalogue

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


def keyword_baseline(bank):
    phrases: dict[str, list[str]] = {}
    for flag in bank.flags.values():
        for cue in flag.cues:
            words = []
            for slot in cue.split("@")[0].split():
                if slot == "..." or slot.startswith("#"):
                    continue
                words.append(slot.split("|")[0].replace("_", " ").rstrip("*"))
            if words:
                phrases.setdefault(flag.id, []).append(" ".join(words))

    def predict(text: str) -> set[str]:
        lowered = re.sub(r"[’']", "", text.lower())
        return {flag_id for flag_id, options in phrases.items() if any(p in lowered for p in options)}

    return predict


def score(examples, predict, flag_ids):
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for example in examples:
        gold = set(example["flags"])
        got = predict(example["text"])
        for f in got & gold:
            tp[f] += 1
        for f in got - gold:
            fp[f] += 1
        for f in gold - got:
            fn[f] += 1
        if got != gold:
            errors.append((example["id"], sorted(gold - got), sorted(got - gold)))
    per_flag = {}
    for f in flag_ids:
        p = tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 1.0
        r = tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_flag[f] = (p, r, f1, tp[f] + fn[f])
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = TP / (TP + FP) if TP + FP else 1.0
    recall = TP / (TP + FN) if TP + FN else 1.0
    micro = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "micro_f1": micro, "per_flag": per_flag, "errors": errors}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(os.environ.get("PREPBOT_EVAL", DEFAULT_EVAL)))
    parser.add_argument("--errors", action="store_true", help="list the examples each matcher gets wrong")
    args = parser.parse_args(argv)
    if not args.eval.exists():
        print(f"quality: no eval set at {args.eval}", file=sys.stderr)
        return 2
    examples = [json.loads(line) for line in args.eval.read_text(encoding="utf-8").splitlines() if line.strip()]
    bank = load_catalogue().bank
    matcher = Matcher.from_bank(bank)
    flag_ids = list(bank.flags)
    real = score(examples, lambda t: {m.id for m in matcher.match(t)}, flag_ids)
    base = score(examples, keyword_baseline(bank), flag_ids)

    print(f"Eval set: {args.eval.name}, {len(examples)} snippets\n")
    print(f"{'flag':24} {'n':>3}  {'P':>5} {'R':>5} {'F1':>5}   baseline F1")
    for f in flag_ids:
        p, r, f1, n = real["per_flag"][f]
        print(f"{f:24} {n:>3}  {p:5.2f} {r:5.2f} {f1:5.2f}   {base['per_flag'][f][2]:5.2f}")
    print()
    print(f"{'':24}      {'P':>5} {'R':>5} {'micro-F1':>8}")
    print(f"{'prepbot matcher':24}      {real['precision']:5.2f} {real['recall']:5.2f} {real['micro_f1']:8.2f}")
    print(f"{'keyword baseline':24}      {base['precision']:5.2f} {base['recall']:5.2f} {base['micro_f1']:8.2f}")
    if args.errors:
        print("\nmatcher errors (id, missed, extra):")
        for error in real["errors"]:
            print("  ", *error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
