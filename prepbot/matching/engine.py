"""Text in, red and green flags with evidence out.

The engine runs the pieces of this package in order, sentence by sentence:

1. `text` splits the text into sentences and tokens that keep their offsets;
2. `cues` finds every cue reading in a sentence;
3. `context` decides what each reading states: its flag, the flag's opposite, or nothing;
4. where a red and a green reading share words, the red (qualified) one is kept;
5. the readings of a flag combine as independent evidence: 1 - prod(1 - score).

Every piece of evidence names the cue and the context rule that produced it (`--explain`).
The matcher is compiled once per catalogue and caches per sentence, so it can run on each keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from prepbot.bank import Bank, Flag, Question
from prepbot.matching import norms
from prepbot.matching.absences import AbsenceReading
from prepbot.matching.answer_clauses import unit_quote
from prepbot.matching.answers import AnswerReader
from prepbot.matching.asking import is_question, put_to_candidate, reported_question
from prepbot.matching.chains import last_state
from prepbot.matching.classifier import MODEL_BUDGET, ModelSlot, ModelUnit, _Background, _within_budget
from prepbot.matching.combine import Added, CueIndex, Policy, Signals, apply, decide_unit, noisy_or, unit_signals
from prepbot.matching.context import NO_OPPOSITE, PSEUDO, Decision, decide, own_contractions, scan
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.cues import FUZZY_PENALTY, CueSet
from prepbot.matching.denials import denial, denials_win, now_wins
from prepbot.matching.ended import read_ended
from prepbot.matching.halves import LaterHalf, gc_paused, later_half
from prepbot.matching.headings import absent_pieces, read_absent_list
from prepbot.matching.neighbours import NeighbourReading
from prepbot.matching.reading import REPORT_THRESHOLD, Evidence, Hit, Match, Reading
from prepbot.matching.scare_quotes import denied_name, scare_quoted
from prepbot.matching.spans import clause_starts, domains, off_topic, overlap_test
from prepbot.matching.text import blank_escapes, blank_spans, pieces_of, quote_span, tokenize
from prepbot.matching.unanswered import read_unanswered

__all__ = ["MODEL_BUDGET", "ModelSlot", "ModelUnit", "Matcher", "Match", "Evidence", "REPORT_THRESHOLD", "quote_span"]

_NONE: frozenset[str] = frozenset()
# A phrase of `absences` speaks for a note-sized sentence only: in prose, "the daily was 15 minutes of waiting, then
# a 30 minute discussion" holds a short standup's words and tells a long one.
ABSENCE_WORDS = 16
MAX_TEXT_UNIT = 1500  # a classifier trained on whole snippets reads texts up to this size whole
# Between a topic and its answer in shorthand: "tests: none", "CI - someday", "reviews -> nope".
_HANDS_ON = ("-", "–", "—", ":", ">", "=")


NAME_REACH = 3  # words from a name to the wish, drop or hedge that turns it round at full weight


class Matcher(NeighbourReading, AbsenceReading):
    """Compiled once per catalogue; `match(text)` is pure and deterministic."""

    def __init__(
        self,
        flags: Iterable[Flag],
        rules: ContextRules,
        model: ModelSlot | None = None,
        cues: CueSet | None = None,
        absences: CueSet | None = None,
    ):
        """`cues`, `absences`: these flags' cues and the rules' absence phrases already compiled (the
        catalogue cache's); else compiled here."""
        self.flags = {flag.id: flag for flag in flags}
        self._greens = frozenset(f.id for f in self.flags.values() if f.kind == "green")
        self._reds = frozenset(self.flags).difference(self._greens)
        self.rules = rules
        if cues is None:
            cues = CueSet(((flag.id, source) for flag in self.flags.values() for source in flag.cues), rules)
        self.cues = cues
        # Phrases stating a red flag's absence (context.yaml `absences`): never reported, they keep the
        # classifier from reading that flag into their sentence ("standups are short", "nobody quits").
        if absences is None:
            absences = CueSet(((f, cue) for f, phrases in rules.absences.items() if f in self.flags for cue in phrases), rules)
        self.absences = absences
        self.answers = AnswerReader(
            rules,
            {f.id: f.opposite for f in self.flags.values()},
            frozenset(f.id for f in self.flags.values() if f.kind == "red"),
        )
        self.answers.plain = lambda sentence: [(h.flag_id, h.score) for h in self.reading(sentence).hits]
        self.model = model
        self.last_unread = 0  # pieces of the last text the classifier did not read (MODEL_BUDGET)
        self._topic_cache: dict[str, tuple[int | None, tuple[str, tuple[str, int], int] | None]] = {}
        self._undercut_cache: dict[str, str] = {}
        self._advice_cache: dict[str, int] = {}
        self._sentence_cache: dict[str, Reading] = {}
        self._combined: dict[tuple, tuple[Policy, tuple[str, ...], tuple[Added, ...]]] = {}
        self._labels: dict[str, str] = {}
        self._own: dict[str, frozenset[str]] = {}  # per cue source: the negated short forms it spells out

    @classmethod
    def from_bank(
        cls,
        bank: Bank,
        rules: ContextRules,
        model: ModelSlot | None = None,
        cues: CueSet | None = None,
        absences: CueSet | None = None,
    ) -> "Matcher":
        return cls(bank.flags.values(), rules, model, cues, absences)

    def match(
        self,
        text: str,
        question: Question | None = None,
        model: str = "auto",
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Match]:
        """Flags found in `text`, red first, then by score. Never raises on any string.

        `question`: the note answers it (its `answers:` mapping applies). `model`: "auto" runs the
        classifier on sentences it has not seen, "cached" uses only what it already found (the
        TUI's keystroke path; a worker calls `classify`), "off" uses the cues alone.
        """
        if not text or not text.strip():
            return []
        text = blank_escapes(text)
        pieces = list(pieces_of(text))
        # A long text's later part is read in a fork (halves.py; never on the keystroke path), made
        # before the classifier's thread starts: a fork copies only the thread that forks.
        with gc_paused(len(text) if model != "cached" else 0):
            later = later_half(self, pieces, len(text)) if model != "cached" else None
            # A long text is read by sentences whatever the classifier was trained on, so the
            # classifier can start on them in a thread while the cues read on (it releases the GIL).
            background = (
                _Background(self.model) if model == "auto" and self.model is not None and len(text) > MAX_TEXT_UNIT else None
            )
            try:
                return self._match(text, pieces, question, model, progress, background, later)
            finally:
                if later is not None:
                    later.close()
                if background is not None:
                    background.join()

    def _match(self, text, pieces, question, model, progress, background: _Background | None, later=None) -> list[Match]:
        readings = self._readings(pieces, background, later)
        if model == "auto" and self.model is not None and background is None:
            self.model.model()  # loaded first: what it reads (whole text or sentences) depends on it
        units = self._model_units(text, pieces, readings) if model != "off" and self.model is not None else []
        units, self.last_unread = _within_budget(units)  # what the classifier left to the cues
        if background is not None:
            background.finish([u.text for u in units], progress)  # the rest of its choice, if any
        elif model == "auto" and units and self.model is not None:
            self.model.classify([u.text for u in units], progress)
        hits: dict[str, list[tuple[float, int, int, str, str]]] = {}
        answered, topic_hits = self._topic_answers(pieces, readings)
        if listed := absent_pieces(pieces, self.rules):  # "Missing here:" and its list: no topic answered there
            answered -= listed
            topic_hits = [h for h in topic_hits if not any(0 <= h.start - pieces[i][0] < len(pieces[i][1]) for i in listed)]
        for hit in topic_hits:
            hits.setdefault(hit.flag_id, []).append((hit.score, hit.start, hit.end, hit.source, hit.context))
        undercut = self._undercut(pieces)
        for index, ((offset, _), (_, reading)) in enumerate(zip(pieces, readings, strict=True)):
            if index in answered:
                continue  # "Unit tests: none." is read as a topic and its answer, not as a statement
            for hit in reading.hits:
                flag_id, context = hit.flag_id, hit.context
                opposite = self.flags[flag_id].opposite
                if index in undercut and self.flags[flag_id].kind == "green" and opposite in self.flags:
                    flag_id, context = opposite, f"in name only: '{undercut[index]}' in the next sentence"
                hits.setdefault(flag_id, []).append((hit.score, offset + hit.start, offset + hit.end, hit.source, context))
        held = norms.apply(pieces, self.rules, hits, self.flags)
        probed = None
        if question is not None:  # a note typed under a question: its answer's rules (answers.py)
            hits, probed = self.answers.before_classifier(text, question, hits)
        # what the words say clearly on their own, before the classifier
        said = {f for f, found in hits.items() if max(h[0] for h in found) >= REPORT_THRESHOLD}
        if background is not None:
            background.join()
        if units:
            cue_hits = CueIndex(hits)  # what the cues read, before the classifier
            for unit in units:
                self._add_model_hits(hits, cue_hits, unit, probed)
            norms.drop_classifier(hits, held)
        if question is not None:
            said &= hits.keys()  # a cue reading the classifier vetoed says nothing the answer must yield to
            self.answers.settle(text, question, hits, said, probed, REPORT_THRESHOLD)
        return self.combine(text, hits)

    def _readings(
        self, pieces, background: _Background | None = None, later: LaterHalf | None = None
    ) -> list[tuple[int, Reading]]:
        """Each piece's reading; a question that hands its words on to the next piece ("q for the
        EM - how much time goes to bugs") makes that piece a question too when it opens like one
        ("Q: oncall - 1 wk in 4, paid" keeps its answer). `background`: a long text's classifier
        thread, offered each topical piece the cues read nothing reportable in, as soon as it is read.
        `later`: the readings of the pieces from `later.cut` on, read in a fork (halves.py)."""
        readings = []
        cut = len(pieces) if later is None else later.cut
        for index, (offset, sentence) in enumerate(pieces):
            reading = self.reading(sentence) if index < cut else later.get(index)  # type: ignore[union-attr]
            readings.append((offset, reading))
            if background is not None and reading.model_ok and reading.topical:
                if all(h.score < REPORT_THRESHOLD for h in reading.hits):
                    background.offer(sentence)  # the first that `_within_budget` chooses, in the same order
        read_ended(pieces, readings, self.rules, self.flags)  # "...without review. That stopped." (ended.py)
        self._read_then_and_now(pieces, readings)
        self._read_topic_and_statement(pieces, readings)
        self._read_named_subject(pieces, readings)
        self._read_parallel(pieces, readings)
        self._read_after_advice(pieces, readings)
        read_absent_list(pieces, readings, self.rules, self.flags, self._named_topic)
        read_unanswered(pieces, readings, self.rules)
        asked = [i for i, (_, r) in enumerate(readings) if r.question]  # few: the rest costs nothing per keystroke
        for index in asked:
            if index + 1 >= len(readings) or readings[index + 1][1].question:
                continue
            words = pieces[index + 1][1].split(maxsplit=1)
            if pieces[index][1].rstrip().endswith(_HANDS_ON) and words and words[0].lower() in self.rules.question_starts:
                offset, reading = readings[index + 1]
                readings[index + 1] = (offset, Reading((), frozenset(), False, reading.span, question=True))
            elif len(pieces[index][1].split()) <= 4:
                # "Q: oncall - 1 wk in 4, unpaid": a short question is the topic its answer goes with;
                # the classifier reads the two together (the cues read nothing into the question).
                offset, reading = readings[index]
                readings[index] = (offset, Reading((), frozenset(), False, reading.span))
        return readings

    def classify(self, text: str) -> None:
        """Run the classifier on this text now (for a worker thread); no-op without one."""
        if self.model is not None and text.strip() and self.model.model() is not None:
            text = blank_escapes(text)
            pieces = list(pieces_of(text))
            readings = self._readings(pieces)
            self.model.classify([u.text for u in _within_budget(self._model_units(text, pieces, readings))[0]])

    def _model_units(self, text: str, pieces, readings) -> list[ModelUnit]:
        """What the classifier reads: the whole text when it was trained on whole snippets and the
        text is short, else each sentence; each with what the rules already decided there."""
        assert self.model is not None
        if self.model.unit == "text" and len(text) <= MAX_TEXT_UNIT:
            usable = [r for _, r in readings if r.model_ok]
            greens: frozenset[str] = frozenset()
            red_only = not usable
            if red_only:
                # Only proposals, wishes or hedges ("they'd gain a lot from a tracker"): red readings only.
                usable = [r for _, r in readings if r.red_only]
                greens = self._greens.difference(h.flag_id for r in usable for h in r.hits)
            if not usable:
                return []
            # A question the candidate means to ask is not read into: "ask: do they have CI?" (offsets kept).
            asked = [
                (offset + r.span[0], offset + r.span[1])
                for (offset, _), (_, r) in zip(pieces, readings, strict=True)
                if r.question
            ]
            text = blank_spans(text, asked)
            blocked = frozenset().union(greens, *(r.blocked for _, r in readings))
            if all(self._turned_green(r) for r in usable):
                blocked |= self._reds  # "nobody pushes builds by hand here": no red flag of the classifier's beside it
            lead = len(text) - len(text.lstrip())
            # A "not" in one sentence says nothing about what another sentence holds.
            negated = all(r.negated for r in usable)
            ruled = frozenset(h.flag_id for _, r in readings for h in r.hits if h.score >= REPORT_THRESHOLD)
            return [ModelUnit(text, lead, len(text.rstrip()), blocked, ruled, negated, red_only=red_only)]
        return [
            ModelUnit(
                sentence,
                offset + r.span[0],
                offset + r.span[1],
                (r.blocked if r.model_ok else r.blocked | self._greens.difference(h.flag_id for h in r.hits))
                | (self._reds if self._turned_green(r) else frozenset()),
                frozenset(h.flag_id for h in r.hits if h.score >= REPORT_THRESHOLD),
                r.negated,
                r.topical,
                red_only=not r.model_ok,
            )
            for (offset, sentence), (_, r) in zip(pieces, readings, strict=True)
            if r.model_ok or r.red_only
        ]

    def _turned_green(self, reading: Reading) -> bool:
        """Every reading the cues report in the sentence is a green flag they read by turning a negated red cue
        round ("nobody pushes builds by hand here"): the negation governs the sentence, and the classifier, which
        reads negated text poorly, adds no red flag beside it."""
        said = [h for h in reading.hits if h.score >= REPORT_THRESHOLD]
        return (
            reading.negated
            and bool(said)
            and all(self.flags[h.flag_id].kind == "green" and h.context.startswith("negation") for h in said)
        )

    def _unit_signals(self, cue_hits: CueIndex, unit: ModelUnit, policy: Policy | None = None) -> dict[str, Signals]:
        """What the cues and the classifier said in one unit, per flag either mentions (training/combine.py)."""
        assert self.model is not None
        found = self.model.cached(unit.text)
        in_unit = cue_hits.within(unit.start, unit.end)
        return {} if found is None else unit_signals(self.flags, found, in_unit, unit, policy, self.model.threshold)

    def _add_model_hits(self, hits, cue_hits: CueIndex, unit: ModelUnit, probed: frozenset[str] | None = None) -> None:
        """The combination (combine.py): per flag, the cues' reading and the classifier's probability
        decide together. Cached per unit and what the cues read in it: a keystroke changes one sentence."""
        assert self.model is not None
        found = self.model.cached(unit.text)
        if found is None:
            return
        policy = self.model.policy
        in_unit = cue_hits.within(unit.start, unit.end)
        key = (unit.text, unit.blocked, unit.negated, tuple((f, tuple(v)) for f, v in sorted(in_unit.items())))
        done = self._combined.get(key)
        if done is None or done[0] is not policy:
            signals = unit_signals(self.flags, found, in_unit, unit, policy, self.model.threshold)
            if len(self._combined) > 20_000:
                self._combined.clear()
            done = self._combined[key] = (policy, *decide_unit(self.flags, policy, self.model.threshold, signals))
        adds = done[2]
        if probed is not None:  # a terse answer: off the question's topic, the cues alone speak
            adds = tuple(a for a in adds if a[0] in probed)
        # A unit of proposals, wishes or hedges only (`red_only`) was the cues' alone before: the classifier
        # adds red flags there, it vetoes nothing ("they try to prioritise but it changes daily").
        drops = () if unit.red_only else tuple(f for f in done[1] if not self._turned_by_negation(f, in_unit))
        apply(hits, unit, drops, adds)

    def _turned_by_negation(self, flag_id: str, in_unit: dict[str, list[tuple[float, str]]]) -> bool:
        """A green flag the cues read by turning a negated red cue round ("nothing is released manually", "no
        merge without tests"), an item of a list under a heading of absence (headings.py) or a situation ended
        (ended.py): the classifier, which reads negated text poorly, does not veto it."""
        green = self.flags[flag_id].kind == "green"
        return any(
            score >= REPORT_THRESHOLD
            and (context.startswith(("negation", "double negation")) and green or context.startswith(("listed under", "ended:")))
            for score, context in in_unit.get(flag_id, ())
        )

    def _one_of_each_pair(self, hits: list[Hit], contrasts: tuple[int, ...] = ()) -> list[Hit]:
        """In one sentence a flag and its opposite are never both read: the stronger reading stands
        (the red one on a tie), so "reviews happen, but not for hotfixes" says one thing. When all of
        one's readings come after a contrast ("but", "though": `contrasts`, their offsets) that follows
        all of the other's, the later one says what holds: "approvals are required but people approve
        their own"."""
        best: dict[str, float] = {}
        span: dict[str, tuple[int, int]] = {}
        for hit in hits:
            best[hit.flag_id] = max(best.get(hit.flag_id, 0.0), hit.score)
            first, last = span.get(hit.flag_id, (hit.start, hit.end))
            span[hit.flag_id] = (min(first, hit.start), max(last, hit.end))
        dropped = set()
        for flag_id, score in best.items():
            flag = self.flags[flag_id]
            other = flag.opposite
            if other in best and other not in dropped and flag_id not in dropped:
                keep = (score, flag.kind == "red") >= (best[other], self.flags[other].kind == "red")
                mine, theirs = span[flag_id], span[other]
                if any(theirs[1] <= c < mine[0] for c in contrasts):
                    keep = True
                elif any(mine[1] <= c < theirs[0] for c in contrasts):
                    keep = False
                dropped.add(other if keep else flag_id)
        return [h for h in hits if h.flag_id not in dropped]

    def reading(self, sentence: str) -> Reading:
        """What the rules make of one sentence. Cached: a keystroke changes one sentence."""
        cached = self._sentence_cache.get(sentence)
        if cached is None:
            cached = last_state(sentence, self._compute(sentence), self._compute, self.rules, self.flags)
            if len(self._sentence_cache) > 20_000:
                self._sentence_cache.clear()
            self._sentence_cache[sentence] = cached
        return cached

    def sentence_caches(self, sentences: list[str]) -> tuple[list[int | None], list]:
        """What this matcher keeps per sentence beside each reading, for another process that reads
        the same text (halves.py): the advice each sentence gives, as far as reading it found
        (neighbours.py), and what each says as a topic and its answer (worked out here when not yet)."""
        return [self._advice_cache.get(s) for s in sentences], [self._topic_info(s) for s in sentences]

    def learn_sentences(self, sentences: list[str], readings: list[Reading], advice: list[int | None], topics: list) -> None:
        """Take in what another matcher of the same catalogue read in these sentences (`reading`, then
        `sentence_caches`): as though this one had read them, bounded as its own caches are."""
        cache, topic_cache = self._sentence_cache, self._topic_cache
        for sentence, reading, said, topic in zip(sentences, readings, advice, topics, strict=True):
            if len(cache) > 20_000:
                cache.clear()
            cache[sentence] = reading
            if said is not None and sentence not in self._advice_cache:
                self._remember_advice(sentence, said)
            if len(topic_cache) > 50_000:  # bounded as in `_topic_info`
                topic_cache.clear()
            topic_cache[sentence] = topic

    def _compute(self, sentence: str, statement: bool = False) -> Reading:
        stripped = sentence.strip()
        lead = len(sentence) - len(sentence.lstrip())
        span = (lead, lead + len(stripped))
        words = tokenize(sentence, self.rules)
        tokens = self.cues.prepare(words, sentence)
        if not tokens:
            return Reading((), frozenset(), False, span)
        asking = "" if statement else is_question(sentence, tokens, self.rules)
        if asking:
            reported = reported_question(tokens, self.rules)
            asked = -1
            if reported is not None and reported[1] < len(tokens):
                about_self = {"me", "us"} & set(reported[0].split()) or tokens[reported[1]].word in ("i", "my", "me")
                asked = -1 if about_self else tokens[reported[1]].start  # "they asked me if I ...": not the team
            # A bare topic ("No tests?", "Code review?") is the question its answer, in the next
            # sentence, goes with: the classifier keeps reading it with that answer.
            topic = asking == "question" and len(tokens) <= self.rules.short_question_words
            topic = topic and tokens[0].word not in self.rules.question_starts
            kept: tuple[Hit, ...] = ()
            if reported is not None and self.rules.asked_flags and put_to_candidate(tokens, reported, self.rules):
                # "I was asked about singletons": what was asked is the finding for a flag about questions.
                kept = tuple(h for h in self._compute(sentence, statement=True).hits if h.flag_id in self.rules.asked_flags)
            if len(tokens) == len(words) and sentence not in self._advice_cache and self._may_advise(sentence):
                # its advice window, from these tokens, as below (else `_advises` tokenizes it again)
                self._remember_advice(sentence, self._advice_window(sentence, scan(tokens, self.rules)))
            return Reading(kept, frozenset(), False, span, asked=asked, question=asked < 0 and not topic)
        hits: list[Hit] = []
        # "my wife is a firefighter and carries a pager": a flag whose sentence tells of another trade says nothing
        blocked: set[str] = domains(tokens, self.rules.domain_index) if self.rules.domain_index else set()
        readings = self._longest_readings(self.cues.find(tokens), tokens)
        if blocked:
            readings = [r for r in readings if r[0].flag_id not in blocked]
        triggers = scan(tokens, self.rules)
        if len(tokens) == len(words) and sentence not in self._advice_cache:  # no word split: the same triggers
            self._remember_advice(sentence, self._advice_window(sentence, triggers))
        # ("no idea which way the wind blows": a sentence of another topic only, no cue reading, is not the classifier's)
        sayable = bool(readings) or self.cues.topical(tokens) and not off_topic(tokens, self.rules)
        modifiers = [t for t in triggers if t.kind not in ("negation", PSEUDO)]
        enforced = bool(modifiers) and all(t.effect == "green" for t in modifiers)  # "CI blocks merges on failures"
        model_ok = (not modifiers or enforced) and sayable  # (a rule enforced: the classifier's green readings only)
        blocked |= self._reds if enforced else _NONE
        # ("not really planning to add features" is no plan: a negation keeps the classifier out.)
        red_only = bool(modifiers) and sayable and all(t.effect == "red" for t in modifiers) and len(modifiers) == len(triggers)
        # the phrases of `absences` in the sentence, found once for both their uses (absences.py)
        phrases = self.absences.find(tokens) if self.absences.cues else []
        said_absent = (
            self._said_absent(tokens, readings, triggers, phrases)
            if readings and phrases and len(modifiers) == len(triggers)  # (no negation, no pseudo-negation)
            else ()
        )
        for cue, matched, exactness in readings:
            if said_absent and any(
                f == cue.flag_id and not said.isdisjoint(matched) and tokens[matched[-1]].clause > clause
                for f, said, clause in said_absent
            ):
                # "standups are short, but planning drags on for ages": the long thing is another one
                blocked.add(cue.flag_id)
                continue
            flag = self.flags[cue.flag_id]
            own = self._own.get(cue.source)
            if own is None:
                own = self._own[cue.source] = own_contractions(cue.source, self.rules)
            decision = decide(cue.flag_id, flag.opposite, tokens, matched, self.rules, triggers, flag.kind == "red", own)
            read = self.flags[decision.flag_id] if decision.flag_id else None
            # A red flag's absence, hedged ("officially no overtime", '"mostly" no weekend work'), is the
            # hedged claim: the red flag stands, as strongly as its negated reading would have said.
            absent = decision.flag_id is None and decision.rule.endswith(NO_OPPOSITE) and flag.kind == "red"
            quoted = scare_quoted(sentence, tokens, matched, self.rules) if read is not None or absent else ""
            if quoted and absent and denied_name(sentence, tokens, matched, self.rules):
                quoted = ""  # 'no "always on" culture' denies what is named, it hedges nothing
            if quoted and any(t.kind == PSEUDO and matched[0] <= t.start <= matched[-1] for t in triggers):
                quoted = ""  # a rule quoted as said ('"no review, no merge"'), not a practice in name only
            if quoted and read is not None and read.kind == "green":
                # "we do 'code review'": in name only, the practice is not there (its red side, if any).
                red_side = read.opposite
                said = f"scare quotes: '{quoted}'"
                decision = Decision(red_side, decision.trigger, f"{decision.rule}; {said}" if decision.rule else said)
            elif quoted and absent:
                decision = Decision(cue.flag_id, decision.trigger, f"{decision.rule}; scare quotes: '{quoted}'")
            restored = decision.flag_id == cue.flag_id and NO_OPPOSITE in decision.rule
            flipped = decision.flag_id is not None and (decision.flag_id != cue.flag_id or restored)
            # "not a single service without tests": a negation denied before the cue says the practice as firmly as
            # a negation does (not one after it: "zero tests isn't just a debt issue").
            denied = decision.flag_id == cue.flag_id and denial(decision.rule, self.rules)
            # A name (a one-slot cue) turned round by a wish, a drop or a hedge close to it, no negation ("a jenkins setup
            # would save them", "they shut down jenkins"), says the absence as firmly as the name says the practice; a
            # negation may be weaker ("no jenkins, ..."), and so is a loose cue of several words ("bug ... sprint") or a
            # trigger further off ("ditched the hand-run script for github actions": the name is what replaced it).
            turned_round = flipped and "negation" not in decision.rule and len(cue.slots) == 1
            if turned_round:
                at = decision.trigger
                turned_round = at is not None and (matched[0] - at if at < matched[0] else at - matched[-1]) <= NAME_REACH
            weight = (
                max(cue.weight, cue.negated_weight) if denied or turned_round else cue.negated_weight if flipped else cue.weight
            )
            score = weight * (FUZZY_PENALTY ** exactness.count(False))
            if decision.rule and (decision.flag_id is None or score >= REPORT_THRESHOLD):
                # The context ruled here: the classifier may not overrule it. A weak cue's reading
                # (below the report threshold) vetoes nothing.
                blocked.update(f for f in (cue.flag_id, flag.opposite) if f)
            if decision.flag_id is None:
                continue
            # A flipped cue quotes its negation too: "no code review", not "code review".
            first = matched[0] if decision.trigger is None else min(decision.trigger, matched[0])
            label = self._labels.get(cue.source)
            if label is None:
                label = self._labels[cue.source] = f"cue: {cue.source}"  # one string per cue, not one per hit
            hits.append(Hit(decision.flag_id, score, tokens[first].start, tokens[matched[-1]].end, label, decision.rule))
        if self.absences.cues:
            # a green flag with no opposite said to be missing ("the date is non-negotiable") speaks for any sentence
            stated_absent, wished = self._absent(sentence, tokens, triggers, phrases, hits, len(tokens) > ABSENCE_WORDS)
            hits.extend(wished)
            # a red flag's absence only where the classifier reads the sentence; a green one's in any sentence
            blocked.update(f for f in stated_absent if model_ok or self.flags[f].kind == "green")
        negated = any(t.kind == "negation" for t in triggers)
        contrasts = tuple(t.start for t in tokens if t.word in self.rules.clause_breakers) if len(hits) > 1 else ()
        hits = self._one_of_each_pair(
            self._red_reading_wins(now_wins(denials_win(hits, self.flags, self.rules), self.flags), clause_starts(tokens, hits)),
            contrasts,
        )
        # Without a cue reading, a sentence the classifier may read is topical by construction.
        topical = model_ok and (not readings or self.cues.topical(tokens))
        return Reading(
            tuple(hits), frozenset(blocked) if blocked else _NONE, model_ok, span, negated, topical=topical, red_only=red_only
        )

    def _longest_readings(self, readings: list, tokens: list) -> list:
        """A cue reading whose words all belong to a longer reading of the opposite flag is part of
        it: the green "bugs ... tracked" inside the red "bugs ... tracked ... email", the green
        "approve ... PR" inside the red "approve their own PR". (A weak longer reading, below the
        report threshold, takes in only a reading as weak, and only within one clause.)"""
        if len(readings) < 2:
            return readings
        read = {cue.flag_id for cue, _, _ in readings}
        if not any(self.flags[flag_id].opposite in read for flag_id in read):
            return readings  # no reading of a flag's opposite here: none can take another in
        words = [frozenset(matched) for _, matched, _ in readings]

        def inside(index: int, cue) -> bool:
            opposite = self.flags[cue.flag_id].opposite
            return any(
                other.flag_id == opposite
                and words[index] < words[j]
                and (
                    other.weight >= REPORT_THRESHOLD
                    or (other.weight >= cue.weight and len({tokens[i].clause for i in readings[j][1]}) == 1)
                )
                for j, (other, _, _) in enumerate(readings)
            )

        return [r for index, r in enumerate(readings) if len(readings) < 2 or not inside(index, r[0])]

    def _red_reading_wins(self, hits: list[Hit], clauses: tuple[int, ...] = ()) -> list[Hit]:
        """Where a red and a green cue read the same words, the red one is the qualified reading.

        "Code reviews happen sometimes" holds the green cue "code review" and the red cue "reviews ... sometimes";
        the candidate was told about reviews being skipped, not required. (A red flag with no green side, features
        winning over bugs, says its own part in a later clause than the one a green reading of another pair ends
        in: "bugs get logged in jira but never fixed" keeps bugs-tracked.) Red spans are merged and bisected: n log n."""
        # A weak red reading (below the report threshold) qualifies nothing.
        reds = [h for h in hits if self.flags[h.flag_id].kind == "red" and h.score >= REPORT_THRESHOLD]
        if not reds:
            return hits
        unsided = [h for h in reds if not self.flags[h.flag_id].opposite] if clauses else []
        if not unsided:
            overlaps = overlap_test(reds)
            return [h for h in hits if self.flags[h.flag_id].kind == "red" or not overlaps(h)]
        sided = overlap_test([h for h in reds if self.flags[h.flag_id].opposite])

        def qualified(green: Hit) -> bool:
            if sided(green):
                return True
            after = self.flags[green.flag_id].opposite is not None  # (a green with a red side of its own)
            return any(
                r.start < green.end and green.start < r.end and not (after and any(green.end <= c < r.end for c in clauses))
                for r in unsided
            )

        return [h for h in hits if self.flags[h.flag_id].kind == "red" or not qualified(h)]

    def combine(self, text: str, hits: dict[str, list[tuple[float, int, int, str, str]]]) -> list[Match]:
        matches = []
        for flag_id, found in hits.items():
            # Overlapping hits are one piece of evidence (keep the strongest); separate ones add up.
            spans: list[list] = []  # [start, end, best score, source, context, the words' start and end]
            for score, start, end, source, context in sorted(found, key=lambda h: (h[1], h[2])):
                words = (end, start) if source.startswith("classifier") else (start, end)  # a unit is no words
                if spans and start < spans[-1][1]:
                    spans[-1][1] = max(end, spans[-1][1])
                    spans[-1][5:] = [min(words[0], spans[-1][5]), max(words[1], spans[-1][6])]
                    if score > spans[-1][2]:
                        spans[-1][2:5] = [score, source, context]
                else:
                    spans.append([start, end, score, source, context, *words])
            score = round(noisy_or(span[2] for span in spans), 3)
            if score < REPORT_THRESHOLD:
                continue
            evidence: list[Evidence] = []
            quoted: set[str] = set()
            for s, e, _, source, context, ws, we in spans:
                # the words a cue or an answer read, not the classifier's whole unit ("two approvals. tests: none")
                s, e = (ws, we) if ws < we else unit_quote(text, s, e, flag_id, self.rules, self.answers.opposites)
                s, e = quote_span(text, s, e, self.rules.clause_breakers)
                key = " ".join(text[s:e].casefold().split())
                if key in quoted or (evidence and s < evidence[-1].end):
                    continue  # the same words (or words inside a quote already given) say nothing more
                quoted.add(key)
                evidence.append(Evidence(s, e, text[s:e], source, context))
            matches.append(Match(self.flags[flag_id], score, tuple(evidence)))
        matches.sort(key=lambda m: (m.kind != "red", -m.score, m.id))
        return matches
