"""The company file: a whole hiring process (`prepbot.process.Process`) as text, md, html or json.

JSON schema `prepbot.company`, version 1 (fields are only ever added). Rendering is pure.
"""

from __future__ import annotations

import json

from prepbot.bank import Bank
from prepbot.export.shapes import verdict_as_dict
from prepbot.textsafe import json_safe

COMPANY_SCHEMA = "prepbot.company"
COMPANY_VERSION = 1

STATE_LABELS = {
    "red": "✗ RED",
    "green": "✓ GREEN",
    "conflicting": "⚠ CONFLICT",
    "dismissed": "dismissed",
    "not-heard": "· not heard",
    "unknown": "– unknown",
}


def sighting_as_dict(sighting) -> dict:
    return {
        "round": sighting.round_id,
        "round_number": sighting.round_number,
        "text": sighting.text,
        "question_id": sighting.question_id,
        "ask": sighting.ask,
        "source": sighting.source,
    }


def company_as_dict(process) -> dict:
    return {
        "schema": COMPANY_SCHEMA,
        "version": COMPANY_VERSION,
        "company": process.company,
        "rounds": [
            {
                "id": r.id,
                "number": r.number,
                "date": r.date,
                "persona": r.persona,
                "role": r.interview.role,
                "minutes": r.interview.minutes,
                "answered": r.interview.answered_count,
                "questions": len(r.interview.question_ids),
                "progress": round(r.interview.progress, 3),
                "verdict": r.summary.verdict.label,
                "score": r.summary.verdict.score,
                "general_note": r.interview.general_note,
            }
            for r in process.rounds
        ],
        "sources": [
            {"round": r.id, "id": s.id, "label": s.label, "characters": len(s.text), "added_at": s.added_at}
            for r, s in process.sources
        ],
        "flags": [
            {
                "id": f.id,
                "kind": f.flag.kind,
                "title": f.flag.title,
                "severity": f.flag.severity,
                "status": f.status,
                "preference": process.preferences.of(f.id),
                "heard_in": list(f.heard_in),
                "rounds": {r.id: state for r, state in zip(process.rounds, f.states, strict=True)},
                "heard": [sighting_as_dict(s) for s in f.heard],
            }
            for f in process.flags
        ],
        "conflicts": [
            {
                "red": c.red.id,
                "green": c.green.id,
                "rounds": list(c.rounds),
                "red_heard": [sighting_as_dict(s) for s in c.red.heard],
                "green_heard": [sighting_as_dict(s) for s in c.green.heard],
                "settle_with": {"question_id": c.question_id, "ask": c.ask},
            }
            for c in process.conflicts
        ],
        "unknown": list(process.unknown),
        "verdict": verdict_as_dict(process.verdict),
        "preferences": process.preferences.as_dict(),
    }


def render_company(bank: Bank, process, fmt: str) -> str:
    """The company file in md, html, txt (or "text") or json."""
    from prepbot.export import _render

    fmt = "txt" if fmt == "text" else fmt
    if fmt == "json":
        return json_safe(json.dumps(company_as_dict(process), indent=2, ensure_ascii=False)) + "\n"

    def title(flag_id: str) -> str:
        return bank.flags[flag_id].title if flag_id in bank.flags else flag_id

    groups = [
        (heading, [f for f in process.flags if f.status == state])
        for state, heading in (
            ("red", "Red flags"),
            ("green", "Green flags"),
            ("conflicting", "Conflicting"),
            ("dismissed", "Dismissed or overruled"),
            ("not-heard", "Asked, nothing heard"),
        )
    ]
    return _render(
        f"company.{fmt}.j2",
        process=process,
        groups=groups,
        labels=STATE_LABELS,
        title=title,
        unknown=", ".join(title(f) for f in process.unknown),
        weights=process.preferences.as_dict(),
    )
