""" "until" after a stated practice, with an event after it: the practice ended then ("two approvals until the
team shrank", "jira, until the licence lapsed"), read as the dropped readings "until last year" already are.
Not a rule's condition: a negated clause before the "until" ("nothing merges until CI is green") or no event
word after it ("until two people approve"). Words: context.yaml `grammar.until_words` and `until_events`.
Kept apart from context.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context import Trigger
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

_REACH = 5  # words after the "until" its event may be ("until the PM left in june")
KIND = "dropped or fixed"  # the modifier whose readings these are
WINDOW = 8  # back from the "until" to the practice


def until_events(
    tokens: list[Token], words: list[str], negations: list[Trigger], found: list[Trigger], rules: ContextRules
) -> list[tuple[int, int]]:
    """(start, end) of each "until <event>" that ends the practice before it."""
    untils = rules.grammar.get("until_words", frozenset())
    events = rules.grammar.get("until_events", frozenset())
    taken = {t.start for t in found}
    spans = []
    for i, word in enumerate(words[: len(tokens)]):
        if word not in untils or i in taken or i == 0:
            continue
        clause = tokens[i].clause
        if any(n.start < i and tokens[n.start].clause == clause for n in negations):
            continue  # "you can't merge until the tests pass": a rule and its condition
        for j in range(i + 1, min(i + 1 + _REACH, len(tokens))):
            if tokens[j].clause != clause:
                break
            if words[j] in events:
                spans.append((i, j + 1))
                break
    return spans


def until_ends(tokens: list[Token], at: int, rules: ContextRules) -> bool:
    """Whether the "until" at `at` has an event after it and no negation before it in its clause."""
    words = [t.word for t in tokens]
    negating = rules.negating
    clause = tokens[at].clause
    if any(words[i] in negating and tokens[i].clause == clause for i in range(at)):
        return False
    return bool(until_events(tokens[: at + 1 + _REACH], words, [], [], rules))


def until_reading(tokens: list[Token], first: int, last: int, rules: ContextRules) -> tuple[bool, str] | None:
    """What an "until" makes of the cue from `first` to `last`, as (the cue's own flag stands, rule), or None:
    - a cue inside the event of an "until" that ends a practice reads nothing: the event dates the end ("reviews
      were required until the crunch", "solid until the QA team left"); said on its own it is read there;
    - a cue negated inside itself before its "until" states the rule the "until" gates ("a bug isn't closed
      until it's logged"), its own flag; one that is not, with the event inside it after the "until", reads nothing
      ("required until people started working weekends": the weekends date the end)."""
    untils = rules.grammar.get("until_words", frozenset())
    if not any(t.word in untils for t in tokens[max(1, first - _REACH - 1) : last]):
        return None  # (most cues have no "until" before or inside them)
    events = rules.grammar.get("until_events", frozenset())
    words = [t.word for t in tokens]
    clause = tokens[first].clause
    for i in range(max(1, first - _REACH - 1), first):
        if words[i] in untils and tokens[i].clause == clause and until_ends(tokens, i, rules):
            if last <= i + _REACH + 1 and any(words[j] in events for j in range(i + 1, last + 1)):
                return (False, f"until: '{words[i]}' dates the event")
    gate = next((i for i in range(first + 1, last) if words[i] in untils), None)
    if gate is not None and tokens[gate].clause == tokens[last].clause == clause:
        negated = [i for i in range(first + 1, gate) if words[i] in rules.negating]
        if negated and not any(words[i] in rules.negating for i in range(gate, last + 1)):
            return (True, f"a rule: '{words[negated[0]]} ... {words[gate]}'")
        if not negated and until_ends(tokens, gate, rules) and any(words[j] in events for j in range(gate + 1, last + 1)):
            return (False, f"until: '{words[gate]}' dates the event")  # "required until people started working weekends"
    return None
