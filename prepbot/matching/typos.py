"""Typos the cue set's own tolerance (`CueSet._fuzzy`: a cue word itself, mistyped) does not read.

- `corrected(cues, word)`: a mistyped word form ("leavng", "revsed", "tets", "weekeds") read as the
  real English word one edit away (a letter dropped, doubled or added, replaced, two adjacent letters
  swapped) whose cue terms it then takes. Only for a word that is no real English word and that the
  cues do not know, of at least 4 letters (the word list holds none shorter, so a shorter word can
  not be told from a real one), never the first letter; the correction must be a real English word
  (or a cue word), and all the corrections that read cue terms must be forms of one stem ("tims":
  "times" and "time" are; "fies": "files", "fixes" and "fires" are not, and nothing is read).
It only runs for a word nothing else reads; the caller caches the answer per word. Words run together
("codereview", "productbacklog") are `compounds.py`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepbot.matching.words import inflection, is_word, stems

if TYPE_CHECKING:
    from prepbot.matching.cues import CueSet

LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_TYPO = 4  # the shortest mistyped word read (the word list holds no shorter word)


def edits(word: str, start: int = 1) -> set[str]:
    """Every word one edit away from letter `start` on (never the first letter): deletes, swaps,
    replacements, insertions."""
    out = set()
    for i in range(max(start, 1), len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            out.add(head + tail[1:])
            if len(tail) > 1:
                out.add(head + tail[1] + tail[0] + tail[2:])
            out.update(head + c + tail[1:] for c in LETTERS if c != tail[0])
        out.update(head + c + tail for c in LETTERS)
    out.discard(word)
    return out


def early_edits(word: str) -> set[str]:
    """The edits of letters 1 to 3 (the caller keeps those that begin as a cue word does)."""
    out = set()
    for i in range(1, min(4, len(word))):
        out.add(word[:i] + word[i + 1 :])
        out.add(word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :])
        out.update(word[:i] + c + word[i + 1 :] for c in LETTERS)
        out.update(word[:i] + c + word[i:] for c in LETTERS)
    out.discard(word)
    return out


def corrected(cues: CueSet, word: str) -> dict[int, bool]:
    """The cue terms of the one real word a mistyped `word` stands for (all inexact), or none."""
    literals, literal_stems = cues._literals, cues._literal_stems
    prefixes = [(length, stems) for length, stems in cues._stems.items() if length >= MIN_TYPO]
    heads = cues._typo_heads
    # Only an edit that begins as some cue word does can read one: an edit of the first four letters
    # is made only so; a later one only when the word begins so (gibberish costs little).
    edited = early_edits(word)
    if word[:3] in heads:  # (a cue word of three letters: its later letters may be anything)
        edited |= edits(word, 3)
    elif word[:4] in heads:
        edited |= edits(word, 4)
    candidates = [c for c in edited if c[:4] in heads or c[:3] in heads]
    by_stem: dict[str, set[str]] = {}
    for candidate, base in zip(candidates, stems(candidates), strict=True):
        if candidate in literals:
            real = len(candidate) >= 6 or is_word(candidate)  # (a short cue word must be a real one: "procs" is not "pocs")
        else:  # a cue word's form, or a word a cue word begins ("standup*": "standups", a form of it, need not be listed)
            real = base in literal_stems and inflection(candidate, base) and is_word(candidate)
            if not real:
                head = next((candidate[:n] for n, starts in prefixes if candidate[:n] in starts), "")
                # (a plural of a cue word, or a real word: a cue prefix may be cut short, "priorit*")
                real = bool(head) and ((head in literals and candidate[len(head) :] in ("s", "es")) or is_word(candidate))
        if real:
            by_stem.setdefault(base, set()).add(candidate)
    if len(by_stem) != 1:
        return {}  # nothing, or forms of two different words: no guess
    found: dict[int, bool] = {}
    for candidate in next(iter(by_stem.values())):
        for term in cues.terms_for(candidate, typos=False):
            found.setdefault(term, False)
    return found


def heads_of(cues: CueSet) -> frozenset[str]:
    """How the cue words, their stems and the cue prefixes begin (4 letters, or fewer when shorter): made once,
    when the set is compiled, and kept in the catalogue cache (`CueSet._typo_heads`)."""
    keys = [*cues._literals, *cues._literal_stems, *(t for ts in cues._stems.values() for t in ts if len(t) >= MIN_TYPO)]
    return frozenset(key[:4] if len(key) >= 4 else key[:3] for key in keys)
