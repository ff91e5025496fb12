"""A practice named after "without" (or "if it weren't for", "were it not for") that opens its clause, with a modal
of `conditionals.unreal` after the cue, is a practice the team has: the sentence says what it prevents ("without
the test suite, refactoring would be terrifying", "if it weren't for code review we'd ship bugs daily"). The cue's
reading, negation counted, turns round (counterfactual.turned), as a condition contrary to fact does.

A modal before "without" in its clause, with no negation nor a verb of turning a change away (`grammar.refusing`:
"the reviewer would bounce it without tests" is a rule), is a wish ("we'd ship faster without reviews"): it says
nothing of the team. A plain "merges go in without review" (no modal) is left as read. Words: context.yaml
`grammar.without_openers`; kept apart from context.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

KIND = "counterfactual"
WISH = "wish"
_LEAD = 4  # words of a sentence before the opener of a consequence ("frankly, if it weren't for ...")
_REACH = 4  # words from the opener's end to the cue's first word ("without our automated unit tests")


def opener(tokens: list[Token], first: int, rules: ContextRules) -> tuple[str, int, int, str] | None:
    """(kind, start, end, words) of the "without" opener before the cue that starts at `first`, when it turns the
    reading (`KIND`) or makes it a wish (`WISH`); None when it does neither."""
    phrases = rules.grammar.get("without_openers", frozenset())
    if not phrases:
        return None
    firsts = {p.split()[0] for p in phrases}
    if not any(t.word in firsts for t in tokens[max(0, first - _REACH - 4) : first + 1]):
        return None  # (most cues have no opener before them)
    words = [t.word for t in tokens]
    for start in range(max(0, first - _REACH - 4), first + 1):
        for phrase in phrases:
            parts = phrase.split()
            end = start + len(parts)
            if words[start:end] != parts or end > first + 1 or first - end > _REACH:
                continue
            if tokens[start].clause != tokens[first].clause:
                continue
            before = [i for i in range(start) if tokens[i].clause == tokens[start].clause]
            if not before:
                if any(words[i] in rules.condition_unreal for i in range(first + 1, len(tokens))):
                    return (KIND, start, end, phrase)
                continue
            wishing = any(words[i] in rules.condition_unreal for i in before)
            refusing = rules.grammar.get("refusing", frozenset())
            if parts == ["without"] and wishing and not any(words[i] in rules.negating or words[i] in refusing for i in before):
                return (WISH, start, end, phrase)
    return None


def consequence(tokens: list[Token], first: int, last: int, rules: ContextRules) -> str | None:
    """The opener's words when the cue from `first` to `last` sits in the consequence of a "without" counterfactual
    that opens the sentence (after its modal, or in a later clause with the modal in the cue): "without Jira, bugs
    would slip through the cracks" says what the practice prevents, not what happens."""
    if first < 2:
        return None
    words = [t.word for t in tokens[: last + 1]]
    for phrase in rules.grammar.get("without_openers", frozenset()):
        parts = phrase.split()
        for start in range(min(_LEAD, first - len(parts))):  # the opener leads its sentence ("honestly, without ...")
            if words[start : start + len(parts)] != parts:
                continue
            if any(tokens[i].clause == tokens[start].clause for i in range(start)):
                continue  # ("we would ship faster without reviews": no opener of its clause)
            if any(words[i] in rules.condition_unreal for i in range(start + len(parts), first)):
                return phrase
            later = tokens[first].clause != tokens[start].clause
            if later and any(words[i] in rules.condition_unreal for i in range(first, last)):
                return phrase
    return None
