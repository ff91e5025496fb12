"""A clause with no subject of its own: "tests existed once, got commented out", "had a build server, died
in the move". Its verb tells what happened to the subject of the clause before it, so a backward trigger
that opens such a clause (after at most two leading words of context.yaml: `negation.be`, or `grammar`'s
auxiliaries, adverbs and pronouns: "got", "was", "had", "then", "quietly", "it") reaches a cue that ends that
clause, as if no comma stood between them. Kept apart from context.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context import Trigger
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

# What a subjectless clause says of the one before: dropped, broken, only in name. (Not a wish or plan: "kanban board
# is well run, WIP limits respected" opens on a noun.)
_KINDS = frozenset({"dropped or fixed", "broken or stale", "in name only"})
_AFTER_CUE = 3  # words of the cue's clause after the cue ("tests existed once")
_LEADS = 2  # leading words of the subjectless clause before its trigger ("then quietly")


def elliptical(tokens: list[Token], trigger: Trigger, last: int, next_clause: int, rules: ContextRules) -> bool:
    """Whether `trigger` opens the subjectless clause right after the clause ending at the cue's last word."""
    if trigger.direction not in ("backward", "both") or trigger.kind not in _KINDS:
        return False
    if next_clause < 0 or trigger.start <= last or tokens[trigger.start].clause != next_clause:
        return False
    clause_last = tokens[last].clause
    after = [t for t in tokens[last + 1 : trigger.start] if t.clause == clause_last]
    leads = [t for t in tokens[last + 1 : trigger.start] if t.clause == next_clause]
    if len(after) > _AFTER_CUE or len(leads) > _LEADS or any(not _lead(t.word, rules) for t in leads):
        return False
    if any(t.clause not in (clause_last, next_clause) for t in tokens[last + 1 : trigger.start]):
        return False
    # "tests, removed the flaky ones" removes something else ("broke in the spring" names when)
    if tokens[trigger.end - 1].word in rules.grammar["prepositions"]:
        return True
    return not (trigger.end < len(tokens) and tokens[trigger.end].word in rules.grammar["determiners"])


def _lead(word: str, rules: ContextRules) -> bool:
    grammar = rules.grammar
    return word in rules.be_words or word in grammar["auxiliaries"] or word in grammar["adverbs"] or word in grammar["pronouns"]
