"""Whether an interview read back from a JSON report (`sessions import`) is fit to save: checked
whole, before anything is written, so a bad report never costs a saved interview.

Types, ranges, numbers SQLite can hold, text that is UTF-8, ids that are safe to print and to use
in a file name, known personas and flag ids, sources within the size every other input has.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from prepbot.bank import PERSONAS, Bank
from prepbot.export.shapes import ShapeError
from prepbot.interview import CORRECTIONS, STATUSES, Interview
from prepbot.values import parse_date, parse_minutes

MAX_ID_CHARS = 100
MAX_SOURCE_BYTES = 4 * 1024 * 1024  # like `analyze` and `import`
SQLITE_INT = (-(2**63), 2**63 - 1)


def check_report(interview: Interview, bank: Bank) -> None:
    """Raise ShapeError('not a valid prepbot report: ...') for the first problem found."""
    problem = _problem(interview, bank)
    if problem:
        raise ShapeError(f"not a valid prepbot report: {problem}")


def id_problem(value: object, what: str) -> str | None:
    """An id: text of 1 to 100 characters, no control characters, line breaks or path separators."""
    if not isinstance(value, str) or not value.strip():
        return f"{what} must be a non-empty string"
    if len(value) > MAX_ID_CHARS:
        return f"{what} is longer than {MAX_ID_CHARS} characters"
    if any(ch in "/\\" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in value):
        return f"{what} holds a control character, a line break or a path separator"
    return None


def _text(value: object, what: str, empty: bool = True) -> str | None:
    if not isinstance(value, str):
        return f"{what} must be a string"
    if not empty and not value.strip():
        return f"{what} must be a non-empty string"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} is not valid text (it holds a lone surrogate)"
    return None


def _moment(value: object, what: str, optional: bool = True) -> str | None:
    if optional and value in ("", None):
        return None
    if not isinstance(value, str):
        return f"{what} must be a date and time"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"{what} must be a date and time like 2026-12-01T10:00:00+00:00"
    return None


def _problem(interview: Interview, bank: Bank) -> str | None:
    checks = [
        id_problem(interview.id, "interview.id"),
        _text(interview.company, "interview.company", empty=False),
        _text(interview.role, "interview.role"),
        _text(interview.general_note, "interview.general_note"),
        _moment(interview.created_at, "interview.created_at", optional=False),
        _moment(interview.updated_at, "interview.updated_at", optional=False),
    ]
    found = next((c for c in checks if c), None)
    if found:
        return found
    try:
        parse_date(interview.date)
    except ValueError:
        return "interview.date must look like 2026-12-01"
    if interview.persona is not None and interview.persona not in PERSONAS:
        return f"interview.persona must be one of {', '.join(PERSONAS)} or null"
    if interview.minutes is not None:
        if isinstance(interview.minutes, bool) or not isinstance(interview.minutes, int | float):
            return "interview.minutes must be a number or null"
        try:
            parse_minutes(interview.minutes)
        except ValueError as exc:
            return f"interview.minutes: {exc}"
    if not isinstance(interview.categories, tuple | list) or not all(isinstance(c, str) for c in interview.categories):
        return "interview.categories must be a list of strings"
    current = interview.current
    if isinstance(current, bool) or not isinstance(current, int) or not SQLITE_INT[0] <= current <= SQLITE_INT[1]:
        return "interview.current must be a whole number"
    if not 0 <= current < max(len(interview.question_ids), 1):
        return "interview.current must be the position of a question of the plan"
    for question_id in interview.question_ids:
        found = id_problem(question_id, "a question id")
        if found:
            return found
    if len(set(interview.question_ids)) != len(interview.question_ids):
        return "a question is listed twice"
    for answer in interview.answers.values():
        found = (
            _text(answer.note, f"question '{answer.question_id}': the note")
            or _moment(answer.updated_at, f"question '{answer.question_id}': updated_at")
            or (None if answer.status in STATUSES else f"question '{answer.question_id}' has an unknown status")
        )
        if found:
            return found
    for question_id, ask in interview.own_questions.items():
        if _text(ask, "an own question", empty=False):
            return f"question '{question_id}' of your own has no text"
    for flag_id, correction in interview.corrections.items():
        what = f"the correction of flag '{flag_id}'"
        if id_problem(flag_id, "a flag id") or flag_id not in bank.flags:
            return f"{what}: no such flag in the bank"
        if correction.status not in CORRECTIONS:
            return f"{what}: unknown status"
        found = _text(correction.reason, f"{what}: the reason") or _moment(correction.updated_at, f"{what}: updated_at")
        if found:
            return found
        if correction.question_id is not None and correction.question_id not in interview.question_ids:
            return f"{what}: its question is not in the plan"
        if not all(isinstance(e, str) and not _text(e, "") for e in correction.evidence):
            return f"{what}: the evidence must be a list of strings"
    ids = [s.id for s in interview.sources]
    if len(set(ids)) != len(ids):
        return "two sources share an id"
    for source in interview.sources:
        found = (
            id_problem(source.id, "a source id")
            or _text(source.label, "a source's label")
            or _text(source.text, "a source's text")
            or _moment(source.added_at, "a source's added_at")
        )
        if found:
            return found
        if len(source.text.encode("utf-8")) > MAX_SOURCE_BYTES:
            return f"the source '{source.id}' is larger than {MAX_SOURCE_BYTES // 1048576} MiB"
    return None
