"""The several-writers rule, in one place: what a save does when another window (the TUI, a
shell running `prepbot note` or `prepbot flags`) changed the same interview meanwhile.

- Every answer has a version. A save writes an answer only if its stored version is still the one
  this window loaded (compare-and-swap); when another window saved it meanwhile, what each side
  changed is kept: both texts (`merge_notes`) when both changed the note.
- Everything else is written per field and per record, on top of what is stored now: a window
  changes only what its user changed (`changed_fields`), and learns what changed underneath it
  (`SaveResult.underneath`) so its screens show it. The general note merges like an answer's note;
  a detail both changed to different values is a conflict the caller must show, never overwrite.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from prepbot.interview import Answer, Interview, now_iso, status_with_note
from prepbot.store.files import StoreError

# The fields of an interview another window may change, compared one by one (answers aside).
FIELDS = (
    "company",
    "role",
    "date",
    "persona",
    "minutes",
    "categories",
    "question_ids",
    "own_questions",
    "general_note",
    "corrections",
    "sources",
)

CONFLICT_MARKER = "--- also typed in another window ---"
GENERAL_NOTE = ""  # Conflict.question_id of the interview's general note


@dataclass(frozen=True)
class Conflict:
    """One answer another window saved after this window loaded it.

    `stored_text` is now in the database *and* in this window's `Answer.note` (with the new
    version): the UI should put it back in the editor. It is `merge_notes(other_text, this_text)`
    when this window had changed the note too, or simply `other_text` when it had not.
    """

    question_id: str
    other_text: str  # what the other window had saved
    this_text: str  # what this window tried to save
    stored_text: str  # what is stored now

    @property
    def merged(self) -> bool:
        """Both texts kept, separated by CONFLICT_MARKER (rather than the other text adopted)."""
        return self.stored_text not in (self.other_text, self.this_text)


@dataclass(frozen=True)
class SaveResult:
    """What a save did besides saving, for the UI to tell the user. Falsy fields: nothing to say.

    - `conflicts`: answers another window had saved meanwhile; the Interview passed in already
      holds what was stored (note, status, version), so the UI reloads the note it shows.
    - `recreated`: the database file had been deleted or replaced by another program; a database
      was opened (created) at the path again and the whole interview written into it. Other
      interviews that were only in the old file are not in the new one.
    - `moved_aside`: with `recreated`, where the file found at the path went when it was not a
      readable database (like `Store.recovered_from`), else None.
    - `restored`: the interview had been deleted (from another window) and was written back whole.
    - `underneath`: the fields (see FIELDS) another window had changed since this window read the
      interview; the Interview passed in now holds them, for the screens to show.
    - `message`: one user-facing line summing these up, or None.
    """

    conflicts: tuple[Conflict, ...] = ()
    recreated: bool = False
    restored: bool = False
    path: Path | None = None
    moved_aside: Path | None = None
    underneath: tuple[str, ...] = ()

    @property
    def conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def other_text(self) -> str | None:
        """The other window's text of the first conflicting answer (the only one for save_answer)."""
        return self.conflicts[0].other_text if self.conflicts else None

    @property
    def message(self) -> str | None:
        parts = []
        if self.recreated:
            parts.append(
                f"the database {self.path} was deleted or replaced by another program; "
                "this interview was saved into a new one there"
            )
        if self.moved_aside:
            parts.append(f"the damaged file found there was moved to {self.moved_aside}")
        if self.restored:
            parts.append("this interview had been deleted in another window; it was saved again")
        if self.conflicts:
            merged = any(c.merged for c in self.conflicts)
            what = "note" if len(self.conflicts) == 1 else f"{len(self.conflicts)} notes"
            if len(self.conflicts) == 1 and self.conflicts[0].question_id == GENERAL_NOTE:
                what = "general note"
            parts.append(
                f"another window changed the same {what}; " + ("both texts are kept" if merged else "its text was loaded")
            )
        if not parts:
            return None
        text = "; ".join(parts)
        return text[0].upper() + text[1:]


def merge_notes(other: str, this: str) -> str:
    """Both windows' texts of one note: the other's, the marker line, then this one's.

    No text is repeated: when one contains the other (or is blank) the longer one is kept alone.
    """
    if not other.strip() or other.strip() in this:
        return this
    if not this.strip() or this.strip() in other:
        return other
    return f"{other.rstrip()}\n{CONFLICT_MARKER}\n{this.lstrip()}"


class Conflicting(StoreError):
    """Another window changed the same detail or flag to something else: nothing was written."""


