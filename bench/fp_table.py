"""False positives of the engine (cues + classifier, out-of-fold) on the NON-held real rows, by flag and source.

    python -m bench.fp_table [--list FLAG|all]

Reads dev, fresh and the tune half of more.jsonl (never the held half: bench.holdout.held_out) with
the out-of-fold classifier probabilities standing in for the model and the shipped combination, and
counts every flag reported but not labelled, by flag and by what reported it: a cue (its source) or
the classifier. --list prints those rows (tune rows only) so each false positive can be classed by hand.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", metavar="FLAG", help="print the false positives of one flag ('all' for every flag)")
    parser.add_argument("--all-rows", action="store_true", help="aggregate figures over all 1,322 rows (nothing listed)")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    bank, rules = catalogue.bank, catalogue.rules
    more = _rows(EVAL / "more.jsonl")
    rows = _rows(EVAL / "dev.jsonl") + _rows(EVAL / "fresh.jsonl") + [r for r in more if args.all_rows or not held_out(r)]
    oof = json.loads(DEFAULT_OOF.read_text(encoding="utf-8"))
    labels = json.loads((MODEL_DIR / "labels.json").read_text(encoding="utf-8"))
    stand_in = OutOfFoldModel(oof, {r["id"]: r["text"] for r in rows}, labels.get("combination"))
    matcher = Matcher.from_bank(bank, rules, ModelSlot(lambda: stand_in))
    by_flag: Counter = Counter()
    by_source: Counter = Counter()
    tp = fp = fn = 0
    listed = []
    for row in rows:
        gold = set(row["flags"])
        found = {m.id: m for m in matcher.match(row["text"], model="auto")}
        tp += len(gold & set(found))
        fn += len(gold - set(found))
        for flag_id, m in found.items():
            if flag_id in gold:
                continue
            fp += 1
            sources = {e.source for e in m.evidence}
            kind = "classifier" if all(s.startswith("classifier") for s in sources) else "cue"
            inverted = (bank.flags[flag_id].opposite or "") in gold
            by_flag[flag_id, kind] += 1
            by_source[kind, "inverted" if inverted else "extra"] += 1
            if not args.all_rows:  # the held half is never listed
                listed.append((row["id"], flag_id, kind, sorted(sources), sorted(gold), row["text"]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"{'all' if args.all_rows else 'non-held'} real rows {len(rows)}: tp {tp} fp {fp} fn {fn}  P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}"
    )
    print(f"false positives by source: {dict(by_source)}")
    print(f"{'flag':24} {'cue':>4} {'clf':>4}")
    for flag_id in sorted(bank.flags, key=lambda f: -(by_flag[f, "cue"] + by_flag[f, "classifier"])):
        if by_flag[flag_id, "cue"] + by_flag[flag_id, "classifier"]:
            print(f"{flag_id:24} {by_flag[flag_id, 'cue']:4} {by_flag[flag_id, 'classifier']:4}")
    if args.list and not args.all_rows:
        for row_id, flag_id, kind, sources, gold, text in listed:
            if args.list in ("all", flag_id):
                print(f"\n{row_id} FP {flag_id} [{kind}: {'; '.join(sources)[:160]}] gold {gold}\n  {text[:500]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
