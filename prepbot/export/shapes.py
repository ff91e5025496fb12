"""Every JSON document prepbot prints or writes, built in one place.

Shapes are versioned (see README): fields are only ever added; a version changes when one is
removed or changes meaning. Building is pure: domain objects in, plain dicts out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from prepbot.bank import Bank, Question
from prepbot.errors import PrepbotError
from prepbot.interview import Answer, Interview, Status

if TYPE_CHECKING:
    from prepbot.matching import Match
    from prepbot.planner import Plan

PLAN_VERSION = 1
CHECKLIST_SCHEMA = "prepbot.checklist"
REPORT_SCHEMA = "prepbot.report"
SCHEMA_VERSION = 1  # the checklist's
REPORT_VERSION = 2
READABLE_VERSIONS = (1, 2)


class ShapeError(PrepbotError, ValueError):
    """A document that is not the shape it claims to be."""


def question_as_dict(bank: Bank, question: Question) -> dict:
    category = bank.categories.get(question.category)
    return {
        "id": question.id,
        "category": question.category,
        "category_title": category.title if category else question.category,
        "ask": question.ask,
        "why": question.why,
        "personas": list(question.personas),
        "priority": question.priority,
        "minutes": question.minutes,
        "flags": {"red": list(question.red_flags), "green": list(question.green_flags)},
        "listen_for": list(question.listen_for),
        "follow_ups": list(question.follow_ups),
    }


def plan_as_dict(bank: Bank, the_plan: "Plan") -> dict:
    """`prepbot questions --format json`."""
    return {
        "version": PLAN_VERSION,
        "persona": the_plan.persona,
        "minutes": the_plan.minutes,
        "categories": list(the_plan.categories),
        "total_minutes": the_plan.total_minutes,
        "questions": [
            {**question_as_dict(bank, q), "covers": list(the_plan.covers.get(q.id, ())), "reason": the_plan.reasons.get(q.id)}
            for q in the_plan.questions
        ],
        "flags_probed": list(the_plan.flags_probed),
        "left_out": [q.id for q in the_plan.left_out],
    }


def evidence_as_dict(evidence) -> dict:
    return {"start": evidence.start, "end": evidence.end, "text": evidence.text}


def matches_as_dict(matches: Iterable["Match"], explain: bool = False) -> dict:
    """`prepbot analyze --format json`: {"flags": [...]}; `explain` adds what produced each piece."""

    def evidence(e) -> dict:
        shape = evidence_as_dict(e)
        if explain:
            shape.update(source=e.source, context=e.context)
        return shape

    return {
        "flags": [
            {
                "id": m.id,
                "kind": m.kind,
                "title": m.flag.title,
                "score": m.score,
                "evidence": [evidence(e) for e in m.evidence],
            }
            for m in matches
        ]
    }


def checklist_as_dict(bank: Bank, the_plan: "Plan", company: str, role: str, groups) -> dict:
    """`prepbot prep --format json`."""
    return {
        "schema": CHECKLIST_SCHEMA,
        "version": SCHEMA_VERSION,
        "company": company,
        "role": role,
        "persona": the_plan.persona,
        "minutes": the_plan.minutes,
        "total_minutes": the_plan.total_minutes,
        "categories": [
            {"id": g.id, "title": g.title, "minutes": g.minutes, "questions": [question_as_dict(bank, q) for q in g.questions]}
            for g in groups
        ],
    }


def finding_as_dict(finding, where=None) -> dict:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "title": finding.flag.title,
        "explanation": finding.flag.explanation,
        "severity": finding.flag.severity,
        "score": finding.score,
        "status": finding.status,
        "weight": finding.weight,
        "preference": finding.preference,
        "reason": finding.reason,
        "question_id": finding.question_id,
        "questions": list(finding.questions),
        "sources": list(finding.source_ids),
        "where": where(finding) if where else "",
        "evidence": [
            {**evidence_as_dict(h.evidence), **({"question_id": h.question_id} if h.question_id else {"source": h.source_id})}
            for h in finding.heard
        ],
    }


def verdict_as_dict(verdict) -> dict:
    return {
        "label": verdict.label,
        "score": verdict.score,
        "reasons": [
            {
                "flag": f.id,
                "kind": f.kind,
                "severity": f.flag.severity,
                "weight": f.weight,
                "status": f.status,
                "question": f.question_id,
                "sources": list(f.source_ids),
                "preference": f.preference,
            }
            for f in verdict.reasons
        ],
        "unknown": list(verdict.unknown),
        "deal_breakers": [f.id for f in verdict.deal_breakers],
    }


def conflict_as_dict(conflict, where=None) -> dict:
    """A red flag and its green opposite heard in one interview, neither confirmed yet."""
    red_quotes, green_quotes = conflict.quotes
    return {
        "red": conflict.red.id,
        "green": conflict.green.id,
        "red_title": conflict.red.flag.title,
        "green_title": conflict.green.flag.title,
        "red_evidence": list(red_quotes),
        "green_evidence": list(green_quotes),
        "red_where": where(conflict.red) if where else "",
        "green_where": where(conflict.green) if where else "",
        "settle_with": {"question_id": conflict.question_id, "ask": conflict.ask},
    }


def report_as_dict(interview: Interview, summary, items, where=None) -> dict:
    """`prepbot export --format json`: the whole interview, readable back by `interview_from_report`.

    Version 2: "verdict" is an object with its reasons and unknowns; every flag counts once with a
    status (detected, confirmed, dismissed, added); the candidate's corrections, own questions,
    general note and sources are kept. Version 1 reports still read back.
    """
    return {
        "schema": REPORT_SCHEMA,
        "version": REPORT_VERSION,
        "interview": {
            "id": interview.id,
            "company": interview.company,
            "role": interview.role,
            "date": interview.date,
            "persona": interview.persona,
            "minutes": interview.minutes,
            "categories": list(interview.categories),
            "current": interview.current,
            "created_at": interview.created_at,
            "updated_at": interview.updated_at,
            "general_note": interview.general_note,
        },
        "verdict": verdict_as_dict(summary.verdict),
        "flags": [finding_as_dict(f, where) for f in summary.findings],
        "follow_ups": list(summary.follow_ups),
        "conflicts": [conflict_as_dict(c, where) for c in summary.conflicts],
        "preferences": summary.verdict.preferences.as_dict(),
        "questions": [
            {
                "id": item.question_id,
                "category": item.question.category if item.question else None,
                "ask": item.question.ask if item.question else None,
                "own": item.question_id in interview.own_questions,
                "status": item.answer.status,
                "note": item.answer.note,
                "updated_at": item.answer.updated_at,
            }
            for item in items
        ],
        "unanswered": [q.id for q in summary.unanswered],
        "corrections": [
            {
                "flag": c.flag_id,
                "status": c.status,
                "reason": c.reason,
                "question_id": c.question_id,
                "evidence": list(c.evidence),
                "updated_at": c.updated_at,
            }
            for c in interview.corrections.values()
        ],
        "sources": [{"id": s.id, "label": s.label, "text": s.text, "added_at": s.added_at} for s in interview.sources],
    }


def interview_from_report(data: dict) -> Interview:
    """Read a JSON report (version 1 or 2) back into the interview it was made from. Raises ShapeError."""
    from prepbot.interview import Correction, Source

    if not isinstance(data, dict) or data.get("schema") != REPORT_SCHEMA or data.get("version") not in READABLE_VERSIONS:
        raise ShapeError(f"not a prepbot report (schema {REPORT_SCHEMA}, version 1 or {REPORT_VERSION})")
    try:
        meta = data["interview"]
        for name, value in (("interview.categories", meta["categories"]), ("questions", data["questions"])):
            if not isinstance(value, list):
                raise ShapeError(f"not a valid prepbot report: {name} must be a list")
        for key in ("corrections", "sources"):
            if not isinstance(data.get(key, []), list):
                raise ShapeError(f"not a valid prepbot report: {key} must be a list")
        if not all(isinstance(c, dict) and isinstance(c.get("evidence"), list) for c in data.get("corrections", [])):
            raise ShapeError("not a valid prepbot report: a correction's evidence must be a list")
        answers = {
            q["id"]: Answer(q["id"], q["note"], q["status"], q["updated_at"])
            for q in data["questions"]
            if q["note"] or q["status"] != Status.OPEN or q["updated_at"]
        }
        own = {q["id"]: q["ask"] for q in data["questions"] if q.get("own")}
        corrections = {
            c["flag"]: Correction(c["flag"], c["status"], c["reason"], c["question_id"], tuple(c["evidence"]), c["updated_at"])
            for c in data.get("corrections", [])
        }
        sources = [Source(s["id"], s["label"], s["text"], s["added_at"]) for s in data.get("sources", [])]
        return Interview(
            id=meta["id"],
            company=meta["company"],
            role=meta["role"],
            date=meta["date"],
            persona=meta["persona"],
            minutes=meta["minutes"],
            categories=tuple(meta["categories"]),
            question_ids=[q["id"] for q in data["questions"]],
            answers=answers,
            current=meta["current"],
            created_at=meta["created_at"],
            updated_at=meta["updated_at"],
            general_note=meta.get("general_note", ""),
            own_questions=own,
            corrections=corrections,
            sources=sources,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ShapeError(f"the report is incomplete: missing {exc}") from None


COMPARISON_SCHEMA = "prepbot.comparison"
COMPARISON_VERSION = 1


def comparison_as_dict(comparison) -> dict:
    """`prepbot compare --format json`: interviews side by side, one entry per flag, what to ask next.

    A cell's state is one of red, green, dismissed, not-heard (asked, nothing heard) or not-asked
    (no answered question probed it); its evidence is the quoted words, where they were heard.
    """
    return {
        "schema": COMPARISON_SCHEMA,
        "version": COMPARISON_VERSION,
        "interviews": [
            {"id": c.id, "company": c.company, "role": c.role, "date": c.date, "verdict": c.verdict, "score": c.score}
            for c in comparison.columns
        ],
        "flags": [
            {
                "id": row.id,
                "kind": row.kind,
                "title": row.flag.title,
                "cells": [
                    {
                        "interview": cell.interview_id,
                        "state": cell.state,
                        **({"settle_with": cell.settle} if cell.settle else {}),
                        "evidence": [
                            {
                                "text": h.evidence.text,
                                **({"question_id": h.question_id} if h.question_id else {"source": h.source_id}),
                            }
                            for h in (cell.finding.heard if cell.finding else ())
                        ],
                    }
                    for cell in row.cells
                ],
            }
            for row in comparison.rows
        ],
        "next_questions": {
            interview_id: [{"id": n.question.id, "ask": n.question.ask, "flags": list(n.flags)} for n in ahead]
            for interview_id, ahead in comparison.next_questions.items()
        },
    }
