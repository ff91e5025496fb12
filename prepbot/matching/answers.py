"""A note read as the answer to the question it was typed under.

"nope" says nothing on its own; under "Is there a backlog?" it says `no-backlog`. Each question in
the bank says what its answers mean (`answers:` — `if_yes`, `if_no`, and cues of its own, see the
README); the yes and no phrases themselves are data in context.yaml. Answer cues only read short
notes: "~30 min" answers "How long is the standup?", but a number in a long note is not an answer.
"""

from __future__ import annotations

from collections.abc import Callable

from prepbot.bank import Question
from prepbot.matching import answer_amounts
from prepbot.matching.answer_amounts import bound_contradicts, planned_amount, planned_on_a_condition, zero_is_at_most
from prepbot.matching.answer_changes import the_end_of_a_past
from prepbot.matching.answer_clauses import MAX_NOTE, Sentences, named_apart, own_turn, said_apart
from prepbot.matching.answer_moods import in_the_questions_mood
from prepbot.matching.answer_plain import AnswerPlain
from prepbot.matching.answer_shapes import (
    _EXISTS,
    ANSWER_WEIGHT,
    MAX_ANSWER_TOKENS,
    AnswerHit,
    Hits,
    _own_negation,
    _plain_every,
    _shares,
)
from prepbot.matching.answer_starts import started, then_ended
from prepbot.matching.answer_topics import elsewhere, named, own_topics, owned_by_the_named, yields_to_its_reason
from prepbot.matching.answer_turns import _NEW_ONE, _NOT_A_TURN, _NOW, _NOW_PAIRS
from prepbot.matching.context import decide, scan
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.cues import CueSet
from prepbot.matching.scare_quotes import scare_quoted
from prepbot.matching.text import Token, sentences, tokenize
from prepbot.matching.until import until_ends

_CONDITION_LEAD = frozenset({"only", "just", "except", "mostly", "usually", "basically"})


