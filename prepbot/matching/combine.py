"""How the cues' readings and the classifier's probabilities of one text combine (issue 18).

The engine reads a text with its cues and context rules first; the classifier then gives every
flag a probability for the same text (or sentence). For each flag the combination sees what both
said (`Signals`) and decides whether the flag is reported, and names the rule that decided it:

- a flag the cues report stands, unless the classifier finds it very unlikely (a *veto*; a reading
  whose polarity a context rule decided has its own, usually lower, veto threshold);
- a flag the context ruled on (negated, dropped, hedged...) is never added by the classifier;
- otherwise the classifier adds the flag at a threshold that depends on what the cues saw: nothing
  on the topic, a weak cue of the same flag, a weak cue of the opposite flag, or a reportable cue of
  the opposite flag (a classifier-only reading needs more confidence, a corroborated one less);
- a red flag and its green opposite both read by the classifier alone: the stronger one stays.

Or, with ``kind: logistic``, one flag-agnostic logistic regression over the same signals decides.
The policy is data: the ``combination`` entry of the classifier's ``labels.json`` (fitted by
``python -m training.combine`` on out-of-fold predictions, never on the rows it is scored on).
Without one, the combination is 0.2's: the classifier adds a flag at its own threshold where the
cues read nothing on the topic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FLOOR = 0.01  # probabilities under this are not kept per sentence, and read as this
NEVER = 2.0  # a threshold no probability reaches


@dataclass(slots=True)
class Signals:
    """What the cues and the classifier said about one flag in one unit of text."""

    p: float  # the classifier's probability of the flag
    q: float  # ...of its opposite (FLOOR when it has none)
    has_opposite: bool
    green: bool
    cue: float  # the cues' combined score for the flag in the unit (1 - prod(1 - score))
    strong: bool  # a cue reading of the flag at or over the report threshold
    context: bool  # a reading of the flag whose polarity a context rule decided
    cue_opposite: float
    strong_opposite: bool
    context_opposite: bool
    blocked: bool  # the context ruled on the flag or its opposite here
    negated: bool  # the unit holds a negation (all of its sentences, for a whole text)

    @property
    def reported(self) -> bool:
        return self.cue >= 0.5

    @property
    def weak(self) -> bool:
        return 0.0 < self.cue < 0.5

    @property
    def weak_opposite(self) -> bool:
        return 0.0 < self.cue_opposite and not self.strong_opposite


def _logit(p: float) -> float:
    p = min(max(p, FLOOR), 1.0 - 1e-4)
    return math.log(p / (1.0 - p))


FEATURES = (
    "logit_p",
    "logit_q",
    "has_opposite",
    "green",
    "cue",
    "strong",
    "context",
    "cue_opposite",
    "strong_opposite",
    "context_opposite",
    "blocked",
    "negated_green",
    "cue_x_logit_p",
    "strong_opposite_x_logit_p",
)


def feature_vector(s: Signals) -> list[float]:
    lp = _logit(s.p)
    return [
        lp,
        _logit(s.q) if s.has_opposite else 0.0,
        float(s.has_opposite),
        float(s.green),
        s.cue,
        float(s.strong),
        float(s.context),
        s.cue_opposite,
        float(s.strong_opposite),
        float(s.context_opposite),
        float(s.blocked),
        float(s.negated and s.green and s.has_opposite),
        s.cue * lp,
        float(s.strong_opposite) * lp,
    ]


@dataclass(frozen=True)
class Policy:
    kind: str = "rules"  # "rules" or "logistic"
    alone: float | None = None  # None: the classifier's own threshold per flag (0.2's combination)
    weak: float | None = None
    weak_opposite: float | None = None
    opposite: float = NEVER
    negated_green: float = NEVER
    veto: float = 0.0  # a plain cue reading is dropped when p is under this
    veto_context: float = 0.0  # ...a reading whose polarity a context rule decided
    pair: bool = False  # of a flag and its opposite both added by the classifier, keep the stronger
    weights: tuple[float, ...] = ()
    bias: float = 0.0
    threshold: float = 0.5
    name: str = "0.2: the classifier adds a flag where the cues read nothing on its topic"
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> "Policy":
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "extra"}
        if "weights" in known:
            known["weights"] = tuple(float(w) for w in known["weights"])
            if known.get("kind") == "logistic" and len(known["weights"]) != len(FEATURES):
                raise ValueError("the combination's weights do not match its features")
        for name in ("alone", "weak", "weak_opposite", "opposite", "negated_green", "veto", "veto_context", "bias", "threshold"):
            value = known.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise ValueError(f"the combination's {name} is not a number")
        if not isinstance(known.get("pair", False), bool):
            raise ValueError("the combination's pair is not true or false")
        if known.get("kind", "rules") not in ("rules", "logistic"):
            raise ValueError(f"unknown combination kind {known['kind']!r}")
        return cls(**known)

    def as_mapping(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "extra"}
        out["weights"] = list(self.weights)
        if self.kind == "logistic":
            out["features"] = list(FEATURES)
        return out

    def decide(self, s: Signals, own_threshold: float) -> tuple[bool, str]:
        """Whether the flag is reported in this unit, and the rule that decided."""
        if self.kind == "logistic":
            return self._logistic(s)
        if s.reported:
            veto = self.veto_context if s.context else self.veto
            if s.p < veto:
                return False, f"cue dropped: classifier p={s.p:.2f} < {veto:.2f}"
            return True, "cue"
        if s.blocked:
            return False, "context ruled"
        if s.strong_opposite:
            threshold, why = self.opposite, "against a cue of the opposite flag"
        elif s.weak:
            threshold, why = _or(self.weak, own_threshold), "with a weak cue"
        elif s.weak_opposite:
            threshold, why = _or(self.weak_opposite, own_threshold), "against a weak cue of the opposite"
        else:
            threshold, why = _or(self.alone, own_threshold), "alone"
        if s.negated and s.green and s.has_opposite:
            threshold, why = max(threshold, self.negated_green), why + ", in a negated text"
        return s.p >= threshold, f"p={s.p:.2f} >= {threshold:.2f}, {why}"

    def _logistic(self, s: Signals) -> tuple[bool, str]:
        if s.blocked and not s.reported:
            return False, "context ruled"  # a reading the context rules decided is not the classifier's to make
        z = self.bias + sum(w * x for w, x in zip(self.weights, feature_vector(s), strict=True))
        z = max(-30.0, min(30.0, z))
        score = 1.0 / (1.0 + math.exp(-z))
        said = "cue" if s.reported else "no cue"
        return score >= self.threshold, f"p={s.p:.2f}, combiner {score:.2f} >= {self.threshold:.2f}, {said}"


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def noisy_or(scores: Iterable[float]) -> float:
    missing = 1.0
    for score in scores:
        missing *= 1.0 - score
    return 1.0 - missing


def signals(
    flag_id: str,
    opposite: str | None,
    green: bool,
    probs: Mapping[str, float],
    cue_scores: Mapping[str, list[tuple[float, str]]],
    blocked: frozenset[str] | set[str],
    negated: bool,
    report: float = 0.5,
) -> Signals:
    """The signals for one flag, from the unit's probabilities and its cue readings (score, context)."""
    own = cue_scores.get(flag_id, [])
    other = cue_scores.get(opposite, []) if opposite else []
    return Signals(
        p=max(probs.get(flag_id, 0.0), FLOOR),
        q=max(probs.get(opposite, 0.0), FLOOR) if opposite else FLOOR,
        has_opposite=opposite is not None,
        green=green,
        cue=min(1.0, noisy_or(s for s, _ in own)),
        strong=any(s >= report for s, _ in own),
        context=any(c for _, c in own),
        cue_opposite=min(1.0, noisy_or(s for s, _ in other)),
        strong_opposite=any(s >= report for s, _ in other),
        context_opposite=any(c for _, c in other),
        blocked=flag_id in blocked,
        negated=negated,
    )


