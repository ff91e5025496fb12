"""The shapes of a terse answer, for `answers.AnswerReader`: plain yes and no phrases, hedges, a
change told from past to present, numbers in the question's unit, quantities and "sometimes"
clauses, and which of two readings of the same words a question settles. Word lists that are
grammar rather than data live here; the phrases themselves are data in context.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prepbot.bank import Question
from prepbot.matching.answer_changes import counts_a_change
from prepbot.matching.answer_topics import named
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.phrase_starts import starts_with as _starts_with
from prepbot.matching.text import Token, as_number, normalise, tokenize

ANSWER_WEIGHT = 0.85
MAX_ANSWER_TOKENS = 25
_KNOWING = frozenset({"interviewer-new", "unclear-product"})  # flags where not knowing is the answer
# ...but an answer that it depends, or varies, is no not-knowing: it says there are several answers.
_DEPENDS = frozenset({"depends", "depend", "varies", "vary"})
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
# Hedges that say how often, not how really: after "sometimes" the note's own words still stand.
_FREQUENCY = frozenset(
    {
        ("sometimes",),
        ("only", "sometimes"),
        ("now", "and", "then"),
        ("every", "now", "and", "then"),
        ("on", "and", "off"),
        ("here", "and", "there"),
        ("now", "and", "again"),
        ("every", "now", "and", "again"),
        ("only", "now", "and", "again"),
        ("occasionally",),
        ("only", "occasionally"),
        ("from", "time", "to", "time"),
        ("once", "in", "a", "while"),
        ("every", "once", "in", "a", "while"),
        ("every", "so", "often"),
        ("at", "times"),
        ("on", "occasion"),
    }
)
# A yes that says only that the thing is there ("there's a list, not ordered"): the words after it may still qualify it.
_EXISTS = frozenset({"there is", "there are", "theres", "theres one", "we have one", "there is one"})
_PER = frozenset({"a", "an", "per", "each", "every", "in", "of", "off"})  # "one day a week", "one day in five"
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
    "x or to and plus of a per each every max tops maybe ish at most last this in so now already total overall since "
    "different counting including i think probably roughly tbh honestly lol".split()
)
# A clause that says a practice happens only now and then: "sometimes a ticket", "occasionally reviewed".
_SELDOM = frozenset({"sometimes", "occasionally", "rarely", "seldom", "sporadically", "intermittently"})
# After a plain no, the words of the little there is: "not much, some unit tests", "nah, just a few smoke tests".
_ONLY_SOME = frozenset({"some", "few", "couple", "handful", "only", "just", "bit", "little"})
# Nouns that make a compound of the word before them: "the roadmap page", "the backlog board".
_COMPOUND_TAILS = frozenset(
    "page pages doc docs document slide slides board item items file link wiki sheet spreadsheet view".split()
)
_LAUGHS = frozenset({"lol", "lmao", "haha", "hah", "ha", "rofl", "hahaha"})  # alone, a sarcastic answer: "reviews? lol"
# "almost all of them", "nearly everyone": a quantity, not a hedge; "nobody's always late" agrees with what it follows.
_ALL = frozenset({"all", "every", "everyone", "everybody", "everything"})
_QUANTITY = frozenset(
    {"a", "an", "handful", "few", "couple", "of", "just", "only", "some", "barely", "hardly", "any", "little", "bit"}
)
# A red answer ending on one of these opens a condition whose clause belongs to it: "only when someone remembers".
_CONDITION_HEADS = frozenset({"when", "if", "whenever"})
_AMOUNTS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "k", "million", "lots", "loads"})
_BUT = frozenset({"but", "though", "although", "however", "except", "yet"})
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


def _shares(tokens: list[Token], sentence: str, numbers: dict[str, float]) -> list[Token]:
    """A share written as a sign or a fraction, as a percentage the question's cues can compare:
    "within 20%" reads "within 20 percent", "two out of ten" and "2/10" read "20 percent"."""
    out: list[Token] = []
    for token in tokens:
        value = as_number(token.word, numbers)
        if value is None:
            out.append(token)
            continue
        # the whole of a fraction: "two out of ten", "2 of 10", "2/10"
        size = 0
        if out and sentence[out[-1].end : token.start] == "/":
            size = 1
        elif len(out) >= 3 and [t.word for t in out[-2:]] == ["out", "of"]:
            size = 3
        elif len(out) >= 2 and out[-1].word == "of":
            size = 2
        first = out[-size] if size else None
        part = as_number(first.word, numbers) if first is not None and first.word not in _NOT_BARE else None
        if first is not None and part is not None and first.clause == token.clause and 0 <= part <= value and value:
            del out[-size:]
            out.append(Token(str(round(100 * part / value)), first.start, token.end, token.clause, token.scope))
            out.append(Token("percent", token.end, token.end, token.clause, token.scope))
            continue
        out.append(token)
        sign = sentence[token.end : token.end + 1] == "%" or sentence[token.end : token.end + 2] == " %"
        earlier = out[-4:-1]
        if sign and not any(t.clause == token.clause and as_number(t.word, numbers) is not None for t in earlier):
            out.append(Token("percent", token.end, token.end, token.clause, token.scope))  # "a fixed 20%": not "a ... percent"
    return out


def _plain_every(tokens: list[Token]) -> list[Token]:
    """ "every single merge", "each and every night": the emphasis goes, so a cue for "every merge" reads it."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        before = out[-1].word if out else ""
        if token.word == "single" and before in ("every", "each"):
            continue
        if token.word == "and" and before == "each" and index + 1 < len(tokens) and tokens[index + 1].word == "every":
            out.pop()  # "each and every" reads "every"
            continue
        out.append(token)
    return out


