"""Hedges and "in name only" in a terse answer, for `answers.AnswerReader`: a practice named, then
nobody doing it ("jira exists, nobody files anything"); a hedge after the answer ("jenkins, sorta", "in
theory"); and which red flag a hedge answers under a question. Split from `answer_shapes` by concern."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from prepbot.bank import Question
from prepbot.matching.answer_clauses import Sentences
from prepbot.matching.answer_shapes import (
    _CLAUSE_MARK,
    _KNOWING,
    _LAUGHS,
    _NOBODY,
    _NOT_TRAILING,
    ANSWER_WEIGHT,
    AnswerHit,
    Hits,
)
from prepbot.matching.answer_topics import named
from prepbot.matching.answer_turns import AnswerTurns
from prepbot.matching.text import tokenize

# Hedges that say a practice holds on paper only: "in theory", "allegedly" (not plans or approximations).
_ON_PAPER = frozenset(
    tuple(p.split())
    for p in (
        "in theory|on paper|supposedly|allegedly|so they say|officially|technically|in principle|theoretically|"
        "supposed to|meant to|were supposed to|were meant to|in name only|in an ideal world|ideally|its meant to|"
        "its meant to be|its supposed to|its supposed to be|theyre supposed to|theyre meant to|it should be|its technically"
    ).split("|")
)
# "meetings rotate so nobody's always late": a "nobody" that agrees with what it follows.
_NOT_AFTER_NOBODY = frozenset({"always", "minds", "complains", "suffers", "loses", "objects"})
# After a practice named, a later clause with one of these says it does not happen: "a triage meeting, always cancelled".
_NOT_DONE = frozenset(
    {"cancelled", "canceled", "skipped", "ignored", "decoration", "decorative", "unused", "abandoned"}
    | {"declines", "declined", "blank", "empty", "stale", "outdated", "ignores", "skips"}
    | {"graveyard", "dead", "rotting", "rotten", "forgotten", "dusty", "ghost", "untouched", "deserted", "unread"}
    | {"broken"}  # "a conference camera, broken since spring"
    # "a two-approver rule that admins override daily", "a budget exists, every claim gets denied"
    | {"override", "overrides", "overridden", "bypass", "bypasses", "bypassed", "denied", "refused"}
)
# The words that make a clause a past, for reading it again as a present ("people got pinged on holiday before").
_PAST_MARKS = re.compile(r"\bused to\b|\b(?:before|back then|in the past|previously)\s*$", re.IGNORECASE)
# "a roadmap doc, last touched in march": a practice named, then when anyone last touched it.
_LAST_SEEN = frozenset({"touched", "opened", "edited", "looked"})
# ...unless negated ("never skipped"); "never" itself turns the practice after a pronoun for it ("it's never in sync").
# Words that say a past was bad ("used to be chaos, now it's a board"): a present after them that reads nothing
# else is the fix, the question's green answer.
_BAD = frozenset(
    "chaos chaotic mess messy manual manually hand none nothing zero awful terrible horrible hell bad worse broken "
    "wild painful nightmare adhoc random".split()
)
_NEGATING = frozenset({"never", "not", "isnt", "arent", "nt", "rarely", "seldom"})
_BACK = frozenset({"its", "it", "theyre", "they", "thats", "is", "are", "was"})
_NEGATIVE_VERBS = ("skip", "miss", "fail", "break", "broke", "ignor", "bypass", "merge", "ship", "go", "goes")


# A closing "if" clause that doubts the answer: "if anyone kept it updated", "if that counts", "if you squint".
_DOUBTING_SUBJECTS = frozenset({"anyone", "anybody", "someone", "somebody"})
_DOUBTING_LAST = frozenset({"counts", "count", "squint"})
# ...or that asks the listener to stretch a word: "loads, if you count print statements", "if you call that a review".
_DOUBTING_VERBS = frozenset({"count", "call", "consider", "squint"})
_DOUBTING_TASTES = frozenset({"like", "love", "enjoy", "dont"})
# ...and one that says it is done on demand: "when the CEO asks", "whenever QA complains".
_ON_DEMAND = frozenset(
    {"asks", "ask", "complains", "complain", "nags", "nag", "insists", "insist", "remembers", "demands", "screams"}
)
# An exception said to be the rule ("never, unless something's on fire, which is weekly"), or a condition said
# never to hold ("ten minutes when it works, which it doesn't"): the words after "which".
_OFTEN = frozenset(
    tuple(p.split())
    for p in (
        "weekly|daily|nightly|always|often|constantly|all the time|most of the time|most of them|all of them|every week|"
        "every day|every time|half the time|most weeks|most days|usually|regularly"
    ).split("|")
)
_NEVER = frozenset({"doesnt", "dont", "isnt", "arent", "never", "rarely", "seldom", "wont", "didnt"})

# Words before a subject that leave it the subject: "the teams decide", "our leads set them".
_DETERMINERS = frozenset({"the", "our", "my", "their", "all", "both", "each"})

# Verbs of doing without: after "nobody" they say the practice is done ("nobody skips the review").
_DOING_WITHOUT = ("skip", "bypass", "ignor", "dodg", "avoid", "circumvent", "overrid")


# A negation before a practice named ("we never review code", "nobody even tests"), unless undone ("without", "until").
_NEGATORS = frozenset({"never", "nobody", "noone", "dont", "doesnt", "didnt", "not", "no", "rarely", "seldom", "hardly"})
_NEGATION_UNDONE = frozenset({"without", "until", "till", "unless", "skip", "skips", "skipped", "except", "if", "when"})
# ...nor when the rest of its clause says when ("we don't deploy on fridays" is no absence of CI).
_WHEN_ONLY = frozenset({"on", "at", "during", "before", "after", "over", "past", "in", "around", "near"})


class AnswerHedges(AnswerTurns):
    """What the answer reader knows about hedges and practices in name only."""

    # The answer reader this mixin is part of (answers.AnswerReader) reads a text under a question.
    read: Callable[[str, Question], list[AnswerHit]]

    def _negated_practices(self, text: str, hits: Hits) -> None:
        """ "we never review code", "nobody even tests": in a terse answer a practice named straight after a negation
        of its own clause, that nothing else reads, is not done (its red flag). Only practices that are good to have."""
        tokens = tokenize(text, self.rules)
        found = named(tokens, self.rules, self.opposites)
        for flag_id, first, end in found:
            red = self.opposites.get(flag_id)
            if flag_id in self.reds or red is None or any(f in hits for f in (flag_id, red)):
                continue
            if any(f != flag_id and (s, e) == (first, end) for f, s, e in found):
                continue  # "tickets" names bugs and work items: no telling which is not done
            before = [t.word for t in tokens[max(0, first - 3) : first] if t.clause == tokens[first].clause]
            rest = {t.word for t in tokens[end:] if t.clause == tokens[first].clause}
            wider = {t.word for t in tokens[max(0, first - 6) : first] if t.clause == tokens[first].clause}
            if not before or not set(before) & _NEGATORS or (wider | rest) & _NEGATION_UNDONE or rest & _WHEN_ONLY:
                continue  # ...nor under a condition: "it bounces if there are no tests" says what happens then
            start, stop = tokens[first - len(before)].start, tokens[end - 1].end
            said = text[start:stop]
            hits.setdefault(red, []).append(
                (ANSWER_WEIGHT, start, stop, f"answer names: {said}", f"a practice negated: '{said}'")
            )

    def _which_not_knowing(self, text: str, hits: list[AnswerHit]) -> list[AnswerHit]:
        """ "not sure yet, your manager will decide" under the third-month question: where the question's own cues
        say which not-knowing an answer is (the interviewer's, here), a family cue does not read the other one from
        words that only say not knowing ("not sure yet"); words of their own ("the plan keeps shifting") still read."""
        own = {h.flag_id for h in hits if h.flag_id in _KNOWING and h.source.startswith("answer cue of question")}
        if not own:
            return hits

        def not_knowing(h: AnswerHit) -> bool:
            found = self._answer_phrase([t.word for t in tokenize(text[h.start : h.end], self.rules)])
            return found is not None and found[0] == "unknown" and found[1] == 0

        return [
            h for h in hits if not (h.flag_id in _KNOWING - own and h.source.startswith("answer family cue") and not_knowing(h))
        ]

    def _scope_asked(self, hedge: Sequence[str], question: Question) -> bool:
        """Rule "the scope asked is no hedge": a hedge that names a size ("for the big ones") under a question that names
        one too ("Does a large change get a written design?") answers the question as asked (`answers: words: scope_words`)."""
        scope = self.rules.answer_words.scope_words
        return bool(set(hedge) & scope) and bool({t.word for t in tokenize(question.ask, self.rules)} & scope)

    @staticmethod
    def _weaker(found: list, answer: AnswerHit) -> bool:
        """Whether a plain answer that agrees with the note's words ("no, laptops stay home") is worth more than
        every word reading of it: it then counts too, so a doubtful classifier cannot sink the agreement."""
        return answer.context.startswith("a plain") and all(
            h[0] < answer.score for h in found if not h[3].startswith("classifier")
        )

    def _object_of_the_subject(self, text: str, hits: list[AnswerHit]) -> list[AnswerHit]:
        """ "teams pick tools and give the dates": a clause whose subject the question's own cue reads green says what
        that subject does, so a single red cue word later in the same clause ("dates") is its object, not the red answer."""
        tokens = tokenize(text, self.rules)
        at = {t.start: i for i, t in enumerate(tokens)}
        own = [h for h in hits if h.source.startswith("answer cue of question") and not h.context and h.start in at]

        def opens_clause(index: int) -> bool:
            while index > 0 and tokens[index - 1].clause == tokens[index].clause and tokens[index - 1].word in _DETERMINERS:
                index -= 1
            if index == 0 or tokens[index - 1].clause != tokens[index].clause:
                return True
            return _CLAUSE_MARK.search(text, tokens[index - 1].end, tokens[index].start) is not None  # "...; the teams"

        subjects = [h for h in own if h.flag_id not in self.reds and opens_clause(at[h.start])]

        def object_of_a_subject(h: AnswerHit) -> bool:
            return any(
                g.end <= h.start
                and tokens[at[g.start]].clause == tokens[at[h.start]].clause
                and _CLAUSE_MARK.search(text, g.end, h.start) is None
                for g in subjects
            )

        return [
            h
            for h in hits
            if not (h in own and h.flag_id in self.reds and tokens[at[h.start]].end == h.end and object_of_a_subject(h))
        ]

    def _in_name_only(self, text: str, hits: list[AnswerHit], apart: Sentences | None = None) -> list[AnswerHit]:
        """ "jira exists, nobody files anything", "a jenkins box nobody looks at": a practice named, then
        nobody doing it, is the practice in name only (its red flag). The red hit starts at the "nobody"
        clause, so the engine can leave it alone where the cues read that clause themselves."""
        # a practice said to be there (a yes, or its own words), not the absence of a problem ("nope, and nobody minds")
        green = [
            h
            for h in hits
            if h.flag_id not in self.reds
            and (self.red_of(h.flag_id) or self.opposites.get(h.flag_id) is None)  # "a camera, broken": no opposite to read
            and not h.context.startswith(("a plain no", "negation"))
        ]
        after = min((h.end for h in green), default=0)
        # "staging exists, it's never in sync with prod": a later clause a negation turned green is that clause's
        # own reading of the practice's absence, read below, not another practice said to be there.
        later = [
            h
            for h in hits
            if h not in green and h.flag_id not in self.reds and h.context.startswith("negation") and h.start >= after
        ]
        if not green or len(green) + len(later) != len(hits):
            return hits
        tokens = tokenize(text, self.rules)
        for index, token in enumerate(tokens):
            if token.start < after:
                continue
            if apart is not None and all(apart.apart(h.start, token.start, h.flag_id) for h in green):
                continue  # "another senior, always. the tests are mostly ignored": the tests, not the reviews
            back = index - 1
            while back > 0 and tokens[back].word in ("just", "really", "basically", "simply"):
                back -= 1  # "it just never gets read"
            before = tokens[back].word if index else ""
            opens = index and tokens[index - 1].clause != token.clause
            words = tuple(t.word for t in tokens[index:])
            if opens and any(words[: len(p)] == p for p in self.rules.undercut_next):
                pass  # "a suite exists, it's just for show": a clause that takes back what was named (undercut_next)
            elif token.word == "never" and before in _BACK and not self._negative_next(tokens, index):
                pass  # "staging exists, it's never in sync with prod": what was named never does what it is for
            elif token.word == "last" and words[1:2] and words[1] in _LAST_SEEN:
                pass  # rule "in name only: last touched": "a roadmap doc, last touched in march"
            elif token.word not in _NOBODY | _NOT_DONE or (token.word in _NOT_DONE and before in _NEGATING):
                continue  # "a backlog, never empty" agrees with the practice
            if token.word == "no" and (index + 1 >= len(tokens) or tokens[index + 1].word != "one"):
                continue
            if {t.word for t in tokens[index + 1 : index + 4]} & (_NOT_AFTER_NOBODY | self.rules.answer_words.nobody_agrees):
                continue  # "meetings rotate so nobody's always late", "one zone, nobody works odd hours": the "nobody" agrees
            if token.word in _NOBODY and any(
                t.word.startswith(_DOING_WITHOUT) or t.word == "without" for t in tokens[index + 1 : index + 5]
            ):
                continue  # rule "a negated negative is no name only": "nobody can bypass that", "nobody merges without it"
            clause = [t.word for t in tokens[:index] if t.clause == token.clause]
            if token.word in _NOT_DONE and set(clause) & (_NEGATING | _NEVER | _NOBODY | {"cant", "cannot"}):
                continue  # "even admins can't override it": the doing-without is itself denied
            if later and not all(h.start <= token.start < h.end for h in later):
                return hits
            end = apart.end_of(token.start) if apart is not None else tokens[-1].end  # its own sentence only
            said = text[token.start : end]
            red_hits = []
            for h in green:
                red = self.red_of(h.flag_id)
                if red is not None:
                    red_hits.append(AnswerHit(red, h.score, token.start, end, h.source, f"in name only: '{said}'"))
            return red_hits
        return hits

    def _hedged(
        self, text: str, pieces, hits: list[AnswerHit], question: Question, apart: Sentences | None = None
    ) -> list[AnswerHit]:
        """ "jenkins, sorta", "tests, when there's time", "yes, in theory": a hedge after the answer makes
        the whole answer its red flag (the answer's own words are the practice in part, or on paper)."""
        kept = [(o, s) for o, s in pieces if s.strip()]
        if apart is not None and len(kept) > 1 and apart.elsewhere(apart.index(kept[-1][0] + len(kept[-1][1]) - 1)):
            kept = kept[:-1]  # "some, kinda. the backlog is well groomed": the hedge closes the answer, not the note
        offset, last = kept[-1] if kept else (0, "")
        before = [t.word for t in tokenize(last[: max(last.find(":"), 0)], self.rules)]
        if any(len(p) < len(before) and tuple(before[-len(p) :]) == p for p in _ON_PAPER):
            last = last[: last.find(":")]  # "someone reviews, technically: a thumbs-up emoji": the hedge closes the answer proper
        tokens = tokenize(last, self.rules)
        words = [t.word for t in tokens]
        hedge = doubted = None
        for phrase in self.rules.answer_red:
            if (
                len(phrase) < len(words)
                and tuple(words[-len(phrase) :]) == phrase
                and phrase not in _NOT_TRAILING
                and phrase[0] not in _LAUGHS
            ):
                if hedge is None or len(phrase) > len(hedge):
                    hedge = phrase
        if hedge is None and tokens:
            # "a linter, if you squint", "a review, if a thumbs-up emoji counts", "the board, if anyone kept it updated":
            # a closing condition that doubts the answer's own words.
            clause = [t for t in tokens if t.clause == tokens[-1].clause]
            if (
                len(clause) >= 2
                and len(clause) < len(tokens)
                and (
                    clause[0].word == "if"
                    and (clause[1].word in _DOUBTING_SUBJECTS or clause[-1].word in _DOUBTING_LAST)
                    # "never, unless you count every release night": an "unless" stretches the word as an "if" does
                    or clause[0].word in ("if", "unless")
                    and (len(clause) > 3 and clause[1].word in ("you", "we", "u") and clause[2].word in _DOUBTING_VERBS)
                    # "nothing confusing, as long as you like 4000-line files": the answer holds only for a taste it mocks
                    or [t.word for t in clause[:4]] == ["as", "long", "as", "you"]
                    and len(clause) > 5
                    and clause[4].word in _DOUBTING_TASTES
                )
            ):
                hedge = doubted = tuple(t.word for t in clause)
        if hedge is None and len(words) >= 4 and "for" in words[-2:]:
            # rule "what someone else is for": "tests? that's what prod is for", "reviews? that's what QA is for" --
            # the practice handed to someone or something else, with a sneer, is not done.
            # Only as the whole answer (after a bare topic): "unit and integration, that's what CI is for" states tests.
            core = words[:-1] if len(words) > 4 and words[-1] in self.rules.answer_fillers else words  # "..., apparently"
            if (
                core[:2] == ["thats", "what"]
                and core[-1] == "for"
                and all(s.strip().endswith("?") for o, s in pieces if o < offset)
            ):
                hedge = tuple(words)
        if hedge is None and len(tokens) > 2 and tokens[-1].word in _ON_DEMAND:
            # "we write one when the CEO asks", "tests whenever QA complains": done on demand, so only now and then
            at = next((i for i in range(len(tokens) - 2, 0, -1) if tokens[i].word in ("when", "whenever", "if")), None)
            if at is not None and len(tokens) - at <= 5:
                hedge = tuple(t.word for t in tokens[at:])
        if hedge is None or any(w in self.rules.clause_breakers for w in words):
            return hits
        if self._scope_asked(hedge, question):
            return hits  # rule "the scope asked is no hedge": "always for big changes" under "Does a large change get ...?"
        opening = self._answer_phrase([t.word for t in tokenize(text, self.rules)])
        if opening is not None and opening[0] == "unknown" and not hits:
            return hits  # "it's changing next quarter": a hedge on a non-answer answers nothing
        if hedge == ("ish",) and len(tokens) > 1 and last[tokens[-2].end : tokens[-1].start] in ("", "-"):
            return hits  # "12 minutes-ish", "monthly-ish": an approximation, not a hedge
        start, end = offset + tokens[-len(hedge)].start, offset + tokens[-1].end
        said = " ".join(hedge)
        context = f"hedged: '{said}'"
        red_hits: list[AnswerHit] = []
        for h in hits:
            red = h.flag_id if h.flag_id in self.reds else self.red_of(h.flag_id)
            if apart is not None and apart.apart(h.start, start, h.flag_id):
                red_hits.append(h)  # "a few smoke tests; reviews happen when someone has time": the hedge is the reviews'
            elif red is not None:
                red_hits.append(AnswerHit(red, h.score, min(h.start, start), end, h.source, context))
        if apart is not None and apart.index(start) > 0 and apart.elsewhere(apart.index(start)) and not red_hits:
            return red_hits  # "...; CI is 'on the roadmap'" under the review question: no answer of its own
        if not red_hits and (not hits or doubted):
            # a doubt of an answer with no red opposite ("never, unless you count every release night") is the question's red
            red = self.hedged_red(question, hedge)
            if red is None and hedge[:2] == ("thats", "what"):  # "tests? that's what QA is for": the practice named first
                names = {self.red_of(f) for f, _, _ in named(tokenize(text[:offset], self.rules), self.rules, self.opposites)}
                red = next(iter(names)) if len(names) == 1 and names <= set(question.flags) else None
            if red is not None:
                red_hits.append(AnswerHit(red, ANSWER_WEIGHT, start, end, f"answer '{said}' to question {question.id}", context))
        return red_hits

    def hedged_red(self, question: Question, hedge: tuple[str, ...] = ()) -> str | None:
        """The flag a hedge ("kinda", "unofficially", "for the big ones") answers under `question`: the
        red flag of its yes and no, or else the one red flag whose green opposite the question also
        probes ("If an alert fires at night, is there a page saying what to check?" "some alerts")."""
        key = question.answers
        found = self.red_of(key.if_yes, key.if_no)
        if found is None and not (key.if_yes or key.if_no):
            paired = [f for f in question.red_flags if self.opposites.get(f) in question.green_flags]
            # ...or, for a hedge that says "on paper only", the one flag a question asks about ("How long is the
            # standup?" "fifteen minutes, in theory"); a plan or an approximation there ("soon", "almost") says nothing.
            if hedge in _ON_PAPER:
                paired = paired or [f for f in question.flags if f in self.reds and len(question.flags) == 1]
                # ...but not a flag the practice asked about only leads to: "in theory" to "Can an engineer keep growing
                # without becoming a manager?" hedges the career track, it tells no turnover
                paired = [f for f in paired if f not in self.rules.answer_words.not_on_paper]
            found = paired[0] if len(paired) == 1 else None
        return found

    def _taken_back(self, text: str, hits: list[AnswerHit], question: Question | None = None) -> list[AnswerHit]:
        """ "never, unless something's on fire, which is weekly": an exception said to be the rule turns a plain
        answer into its opposite. "ten minutes when it works, which it doesn't": a condition said never to hold
        makes the practice named before it its red flag."""
        tokens = tokenize(text, self.rules)
        words = [t.word for t in tokens]
        which = next((i for i, w in enumerate(words) if w in ("which", "thats") and i > 1), None)
        if which is None:
            return hits
        after = tuple(words[which + 1 :])
        if after[:1] in (("is",), ("are",)):
            after = after[1:]
        opener = next((w for w in words[:which] if w in ("unless", "except", "when", "if")), None)
        if opener is None:
            return hits
        last = Sentences(text, question, self.rules, self.opposites).end_of(tokens[which].start)  # its own sentence
        tokens = [t for t in tokens if t.end <= last]
        said = text[tokens[which].start : tokens[-1].end]
        turned: list[AnswerHit] = []
        if opener in ("unless", "except") and any(after[: len(p)] == p for p in _OFTEN):
            if not any(h.context.startswith("a plain") for h in hits) and question is not None:
                # "never, except during launches, which is constantly": the "except" took the plain answer back, and
                # the exception it names is the rule, so the opposite of that answer is what holds.
                opening = self._answer_phrase(words[: words.index(opener)])
                key = question.answers
                answered = {"yes": key.if_yes, "no": key.if_no}.get(opening[0]) if opening and opening[1] == 0 else None
                other = self.opposites.get(answered) if answered else None
                if opening and other:
                    rule = f"an exception said to be the rule: '{text[tokens[which].start : tokens[-1].end]}'"
                    source = f"answer '{' '.join(words[: opening[2]])}' to question {question.id}"
                    return [*hits, AnswerHit(other, ANSWER_WEIGHT, tokens[0].start, tokens[-1].end, source, rule)]
            for h in hits:
                other = self.opposites.get(h.flag_id)
                if h.context.startswith("a plain") and other is not None:
                    h = AnswerHit(
                        other, h.score, h.start, tokens[-1].end, h.source, f"an exception said to be the rule: '{said}'"
                    )
                turned.append(h)
            return turned
        if opener in ("when", "if") and set(after[:3]) & _NEVER:
            for h in hits:
                red = self.red_of(h.flag_id)
                if h.flag_id not in self.reds and red is not None:
                    h = AnswerHit(red, h.score, h.start, tokens[-1].end, h.source, f"a condition that never holds: '{said}'")
                turned.append(h)
            return turned
        return hits

    def _bare_against_denial(self, text: str, hits: list[AnswerHit], denied: set[str]) -> list[AnswerHit]:
        """Rule "a denial in the answer's own words": "nothing much, it's 15 min" under "What do you learn in the
        standup?" -- an answer cue that read only a bare "nothing" or "not much" yields to later words that say the
        red flag does not hold (a "not <flag>" family cue: fifteen minutes is no long standup)."""
        if not denied:
            return hits
        out = []
        for h in hits:
            words = [t.word for t in tokenize(text[h.start : h.end], self.rules)]
            found = self._answer_phrase(words) if words else None
            bare = found is not None and found[0] in ("no", "yes") and (found[1], found[2]) == (0, len(words))
            if h.flag_id in denied and bare and h.source.startswith(("answer cue", "answer family cue")):
                continue
            out.append(h)
        return out

    @staticmethod
    def _negative_next(tokens, index: int) -> bool:
        """Whether the word after a "never" is a verb of doing without ("it's never skipped"), so the two agree
        with the practice, or a verb of its going ahead ("it never ships unreviewed")."""
        after = index + 1
        while after + 1 < len(tokens) and tokens[after].word in ("gets", "get", "got", "is", "are", "been", "was"):
            after += 1  # "it never gets read": the verb after the auxiliary says which
        following = tokens[after].word if after < len(tokens) else ""
        return not following or following.startswith(_NEGATIVE_VERBS)

    def _fixed_or_there_now(self, text: str, turn: tuple[int, int], tokens, question: Question, hits: list) -> list[AnswerHit]:
        """The answer's hits once a change it tells is read: a present that reads nothing is read by `_fixed_now`;
        rule "the practice is there now": under a question about what is missing ("What would you fix first?"), the
        practices its present names after a past said to be bad ("deploys were manual until last year, pipelines do them
        now") are there, not missing (the question's cues read a practice named as missing)."""
        if not any(h.end > turn[0] for h in hits):
            return [*hits, *self._fixed_now(text, turn, tokens, question)]
        past = [t for t in tokens if t.end <= turn[0]]
        if question.green_flags or not any(t.word in _BAD for t in past):
            return hits
        now = [h for h in hits if h.start >= turn[1]]
        own = f"answer cue of question {question.id}"
        if not now or any(h.flag_id not in self.reds or not self.opposites.get(h.flag_id) or h.context for h in now):
            return hits
        if any(not h.source.startswith(own) for h in now):
            return hits  # "..., now still manual": a word of the red flag itself, not a practice named
        if any(t.word in self.rules.negation_before or t.word in _BAD for t in tokens if t.start >= turn[1]):
            return hits  # "..., now nothing runs": the present says the practice is missing
        fixed = f"fixed since: '{text[past[0].start : past[-1].end]}'"
        there = [AnswerHit(self.opposites[h.flag_id] or "", h.score, h.start, h.end, h.source, fixed) for h in now]
        return [h for h in hits if h not in now] + there

    def _fixed_now(self, text: str, turn: tuple[int, int], tokens, question: Question) -> list[AnswerHit]:
        """ "used to be chaos, now it's a board": a present that reads nothing, after a past said to be bad, is
        the practice now (the question's green flag); a present with a negation says nothing of the kind."""
        past = [t for t in tokens if t.end <= turn[0]]
        apart = Sentences(text, question, self.rules, self.opposites)
        present = [t for t in tokens if turn[1] <= t.start and t.end <= apart.end_of(turn[1])]  # its own sentence only
        if past and present and not any(t.word in _BAD for t in past):
            return self._past_denied(text, turn, present, question, apart)
        if not past or not present:
            return []
        if any(t.word in self.rules.negation_before or t.word in _BAD for t in present):
            return []
        red = self.hedged_red(question)
        green = self.opposites.get(red) if red else None
        if green is None:
            return []
        said = text[present[0].start : present[-1].end]
        return [
            AnswerHit(
                green,
                ANSWER_WEIGHT,
                present[0].start,
                present[-1].end,
                f"answer '{said}' to question {question.id}",
                f"fixed since: '{text[past[0].start : past[-1].end]}'",
            )
        ]

    def _past_denied(self, text: str, turn: tuple[int, int], present, question: Question, apart: Sentences) -> list[AnswerHit]:
        """Rule "a present that denies the past": "people used to get called on holiday, not since we set up
        handovers" -- the past, read without its "used to", is what no longer holds: its opposite holds now."""
        found = self._answer_phrase([t.word for t in present])
        if found is None or found[0] != "no" or found[1] != 0:
            return []
        # "used to get called", "got pinged on holiday before", "back then": the past read again without its past words
        past = _PAST_MARKS.sub("", text[: turn[0]])
        if past == text[: turn[0]]:
            return []  # only a past said to be one is read again
        said = text[present[0].start : present[-1].end]
        # quoted from the past its sentence tells: "they used to do code review but stopped last year"
        start = max(apart.start_of(turn[1]), apart.start_of(max(turn[0] - 1, 0)))
        return [
            AnswerHit(other, ANSWER_WEIGHT, start, present[-1].end, h.source, f"no longer: '{said}'")
            for h in self.read(past, question)
            if (other := self.opposites.get(h.flag_id)) and other in question.flags
        ]

    def _negated_negatives(self, text: str, hits: Hits) -> Hits:
        """ "nobody skips the review", "nobody ever skips tests": a negation, then a verb of doing without, then the
        practice, is the practice done; a cue that read the negation alone reads its opposite."""
        out: Hits = {}
        for flag_id, found in hits.items():
            for h in found:
                tokens = tokenize(text[h[1] : h[2]], self.rules)
                words = [t.word for t in tokens if t.clause == tokens[0].clause]  # the negation's own clause
                other = self.opposites.get(flag_id)
                opened = words[:1] in (["nobody"], ["noone"], ["never"], ["nothing"]) or words[:2] == ["no", "one"]
                turned = h[4].startswith(("negation", "double negation"))  # the cues already read the negation
                if (
                    h[3].startswith("cue")
                    and other
                    and opened
                    and not turned
                    and any(w.startswith(_DOING_WITHOUT) for w in words[1:-1])
                ):
                    h = (h[0], h[1], h[2], h[3], f"a negated negative: '{text[h[1] : h[2]]}'")
                    out.setdefault(other, []).append(h)
                else:
                    out.setdefault(flag_id, []).append(h)
        return out
