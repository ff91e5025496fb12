"""What a terse answer's own words name, for `answers.AnswerReader`.

"people leave every few months" typed under "How long is the standup?" names turnover and nothing the
question asks about: it is read for what it names, and the question's yes or no does not reach it.
The words are data (`answers: names` in context.yaml); a flag names its opposite too.
"""

from __future__ import annotations

from prepbot.bank import Question
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.text import Token, tokenize

_INDEXES: dict[int, tuple[ContextRules, dict[str, list[tuple[tuple[str, ...], str]]]]] = {}


def _index(rules: ContextRules) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (phrase, flag), longest phrase first; phrases read through the tokenizer ("prs" is "pr").
    A phrase listed under two flags names both ("ticket": a bug report or a work item)."""
    cached = _INDEXES.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for flag_id, phrases in rules.answer_names.items():
        for phrase in phrases:
            words = tuple(t.word for t in tokenize(phrase, rules))
            if words:
                index.setdefault(words[0], []).append((words, flag_id))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    _INDEXES[id(rules)] = (rules, index)
    return index


def named(tokens: list[Token], rules: ContextRules, opposites: dict[str, str | None]) -> list[tuple[str, int, int]]:
    """(flag, first token, end token) of each practice the words name, longest phrase first, left to right."""
    index = _index(rules)
    words = [t.word for t in tokens]
    found: list[tuple[str, int, int]] = []
    at = 0
    while at < len(words):
        longest = 0
        for phrase, flag_id in index.get(words[at], ()):
            if len(phrase) >= longest and tuple(words[at : at + len(phrase)]) == phrase:
                found.append((flag_id, at, at + len(phrase)))
                longest = len(phrase)
        at += longest or 1
    return found


def topic_flags(flag_ids, opposites: dict[str, str | None]) -> frozenset[str]:
    """The flags and their opposites: one practice, either way."""
    return frozenset(f for f in flag_ids if f) | frozenset(o for f in flag_ids if f and (o := opposites.get(f)))


def own_topics(question: Question, opposites: dict[str, str | None]) -> frozenset[str]:
    """The practices a question asks about: its flags and those of its `answers:` mapping, either way."""
    key = question.answers
    return topic_flags({*question.flags, key.if_yes, key.if_no, *(f for f, _ in key.cues)}, opposites)


def elsewhere(text: str, question: Question, rules: ContextRules, opposites: dict[str, str | None]) -> frozenset[str]:
    """The practices the words name besides those the question asks about: "I joined two weeks ago" under the
    standup question names the interviewer's tenure; "bug fixes wait" under the triage question, features."""
    names = {f for f, _, _ in named(tokenize(text, rules), rules, opposites)}
    return topic_flags(names, opposites) - own_topics(question, opposites)


def owned_by_the_named(hits: list, tokens: list[Token], rules: ContextRules, opposites: dict[str, str | None]) -> list:
    """Rule "the practice named owns a shared word": "deploys, still done by hand" under "What would you fix first?"
    -- "by hand" is an answer family word of untested code and of hand deploys alike; the answer names deploys,
    so the reading of the practice it does not name goes. Only where both read the same words and one is named, or
    where another practice is named straight after the family's words ("nothing merges without a review")."""
    found = named(tokens, rules, opposites)
    topics = topic_flags({f for f, _, _ in found}, opposites)
    if not topics:
        return hits

    def other(h, flag_id: str) -> bool:
        return flag_id not in (h.flag_id, opposites.get(h.flag_id))

    def named_next(h) -> bool:  # "merged without a review": what goes without is named after "without"
        last = next((t.word for t in reversed(tokens) if t.end <= h.end), "")
        after = [i for i, t in enumerate(tokens) if t.start >= h.end][:3]
        return last == "without" and any(first in after and other(h, f) for f, first, _ in found)

    def shared(h) -> bool:
        return any(o.flag_id in topics and other(h, o.flag_id) and o.start < h.end and h.start < o.end for o in hits)

    return [
        h
        for h in hits
        if not (h.source.startswith("answer family cue") and h.flag_id not in topics and (named_next(h) or shared(h)))
    ]


def yields_to_its_reason(text: str, hits: dict[str, list], rules: ContextRules, threshold: float) -> None:
    """Rule "a bare answer yields to its reason" (`answers: reasons`): "I can't, tickets get written afterwards" under
    "How do you see what is being worked on?" -- the bare "can't" reads no backlog, the clause after it says why
    (tickets-afterthought): where every reading of the bare answer's flag lies in the answer's first clause and a reason
    flag is read by the words after it, the bare answer's flag goes (in place)."""
    cut = min((i for i in (text.find(mark) for mark in (",", ";", " - ", ":")) if i > 0), default=-1)
    if cut < 0:
        return
    for flag_id, reasons in rules.answer_words.reasons.items():
        found = hits.get(flag_id, [])
        if not found or not all(h[3].startswith("answer") and h[2] <= cut for h in found):
            continue
        if any(h[0] >= threshold and h[1] > cut and not h[3].startswith("classifier") for r in reasons for h in hits.get(r, [])):
            del hits[flag_id]
