"""Word forms, systematically: which mechanical rewrites of a sentence lose the flag it reads.

    python -m bench.morph [--limit N] [--examples K] [--only NAME]

For each own text (training/sentences*.jsonl, as `bench.own` reads them) whose flag the cues read
right, each word of the flag's evidence is rewritten in turn, one transformation at a time (another
form of the word, a British or American spelling, a compound written joined, hyphenated or apart,
curly or dropped apostrophes, a contraction written out, lower case, a common abbreviation), and the
text is read again (cues alone). A variant *loses* the flag when it no longer reads it, and *flips*
it when it reads the flag's opposite. Figures are per transformation, with the word pairs lost most.
Form variants are kept only when the new word is a real English word (the word list of
`prepbot.matching.words`), so "reviewing" is tried but "reviewwing" is not. Derivations ("un-",
"-er") may rightly change the reading: they are listed apart, as information, not as losses.
A bench, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from bench.own import own_rows, unmark
from prepbot.catalogue import load_catalogue
from prepbot.matching.cues import CueSet
from prepbot.matching.words import is_word

WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*")

# British <-> American spellings, as suffix rewrites (checked against the word list where it holds them)
SPELLINGS = [
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("ises", "izes"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("logue", "log"),
    ("ence", "ense"),
]
# -our/-or and -re/-er hold for a few words only ("four", "hour", "more" have no other spelling)
OUR_WORDS = ("behavio", "colo", "favo", "hono", "labo", "neighbo", "rumo", "endeavo", "harbo", "flavo", "humo", "savo")
RE_WORDS = ("cent", "met", "theat", "fib", "lit")
CONTRACTIONS = {
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "can't": "cannot",
    "couldn't": "could not",
    "won't": "will not",
    "wouldn't": "would not",
    "shouldn't": "should not",
    "there's": "there is",
    "it's": "it is",
    "we're": "we are",
    "they're": "they are",
    "we've": "we have",
    "i'm": "i am",
}
# Written-out phrases and what people write for them.
ABBREVIATIONS = {
    "pull requests": "PRs",
    "pull request": "PR",
    "merge requests": "MRs",
    "merge request": "MR",
    "code reviews": "CRs",
    "code review": "CR",
    "end-to-end": "e2e",
    "end to end": "e2e",
    "quality assurance": "QA",
    "continuous integration": "CI",
    "continuous deployment": "CD",
    "production": "prod",
    "work-life balance": "WLB",
    "work life balance": "WLB",
    "one-on-ones": "1:1s",
    "one-on-one": "1:1",
    "one on one": "1:1",
    "people": "ppl",
    "weekends": "wknds",
    "weekend": "wknd",
    "minutes": "mins",
    "hours": "hrs",
    "developers": "devs",
    "engineers": "engs",
    "management": "mgmt",
    "manager": "mgr",
    "meetings": "mtgs",
    "meeting": "mtg",
    "infrastructure": "infra",
    "requirements": "reqs",
    "documentation": "docs",
    "environment": "env",
    "repository": "repo",
    "tested": "QA'd",
    "deployments": "deploys",
    "deployment": "deploy",
    "approximately": "approx",
    "with": "w/",
    "without": "w/o",
    "because": "bc",
    "vacation": "PTO",
    "overtime": "OT",
}
INFORMATION = ("derive: un-", "derive: -er")  # may rightly change the reading


def _base(word: str) -> list[str]:
    """Candidate bare forms of a word (the word itself among them)."""
    out = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    for suffix in ("ed", "ing"):  # a doubled consonant: "planned", "shipping"
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            root = word[: -len(suffix)]
            if root[-1] == root[-2]:
                out.append(root[:-1])
    return [b for b in dict.fromkeys(out) if b == word or is_word(b)]


def _forms(base: str, kind: str) -> list[str]:
    cons = base[-1:] not in "aeiouy" and base[-2:-1] in tuple("aeiou") and base[-3:-2] not in tuple("aeiou")
    if kind == "s":
        if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
            return [base[:-1] + "ies"]
        return [base + "es" if base.endswith(("s", "x", "ch", "sh", "z")) else base + "s"]
    if kind in ("ing", "ed", "er"):
        if base.endswith("e"):
            return [base[:-1] + kind] if kind == "ing" else [base + kind[1:]]
        if base.endswith("y") and kind != "ing" and base[-2:-1] not in tuple("aeiou"):
            return [base[:-1] + "i" + kind]
        out = [base + kind]
        if cons and len(base) <= 5:
            out.append(base + base[-1] + kind)
        return out
    if kind == "un":
        return ["un" + base]
    return []


def form_variants(word: str) -> Iterator[tuple[str, str]]:
    """(transformation, new word) for one lower-case word."""
    if len(word) < 4 or not word.isalpha():
        return
    seen = {word}
    for base in _base(word):
        for kind, name in (
            ("s", "inflect: plural/-s"),
            ("ing", "inflect: -ing"),
            ("ed", "inflect: -ed"),
            ("er", "derive: -er"),
            ("un", "derive: un-"),
        ):
            for new in _forms(base, kind):
                if new not in seen and is_word(new):
                    seen.add(new)
                    yield name, new
        if base != word and base not in seen and is_word(base):
            seen.add(base)
            yield "inflect: bare form", base


def spelling_variants(word: str) -> Iterator[str]:
    for british, american in SPELLINGS:
        for a, b in ((british, american), (american, british)):
            if (
                word.endswith(a)
                and len(word) > len(a) + 2
                and (
                    a not in ("log", "ense", "ence")
                    or word.startswith(("catalog", "dialog", "analog", "defen", "licen", "offen", "preten"))
                )
            ):
                new = word[: -len(a)] + b
                if new != word:
                    yield new
    for root in OUR_WORDS:
        if word.startswith(root + "our"):
            yield root + "or" + word[len(root) + 3 :]  # "behaviours" / "behaviors"
        elif word.startswith(root + "or"):
            yield root + "our" + word[len(root) + 2 :]
    for root in RE_WORDS:
        if word in (root + "re", root + "res"):
            yield root + "er" + word[len(root) + 2 :]
        elif word in (root + "er", root + "ers"):
            yield root + "re" + word[len(root) + 2 :]


def _case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() else new


def variants(
    text: str, start: int, end: int, cue_word: Callable[[str], bool], cues: CueSet
) -> Iterator[tuple[str, str, str, str]]:
    """(transformation, old words, new words, new text) for the evidence text[start:end]. Word forms and
    spellings are tried on the cue words only (`cue_word`: the word matches a cue word other than an
    everyday one); a compound written apart is joined when the joined word is a real word or a cue word as written."""
    span = text[start:end]
    words = list(WORD_RE.finditer(span))
    for m in words:
        raw = m.group()
        a, b = start + m.start(), start + m.end()
        low = raw.lower()
        if "-" in raw:  # a hyphenated compound: apart and joined
            yield "compound: hyphen -> space", raw, raw.replace("-", " "), text[:a] + raw.replace("-", " ") + text[b:]
            yield "compound: hyphen -> joined", raw, raw.replace("-", ""), text[:a] + raw.replace("-", "") + text[b:]
            continue
        if "'" in raw or "’" in raw:
            norm = low.replace("’", "'")
            yield (
                "apostrophe: dropped",
                raw,
                raw.replace("'", "").replace("’", ""),
                text[:a] + raw.replace("'", "").replace("’", "") + text[b:],
            )
            if "'" in raw:
                yield "apostrophe: curly", raw, raw.replace("'", "’"), text[:a] + raw.replace("'", "’") + text[b:]
            if norm in CONTRACTIONS:
                new = _case(raw, CONTRACTIONS[norm])
                yield "contraction: written out", raw, new, text[:a] + new + text[b:]
            continue
        if not cue_word(low):
            continue
        for name, new in form_variants(low):
            yield name, low, new, text[:a] + _case(raw, new) + text[b:]
        for new in spelling_variants(low):
            yield "spelling: British/American", low, new, text[:a] + _case(raw, new) + text[b:]
    for m, n in zip(words, words[1:], strict=False):
        gap = span[m.end() : n.start()]
        first, second = m.group(), n.group()
        if gap != " " or not (first.isalpha() and second.isalpha()) or len(first) < 2 or len(second) < 2:
            continue
        joined = (first + second).lower()
        if not (is_word(joined) or joined in cues._literals) or not (
            cue_word(first.lower()) or cue_word(second.lower()) or cue_word(joined)
        ):
            continue
        a, b = start + m.start(), start + n.end()
        yield "compound: space -> hyphen", f"{first} {second}", f"{first}-{second}", text[:a] + f"{first}-{second}" + text[b:]
        yield "compound: space -> joined", f"{first} {second}", f"{first}{second}", text[:a] + f"{first}{second}" + text[b:]
    low_span = span.lower()
    for expanded, contracted in CONTRACTIONS.items():
        at = low_span.find(contracted)
        if at >= 0 and re.match(rf"\b{re.escape(contracted)}\b", low_span[at:]) and (at == 0 or not low_span[at - 1].isalpha()):
            a = start + at
            yield "contraction: joined", contracted, expanded, text[:a] + expanded + text[a + len(contracted) :]
    for phrase, short in ABBREVIATIONS.items():
        found = re.search(rf"\b{re.escape(phrase)}\b", span, re.IGNORECASE)
        if found:
            a, b = start + found.start(), start + found.end()
            yield "abbreviation", found.group(), short, text[:a] + short + text[b:]
    if text != text.lower():
        yield "case: all lower", "", "", text.lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="read only this many texts (a fixed random sample)")
    parser.add_argument("--examples", type=int, default=12, help="word pairs shown per transformation")
    parser.add_argument("--only", help="only transformations whose name holds this")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    bank = catalogue.bank
    opposites = {f.id: f.opposite for f in bank.flags.values()}
    rows = [unmark(row, set(bank.flags)) for file_rows in own_rows().values() for row in file_rows]
    if args.limit:
        rows = random.Random(16).sample(rows, min(args.limit, len(rows)))

    cues = catalogue.matcher.cues

    def cue_word(word: str) -> bool:
        if word in cues.rules.common_words:
            return False
        return any(not cues._is_common(t) for t in cues.terms_for(word, typos=False))

    def read(text: str) -> dict[str, object]:
        return {m.id: m for m in catalogue.matcher.match(text, model="off")}

    tried: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    flipped: Counter[str] = Counter()
    pairs: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    flags_lost: dict[str, Counter[str]] = defaultdict(Counter)
    texts = 0
    for row in rows:
        text = f"{row['question']} {row['text']}" if row.get("question") else row["text"]
        got = read(text)
        right = [f for f in row["flags"] if f in got]
        if not right:
            continue
        texts += 1
        for flag in right:
            seen: set[str] = set()
            for ev in got[flag].evidence:  # type: ignore[attr-defined]
                for name, old, new, variant in variants(text, ev.start, ev.end, cue_word, cues):
                    if variant in seen or variant == text or (args.only and args.only not in name):
                        continue
                    seen.add(variant)
                    tried[name] += 1
                    now = read(variant)
                    if flag in now:
                        continue
                    lost[name] += 1
                    pairs[name][(old.lower(), new.lower())] += 1
                    flags_lost[name][flag] += 1
                    if opposites.get(flag) and opposites[flag] in now:
                        flipped[name] += 1
    print(f"own texts read right: {texts} (of {len(rows)}); variants {sum(tried.values())}")
    real = [n for n in tried if n not in INFORMATION]
    total_lost = sum(lost[n] for n in real)
    total = sum(tried[n] for n in real)
    print(
        f"lost (form, spelling, compound, apostrophe, abbreviation, case): {total_lost} of {total} ({total_lost / max(total, 1):.1%})"
    )
    print(f"{'transformation':30} {'tried':>6} {'lost':>6} {'%':>6} {'flipped':>7}")
    for name in sorted(tried, key=lambda n: (n in INFORMATION, -lost[n] / max(tried[n], 1))):
        mark = "  (information)" if name in INFORMATION else ""
        print(f"{name:30} {tried[name]:6} {lost[name]:6} {lost[name] / tried[name]:6.1%} {flipped[name]:7}{mark}")
    for name in sorted(lost, key=lambda n: -lost[n]):
        common = ", ".join(f"{a}->{b} {k}" for (a, b), k in pairs[name].most_common(args.examples))
        top = ", ".join(f"{f} {k}" for f, k in flags_lost[name].most_common(5))
        print(f"\n{name}: {common}\n  flags: {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