class AnswerReader(AnswerPlain):
    def __init__(self, rules: ContextRules, opposites: dict[str, str | None], reds: frozenset[str] = frozenset()):
        self.rules = rules
        self.opposites = opposites
        self.reds = reds
        self._cues: dict[str, CueSet] = {}
        self.plain: Callable[[str], list[tuple[str, float]]] | None = None  # the flags the plain cues read in a sentence
        self._denials: dict[str, CueSet] = {}

    def probed(self, question: Question, text: str) -> frozenset[str] | None:
        """The flags the classifier may report in a terse answer to `question`: those the question
        probes, their opposites and those of its `answers:` mapping. "couple hours usually" under a
        code-review question is about reviews, not overtime. None (no limit) for a longer note."""
        if len(text) > 400 or len(tokenize(text, self.rules)) > MAX_ANSWER_TOKENS:
            return None
        return own_topics(question, self.opposites)

    def before_classifier(self, text: str, question: Question, hits: Hits) -> tuple[Hits, frozenset[str] | None]:
        """The note's own readings as an answer to `question`, before the classifier adds its own:
        the past of an answer that tells a change goes; under a question about what is wrong, a
        practice named is the missing one. Returns the hits and the flags the classifier may add."""
        turn = own_turn(self.turn(text), text, question, self)
        if turn is not None:
            # "we used to FTP files, now it's all pipelines": its past says nothing now. The past is the
            # sentence of the turn, and only when it holds a past word; elsewhere only what the present
            # speaks of again goes ("two approvals needed. used to push to main, now blocked").
            opening = max(text.rfind(mark, 0, turn[0]) for mark in (". ", "! ", "? ", "\n", "; ")) + 1
            past = any(t.word in self.rules.past_words for t in tokenize(text[opening : turn[0]], self.rules))
            again = {f for f, found in hits.items() if any(h[2] > turn[0] for h in found)}
            again |= {o for f in again if (o := self.opposites.get(f))}
            hits = {
                f: kept
                for f, found in hits.items()
                if (kept := [h for h in found if h[2] > turn[0] or not (f in again or (past and h[1] >= opening))])
            }
        if len(text) <= 300:
            hits = in_the_questions_mood(text, question, self._negated_negatives(text, hits), self.opposites, self.rules)
            if self.probed(question, text) is not None:
                self._negated_practices(text, hits)
        tail = self.past_tail(text)
        if tail is not None:
            # "all in jira since last year, before that email": what the tail tells is over.
            hits = {f: kept for f, found in hits.items() if (kept := [h for h in found if h[1] < tail])}
        probed = self.probed(question, text)
        if probed is not None and not any(f in probed for f in hits):
            # "people leave every few months" under the standup question: words that answer nothing the question
            # asks and name another practice are read for what they name (the classifier may report it).
            other = elsewhere(text, question, self.rules, self.opposites)
            if other and not self._standalone(text) and not any(self._read(text, question)[:2]):  # nor its answer cues
                probed = probed | other
        if probed is not None:  # "before, refined at planning; people leave every few months": turnover read as without it
            probed = probed | named_apart(text, question, self)
        if probed is not None and not question.green_flags:
            # "What would you change first?" "more automated tests": the practice named is missing.
            for flag_id in [f for f in hits if f not in self.reds and self.opposites.get(f) in question.flags]:
                hits.setdefault(self.opposites.get(flag_id) or "", []).extend(hits.pop(flag_id))
        return hits, probed

    def _new_here(self, text: str, tokens: list[Token], hits: list[AnswerHit]) -> list[AnswerHit]:
        """ "I've been here three weeks, so no idea": not knowing, said by someone who names their own short time
        here, is the interviewer's newness, not the question's "no idea" reading (no bug count, no backlog)."""
        new = next(((s, e) for f, s, e in named(tokens, self.rules, self.opposites) if f == "interviewer-new"), None)
        if new is None:
            return hits
        for at in range(new[1], len(tokens)):
            found = self._answer_phrase([t.word for t in tokens[at:]])
            if found is not None and found[0] == "unknown" and found[1] == 0:
                start, end = tokens[at].start, tokens[at + found[2] - 1].end
                kept = [h for h in hits if not (start <= h.start and h.end <= end)]
                said = text[tokens[new[0]].start : end]
                source = f"answer '{text[start:end]}' after '{text[tokens[new[0]].start : tokens[new[1] - 1].end]}'"
                return [
                    *kept,
                    AnswerHit("interviewer-new", ANSWER_WEIGHT, tokens[new[0]].start, end, source, f"new here: '{said}'"),
                ]
        return hits

    def _pair(self, flag_id: str) -> set[str | None]:
        return {flag_id, self.opposites.get(flag_id)}

    def _standalone(self, text: str) -> bool:
        """Whether the answer opens with a yes or no of its own clause ("yes, every sprint, ..."): it answers its question."""
        tokens = tokenize(text, self.rules)[:8]
        found = self._answer_phrase([t.word for t in tokens])
        if found is None or found[0] not in ("yes", "no"):
            return False
        return found[2] == len(tokens) or tokens[found[2]].clause != tokens[found[2] - 1].clause

    def answers_it(self, question: Question, stated: set[str]) -> bool:
        """A note is read as the answer to its question unless its own words state a flag on another
        topic: "Every pull request needs two approvals before it merges" typed under "When is a ticket
        written, before the work or after?" is about code review, and its "before" answers nothing.
        A weak reading (below the report threshold) states nothing: "CI catches most" still answers
        "Who finds the bugs?"."""
        on_topic = set(question.flags) | {self.opposites.get(f) for f in question.flags}
        return not (stated - on_topic)

    def settle(
        self, text: str, question: Question, hits: Hits, said: set[str], probed: frozenset[str] | None, threshold: float
    ) -> None:
        """Add the answer's readings to `hits` (in place), where the note's own words leave room for them."""
        negated: frozenset[str] = frozenset()
        answers: list[AnswerHit] | None = None
        said = said - said_apart(text, question, hits, said, self, threshold)  # "...; CI is 'on the roadmap'": CI's own
        if probed is not None and not self.answers_it(question, said):
            # "we test by hand before each release" under "What tests do you have?": the question's
            # own answer cues read the words a cue about another practice (no-ci) read; the question
            # decides which sense they have, and the answer is read after all.
            answers, negated, denied = self._read(text, question)
            said = self._other_senses(text, question, hits, said, answers, denied, threshold)
        # A plain answer that opens the note answers it ("yes, CI won't go green without them", "no we test
        # in prod"), unless it is a subject and its verb that run on: "we dont do code reviews" is a
        # statement about something else.
        opens = answers is not None and any(
            a.context.startswith("a plain")
            and not text[: a.start].strip()
            and (len(text[a.start : a.end].split()) == 1 or text[a.end : a.end + 1] in ("", ",", ".", ";", "!"))
            for a in answers
        )
        if self.answers_it(question, said) or opens:  # "yes, CI won't go green without them": a yes first answers
            if answers is None:
                answers, negated, _ = self._read(text, question)
            for answer in answers:
                other = self.opposites.get(answer.flag_id) or ""
                plain = answer.source.startswith("answer '")
                if answer.context.startswith(("hedged", "a hedged answer", "no longer")):
                    # "jenkins, sorta": the hedge qualifies the note's own words, so it outranks them.
                    hits.pop(other, None)
                elif answer.context.startswith("in name only"):
                    if any(
                        h[0] >= threshold and h[1] >= answer.start and not h[3].startswith("classifier")
                        for f in (answer.flag_id, other)
                        for h in hits.get(f, [])
                    ):
                        continue  # "PRs, nobody pushes to main": the cues read the "nobody" clause themselves
                    hits.pop(other, None)
                elif (
                    not plain
                    and not answer.context
                    and other in said
                    and self._later(text, answer, hits.get(other, []), threshold)
                ):
                    hits.pop(other)  # "we have a backlog alright, 2000 tickets nobody reads": the later words qualify
                elif plain and other in said and self._only_some(text, answer, hits.get(other, [])):
                    hits.pop(other)  # "not much, some unit tests on the api": the words are the little there is
                elif other in said or (
                    answer.flag_id in said
                    and (plain or answer.source.startswith("answer family"))
                    and not self._weaker(hits.get(answer.flag_id, []), answer)
                ):
                    # "Nope, it's all automated": the note's own words outrank a plain yes or no, and
                    # "We don't do code reviews" is quoted by its own words, not as a plain "we don't"
                    # (nor again by a family cue: "..., people just merge").
                    continue
                hits.setdefault(answer.flag_id, []).append(
                    (answer.score, answer.start, answer.end, answer.source, answer.context)
                )
            yields_to_its_reason(text, hits, self.rules, threshold)
            planned_on_a_condition(text, hits, self.rules)
        if probed is not None:
            # "tests? sure, 'tests'": the practice in scare quotes after a yes takes the yes back (the quotes come last).
            for flag_id, found in list(hits.items()):
                quoted = [h[1] for h in found if h[4].startswith("scare quotes") and flag_id in hits]
                other = self.opposites.get(flag_id) or ""
                if quoted and other in hits and all(h[1] < min(quoted) for h in hits[other]):
                    del hits[other]
            # In a terse answer the words decide polarity: the classifier never adds the opposite of what they read.
            worded = {
                f for f, found in hits.items() if any(h[0] >= threshold and not h[3].startswith("classifier") for h in found)
            }
            # Nor, where a flag and its counterpart have no opposite ("we work harder" under "Who sets
            # deadlines?"), the counterpart; nor a flag whose answer cue the words negate ("nobody left").
            countered = {f for f in hits if self._counters(f, question) & worded} | (negated - worded)
            for flag_id in [f for f in hits if f in countered]:
                kept = [h for h in hits[flag_id] if not h[3].startswith("classifier")]
                if kept:
                    hits[flag_id] = kept
                else:
                    del hits[flag_id]

    def _cue_set(self, question: Question) -> CueSet:
        """The question's own answer cues, then the answer families of the flags it probes."""
        cues = self._cues.get(question.id)
        if cues is None:
            families = self.rules.answer_families
            shared = [(f, cue) for f in question.flags for cue in families.get(f, ())]
            cues = self._cues[question.id] = CueSet([*question.answers.cues, *shared], self.rules)
        return cues

    def _denied(self, pieces: list[tuple[int, str]], question: Question) -> set[str]:
        """The red flags the answer's words say do not hold (families "not <flag>" in context.yaml): "15 min, we
        stand" under "How long is the standup?" keeps the classifier from reading long standups into it."""
        denials = self._denials.get(question.id)
        if denials is None:
            families = self.rules.answer_families
            pairs = [(f, cue) for f in question.flags for cue in families.get("not " + f, ())]
            denials = self._denials[question.id] = CueSet(pairs, self.rules)
        found: set[str] = set()
        for _, sentence in pieces if denials.cues else ():
            tokens = denials.prepare(self._with_unit(tokenize(sentence, self.rules), question.answers.unit))
            triggers = scan(tokens, self.rules) if tokens else []
            for cue, matched, _ in denials.find(tokens) if tokens else ():
                if decide(cue.flag_id, None, tokens, matched, self.rules, triggers, True).flag_id == cue.flag_id:
                    found.add(cue.flag_id)
        return found

    def read(self, text: str, question: Question) -> list[AnswerHit]:
        return self._read(text, question)[0]

    def _read(self, text: str, question: Question) -> tuple[list[AnswerHit], frozenset[str], list[tuple[int, int]]]:
        """The answer's readings, the flags whose answer cues its words negate ("nobody left"), and
        where those negated cues stand."""
        key = question.answers
        negated: set[str] = set()
        denied: list[tuple[int, int]] = []  # the words of those negated cues
        if not (key or any(f in self.rules.answer_families for f in question.flags)) or not text.strip():
            return [], frozenset(), []
        pieces = list(sentences(text))
        hits: list[AnswerHit] = []
        first_offset, first = next(((o, s) for o, s in pieces if s.strip()), (0, ""))
        tokens = tokenize(first, self.rules)
        topic = -1  # where a bare topic stands: it names what is answered and states nothing ("spec? a slack thread")
        echo = len(tokens) <= 6 and tokens[0].word in self.rules.answer_words.echo_openers if tokens else False
        if first.rstrip().endswith("?") and (len(tokens) <= 3 or echo) and len(pieces) > 1:
            # "tests? what tests", "reviews? lol": a bare topic, then its answer; rule "an echoed question":
            # "what do they get? a pat on the back" repeats the question before answering it
            topic = first_offset
            first_offset, first = next(((o, s) for o, s in pieces if o > first_offset and s.strip()), (first_offset, first))
            tokens = tokenize(first, self.rules)
        vague = self._vague(first_offset, tokens, question) if tokens else None
        if tokens:
            hits.extend(self._yes_no(first_offset, tokens, question, first))
            if not hits and self._denies(tokens, question):
                negated.add(question.flags[0])  # "nobody, people stay" under "How many have left?": no turnover
            if not hits and not negated and len(pieces) == 1:
                hits.extend(self._closing_answer(first_offset, first, tokens, question))
            if not hits and not negated and len(pieces) == 1:
                hits.extend(self._started(first_offset, tokens, question))  # "started last month" (answer_starts)
        turn = own_turn(self.turn(text), text, question, self)
        if turn is not None:
            # "used to be fine, now they expect replies": the past answers nothing; the present answers
            # on its own ("not anymore", "we stopped using it"), in its own sentence.
            cut, present = turn
            hits = [h for h in hits if h.end > cut]
            upto = Sentences(text, question, self.rules, self.opposites).end_of(present)
            present_tokens = tokenize(text[present:upto], self.rules)
            if len(present_tokens) > 2 and present_tokens[0].word == "then":  # "..., then our new lead stopped it"
                present += present_tokens[1].start
                present_tokens = tokenize(text[present:upto], self.rules)
            said = [t.word for t in present_tokens[:2]]
            lead = 2 if tuple(said) in _NOW_PAIRS else 3 if tuple(said) in _NEW_ONE else 1 if said[:1] and said[0] in _NOW else 0
            if 0 < lead < len(present_tokens):  # "officially no, in practice yes": the answer after "in practice"
                present += present_tokens[lead].start
                present_tokens = tokenize(text[present:upto], self.rules)
            for h in self._yes_no(present, present_tokens, question, text[present:upto]) if present_tokens else ():
                # "they used to do code review but stopped last year": the no of a past is its end
                over = h.context.startswith("a plain no") and any(
                    t.word in self.rules.past_words for t in tokenize(text[:cut], self.rules)
                )
                why = f"a plain no, no longer: '{text[present:upto].strip()}'" if over else h.context
                hits.append(AnswerHit(h.flag_id, h.score, h.start, h.end, h.source, why))
        # A plain yes or no decides: "none, everything has tests" is not also "everything" untested.
        # A yes that only says the thing exists decides nothing: "there's a list, not ordered".
        decided = {
            self.opposites.get(h.flag_id)
            for h in hits
            if not h.context.startswith("only some of the time")
            and h.source.split("'")[1:2] != []
            and h.source.split("'")[1] not in _EXISTS
        }
        # "supposed to, first": a hedge first qualifies what follows, so no answer cue reads a green flag after it.
        hedged_first = any(h.context.startswith("a hedged answer") for h in hits)
        total = sum(len(tokenize(s, self.rules)) for _, s in pieces[:4])
        cue_set = self._cue_set(question) if total <= MAX_ANSWER_TOKENS else None
        if cue_set is not None and cue_set.cues:
            # rule "a condition after a bare amount opens the answer too": "60%; when they escalate, we work saturdays"
            opened = (
                {first_offset, *[o for o, _ in pieces if o > first_offset][:1]}
                if len(tokens) <= 2 and topic < 0
                else {first_offset}
            )
            for offset, sentence in pieces:
                if offset == topic:
                    continue
                words = _shares(_plain_every(tokenize(sentence, self.rules)), sentence, self.rules.numbers)
                sentence_tokens = cue_set.prepare(self._with_unit(answer_amounts.a_fall(words, self.rules), key.unit))
                if not sentence_tokens:
                    continue
                triggers = scan(sentence_tokens, self.rules)
                # "only if you threaten to walk", "when someone complains", "half, and only if you did the extra hours":
                # a condition that opens the answer, or follows "only", is the answer to "how" or "when", not a hypothetical.
                lead = (
                    1 if offset == first_offset and sentence_tokens[0].word in _CONDITION_LEAD else 0 if offset in opened else -1
                )
                triggers = [
                    t
                    for t in triggers
                    if not (
                        t.words in self.rules.condition_openers
                        and (t.start == lead or (t.start > 0 and sentence_tokens[t.start - 1].word == "only"))
                    )
                    and not (t.words == "now" and t.start > 0 and sentence_tokens[t.start - 1].word in _NOT_A_TURN)  # "for now"
                    and not planned_amount(t, sentence_tokens, self.rules)  # "we plan to 80% of velocity": an amount
                ]
                for cue, matched, _ in cue_set.find(sentence_tokens):
                    # rule "the question's no is what its own green cue denied": "zero extra pay" under the overtime pay
                    # question is its no (overtime-expected), not the green flag's own opposite (on-call-burden)
                    own_no = cue.index < len(key.cues) and (key.if_yes or cue.flag_id,) == (cue.flag_id,) == question.green_flags
                    own_no = own_no and key.if_no in question.red_flags
                    decision = decide(
                        cue.flag_id,
                        key.if_no if own_no else self.opposites.get(cue.flag_id),
                        sentence_tokens,
                        matched,
                        self.rules,
                        triggers,
                        cue.flag_id in self.reds,
                    )
                    flag_id = decision.flag_id
                    if bound_contradicts(cue.source, sentence_tokens, matched, self.rules) or answer_amounts.not_an_answer(
                        sentence_tokens, matched, self.rules
                    ):
                        continue  # rules "a bound is no amount" ("under 20 min"), "an object is no answer", "nothing major is a size"
                    if flag_id != cue.flag_id and (
                        _own_negation(cue.source, decision.rule)
                        or zero_is_at_most(cue, decision)
                        or the_end_of_a_past(decision.rule, sentence_tokens, matched, self.rules)  # "...before the docker setup"
                    ):
                        flag_id = cue.flag_id  # "there_isnt_one", "we_dont": the cue's own "not" is its meaning
                    if flag_id != cue.flag_id and cue.flag_id in question.flags:
                        negated.add(cue.flag_id)
                        denied.append((offset + sentence_tokens[matched[0]].start, offset + sentence_tokens[matched[-1]].end))
                    if (
                        flag_id is not None
                        and flag_id not in self.reds
                        and scare_quoted(sentence, sentence_tokens, matched, self.rules)
                    ):
                        flag_id = self.opposites.get(flag_id)  # '"reviews" lol': in name only
                    if flag_id is None or flag_id not in question.flags or flag_id in decided:
                        continue
                    if hedged_first and flag_id not in self.reds:
                        continue
                    first_token = matched[0] if decision.trigger is None else min(decision.trigger, matched[0])
                    if turn is not None and offset + sentence_tokens[matched[-1]].end <= turn[0]:
                        continue  # said of the past
                    hits.append(
                        AnswerHit(
                            flag_id,
                            ANSWER_WEIGHT,
                            offset + sentence_tokens[first_token].start,
                            offset + sentence_tokens[matched[-1]].end,
                            f"answer cue of question {question.id}: {cue.source}"
                            if cue.index < len(key.cues)
                            else f"answer family cue of {cue.flag_id}: {cue.source}",
                            decision.rule,
                        )
                    )
        # rule "a later sentence about another practice is the cues'": "in jira. nobody writes tests for the fixes"
        apart = Sentences(text, question, self.rules, self.opposites, self.plain) if len(text) <= MAX_NOTE else None
        if apart is not None:
            hits = [h for h in hits if not apart.the_cues_own(h.start, h.flag_id, apart.index(first_offset))]
        all_tokens = tokenize(text, self.rules) if total <= MAX_ANSWER_TOKENS else []
        at = next((i for i, t in enumerate(all_tokens[1:], 1) if t.word in self.rules.grammar["until_words"]), 0)
        then = 0 if at else then_ended(all_tokens, self.rules)  # "had one, then the PO quit" (answer_starts)
        at = at or then
        until, event = (all_tokens[at].start, bool(then) or until_ends(all_tokens, at, self.rules)) if at else (-1, False)
        held = at and all_tokens[at].word == "until" and any(t.word in self.rules.answer_words.held for t in all_tokens[:at])
        if event or held:  # "we had reviews until the lead left", "there was one until the PM left": what held until
            # then holds no longer, and the words of an event ("the PM left") answer nothing.
            ended = []
            event_end = max(t.end for t in all_tokens if t.clause == all_tokens[at].clause) if event else -1
            for h in hits:
                other = self.opposites.get(h.flag_id)
                if until < h.end <= event_end and "dropped or fixed" not in h.context:
                    continue
                if h.end > until or "dropped or fixed" in h.context or h.context.startswith("a plain no"):
                    # "..., then stopped", "they used to, until ...": already read as ended
                    ended.append(h)
                elif other is not None:
                    ended.append(AnswerHit(other, h.score, h.start, h.end, h.source, "no longer: 'until'"))
            hits = ended
        if at and not hits and not negated and topic < 0:  # "there was one until the PO quit" (answer_starts)
            hits = self._ended(text, all_tokens, at, question)
        # "automated tests" under "what would you change?": the longer reading owns its words (no-tests, not no-ci).
        hits = [
            h
            for h in hits
            if not any(
                o.flag_id != h.flag_id and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
                for o in hits
            )
        ]
        # "they aren't; it's part of the job" under the overtime pay question: the question's own cue owns the words a
        # family cue of another flag (not its opposite) reads too (overtime-expected, not also on-call-burden).
        own = [o for o in hits if o.source.startswith("answer cue")]
        hits = [
            h
            for h in hits
            if not (
                h.source.startswith("answer family cue")
                and any(o.flag_id not in self._pair(h.flag_id) and o.start <= h.start and h.end <= o.end for o in own)
            )
        ]
        if all_tokens:
            # "we don't have a single automated test" under the linting question: a cue word that opens a longer name of
            # another practice ("automated test") is that practice's, not the question's.
            names = [(all_tokens[s].start, all_tokens[e - 1].end, f) for f, s, e in named(all_tokens, self.rules, self.opposites)]
            hits = [
                h
                for h in hits
                if not any(
                    h.source.startswith(("answer cue", "answer family cue")) and s < h.end < e and f not in self._pair(h.flag_id)
                    for s, e, f in names
                )
            ]
        # "nothing like prod": a cue written with its negation outranks a cue of the opposite that the same negation turned.
        hits = [
            h
            for h in hits
            if not (
                h.context.startswith("negation")
                and any(
                    (o.start, o.end) == (h.start, h.end) and o.flag_id == self.opposites.get(h.flag_id) and not o.context
                    for o in hits
                )
            )
        ]
        if vague is not None:
            # only a cue on part of it: a question's own cue for the whole phrase ("no idea" under "What next month?") stands
            hits = [h for h in hits if not (vague[0] <= h.start and h.end <= vague[1] and h.end - h.start < vague[1] - vague[0])]
        if all_tokens:
            hits = self._which_not_knowing(text, self._new_here(text, all_tokens, hits))
            hits = owned_by_the_named(hits, all_tokens, self.rules, self.opposites)
            hits = self._laughed_off(all_tokens, hits)
        if turn is not None and all_tokens:
            hits = self._fixed_or_there_now(text, turn, all_tokens, question, hits)
        if all_tokens:
            hits = [self._seldom(h, all_tokens) for h in hits]
            tail = self.past_tail(text)
            if tail is not None:
                hits = [h for h in hits if h.start < tail]
        # "a handful of selenium scripts": a quantity reads the practice named after it in its clause.
        hits = self._quantities(text, hits)
        # "a few thousand": answer cues of a flag and its opposite — the later words qualify the earlier.
        last_end = {h.flag_id: h.end for h in hits}
        hits = [h for h in hits if last_end.get(self.opposites.get(h.flag_id) or "", -1) <= h.end]
        if total <= MAX_ANSWER_TOKENS:
            hits = self._bare_against_denial(text, hits, denial := self._denied(pieces, question))
            negated |= denial - {h.flag_id for h in hits}
        if total <= MAX_ANSWER_TOKENS and len(pieces) <= 2:
            hits = self._taken_back(text, hits, question)
            if len(pieces) > 1 or started(all_tokens, self.rules) is None:  # "they just started" is a start, no hedge
                hits = self._hedged(text, pieces, hits, question, apart)
            hits = self._in_name_only(text, self._object_of_the_subject(text, hits), apart)
        return hits, frozenset(negated), denied
