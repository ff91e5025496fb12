"""The cue language: parse, compile and run the phrases the matcher listens for.

A cue is a sequence of *slots* separated by spaces (see "Cue syntax" in the README): its words
must appear in order in one sentence with small gaps. `CueSet` compiles a catalogue's cues once:
each distinct word of a text is compared with the cue vocabulary once (exact, prefix, the word's
Snowball stem, then a typo-tolerant comparison with rapidfuzz) and only the cues a sentence can
plausibly match are tried. Word forms: "weekends" and "reviewing" match cue words "weekend" and
"reviewed" by their stem; two words written apart match a cue word written as one ("turned over",
"turn-over": "turnover"); "unreviewed" and "nonexistent" read as "not reviewed", "not existent".
Typo tolerance never reads a real English word as another one, nor a capitalised name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prepbot.matching import typos as typo_words
from prepbot.matching.compounds import cue_pairs, in_path, part_tokens, split_compound
from prepbot.matching.cue_numbers import NumberWords
from prepbot.matching.forms import inflected_literals, other_forms, spelled_out
from prepbot.matching.spans import gap_stretches, gap_words
from prepbot.matching.text import Token, as_number, cue_as_read, normalise
from prepbot.matching.words import inflection, is_word
from prepbot.matching.words import stem as word_stem

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules

DEFAULT_WEIGHT = 0.9
FUZZY_PENALTY = 0.9
DEFAULT_GAP = 3  # tokens allowed between two slots of a cue
WIDE_GAP = 8  # tokens allowed where a cue says "..."
MAX_SLOTS = 16  # a cue with more slots is refused: matching stays bounded

_NUM_RE = re.compile(r"^#(>=|<=|>|<|=)?(\d+(?:\.\d+)?)$")
_ON_CALL_RE = re.compile(r"(?<![a-z])on_call")


_NO_TERMS: dict[int, bool] = {}  # what a word matching no cue word matches (shared; never changed)
_NO_CUES: frozenset[int] = frozenset()
_UNSEEN = ("", "")  # a word the split cache has not seen (a real split is never two empty strings)
_WordEntry = tuple[dict[int, bool], frozenset[int], int, frozenset[int]]


def _union(index: dict[int, tuple[int, ...]], terms: Iterable[int]) -> frozenset[int]:
    found = [index[t] for t in terms if t in index]
    return frozenset().union(*found) if found else _NO_CUES


class CueError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Term:
    kind: str  # lit | pre | num
    text: str = ""
    op: str = ""
    value: float = 0.0


@dataclass(slots=True)  # (no __dict__ for ~3,400 cues and ~4,100 terms: about 1 MiB of the interview's peak)
class Cue:
    flag_id: str
    source: str
    weight: float
    negated_weight: float  # when the cue is flipped to the opposite flag: "no backlog" says more than "backlog"
    slots: list[list[tuple[int, ...]]]  # slot -> alternatives -> consecutive term ids
    gaps: list[int]  # gaps[i]: tokens allowed before slot i (gaps[0] unused)
    index: int = 0  # position in the set: cues are tried in catalogue order
    # Per slot: first term -> the alternatives starting with it (shared by cues with the same slot)
    slot_alternatives: list[dict[int, list[tuple[int, ...]]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.slot_alternatives:
            self.slot_alternatives = [_by_first(slot) for slot in self.slots]


def _by_first(slot: list[tuple[int, ...]]) -> dict[int, list[tuple[int, ...]]]:
    by_first: dict[int, list[tuple[int, ...]]] = {}
    for alternative in slot:
        by_first.setdefault(alternative[0], []).append(alternative)
    return by_first


class Vocabulary:
    def __init__(self) -> None:
        self.terms: list[Term] = []
        self._ids: dict[tuple[str, str, str, float], int] = {}
        self._parsed: dict[str, int] = {}  # a catalogue repeats its words: each is parsed once
        self.slots: dict[str, list[tuple[int, ...]]] = {}  # ...and its slots
        self.by_first: dict[str, dict[int, list[tuple[int, ...]]]] = {}  # ...and their index by first term
        self.alternatives: dict[str, tuple[int, ...]] = {}  # ...and the alternatives its slots share

    def intern(self, term: Term) -> int:
        key = (term.kind, term.text, term.op, term.value)  # a Term's identity, without its Python-level hash
        known = self._ids.get(key)
        if known is None:
            known = self._ids[key] = len(self.terms)
            self.terms.append(term)
        return known

    def parse_word(self, word: str) -> int:
        known = self._parsed.get(word)
        if known is None:
            known = self._parsed[word] = self._parse_word(word)
        return known

    def _parse_word(self, word: str) -> int:
        number = _NUM_RE.match(word)
        if number:
            return self.intern(Term("num", op=number.group(1) or ">=", value=float(number.group(2))))
        if word.endswith("*"):
            stem = normalise(word[:-1])
            if not stem or "*" in stem:
                raise CueError(f"'{word}' has nothing before '*'" if not stem else f"'{word}': '*' may only end a word")
            return self.intern(Term("pre", stem))
        text = normalise(word)
        if not text or "*" in text:
            raise CueError(f"'{word}' is not a word")
        return self.intern(Term("lit", text))


def compile_cue(vocabulary: Vocabulary, flag_id: str, source: str) -> Cue:
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
    by_first: list[dict[int, list[tuple[int, ...]]]] = []
    gaps: list[int] = []
    gap = DEFAULT_GAP
    for part in text.split():
        if part == "...":
            gap = WIDE_GAP
            continue
        alternatives = vocabulary.slots.get(part)
        if alternatives is None:
            alternatives = []
            for alternative in part.split("|"):
                terms = vocabulary.alternatives.get(alternative)
                if terms is None:
                    # Text splits "stand-up" into two words, so a cue's hyphen joins words like "_" does;
                    # "on_call" is written as two words in cues but read as one ("oncall") in text.
                    joined = alternative.replace("-", "_")
                    if "on_call" in joined:
                        joined = _ON_CALL_RE.sub("oncall", joined)
                    words = [w for w in joined.split("_") if w]
                    if not words:
                        raise CueError(f"cue '{source}': empty alternative in '{part}'")
                    terms = vocabulary.alternatives[alternative] = tuple([vocabulary.parse_word(w) for w in words])
                alternatives.append(terms)
            vocabulary.slots[part] = alternatives  # cues share slots ("review*"): each is parsed once
            vocabulary.by_first[part] = _by_first(alternatives)
        slots.append(list(alternatives))
        by_first.append(vocabulary.by_first[part])
        gaps.append(gap)
        gap = DEFAULT_GAP
    if not slots:
        raise CueError(f"cue '{source}' is empty")
    if len(slots) > MAX_SLOTS:
        raise CueError(f"cue '{source}' has {len(slots)} slots; at most {MAX_SLOTS} are allowed")
    return Cue(flag_id, source, weight, negated_weight, slots, gaps, slot_alternatives=by_first)


def check_cue(source: str) -> None:
    """Raise CueError when `source` is not a valid cue (used by bank validation)."""
    compile_cue(Vocabulary(), "", source)


class CueSet(NumberWords):
    """Cues compiled once; `find(tokens)` lists every cue reading of one sentence."""

    def __init__(self, cues: Iterable[tuple[str, str]], rules: "ContextRules"):
        """`cues`: (flag id, cue source) pairs in catalogue order. Raises CueError."""
        self.rules = rules
        self._gap_stops = gap_words(rules)  # where a wide gap stops (spans.gap_stretches)
        self.vocabulary = Vocabulary()
        self.cues: list[Cue] = []
        for flag_id, source in cues:
            read = spelled_out(cue_as_read(source, rules.abbreviations, rules.number_abbreviations), rules.contractions)
            cue = compile_cue(self.vocabulary, flag_id, read)
            cue.source = source
            cue.index = len(self.cues)
            self.cues.append(cue)
        self._index_terms()
        terms = self.vocabulary.terms
        # Word forms: the stem of each cue word (everyday words keep their exact form).
        self._literal_stems: dict[str, list[tuple[int, bool]]] = {}
        for word, i in self._literals.items():
            base = word_stem(word)
            if len(word) >= 4 and word.isalpha() and word not in rules.common_words and inflection(word, base):
                self._literal_stems.setdefault(base, []).append((i, word[len(base) :] in ("", "e")))
        uncommon = {w: i for w, i in self._literals.items() if w not in rules.common_words}
        self._inflected = inflected_literals(uncommon, self._literal_stems)
        # What a sentence must hold for a cue to match: for each slot, one *key* word of one of its alternatives (the
        # least everyday word of it: "customer" of "the_customer"). Equal requirements share an id; a sentence's
        # satisfied requirements are gathered once from its words, and a cue is tried only when all of its own are.
        requirement_ids: dict[frozenset[int], int] = {}
        needs: dict[int, set[int]] = {}  # key term -> requirements it satisfies
        self._requires: list[frozenset[int]] = []
        anchored: dict[int, list[int]] = {}
        common = [self._is_common(i) for i in range(len(terms))]
        # the least everyday term of an alternative, the longest such (any would do: a match holds every term)
        rank = [(not common[i], t.kind == "lit", len(t.text)) for i, t in enumerate(terms)]
        slot_keys_of: dict[tuple[tuple[int, ...], ...], frozenset[int]] = {}  # cues share slots
        for cue in self.cues:
            keys = []
            for slot in cue.slots:
                shape = tuple(slot)
                slot_keys = slot_keys_of.get(shape)
                if slot_keys is None:
                    slot_keys = slot_keys_of[shape] = frozenset(max(alternative, key=rank.__getitem__) for alternative in slot)
                keys.append(slot_keys)
            own = set()
            for slot_keys in keys:
                known = requirement_ids.get(slot_keys)
                if known is None:
                    known = requirement_ids[slot_keys] = len(requirement_ids)
                    for term_id in slot_keys:
                        needs.setdefault(term_id, set()).add(known)
                own.add(known)
            self._requires.append(frozenset(own))
            # Each cue is woken by the key words of one slot that has no everyday word among them
            # ("review*" rather than "every|all"), so a sentence only wakes the cues it can plausibly match.
            anchor = next((slot_keys for slot_keys in keys if not any(common[t] for t in slot_keys)), keys[0])
            for term_id in anchor:
                anchored.setdefault(term_id, []).append(cue.index)
        # (tuples: smaller than sets, and only ever read whole into a word's sets)
        self._anchored = {term: tuple(indexes) for term, indexes in anchored.items()}
        self._needs = {term: tuple(ids) for term, ids in needs.items()}
        starting: dict[int, set[int]] = {}  # term -> cues whose first slot can start with it
        for cue in self.cues:
            for term_id in {alternative[0] for alternative in cue.slots[0]}:
                starting.setdefault(term_id, set()).add(cue.index)
        self._starting = {term: tuple(indexes) for term, indexes in starting.items()}
        # The second halves of cue words written as one ("over" of "turnover"): only a pair ending in one can join.
        self._join_tails = frozenset(
            word[k:] for word in self._literals if word.isalpha() and len(word) >= 6 for k in range(2, len(word) - 1)
        )
        # what words run together and mistyped forms are read by (compounds.py, typos.py): built here, stored in the cache
        self._follows, self._typo_heads = cue_pairs(self), typo_words.heads_of(self)
        self.reset_caches()

    def _index_terms(self) -> None:
        """The vocabulary's terms by kind (also for a set rebuilt from data: `cue_cache`)."""
        terms = self.vocabulary.terms
        self._literals = {t.text: i for i, t in enumerate(terms) if t.kind == "lit"}
        self._stems: dict[int, dict[str, int]] = {}
        for i, t in enumerate(terms):
            if t.kind == "pre":
                self._stems.setdefault(len(t.text), {})[t.text] = i
        self._stem_initials = frozenset(stem[0] for stems in self._stems.values() for stem in stems)
        self._numbers = [(i, t) for i, t in enumerate(terms) if t.kind == "num"]
        # Which number terms a number matches depends only on where it falls among their values.
        self._number_values = sorted({t.value for _, t in self._numbers})
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

    def reset_caches(self) -> None:
        """Empty the per-word caches (what the set learnt from the texts it read)."""
        self._number_matches: dict[tuple[int, bool], tuple[int, ...]] = {}
        # Per word of a text (keyed as the token cache): its terms, the cues it wakes, the requirements it meets, and starts.
        self._word_entries: dict[str, _WordEntry] = {}
        self._sets_by_terms: dict[tuple[int, ...], tuple[frozenset[int], int, frozenset[int]]] = {}
        self._token_cache: dict[str, dict[int, bool]] = {}  # its values are shared: never changed in place
        self._number_terms: dict[tuple[tuple[int, bool], ...], dict[int, bool]] = {}
        self._number_entries = {}  # a class of numbers -> its word entry (cue_numbers.py)
        self._split_cache: dict[str, tuple[str, ...] | None] = {}
        self._join_cache: dict[str, dict[int, bool]] = {}
        # Each cue's requirements as the bits of one int (derived from `_requires`, for either way the set was
        # built): a sentence's met requirements are OR-ed from its words, and `find` tests a cue with one `&`.
        self._require_bits = [sum(1 << r for r in required) for required in self._requires]

    def _is_common(self, term_id: int) -> bool:
        term = self.vocabulary.terms[term_id]
        common = self.rules.common_words
        return term.kind == "num" or (term.kind == "lit" and term.text in common) or (term.kind == "pre" and len(term.text) < 4)

    # -- per token

    def terms_for(self, word: str, typos: bool = True) -> dict[int, bool]:
        """Term ids this word matches, each with whether the match was exact (a word form is exact;
        a typo is not). `typos=False`: no typo tolerance (a capitalised name)."""
        key = word if typos else "\0" + word
        cached = self._token_cache.get(key)
        if cached is not None:
            return cached
        if word[:1].isdigit() and (numeric := self._number_word(word)) is not None:
            return numeric  # (kept per class of number, not per number: cue_numbers.py)
        found: dict[int, bool] = {}
        exact = self._literals.get(word)
        if exact is not None:
            found[exact] = True
        verb = self.rules.contractions.get(word)
        if verb is not None and verb in self._literals:
            found.setdefault(self._literals[verb], True)  # "isnt" also reads as "is"; context counts the "nt"
        self.form_terms(word, found)
        if len(word) >= 4 and word.isalpha():
            for term in other_forms(self, word, exact is None):  # inflections Snowball misses, other spellings (forms.py)
                found.setdefault(term, True)
        # Typo tolerance only for words the vocabulary does not know ("paged" is not a typo of "pager", but "leavng",
        # read by "leav*" only, may be "leaving") and that are no real English word ("pilots" is not a typo of "pivots").
        terms = self.vocabulary.terms
        if typos and word.isalpha() and 4 <= len(word) <= 40 and all(terms[t].kind == "pre" for t in found) and not is_word(word):
            if len(word) >= 5 and not found:
                self._fuzzy(word, found)
            for term in typo_words.corrected(self, word):  # a mistyped word form: typos.py
                found.setdefault(term, False)
        number = as_number(word, self.rules.numbers)
        if number is not None:
            for term_id in self._number_terms_of(number):
                found[term_id] = True
            # Numbers are many and read alike ("412" as "1214"): one shared answer, not one each.
            found = self._number_terms.setdefault(tuple(found.items()), found)
        elif not found:
            found = _NO_TERMS
        if len(self._token_cache) > 50_000:  # bounded: pasted novels should not grow memory forever
            self._token_cache.clear()
        self._token_cache[key] = found
        return found

    def form_terms(self, word: str, found: dict[int, bool]) -> None:
        """Add the terms a word reads by a cue prefix or by its Snowball stem (its literal form aside)."""
        for length, stems in self._stems.items() if word[:1] in self._stem_initials else ():  # ("412": no prefix starts so)
            if len(word) >= length:
                term = stems.get(word[:length])
                if term is not None:
                    found[term] = True
        if len(word) >= 4 and word.isalpha():
            word_base = word_stem(word)
            if inflection(word, word_base):
                # A bare word only matches cue words written bare too: the cue "tests" does not
                # read "a test", nor "covered" "cover"; "weekends" reads the cue "weekend".
                bare = word[len(word_base) :] in ("", "e")
                for term, term_bare in self._literal_stems.get(word_base, ()):
                    if term_bare or not bare:
                        found.setdefault(term, True)

    def _word_entry(self, key: str) -> _WordEntry:
        """A word's terms (`terms_for`), the cues they wake, the cue requirements they meet and the
        cues they can start."""
        if key[:1].isdigit() and (numeric := self._number_entry(key)) is not None:
            return numeric  # (kept per class of number, not per number: cue_numbers.py)
        typos = not key.startswith("\0")
        terms = self.terms_for(key if typos else key[1:], typos=typos)
        entry = (terms, *self._sets_of(terms))
        if len(self._word_entries) > 50_000:  # bounded, as the token cache
            self._word_entries.clear()
        self._word_entries[key] = entry
        return entry

    def _sets_of(self, terms: Iterable[int]) -> tuple[frozenset[int], int, frozenset[int]]:
        # Words with the same terms share one answer: many words (numbers, word forms) read alike, and
        # one set each would hold hundreds of MiB on a pasted book.
        key = tuple(terms)
        sets = self._sets_by_terms.get(key)
        if sets is None:
            if len(self._sets_by_terms) > 50_000:  # bounded, as the token cache
                self._sets_by_terms.clear()
            met = sum(1 << r for r in _union(self._needs, key))  # the requirements met, as bits
            sets = (_union(self._anchored, key), met, _union(self._starting, key))
            self._sets_by_terms[key] = sets
        return sets

    def _known(self, word: str) -> bool:
        """Whether a word matches a cue word other than an everyday one, typos aside."""
        return any(not self._is_common(term) for term in self.terms_for(word, typos=False))

    def prepare(self, tokens: list[Token], text: str = "") -> list[Token]:
        """Tokens with negative prefixes split off ("unreviewed": "un reviewed" when "reviewed" is a cue word and
        "unreviewed" is not; the tokens share its offsets) and compounds written as one word read apart
        ("codereview": "code review", compounds.py; `text`, the sentence, leaves a link or a file name whole)."""
        out: list[Token] = []
        cache = self._split_cache
        for token in tokens:
            key = "\0" + token.word if token.capital else token.word
            split = cache.get(key, _UNSEEN)
            if split is _UNSEEN:
                split = cache[key] = self._split(token.word, token.capital)
            # (a compound written as one word is not read apart in a link or a file name: "/buglist.cgi")
            compound = split is not None and (len(split) != 2 or split[0] not in self.rules.negation_prefixes)
            out.extend([token] if split is None or compound and in_path(text, token) else part_tokens(token, split))
        if len(self._split_cache) > 50_000:
            self._split_cache.clear()
        return out

    def _split(self, word: str, capital: bool = False) -> tuple[str, ...] | None:
        prefix = next((p for p in self.rules.negation_prefixes if word.startswith(p)), "")
        rest = word[len(prefix) :]
        if prefix and len(rest) >= 4 and rest.isalpha() and not self._known(word) and self._known(rest):
            return prefix, rest
        if capital:
            return None  # a name ("PagerDuty", "BUGTRACKER.md") is never read apart
        return split_compound(word, self, self._follows)

    def _joined_terms(self, first: str, second: str) -> dict[int, bool]:
        """Cue terms of two words read as one ("turned over": "turnover"), everyday words aside."""
        key = first + " " + second
        cached = self._join_cache.get(key)
        if cached is not None:
            return cached
        found: dict[int, bool] = {}
        for joined in (first + second, word_stem(first) + second):
            if joined not in self._literals and word_stem(joined) not in self._literal_stems:
                continue  # most pairs join into no cue word
            found = {t: e for t, e in self.terms_for(joined, typos=False).items() if not self._is_common(t)}
            if found:
                break
        if len(self._join_cache) > 50_000:
            self._join_cache.clear()
        self._join_cache[key] = found
        return found

    def _token_terms(self, tokens: list[Token]) -> tuple[list[_WordEntry], set[int], int, list[tuple[int, dict[int, bool]]]]:
        """Each token's entry (`_word_entry`), the cues the sentence wakes, the cue requirements it meets (bits),
        and the terms a word written apart ("turned over", "turn-over", "on boarding") adds to its first word."""
        get = self._word_entries.get  # (an entry is a tuple of four: never false)
        rows = [get(key) or self._word_entry(key) for key in ["\0" + t.word if t.capital else t.word for t in tokens]]
        woken: set[int] = set()
        met = 0
        for row in rows:
            met |= row[2]
            if row[1]:  # most words wake no cue
                woken |= row[1]
        joins = []
        tails = self._join_tails
        # (only a pair whose second word ends a cue word written as one: few)
        for i in [i - 1 for i in range(1, len(tokens)) if tokens[i].word in tails]:
            first, second = tokens[i], tokens[i + 1]
            if second.start - first.end > 1 or first.clause != second.clause:
                continue
            if not first.word.isalpha():
                continue
            extra = self._joined_terms(first.word, second.word)
            new = {t: e for t, e in extra.items() if t not in rows[i][0]} if extra else None
            if new:
                joins.append((i, new))
                more_woken, more_met, _ = self._sets_of(new)
                woken.update(more_woken)
                met |= more_met
        return rows, woken, met, joins

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

    def topical(self, tokens: list[Token]) -> bool:
        """Whether any word of the sentence is a cue word other than an everyday one: a sentence
        about nothing the catalogue knows ("lunch is on Fridays") is not worth the classifier's time."""
        for token in tokens:
            for term_id in self.terms_for(token.word, typos=not token.capital):
                if not self._is_common(term_id):
                    return True
        return False

    # -- per sentence

    def find(self, tokens: list[Token]) -> list[tuple[Cue, list[int], list[bool]]]:
        """Every (cue, matched token positions, exactness per matched token) in one sentence.

        Each cue is tried from each position where its first slot can start; dead ends are shared
        between those tries, so the work is bounded by the sentence's length times the cue's slots
        and gaps, never exponential.
        """
        rows, candidates, met, joins = self._token_terms(tokens)
        # Only cues whose every slot has a key word in this sentence are tried, each from the
        # positions where its first slot can start.
        found: list[tuple[Cue, list[int], list[bool]]] = []
        cues, requires = self.cues, self._require_bits
        # (`met & r == r`: both positive, so the AND runs over the cue's few bits, not all of `met`'s)
        viable = sorted([index for index in candidates if met & requires[index] == requires[index]])
        if not viable:
            return found  # (most sentences, for the absence phrases: nothing more to build)
        token_terms = [row[0] for row in rows]
        starting = [row[3] for row in rows]
        for i, new in joins:
            token_terms[i] = {**token_terms[i], **new}
            starting[i] = starting[i] | self._sets_of(new)[2]
        clauses = [t.clause for t in tokens]
        stretches = gap_stretches(tokens, clauses, *self._gap_stops)
        # Where each cue can start, in one pass over the words (not one pass per cue).
        wanted = frozenset(viable)
        starts_of: dict[int, list[int]] = {}
        for p, cues_started in enumerate(starting):
            for index in wanted.intersection(cues_started) if cues_started else ():
                starts_of.setdefault(index, []).append(p)
        for index in viable:
            starts = starts_of.get(index)
            if starts is not None:
                cue = cues[index]
                dead: set[tuple[int, int]] = set()
                for position in starts:
                    reading = _match_from(cue, 0, position, (clauses, stretches), token_terms, dead)
                    if reading is not None:
                        found.append((cue, reading[0], reading[1]))
        return found


