"""A compiled `CueSet` as plain data and back, so a warm start compiles no cue.

Compiling the catalogue's ~3,400 cues (parsing every word, the indexes by first term, the
requirements each cue needs, the stems of the cue words) costs about 0.15 s at every start; the
catalogue cache (`prepbot.catalogue`) stores what this module makes of a compiled set, and a warm
start rebuilds the set from it without parsing or stemming anything.

The data is JSON-shaped (lists, strings, numbers, booleans; never pickle: nothing in it can run).
It is only ever read back by the code that wrote it: the catalogue cache's key holds this
package's code, so a change here or in `cues.py` rebuilds it. Malformed data raises ValueError
(or KeyError, TypeError, IndexError), which the catalogue treats as a missing cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepbot.matching.cues import Cue, CueSet, Term, Vocabulary, _by_first

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules

FORMAT = 1


def as_data(cues: CueSet) -> dict[str, Any]:
    """What `from_data` needs to rebuild `cues` (made of lists, strings and numbers only)."""
    slot_ids: dict[tuple[tuple[int, ...], ...], int] = {}
    slots: list[list[list[int]]] = []
    rows = []
    for cue in cues.cues:
        ids = []
        for slot in cue.slots:
            shape = tuple(slot)
            known = slot_ids.get(shape)
            if known is None:
                known = slot_ids[shape] = len(slots)
                slots.append([list(alternative) for alternative in slot])
            ids.append(known)
        rows.append([cue.flag_id, cue.source, cue.weight, cue.negated_weight, ids, cue.gaps])
    return {
        "format": FORMAT,
        "terms": [[t.kind, t.text, t.op, t.value] for t in cues.vocabulary.terms],
        "slots": slots,
        "cues": rows,
        "literal_stems": {base: [[i, bare] for i, bare in found] for base, found in cues._literal_stems.items()},
        "requires": [sorted(r) for r in cues._requires],
        "anchored": _pairs(cues._anchored),
        "needs": _pairs(cues._needs),
        "starting": _pairs(cues._starting),
        "join_tails": sorted(cues._join_tails),
    }


def _pairs(index: dict[int, tuple[int, ...]]) -> list[list[Any]]:
    return [[term, list(values)] for term, values in index.items()]


def from_data(data: dict[str, Any], rules: ContextRules) -> CueSet:
    """The `CueSet` that `as_data` described, with empty caches. Raises ValueError on a format
    it does not know (and KeyError, TypeError or IndexError on damaged data)."""
    if data.get("format") != FORMAT:
        raise ValueError("unknown compiled cue format")
    cues = CueSet.__new__(CueSet)
    cues.rules = rules
    vocabulary = cues.vocabulary = Vocabulary()
    terms = vocabulary.terms = [Term(kind, text, op, float(value)) for kind, text, op, value in data["terms"]]
    vocabulary._ids = {(t.kind, t.text, t.op, t.value): i for i, t in enumerate(terms)}
    shared = []  # cues share their slots (and each slot's index by first term), as when compiled
    for slot in data["slots"]:
        alternatives = [tuple(alternative) for alternative in slot]
        shared.append((alternatives, _by_first(alternatives)))
    compiled = []
    for index, (flag_id, source, weight, negated_weight, slot_ids, gaps) in enumerate(data["cues"]):
        chosen = [shared[i] for i in slot_ids]
        compiled.append(
            Cue(
                flag_id,
                source,
                weight,
                negated_weight,
                [list(alternatives) for alternatives, _ in chosen],
                list(gaps),
                index,
                [by_first for _, by_first in chosen],
            )
        )
    cues.cues = compiled
    cues._index_terms()
    cues._literal_stems = {base: [(i, bare) for i, bare in found] for base, found in data["literal_stems"].items()}
    cues._requires = [frozenset(r) for r in data["requires"]]
    cues._anchored = {term: tuple(values) for term, values in data["anchored"]}
    cues._needs = {term: tuple(values) for term, values in data["needs"]}
    cues._starting = {term: tuple(values) for term, values in data["starting"]}
    cues._join_tails = frozenset(data["join_tails"])
    cues.reset_caches()
    if len(cues._requires) != len(compiled):
        raise ValueError("compiled cues do not match their requirements")
    return cues
