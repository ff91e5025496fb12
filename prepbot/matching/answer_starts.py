"""A terse answer that names a change and nothing else, for `answers.AnswerReader` (round 16).

Rule "a past existence until an event is over": "there was one until the PO quit", "had them till the reorg" says
only that the thing was there, then ended: the question's no (no practice is named for the cues to read). Rule "a start
told with its time is the practice now": "started last month", "we set one up in march", "introduced them two sprints
ago" is the question's yes. Both read the whole answer (fillers aside); words: context.yaml `answers: words`
(`past_existence`, `start_verbs`, `start_times`).
"""

from __future__ import annotations

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.phrase_starts import starts_with
from prepbot.matching.text import Token

_EVENT_REACH = 5  # words after the "then" its event may be ("then the PO quit in june")
_MAX_TIME = 4  # words of the time after a start: "two sprints ago", "in the spring"


def _opening(words: list[str], rules: ContextRules) -> int:
    at = 0
    while at < len(words) - 1 and words[at] in rules.answer_fillers:
        at += 1
    return at


def ended_existence(tokens: list[Token], until: int, rules: ContextRules) -> bool:
    """Whether the words before the "until" at `until` are only a past existence ("there was one", "we had them")."""
    words = [t.word for t in tokens[:until]]
    begin = _opening(words, rules)
    return tuple(words[begin:]) in rules.answer_words.past_existence


def then_ended(tokens: list[Token], rules: ContextRules) -> int:
    """Position of a "then" that ends a whole past existence before it with an event after it ("had one, then the PO
    quit"), read as "until" is; 0 when there is none."""
    events = rules.grammar.get("until_events", frozenset())
    for at, token in enumerate(tokens[1:], 1):
        if token.word not in rules.answer_words.existence_then or not ended_existence(tokens, at, rules):
            continue
        after = tokens[at + 1 : at + 1 + _EVENT_REACH]
        if any(t.word in events for t in after if t.clause == token.clause):
            return at
    return 0


def started(tokens: list[Token], rules: ContextRules) -> tuple[int, int] | None:
    """(first, end) token positions of a start told with its time when it is the whole answer, else None."""
    said = rules.answer_words
    words = [t.word for t in tokens]
    begin = _opening(words, rules)
    recent = next((at for at in (begin, begin + 1) if at < len(words) - 1 and words[at] in said.start_recent), None)
    if recent is not None:  # "they just started", "we recently introduced them": the start, with nothing after
        rest_of = words[begin:recent] + words[recent + 1 :]
        verb = starts_with(rest_of, tuple(sorted(said.start_verbs)))
        if verb is None or not set(rest_of[len(verb) :]) <= said.start_objects or len(rest_of) - len(verb) > 1:
            return None
        return begin, len(tokens)
    verb = starts_with(words[begin:], tuple(sorted(said.start_verbs)))
    if verb is None:
        return None
    rest = words[begin + len(verb) :]
    if not rest or len(rest) > _MAX_TIME or tokens[begin + len(verb)].clause != tokens[begin].clause:
        return None
    time = rest[0]
    if time not in said.start_times and time not in rules.numbers and not time.isdigit():
        return None
    if any(w in rules.clause_breakers or w in rules.negation_before for w in rest):
        return None
    return begin, len(tokens)
