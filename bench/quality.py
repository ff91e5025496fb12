"""Quality benchmark: per-flag and micro precision, recall and F1 of the matcher's parts.

    python -m bench.quality [--eval PATH]... [--oof PATH] [--errors]

First it prints the unseen-text figure recorded before issue 18 changed anything
(bench/results/unseen-before.txt: the 0.2 product on more.jsonl, which nothing had been fitted to).
Then it reads the labelled real text in ../shared/eval/ (dev, fresh and more: all 1,322 rows;
--eval or PREPBOT_EVAL name others) and reports, per set and over all of them, per flag:

- keyword baseline: each cue's words as a literal phrase (no typo tolerance, gaps, scope, negation);
- cues + context: the cue matcher with its context rules, the classifier off;
- classifier (CV): the learned classifier alone, from out-of-fold predictions (k-fold
  cross-validation with folds grouped by source page: bench/oof-predictions.json, written by
  `python -m training.cv`), so no snippet is scored by a model that saw it;
- cues + classifier (CV): the engine as it runs, with those out-of-fold predictions in place of the
  shipped model, combined with the cues as shipped (the `combination` of labels.json, fitted by
  `python -m training.combine`, which also prints its nested figures).

Read every figure with its history: the cues were written while reading dev.jsonl, and adjusted
after fresh.jsonl was measured, so "cues" figures on these sets overstate quality on unseen text.
The cross-validated figures are the honest ones for anything trained.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

from prepbot.catalogue import load_catalogue
from prepbot.matching import Matcher
from prepbot.matching.engine import ModelSlot
from prepbot.matching.model import MODEL_DIR

# ../shared/eval beside the repository, or PREPBOT_EVAL_DIR (as training/ reads it)
EVAL_DIR = Path(os.environ.get("PREPBOT_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval"))
DEFAULT_EVAL = [EVAL_DIR / "dev.jsonl", EVAL_DIR / "fresh.jsonl", EVAL_DIR / "more.jsonl"]
UNSEEN_BEFORE = Path(__file__).resolve().parent / "results" / "unseen-before.txt"
DEFAULT_OOF = Path(__file__).resolve().parent / "oof-predictions.json"
# Our own sets, written by the same people who write the cues: they check candidate notes and
# terse answers read against their question; a figure on them is not an unseen-text figure.
OWN_SETS = sorted((Path(__file__).resolve().parent / "sets").glob("*.jsonl"))


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

    def predict(example) -> set[str]:
        lowered = re.sub(r"[’']", "", example["text"].lower())
        return {flag_id for flag_id, options in phrases.items() if any(p in lowered for p in options)}

    return predict


class OutOfFoldModel:
    """Stands in for the shipped classifier: each snippet gets the probabilities of the fold model
    that never saw it. Only whole snippets are known, so it reads whole texts."""

    unit = "text"

    def __init__(self, oof: dict, texts: dict[str, str], combination: dict | None = None):
        self.thresholds = dict(oof["thresholds"])
        self.combination = combination
        self._by_text = {texts[i]: p["probs"] for i, p in oof["predictions"].items() if i in texts}
        self._by_length: dict[int, list[str]] = {}
        for text in self._by_text:
            self._by_length.setdefault(len(text), []).append(text)

    def _probs(self, text: str) -> dict[str, float]:
        """The snippet's out-of-fold probabilities. The engine blanks the candidate's own questions
        ("ask: do they have CI?") out of what the classifier reads, keeping offsets: such a text is
        the snippet's own where it is not blank, and gets the whole snippet's probabilities (an
        approximation: the fold model read the question too)."""
        probs = self._by_text.get(text)
        if probs is None:
            for known in self._by_length.get(len(text), ()):
                if all(a == b or a.isspace() for a, b in zip(text, known, strict=True)):
                    probs = self._by_text[known]
                    break
        return probs or {}

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        return [dict(self._probs(text)) for text in texts]

    def flags(self, texts: list[str]) -> list[dict[str, float]]:
        found = []
        for text in texts:
            probs = self._probs(text)
            found.append({f: p for f, p in probs.items() if p >= self.thresholds.get(f, 0.5)})
        return found


def score(examples, predict, flag_ids, opposites):
    tp, fp, fn = Counter(), Counter(), Counter()
    errors, inverted = [], 0
    for example in examples:
        gold = set(example["flags"])
        got = predict(example)
        for f in got & gold:
            tp[f] += 1
        for f in got - gold:
            fp[f] += 1
            inverted += opposites.get(f) in gold
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
    return {
        "precision": precision,
        "recall": recall,
        "micro_f1": micro,
        "per_flag": per_flag,
        "errors": errors,
        "inverted": inverted,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, action="append", help="a labelled .jsonl set (repeatable)")
    parser.add_argument("--oof", type=Path, default=DEFAULT_OOF, help="out-of-fold classifier predictions")
    parser.add_argument("--errors", action="store_true", help="list the snippets the combination gets wrong")
    args = parser.parse_args(argv)
    paths = args.eval or ([Path(os.environ["PREPBOT_EVAL"])] if os.environ.get("PREPBOT_EVAL") else DEFAULT_EVAL)
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"quality: no eval set at {missing[0]}", file=sys.stderr)
        return 2
    sets = {p.name: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in paths}
    everything = [e for examples in sets.values() for e in examples]

    catalogue = load_catalogue()
    bank, rules = catalogue.bank, catalogue.rules
    flag_ids = list(bank.flags)
    opposites = {f.id: f.opposite for f in bank.flags.values()}
    cues = Matcher.from_bank(bank, rules)
    systems = {
        "keyword baseline": keyword_baseline(bank),
        "cues + context": lambda e: {m.id for m in cues.match(e["text"], model="off")},
    }
    oof = json.loads(args.oof.read_text(encoding="utf-8")) if args.oof.exists() else None
    combination = None
    if oof is not None:
        texts = {e["id"]: e["text"] for e in everything}
        labels = json.loads((MODEL_DIR / "labels.json").read_text(encoding="utf-8"))
        combination = labels.get("combination")  # the combination as shipped (training/combine.py)
        stand_in = OutOfFoldModel(oof, texts, combination)
        combined = Matcher.from_bank(bank, rules, ModelSlot(lambda: stand_in))
        systems["classifier (CV)"] = lambda e: set(stand_in.flags([e["text"]])[0])
        systems["cues + classifier (CV)"] = lambda e: {m.id for m in combined.match(e["text"], model="auto")}

    else:
        print(f"(no out-of-fold predictions at {args.oof}: run `python -m training.cv` for the classifier rows)\n")

    if UNSEEN_BEFORE.exists():
        print("Before (unseen text):", UNSEEN_BEFORE.read_text(encoding="utf-8").strip().replace("\n", "\n  "), "\n", sep="\n  ")
    print("After: grouped cross-validation over the real rows below (folds grouped by source page;")
    print("the classifier rows use out-of-fold predictions, so no row is scored by a model that saw it).\n")

    shipped = catalogue.matcher  # the product as installed: cues, context, answers, shipped classifier
    print("Authors' own sets (candidate notes; terse answers read against their question), product as shipped:")
    for path in OWN_SETS:
        own = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

        def read(e, matcher=shipped):
            question = bank.questions.get(e.get("question", ""))
            return {m.id for m in matcher.match(e["text"], question=question)}

        result = score(own, read, flag_ids, opposites)
        exact = sum(1 for e in own if read(e) == set(e["flags"]))
        print(
            f"  {path.name:14} {len(own):3} rows  P {result['precision']:.2f}  R {result['recall']:.2f}"
            f"  micro-F1 {result['micro_f1']:.2f}  exactly right {exact}/{len(own)}  inverted {result['inverted']}"
        )
    print()

    results = {
        name: {set_name: score(ex, predict, flag_ids, opposites) for set_name, ex in sets.items()}
        for name, predict in systems.items()
    }
    overall = {name: score(everything, predict, flag_ids, opposites) for name, predict in systems.items()}

    best = "cues + classifier (CV)" if "cues + classifier (CV)" in overall else "cues + context"
    print(f"Eval sets: {', '.join(f'{n} ({len(e)})' for n, e in sets.items())}; per flag: {best}, all sets\n")
    alone = overall.get("classifier (CV)")
    print(f"{'flag':24} {'n':>3}  {'P':>5} {'R':>5} {'F1':>5}   cues F1  classifier (CV) P/R/F1  baseline F1")
    for f in flag_ids:
        p, r, f1, n = overall[best]["per_flag"][f]
        c = f"{alone['per_flag'][f][0]:.2f}/{alone['per_flag'][f][1]:.2f}/{alone['per_flag'][f][2]:.2f}" if alone else "-"
        print(
            f"{f:24} {n:>3}  {p:5.2f} {r:5.2f} {f1:5.2f}   {overall['cues + context']['per_flag'][f][2]:7.2f}"
            f"  {c:>22}  {overall['keyword baseline']['per_flag'][f][2]:11.2f}"
        )
    print()
    header = f"{'':26}" + "".join(f"{name[:18]:>21}" for name in [*sets, "all"])
    print(header)
    print(f"{'':26}" + "".join(f"{'P    R    F1':>21}" for _ in [*sets, "all"]))
    for name in systems:
        row = [results[name][s] for s in sets] + [overall[name]]
        print(f"{name:26}" + "".join(f"{r['precision']:>11.2f}{r['recall']:5.2f}{r['micro_f1']:5.2f}" for r in row))
    print()
    for name in systems:
        print(f"{name:26} flags opposite to the one meant: {overall[name]['inverted']}")
    if oof is not None and combination:
        nested = combination.get("nested_cv", {})
        print(
            f"\ncombination as shipped: {combination.get('name', '?')}; fitted on all rows' out-of-fold predictions,"
            f" so its row above is in-sample for its few parameters; nested CV (fitted on four folds, scored on"
            f" the fifth): P {nested.get('P', '?')} R {nested.get('R', '?')} F1 {nested.get('F1', '?')},"
            f" {nested.get('inverted', '?')} inverted (training/combine.py)"
        )
    if oof is not None:
        print(
            f"\nclassifier: {oof.get('model', '?')}, {oof.get('folds', '?')}-fold CV grouped by source,"
            f" thresholds: {oof.get('threshold_strategy', '?')}"
        )
    if args.errors:
        print(f"\n{best} errors (id, missed, extra):")
        for error in overall[best]["errors"]:
            print("  ", *error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
