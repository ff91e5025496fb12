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
