"""Each sentence of an answer to itself, for `answers.AnswerReader`.

"they used to do code review but stopped last year; CI is 'on the roadmap'" under "What happens to a
pull request?": the answer is the first sentence; the second is about CI. A hedge, a "nobody" or a
present that tells a change reaches only as far as its own sentence (".", ";", "?", "!", a line
break), and a later sentence that names another practice, and none the question asks about, is left
to the plain cues. What a question asks about: its flags either way and the practices its own words
name ("When someone is on vacation, does anyone contact them?" names vacations).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from prepbot.bank import Question
from prepbot.matching.answer_topics import named, own_topics, topic_flags
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.reading import REPORT_THRESHOLD
from prepbot.matching.text import sentences, tokenize

_TRAILING = " \t\r\n.;!?,:"
MAX_NOTE = 2000  # longer notes are read as before, sentence by sentence, with no clause rules (the keystroke path)
_BREAK = re.compile(r"[.;!?\n]|\b(?:but|however|whereas|although|and)\b", re.IGNORECASE)  # where a sentence may cut
_NOT_OPENERS = frozenset({"except", "yet", "though"})  # "except on fridays", "not yet", "..., though": no new statement


class Sentences:
    """The sentences of one answer and the practices each names."""

    def __init__(self, text: str, question: Question | None, rules: ContextRules, opposites: dict[str, str | None], plain=None):
        self.text = text
        self.plain = plain  # the flags and scores the plain cues read in a sentence (Matcher.reading)
        self.rules = rules
        self.opposites = opposites
        spans = [(o, o + len(s.rstrip(_TRAILING))) for o, s in sentences(text) if s.strip()]
        # a sentence's words start after its leading spaces ("; CI is...": the "CI")
        spans = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]
        self.spans = [part for start, end in spans for part in self._clauses(start, end)]
        self.starts = [s for s, _ in self.spans]
        asked = {f for f, _, _ in named(tokenize(question.ask, rules), rules, opposites)} if question else set()
        self.own = (own_topics(question, opposites) if question else frozenset()) | topic_flags(asked, opposites)
        self._names: dict[int, frozenset[str]] = {}

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """A sentence, cut where a "but" (a clause breaker) or ", and" opens a clause that names a practice: "two
        approvals on every PR, but the tests are a joke" is two statements, each read as a sentence of its own."""
        if _BREAK.search(self.text, start, end) is None:
            return [(start, end)]
        tokens = tokenize(self.text[start:end], self.rules)
        cuts = [
            t.start
            for i, t in enumerate(tokens)
            if i > 0
            and i + 1 < len(tokens)
            and (
                t.word in self.rules.clause_breakers - _NOT_OPENERS
                or t.word == "and"
                and self.text[start + tokens[i - 1].end : start + t.start].strip() == ","
            )
            and named(tokens[i + 1 :], self.rules, self.opposites)
        ]
        bounds = [0, *cuts, end - start]
        parts = [
            (start + a, start + len(self.text[start + a : start + b].rstrip(_TRAILING)) + a)
            for a, b in zip(bounds, bounds[1:], strict=False)
        ]
        return [(a, b) for a, b in parts if b > a]

    def index(self, at: int) -> int:
        """The sentence that holds offset `at` (the one before, between two sentences)."""
        return max(0, bisect_right(self.starts, at) - 1)

    def end_of(self, at: int) -> int:
        return self.spans[self.index(at)][1] if self.spans else len(self.text)

    def start_of(self, at: int) -> int:
        return self.spans[self.index(at)][0] if self.spans else 0

    def names(self, index: int) -> frozenset[str]:
        """The practices sentence `index` names, either way."""
        found = self._names.get(index)
        if found is None:
            start, end = self.spans[index]
            words = tokenize(self.text[start:end], self.rules)
            found = self._names[index] = topic_flags({f for f, _, _ in named(words, self.rules, self.opposites)}, self.opposites)
        return found

    def elsewhere(self, index: int, flag_id: str | None = None) -> bool:
        """Whether sentence `index` is about another practice: it names one, and none the question asks about nor
        `flag_id`'s ("the test suite is tiny though" beside a code review answer)."""
        if not self.spans:
            return False
        names = self.names(index)
        return bool(names) and not names & (self.own | topic_flags({flag_id}, self.opposites))

    def foreign(self, index: int) -> bool:
        """Whether sentence `index`, after the first, names nothing the question asks about, and names another practice
        or the plain cues read one there ("deploys are automated now", "we work most saturdays")."""
        if index == 0 or self.names(index) & self.own:
            return False
        if self.names(index):
            return True
        start, end = self.spans[index]
        return self.plain is not None and any(
            f not in self.own and score >= REPORT_THRESHOLD for f, score in self.plain(self.text[start:end])
        )

    def apart(self, start: int, at: int, flag_id: str | None) -> bool:
        """Whether words at `at` lie in a later sentence than `start`, one about another practice than `flag_id`'s:
        a hedge or a "nobody" there says nothing of what was said at `start`."""
        there = self.index(at)
        return there != self.index(start) and self.elsewhere(there, flag_id)

    def the_cues_own(self, at: int, flag_id: str, first: int = 0) -> bool:
        """Whether words at `at` lie in a sentence after the answer's `first` about another practice than `flag_id`'s,
        one the plain cues read a flag of that practice in ("in jira, triaged weekly. nobody writes tests" under the
        bugs question: the "nobody" is the tests'). A word the names list holds alone is not enough ("we build
        whatever they ask" names builds, and no cue reads CI there)."""
        index = self.index(at)
        if index <= first or self.plain is None or not self.elsewhere(index, flag_id):
            return False
        start, end = self.spans[index]
        own = topic_flags({flag_id}, self.opposites)
        return any(f not in own and score >= REPORT_THRESHOLD for f, score in self.plain(self.text[start:end]))


