"""Sentences and tokens, with offsets into the original text.

Matching works sentence by sentence; each token keeps the character offsets (code points) of the
words it came from, so evidence always slices the exact input. Which words end a clause or a
negation's scope, and how abbreviations expand, come from the context rules (context.yaml).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules

# A word joined to two or more others by underscores is one token, a code name that reads as no word of a cue
# ("`required_pull_request_reviews` is null", "the RUN_REGRESSION_TESTS parameter"); one underscore still
# joins two words ("node_modules", "on_call" typed in a note).
TOKEN_RE = re.compile(
    # The lookahead holds every first character a token can have: most positions fail at once.
    r"(?=[\w,\-=→+])(?:,|->|=>|→|(?<![\d+])\+(?!\+)|w/o|24/7|[^\W\d_]\d[^\W\d_](?![^\W_])|\d+(?:[.,]\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*(?:(?:_[^\W_]+){2,})?)",
    re.UNICODE,
)
# TOKEN_RE for a sentence of ASCII characters only, where it reads exactly the same tokens: a word
# character that is no digit nor "_" is a Latin letter there, and sre tests a range of letters faster
# than Unicode categories (the search takes ~30% less time; most notes are ASCII).
_ASCII_TOKEN_RE = re.compile(
    r"(?=[\w,\-=+])(?:,|->|=>|(?<![\d+])\+(?!\+)|w/o|24/7|[A-Za-z]\d[A-Za-z](?![A-Za-z0-9])|\d+(?:[.,]\d+)?|[A-Za-z]+(?:'[A-Za-z]+)*(?:(?:_[A-Za-z0-9]+){2,})?)",
    re.ASCII,
)
_MARKS = frozenset({"->", "=>", "→", "+"})  # marks TOKEN_RE reads; they are never words
# A mark that opens a line ("? tests": the candidate's own question) ends no sentence, nor does a
# pause before a lower-case word ("code review happens... sometimes"), nor "e.g.", "i.e." or an "etc." or "vs."
# that a lower-case word follows ("basics (e.g. unit tests, CI, etc.) are missing").
# A dash glued to a capitalised word after a space opens an item of an inline list ("Pros -Nice people
# -Flexible hours"), not a hyphenated word.
# The first lookahead holds every character a break can start with: most positions fail at once.
SENTENCE_BREAK_RE = re.compile(
    r"(?=[.!?;\s])(?:(?<!^)(?<!\n)(?<!\n )(?<!\.)(?!\.{2,}\s+[a-z])(?<!\be\.g)(?<!\bi\.e)(?!(?:(?<=\betc)|(?<=\bvs))\.\s+[a-z(])"
    r"[.!?;]+\*{0,3}(?=\s|$)|\n\s*\n|\n\s*[-*•]\s|\s[-•]\s|\s[-•](?=[A-Z])|\n)"
)
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
    """(offset, sentence) pairs; each sentence keeps its closing punctuation, and the one line break after it
    ("Code review?\nNot really.": the break is no sentence between a question and its answer)."""
    start = last = 0
    for boundary in SENTENCE_BREAK_RE.finditer(text):
        end = boundary.end()
        if end > start and not (
            start > last and text[start] == "\n" and text.count("\n", start, end) == 1 and text[start:end].isspace()
        ):
            if start > last:
                yield last, text[last:start]
            last = start
        start = end
    if start > last:
        yield last, text[last:start]
    if start < len(text):
        yield start, text[start:]


MAX_SENTENCE_CHARS = 2000  # longer runs without a sentence break are read in pieces of this size


def pieces_of(text: str) -> Iterator[tuple[int, str]]:
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


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans turned to spaces (line breaks kept), so offsets still hold."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    return "".join(chars)


# Terminal escape sequences pasted with a note (colours copied from a terminal, a title sequence):
# CSI "ESC [ ... final", OSC "ESC ] ... BEL or ESC \\", and any other ESC with its next character.
_ESCAPE_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")


def blank_escapes(text: str) -> str:
    """The text with terminal escape sequences turned to spaces, so offsets still hold and no
    evidence quote carries their remains ("[0m standups…" reads and quotes as "standups…")."""
    if "\x1b" not in text and "\x9b" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: " " * len(m.group()), text)


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
    table = rules.word_table  # what each raw word reads as: a text repeats its words
    find = clean.find
    at = 0
    # A colon is no token, but when the rules list it as a breaker it ends a scope (or a clause) all
    # the same: "No heavy process: we don't write tickets" (the "No" does not reach past it).
    colon = 2 if ":" in rules.clause_breakers else 1 if ":" in rules.scope_breakers else 0
    colon = colon if ":" in clean else 0
    # findall and str.find, not finditer: no match object per word. A token's text always starts
    # a match where it occurs, so its first occurrence from the end of the last one is where it is.
    raws = (_ASCII_TOKEN_RE if clean.isascii() else TOKEN_RE).findall(clean)
    quiet = _inserted_remark(raws, rules)
    for n, raw in enumerate(raws):
        start = find(raw, at)
        if colon and tokens and find(":", at, start) >= 0:
            scope += 1
            clause += colon == 2
        at = end = start + len(raw)
        # "nobody, not even the CTO, ...", "nobody, no exceptions, ...": the remark adds, not denies
        if quiet and n == quiet[0] + 1 and raw.lower() in ("not", "no"):
            continue
        info = table.get(raw)  # never a comma or a mark: those are not kept in the table
        if info is None:
            if raw == "," and n not in quiet:
                clause += 1
                scope += 1
                continue
            if raw == ",":
                continue
            if raw in _MARKS:
                # Note-taking marks ("->", "+") end a clause or a scope when the context rules list them so.
                if raw in rules.clause_breakers:
                    clause += 1
                if raw in rules.clause_breakers or raw in rules.scope_breakers:
                    scope += 1
                continue
            info = _word_info(raw, rules)
            if len(table) > 100_000:  # bounded: a pasted novel should not grow memory forever
                table.clear()
            table[raw] = info
        word, capital, breaker, expansion = info
        if breaker:
            scope += 1
            if breaker == 2:
                clause += 1
        if positions is not None:
            start, end = positions[start], positions[end - 1] + 1
        if word == "call" and tokens and tokens[-1].word == "on" and sentence[tokens[-1].end : start] in (" ", "-"):
            # "on call", "on-call": one word, so the "on" cannot also serve as a preposition in a cue.
            tokens[-1] = Token("oncall", tokens[-1].start, end, tokens[-1].clause, tokens[-1].scope)
        elif expansion is None or (word in rules.number_abbreviations and not _after_number(tokens, rules)):
            # ("ask HR": an abbreviation of a figure's unit reads as its word only after a number, "40 hr")
            tokens.append(Token(word, start, end, clause, scope, capital and bool(tokens)))
        else:
            tokens.extend(Token(w, start, end, clause, scope) for w in expansion)
    return tokens


def _inserted_remark(raws: list[str], rules: "ContextRules") -> tuple[int, ...]:
    """The two commas around a remark after a negating subject that opens the sentence ("Nobody, not even
    the founders, can merge ..."): they end no scope (`grammar.inserted_subjects`, `insertion_openers`)."""
    k = 1 if raws[1:2] == [","] else 2 if raws[2:3] == [","] else 0
    if not k or len(raws) < k + 4 or " ".join(raws[:k]).lower() not in rules.grammar["inserted_subjects"]:
        return ()
    opener = raws[k + 1].lower()
    if opener not in rules.grammar["insertion_openers"] or (opener == "no" and k == 2 and raws[1].lower() != "one"):
        return ()  # ("No PR, no review, straight to main" is a list of absences, not a remark; "No one, no ..." is)
    close = next((i for i in range(k + 2, min(len(raws), k + 10)) if raws[i] == ","), None)
    return () if close is None else (k, close)


def _after_number(tokens: list[Token], rules: "ContextRules") -> bool:
    """Whether the last token is a figure ("40", "two"; not the article "a"/"an": "an HR rep")."""
    return bool(tokens) and tokens[-1].word not in ("a", "an") and as_number(tokens[-1].word, rules.numbers) is not None


def cue_as_read(source: str, abbreviations: dict[str, tuple[str, ...]], after_number: frozenset[str] = frozenset()) -> str:
    """The cue with each word that text never keeps (an abbreviation the tokenizer expands: "prs", "pto",
    "hm") written as text reads it ("pr", "vacation", "hiring_manager"): else that word could never match.
    One of `after_number` ("hr") is read so only after a figure ("#>=1_hr"): else it is the word as written."""
    text, at, weight = source.rpartition(" @") if " @" in source else (source, "", "")
    slots = []
    for slot in text.split():
        alternatives = [
            "_".join(
                "_".join(abbreviations[w])
                if "*" not in w
                and abbreviations.get(w)
                and (w not in after_number or (i and a.split("_")[i - 1][:1] in "#0123456789"))
                else w
                for i, w in enumerate(a.split("_"))
            )
            for a in slot.split("|")
        ]
        slots.append("|".join(dict.fromkeys(alternatives)))
    return " ".join(slots) + at + weight


def as_number(word: str, number_words: dict[str, float]) -> float | None:
    if word[:1].isdigit():
        try:
            return float(word.replace(",", "."))
        except ValueError:
            return None
    return number_words.get(word)


QUOTE_MIN_WORDS = 3  # a shorter quote ("No", "Sales") is widened to the clause around it
QUOTE_MAX_CHARS = 160
_CLAUSE_END_RE = re.compile(r"[.!?;:,\n]")


def quote_span(text: str, start: int, end: int, breakers: frozenset[str] = frozenset()) -> tuple[int, int]:
    """The words to quote for evidence found at text[start:end]: a phrase of a few words stands as
    it is; a word or two is widened to the clause around it (trimmed), so the quote carries the
    meaning ("No" under a question becomes "No, never"; "support" becomes "support tickets pile up"). `breakers`: words
    that open a clause of its own (the context rules' clause breakers), which a bare answer's quote does not run into.
    A word read in parts ("codereview", "unreviewed") is quoted whole."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    if len(text[start:end].split()) >= QUOTE_MIN_WORDS:
        return _balance_quotes(text, start, end)
    window = max(0, start - QUOTE_MAX_CHARS)
    before = list(_CLAUSE_END_RE.finditer(text, window, start))
    left = before[-1].end() if before else window
    after = _CLAUSE_END_RE.search(text, end, end + QUOTE_MAX_CHARS)
    right = after.start() if after else min(len(text), end + QUOTE_MAX_CHARS)
    if breakers:  # "CI runs on each PR but code review is optional": the clause of the words ends at the "but"
        # (not the other way: "...code review but stopped last year" quotes the past its "stopped" ends)
        after_words = _breaker_re(breakers).search(text, end, right)
        right = after_words.start() if after_words else right
    following = text[right + 1 : right + 40].split(maxsplit=1)[:1]
    if (
        text[end:right].strip() == ""
        and right < len(text)
        and text[right] in ",:"
        and not (following and normalise(following[0]) in breakers)
    ):
        # a bare answer before a comma ("No, never."): the clause after it says what it means (not past a ";": a
        # sentence of its own, nor into a "but" clause: "jira, but nobody writes tests" -- maybe on another practice)
        further = _CLAUSE_END_RE.search(text, right + 1, right + 1 + QUOTE_MAX_CHARS)
        right = further.start() if further else min(len(text), right + 1 + QUOTE_MAX_CHARS)
    if right - left > QUOTE_MAX_CHARS:
        left = max(left, text.rfind(" ", 0, max(start - 60, 0)) + 1)
        cut = text.find(" ", min(end + 60, len(text)))
        right = min(right, cut if cut >= 0 else len(text))
    while left < start and (text[left].isspace() or text[left] in "-*•\"'“‘("):
        left += 1
    while right > end and (text[right - 1].isspace() or text[right - 1] in "\"'”’)"):
        right -= 1
    if left > start or right < end:
        left, right = start, end
    return _balance_quotes(text, left, right)


@functools.lru_cache(maxsize=4)
def _breaker_re(breakers: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, breakers))) + r")\b", re.IGNORECASE)


_OPENING = "\"'“‘"
_CLOSING = "\"'”’"
_QUOTE_CHAR_RE = re.compile("[\"'“‘”’]")


def _quote_marks(text: str, left: int, right: int) -> list[tuple[int, bool]]:
    """The quote marks in text[left:right] as (position, opens); an apostrophe inside a word
    ("don't") or after one ("teams' work") is not a quote mark."""
    marks = []
    for i in range(left, right):
        ch = text[i]
        if ch not in _OPENING and ch not in _CLOSING:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in "'’" and before.isalnum() and (after.isalnum() or ch == "’" and not after.isspace()):
            continue  # an apostrophe: don't, it’s
        if before.isalnum() and not after.isalnum():
            marks.append((i, False))
        elif after.isalnum() and not before.isalnum():
            marks.append((i, True))
    return marks


def _balance_quotes(text: str, left: int, right: int) -> tuple[int, int]:
    """Widen a quote that starts or ends inside a pair of quote marks to the whole pair, so the
    evidence never reads "aim to' write tests"; unpaired marks nearby leave it as it is."""
    if _QUOTE_CHAR_RE.search(text, left, right) is None:
        return left, right  # most quotes hold no quote mark: nothing to scan (the keystroke path)
    marks = _quote_marks(text, left, right)
    stack: list[int] = []
    closers: list[int] = []
    for position, opens in marks:
        if opens:
            stack.append(position)
        elif stack:
            stack.pop()
        else:
            closers.append(position)
    if closers:  # the span ends a quote it does not start: reach back to the opening mark
        found = [p for p, opens in _quote_marks(text, max(0, left - 80), left) if opens]
        if found:
            left = found[-1]
    if stack:  # the span starts a quote it does not end: reach on to the closing mark
        found = [p for p, opens in _quote_marks(text, right, min(len(text), right + 80)) if not opens]
        if found:
            right = found[0] + 1
    return left, right
