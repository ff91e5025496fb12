"""A terse answer that tells a change, for `answers.AnswerReader`: where its past ends and its present
starts ("it was an hour, now it's 10 min", "jira, but we stopped using it"), and a closing clause that tells
what came before ("jira since last year, before that email"). Split from `answer_shapes` by concern."""

from __future__ import annotations

from prepbot.matching.answer_changes import present_after_a_past, total_then_growth
from prepbot.matching.answer_shapes import _AFTER_A_NO, _CLAUSE_MARK, _NOT_TRAILING, _SUBJECTS, MAX_ANSWER_TOKENS, AnswerShapes
from prepbot.matching.text import tokenize

# Words that bring a terse answer to the present after its past: "it was an hour, now it's ten
# minutes", "that was the old CEO, not anymore". What was said before the clause they start is the past.
_NOW = frozenset({"now", "nowadays", "anymore", "currently"})
# ...but "for now" and "until now" tell how long, not a change: "layoffs in may, so zero for now" is all one answer.
_NOT_A_TURN = frozenset({"for", "until", "till", "til"})
_NOW_PAIRS = frozenset({("in", "practice"), ("in", "reality"), ("these", "days"), ("this", "year"), ("since", "then")})
# ...of which these, closing a clause with no past word before them, tell no change
_CLOSING_TIMES = frozenset({("these", "days"), ("this", "year")})
# "my old manager did; the new one never does": a clause about the new one is the present, read after its subject.
_NEW_ONE = frozenset((owner, which) for owner in ("the", "our", "my") for which in ("new", "current", "present"))
_TURN_PAIRS = _NOW_PAIRS | _NEW_ONE  # two words that open the present's clause
# A clause that tells what was done about it states the present: "..., we added CI in the spring".
_CHANGED = frozenset(
    (subject, verb)
    for subject in ("we", "they")
    for verb in (
        *("added", "introduced", "adopted", "started", "fixed", "switched", "moved", "got", "hired", "built", "automated"),
        # ...or cut back: "was forty minutes, we cut it to ten"
        *("cut", "trimmed", "shortened", "reduced", "capped", "halved"),
    )
)
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


class AnswerTurns(AnswerShapes):
    """Where a terse answer turns from its past to its present (a mixin over `AnswerShapes`)."""

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
            first = (
                index - 1
                if (words[index - 1], word) in _TURN_PAIRS or self._since(words, index) or self._earlier_then_asked(words, index)
                else index
            )
            if word == "now" and words[index - 1] in _NOT_A_TURN:
                continue
            closing = index + 1 == len(tokens) or tokens[index + 1].clause != tokens[index].clause
            if (words[index - 1], word) in _CLOSING_TIMES and closing and not set(words[: index - 1]) & self.rules.past_words:
                continue  # rule "a closing time with no past is no turn": "still working that out, we tried four markets this year"
            if word in _NOW or first < index:
                marks = list(_CLAUSE_MARK.finditer(text, 0, tokens[first].start))
                breakers = [t.start for t in tokens[:first] if t.word in self.rules.clause_breakers]
                cut = max([m.start() for m in marks] + breakers + [0])
                if cut == 0:
                    return None  # "now we have CI": all present
                opening = next(i for i, t in enumerate(tokens) if t.start > cut)
                if total_then_growth(tokens, opening, self.rules):
                    return None  # "eleven engineers, we hired three this year": the growth of a total, not a now
                return cut, tokens[opening].start
            if word in ("until", "till") and tuple(words[index + 1 : index + 3]) in _CHANGED:
                return tokens[index].start, tokens[index + 1].start  # "an hour until we cut it to ten": the cut is the present
            after_comma = "," in text[tokens[index - 1].end : tokens[index].start]
            if present_after_a_past(text, tokens, index, self.rules):
                return tokens[index - 1].end, tokens[index].start
            if after_comma and tuple(words[index : index + 2]) in _CHANGED and not total_then_growth(tokens, index, self.rules):
                return tokens[index - 1].end, tokens[index].start  # "used to be none, we added CI in the spring"
            breaker = word in self.rules.clause_breakers and index + 1 < len(tokens)
            if breaker or (after_comma and word not in _SUBJECTS):
                # "jira, but we stopped using it", "we had jenkins, it's been off for a year"
                begin = index + 1 if breaker else index
                if not breaker and words[begin] == "then" and begin + 1 < len(words):
                    begin += 1  # "we kept one in 2021, then gave up": what came next is the present
                    following = self._answer_phrase(words[begin + 1 :]) if words[begin] in ("we", "they") else None
                    if following is not None and following[0] == "no" and following[1] == 0:
                        begin += 1  # "..., then we deleted them"
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
                closing_yes = found is not None and found[0] == "yes" and breaker and begin + found[2] == len(words)
                if found is not None and (found[0] in ("no", "red") or closing_yes) and found[1] == 0:
                    # "jira, but we stopped using it"; "shouldn't happen, but it does" (a yes that closes the answer)
                    cut = tokens[index].start if breaker else tokens[index - 1].end
                    return cut, tokens[begin].start
                if breaker:
                    return None
        return None

    def _since(self, words: list[str], index: int) -> bool:
        """Rule "since a time is now": "since spring" or "since 2023" after a past word ("we used to write the tickets
        after the fact; since spring every feature starts from a spec") opens the present, as "now" does."""
        if words[index - 1] != "since":
            return False
        year = words[index].isdigit() and len(words[index]) == 4
        past = self.rules.past_words | self.rules.answer_words.held
        return (words[index] in self.rules.answer_words.since_when or year) and any(w in past for w in words[: index - 1])

    def _earlier_then_asked(self, words: list[str], index: int) -> bool:
        """Rule "an earlier time, then the time asked": an answer that opens on an earlier time ("the year before we
        crunched all december") and has a later one open at `index - 1` ("; last year we just moved the date") tells a
        change, the later clause being the answer."""
        said = self.rules.answer_words
        opens = any(tuple(words[: len(p)]) == p for p in said.earlier)
        return opens and index >= 2 and tuple(words[index - 1 : index + 1]) in said.later
