"""Phrases of `absences` (context.yaml): what says a red flag is not there ("standups are short", "nobody
quits"). Never reported themselves, they keep the classifier from reading that flag into their sentence,
read the red flag when only wished for, and take the length from another meeting's reading when the
subject was said to be fine in an earlier clause. A part of `Matcher` (engine.py)."""

from __future__ import annotations

import functools
import re

from prepbot.bank import Flag
from prepbot.matching.context import PSEUDO, Decision, decide
from prepbot.matching.context_rules import ContextRules
from prepbot.matching.counterfactual import contrary
from prepbot.matching.cues import CueSet
from prepbot.matching.reading import Hit
from prepbot.matching.scare_quotes import scare_quoted

# An absence phrase ending in a comparative wants the thing shorter than it is (`_said_absent`).
_COMPARATIVES = frozenset({"shorter", "briefer", "quicker", "tighter", "faster", "fewer", "less"})


class AbsenceReading:
    rules: ContextRules
    flags: dict[str, Flag]
    absences: CueSet

    def _absent(
        self, sentence: str, tokens, triggers, phrases, hits: list[Hit], long: bool = False
    ) -> tuple[set[str], list[Hit]]:
        """The red flags a phrase of `absences` says are not there (the rule "absence: <phrase>"), unless a
        cue read the flag in the sentence or a negation of the phrase's clause, not one of its own
        words, takes it back ("standups aren't short", "not sure nobody quits"). An absence that is
        only wished for, proposed or there in name only ("the lead wants standups shorter") reads the
        red flag, as a green cue does (context.yaml modifiers of effect "red", scare quotes)."""
        read = {h.flag_id for h in hits}
        found: set[str] = set()
        wished: list[Hit] = []
        modifiers = [t for t in triggers if t.effect == "red" and t.kind not in ("negation", PSEUDO)]
        for cue, matched, _ in phrases:
            if cue.flag_id in read or cue.flag_id in found:
                continue
            green = self.flags[cue.flag_id].kind == "green"
            if long and not green:
                continue
            clause, first, last = tokens[matched[-1]].clause, matched[0], matched[-1]
            own = self._cue_words(cue.source)
            if any(
                t.kind == "negation"
                and (t.start not in matched or t.words not in own)  # "isnt" read as the phrase's "is" by its stem
                and first - self.rules.negation_window <= t.start < last
                and tokens[t.start].clause == clause
                for t in triggers
            ):
                continue
            quoted = scare_quoted(sentence, tokens, matched, self.rules)
            # "if people stayed longer they'd ...": an absence in a condition contrary to fact is only wished for
            unreal = [t for t in triggers if t.effect == "nothing" and contrary(tokens, t, first, last, self.rules)]
            if green and (quoted or modifiers or unreal):
                continue  # a green flag's absence wished away reads neither way
            if quoted or modifiers or unreal:
                decision = decide(
                    f"absence of {cue.flag_id}", cue.flag_id, tokens, matched, self.rules, modifiers + unreal, False
                )
                if quoted:  # 'they "do scrum"': in name only
                    decision = Decision(cue.flag_id, decision.trigger, f"scare quotes: '{quoted}'")
                if decision.flag_id == cue.flag_id:
                    start = tokens[first if decision.trigger is None else min(decision.trigger, first)].start
                    wished.append(Hit(cue.flag_id, cue.weight, start, tokens[last].end, f"absence: {cue.source}", decision.rule))
                    read.add(cue.flag_id)
                    continue
            found.add(cue.flag_id)
        return found, wished

    def _said_absent(self, tokens, readings, triggers, phrases) -> tuple[tuple[str, frozenset[int], int], ...]:
        """The red flags a cue reads whose subject an absence phrase has already said is fine in an
        earlier clause ("the standup is quick, though the weekly sync runs for an hour"): (flag, the
        absence's words, the clause it ends in). Only a plain statement: a negation anywhere in the sentence
        ("set aside time for bugs, not just features"), a wish, advice or a dropped practice in the absence's
        clause ("tickets up front fizzled out") or a comparative ("standups should be shorter, currently ~50
        min": shorter than now) leaves the readings as they are."""
        flags = {cue.flag_id for cue, _, _ in readings if self.flags[cue.flag_id].kind == "red"}
        if not flags:
            return ()
        found = []
        for cue, matched, _ in phrases:
            if cue.flag_id not in flags:
                continue
            clause = tokens[matched[-1]].clause
            if tokens[matched[0]].clause != clause or tokens[matched[-1]].word in _COMPARATIVES:
                continue  # the absence itself spans clauses, or wants the thing shorter: not a plain "X is short"
            if any(tokens[t.start].clause == clause for t in triggers):
                continue
            found.append((cue.flag_id, frozenset(matched), clause))
        return tuple(found)

    @staticmethod
    @functools.cache
    def _cue_words(source: str) -> frozenset[str]:
        return frozenset(w for w in re.split(r"[\s|_*.]+", source) if w)
