"""Figures on labelled text nothing was fitted to: the matcher as shipped.

    python -m bench.unseen [PATH]

PATH (default ../shared/eval/more.jsonl, unseen before this release's changes; it has been training
data since): precision, recall, micro-F1 and flags read with the opposite polarity, for the cues
alone (classifier off) and for the product as shipped. Then our held-out candidate notes and terse
answers (bench/held-out/, never tuned on), each read under its question where it has one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.quality import EVAL_DIR, score
from prepbot.catalogue import load_catalogue

DEFAULT = EVAL_DIR / "more.jsonl"
HELD_OUT = sorted((Path(__file__).resolve().parent / "held-out").glob("*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        print(f"unseen: no eval set at {path}", file=sys.stderr)
        return 2
    catalogue = load_catalogue()
    bank = catalogue.bank
    opposites = {f.id: f.opposite for f in bank.flags.values()}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for mode in ("off", "auto"):

        def predict(example, mode=mode):
            return {m.id for m in catalogue.matcher.match(example["text"], model=mode)}

        r = score(rows, predict, list(bank.flags), opposites)
        print(f"{mode:4} {len(rows)} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['micro_f1']:.3f} inverted {r['inverted']}")
    for held in HELD_OUT:
        examples = [json.loads(line) for line in held.read_text(encoding="utf-8").splitlines() if line.strip()]

        def read(example):
            question = bank.questions.get(example.get("question", ""))
            return {m.id for m in catalogue.matcher.match(example["text"], question=question)}

        r = score(examples, read, list(bank.flags), opposites)
        print(
            f"held-out {held.stem:8} {len(examples)} P {r['precision']:.2f} R {r['recall']:.2f}"
            f" F1 {r['micro_f1']:.2f} inverted {r['inverted']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
