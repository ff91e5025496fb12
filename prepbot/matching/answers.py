"""A note read as the answer to the question it was typed under.

"nope" says nothing on its own; under "Is there a backlog?" it says `no-backlog`. Each question in
the bank says what its answers mean (`answers:` — `if_yes`, `if_no`, and cues of its own, see the
README); the yes and no phrases themselves are data in context.yaml. Answer cues only read short
notes: "~30 min" answers "How long is the standup?", but a number in a long note is not an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from prepbot.bank import Question
from prepbot.matching.context import ContextRules, decide, scan
from prepbot.matching.cues import CueSet
from prepbot.matching.text import Token, sentences, tokenize

ANSWER_WEIGHT = 0.85
MAX_ANSWER_TOKENS = 25  # answer cues read terse notes only


@dataclass(frozen=True)
class AnswerHit:
    flag_id: str
    score: float
    start: int
    end: int
    source: str
    context: str


def _starts_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    best = None
    for phrase in phrases:
        if tuple(words[: len(phrase)]) == phrase and (best is None or len(phrase) > len(best)):
            best = phrase
    return best


class AnswerReader:
    def __init__(self, rules: ContextRules, opposites: dict[str, str | None], reds: frozenset[str] = frozenset()):
        self.rules = rules
        self.opposites = opposites
        self.reds = reds
        self._cues: dict[str, CueSet] = {}

    def _cue_set(self, question: Question) -> CueSet:
        cues = self._cues.get(question.id)
        if cues is None:
            cues = self._cues[question.id] = CueSet(question.answers.cues, self.rules)
        return cues

    def read(self, text: str, question: Question) -> list[AnswerHit]:
        key = question.answers
        if not key or not text.strip():
            return []
        pieces = list(sentences(text))
        hits: list[AnswerHit] = []
        first_offset, first = next(((o, s) for o, s in pieces if s.strip()), (0, ""))
        tokens = tokenize(first, self.rules)
        if tokens:
            hits.extend(self._yes_no(first_offset, tokens, question))
        # A plain yes or no decides: "none, everything has tests" is not also "everything" untested.
        decided = {self.opposites.get(h.flag_id) for h in hits}
        total = sum(len(tokenize(s, self.rules)) for _, s in pieces[:4])
        if key.cues and total <= MAX_ANSWER_TOKENS:
            cue_set = self._cue_set(question)
            for offset, sentence in pieces:
                sentence_tokens = cue_set.prepare(tokenize(sentence, self.rules))
                if not sentence_tokens:
                    continue
                triggers = scan(sentence_tokens, self.rules)
                for cue, matched, _ in cue_set.find(sentence_tokens):
                    decision = decide(
                        cue.flag_id,
                        self.opposites.get(cue.flag_id),
                        sentence_tokens,
                        matched,
                        self.rules,
                        triggers,
                        cue.flag_id in self.reds,
                    )
                    if decision.flag_id is None or decision.flag_id not in question.flags or decision.flag_id in decided:
                        continue
                    first_token = matched[0] if decision.trigger is None else min(decision.trigger, matched[0])
                    hits.append(
                        AnswerHit(
                            decision.flag_id,
                            ANSWER_WEIGHT,
                            offset + sentence_tokens[first_token].start,
                            offset + sentence_tokens[matched[-1]].end,
                            f"answer cue of question {question.id}: {cue.source}",
                            decision.rule,
                        )
                    )
        return hits

    def plain_answer(self, text: str) -> tuple[str, int] | None:
        """("yes" or "no", end offset of the phrase) when `text` is just a plain answer, else None."""
        if len(text) > 60 or not text.strip():
            return None  # a plain answer is a few words
        tokens = tokenize(text, self.rules)
        if not tokens or len(tokens) > 8:
            return None
        words = [t.word for t in tokens]
        for phrases, name in ((self.rules.answer_no, "no"), (self.rules.answer_yes, "yes")):
            phrase = _starts_with(words, phrases)
            if phrase is None:
                continue
            end = tokens[len(phrase) - 1].end
            rest = text[end:].lstrip()
            # "not really" or "not really, only for big stuff" — but not "no, but every PR is".
            if not rest.strip(" .!") or (rest[:1] in ",;-–" and not any(w in self.rules.clause_breakers for w in words)):
                return name, end
        return None

    def _yes_no(self, offset: int, tokens: list[Token], question: Question) -> list[AnswerHit]:
        """A plain yes or no at the start of the note, not taken back by a "but" clause."""
        words = [t.word for t in tokens]
        key = question.answers
        for phrases, flag_id, name in ((self.rules.answer_no, key.if_no, "no"), (self.rules.answer_yes, key.if_yes, "yes")):
            phrase = _starts_with(words, phrases)
            if phrase is None:
                continue
            if not flag_id:
                return []
            rest = words[len(phrase) :]
            if any(w in self.rules.clause_breakers for w in rest):
                return []  # "no, but every PR gets a look": the plain answer is taken back
            end = tokens[len(phrase) - 1].end
            said = " ".join(phrase)
            return [
                AnswerHit(
                    flag_id,
                    ANSWER_WEIGHT,
                    offset + tokens[0].start,
                    offset + end,
                    f"answer '{said}' to question {question.id}",
                    f"a plain {name} to \u201c{question.ask}\u201d",
                )
            ]
        return []
