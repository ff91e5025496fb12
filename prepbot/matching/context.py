"""Context rules: what the words around a cue do to its meaning (ConText/NegEx style).

The rules are data (`context.yaml` beside this file, validated by the bank loader); this module
is the small engine that applies them. A sentence is scanned once for trigger phrases
(negations, pseudo-negations, modifiers such as hypotheticals or advice); each cue reading is
then decided from the triggers in its scope and direction. A decision names the rule and the
trigger that produced it, so every flag can say why it was (or was not) read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from prepbot.matching.text import Token

CONTEXT_FILE = Path(__file__).with_name("context.yaml")
_DETERMINERS = frozenset({"the", "a", "an", "some", "those", "these", "our", "their", "his", "her", "my", "all", "most"})
DIRECTIONS = ("forward", "backward", "both", "earlier_clauses", "next_clause", "earlier_past_clauses", "holding")
# What a modifier does to a cue in its scope: "nothing" (the cue states no fact: a hypothetical, a
# question, advice to a candidate), "opposite" (what held then no longer holds: a dropped practice,
# a fixed problem), "red" (the practice is not really there: "in name only", a proposal to start it),
# "past" (a practice of the past is gone: a green cue reads its red opposite, a red one nothing),
# "fixed" (a problem of the past is gone: a red cue says nothing, a green one stands), "keep" (the
# words change nothing a cue says, but the sentence is ruled by them: "not a thing anymore").
EFFECTS = ("nothing", "opposite", "red", "past", "fixed", "keep")


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(item).lower().replace("'", "").replace("’", "").split()) for item in items)


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


@dataclass(frozen=True)
class Modifier:
    """Trigger phrases that make a cue in their scope say nothing (hypothetical, advice, ...)."""

    name: str
    direction: str  # forward: applies to cues after the trigger; backward: before it; both
    window: int
    triggers: tuple[tuple[str, ...], ...]
    effect: str = "nothing"  # one of EFFECTS


@dataclass(frozen=True)
class ContextRules:
    negation_before: frozenset[str]
    negation_window: int
    negation_after: frozenset[str]
    be_words: frozenset[str]
    pseudo_negation: tuple[tuple[str, ...], ...]
    modifiers: tuple[Modifier, ...]
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
    answer_yes: tuple[tuple[str, ...], ...] = ()
    answer_no: tuple[tuple[str, ...], ...] = ()
    # Answers that say the practice is not really there whichever way the question was asked
    # ("kinda", "used to", "we're working on it"): they read the question's red flag.
    answer_red: tuple[tuple[str, ...], ...] = ()
    answer_unknown: tuple[tuple[str, ...], ...] = ()  # "no idea", "not sure": no answer at all
    answer_fillers: frozenset[str] = frozenset()  # "lol no", "honestly, no": words before the answer
    # Answer cues any question probing a flag reads, beside its own: "two left in March" under any
    # question about turnover. Flag id -> cues (the bank's cue syntax).
    answer_families: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Bare topics a shorthand note answers ("tests: none", "CI? someday"): phrase -> the flag it names.
    topics: dict[tuple[str, ...], str] = field(default_factory=dict)
    contractions: dict[str, str] = field(default_factory=dict)
    negation_prefixes: frozenset[str] = frozenset()  # "un", "non": split off a cue word, they negate only it
    negation_cancelling: frozenset[str] = frozenset()  # "without": after another negation, the two cancel
    answered_yes: tuple[tuple[str, ...], ...] = ()  # how the sentence after a reported question answers it
    answered_no: tuple[tuple[str, ...], ...] = ()
    scare_quote_pairs: tuple[str, ...] = ()  # opening and closing mark, e.g. '""', "“”"
    scare_quote_words: int = 0  # at most this many words between them
    # The candidate's own questions and to-dos in notes ("ask: do they have CI?", "q - who decides
    # priorities?", "? tests"): phrases that open such a sentence; a phrase of marks is read off the text.
    own_question_starts: tuple[tuple[str, ...], ...] = ()
    # Flags whose subject is what the candidate was asked ("I was asked about polymorphism"): read in a
    # question put to the candidate; in any other question (the candidate's own, "I asked whether...") not.
    asked_flags: frozenset[str] = frozenset()
    asked_passive: frozenset[str] = frozenset()  # "was", "got": "I was asked about ..." is put to the candidate
    # Per flag, phrases that give a cue's words another sense ("customer churn", "left comments"): a
    # reading of that flag whose words overlap one says nothing.
    other_senses: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Words that put a clause in the past ("was", "used", "ago"): an earlier_past_clauses trigger
    # ("..., now ...") only reaches a cue in a clause that holds one.
    past_words: frozenset[str] = frozenset()
    # A word in scare quotes before a cue says the practice is there in name only: "they 'have' tests".
    scare_quote_verbs: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ContextRules:
        """Rules from the parsed YAML (already validated by `prepbot.bank_loader.read_context`)."""
        negation, rare, questions = data["negation"], data["rare"], data["questions"]
        before = frozenset(str(w) for w in negation["before"])
        return cls(
            negation_before=before,
            negation_window=int(negation["window"]),
            negation_after=frozenset(str(w) for w in negation["after"]),
            be_words=frozenset(str(w) for w in negation["be"]),
            pseudo_negation=_phrases(data["pseudo_negation"]),
            modifiers=tuple(
                Modifier(
                    str(m["name"]),
                    str(m["direction"]),
                    int(m["window"]),
                    _phrases(m["triggers"]),
                    str(m.get("effect", "nothing")),
                )
                for m in data["modifiers"]
            ),
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
            answer_yes=_phrases(data["answers"]["yes"]),
            answer_no=_phrases(data["answers"]["no"]),
            answer_red=_phrases(data["answers"].get("red", ())),
            answer_unknown=_phrases(data["answers"].get("unknown", ())),
            answer_fillers=frozenset(str(w) for w in data["answers"].get("fillers", ())),
            answer_families={str(k): tuple(str(c) for c in v) for k, v in (data["answers"].get("families") or {}).items()},
            topics={p: str(flag) for flag, words in data.get("topics", {}).items() for p in _phrases(words)},
            contractions={str(k): str(v) for k, v in data["contractions"].items()},
            negation_prefixes=frozenset(str(w) for w in negation.get("prefixes", ())),
            negation_cancelling=frozenset(str(w) for w in negation.get("cancelling", ())),
            answered_yes=_phrases(questions.get("answered_yes", ())),
            answered_no=_phrases(questions.get("answered_no", ())),
            scare_quote_pairs=tuple(str(p) for p in data.get("scare_quotes", {}).get("pairs", ()) if len(str(p)) == 2),
            scare_quote_words=int(data.get("scare_quotes", {}).get("max_words", 0)),
            own_question_starts=_phrases(questions.get("own_start", ())),
            asked_flags=frozenset(str(f) for f in questions.get("asked_flags", ())),
            asked_passive=frozenset(str(w) for w in questions.get("asked_passive", ())),
            other_senses={str(flag): _phrases(words) for flag, words in data.get("other_senses", {}).items()},
            past_words=frozenset(str(w) for w in data.get("past_words", ())),
            scare_quote_verbs=frozenset(str(w) for w in data.get("scare_quotes", {}).get("verbs", ())),
        )

    @cached_property
    def triggers_by_first_word(self) -> dict[str, list[tuple[str, tuple[str, ...], str, int, str]]]:
        """(kind, phrase, direction, window, effect) of every modifier trigger, by the phrase's first word."""
        index: dict[str, list[tuple[str, tuple[str, ...], str, int, str]]] = {}
        for modifier in self.modifiers:
            for phrase in modifier.triggers:
                index.setdefault(phrase[0], []).append(
                    (modifier.name, phrase, modifier.direction, modifier.window, modifier.effect)
                )
        return index

    def _topics_by_flag(self) -> dict[str, list[str]]:
        by_flag: dict[str, list[str]] = {}
        for phrase, flag in self.topics.items():
            by_flag.setdefault(flag, []).append(" ".join(phrase))
        return by_flag

    @cached_property
    def word_table(self) -> dict[str, tuple[str, bool, int, tuple[str, ...] | None]]:
        """What each raw word of a text reads as under these rules, filled by `text.tokenize`."""
        return {}

    @cached_property
    def own_question_index(self) -> tuple[tuple[str, ...], dict[str, list[tuple[str, ...]]]]:
        """The marks that open an own question ("?"), and its opening phrases by their first word."""
        marks = tuple(p[0] for p in self.own_question_starts if not p[0][:1].isalnum())
        return marks, _by_first_word(tuple(p for p in self.own_question_starts if p[0][:1].isalnum()))

    @cached_property
    def scan_index(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """What `scan` looks up: pseudo-negations and modifier triggers by their first word ("^"
        for those that only count at the start of a sentence, indexed by the words after it)."""
        pseudo = {w: _phrase_index([(p, p) for p in phrases]) for w, phrases in self.pseudo_by_first_word.items()}
        modifiers = {
            w: _phrase_index([(e[1], e) for e in entries], skip=1 if w == "^" else 0)
            for w, entries in self.triggers_by_first_word.items()
        }
        return pseudo, modifiers

    @cached_property
    def negating(self) -> frozenset[str]:
        """The words `scan` reads as negations: a negation word or a split-off prefix ("un", "non")."""
        return self.negation_before | self.negation_prefixes

    @cached_property
    def now_openers(self) -> dict[str, list[tuple[str, ...]]]:
        """Phrases that say what holds now of a past told before them ("now", "moved to"), by first word."""
        return _by_first_word(tuple(p for m in self.modifiers if m.direction == "earlier_past_clauses" for p in m.triggers))

    @cached_property
    def pseudo_by_first_word(self) -> dict[str, list[tuple[str, ...]]]:
        return _by_first_word(self.pseudo_negation)

    @cached_property
    def reported_by_first_word(self) -> dict[str, list[tuple[str, ...]]]:
        return _by_first_word(self.reported_questions)

    def as_mapping(self) -> dict[str, Any]:
        """The inverse of `from_mapping`: plain data (for the catalogue's JSON cache)."""
        return {
            "negation": {
                "window": self.negation_window,
                "before": sorted(self.negation_before),
                "after": sorted(self.negation_after),
                "be": sorted(self.be_words),
                "prefixes": sorted(self.negation_prefixes),
                "cancelling": sorted(self.negation_cancelling),
            },
            "pseudo_negation": [" ".join(p) for p in self.pseudo_negation],
            "modifiers": [
                {
                    "name": m.name,
                    "direction": m.direction,
                    "effect": m.effect,
                    "window": m.window,
                    "triggers": [" ".join(t) for t in m.triggers],
                }
                for m in self.modifiers
            ],
            "clause_breakers": sorted(self.clause_breakers),
            "scope_breakers": sorted(self.scope_breakers),
            "rare": {"window": self.rare_window, "after": [" ".join(p) for p in self.rare_after]},
            "questions": {
                "reported": [" ".join(p) for p in self.reported_questions],
                "direct_start": sorted(self.question_starts),
                "short_question_words": self.short_question_words,
                "answered_yes": [" ".join(p) for p in self.answered_yes],
                "answered_no": [" ".join(p) for p in self.answered_no],
                "own_start": [" ".join(p) for p in self.own_question_starts],
                "asked_flags": sorted(self.asked_flags),
                "asked_passive": sorted(self.asked_passive),
            },
            "common_words": sorted(self.common_words - self.negation_before),
            "abbreviations": {k: list(v) for k, v in self.abbreviations.items()},
            "numbers": dict(self.numbers),
            "answers": {
                "yes": [" ".join(p) for p in self.answer_yes],
                "no": [" ".join(p) for p in self.answer_no],
                "red": [" ".join(p) for p in self.answer_red],
                "unknown": [" ".join(p) for p in self.answer_unknown],
                "fillers": sorted(self.answer_fillers),
                "families": {k: list(v) for k, v in self.answer_families.items()},
            },
            "topics": self._topics_by_flag(),
            "contractions": dict(self.contractions),
            "scare_quotes": {
                "pairs": list(self.scare_quote_pairs),
                "max_words": self.scare_quote_words,
                "verbs": sorted(self.scare_quote_verbs),
            },
            "past_words": sorted(self.past_words),
            "other_senses": {flag: [" ".join(p) for p in phrases] for flag, phrases in self.other_senses.items()},
        }


@dataclass(frozen=True)
class Trigger:
    kind: str  # "negation" or a modifier's name
    start: int  # token positions, end exclusive
    end: int
    words: str
    direction: str = "forward"
    window: int = 0
    effect: str = "nothing"


@dataclass(frozen=True)
class Decision:
    """What the context made of one cue reading."""

    flag_id: str | None  # the flag the cue states once context is counted; None: it says nothing
    trigger: int | None  # first token of the words that changed it (quoted with the evidence)
    rule: str  # "" when nothing changed it, else e.g. "negation before: 'no'"


def _find(words: list[str], phrase: tuple[str, ...]) -> list[int]:
    size = len(phrase)
    first = phrase[0]
    return [i for i, w in enumerate(words) if w == first and tuple(words[i : i + size]) == phrase]


PSEUDO = "pseudo-negation"  # a negation word inside a pseudo-negation ("never skip")


def scan(tokens: list[Token], rules: ContextRules) -> list[Trigger]:
    """Every negation and modifier trigger in a sentence, pseudo-negations masked out.

    One pass over the words: phrases are looked up by their first word.
    """
    words = [t.word for t in tokens]
    masked: set[int] = set()
    phrase_end: dict[int, int] = {}  # where the pseudo-negation starting at a word ends
    pseudo, modifiers = rules.scan_index
    found: list[Trigger] = []
    for i in [i for i, word in enumerate(words) if word in pseudo or word in modifiers]:  # most words start no phrase
        word = words[i]
        if (index := pseudo.get(word)) is not None:
            for phrase in _starting(index, words, i):
                masked.update(range(i, i + len(phrase)))
                phrase_end.setdefault(i, i + len(phrase))
        if i not in masked and (index := modifiers.get(word)) is not None:
            for kind, phrase, direction, window, effect in _starting(index, words, i):
                found.append(Trigger(kind, i, i + len(phrase), " ".join(phrase), direction, window, effect))
    # A trigger written "^ when" only counts at the start of the sentence (and not inside a
    # pseudo-negation there: "when we push back, ..." is a habit, not a condition).
    anchored = [
        Trigger(kind, 0, len(phrase) - 1, " ".join(phrase[1:]), direction, window, effect)
        for kind, phrase, direction, window, effect in _starting(modifiers.get("^"), words, 0)
        if 0 not in masked
    ]
    found = anchored + found
    negating = rules.negating
    negations = [Trigger("negation", i, i + 1, w) for i, w in enumerate(words) if w in negating and i not in masked]
    # "nothing ships unless it is tested", "can't merge unless CI is green": a cancelling word
    # (`negation.cancelling`) that is not itself a negation, after a negation in its clause, states
    # the rule's condition. It is no hypothetical, and the negation before it does not reach past it.
    conditions = [
        i
        for i, w in enumerate(words)
        if w in rules.negation_cancelling
        and w not in negating
        and any(n.start < i and tokens[n.start].scope == tokens[i].scope for n in negations)
    ]
    if conditions:
        found = [t for t in found if t.start not in conditions]
        for i in conditions:
            for token in tokens[i:]:
                token.scope += 1
    # A pseudo-negation keeps its negation for a cue that starts inside it: "we never skip reviews"
    # says nothing against a review cue, but it does negate the cue "skip ... review".
    # (`window` holds where the phrase ends: the cue must cover its last word, so "no tests, no merge"
    # stays a rule.)
    negations += [Trigger(PSEUDO, i, i + 1, words[i], window=end) for i, end in phrase_end.items() if words[i] in negating]
    return negations + found


_PhraseIndex = tuple[tuple[int, ...], dict[tuple[str, ...], list[tuple[int, Any]]]]


def _phrase_index(entries: list[tuple[tuple[str, ...], Any]], skip: int = 0) -> _PhraseIndex:
    """Phrases that share a first word, for `_starting`: their lengths (less `skip` words), and each
    phrase (from word `skip` on) -> (its place in the list, its entry)."""
    by_phrase: dict[tuple[str, ...], list[tuple[int, Any]]] = {}
    for place, (phrase, entry) in enumerate(entries):
        by_phrase.setdefault(phrase[skip:], []).append((place, entry))
    return tuple(sorted({len(p) for p in by_phrase})), by_phrase


def _starting(index: _PhraseIndex | None, words: list[str], i: int) -> list[Any]:
    """The entries of `index` whose phrase the words from `i` on start with, in the list's order:
    one lookup per phrase length, not one comparison per phrase ("until" opens a hundred)."""
    if index is None:
        return []
    lengths, by_phrase = index
    found: list[tuple[int, Any]] = []
    for length in lengths:
        if i + length <= len(words):
            entries = by_phrase.get(tuple(words[i : i + length]))
            if entries is not None:
                found.extend(entries)
    if len(found) > 1:
        found.sort(key=lambda pair: pair[0])
    return [entry for _, entry in found]


def scare_quoted(sentence: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> str:
    """The quoted words when a cue reading sits inside a few words in quotes ("we have 'code
    review'"): quoted like that, the practice is there in name only. Else ""."""
    start, end = tokens[matched[0]].start, tokens[matched[-1]].end
    for pair in rules.scare_quote_pairs:
        opening, closing = pair[0], pair[1]
        left = sentence.rfind(opening, 0, start)
        if left < 0 or (left > 0 and sentence[left - 1].isalnum()):
            continue  # an apostrophe inside a word ("team's") opens nothing
        right = sentence.find(closing, end)
        if right < 0 or (right + 1 < len(sentence) and sentence[right + 1].isalnum()):
            continue
        inside = sentence[left + 1 : right]
        if opening in inside or closing in inside or not inside.strip():
            continue
        # The quotes hold the cue's words and at most one more: "'on the roadmap'" hedges the roadmap, not CI.
        if len(inside.split()) <= min(rules.scare_quote_words, len(matched) + 1):
            return inside.strip()
    # "they 'have' unit tests", "code review is 'encouraged'": one of a few words in quotes, close
    # to the cue in its clause.
    clause = tokens[matched[0]].clause
    near = [*range(matched[0] - 1, max(-1, matched[0] - 5), -1), *range(matched[-1] + 1, min(len(tokens), matched[-1] + 5))]
    # ...or one of the cue's own words alone in quotes: 'on-call is "voluntary"', 'a "prioritised" backlog'.
    own = matched if len(matched) > 1 else []
    for i in [*near, *own]:
        token = tokens[i]
        if token.clause != clause or (token.word not in rules.scare_quote_verbs and i not in own):
            continue
        left = token.start - 1
        right = token.end
        # "'supposed to'": the quote may hold one more word after it
        if right < len(sentence) and sentence[right] == " " and i + 1 < len(tokens) and tokens[i + 1].start == right + 1:
            right = tokens[i + 1].end if sentence[tokens[i + 1].end : tokens[i + 1].end + 1] in "'\"’”" else right
        if 0 <= left and right < len(sentence) and sentence[left] + sentence[right] in rules.scare_quote_pairs:
            if left == 0 or not sentence[left - 1].isalnum():
                return sentence[token.start : right]
    return ""


def other_sense(flag_id: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> str:
    """The phrase of `other_senses` that the cue's matched words fall in, or "": "customer churn" is not
    the team's churn, "left comments" not people leaving."""
    phrases = rules.other_senses.get(flag_id)
    if not phrases:
        return ""
    words = [t.word for t in tokens]
    hit = set(matched)
    for phrase in phrases:
        for start in _find(words, phrase):
            if hit.intersection(range(start, start + len(phrase))):
                return " ".join(phrase)
    return ""


def decide(
    flag_id: str,
    opposite: str | None,
    tokens: list[Token],
    matched: list[int],
    rules: ContextRules,
    triggers: list[Trigger],
    red: bool = True,
) -> Decision:
    """The flag a cue reading states once the triggers around it are counted (`red`: the cue's
    flag is a red one). A modifier's effect applies after negation: "nobody should push to main"
    is advice that shows the state it would fix."""
    sense = other_sense(flag_id, tokens, matched, rules)
    if sense:
        return Decision(None, None, f"another sense: '{sense}'")
    first, last = matched[0], matched[-1]
    clause_first, clause_last = tokens[first].clause, tokens[last].clause
    # The clause right after the cue's (", but in practice ..." skips the empty clause between comma and "but").
    next_clause = next((t.clause for t in tokens[last + 1 :] if t.clause > clause_last), -1)
    for trigger in triggers:
        # "no ticket, no work": the cue "no ticket" holds the first half of a rule, not an absence.
        if trigger.kind == PSEUDO and trigger.start in matched and last < trigger.window - 1:
            return Decision(None, None, f"pseudo-negation: '{trigger.words}'")
    modifier: Trigger | None = None
    changed: Trigger | None = None  # a later clause that says what holds now ("..., now ...")
    for trigger in triggers:
        if trigger.kind in ("negation", PSEUDO) or trigger.effect == "keep":
            continue
        now_scope = tokens[trigger.start].scope
        if (
            trigger.direction == "earlier_past_clauses"
            and first < trigger.start
            and tokens[first].scope < now_scope
            and (trigger.start <= last or tokens[last].scope == now_scope)
        ):
            # "deployed by hand -> now automated", "bugs in email threads -> jira now": a cue that
            # reaches into the part that says what holds now reads the now; what was said of the past
            # before that part does not apply. (A cue that ends inside the trigger, "lost many ...
            # nobody left since", says nothing of the now.)
            if trigger.start <= last < trigger.end:
                return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
            start = next(i for i in range(first, len(tokens)) if tokens[i].scope == now_scope)
            later = [t for t in triggers if t.start >= start and t is not trigger]
            decision = decide(flag_id, opposite, tokens, matched, rules, later, red)
            said = f"{trigger.kind}: '{trigger.words}'"
            return Decision(decision.flag_id, decision.trigger, f"{decision.rule}; {said}" if decision.rule else said)
        forward = trigger.direction in ("forward", "both") and trigger.end <= first and first - trigger.end < trigger.window
        forward = forward and tokens[trigger.start].clause == clause_first == clause_last
        backward = trigger.direction in ("backward", "both") and trigger.start > last and trigger.start - last <= trigger.window
        backward = backward and tokens[trigger.start].clause == clause_last
        # "we had reviews for a while, then stopped": a later clause of the sentence takes it back.
        backward = backward or (trigger.direction == "earlier_clauses" and trigger.start > last)
        # "standups ran an hour back then, now 10 min": a later clause says what holds now; it only
        # reaches a cue whose clause is told in the past.
        backward = backward or (
            trigger.direction == "earlier_past_clauses"
            and trigger.start > last
            and tokens[trigger.start].scope > tokens[last].scope
            and any(t.word in rules.past_words for t in tokens if t.clause == clause_last)
        )
        # Shorthand: "TDD tried, dropped", "reviews, in theory": the next clause opens with the trigger.
        backward = backward or (
            trigger.direction == "next_clause"
            and trigger.start > last
            and tokens[trigger.start].clause == next_clause
            and trigger.start - last <= trigger.window
            and all(tokens[i].clause == clause_last for i in range(last + 1, max(last + 1, trigger.start - 1)))
            # ...but "tests, dropped the flaky ones" drops something else
            and not (trigger.end < len(tokens) and tokens[trigger.end].word in _DETERMINERS)
        )
        # "holding": the trigger is a phrase that holds some of the cue's words but not all of its
        # own: the cue read one word of a phrase that means something else ("pivot tables", "customer
        # orders", "nobody stays late" for a cue "nobody ... stays").
        if trigger.direction == "holding":
            held = [i for i in range(trigger.start, trigger.end) if i in matched]
            one_clause = tokens[trigger.start].clause == tokens[trigger.end - 1].clause  # "manual, tests" is no phrase
            if held and len(held) < trigger.end - trigger.start and one_clause:
                if trigger.effect == "nothing":
                    return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
                modifier = modifier or trigger
            continue
        # A trigger among the cue's own words ("the daily used to drag on for an hour") applies too.
        # (Not in a cue that spans clauses: "deployed by hand until last year, now automatic" — the
        # "until" belongs to the first clause, not to "deploy ... automatic".)
        # (Not a trigger made of the cue's own words: "is gone" in "most of the team is gone".)
        inside = (
            first < trigger.start < last
            and trigger.end <= last
            and trigger.direction
            not in (
                "earlier_clauses",
                "next_clause",
                "earlier_past_clauses",
            )
        )
        inside = inside and clause_first == clause_last
        # ...nor one the cue spells out itself: "even if it means overtime" names the condition it states.
        inside = inside and not all(i in matched for i in range(trigger.start, trigger.end))
        # ...but not a change that ends what comes before it, inside a cue whose words run on past it:
        # "weekend releases stopped after they automated deploys" ends the weekend releases.
        inside = inside and not (trigger.direction == "backward" and trigger.effect == "opposite" and trigger.end < last)
        if not (forward or backward or inside):
            continue
        if trigger.effect == "nothing":
            # A hypothetical, a question or advice to a candidate says nothing about the team now.
            return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
        if trigger.direction == "earlier_past_clauses":
            changed = changed or trigger
        modifier = modifier or trigger
    decision = _polarity(flag_id, opposite, tokens, matched, rules, triggers)
    if modifier is None or decision.flag_id is None and not decision.rule.endswith("(the flag has no opposite)"):
        return decision
    said = f"{modifier.kind}: '{modifier.words}'"
    rule = f"{decision.rule}; {said}" if decision.rule else said
    flipped = decision.flag_id != flag_id
    if decision.flag_id is None:  # negated and no opposite: the flag itself held before it was dropped
        current, current_red, other = flag_id, red, None
    else:
        current, current_red, other = decision.flag_id, red != flipped, (opposite if not flipped else flag_id)
    if decision.flag_id is None:
        if modifier.effect == "red" and red:
            # "in theory nobody works weekends": the absence is the hedged claim; the red flag stands.
            return Decision(flag_id, modifier.start, rule)
        return Decision(None, None, rule)  # negated, and the flag has no opposite: nothing to turn round
    if modifier.effect == "opposite":
        return Decision(other, modifier.start, rule)
    if modifier.effect == "fixed":
        # "deploys were manual, a pipeline since then": the problem is gone and its green opposite
        # holds; a green one stands ("tests were added, now ...").
        if current_red:
            return Decision(other, modifier.start, rule) if other is not None else Decision(None, None, rule)
        return Decision(current, decision.trigger, rule)
    if modifier.effect == "past":
        # "we used to have a backlog" is gone now; "back then nobody reviewed code" may be fixed: no red...
        if changed is not None:
            # ...unless a later clause says what holds now: "used to have no tests; now mandatory" is
            # the problem gone, its green opposite in place; "used to track bugs in a sheet, moved to
            # X" leaves what holds now to the later clause.
            said = f"{rule}; {changed.kind}: '{changed.words}'"
            return Decision(other, modifier.start, said) if current_red and other is not None else Decision(None, None, said)
        return Decision(None, None, rule) if current_red or decision.flag_id is None else Decision(other, modifier.start, rule)
    # "red": the practice is not really there; a red reading stands.
    if current_red:
        return Decision(current, decision.trigger, rule)
    return Decision(other, modifier.start, rule)


def _polarity(
    flag_id: str,
    opposite: str | None,
    tokens: list[Token],
    matched: list[int],
    rules: ContextRules,
    triggers: list[Trigger],
) -> Decision:
    """The flag a cue reading states once negations and frequencies are counted."""
    first, last = matched[0], matched[-1]
    scope = tokens[first].scope
    matched_set = set(matched)
    before = [
        t
        for t in triggers
        if (t.kind == "negation" or (t.kind == PSEUDO and t.end == first and last >= t.window - 1))
        and t.end <= first
        and first - t.start <= rules.negation_window
        and tokens[t.start].scope == scope
        and tokens[t.start].clause == tokens[last].clause  # a negation reaches only its own clause
        and (t.words not in rules.negation_prefixes or t.end == first)  # "unexpected purchase" negates only "expected"
    ]
    reasons: list[str] = []
    negations = 0
    earliest: int | None = None
    if before:
        earliest = before[0].start
        negations = 1  # "no QA and no tests" is one negation, not two that cancel out
        reasons.append(f"negation before: '{before[0].words}'")
        # ...but "no merge without a green build": a negation, then one that states a condition.
        if len(before) > 1 and before[-1].words in rules.negation_cancelling and before[0].words != before[-1].words:
            negations = 2
            reasons.append(f"negation before: '{before[-1].words}'")
    # "code is not reviewed": a negation between the cue's words. When a negation before the cue
    # governs another clause ("not on call, not contacted on holiday"), the two run in parallel.
    inside = [
        t
        for t in triggers
        if (t.kind == "negation" or (t.kind == PSEUDO and t.end in matched_set and last >= t.window - 1))
        and first < t.start < last
        and (t.start not in matched_set or t.words in rules.contractions)
        and (t.words not in rules.negation_prefixes or t.end in matched_set)  # "non-author developer": not the cue
    ]
    if inside and not (before and tokens[inside[0].start].scope != tokens[before[0].start].scope):
        negations += 1
        reasons.append(f"negation inside: '{inside[0].words}'")
    # "a build server was not used", "code review isn't done": a negated verb right after the cue;
    # "weekend work happens once a year": a frequency that says it hardly happens.
    after = [t for t in tokens[last + 1 : last + 1 + rules.rare_window] if t.scope == tokens[last].scope]
    pseudo_at = {t.start for t in triggers if t.kind == PSEUDO}
    words = [t.word for t in after]
    if tokens[last].word in rules.contractions and not inside and len(matched) > 1:
        negations += 1  # "reviews arent" read as "reviews are" ends with its negation
        reasons.append(f"negation inside: '{tokens[last].word}'")
    elif words and (
        (words[0] in rules.negation_after and last + 1 not in pseudo_at)
        or (words[0] in rules.be_words and len(words) > 1 and words[1] in rules.negation_before and last + 2 not in pseudo_at)
    ):  # ...but not a pseudo-negation: "code review is never skipped"
        negations += 1
        reasons.append(f"negation after: '{' '.join(words[:2]) if words[0] in rules.be_words else words[0]}'")
    else:
        present = set(words)
        for phrase in rules.rare_after:
            if phrase[0] in present and _find(words, phrase):
                return Decision(None, None, "rare: '" + " ".join(phrase) + "'")
    if negations % 2 == 0:
        return Decision(flag_id, None, "double negation: " + "; ".join(reasons) if reasons else "")
    if opposite is None:
        return Decision(None, earliest, "; ".join(reasons) + " (the flag has no opposite)")
    return Decision(opposite, earliest, "; ".join(reasons))
