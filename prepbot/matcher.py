"""Text in, red and green flags with evidence out.

The matcher is compiled once from the bank's cue phrases (see "Cue syntax" in the README) and
reused for every call, so it can run on each keystroke. Matching works sentence by sentence:

1. the text is split into tokens (lower-cased, apostrophes dropped, a few abbreviations expanded)
   that keep their character offsets into the original text;
2. each distinct token is compared with the cue vocabulary once (exact, prefix, then a
   typo-tolerant comparison with rapidfuzz) and the result is cached;
3. a cue matches when its slots appear in order inside one sentence, with small gaps allowed;
4. a negation just before a cue (or right after its first word) flips it to the flag's
   `opposite`, or drops it when the flag has none; two negations cancel out;
5. cue scores for a flag combine as independent evidence: 1 - prod(1 - score).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from prepbot.bank import Bank, Flag

REPORT_THRESHOLD = 0.5
DEFAULT_WEIGHT = 0.9
FUZZY_PENALTY = 0.9
DEFAULT_GAP = 3  # tokens allowed between two slots of a cue
WIDE_GAP = 8  # tokens allowed where a cue says "..."
NEGATION_WINDOW = 7  # tokens before a cue that can negate it

NEGATORS = frozenset(
    """no not never nobody noone none nothing without dont doesnt didnt isnt arent wasnt werent
    cant cannot couldnt wont wouldnt shouldnt hasnt havent hadnt neither nor lack lacks lacking
    lacked zero hardly barely rarely seldom absence instead rather non""".split()
)
# Everyday words: never used to decide which cues a sentence could match (see Matcher.__init__).
COMMON_WORDS = NEGATORS | frozenset(
    """a an the to on in at of for with by from as into onto and or but is are was were be been being
    i we you he she it they our my your his her their its this that these those there here who what
    how when why which every all each any some most many lots lot half more less few little only just
    have has had do does did get gets got go goes went make made take takes took can could should would
    will must need needs still yet very really also up out off over after before about than then so""".split()
)
# Words that start a new clause for the purpose of negation scope.
CLAUSE_BREAKERS = frozenset("but however although though whereas yet except".split())
# Words after which an earlier negation no longer applies: "nobody reviews code and standups take 40 minutes".
NEGATION_SCOPE_BREAKERS = CLAUSE_BREAKERS | frozenset("and so because since then while which who when".split())
# A sentence that only reports a question ("they asked whether I write tests") states no fact.
_REPORTED_QUESTION = re.compile(
    r"\b(whether|asked\s+(?:me\s+|us\s+|them\s+)?(?:if|about|how)|wanted\s+to\s+know\s+if|wonder(?:ed|ing)?\s+if)\b",
    re.IGNORECASE,
)
_BE = frozenset("is are was were be been gets got get".split())
_HARDLY_EVER = frozenset("rarely seldom hardly barely rare".split())
_RARE_PHRASES = {("once", "a", "year"), ("once", "a", "quarter"), ("once", "or", "twice"), ("almost", "never", "happens")}
_NEGATED_BE = frozenset("isnt arent wasnt werent doesnt dont didnt never".split())
_DIRECT_QUESTION_START = frozenset("do does is are how what when who where which".split())

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fortyfive": 45, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "half": 0.5, "a": 1, "an": 1,
}
# Single tokens people abbreviate; expanded to the words cues are written in.
ABBREVIATIONS = {
    "prs": ("pr",), "mrs": ("mr",), "cr": ("code", "review"), "crs": ("code", "reviews"),
    "prod": ("production",), "mins": ("minutes",), "min": ("minutes",), "hrs": ("hours",), "hr": ("hours",),
    "wfh": ("work", "from", "home"), "pto": ("vacation",), "standups": ("standups",),
    "w/o": ("without",), "cicd": ("ci", "cd"), "qad": ("tested",), "devs": ("developers",), "dev": ("developer",),
    "mgmt": ("management",), "mgr": ("manager",), "btw": (), "imo": (), "tbh": (), "e2e": ("end", "to", "end"),
    "ot": ("overtime",), "po": ("product", "owner"), "pos": ("product", "owners"), "24/7": ("all", "hours"), "wlb": ("work", "life", "balance"),
}

_TOKEN_RE = re.compile(r",|w/o|24/7|\d+(?:[.,]\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_BREAK_RE = re.compile(r"[.!?;]+(?=\s|$)|\n\s*\n|\n\s*[-*•]\s|\s[-•]\s|\n")


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str


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


class CueError(ValueError):
    pass


# --------------------------------------------------------------------------- cue compilation

@dataclass(frozen=True)
class _Term:
    kind: str  # lit | pre | num
    text: str = ""
    op: str = ""
    value: float = 0.0


@dataclass
class _Cue:
    flag_id: str
    source: str
    weight: float
    negated_weight: float  # when the cue is flipped to the opposite flag: "no backlog" says more than "backlog"
    slots: list[list[tuple[int, ...]]]  # slot -> alternatives -> consecutive term ids
    gaps: list[int]  # gaps[i]: tokens allowed before slot i (gaps[0] unused)
    index: int = 0  # position in the matcher: cues are tried in catalogue order

    def __post_init__(self) -> None:
        # First terms of each slot's alternatives: a sentence lacking all of one slot's cannot match.
        self.slot_first_terms = [frozenset(alternative[0] for alternative in slot) for slot in self.slots]
        # Per slot: first term -> the alternatives starting with it, so a token only tries what it can start.
        self.slot_alternatives: list[dict[int, list[tuple[int, ...]]]] = []
        for slot in self.slots:
            by_first: dict[int, list[tuple[int, ...]]] = {}
            for alternative in slot:
                by_first.setdefault(alternative[0], []).append(alternative)
            self.slot_alternatives.append(by_first)


_NUM_RE = re.compile(r"^#(>=|<=|>|<|=)?(\d+(?:\.\d+)?)$")


class _Vocabulary:
    def __init__(self) -> None:
        self.terms: list[_Term] = []
        self._ids: dict[_Term, int] = {}

    def intern(self, term: _Term) -> int:
        if term not in self._ids:
            self._ids[term] = len(self.terms)
            self.terms.append(term)
        return self._ids[term]

    def parse_word(self, word: str) -> int:
        number = _NUM_RE.match(word)
        if number:
            return self.intern(_Term("num", op=number.group(1) or ">=", value=float(number.group(2))))
        if word.endswith("*"):
            stem = _normalise(word[:-1])
            if not stem:
                raise CueError(f"'{word}' has nothing before '*'")
            return self.intern(_Term("pre", stem))
        text = _normalise(word)
        if not text:
            raise CueError(f"'{word}' is not a word")
        return self.intern(_Term("lit", text))


def _normalise(word: str) -> str:
    return word.lower().replace("'", "").replace("’", "")


def compile_cue(vocabulary: _Vocabulary, flag_id: str, source: str) -> _Cue:
    text = source.strip()
    weight = negated_weight = DEFAULT_WEIGHT
    if "@" in text:
        text, _, raw_weight = text.rpartition("@")
        plain, _, flipped = raw_weight.partition("/")
        try:
            weight = float(plain)
            negated_weight = float(flipped) if flipped else weight
        except ValueError:
            raise CueError(f"cue '{source}': weight after '@' must be a number (or two, as @0.4/0.9)") from None
        if not (0 < weight <= 1 and 0 < negated_weight <= 1):
            raise CueError(f"cue '{source}': weight must be between 0 and 1")
    slots: list[list[tuple[int, ...]]] = []
    gaps: list[int] = []
    gap = DEFAULT_GAP
    for part in text.split():
        if part == "...":
            gap = WIDE_GAP
            continue
        alternatives = []
        for alternative in part.split("|"):
            # Text splits "stand-up" into two words, so a cue's hyphen joins words like "_" does;
            # "on_call" is written as two words in cues but read as one ("oncall") in text.
            joined = re.sub(r"(?<![a-z])on_call", "oncall", alternative.replace("-", "_"))
            words = [w for w in joined.split("_") if w]
            if not words:
                raise CueError(f"cue '{source}': empty alternative in '{part}'")
            alternatives.append(tuple(vocabulary.parse_word(w) for w in words))
        slots.append(alternatives)
        gaps.append(gap)
        gap = DEFAULT_GAP
    if not slots:
        raise CueError(f"cue '{source}' is empty")
    return _Cue(flag_id, source, weight, negated_weight, slots, gaps)


def check_cue(source: str) -> None:
    """Raise CueError when `source` is not a valid cue (used by bank validation)."""
    compile_cue(_Vocabulary(), "", source)


# --------------------------------------------------------------------------- tokens

@dataclass(slots=True)
class _Token:
    word: str
    start: int
    end: int
    clause: int  # split at commas and "but", "however", ...
    scope: int  # negation scope: a clause, further split at "and", "because", ...


def tokenize(sentence: str) -> list[_Token]:
    """Tokens of one sentence (see `_sentences`), with their offsets into it."""
    tokens: list[_Token] = []
    clause = scope = 0
    for m in _TOKEN_RE.finditer(sentence):
        raw = m.group()
        if raw == ",":
            clause += 1
            scope += 1
            continue
        raw = raw.lower()
        word = _normalise(raw) if ("'" in raw or "’" in raw) else raw
        if word in NEGATION_SCOPE_BREAKERS:
            scope += 1
            if word in CLAUSE_BREAKERS:
                clause += 1
        start, end = m.span()
        expansion = ABBREVIATIONS.get(word)
        if word == "call" and tokens and tokens[-1].word == "on" and sentence[tokens[-1].end : start] in (" ", "-"):
            # "on call", "on-call": one word, so the "on" cannot also serve as a preposition in a cue.
            tokens[-1] = _Token("oncall", tokens[-1].start, end, tokens[-1].clause, tokens[-1].scope)
        elif expansion is None:
            tokens.append(_Token(word, start, end, clause, scope))
        else:
            tokens.extend(_Token(w, start, end, clause, scope) for w in expansion)
    return tokens


def _as_number(word: str) -> float | None:
    if word[:1].isdigit():
        try:
            return float(word.replace(",", "."))
        except ValueError:
            return None
    return NUMBER_WORDS.get(word)


# --------------------------------------------------------------------------- the matcher

class Matcher:
    """Compiled once per bank; `match(text)` is pure and deterministic."""

    def __init__(self, flags: Iterable[Flag]):
        self.flags = {flag.id: flag for flag in flags}
        self._vocabulary = _Vocabulary()
        self.cues: list[_Cue] = []
        for flag in self.flags.values():
            for source in flag.cues:
                cue = compile_cue(self._vocabulary, flag.id, source)
                cue.index = len(self.cues)
                self.cues.append(cue)
        terms = self._vocabulary.terms
        self._literals = {t.text: i for i, t in enumerate(terms) if t.kind == "lit"}
        self._stems: dict[int, dict[str, int]] = {}
        for i, t in enumerate(terms):
            if t.kind == "pre":
                self._stems.setdefault(len(t.text), {})[t.text] = i
        self._numbers = [(i, t) for i, t in enumerate(terms) if t.kind == "num"]
        # Typo tolerance only for longer words, grouped by first letter: a typo rarely hits the first letter,
        # and requiring it keeps "unrealistic" from matching "realistic".
        self._fuzzy_literals: dict[str, list[str]] = {}
        for word in self._literals:
            if len(word) >= 5 and word.isalpha():
                self._fuzzy_literals.setdefault(word[0], []).append(word)
        self._fuzzy_stems: dict[tuple[str, int], list[str]] = {}
        for length, stems in self._stems.items():
            for stem in stems:
                if length >= 5 and stem.isalpha():
                    self._fuzzy_stems.setdefault((stem[0], length), []).append(stem)
        # Each cue is indexed by the first words of one slot that has no everyday word in it ("review*"
        # rather than "every|all"), so a sentence only wakes the cues it can plausibly match.
        self._cues_by_anchor_term: dict[int, list[_Cue]] = {}
        for cue in self.cues:
            anchor = next(
                (firsts for firsts in cue.slot_first_terms if not any(self._is_common(t) for t in firsts)),
                cue.slot_first_terms[0],
            )
            for term_id in anchor:
                self._cues_by_anchor_term.setdefault(term_id, []).append(cue)
        self._token_cache: dict[str, dict[int, bool]] = {}
        self._sentence_cache: dict[str, tuple[tuple[str, float, int, int], ...]] = {}

    def _is_common(self, term_id: int) -> bool:
        term = self._vocabulary.terms[term_id]
        return term.kind == "num" or (term.kind == "lit" and term.text in COMMON_WORDS) or (term.kind == "pre" and len(term.text) < 4)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_token_cache"] = {}  # per-text caches are not worth storing
        state["_sentence_cache"] = {}
        return state

    @classmethod
    def from_bank(cls, bank: Bank) -> "Matcher":
        return cls(bank.flags.values())

    # -- per token

    def _terms_for(self, word: str) -> dict[int, bool]:
        """Term ids this word matches, each with whether the match was exact."""
        cached = self._token_cache.get(word)
        if cached is not None:
            return cached
        found: dict[int, bool] = {}
        exact = self._literals.get(word)
        if exact is not None:
            found[exact] = True
        for length, stems in self._stems.items():
            if len(word) >= length:
                term = stems.get(word[:length])
                if term is not None:
                    found[term] = True
        # Typo tolerance only for words the vocabulary does not know: "paged" is not a typo of "pager".
        if not found and word.isalpha() and len(word) >= 5:
            self._fuzzy(word, found)
        number = _as_number(word)
        if number is not None:
            for term_id, term in self._numbers:
                if _compare(number, term.op, term.value):
                    found[term_id] = True
        if len(self._token_cache) > 50_000:  # bounded: pasted novels should not grow memory forever
            self._token_cache.clear()
        self._token_cache[word] = found
        return found

    def _fuzzy(self, word: str, found: dict[int, bool]) -> None:
        # Imported on the first unknown word, not at start-up: the TUI's first screen never needs it.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        candidates = self._fuzzy_literals.get(word[0], ())
        if candidates:
            limit = 2 if len(word) >= 9 else 1
            for choice, distance, _ in process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None):
                # Short words may only be mistyped, not lengthened: "trivial" is not a typo of "trivia".
                if distance and (len(choice) >= 7 or len(choice) == len(word)):
                    found.setdefault(self._literals[choice], False)
        for length in self._stems:
            if length < 5 or len(word) < length:
                continue
            stems = self._fuzzy_stems.get((word[0], length))
            if stems:
                prefix = word[:length]
                for choice, distance, _ in process.extract(prefix, stems, scorer=OSA.distance, score_cutoff=1, limit=None):
                    if distance:
                        found.setdefault(self._stems[length][choice], False)

    # -- per text

    def match(self, text: str) -> list[Match]:
        """Flags found in `text`, red first, then by score. Never raises on any string."""
        if not text or not text.strip():
            return []
        hits: dict[str, list[tuple[float, int, int]]] = {}
        for offset, sentence in _sentences(text):
            for flag_id, score, start, end in self._sentence_hits(sentence):
                hits.setdefault(flag_id, []).append((score, offset + start, offset + end))
        return self._combine(text, hits)

    def _sentence_hits(self, sentence: str) -> tuple[tuple[str, float, int, int], ...]:
        """Hits in one sentence, offsets relative to it. Cached: a keystroke changes one sentence."""
        cached = self._sentence_cache.get(sentence)
        if cached is None:
            cached = tuple(self._compute_sentence_hits(sentence))
            if len(self._sentence_cache) > 20_000:
                self._sentence_cache.clear()
            self._sentence_cache[sentence] = cached
        return cached

    def _compute_sentence_hits(self, sentence: str) -> list[tuple[str, float, int, int]]:
        tokens = tokenize(sentence)
        if not tokens or _is_reported_question(sentence, tokens):
            return []
        token_terms = [self._terms_for(t.word) for t in tokens]
        positions_of: dict[int, list[int]] = {}
        for position, terms in enumerate(token_terms):
            for term in terms:
                positions_of.setdefault(term, []).append(position)
        present = set(positions_of)
        # Only cues whose every slot can start with a word of this sentence are tried, each from
        # the positions where its first slot can start.
        candidates = {cue.index: cue for term in present for cue in self._cues_by_anchor_term.get(term, ())}
        hits: list[tuple[str, float, int, int]] = []
        for _, cue in sorted(candidates.items()):
            if any(firsts.isdisjoint(present) for firsts in cue.slot_first_terms):
                continue
            starts = sorted({p for term in cue.slot_first_terms[0] for p in positions_of.get(term, ())})
            for position in starts:
                found = self._match_cue(cue, position, tokens, token_terms)
                if found is None:
                    continue
                matched_positions, exactness = found
                flag_id, negator = self._resolve_polarity(cue.flag_id, tokens, matched_positions)
                if flag_id is None:
                    continue
                weight = cue.weight if negator is None and flag_id == cue.flag_id else cue.negated_weight
                score = weight * (FUZZY_PENALTY ** exactness.count(False))
                # A flipped cue quotes its negation too: "no code review", not "code review".
                first = matched_positions[0] if negator is None else min(negator, matched_positions[0])
                hits.append((flag_id, score, tokens[first].start, tokens[matched_positions[-1]].end))
        return self._red_reading_wins(hits)

    def _red_reading_wins(self, hits: list[tuple[str, float, int, int]]) -> list[tuple[str, float, int, int]]:
        """Where a red and a green cue read the same words, the red one is the qualified reading.

        "Code reviews happen sometimes" holds the green cue "code review" and the red cue "reviews
        ... sometimes"; the candidate was told about reviews being skipped, not required.
        """
        red_spans = [(s, e) for f, _, s, e in hits if self.flags[f].kind == "red"]
        if not red_spans:
            return hits
        return [
            hit
            for hit in hits
            if self.flags[hit[0]].kind == "red" or not any(hit[2] < e and s < hit[3] for s, e in red_spans)
        ]

    def _match_cue(self, cue: _Cue, position: int, tokens: list[_Token], token_terms) -> tuple[list[int], list[bool]] | None:
        # Close gaps stay inside one clause ("includes code reviews, occasionally pairing" is a list, not
        # "reviews occasionally"); a cue's wide "..." gap may reach across commas. Tokens are one sentence.
        end_of_text = len(tokens)

        def match_alternative(alternative: tuple[int, ...], at: int) -> list[bool] | None:
            exactness = []
            for offset, term_id in enumerate(alternative):
                index = at + offset
                if index >= end_of_text:
                    return None
                exact = token_terms[index].get(term_id)
                if exact is None:
                    return None
                exactness.append(exact)
            return exactness

        def match_from(slot_index: int, at: int) -> tuple[list[int], list[bool]] | None:
            if slot_index == len(cue.slots):
                return [], []
            first = slot_index == 0
            window = range(at, at + 1) if first else range(at, min(at + cue.gaps[slot_index] + 1, end_of_text))
            wide = cue.gaps[slot_index] > DEFAULT_GAP
            for start in window:
                if not wide and not first and tokens[start].clause != tokens[at - 1].clause:
                    break
                by_first = cue.slot_alternatives[slot_index]
                candidates = [alt for term in token_terms[start] if term in by_first for alt in by_first[term]]
                for alternative in candidates:
                    exactness = match_alternative(alternative, start)
                    if exactness is None:
                        continue
                    rest = match_from(slot_index + 1, start + len(alternative))
                    if rest is not None:
                        return list(range(start, start + len(alternative))) + rest[0], exactness + rest[1]
            return None

        return match_from(0, position)

    def _resolve_polarity(self, flag_id: str, tokens: list[_Token], matched: list[int]) -> tuple[str | None, int | None]:
        """The flag a cue points to once negation is counted, and the first negating token before it."""
        first = matched[0]
        scope = tokens[first].scope
        negations = 0
        earliest: int | None = None
        for index in range(max(0, first - NEGATION_WINDOW), first):
            if tokens[index].scope == scope and tokens[index].word in NEGATORS:
                negations = 1  # "no QA and no tests" is one negation, not two that cancel out
                earliest = index if earliest is None else earliest
        # "code is not reviewed": a negation right after the cue's first word, inside the cue's span.
        matched_set = set(matched)
        if len(matched) > 1:
            second = next(i for i in matched if i > first)
            if any(index not in matched_set and tokens[index].word in NEGATORS for index in range(first + 1, second)):
                negations += 1
        # "a build server was not used", "code review isn't done": a negated verb right after the cue;
        # "weekend work happens once a year": a frequency that says it hardly happens.
        last = tokens[matched[-1]]
        after = [t for t in tokens[matched[-1] + 1 : matched[-1] + 6] if t.scope == last.scope]
        words = [t.word for t in after]
        if words and (words[0] in _NEGATED_BE or (words[0] in _BE and len(words) > 1 and words[1] in NEGATORS)):
            negations += 1
        elif _HARDLY_EVER & set(words) or any(tuple(words[i : i + 3]) in _RARE_PHRASES for i in range(len(words))):
            return None, None  # rare is neither the flag nor its opposite: say nothing
        # A negation before the cue and one inside it cancel out: "no change ships without a ticket".
        if negations % 2 == 0:
            return flag_id, None
        return self.flags[flag_id].opposite, earliest

    def _combine(self, text: str, hits: dict[str, list[tuple[float, int, int]]]) -> list[Match]:
        matches = []
        for flag_id, found in hits.items():
            # Overlapping hits are one piece of evidence (keep the strongest); separate ones add up.
            spans: list[list] = []  # [start, end, best score]
            for score, start, end in sorted(found, key=lambda h: (h[1], h[2])):
                if spans and start < spans[-1][1]:
                    spans[-1][1] = max(end, spans[-1][1])
                    spans[-1][2] = max(score, spans[-1][2])
                else:
                    spans.append([start, end, score])
            missing = 1.0
            for _, _, best in spans:
                missing *= 1.0 - best
            score = round(1.0 - missing, 3)
            if score < REPORT_THRESHOLD:
                continue
            evidence = tuple(Evidence(s, e, text[s:e]) for s, e, _ in spans)
            matches.append(Match(self.flags[flag_id], score, evidence))
        matches.sort(key=lambda m: (m.kind != "red", -m.score, m.id))
        return matches


def matches_as_dict(matches: list[Match]) -> dict:
    """The JSON shape of `prepbot analyze` (see README): {"flags": [...]}."""
    return {
        "flags": [
            {
                "id": m.id,
                "kind": m.kind,
                "title": m.flag.title,
                "score": m.score,
                "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in m.evidence],
            }
            for m in matches
        ]
    }


def _sentences(text: str):
    """(offset, sentence) pairs; each sentence keeps its closing punctuation."""
    start = 0
    for boundary in _SENTENCE_BREAK_RE.finditer(text):
        end = boundary.end()
        if end > start:
            yield start, text[start:end]
        start = end
    if start < len(text):
        yield start, text[start:]


def _is_reported_question(sentence: str, tokens: list[_Token]) -> bool:
    """A sentence that only reports or asks a question states no fact about the team."""
    span = sentence[tokens[0].start : tokens[-1].end + 1]
    if _REPORTED_QUESTION.search(span):
        return True
    # "Do you have CI?", or a bare topic like "Automated tests?": a question, not an answer.
    return span.endswith("?") and (tokens[0].word in _DIRECT_QUESTION_START or len(tokens) <= 3)


def _compare(number: float, op: str, value: float) -> bool:
    return {
        ">=": number >= value, "<=": number <= value, ">": number > value, "<": number < value, "=": number == value,
    }[op]


def matcher_for(bank: Bank) -> Matcher:
    """The compiled matcher for this bank, built once and kept beside it for the process."""
    compiled = getattr(bank, "_matcher", None)
    if compiled is None:
        compiled = Matcher.from_bank(bank)
        object.__setattr__(bank, "_matcher", compiled)
    return compiled
