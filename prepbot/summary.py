"""What an interview's notes add up to: the flags heard (one Finding per flag, with its evidence and
the candidate's word on it), conflicts between a red and its green opposite, and an explained
verdict weighed with the candidate's preferences.

Pure domain code, beside prepbot.interview (the interview itself): no I/O, no textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepbot.bank import Bank, Flag, Question
from prepbot.interview import (
    SEVERITY_POINTS,
    Answer,
    FlagStatus,
    Interview,
    Status,
)
from prepbot.prefs import FACTORS, NORMAL, Preferences

if TYPE_CHECKING:  # (the matcher's modules load with the catalogue, not with the summary's types)
    from prepbot.matching import Evidence, Match, Matcher


@dataclass(frozen=True)
class Heard:
    """One piece of evidence for a flag, and where it was heard."""

    evidence: Evidence
    question_id: str | None = None  # the answer it was heard in
    source_id: str | None = None  # or the source (a pasted review...) it was read in


@dataclass(frozen=True)
class Finding:
    """A flag in an interview: counted once, with all its evidence and the candidate's word on it."""

    flag: Flag
    status: str  # detected | confirmed | dismissed | added
    score: float
    heard: tuple[Heard, ...] = ()
    reason: str = ""  # the candidate's, for a correction
    question_id: str | None = None  # the first question it was heard in (or added for)
    preference: str = "normal"  # the candidate's weight for it (prefs.WEIGHTS)

    @property
    def id(self) -> str:
        return self.flag.id

    @property
    def kind(self) -> str:
        return self.flag.kind

    @property
    def counts(self) -> bool:
        return self.status not in (FlagStatus.DISMISSED, FlagStatus.CONFLICTING, FlagStatus.OVERRULED)

    @property
    def weight(self) -> int:
        """What it adds to the score: + for green, - for red, by severity times the candidate's
        weight (ignore 0, important and deal-breaker double); 0 when it does not count."""
        if not self.counts:
            return 0
        points = SEVERITY_POINTS[self.flag.severity] * FACTORS[self.preference]
        return points if self.kind == "green" else -points

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.question_id for h in self.heard if h.question_id))

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.source_id for h in self.heard if h.source_id))


