"""A plain answer in a terse note, for `answers.AnswerReader`: a yes, a no or a hedge at its start ("nope",
"kinda", "lol what pipeline"), one that is the whole last clause ("quiet week, none"), and a non-answer that
opens it ("hard to say"). Split from `answers` by concern."""

from __future__ import annotations

from prepbot.bank import Question
from prepbot.matching.answer_hedges import _ON_PAPER, AnswerHedges
from prepbot.matching.answer_shapes import (
    _AFTER_A_NO,
    _ALL,
    _DEPENDS,
    _FREQUENCY,
    _KNOWING,
    _LAUGHS,
    _NOT_A_VERB,
    _PER,
    _SUBJECTS,
    _WHAT,
    ANSWER_WEIGHT,
    AnswerHit,
)
from prepbot.matching.answer_starts import ended_existence, started
from prepbot.matching.answer_topics import named, topic_flags
from prepbot.matching.answer_turns import _NOW
from prepbot.matching.text import Token

# A verb that stands for the question's own after "nobody" or "nothing": "now nothing does", "nobody does anymore".
_PRO_VERBS = frozenset("does do did is are was has have will can gets happens".split())
_DENIERS = frozenset({"never", "nothing", "nobody", "noone", "one", "once", "ever"})  # ...of a no a "without" undoes


