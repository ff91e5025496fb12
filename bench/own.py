"""The matcher on the authors' own labelled texts (training/sentences*.jsonl), an independent check of the cues.

    python -m bench.own [--model off|auto] [--errors FLAG] [--file NAME]

These texts were written to train the classifier, not read while writing the cues, so they show how
the rules carry to wording nobody tuned them on. Per-file figures show where conventions differ.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from bench.quality import score
from prepbot.catalogue import load_catalogue

TRAINING = Path(__file__).resolve().parents[1] / "training"
# The first per-flag files (training/sentences/<flag>.jsonl) mark a second flag a text shows by a
# trailing "+flag-id" in the text (or the question) rather than in `flags`: read it as a label.
MARKER = re.compile(r"\s\+([a-z]+(?:-[a-z]+)+)\b")


def own_rows() -> dict[str, list[dict]]:
    """Every own labelled text, by file name."""
    paths = [TRAINING / "sentences.jsonl", *sorted((TRAINING / "sentences").glob("*.jsonl"))]
    return {p.name: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in paths}


def unmark(row: dict, flag_ids: set[str]) -> dict:
    """The row with its "+flag-id" markers moved from the text (and question) into its labels."""
    flags = set(row["flags"])
    out = dict(row)
    for key in ("text", "question"):
        if not isinstance(row.get(key), str):
            continue
        found = [m for m in MARKER.finditer(row[key]) if m.group(1) in flag_ids]
        flags |= {m.group(1) for m in found}
        out[key] = MARKER.sub(lambda m: "" if m.group(1) in flag_ids else m.group(0), row[key]).strip()
    out["flags"] = sorted(flags)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="off", choices=["off", "auto"])
    parser.add_argument("--errors", metavar="FLAG", help="list the misses and false positives of one flag ('all' for every flag)")
    parser.add_argument("--file", help="only this file (e.g. no-ci.jsonl)")
    parser.add_argument("--files", action="store_true", help="figures per file")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    bank = catalogue.bank
    opposites = {f.id: f.opposite for f in bank.flags.values()}
    files = own_rows()
    if args.file:
        files = {args.file: files[args.file]}
    texts: dict[str, str] = {}
    got_by_id: dict[str, set[str]] = {}
    rows = []
    for name, file_rows in files.items():
        for i, row in enumerate(file_rows):
            row = dict(unmark(row, set(bank.flags)), id=f"{name}:{i + 1}")
            rows.append(row)
            texts[row["id"]] = (f"[{row['question']}] " if row.get("question") else "") + row["text"]

    def predict(example: dict) -> set[str]:
        # A terse answer's question is free text, not a bank question: it is read as the sentence before.
        text = f"{example['question']} {example['text']}" if example.get("question") else example["text"]
        found = {m.id for m in catalogue.matcher.match(text, model=args.model)}
        got_by_id[example["id"]] = found
        return found

    r = score(rows, predict, list(bank.flags), opposites)
    print(f"own texts {len(rows)}  model {args.model}")
    print(f"micro P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['micro_f1']:.3f}  inverted {r['inverted']}")
    print(f"{'flag':24} {'n':>4}  {'P':>5} {'R':>5} {'F1':>5}")
    for flag, (p, rec, f1, n) in sorted(r["per_flag"].items(), key=lambda kv: kv[1][2]):
        print(f"{flag:24} {n:4}  {p:5.2f} {rec:5.2f} {f1:5.2f}")
    if args.files:
        for name in files:
            sub = [row for row in rows if row["id"].startswith(name + ":")]
            s = score(sub, lambda e: got_by_id[e["id"]], list(bank.flags), opposites)
            print(
                f"  {name:32} {len(sub):4}  P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['micro_f1']:.2f} inv {s['inverted']}"
            )
    if args.errors:
        for row_id, missed, wrong in r["errors"]:
            if args.errors == "all" or args.errors in missed or args.errors in wrong:
                print(f"  {row_id} missed {missed} wrong {wrong}: {texts[row_id][:300]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