def _own_negation(source: str, rule: str) -> bool:
    """Whether the only negation a context decision found is a word the cue itself is written with."""
    reasons = [r for r in rule.removesuffix(" (the flag has no opposite)").split("; ") if r]
    own = set(re.split(r"[\s_|*]+", source))
    return bool(reasons) and all(r.startswith("negation inside: '") and r[18:-1] in own for r in reasons)


class AnswerShapes:
    """What the answer reader knows about the form of a terse answer (a mixin: `rules`, `opposites`, `reds`)."""

    rules: ContextRules
    opposites: dict[str, str | None]
    reds: frozenset[str]

    def _other_senses(
        self,
        text: str,
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
        # An answer cue that is only a plain yes or no ("we dont") gives no word another sense: "we dont do
        # code reviews" under the tickets question is about code review.
        plain = {*self.rules.answer_no, *self.rules.answer_yes}
        spans = [
            (a.start, a.end)
            for a in answers
            if a.source.startswith("answer")
            and " cue " in a.source
            and tuple(t.word for t in tokenize(text[a.start : a.end], self.rules)) not in plain
        ]
        tokens = tokenize(text, self.rules)

        def taken(h, flag_id: str) -> bool:
            if any(h[1] < e and s < h[2] for s, e in spans):
                return True
            if h[4].startswith("negation after: '"):
                # rule "a negation the answer owns": "most lost five, the roadmap didn't leave room" under the leave question;
                # the "didn't" that turned "roadmap" is the start of the question's own answer cue ("didn't leave room"),
                # so the roadmap is that answer's subject, not a practice said to be missing.
                said_word = h[4].split("'")[1]
                after = next((t for t in tokens if t.start >= h[2] and t.word == said_word), None)
                if after is not None and any(s <= after.start < e for s, e in spans):
                    return True
            if not any(h[1] < e and s < h[2] for s, e in denied):
                return False
            # "nobody is ever paged at night" under the hours question: the question's negated cue ("at night")
            # denies late work; "paged" names on-call outside it, so the on-call reading stands.
            free = [t for t in tokens if h[1] <= t.start and t.end <= h[2] and not any(s <= t.start < e for s, e in denied)]
            return not any(f in (flag_id, self.opposites.get(flag_id)) for f, _, _ in named(free, self.rules, self.opposites))

        kept = set(said)
        for flag_id in [f for f in said if f not in on_topic]:
            found = [h for h in hits.get(flag_id, []) if h[0] >= threshold]
            if found and all(h[3].startswith("cue") and taken(h, flag_id) for h in found):
                del hits[flag_id]
                kept.discard(flag_id)
        return kept

    def _denies(self, tokens: list[Token], question: Question) -> bool:
        """Whether a plain no opens an answer to a question about one red flag that has no opposite and
        no meaning of its own for a no: "none" under "How many people left?" says the flag is not there."""
        if question.answers.if_yes or question.answers.if_no or len(question.flags) != 1:
            return False
        flag_id = question.flags[0]
        if flag_id not in self.reds or self.opposites.get(flag_id):
            return False
        found = self._answer_phrase([t.word for t in tokens])
        return found is not None and found[0] == "no" and found[1] == 0

    def _counters(self, flag_id: str, question: Question) -> set[str]:
        """The flags a terse answer cannot also state with `flag_id`: its opposite, or, for a flag
        without one, the question's flags of the other colour that have none either."""
        other = self.opposites.get(flag_id)
        if other:
            return {other}
        red = flag_id in self.reds
        return {g for g in question.flags if not self.opposites.get(g) and (g in self.reds) != red}

    def _quantities(self, text: str, hits: list[AnswerHit]) -> list[AnswerHit]:
        """Drop a reading that a quantity before it in its clause reads as its opposite: in "a handful of
        selenium scripts" the handful (no-tests) says how much of the selenium (has-tests) there is."""
        dropped: set[int] = set()
        for q in hits:
            words = normalise(text[q.start : q.end]).split()
            if not words or not set(words) <= _QUANTITY or not set(words) & _ONLY_SOME | {"handful", "barely", "hardly"}:
                continue
            for index, other in enumerate(hits):
                if (
                    other.flag_id == self.opposites.get(q.flag_id)
                    and other.start >= q.end
                    and self._names(text, other.start, other.end)
                ):
                    if not _CLAUSE_MARK.search(text, q.end, other.start) and not (
                        {t.word for t in tokenize(text[q.end : other.start], self.rules)} & self.rules.clause_breakers
                    ):
                        dropped.add(index)
        return [h for i, h in enumerate(hits) if i not in dropped]

    def _names(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] names something besides an amount: "selenium scripts", not "thousand"."""
        return any(
            t.word not in _QUANTITY and t.word not in _AMOUNTS and as_number(t.word, self.rules.numbers) is None
            for t in tokenize(text[start:end], self.rules)
        )

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
        found = [h for h in others if h[0] >= threshold and not h[3].startswith("classifier")]
        if words and words[0] in _AMOUNTS and found:
            # "a few hundred unit tests": "few" counts the hundreds, it does not say there are few
            before = [normalise(text[h[1] : answer.start]).split() for h in found]
            if all(b and set(b) <= {"a", "few", "couple", "of"} for b in before):
                return True
        if words and set(words) <= _QUANTITY and answer.source.startswith("answer"):
            # "a handful of selenium scripts": the quantity reads what follows it in its clause
            found = [h for h in others if h[0] >= threshold and not h[3].startswith("classifier")]
            return bool(found) and all(
                h[1] >= answer.start and not _CLAUSE_MARK.search(text, answer.end, h[1]) and self._names(text, answer.end, h[2])
                for h in found
            )
        if not answer.source.startswith("answer cue") or not words or not (words[0] in _NOBODY or words[:2] == ["no", "one"]):
            return self._after_a_but(text, answer, others, threshold)
        found = [h for h in others if h[0] >= threshold and not h[3].startswith("classifier")]
        return bool(found) and all(h[2] <= answer.start for h in found)

    def _after_a_but(self, text: str, answer: AnswerHit, others: list, threshold: float) -> bool:
        """Whether an answer cue's words follow a "but" after every word the note's own cues read the
        opposite in: "there's a jenkins job but you have to trigger it by hand"."""
        found = [h for h in others if h[0] >= threshold and not h[3].startswith("classifier")]
        if not found or not answer.source.startswith("answer") or " cue " not in answer.source:
            return False
        last = max(h[1] for h in found)
        between = {t.word for t in tokenize(text[last : answer.start], self.rules)}
        mark = _CLAUSE_MARK.search(text)
        if (
            mark
            and answer.start > mark.start()
            and len(text[: mark.start()].split()) <= 3
            and all(h[2] <= mark.start() and not h[4] for h in found)
            and not {t.word for t in tokenize(text[: mark.start()], self.rules)} & self.rules.negation_before
        ):
            return True  # "jenkins, permanently red": a bare name, then what it is worth
        return bool(between & _BUT) and all(h[1] < answer.start for h in found)

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
            if counts_a_change(tokens, index, self.rules):
                continue  # rule "a number of a change": "we added 2" is no head count
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
        if (
            best is not None
            and best[0] == "red"
            and best[2] - best[1] > 1
            and best[2] < len(words)
            and words[best[2]] in _COMPOUND_TAILS
        ):
            return None  # "it's on the roadmap page": a thing named, not the hedge "on the roadmap"
        return best

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
        if name == "red" and words[stop - 1] in _CONDITION_HEADS:
            # "only when someone remembers, which is almost never": the condition's own clause is the red answer
            stop = max(i for i in range(stop, len(tokens)) if tokens[i].clause == tokens[stop - 1].clause) + 1
        end = tokens[stop - 1].end
        rest = text[end:].lstrip()
        # "not really" or "not really, only for big stuff" — but not "no, but every PR is".
        if not rest.strip(" .!?)\"'") or (rest[:1] in ",;-–(" and not any(w in self.rules.clause_breakers for w in words)):
            return name, end
        # "gone after the reorg": the answer dated by an event after it (not "no after-hours messages": a bare "no"
        # before words is a determiner, and "after-hours" no date)
        after = words[stop:]
        dated = after and after[0] in self.rules.grammar.get("answer_dating", ()) and rest[len(after[0]) :][:1] == " "
        if dated and words[first:stop] != ["no"] and self.rules.clause_breakers.isdisjoint(after):
            return name, end
        return None
