"""Negations denied: "not a single service without tests", "there isn't a commit that lands w/o two sets of
eyes on it". Kept apart from engine.py (its size)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from prepbot.bank import Flag
from prepbot.matching.reading import Hit

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules

_NEGATIONS = re.compile(r"negation (before|inside|after): '([^']*)'")
_NOW = "fixed since: "  # the rule of a reading that reached what holds now
_CHANGES = ("dropped or fixed: ", "past: ")


def denial(rule: str, rules: ContextRules) -> bool:
    """Whether a reading's rule is a negation denied before the cue: two negations, both before it, the
    inner one a "without" ("we don't merge w/o tests"); not parallel ones ("neither ... nor", "no pay (no
    pay ...)"), a prefix ("unprioritized is not ..."), or one after the cue ("zero tests isn't just ...")."""
    if not rule.startswith("double negation"):
        return False
    found = _NEGATIONS.findall(rule)
    return len(found) == 2 and all(where == "before" for where, _ in found) and found[1][1] in rules.grammar["denying"]


def denials_win(hits: list[Hit], flags: Mapping[str, Flag], rules: ContextRules) -> list[Hit]:
    """ "There isn't a commit that lands w/o two sets of eyes on it": a reading that counted a negation
    denied (a double negation) saw more of the sentence than an overlapping reading of the opposite flag
    that counted only the inner negation; the wider one holds."""
    denied = [h for h in hits if denial(h.context, rules)]
    if not denied:
        return hits

    def beaten(hit: Hit) -> bool:
        opposite = flags[hit.flag_id].opposite
        return hit.context.startswith("negation") and any(
            d.flag_id == opposite and d.start < hit.end and hit.start < d.end for d in denied
        )

    return [h for h in hits if not beaten(h)]


def now_wins(hits: list[Hit], flags: Mapping[str, Flag]) -> list[Hit]:
    """ "Backlog chaos until 2025, now ranked": a reading that reached the part saying what holds now ("fixed
    since: 'now'") saw more of the sentence than an overlapping reading of the opposite flag that only counted
    the change before it (a dropped or past practice); the one of the now holds."""
    now = [h for h in hits if _NOW in h.context]
    if not now:
        return hits

    def beaten(hit: Hit) -> bool:
        opposite = flags[hit.flag_id].opposite
        older = _NOW not in hit.context and any(kind in hit.context for kind in _CHANGES)
        return older and any(d.flag_id == opposite and d.start < hit.end and hit.start < d.end for d in now)

    return [h for h in hits if not beaten(h)]
