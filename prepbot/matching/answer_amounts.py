"""Amounts and objects in a terse answer, for `answers.AnswerReader`: a number said as a bound ("under 20 min", "more
than one page") or a rate ("two a night") is no amount a question's number cue may compare; "not a single page" is
none, which an at-most-one cue reads; "we plan to 80%" plans an amount, it wishes nothing; and a pronoun that is a
verb's object ("let me ask around") is no answer "me".
The word lists are data (`answers: words` in context.yaml)."""

from __future__ import annotations

import re

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.text import Token, as_number, tokenize

_CUE_NUMBER = re.compile(r"#(>=|<=|>|<|=)?\d")
_FALL = "shrank"  # what a fall between two numbers reads as: the word a question's cues give a shrinking count
_PART_MARK = re.compile(r"[,;:.!?]|\s[-–—]+\s")


def an_object(tokens: list[Token], matched: list[int], rules: ContextRules) -> bool:
    """Rule "an object is no answer": an answer cue that is a lone pronoun ("me") after a verb that takes it as its
    object ("let me check", "ask me later") reads nothing; the pronoun answering "Who ...?" stands ("me, ten months")."""
    if len(matched) != 1 or tokens[matched[0]].word not in ("me", "us"):
        return False
    at = matched[0]
    return at > 0 and tokens[at - 1].clause == tokens[at].clause and tokens[at - 1].word in rules.answer_words.takes_an_object


def a_size(tokens: list[Token], matched: list[int], rules: ContextRules) -> bool:
    """Rule "nothing major is a size": an answer cue that reads a lone "nothing" or "none" followed by a word of size
    (`answers: words: sizes`) reads nothing: "a while ago, nothing major" tells how big the outage was, not that nothing
    changed after it; the size closes its clause ("nothing major changed" still says nothing changed). A bare "nothing"
    still answers ("nothing, we moved on")."""
    if len(matched) != 1 or tokens[matched[0]].word not in ("nothing", "none"):
        return False
    at = matched[0]
    clause = [t for t in tokens[at + 1 :] if t.clause == tokens[at].clause]
    return len(clause) == 1 and clause[0].word in rules.answer_words.sizes


def not_an_answer(tokens: list[Token], matched: list[int], rules: ContextRules) -> bool:
    """Whether an answer cue's words are no answer: a verb's object ("let me ask") or a size ("nothing major")."""
    return an_object(tokens, matched, rules) or a_size(tokens, matched, rules)


def bound_contradicts(source: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> bool:
    """Rule "a bound is no amount": a number said to be a bound ("under 20 min", "more than one page") only tells which
    side of it the amount is: a cue that needs the other side ("#>=20 min" for "under 20", "#<=1 page" for "more than
    one") does not read it. The bound's own side still reads ("under 10 min" is at most fifteen)."""
    found = _CUE_NUMBER.search(source)
    if found is None:
        return False
    op = found.group(1) or "="
    for index in matched:
        if as_number(tokens[index].word, rules.numbers) is None:
            continue
        earlier = tokens[max(0, index - 3) : index]
        if (
            tokens[index].word in ("a", "an")
            and index == matched[0]  # the cue's number, not the "a" of its unit ("300 a week" under "#>=10 a_week")
            and any(as_number(t.word, rules.numbers) is not None for t in earlier)
        ):
            return True  # rule "a per is no count": "two a night" is two, not one night
        before = tuple(t.word for t in tokens[max(0, index - 2) : index])
        below = any(before[-len(b) :] == b and not _particle(tokens, index - len(b), rules) for b in rules.answer_words.below)
        above = any(before[-len(a) :] == a and not _particle(tokens, index - len(a), rules) for a in rules.answer_words.above)
        if (below and op in (">=", ">", "=")) or (above and op in ("<=", "<", "=")):
            return True
    return False


def _particle(tokens: list[Token], at: int, rules: ContextRules) -> bool:
    """Rule "a particle is no bound": the bound word at `at` straight after a verb or its object ("took them over three
    weeks ago", "handed over two months back") belongs to the verb; the number after it is no amount above."""
    return at > 0 and tokens[at - 1].clause == tokens[at].clause and tokens[at - 1].word in rules.answer_words.particle_before


def planned_amount(trigger, tokens: list[Token], rules: ContextRules) -> bool:
    """Rule "a plan of an amount": "we plan to ~80% of average velocity" schedules up to an amount; a "plan to" straight
    before a number is no wish (the words after it state how the work is sized now)."""
    return (
        trigger.kind == "wish or plan"
        and trigger.words.split()[-1:] == ["to"]
        and trigger.end < len(tokens)
        and as_number(tokens[trigger.end].word, rules.numbers) is not None
    )


def zero_is_at_most(cue, decision) -> bool:
    """Rule "none is at most one": "not a single page in months" under "How many times were you woken?" -- a negation
    of an at-most-one count cue ("#<=1 times|page") says zero, which that cue reads too; it turns nothing."""
    return (
        decision.rule.startswith("negation before")
        and re.search(r"#<=?[01]\b", cue.source.split("|")[0]) is not None
        and ";" not in decision.rule
    )


def planned_on_a_condition(text: str, hits: dict[str, list], rules: ContextRules) -> None:
    """Rule "a number planned on a condition": "ten, if the round closes" and "depends on the raise; 10 if it closes" under
    "How many will you hire?" state a plan and its risk, not an unclear product: a reading of a flag in `plan_risks`, every
    piece of it in a clause that opens with a `plan_conditions` word, goes when a number is said outside those clauses
    (in place). "depends on the next funding round", with no number, still reads."""
    words = rules.answer_words
    if not words.plan_risks & hits.keys():
        return
    tokens = tokenize(text, rules)
    part = {t.start: len(_PART_MARK.findall(text, 0, t.start)) for t in tokens}  # the comma- or semicolon-part of each word
    opening: dict[int, str] = {}
    for t in tokens:
        opening.setdefault(part[t.start], t.word)
    conditional = {c for c, w in opening.items() if w in words.plan_conditions}
    if not conditional or not any(
        part[t.start] not in conditional and t.word not in ("a", "an") and as_number(t.word, rules.numbers) is not None
        for t in tokens
    ):
        return
    for flag_id in words.plan_risks & hits.keys():
        clauses = [{part[t.start] for t in tokens if h[1] <= t.start < h[2]} for h in hits[flag_id]]
        if all(h[3].startswith("answer") for h in hits[flag_id]) and all(c and c <= conditional for c in clauses):
            del hits[flag_id]


def a_fall(tokens: list[Token], rules: ContextRules) -> list[Token]:
    """Rule "a fall between two numbers": "we went from twelve to five" says the count shrank, as the question's own
    words would ("shrank", "down to"): the "from" of a "from <n> to <m>" with m below n, in one clause, reads as the
    word `answers: words: fall` names (the rise is no shrink; "from 9 to 5" of a working day is two times, not counts)."""
    out = list(tokens)
    for at in range(len(tokens) - 3):
        first, high, to, low = tokens[at : at + 4]
        if first.word != "from" or to.word != "to" or len({first.clause, high.clause, to.clause, low.clause}) > 1:
            continue
        n, m = as_number(high.word, rules.numbers), as_number(low.word, rules.numbers)
        after = tokens[at + 4].word if at + 4 < len(tokens) else ""
        if n is None or m is None or not m < n or after in rules.answer_words.fall_not_counts:
            continue
        out[at] = Token(_FALL, first.start, first.end, first.clause, first.scope)
    return out
