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
DIRECTIONS = ("forward", "backward", "both", "earlier_clauses", "next_clause", "earlier_past_clauses")
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
    # Bare topics a shorthand note answers ("tests: none", "CI? someday"): phrase -> the flag it names.
    topics: dict[tuple[str, ...], str] = field(default_factory=dict)
    contractions: dict[str, str] = field(default_factory=dict)
    negation_prefixes: frozenset[str] = frozenset()  # "un", "non": split off a cue word, they negate only it
    negation_cancelling: frozenset[str] = frozenset()  # "without": after another negation, the two cancel
    negation_conditions: frozenset[str] = frozenset()  # "until": "can't merge until the tests pass" is a rule
    answered_yes: tuple[tuple[str, ...], ...] = ()  # how the sentence after a reported question answers it
    answered_no: tuple[tuple[str, ...], ...] = ()
    scare_quote_pairs: tuple[str, ...] = ()  # opening and closing mark, e.g. '""', "“”"
    scare_quote_words: int = 0  # at most this many words between them
    # The candidate's own questions and to-dos in notes ("ask: do they have CI?", "q - who decides
    # priorities?", "? tests"): phrases that open such a sentence; a phrase of marks is read off the text.
    own_question_starts: tuple[tuple[str, ...], ...] = ()
    # Words that put a clause in the past ("was", "used", "ago"): an earlier_past_clauses trigger
    # ("..., now ...") only reaches a cue in a clause that holds one.
    past_words: frozenset[str] = frozenset()
    # A sentence that opens with one of these takes back the practice of the sentence before:
    # "We have a backlog. Nobody looks at it." (a green reading there reads its red opposite).
    undercut_next: tuple[tuple[str, ...], ...] = ()
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
            topics={p: str(flag) for flag, words in data.get("topics", {}).items() for p in _phrases(words)},
            contractions={str(k): str(v) for k, v in data["contractions"].items()},
            negation_prefixes=frozenset(str(w) for w in negation.get("prefixes", ())),
            negation_cancelling=frozenset(str(w) for w in negation.get("cancelling", ())),
            negation_conditions=frozenset(str(w) for w in negation.get("conditions", ())),
            answered_yes=_phrases(questions.get("answered_yes", ())),
            answered_no=_phrases(questions.get("answered_no", ())),
            scare_quote_pairs=tuple(str(p) for p in data.get("scare_quotes", {}).get("pairs", ()) if len(str(p)) == 2),
            scare_quote_words=int(data.get("scare_quotes", {}).get("max_words", 0)),
            own_question_starts=_phrases(questions.get("own_start", ())),
            past_words=frozenset(str(w) for w in data.get("past_words", ())),
            undercut_next=_phrases(data.get("undercut_next", ())),
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
                "conditions": sorted(self.negation_conditions),
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
            },
            "topics": self._topics_by_flag(),
            "contractions": dict(self.contractions),
            "scare_quotes": {
                "pairs": list(self.scare_quote_pairs),
                "max_words": self.scare_quote_words,
                "verbs": sorted(self.scare_quote_verbs),
            },
            "past_words": sorted(self.past_words),
            "undercut_next": [" ".join(p) for p in self.undercut_next],
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
    pseudo, modifiers = rules.pseudo_by_first_word, rules.triggers_by_first_word
    found: list[Trigger] = []
    # A trigger written "^ when" only counts at the start of the sentence.
    for kind, phrase, direction, window, effect in modifiers.get("^", ()):
        if tuple(words[: len(phrase) - 1]) == phrase[1:]:
            found.append(Trigger(kind, 0, len(phrase) - 1, " ".join(phrase[1:]), direction, window, effect))
    for i, word in enumerate(words):
        for phrase in pseudo.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                masked.update(range(i, i + len(phrase)))
                phrase_end.setdefault(i, i + len(phrase))
        for kind, phrase, direction, window, effect in modifiers.get(word, ()):
            if i not in masked and tuple(words[i : i + len(phrase)]) == phrase:
                found.append(Trigger(kind, i, i + len(phrase), " ".join(phrase), direction, window, effect))
    negating = rules.negation_before | rules.negation_prefixes
    negations = [Trigger("negation", i, i + 1, w) for i, w in enumerate(words) if w in negating and i not in masked]
    # A pseudo-negation keeps its negation for a cue that starts inside it: "we never skip reviews"
    # says nothing against a review cue, but it does negate the cue "skip ... review".
    # (`window` holds where the phrase ends: the cue must cover its last word, so "no tests, no merge"
    # stays a rule.)
    negations += [Trigger(PSEUDO, i, i + 1, words[i], window=end) for i, end in phrase_end.items() if words[i] in negating]
    return negations + found


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
    for i in near:
        token = tokens[i]
        if token.clause != clause or token.word not in rules.scare_quote_verbs:
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


def reported_question(tokens: list[Token], rules: ContextRules) -> tuple[str, int] | None:
    """(the reporting phrase, the token after it) when the sentence reports a question."""
    words = [t.word for t in tokens]
    index = rules.reported_by_first_word
    for i, word in enumerate(words):
        for phrase in index.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return " ".join(phrase), i + len(phrase)
    return None


def answer_to_question(tokens: list[Token], rules: ContextRules) -> tuple[str, str] | None:
    """("yes" or "no", the words) when a sentence's first words answer the question before it:
    "I asked if they review code. He laughed." reads as a no."""
    words = [t.word for t in tokens[:8]]
    for phrases, said in ((rules.answered_no, "no"), (rules.answered_yes, "yes")):
        for phrase in phrases:
            for i in range(len(words)):
                if tuple(words[i : i + len(phrase)]) == phrase and (i == 0 or len(phrase) > 1 or i <= 2):
                    return said, " ".join(phrase)
    return None


