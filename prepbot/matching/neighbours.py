"""Statements across neighbouring sentences: a practice the next sentence takes back, a past told
before a "now", a bare topic and what follows it ("tests: none", "tickets? we backfill them"), a
reported question and its answer ("I asked who decides. He laughed.").

`NeighbourReading` is the part of the `Matcher` that reads a sentence with its neighbours; the
matcher supplies `reading`, `_compute`, `rules`, `answers` and `flags`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prepbot.matching.asking import answer_to_question, echo
from prepbot.matching.chains import blank_earlier
from prepbot.matching.context import other_sense, scan
from prepbot.matching.later_state import drop_earlier
from prepbot.matching.reading import REPORT_THRESHOLD, Hit, Reading
from prepbot.matching.text import tokenize

if TYPE_CHECKING:
    from prepbot.bank import Flag
    from prepbot.matching.answers import AnswerReader
    from prepbot.matching.context_rules import ContextRules

_TOPIC_END = re.compile(r"\s*(\?|\s[-–—=]+>?|:|->|=>)\s*$")
_TOPIC_SEPARATOR = re.compile(r":|\s[-–—=]+>?\s|->|=>")
_LEAD_MARKS = " \t\r\n-*•>·–—→([{"  # a question piece ending so goes on in the next piece

# what a pronoun sentence that reads something of its own may add of the topic: what happened to it
_HAPPENED = ("dropped or fixed", "broken or stale", "in name only")
# a new header after a header's list ("(this place: neither, ...)"), not an item of the list ("\n- tests: ...")
_NEW_HEADER = re.compile(r"\s*\(?\s*[^\W_][\w' ]{1,30}:\s")  # (not "A:" of a Q and its A)
_BULLET_END = re.compile(r"\n\s*[-*+\u2022]\s*$")
# where the answer to a reported question starts in its sentence ("asked how releases work: 20 manual steps")
_ANSWER_MARK = re.compile(r":\s|;\s|\s[-\u2013\u2014]\s")
_QUOTES = " '\"\u2018\u2019\u201c\u201d"
_FIRST_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _both_ways(sentence: str) -> bool:
    """ "CI? yes/no", "on-call paid? y/n": both answers written out is a blank to fill in, not an answer."""
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    return {"yes", "no"} <= words or {"y", "n"} <= words


def _pronoun(match: re.Match[str] | None) -> str:
    """The first word `_FIRST_WORD` matched, as the rules list pronoun subjects ("They're" -> "theyre"), or ""."""
    return match.group().lower().replace("'", "").replace("’", "") if match else ""


def _back(at: int, start: int, stop: int, shift: int, inside: int) -> int:
    """An offset in a sentence read with [start, stop) replaced -> in the sentence (`inside` for one in the replacement)."""
    return at if at <= start else (at - shift if at >= stop else inside)


class NeighbourReading:
    rules: ContextRules
    answers: AnswerReader
    flags: dict[str, Flag]
    _topic_cache: dict[str, tuple[int | None, tuple[str, tuple[str, int], int] | None]]
    _undercut_cache: dict[str, str]
    _advice_cache: dict[str, int]

    def reading(self, sentence: str) -> Reading:
        raise NotImplementedError

    def _compute(self, sentence: str, statement: bool = False) -> Reading:
        raise NotImplementedError

    def _undercut(self, pieces) -> dict[int, str]:
        """The pieces whose practice the next piece takes back ("We have a backlog. Nobody looks at
        it."), with the words that do it."""
        phrases = self.rules.undercut_next
        if not phrases:
            return {}
        found = {}
        cache = self._undercut_cache
        if len(cache) > 20_000:  # as the sentence cache: a long text does not keep every head
            cache.clear()
        for index in range(len(pieces) - 1):
            head = pieces[index + 1][1][:60].lower()
            said = cache.get(head)
            if said is None:  # tokenizing every head on each keystroke cost ~6 ms on 10,000 characters
                said = ""
                first = _FIRST_WORD.match(head.lstrip(" -*>"))
                if first and first.group().replace("'", "").replace("’", "") in self.rules.undercut_firsts:
                    skip = self.rules.grammar["undercut_fillers"]  # "Nobody actually follows it": a filler is no word of it
                    words = tuple(t.word for t in tokenize(head, self.rules)[:8] if t.word not in skip)[:6]
                    said = next((" ".join(p) for p in phrases if words[: len(p)] == p), "")
                cache[head] = said
            if said:
                found[index] = said
        return found

    def _read_then_and_now(self, pieces, readings) -> None:
        """ "reviews were optional until an outage; now required", "bugs went in a sheet. moved to
        jira": a sentence that opens with what holds now (a trigger of the context rules that reads
        earlier clauses told in the past) is read as the later clause of the sentence before it.
        The two are read as one (the full stop read as a comma, so offsets hold); the second
        sentence then adds nothing of its own."""
        openers = self.rules.now_openers
        for index in range(1, len(pieces)):
            sentence = pieces[index][1]
            first = sentence.lstrip(_LEAD_MARKS).split(maxsplit=1)
            last = sentence.rsplit(maxsplit=1)
            # ("Now, with a bigger team, ...": a discourse "now" before a comma opens no later clause.)
            opens = bool(first) and first[0].lower().rstrip(":") in openers
            # ...or a short one that ends with it: "...; pipeline now"
            ends = bool(last) and last[-1].lower().rstrip(".!;") in openers and len(sentence.split()) <= 4
            if not (opens or ends):
                continue
            if readings[index][1].question or readings[index - 1][1].question:
                continue
            # (an opener leads its sentence: only the words it may span are read, "the" opens many sentences)
            head = (
                " ".join(sentence.split()[: max(len(p) for p in openers[first[0].lower().rstrip(":")]) + 1])
                if opens
                else sentence
            )
            words = [t.word for t in tokenize(head, self.rules)]
            if not words:
                continue
            if opens and not any(tuple(words[: len(p)]) == p for p in openers[words[0]]):
                continue
            if not opens and (words[-1],) not in openers.get(words[-1], ()):
                continue
            offset, before = pieces[index - 1]
            stop = len(before.rstrip())
            end = stop
            while end > 0 and before[end - 1] in ".;!?":
                end -= 1
            if end == stop or pieces[index - 1][0] + len(before) != pieces[index][0]:
                continue
            joined = before[:end] + "," * (stop - end) + before[stop:] + sentence
            readings[index - 1] = (offset, self.reading(joined))
            _, reading = readings[index]
            readings[index] = (pieces[index][0], Reading((), frozenset(), False, reading.span))

    def _read_topic_and_statement(self, pieces, readings) -> None:
        """ "tickets? we backfill them": a bare topic before a mark, then a statement (not a plain answer:
        `_topic_answers`) about it, are read as one sentence (the mark read as a comma, so offsets hold)."""
        for index in range(len(pieces) - 1):
            offset, topic = pieces[index]
            head = topic.rstrip()
            if not head.endswith(("?", ":")) or len(head.split()) > 3 or readings[index][1].hits:
                continue
            if readings[index][1].question or readings[index + 1][1].question:
                continue
            if offset + len(topic) != pieces[index + 1][0] or self.answers.plain_answer(pieces[index + 1][1]):
                continue
            if self._reaction(pieces[index + 1][1]) or _both_ways(pieces[index + 1][1]):
                continue  # "unit tests? he laughed": an answer, read by `_topic_answers`
            said = pieces[index + 1][1]
            if any(t.word in self.rules.negation_before for t in tokenize(head + " " + said, self.rules)) or echo(head, said):
                continue  # "No tests? They have plenty", "Tests? They don't exist", "tests? what tests": an answer
            joined = head[:-1] + "," + topic[len(head) :] + pieces[index + 1][1]
            readings[index] = (offset, self.reading(joined))
            readings[index + 1] = (pieces[index + 1][0], Reading((), frozenset(), False, readings[index + 1][1].span))

    def _topic_answers(self, pieces, readings) -> tuple[set[int], list[Hit]]:
        """A topic and its answer: "Code review? Not really." and "Unit tests: none."

        The topic is read as a statement; a plain no after it negates what it says. Returns the
        pieces read this way (not to be read again as statements) and the hits (text offsets).
        """
        found: list[Hit] = []
        answered: set[int] = set()
        for index, (offset, sentence) in enumerate(pieces):
            topic = answer = echoed = None
            answer_at = index  # the piece that holds the answer
            mark, own = self._topic_info(sentence)
            if mark is not None and index + 1 < len(pieces):
                # "Code review? Not really." and, in notes, "CI - someday" or "tests: - none"
                next_offset, next_sentence = pieces[index + 1]
                answer = (
                    None
                    if _both_ways(next_sentence)
                    else self.answers.plain_answer(next_sentence) or self._reaction(next_sentence)
                )
                if not answer and echo(sentence[:mark], next_sentence):
                    answer = ("no", len(next_sentence.rstrip()))  # "code review? what code review": mocked, a no
                    echoed = index + 1  # ...and the echo names the practice only to mock it
                if answer:
                    topic = (offset, sentence[:mark])
                    end = next_offset + answer[1]
                    answer_at = index + 1
            if topic is None and own is not None:
                # "Unit tests: none.", "CI = nope"; without a separator, "review in name only".
                topic, answer, end = (offset, own[0]), own[1], offset + own[2]
            if topic is None:
                after = pieces[index + 1] if index + 1 < len(pieces) else (offset + len(sentence), "")
                found.extend(self._reported_answer(offset, sentence, readings[index][1], *after))
                found.extend(self._direct_answer(offset, sentence, readings[index][1], *after))
            if topic is None or answer is None:
                continue
            said, _ = answer
            hits = self.reading(topic[1] + ".").hits
            if all(h.score < REPORT_THRESHOLD for h in hits):
                hits = self._bare_topic(topic[1]) or hits  # "tests: none": a bare topic names its practice
            if mark is not None and all(h.score < REPORT_THRESHOLD for h in hits):
                # "Do you have CI? No.": a question, not a bare topic
                direct = self._direct_answer(offset, sentence, readings[index][1], *pieces[index + 1])
                hits = () if direct else hits
                found.extend(direct)
            if hits:
                answered.add(index)
                if echoed is not None:
                    answered.add(echoed)
            # "Code review? Yeah, a rubber stamp.": a yes whose own words state the other side is that side only
            answered_by = readings[answer_at][1].hits
            stated = {h.flag_id for h in answered_by if h.score >= REPORT_THRESHOLD}
            for hit in hits:
                target = self._answered(hit.flag_id, said)
                if target is not None and said == "yes" and (other := self.flags[target].opposite) in stated:
                    if answer_at == index:  # (an answer in the topic's own piece is not read again: its reading stands)
                        at = pieces[index][0]
                        found.extend(
                            Hit(h.flag_id, h.score, at + h.start, at + h.end, h.source, h.context)
                            for h in answered_by
                            if h.flag_id == other
                        )
                    continue
                if target is None:
                    continue
                found.append(Hit(target, hit.score, topic[0] + hit.start, end, hit.source, f"topic answered '{said}'"))
        return answered, found

    def _reaction(self, sentence: str) -> tuple[str, int] | None:
        """("no", its length) when a short sentence after a bare topic is a reaction that answers no:
        "unit tests? he laughed", "CI? blank stares" (`questions: answered_no`)."""
        stripped = sentence.rstrip()
        if len(stripped.split()) > 4:
            return None
        answer = answer_to_question(tokenize(stripped, self.rules), self.rules)
        return ("no", len(stripped)) if answer is not None and answer[0] == "no" else None

    def _topic_info(self, sentence: str) -> tuple[int | None, tuple[str, tuple[str, int], int] | None]:
        """Per sentence, cached (the keystroke path): where a short topic ends before a mark that
        hands its answer to the next sentence, and a topic answered within the sentence."""
        info = self._topic_cache.get(sentence)
        if info is None:
            key, sentence = sentence, blank_earlier(sentence, self.rules)  # "backlog: none -> a ranked board": the last state
            mark_found = _TOPIC_END.search(sentence) if len(sentence) <= 80 else None
            mark = mark_found.start() if mark_found and len(sentence.split()) <= 5 else None
            own = None
            if mark is None and (split := _TOPIC_SEPARATOR.search(sentence)):
                answer = self.answers.plain_answer(sentence[split.end() :])
                if answer:
                    own = (sentence[: split.start()], answer, split.end() + answer[1])
            if own is None:
                own = self._topic_then_answer(sentence)
            if len(self._topic_cache) > 50_000:
                self._topic_cache.clear()
            info = self._topic_cache[key] = (mark, own)
        return info

    def _topic_then_answer(self, sentence: str) -> tuple[str, tuple[str, int], int] | None:
        """(topic, answer, end) when a short sentence is a bare topic and its answer run together."""
        if len(sentence) > 80 or not 2 <= len(sentence.split()) <= 8:
            return None  # cheap first: most sentences are long
        tokens = tokenize(sentence, self.rules)
        if not 2 <= len(tokens) <= 8:
            return None
        words = tuple(t.word for t in tokens)
        for size in range(min(len(words) - 1, 4), 0, -1):
            if self.rules.topics.get(words[:size]) in self.flags:
                head_end = tokens[size - 1].end
                answer = self.answers.plain_answer(sentence[head_end:])
                if answer is None:
                    return None
                return sentence[:head_end], answer, head_end + answer[1]
        return None

    def _bare_topic(self, head: str) -> tuple[Hit, ...]:
        """A bare topic before its answer ("tests: none", "CI? someday"), named in the context rules."""
        tokens = tokenize(head, self.rules)
        words = tuple(t.word for t in tokens)
        for size in range(min(len(words), 4), 0, -1):
            flag_id = self.rules.topics.get(words[-size:])
            if (
                flag_id in self.flags
                and len(words) - size <= 1
                and not other_sense(flag_id, tokens, [len(words) - 1], self.rules)
            ):
                start = tokens[-size].start
                return (Hit(flag_id, 0.9, start, tokens[-1].end, f"topic: {' '.join(words[-size:])}", ""),)
        return ()

    def _reported_answer(self, offset: int, sentence: str, reading: Reading, next_offset: int, next_sentence: str) -> list[Hit]:
        """ "I asked if they review code. He laughed.": the question's words read as a statement,
        turned round by a no in the first words of the next sentence. `reading`: the sentence's
        (passed in, not looked up again: in a long text the cache may have let it go)."""
        start = reading.asked
        if start < 0:
            return []
        asked, where = sentence[start:], "in the next sentence"
        # "When I asked about the roadmap, the CTO said there isn't one": answered after a comma.
        comma = asked.find(",")
        answer = answer_to_question(tokenize(asked[comma + 1 :], self.rules), self.rules) if comma > 0 else None
        found = []
        if answer is not None:
            # ...and the answer's own words are a statement: "..., she said every PR gets a review".
            rest = start + comma + 1
            for hit in self._compute(sentence[rest:], statement=True).hits:
                found.append(
                    Hit(hit.flag_id, hit.score, offset + rest + hit.start, offset + rest + hit.end, hit.source, hit.context)
                )
            asked, where = asked[:comma], "in the same sentence"
        elif cut := _ANSWER_MARK.search(asked):
            # "asked about pagers on holiday: 'when you're off, you're off'": the answer after a colon, its own
            # words a statement; a plain no or a mocking echo ("asked about tests: 'what tests?'") answers the question
            rest = start + cut.end()
            context = "the answer to a reported question"
            for hit in self._compute(sentence[rest:], statement=True).hits:
                at = offset + rest
                found.append(Hit(hit.flag_id, hit.score, at + hit.start, at + hit.end, hit.source, hit.context or context))
            answer = answer_to_question(tokenize(sentence[rest:], self.rules), self.rules)
            if answer is None and echo(asked[: cut.start()], sentence[rest:].strip(_QUOTES)):
                answer = ("no", sentence[rest:].strip(_QUOTES))
            asked, where = asked[: cut.start()], "in the same sentence"
        elif next_sentence:
            answer = answer_to_question(tokenize(next_sentence, self.rules), self.rules)
        if answer is None:
            return found
        said, words = answer
        hits = self._compute(asked, statement=True).hits
        if all(h.score < REPORT_THRESHOLD for h in hits):  # "I asked about the backlog. Blank stare.": a topic
            hits = self._named_topic(asked) or hits
        for hit in hits:
            flag_id = self._answered(hit.flag_id, said)
            if flag_id is None:
                continue
            context = f"a question, answered '{words}' {where}"
            found.append(Hit(flag_id, hit.score, offset + start + hit.start, offset + start + hit.end, hit.source, context))
        return found

    def _answered(self, flag_id: str, said: str) -> str | None:
        """The flag a reading of `flag_id` states once answered `said` ("yes", "no" or "red"): a no
        turns it to its opposite, a hedge to its red side; None when nothing is left to state."""
        if said == "no":
            return self.flags[flag_id].opposite
        if said == "red":
            return self.answers.red_of(flag_id)
        return flag_id

    def _named_topic(self, text: str) -> tuple[Hit, ...]:
        """The last topic of the context rules that `text` names ("about the backlog", "We have a test
        suite"), as a reading of its flag (offsets in `text`), or nothing."""
        cache = self.__dict__.setdefault("_named_cache", {})  # (a note's sentences are read again on each keystroke)
        if text in cache:
            return cache[text]
        if len(cache) > 20_000:
            cache.clear()
        cache[text] = found = self._name_in(text)
        return found

    def _name_in(self, text: str) -> tuple[Hit, ...]:
        tokens = tokenize(text, self.rules)
        words = tuple(t.word for t in tokens)
        found: tuple[Hit, ...] = ()
        index = last = 0
        while index < len(words):
            for size in range(min(len(words) - index, 4), 0, -1):
                flag_id = self.rules.topics.get(words[index : index + size])
                if flag_id in self.flags and not other_sense(flag_id, tokens, [index + size - 1], self.rules):
                    end = tokens[index + size - 1].end
                    source = f"topic: {' '.join(words[index : index + size])}"
                    start = tokens[index].start
                    if (
                        found
                        and found[0].flag_id == flag_id
                        and tokens[index].clause == tokens[last].clause
                        and index - last <= 3
                        and not {t.word for t in tokens[last + 1 : index]} & self.rules.grammar["list_joiners"]  # not a list
                    ):
                        start = found[0].start  # one name of two topics: "a jira project for bugs"
                    found = (Hit(flag_id, 0.9, start, end, source, ""),)
                    last = index + size - 1
                    index += size - 1
                    break
            index += 1
        return found

    def _read_parallel(self, pieces, readings) -> None:
        """ "reviews are required for juniors; seniors push straight to main": two plain statements of one practice
        side by side (a ";" between them), the one red for a part of the team: the practice does not hold for every
        change, so the red one stands and the green one goes (not for `grammar.both_parts` flags: CI on one app and
        hand deploys of another are both said; nor a past and a now: "reviews were optional; now mandatory")."""
        self._read_changed(pieces, readings)
        drop_earlier(pieces, readings, self.flags, self.rules)  # "reviews were optional; they became mandatory"
        for i in [i for i in range(len(pieces) - 1) if pieces[i][1].rstrip().endswith(";")]:
            plain = [{h.flag_id for h in r.hits if h.score >= REPORT_THRESHOLD and not h.context} for _, r in readings[i : i + 2]]
            reds = [{f for f in said if self.flags[f].kind == "red"} for said in plain]
            for j, other in ((i, reds[1]), (i + 1, reds[0])):
                gone = {self.flags[f].opposite for f in other} & plain[j - i] - self.rules.grammar["both_parts"]
                if gone and not any(
                    t.word in self.rules.grammar["changes"] for p in pieces[i : i + 2] for t in tokenize(p[1], self.rules)
                ):
                    offset, r = readings[j]
                    readings[j] = (
                        offset,
                        Reading(tuple(h for h in r.hits if h.flag_id not in gone), r.blocked, r.model_ok, r.span),
                    )

    def _read_changed(self, pieces, readings) -> None:
        """ "We had no tests. That changed last year, now coverage is around 70%": a sentence that opens with a pronoun
        and a verb of change (`grammar.change_verbs`) and reads the green opposite of the red practice before it tells
        that the red one is over: it goes."""
        for i in range(1, len(pieces)):
            if _pronoun(_FIRST_WORD.match(pieces[i][1].lstrip(_LEAD_MARKS))) not in self.rules.pronoun_subjects:
                continue
            words = re.findall(r"[a-z]+", pieces[i][1][:40].lower())[1:3]
            if not set(words) & self.rules.grammar["change_verbs"]:
                continue
            now = {h.flag_id for h in readings[i][1].hits if h.score >= REPORT_THRESHOLD}
            offset, before = readings[i - 1]
            gone = {
                h.flag_id for h in before.hits if self.flags[h.flag_id].kind == "red" and self.flags[h.flag_id].opposite in now
            }
            if gone:
                readings[i - 1] = (
                    offset,
                    Reading(tuple(h for h in before.hits if h.flag_id not in gone), before.blocked, before.model_ok, before.span),
                )

    def _said_red(self, hit: Hit, start: int, size: int) -> bool:
        """A red reading, unturned, of more words than the name put at `start`: "they got dropped" -> "reviews got dropped"."""
        return not hit.context and self.flags[hit.flag_id].kind == "red" and (hit.start < start or hit.end > start + size)

    def _read_named_subject(self, pieces, readings) -> None:
        """ "We have a test suite. It hasn't run in a year.", "Code reviews exist. They get skipped
        before a release.": a sentence whose subject is a pronoun (`pronoun_subjects`) that reads
        nothing on its own is read with the topic the sentence before names in the pronoun's place.
        What it says of the topic stands; a red reading takes back the green one before it."""
        subjects = self.rules.pronoun_subjects
        for index in self._undercut(pieces):
            # "We had a product backlog. Nobody has opened it since.": the practice the next sentence takes back is
            # the topic named, though its own words read it too weakly to say (the engine turns it round).
            before = readings[index][1]
            if before.question or any(h.score >= REPORT_THRESHOLD for h in before.hits):
                continue
            topic = self._named_topic(pieces[index][1])
            if topic and self.flags[topic[0].flag_id].kind == "green":
                readings[index] = (readings[index][0], Reading(before.hits + topic, before.blocked, before.model_ok, before.span))
        for index in range(1, len(pieces)):
            offset, sentence = pieces[index]
            first = _FIRST_WORD.match(sentence.lstrip(_LEAD_MARKS))
            later = first
            for _ in range(2):  # "Now it's disabled", "these days they're skipped": the pronoun after a later-state word
                if later is not None and _pronoun(later) in self.rules.grammar["later_words"] | {"days"}:
                    later = _FIRST_WORD.search(sentence.lstrip(_LEAD_MARKS), later.end())
            first = later if _pronoun(later) in subjects else first
            pronoun = _pronoun(first)
            if first is None or pronoun not in subjects:
                continue
            reading, before = readings[index][1], readings[index - 1][1]
            if reading.question or before.question or pieces[index - 1][1].rstrip().endswith(("?", ":")):
                continue  # (a topic before "?" or ":" and its answer are `_topic_answers`' to read)
            topic = self._named_topic(pieces[index - 1][1])
            if not topic:
                continue
            # a sentence that reads something of its own gains only what it says of the topic: "a backlog existed; it
            # was abandoned after the pivot" (the pivot is read as it was)
            # (so does a sentence opened by a pronoun that may stand for a whole situation: "that seems to work")
            weak = reading.hits or pronoun in self.rules.grammar["situation_pronouns"]
            family = {topic[0].flag_id, self.flags[topic[0].flag_id].opposite} if weak else None
            start = len(sentence) - len(sentence.lstrip(_LEAD_MARKS)) + first.start()
            end = start + len(first.group())
            named = pieces[index - 1][1][topic[0].start : topic[0].end]
            context = f"subject named in the sentence before: '{named}'"
            # the name itself, else the practice's plain name when the name alone is all it reads ("Jenkins")
            generic = self.rules.plain_names.get(topic[0].flag_id, named)
            named_read = None
            for name in (named, generic) if generic != named else (named,):
                replacement = subjects[pronoun].replace("~", name)
                shift = len(replacement) - (end - start)
                said = self.reading(sentence[:start] + replacement + sentence[end:])
                hits = tuple(
                    Hit(
                        h.flag_id,
                        h.score,
                        _back(h.start, start, start + len(replacement), shift, start),
                        _back(h.end, start, start + len(replacement), shift, end),
                        h.source,
                        f"{h.context}; {context}" if h.context else context,
                    )
                    for h in said.hits
                    if family is None
                    or (h.flag_id in family and (h.context.startswith(_HAPPENED) or self._said_red(h, start, len(replacement))))
                )
                beyond = [h for h in hits if h.start < start or h.end > end]  # more than the name alone ("Jenkins")
                if (
                    (beyond or any(h.context != context for h in hits))
                    if name == named
                    else any(h.context != context for h in beyond) or any(h.context.startswith(_HAPPENED) for h in hits)
                ):  # (...or what happened to it: "a Jira project for defects. It was abandoned" -> "bug tracker was abandoned")
                    break  # (of the plain name, only words a rule turned: "it has not run" -> "ci has not run")
                named_read = named_read or (hits, said)
            else:
                hits, said = named_read or (hits, said)  # the plain name read no more: the name's own reading
            if not hits:
                continue
            if family is not None:
                hits = reading.hits + hits
            readings[index] = (offset, Reading(hits, said.blocked, said.model_ok, reading.span, said.negated))
            taken_back = {self.flags[h.flag_id].opposite for h in hits if self.flags[h.flag_id].kind == "red"}
            if taken_back & {h.flag_id for h in before.hits}:
                kept = tuple(h for h in before.hits if h.flag_id not in taken_back)
                readings[index - 1] = (
                    readings[index - 1][0],
                    Reading(kept, before.blocked, before.model_ok, before.span, before.negated),
                )

    def _direct_answer(self, offset: int, sentence: str, reading: Reading, next_offset: int, next_sentence: str) -> list[Hit]:
        """ "Do they have a roadmap? Not really.", "Is there a bug tracker? Nope, just email.": a yes-or-no
        question (opening with one of `yes_no_starts`) and a plain answer in the next sentence. The
        question's words after its first are read as a statement, turned round by a no."""
        head = sentence.rstrip()
        if not (head.endswith("?") and next_sentence and len(head) <= 200) or any(
            h.score >= REPORT_THRESHOLD for h in reading.hits
        ):
            return []
        first = _FIRST_WORD.match(sentence.lstrip(_LEAD_MARKS))
        if not first or first.group().lower() not in self.rules.yes_no_starts:
            return []
        answer = self.answers.plain_answer(next_sentence)
        if answer is None:
            return []
        said, answer_end = answer
        start = len(sentence) - len(sentence.lstrip(_LEAD_MARKS)) + first.end()
        asked = sentence[start : len(head) - 1]
        if "ever" in asked.lower().split():
            return []  # "Have you ever worked where there were no tests? Yes.": one's experience, not this team
        hits = self._compute(asked, statement=True).hits
        if all(h.score < REPORT_THRESHOLD for h in hits):
            # ...or the practice it ends on ("Do you have CI?"; not "Do you think tests matter?")
            named = self._named_topic(asked)
            hits = named if named and not asked[named[0].end :].strip() else hits
        found = []
        for hit in hits:
            flag_id = self._answered(hit.flag_id, said)
            if flag_id is None:
                continue
            context = f"a question, answered '{said}' in the next sentence"
            found.append(Hit(flag_id, hit.score, offset + start + hit.start, next_offset + answer_end, hit.source, context))
        return found

    def _advises(self, sentence: str) -> int:
        """How many sentences after this one its advice rules ("Here is my advice.", "Tips for new
        teams:"): the window of a `next_sentences` trigger in it, else 0. Cached per sentence."""
        said = self._advice_cache.get(sentence)
        if said is None:
            said = 0
            if self._may_advise(sentence):
                said = self._advice_window(sentence, scan(tokenize(sentence, self.rules), self.rules))
            self._remember_advice(sentence, said)
        return said

    def _may_advise(self, sentence: str) -> bool:
        """Whether a word of the sentence opens an advice trigger: else it rules no sentence after it."""
        return any(w.strip(".,:;!?") in self.rules.advice_firsts for w in sentence.lower().split())

    def _advice_window(self, sentence: str, triggers) -> int:
        """`_advises` from the triggers of the sentence's words as tokenized (the engine's reading
        scans them anyway: its answer is kept, and the sentence is not tokenized again)."""
        windows = [t.window for t in triggers if t.direction == "next_sentences"]
        if not windows or not self._may_advise(sentence):
            return 0
        return max(windows)

    def _remember_advice(self, sentence: str, said: int) -> None:
        if len(self._advice_cache) > 20_000:
            self._advice_cache.clear()
        self._advice_cache[sentence] = said

    def _read_after_advice(self, pieces, readings) -> None:
        """ "Here is my advice. Write tests and review every PR.": the sentences after one that
        announces advice or tips state no team's practice (nor may the classifier read one there)."""
        left = 0
        for index, (offset, sentence) in enumerate(pieces):
            if left > 0 and _NEW_HEADER.match(sentence) and not _BULLET_END.search(pieces[index - 1][1]):
                left = 0  # "dealbreakers for me: ... (this place: neither)": a new header ends the window
            if left > 0:
                reading = readings[index][1]
                blocked = reading.blocked | {h.flag_id for h in reading.hits}
                readings[index] = (offset, Reading((), blocked, False, reading.span, reading.negated, question=reading.question))
                # (a bullet between two items, " - ", is no sentence of the window)
                left -= any(c.isalnum() for c in sentence)
            left = max(left, self._advises(sentence))