def set_field(mine: Interview, stored: Interview, underneath: tuple[str, ...], name: str, value: object) -> None:
    """A detail set in this window: left alone when it is what this window already had (the
    dialog sends every field), written otherwise, unless another window changed it to something
    else meanwhile (Conflicting: shown, never overwritten)."""
    if value == getattr(mine, name):
        return
    if name in underneath and getattr(stored, name) != value:
        raise Conflicting(
            f"The {name} was changed in another window meanwhile (to {getattr(stored, name)!r}); "
            "nothing was changed: look at the details again"
        )
    setattr(stored, name, value)


def set_general_note(mine: Interview, stored: Interview, underneath: tuple[str, ...], text: str) -> Conflict | None:
    """The general note set in this window; when another window changed it too, both texts are
    kept as for an answer's note, and the Conflict says so."""
    if text == mine.general_note:
        return None  # not changed here: what is stored stays
    note, conflict = text, None
    if "general_note" in underneath and stored.general_note != text:
        note = merge_notes(stored.general_note, text)
        if note != text:
            conflict = Conflict(GENERAL_NOTE, stored.general_note, text, note)
    stored.general_note = note
    stored.touch()
    return conflict


def same_correction(mine: Interview, stored: Interview, underneath: tuple[str, ...], flag_id: str) -> None:
    """A flag corrected in this window must not have been corrected otherwise elsewhere meanwhile."""
    if "corrections" in underneath and mine.corrections.get(flag_id) != stored.corrections.get(flag_id):
        now = stored.corrections.get(flag_id)
        state = f"now {now.status}" if now else "the correction was taken back"
        raise Conflicting(f"Flag '{flag_id}' was changed in another window meanwhile ({state}); nothing was changed")


def changed_fields(mine: Interview, stored: Interview) -> tuple[str, ...]:
    """The fields whose stored value differs from this window's copy: changed underneath it."""
    return tuple(name for name in FIELDS if getattr(mine, name) != getattr(stored, name))


def adopt(mine: Interview, stored: Interview) -> None:
    """Bring this window's copy to what is stored (answers aside: they have their own versions);
    the window's current question stays current when it is still in the plan."""
    current_id = mine.question_ids[mine.current] if 0 <= mine.current < len(mine.question_ids) else None
    for name in (*FIELDS, "created_at", "updated_at"):
        setattr(mine, name, getattr(stored, name))
    mine.current = (
        mine.question_ids.index(current_id)
        if current_id in mine.question_ids
        else min(mine.current, max(len(mine.question_ids) - 1, 0))
    )


@dataclass
class Outcome:
    answer: Answer
    note: str
    status: str
    updated_at: str
    version: int
    conflict: Conflict | None


def write_answer(connection: sqlite3.Connection, interview_id: str, answer: Answer, base: tuple[int, str, str] | None) -> Outcome:
    """Compare-and-swap one answer inside the open transaction; memory is updated after COMMIT.

    `base` is (version, note, status) as this window last loaded or saved it: with it, a stale
    save tells "changed here" from "not touched here".
    """
    row = connection.execute(
        "SELECT note, status, updated_at, version FROM answers WHERE interview_id = ? AND question_id = ?",
        (interview_id, answer.question_id),
    ).fetchone()
    note, status, updated_at = answer.note, answer.status, answer.updated_at or now_iso()
    conflict = None
    if row is None:
        version = answer.version + 1
        connection.execute(
            "INSERT INTO answers (interview_id, question_id, note, status, updated_at, version) VALUES (?, ?, ?, ?, ?, ?)",
            (interview_id, answer.question_id, note, status, updated_at, version),
        )
        return Outcome(answer, note, status, updated_at, version, None)
    if row["version"] == answer.version:
        if (row["note"], row["status"], row["updated_at"]) == (note, status, updated_at):
            return Outcome(answer, note, status, updated_at, answer.version, None)  # nothing changed
    else:
        # Another window saved this answer after we loaded it: keep what each side changed.
        known = base is not None and base[0] == answer.version
        note_changed = not known or answer.note != base[1]  # type: ignore[index]
        status_changed = not known or answer.status != base[2]  # type: ignore[index]
        note = merge_notes(row["note"], answer.note) if note_changed else row["note"]
        status = status_with_note(note, answer.status if status_changed else row["status"])
        if note == row["note"] and status == row["status"]:
            updated_at = row["updated_at"]
        else:
            updated_at = now_iso()
        if note != answer.note:
            conflict = Conflict(answer.question_id, row["note"], answer.note, note)
        if (note, status, updated_at) == (row["note"], row["status"], row["updated_at"]):
            return Outcome(answer, note, status, updated_at, row["version"], conflict)
    version = row["version"] + 1
    connection.execute(
        "UPDATE answers SET note = ?, status = ?, updated_at = ?, version = ? "
        "WHERE interview_id = ? AND question_id = ? AND version = ?",
        (note, status, updated_at, version, interview_id, answer.question_id, row["version"]),
    )
    return Outcome(answer, note, status, updated_at, version, conflict)
