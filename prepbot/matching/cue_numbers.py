"""Numbers as cue words: a mixin of `CueSet` (cues.py).

A number matches the number terms of the cues ("#>=2") by where it falls among their values, so
every number of a text reads as one of a few classes: "Interview 412" and "Interview 413" wake the
same cues. A text holds many different numbers (dates, counts, ticket ids), each new to the per-word
caches; the class is found with one bisection, and what it matches, wakes and can start is kept per
class, not per number. Words that are also cue words or a cue stem's start ("24/7") take the general
path (`CueSet.terms_for`), as do number words ("two").
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from prepbot.matching.text import as_number

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules
    from prepbot.matching.cues import Term


def _compare(number: float, op: str, value: float) -> bool:
    if op == ">=":
        return number >= value
    if op == "<=":
        return number <= value
    if op == ">":
        return number > value
    if op == "<":
        return number < value
    return number == value


class NumberWords:
    """What a word written in digits matches, per class of number (set up by `CueSet`)."""

    rules: "ContextRules"
    _literals: dict[str, int]
    _stem_initials: frozenset[str]
    _numbers: list[tuple[int, "Term"]]
    _number_values: list[float]
    _number_matches: dict[tuple[int, bool], tuple[int, ...]]
    _number_terms: dict[tuple[tuple[int, bool], ...], dict[int, bool]]
    _number_entries: dict[tuple[int, bool], Any]

    def _sets_of(self, terms) -> tuple[frozenset[int], int, frozenset[int]]:
        raise NotImplementedError  # CueSet's

    def _number_class(self, number: float) -> tuple[int, bool]:
        """Where a number falls among the number terms' values: all it matches depends on that alone."""
        values = self._number_values
        at = bisect_left(values, number)
        return at, at < len(values) and values[at] == number

    def _number_terms_of(self, number: float) -> tuple[int, ...]:
        """The number terms ("#>=2") a number matches, in the vocabulary's order; one answer per
        place among the terms' values (numbers are many: "Interview 412")."""
        key = self._number_class(number)
        known = self._number_matches.get(key)
        if known is None:
            known = self._number_matches[key] = tuple(i for i, t in self._numbers if _compare(number, t.op, t.value))
        return known

    def _digits_class(self, word: str) -> tuple[tuple[int, bool], float] | None:
        """The class of a word written in digits that matches number terms only, and its number; else None."""
        if word in self._literals or word[0] in self._stem_initials or word in self.rules.contractions:
            return None  # (a cue word, a cue stem's start: the general path)
        number = as_number(word, self.rules.numbers)
        return None if number is None else (self._number_class(number), number)

    def _number_word(self, word: str) -> dict[int, bool] | None:
        """`terms_for(word)` of a word written in digits, kept per class (not per word); None: the general path."""
        found = self._digits_class(word)
        if found is None:
            return None
        entry = self._number_entries.get(found[0])
        return self._number_entry_of(*found)[0] if entry is None else entry[0]

    def _number_entry(self, word: str) -> Any:
        """`_word_entry(word)` of a word written in digits, kept per class; None: the general path."""
        found = self._digits_class(word)
        if found is None:
            return None
        entry = self._number_entries.get(found[0])
        return self._number_entry_of(*found) if entry is None else entry

    def _number_entry_of(self, key: tuple[int, bool], number: float) -> Any:
        terms = dict.fromkeys(self._number_terms_of(number), True)
        # Numbers are many and read alike: one shared answer (as `terms_for` keeps it), not one each.
        terms = self._number_terms.setdefault(tuple(terms.items()), terms)
        entry = self._number_entries[key] = (terms, *self._sets_of(terms))
        return entry
