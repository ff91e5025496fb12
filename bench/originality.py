"""Originality check: no question of the bank may be a near copy of a public list of questions.

    python -m bench.originality PUBLIC_LIST [PUBLIC_LIST...] [--threshold 80]

Each PUBLIC_LIST is a text or Markdown file (for example the README of a well-known list of
questions to ask an employer); every line that looks like a question or a list item is compared
with every `ask` of the bank, after folding case and punctuation, with rapidfuzz's token-set and
plain ratios. Pairs at or above the threshold are printed; the exit code is 1 if any is found.
The public lists are other people's words: keep them outside the repository and pass their path.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz, process

from prepbot.catalogue import load_catalogue


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def public_items(path: Path) -> list[str]:
    items = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()
        if stripped != line.strip() or stripped.endswith("?"):
            if len(stripped.split()) >= 4:
                items.append(stripped)
    return items


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lists", nargs="+", type=Path)
    parser.add_argument("--threshold", type=float, default=80.0)
    args = parser.parse_args(argv)
    bank = load_catalogue().bank
    theirs = [item for path in args.lists for item in public_items(path)]
    folded = [_fold(t) for t in theirs]
    worst = []
    for question in bank.questions.values():
        mine = _fold(question.ask)
        best = process.extractOne(mine, folded, scorer=fuzz.ratio)
        token = process.extractOne(mine, folded, scorer=fuzz.token_set_ratio)
        score = max(best[1], min(token[1], best[1] + 15))  # token-set alone over-rates short lines
        worst.append((score, question.id, question.ask, theirs[best[2]]))
    worst.sort(reverse=True)
    flagged = [w for w in worst if w[0] >= args.threshold]
    print(f"{len(bank.questions)} bank questions against {len(theirs)} public items; threshold {args.threshold:g}")
    print("closest pairs:")
    for score, qid, ask, other in worst[:5]:
        print(f"  {score:5.1f}  {qid}: {ask}\n         public: {other}")
    print(f"near copies: {len(flagged)}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