@dataclass(frozen=True)
class FlagConflict:
    """A red flag and its green opposite both heard, neither confirmed: which is true is open.

    `ask` is the question that settles it: a bank question probing both (`question_id`), else the
    red flag's follow-up."""

    red: Finding
    green: Finding
    ask: str
    question_id: str | None = None

    @property
    def quotes(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words each side was heard in (red, then green), each once."""
        return tuple(dict.fromkeys(h.evidence.text for h in self.red.heard)), tuple(
            dict.fromkeys(h.evidence.text for h in self.green.heard)
        )


@dataclass(frozen=True)
class Verdict:
    label: str
    score: int
    reasons: tuple[Finding, ...]  # every finding, counted ones first
    unknown: tuple[str, ...]  # flag ids nothing has probed yet: an unknown is not a green
    deal_breakers: tuple[Finding, ...] = ()  # counted red flags the candidate called deal-breakers
    preferences: Preferences = NORMAL  # the weights it was computed with


@dataclass(frozen=True)
class Summary:
    red: tuple[Finding, ...]  # counted red flags (detected, confirmed, added)
    green: tuple[Finding, ...]
    dismissed: tuple[Finding, ...]  # dismissed by the candidate, or overruled by the opposite they confirmed
    unanswered: tuple[Question, ...]
    skipped: tuple[Question, ...]
    verdict: Verdict
    follow_ups: tuple[str, ...]
    conflicts: tuple[FlagConflict, ...] = ()  # red/green pairs heard together, neither confirmed

    @property
    def score(self) -> int:
        return self.verdict.score

    @property
    def conflicting(self) -> tuple[Finding, ...]:
        return tuple(f for c in self.conflicts for f in (c.red, c.green))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (*self.red, *self.green, *self.conflicting, *self.dismissed)


@dataclass(frozen=True)
class FoundFlag:
    """A flag heard in the note for one question (the chat panel's live view)."""

    match: Match
    question_id: str

    @property
    def id(self) -> str:
        return self.match.id

    @property
    def kind(self) -> str:
        return self.match.kind


def flags_in(interview: Interview, matcher: Matcher, bank: Bank | None = None, model: str = "auto") -> list[FoundFlag]:
    """Every flag heard, in question order; each note is read as the answer to its question."""
    found: list[FoundFlag] = []
    for question_id in dict.fromkeys(interview.question_ids):  # a question planned twice is read once
        answer = interview.answers.get(question_id)
        if answer and answer.note.strip():
            question = bank.questions.get(question_id) if bank is not None else None
            found.extend(FoundFlag(m, question_id) for m in matcher.match(answer.note, question=question, model=model))
    return found


def summarize(
    interview: Interview, bank: Bank, matcher: Matcher, model: str = "auto", preferences: Preferences = NORMAL
) -> Summary:
    """Every flag once, with all its evidence, the candidate's corrections and weights applied;
    contradictions set aside until the candidate settles them; and a verdict."""
    heard: dict[str, list[Heard]] = {}
    scores: dict[str, float] = {}
    for found in flags_in(interview, matcher, bank, model):
        heard.setdefault(found.id, []).extend(Heard(e, found.question_id) for e in found.match.evidence)
        scores[found.id] = max(scores.get(found.id, 0.0), found.match.score)
    for source in interview.sources:
        for match in matcher.match(source.text, model=model):
            heard.setdefault(match.id, []).extend(Heard(e, None, source.id) for e in match.evidence)
            scores[match.id] = max(scores.get(match.id, 0.0), match.score)

    findings: list[Finding] = []
    for flag_id, pieces in heard.items():
        flag = matcher.flags.get(flag_id) or bank.flags[flag_id]
        first_question = next((h.question_id for h in pieces if h.question_id), None)
        correction = interview.corrections.get(flag_id)
        status, reason = FlagStatus.DETECTED, ""
        if correction is not None:
            reason = correction.reason
            if correction.status == FlagStatus.DISMISSED:
                # A dismissal holds for the words it was made for; new words bring the flag back.
                quoted = {h.evidence.text for h in pieces}
                status = FlagStatus.DISMISSED if quoted <= set(correction.evidence) else FlagStatus.DETECTED
            else:
                status = FlagStatus.CONFIRMED
        findings.append(Finding(flag, status, scores[flag_id], tuple(pieces), reason, first_question, preferences.of(flag_id)))
    for flag_id, correction in interview.corrections.items():
        if correction.status == FlagStatus.ADDED and flag_id not in heard and flag_id in bank.flags:
            findings.append(
                Finding(
                    bank.flags[flag_id],
                    FlagStatus.ADDED,
                    1.0,
                    (),
                    correction.reason,
                    correction.question_id,
                    preferences.of(flag_id),
                )
            )

    order = {q: i for i, q in enumerate(interview.question_ids)}

    def position(f: Finding) -> tuple:
        return (order.get(f.question_id, len(order)) if f.question_id else len(order), -SEVERITY_POINTS[f.flag.severity], f.id)

    answered_ids = {q for q, a in interview.answers.items() if a.answered}
    findings, conflicts = _contradictions(bank, findings, answered_ids, interview.persona)
    counted = sorted((f for f in findings if f.counts), key=position)
    red = tuple(f for f in counted if f.kind == "red")
    green = tuple(f for f in counted if f.kind == "green")
    in_conflict = {f.id for c in conflicts for f in (c.red, c.green)}
    dismissed = tuple(sorted((f for f in findings if not f.counts and f.id not in in_conflict), key=position))
    ordered_conflicts = tuple(sorted(conflicts, key=lambda c: position(c.red)))

    questions = interview.questions(bank)
    unanswered = tuple(
        q for q in questions if not _answer(interview, q.id).answered and _answer(interview, q.id).status != Status.SKIPPED
    )
    skipped = tuple(q for q in questions if _answer(interview, q.id).status == Status.SKIPPED)
    follow_ups = tuple(interview.fresh_follow_ups(bank, (f.flag.follow_up for f in red)))
    score = sum(f.weight for f in counted)
    probed = {flag for q in questions if _answer(interview, q.id).answered for flag in q.flags}
    probed |= {f.id for f in findings} | {f.flag.opposite for f in findings if f.flag.opposite}
    unknown = tuple(flag_id for flag_id in bank.flags if flag_id not in probed)
    deal_breakers = deal_breakers_in(red, preferences)
    conflicting = tuple(f for c in ordered_conflicts for f in (c.red, c.green))
    label = _verdict_label(interview, red, score, deal_breakers, ordered_conflicts)
    verdict = Verdict(label, score, (*red, *green, *conflicting, *dismissed), unknown, deal_breakers, preferences)
    return Summary(red, green, dismissed, unanswered, skipped, verdict, follow_ups, ordered_conflicts)


def deal_breakers_in(red: Iterable[Finding], preferences: Preferences) -> tuple[Finding, ...]:
    """Counted red flags the candidate marked as deal-breakers (or whose green opposite they did:
    "tests are a deal-breaker" makes "no tests" one)."""
    breakers = set(preferences.deal_breakers())
    return tuple(f for f in red if f.counts and (f.id in breakers or (f.flag.opposite or "") in breakers))


def settling_question(
    bank: Bank, red_id: str, green_id: str, answered: Iterable[str] = (), persona: str | None = None
) -> tuple[str | None, str]:
    """(question id, ask) that settles a red flag against its green opposite: a bank question
    probing both, one not answered yet first, then one for the persona, the most specific (fewest
    flags), by priority; else the red flag's follow-up."""
    done = set(answered)
    candidates = [q for q in bank.questions.values() if red_id in q.flags and green_id in q.flags]
    candidates.sort(
        key=lambda q: (q.id in done, bool(persona) and persona not in q.personas, len(q.flags), q.priority, q.minutes, q.id)
    )
    if candidates:
        return candidates[0].id, candidates[0].ask
    red = bank.flags.get(red_id)
    return None, red.follow_up if red else ""


def _contradictions(
    bank: Bank, findings: list[Finding], answered: set[str], persona: str | None = None
) -> tuple[list[Finding], list[FlagConflict]]:
    """A red and its green opposite both heard: neither counts until the candidate confirms one
    (the other is then overruled). Dismissing one side, or confirming both, leaves no conflict."""
    by_id = {f.id: f for f in findings}
    replaced: dict[str, Finding] = {}
    conflicts: list[FlagConflict] = []
    for red in findings:
        if red.kind != "red" or not red.counts or not red.flag.opposite:
            continue
        green = by_id.get(red.flag.opposite)
        if green is None or green.kind != "green" or not green.counts:
            continue
        red_sure, green_sure = red.status in ("confirmed", "added"), green.status in ("confirmed", "added")
        if red_sure and green_sure:
            continue
        if red_sure or green_sure:
            loser = green if red_sure else red
            replaced[loser.id] = _with_status(loser, "overruled")
            continue
        replaced[red.id], replaced[green.id] = _with_status(red, "conflicting"), _with_status(green, "conflicting")
        question_id, ask = settling_question(bank, red.id, green.id, answered, persona)
        conflicts.append(FlagConflict(replaced[red.id], replaced[green.id], ask, question_id))
    return [replaced.get(f.id, f) for f in findings], conflicts


def _with_status(finding: Finding, status: str) -> Finding:
    from dataclasses import replace

    return replace(finding, status=status)


def _answer(interview: Interview, question_id: str) -> Answer:
    return interview.answers.get(question_id) or Answer(question_id)


def _verdict_label(
    interview: Interview,
    red: tuple[Finding, ...],
    score: int,
    deal_breakers: tuple[Finding, ...] = (),
    conflicts: tuple[FlagConflict, ...] = (),
) -> str:
    base = _base_label(interview, red, score, conflicts)
    if deal_breakers:
        return f"deal-breaker: {', '.join(f.flag.title for f in deal_breakers)}. {base}"
    return base


def verdict_label(red: tuple[Finding, ...], score: int, deal_breakers: tuple[Finding, ...] = (), evidence: bool = True) -> str:
    """The label for findings gathered elsewhere (a company's rounds together)."""
    base = _label_for(red, score) if evidence else "No answers yet: ask your questions and note what you hear."
    if deal_breakers:
        return f"deal-breaker: {', '.join(f.flag.title for f in deal_breakers)}. {base}"
    return base


def _base_label(interview: Interview, red: tuple[Finding, ...], score: int, conflicts: tuple[FlagConflict, ...]) -> str:
    if interview.answered_count == 0 and not red and not interview.sources:
        return "No answers yet: ask your questions and note what you hear."
    return _label_for(red, score)


def _label_for(red: tuple[Finding, ...], score: int) -> str:
    red = tuple(f for f in red if f.weight)  # an ignored flag does not make a concern
    serious = sum(1 for f in red if f.flag.severity == "high")
    if serious >= 2 or score <= -5:
        return "Serious concerns: several high-severity red flags. Dig deeper before accepting an offer."
    if red:
        return "Some concerns: follow up on the red flags in the next round."
    if score > 0:
        return "Looks healthy so far: green flags and no red ones."
    return "Nothing alarming heard yet, but little evidence either way."
