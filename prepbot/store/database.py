"""Saved interviews: an embedded SQLite database in the data directory (see files.py for the
file itself, migrations.py for the schema, rows.py for the mapping, merge.py for several writers).

- Writing fails with `StoreError` (a one-line message), `DiskFullError` when the disk is full;
  nothing in the store ever clears a note held in memory, so the caller can retry. Reading keeps
  working on a full disk.
- Writes change only what the caller changed: answers by compare-and-swap on their versions
  (`save_answer`, `save_answers`), everything else through `update`, which applies a change to
  what is stored now and writes the fields and records it changed, in one transaction.
"""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

import prepbot.store.rows as rows
from prepbot.interview import Interview, now_iso
from prepbot.store.files import DatabaseFile, NotFound, StoreError, read_error, write_error
from prepbot.store.merge import Outcome, SaveResult, adopt, changed_fields, write_answer
from prepbot.store.rows import InterviewRow

T = TypeVar("T")


class Store(DatabaseFile):
    """The saved interviews. Every method raises only StoreError (DiskFullError on a full disk,
    NotFound for an interview that is not there).

    Writing methods take the Interview the window holds and return a SaveResult; they update that
    Interview (answers' versions, what changed underneath) only once the write has been
    committed, so after an exception the Interview is exactly as it was.
    """

    def __init__(self, path: Path | None = None):
        # (interview id, question id) -> (version, note, status) as last loaded or saved here:
        # the base a conflicting save compares against, to tell "changed here" from "stale".
        self._seen: dict[tuple[str, str], tuple[int, str, str]] = {}
        super().__init__(path)

    def _forget_versions(self) -> None:
        self._seen.clear()

    # -- reading

    def rows(self) -> list[InterviewRow]:
        """Every interview, most recently changed first (see rows.listing)."""
        try:
            return rows.listing(self._connection)
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None

    def exists(self, interview_id: str) -> bool:
        try:
            return self._connection.execute("SELECT 1 FROM interviews WHERE id = ?", (interview_id,)).fetchone() is not None
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None

    def load(self, interview_id: str) -> Interview:
        try:
            interview = rows.read_interview(self._connection, interview_id)
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None
        if interview is None:
            raise NotFound(f"no saved interview with id '{interview_id}'")
        self._remember(interview)
        return interview

    def peek(self, interview_id: str) -> Interview | None:
        """What is stored now, without taking it as this window's base for later saves; None
        when it is not there."""
        try:
            return rows.read_interview(self._connection, interview_id)
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None

    def _remember(self, interview: Interview) -> None:
        for answer in interview.answers.values():
            self._seen[(interview.id, answer.question_id)] = (answer.version, answer.note, answer.status)

    def find(self, key: str) -> Interview:
        """An interview by id, id prefix or company name (case-insensitive), for the CLI.

        `%` and `_` in the key are literal. An empty key, or one of only blanks and `%`/`_`,
        raises StoreError rather than matching everything.
        """
        key = key.strip()
        if not "".join(ch for ch in key if ch not in "%_" and not ch.isspace()):
            raise StoreError("give an interview id or company name (see 'prepbot sessions list')")
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        try:
            rows = self._connection.execute(
                "SELECT id FROM interviews WHERE id = ? OR id LIKE ? ESCAPE '\\' OR lower(company) = lower(?) "
                "ORDER BY updated_at DESC",
                (key, escaped + "%", key),
            ).fetchall()
            if not rows:  # then any company name containing the words given
                rows = [
                    r
                    for r in self._connection.execute("SELECT id, company FROM interviews ORDER BY updated_at DESC")
                    if key.lower() in r["company"].lower()
                ]
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None
        if not rows:
            raise NotFound(f"no saved interview matches '{key}' (see 'prepbot sessions list')")
        ids = {r["id"] for r in rows}
        if len(ids) > 1 and key not in ids:
            raise StoreError(f"'{key}' matches {len(ids)} interviews; use the id from 'prepbot sessions list'")
        return self.load(key if key in ids else rows[0]["id"])

    # -- writing

    def save(self, interview: Interview) -> SaveResult:
        """Write the whole interview: a new one, or one restored from a report.

        Answers are compared-and-swapped on their versions like in `save_answer`; answers another
        window saved meanwhile come back in `SaveResult.conflicts`. Raises StoreError,
        DiskFullError; on an exception nothing was written and `interview` is unchanged.
        """
        recreated = self._reopen_if_moved_for_write()
        with self._transaction() as connection:
            outcomes = self._write_everything(connection, interview)
        return self._apply(interview, outcomes, recreated=recreated)

    def replace(self, interview: Interview) -> SaveResult:
        """Put `interview` in place of the saved one with its id, in one transaction: either the
        old one stays whole or the new one is saved whole."""
        recreated = self._reopen_if_moved_for_write()
        with self._transaction() as connection:
            connection.execute("DELETE FROM interviews WHERE id = ?", (interview.id,))
            outcomes = self._write_everything(connection, interview)
        self._forget(interview.id)
        return self._apply(interview, outcomes, recreated=recreated)

    def save_answer(self, interview: Interview, question_id: str) -> SaveResult:
        """Autosave one note (and where the interview is): cheap enough for every pause in typing.

        Compare-and-swap: the answer is written only if its stored version is still
        `Answer.version` (what this window loaded or last saved); the version is then bumped.
        If another window saved it meanwhile, the stored note becomes `merge_notes(other, this)`
        (or the other's text when this window had not changed the note), the Answer in
        `interview` is updated to it, and `SaveResult.conflicts` holds one Conflict.
        If the file was deleted/replaced (`recreated`) or the interview deleted (`restored`),
        the whole interview is written. Raises StoreError, DiskFullError (then retry later: the
        note is still in `interview`).
        """
        return self._save_answers(interview, [interview.answer_for(question_id)])

    def save_answers(self, interview: Interview) -> SaveResult:
        """Every answer of the window (after failed saves, notes typed meanwhile may be under
        several questions), compared-and-swapped like `save_answer`; nothing else is written."""
        return self._save_answers(interview, list(interview.answers.values()))

    def _save_answers(self, interview: Interview, answers: list) -> SaveResult:
        if self._reopen_if_moved_for_write():
            with self._transaction() as connection:
                outcomes = self._write_everything(connection, interview)
            return self._apply(interview, outcomes, recreated=True)
        with self._transaction() as connection:
            exists = connection.execute("SELECT 1 FROM interviews WHERE id = ?", (interview.id,)).fetchone()
            if exists is None:
                outcomes = self._write_everything(connection, interview)
                restored = True
            else:
                outcomes = [self._write_answer(connection, interview.id, answer) for answer in answers]
                connection.execute(
                    "UPDATE interviews SET current = ?, updated_at = ? WHERE id = ?",
                    (interview.current, now_iso(), interview.id),
                )
                restored = False
        return self._apply(interview, outcomes, restored=restored)

    def update(self, interview: Interview, change: Callable[[Interview, tuple[str, ...]], T]) -> tuple[T, SaveResult]:
        """Apply `change` to the interview as stored now and write only what it changed.

        `change(stored, underneath)` gets the stored interview and the fields another window
        changed since `interview` was read; it changes `stored` (or raises: nothing is written).
        The window's answers are saved with it (compare-and-swap). After COMMIT, `interview`
        holds what is stored, and `SaveResult.underneath` says what it learnt. An interview
        deleted meanwhile is written back whole (`restored`), with the change.
        """
        recreated = self._reopen_if_moved_for_write()
        with self._transaction() as connection:
            # The window's answers first (compare-and-swap): the change then sees every note.
            exists = connection.execute("SELECT 1 FROM interviews WHERE id = ?", (interview.id,)).fetchone() is not None
            outcomes = [self._write_answer(connection, interview.id, a) for a in interview.answers.values()] if exists else []
            stored = rows.read_interview(connection, interview.id) if exists else None
            restored = stored is None
            if stored is None:
                stored = copy.deepcopy(interview)
            underneath = () if restored else changed_fields(interview, stored)
            before = copy.deepcopy(stored)
            result = change(stored, underneath)
            if restored:
                rows.write_interview_row(connection, stored)
                rows.write_records(connection, stored)
                outcomes = [self._write_answer(connection, interview.id, a) for a in interview.answers.values()]
            else:
                rows.write_changes(connection, before, stored)
        adopt(interview, stored)
        saved = self._apply(interview, outcomes, recreated=recreated, restored=restored)
        return result, SaveResult(
            saved.conflicts, saved.recreated, saved.restored, saved.path, saved.moved_aside, underneath=underneath
        )

    def refresh(self, interview: Interview) -> SaveResult:
        """Read what is stored into the window's copy (answers it has not changed included); what
        changed underneath it comes back in `underneath`. Nothing is written."""
        try:
            stored = rows.read_interview(self._connection, interview.id)
        except sqlite3.Error as exc:
            raise read_error(self.path, exc) from None
        if stored is None:
            raise NotFound(f"no saved interview with id '{interview.id}'")
        underneath = changed_fields(interview, stored)
        adopt(interview, stored)
        for question_id, answer in stored.answers.items():
            mine = interview.answers.get(question_id)
            base = self._seen.get((interview.id, question_id))
            untouched = mine is None or (base is not None and (mine.version, mine.note, mine.status) == base)
            if untouched and (mine is None or mine.version != answer.version):
                interview.answers[question_id] = answer
                self._seen[(interview.id, question_id)] = (answer.version, answer.note, answer.status)
                underneath += ("answers",) if "answers" not in underneath else ()
        return SaveResult(underneath=underneath, path=self.path)

    def delete(self, interview_id: str) -> None:
        """Delete an interview and its answers. Raises StoreError, DiskFullError.

        A window that still holds this interview writes it back on its next `save_answer`
        (`SaveResult.restored`): nothing typed there is lost.
        """
        self._reopen_if_moved_for_write()
        with self._transaction() as connection:
            connection.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
        self._forget(interview_id)

    def _forget(self, interview_id: str) -> None:
        for key in [k for k in self._seen if k[0] == interview_id]:
            del self._seen[key]

    def _reopen_if_moved_for_write(self) -> bool:
        if self.read_only_disk_full:
            self._reopen_writable()
        try:
            return self._reopen_if_moved()
        except sqlite3.Error as exc:
            raise write_error(self.path, exc) from None

    def _write_everything(self, connection: sqlite3.Connection, interview: Interview) -> list[Outcome]:
        rows.write_interview_row(connection, interview)
        rows.write_records(connection, interview)
        return [self._write_answer(connection, interview.id, answer) for answer in interview.answers.values()]

    def _write_answer(self, connection: sqlite3.Connection, interview_id: str, answer) -> Outcome:
        return write_answer(connection, interview_id, answer, self._seen.get((interview_id, answer.question_id)))

    def _apply(
        self, interview: Interview, outcomes: list[Outcome], recreated: bool = False, restored: bool = False
    ) -> SaveResult:
        """After COMMIT: bring the in-memory answers to what is stored."""
        for outcome in outcomes:
            answer = outcome.answer
            answer.note, answer.status = outcome.note, outcome.status
            answer.updated_at, answer.version = outcome.updated_at, outcome.version
            self._seen[(interview.id, answer.question_id)] = (answer.version, answer.note, answer.status)
        conflicts = tuple(o.conflict for o in outcomes if o.conflict is not None)
        moved_aside, self._moved_aside = (self._moved_aside if recreated else None), None
        return SaveResult(conflicts=conflicts, recreated=recreated, restored=restored, path=self.path, moved_aside=moved_aside)

    def _transaction(self):
        return _Transaction(self)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT; any sqlite error becomes a StoreError (DiskFullError when full).

    SQLite rolls a transaction back by itself when COMMIT (or a statement) fails on a full disk
    or an I/O error, so ROLLBACK is issued only while a transaction is still active.
    """

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.store._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise write_error(self.store.path, exc) from None
        return self.store._connection

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        connection = self.store._connection
        problem = exc
        if exc_type is None:
            try:
                connection.execute("COMMIT")
                return False
            except sqlite3.Error as error:
                problem = error
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the transaction is gone either way; report the first problem
        if isinstance(problem, sqlite3.Error):
            raise write_error(self.store.path, problem) from None
        return False
