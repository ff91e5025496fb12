"""Cue words in the other forms people write them: a contraction a cue spells short ("dont_know") also reads
written out ("do not know"), as the contractions of the context rules say ("dont": "do").

Applied to each cue as it is compiled (`CueSet`), so no cue needs to list both; the negation a written-out
form carries ("not") is inside the cue's own words, as the contraction's is.
"""

from __future__ import annotations

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
