"""A change told in a terse answer, for `answer_shapes.AnswerShapes.turn` and its numbers: a count after a verb of
change is no total ("we added 2"), a total then its growth is no turn ("9 people, we added 2"), and a clause in the
present after a past ("used to be 2 of us, it's 7"; "was a mess; rewritten last year") is one. The word lists are
data: `answers: words` in context.yaml."""

from __future__ import annotations

from prepbot.matching.context_rules import ContextRules
from prepbot.matching.text import Token, as_number


def counts_a_change(tokens: list[Token], index: int, rules: ContextRules) -> bool:
    """Whether the number at `index` follows a verb of change in its clause ("added 2", "grew by 3")."""
    back = index - 1
    if back >= 0 and tokens[back].word == "by" and tokens[back].clause == tokens[index].clause:
        back -= 1
    return back >= 0 and tokens[back].clause == tokens[index].clause and tokens[back].word in rules.answer_words.change_verbs


def present_after_a_past(text: str, tokens: list[Token], index: int, rules: ContextRules) -> bool:
    """Rule "a present after a past": "used to be 2 of us, it's 7 since june" (a clause that opens with a present
    "it's" after a "used to") and "billing was a mess; rewritten last year" (a clause that opens with a fix after a
    past state) tell a change as "now" does."""
    between = text[tokens[index - 1].end : tokens[index].start]
    if "," not in between and ";" not in between:
        return False
    before = [t.word for t in tokens[:index]]
    used_to = any(before[i : i + 2] == ["used", "to"] for i in range(len(before) - 1))
    word = tokens[index].word
    words = rules.answer_words
    return (used_to and word in words.present_openers) or (word in words.fixed and (used_to or bool(set(before) & words.held)))


def total_then_growth(tokens: list[Token], index: int, rules: ContextRules) -> bool:
    """Rule "a total, then what was added to it": "9 people, we added 2 in the spring" tells no change from a past;
    the count before the comma (with no past word) is the total now, the clause after it how it grew."""
    if index + 1 >= len(tokens) or tokens[index + 1].word not in rules.answer_words.change_verbs:
        return False
    before = tokens[:index]
    return any(as_number(t.word, rules.numbers) is not None for t in before) and not any(
        t.word in rules.past_words or t.word in rules.answer_words.held for t in before
    )


def the_end_of_a_past(rule: str, tokens: list[Token], matched: list[int], rules: ContextRules) -> bool:
    """Rule "what ended the past is no past": "a day, used to be a week before the docker setup" -- a cue read after a
    "before" (or "until") that follows the past's own word, in its clause, names what ended the past, so the past does
    not turn it."""
    if not rule.startswith("past") or not matched:
        return False
    clause = [t.word for t in tokens[: matched[0]] if t.clause == tokens[matched[0]].clause]
    ends = [i for i, w in enumerate(clause) if w in rules.answer_words.past_ended_by]
    return bool(ends) and any(w in rules.past_words for w in clause[: ends[-1]])
