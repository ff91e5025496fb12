"""The unseen-text figure: the matcher as shipped, on a labelled set nothing was fitted to.

    python -m bench.unseen [PATH]

Default PATH: ../shared/eval/more.jsonl. Prints precision, recall, micro-F1 and flags read with the
opposite polarity, for the cues alone (classifier off) and for the product as shipped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.quality import score
from prepbot.catalogue import load_catalogue

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "more.jsonl"


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
