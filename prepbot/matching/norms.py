"""A stated norm against the real figure: "officially it's a 40h week, in reality 55+".

context.yaml `norm_figures` names the words that mark a stated norm ("officially", "on paper", "the
contract"), the words that mark what really happens ("in reality", "closer to", "my timesheet"), and per
flag the units of its figures and the least real figure that reads it (a week of 45 hours, a standup of
20 minutes). In a sentence, or a sentence and the next, that holds a norm and a real figure with a unit
near one of them, the real figure decides: well above the norm (5 more, and at least the flag's least) is
the flag; at or below the norm, or a norm said to hold ("and that's what I do"), the norm holds (the
classifier's reading of the flag there too), and a hedged "officially 40 hours" says nothing of that flag;
so does a normal norm with nothing said against it (no real figure, no `contrary` word: "officially
normal, 40 a week").
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.text import as_number, tokenize

REACH = 5  # words between a marker and its number
UNIT_REACH = 3  # words between a number and its unit


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


ABOVE, HELD, STATED = "above", "held", "stated"
_SPAN = ("to", "till", "until", "through")  # "9 to 5" ("9-5" reads two figures side by side)
_DAY_PARTS = ("am", "pm")


def _clock_day(words: list[str], numbers: dict[int, float], at: int) -> tuple[int, float] | None:
    """(where the day's end is, the hours of a five-day week) when the figure at `at` opens a working day told
    by the clock ("officially 9 to 5": 40, not a norm of 9), else None."""
    j = at + 1
    j += j < len(words) and words[j] in _DAY_PARTS
    j += j < len(words) and words[j] in _SPAN
    if j not in numbers or numbers[at] > 12:
        return None
    end = numbers[j] + 12 if numbers[j] <= numbers[at] else numbers[j]
    return (j, (end - numbers[at]) * 5) if 4 <= end - numbers[at] <= 14 and end <= 24 else None


def _bare(words: list[str], at: int, spec: dict, rules: ContextRules) -> bool:
    """Whether no unit of another thing follows the figure at `at` ("40, in reality": not "40 days of leave")."""
    after = words[at + 1] if at + 1 < len(words) else ""
    joins = rules.clause_breakers | rules.scope_breakers
    return not after.isalpha() or after in joins or any(after == p[0] for p in spec["real"])


def _unopposed(words: list[str], spec: dict, figure: float, flag: str, negating: frozenset[str], foreign: set[int]) -> bool:
    """A normal figure and nothing said against the norm: no real-figure word, no `contrary` word (one a negation
    just before denies says nothing against it: "nobody mentioned anything longer")."""
    against = [i for i in _marks(words, spec["contrary"]) if negating.isdisjoint(words[max(0, i - 4) : i])]
    # (a real-figure word by a figure of another unit is about that: "standups take 45 minutes")
    real = [i for i in _marks(words, spec["real"]) if not any(abs(i - j) <= REACH for j in foreign)]
    return figure < spec["long"][flag] and not real and not against


def read(pieces: list[tuple[int, str]], rules: ContextRules) -> Iterator[tuple[str, str, int, int, str]]:
    """(flag, how it went, start, end, how) for each norm: ABOVE when the real figure is well above the
    norm, HELD when a real figure at the norm (or words) say it holds, STATED when a normal norm stands with
    nothing said against it (no real figure, no "but"); start and end are text offsets of what was read."""
    spec = rules.norm_figures
    if not spec:
        return
    firsts = spec["norm_texts"]
    for index, (offset, sentence) in enumerate(pieces):
        lowered = sentence.lower()
        if not any(w in lowered for w in firsts):
            continue  # (most sentences: no norm word)
        read_pieces = pieces[index : index + 2]
        per_piece = [[t.word for t in tokenize(piece, rules)] for _, piece in read_pieces]
        words = [w for piece_words in per_piece for w in piece_words]
        numbers = {i: v for i, w in enumerate(words) if (v := as_number(w, rules.numbers)) is not None and v >= 2}  # (not "a": 1)
        flag = next(
            (
                f
                for f, units in spec["units"].items()
                if any(
                    words[j] in units for i in numbers for j in range(max(0, i - UNIT_REACH), min(len(words), i + UNIT_REACH + 1))
                )
            ),
            None,
        )
        norm = _near(_marks(words, spec["norm"]), numbers)
        # (a norm told by the clock, "officially 9 to 5", is a week of its hours; the day's end is no real figure)
        clock = _clock_day(words, numbers, norm[0]) if norm and (flag is None or flag in spec["ranges"]) else None
        norm = (norm[0], clock[1]) if norm and clock else norm
        unitless = flag is None
        if unitless and norm is not None:
            # "officially 40, in reality 55+": no unit, the norm's figure says whose it is (`ranges`), and only a
            # real figure against it reads
            flag = next((f for f, (low, high) in spec["ranges"].items() if low <= norm[1] <= high), None)
        if flag is None:
            continue
        # (not a figure of another flag's unit: "officially 38 hours; the commute takes 50 minutes")
        foreign = {u for f, units in spec["units"].items() if f != flag for u in units}
        taken = {i for i in numbers if not foreign.isdisjoint(words[i + 1 : i + 1 + UNIT_REACH])} | (
            {clock[0]} if clock else set()
        )
        real = _near(_marks(words, spec["real"]), numbers, frozenset(taken | ({norm[0]} if norm else set())))
        if unitless and (
            real is None or real[1] > 2 * spec["ranges"][flag][1] or not (norm and (clock or _bare(words, norm[0], spec, rules)))
        ):
            continue
        end = offset + len(sentence) if real is None or len(read_pieces) == 1 else read_pieces[-1][0] + len(read_pieces[-1][1])
        if norm is None:
            if real is not None and _marks(words, spec["norm"]) and real[1] + 3 <= spec["long"][flag]:
                # "officially normal hours, and the timesheets averaged 39": a norm of words, a normal real figure
                yield flag, HELD, offset, end, f"norm in words, real {real[1]:g}"
            elif (
                real is None
                and _marks(words, spec["norm"])
                and _unopposed(words, spec, max(numbers.values()), flag, rules.negating, taken)
            ):
                # "on paper the hours are normal, 40 a week": the figure further off the norm's word
                yield (
                    flag,
                    STATED,
                    offset,
                    offset + len(sentence),
                    f"norm in words, {max(numbers.values()):g}, nothing against it",
                )
            continue
        if real is None:
            if _marks(per_piece[0], spec["held"]):
                yield flag, HELD, offset, offset + len(sentence), f"norm {norm[1]:g}, said to hold"
            elif _unopposed(words, spec, norm[1], flag, rules.negating, taken):
                # "hours are officially normal per HR, 40 a week": a normal norm and nothing said against it
                # (over both pieces read when the later one denies more: "a 38 hour week; nobody mentioned anything
                # longer"; not "hours are 9-5:30. Most devs are still online at 9pm", which only no word names)
                denied = any(not rules.negating.isdisjoint(words[max(0, i - 4) : i]) for i in _marks(words, spec["contrary"]))
                both = read_pieces[-1][0] + len(read_pieces[-1][1]) if denied else offset + len(sentence)
                yield flag, STATED, offset, both, f"norm {norm[1]:g}, nothing against it"
            continue
        # (the highest figure of a range read as the real one: "50-55 hrs")
        value = max(real[1], numbers.get(real[0] + 1, 0.0))
        how = f"norm {norm[1]:g}, real {value:g}"
        if value >= max(norm[1] + 5, spec["long"][flag]):
            yield flag, ABOVE, offset, end, how
        elif value <= norm[1] + 2:
            yield flag, HELD, offset, end, how


Hits = dict[str, list[tuple[float, int, int, str, str]]]


def apply(pieces: list[tuple[int, str]], rules: ContextRules, hits: Hits, flags: Container[str]) -> list[tuple[str, int, int]]:
    """The norms of the text read into `hits`: the flag well above the norm, else a hedged norm ("officially
    40 hours") no longer reads it. Returns (flag, start, end) of the norms kept or stated with nothing against them."""
    held = []
    for flag_id, went, start, end, how in read(pieces, rules):
        if flag_id not in flags:
            continue
        if went == ABOVE:
            hits.setdefault(flag_id, []).append((0.85, start, end, "norm against a number", how))
            continue
        held.append((flag_id, start, end))
        if flag_id in hits:
            kept = [h for h in hits[flag_id] if not (start <= h[1] < end and h[3].startswith("absence:"))]
            if kept:
                hits[flag_id] = kept
            else:
                del hits[flag_id]
    return held


def drop_classifier(hits: Hits, held: list[tuple[str, int, int]]) -> None:
    """A norm kept, or stated with nothing against it: the classifier's reading of its flag within those words
    goes too (a unit that holds other sentences beside them is read as it was)."""
    for flag_id, start, end in held:
        kept = [h for h in hits.pop(flag_id, []) if not (h[3].startswith("classifier") and start <= h[1] and h[2] <= end)]
        if kept:
            hits[flag_id] = kept