def _match_from(
    cue: Cue, slot_index: int, at: int, clauses: tuple[list[int], list[int]], token_terms, dead: set[tuple[int, int]]
) -> tuple[list[int], list[bool]] | None:
    """The reading of `cue` from its slot `slot_index` on, starting at token `at`: slots in order,
    earliest fit first. Close gaps stay inside one clause ("includes code reviews, occasionally
    pairing" is a list, not "reviews occasionally"); a cue's wide "..." gap may reach across commas.
    A (slot, position) pair that cannot lead to a full reading is remembered, so the search visits
    each pair once: a user cue of many "..." slots stays linear in the sentence. (A plain function,
    not a closure: a closure per try would make a reference cycle per try for the GC to find.)"""
    if slot_index == len(cue.slots):
        return [], []
    if (slot_index, at) in dead:
        return None
    within = clauses[0]
    end_of_text = len(within)
    by_first = cue.slot_alternatives[slot_index]
    if slot_index == 0:
        window = range(at, at + 1)
        clause = -1
    else:
        gap = cue.gaps[slot_index]
        stop = at + gap + 1
        window = range(at, stop if stop < end_of_text else end_of_text)  # (no min(): this runs very often)
        # close gaps stay in the clause of the word before; a wide "..." gap may cross commas, not a "but"
        within = clauses[1] if gap > DEFAULT_GAP else within
        clause = within[at - 1]
    last = slot_index + 1 == len(cue.slots)  # the last slot: nothing after it to match
    for start in window:
        if clause >= 0 and within[start] != clause:
            break
        here = token_terms[start]
        for term in here:
            alternatives = by_first.get(term)
            if alternatives is None:
                continue
            for alternative in alternatives:
                exactness: list[bool] | None
                if len(alternative) == 1:
                    exactness = [here[term]]
                else:
                    exactness = _match_alternative(alternative, start, token_terms, end_of_text)
                    if exactness is None:
                        continue
                if last:
                    return list(range(start, start + len(alternative))), exactness
                rest = _match_from(cue, slot_index + 1, start + len(alternative), clauses, token_terms, dead)
                if rest is not None:
                    return list(range(start, start + len(alternative))) + rest[0], exactness + rest[1]
    dead.add((slot_index, at))
    return None


def _match_alternative(alternative: tuple[int, ...], at: int, token_terms, end_of_text: int) -> list[bool] | None:
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
