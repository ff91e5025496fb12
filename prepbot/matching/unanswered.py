"""A reported question that got no answer (issue 18, across sentences): "I asked where bugs get written down. We ran
out of time before she answered." The question's words name a practice, and the classifier read them as the team's
("where bugs get written down" -> bugs untracked); the sentence after it says no answer came (`unanswered_next`), so
the question is a question only, as the candidate's own are: no reading of it counts, the classifier's neither."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepbot.matching.asking import answer_to_question
from prepbot.matching.reading import REPORT_THRESHOLD, Reading
from prepbot.matching.text import tokenize

if TYPE_CHECKING:
    from prepbot.matching.context_rules import ContextRules

_REPORT_CHARS = 40  # the report before the question's words is short: "I asked", "Asked the lead whether"
_NEXT_WORDS = 20  # the words of the next sentence looked at


def read_unanswered(pieces: list[tuple[int, str]], readings: list[tuple[int, Reading]], rules: ContextRules) -> None:
    """Make each reported question that the next piece leaves unanswered a question (in place)."""
    phrases = rules.unanswered_next
    for i in range(len(pieces) - 1):
        offset, reading = readings[i]
        if not 0 <= reading.asked <= _REPORT_CHARS or any(h.score >= REPORT_THRESHOLD for h in reading.hits):
            continue
        tokens = tokenize(pieces[i + 1][1], rules)
        words = tuple(t.word for t in tokens[:_NEXT_WORDS])
        if not any(words[k : k + len(p)] == p for p in phrases for k in range(len(words) - len(p) + 1)):
            continue
        if answer_to_question(tokens, rules) is not None:
            continue  # "He laughed and said he'd get back to me": the laugh answers
        readings[i] = (offset, Reading((), reading.blocked, False, reading.span, reading.negated, question=True))
