"""Sentences and tokens, with offsets into the original text.

Matching works sentence by sentence; each token keeps the character offsets (code points) of the
words it came from, so evidence always slices the exact input. Which words end a clause or a
negation's scope, and how abbreviations expand, come from the context rules (context.yaml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context import ContextRules

TOKEN_RE = re.compile(r",|w/o|24/7|\d+(?:[.,]\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
SENTENCE_BREAK_RE = re.compile(r"[.!?;]+(?=\s|$)|\n\s*\n|\n\s*[-*•]\s|\s[-•]\s|\n")
# Characters that are invisible inside a word: a zero-width space or joiner must not split it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass(slots=True)
class Token:
    word: str  # normalised: lower case, apostrophes dropped, accents of Latin letters kept
    start: int
    end: int
    clause: int  # split at commas and "but", "however", ...
    scope: int  # negation scope: a clause, further split at "and", "because", ...
    capital: bool = False  # written with a capital inside the sentence: a name, never read as a typo


def normalise(word: str) -> str:
    return word.lower().replace("'", "").replace("’", "")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; each sentence keeps its closing punctuation."""
    start = 0
    for boundary in SENTENCE_BREAK_RE.finditer(text):
        end = boundary.end()
        if end > start:
            yield start, text[start:end]
        start = end
    if start < len(text):
        yield start, text[start:]


def _clean(sentence: str) -> tuple[str, list[int] | None]:
    """The sentence without invisible characters and combining marks, and a map back to offsets.

    "rev\u200biewed" and "revie\u0301wed" read as "reviewed"; offsets still point into the original.
    """
    if sentence.isascii():
        return sentence, None
    kept: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(sentence):
        if ord(char) in _INVISIBLE or unicodedata.combining(char):
            continue
        kept.append(char)
        positions.append(index)
    if len(kept) == len(sentence):
        return sentence, None
    positions.append(len(sentence))
    return "".join(kept), positions


# Per set of rules (by identity; the rules object is kept alive beside its table): what each raw
# word reads as. A text repeats its words, so each is lower-cased and looked up once.
_WORD_INFO: dict[int, tuple["ContextRules", dict[str, tuple[str, bool, int, tuple[str, ...] | None]]]] = {}


def _word_table(rules: "ContextRules") -> dict[str, tuple[str, bool, int, tuple[str, ...] | None]]:
    entry = _WORD_INFO.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_WORD_INFO) > 16:
            _WORD_INFO.clear()
        entry = _WORD_INFO[id(rules)] = (rules, {})
    return entry[1]


def _word_info(raw: str, rules: "ContextRules") -> tuple[str, bool, int, tuple[str, ...] | None]:
    """(normalised word, capitalised, breaker: 0 none / 1 scope / 2 clause, abbreviation's expansion)."""
    capital = raw[:1].isupper()
    lower = raw.lower()
    word = normalise(lower) if ("'" in lower or "’" in lower) else lower
    breaker = 2 if word in rules.clause_breakers else 1 if word in rules.scope_breakers else 0
    return word, capital, breaker, rules.abbreviations.get(word)


def tokenize(sentence: str, rules: "ContextRules") -> list[Token]:
    """Tokens of one sentence (see `sentences`), with their offsets into it."""
    clean, positions = _clean(sentence)
    tokens: list[Token] = []
    clause = scope = 0
    table = _word_table(rules)
    for m in TOKEN_RE.finditer(clean):
        raw = m.group()
        if raw == ",":
            clause += 1
            scope += 1
            continue
        info = table.get(raw)
        if info is None:
            info = _word_info(raw, rules)
            if len(table) > 100_000:  # bounded: a pasted novel should not grow memory forever
                table.clear()
            table[raw] = info
        word, capital, breaker, expansion = info
        if breaker:
            scope += 1
            if breaker == 2:
                clause += 1
        start, end = m.span()
        if positions is not None:
            start, end = positions[start], positions[end - 1] + 1
        if word == "call" and tokens and tokens[-1].word == "on" and sentence[tokens[-1].end : start] in (" ", "-"):
            # "on call", "on-call": one word, so the "on" cannot also serve as a preposition in a cue.
            tokens[-1] = Token("oncall", tokens[-1].start, end, tokens[-1].clause, tokens[-1].scope)
        elif expansion is None:
            tokens.append(Token(word, start, end, clause, scope, capital and bool(tokens)))
        else:
            tokens.extend(Token(w, start, end, clause, scope) for w in expansion)
    return tokens


def as_number(word: str, number_words: dict[str, float]) -> float | None:
    if word[:1].isdigit():
        try:
            return float(word.replace(",", "."))
        except ValueError:
            return None
    return number_words.get(word)
