"""Small sentence-level helpers of the engine: which red spans a hit overlaps, where clauses start,
and which flags a sentence's words of another trade rule out (context.yaml `other_domains`)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from prepbot.matching.reading import Hit
from prepbot.matching.text import Token

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules


def overlap_test(spans: list[Hit]) -> Callable[[Hit], bool]:
    """Whether a hit overlaps one of `spans` (merged once, then searched by bisection)."""
    merged: list[list[int]] = []
    for start, end in sorted((h.start, h.end) for h in spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [s for s, _ in merged]

    def overlaps(hit: Hit) -> bool:
        index = bisect_left(starts, hit.end)  # spans starting before the hit ends
        return index > 0 and merged[index - 1][1] > hit.start

    return overlaps


def clause_starts(tokens: list[Token], hits: list[Hit]) -> tuple[int, ...]:
    """Where each clause after the first starts (text offsets), when a sentence has more than one reading."""
    if len(hits) < 2:
        return ()
    return tuple(t.start for before, t in zip(tokens, tokens[1:], strict=False) if t.clause != before.clause)


def domains(tokens: list[Token], index: dict[str, list[tuple[str, tuple[str, ...]]]]) -> set[str]:
    """The flags whose `other_domains` phrases the sentence holds."""
    starts = [i for i, t in enumerate(tokens) if t.word in index]
    if not starts:
        return set()  # (most sentences)
    words = [t.word for t in tokens]
    return {flag for i in starts for flag, phrase in index[words[i]] if tuple(words[i : i + len(phrase)]) == phrase}


def gap_words(rules) -> tuple:
    """The word sets `gap_stretches` reads, from the context rules."""
    g = rules.grammar
    return (g["gap_stops"], g["gap_breakers"], rules.negating | rules.negation_after, g["gap_referents"], rules.be_words)


def gap_stretches(tokens: list[Token], clauses: list[int], stops, breakers, negating, referents, verbs) -> list[int]:
    """Where a wide "..." gap may reach: across a comma; not into a contrast of one or two words with a verb of its own
    (`grammar.gap_stops`: "bugs get filed in linear, not just mentioned in chat"; "time for bug fixes, not only new
    features" shares the verb before it), nor past a clause breaker ("but", "though") after a negation, which would reach
    the other clause's words: "nobody reviews the docs, but code gets two approvals" is no cue "nobody reviews ... code"
    ("the backlog is long but it's ranked" still reads across, and so does a clause that goes on about the same subject:
    "wasn't rude, but he'd been there a week")."""
    stretch = 0
    size = len(tokens)
    out = [0] * size
    negated = bool(tokens) and tokens[0].word in negating
    for i in range(1, size):
        word = tokens[i].word
        if clauses[i] != clauses[i - 1]:
            after = tokens[i + 1].word if i + 1 < size else ""
            stop = 1 if word in stops else 2 if f"{word} {after}" in stops else 0
            acts = stop and i + stop < size and (tokens[i + stop].word.endswith("ed") or tokens[i + stop].word in verbs)
            if acts or (word in breakers and negated and after not in referents):
                stretch += 1
                negated = False
        negated = negated or word in negating
        out[i] = stretch
    return out


def off_topic(tokens: list[Token], rules: "ContextRules") -> bool:
    """Whether the sentence holds a word of another topic (`other_topics`: weather, sport, cooking, medicine)
    and no word of work that anchors it ("which way the wind blows at this startup" is about the startup)."""
    words = {t.word for t in tokens}
    return not words.isdisjoint(rules.other_topics) and words.isdisjoint(rules.topic_anchors)
