"""A practice named after "without" (or "if it weren't for", "were it not for") that opens its clause, with a modal
of `conditionals.unreal` after the cue, is a practice the team has: the sentence says what it prevents ("without
the test suite, refactoring would be terrifying", "if it weren't for code review we'd ship bugs daily"). The cue's
reading, negation counted, turns round (counterfactual.turned), as a condition contrary to fact does.

A modal before "without" in its clause, with no negation nor a verb of turning a change away (`grammar.refusing`:
"the reviewer would bounce it without tests" is a rule), is a wish ("we'd ship faster without reviews"): it says
nothing of the team, unless its clause names a harm after the modal (`grammar.without_harms`: "we would ship bugs
without reviews", "they'd lose track of everything without the backlog"): then the practice is there (`harm_reading`).
A gain named after an opening "without" (`grammar.without_gains`: "without reviews we'd finally hit our deadlines") is
a wish too. A plain "merges go in without review" (no modal) is left as read. Words: context.yaml
`grammar.without_openers`; kept apart from context.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

KIND = "counterfactual"
WISH = "wish"
_LEAD = 4  # words of a sentence before the opener of a consequence ("frankly, if it weren't for ...")
_LABEL = 2  # words of a speaker's label before an opener ("Lead: without ...")
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
            if _label(tokens, before, start):
                before = []  # a speaker's label ("Lead: without PR reviews we'd ship bugs daily")
            if not before:
                if any(words[i] in rules.condition_unreal for i in range(first + 1, len(tokens))):
                    gains = rules.grammar.get("without_gains", frozenset())
                    if parts == ["without"] and not gains.isdisjoint(words[end:]):
                        return (WISH, start, end, phrase)  # "without reviews, we'd finally hit our deadlines"
                    return (KIND, start, end, phrase)
                continue
            wishing = any(words[i] in rules.condition_unreal for i in before)
            refusing = rules.grammar.get("refusing", frozenset())
            if parts == ["without"] and wishing and not any(words[i] in rules.negating or words[i] in refusing for i in before):
                return (WISH, start, end, phrase)
    return None


def _label(tokens: list[Token], before: list[int], start: int) -> bool:
    """Whether the words `before` the opener at `start` are a speaker's label: at most `_LABEL` words that open the
    sentence, set off by a mark (a colon or a dash: more than a space between them and the opener) that ends
    their scope ("Lead: without ...", "the EM - without ...")."""
    if not before or len(before) > _LABEL or before[0] != 0:
        return False
    last = tokens[start - 1]
    return last.scope != tokens[start].scope and tokens[start].start - last.end > 1


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


def harm_reading(red: bool, tokens: list[Token], first: int, last: int, rules: ContextRules) -> tuple[bool, str, int] | None:
    """What a harm told with a modal before "without" makes of the cue from `first` to `last`, as (the practice
    reads: the cue's green flag, or a red cue's opposite; else nothing, the "without"), or None: "we'd be breaking prod weekly
    without tests" says the tests are there, and its "breaking" cues read nothing. Not "you'd ..." (advice), nor a
    negated or refusing clause (the rules of `opener`)."""
    if not any(t.word == "without" for t in tokens):
        return None  # (most sentences have none)
    words = [t.word for t in tokens]
    harms = rules.grammar.get("without_harms", frozenset())
    stops = rules.negating | rules.grammar.get("refusing", frozenset())
    for w, word in enumerate(words):
        if word != "without" or tokens[w].clause != tokens[first].clause:
            continue
        before = [i for i in range(w) if tokens[i].clause == tokens[w].clause]
        modal = next((i for i in before if words[i] in rules.condition_unreal), None)
        if modal is None or modal == before[0] and words[modal] in _BARE:
            continue  # ("would you ship bugs without reviews?" asks)
        if any((words[i] in stops and words[i] not in harms) or words[i] in _GENERAL for i in before):
            continue  # ("we'd lose" is a harm, not a negation)
        harm = next((words[i] for i in range(modal + 1, w) if words[i] in harms), None)
        if harm is None:
            continue
        said = f"{KIND}: '{words[modal]} ... {harm} ... without'"
        if first <= w <= last or w < first <= w + _REACH:
            return (True, said, w)  # the practice named after "without"
        if last < w:
            return (False, said, w)  # the harm it keeps away
    return None


_BARE = frozenset({"would", "could", "might"})
_GENERAL = frozenset({"you", "youd", "anyone", "anybody", "teams", "companies"})  # advice or a claim in general