def resolve_pairs(added: dict[str, float], opposites: Mapping[str, str | None], kept: set[str]) -> set[str]:
    """Of a flag and its opposite both added by the classifier alone (flag -> p), the weaker is
    dropped; one a cue reported (`kept`) outranks a classifier-only one. Returns what to drop."""
    drop = set()
    for flag_id, p in added.items():
        other = opposites.get(flag_id)
        if not other:
            continue
        if other in kept:
            drop.add(flag_id)
        elif other in added and (added[other], other) > (p, flag_id):
            drop.add(flag_id)
    return drop


class CueIndex:
    """The cues' readings of a whole text (flag -> [(score, start, end, source, context)]), sorted
    by where they start, so each unit finds its own by bisection (a long text has many units)."""

    def __init__(self, cue_hits: Mapping[str, list[tuple[float, int, int, str, str]]]):
        self._hits = sorted((h[1], h[2], flag_id, h[0], h[4]) for flag_id, hits in cue_hits.items() for h in hits)
        self._starts = [h[0] for h in self._hits]

    def within(self, start: int, end: int) -> dict[str, list[tuple[float, str]]]:
        """flag -> [(score, context)] of the readings inside [start, end]."""
        from bisect import bisect_left

        found: dict[str, list[tuple[float, str]]] = {}
        for index in range(bisect_left(self._starts, start), len(self._hits)):
            hit_start, hit_end, flag_id, score, context = self._hits[index]
            if hit_start > end:
                break
            if hit_end <= end:
                found.setdefault(flag_id, []).append((score, context))
        return found


