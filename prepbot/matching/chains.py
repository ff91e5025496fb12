"""A change told along arrows: "manual deploys -> jenkins -> now GH actions", "backlog: none -> a doc -> a
ranked board today". Only the last state stands: the sentence is read again with the earlier states blanked
(a topic before a colon stays: "reviews: mandatory -> optional -> gone"), and a reading wholly in an earlier
state goes when the last state reads its opposite or carries a word of the later state (`grammar.chain_later`:
"now", "again", "back", "after"). An arrow of cause ("crunch -> burnout -> people leave") names no later state
and keeps every reading. Kept apart from engine.py (its size)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from prepbot.matching.reading import Hit, Reading

if TYPE_CHECKING:
    from prepbot.bank import Flag
    from prepbot.matching.context_rules import ContextRules

_ARROW = re.compile(r"\s*(?:-{1,2}>|={1,2}>|\u2192|\u27f6|\u21d2)\s*")
_WORD = re.compile(r"[a-z0-9]+")
_STATE_WORDS = 4  # the most words of an earlier state in a chain of states


def has_arrow(sentence: str) -> bool:
    return "->" in sentence or "=>" in sentence or "\u2192" in sentence or "\u27f6" in sentence or "\u21d2" in sentence


def blank_earlier(sentence: str, rules: ContextRules) -> str:
    """The sentence with the states before its last arrow blanked (offsets hold), a topic before a colon kept:
    what a topic and its answer are read from ("backlog: none -> a ranked board today"). One arrow before a
    plain yes or no is a topic and its answer, no change ("reviews -> nope"): kept whole."""
    if not has_arrow(sentence):
        return sentence
    arrows = list(_ARROW.finditer(sentence))
    if not arrows or not _WORD.search(sentence[arrows[-1].end() :].lower()):
        return sentence
    if len(arrows) == 1 and ":" not in sentence[: arrows[0].start()]:
        answer = tuple(_WORD.findall(sentence[arrows[0].end() :].lower()))
        if answer in rules.answer_no or answer in rules.answer_yes:
            return sentence
    colon = sentence.find(":", 0, arrows[0].start())
    head_end = colon + 1 if colon >= 0 else 0
    return sentence[:head_end] + " " * (arrows[-1].end() - head_end) + sentence[arrows[-1].end() :]


def last_state(
    sentence: str, reading: Reading, compute: Callable[[str], Reading], rules: ContextRules, flags: dict[str, Flag]
) -> Reading:
    """The reading of a sentence told as a chain of states: the last state's, with what reaches into it."""
    if not has_arrow(sentence):
        return reading
    arrows = list(_ARROW.finditer(sentence))
    if not arrows:
        return reading
    last = arrows[-1]
    tail = sentence[last.end() :]
    if not _WORD.search(tail.lower()):
        return reading  # "X ->" with nothing after it: no later state
    blanked = blank_earlier(sentence, rules)
    if blanked == sentence:
        return reading
    later = compute(blanked)
    now = {h.flag_id for h in later.hits}
    opposite_now = {flags[f].opposite for f in now if f in flags}
    # a word of the later state marks a change only along short states ("standup 45m -> 15m since the split"),
    # not after a clause ("we want actions next quarter -> so nothing now": the clause is no earlier state)
    colon = sentence.find(":", 0, arrows[0].start())
    states = _ARROW.split(sentence[colon + 1 if colon >= 0 else 0 : last.start()])
    # (or the later state is a figure after a figure: "standup 45m -> 15m after they split the team")
    later_word = not rules.grammar.get("chain_later", frozenset()).isdisjoint(_WORD.findall(tail.lower()))
    short = all(len(_WORD.findall(state.lower())) <= _STATE_WORDS for state in states)
    marked = short and (later_word or _figures(states[-1], tail))
    kept: list[Hit] = []
    gone: set[str] = set()
    for h in reading.hits:
        # (a reading the sentence's own words already turned to the later state stays: "used to X -> now Y")
        earlier = h.end <= last.start() and "fixed since" not in h.context
        if h.flag_id in opposite_now or (earlier and marked):
            gone.add(h.flag_id)
        elif h.flag_id not in now:
            kept.append(h)
    if not gone and not now - {h.flag_id for h in reading.hits}:
        return reading
    context = "the last state of a '->' chain"
    added = tuple(Hit(h.flag_id, h.score, h.start, h.end, h.source, h.context or context) for h in later.hits)
    return Reading(
        tuple(kept) + added,
        reading.blocked | later.blocked | frozenset(gone),
        reading.model_ok and later.model_ok,
        reading.span,
        negated=reading.negated or later.negated,
        asked=reading.asked,
        question=reading.question,
        topical=reading.topical or later.topical,
        red_only=reading.red_only or later.red_only,
    )


def _figures(state: str, tail: str) -> bool:
    """An earlier state and the last one both a figure ("standup 45m -> 15m after the split"): the figure that
    follows is the later state, whatever words come after it."""
    before = _WORD.findall(state.lower())
    after = _WORD.findall(tail.lower())
    return bool(after and after[0][0].isdigit() and any(word[0].isdigit() for word in before))