class AnswerPlain(AnswerHedges):
    """The plain yes, no and hedge of a terse answer (a mixin over `AnswerHedges`)."""

    def _names_topic(self, words: list[str], question: Question) -> bool:
        """Whether `words` only name a practice the question probes ("tests", "code review")."""
        flag_id = self.rules.topics.get(tuple(words))
        return flag_id is not None and (flag_id in question.flags or self.opposites.get(flag_id) in question.flags)

    def _closing_answer(self, offset: int, sentence: str, tokens: list[Token], question: Question) -> list[AnswerHit]:
        """ "quiet week, none", "jenkins, always": a plain yes or no that is the whole last clause answers the question."""
        cut = sentence.rfind(",")
        rest = [t for t in tokens if t.start > cut]
        if cut < 0 or not rest or len(rest) == len(tokens):
            return []
        found = self._answer_phrase([t.word for t in rest])
        if found is None or found[0] not in ("yes", "no") or found[1:] != (0, len(rest)):
            return []
        return self._yes_no(offset, rest, question, sentence)

    def _vague(self, offset: int, tokens: list[Token], question: Question) -> tuple[int, int] | None:
        """Where a non-answer opens the answer ("there's no one answer to that", "hard to say"), under a question
        where not knowing is no answer of its own: no answer cue reads its words ("no one" is nobody's triage)."""
        found = self._answer_phrase([t.word for t in tokens])
        if found is None or found[0] != "unknown" or self._yes_no(0, tokens, question):
            return None
        return offset + tokens[found[1]].start, offset + tokens[found[2] - 1].end

    def _yes_no(self, offset: int, tokens: list[Token], question: Question, sentence: str = "") -> list[AnswerHit]:
        """A plain yes or no (or a hedge: "kinda", "used to") at the start of the note, not taken
        back by a "but" clause."""
        words = [t.word for t in tokens]
        key = question.answers
        found = self._answer_phrase(words)
        laughs = 1 if len(words) > 2 and words[0] in _LAUGHS else 0  # "lol what reviewer": the laugh is the sneer's own
        if found is None and 2 <= len(words) - laughs <= 3 and words[laughs] in _WHAT:
            found = ("no", 0, len(words))  # "what pipeline?", "what's a retro": the practice is not there
        if found is None and len(words) > 1 and words[0] in _LAUGHS and self._names_topic(words[1:], question):
            found = ("red", 0, 1)  # "lol tests": a laugh at the practice named
        if found is None:
            return []
        name, first, stop = found
        if name == "red" and self._scope_asked(words[first:stop], question):
            name = "yes"  # "yes, for the big ones" under "Does a large change get a written design?"
        if words[first:stop] in (["one", "day"], ["some", "day"]) and stop < len(words) and words[stop] in _PER:
            return []  # "one day a week" is a share of the week, not "someday"
        if words[first:stop][0] in _LAUGHS and stop < len(words) and not self._names_topic(words[stop:], question):
            return []  # "lol, we have three testers": a filler before the answer, not a sarcastic one ("lol tests" mocks)
        if name == "red" and stop < len(words) and words[stop] in _ALL and stop - first == 1:
            return []  # "almost all of them", "mostly everyone": a quantity, not a hedge
        knowing: str | None = None
        if name == "unknown" and _DEPENDS & set(words[first:stop]):
            return []  # rule "depends is no not-knowing": "depends how you count it" answers no knowing-question
        if name == "unknown":
            # "no idea" answers a question about the interviewer's knowledge or the product; elsewhere, nothing.
            # A question that probes only one such flag ("How long can the company run on its money?") is answered by it too.
            knowing = key.if_no if key.if_no in _KNOWING else question.flags[0] if len(question.flags) == 1 else None
            if knowing not in _KNOWING:
                return []
            name = "no"
        joined = stop < len(words) and not sentence[tokens[stop - 1].end : tokens[stop].start].strip()
        if name == "no" and joined and words[stop - 1] in _DENIERS and "without" in [t.word for t in tokens[stop : stop + 3]]:
            name = "yes"  # rule "a no undone by without": "never ship without them", "not once without a test"
        flag_id = (
            knowing
            or {"yes": key.if_yes, "no": key.if_no}.get(name)
            or (self.hedged_red(question, tuple(words[first:stop])) if name == "red" else None)
        )
        if not flag_id:
            return []
        rest = words[stop:-1] if words[-1] == "yet" else words[stop:]  # "not sure yet": an adverb, not a "but"
        if any(w in self.rules.clause_breakers for w in rest) and not (name == "red" and tuple(words[first:stop]) in _ON_PAPER):
            return []  # "no, but every PR gets a look": the plain answer is taken back ("ideally, but deadlines win" is not)
        rest_of_clause = [t.word for t in tokens[stop:] if t.clause == tokens[stop - 1].clause]
        pro_verb = bool(rest_of_clause) and rest_of_clause[0] in _PRO_VERBS and set(rest_of_clause[1:]) <= _NOW
        if words[stop - 1] in _SUBJECTS and joined and words[stop] not in _NOT_A_VERB and not pro_verb:
            return []  # ("nothing does", "nobody is": a verb that stands for the question's, so the answer)  # "nobody, really" answers; "nobody reviews anything" is a statement for the cues
        new_clause = self.rules.answer_words.new_clause  # "not since I've been here": a clause of its own, not an object
        if joined and name in ("yes", "no") and words[stop - 1] not in new_clause and words[stop - 1] != "the":
            # "we dont even look at each other's code" under the CI question, "there aren't any tests to run": a yes or
            # no that runs on into another practice's name is that practice's, for the cues to read.
            clause = []
            for t in tokens[stop:]:
                if t.clause != tokens[stop].clause or t.word in new_clause:
                    break
                clause.append(t)
            names = topic_flags({f for f, _, _ in named(clause, self.rules, self.opposites)}, self.opposites)
            if names and flag_id not in names:
                return []
        if (
            words[first:stop] in (["no"], ["not", "a", "single"], ["not", "one"], ["not", "a"])
            and joined
            and words[stop] not in _AFTER_A_NO
            and words[stop] not in self.rules.answer_fillers
        ):
            return []  # "no change merges without tests": a determiner, not an answer
        said = " ".join(words[first:stop])
        return [
            AnswerHit(
                flag_id,
                ANSWER_WEIGHT,
                offset + tokens[first].start,
                offset + tokens[stop - 1].end,
                f"answer '{said}' to question {question.id}",
                f"a plain {name} to \u201c{question.ask}\u201d"
                if name != "red"
                else f"only some of the time, to \u201c{question.ask}\u201d"
                if tuple(words[first:stop]) in _FREQUENCY
                else f"a hedged answer to \u201c{question.ask}\u201d",
            )
        ]

    def _started(self, offset: int, tokens: list[Token], question: Question) -> list[AnswerHit]:
        """Rule "a start told with its time is the practice now": "started last month" is the question's yes."""
        found = started(tokens, self.rules) if question.answers.if_yes else None
        if found is None or not question.answers.if_yes:
            return []
        said = " ".join(t.word for t in tokens[found[0] : found[1]])
        start, end = offset + tokens[found[0]].start, offset + tokens[found[1] - 1].end
        source = f"answer '{said}' to question {question.id}"
        return [AnswerHit(question.answers.if_yes, ANSWER_WEIGHT, start, end, source, f"started: '{said}'")]

    def _ended(self, text: str, tokens: list[Token], until: int, question: Question) -> list[AnswerHit]:
        """Rule "a past existence until an event is over": "there was one until the PO quit" is the question's no."""
        key = question.answers
        flag_id = key.if_no or (self.opposites.get(key.if_yes) if key.if_yes else None)
        if not flag_id or not ended_existence(tokens, until, self.rules):
            return []
        said = text[tokens[0].start : tokens[-1].end]
        return [
            AnswerHit(
                flag_id,
                ANSWER_WEIGHT,
                tokens[0].start,
                tokens[-1].end,
                f"answer '{said}' to question {question.id}",
                f"no longer: '{text[tokens[until].start : tokens[-1].end]}'",
            )
        ]

    def _laughed_off(self, tokens: list[Token], hits: list[AnswerHit]) -> list[AnswerHit]:
        """Rule "a laugh closing a short answer makes its practice a joke": "headphones lol" under "where do people go to
        concentrate?" names no real quiet room; a green answer cue there reads nothing (a red one stands: "week one lol")."""
        if not 2 <= len(tokens) <= 4 or tokens[-1].word not in _LAUGHS:
            return hits
        return [h for h in hits if h.flag_id in self.reds or not h.source.startswith(("answer cue", "answer family cue"))]
