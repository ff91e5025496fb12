"""Negations denied: "not a single service without tests", "there isn't a commit that lands w/o two sets of
eyes on it". Kept apart from engine.py (its size)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from prepbot.bank import Flag
from prepbot.matching.reading import Hit

_NEGATIONS = re.compile(r"negation (before|inside|after): '([^']*)'")
# The inner negation of a denial: "not a single service without tests", "there's no repo that lacks tests".
_DENIED = frozenset({"without", "unless", "lacks", "lack", "lacking"})


def denial(rule: str) -> bool:
    """Whether a reading's rule is a negation denied before the cue: two negations, both before it, the
    inner one a "without" ("we don't merge w/o tests"); not parallel ones ("neither ... nor", "no pay (no
    pay ...)"), a prefix ("unprioritized is not ..."), or one after the cue ("zero tests isn't just ...")."""
    if not rule.startswith("double negation"):
        return False
    found = _NEGATIONS.findall(rule)
    return len(found) == 2 and all(where == "before" for where, _ in found) and found[1][1] in _DENIED


def denials_win(hits: list[Hit], flags: Mapping[str, Flag]) -> list[Hit]:
    """ "There isn't a commit that lands w/o two sets of eyes on it": a reading that counted a negation
    denied (a double negation) saw more of the sentence than an overlapping reading of the opposite flag
    that counted only the inner negation; the wider one holds."""
    denied = [h for h in hits if denial(h.context)]
    if not denied:
        return hits

    def beaten(hit: Hit) -> bool:
        opposite = flags[hit.flag_id].opposite
        return hit.context.startswith("negation") and any(
            d.flag_id == opposite and d.start < hit.end and hit.start < d.end for d in denied
        )

    return [h for h in hits if not beaten(h)]
