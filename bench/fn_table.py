"""False negatives of the engine (cues + classifier, out-of-fold) on the NON-held real rows, by flag and class.

    python -m bench.fn_table [--list FLAG|all]

The companion of bench.fp_table: reads dev, fresh and the tune half of more.jsonl (never the held
half: bench.holdout.held_out) with the out-of-fold classifier probabilities standing in for the
model and the shipped combination, and sorts every labelled flag the engine missed into a class
worked out from what the engine saw:

- "cue vetoed": a cue of the flag matched in a sentence but the context rules dropped it;
- "read as opposite": the opposite flag was reported instead (a polarity read wrong);
- "classifier dropped": the classifier read the flag above its threshold and the engine did not report it;
- "classifier near": no cue, the classifier's probability within 0.15 below its threshold;
- "no wording": neither cue nor classifier came near (wording the cues lack, an idiom, an
  indirect statement, one stated across sentences or a label convention: classed by hand with --list).

--list prints those rows (tune rows only) so the "no wording" class can be split by hand.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from bench.holdout import EVAL, _rows, held_out
from bench.quality import DEFAULT_OOF, OutOfFoldModel
from prepbot.catalogue import load_catalogue
from prepbot.matching import Matcher
from prepbot.matching.engine import ModelSlot
from prepbot.matching.model import MODEL_DIR
from prepbot.matching.text import sentences, tokenize

CLASSES = ("read as opposite", "cue vetoed", "classifier dropped", "classifier near", "no wording")
NEAR = 0.15


def _raw_cues(matcher: Matcher, text: str) -> set[str]:
    """The flags whose cues match somewhere in `text` before any context rule."""
    found: set[str] = set()
    for _, sentence in sentences(text):
        tokens = matcher.cues.prepare(tokenize(sentence, matcher.rules))
        found.update(cue.flag_id for cue, _, _ in matcher.cues.find(tokens))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", metavar="FLAG", help="print the false negatives of one flag ('all' for every flag)")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    bank, rules = catalogue.bank, catalogue.rules
    more = _rows(EVAL / "more.jsonl")
    rows = _rows(EVAL / "dev.jsonl") + _rows(EVAL / "fresh.jsonl") + [r for r in more if not held_out(r)]
    oof = json.loads(DEFAULT_OOF.read_text(encoding="utf-8"))
    labels = json.loads((MODEL_DIR / "labels.json").read_text(encoding="utf-8"))
    stand_in = OutOfFoldModel(oof, {r["id"]: r["text"] for r in rows}, labels.get("combination"))
    matcher = Matcher.from_bank(bank, rules, ModelSlot(lambda: stand_in))
    thresholds = stand_in.thresholds
    by_flag: Counter = Counter()
    by_class: Counter = Counter()
    tp = fn = 0
    listed = []
    for row in rows:
        gold = set(row["flags"])
        found = {m.id for m in matcher.match(row["text"], model="auto")}
        missed = gold - found
        tp += len(gold & found)
        if not missed:
            continue
        raw = _raw_cues(matcher, row["text"])
        probs = stand_in.scores([row["text"]])[0]
        for flag_id in sorted(missed):
            fn += 1
            opposite = bank.flags[flag_id].opposite
            p, t = probs.get(flag_id, 0.0), thresholds.get(flag_id, 0.5)
            if opposite and opposite in found and opposite not in gold:
                kind = "read as opposite"
            elif flag_id in raw:
                kind = "cue vetoed"
            elif p >= t:
                kind = "classifier dropped"
            elif p >= t - NEAR:
                kind = "classifier near"
            else:
                kind = "no wording"
            by_flag[flag_id, kind] += 1
            by_class[kind] += 1
            listed.append((row["id"], flag_id, kind, p, t, sorted(gold), sorted(found), row["text"]))
    print(f"non-held real rows {len(rows)}: tp {tp} fn {fn}  R {tp / (tp + fn):.3f}")
    print("false negatives by class: " + ", ".join(f"{k} {by_class[k]}" for k in CLASSES))
    short = {
        "read as opposite": "opp",
        "cue vetoed": "veto",
        "classifier dropped": "drop",
        "classifier near": "near",
        "no wording": "none",
    }
    print(f"{'flag':24} {'all':>4} " + " ".join(f"{short[k]:>5}" for k in CLASSES))
    for flag_id in sorted(bank.flags, key=lambda f: -sum(by_flag[f, k] for k in CLASSES)):
        total = sum(by_flag[flag_id, k] for k in CLASSES)
        if total:
            print(f"{flag_id:24} {total:4} " + " ".join(f"{by_flag[flag_id, k]:5}" for k in CLASSES))
    if args.list:
        for row_id, flag_id, kind, p, t, gold, found, text in listed:
            if args.list in ("all", flag_id, kind):
                print(f"\n{row_id} FN {flag_id} [{kind}; p {p:.2f} / t {t:.2f}] gold {gold} found {found}\n  {text[:600]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
