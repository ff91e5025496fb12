"""Conditions and the rules they set, for the context decision (context.py): "if a deadline slips we cut
scope" (a rule after its condition), "if we had more people, we could ..." (no fact), "without a review"
(a negated action's condition) and the negated subject such a rule has. Kept apart from context.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context import Trigger
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token


def rule_after_condition(tokens: list[Token], after: int, first: int, last: int, rules: ContextRules) -> bool:
    """Whether a cue from `first` to `last` reaches the rule a condition ending at `after` sets, in one
    clause ("if a deadline slips we cut scope", "if you get paged at night you take the morning off"): a
    subject opens the rule before the cue's last word (not the condition's own subject, nor one after
    "whether": "if anyone asks whether we ..."), and no modal makes it a hypothetical ("if we had more
    people we could ...")."""
    for i in range(after + 2, min(last, after + rules.condition_window) + 1):
        word = tokens[i].word
        if (
            word in rules.condition_subjects
            and tokens[i - 1].word not in rules.condition_not_after
            and (i + 1 >= len(tokens) or tokens[i + 1].word not in rules.condition_not_before)
        ):
            return not any(tokens[j].word in rules.condition_unreal for j in range(i, max(i, first)))
    return False


def unreal_rule(tokens: list[Token], trigger: Trigger, first: int, rules: ContextRules) -> bool:
    """A condition in an earlier clause and a modal before the cue in its own clause: "if we had more
    people, we could stop working weekends" states no fact about the team."""
    if trigger.words not in rules.condition_openers or trigger.end > first or first - trigger.end >= 2 * trigger.window:
        return False
    clause = tokens[first].clause
    return tokens[trigger.start].clause < clause and any(
        tokens[i].word in rules.condition_unreal for i in range(trigger.end, first) if tokens[i].clause == clause
    )


def condition_word(tokens: list[Token], rules: ContextRules, span: range, clause: int, skip=frozenset(), negating=False) -> str:
    """The first word in `span` of `clause` (not in `skip`) that states a negated action's condition ("without",
    "outside"; a negation word itself only when `negating`), else ""."""
    for i in span:
        word = tokens[i].word
        if word in rules.negation_cancelling and tokens[i].clause == clause and i not in skip:
            if negating or word not in rules.negating:
                return word
    return ""


def far_subject(
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
        and t.end <= min(condition, first)
        and first - t.start <= 2 * rules.negation_window
        and t.words not in rules.negation_cancelling
        and t.words not in rules.negation_prefixes
        and t.words not in rules.negation_verbs
        and tokens[t.start].scope == scope
        and tokens[t.start].clause == tokens[last].clause
    ]
    return subject[-1] if subject else None