_LEAD = " \t\r\n-*•>·–—([{"


def own_question(sentence: str, tokens: list[Token], rules: ContextRules) -> str:
    """The words that open the candidate's own question or to-do ("ask:", "q -", "need to ask",
    "?"), or "": such a sentence is what the candidate wants to find out, not a finding."""
    marks, by_first_word = rules.own_question_index
    opening = sentence.lstrip(_LEAD)
    for mark in marks:  # a mark ("?") opens the line
        if opening.startswith(mark):
            return mark
    if not tokens:
        return ""
    for phrase in by_first_word.get(tokens[0].word, ()):
        size = len(phrase)
        if size <= len(tokens) and all(tokens[i].word == phrase[i] for i in range(size)):
            after = sentence[tokens[size - 1].end : tokens[size - 1].end + 1]
            if not after.isalnum():  # "q: ..." is a question, "Q3 planning" is not
                return " ".join(phrase)
    return ""


def is_question(sentence: str, tokens: list[Token], rules: ContextRules) -> str:
    """Why a sentence only reports or asks a question (and so states no fact), or ""."""
    words = [t.word for t in tokens]
    own = own_question(sentence, tokens, rules)
    if own:
        return "the candidate's own question: '" + own + "'"
    reported = reported_question(tokens, rules)
    if reported is not None:
        return "reported question: '" + reported[0] + "'"
    span = sentence[tokens[0].start : tokens[-1].end + 1]
    # "Do you have CI?", or a bare topic like "Automated tests?": a question, not an answer.
    if span.endswith("?") and (words[0] in rules.question_starts or len(words) <= rules.short_question_words):
        return "question"
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
    first, last = matched[0], matched[-1]
    clause_first, clause_last = tokens[first].clause, tokens[last].clause
    modifier: Trigger | None = None
    for trigger in triggers:
        if trigger.kind in ("negation", PSEUDO) or trigger.effect == "keep":
            continue
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
            and tokens[trigger.start].clause > clause_last
            and any(t.word in rules.past_words for t in tokens if t.clause == clause_last)
        )
        # Shorthand: "TDD tried, dropped", "reviews, in theory": the next clause opens with the trigger.
        backward = backward or (
            trigger.direction == "next_clause"
            and trigger.start > last
            and tokens[trigger.start].clause == clause_last + 1
            and trigger.start - last <= trigger.window
            and all(tokens[i].clause == clause_last for i in range(last + 1, max(last + 1, trigger.start - 1)))
            # ...but "tests, dropped the flaky ones" drops something else
            and not (trigger.end < len(tokens) and tokens[trigger.end].word in _DETERMINERS)
        )
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
        if not (forward or backward or inside):
            continue
        if trigger.effect == "nothing":
            # A hypothetical, a question or advice to a candidate says nothing about the team now.
            return Decision(None, None, f"{trigger.kind}: '{trigger.words}'")
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
        return Decision(None, None, rule)  # negated, and the flag has no opposite: nothing to turn round
    if modifier.effect == "opposite":
        return Decision(other, modifier.start, rule)
    if modifier.effect == "fixed":
        return Decision(None, None, rule) if current_red else Decision(current, decision.trigger, rule)
    if modifier.effect == "past":
        # "we used to have a backlog" is gone now; "back then nobody reviewed code" may be fixed: no red.
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
        elif before[-1].words in rules.negation_cancelling:
            subject = _far_subject(tokens, triggers, rules, before[0].start, first, last)
            if subject is not None:
                negations = 2
                reasons.insert(0, f"negation before: '{subject.words}'")
        else:
            # "you can't merge until the tests pass": the cue is the condition of a negated action.
            condition = next((t.word for t in tokens[before[-1].end : first] if t.word in rules.negation_conditions), None)
            if condition is not None:
                negations = 2
                reasons.append(f"condition: '{condition}'")
    elif tokens[first].word in rules.negation_cancelling:
        # A red cue that holds its own condition ("without review"): "nobody on the platform team
        # merges without review" is a rule, as "nobody merges without review" is.
        subject = _far_subject(tokens, triggers, rules, first, first, last)
        if subject is not None:
            earliest, negations = subject.start, 1
            reasons.append(f"negation before: '{subject.words}'")
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
        for phrase in rules.rare_after:
            if _find(words, phrase):
                return Decision(None, None, "rare: '" + " ".join(phrase) + "'")
    if negations % 2 == 0:
        return Decision(flag_id, None, "double negation: " + "; ".join(reasons) if reasons else "")
    if opposite is None:
        return Decision(None, earliest, "; ".join(reasons) + " (the flag has no opposite)")
    return Decision(opposite, earliest, "; ".join(reasons))


def _far_subject(
    tokens: list[Token], triggers: list[Trigger], rules: ContextRules, condition: int, first: int, last: int
) -> Trigger | None:
    """The negated subject of a rule whose condition ("without", "unless") starts at `condition`,
    up to twice the negation window before the cue, in the cue's clause and scope: "nobody here is
    allowed to merge anything into main without a review"."""
    scope = tokens[first].scope
    subject = [
        t
        for t in triggers
        if t.kind == "negation"
        and t.end <= condition
        and first - t.start <= 2 * rules.negation_window
        and t.words not in rules.negation_cancelling
        and t.words not in rules.negation_prefixes
        and tokens[t.start].scope == scope
        and tokens[t.start].clause == tokens[last].clause
    ]
    return subject[-1] if subject else None
