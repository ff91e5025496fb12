"""A note read as the answer to the question it was typed under.

"nope" says nothing on its own; under "Is there a backlog?" it says `no-backlog`. Each question in
the bank says what its answers mean (`answers:` — `if_yes`, `if_no`, and cues of its own, see the
README); the yes and no phrases themselves are data in context.yaml. Answer cues only read short
notes: "~30 min" answers "How long is the standup?", but a number in a long note is not an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prepbot.bank import Question
from prepbot.matching.context import ContextRules, decide, scan, scare_quoted
from prepbot.matching.cues import CueSet
from prepbot.matching.text import Token, as_number, normalise, sentences, tokenize

ANSWER_WEIGHT = 0.85
MAX_ANSWER_TOKENS = 25
_KNOWING = frozenset({"interviewer-new", "unclear-product"})  # flags where not knowing is the answer
# Hedges that, after the words of an answer, qualify it less than they seem to: "jira mostly" is mostly Jira.
_NOT_TRAILING = frozenset({("mostly",)})
# "no" before a word that is not one of these is a determiner, not an answer: "no change merges
# without tests" states a rule for the cues to read; "no we don't", "no really" and "no, never" answer.
_AFTER_A_NO = frozenset(
    {
        "we",
        "they",
        "i",
        "it",
        "he",
        "she",
        "you",
        "there",
        "thats",
        "its",
        "not",
        "never",
        "really",
        "sadly",
        "unfortunately",
        "sir",
        "thanks",
        "lol",
        "haha",
        "actually",
        "honestly",
        "tbh",
        "none",
        "nope",
        "definitely",
        "absolutely",
        "just",
        "only",
        "but",
        "and",
        "nothing",
        "way",
        "idea",
        "clue",
    }
)
# Words that bring a terse answer to the present after its past: "it was an hour, now it's ten
# minutes", "that was the old CEO, not anymore". What was said before the clause they start is the past.
_NOW = frozenset({"now", "nowadays", "anymore", "currently"})
_NOW_PAIRS = frozenset({("in", "practice"), ("in", "reality"), ("these", "days"), ("this", "year"), ("since", "then")})
# Hedges that say how often, not how really: after "sometimes" the note's own words still stand.
_FREQUENCY = frozenset(
    {
        ("sometimes",),
        ("only", "sometimes"),
        ("now", "and", "then"),
        ("every", "now", "and", "then"),
        ("on", "and", "off"),
        ("here", "and", "there"),
    }
)
# A clause that tells what was done about it states the present: "..., we added CI in the spring".
_CHANGED = frozenset(
    (subject, verb)
    for subject in ("we", "they")
    for verb in ("added", "introduced", "adopted", "started", "fixed", "switched", "moved", "got", "hired", "built", "automated")
)
_WHAT = frozenset({"what", "whats"})  # a two- or three-word "what X" answers with a sarcastic no
_NOBODY = frozenset({"nobody", "noone", "nobodys", "no"})  # "no" only in "no one"
_CLAUSE_MARK = re.compile(r"[,;.:!?]|\s[-–—]+\s")
# Words after "none" or "nobody" that show it is the answer, not the subject of a verb: "none last quarter".
_NOT_A_VERB = frozenset(
    {"last", "this", "in", "so", "yet", "at", "since", "for", "really", "whatsoever", "ever", "lately", "recently", "today"}
    | {"worth", "much", "to", "serious", "real", "formal", "official", "planned", "written", "automated"}
)
# Words after a number that leave it bare: "3 or 4", "5 a week", "25 max", "3-4x", "10ish".
_NOT_BARE = frozenset({"a", "an", "half"})  # number words that come with their own noun: "a week", "half an hour"
_AFTER_A_BARE_NUMBER = frozenset(
    "x or to and plus of a per each every max tops maybe ish at most last this in so now already total overall "
    "different counting including i think probably roughly tbh honestly lol".split()
)
# A clause that says a practice happens only now and then: "sometimes a ticket", "occasionally reviewed".
_SELDOM = frozenset({"sometimes", "occasionally", "rarely", "seldom", "sporadically", "intermittently"})
# After a plain no, the words of the little there is: "not much, some unit tests", "nah, just a few smoke tests".
_ONLY_SOME = frozenset({"some", "few", "couple", "handful", "only", "just", "bit", "little"})
# The opening of a closing clause that tells the past: "..., before that email", "..., previously jenkins".
_BEFORE_PAIRS = frozenset(
    {
        ("before", "that"),
        ("before", "then"),
        ("before", "this"),
        ("prior", "to"),
        ("previously",),
        ("formerly",),
        ("until", "recently"),
    }
)
_LAUGHS = frozenset({"lol", "lmao", "haha", "hah", "ha", "rofl", "hahaha"})  # alone, a sarcastic answer: "reviews? lol"
_HELD = frozenset({"had", "was", "were", "did", "used"})  # "we had reviews until...": a state that ended
_SUBJECTS = frozenset(
    {"nobody", "one", "noone", "nowhere", "nothing", "none"}
)  # answers alone, subjects before a verb  # answer cues read terse notes only


Hits = dict[str, list[tuple[float, int, int, str, str]]]  # flag -> (score, start, end, source, context), as in the engine


@dataclass(frozen=True)
class AnswerHit:
    flag_id: str
    score: float
    start: int
    end: int
    source: str
    context: str


def _own_negation(source: str, rule: str) -> bool:
    """Whether the only negation a context decision found is a word the cue itself is written with."""
    reasons = [r for r in rule.removesuffix(" (the flag has no opposite)").split("; ") if r]
    own = set(re.split(r"[\s_|*]+", source))
    return bool(reasons) and all(r.startswith("negation inside: '") and r[18:-1] in own for r in reasons)


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

    def probed(self, question: Question, text: str) -> frozenset[str] | None:
        """The flags the classifier may report in a terse answer to `question`: those the question
        probes, their opposites and those of its `answers:` mapping. "couple hours usually" under a
        code-review question is about reviews, not overtime. None (no limit) for a longer note."""
        if len(text) > 400 or len(tokenize(text, self.rules)) > MAX_ANSWER_TOKENS:
            return None
        key = question.answers
        own = {*question.flags, key.if_yes, key.if_no, *(f for f, _ in key.cues)}
        return frozenset(f for f in own | {self.opposites.get(f) for f in own if f} if f)

    def before_classifier(self, text: str, question: Question, hits: Hits) -> tuple[Hits, frozenset[str] | None]:
        """The note's own readings as an answer to `question`, before the classifier adds its own:
        the past of an answer that tells a change goes; under a question about what is wrong, a
        practice named is the missing one. Returns the hits and the flags the classifier may add."""
        turn = self.turn(text)
        if turn is not None:
            # "we used to FTP files, now it's all pipelines": its past says nothing now.
            hits = {f: kept for f, found in hits.items() if (kept := [h for h in found if h[2] > turn[0]])}
        tail = self.past_tail(text)
        if tail is not None:
            # "all in jira since last year, before that email": what the tail tells is over.
            hits = {f: kept for f, found in hits.items() if (kept := [h for h in found if h[1] < tail])}
        probed = self.probed(question, text)
        if probed is not None and not question.green_flags:
            # "What would you change first?" "more automated tests": the practice named is missing.
            for flag_id in [f for f in hits if f not in self.reds and self.opposites.get(f) in question.flags]:
                hits.setdefault(self.opposites.get(flag_id) or "", []).extend(hits.pop(flag_id))
        return hits, probed

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
        if probed is not None and not self.answers_it(question, said):
            # "we test by hand before each release" under "What tests do you have?": the question's
            # own answer cues read the words a cue about another practice (no-ci) read; the question
            # decides which sense they have, and the answer is read after all.
            answers, negated, denied = self._read(text, question)
            said = self._other_senses(question, hits, said, answers, denied, threshold)
        opens = answers is not None and any(a.context.startswith("a plain") and not text[: a.start].strip() for a in answers)
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
                elif other in said or (plain and answer.flag_id in said):
                    # "Nope, it's all automated": the note's own words outrank a plain yes or no, and
                    # "We don't do code reviews" is quoted by its own words, not as a plain "we don't".
                    continue
                hits.setdefault(answer.flag_id, []).append(
                    (answer.score, answer.start, answer.end, answer.source, answer.context)
                )
        if probed is not None:
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

    def _other_senses(
        self,
        question: Question,
        hits: Hits,
        said: set[str],
        answers: list[AnswerHit],
        denied: list[tuple[int, int]],
        threshold: float,
    ) -> set[str]:
        """Drop (from `hits`, in place) the off-topic cue readings whose every reportable piece lies
        on words an answer cue of the question reads, as it is or negated ("nobody stays late" under
        the hours question); return what the note still says."""
        on_topic = set(question.flags) | {self.opposites.get(f) for f in question.flags}
        spans = [(a.start, a.end) for a in answers if a.source.startswith("answer") and " cue " in a.source] + denied
        kept = set(said)
        for flag_id in [f for f in said if f not in on_topic]:
            found = [h for h in hits.get(flag_id, []) if h[0] >= threshold]
            if found and all(h[3].startswith("cue") and any(h[1] < e and s < h[2] for s, e in spans) for h in found):
                del hits[flag_id]
                kept.discard(flag_id)
        return kept

    def _counters(self, flag_id: str, question: Question) -> set[str]:
        """The flags a terse answer cannot also state with `flag_id`: its opposite, or, for a flag
        without one, the question's flags of the other colour that have none either."""
        other = self.opposites.get(flag_id)
        if other:
            return {other}
        red = flag_id in self.reds
        return {g for g in question.flags if not self.opposites.get(g) and (g in self.reds) != red}

    def _cue_set(self, question: Question) -> CueSet:
        """The question's own answer cues, then the answer families of the flags it probes."""
        cues = self._cues.get(question.id)
        if cues is None:
            families = self.rules.answer_families
            shared = [(f, cue) for f in question.flags for cue in families.get(f, ())]
            cues = self._cues[question.id] = CueSet([*question.answers.cues, *shared], self.rules)
        return cues

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
        if first.rstrip().endswith("?") and len(tokens) <= 3 and len(pieces) > 1:
            # "tests? what tests", "reviews? lol": a bare topic, then its answer
            first_offset, first = next(((o, s) for o, s in pieces if o > first_offset and s.strip()), (first_offset, first))
            tokens = tokenize(first, self.rules)
        if tokens:
            hits.extend(self._yes_no(first_offset, tokens, question, first))
        turn = self.turn(text)
        if turn is not None:
            # "used to be fine, now they expect replies": the past answers nothing; the present answers
            # on its own ("not anymore", "we stopped using it").
            cut, present = turn
            hits = [h for h in hits if h.end > cut]
            present_tokens = tokenize(text[present:], self.rules)
            if present_tokens:
                hits.extend(self._yes_no(present, present_tokens, question, text[present:]))
        # A plain yes or no decides: "none, everything has tests" is not also "everything" untested.
        decided = {self.opposites.get(h.flag_id) for h in hits if not h.context.startswith("only some of the time")}
        # "supposed to, first": a hedge first qualifies what follows, so no answer cue reads a green flag after it.
        hedged_first = any(h.context.startswith("a hedged answer") for h in hits)
        total = sum(len(tokenize(s, self.rules)) for _, s in pieces[:4])
        cue_set = self._cue_set(question) if total <= MAX_ANSWER_TOKENS else None
        if cue_set is not None and cue_set.cues:
            for offset, sentence in pieces:
                sentence_tokens = cue_set.prepare(self._with_unit(tokenize(sentence, self.rules), key.unit))
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
                    flag_id = decision.flag_id
                    if flag_id != cue.flag_id and _own_negation(cue.source, decision.rule):
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
        all_tokens = tokenize(text, self.rules) if total <= MAX_ANSWER_TOKENS else []
        until = next((t.start for t in all_tokens[1:] if t.word == "until"), None)
        if until is not None and any(t.word in _HELD and t.end <= until for t in all_tokens):
            # "we had reviews until the lead left": what held until then holds no longer.
            ended = []
            for h in hits:
                other = self.opposites.get(h.flag_id)
                if h.end > until or "dropped or fixed" in h.context:  # "..., then stopped": already read as ended
                    ended.append(h)
                elif other is not None:
                    ended.append(AnswerHit(other, h.score, h.start, h.end, h.source, "no longer: 'until'"))
            hits = ended
        # "automated tests" under "what would you change?": the longer reading owns its words (no-tests, not no-ci).
        hits = [
            h
            for h in hits
            if not any(
                o.flag_id != h.flag_id and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
                for o in hits
            )
        ]
        if all_tokens:
            hits = [self._seldom(h, all_tokens) for h in hits]
            tail = self.past_tail(text)
            if tail is not None:
                hits = [h for h in hits if h.start < tail]
        # "a few thousand": answer cues of a flag and its opposite — the later words qualify the earlier.
        last_end = {h.flag_id: h.end for h in hits}
        hits = [h for h in hits if last_end.get(self.opposites.get(h.flag_id) or "", -1) <= h.end]
        if total <= MAX_ANSWER_TOKENS and len(pieces) <= 2:
            hits = self._hedged(text, pieces, hits, question)
            hits = self._in_name_only(text, hits)
        return hits, frozenset(negated), denied

    def _seldom(self, hit: AnswerHit, tokens: list[Token]) -> AnswerHit:
        """A practice in a clause that says it happens only now and then is the practice in part:
        "email mostly, sometimes a ticket" reads bugs-untracked, not bugs-tracked."""
        if hit.flag_id in self.reds:
            return hit
        at = next((t for t in tokens if t.end > hit.start), None)
        red = self.red_of(hit.flag_id)
        if at is None or red is None:
            return hit
        said = next((t.word for t in tokens if t.clause == at.clause and t.end <= hit.start and t.word in _SELDOM), None)
        if said is None:
            return hit
        return AnswerHit(red, hit.score, hit.start, hit.end, hit.source, f"only some of the time: '{said}'")

    def _later(self, text: str, answer: AnswerHit, others: list, threshold: float) -> bool:
        """Whether an answer cue's words say nobody does it ("..., 2000 tickets nobody reads") after every
        word the note's own cues read the opposite in: the practice in name only."""
        words = normalise(text[answer.start : answer.end]).split()
        if not answer.source.startswith("answer cue") or not words or not (words[0] in _NOBODY or words[:2] == ["no", "one"]):
            return False
        found = [h for h in others if h[0] >= threshold and not h[3].startswith("classifier")]
        return bool(found) and all(h[2] <= answer.start for h in found)

    def _only_some(self, text: str, answer: AnswerHit, others: list) -> bool:
        """Whether a plain no is followed by the little there is: "not much, some unit tests"."""
        if not answer.context.startswith("a plain no") or not others:
            return False
        for found in others:
            words = {t.word for t in tokenize(text[answer.end : found[2]], self.rules)}
            if not words & _ONLY_SOME:
                return False
        return True

    def _with_unit(self, tokens: list[Token], unit: str | None) -> list[Token]:
        """The tokens with the question's unit after each bare number: under "How many pages last
        week?" "five" reads "five pages" and "3-4x" "3 pages - 4 pages", so its cues can compare them."""
        if not unit:
            return tokens
        out: list[Token] = []
        given: set[int] = set()
        for index, token in enumerate(tokens):
            out.append(token)
            if token.word in _NOT_BARE or as_number(token.word, self.rules.numbers) is None:
                continue
            earlier = tokens[max(0, index - 3) : index]
            if any(
                t.clause == token.clause and index - 3 + k not in given and as_number(t.word, self.rules.numbers) is not None
                for k, t in enumerate(earlier, start=3 - len(earlier))
            ):
                continue  # "a fixed 20%": the "a" is no count, and a cue's number must not read it with the unit
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                following is None
                or following.clause != token.clause
                or following.word in _AFTER_A_BARE_NUMBER
                or as_number(following.word, self.rules.numbers) is not None
            ):
                out.append(Token(unit, token.end, token.end, token.clause, token.scope))
                given.add(index)
        return out

    def _in_name_only(self, text: str, hits: list[AnswerHit]) -> list[AnswerHit]:
        """ "jira exists, nobody files anything", "a jenkins box nobody looks at": a practice named, then
        nobody doing it, is the practice in name only (its red flag). The red hit starts at the "nobody"
        clause, so the engine can leave it alone where the cues read that clause themselves."""
        # a practice said to be there (a yes, or its own words), not the absence of a problem ("nope, and nobody minds")
        green = [
            h for h in hits if h.flag_id not in self.reds and self.red_of(h.flag_id) and not h.context.startswith("a plain no")
        ]
        if not green or len(green) != len(hits):
            return hits
        tokens = tokenize(text, self.rules)
        after = min(h.end for h in green)
        for index, token in enumerate(tokens):
            if token.start < after or token.word not in _NOBODY:
                continue
            if token.word == "no" and (index + 1 >= len(tokens) or tokens[index + 1].word != "one"):
                continue
            said = text[token.start : tokens[-1].end]
            red_hits = []
            for h in green:
                red = self.red_of(h.flag_id)
                if red is not None:
                    red_hits.append(AnswerHit(red, h.score, token.start, tokens[-1].end, h.source, f"in name only: '{said}'"))
            return red_hits
        return hits

    def _hedged(self, text: str, pieces, hits: list[AnswerHit], question: Question) -> list[AnswerHit]:
        """ "jenkins, sorta", "tests, when there's time", "yes, in theory": a hedge after the answer makes
        the whole answer its red flag (the answer's own words are the practice in part, or on paper)."""
        offset, last = next(((o, s) for o, s in reversed(pieces) if s.strip()), (0, ""))
        tokens = tokenize(last, self.rules)
        words = [t.word for t in tokens]
        hedge = None
        for phrase in self.rules.answer_red:
            if (
                len(phrase) < len(words)
                and tuple(words[-len(phrase) :]) == phrase
                and phrase not in _NOT_TRAILING
                and phrase[0] not in _LAUGHS
            ):
                if hedge is None or len(phrase) > len(hedge):
                    hedge = phrase
        if hedge is None or any(w in self.rules.clause_breakers for w in words):
            return hits
        start, end = offset + tokens[-len(hedge)].start, offset + tokens[-1].end
        said = " ".join(hedge)
        context = f"hedged: '{said}'"
        red_hits: list[AnswerHit] = []
        for h in hits:
            red = h.flag_id if h.flag_id in self.reds else self.red_of(h.flag_id)
            if red is not None:
                red_hits.append(AnswerHit(red, h.score, min(h.start, start), end, h.source, context))
        if not red_hits and not hits:
            red = self.hedged_red(question)
            if red is not None:
                red_hits.append(AnswerHit(red, ANSWER_WEIGHT, start, end, f"answer '{said}' to question {question.id}", context))
        return red_hits

    def past_tail(self, text: str) -> int | None:
        """Where a terse answer's closing clause tells what came before: "jira since last year,
        before that email" (the offset of "before that"), else None."""
        if len(text) > 300:
            return None
        tokens = tokenize(text, self.rules)
        if len(tokens) > MAX_ANSWER_TOKENS:
            return None
        for index in range(1, len(tokens)):
            if tokens[index].clause == tokens[index - 1].clause:
                continue  # the tail opens a clause of its own
            words = tuple(t.word for t in tokens[index : index + 2])
            if words in _BEFORE_PAIRS or words[:1] in _BEFORE_PAIRS:
                return tokens[index].start
        return None

    def turn(self, text: str) -> tuple[int, int] | None:
        """(end of the past, start of the present's words) in a terse answer that says how things
        changed: "it was an hour, now it's 10 min"; "jira, but we stopped using it" (a "but" only when
        the words after it answer on their own). None when the answer tells no change."""
        if len(text) > 300:
            return None
        tokens = tokenize(text, self.rules)
        if not 2 <= len(tokens) <= MAX_ANSWER_TOKENS:
            return None
        words = [t.word for t in tokens]
        for index in range(len(tokens) - 1, 0, -1):
            word = words[index]
            first = index - 1 if (words[index - 1], word) in _NOW_PAIRS else index
            if word in _NOW or first < index:
                marks = list(_CLAUSE_MARK.finditer(text, 0, tokens[first].start))
                breakers = [t.start for t in tokens[:first] if t.word in self.rules.clause_breakers]
                cut = max([m.start() for m in marks] + breakers + [0])
                if cut == 0:
                    return None  # "now we have CI": all present
                start = next(t.start for t in tokens if t.start > cut)
                return cut, start
            after_comma = "," in text[tokens[index - 1].end : tokens[index].start]
            if after_comma and tuple(words[index : index + 2]) in _CHANGED:
                return tokens[index - 1].end, tokens[index].start  # "used to be none, we added CI in the spring"
            breaker = word in self.rules.clause_breakers and index + 1 < len(tokens)
            if breaker or (after_comma and word not in _SUBJECTS):
                # "jira, but we stopped using it", "we had jenkins, it's been off for a year"
                begin = index + 1 if breaker else index
                found = self._answer_phrase(words[begin:])
                determiner = found is not None and words[begin : begin + found[2]] == ["no"] and begin + 1 < len(words)
                if determiner and words[begin + 1] not in _AFTER_A_NO:
                    found = None  # "only unit tests, no integration": a "no" before a noun answers nothing
                if (
                    found is not None
                    and not breaker
                    and (found[0] != "no" or tuple(words[begin : begin + found[2]]) in _NOT_TRAILING)
                ):
                    found = None  # after a comma only a "no" turns the answer; a hedge there is read by _hedged
                if found is not None and found[0] in ("no", "red") and found[1] == 0:
                    cut = tokens[index].start if breaker else tokens[index - 1].end
                    return cut, tokens[begin].start
                if breaker:
                    return None
        return None

    def _answer_phrase(self, words: list[str]) -> tuple[str, int, int] | None:
        """(name, first word, end word) of a yes, no or red answer at the start of `words`.

        Fillers go first ("lol no", "honestly, no"); the longest phrase wins; a hedge straight after
        a yes ("yeah, kind of") makes the answer red.
        """
        start = 0
        while start < len(words) - 1 and words[start] in self.rules.answer_fillers:
            start += 1
        best: tuple[str, int, int] | None = None
        answers = (
            (self.rules.answer_unknown, "unknown"),
            (self.rules.answer_red, "red"),
            (self.rules.answer_no, "no"),
            (self.rules.answer_yes, "yes"),
        )
        # A phrase that starts with a filler ("oh sure") is tried before the fillers are skipped.
        for begin in dict.fromkeys((0, start)):
            rest = words[begin:]
            for phrases, name in answers:
                phrase = _starts_with(rest, phrases)
                if phrase is not None and begin < start and len(phrase) == 1:
                    continue  # a filler alone is a filler: "mostly before"
                if phrase is not None and (best is None or begin + len(phrase) > best[2]):
                    best = (name, begin, begin + len(phrase))
        if best is not None and best[0] == "yes" and (hedge := _starts_with(words[best[2] :], self.rules.answer_red)):
            best = ("red", best[1], best[2] + len(hedge))
        return best

    def hedged_red(self, question: Question) -> str | None:
        """The flag a hedge ("kinda", "unofficially", "for the big ones") answers under `question`: the
        red flag of its yes and no, or else the one red flag whose green opposite the question also
        probes ("If an alert fires at night, is there a page saying what to check?" "some alerts")."""
        key = question.answers
        found = self.red_of(key.if_yes, key.if_no)
        if found is None and not (key.if_yes or key.if_no):
            paired = [f for f in question.red_flags if self.opposites.get(f) in question.green_flags]
            found = paired[0] if len(paired) == 1 else None
        return found

    def red_of(self, *flag_ids: str | None) -> str | None:
        """The red flag among `flag_ids` and their opposites, when there is exactly one."""
        found: set[str] = {f for f in flag_ids if f and f in self.reds}
        for f in flag_ids:
            other = self.opposites.get(f) if f else None
            if other and other in self.reds:
                found.add(other)
        return next(iter(found)) if len(found) == 1 else None

    def plain_answer(self, text: str) -> tuple[str, int] | None:
        """("yes", "no" or "red", end offset of the phrase) when `text` is just a plain answer, else None."""
        if len(text) > 60 or not text.strip():
            return None  # a plain answer is a few words
        tokens = tokenize(text, self.rules)
        if not tokens or len(tokens) > 8:
            return None
        words = [t.word for t in tokens]
        found = self._answer_phrase(words)
        if found is None:
            return None
        name, first, stop = found
        if name == "unknown" or tuple(words[first:stop]) in _NOT_TRAILING:
            return None  # "jira mostly": after a topic, "mostly" says how much of it is that topic
        end = tokens[stop - 1].end
        rest = text[end:].lstrip()
        # "not really" or "not really, only for big stuff" — but not "no, but every PR is".
        if not rest.strip(" .!?)\"'") or (rest[:1] in ",;-–(" and not any(w in self.rules.clause_breakers for w in words)):
            return name, end
        return None

    def _yes_no(self, offset: int, tokens: list[Token], question: Question, sentence: str = "") -> list[AnswerHit]:
        """A plain yes or no (or a hedge: "kinda", "used to") at the start of the note, not taken
        back by a "but" clause."""
        words = [t.word for t in tokens]
        key = question.answers
        found = self._answer_phrase(words)
        if found is None and 2 <= len(words) <= 3 and words[0] in _WHAT:
            found = ("no", 0, len(words))  # "what pipeline?", "what's a retro": the practice is not there
        if found is None:
            return []
        name, first, stop = found
        if words[first:stop][0] in _LAUGHS and stop < len(words):
            return []  # "lol, we have three testers": a filler before the answer, not a sarcastic one
        if name == "unknown":
            # "no idea" answers a question about the interviewer's knowledge or the product; elsewhere, nothing.
            if key.if_no not in _KNOWING:
                return []
            name = "no"
        flag_id = {"yes": key.if_yes, "no": key.if_no}.get(name) or (self.hedged_red(question) if name == "red" else None)
        if not flag_id:
            return []
        rest = words[stop:-1] if words[-1] == "yet" else words[stop:]  # "not sure yet": an adverb, not a "but"
        if any(w in self.rules.clause_breakers for w in rest):
            return []  # "no, but every PR gets a look": the plain answer is taken back
        joined = stop < len(words) and not sentence[tokens[stop - 1].end : tokens[stop].start].strip()
        if words[stop - 1] in _SUBJECTS and joined and words[stop] not in _NOT_A_VERB:
            return []  # "nobody, really" answers; "nobody reviews anything" is a statement for the cues
        if (
            words[first:stop] == ["no"]
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
