"""Robustness to typos and shorthand: the cues on sentences that read their flags right, mistyped.

    python -m bench.typos [--rows N] [--seed S] [--show KIND]

Takes our own texts (bench.own's loader) whose flags the cues read exactly right (cues alone),
draws N of them (seeded), and for each makes one variant per mechanical typo, each in one cue word
(a word of at least 4 letters inside a match's evidence, not an everyday word):

- drop, double, swap (two adjacent letters), key (a letter replaced by a neighbour on a QWERTY
  keyboard): never the first letter (a typo rarely hits it, and the matcher requires it); a typo
  that makes another real English word ("tests" -> "tets" is not one, "costs" -> "cots" is) is
  counted apart and not scored: reading it as the cue word would be wrong;
- join (the cue word written together with its neighbour, a missing space), apostrophe (one
  apostrophe of the sentence dropped), lower (the whole sentence in lower case), nopunct (no
  punctuation but apostrophes and slashes).

Then the shorthand of bench/shorthand.yaml: each written-out form the sentence holds is replaced by
its shorthand (one variant per entry), or the opener is put in front. Reports, by transformation and
(for the word typos) by the cue word's length, the share of variants that keep all their flags and
the share that gain a flag they should not have.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict
from pathlib import Path

import yaml

from bench.own import own_rows, unmark
from prepbot.catalogue import load_catalogue
from prepbot.matching.words import is_word

SHORTHAND = Path(__file__).with_name("shorthand.yaml")
ROWS = "qwertyuiop asdfghjkl zxcvbnm".split()
KEYS: dict[str, str] = {}
for r, row in enumerate(ROWS):
    for c, ch in enumerate(row):
        near = [row[c - 1] if c else "", row[c + 1] if c + 1 < len(row) else ""]
        for other in (r - 1, r + 1):
            if 0 <= other < len(ROWS):
                near += [ROWS[other][k] for k in (c - 1, c, c + 1) if 0 <= k < len(ROWS[other])]
        KEYS[ch] = "".join(n for n in near if n)
WORD = re.compile(r"[A-Za-z]+")
WORD_TYPOS = ("drop", "double", "swap", "key")
SENTENCE_TYPOS = ("join", "apostrophe", "lower", "nopunct")


def length_bucket(word: str) -> str:
    n = len(word)
    return "4" if n <= 4 else "5-6" if n <= 6 else "7-8" if n <= 8 else "9+"


def typo(word: str, kind: str, rng: random.Random) -> str:
    """`word` with one typo of `kind`, never in its first letter."""
    i = rng.randrange(1, len(word))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[: i + 1] + word[i:]
    if kind == "swap":
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    low = word[i].lower()
    near = KEYS.get(low, "")
    if not near:
        return word
    new = rng.choice(near)
    return word[:i] + (new.upper() if word[i].isupper() else new) + word[i + 1 :]


def cue_words(text: str, spans: list[tuple[int, int]], common: frozenset[str]) -> list[re.Match]:
    return [
        m
        for m in WORD.finditer(text)
        if len(m.group()) >= 4 and m.group().lower() not in common and any(s <= m.start() and m.end() <= e for s, e in spans)
    ]


def sentence_variant(text: str, kind: str, words: list[re.Match], rng: random.Random) -> str | None:
    if kind == "join":
        if not words:
            return None
        m = rng.choice(words)
        after = re.match(r" +(?=[A-Za-z])", text[m.end() :])
        if after:
            return text[: m.end()] + text[m.end() + after.end() :]
        before = re.search(r"(?<=[A-Za-z]) +$", text[: m.start()])
        return text[: before.start()] + text[m.start() :] if before else None
    if kind == "apostrophe":
        marks = [i for i, ch in enumerate(text) if ch in "'\u2019" and 0 < i < len(text) - 1 and text[i + 1].isalpha()]
        if not marks:
            return None
        i = rng.choice(marks)
        return text[:i] + text[i + 1 :]
    if kind == "lower":
        return text.lower() if text.lower() != text else None
    out = re.sub(r"[.,;:!?()\"\u201c\u201d]+", " ", text)
    out = re.sub(r"\s+-+\s+", " ", out)
    out = re.sub(r" {2,}", " ", out).strip()
    return out if out != text.strip() else None


def shorthand_variants(text: str, table: list[dict]) -> list[tuple[str, str]]:
    out = []
    for entry in table:
        long, short = str(entry["long"]), str(entry["short"])
        if not long:
            out.append((short, f"{short} {text[:1].lower()}{text[1:]}"))
            continue
        m = re.search(rf"(?<![\w'/-]){re.escape(long)}(?![\w'/-])", text, re.IGNORECASE)
        if m:
            out.append((f"{long}->{short}", text[: m.start()] + short + text[m.end() :]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="sentences drawn (default 1000)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show", metavar="KIND", help="list the variants of one transformation that lost a flag")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    matcher, bank = catalogue.matcher, catalogue.bank
    common = frozenset(matcher.rules.common_words)
    rows = [unmark(row, set(bank.flags)) for file_rows in own_rows().values() for row in file_rows]
    rows = [r for r in rows if r["flags"] and not r.get("question")]
    rng = random.Random(args.seed)
    rng.shuffle(rows)

    def read(text: str) -> tuple[set[str], list[tuple[int, int]]]:
        found = matcher.match(text, model="off")
        return {m.id for m in found}, [(e.start, e.end) for m in found for e in m.evidence]

    right = []
    for row in rows:
        if len(right) >= args.rows:
            break
        got, spans = read(row["text"])
        if got == set(row["flags"]):
            right.append((row["text"], got, spans))
    table = yaml.safe_load(SHORTHAND.read_text(encoding="utf-8"))
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # kind -> [variants, kept, gained a wrong flag]
    by_length: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    real_words: dict[str, int] = defaultdict(int)
    lost: dict[str, list[str]] = defaultdict(list)

    def tally(kind: str, variant: str, gold: set[str], bucket: str | None = None) -> None:
        got, _ = read(variant)
        keeps, wrong = gold <= got, bool(got - gold)
        for counts in [kept[kind]] + ([by_length[bucket]] if bucket else []):
            counts[0] += 1
            counts[1] += keeps
            counts[2] += wrong
        if not keeps or wrong:
            lost[kind.split("->")[0] if "->" in kind else kind].append(f"{sorted(gold)} -> {sorted(got)}: {variant!r}")

    for text, gold, spans in right:
        words = cue_words(text, spans, common)
        for kind in WORD_TYPOS:
            if not words:
                continue
            m = rng.choice(words)
            new = typo(m.group(), kind, rng)
            if new == m.group() or is_word(new.lower()):
                real_words[kind] += new != m.group()
                continue
            tally(kind, text[: m.start()] + new + text[m.end() :], gold, length_bucket(m.group()))
        for kind in SENTENCE_TYPOS:
            variant = sentence_variant(text, kind, words, rng)
            if variant is not None:
                tally(kind, variant, gold)
        for name, variant in shorthand_variants(text, table):
            tally("shorthand:" + name, variant, gold)

    def line(name: str, counts: list[int]) -> str:
        n, k, w = counts
        return f"  {name:28} {n:5}  kept {k / n:6.1%}  wrong flag {w / n:6.1%}" if n else f"  {name:28}     0"

    print(f"sentences read right (cues alone): {len(right)} of our own texts, seed {args.seed}")
    print("typos in one cue word (never its first letter):")
    total = [0, 0, 0]
    for kind in WORD_TYPOS:
        print(line(kind, kept[kind]) + f"   (another real word: {real_words[kind]}, not scored)")
        total = [a + b for a, b in zip(total, kept[kind], strict=True)]
    print(line("all word typos", total))
    print("by the cue word's length:")
    for bucket in ("4", "5-6", "7-8", "9+"):
        print(line(bucket + " letters", by_length[bucket]))
    print("whole-sentence changes:")
    for kind in SENTENCE_TYPOS:
        print(line(kind, kept[kind]))
    short = [0, 0, 0]
    rows_short = sorted(k for k in kept if k.startswith("shorthand:"))
    for k in rows_short:
        short = [a + b for a, b in zip(short, kept[k], strict=True)]
    print(line("shorthand (all)", short))
    for k in rows_short:
        print(line(k[len("shorthand:") :], kept[k]))
    if args.show:
        for example in lost.get(args.show, [])[:60]:
            print("  " + example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
