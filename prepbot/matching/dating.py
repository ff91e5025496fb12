"""Cues that only date or measure something else, read as nothing:
- an event after "since" ("since the layoffs, everyone works weekends", "ever since the reorg nobody reviews"): the
  words date the clause; the event counts only where it is stated on its own ("there were layoffs last year"). One
  cue word, at most `_GAP` words after the "since" (`grammar.since_words`), and not followed by a verb that makes the
  "since" mean "because" (`grammar.since_because`: "since layoffs keep coming, ..."), nor by a word that makes the
  event one of a series (`grammar.since_series`: "nothing shipped since the last pivot" states the pivots);
- a flag of `grammar.count_flags` (people leaving) told with a count of at most `_FEW` and a span of years
  (`grammar.count_spans`: "two people left in three years", "only one engineer has left since 2019", "since I joined in 2018"): a low rate.
Kept apart from context.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepbot.matching.text import as_number

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

_GAP = 3  # words from the "since" to the event ("since the big layoff")
_FEW = 2  # the largest count of departures over years that is a low rate
_NEAR = 3  # words before the cue a count may stand ("only a couple of people have left")
_YEAR = 5  # words from a "since" to the year it names ("since I joined in 2018")


def dated(flag_id: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> str | None:
    """The rule by which the cue on `matched` only dates or measures, or None."""
    grammar = rules.grammar
    first, last = matched[0], matched[-1]
    clause = tokens[first].clause
    since = grammar.get("since_words", frozenset())
    if first == last and any(t.word in since for t in tokens[max(0, first - _GAP) : first]):
        at = max(i for i in range(max(0, first - _GAP), first) if tokens[i].word in since)
        after = tokens[last + 1].word if last + 1 < len(tokens) else ""
        between = {t.word for t in tokens[at + 1 : first]}  # "since the last pivot": one of a series, stated
        if (
            tokens[at].clause == clause
            and after not in grammar.get("since_because", frozenset())
            and not between & grammar.get("since_series", frozenset())
        ):
            return f"dated: '{tokens[at].word} {tokens[first].word}'"
    if flag_id not in grammar.get("count_flags", frozenset()):
        return None
    spans = grammar.get("count_spans", frozenset())
    words = [t.word for t in tokens]
    years = [
        i
        for i, t in enumerate(tokens)
        if t.clause == clause
        and (
            (t.word in spans and _counted(words, i, rules))
            or (len(t.word) == 4 and t.word.isdigit() and not since.isdisjoint(words[max(0, i - _YEAR) : i]))
        )
    ]
    if not years:
        return None
    for i in range(max(0, first - _NEAR), last + 1):
        if tokens[i].clause != clause or i + 1 in years:
            continue  # ("in two years": the span's own number)
        value = 2.0 if words[i] == "couple" else as_number(words[i], rules.numbers)
        if value is not None and 1 <= value <= _FEW:  # (not "half of the team")
            return f"a low count: '{words[i]} ... {words[years[0]]}'"
    return None


def _counted(words: list[str], at: int, rules: ContextRules) -> bool:
    """Whether the span word at `at` is counted ("in three years", "in 5 yrs", "over a decade"; not "last year's hires",
    which tokenizes as "years")."""
    if words[at].startswith("decade"):
        return True
    return any(as_number(w, rules.numbers) is not None or w in ("few", "several", "many") for w in words[max(0, at - 2) : at])
