"""Honest tuning figures: the cues alone (classifier off) on the tuning rows and on a held-out half.

    python -m bench.holdout [--errors tune|held|sets]

more.jsonl is split by a hash of each row's `source` into two halves: the "tune" half joins
dev.jsonl and fresh.jsonl as tuning data, the "held" half is only measured. bench/sets/*.jsonl
(our own candidate notes and terse answers) are measured too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from bench.quality import EVAL_DIR, score
from prepbot.catalogue import load_catalogue

EVAL = EVAL_DIR
SETS = Path(__file__).resolve().parent / "sets"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def held_out(row: dict) -> bool:
    return hashlib.sha256(row["source"].encode()).digest()[0] % 2 == 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["dev+fresh", "tune", "held", "sets"], help="list the errors of one group")
    parser.add_argument("--model", default="off", choices=["off", "auto"])
    args = parser.parse_args(argv)
    if not (EVAL / "more.jsonl").exists():
        print(
            f"holdout: no eval set at {EVAL} (put ../shared/eval beside the repository or set PREPBOT_EVAL_DIR)", file=sys.stderr
        )
        return 2
    catalogue = load_catalogue()
    bank = catalogue.bank
    opposites = {f.id: f.opposite for f in bank.flags.values()}
    more = _rows(EVAL / "more.jsonl")
    groups = {
        "dev+fresh": _rows(EVAL / "dev.jsonl") + _rows(EVAL / "fresh.jsonl"),
        "tune": _rows(EVAL / "dev.jsonl") + _rows(EVAL / "fresh.jsonl") + [r for r in more if not held_out(r)],
        "held": [r for r in more if held_out(r)],
        "sets": _rows(SETS / "notes.jsonl") + _rows(SETS / "answers.jsonl"),
    }
    texts = {}
    for name, rows in groups.items():

        def predict(example):
            question = bank.questions.get(example["question"]) if example.get("question") else None
            found = {m.id for m in catalogue.matcher.match(example["text"], question=question, model=args.model)}
            texts[example["id"]] = example["text"]
            return found

        r = score(rows, predict, list(bank.flags), opposites)
        print(
            f"{name:9} {len(rows):5} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['micro_f1']:.3f} inverted {r['inverted']}"
        )
        if args.errors == name:
            for row_id, missed, wrong in r["errors"]:
                print(f"  {row_id} missed {missed} wrong {wrong}: {texts[row_id][:300]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
