"""Context rules: what the words around a cue do to its meaning (ConText/NegEx style).

The rules are data (`context.yaml` beside this file, validated by the bank loader); this module
is the small engine that applies them to one cue reading in one sentence. A decision names the
rule and the trigger word that produced it, so every flag can say why it was (or was not) read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prepbot.matching.text import Token

CONTEXT_FILE = Path(__file__).with_name("context.yaml")


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(item).lower().replace("'", "").split()) for item in items)


@dataclass(frozen=True)
class ContextRules:
    negation_before: frozenset[str]
    negation_window: int
    negation_after: frozenset[str]
    be_words: frozenset[str]
    clause_breakers: frozenset[str]
    scope_breakers: frozenset[str]
    rare_after: tuple[tuple[str, ...], ...]
    rare_window: int
    reported_questions: tuple[tuple[str, ...], ...]
    question_starts: frozenset[str]
    short_question_words: int
    common_words: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]]
    numbers: dict[str, float]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> "ContextRules":
        """Rules from the parsed YAML (already validated by `prepbot.bank_loader.read_context`)."""
        negation, rare, questions = data["negation"], data["rare"], data["questions"]
        before = frozenset(str(w) for w in negation["before"])
        return cls(
            negation_before=before,
            negation_window=int(negation["window"]),
            negation_after=frozenset(str(w) for w in negation["after"]),
            be_words=frozenset(str(w) for w in negation["be"]),
            clause_breakers=frozenset(str(w) for w in data["clause_breakers"]),
            scope_breakers=frozenset(str(w) for w in data["scope_breakers"]),
            rare_after=_phrases(rare["after"]),
            rare_window=int(rare["window"]),
            reported_questions=_phrases(questions["reported"]),
            question_starts=frozenset(str(w) for w in questions["direct_start"]),
            short_question_words=int(questions["short_question_words"]),
            common_words=frozenset(str(w) for w in data["common_words"]) | before,
            abbreviations={str(k): tuple(str(w) for w in v) for k, v in data["abbreviations"].items()},
            numbers={str(k): float(v) for k, v in data["numbers"].items()},
        )


@dataclass(frozen=True)
class Decision:
    """What the context made of one cue reading."""

    flag_id: str | None  # the flag the cue states once context is counted; None: it says nothing
    trigger: int | None  # first token of the words that changed it (quoted with the evidence)
    rule: str  # "" when nothing changed it, else e.g. "negation before: 'no'"


def _has_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def is_question(sentence: str, tokens: list[Token], rules: ContextRules) -> str:
    """Why a sentence only reports or asks a question (and so states no fact), or ""."""
    words = [t.word for t in tokens]
    for phrase in rules.reported_questions:
        if _has_phrase(words, phrase):
            return "reported question: '" + " ".join(phrase) + "'"
    span = sentence[tokens[0].start : tokens[-1].end + 1]
    # "Do you have CI?", or a bare topic like "Automated tests?": a question, not an answer.
    if span.endswith("?") and (words[0] in rules.question_starts or len(words) <= rules.short_question_words):
        return "question"
    return ""


def decide(flag_id: str, opposite: str | None, tokens: list[Token], matched: list[int], rules: ContextRules) -> Decision:
    """The flag a cue reading states once negation and frequency around it are counted."""
    first = matched[0]
    scope = tokens[first].scope
    negations = 0
    earliest: int | None = None
    reasons: list[str] = []
    for index in range(max(0, first - rules.negation_window), first):
        if tokens[index].scope == scope and tokens[index].word in rules.negation_before:
            if earliest is None:
                reasons.append(f"negation before: '{tokens[index].word}'")
                earliest = index
            negations = 1  # "no QA and no tests" is one negation, not two that cancel out
    # "code is not reviewed": a negation right after the cue's first word, inside the cue's span.
    matched_set = set(matched)
    if len(matched) > 1:
        second = next(i for i in matched if i > first)
        inside = [i for i in range(first + 1, second) if i not in matched_set and tokens[i].word in rules.negation_before]
        if inside:
            negations += 1
            reasons.append(f"negation inside: '{tokens[inside[0]].word}'")
    # "a build server was not used", "code review isn't done": a negated verb right after the cue;
    # "weekend work happens once a year": a frequency that says it hardly happens.
    last = tokens[matched[-1]]
    after = [t for t in tokens[matched[-1] + 1 : matched[-1] + 1 + rules.rare_window] if t.scope == last.scope]
    words = [t.word for t in after]
    if words and (
        words[0] in rules.negation_after
        or (words[0] in rules.be_words and len(words) > 1 and words[1] in rules.negation_before)
    ):
        negations += 1
        reasons.append(f"negation after: '{' '.join(words[:2]) if words[0] in rules.be_words else words[0]}'")
    else:
        for phrase in rules.rare_after:
            if _has_phrase(words, phrase):
                return Decision(None, None, "rare: '" + " ".join(phrase) + "'")
    if negations % 2 == 0:
        return Decision(flag_id, None, "double negation: " + "; ".join(reasons) if reasons else "")
    if opposite is None:
        return Decision(None, earliest, "; ".join(reasons) + " (the flag has no opposite)")
    return Decision(opposite, earliest, "; ".join(reasons))
