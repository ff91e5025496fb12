"""Whether each flag's evidence quote keeps to one clause, for notes typed under a question.

    python -m bench.clause_quotes bench/sets/answers13.jsonl [--model off|auto] [--show]

A quote crosses when it holds a sentence break (".", ";", "?", "!", a line break): "stopped last year;
CI is on the roadmap" quoted for no-code-review. Counts the reported flags whose quotes do either (what the candidate sees as "the words that triggered").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from prepbot.catalogue import load_catalogue
from prepbot.matching.text import sentences


def crossing(text: str, start: int, end: int) -> str:
    """Why text[start:end] is no quote of one clause ("" when it is one)."""
    quote = text[start:end]
    return "a sentence break" if len(list(sentences(quote.strip()))) > 1 else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--model", default="auto")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    cat = load_catalogue()
    for path in args.paths:
        rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
        flags = crossed = 0
        for row in rows:
            question = cat.bank.questions.get(row.get("question") or "")
            for match in cat.matcher.match(row["text"], question=question, model=args.model):
                flags += 1
                why = [crossing(row["text"], e.start, e.end) for e in match.evidence]
                if any(why):
                    crossed += 1
                    if args.show:
                        print(f"  {row['id']} {match.id}: {[e.text for e in match.evidence]!r} ({[w for w in why if w]})")
        print(f"{path}: {flags} flags reported, {crossed} quoted across clauses")


if __name__ == "__main__":
    main()
