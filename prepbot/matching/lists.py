"""A list that a negation or a wish opens reaches its later items (issue 18, real text).

"We don't use version control, tests, code review or CI": the negation sits in the first item's clause, and
the commas that split the sentence into clauses would otherwise keep it from the items after the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.text import Token

_LIST_ITEM_WORDS = 4  # an item between the negation's clause and the cue's: "unit tests", "linting", "a staging box"


def list_reach(tokens: list[Token], end: int, first: int, last: int, rules: ContextRules, window: int) -> bool:
    """Whether a trigger ending at `end` reaches a cue (`first`..`last`) that is a later item of a list its own
    clause opens: "we don't use version control, tests, code review or CI", "no time for reviews, unit tests or
    CI", "lack of basics (reviews, unit tests, CI)". The first item ends the trigger's clause within `window`
    words (and a few for the item), each item up to the cue's own is a few words with no verb of being and no
    negation, the cue opens its clause (after an item and "or"/"nor"/"and" at most), and the list is one: an
    item joined by "or"/"nor"/"and", or three items or more. ("No tests, CI runs nightly", "no CI, no review"
    are statements of their own.) Only green practices are read so (the callers' concern): a red item is a
    problem stated on its own ("no tests, shoddy error handling")."""
    k, c = tokens[end - 1].clause, tokens[first].clause
    if not k < c == tokens[last].clause:
        return False
    clause_end = max(i for i in range(end - 1, first) if tokens[i].clause == k)
    if clause_end < end:  # "nothing, we rotate and review": the trigger alone in its clause opens no list
        return False
    if clause_end - end >= window + _LIST_ITEM_WORDS or tokens[clause_end].scope != tokens[end - 1].scope:
        return False
    bad = rules.be_words | rules.negation_before
    joiners = rules.grammar["list_joiners"]
    items = [[t for t in tokens[clause_end + 1 : first] if t.clause == j] for j in range(k + 1, c)]
    lead = [t for t in tokens[:first] if t.clause == c]
    while lead and lead[-1].word in rules.grammar["list_articles"]:  # "or a CI pipeline"
        lead.pop()
    if lead:
        if lead[-1].word not in joiners:
            return False
        items.append(lead[:-1])
    items = [item for item in items if item or not lead]
    if any(not item or len(item) > _LIST_ITEM_WORDS or any(t.word in bad for t in item) for item in items):
        return False
    rest = [t for t in tokens[last + 1 :] if t.clause == c]  # "unit tests or CI": the item after it in its clause
    if rest and rest[0].word not in joiners and rest[0].word not in rules.grammar["list_item_tails"]:
        return False  # "renovate and the pipeline do it": a clause with a verb of its own, not an item
    after = [t for t in tokens[last + 1 :] if t.clause == c + 1]
    joined = bool(lead) or any(part and part[0].word in joiners for part in (rest, after))
    # ...and the cue's clause is an item, not a statement of its own: "the unit tests are decent", "no review"
    own = [t for t in tokens if t.clause == c]
    # (the item after it: a few words, or a last item joined by "or"/"nor"/"and": "unit tests or a build server")
    short_after = len(after) <= _LIST_ITEM_WORDS or any(t.word in joiners for t in after)
    three = len(items) >= 1 or bool(after) and short_after and not any(t.word in bad for t in after)
    return (joined or three) and len(own) <= 2 * _LIST_ITEM_WORDS and not any(t.word in bad for t in own)
