"""Counterfactual conditions: a practice named in an "if" clause told in the past, with a modal in the rest of
the sentence, is a practice the team does not have ("if they had tests the outage wouldn't have happened",
"if there were a backlog they'd know what's next", "they'd save hours if they automated the deploys").

The condition states the contrary of the facts, so the cue's reading, once its own negation is counted, turns
round: a green practice reads its red opposite, a red state denied in the condition ("if people didn't quit so
often they'd ...") reads the red flag. A condition in the present ("if you get paged you take the morning off")
sets a rule and is left to the conditional rules (context.py). The words are data: `conditionals.contrary`
(the past forms that make a condition contrary to fact) and `conditionals.unreal` (the modals of the rest).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from prepbot.matching.rule_text import Rule

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

RULE = "counterfactual"


class Opener(Protocol):
    """The trigger that opens the condition (context.Trigger)."""

    @property
    def words(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


# A bare modal opening its clause asks ("if we had tests, would refactoring be easier?"), as does one after a
# question word ("how would you start?"); one with its subject in it ("we'd", "I'd") states.
_BARE = frozenset({"would", "could", "might", "wouldnt", "couldnt", "wouldve", "couldve", "mightve"})
_ASKING = frozenset({"how", "what", "where", "why", "who", "whom", "when", "whats", "hows"})


def contrary(tokens: list[Token], trigger: Opener, first: int, last: int, rules: ContextRules) -> bool:
    """Whether the cue from `first` to `last` sits in the condition `trigger` opens and that condition is contrary
    to fact: a past form of `conditionals.contrary` from the opener to the cue's end, and a modal of
    `conditionals.unreal` outside the condition's lead-in (after the cue, or before the opener)."""
    if not rules.condition_contrary or trigger.words not in rules.condition_contrary_openers or trigger.end > first:
        return False
    if tokens[trigger.start].clause != tokens[first].clause:
        return False
    if any(tokens[i].word in rules.condition_unreal for i in range(trigger.end, first)):
        return False  # "if they would only write tests": a wish, not a condition
    if trigger.end < len(tokens) and tokens[trigger.end].word in rules.condition_contrary_not_after:
        return False  # "if you had no tests, where would you start?", "if I ever had to carry a pager": not the team
    if not any(tokens[i].word in rules.condition_contrary for i in range(trigger.start, last + 1)):
        return False
    return any(
        t.word in rules.condition_unreal
        and not (t.word in _BARE and (i == 0 or tokens[i - 1].clause != t.clause))  # "..., would refactoring be easier?"
        and not (i > 0 and tokens[i - 1].word in _ASKING)  # "how would you ..." asks
        for i, t in enumerate(tokens)
        if i < trigger.start or i > last
    )


def turned(
    read: tuple[str | None, str], flag_id: str, opposite: str | None, red: bool, trigger: Opener, no_opposite: str
) -> tuple[str | None, int | None, str]:
    """What a contrary-to-fact condition makes of the cue's reading `read` (its flag, or None, and its rule, negation
    counted): the (flag, trigger position, rule) of the turned reading."""
    flag, rule = read
    rule = Rule(RULE, trigger.words, rule)
    if flag is None:
        # "if people didn't leave so often they'd ...": a red state denied in the condition holds
        return (flag_id, trigger.start, rule) if red and read[1].endswith(no_opposite) else (None, None, rule)
    other = opposite if flag == flag_id else flag_id
    return (other, trigger.start, rule) if other is not None else (None, None, rule)