def unit_signals(
    flags: Mapping[str, Any],
    found: Mapping[str, float],
    in_unit: Mapping[str, list[tuple[float, str]]],
    unit: Any,
    policy: Policy | None = None,
    threshold: Callable[[str], float] | None = None,
) -> dict[str, Signals]:
    """Per flag the classifier or a cue mentions in `unit` (its text, span, blocked and negated),
    the signals: `found` is the classifier's probabilities for the unit, `in_unit` the cues'
    readings inside it (CueIndex.within). With a rules `policy` (and the model's `threshold`),
    flags it could not report are left out: no cue of the flag or its opposite in the unit, and a
    probability under the bar for a reading alone."""
    skip = policy is not None and threshold is not None and policy.kind == "rules"
    out = {}
    for flag_id in {*found, *in_unit}:
        flag = flags.get(flag_id)
        if flag is None:
            continue
        if skip and flag_id not in in_unit and flag.opposite not in in_unit:
            assert policy is not None and threshold is not None
            if found.get(flag_id, 0.0) < _or(policy.alone, threshold(flag_id)):
                continue
        out[flag_id] = signals(flag_id, flag.opposite, flag.kind == "green", found, in_unit, unit.blocked, unit.negated)
    return out


Added = tuple[str, float, str]  # flag, evidence score, source naming the rule


def decide_unit(
    flags: Mapping[str, Any], policy: Policy, threshold: Callable[[str], float], unit_signals: Mapping[str, Signals]
) -> tuple[tuple[str, ...], tuple[Added, ...]]:
    """What the policy does in one unit: the flags whose cue readings it drops, the flags it adds."""
    added: dict[str, tuple[float, str]] = {}
    kept = set()
    drops = []
    for flag_id, s in unit_signals.items():
        report, rule = policy.decide(s, threshold(flag_id))
        if s.reported and not report:
            drops.append(flag_id)
        elif s.reported:
            kept.add(flag_id)
        elif report:
            added[flag_id] = (s.p, rule)
    paired = resolve_pairs({f: p for f, (p, _) in added.items()}, {f: flags[f].opposite for f in added}, kept)
    adds = []
    for flag_id, (probability, rule) in added.items():
        if flag_id in paired and policy.pair:
            continue
        own = min(threshold(flag_id), probability)
        score = 0.5 + 0.5 * (probability - own) / max(1e-6, 1.0 - own)
        adds.append((flag_id, round(min(max(score, 0.5), 0.99), 3), f"classifier: {rule}"))
    return tuple(sorted(drops)), tuple(sorted(adds))


def apply(
    hits: dict[str, list[tuple[float, int, int, str, str]]], unit: Any, drops: tuple[str, ...], adds: tuple[Added, ...]
) -> None:
    """Drop the cue readings the policy vetoed (within the unit); add the classifier's flags as
    evidence over the unit, the source naming the rule."""
    for flag_id in drops:
        outside = [h for h in hits.get(flag_id, []) if not (unit.start <= h[1] and h[2] <= unit.end)]
        if outside:
            hits[flag_id] = outside
        else:
            hits.pop(flag_id, None)
    for flag_id, score, source in adds:
        hits.setdefault(flag_id, []).append((score, unit.start, unit.end, source, ""))
