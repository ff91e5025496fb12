"""An answer in the mood of its question, for `answers.AnswerReader`.

"If I changed a part nobody knows, what would tell me I broke something?" "the tests would catch it": the
question poses the case, so the answer's "would" tells what happens here, not what is missing. The plain cue
path reads "would catch" as a counterfactual about the present ("reviews would catch half their incidents"
says there are none); under a question asked in the conditional, that reading is the practice itself. The
question's mood is read from its own words (`answers: words: hypothetical_asks` opening it or standing in
it); the triggers are the present ones of the counterfactual rule (not "would have caught", which says the
case happened and was missed).
"""

from __future__ import annotations

from prepbot.bank import Question
from prepbot.matching.answer_words import AnswerWords
from prepbot.matching.rule_text import Rule
from prepbot.matching.text import tokenize

Hits = dict[str, list[tuple[float, int, int, str, str]]]
# The kinds of rule that read a present counterfactual (context.yaml's modifier, counterfactual.py, without.py).
_COUNTERFACTUALS = frozenset({"counterfactual", "counterfactual consequence"})


def _counterfactual(context: str) -> Rule | None:
    """The rule of a hit decided by a counterfactual alone (no rule before it), else None."""
    return context if isinstance(context, Rule) and context.kind in _COUNTERFACTUALS and not context.before else None


def asked_in_the_conditional(question: Question, words: AnswerWords, rules) -> bool:
    asked = [t.word for t in tokenize(question.ask, rules)]
    return bool(asked) and (asked[0] in words.hypothetical_opens or bool(words.hypothetical_asks & set(asked)))


def in_the_questions_mood(text: str, question: Question, hits: Hits, opposites: dict[str, str | None], rules) -> Hits:
    """Hits a present counterfactual turned red, moved back to the practice named, when the question itself poses
    the case; every other hit is kept as it is. The moved hit says so in its context (evidence)."""
    words: AnswerWords = rules.answer_words
    if not any(_counterfactual(h[4]) for found in hits.values() for h in found):
        return hits
    if not asked_in_the_conditional(question, words, rules):
        return hits
    out: Hits = {}
    for flag_id, found in hits.items():
        for h in found:
            rule = _counterfactual(h[4])
            said = rule.words if rule is not None else ""
            other = opposites.get(flag_id)
            if other and said and "have" not in said.split() and not said.endswith("ve"):
                moved = (h[0], h[1], h[2], h[3], f"the question's own case: '{said}' under \u201c{question.ask}\u201d")
                out.setdefault(other, []).append(moved)
            else:
                out.setdefault(flag_id, []).append(h)
    return out
