"""A change over time across two pieces: "reviews were optional; they became mandatory last spring", "tests were
required. Since the layoffs nobody writes them". The first piece, told in the past (`past_words`), reads a flag
whose opposite the next piece reads, with a word of the later state in it (`grammar.later_words`: "now",
"became", "since", "anymore") or opening it (`grammar.later_openers`: "after", "then"): only the later state stands, the earlier reading goes. Kept apart from
neighbours.py (its size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepbot.matching.reading import REPORT_THRESHOLD, Reading
from prepbot.matching.text import tokenize

if TYPE_CHECKING:
    from prepbot.bank import Flag
    from prepbot.matching.context_rules import ContextRules


def drop_earlier(pieces, readings, flags: dict[str, Flag], rules: ContextRules) -> None:
    """Drop from a piece told in the past the readings the next piece, told as the later state, turns round."""
    later = rules.grammar.get("later_words", frozenset())
    if not later:
        return
    for i in range(len(pieces) - 1):
        before, after = readings[i][1], readings[i + 1][1]
        if before.question or after.question or not before.hits or not after.hits:
            continue
        now = {h.flag_id for h in after.hits if h.score >= REPORT_THRESHOLD}
        gone = {h.flag_id for h in before.hits if h.score >= REPORT_THRESHOLD and flags[h.flag_id].opposite in now}
        if not gone or gone & now:
            continue
        words = [t.word for t in tokenize(pieces[i + 1][1], rules)]
        opens = bool(words) and words[0] in rules.grammar.get("later_openers", frozenset())
        if later.isdisjoint(words) and not opens:
            continue
        # (a later piece that opens so puts the one before in the past: "...; after the reorg people merge their own")
        if not opens and rules.past_words.isdisjoint(t.word for t in tokenize(pieces[i][1], rules)):
            continue
        offset, r = readings[i]
        readings[i] = (offset, Reading(tuple(h for h in r.hits if h.flag_id not in gone), r.blocked, r.model_ok, r.span))
