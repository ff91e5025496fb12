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


def started(tokens: list[Token], rules: ContextRules) -> tuple[int, int] | None:
    """(first, end) token positions of a start told with its time when it is the whole answer, else None."""
    said = rules.answer_words
    words = [t.word for t in tokens]
    begin = _opening(words, rules)
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
