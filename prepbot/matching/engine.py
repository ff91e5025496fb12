"""Text in, red and green flags with evidence out.

The engine runs the pieces of this package in order, sentence by sentence:

1. `text` splits the text into sentences and tokens that keep their offsets;
2. `cues` finds every cue reading in a sentence;
3. `context` decides what each reading states: its flag, the flag's opposite, or nothing;
4. where a red and a green reading share words, the red (qualified) one is kept;
5. the readings of a flag combine as independent evidence: 1 - prod(1 - score).

Every piece of evidence names the cue and the context rule that produced it (`--explain`).
The matcher is compiled once per catalogue and caches per sentence, so it can run on each keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prepbot.bank import Bank, Flag
from prepbot.matching.context import ContextRules, decide, is_question, scan
from prepbot.matching.cues import FUZZY_PENALTY, CueSet
from prepbot.matching.text import sentences, tokenize

REPORT_THRESHOLD = 0.5
MAX_SENTENCE_CHARS = 2000  # longer runs without a sentence break are read in pieces of this size


@dataclass(frozen=True)
class Evidence:
    start: int  # offsets in code points into the text that was matched
    end: int
    text: str
    source: str = ""  # what produced it: "cue: <cue>" (or "answer: ..." / "classifier")
    context: str = ""  # what the context rules decided, "" when nothing changed the reading


@dataclass(frozen=True)
class Match:
    flag: Flag
    score: float
    evidence: tuple[Evidence, ...]

    @property
    def id(self) -> str:
        return self.flag.id

    @property
    def kind(self) -> str:
        return self.flag.kind


@dataclass(frozen=True)
class Hit:
    """One reading in one sentence, offsets relative to the sentence."""

    flag_id: str
    score: float
    start: int
    end: int
    source: str
    context: str


class Matcher:
    """Compiled once per catalogue; `match(text)` is pure and deterministic."""

    def __init__(self, flags: Iterable[Flag], rules: ContextRules):
        self.flags = {flag.id: flag for flag in flags}
        self.rules = rules
        self.cues = CueSet(((flag.id, source) for flag in self.flags.values() for source in flag.cues), rules)
        self._sentence_cache: dict[str, tuple[Hit, ...]] = {}

    @classmethod
    def from_bank(cls, bank: Bank, rules: ContextRules) -> "Matcher":
        return cls(bank.flags.values(), rules)

    def match(self, text: str) -> list[Match]:
        """Flags found in `text`, red first, then by score. Never raises on any string."""
        if not text or not text.strip():
            return []
        hits: dict[str, list[tuple[float, int, int, str, str]]] = {}
        for offset, sentence in _pieces(text):
            for hit in self.sentence_hits(sentence):
                hits.setdefault(hit.flag_id, []).append(
                    (hit.score, offset + hit.start, offset + hit.end, hit.source, hit.context)
                )
        return self.combine(text, hits)

    def sentence_hits(self, sentence: str) -> tuple[Hit, ...]:
        """Hits in one sentence, offsets relative to it. Cached: a keystroke changes one sentence."""
        cached = self._sentence_cache.get(sentence)
        if cached is None:
            cached = tuple(self._compute(sentence))
            if len(self._sentence_cache) > 20_000:
                self._sentence_cache.clear()
            self._sentence_cache[sentence] = cached
        return cached

    def _compute(self, sentence: str) -> list[Hit]:
        tokens = tokenize(sentence, self.rules)
        if not tokens or is_question(sentence, tokens, self.rules):
            return []
        hits: list[Hit] = []
        readings = self.cues.find(tokens)
        triggers = scan(tokens, self.rules) if readings else []
        for cue, matched, exactness in readings:
            flag = self.flags[cue.flag_id]
            decision = decide(cue.flag_id, flag.opposite, tokens, matched, self.rules, triggers)
            if decision.flag_id is None:
                continue
            flipped = decision.flag_id != cue.flag_id
            weight = cue.negated_weight if flipped else cue.weight
            score = weight * (FUZZY_PENALTY ** exactness.count(False))
            # A flipped cue quotes its negation too: "no code review", not "code review".
            first = matched[0] if decision.trigger is None else min(decision.trigger, matched[0])
            hits.append(
                Hit(decision.flag_id, score, tokens[first].start, tokens[matched[-1]].end, f"cue: {cue.source}", decision.rule)
            )
        return self._red_reading_wins(hits)

    def _red_reading_wins(self, hits: list[Hit]) -> list[Hit]:
        """Where a red and a green cue read the same words, the red one is the qualified reading.

        "Code reviews happen sometimes" holds the green cue "code review" and the red cue "reviews
        ... sometimes"; the candidate was told about reviews being skipped, not required.
        Red spans are merged and searched by bisection, so this stays n log n.
        """
        red = sorted((h.start, h.end) for h in hits if self.flags[h.flag_id].kind == "red")
        if not red:
            return hits
        merged: list[list[int]] = []
        for start, end in red:
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        starts = [s for s, _ in merged]
        from bisect import bisect_left

        def overlaps_red(hit: Hit) -> bool:
            index = bisect_left(starts, hit.end)  # red spans starting before the hit ends
            return index > 0 and merged[index - 1][1] > hit.start

        return [h for h in hits if self.flags[h.flag_id].kind == "red" or not overlaps_red(h)]

    def combine(self, text: str, hits: dict[str, list[tuple[float, int, int, str, str]]]) -> list[Match]:
        matches = []
        for flag_id, found in hits.items():
            # Overlapping hits are one piece of evidence (keep the strongest); separate ones add up.
            spans: list[list] = []  # [start, end, best score, source, context]
            for score, start, end, source, context in sorted(found, key=lambda h: (h[1], h[2])):
                if spans and start < spans[-1][1]:
                    spans[-1][1] = max(end, spans[-1][1])
                    if score > spans[-1][2]:
                        spans[-1][2:] = [score, source, context]
                else:
                    spans.append([start, end, score, source, context])
            missing = 1.0
            for span in spans:
                missing *= 1.0 - span[2]
            score = round(1.0 - missing, 3)
            if score < REPORT_THRESHOLD:
                continue
            evidence = tuple(Evidence(s, e, text[s:e], source, context) for s, e, _, source, context in spans)
            matches.append(Match(self.flags[flag_id], score, evidence))
        matches.sort(key=lambda m: (m.kind != "red", -m.score, m.id))
        return matches


def _pieces(text: str):
    """Sentences, with runs longer than MAX_SENTENCE_CHARS cut at a space: work stays linear."""
    for offset, sentence in sentences(text):
        if len(sentence) <= MAX_SENTENCE_CHARS:
            yield offset, sentence
            continue
        start = 0
        while start < len(sentence):
            end = min(start + MAX_SENTENCE_CHARS, len(sentence))
            if end < len(sentence):
                cut = sentence.rfind(" ", start + MAX_SENTENCE_CHARS // 2, end)
                end = cut + 1 if cut > 0 else end
            yield offset + start, sentence[start:end]
            start = end
