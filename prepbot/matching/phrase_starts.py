"""The longest answer phrase a run of words starts with, by an index of the phrases' first words.

The answer reader (answer_shapes.py) asks this of a terse answer's words once per phrase list
("yes", "no", "red", "unknown"), and of every short sentence of a long text: the phrase lists are
long, and only the phrases that open with the first word can match.
"""

from __future__ import annotations


def starts_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The longest of `phrases` that `words` start with (the first of the longest), or None. Only
    the phrases that open with the first word are compared (`_by_first_word`)."""
    by_first, empty = _by_first_word(phrases)
    best = None
    for phrase in by_first.get(words[0], ()) if words else ():
        if (best is None or len(phrase) > len(best)) and tuple(words[: len(phrase)]) == phrase:
            best = phrase
    return empty if best is None else best  # an empty phrase (if any) matches anything and loses to any other


# A tuple of phrases (the context rules') -> that tuple, its phrases by first word (in their order) and
# its empty phrase if any: built once per tuple and kept with it, so the id stays that tuple's.
_FIRST_WORDS: dict[int, tuple[tuple, dict[str, list[tuple[str, ...]]], tuple[str, ...] | None]] = {}


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> tuple[dict[str, list[tuple[str, ...]]], tuple[str, ...] | None]:
    known = _FIRST_WORDS.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1], known[2]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            by_first.setdefault(phrase[0], []).append(phrase)
    empty = next((phrase for phrase in phrases if not phrase), None)
    if len(_FIRST_WORDS) > 256:  # a few tuples per catalogue: bounded all the same
        _FIRST_WORDS.clear()
    _FIRST_WORDS[id(phrases)] = (phrases, by_first, empty)
    return by_first, empty
