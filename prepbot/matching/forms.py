"""Cue words in the other forms people write them, so no cue needs to list them all:

- a contraction a cue spells short ("dont_know") also reads written out ("do not know"), as the contractions of
  the context rules say ("dont": "do"); applied to each cue as it is compiled (`CueSet`), the negation a
  written-out form carries ("not") is inside the cue's own words, as the contraction's is;
- a verb form of a cue word whose Snowball stem is a derivation's ("estimating" of "estimates": `bases`);
- the other spelling, British or American ("prioritised", "behaviour"): the context rules' `spellings`
  (suffixes and whole words, both ways); only a cue word (or its form) is read so, never another real word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepbot.matching.cues import CueSet

# Written out otherwise than "<verb> not" (the verb is in the contractions table: "cant": "can")
_WRITTEN_OUT = {"cant": ("can_not", "cannot"), "wont": ("will_not",), "aint": ("is_not", "are_not")}


def spelled_out(source: str, contractions: dict[str, str]) -> str:
    """The cue with each alternative holding a contraction ("dont_know") joined by its written-out forms
    ("dont_know|do_not_know"); a cue without contractions is returned as it is."""
    text, at, weight = source.rpartition(" @") if " @" in source else (source, "", "")
    if not any(word in contractions for word in text.replace("|", " ").replace("_", " ").split()):
        return source
    slots = []
    for slot in text.split():
        alternatives = slot.split("|")
        more = []
        for alternative in alternatives:
            words = alternative.split("_")
            for i, word in enumerate(words):
                if word not in contractions:
                    continue
                for long in _WRITTEN_OUT.get(word, (f"{contractions[word]}_not",)):
                    more.append("_".join([*words[:i], long, *words[i + 1 :]]))
        slots.append("|".join(dict.fromkeys(alternatives + more)))
    return " ".join(slots) + at + weight


def bases(word: str, plurals: bool = True) -> set[str]:
    """The word and what it is without an inflection ("allowances": "allowance"; "estimating": "estimat",
    "estimate"; "planned": "plan"): mechanical, so some are no words; a pair of words is read alike only
    when both give one base (`inflected_literals`). `plurals=False`: no "-s" taken off (a text word is read
    so: "estimations", "rotations" are often another sense than the cue's "estimation", "rotation": on the
    real rows the plurals cost more than they read)."""
    out = {word}
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if (
            (plurals or suffix[-1] != "s")
            and word.endswith(suffix)
            and len(word) - len(suffix) >= 3
            and not word.endswith(("ss", "us", "is"))
        ):
            root = word[: -len(suffix)]
            out.add(root + repl)
            if suffix in ("ed", "ing") and len(root) >= 4 and root[-1] == root[-2] and root[-1] not in "aeiouls":
                out.add(root[:-1])  # a doubled consonant: "planned", "shipping"
    return out


def inflected_literals(
    literals: dict[str, int], snowball: dict[str, list[tuple[int, bool]]]
) -> dict[str, list[tuple[int, bool]]]:
    """Cue words the Snowball stem does not read by their inflections, because it strips a derivation
    ("allowance", "rotation", "turnover", "estimates": stems "allow", "rotat", "turnov", "estim"), by each of
    their bases, with whether the cue word is bare (a base is the word itself). `snowball`: the cue words read by
    their stem already (`CueSet._literal_stems`)."""
    read = {term for forms in snowball.values() for term, _ in forms}
    index: dict[str, list[tuple[int, bool]]] = {}
    for word, term in literals.items():
        if term in read or len(word) < 5 or not word.isalpha():
            continue
        for base in bases(word):
            index.setdefault(base, []).append((term, base == word))
    return index


def other_spellings(word: str, spellings: dict[str, dict[str, str]]) -> list[str]:
    """The word in the other spelling ("prioritised": "prioritized"; "behaviour": "behavior"), by the context
    rules' `spellings` (`suffixes` and `words`, each British: American, read both ways)."""
    out = []
    for british, american in spellings.get("words", {}).items():
        if word.startswith(british) and len(word) - len(british) <= 3:
            out.append(american + word[len(british) :])  # "behaviours", "behavioural"
        elif word.startswith(american) and len(word) - len(american) <= 3:
            out.append(british + word[len(american) :])
    for british, american in spellings.get("suffixes", {}).items():
        for mine, other in ((british, american), (american, british)):
            if word.endswith(mine) and len(word) - len(mine) >= 4:
                out.append(word[: -len(mine)] + other)
    return out


def other_forms(cues: "CueSet", word: str, unknown: bool) -> Iterator[int]:
    """Cue terms a word reads besides its own form and stem (`CueSet.terms_for`): a verb form of a cue word
    Snowball reads by a derivation (when the word is no cue word as written, `unknown`), and its other spelling."""
    for base in bases(word, False) if unknown else ():
        for term, term_bare in cues._inflected.get(base, ()):
            if term_bare or base != word:
                yield term
    for variant in other_spellings(word, cues.rules.spellings) if cues.rules.spellings else ():
        literal = cues._literals.get(variant)
        if literal is not None:
            yield literal
        found: dict[int, bool] = {}
        cues.form_terms(variant, found)  # (by a prefix or the stem, as the word itself is read)
        yield from found
