"""A stated norm against the real figure: "officially it's a 40h week, in reality 55+".

context.yaml `norm_figures` names the words that mark a stated norm ("officially", "on paper", "the
contract") and the words that mark what really happens ("in reality", "closer to", "my timesheet"). In
a sentence, or a sentence and the next, that holds both with a number of hours near each, the real
figure decides: well above the norm (and a long week) is the flag (`flag`); at or below the norm, the
norm holds, and a hedged "officially 40 hours" says nothing of that flag.
"""

from __future__ import annotations

from collections.abc import Iterator

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.text import as_number, tokenize

REACH = 5  # words between a marker and its number
LOW, HIGH = 20, 100  # what a number of hours in a week can be


def _marks(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[int]:
    return [i for i in range(len(words)) for p in phrases if tuple(words[i : i + len(p)]) == p]


def _near(marks: list[int], numbers: dict[int, float], taken: frozenset[int] = frozenset()) -> tuple[int, float] | None:
    """The number nearest one of `marks` (within REACH words), not one already `taken`."""
    best = None
    for m in marks:
        for i, value in numbers.items():
            if i not in taken and abs(i - m) <= REACH and (best is None or abs(i - m) < best[0]):
                best = (abs(i - m), i, value)
    return (best[1], best[2]) if best else None


def read(pieces: list[tuple[int, str]], rules: ContextRules) -> Iterator[tuple[bool, int, int, str]]:
    """(above, start, end, how) for each norm set against a real figure: `above` when the real figure is
    well above the norm, else the norm holds; start and end are text offsets of the sentences read."""
    spec = rules.norm_figures
    if not spec:
        return
    firsts = spec["norm_firsts"]
    index = 0
    while index < len(pieces):
        offset, sentence = pieces[index]
        lowered = sentence.lower()
        if not any(w in lowered for w in firsts):
            index += 1
            continue
        read_pieces = pieces[index : index + 2]
        words, starts = [], []
        for piece_offset, piece in read_pieces:
            for token in tokenize(piece, rules):
                words.append(token.word)
                starts.append(piece_offset + token.end)
        numbers = {i: v for i, w in enumerate(words) if (v := as_number(w, rules.numbers)) is not None and LOW <= v <= HIGH}
        hours = any(words[j] in spec["units"] for i in numbers for j in range(max(0, i - 3), min(len(words), i + 4)))
        norm = _near(_marks(words, spec["norm"]), numbers) if hours else None
        real = _near(_marks(words, spec["real"]), numbers, frozenset({norm[0]})) if norm else None
        if norm is None or real is None:
            index += 1
            continue
        # (the highest figure of a range read as the real one: "50-55 hrs")
        value = max([real[1]] + [numbers[i] for i in (real[0] + 1,) if i in numbers])
        end = (
            starts[-1] if len(read_pieces) == 1 or real[0] >= len(tokenize(read_pieces[0][1], rules)) else offset + len(sentence)
        )
        how = f"norm {norm[1]:g}, real {value:g}"
        if value >= max(norm[1] + 5, spec["long"]):
            yield True, offset, end, how
        elif value <= norm[1] + 2:
            yield False, offset, end, how
        index += 1
