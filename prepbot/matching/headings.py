"""A list under a heading that says its items are missing (issue 18, across sentences).

"Things this team skips:\n- peer review of PRs\n- design docs", "Stuff this place does not have:\n1. a backlog":
each item is a piece of its own and names a practice as if it held; the heading says it does not. An item's green
reading (or, when it reads nothing, the practice it names: "a backlog") is turned to its opposite, with the heading
as its context; a red item ("- no CI") stands as it is. A heading is a short piece that ends with ":" and says
absence: a word of `grammar.absent_heads` ("skips", "missing"), or a negation with a word of `grammar.absent_verbs`
("does not have", "don't exist", "no ... in place"). The items are the pieces after it that a line break and a
bullet ("-", "*", "•", "1.") open, up to the first that none opens.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prepbot.matching.reading import REPORT_THRESHOLD, Hit, Reading
from prepbot.matching.text import tokenize

if TYPE_CHECKING:
    from collections.abc import Callable

    from prepbot.bank import Flag
    from prepbot.matching.context_rules import ContextRules

_HEAD_WORDS = 8  # a heading is short: "Things this place does not have"
_BULLET_AFTER = re.compile(r"\n[ \t]*[-*•][ \t]*$")  # the piece before an item ends in a line break and a bullet
_NUMBER = re.compile(r"\s*\d{1,2}[.)]\s*$")  # ...or the item follows a piece that is a number alone: "1."
_cache: dict[str, bool] = {}


def _absent_head(piece: str, rules: ContextRules) -> bool:
    """Whether a piece is a heading that says the items after it are missing (cached: notes repeat headings)."""
    said = _cache.get(piece)
    if said is None:
        head = _BULLET_AFTER.sub("", piece).rstrip()
        said = False
        if head.endswith(":") and len(head.split()) <= _HEAD_WORDS:
            words = {t.word for t in tokenize(head, rules)}
            grammar = rules.grammar
            said = bool(words & grammar["absent_heads"]) or bool(
                words & rules.negation_before and words & grammar["absent_verbs"]
            )
        if len(_cache) > 5_000:
            _cache.clear()
        _cache[piece] = said
    return said


def absent_heads(pieces: list[tuple[int, str]], rules: ContextRules) -> set[int]:
    """The indices of the pieces that are such headings, with a bulleted item after them."""
    return {
        i
        for i in range(len(pieces) - 1)
        if pieces[i][1].rstrip(" \t-*•\n").endswith(":") and _items(pieces, i) and _absent_head(pieces[i][1], rules)
    }


def absent_pieces(pieces: list[tuple[int, str]], rules: ContextRules) -> set[int]:
    """The indices of such headings and their items: none of them is a topic the next item answers ("- no CI\n- no
    staging" is no topic "no CI" answered no)."""
    return {j for head in absent_heads(pieces, rules) for j in (head, *_items(pieces, head))}


def _items(pieces: list[tuple[int, str]], head: int) -> list[int]:
    """The item pieces after the heading at `head`."""
    found = []
    for i in range(head + 1, len(pieces)):
        before, piece = pieces[i - 1][1], pieces[i][1]
        if _NUMBER.fullmatch(piece):
            if i == head + 1 and not pieces[head][1].endswith("\n"):
                break
            continue  # the number opens the next piece
        if not (_BULLET_AFTER.search(before) or (_NUMBER.fullmatch(before) and i - 1 > head)):
            break
        found.append(i)
    return found


def read_absent_list(
    pieces: list[tuple[int, str]],
    readings: list[tuple[int, Reading]],
    rules: ContextRules,
    flags: dict[str, Flag],
    named_topic: Callable[[str], tuple[Hit, ...]],
) -> None:
    """Turn the green readings of the items under an absent heading to their opposites (in place)."""
    for head in absent_heads(pieces, rules):
        name = _BULLET_AFTER.sub("", pieces[head][1]).strip()
        context = f"listed under '{name}'"
        offset, reading = readings[head]
        readings[head] = (offset, Reading((), reading.blocked, False, reading.span, reading.negated))
        for i in _items(pieces, head):
            offset, reading = readings[i]
            plain = [h for h in reading.hits if h.score >= REPORT_THRESHOLD]
            if not plain:
                plain = list(named_topic(pieces[i][1]))
            hits = []
            for hit in plain:
                flag = flags[hit.flag_id]
                if flag.kind == "red":
                    hits.append(hit)
                elif flag.opposite in flags:
                    hits.append(Hit(flag.opposite, hit.score, hit.start, hit.end, hit.source, context))
            # (the heading ruled on them: the classifier, reading the whole note, cannot overrule it)
            blocked = reading.blocked | {f for h in hits for f in (h.flag_id, flags[h.flag_id].opposite) if f}
            readings[i] = (offset, Reading(tuple(hits), blocked, False, reading.span, reading.negated))