def said_apart(text: str, question: Question, hits: dict, said: set[str], reader, threshold: float) -> set[str]:
    """Rule "another practice's sentence is no other answer": of the flags the note states, those it states only in
    later sentences that name nothing the question asks about ("...; CI is 'on the roadmap'" under the review
    question). They do not make the note an answer to another question: its first sentence still answers this one."""
    on_topic = set(question.flags) | {reader.opposites.get(f) for f in question.flags}
    off = [f for f in said if f not in on_topic]
    if not off or len(text) > MAX_NOTE:
        return set()
    apart = Sentences(text, question, reader.rules, reader.opposites)
    if len(apart.spans) < 2:
        return set()

    def later_elsewhere(h) -> bool:  # "...; the code is a ball of mud": a sentence that names nothing the question asks
        index = apart.index(h[1])
        return index > 0 and apart.index(h[2] - 1) == index and not apart.names(index) & apart.own

    return {
        f
        for f in off
        if (found := [h for h in hits.get(f, []) if h[0] >= threshold and not h[3].startswith("classifier")])
        and all(later_elsewhere(h) for h in found)
    }


def unit_quote(text: str, start: int, end: int, flag_id: str, rules: ContextRules, opposites) -> tuple[int, int]:
    """What to quote for a reading of the whole of text[start:end] (the classifier's, over a short note): of its
    sentences, those that name `flag_id`'s practice, or else those that name no other ("no, dates move when we push
    back; reviews are required on everything" quotes its first sentence for realistic deadlines)."""
    if end - start > MAX_NOTE or _BREAK.search(text, start, end) is None:
        return start, end
    unit = Sentences(text[start:end], None, rules, opposites)
    if len(unit.spans) < 2:
        return start, end
    own = topic_flags({flag_id}, opposites)
    kept = [i for i in range(len(unit.spans)) if unit.names(i) & own] or [i for i in range(len(unit.spans)) if not unit.names(i)]
    if not kept:
        return start, end
    return start + unit.spans[kept[0]][0], start + unit.spans[kept[-1]][1]


def own_turn(turn: tuple[int, int] | None, text: str, question: Question, reader) -> tuple[int, int] | None:
    """Rule "a change told about another practice is no change of the answer": "not since the launch mess; deploys are
    automated now" under the crunch question -- the "now" of a later sentence about deploys does not make the first
    sentence a past (None then)."""
    if turn is None or _a_likeness_denied(text[turn[1] :], question, reader):
        return None
    apart = Sentences(text, question, reader.rules, reader.opposites, reader.plain)
    present = apart.index(turn[1])
    return None if present != apart.index(max(turn[0] - 1, 0)) and apart.foreign(present) else turn


def named_apart(text: str, question: Question, reader) -> frozenset[str]:
    """The practices later sentences about another practice name: the classifier may read them in a terse answer, as
    it would without the question ("before, refined at planning; people leave every few months though")."""
    apart = Sentences(text, question, reader.rules, reader.opposites)
    return frozenset().union(*(apart.names(i) for i in range(1, len(apart.spans)) if apart.elsewhere(i)))


def _a_likeness_denied(present: str, question: Question, reader) -> bool:
    """Rule "a likeness denied describes" (`answers: words: likeness`, `unlikeness`): "leetcode, not really related"
    says how the leetcode is and takes none of it back, where the question's own no reads nothing ("How do the
    questions relate to the work?"); "yes, not really different from prod" (a difference denied) takes nothing back
    anywhere. Under "Is staging like production?" "we have one, not really similar" stays a no."""
    words = [t.word for t in tokenize(present, reader.rules)]
    found = reader._answer_phrase(words)
    if found is None or found[0] != "no" or found[1] != 0 or found[2] >= len(words):
        return False
    after = words[found[2]]
    lexicon = reader.rules.answer_words
    return after in lexicon.unlikeness or (after in lexicon.likeness and question.answers.if_no is None)
