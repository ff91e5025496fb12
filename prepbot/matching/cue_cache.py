"""A compiled `CueSet` as plain data and back, so a warm start compiles no cue.

Compiling the catalogue's ~3,400 cues (parsing every word, the indexes by first term, the
requirements each cue needs, the stems of the cue words) costs about 0.15 s at every start; the
catalogue cache (`prepbot.catalogue`) stores what this module makes of a compiled set, and a warm
start takes the set back from it without parsing, stemming or indexing anything.

The data is the compiled set's own structures (each cue's fields, the set's indexes: dicts,
lists, tuples, frozensets of strings and numbers; each term's fields as a dict), meant for `marshal`,
which keeps objects shared between cues shared (a slot and its index by first term) and can
build nothing that runs: never pickle. It is only ever read back by the code that wrote it: the
catalogue cache's key holds this package's code, so a change here or in `cues.py` rebuilds it.
Malformed data raises ValueError (or KeyError, TypeError, IndexError, AttributeError), which the
catalogue treats as a missing cache.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from prepbot.matching.cues import Cue, CueSet, Term, Vocabulary

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules

FORMAT = 2  # 1: JSON-shaped lists, rebuilt; 2: the structures themselves (marshal)

_CUE_NAMES = tuple(f.name for f in fields(Cue))
_CUE_FIELDS = frozenset(_CUE_NAMES)
_TERM_FIELDS = tuple(f.name for f in fields(Term))
_OWN = frozenset({"rules", "vocabulary", "cues", "_numbers"})  # stored apart, or not stored


def _cache_names() -> frozenset[str]:
    """The attributes `CueSet.reset_caches` makes: what a set learns from texts, never stored."""
    probe = CueSet.__new__(CueSet)
    probe._requires = []
    probe.reset_caches()
    return frozenset(vars(probe)) - {"_requires"}


def as_data(cues: CueSet) -> dict[str, Any]:
    """What `from_data` needs to take `cues` back (made of marshal's types only: no Term, no Cue)."""
    terms = cues.vocabulary.terms
    skip = _OWN | _cache_names()
    numbers = [i for i, term in cues._numbers]
    if any(terms[i] is not term for i, term in cues._numbers):
        raise ValueError("a number term is not the vocabulary's")
    return {
        "format": FORMAT,
        "terms": [{name: getattr(term, name) for name in _TERM_FIELDS} for term in terms],
        "cues": [{name: getattr(cue, name) for name in _CUE_NAMES} for cue in cues.cues],
        "numbers": numbers,
        "state": {name: value for name, value in vars(cues).items() if name not in skip},
    }


def from_data(data: dict[str, Any], rules: ContextRules) -> CueSet:
    """The `CueSet` that `as_data` described, with empty caches. Raises ValueError on a format
    it does not know (and KeyError, TypeError, IndexError or AttributeError on damaged data)."""
    if data.get("format") != FORMAT:
        raise ValueError("unknown compiled cue format")
    cues = CueSet.__new__(CueSet)
    vocabulary = Vocabulary()
    terms: list[Term] = []
    ids = {}
    for values in data["terms"]:  # each a dict of the fields: updated from whole, 3x faster than from pairs
        if tuple(values) != _TERM_FIELDS:
            raise ValueError("a compiled term does not have a term's fields")
        fields_of = tuple(values.values())
        term = Term(*fields_of)
        ids[fields_of] = len(terms)
        terms.append(term)
    vocabulary.terms = terms
    vocabulary._ids = ids
    compiled = []
    for index, values in enumerate(data["cues"]):
        if values.keys() != _CUE_FIELDS or values["index"] != index:
            raise ValueError("a compiled cue does not have a cue's fields")
        cue = Cue.__new__(Cue)  # (its fields as stored: no __post_init__, the slots' index is stored with them)
        for name in _CUE_NAMES:
            setattr(cue, name, values[name])
        compiled.append(cue)
    state = data["state"]
    if not isinstance(state, dict) or not all(isinstance(name, str) and name.startswith("_") for name in state):
        raise ValueError("damaged compiled cues")
    cues.__dict__.update(state)
    cues.rules, cues.vocabulary, cues.cues = rules, vocabulary, compiled
    cues._numbers = [(i, terms[i]) for i in data["numbers"]]
    if len(cues._requires) != len(compiled):
        raise ValueError("compiled cues do not match their requirements")
    cues.reset_caches()
    return cues
