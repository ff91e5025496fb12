"""The word lists a terse answer's readings use (`answers: words` in context.yaml): rules as data.

Each list is named for the rule that reads it; the loader checks the part's shape (`ANSWERS_SHAPE`), and
`AnswerWords` holds the lists as sets of words or tuples of phrases for `answer_changes` and `answer_amounts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _set(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w) for w in data.get(key, ()))


def _phrases(data: dict[str, Any], key: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(str(p).split()) for p in data.get(key, ()))


@dataclass(frozen=True)
class AnswerWords:
    # "we had reviews until the lead left": a state that ended
    held: frozenset[str] = frozenset()
    # a number straight after one of these (or after "by" after one) counts a change, not the whole: "we added 2"
    change_verbs: frozenset[str] = frozenset()
    # openers of a clause in the present after a past ("used to be 2 of us, it's 7 since june")
    present_openers: frozenset[str] = frozenset()
    # participles of a fix after a past state ("was a mess; rewritten last year")
    fixed: frozenset[str] = frozenset()
    # words before a number that bound it from above ("under 20 min") or below ("more than 2 pages")
    below: frozenset[tuple[str, ...]] = frozenset()
    above: frozenset[tuple[str, ...]] = frozenset()
    # words before a bound word that make it a verb's particle, no bound: "took them over three weeks ago"
    particle_before: frozenset[str] = frozenset()
    # verbs whose object "me" or "us" is no subject of the answer: "let me ask around"
    takes_an_object: frozenset[str] = frozenset()
    # after "since" (and a past before it), the start of the present: "...; since spring every feature has a spec"
    since_when: frozenset[str] = frozenset()
    # an answer opening on an earlier time ("the year before ..."), then a clause on a later one ("; last year ...")
    earlier: frozenset[tuple[str, ...]] = frozenset()
    later: frozenset[tuple[str, ...]] = frozenset()
    # a short question echoed before its answer opens on one of these: "what do they get? a pat on the back"
    echo_openers: frozenset[str] = frozenset()
    # "ten, if the round closes": a number planned on a condition; these flags read in the condition go
    plan_conditions: frozenset[str] = frozenset()
    plan_risks: frozenset[str] = frozenset()
    # words that open a clause of its own after a yes or no: "not since I've been here" is no "not" of "since"
    new_clause: frozenset[str] = frozenset()
    # rule "a fall between two numbers" ("from twelve to five" reads "shrank"): a word after the smaller that makes it a time
    fall_not_counts: frozenset[str] = frozenset()
    # rule "nothing major is a size": after a lone "nothing", a word that makes it a size ("nothing major")
    sizes: frozenset[str] = frozenset()
    # rule "what ended the past is no past": after a past word, these say what comes next ended it ("before the docker setup")
    past_ended_by: frozenset[str] = frozenset()
    # after "nobody", a word of a red flag's harm makes the "nobody" agree with the practice named ("nobody works odd hours")
    nobody_agrees: frozenset[str] = frozenset()
    # rule "the scope asked is no hedge": a hedge naming one of these under a question that names one too
    scope_words: frozenset[str] = frozenset()
    # rule "the question's own case": a question opening on one of `hypothetical_opens` or holding one of
    # `hypothetical_asks` poses a case, and a "would catch" in its answer tells what happens then (answer_moods)
    hypothetical_opens: frozenset[str] = frozenset()
    hypothetical_asks: frozenset[str] = frozenset()
    # rule "a likeness denied describes": after a comma, a "no" before one of `likeness` ("not really related") says how
    # the words before it are where the question's no reads nothing; before one of `unlikeness` ("not really different")
    # it takes nothing back anywhere (answer_clauses.own_turn)
    likeness: frozenset[str] = frozenset()
    unlikeness: frozenset[str] = frozenset()
    # rule "a past existence until an event is over": "there was one until the PO quit" (answer_starts)
    past_existence: frozenset[tuple[str, ...]] = frozenset()
    existence_then: frozenset[str] = frozenset()  # "had one, then the PO quit" (answer_starts)
    # rule "a start told with its time is the practice now": "started last month", "we set one up in march" (answer_starts)
    start_verbs: frozenset[tuple[str, ...]] = frozenset()
    start_times: frozenset[str] = frozenset()
    start_recent: frozenset[str] = frozenset()  # "they just started" (answer_starts)
    start_objects: frozenset[str] = frozenset()
    # rule "a hedge on paper is no consequence": flags an "in theory" never reads as the question's one flag (answer_hedges)
    not_on_paper: frozenset[str] = frozenset()
    # `answers: reasons`: a bare answer's flag -> the flags a reason after it may read, which it then yields to
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None, reasons: dict[str, Any] | None = None) -> AnswerWords:
        data = data or {}
        return cls(
            reasons={str(k): tuple(str(f) for f in v) for k, v in (reasons or {}).items()},
            held=_set(data, "held"),
            change_verbs=_set(data, "change_verbs"),
            present_openers=_set(data, "present_openers"),
            fixed=_set(data, "fixed"),
            below=_phrases(data, "below"),
            above=_phrases(data, "above"),
            particle_before=_set(data, "particle_before"),
            takes_an_object=_set(data, "takes_an_object"),
            since_when=_set(data, "since_when"),
            earlier=_phrases(data, "earlier"),
            later=_phrases(data, "later"),
            echo_openers=_set(data, "echo_openers"),
            plan_conditions=_set(data, "plan_conditions"),
            plan_risks=_set(data, "plan_risks"),
            new_clause=_set(data, "new_clause"),
            fall_not_counts=_set(data, "fall_not_counts"),
            sizes=_set(data, "sizes"),
            past_ended_by=_set(data, "past_ended_by"),
            nobody_agrees=_set(data, "nobody_agrees"),
            scope_words=_set(data, "scope_words"),
            hypothetical_opens=_set(data, "hypothetical_opens"),
            hypothetical_asks=_set(data, "hypothetical_asks"),
            likeness=_set(data, "likeness"),
            unlikeness=_set(data, "unlikeness"),
            past_existence=_phrases(data, "past_existence"),
            existence_then=_set(data, "existence_then"),
            start_verbs=_phrases(data, "start_verbs"),
            start_times=_set(data, "start_times"),
            start_recent=_set(data, "start_recent"),
            start_objects=_set(data, "start_objects"),
            not_on_paper=_set(data, "not_on_paper"),
        )

    def as_mapping(self) -> dict[str, list[str]]:
        return {
            "held": sorted(self.held),
            "change_verbs": sorted(self.change_verbs),
            "present_openers": sorted(self.present_openers),
            "fixed": sorted(self.fixed),
            "below": sorted(" ".join(p) for p in self.below),
            "above": sorted(" ".join(p) for p in self.above),
            "particle_before": sorted(self.particle_before),
            "takes_an_object": sorted(self.takes_an_object),
            "since_when": sorted(self.since_when),
            "earlier": sorted(" ".join(p) for p in self.earlier),
            "later": sorted(" ".join(p) for p in self.later),
            "echo_openers": sorted(self.echo_openers),
            "plan_conditions": sorted(self.plan_conditions),
            "plan_risks": sorted(self.plan_risks),
            "new_clause": sorted(self.new_clause),
            "fall_not_counts": sorted(self.fall_not_counts),
            "sizes": sorted(self.sizes),
            "past_ended_by": sorted(self.past_ended_by),
            "nobody_agrees": sorted(self.nobody_agrees),
            "scope_words": sorted(self.scope_words),
            "hypothetical_opens": sorted(self.hypothetical_opens),
            "hypothetical_asks": sorted(self.hypothetical_asks),
            "likeness": sorted(self.likeness),
            "unlikeness": sorted(self.unlikeness),
            "past_existence": sorted(" ".join(p) for p in self.past_existence),
            "existence_then": sorted(self.existence_then),
            "start_verbs": sorted(" ".join(p) for p in self.start_verbs),
            "start_times": sorted(self.start_times),
            "start_recent": sorted(self.start_recent),
            "start_objects": sorted(self.start_objects),
            "not_on_paper": sorted(self.not_on_paper),
        }


# The shape of context.yaml's `answers:` part, for bank_loader's checker: phrase lists, maps of lists, and the word lists
# above, each named (a misspelt name is reported, not silently unused).
ANSWERS_SHAPE: dict[str, Any] = dict.fromkeys(("yes", "no", "red", "unknown", "fillers"), "words") | {
    "names": "word_map",
    "families": "word_map",
    "words": dict.fromkeys((f.name for f in fields(AnswerWords) if f.name != "reasons"), "words"),
    "reasons": "word_map",
}
