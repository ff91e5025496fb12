"""Row mapping: SQLite rows <-> Interview, Answer, Correction, Source; and the writes of whole
records (an interview row, one correction, one source), each inside the caller's transaction."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from prepbot.interview import Answer, Correction, Interview, Source, now_iso


@dataclass(frozen=True)
class InterviewRow:
    """What the home screen and `prepbot sessions list` show, without loading every note."""

    id: str
    company: str
    role: str
    date: str
    persona: str | None
    question_count: int
    answered_count: int
    updated_at: str


def listing(connection: sqlite3.Connection) -> list[InterviewRow]:
    """Every interview, most recently changed first. `answered_count` follows the same rule as
    `Interview.answered_count` (Answer.answered, for the planned questions): one rule everywhere."""
    rows = connection.execute("SELECT * FROM interviews i ORDER BY i.updated_at DESC, i.company").fetchall()
    answers: dict[str, dict[str, Answer]] = {}
    for a in connection.execute("SELECT interview_id, question_id, note, status FROM answers"):
        answers.setdefault(a["interview_id"], {})[a["question_id"]] = Answer(a["question_id"], a["note"], a["status"])
    result = []
    for r in rows:
        question_ids = json.loads(r["question_ids"])
        mine = answers.get(r["id"], {})
        answered = sum(1 for q in question_ids if q in mine and mine[q].answered)
        result.append(
            InterviewRow(
                id=r["id"],
                company=r["company"],
                role=r["role"],
                date=r["date"],
                persona=r["persona"],
                question_count=len(question_ids),
                answered_count=answered,
                updated_at=r["updated_at"],
            )
        )
    return result


def read_interview(connection: sqlite3.Connection, interview_id: str) -> Interview | None:
    """The stored interview with every answer, correction and source; None when there is none."""
    row = connection.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        return None
    answers = {
        a["question_id"]: Answer(a["question_id"], a["note"], a["status"], a["updated_at"], a["version"])
        for a in connection.execute("SELECT * FROM answers WHERE interview_id = ?", (interview_id,))
    }
    corrections = {
        c["flag_id"]: Correction(
            c["flag_id"], c["status"], c["reason"], c["question_id"], tuple(json.loads(c["evidence"])), c["updated_at"]
        )
        for c in connection.execute("SELECT * FROM corrections WHERE interview_id = ?", (interview_id,))
    }
    sources = [
        Source(s["id"], s["label"], s["text"], s["added_at"])
        for s in connection.execute("SELECT * FROM sources WHERE interview_id = ? ORDER BY position", (interview_id,))
    ]
    return Interview(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        date=row["date"],
        persona=row["persona"],
        minutes=row["minutes"],
        categories=tuple(json.loads(row["categories"])),
        question_ids=json.loads(row["question_ids"]),
        answers=answers,
        current=row["current"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        general_note=row["general_note"],
        own_questions=json.loads(row["own_questions"]),
        corrections=corrections,
        sources=sources,
    )


# The interviews row: column -> how a field of Interview is stored in it.
COLUMNS = {
    "company": lambda i: i.company,
    "role": lambda i: i.role,
    "date": lambda i: i.date,
    "persona": lambda i: i.persona,
    "minutes": lambda i: i.minutes,
    "categories": lambda i: json.dumps(list(i.categories)),
    "question_ids": lambda i: json.dumps(i.question_ids),
    "current": lambda i: i.current,
    "created_at": lambda i: i.created_at,
    "updated_at": lambda i: i.updated_at,
    "general_note": lambda i: i.general_note,
    "own_questions": lambda i: json.dumps(i.own_questions, ensure_ascii=False),
}


def write_interview_row(connection: sqlite3.Connection, interview: Interview) -> None:
    """Insert the interview's row, or overwrite every column of it (a new or a restored interview)."""
    names = list(COLUMNS)
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "created_at")
    connection.execute(
        f"INSERT INTO interviews (id, {', '.join(names)}) VALUES (?{', ?' * len(names)}) ON CONFLICT(id) DO UPDATE SET {updates}",
        (interview.id, *(COLUMNS[n](interview) for n in names)),
    )


def write_records(connection: sqlite3.Connection, interview: Interview) -> None:
    """Replace the interview's corrections and sources by its own (a new or a restored interview)."""
    connection.execute("DELETE FROM corrections WHERE interview_id = ?", (interview.id,))
    for correction in interview.corrections.values():
        put_correction(connection, interview.id, correction)
    connection.execute("DELETE FROM sources WHERE interview_id = ?", (interview.id,))
    for position, source in enumerate(interview.sources):
        put_source(connection, interview.id, source, position)


def write_changes(connection: sqlite3.Connection, before: Interview, after: Interview) -> None:
    """Write only what differs between two states of one interview: the changed columns of its
    row, and the corrections and sources added, changed or removed, one record at a time."""
    changed = [n for n in COLUMNS if n not in ("created_at", "current") and COLUMNS[n](before) != COLUMNS[n](after)]
    if changed:
        connection.execute(
            f"UPDATE interviews SET {', '.join(f'{n} = ?' for n in changed)} WHERE id = ?",
            (*(COLUMNS[n](after) for n in changed), after.id),
        )
    for flag_id in before.corrections.keys() - after.corrections.keys():
        connection.execute("DELETE FROM corrections WHERE interview_id = ? AND flag_id = ?", (after.id, flag_id))
    for flag_id, correction in after.corrections.items():
        if before.corrections.get(flag_id) != correction:
            put_correction(connection, after.id, correction)
    old = {s.id: (i, s) for i, s in enumerate(before.sources)}
    for source_id in old.keys() - {s.id for s in after.sources}:
        connection.execute("DELETE FROM sources WHERE interview_id = ? AND id = ?", (after.id, source_id))
    for position, source in enumerate(after.sources):
        if old.get(source.id) != (position, source):
            put_source(connection, after.id, source, position)


def put_correction(connection: sqlite3.Connection, interview_id: str, c: Correction) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO corrections (interview_id, flag_id, status, reason, question_id, evidence, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            interview_id,
            c.flag_id,
            c.status,
            c.reason,
            c.question_id,
            json.dumps(list(c.evidence), ensure_ascii=False),
            c.updated_at or now_iso(),
        ),
    )


def put_source(connection: sqlite3.Connection, interview_id: str, s: Source, position: int) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO sources (interview_id, id, position, label, text, added_at) VALUES (?, ?, ?, ?, ?, ?)",
        (interview_id, s.id, position, s.label, s.text, s.added_at or now_iso()),
    )
