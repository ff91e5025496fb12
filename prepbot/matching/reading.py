"""What the engine reads: a sentence's readings (`Hit`, `Reading`) and the flags it reports (`Match`, `Evidence`)."""

from __future__ import annotations

from dataclasses import dataclass

from prepbot.bank import Flag

REPORT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int  # offsets in code points into the text that was matched
    end: int
    text: str
    source: str = ""  # what produced it: "cue: <cue>" (or "answer: ..." / "classifier")
    context: str = ""  # what the context rules decided, "" when nothing changed the reading


@dataclass(frozen=True)
class Match:
    flag: Flag
    score: float
    evidence: tuple[Evidence, ...]

    @property
    def id(self) -> str:
        return self.flag.id

    @property
    def kind(self) -> str:
        return self.flag.kind


@dataclass(frozen=True, slots=True)
class Hit:
    """One reading in one sentence, offsets relative to the sentence."""

    flag_id: str
    score: float
    start: int
    end: int
    source: str
    context: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules made of one sentence: its hits, and what the classifier may not add there."""

    hits: tuple[Hit, ...]
    blocked: frozenset[str]  # flags the context ruled on (negated, rare...): the classifier cannot overrule
    model_ok: bool  # False in a question, a hypothetical, advice or a problem fixed in the past
    span: tuple[int, int]  # the sentence without surrounding white space
    negated: bool = False  # the sentence holds a negation: the classifier's green readings are not trusted there
    asked: int = -1  # a reported question ("I asked if ..."): where the question's words start, else -1
    question: bool = False  # a question or the candidate's own to-do: no reading of it counts, the classifier's neither
    topical: bool = False  # a word of the catalogue's topics, not only everyday cue words: read first in a long text
    # Not model_ok only for a proposal, a wish or a hedge ("they'd gain a lot from ...", "reviews, time permitting"):
    # such a sentence shows the state it would fix, so the classifier may read red flags there, never green ones.
    red_only: bool = False
