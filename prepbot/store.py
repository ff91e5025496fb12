"""Saved interviews: an embedded SQLite database in the data directory.

- WAL mode and a busy timeout, so two prepbot processes can write at once without losing either.
- `PRAGMA user_version` holds the schema version; MIGRATIONS bring older files up to date, and a
  file from a newer prepbot is refused rather than downgraded.
- A file that is not a readable database is moved aside with a timestamp (never deleted) and a
  fresh one is started; `recovered_from` says where the old one went.
- The data directory is created 0700 and the database 0600: notes about a company are private.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from prepbot import locations
from prepbot.interview import Answer, Interview, now_iso

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, str] = {
    # version reached -> SQL that gets there from the version before
    1: """
        CREATE TABLE interviews (
            id TEXT PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL,
            persona TEXT,
            minutes REAL,
            categories TEXT NOT NULL DEFAULT '[]',
            question_ids TEXT NOT NULL DEFAULT '[]',
            current INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE answers (
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, question_id)
        );
    """,
}


class StoreError(Exception):
    """A one-line, user-facing reason the store cannot be used."""


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


class Store:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else locations.database_path()
        self.recovered_from: Path | None = None
        self._connection = self._open()

    # -- opening

    def _open(self) -> sqlite3.Connection:
        directory = self.path.parent
        try:
            locations.make_private_dir(directory)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {directory}: {exc.strerror or exc}") from None
        try:
            try:
                return self._connect()
            except sqlite3.DatabaseError as exc:
                if _is_corruption(exc):
                    self._move_aside()
                    return self._connect()
                if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
                    raise StoreError(f"cannot open {self.path}: the database or its folder is read-only") from None
                raise StoreError(f"cannot open {self.path}: {exc}") from None
        except PermissionError:
            raise StoreError(f"cannot open {self.path}: permission denied") from None
        except OSError as exc:
            raise StoreError(f"cannot open {self.path}: {exc.strerror or exc}") from None

    def _connect(self) -> sqlite3.Connection:
        new_file = not self.path.exists()
        if new_file and not os.access(self.path.parent, os.W_OK):
            raise StoreError(f"the data directory {self.path.parent} is not writable")
        try:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        if new_file:
            os.chmod(self.path, 0o600)
        connection.row_factory = sqlite3.Row
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA busy_timeout = 10000")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                connection.close()
                raise StoreError(
                    f"{self.path} was written by a newer prepbot (schema {version}, this one knows {SCHEMA_VERSION}); "
                    "upgrade prepbot to open it"
                )
            try:
                connection.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                pass  # a read-only directory cannot hold the WAL files; plain journaling still works
            self._migrate(connection, version)
            connection.execute("SELECT count(*) FROM interviews").fetchone()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def _migrate(self, connection: sqlite3.Connection, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            try:
                connection.execute("BEGIN IMMEDIATE")
                current = connection.execute("PRAGMA user_version").fetchone()[0]
                if current < target:  # another process may have migrated meanwhile
                    # One statement at a time: executescript() would commit our transaction early.
                    for statement in MIGRATIONS[target].split(";"):
                        if statement.strip():
                            connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {target}")
                connection.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
                    raise StoreError(f"cannot set up {self.path}: the data directory is read-only") from None
                raise

    def _move_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            sidecar = self.path.with_name(self.path.name + suffix)
            if sidecar.exists():
                os.replace(sidecar, target.with_name(target.name + suffix))
        self.recovered_from = target

    def close(self) -> None:
        self._connection.close()

    # -- reading

    def list(self) -> list[InterviewRow]:
        rows = self._connection.execute(
            """
            SELECT i.*, (SELECT count(*) FROM answers a WHERE a.interview_id = i.id
                         AND (trim(a.note) != '' OR a.status = 'asked')) AS answered
            FROM interviews i ORDER BY i.updated_at DESC, i.company
            """
        ).fetchall()
        return [
            InterviewRow(
                id=r["id"], company=r["company"], role=r["role"], date=r["date"], persona=r["persona"],
                question_count=len(json.loads(r["question_ids"])), answered_count=r["answered"],
                updated_at=r["updated_at"],
            )
            for r in rows
        ]

    def load(self, interview_id: str) -> Interview:
        row = self._connection.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise StoreError(f"no saved interview with id '{interview_id}'")
        answers = {
            a["question_id"]: Answer(a["question_id"], a["note"], a["status"], a["updated_at"])
            for a in self._connection.execute("SELECT * FROM answers WHERE interview_id = ?", (interview_id,))
        }
        return Interview(
            id=row["id"], company=row["company"], role=row["role"], date=row["date"], persona=row["persona"],
            minutes=row["minutes"], categories=tuple(json.loads(row["categories"])),
            question_ids=json.loads(row["question_ids"]), answers=answers, current=row["current"],
            created_at=row["created_at"], updated_at=row["updated_at"],
        )

    def find(self, key: str) -> Interview:
        """An interview by id, id prefix or company name (case-insensitive), for the CLI."""
        rows = self._connection.execute(
            "SELECT id FROM interviews WHERE id = ? OR id LIKE ? OR lower(company) = lower(?) ORDER BY updated_at DESC",
            (key, key.replace("%", "").replace("_", "") + "%", key),
        ).fetchall()
        if not rows and key.strip():  # then any company name containing the words given
            rows = [
                r for r in self._connection.execute("SELECT id, company FROM interviews ORDER BY updated_at DESC")
                if key.strip().lower() in r["company"].lower()
            ]
        if not rows:
            raise StoreError(f"no saved interview matches '{key}' (see 'prepbot sessions list')")
        ids = {r["id"] for r in rows}
        if len(ids) > 1 and key not in ids:
            raise StoreError(f"'{key}' matches {len(ids)} interviews; use the id from 'prepbot sessions list'")
        return self.load(key if key in ids else rows[0]["id"])

    # -- writing

    def save(self, interview: Interview) -> None:
        """Write the whole interview and every answer in one transaction."""
        with self._transaction() as connection:
            connection.execute(
                """
                INSERT INTO interviews (id, company, role, date, persona, minutes, categories, question_ids,
                                        current, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET company = excluded.company, role = excluded.role,
                    date = excluded.date, persona = excluded.persona, minutes = excluded.minutes,
                    categories = excluded.categories, question_ids = excluded.question_ids,
                    current = excluded.current, updated_at = excluded.updated_at
                """,
                (
                    interview.id, interview.company, interview.role, interview.date, interview.persona,
                    interview.minutes, json.dumps(list(interview.categories)), json.dumps(interview.question_ids),
                    interview.current, interview.created_at, interview.updated_at,
                ),
            )
            for answer in interview.answers.values():
                self._upsert_answer(connection, interview.id, answer)

    def save_answer(self, interview: Interview, question_id: str) -> None:
        """Autosave one note (and where the interview is): cheap enough for every pause in typing."""
        answer = interview.answer_for(question_id)
        with self._transaction() as connection:
            self._upsert_answer(connection, interview.id, answer)
            connection.execute(
                "UPDATE interviews SET current = ?, updated_at = ? WHERE id = ?",
                (interview.current, now_iso(), interview.id),
            )

    def delete(self, interview_id: str) -> None:
        with self._transaction() as connection:
            connection.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))

    @staticmethod
    def _upsert_answer(connection: sqlite3.Connection, interview_id: str, answer: Answer) -> None:
        connection.execute(
            """
            INSERT INTO answers (interview_id, question_id, note, status, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(interview_id, question_id) DO UPDATE SET note = excluded.note,
                status = excluded.status, updated_at = excluded.updated_at
            """,
            (interview_id, answer.question_id, answer.note, answer.status, answer.updated_at or now_iso()),
        )

    def _transaction(self):
        return _Transaction(self)


class _Transaction:
    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.store._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(_write_problem(self.store.path, exc)) from None
        return self.store._connection

    def __exit__(self, exc_type, exc, tb) -> bool:
        connection = self.store._connection
        if exc_type is None:
            try:
                connection.execute("COMMIT")
            except sqlite3.OperationalError as error:
                connection.execute("ROLLBACK")
                raise StoreError(_write_problem(self.store.path, error)) from None
            return False
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise StoreError(_write_problem(self.store.path, exc)) from None
        return False


def _write_problem(path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return f"cannot save to {path}: the file or its directory is read-only"
    if "locked" in text or "busy" in text:
        return f"cannot save to {path}: another program holds the database locked"
    if "disk" in text and "full" in text:
        return f"cannot save to {path}: the disk is full"
    return f"cannot save to {path}: {exc}"


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text
